// users — list the users logged in: the names of the login records (/var/run/utmp), sorted,
// each once, on one line. FreeBSD: users(1). No options, no operands.
import { defineApplet, Getopt, usage, encode } from "@bsdbox/shared";
import { readUtmp, UT } from "@bsdbox/shared/utmp";
import { compareBytes } from "@bsdbox/compat";

export default defineApplet({
  name: "users",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, "usage: users");
    if (g.rest.length) usage(ctx, "usage: users");
    const names = [...new Set(readUtmp().filter((u) => u.type === UT.USER_PROCESS).map((u) => u.user))];
    if (!names.length) return 0;
    names.sort((a, b) => compareBytes(encode(a), encode(b)));
    ctx.out.write(names.join(" ") + "\n");
    return 0;
  },
});
