// rm — remove directory entries;  unlink — remove one directory entry (a personality).
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/rm.html  FreeBSD: rm(1)
// rm [-f | -i] [-dIPRrvx] file ... ; getopt "dfiIPRrvx" (chimerautils; -W is in the usage
//   text only, so it is an unrecognized option):
//   -f no prompts, a missing file is no error (and no operand at all is status 0); -i asks
//   `remove NAME? ` on stderr for each entry and reads a line from stdin (y or Y removes); the
//   later of -f and -i wins. -I asks once, before anything is removed, when an operand is a
//   directory under -R (`recursively remove d? `, `recursively remove 2 dirs and 1 file? `)
//   or there are more than three operands (`remove 4 files? `): an answer other than y/Y/n/N
//   asks again, n/N or end of input exits 1. -d removes empty directories, -P is a no-op,
//   -R/-r walks each operand (shared/fts.ts, FTS_PHYSICAL: a symlink is removed as a link and
//   never followed) and removes in post-order through the entry's accpath, so depth is
//   unlimited; -x does not descend into other file systems (a mount point then fails to go).
//   -v prints each path removed.
//   Without -f and -i, an entry that is not a symlink and not writable (access(2), real ids)
//   gets `override r--r--r-- owner/group for NAME? ` when stdin is a terminal.
//   Before anything, operands whose last component is "." or ".." are dropped with
//   `rm: "." and ".." may not be removed`, then operands that are "/" with
//   `rm: "/" may not be removed` (each message once); status 1 then, the rest still go.
//   Deviation: rm.c only compares with the string "/"; bsdbox refuses every absolute name of
//   the root directory ("//", "/./", "/usr/..") by dev/ino.
//   Without -R a directory is `rm: d: is a directory` (unless -d). Every failing entry is
//   reported (`rm: d: Directory not empty`) and the walk goes on: status 1. Under -R an entry
//   that cannot be stat'ed is reported only when rm would have needed the stat (as root, or
//   when it may prompt); otherwise rm tries to unlink it and reports that, or with -f keeps
//   quiet (rm.c's FTS_NOSTAT logic). A directory that cannot be read is reported and left.
//   An empty operand under -R stops everything (`rm: fts_open: No such file or directory`,
//   silent with -f).
// unlink file / unlink -- file: exactly one operand, no options; as rm without options
//   (a directory is "is a directory"), never prompts.
// Usage errors exit 64 (EX_USAGE).
// Not done: the SIGINFO (SIGUSR1) progress line.
import { defineApplet, Getopt, usage, err, errx, warnx, warnOp, Reader, type Ctx } from "@bsdbox/shared";
import { Fts, FTS_PHYSICAL, FTS_XDEV, FTS_D, FTS_DP, FTS_DNR, FTS_ERR, FTS_NS, FTS_SKIP } from "@bsdbox/shared/fts";
import { strmode } from "@bsdbox/shared/mode";
import {
  lstat, unlink, rmdir, access, isatty, geteuid, getpwuid, getgrgid, strerror, SysError,
  S_ISDIR, S_ISLNK, type Stat,
} from "@bsdbox/compat";

const USAGE = "usage: rm [-f | -i] [-dIPRrvWx] file ...\n       unlink [--] file";
const EX_USAGE = 64, ENOENT = 2, W_OK = 2, EOF = -1, SKIPPED = 1;

interface Opts {
  d: boolean; f: boolean; i: boolean; I: boolean; r: boolean; v: boolean; x: boolean;
  /** stdin is a terminal: write-protected files get a prompt */
  stdinOk: boolean;
  uid: number;
  stdin?: Reader;
}

export default defineApplet({
  name: "rm",
  main(ctx) {
    const o: Opts = { d: false, f: false, i: false, I: false, r: false, v: false, x: false, stdinOk: false, uid: 0 };
    if (ctx.prog === "unlink") {
      const a = ctx.args;
      if (a.length === 1) rmFile(ctx, o, [a[0]!]);
      else if (a.length === 2 && a[0] === "--") rmFile(ctx, o, [a[1]!]);
      else usage(ctx, USAGE, EX_USAGE);
      return ctx.status;
    }
    const g = new Getopt(ctx, "dfiIPRrvx");
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "d": o.d = true; break;
        case "f": o.f = true; o.i = false; break;
        case "i": o.i = true; o.f = false; break;
        case "I": o.I = true; break;
        case "P": break; // compatibility no-op
        case "R": case "r": o.r = true; break;
        case "v": o.v = true; break;
        case "x": o.x = true; break;
        default: usage(ctx, USAGE, EX_USAGE);
      }
    }
    let args = g.rest;
    if (!args.length) {
      if (o.f) return 0;
      usage(ctx, USAGE, EX_USAGE);
    }
    args = checkdot(ctx, args);
    args = checkslash(ctx, args);
    o.uid = geteuid();
    if (args.length) {
      o.stdinOk = isatty(ctx.stdin);
      if (o.I && !check2(ctx, o, args)) return 1;
      if (o.r) rmTree(ctx, o, args);
      else rmFile(ctx, o, args);
    }
    return ctx.status;
  },
});

/** One answer line from stdin: its first byte, EOF at end of input; `eof` tells whether the
 * input ended on this line (getchar() met EOF before a newline). */
function answer(ctx: Ctx, o: Opts): { first: number; eof: boolean } {
  o.stdin ??= new Reader(ctx.stdin, 4096);
  const l = o.stdin.line();
  if (!l || !l.length) return { first: EOF, eof: true };
  return { first: l[0]!, eof: l[l.length - 1] !== 10 };
}
const yes = (c: number) => c === 0x79 || c === 0x59;

function rmTree(ctx: Ctx, o: Opts, argv: string[]): void {
  // rm.c stats only when it needs to (as root, or when it may ask about a protected file);
  // our walk always stats, and this flag keeps rm.c's reporting of entries it could not stat
  const needstat = o.uid === 0 || (!o.f && !o.i && o.stdinOk);
  let fts: Fts;
  try {
    fts = new Fts(argv, FTS_PHYSICAL | (o.x ? FTS_XDEV : 0));
  } catch (e) {
    if (o.f && e instanceof SysError && e.errno === ENOENT) return;
    err(ctx, 1, "fts_open", e);
  }
  for (;;) {
    let p;
    try {
      p = fts.read();
    } catch (e) {
      if (o.f) break;
      err(ctx, 1, "fts_read", e);
    }
    if (!p) break;
    switch (p.info) {
      case FTS_DNR:
        if (!o.f || p.errno !== ENOENT) {
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          ctx.status = 1;
        }
        continue;
      case FTS_ERR:
        errx(ctx, 1, `${p.path}: ${strerror(p.errno)}`);
      case FTS_NS:
        if (needstat) {
          if (!o.f || p.errno !== ENOENT) {
            warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
            ctx.status = 1;
          }
          continue;
        }
        if (o.f) continue;
        break; // try the unlink: its error is the one reported
      case FTS_D:
        // pre-order: the user may skip the directory
        if (!o.f && !check(ctx, o, p.path, p.accpath, p.stat!)) {
          fts.set(p, FTS_SKIP);
          p.number = SKIPPED;
        }
        continue;
      case FTS_DP:
        if (p.number === SKIPPED) continue;
        break;
      default:
        if (!o.f && !check(ctx, o, p.path, p.accpath, p.stat!)) continue;
    }
    try {
      if (p.info === FTS_DP) rmdir(p.accpath);
      else unlink(p.accpath);
      if (o.v) ctx.out.write(p.path + "\n");
    } catch (e) {
      if (o.f && e instanceof SysError && e.errno === ENOENT) continue;
      warnOp(ctx, p.path, e);
    }
  }
  fts.close();
}

function rmFile(ctx: Ctx, o: Opts, argv: string[]): void {
  for (const f of argv) {
    let sb: Stat;
    try {
      sb = lstat(f);
    } catch (e) {
      if (!o.f || !(e instanceof SysError) || e.errno !== ENOENT) warnOp(ctx, f, e);
      continue;
    }
    if (S_ISDIR(sb.mode) && !o.d) {
      warnx(ctx, `${f}: is a directory`);
      ctx.status = 1;
      continue;
    }
    if (!o.f && !check(ctx, o, f, f, sb)) continue;
    try {
      if (S_ISDIR(sb.mode)) rmdir(f);
      else unlink(f);
    } catch (e) {
      if (!o.f || !(e instanceof SysError) || e.errno !== ENOENT) warnOp(ctx, f, e);
      continue;
    }
    if (o.v) ctx.out.write(f + "\n");
  }
}

/** Ask about one entry (-i, or a write-protected file with a terminal on stdin): true = remove. */
function check(ctx: Ctx, o: Opts, path: string, name: string, sp: Stat): boolean {
  if (o.i) ctx.err.write(`remove ${path}? `);
  else {
    // links are left out: their permissions mean nothing
    if (!o.stdinOk || S_ISLNK(sp.mode) || access(name, W_OK)) return true;
    const modep = strmode(sp.mode);
    const pw = getpwuid(sp.uid);
    if (!pw) errx(ctx, 1, `getpwuid: ${strerror(ENOENT)}`);
    const gr = getgrgid(sp.gid);
    if (!gr) errx(ctx, 1, `getgrgid: ${strerror(ENOENT)}`);
    ctx.err.write(`override ${modep.slice(1)}${modep[10] === " " ? "" : " "}${pw.name}/${gr.name} for ${path}? `);
  }
  ctx.err.flush();
  return yes(answer(ctx, o).first);
}

/** -I: one question before anything goes, when it removes much. */
function check2(ctx: Ctx, o: Opts, argv: string[]): boolean {
  let fcount = 0, dcount = 0, dname = "";
  for (const a of argv) {
    try {
      if (S_ISDIR(lstat(a).mode)) {
        dcount++;
        dname = a;
      } else fcount++;
    } catch {}
  }
  let first = 0;
  while (first !== 0x6e && first !== 0x4e && !yes(first)) {
    let q: string;
    if (dcount && o.r) {
      q = "recursively remove" + (dcount === 1 ? ` ${dname}` : ` ${dcount} dirs`);
      if (fcount === 1) q += " and 1 file";
      else if (fcount > 1) q += ` and ${fcount} files`;
    } else if (dcount + fcount > 3) q = `remove ${dcount + fcount} files`;
    else return true;
    ctx.err.write(q + "? ");
    ctx.err.flush();
    const a = answer(ctx, o);
    first = a.first;
    if (a.eof) break;
  }
  return yes(first);
}

/** Drop operands whose last component is "." or "..", complaining once. */
function checkdot(ctx: Ctx, argv: string[]): string[] {
  let complained = false;
  return argv.filter((a) => {
    const p = a.slice(a.lastIndexOf("/") + 1);
    if (p !== "." && p !== "..") return true;
    if (!complained) warnx(ctx, `"." and ".." may not be removed`);
    complained = true;
    ctx.status = 1;
    return false;
  });
}

/** Drop operands that name the root directory, complaining once. rm.c compares with "/" only;
 * bsdbox also refuses "//", "/./" or a symlink chain that is the root itself (same dev/ino), so
 * no spelling of "/" reaches the walk. */
function checkslash(ctx: Ctx, argv: string[]): string[] {
  let complained = false;
  let root: Stat | undefined;
  try {
    root = lstat("/");
  } catch {}
  const isRoot = (a: string) => {
    if (a === "/") return true;
    if (!root) return false;
    try {
      const st = lstat(a);
      return S_ISDIR(st.mode) && st.dev === root.dev && st.ino === root.ino;
    } catch {
      return false;
    }
  };
  return argv.filter((a) => {
    if (!isRoot(a)) return true;
    if (!complained) warnx(ctx, `"/" may not be removed`);
    complained = true;
    ctx.status = 1;
    return false;
  });
}
