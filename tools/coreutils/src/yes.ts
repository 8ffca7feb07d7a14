// yes — write a line over and over: the arguments joined by spaces, or "y".
// FreeBSD: yes(1) (not in POSIX). No options: every argument, "-x" and "--" too, is text.
// Speed: one block of many copies of the line is written again and again. A closed pipe kills
// yes by SIGPIPE (status 141, nothing on stderr); any other write error is "yes: stdout: ...".
import { defineApplet, err, encode } from "@bsdbox/shared";
import { writeAll, SysError } from "@bsdbox/compat";

export default defineApplet({
  name: "yes",
  main(ctx) {
    const line = encode((ctx.args.length ? ctx.args.join(" ") : "y") + "\n");
    const copies = Math.max(1, Math.floor((1 << 17) / line.length));
    const block = new Uint8Array(copies * line.length);
    for (let i = 0; i < copies; i++) block.set(line, i * line.length);
    try {
      for (;;) writeAll(1, block);
    } catch (e) {
      if (e instanceof SysError) err(ctx, 1, "stdout", e);
      throw e;
    }
  },
});
