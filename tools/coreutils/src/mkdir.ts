// mkdir — make directories.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/mkdir.html  FreeBSD: mkdir(1)
// Options (getopt "m:pv"): -m mode sets the mode of each new directory (octal, or symbolic
//   relative to a=rwx: `-m go-w` gives 755 whatever the umask; set with chmod(2) after the
//   mkdir, so setuid/setgid/sticky and bits in the umask stick); -p creates missing parents
//   (with mode u+wx on top of what the umask allows, as POSIX's
//   `mkdir -p -m $(umask -S),u+wx`), and an operand that already is a directory is fine;
//   -v prints each directory created.
// An operand that fails is reported and the next one is tried; status 1 then. A missing
// parent is reported by the parent's name (`mkdir: a: No such file or directory` for a/b).
// Usage errors exit 64 (EX_USAGE), as FreeBSD's mkdir does.
import { defineApplet, Getopt, usage, errx, warnOp, pathDirname, type Ctx } from "@bsdbox/shared";
import { setmode, getmode } from "@bsdbox/shared/mode";
import { mkdir, chmod, stat, umask, S_ISDIR, SysError } from "@bsdbox/compat";

const USAGE = "usage: mkdir [-pv] [-m mode] directory_name ...";
const EEXIST = 17, ENOTDIR = 20, ENOENT = 2, EISDIR = 21;

export default defineApplet({
  name: "mkdir",
  main(ctx) {
    const g = new Getopt(ctx, "m:pv");
    let mode: string | undefined, pflag = false, vflag = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "m": mode = g.optarg; break;
        case "p": pflag = true; break;
        case "v": vflag = true; break;
        default: usage(ctx, USAGE, 64);
      }
    }
    const dirs = g.rest;
    if (!dirs.length) usage(ctx, USAGE, 64);
    let omode = 0o777;
    if (mode !== undefined) {
      const set = setmode(mode);
      if (!set) errx(ctx, 1, `invalid file mode: ${mode}`);
      omode = getmode(set, 0o777);
    }
    for (const dir of dirs) {
      // 1 created, 2 existed already (-p), 0 failed
      let made = 0;
      if (pflag) made = build(ctx, dir, omode, vflag);
      else {
        try {
          mkdir(dir, omode);
          made = 1;
          if (vflag) ctx.out.write(`${dir}\n`);
        } catch (e) {
          const errno = (e as SysError).errno;
          warnOp(ctx, errno === ENOENT || errno === ENOTDIR ? pathDirname(dir) : dir, e);
        }
      }
      if (!made) ctx.status = 1;
      // mkdir(2) drops what the umask forbids and may drop setuid/setgid/sticky: an explicit
      // mode is set again on a directory this run created
      if (made === 1 && mode !== undefined) {
        try {
          chmod(dir, omode);
        } catch (e) {
          warnOp(ctx, dir, e);
        }
      }
    }
    return ctx.status;
  },
});

/** mkdir -p of one operand: each component in turn; intermediate ones get u+wx. */
function build(ctx: Ctx, path: string, omode: number, vflag: boolean): number {
  let oumask: number | undefined;
  let made = 1;
  try {
    for (let i = path[0] === "/" ? 1 : 0; ; i++) {
      let last = i >= path.length;
      if (!last && path[i] !== "/") continue;
      const cur = path.slice(0, i);
      if (!last && i + 1 === path.length) last = true;
      if (oumask === undefined) {
        oumask = umask(0);
        umask(oumask & ~0o300);
      }
      if (last) {
        umask(oumask);
        oumask = undefined;
      }
      try {
        mkdir(cur, last ? omode : 0o777);
        if (vflag) ctx.out.write(`${cur}\n`);
      } catch (e) {
        const errno = (e as SysError).errno;
        if (errno !== EEXIST && errno !== EISDIR) {
          warnOp(ctx, cur, e);
          return 0;
        }
        let isDir: boolean;
        try {
          isDir = S_ISDIR(stat(cur).mode);
        } catch (e2) {
          warnOp(ctx, cur, e2);
          return 0;
        }
        if (!isDir) {
          warnOp(ctx, cur, last ? EEXIST : ENOTDIR);
          return 0;
        }
        if (last) made = 2;
      }
      if (last) return made;
    }
  } finally {
    if (oumask !== undefined) umask(oumask);
  }
}
