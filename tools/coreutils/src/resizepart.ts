// resizepart — tell the kernel the new length of a partition (chimerautils' own tool,
// util-linux compatible). resizepart disk_device part_number length   (no options)
// length is in 512-byte sectors (decimal, at most 2^55-1). The partition's start is read from
// sysfs: the partition of /sys/dev/block/MAJ:MIN (the disk) whose "partition" file holds the
// number, then its "start"; then ioctl(BLKPG, BLKPG_RESIZE_PARTITION) (CAP_SYS_ADMIN).
// Errors (status 1): the usage line, "open: ...", "invalid partition number", "invalid length
// argument", "fstat: ...", "DISK: could not get start for part num N", "ioctl: ...".
// Deliberately different from chimerautils: the partition is found by its number in sysfs
// (the reference adds the number to the disk's minor, which misses extended minors).
import { defineApplet, err, errx, usage, strtol } from "@bsdbox/shared";
import { open, close, read, O, fstat, S_ISBLK, readdir, blkpg, BLKPG } from "@bsdbox/compat";

const MAXSECT = (1n << 55n) - 1n;
function num(s: string, max: bigint): bigint | undefined {
  const r = strtol(s, 10);
  return r.digits && r.end === s.length && r.value >= 0n && r.value <= max ? r.value : undefined;
}
function readSmall(path: string): string | undefined {
  try {
    const fd = open(path, O.RDONLY);
    const b = new Uint8Array(64);
    const n = read(fd, b);
    close(fd);
    return String.fromCharCode(...b.subarray(0, n)).trim();
  } catch {
    return undefined;
  }
}

export default defineApplet({
  name: "resizepart",
  main(ctx) {
    const a = ctx.args;
    if (a.length !== 3) usage(ctx, `usage: ${ctx.prog} disk_device part_number length`);
    let fd = -1;
    try {
      fd = open(a[0]!, O.RDONLY);
    } catch (e) {
      err(ctx, 1, "open", e);
    }
    const pno = num(a[1]!, 2147483647n) ?? errx(ctx, 1, "invalid partition number");
    const length = num(a[2]!, MAXSECT) ?? errx(ctx, 1, "invalid length argument");
    let st;
    try {
      st = fstat(fd);
    } catch (e) {
      err(ctx, 1, "fstat", e);
    }
    const nostart = (): never => errx(ctx, 1, `${a[0]}: could not get start for part num ${a[1]}`);
    if (!S_ISBLK(st.mode)) nostart();
    const dev = BigInt(st.rdev);
    const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
    const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
    const base = `/sys/dev/block/${major}:${minor}`;
    let start: bigint | undefined;
    let names: string[] = [];
    try {
      names = readdir(base);
    } catch {}
    for (const n of names) {
      if (readSmall(`${base}/${n}/partition`) !== String(pno)) continue;
      const s = readSmall(`${base}/${n}/start`);
      start = s === undefined ? undefined : num(s, MAXSECT);
      break;
    }
    if (start === undefined) nostart();
    try {
      blkpg(fd, BLKPG.RESIZE_PARTITION, Number(pno), start! << 9n, length << 9n);
    } catch (e) {
      err(ctx, 1, "ioctl", e);
    }
    return 0;
  },
});
