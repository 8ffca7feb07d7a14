// truncate — set file sizes, or deallocate byte ranges.
// Not in POSIX.  FreeBSD: truncate(1)
// Options (getopt "cdr:s:o:l:"), exactly one of -s, -r, -d:
//   -s [+|-|%|/]size: set the size, grow or shrink by size, or round up (%) / down (/) to a
//      multiple of size (size with expand_number units k m g t p e, powers of 1024; a result
//      below 0 is 0); -r rfile: the size of rfile;
//   -d -l length [-o offset]: deallocate (punch a hole into) the range, keeping the size.
//   -c creates no file.
// A new file gets mode 0644 less the umask. A file that does not exist (and cannot be created)
// is skipped silently, as truncate.c does; any other failure is reported, the next file is
// tried and the status is 1. Size errors exit 1 at once.
// Deliberate differences from chimerautils: -d punches the hole with FALLOC_FL_KEEP_SIZE (the
// reference calls fallocate(2) with FALLOC_FL_PUNCH_HOLE alone, which Linux always refuses);
// `-s %0` and `-s /0` are refused as invalid sizes where the reference dies dividing by zero.
import { defineApplet, Getopt, usage, errx, err, warnOp, expandNumber } from "@bsdbox/shared";
import { open, close, fstat, stat, ftruncate, fallocate, FALLOC, O, SysError } from "@bsdbox/compat";

const USAGE =
  "usage: truncate [-c] -s [+|-|%|/]size[K|k|M|m|G|g|T|t] file ...\n" +
  "       truncate [-c] -r rfile file ...\n" +
  "       truncate [-c] -d [-o offset[K|k|M|m|G|g|T|t]] -l length[K|k|M|m|G|g|T|t] file ...";
const ENOENT = 2;

export default defineApplet({
  name: "truncate",
  main(ctx) {
    const g = new Getopt(ctx, "cdr:s:o:l:");
    let noCreate = false, dealloc = false, relative = false, round = false, refer = false, gotSize = false;
    let sz = 0n, off = 0n, len = -1n, rname = "";
    const num = (s: string) => {
      const r = expandNumber(s);
      return r.error ? -1n : r.value;
    };
    for (let c; (c = g.next()) !== undefined; ) {
      const a = g.optarg!;
      switch (c) {
        case "c": noCreate = true; break;
        case "d": dealloc = true; break;
        case "r": refer = true; rname = a; break;
        case "s": {
          if (a[0] === "+" || a[0] === "-") relative = true;
          else if (a[0] === "%" || a[0] === "/") round = true;
          const v = num(relative || round ? a.slice(1) : a);
          if (v < 0n || (round && v === 0n)) errx(ctx, 1, `invalid size argument \`${a}'`);
          sz = a[0] === "-" || a[0] === "/" ? -v : v;
          gotSize = true;
          break;
        }
        case "o": {
          const v = num(a);
          if (v < 0n) errx(ctx, 1, `invalid offset argument \`${a}'`);
          off = v;
          break;
        }
        case "l": {
          const v = num(a);
          if (v <= 0n) errx(ctx, 1, `invalid length argument \`${a}'`);
          len = v;
          break;
        }
        default: usage(ctx, USAGE);
      }
    }
    const files = g.rest;
    if (!files.length || +refer + +gotSize + +dealloc !== 1 || (dealloc && len === -1n)) usage(ctx, USAGE);
    let tsize = 0n, rsize = 0n;
    if (refer) {
      try {
        tsize = BigInt(stat(rname).size);
      } catch (e) {
        err(ctx, 1, rname, e);
      }
    } else if (relative || round) rsize = sz;
    else if (!dealloc) tsize = sz;

    const flags = noCreate ? O.WRONLY : O.WRONLY | O.CREAT;
    for (const fname of files) {
      let fd: number;
      try {
        fd = open(fname, flags, 0o644);
      } catch (e) {
        if ((e as SysError).errno !== ENOENT) warnOp(ctx, fname, e);
        continue;
      }
      try {
        if (relative || round) {
          const size = BigInt(fstat(fd).size);
          if (relative) tsize = BigInt.asIntN(64, size + rsize);
          else {
            // truncate.c's rounding, including its quirk: rounding down a size that is not a
            // multiple goes one multiple further unless the quotient equals the divisor
            const d = rsize < 0n ? -rsize : rsize;
            if (size % d) {
              let q = size / d;
              if (q !== d && rsize < 0n) q--;
              else if (rsize > 0n) q++;
              tsize = (q < 0n ? 0n : q) * d;
            } else tsize = size;
          }
        }
        if (tsize < 0n) tsize = 0n;
        if (dealloc) fallocate(fd, FALLOC.PUNCH_HOLE | FALLOC.KEEP_SIZE, off, len);
        else ftruncate(fd, tsize);
      } catch (e) {
        warnOp(ctx, fname, e);
      } finally {
        try { close(fd); } catch {}
      }
    }
    return ctx.status;
  },
});
