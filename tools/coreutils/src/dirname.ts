// dirname — return the directory portion of a path name.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/dirname.html  FreeBSD: dirname(1)
// usage: dirname string [...]; each operand on its own line. musl dirname(3): "" -> ".",
// "//a" -> "/", trailing slashes ignored.
import { defineApplet, Getopt, usage } from "@bsdbox/shared";

const USAGE = "usage: dirname string [...]";

/** musl dirname(3) */
export function dirOf(s: string): string {
  if (s === "") return ".";
  let i = s.length - 1;
  for (; s[i] === "/"; i--) if (!i) return "/";
  for (; s[i] !== "/"; i--) if (!i) return ".";
  for (; s[i] === "/"; i--) if (!i) return "/";
  return s.slice(0, i + 1);
}

export default defineApplet({
  name: "dirname",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE);
    const args = g.rest;
    if (args.length < 1) usage(ctx, USAGE);
    for (const a of args) ctx.out.write(dirOf(a) + "\n");
    return 0;
  },
});
