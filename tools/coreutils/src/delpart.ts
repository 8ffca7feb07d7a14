// delpart — tell the kernel to forget a partition (chimerautils' own tool, util-linux
// compatible). delpart disk_device part_number   (no options)
// The disk is opened read-only and ioctl(BLKPG, BLKPG_DEL_PARTITION) is issued: it needs
// CAP_SYS_ADMIN, a whole disk and a partition that is not in use. Errors (status 1): the usage
// line, "open: ...", "invalid partition number", "ioctl: ...".
import { defineApplet, err, errx, usage, strtol } from "@bsdbox/shared";
import { open, O, blkpg, BLKPG } from "@bsdbox/compat";

export default defineApplet({
  name: "delpart",
  main(ctx) {
    const a = ctx.args;
    if (a.length !== 2) usage(ctx, `usage: ${ctx.prog} disk_device part_number`);
    let fd = -1;
    try {
      fd = open(a[0]!, O.RDONLY);
    } catch (e) {
      err(ctx, 1, "open", e);
    }
    const r = strtol(a[1]!, 10);
    if (!r.digits || r.end !== a[1]!.length || r.value < 0n || r.value > 2147483647n)
      errx(ctx, 1, "invalid partition number");
    try {
      blkpg(fd, BLKPG.DEL_PARTITION, Number(r.value), 0n, 0n);
    } catch (e) {
      err(ctx, 1, "ioctl", e);
    }
    return 0;
  },
});
