// mkfifo — make FIFO special files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/mkfifo.html  FreeBSD: mkfifo(1)
// Options (getopt "m:"): -m mode, octal or symbolic relative to a=rw (0666); with -m the umask
//   is cleared first, so the mode is exact and who-less clauses (`+x`) ignore the old umask.
// Without -m a FIFO gets 0666 less the umask. An operand that fails is reported and the next
// one is tried; status 1 then. An invalid mode exits 1 before anything is made.
import { defineApplet, Getopt, usage, errx, warnOp } from "@bsdbox/shared";
import { setmode, getmode } from "@bsdbox/shared/mode";
import { mkfifo, umask } from "@bsdbox/compat";

const USAGE = "usage: mkfifo [-m mode] fifo_name ...";
const BASEMODE = 0o666;

export default defineApplet({
  name: "mkfifo",
  main(ctx) {
    const g = new Getopt(ctx, "m:");
    let modestr: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "m") modestr = g.optarg!;
      else usage(ctx, USAGE);
    }
    const names = g.rest;
    if (!names.length) usage(ctx, USAGE);
    let mode = BASEMODE;
    if (modestr !== undefined) {
      umask(0);
      const set = setmode(modestr, 0);
      if (!set) errx(ctx, 1, `invalid file mode: ${modestr}`);
      mode = getmode(set, BASEMODE);
    }
    for (const name of names) {
      try {
        mkfifo(name, mode);
      } catch (e) {
        warnOp(ctx, name, e);
      }
    }
    return ctx.status;
  },
});
