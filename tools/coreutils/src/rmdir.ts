// rmdir — remove directories.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/rmdir.html  FreeBSD: rmdir(1)
// Options (getopt "pv"): -p also removes each parent named in the operand, deepest first
//   (`rmdir -p a/b/c` removes a/b/c, a/b, a), stopping at the first that fails; -v prints each
//   directory removed.
// Only empty directories go; a symlink to a directory is not one (ENOTDIR). Failures are
// reported and the next operand is tried; status 1 then. Usage errors exit 2, as FreeBSD's.
import { defineApplet, Getopt, usage, warnOp, type Ctx } from "@bsdbox/shared";
import { rmdir } from "@bsdbox/compat";

const USAGE = "usage: rmdir [-pv] directory ...";

export default defineApplet({
  name: "rmdir",
  main(ctx) {
    const g = new Getopt(ctx, "pv");
    let pflag = false, vflag = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "p": pflag = true; break;
        case "v": vflag = true; break;
        default: usage(ctx, USAGE, 2);
      }
    }
    const dirs = g.rest;
    if (!dirs.length) usage(ctx, USAGE, 2);
    for (const dir of dirs) {
      try {
        rmdir(dir);
      } catch (e) {
        warnOp(ctx, dir, e);
        continue;
      }
      if (vflag) ctx.out.write(`${dir}\n`);
      if (pflag) removeParents(ctx, dir, vflag);
    }
    return ctx.status;
  },
});

/** -p: strip the last component (and the slashes around it) and remove what is left, until
 * no slash remains or only the root would be left. */
function removeParents(ctx: Ctx, path: string, vflag: boolean): void {
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  for (;;) {
    const slash = path.lastIndexOf("/", end - 1);
    if (slash < 0) return;
    end = slash;
    while (end > 0 && path[end - 1] === "/") end--;
    if (end === 0) return;
    const parent = path.slice(0, end);
    try {
      rmdir(parent);
    } catch (e) {
      warnOp(ctx, parent, e);
      return;
    }
    if (vflag) ctx.out.write(`${parent}\n`);
  }
}
