// uname — print system information.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/uname.html  FreeBSD: uname(1)
// Options -a (= -mnrsv) -b -i -K -m -n -o (= -s) -p -r -s -U -v; no option means -s. Fields print
// in the order s n r v m p i K U b. On Linux (as chimerautils) -p -i -K -U -b print "unknown".
// Each field can be overridden by the environment variable UNAME_x (x = s n r v m p i K U b).
import { defineApplet, Getopt, usage } from "@bsdbox/shared";
import { uname } from "@bsdbox/compat";

const ORDER = ["s", "n", "r", "v", "m", "p", "i", "K", "U", "b"] as const;

export default defineApplet({
  name: "uname",
  main(ctx) {
    const g = new Getopt(ctx, "abiKmnoprsUv");
    const want = new Set<string>();
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "a") for (const f of "mnrsv") want.add(f);
      else if (c === "o") want.add("s");
      else if (c === "?") usage(ctx, "usage: uname [-abiKmnoprsUv]");
      else want.add(c);
    }
    if (g.rest.length) usage(ctx, "usage: uname [-abiKmnoprsUv]");
    if (!want.size) want.add("s");
    const u = uname();
    const native: Record<string, string> = {
      s: u.sysname, n: u.nodename, r: u.release, v: u.version, m: u.machine,
      p: "unknown", i: "unknown", K: "unknown", U: "unknown", b: "unknown",
    };
    const parts = ORDER.filter((f) => want.has(f)).map((f) => ctx.env.get(`UNAME_${f}`) ?? native[f]!);
    ctx.out.write(parts.join(" ") + "\n");
    return 0;
  },
});
