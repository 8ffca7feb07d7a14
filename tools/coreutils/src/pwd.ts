// pwd — print the working directory.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pwd.html  FreeBSD: pwd(1)
// -L (default): $PWD when it is absolute, names the current directory and has no "." or ".."
// components; otherwise, and with -P, the physical path (getcwd). Operands are an error.
import { defineApplet, Getopt, usage, err } from "@bsdbox/shared";
import { getcwd, stat } from "@bsdbox/compat";

const USAGE = "usage: pwd [-L | -P]";

function logical(pwd: string | undefined): string | undefined {
  if (!pwd || pwd[0] !== "/" || /(^|\/)\.\.?(\/|$)/.test(pwd)) return undefined;
  try {
    const a = stat(pwd), b = stat(".");
    return a.dev === b.dev && a.ino === b.ino ? pwd : undefined;
  } catch {
    return undefined;
  }
}

export default defineApplet({
  name: "pwd",
  main(ctx) {
    const g = new Getopt(ctx, "LP");
    let physical = false;
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "L") physical = false;
      else if (c === "P") physical = true;
      else usage(ctx, USAGE);
    }
    if (g.rest.length) usage(ctx, USAGE);
    let p = physical ? undefined : logical(ctx.env.get("PWD"));
    if (p === undefined) {
      try {
        p = getcwd();
      } catch (e) {
        err(ctx, 1, ".", e);
      }
    }
    ctx.out.write(p + "\n");
    return 0;
  },
});
