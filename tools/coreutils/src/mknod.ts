// mknod — make a device special file.
// FreeBSD: mknod(8). Not in POSIX (the utility; mknod(2) is).
// mknod name                                  a character device 0,0 (FreeBSD's whiteout form)
// mknod name b|c major minor [owner:group]   a block or character device
// No options (no getopt: "-x" is a name like any other). Only the first letter of the type is
// looked at; major and minor are strtoul base 0 (decimal, 0x hex, 0 octal) and must fit
// makedev(3) (32 bits each). The node gets mode 0666 less the umask. owner:group needs both
// parts, by name or number, and is set by chown(2) after mknod(2).
// Messages and status 1, as mknod.c: "node must be type 'b' or 'c'", "X: non-numeric major
// number", "major or minor number too large", "group must be specified when the owner is",
// "X: illegal user name", "NAME: Operation not permitted" (mknod(2) needs CAP_MKNOD: without
// privilege the kernel's EPERM is the message), "setting ownership on NAME: ...".
// Wrong operand count: the two-line usage, status 1.
import { defineApplet, usage, err, errx, strtol } from "@bsdbox/shared";
import { mknod, chown, getpwnam, getgrnam, S, SysError } from "@bsdbox/compat";

const USAGE = "usage: mknod name\n       mknod name [b | c] major minor [owner:group]";

/** strtoul(3): value (wrapped to 64 bits), whether the whole string was a number, ERANGE. */
function strtoul(s: string, base: number): { value: bigint; ok: boolean; erange: boolean } {
  const r = strtol(s, base);
  const max = 0xffffffffffffffffn;
  const erange = r.value > max || -r.value > max;
  const value = erange ? max : BigInt.asUintN(64, r.value);
  return { value, ok: r.digits && r.end === s.length, erange };
}

/** makedev(3) as musl and glibc define it (64-bit dev_t). */
function makedev(ma: bigint, mi: bigint): bigint {
  return ((ma & 0xfffff000n) << 32n) | ((ma & 0xfffn) << 8n) | ((mi & 0xffffff00n) << 12n) | (mi & 0xffn);
}

export default defineApplet({
  name: "mknod",
  main(ctx) {
    const argv = ctx.args; // no option parsing at all, as mknod.c
    const argc = argv.length + 1;
    if (argc !== 2 && argc !== 5 && argc !== 6) usage(ctx, USAGE);
    const name = argv[0]!;
    let mode: number, dev = 0n;
    if (argc >= 5) {
      mode = 0o666;
      if (argv[1]![0] === "c") mode |= S.IFCHR;
      else if (argv[1]![0] === "b") mode |= S.IFBLK;
      else errx(ctx, 1, "node must be type 'b' or 'c'");
      const ma = strtoul(argv[2]!, 0);
      if (!ma.ok) errx(ctx, 1, `${argv[2]}: non-numeric major number`);
      const mi = strtoul(argv[3]!, 0);
      if (!mi.ok) errx(ctx, 1, `${argv[3]}: non-numeric minor number`);
      // (long) casts: a value above LONG_MAX is negative and can never come back from major()
      if (ma.erange || mi.erange || ma.value > 0xffffffffn || mi.value > 0xffffffffn) errx(ctx, 1, "major or minor number too large");
      dev = makedev(ma.value, mi.value);
    } else mode = 0o666 | S.IFCHR;

    let uid = -1, gid = -1;
    if (argc === 6) {
      const spec = argv[4]!;
      const colon = spec.indexOf(":");
      if (colon < 0) usage(ctx, USAGE);
      const id = (s: string, type: string): number => {
        const r = strtoul(s, 10);
        if (r.erange) err(ctx, 1, s, new SysError(34, "ERANGE"));
        if (!r.ok) errx(ctx, 1, `${s}: illegal ${type} name`);
        return Number(r.value & 0xffffffffn);
      };
      const g = spec.slice(colon + 1), u = spec.slice(0, colon);
      if (g === "") errx(ctx, 1, "group must be specified when the owner is");
      const gr = getgrnam(g);
      gid = gr ? gr.gid : id(g, "group");
      if (u === "") errx(ctx, 1, "owner must be specified when the group is");
      const pw = getpwnam(u);
      uid = pw ? pw.uid : id(u, "user");
    }
    try {
      mknod(name, mode, dev);
    } catch (e) {
      err(ctx, 1, name, e);
    }
    if (argc === 6) {
      try {
        chown(name, uid, gid);
      } catch (e) {
        err(ctx, 1, `setting ownership on ${name}`, e);
      }
    }
    return 0;
  },
});
