// tail — copy the end of files (or all of them, from an offset), backward with -r, and follow.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/tail.html  FreeBSD: tail(1)
// Options (getopt_long "+Fb:c:fn:qrv"; no permutation; one of -b/-c/-n at most):
//   -n N, --lines=N   last N lines (default 10); +N starts at line N (+0 and +1: everything)
//   -c N, --bytes=N   last N bytes; +N starts at byte N
//   -b N, --blocks=N  last N 512-byte blocks; +N starts at block N
//   -r                reverse: lines last to first; -n/-c/-b limit how much (default: everything)
//   -f                follow: after the end, keep copying what is appended (polled, 1/4 s)
//   -F                follow names: also reopen a file that is renamed/removed and recreated
//   -q, --quiet, --silent  no headers;  -v, --verbose  headers even for one file
// N is an expand_number(3) value (10, 0x10, 4k ...). Obsolete forms: "+N" / "-N" with an optional
// b/c/l unit and one of f/F/r after it ("tail -3", "tail +5c", "tail -10lf").
// BSD: "-" is a file name, not standard input; -f is ignored when standard input is a pipe; with
// -f every header, the first too, is preceded by an empty line (FreeBSD's follow()).
// Regular files are read from the end backward with positional reads, never whole.
// Deviations: a followed regular file that shrinks is read again from its start (FreeBSD waits
// until it grows past the old offset); `tail -r -c N` of piped input shorter than N keeps its first
// line and `printf x | tail -r` prints "x" (FreeBSD's read.c/r_buf drop them). Regular standard
// input is read with positional reads from offset 0, and its offset is left where it was.
import { defineApplet, Getopt, usage, errx, err, warnOp, expandNumber, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, close, read, fstat, isatty, sleep, O, SysError, S_ISREG, S_ISFIFO, S_ISSOCK, S_ISCHR, type Stat } from "@bsdbox/compat";

const USAGE = "usage: tail [-F | -f | -r] [-q] [-b # | -c # | -n #] [file ...]";
const LONG: LongOpt[] = [
  { name: "blocks", has: 1, val: "b" },
  { name: "bytes", has: 1, val: "c" },
  { name: "lines", has: 1, val: "n" },
  { name: "quiet", has: 0, val: "q" },
  { name: "silent", has: 0, val: "q" },
  { name: "verbose", has: 0, val: "v" },
];
const INT64_MAX = (1n << 63n) - 1n, INT64_MIN = -(1n << 63n);
const BLOCK = 1 << 20;

type Style = "FBYTES" | "FLINES" | "RBYTES" | "RLINES" | "REVERSE";

/** An input: `reg` inputs (regular files) are read with positional reads from `pos`. */
interface Src { name: string; fd: number; st: Stat; reg: boolean; pos: number; }

interface T {
  ctx: Ctx;
  q: boolean;
  v: boolean;
  nfiles: number;
  last?: Src;
}

export default defineApplet({
  name: "tail",
  main(ctx) {
    const g = new Getopt(ctx, "+Fb:c:fn:qrv", LONG, obsolete(ctx, [ctx.argv0, ...ctx.args]));
    let style: Style | undefined, off = 0;
    let F = false, f = false, r = false, q = false, v = false;
    const arg = (units: number, fwd: Style, back: Style) => {
      if (style) usage(ctx, USAGE);
      const a = g.optarg!;
      const p = expandNumber(a);
      if (p.errno !== undefined) err(ctx, 1, `illegal offset -- ${a}`, p.errno);
      const u = BigInt(units);
      if (p.value > INT64_MAX / u || p.value < INT64_MIN / u) errx(ctx, 1, `illegal offset -- ${a}`);
      off = Number(p.value * u);
      if (a[0] === "+") {
        if (off) off -= units;
        style = fwd;
      } else {
        if (a[0] === "-") off = -off;
        style = back;
      }
    };
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "F": F = f = true; break;
        case "b": arg(512, "FBYTES", "RBYTES"); break;
        case "c": arg(1, "FBYTES", "RBYTES"); break;
        case "f": f = true; break;
        case "n": arg(1, "FLINES", "RLINES"); break;
        case "q": q = true; v = false; break;
        case "r": r = true; break;
        case "v": v = true; q = false; break;
        default: usage(ctx, USAGE);
      }
    }
    const files = g.rest;
    const t: T = { ctx, q, v, nfiles: files.length || 1 };
    if (r) {
      if (f) usage(ctx, USAGE);
      if (style === "FBYTES") style = "RBYTES";
      else if (style === "FLINES") style = "RLINES";
    }
    if (!style) {
      if (r) { off = 0; style = "REVERSE"; }
      else { off = 10; style = "RLINES"; }
    }
    if (files.length && f) {
      const srcs: Src[] = files.map((name) => {
        const s = openSrc(name);
        if (s instanceof SysError) {
          if (!F || s.errno !== 2) warnOp(ctx, name, s);
          return { name, fd: -1, st: NOSTAT, reg: false, pos: 0 };
        }
        return s;
      });
      follow(t, srcs, style, off, F);
    } else if (files.length) {
      let first = true;
      for (const name of files) {
        const s = openSrc(name);
        if (s instanceof SysError) {
          warnOp(ctx, name, s);
          continue;
        }
        if (v || (!q && files.length > 1)) {
          printfn(t, name, !first);
          first = false;
        }
        if (r) reverse(t, s, style, off);
        else forward(t, s, style, off);
        try { close(s.fd); } catch {}
      }
    } else {
      let st: Stat;
      try {
        st = fstat(ctx.stdin);
      } catch (e) {
        warnOp(ctx, "stdin", e);
        return 1;
      }
      const s: Src = { name: "stdin", fd: ctx.stdin, st, reg: S_ISREG(st.mode), pos: 0 };
      // POSIX: -f is ignored when standard input is a pipe
      if (S_ISFIFO(st.mode) || S_ISSOCK(st.mode) || (S_ISCHR(st.mode) && isatty(ctx.stdin))) f = false;
      if (r) reverse(t, s, style, off);
      else if (f) follow(t, [s], style, off, F);
      else forward(t, s, style, off);
    }
    return ctx.status;
  },
});

const NOSTAT: Stat = {
  dev: 0, ino: 0, mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 0, blocks: 0,
  atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n,
};

/**
 * FreeBSD's obsolete(): "[+-]N[b|c|l][F|f|r]" arguments (before the first operand, skipping the
 * arguments of -b/-c/-n) become "-[F|f|r]{b|c|n}[+-]N".
 */
function obsolete(ctx: Ctx, argv: string[]): string[] {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a[0] !== "-") {
      if (a[0] !== "+") break;
    } else if (a[1] === "-") break;
    const c = a[1] ?? "";
    if (c >= "0" && c <= "9") {
      let body = a, flag = "", kind: string;
      let t = body[body.length - 1]!;
      if (t === "F" || t === "f" || t === "r") {
        flag = t;
        body = body.slice(0, -1);
        t = body[body.length - 1]!;
      }
      if (t === "b" || t === "c") {
        kind = t;
        body = body.slice(0, -1);
      } else if (t === "l") {
        kind = "n";
        body = body.slice(0, -1);
      } else if (t >= "0" && t <= "9") kind = "n";
      else errx(ctx, 1, `illegal option -- ${body}`);
      argv[i] = "-" + flag + kind + body;
      continue;
    }
    if (c === "b" || c === "c" || c === "n") {
      if (a.length === 2) i++;
      continue;
    }
    if (c === "F" || c === "f" || c === "r") continue;
    break;
  }
  return argv;
}

function openSrc(name: string): Src | SysError {
  let fd = -1;
  try {
    fd = open(name, O.RDONLY);
    const st = fstat(fd);
    return { name, fd, st, reg: S_ISREG(st.mode), pos: 0 };
  } catch (e) {
    if (fd >= 0) try { close(fd); } catch {}
    if (e instanceof SysError) return e;
    throw e;
  }
}

function put(t: T, data: Uint8Array | string): void {
  try {
    t.ctx.out.write(data);
  } catch (e) {
    if (e instanceof SysError) err(t.ctx, 1, "stdout", e);
    throw e;
  }
}

function flush(t: T): void {
  try {
    t.ctx.out.flush();
  } catch (e) {
    if (e instanceof SysError) err(t.ctx, 1, "stdout", e);
    throw e;
  }
}

function printfn(t: T, name: string, nl: boolean): void {
  put(t, `${nl ? "\n" : ""}==> ${name} <==\n`);
}

/** The next chunk of s (positional for regular files), as a view of buf. */
function next(s: Src, buf: Uint8Array): Uint8Array {
  if (s.reg) {
    const n = read(s.fd, buf, 0, buf.length, s.pos);
    s.pos += n;
    return buf.subarray(0, n);
  }
  return buf.subarray(0, read(s.fd, buf));
}

/** Bytes [a, b) of a regular file (shorter if it has shrunk). */
function pread(s: Src, a: number, b: number): Uint8Array {
  const buf = new Uint8Array(b - a);
  let got = 0;
  while (got < buf.length) {
    const n = read(s.fd, buf, got, buf.length - got, a + got);
    if (n === 0) break;
    got += n;
  }
  return got === buf.length ? buf : buf.subarray(0, got);
}

/** Copy bytes [a, b) of a regular file to the output. */
function emitRange(t: T, s: Src, a: number, b: number): void {
  while (a < b) {
    const d = pread(s, a, Math.min(b, a + BLOCK));
    if (!d.length) return;
    put(t, d);
    a += d.length;
  }
}

/** Index just after the n-th newline counted backward from d[end-2] (the last byte never counts),
 * or 0 when there are fewer. */
function lastLines(d: Uint8Array, n: number): number {
  let i = d.length - 2;
  while (i >= 0) {
    const j = d.lastIndexOf(10, i);
    if (j < 0) return 0;
    if (--n === 0) return j + 1;
    i = j - 1;
  }
  return 0;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let len = 0;
  for (const c of chunks) len += c.length;
  const d = new Uint8Array(len);
  len = 0;
  for (const c of chunks) {
    d.set(c, len);
    len += c.length;
  }
  return d;
}

/** Read s to its end keeping what the window needs: the last `n` bytes, the last `n` lines, or
 * everything (n < 0 or null). */
function window(s: Src, bytes: boolean, n: number | null): Uint8Array {
  const buf = new Uint8Array(1 << 16);
  const chunks: Uint8Array[] = [], nls: number[] = [];
  let total = 0, lines = 0;
  const all = n === null || n < 0;
  for (;;) {
    const v = next(s, buf);
    if (!v.length) break;
    chunks.push(v.slice());
    total += v.length;
    if (all) continue;
    if (bytes) {
      while (total - chunks[0]!.length >= n) total -= chunks.shift()!.length;
    } else {
      let c = 0;
      for (let i = v.indexOf(10); i >= 0; i = v.indexOf(10, i + 1)) c++;
      nls.push(c);
      lines += c;
      // keep one newline more than needed: the very last byte does not count
      while (lines - nls[0]! >= n + 1) {
        lines -= nls.shift()!;
        total -= chunks.shift()!.length;
      }
    }
  }
  const d = concat(chunks);
  if (all) return d;
  return bytes ? d.subarray(Math.max(0, d.length - n)) : d.subarray(lastLines(d, n));
}

/** Read and discard the rest of s. */
function drain(s: Src): void {
  const buf = new Uint8Array(1 << 16);
  while (next(s, buf).length);
}

/** Copy the rest of s to the output. */
function copyRest(t: T, s: Src): void {
  const buf = new Uint8Array(1 << 16);
  for (let v; (v = next(s, buf)).length; ) put(t, v);
}

/** FreeBSD forward(): position s as the style asks, then copy what follows. */
function forward(t: T, s: Src, style: Style, off: number): void {
  const seekable = s.reg && s.st.size > 0;
  try {
    switch (style) {
      case "FBYTES":
        if (off <= 0) break;
        if (seekable) {
          s.pos = Math.min(off, s.st.size);
          break;
        }
        skip(t, s, off, false);
        break;
      case "FLINES":
        if (off <= 0) break;
        skip(t, s, off, true);
        break;
      case "RBYTES":
        if (seekable) {
          if (off >= 0 && s.st.size >= off) s.pos = s.st.size - off;
        } else if (off === 0) drain(s);
        else put(t, window(s, true, off));
        break;
      case "RLINES":
        if (seekable) {
          if (off === 0) s.pos = s.st.size;
          else rlines(t, s, off);
        } else if (off === 0) drain(s);
        else put(t, window(s, false, off));
        break;
    }
    copyRest(t, s);
    flush(t);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    flush(t);
    warnOp(t.ctx, s.name, e);
  }
}

/** Skip `n` bytes or lines of s, copying whatever follows them in the chunk that ends the skip. */
function skip(t: T, s: Src, n: number, lines: boolean): void {
  const buf = new Uint8Array(1 << 16);
  for (;;) {
    const v = next(s, buf);
    if (!v.length) return;
    if (!lines) {
      if (v.length <= n) {
        n -= v.length;
        if (!n) return;
        continue;
      }
      put(t, v.subarray(n));
      return;
    }
    for (let i = v.indexOf(10); i >= 0; i = v.indexOf(10, i + 1)) {
      if (--n === 0) {
        put(t, v.subarray(i + 1));
        return;
      }
    }
  }
}

/** The last `n` lines of a regular file, found by reading blocks backward from its end. */
function rlines(t: T, s: Src, n: number): void {
  const size = s.st.size;
  let end = size - 1; // the last byte never counts
  let start = 0;
  search: while (end > 0) {
    const a = Math.max(0, end - BLOCK);
    const blk = pread(s, a, end);
    if (blk.length < end - a) break; // shrunk under us
    for (let i = blk.length - 1; i >= 0; ) {
      const j = blk.lastIndexOf(10, i);
      if (j < 0) break;
      if (--n === 0) {
        start = a + j + 1;
        break search;
      }
      i = j - 1;
    }
    end = a;
  }
  emitRange(t, s, start, size);
  s.pos = size;
}

/** FreeBSD reverse(): the lines of the selected part, last first. */
function reverse(t: T, s: Src, style: Style, off: number): void {
  if (style !== "REVERSE" && off === 0) return;
  try {
    if (s.reg) reverseReg(t, s, style, off);
    else {
      const all = style === "REVERSE" ? null : off;
      reverseLines(t, window(s, style === "RBYTES" || style === "FBYTES", all));
    }
    flush(t);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    flush(t);
    warnOp(t.ctx, s.name, e);
  }
}

function reverseLines(t: T, d: Uint8Array): void {
  let end = d.length;
  for (let i = d.length - 2; i >= 0; ) {
    const j = d.lastIndexOf(10, i);
    if (j < 0) break;
    put(t, d.subarray(j + 1, end));
    end = j + 1;
    i = j - 1;
  }
  put(t, d.subarray(0, end));
}

/** FreeBSD r_reg(): walk a regular file backward block by block, printing each line found. */
function reverseReg(t: T, s: Src, style: Style, off: number): void {
  const size = s.st.size;
  if (!size) return;
  let blk: Uint8Array = new Uint8Array(0), bstart = size;
  let cur = size - 2, lineend = size, left = off;
  const emit = (a: number, b: number) => {
    if (a >= bstart && b <= bstart + blk.length) put(t, blk.subarray(a - bstart, b - bstart));
    else emitRange(t, s, a, b);
  };
  while (cur >= 0) {
    if (cur < bstart || cur >= bstart + blk.length) {
      const a = Math.max(0, cur + 1 - BLOCK);
      blk = pread(s, a, cur + 1);
      bstart = a;
      if (blk.length < cur + 1 - a) break; // shrunk under us
    }
    let i = cur - bstart, found = -1;
    if (style === "RBYTES") {
      for (; i >= 0; i--) {
        if (--left === 0 || blk[i] === 10) {
          found = i;
          break;
        }
      }
    } else found = blk.lastIndexOf(10, i);
    if (found < 0) {
      cur = bstart - 1;
      continue;
    }
    const at = bstart + found;
    emit(at + 1, lineend);
    lineend = at + 1;
    cur = at - 1;
    if (style === "RLINES") left--;
    if (left === 0 && style !== "REVERSE") return;
  }
  emit(0, lineend);
}

/** Copy whatever has been appended to s since the last look; false when s had to be closed. */
function show(t: T, s: Src, buf: Uint8Array): boolean {
  try {
    if (s.reg && fstat(s.fd).size < s.pos) s.pos = 0; // truncated: start again
    for (let v; (v = next(s, buf)).length; ) {
      if (t.last !== s) {
        if (t.v || (!t.q && t.nfiles > 1)) printfn(t, s.name, true);
        t.last = s;
      }
      put(t, v);
    }
    flush(t);
    return true;
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    flush(t);
    try { close(s.fd); } catch {}
    s.fd = -1;
    warnOp(t.ctx, s.name, e);
    return false;
  }
}

/** FreeBSD follow() (the polling variant chimerautils uses): never returns unless nothing can
 * ever be followed (-f and no file could be opened). */
function follow(t: T, files: Src[], style: Style, off: number, F: boolean): void {
  let active = false;
  for (const s of files) {
    if (s.fd < 0) continue;
    active = true;
    if (t.v || (!t.q && t.nfiles > 1)) printfn(t, s.name, true);
    forward(t, s, style, off);
  }
  if (!F && !active) return;
  t.last = files[files.length - 1];
  const buf = new Uint8Array(1 << 16);
  for (;;) {
    if (F) {
      for (const s of files) {
        if (s.fd < 0) {
          const n = openSrc(s.name);
          if (!(n instanceof SysError)) Object.assign(s, n);
          continue;
        }
        if (s.fd === t.ctx.stdin) continue;
        const n = openSrc(s.name);
        if (n instanceof SysError) {
          if (n.errno !== 2) warnOp(t.ctx, s.name, n);
          show(t, s, buf);
          if (s.fd >= 0) try { close(s.fd); } catch {}
          s.fd = -1;
          continue;
        }
        if (n.st.ino !== s.st.ino || n.st.dev !== s.st.dev || n.st.nlink === 0) {
          // renamed or removed and recreated: finish the old file, then take the new one
          show(t, s, buf);
          if (s.fd >= 0) try { close(s.fd); } catch {}
          Object.assign(s, n);
        } else try { close(n.fd); } catch {}
      }
    }
    for (const s of files) if (s.fd >= 0) show(t, s, buf);
    sleep(250);
  }
}
