// hostid — print the numeric identifier of the current host.
// chimerautils' own tool: printf("%08lx\n", gethostid() & 0xFFFFFFFF); arguments are ignored.
// The id comes from /etc/hostid (glibc's and zgenhostid's 4-byte file) when it exists; musl's
// gethostid() has no source and returns 0, which is printed as 00000000 otherwise.
import { defineApplet } from "@bsdbox/shared";
import { gethostid } from "@bsdbox/compat";

export default defineApplet({
  name: "hostid",
  main(ctx) {
    ctx.out.write(gethostid().toString(16).padStart(8, "0") + "\n");
    return 0;
  },
});
