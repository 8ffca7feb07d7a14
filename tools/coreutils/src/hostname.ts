// hostname — set or print the name of the current host system.
// FreeBSD: hostname(1), as chimerautils ships it: -f is accepted and ignored (the name is
// printed as the kernel holds it), -s cuts the name at its first dot, -d prints what follows that
// dot; an operand sets the name (sethostname(2), which needs privilege).
import { defineApplet, Getopt, usage, err } from "@bsdbox/shared";
import { gethostname, sethostname } from "@bsdbox/compat";

const USAGE = "usage: hostname [-f] [-s | -d] [name-of-host]";

export default defineApplet({
  name: "hostname",
  main(ctx) {
    let s = false, d = false;
    const g = new Getopt(ctx, "fsd");
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "s") s = true;
      else if (c === "d") d = true;
      else if (c !== "f") usage(ctx, USAGE);
    }
    const args = g.rest;
    if (args.length > 1 || (s && d)) usage(ctx, USAGE);
    if (args.length) {
      try {
        sethostname(args[0]!);
      } catch (e) {
        err(ctx, 1, "sethostname", e);
      }
      return 0;
    }
    let name: string;
    try {
      name = gethostname();
    } catch (e) {
      return err(ctx, 1, "gethostname", e);
    }
    const dot = name.indexOf(".");
    if (s && dot >= 0) name = name.slice(0, dot);
    else if (d && dot >= 0) name = name.slice(dot + 1);
    ctx.out.write(name + "\n");
    return 0;
  },
});
