// du — estimate file space usage.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/du.html  FreeBSD: du(1)
// du [-Aclx] [-H | -L | -P] [-g | -h | -k | -m] [-a | -s | -d depth] [-B blocksize] [-I mask]
//    [-t threshold] [file ...]; getopt_long "+AB:HI:LPasd:cghklmrt:x" with --si:
//   Sizes are st_blocks (512-byte units) rounded up to -B blocksize (itself rounded up to a
//   multiple of 512), printed in BLOCKSIZE units (getbsize: 512 by default) or -k/-m/-g;
//   -A uses st_size (apparent size) and an unrounded -B. -h/--si: humanize_number in 4
//   columns, powers of 1024 / 1000. Each line is "SIZE<TAB>PATH".
//   The walk is fts (shared/fts.ts): -P (default) symlinks are not followed, -H the operands,
//   -L all; -x stays on each operand's file system. Directories are printed after their
//   contents (to -d depth; -s is -d 0); -a prints files too (operands always). A file with
//   more than one link is counted once unless -l. -I mask (fnmatch, repeatable) leaves out
//   matching names (a matching directory is not entered). -t N prints only entries of at
//   least N bytes (-t -N: at most N). -c adds a "total" line. -r is accepted and ignored.
//   -a, -s and -d together, or a bad option: the usage text, status 64. No operand means ".".
//   Unreadable entries: "du: PATH: strerror", status 1, the walk goes on.
// --libxo (FreeBSD 14+, shared/xo.ts): "--libxo json|xml|html|text[,pretty...]" anywhere in the
//   arguments; version "1", container "disk-usage-information", list "paths" of instances
//   {blocks, path}, then "total-blocks" with -c ("{:blocks/%jd}\t{:path/%s}\n"; with -h/--si
//   the blocks are the humanized text). A bad --libxo option: libxo's message, status 64.
//   The usage text goes through xo_error, so in XML/JSON it is not shown (libxo drops it).
// Not done: the SIGINFO (SIGUSR1) line naming the current directory.
import { defineApplet, Getopt, err, warnx, getbsize, expandNumber, humanizeNumber, HN, Exit } from "@bsdbox/shared";
import { xoParseArgs, xoDefault, type XoHandle } from "@bsdbox/shared/xo";
import { Fts, FTS_PHYSICAL, FTS_LOGICAL, FTS_COMFOLLOW, FTS_XDEV, FTS_D, FTS_DP, FTS_DC, FTS_DNR, FTS_ERR, FTS_NS, FTS_SKIP, type FtsEnt } from "@bsdbox/shared/fts";
import { fnmatch } from "@bsdbox/shared/fnmatch";
import { strerror, S_ISDIR } from "@bsdbox/compat";

const USAGE = "usage: du [-Aclnx] [-H | -L | -P] [-g | -h | -k | -m] [-a | -s | -d depth] [-B blocksize] [-I mask] [-t threshold] [file ...]";
const DEV_BSIZE = 512;

/** atoi(3): leading blanks, a sign, digits; 0 when there are none. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) | 0 : 0;
}
// C integer division (truncates toward zero) and howmany()
const div = (a: number, b: number) => Math.trunc(a / b);
const howmany = (x: number, y: number) => div(x + y - 1, y);

export default defineApplet({
  name: "du",
  main(ctx) {
    const argv = xoParseArgs(ctx, [ctx.argv0, ...ctx.args]);
    if (argv === -1) return 64;
    const xo = xoDefault(ctx);
    const usage = (): never => {
      xo.error(USAGE + "\n");
      throw new Exit(64);
    };
    const g = new Getopt(ctx, "+AB:HI:LPasd:cghklmrt:x", [{ name: "si", has: 0, val: "\u0100" }], argv);
    let A = false, H = false, L = false, a = false, s = false, d = false, c = false, l = false;
    let hflag = 0, blocksize = 0, cblocksize = DEV_BSIZE, depth = 2147483647, threshold = 0, sign = 1;
    let fts = FTS_PHYSICAL;
    const ignores: string[] = [];
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "A": A = true; break;
        case "B":
          cblocksize = atoi(g.optarg!);
          if (cblocksize <= 0) {
            xo.warnx(`invalid argument to option B: ${g.optarg}`);
            usage();
          }
          break;
        case "H": H = true; L = false; break;
        case "I": ignores.unshift(g.optarg!); break;
        case "L": L = true; H = false; break;
        case "P": H = L = false; break;
        case "a": a = true; break;
        case "s": s = true; break;
        case "d":
          d = true;
          depth = atoi(g.optarg!);
          if (depth < 0) {
            xo.warnx(`invalid argument to option d: ${g.optarg}`);
            usage();
          }
          break;
        case "c": c = true; break;
        case "g": hflag = 0; blocksize = 1073741824; break;
        case "h": hflag = 1; break;
        case "k": hflag = 0; blocksize = 1024; break;
        case "l": l = true; break;
        case "m": hflag = 0; blocksize = 1048576; break;
        case "r": break;
        case "t": {
          const r = expandNumber(g.optarg!);
          const t = r.error ? 0 : Number(BigInt.asIntN(64, r.value));
          if (r.error || t === 0) {
            xo.warnx(`invalid threshold: ${g.optarg}`);
            usage();
          }
          threshold = t;
          if (t < 0) sign = -1;
          break;
        }
        case "x": fts |= FTS_XDEV; break;
        case "\u0100": hflag = 2; break;
        default: usage();
      }
    }
    let args = g.rest;
    if (H) fts |= FTS_COMFOLLOW;
    if (L) fts = (fts & ~FTS_PHYSICAL) | FTS_LOGICAL;
    if (!A && cblocksize % DEV_BSIZE !== 0) cblocksize = howmany(cblocksize, DEV_BSIZE) * DEV_BSIZE;
    if (+a + +d + +s > 1) usage();
    if (s) depth = 0;
    if (!args.length) args = ["."];
    if (blocksize === 0) blocksize = getbsize(ctx.env.get("BLOCKSIZE"), (m) => warnx(ctx, m));
    if (!A) {
      cblocksize = div(cblocksize, DEV_BSIZE);
      blocksize = div(blocksize, DEV_BSIZE);
    }
    if (threshold !== 0) threshold = howmany(div(threshold, DEV_BSIZE) * cblocksize, blocksize);

    // prthumanval: humanize_number into 5 bytes, printed with the field's %4s
    const prthumanval = (x: XoHandle, fmt: string, n: number) => {
      let bytes = n * cblocksize;
      if (!A) bytes *= DEV_BSIZE;
      const flags = HN.B | HN.NOSPACE | HN.DECIMAL | (hflag === 2 ? HN.DIVISOR_1000 : 0);
      x.emit(fmt, humanizeNumber(bytes, 5, "", HN.AUTOSCALE, flags));
    };
    const printFileSize = (n: number, path: string) => {
      xo.openInstance("paths");
      if (hflag > 0) {
        prthumanval(xo, "{:blocks/%4s}", n);
        xo.emit("\t{:path/%s}\n", path);
      } else xo.emit("{:blocks/%jd}\t{:path/%s}\n", howmany(n * cblocksize, blocksize), path);
      xo.closeInstance("paths");
    };
    const ignored = (p: FtsEnt) => ignores.length !== 0 && ignores.some((m) => fnmatch(m, p.name, 0) === 0);
    const links = new Map<string, number>();
    const linkchk = (p: FtsEnt) => {
      const k = `${p.stat!.dev}:${p.stat!.ino}`;
      const left = links.get(k);
      if (left !== undefined) {
        if (left - 1 <= 0) links.delete(k);
        else links.set(k, left - 1);
        return true;
      }
      links.set(k, p.stat!.nlink - 1);
      return false;
    };
    const blocks = (p: FtsEnt) => (A ? howmany(p.stat!.size, cblocksize) : howmany(p.stat!.blocks, cblocksize));

    let walk: Fts;
    try {
      walk = new Fts(args, fts);
    } catch (e) {
      err(ctx, 1, "fts_open", e);
    }
    let saved = 0;
    xo.setVersion("1");
    xo.openContainer("disk-usage-information");
    xo.openList("paths");
    for (;;) {
      let p;
      try {
        p = walk.read();
      } catch (e) {
        xo.closeList("paths");
        xo.err(1, "fts_read", e);
      }
      if (!p) break;
      switch (p.info) {
        case FTS_D:
          if (ignored(p)) walk.set(p, FTS_SKIP);
          break;
        case FTS_DP: {
          if (ignored(p)) break;
          p.number += blocks(p);
          p.parent!.number += p.number;
          if (p.level <= depth && threshold <= sign * howmany(p.number * cblocksize, blocksize)) printFileSize(p.number, p.path);
          break;
        }
        case FTS_DC:
          break;
        case FTS_DNR:
        case FTS_ERR:
        case FTS_NS:
          xo.warnx(`${p.path}: ${strerror(p.errno)}`);
          ctx.status = 1;
          break;
        default: {
          if (ignored(p)) break;
          if (!l && p.stat!.nlink > 1 && !S_ISDIR(p.stat!.mode) && linkchk(p)) break;
          const cur = blocks(p);
          if ((a || p.level === 0) && threshold <= sign * howmany(cur * cblocksize, blocksize)) printFileSize(cur, p.path);
          p.parent!.number += cur;
        }
      }
      saved = p.parent!.number;
    }
    xo.closeList("paths");
    if (c) {
      if (hflag > 0) prthumanval(xo, "{:total-blocks/%4s}\ttotal\n", saved);
      else xo.emit("{:total-blocks/%jd}\ttotal\n", howmany(saved * cblocksize, blocksize));
    }
    xo.closeContainer("disk-usage-information");
    xo.finish();
    return ctx.status;
  },
});
