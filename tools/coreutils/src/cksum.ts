// cksum, sum — checksums and block counts of files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/cksum.html  FreeBSD: cksum(1)
// cksum (getopt "o:"): "CRC bytes [name]", the POSIX CRC (polynomial 0x04C11DB7, MSB first, the
//   length appended in as few bytes as needed, complemented).
//   -o 1  the historic BSD sum: 16-bit rotate-right-and-add; the count is 1024-byte blocks.
//   -o 2  the System V sum: byte sum folded to 16 bits; the count is 512-byte blocks.
//   -o 3  the ISO 3309 / zlib CRC-32 with the byte count.
// sum: the same as cksum -o 1, and it takes no options at all (every argument is a file).
// Without operands standard input is read and no name is printed. "-" is a file name.
// An operand that cannot be opened or read is reported and the others go on (exit 1).
import { defineApplet, Getopt, usage, warnx, warn } from "@bsdbox/shared";
import { open, close, read, O, SysError } from "@bsdbox/compat";

const USAGE = "usage: cksum [-o 1 | 2 | 3] [file ...]\n       sum [file ...]";

type Sum = (fd: number) => { val: number; len: number };
type Fmt = (val: number, len: number) => string;

export default defineApplet({
  name: "cksum",
  main(ctx) {
    let fn: Sum = crc, fmt: Fmt = (v, l) => `${v} ${l}`;
    const sum1Fmt: Fmt = (v, l) => `${v} ${Math.floor((l + 1023) / 1024)}`;
    let files: string[];
    if (ctx.prog === "sum") {
      fn = sum1;
      fmt = sum1Fmt;
      files = ctx.args;
    } else {
      const g = new Getopt(ctx, "o:");
      for (let ch; (ch = g.next()) !== undefined; ) {
        if (ch !== "o") usage(ctx, USAGE);
        const a = g.optarg!;
        if (a === "1") { fn = sum1; fmt = sum1Fmt; }
        else if (a === "2") { fn = sum2; fmt = (v, l) => `${v} ${Math.floor((l + 511) / 512)}`; }
        else if (a === "3") { fn = crc32; fmt = (v, l) => `${v} ${l}`; }
        else {
          warnx(ctx, "illegal argument to -o option");
          usage(ctx, USAGE);
        }
      }
      files = g.rest;
    }
    let status = 0;
    const one = (fd: number, name: string | undefined) => {
      try {
        const r = fn(fd);
        ctx.out.write(fmt(r.val, r.len) + (name === undefined ? "\n" : ` ${name}\n`));
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        warn(ctx, name ?? "stdin", e);
        status = 1;
      }
    };
    if (!files.length) one(ctx.stdin, undefined);
    for (const f of files) {
      let fd: number;
      try {
        fd = open(f, O.RDONLY);
      } catch (e) {
        warn(ctx, f, e);
        status = 1;
        continue;
      }
      one(fd, f);
      close(fd);
    }
    return status;
  },
});

let BUF: Uint8Array | undefined;
const buffer = () => (BUF ??= new Uint8Array(1 << 16));

// Tables for MSB-first (POSIX) and LSB-first (zlib) CRC-32, eight slices each for speed.
let POSIX_T: Uint32Array | undefined, ZLIB_T: Uint32Array | undefined;
function posixTable(): Uint32Array {
  if (POSIX_T) return POSIX_T;
  const t = new Uint32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    let c = t[i]!;
    for (let s = 1; s < 8; s++) {
      c = ((c << 8) ^ t[c >>> 24]!) >>> 0;
      t[s * 256 + i] = c;
    }
  }
  return (POSIX_T = t);
}
function zlibTable(): Uint32Array {
  if (ZLIB_T) return ZLIB_T;
  const t = new Uint32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    let c = t[i]!;
    for (let s = 1; s < 8; s++) {
      c = ((c >>> 8) ^ t[c & 255]!) >>> 0;
      t[s * 256 + i] = c;
    }
  }
  return (ZLIB_T = t);
}

/** The POSIX cksum CRC. */
function crc(fd: number) {
  const t = posixTable(), b = buffer();
  let c = 0, len = 0;
  for (let n; (n = read(fd, b)) > 0; ) {
    len += n;
    let i = 0;
    for (; i + 8 <= n; i += 8) {
      const x = c ^ ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
      c = t[7 * 256 + (x >>> 24)]! ^ t[6 * 256 + ((x >>> 16) & 255)]! ^ t[5 * 256 + ((x >>> 8) & 255)]! ^
        t[4 * 256 + (x & 255)]! ^ t[3 * 256 + b[i + 4]!]! ^ t[2 * 256 + b[i + 5]!]! ^ t[256 + b[i + 6]!]! ^ t[b[i + 7]!]!;
    }
    for (; i < n; i++) c = (c << 8) ^ t[((c >>> 24) ^ b[i]!) & 255]!;
  }
  // the length, least significant byte first, as few bytes as it needs
  for (let l = len; l > 0; l = Math.floor(l / 256)) c = (c << 8) ^ t[((c >>> 24) ^ (l % 256)) & 255]!;
  return { val: ~c >>> 0, len };
}

/** ISO 3309 CRC-32 (cksum -o 3). */
function crc32(fd: number) {
  const t = zlibTable(), b = buffer();
  let c = -1, len = 0;
  for (let n; (n = read(fd, b)) > 0; ) {
    len += n;
    let i = 0;
    for (; i + 8 <= n; i += 8) {
      const x = c ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
      c = t[7 * 256 + (x & 255)]! ^ t[6 * 256 + ((x >>> 8) & 255)]! ^ t[5 * 256 + ((x >>> 16) & 255)]! ^
        t[4 * 256 + (x >>> 24)]! ^ t[3 * 256 + b[i + 4]!]! ^ t[2 * 256 + b[i + 5]!]! ^ t[256 + b[i + 6]!]! ^ t[b[i + 7]!]!;
    }
    for (; i < n; i++) c = (c >>> 8) ^ t[(c ^ b[i]!) & 255]!;
  }
  return { val: ~c >>> 0, len };
}

/** The BSD sum: rotate right one bit, add the byte, 16 bits. */
function sum1(fd: number) {
  const b = buffer();
  let s = 0, len = 0;
  for (let n; (n = read(fd, b)) > 0; ) {
    len += n;
    for (let i = 0; i < n; i++) s = (((s >>> 1) | ((s & 1) << 15)) + b[i]!) & 0xffff;
  }
  return { val: s, len };
}

/** The System V sum: the byte sum (32 bits) folded twice to 16 bits. */
function sum2(fd: number) {
  const b = buffer();
  let s = 0, len = 0;
  for (let n; (n = read(fd, b)) > 0; ) {
    len += n;
    let part = 0;
    for (let i = 0; i < n; i++) part += b[i]!;
    s = (s + part) >>> 0;
  }
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return { val: s, len };
}

