// fsfreeze — suspend or resume access to a file system (chimerautils' own tool, util-linux
// compatible). fsfreeze -f|-u mountpoint   getopt_long "fuhV" (--freeze --unfreeze --help
// --version; the last of -f/-u wins). The mount point (any file on the file system will do) is
// opened read-only and the FIFREEZE or FITHAW ioctl is issued: it needs CAP_SYS_ADMIN and a file
// system that supports freezing ("fsfreeze: ioctl: Operation not permitted", "... Invalid
// argument" to thaw a file system that is not frozen). Errors: "you must specify either
// --freeze or --unfreeze", "no mountpoint specified", "too many arguments" (with the --help
// hint), "cannot open F: ...", all status 1.
import { defineApplet, Getopt, usage, err, errx, helpVersion } from "@bsdbox/shared";
import { open, O, fstat, fsFreeze } from "@bsdbox/compat";

const HELP = `Usage: fsfreeze [OPTION]... MOUNTPOINT

Suspend access to a filesystem.

      -f, --freeze    freeze the filesystem
      -u, --unfreeze  unfreeze the filesystem
      -h, --help      display this help and exit
      -V, --version   output version information and exit
`;

export default defineApplet({
  name: "fsfreeze",
  main(ctx) {
    const g = new Getopt(ctx, "fuhV", [
      { name: "freeze", has: 0, val: "f" },
      { name: "unfreeze", has: 0, val: "u" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    const hint = `Try '${ctx.prog} --help' for more information.`;
    let req: "f" | "u" | undefined, help = false, version = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "f": case "u": req = c; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, hint);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    if (!req) errx(ctx, 1, "you must specify either --freeze or --unfreeze");
    const args = g.rest;
    if (args.length === 0) errx(ctx, 1, "no mountpoint specified");
    if (args.length !== 1) usage(ctx, `${ctx.prog}: too many arguments\n${hint}`);
    let fd = -1;
    try {
      fd = open(args[0]!, O.RDONLY);
    } catch (e) {
      err(ctx, 1, `cannot open ${args[0]}`, e);
    }
    try {
      fstat(fd);
    } catch (e) {
      err(ctx, 1, "stat", e);
    }
    try {
      fsFreeze(fd, req === "f");
    } catch (e) {
      err(ctx, 1, "ioctl", e);
    }
    return 0;
  },
});
