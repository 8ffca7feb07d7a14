// pivot_root — change the root file system.
// chimerautils pivot_root(8) (util-linux's interface): pivot_root new_root put_old
// The pivot_root(2) system call: the root mount moves to put_old, new_root becomes the root
// mount of the caller's mount namespace. The working directory and root of the calling process
// are not changed by this tool (the kernel moves those that pointed at the old root).
// Usage: status 1. A failure: "pivot_root: pivot_root(NEW, OLD): strerror", status 1.
import { defineApplet, usage, err } from "@bsdbox/shared";
import { pivotRoot } from "@bsdbox/compat";

export default defineApplet({
  name: "pivot_root",
  main(ctx) {
    const a = ctx.args;
    if (a.length !== 2) usage(ctx, `usage: ${ctx.prog} new_root put_old`);
    try {
      pivotRoot(a[0]!, a[1]!);
    } catch (e) {
      err(ctx, 1, `pivot_root(${a[0]}, ${a[1]})`, e);
    }
    return 0;
  },
});
