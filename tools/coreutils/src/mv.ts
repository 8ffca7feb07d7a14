// mv — move (rename) files
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/mv.html  FreeBSD: mv(1)
// mv [-f | -i | -n] [-hvTx] source target
// mv [-f | -i | -n] [-v] source ... directory | -t directory source ...
//   getopt "Tfhint:vx". The last of -f, -i, -n wins. An existing target: -n leaves it (status 0;
//   with -v `b not overwritten`); -i asks `overwrite b? (y/n [n]) ` on stderr; without -f, a
//   target that is not writable asks `override rw-r--r--  owner/group for b? (y/n [n]) ` when
//   stdin is a terminal; an answer not starting with y/Y prints `not overwritten`. -h: a target
//   that is a symlink (to a directory) is replaced, not entered (two operands). -v prints
//   `a -> b`. -t dir moves every operand into dir; -T never moves into a directory (a directory
//   target is `mv: e is a directory`); -T/-t and -h/-t exclude each other.
//   The move is rename(2) (`mv: rename a to b: Directory not empty`). Across file systems
//   (EXDEV) a regular file is copied with its owner, mode and ns times, then the source is
//   unlinked (messages `fastcopy: ...`, `b: set times` as mv.c); anything else (directories,
//   symlinks, fifos) goes as mv.c's `cp -PRp` then `rm -rf` do it, in-process with the engine
//   of cp (shared/src/copy.ts): the target is removed first (`rmdir e: Directory not empty`),
//   and the source is removed only when the whole copy worked. -x refuses cross-device moves
//   (`mv: rename a to b: Cross-device link`, the source stays).
// Usage errors exit 64 (EX_USAGE).
// Not done: ACLs and extended attributes are not carried across file systems.
import { defineApplet, Getopt, usage, errx, warn, warnx, Exit, type Ctx, type Reader } from "@bsdbox/shared";
import { copyTree, copyData, answerFirst, FILE_TO_FILE, DIR_TO_DNE, type CopyOpts } from "@bsdbox/shared/copy";
import { Fts, FTS_PHYSICAL, FTS_DP, FTS_D, FTS_DNR, FTS_ERR, FTS_NS, FTS_DC } from "@bsdbox/shared/fts";
import { strmode } from "@bsdbox/shared/mode";
import {
  stat, lstat, rename, unlink, rmdir, open, close, fchmod, chown, utimens, access, isatty, realpath,
  getpwuid, getgrgid, strerror, SysError, O, S_ISDIR, S_ISLNK, S_ISREG, type Stat,
} from "@bsdbox/compat";

const USAGE =
  "usage: mv [-f | -i | -n] [-hvTx] source target\n" +
  "       mv [-f | -i | -n] [-v] source ... directory\n" +
  "       mv [-f | -i | -n] [-v] -t directory source ...";
const EX_USAGE = 64, EXDEV = 18, EEXIST = 17, ENOENT = 2, W_OK = 2;
const PATH_CP = "/usr/bin/cp", PATH_RM = "/usr/bin/rm";

interface Opts { f: boolean; h: boolean; i: boolean; n: boolean; v: boolean; x: boolean; stdin?: Reader }

export default defineApplet({
  name: "mv",
  main(ctx) {
    const o: Opts = { f: false, h: false, i: false, n: false, v: false, x: false };
    let T = false, targdir: string | undefined;
    const g = new Getopt(ctx, "Tfhint:vx");
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "h": o.h = true; break;
        case "i": o.i = true; o.f = o.n = false; break;
        case "f": o.f = true; o.i = o.n = false; break;
        case "n": o.n = true; o.f = o.i = false; break;
        case "t": targdir = g.optarg!; break;
        case "T": T = true; break;
        case "v": o.v = true; break;
        case "x": o.x = true; break;
        default: usage(ctx, USAGE, EX_USAGE);
      }
    }
    const argv = g.rest;
    if (argv.length < (targdir === undefined ? 2 : 1) || (T && argv.length > 2)) usage(ctx, USAGE, EX_USAGE);
    if (T && targdir !== undefined) errx(ctx, 1, "the -T and -t options may not be used together");
    if (o.h && targdir !== undefined) errx(ctx, 1, "the -h and -t options may not be used together");
    const target = targdir ?? argv[argv.length - 1]!;
    let sb: Stat | undefined;
    try {
      sb = stat(target);
    } catch {}
    if (!sb || !S_ISDIR(sb.mode)) {
      if (argv.length > 2 || targdir !== undefined) errx(ctx, 1, `${target} is not a directory`);
      return doMove(ctx, o, argv[0]!, argv[1]!);
    }
    if (T) errx(ctx, 1, `${target} is a directory`);
    if (o.h) {
      if (argv.length > 2) usage(ctx, USAGE, EX_USAGE);
      try {
        if (S_ISLNK(lstat(argv[1]!).mode)) return doMove(ctx, o, argv[0]!, argv[1]!);
      } catch {}
    }
    const base = target.endsWith("/") ? target : target + "/";
    const sources = targdir !== undefined ? argv : argv.slice(0, -1);
    let rval = 0;
    for (const a of sources) {
      // the last component, with any trailing slashes
      let e = a.length;
      while (e > 0 && a[e - 1] === "/") e--;
      let s = e;
      while (s > 0 && a[s - 1] !== "/") s--;
      if (doMove(ctx, o, a, base + a.slice(s))) rval = 1;
    }
    return rval;
  },
});

function doMove(ctx: Ctx, o: Opts, from: string, to: string): number {
  if (!o.f && access(to, 0)) {
    let sb: Stat;
    try {
      sb = lstat(from);
    } catch (e) {
      warn(ctx, from, e);
      return 1;
    }
    let ask = false;
    if (o.n) {
      if (o.v) ctx.out.write(`${to} not overwritten\n`);
      return 0;
    } else if (o.i) {
      ctx.out.flush();
      ctx.err.write(`overwrite ${to}? (y/n [n]) `);
      ask = true;
    } else if (!access(to, W_OK) && isatty(0)) {
      try {
        sb = stat(to);
        const modep = strmode(sb.mode);
        const pw = getpwuid(sb.uid);
        if (!pw) errx(ctx, 1, `getpwuid: ${strerror(ENOENT)}`);
        const gr = getgrgid(sb.gid);
        if (!gr) errx(ctx, 1, `getgrgid: ${strerror(ENOENT)}`);
        ctx.err.write(`override ${modep.slice(1)}${modep[9] === " " ? "" : " "}${pw.name}/${gr.name} for ${to}? (y/n [n]) `);
        ask = true;
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
      }
    }
    if (ask) {
      ctx.err.flush();
      const c = answerFirst(ctx, o);
      if (c !== 0x79 && c !== 0x59) {
        ctx.err.write("not overwritten\n");
        ctx.err.flush();
        return 0;
      }
    }
  }
  try {
    rename(from, to);
    if (o.v) ctx.out.write(`${from} -> ${to}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof SysError) || e.errno !== EXDEV || o.x) {
      warn(ctx, `rename ${from} to ${to}`, e);
      return 1;
    }
  }
  let sb: Stat;
  try {
    sb = lstat(from);
    if (!S_ISLNK(sb.mode)) {
      try {
        realpath(from);
      } catch (e) {
        warn(ctx, `cannot resolve ${from}: ${from}`, e);
        return 1;
      }
    }
    sb = lstat(from);
  } catch (e) {
    warn(ctx, from, e);
    return 1;
  }
  return S_ISREG(sb.mode) ? fastcopy(ctx, o, from, to, sb) : copy(ctx, o, from, to);
}

/** A regular file across file systems: data, owner, mode, times, then the source goes. */
function fastcopy(ctx: Ctx, o: Opts, from: string, to: string, sbp: Stat): number {
  let fromFd: number, toFd: number;
  try {
    fromFd = open(from, O.RDONLY);
  } catch (e) {
    warn(ctx, `fastcopy: open() failed (from): ${from}`, e);
    return 1;
  }
  for (;;) {
    try {
      toFd = open(to, O.CREAT | O.EXCL | O.TRUNC | O.WRONLY, 0);
      break;
    } catch (e) {
      if (e instanceof SysError && e.errno === EEXIST) {
        try {
          unlink(to);
          continue;
        } catch {}
      }
      warn(ctx, `fastcopy: open() failed (to): ${to}`, e);
      close(fromFd);
      return 1;
    }
  }
  try {
    copyData(fromFd, sbp, toFd, true);
  } catch (e) {
    if (e instanceof SysError && e.syscall === "read") warn(ctx, `fastcopy: read() failed: ${from}`, e);
    else warn(ctx, `fastcopy: write() failed: ${to}`, e);
    try {
      unlink(to);
    } catch (e2) {
      warn(ctx, `${to}: remove`, e2);
    }
    close(fromFd);
    close(toFd);
    return 1;
  }
  const self = `/proc/self/fd/${toFd}`;
  const oldmode = sbp.mode & 0o7777;
  let mode = sbp.mode & 0o7777;
  try {
    chown(self, sbp.uid, sbp.gid);
  } catch (e) {
    warn(ctx, `${to}: set owner/group (was: ${sbp.uid}/${sbp.gid})`, e);
    if (oldmode & 0o6000) {
      warnx(ctx, `${to}: owner/group changed; clearing suid/sgid (mode was 0${oldmode.toString(8).padStart(3, "0")})`);
      mode &= ~0o6000;
    }
  }
  try {
    fchmod(toFd, mode);
  } catch (e) {
    warn(ctx, `${to}: set mode (was: 0${oldmode.toString(8).padStart(3, "0")})`, e);
  }
  close(fromFd);
  try {
    utimens(self, sbp.atimeNs, sbp.mtimeNs);
  } catch (e) {
    warn(ctx, `${to}: set times`, e);
  }
  try {
    close(toFd);
  } catch (e) {
    warn(ctx, to, e);
    return 1;
  }
  try {
    unlink(from);
  } catch (e) {
    warn(ctx, `${from}: remove`, e);
    return 1;
  }
  if (o.v) ctx.out.write(`${from} -> ${to}\n`);
  return 0;
}

/** Anything else across file systems: `cp -PRp` then `rm -rf`, the source kept unless all went. */
function copy(ctx: Ctx, o: Opts, from: string, to: string): number {
  try {
    const sb = lstat(to);
    try {
      if (S_ISDIR(sb.mode)) rmdir(to);
      else unlink(to);
    } catch (e) {
      warn(ctx, `${S_ISDIR(sb.mode) ? "rmdir" : "unlink"} ${to}`, e);
      return 1;
    }
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    if (e.errno !== ENOENT) {
      warn(ctx, to, e);
      return 1;
    }
  }
  const co: CopyOpts = { R: true, L: false, f: false, i: false, n: false, l: false, s: false, p: true, v: o.v, fts: FTS_PHYSICAL };
  let isDir = false;
  try {
    isDir = S_ISDIR(lstat(from).mode);
  } catch {}
  let status: number;
  try {
    status = copyTree(ctx, co, [from], to, isDir ? DIR_TO_DNE : FILE_TO_FILE);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    status = e.code;
  }
  if (status) {
    warnx(ctx, `${PATH_CP} ${from} ${to}: terminated with ${status} (non-zero) status`);
    return 1;
  }
  status = removeTree(ctx, from);
  if (status) {
    warnx(ctx, `${PATH_RM} ${from}: terminated with ${status} (non-zero) status`);
    return 1;
  }
  return 0;
}

/** rm -rf of one tree (post-order through fts's accpaths, so any depth). */
function removeTree(ctx: Ctx, path: string): number {
  let rval = 0;
  let fts: Fts;
  try {
    fts = new Fts([path], FTS_PHYSICAL);
  } catch {
    return 0;
  }
  for (let p; (p = fts.read()); ) {
    switch (p.info) {
      case FTS_D: case FTS_DC: continue;
      case FTS_DNR: case FTS_ERR:
        if (p.errno !== ENOENT) {
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          rval = 1;
        }
        continue;
      case FTS_NS:
        continue;
    }
    try {
      if (p.info === FTS_DP) rmdir(p.accpath);
      else unlink(p.accpath);
    } catch (e) {
      if (e instanceof SysError && e.errno === ENOENT) continue;
      warn(ctx, p.path, e);
      rval = 1;
    }
  }
  fts.close();
  return rval;
}
