// sync — schedule file system updates.
// Not in POSIX.  FreeBSD: sync(8)
// No options and no operands (any are ignored, as sync.c never looks at them): calls sync(2),
// which flushes every file system's dirty buffers, and exits 0.
import { defineApplet } from "@bsdbox/shared";
import { sync } from "@bsdbox/compat";

export default defineApplet({
  name: "sync",
  main() {
    sync();
    return 0;
  },
});
