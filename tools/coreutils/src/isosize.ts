// isosize — print the length of an ISO9660 file system (chimerautils' own tool, util-linux
// compatible). isosize [-x] [-d divisor] image ...   getopt_long "d:xhV" (--divisor --sectors
// --help --version). Each image must have "\1CD001\1" at 0x8000 (the primary volume
// descriptor); its volume space size (32-bit little-endian at 0x8050) times its logical block
// size (16-bit little-endian at 0x8080) is printed, divided by -d (a non-zero decimal integer);
// -x prints "sector count: N, sector size: S" instead. With several images each line starts
// with "IMAGE: ". Errors are warnings ("F: open: ...", "F: not an ISO9660 filesystem", "F: read
// error"); status 0, 32 when every image failed, 64 when some did. "invalid divisor argument"
// and "no device specified" (with the --help hint) exit 1.
import { defineApplet, Getopt, usage, errx, warn, warnx, strtol, helpVersion } from "@bsdbox/shared";
import { open, close, read, O, SysError } from "@bsdbox/compat";

const HELP = `Usage: isosize [OPTION]... IMAGE...

Show the length of an ISO9660 filesystem.

      -d, --divisor=NUM  divide the amount of bytes by NUM
      -x, --sectors      show sector count and size
      -h, --help         display this help and exit
      -V, --version      output version information and exit
`;
const MAGIC = [1, 0x43, 0x44, 0x30, 0x30, 0x31, 1, 0]; // "\1CD001\1" and its NUL, as compared

export default defineApplet({
  name: "isosize",
  main(ctx) {
    const g = new Getopt(ctx, "d:xhV", [
      { name: "divisor", has: 1, val: "d" },
      { name: "sectors", has: 0, val: "x" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    const hint = `Try '${ctx.prog} --help' for more information.`;
    let xflg = false, help = false, version = false, divisor = 1n;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "d": {
          const r = strtol(g.optarg!, 10);
          if (r.end !== g.optarg!.length || !r.digits || r.value === 0n) errx(ctx, 1, "invalid divisor argument");
          divisor = BigInt.asIntN(64, r.value);
          break;
        }
        case "x": xflg = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, hint);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    const images = g.rest;
    if (images.length < 1) usage(ctx, `${ctx.prog}: no device specified\n${hint}`);

    const pread = (fd: number, len: number, pos: number): Uint8Array => {
      const b = new Uint8Array(len);
      let n = 0;
      while (n < len) {
        const k = read(fd, b, n, len - n, pos + n);
        if (k === 0) break;
        n += k;
      }
      return b.subarray(0, n);
    };
    const one = (path: string): boolean => {
      let fd: number;
      try {
        fd = open(path, O.RDONLY);
      } catch (e) {
        warn(ctx, `${path}: open`, e);
        return false;
      }
      try {
        let lbl: Uint8Array;
        try {
          lbl = pread(fd, 8, 0x8000);
        } catch {
          lbl = new Uint8Array(0);
        }
        // a short read leaves the rest of the label unset: compare only a full one
        if (lbl.length < 8 || lbl.some((b, i) => b !== MAGIC[i])) {
          warnx(ctx, `${path}: not an ISO9660 filesystem`);
          return false;
        }
        let vss: Uint8Array, lbs: Uint8Array;
        try {
          vss = pread(fd, 4, 0x8050);
          lbs = pread(fd, 2, 0x8080);
        } catch (e) {
          warn(ctx, `${path}: read error`, e as SysError);
          return false;
        }
        if (vss.length !== 4 || lbs.length !== 2) {
          warnx(ctx, `${path}: read error`);
          return false;
        }
        const nsecs = (vss[0]! | (vss[1]! << 8) | (vss[2]! << 16) | (vss[3]! << 24)) >>> 0;
        const ssize = lbs[0]! | (lbs[1]! << 8);
        let line = images.length > 1 ? `${path}: ` : "";
        line += xflg ? `sector count: ${nsecs}, sector size: ${ssize}\n` : `${(BigInt(nsecs) * BigInt(ssize)) / divisor}\n`;
        ctx.out.write(line);
        return true;
      } finally {
        close(fd);
      }
    };
    let nerr = 0;
    for (const p of images) if (!one(p)) nerr++;
    return nerr === images.length ? 32 : nerr ? 64 : 0;
  },
});
