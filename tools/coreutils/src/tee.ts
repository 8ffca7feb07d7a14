// tee — copy standard input to standard output and to files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/tee.html  FreeBSD: tee(1)
// Options (getopt "ai"): -a append to the files instead of truncating them, -i ignore SIGINT.
// Files are created with mode 0666 & ~umask. "-" is a file name (as in FreeBSD). A file that
// cannot be opened or written is reported and the copy goes on to the others; status 1.
// Output is unbuffered: each block read is written at once, to the files (last named first, as
// FreeBSD's list does) and then to standard output. A closed pipe kills tee by SIGPIPE.
import { defineApplet, Getopt, usage, err, warnOp } from "@bsdbox/shared";
import { open, read, writeAll, O, SysError, ignoreSignal } from "@bsdbox/compat";

const USAGE = "usage: tee [-ai] [file ...]";

export default defineApplet({
  name: "tee",
  main(ctx) {
    const g = new Getopt(ctx, "ai");
    let append = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": append = true; break;
        case "i": ignoreSignal(2); break;
        default: usage(ctx, USAGE);
      }
    }
    const outs: { fd: number; name: string }[] = [{ fd: 1, name: "stdout" }];
    const flags = O.WRONLY | O.CREAT | (append ? O.APPEND : O.TRUNC);
    for (const name of g.rest) {
      try {
        outs.unshift({ fd: open(name, flags, 0o666), name });
      } catch (e) {
        warnOp(ctx, name, e);
      }
    }
    const buf = new Uint8Array(1 << 16);
    for (;;) {
      let n: number;
      try {
        n = read(ctx.stdin, buf);
      } catch (e) {
        if (e instanceof SysError) err(ctx, 1, "read", e);
        throw e;
      }
      if (n === 0) break;
      for (const o of outs) {
        try {
          writeAll(o.fd, buf, 0, n);
        } catch (e) {
          if (!(e instanceof SysError)) throw e;
          warnOp(ctx, o.name, e);
        }
      }
    }
    return ctx.status;
  },
});
