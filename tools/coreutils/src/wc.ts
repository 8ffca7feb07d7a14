// wc — count lines, words, bytes or characters, and the longest line.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/wc.html  FreeBSD: wc(1)
// Options (getopt "clmwL"): -l lines (newlines), -w words (runs of non-iswspace characters),
//   -c bytes, -m characters (-c and -m: the last one wins), -L longest line (in characters with
//   -m, else bytes; the total is the maximum). Default: -lwc. Columns are " %7ju", then " name";
//   "total" when more than one operand.
// --libxo (shared/xo.ts, as FreeBSD's wc): container "wc", list "file" with one instance per
//   operand {lines, words, characters, long-lines, filename} (no filename for standard input;
//   an operand that fails is an empty instance), then a "total" container. A bad --libxo option:
//   libxo's message, status 1. The usage text goes through xo_error (not shown in XML/JSON).
// BSD: "-" is a file name, not standard input. Characters: UTF-8 unless LC_ALL/LC_CTYPE/LANG is C
//   or POSIX; an invalid byte counts as one character and is reported once per file ("Illegal byte
//   sequence", status unchanged); without -m bytes are examined one at a time, as FreeBSD does.
// Deviation: the total of -m in the C locale with -l or -L includes the characters (FreeBSD adds
//   them only with -c there, printing a 0 total).
// Spaces are musl's iswspace: \t \n \v \f \r space U+0085 U+2000–2006 U+2008–200A U+2028 U+2029
//   U+205F U+3000 (no-break spaces are not).
// Speed: -l and -c count newlines 64 bytes at a time with a small SIMD WebAssembly function
//   (plain JS four bytes at a time where there is no WebAssembly); the first MiB uses indexOf.
import { defineApplet, Getopt, Exit, utf8Locale, utf8SeqLen, codePointAt, type Ctx } from "@bsdbox/shared";
import { xoParseArgs, xoDefault, type XoHandle } from "@bsdbox/shared/xo";
import { open, close, read, fstat, S_ISREG, O, SysError, ERRNO } from "@bsdbox/compat";

const USAGE = "usage: wc [-c | -m] [-Llw] [file ...]";

interface Opts { l: boolean; w: boolean; c: boolean; m: boolean; L: boolean; utf8: boolean; xo: XoHandle; }
interface Totals { l: number; w: number; c: number; L: number; }

export default defineApplet({
  name: "wc",
  main(ctx) {
    const argv = xoParseArgs(ctx, [ctx.argv0, ...ctx.args]);
    if (argv === -1) return 1;
    const xo = xoDefault(ctx);
    const g = new Getopt(ctx, "clmwL", undefined, argv);
    const o: Opts = { l: false, w: false, c: false, m: false, L: false, utf8: utf8Locale(ctx.env), xo };
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "l": o.l = true; break;
        case "w": o.w = true; break;
        case "c": o.c = true; o.m = false; break;
        case "m": o.m = true; o.c = false; break;
        case "L": o.L = true; break;
        default:
          xo.error(USAGE + "\n");
          throw new Exit(1);
      }
    }
    if (!(o.l || o.w || o.c || o.m || o.L)) o.l = o.w = o.c = true;
    const t: Totals = { l: 0, w: 0, c: 0, L: 0 };
    const files = g.rest;
    let errors = 0;
    xo.openContainer("wc");
    xo.openList("file");
    for (const f of files.length ? files : [undefined]) {
      xo.openInstance("file");
      errors += count(ctx, o, t, f);
      xo.closeInstance("file");
    }
    xo.closeList("file");
    if (files.length > 1) {
      xo.openContainer("total");
      show(o, "total", t.l, t.w, t.c, t.L);
      xo.closeContainer("total");
    }
    xo.closeContainer("wc");
    xo.finish();
    return errors ? 1 : 0;
  },
});

/** show_cnt: the counts asked for, then the name (none for standard input). */
function show(o: Opts, name: string | undefined, l: number, w: number, c: number, L: number): void {
  const xo = o.xo;
  if (o.l) xo.emit(" {:lines/%7ju/%ju}", l);
  if (o.w) xo.emit(" {:words/%7ju/%ju}", w);
  if (o.c || o.m) xo.emit(" {:characters/%7ju/%ju}", c);
  if (o.L) xo.emit(" {:long-lines/%7ju/%ju}", L);
  if (name !== undefined) xo.emit(" {:filename/%s}\n", name);
  else xo.emit("\n");
}

/** Count one operand (undefined: standard input). Returns 1 on failure. */
function count(ctx: Ctx, o: Opts, t: Totals, file: string | undefined): number {
  let fd = ctx.stdin;
  if (file !== undefined) {
    try {
      fd = open(file, O.RDONLY);
    } catch (e) {
      o.xo.warn(`${file}: open`, e);
      return 1;
    }
  }
  const label = file ?? "stdin";
  try {
    let r: { l: number; w: number; c: number; L: number } | undefined;
    if (o.w || (o.m && o.utf8)) r = words(ctx, o, fd, label);
    else {
      if (!o.l && !o.L) {
        let st;
        try {
          st = fstat(fd);
        } catch (e) {
          o.xo.warn(`${label}: fstat`, e);
          return 1;
        }
        // pseudo-file systems advertise a zero size: read those
        if (S_ISREG(st.mode) && st.size > 0) r = { l: 0, w: 0, c: st.size, L: 0 };
      }
      r ??= o.L ? longest(fd) : newlines(fd);
    }
    t.l += r.l;
    t.w += r.w;
    t.c += r.c;
    if (r.L > t.L) t.L = r.L;
    show(o, file, r.l, r.w, r.c, r.L);
    return 0;
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    o.xo.warn(`${label}: read`, e);
    return 1;
  } finally {
    if (fd !== ctx.stdin) try { close(fd); } catch {}
  }
}

// ---- -l and -c: count 0x0A bytes, with SIMD WebAssembly where the engine has it ----
let counter: { buf: Uint8Array; count(n: number): number } | undefined;

function makeCounter(): { buf: Uint8Array; count(n: number): number } {
  if (counter) return counter;
  try {
    const ex = new WebAssembly.Instance(new WebAssembly.Module(COUNT_WASM()), {}).exports as {
      m: WebAssembly.Memory; count(p: number, n: number, b: number): number;
    };
    const buf = new Uint8Array(ex.m.buffer, 0, 1 << 20);
    return (counter = { buf, count: (n) => ex.count(0, n, 10) >>> 0 });
  } catch {
    // no WebAssembly (or no SIMD): count four bytes at a time
    const buf = new Uint8Array(1 << 20);
    const w32 = new Uint32Array(buf.buffer);
    return (counter = {
      buf,
      count(n) {
        let c = 0;
        const nw = n >>> 2;
        for (let k = 0; k < nw; k++) {
          const x = w32[k]! ^ 0x0a0a0a0a;
          const z = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
          if (z !== 0) {
            let y = z >>> 7;
            y += y >>> 8;
            y += y >>> 16;
            c += y & 0xff;
          }
        }
        for (let k = nw << 2; k < n; k++) if (buf[k] === 10) c++;
        return c;
      },
    });
  }
}

function newlines(fd: number) {
  let l = 0, c = 0;
  // the first MiB with indexOf: small inputs need no WebAssembly compile
  const small = new Uint8Array(1 << 16);
  while (c < 1 << 20) {
    const n = read(fd, small);
    if (n === 0) return { l, w: 0, c, L: 0 };
    c += n;
    const v = small.subarray(0, n);
    for (let i = v.indexOf(10); i >= 0; i = v.indexOf(10, i + 1)) l++;
  }
  const k = makeCounter();
  for (;;) {
    const n = read(fd, k.buf);
    if (n === 0) break;
    c += n;
    l += k.count(n);
  }
  return { l, w: 0, c, L: 0 };
}

/** -L without -w/-m: lines and line lengths in bytes. */
function longest(fd: number) {
  const buf = new Uint8Array(1 << 20);
  let l = 0, c = 0, L = 0, cur = 0;
  for (;;) {
    const n = read(fd, buf);
    if (n === 0) break;
    c += n;
    const v = buf.subarray(0, n);
    let i = 0;
    for (let j = v.indexOf(10); j >= 0; j = v.indexOf(10, i)) {
      cur += j - i;
      if (cur > L) L = cur;
      cur = 0;
      l++;
      i = j + 1;
    }
    cur += n - i;
  }
  return { l, w: 0, c, L };
}

// ---- the general case: words, and characters in a UTF-8 locale ----
function isSpace(wc: number): boolean {
  if (wc < 0x80) return wc === 32 || (wc >= 9 && wc <= 13);
  return wc === 0x85 || (wc >= 0x2000 && wc <= 0x200a && wc !== 0x2007) || wc === 0x2028 ||
    wc === 0x2029 || wc === 0x205f || wc === 0x3000;
}
const SPACE_BYTE = new Uint8Array(256);

/** True when b[i..end) is the start of a valid UTF-8 sequence that the input ended too soon for
 * (musl's mbrtowc answers -2 to it rather than -1). */
function partial(b: Uint8Array, i: number, end: number): boolean {
  const c = b[i]!;
  const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!need || end - i >= need) return false;
  for (let k = i + 1; k < end; k++) {
    const d = b[k]!;
    let lo = 0x80, hi = 0xbf;
    if (k === i + 1) {
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
      else if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    }
    if (d < lo || d > hi) return false;
  }
  return true;
}

function words(ctx: Ctx, o: Opts, fd: number, label: string) {
  if (!SPACE_BYTE[32]) for (let b = 0; b < 256; b++) SPACE_BYTE[b] = isSpace(b) ? 1 : 0;
  const multi = o.m && o.utf8;
  const buf = new Uint8Array((1 << 16) + 4);
  let l = 0, w = 0, c = 0, L = 0, cur = 0, carry = 0, warned = false, gotsp = true;
  for (;;) {
    const n = read(fd, buf, carry, buf.length - 4);
    const end = carry + n;
    const eof = n === 0;
    if (!multi) {
      if (eof) break;
      c += n;
      for (let i = 0; i < end; i++) {
        const b = buf[i]!;
        if (b === 10) {
          if (cur > L) L = cur;
          cur = 0;
          l++;
        } else cur++;
        if (SPACE_BYTE[b]) gotsp = true;
        else if (gotsp) { gotsp = false; w++; }
      }
      continue;
    }
    let i = 0;
    carry = 0;
    while (i < end) {
      let wc = buf[i]!, len = 1;
      if (wc >= 0x80) {
        len = utf8SeqLen(buf, i, end);
        if (len) wc = codePointAt(buf, i, len);
        else {
          if (partial(buf, i, end)) {
            if (eof) break;
            // a character cut by the read: keep its start for the next one
            carry = end - i;
            buf.copyWithin(0, i, end);
            break;
          }
          if (!warned) {
            o.xo.warn(label, new SysError(ERRNO.EILSEQ!, "EILSEQ"));
            warned = true;
          }
          len = 1;
        }
      }
      i += len;
      c++;
      if (wc === 10) {
        if (cur > L) L = cur;
        cur = 0;
        l++;
      } else cur++;
      if (wc < 0x80 ? SPACE_BYTE[wc] : isSpace(wc)) gotsp = true;
      else if (gotsp) { gotsp = false; w++; }
    }
    if (eof) {
      // an incomplete character at the end is not counted (mbrtowc(NULL) fails)
      if (i < end && !warned) o.xo.warn(label, new SysError(ERRNO.EILSEQ!, "EILSEQ"));
      break;
    }
  }
  return { l, w, c, L };
}

/** A WebAssembly module (memory "m", 17 pages) with count(ptr, len, byte): the number of bytes
 * equal to `byte` in [ptr, ptr+len). 64 bytes a round: i8x16.eq into two byte-lane counters,
 * widened every 127 rounds; the last len % 64 bytes one by one. */
function COUNT_WASM(): Uint8Array {
  const Z = new Array<number>(16).fill(0);
  // acc(local) -= i8x16.eq(v128.load offset=o (p), needle)
  const sub = (acc: number, o: number) => [0x20, acc, 0x20, 0, 0xfd, 0, 0, o, 0x20, 8, 0xfd, 0x23, 0xfd, 0x71, 0x21, acc];
  // total += the four lanes of i32x4.extadd_pairwise(i16x8.extadd_pairwise(acc))
  const lanes = (acc: number) => [
    0x20, acc, 0xfd, 0x7d, 0xfd, 0x7f, 0x21, acc, 0x20, 4,
    0x20, acc, 0xfd, 0x1b, 0, 0x6a, 0x20, acc, 0xfd, 0x1b, 1, 0x6a,
    0x20, acc, 0xfd, 0x1b, 2, 0x6a, 0x20, acc, 0xfd, 0x1b, 3, 0x6a, 0x21, 4,
  ];
  // params p(0) n(1) byte(2); locals end(3) total(4) k(5) blockEnd(6) acc(7) needle(8) acc2(9)
  // prettier-ignore
  const body = [
    2, 4, 0x7f, 3, 0x7b,
    0x20, 0, 0x20, 1, 0x6a, 0x21, 3,                      // end = p + n
    0x20, 0, 0x20, 1, 0x41, 0x40, 0x71, 0x6a, 0x21, 6,    // blockEnd = p + (n & -64)
    0x20, 2, 0xfd, 0x0f, 0x21, 8,                         // needle = i8x16.splat(byte)
    0x02, 0x40, 0x03, 0x40,                               // block loop
    0x20, 0, 0x20, 6, 0x4f, 0x0d, 1,                      //   if p >= blockEnd: break
    0xfd, 0x0c, ...Z, 0x22, 7, 0x21, 9,                   //   acc = acc2 = 0
    0x41, 0xff, 0x00, 0x21, 5,                            //   k = 127
    0x03, 0x40,                                           //   loop
    ...sub(7, 0), ...sub(9, 16), ...sub(7, 32), ...sub(9, 48),
    0x20, 0, 0x41, 0xc0, 0x00, 0x6a, 0x21, 0,             //     p += 64
    0x20, 5, 0x41, 1, 0x6b, 0x22, 5, 0x41, 0, 0x47,       //     --k != 0
    0x20, 0, 0x20, 6, 0x49, 0x71, 0x0d, 0,                //     && p < blockEnd: again
    0x0b,
    ...lanes(7), ...lanes(9),
    0x0c, 0, 0x0b, 0x0b,
    0x02, 0x40, 0x03, 0x40,                               // the rest, byte by byte
    0x20, 0, 0x20, 3, 0x4f, 0x0d, 1,
    0x20, 4, 0x20, 0, 0x2d, 0, 0, 0x20, 2, 0x46, 0x6a, 0x21, 4,
    0x20, 0, 0x41, 1, 0x6a, 0x21, 0,
    0x0c, 0, 0x0b, 0x0b,
    0x20, 4, 0x0b,
  ];
  const leb = (n: number) => {
    const r: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      r.push(b);
    } while (n);
    return r;
  };
  const sec = (id: number, c: number[]) => [id, ...leb(c.length), ...c];
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...sec(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f]),  // (i32 i32 i32) -> i32
    ...sec(3, [1, 0]),
    ...sec(5, [1, 0, 17]),
    ...sec(7, [2, 1, 0x6d, 2, 0, 5, 0x63, 0x6f, 0x75, 0x6e, 0x74, 0, 0]), // "m" memory, "count"
    ...sec(10, [1, ...leb(body.length), ...body]),
  ]);
}
