// Character classes as musl's C.UTF-8 locale defines them (src/ctype/isw*.c), and collation.
import { encode } from "@bsdbox/compat";

/** musl iswprint */
export function iswprint(wc: number): boolean {
  // musl computes on an unsigned wint_t: the subtractions wrap (>>> 0 does the same here)
  if (wc < 0xff) return ((wc + 1) & 0x7f) >= 0x21;
  if (wc < 0x2028 || ((wc - 0x202a) >>> 0) < 0xd800 - 0x202a || ((wc - 0xe000) >>> 0) < 0xfff9 - 0xe000) return true;
  if (((wc - 0xfffc) >>> 0) > 0x10ffff - 0xfffc || (wc & 0xfffe) === 0xfffe) return false;
  return true;
}

/** The locale from LC_ALL, LC_CTYPE, LANG: true when characters are UTF-8 (the default, as on
 * musl); false for "C" and "POSIX", where one byte is one character. */
export function utf8Locale(env: Map<string, string>): boolean {
  const v = env.get("LC_ALL") || env.get("LC_CTYPE") || env.get("LANG") || "C.UTF-8";
  return !(v === "C" || v === "POSIX");
}

/** The code point of the valid UTF-8 sequence of `len` bytes at b[i] (see utf8SeqLen). */
export function codePointAt(b: Uint8Array, i: number, len: number): number {
  const c = b[i]!;
  if (len === 1) return c;
  let cp = c & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
  for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
  return cp;
}

/** strcmp(3) on the bytes of two lossless strings. In C.UTF-8 musl's strcoll is strcmp, and byte
 * order is code-point order, so this is also the collation order. */
export function strcmp(a: string, b: string): number {
  const x = encode(a), y = encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
