// fallocate — preallocate or deallocate space in a file (chimerautils' own tool, util-linux
// compatible). fallocate [-c|-i|-p|-z] [-n] [-o offset] -l length [-v] file
//            fallocate -d [-o offset] [-l length] [-v] file
//            fallocate -x [-o offset] -l length [-v] file
// getopt_long "cdhil:no:pxzvV" (--collapse-range --dig-holes --insert-range --length
// --keep-size --offset --punch-hole --posix --zero-range --verbose --help --version).
// -l/-o take a number (strtoumax base 0) with an optional suffix: K M G T P E (also KiB...:
// powers of 1024) or KB MB... (powers of 1000), B = bytes; at most 2^63-1.
// -p implies -n; -c, -i, -p, -z exclude each other; -x and -d exclude each other and the
// fallocate(2) modes. The file is opened read-write, created (0666 less umask) only for plain
// allocation, before the length is checked ("length not specified", "length must be
// non-zero"). -x uses posix_fallocate(3). -d reads the data extents (SEEK_DATA/SEEK_HOLE) of
// [offset, offset+length) (to the end without -l) and punches holes where whole st_blksize
// blocks are zero. -v: "FILE: 3 KiB (3072 bytes) allocated." (removed, inserted, hole created,
// zeroed; "converted to sparse holes" for -d) with humanize_number's IEC units.
// Every error is err(3)/errx(3) with status 1.
// Deliberately different from chimerautils: a plain number ("-l 1000") is accepted (its
// suffix check rejects a number without a suffix), -x reports posix_fallocate's errors, and
// -d looks at every byte of a block (the reference skips every other one).
import { defineApplet, Getopt, usage, err, errx, strtol, humanizeNumber, HN, helpVersion } from "@bsdbox/shared";
import {
  open, close, O, fstat, read, lseek, SEEK, fallocate, posixFallocate, fsync, FALLOC, SysError,
} from "@bsdbox/compat";

const HELP = `Usage: fallocate [OPTION]... <file>

Preallocate space to, or deallocate space from a file.

      -c, --collapse-range  remove a range from the file
      -d, --dig-holes       detect zeroes and replace with holes
      -i, --insert-range    insert a hole at range, shifting existing data
      -l, --length NUM      length for range operations, in bytes
      -n, --keep-size       maintain the apparent size of the file
      -o, --offset NUM      offset for range operations, in bytes
      -p, --punch-hole      replace a range with a hole (implies -n)
      -z, --zero-range      zero and ensure allocation of a range
      -x, --posix           use posix_fallocate(3) instead of fallocate(2)
      -v, --verbose         verbose mode
      -h, --help            display this help and exit
      -V, --version         output version information and exit
`;
const OFF_MAX = (1n << 63n) - 1n;
const UMAX = (1n << 64n) - 1n;
const POW: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

export default defineApplet({
  name: "fallocate",
  main(ctx) {
    const size = (arg: string, what: string): bigint => {
      const bad = (): never => errx(ctx, 1, `invalid ${what} argument '${arg}'`);
      const r = strtol(arg, 0);
      if (r.value > UMAX || r.value < -UMAX) bad();
      let v = BigInt.asUintN(64, r.value);
      const suf = arg.slice(r.end);
      const c = suf.slice(0, 1).toLowerCase(), rest = suf.slice(1).toLowerCase();
      if (!r.digits && c === "") bad();
      if (c === "b" ? rest !== "" : c !== "") {
        const n = POW[c];
        if (n === undefined) bad();
        if (rest === "" || rest === "ib") v <<= BigInt(10 * n!);
        else if (rest === "b") v *= 1000n ** BigInt(n!);
        else bad();
      }
      if (v > OFF_MAX) bad();
      return v;
    };

    const g = new Getopt(ctx, "cdhil:no:pxzvV", [
      { name: "collapse-range", has: 0, val: "c" },
      { name: "dig-holes", has: 0, val: "d" },
      { name: "insert-range", has: 0, val: "i" },
      { name: "length", has: 1, val: "l" },
      { name: "keep-size", has: 0, val: "n" },
      { name: "offset", has: 1, val: "o" },
      { name: "punch-hole", has: 0, val: "p" },
      { name: "posix", has: 0, val: "x" },
      { name: "zero-range", has: 0, val: "z" },
      { name: "verbose", has: 0, val: "v" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    let flags = 0, dig = false, posix = false, verbose = false, help = false, version = false;
    let length = 0n, offset = 0n, haveLen = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "c": flags |= FALLOC.COLLAPSE_RANGE; break;
        case "d": dig = true; break;
        case "i": flags |= FALLOC.INSERT_RANGE; break;
        case "l": length = size(g.optarg!, "length"); haveLen = true; break;
        case "n": flags |= FALLOC.KEEP_SIZE; break;
        case "o": offset = size(g.optarg!, "offset"); break;
        case "p": flags |= FALLOC.PUNCH_HOLE | FALLOC.KEEP_SIZE; break;
        case "x": posix = true; break;
        case "z": flags |= FALLOC.ZERO_RANGE; break;
        case "v": verbose = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, `Try '${ctx.prog} --help' for more information.`);
      }
    }
    if (posix && dig) errx(ctx, 1, "-x is incompatible with -d");
    if (flags && (posix || dig)) errx(ctx, 1, `-${posix ? "x" : "d"} is incompatible with either of -c, -i, -n, -p or -z`);
    if (flags & (flags - 1) && flags !== (FALLOC.KEEP_SIZE | FALLOC.PUNCH_HOLE))
      errx(ctx, 1, "-c, -i, -p and -z are mutually incompatible");
    if (help || version) return helpVersion(ctx, version, HELP);
    const args = g.rest;
    if (args.length === 0) errx(ctx, 1, "no filename given");
    if (args.length !== 1) errx(ctx, 1, "invalid number of arguments");
    const fname = args[0]!;

    let fd = -1;
    try {
      fd = open(fname, O.RDWR | (flags || dig ? 0 : O.CREAT), 0o666);
    } catch (e) {
      err(ctx, 1, `open failed for ${fname}`, e);
    }
    const human = (n: bigint) => humanizeNumber(n, 9, "B", HN.AUTOSCALE, HN.DECIMAL | HN.IEC_PREFIXES);

    if (!dig) {
      if (!haveLen) errx(ctx, 1, "length not specified");
      if (!length) errx(ctx, 1, "length must be non-zero");
      try {
        if (posix) posixFallocate(fd, offset, length);
        else fallocate(fd, flags, offset, length);
      } catch (e) {
        err(ctx, 1, "fallocate", e);
      }
      if (verbose) {
        const word = flags & FALLOC.COLLAPSE_RANGE ? "removed" : flags & FALLOC.INSERT_RANGE ? "inserted"
          : flags & FALLOC.PUNCH_HOLE ? "hole created" : flags & FALLOC.ZERO_RANGE ? "zeroed" : "allocated";
        ctx.out.write(`${fname}: ${human(length)} (${length} bytes) ${word}.\n`);
      }
    } else {
      let st;
      try {
        st = fstat(fd);
      } catch (e) {
        err(ctx, 1, `stat failed for ${fname}`, e);
      }
      const bsz = st.blksize || 4096;
      const end = length ? offset + length : BigInt(st.size);
      const buf = new Uint8Array(bsz);
      let total = 0n;
      const punch = (at: number, len: number) => {
        try {
          fallocate(fd, FALLOC.PUNCH_HOLE | FALLOC.KEEP_SIZE, at, len);
        } catch (e) {
          err(ctx, 1, "fallocate", e);
        }
        total += BigInt(len);
      };
      let pos = Number(offset);
      const stop = Number(end);
      while (pos < stop) {
        let data: number, hole: number;
        try {
          data = lseek(fd, pos, SEEK.DATA);
        } catch {
          break; // ENXIO: no data after pos
        }
        if (data >= stop) break;
        try {
          hole = Math.min(lseek(fd, data, SEEK.HOLE), stop);
        } catch {
          hole = stop;
        }
        let off = data, holest = 0, holen = 0;
        while (off < hole) {
          let n = 0;
          try {
            n = read(fd, buf, 0, Math.min(bsz, hole - off), off);
          } catch (e) {
            err(ctx, 1, "pread", e);
          }
          if (n === 0) break;
          let zero = true;
          for (let i = 0; i < n; i++) if (buf[i] !== 0) { zero = false; break; }
          if (zero) {
            if (!holen) holest = off;
            holen += n;
          } else if (holen) {
            punch(holest, holen);
            holen = 0;
          }
          off += n;
        }
        if (holen) punch(holest, holen);
        if (off <= pos) break;
        pos = off;
      }
      if (verbose) ctx.out.write(`${fname}: ${human(total)} (${total} bytes) converted to sparse holes.\n`);
    }
    try {
      fsync(fd);
    } catch (e) {
      err(ctx, 1, "fsync", e);
    }
    try {
      close(fd);
    } catch (e) {
      err(ctx, 1, "close", e);
    }
    return 0;
  },
});
