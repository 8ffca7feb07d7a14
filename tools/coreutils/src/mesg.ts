// mesg — display (do not display) messages from other users.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/mesg.html  FreeBSD: mesg(1)
// The terminal is the first of standard input, output and error that is one. No operand: print
// "is y" (group may write) or "is n". y / n (only the first character counts) grant or revoke
// the group write bit. Exit 0 when messages are allowed, 1 when not, 2 on an error or bad usage.
import { defineApplet, Getopt, usage, err } from "@bsdbox/shared";
import { ttyname, stat, chmod } from "@bsdbox/compat";

const USAGE = "usage: mesg [n | y]";

export default defineApplet({
  name: "mesg",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE, 2);
    const args = g.rest;
    let tty: string | undefined, last: unknown;
    for (const fd of [0, 1, 2]) {
      try {
        tty = ttyname(fd);
        break;
      } catch (e) {
        last = e;
      }
    }
    if (tty === undefined) err(ctx, 2, "ttyname", last);
    let mode = 0;
    try {
      mode = stat(tty).mode & 0o7777;
    } catch (e) {
      err(ctx, 2, tty, e);
    }
    if (!args.length) {
      const y = (mode & 0o020) !== 0;
      ctx.out.write(y ? "is y\n" : "is n\n");
      return y ? 0 : 1;
    }
    const c = args[0]![0];
    if (c === "y" || c === "n") {
      try {
        chmod(tty, c === "y" ? mode | 0o020 : mode & ~0o020);
      } catch (e) {
        err(ctx, 2, tty, e);
      }
      return c === "y" ? 0 : 1;
    }
    usage(ctx, USAGE, 2);
  },
});
