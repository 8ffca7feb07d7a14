// addpart — tell the kernel about a new partition (chimerautils' own tool, util-linux
// compatible). addpart disk_device part_number start length   (no options)
// start and length are in 512-byte sectors (decimal, at most 2^55-1); the disk is opened
// read-only and ioctl(BLKPG, BLKPG_ADD_PARTITION) is issued: it needs CAP_SYS_ADMIN and a whole
// disk. Errors (status 1): the usage line, "open: ...", "invalid partition number", "invalid
// start argument", "invalid length argument", "ioctl: ...".
// Deliberately different from chimerautils: the length is read from the length argument (the
// reference parses the start twice).
import { defineApplet, err, errx, usage, strtol } from "@bsdbox/shared";
import { open, O, blkpg, BLKPG } from "@bsdbox/compat";

const MAXSECT = (1n << 55n) - 1n;
/** A whole unsigned decimal (strtoul base 10) at most max, or undefined. */
function num(s: string, max: bigint): bigint | undefined {
  const r = strtol(s, 10);
  return r.digits && r.end === s.length && r.value >= 0n && r.value <= max ? r.value : undefined;
}

export default defineApplet({
  name: "addpart",
  main(ctx) {
    const a = ctx.args;
    if (a.length !== 4) usage(ctx, `usage: ${ctx.prog} disk_device part_number start length`);
    let fd = -1;
    try {
      fd = open(a[0]!, O.RDONLY);
    } catch (e) {
      err(ctx, 1, "open", e);
    }
    const pno = num(a[1]!, 2147483647n) ?? errx(ctx, 1, "invalid partition number");
    const start = num(a[2]!, MAXSECT) ?? errx(ctx, 1, "invalid start argument");
    const length = num(a[3]!, MAXSECT) ?? errx(ctx, 1, "invalid length argument");
    try {
      blkpg(fd, BLKPG.ADD_PARTITION, Number(pno), start << 9n, length << 9n);
    } catch (e) {
      err(ctx, 1, "ioctl", e);
    }
    return 0;
  },
});
