// logname — print the user's login name.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/logname.html  FreeBSD: logname(1)
// musl's getlogin(3) is getenv("LOGNAME"); when it is unset the tool fails like chimerautils:
// "logname: getlogin: No error information", status 1.
import { defineApplet, Getopt, usage, errx } from "@bsdbox/shared";

export default defineApplet({
  name: "logname",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, "usage: logname");
    if (g.rest.length) usage(ctx, "usage: logname");
    const name = ctx.env.get("LOGNAME");
    if (name === undefined) errx(ctx, 1, "getlogin: No error information");
    ctx.out.write(name + "\n");
    return 0;
  },
});
