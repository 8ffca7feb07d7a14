// head — copy the first lines or bytes of each file to standard output.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/head.html  FreeBSD: head(1)
// Options (getopt_long "+n:c:qv"; no permutation):
//   -n N, --lines=N   the first N lines (default 10)     -q, --quiet, --silent  never print headers
//   -c N, --bytes=N   the first N bytes                  -v, --verbose          always print headers
// N is an expand_number(3) value (10, 0x10, 4k, 1m, 2kb ...) and must be at least 1.
// Obsolete form: leading "-NUM" arguments mean "-n NUM" (head -3 f).
// BSD: "-" is a file name, not standard input; -n and -c together are an error ("can't combine
// line and byte counts"); with more than one file each gets a "==> name <==" header, separated
// by an empty line. Deviation: a read error (e.g. a directory) is reported with status 1, where
// FreeBSD's head silently stops that file.
import { defineApplet, Getopt, usage, errx, err, warnOp, expandNumber, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, close, read, O, SysError } from "@bsdbox/compat";

const USAGE = "usage: head [-n lines | -c bytes] [file ...]";
const LONG: LongOpt[] = [
  { name: "bytes", has: 1, val: "c" },
  { name: "lines", has: 1, val: "n" },
  { name: "quiet", has: 0, val: "q" },
  { name: "silent", has: 0, val: "q" },
  { name: "verbose", has: 0, val: "v" },
];

export default defineApplet({
  name: "head",
  main(ctx) {
    const g = new Getopt(ctx, "+n:c:qv", LONG, obsolete([ctx.argv0, ...ctx.args]));
    let lines = -1, bytes = -1, quiet = false, verbose = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "c":
        case "n": {
          const r = expandNumber(g.optarg!);
          if (r.errno !== undefined || r.value <= 0n)
            errx(ctx, 1, `illegal ${c === "c" ? "byte" : "line"} count -- ${g.optarg}`);
          if (c === "c") bytes = Number(r.value);
          else lines = Number(r.value);
          break;
        }
        case "q": quiet = true; verbose = false; break;
        case "v": quiet = false; verbose = true; break;
        default: usage(ctx, USAGE);
      }
    }
    if (lines !== -1 && bytes !== -1) errx(ctx, 1, "can't combine line and byte counts");
    if (lines === -1) lines = 10;
    const files = g.rest;
    if (!files.length) {
      copy(ctx, ctx.stdin, "stdin", lines, bytes);
      return ctx.status;
    }
    let first = true;
    for (const name of files) {
      let fd: number;
      try {
        fd = open(name, O.RDONLY);
      } catch (e) {
        warnOp(ctx, name, e);
        continue;
      }
      if (verbose || (!quiet && files.length > 1)) {
        put(ctx, `${first ? "" : "\n"}==> ${name} <==\n`);
        first = false;
      }
      copy(ctx, fd, name, lines, bytes);
      try { close(fd); } catch {}
    }
    return ctx.status;
  },
});

/** head's obsolete(): each leading "-DIGITS..." argument becomes "-nDIGITS...". */
function obsolete(argv: string[]): string[] {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a[0] !== "-" || a[1] === "-" || !(a[1]! >= "0" && a[1]! <= "9")) break;
    argv[i] = "-n" + a.slice(1);
  }
  return argv;
}

function put(ctx: Ctx, data: Uint8Array | string): void {
  try {
    ctx.out.write(data);
  } catch (e) {
    if (e instanceof SysError) err(ctx, 1, "stdout", e);
    throw e;
  }
}

/** Copy the first `lines` lines (bytes < 0) or the first `bytes` bytes of fd. */
function copy(ctx: Ctx, fd: number, name: string, lines: number, bytes: number): void {
  const buf = new Uint8Array(1 << 16);
  let left = bytes >= 0 ? bytes : lines;
  try {
    while (left > 0) {
      const n = read(fd, buf, 0, bytes >= 0 ? Math.min(buf.length, left) : buf.length);
      if (n === 0) break;
      const v = buf.subarray(0, n);
      if (bytes >= 0) {
        left -= n;
        put(ctx, v);
        continue;
      }
      let i = 0;
      while (left > 0) {
        const j = v.indexOf(10, i);
        if (j < 0) break;
        i = j + 1;
        left--;
      }
      put(ctx, left > 0 ? v : v.subarray(0, i));
    }
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    warnOp(ctx, name, e);
  }
}
