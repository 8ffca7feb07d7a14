// cmp — compare two files byte by byte.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/cmp.html  FreeBSD: cmp(1)
// Options (getopt_long "+bhi:ln:sxz"; no permutation):
//   -b, --print-bytes     also print the differing bytes (octal and as characters)
//   -h                    open with O_NOFOLLOW (Linux: a symlink operand is an ELOOP error)
//   -i S[:S2], --ignore-initial=S[:S2]   skip S bytes of file1 (S2, default S, of file2)
//   -l, --verbose         list every difference: "%6d %3o %3o" (byte, octal, octal)
//   -n N, --bytes=N       compare at most N bytes
//   -s, --silent, --quiet only the exit status      -x  list differences in hex: "%08x %02x %02x"
//   -z                    regular files of different sizes differ at once ("a b differ: size")
// Operands: file1 file2 [skip1 [skip2]]; skips and counts are expand_number(3) values (0x10, 4k).
// "-" is standard input (named "stdin" in messages), at most once.
// Status: 0 same, 1 different (or one file is a prefix of the other: "cmp: EOF on NAME"),
// 2 trouble. -l with -s is refused. -s with no skips implies -z.
// Regular files: only the first min(size1, size2) bytes (and -n) are compared; if the sizes
// differ, "EOF on" the shorter one follows even when -n stopped the comparison first. Other
// files (pipes, stdin, devices) are read until either ends; -n ends them silently.
// Speed: 1 MiB reads compared natively (compat compareBytes); only a differing 4 KiB block is
// walked byte by byte; lines are counted with native indexOf only when the message needs them.
import { defineApplet, Getopt, Exit, usage, err, errx, warnx, expandNumber, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, read, fstat, lseek, O, S_ISREG, SEEK, SysError, compareBytes } from "@bsdbox/compat";

const USAGE = "usage: cmp [-l | -s | -x] [-hz] file1 file2 [skip1 [skip2]]";
const LONG: LongOpt[] = [
  { name: "print-bytes", has: 0, val: "b" },
  { name: "ignore-initial", has: 1, val: "i" },
  { name: "verbose", has: 0, val: "l" },
  { name: "bytes", has: 1, val: "n" },
  { name: "silent", has: 0, val: "s" },
  { name: "quiet", has: 0, val: "s" },
];
const DIFF = 1, TROUBLE = 2;
const CHUNK = 1 << 20, BLOCK = 4096;

interface Opts { b: boolean; l: boolean; s: boolean; x: boolean; z: boolean }

/** One input: a descriptor read in chunks; buf[pos, len) is what has been read but not used. */
class Src {
  buf = new Uint8Array(CHUNK);
  pos = 0;
  len = 0;
  eof = false;
  error: unknown;
  constructor(public fd: number, public name: string) {}
  /** Read when nothing is buffered; records EOF and errors (reported by the caller). */
  fill(max = CHUNK): number {
    if (this.pos < this.len || this.eof || this.error) return this.len - this.pos;
    this.pos = this.len = 0;
    try {
      const n = read(this.fd, this.buf, 0, Math.min(max, CHUNK));
      if (n === 0) this.eof = true;
      this.len = n;
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.error = e;
    }
    return this.len;
  }
  /** Discard `n` bytes (n < 0: everything); false at EOF or on an error first. */
  skip(n: number): boolean {
    while (n !== 0) {
      if (this.fill() === 0) return false;
      const k = n < 0 ? this.len - this.pos : Math.min(n, this.len - this.pos);
      this.pos += k;
      n -= k;
    }
    return true;
  }
}

export default defineApplet({
  name: "cmp",
  main(ctx) {
    const o: Opts = { b: false, l: false, s: false, x: false, z: false };
    let skip1 = 0, skip2 = 0, limit = 0, oflag = O.RDONLY;
    const g = new Getopt(ctx, "+bhi:ln:sxz", LONG);
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "b": o.b = true; break;
        case "h": oflag |= O.NOFOLLOW; break;
        case "i": {
          const spec = g.optarg!, colon = spec.indexOf(":");
          const a = num(colon < 0 ? spec : spec.slice(0, colon));
          const b = colon < 0 ? a : num(spec.slice(colon + 1));
          if (a === undefined || b === undefined) invalid(ctx, "--ignore-initial", spec);
          skip1 = a; skip2 = b;
          break;
        }
        case "l": o.l = true; break;
        case "n": {
          const v = num(g.optarg!);
          if (v === undefined || v < 0) invalid(ctx, "--bytes", g.optarg!);
          limit = v;
          break;
        }
        case "s": o.s = true; break;
        case "x": o.l = o.x = true; break;
        case "z": o.z = true; break;
        default: usage(ctx, USAGE, TROUBLE);
      }
    }
    if (o.l && o.s) errx(ctx, TROUBLE, "specifying -s with -l or -x is not permitted");
    const ops = g.rest;
    if (ops.length < 2 || ops.length > 4) usage(ctx, USAGE, TROUBLE);

    let special = false;
    const openOp = (name: string): [number, string] => {
      if (name === "-") {
        if (special) errx(ctx, TROUBLE, "standard input may only be specified once");
        special = true;
        return [ctx.stdin, "stdin"];
      }
      try {
        return [open(name, oflag), name];
      } catch (e) {
        if (o.s) throw silentExit();
        err(ctx, TROUBLE, name, e);
      }
    };
    const [fd1, file1] = openOp(ops[0]!);
    const [fd2, file2] = openOp(ops[1]!);
    if (ops.length > 2) {
      const v = num(ops[2]!);
      if (v === undefined) invalid(ctx, "skip1", ops[2]!);
      skip1 = v;
    }
    if (ops.length === 4) {
      const v = num(ops[3]!);
      if (v === undefined) invalid(ctx, "skip2", ops[3]!);
      skip2 = v;
    }
    if (o.s && skip1 === 0 && skip2 === 0) o.z = true;

    let size1 = 0, size2 = 0;
    if (!special) {
      const st = (fd: number, name: string) => {
        try {
          return fstat(fd);
        } catch (e) {
          if (o.s) throw silentExit();
          err(ctx, TROUBLE, name, e);
        }
      };
      const s1 = st(fd1, file1);
      if (!S_ISREG(s1.mode)) special = true;
      else {
        const s2 = st(fd2, file2);
        if (!S_ISREG(s2.mode)) special = true;
        size1 = Number(s1.size);
        size2 = Number(s2.size);
      }
    }
    const a = new Src(fd1, file1), b = new Src(fd2, file2);
    let ret: number;
    if (special) ret = cSpecial(ctx, o, a, skip1, b, skip2, limit);
    else if (o.z && size1 !== size2) {
      if (!o.s) ctx.out.write(`${file1} ${file2} differ: size\n`);
      ret = DIFF;
    } else ret = cRegular(ctx, o, a, skip1, size1, b, skip2, size2, limit);
    if (!o.s) {
      try {
        ctx.out.flush();
      } catch (e) {
        if (e instanceof SysError) err(ctx, TROUBLE, "stdout", e);
        throw e;
      }
    }
    return ret;
  },
});

/** expand_number(3) into an off_t, or undefined when it fails. */
function num(s: string): number | undefined {
  const r = expandNumber(s);
  return r.errno === undefined ? Number(r.value) : undefined;
}

function invalid(ctx: Ctx, what: string, arg: string): never {
  ctx.err.write(`Invalid ${what}: ${arg}\n`);
  usage(ctx, USAGE, TROUBLE);
}

function silentExit(): Exit {
  return new Exit(TROUBLE);
}

function eofmsg(ctx: Ctx, o: Opts, name: string): number {
  if (!o.s) warnx(ctx, `EOF on ${name}`);
  return DIFF;
}

/** Report a read error recorded by Src (file1's first, as ferror(fp1) is checked first). */
function checkErrors(ctx: Ctx, a: Src, b: Src): void {
  if (a.error) err(ctx, TROUBLE, a.name, a.error);
  if (b.error) err(ctx, TROUBLE, b.name, b.error);
}

/** Regular files: compare min(len1, len2) (and limit) bytes after the skips. */
function cRegular(ctx: Ctx, o: Opts, a: Src, skip1: number, len1: number, b: Src, skip2: number, len2: number,
  limit: number): number {
  if (skip1 < 0 || skip2 < 0) return cSpecial(ctx, o, a, skip1, b, skip2, limit); // mmap at a negative offset fails
  if (skip1 > len1) return eofmsg(ctx, o, a.name);
  len1 -= skip1;
  if (skip2 > len2) return eofmsg(ctx, o, b.name);
  len2 -= skip2;
  if (o.s && len1 !== len2) return DIFF;
  let length = Math.min(len1, len2);
  if (limit > 0) length = Math.min(length, limit);
  try {
    if (skip1) lseek(a.fd, skip1, SEEK.SET);
    if (skip2) lseek(b.fd, skip2, SEEK.SET);
  } catch {
    return cSpecial(ctx, o, a, skip1, b, skip2, limit);
  }
  const r = compare(ctx, o, a, b, length);
  if (r.diff) return DIFF;
  checkErrors(ctx, a, b);
  if (len1 !== len2) return eofmsg(ctx, o, len1 > len2 ? b.name : a.name);
  return r.found ? DIFF : 0;
}

/** Other files: skip by reading, then compare until either ends (or limit bytes). */
function cSpecial(ctx: Ctx, o: Opts, a: Src, skip1: number, b: Src, skip2: number, limit: number): number {
  const skipped = a.skip(skip1) && b.skip(skip2);
  let found = false;
  if (skipped) {
    const r = compare(ctx, o, a, b, limit > 0 ? limit : Infinity);
    if (r.diff) return DIFF;
    found = r.found;
  }
  checkErrors(ctx, a, b);
  if (a.eof) {
    if (!b.eof) return eofmsg(ctx, o, a.name);
  } else if (b.eof) return eofmsg(ctx, o, b.name);
  return found ? DIFF : 0;
}

/**
 * Compare up to `length` bytes of a and b from where they stand, stopping early when one ends
 * (or fails). Without -l the first difference is reported (diff: true); with -l/-x every
 * difference is listed (found: true).
 */
function compare(ctx: Ctx, o: Opts, a: Src, b: Src, length: number): { diff: boolean; found: boolean } {
  const wantLines = !o.l && !o.s;
  let byte = 1, line = 1, found = false;
  while (length > 0) {
    const want = Math.min(length, CHUNK);
    const n1 = a.fill(want), n2 = b.fill(want);
    if (n1 === 0 || n2 === 0) break;
    const n = Math.min(n1, n2, length);
    const p = a.buf.subarray(a.pos, a.pos + n), q = b.buf.subarray(b.pos, b.pos + n);
    if (compareBytes(p, q) !== 0) {
      for (let blk = 0; blk < n; blk += BLOCK) {
        const end = Math.min(n, blk + BLOCK);
        if (compareBytes(p.subarray(blk, end), q.subarray(blk, end)) === 0) continue;
        for (let i = blk; i < end; i++) {
          const c1 = p[i]!, c2 = q[i]!;
          if (c1 === c2) continue;
          const at = byte + i;
          found = true;
          if (o.x) ctx.out.write(`${hex(at - 1, 8)} ${hex(c1, 2)} ${hex(c2, 2)}\n`);
          else if (o.l) {
            if (o.b) {
              ctx.out.write(`${String(at).padStart(6)} ${oct3(c1)} `);
              ctx.out.byte(c1);
              ctx.out.write(` ${oct3(c2)} `);
              ctx.out.byte(c2);
              ctx.out.write("\n");
            } else ctx.out.write(`${String(at).padStart(6)} ${oct3(c1)} ${oct3(c2)}\n`);
          } else {
            if (!o.s) {
              if (wantLines) line += countNl(p, 0, i);
              const head = `${a.name} ${b.name} differ: char ${at}, line ${line}`;
              if (o.b) {
                ctx.out.write(`${head} is ${oct3(c1)} `);
                ctx.out.byte(c1);
                ctx.out.write(` ${oct3(c2)} `);
                ctx.out.byte(c2);
                ctx.out.write("\n");
              } else ctx.out.write(head + "\n");
            }
            return { diff: true, found };
          }
        }
      }
    }
    if (wantLines) line += countNl(p, 0, n);
    a.pos += n;
    b.pos += n;
    byte += n;
    length -= n;
  }
  return { diff: false, found };
}

/** Newlines in p[from, end): native indexOf while lines are long, a word-at-a-time count when
 * they are short (one call per line costs more than looking at every byte). */
function countNl(p: Uint8Array, from: number, end: number): number {
  let c = 0, i = from;
  while (i < end) {
    const j = p.indexOf(10, i);
    if (j < 0 || j >= end) return c;
    c++;
    i = j + 1;
    if (c > 64 && (i - from) < c * 48) return c + countDense(p, i, end);
  }
  return c;
}
function countDense(p: Uint8Array, from: number, end: number): number {
  let c = 0, i = from;
  const base = p.byteOffset;
  while (i < end && (base + i) & 3) if (p[i++] === 10) c++;
  const words = (end - i) >> 2;
  if (words > 0) {
    const w = new Uint32Array(p.buffer, base + i, words);
    for (let k = 0; k < words; k++) {
      const x = w[k]! ^ 0x0a0a0a0a;
      const y = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
      c += Math.imul((y >>> 7) & 0x01010101, 0x01010101) >>> 24;
    }
    i += words << 2;
  }
  while (i < end) if (p[i++] === 10) c++;
  return c;
}

function oct3(c: number): string {
  return c.toString(8).padStart(3);
}
function hex(v: number, w: number): string {
  return v.toString(16).padStart(w, "0");
}
