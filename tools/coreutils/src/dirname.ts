// dirname — return the directory portion of a path name.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/dirname.html  FreeBSD: dirname(1)
// usage: dirname string [...]; each operand on its own line. musl dirname(3): "" -> ".",
// "//a" -> "/", trailing slashes ignored.
import { defineApplet, Getopt, usage, pathDirname } from "@bsdbox/shared";

const USAGE = "usage: dirname string [...]";

export default defineApplet({
  name: "dirname",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE);
    const args = g.rest;
    if (args.length < 1) usage(ctx, USAGE);
    for (const a of args) ctx.out.write(pathDirname(a) + "\n");
    return 0;
  },
});
