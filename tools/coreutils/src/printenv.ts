// printenv — print the environment, or the value of one variable.
// FreeBSD: printenv(1). usage: printenv [name]. Status 1 when the variable is not set.
import { defineApplet, Getopt, usage } from "@bsdbox/shared";

const USAGE = "usage: printenv [name]";

export default defineApplet({
  name: "printenv",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE);
    const args = g.rest;
    if (args.length === 0) {
      for (const [k, v] of ctx.env) ctx.out.write(`${k}=${v}\n`);
      return 0;
    }
    if (args.length !== 1) usage(ctx, USAGE);
    // FreeBSD compares the name as a prefix of each "name=value" entry
    const name = args[0]!;
    for (const [k, v] of ctx.env) {
      const entry = `${k}=${v}`;
      if (entry.startsWith(name) && entry[name.length] === "=") {
        ctx.out.write(entry.slice(name.length + 1) + "\n");
        return 0;
      }
    }
    return 1;
  },
});
