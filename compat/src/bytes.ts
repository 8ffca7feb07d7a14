// The lossless byte<->string codec (like Python's surrogateescape).
// Valid UTF-8 decodes to the usual code points; every byte that is not part of a valid
// sequence becomes U+DC80+byte, and encode() turns such a lone surrogate back into that byte.
// It lives in compat because it defines how the system's byte names become strings at the
// boundary (argv, environ, readdir, readlink); shared/ re-exports it.

// made at first use: `true` and most short runs never decode (~0.1 ms of start-up)
let strictDecoder: TextDecoder | undefined;
const strict = () => (strictDecoder ??= new TextDecoder("utf-8", { fatal: true }));
const utf8enc = new TextEncoder();

export function decode(b: Uint8Array, start = 0, end = b.length): string {
  const v = start === 0 && end === b.length ? b : b.subarray(start, end);
  // fast path: pure ASCII or valid UTF-8
  try {
    return strict().decode(v);
  } catch {
    return decodeSlow(v);
  }
}

/** Length of the valid UTF-8 sequence starting at b[i] (1..4), or 0 when invalid/truncated. */
export function utf8SeqLen(b: Uint8Array, i: number, end = b.length): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let n: number, min: number;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; }
  else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; }
  else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; }
  else return 0;
  if (i + n > end) return 0;
  let cp = c & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let k = 1; k < n; k++) {
    const d = b[i + k]!;
    if ((d & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

function decodeSlow(b: Uint8Array): string {
  let out = "";
  let i = 0;
  const end = b.length;
  let runStart = 0;
  while (i < end) {
    const n = utf8SeqLen(b, i, end);
    if (n > 0) { i += n; continue; }
    if (i > runStart) out += strict().decode(b.subarray(runStart, i));
    out += String.fromCharCode(0xdc00 + b[i]!);
    // bytes < 0x80 are always valid, so b[i] >= 0x80 here: U+DC80..U+DCFF
    i++;
    runStart = i;
  }
  if (runStart < end) out += strict().decode(b.subarray(runStart, end));
  return out;
}

const LONE = /[\uD800-\uDFFF]/;

/** True when s holds escaped bytes (or other lone surrogates) and needs encode() to reach the
 * system: String.prototype.isWellFormed (a native check that answers at once for a one-byte
 * string), else a regex that also counts surrogate pairs (encode() then does their work). */
export const hasEscapes: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === "function"
    ? (s) => !(s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => LONE.test(s);

export function encode(s: string): Uint8Array {
  if (!hasEscapes(s)) return utf8enc.encode(s);
  const parts: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) parts.push(c - 0xdc00);
    else if (c < 0x80) parts.push(c);
    else if (c < 0x800) parts.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) parts.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else parts.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(parts);
}

/** Byte length of s once encoded. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else if (c >= 0xdc80 && c <= 0xdcff) n++;
    else n += 3;
  }
  return n;
}

type Latin1Buffer = { latin1Slice(start: number, end: number): string };
type BufferCtor = { prototype: Latin1Buffer; from(s: string, enc: string): Uint8Array };
// the runtime makes its Buffer global when first touched (~0.1 ms): only when needed
let bufferCtor: BufferCtor | undefined;
const Buf = () => (bufferCtor ??= (globalThis as unknown as { Buffer: BufferCtor }).Buffer);

/** A binary string: one code unit (0..255) per byte, for the C locale's byte-wise matching. */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  return Buf().prototype.latin1Slice.call(b, start, end);
}

/** The bytes of a binary string (see latin1). */
export function unlatin1(s: string): Uint8Array {
  return Buf().from(s, "latin1");
}

/** A NUL-terminated byte copy of a lossless string, for libc calls through FFI. */
export function cstr(s: string): Uint8Array {
  const b = encode(s);
  const z = new Uint8Array(b.length + 1);
  z.set(b);
  return z;
}
