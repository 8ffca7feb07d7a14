// tty — print the name of the terminal on standard input.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/tty.html  FreeBSD: tty(1)
// -s: print nothing, only the status. "not a tty" and status 1 when stdin is no terminal;
// usage errors exit 2.
import { defineApplet, Getopt, usage } from "@bsdbox/shared";
import { ttyname } from "@bsdbox/compat";

export default defineApplet({
  name: "tty",
  main(ctx) {
    const g = new Getopt(ctx, "s");
    let silent = false;
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "s") silent = true;
      else usage(ctx, "usage: tty [-s]", 2);
    }
    let name: string | undefined;
    try {
      name = ttyname(ctx.stdin);
    } catch {}
    if (!silent) ctx.out.write((name ?? "not a tty") + "\n");
    return name ? 0 : 1;
  },
});
