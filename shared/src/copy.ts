// The copy engine of cp (and of mv across file systems): cp.c's copy() loop and utils.c's
// copy_file/copy_link/copy_fifo/copy_special/setfile, as chimerautils (FreeBSD 15) has them.
//
//   copyTree(ctx, opts, sources, target, type, rootStat) -> status (0 or 1)
//
// Types: FILE_TO_FILE (the target is the copy), FILE_TO_DIR (each source goes into the
// directory as its last component; "x/.." as "."), DIR_TO_DNE (the target directory is made
// from the one source), DIR_INTO (cp -T: the one source directory's entries go into an existing
// target directory; chimerautils prints `cannot overwrite directory ''` there, a bug).
// Displayed names are to.base + to.path as cp prints them (`d -> e/`, `d/s -> e/s`).
// Unlimited depth: each directory made below a root is held as an O_PATH descriptor and its
// entries are made through "/proc/self/fd/N/NAME" (sources come from shared/fts.ts the same
// way); at most 64 stay open, the shallowest are closed and reopened as "N/.." on the way up.
// Data: regular files are copied in the kernel (copy_file_range(2)) with read/write as the
// fallback; a sparse source (fewer blocks than its size) is copied extent by extent with
// SEEK_DATA/SEEK_HOLE, so holes stay holes. An existing target is opened without O_TRUNC and
// truncated only after a check that it is not the source itself (a hard link or a symlink
// onto the source is refused as `X and Y are identical (not copied).`, never emptied).
// Modes: a new file gets the source's mode less set-id bits, less the umask; a new directory
// is made with mode|0700 and fixed after its entries (mode & ~umask, or all of -p); -p sets
// ns times, then owner (EPERM quietly drops set-id bits), then mode, through the descriptor.
// Not done: ACLs and extended attributes (-a copies neither), the SIGINFO progress line.
import {
  open, close, read, fstat, stat, lstat, readlink, symlink, link, unlink, mkdir, chmod, fchmod, chown, lchown,
  utimens, mkfifo, mknod, umask, ftruncate, lseek, copyFileRange, pwriteAll, writeAll, SysError, strerror,
  O, S, SEEK, S_ISDIR, S_ISREG, S_ISLNK, type Stat,
} from "@bsdbox/compat";
import { Exit, type Ctx } from "./applet";
import { warn, warnx } from "./err";
import { Reader } from "./io";
import {
  Fts, FtsEnt, FTS_LOGICAL, FTS_COMFOLLOW, FTS_D, FTS_DP, FTS_DC, FTS_DNR, FTS_ERR, FTS_NS, FTS_SKIP,
  FTS_ROOTLEVEL,
} from "./fts";

export const FILE_TO_FILE = 0, FILE_TO_DIR = 1, DIR_TO_DNE = 2, DIR_INTO = 3;

export interface CopyOpts {
  R: boolean; L: boolean; f: boolean; i: boolean; n: boolean; l: boolean; s: boolean;
  p: boolean; v: boolean;
  /** fts options (FTS_PHYSICAL / FTS_LOGICAL / FTS_COMFOLLOW / FTS_XDEV) */
  fts: number;
  /** --sort: each directory's entries in byte order */
  sort?: boolean;
  /** the -i answers (shared with other prompts of the tool) */
  stdin?: Reader;
}

const ENOENT = 2, ENOTDIR = 20, EPERM = 1, ENXIO = 6;
const MAXOPEN = 64;
const BUF = 1 << 20;

/** A directory made (or entered) on the target side. */
interface Dst { fd: number; rel: string; disp: string }

function errnoOf(e: unknown): number {
  if (e instanceof SysError) return e.errno;
  throw e;
}

/** One answer line: its first byte (-1 at end of input). */
export function answerFirst(ctx: Ctx, o: { stdin?: Reader }): number {
  o.stdin ??= new Reader(ctx.stdin, 4096);
  const l = o.stdin.line();
  return l && l.length ? l[0]! : -1;
}

let buffer: Uint8Array | undefined;

/**
 * Copy the data of fromFd (whose stat is `st`) into toFd, both at offset 0; toFd is empty (or a
 * device or pipe). Holes stay holes for a sparse regular source and a regular target.
 * Throws the first read or write error.
 */
export function copyData(fromFd: number, st: Stat, toFd: number, toRegular: boolean): void {
  buffer ??= new Uint8Array(BUF);
  const buf = buffer;
  if (!toRegular) {
    for (;;) {
      const n = read(fromFd, buf);
      if (!n) return;
      writeAll(toFd, buf, 0, n);
    }
  }
  const range = (from: number, to: number | undefined): boolean => {
    // copy [from, to) (to undefined: until EOF); false when the kernel path is unusable
    let pos = from, kernel = true;
    while (to === undefined || pos < to) {
      const want = to === undefined ? BUF * 8 : Math.min(to - pos, BUF * 8);
      let n = kernel ? copyFileRange(fromFd, pos, toFd, pos, want) : -1;
      if (n < 0 || (n === 0 && pos === 0 && to === undefined)) {
        // no kernel copy (or a file that says size 0 and has data, as in /proc): read/write
        kernel = false;
        n = read(fromFd, buf, 0, Math.min(want, BUF), pos);
        if (n) pwriteAll(toFd, buf, pos, 0, n);
      }
      if (!n) break;
      pos += n;
    }
    return true;
  };
  if (S_ISREG(st.mode) && st.size > 0 && st.blocks * 512 < st.size) {
    let pos = 0, sparse = true;
    try {
      while (pos < st.size) {
        let data: number;
        try {
          data = lseek(fromFd, pos, SEEK.DATA);
        } catch (e) {
          if (errnoOf(e) === ENXIO) break;
          throw e;
        }
        const hole = lseek(fromFd, data, SEEK.HOLE);
        range(data, hole);
        pos = hole;
      }
    } catch (e) {
      if (pos !== 0) throw e;
      sparse = false; // SEEK_DATA unsupported: copy it all
    }
    if (sparse) {
      ftruncate(toFd, Math.max(pos, st.size));
      return;
    }
  }
  range(0, undefined);
}

export function copyTree(ctx: Ctx, o: CopyOpts, sources: string[], target: string, type: number, rootStatIn?: Stat): number {
  const out = ctx.out;
  let rval = 0;
  const mask = ~umask() & 0o7777;
  let rootStat = rootStatIn;
  let rootCreated = type === DIR_INTO;
  let recursePath: string | undefined;
  let rootname = "";
  // to.base: what displayed target names start with
  const base = type === FILE_TO_FILE ? "" : target.endsWith("/") ? target : target + "/";
  const dst: (Dst | undefined)[] = [];
  let nopen = 0;

  const closeDst = (d: Dst) => {
    if (d.fd >= 0) {
      try { close(d.fd); } catch {}
      d.fd = -1;
      nopen--;
    }
  };
  /** done with the target directory of `p` (its DP, or it could not be read) */
  const leave = (p: FtsEnt) => {
    const d = p.pointer as Dst | undefined;
    if (!d) return;
    p.pointer = undefined;
    const par = p.level > 0 ? dst[p.level - 1] : undefined;
    if (par && par.fd < 0 && d.fd >= 0) {
      try {
        par.fd = open(`/proc/self/fd/${d.fd}/..`, O.PATH | O.DIRECTORY);
        nopen++;
      } catch {}
    }
    closeDst(d);
    dst.length = Math.max(0, p.level);
  };
  const enter = (p: FtsEnt, acc: string, rel: string, disp: string): boolean => {
    let fd: number;
    try {
      fd = open(acc, O.PATH | O.DIRECTORY);
    } catch (e) {
      warn(ctx, disp, e);
      return false;
    }
    const d: Dst = { fd, rel, disp };
    nopen++;
    dst[p.level] = d;
    dst.length = p.level + 1;
    p.pointer = d;
    for (let i = 0; nopen > MAXOPEN && i < p.level; i++) if (dst[i] && dst[i]!.fd >= 0) closeDst(dst[i]!);
    return true;
  };

  let fts: Fts;
  try {
    fts = new Fts(sources, o.fts, o.sort ? (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : undefined);
  } catch (e) {
    warn(ctx, "fts_open", e);
    throw new Exit(1);
  }
  try {
    for (;;) {
      let p: FtsEnt | null;
      try {
        p = fts.read();
      } catch (e) {
        warn(ctx, "fts_read", e);
        throw new Exit(1);
      }
      if (!p) break;
      let bad = false;
      switch (p.info) {
        case FTS_NS: case FTS_DNR: case FTS_ERR:
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          rval = 1;
          if (p.info !== FTS_NS) leave(p);
          continue;
        case FTS_DC:
          warnx(ctx, `${p.path}: directory causes a cycle`);
          rval = 1;
          continue;
      }
      if (p.level === FTS_ROOTLEVEL) rootname = p.name;
      const st = p.stat!;
      // where the copy goes: its displayed name and the name to hand to the system
      let rel: string, acc: string;
      if (type === FILE_TO_FILE) {
        rel = target;
        acc = target;
      } else if (p.level === FTS_ROOTLEVEL) {
        if (type === FILE_TO_DIR) {
          const path = p.path;
          rel = path.slice(path.lastIndexOf("/") + 1);
          if (rel === "..") rel = ".";
        } else rel = "";
        acc = rel === "" ? target : base + rel;
      } else {
        const pd = dst[p.level - 1]!;
        rel = pd.rel === "" ? p.name : pd.rel + "/" + p.name;
        acc = `/proc/self/fd/${pd.fd}/${p.name}`;
      }
      const disp = base + rel;

      if (type !== FILE_TO_FILE) {
        if (p.info === FTS_D && rootStat && rootStat.dev === st.dev && rootStat.ino === st.ino) {
          if (rootCreated) {
            fts.set(p, FTS_SKIP);
            continue;
          }
          if (recursePath === undefined) recursePath = `${disp}/${rootname}`;
        }
        if (recursePath !== undefined && disp === recursePath) {
          if (p.info === FTS_D) fts.set(p, FTS_SKIP);
          continue;
        }
      }

      if (p.info === FTS_DP) {
        const d = p.pointer as Dst | undefined;
        if (!d) continue;
        if (p.number) {
          const self = d.fd >= 0 ? `/proc/self/fd/${d.fd}` : acc;
          if (o.p) {
            if (setfile(ctx, st, self, disp, false)) rval = 1;
          } else {
            const mode = st.mode;
            if ((mode & 0o7000) || ((mode | 0o700) & mask) !== (mode & mask)) {
              try {
                chmod(self, mode & mask & 0o7777);
              } catch (e) {
                warn(ctx, `chmod: ${disp}`, e);
                rval = 1;
              }
            }
          }
        }
        leave(p);
        continue;
      }

      // the target as it is: missing (dne), the source itself, or in the way
      let tst: Stat | undefined;
      try {
        tst = !o.R || o.L ? stat(acc) : lstat(acc);
      } catch {}
      const dne = !tst;
      if (tst) {
        if (tst.dev === st.dev && tst.ino === st.ino) {
          warnx(ctx, `${disp} and ${p.path} are identical (not copied).`);
          rval = 1;
          if (S_ISDIR(st.mode)) fts.set(p, FTS_SKIP);
          continue;
        }
        if (!S_ISDIR(st.mode) && S_ISDIR(tst.mode)) {
          warnx(ctx, `cannot overwrite directory ${disp} with non-directory ${p.path}`);
          rval = 1;
          continue;
        }
      }

      switch (st.mode & S.IFMT) {
        case S.IFLNK:
          if ((o.fts & FTS_LOGICAL) || ((o.fts & FTS_COMFOLLOW) && p.level === 0)) bad = copyFile(ctx, o, p, acc, disp, dne);
          else bad = copyLink(ctx, o, p, acc, disp, !dne);
          break;
        case S.IFDIR:
          if (!o.R) {
            warnx(ctx, `${p.path} is a directory (not copied).`);
            fts.set(p, FTS_SKIP);
            bad = true;
            break;
          }
          if (dne) {
            try {
              mkdir(acc, (st.mode | 0o700) & 0o7777);
            } catch (e) {
              warn(ctx, disp, e);
              throw new Exit(1);
            }
            if (!rootStat) {
              try {
                rootStat = stat(acc);
                rootCreated = true;
              } catch (e) {
                warn(ctx, "stat", e);
                throw new Exit(1);
              }
            }
          } else if (!S_ISDIR(tst!.mode)) {
            warn(ctx, disp, new SysError(ENOTDIR, "ENOTDIR", "mkdir"));
            throw new Exit(1);
          }
          p.number = o.p || dne ? 1 : 0;
          if (!enter(p, acc, rel, disp)) {
            fts.set(p, FTS_SKIP);
            bad = true;
          }
          break;
        case S.IFBLK: case S.IFCHR:
          if (o.R && !o.s) bad = copySpecial(ctx, o, st, acc, disp, !dne, false);
          else bad = copyFile(ctx, o, p, acc, disp, dne);
          break;
        case S.IFSOCK:
          warnx(ctx, `${p.path} is a socket (not copied).`);
          break;
        case S.IFIFO:
          if (o.R && !o.s) bad = copySpecial(ctx, o, st, acc, disp, !dne, true);
          else bad = copyFile(ctx, o, p, acc, disp, dne);
          break;
        default:
          bad = copyFile(ctx, o, p, acc, disp, dne);
      }
      if (bad) rval = 1;
      else if (o.v) out.write(`${p.path} -> ${disp}\n`);
    }
  } finally {
    for (const d of dst) if (d) closeDst(d);
    fts.close();
  }
  return rval;
}

/** `X not overwritten` (-n) or the -i question; true when the target must be left alone. */
function keep(ctx: Ctx, o: CopyOpts, disp: string, ask: boolean): boolean {
  if (o.n) {
    if (o.v) ctx.out.write(`${disp} not overwritten\n`);
    return true;
  }
  if (o.i && ask) {
    ctx.out.flush();
    ctx.err.write(`overwrite ${disp}? (y/n [n]) `);
    ctx.err.flush();
    const c = answerFirst(ctx, o);
    if (c !== 0x79 && c !== 0x59) {
      ctx.err.write("not overwritten\n");
      ctx.err.flush();
      return true;
    }
  }
  return false;
}

/** copy_file: a regular file (or what a followed link or a device gives) with -l, -s or data. */
function copyFile(ctx: Ctx, o: CopyOpts, p: FtsEnt, acc: string, disp: string, dneIn: boolean): boolean {
  let dne = dneIn;
  const fst = p.stat!;
  let fromFd = -1, toFd = -1;
  let sb: Stat | undefined;
  try {
    if (!o.l && !o.s) {
      try {
        fromFd = open(p.accpath, O.RDONLY);
        sb = fstat(fromFd);
      } catch (e) {
        warn(ctx, p.path, e);
        return true;
      }
      if ((sb.mode & S.IFMT) !== (fst.mode & S.IFMT)) {
        warnx(ctx, `${p.path}: File changed`);
        return true;
      }
    }
    if (!dne) {
      if (keep(ctx, o, disp, true)) return true;
      if (o.f) {
        try { unlink(acc); } catch {}
        dne = true;
      }
    }
    if (o.l) {
      try {
        link(p.accpath, acc);
      } catch (e) {
        warn(ctx, disp, e);
        return true;
      }
      return false;
    }
    if (o.s) {
      try {
        symlink(p.path, acc);
      } catch (e) {
        warn(ctx, disp, e);
        return true;
      }
      return false;
    }
    let tsb: Stat;
    try {
      // never O_TRUNC before knowing the target is not the source itself
      toFd = dne ? open(acc, O.WRONLY | O.TRUNC | O.CREAT, fst.mode & 0o1777 & ~0o6000) : open(acc, O.WRONLY);
      tsb = fstat(toFd);
    } catch (e) {
      warn(ctx, disp, e);
      return true;
    }
    if (tsb.dev === sb!.dev && tsb.ino === sb!.ino) {
      warnx(ctx, `${disp} and ${p.path} are identical (not copied).`);
      return true;
    }
    let bad = false;
    try {
      if (!dne && S_ISREG(tsb.mode)) ftruncate(toFd, 0);
      copyData(fromFd, sb!, toFd, S_ISREG(tsb.mode));
    } catch (e) {
      warn(ctx, p.path, e);
      bad = true;
    }
    if (o.p && setfile(ctx, fst, `/proc/self/fd/${toFd}`, disp, false, toFd)) bad = true;
    const fd = toFd;
    toFd = -1;
    try {
      close(fd);
    } catch (e) {
      warn(ctx, disp, e);
      bad = true;
    }
    return bad;
  } finally {
    if (fromFd >= 0) try { close(fromFd); } catch {}
    if (toFd >= 0) try { close(toFd); } catch {}
  }
}

/** copy_link: the symbolic link itself (-P, -R without -L). */
function copyLink(ctx: Ctx, o: CopyOpts, p: FtsEnt, acc: string, disp: string, exists: boolean): boolean {
  if (exists && keep(ctx, o, disp, false)) return true;
  let target: string;
  try {
    target = readlink(p.accpath);
  } catch (e) {
    warn(ctx, `readlink: ${p.path}`, e);
    return true;
  }
  if (exists) {
    try {
      unlink(acc);
    } catch (e) {
      warn(ctx, `unlink: ${disp}`, e);
      return true;
    }
  }
  try {
    symlink(target, acc);
  } catch (e) {
    warn(ctx, `symlink: ${target}`, e);
    return true;
  }
  return o.p ? setfile(ctx, p.stat!, acc, disp, true) : false;
}

/** copy_fifo / copy_special: a new fifo or device node under -R. */
function copySpecial(ctx: Ctx, o: CopyOpts, st: Stat, acc: string, disp: string, exists: boolean, fifo: boolean): boolean {
  if (exists && keep(ctx, o, disp, false)) return true;
  if (exists) {
    try {
      unlink(acc);
    } catch (e) {
      warn(ctx, `unlink: ${disp}`, e);
      return true;
    }
  }
  try {
    if (fifo) mkfifo(acc, st.mode & 0o7777);
    else mknod(acc, st.mode, st.rdev);
  } catch (e) {
    warn(ctx, `${fifo ? "mkfifo" : "mknod"}: ${disp}`, e);
    return true;
  }
  return o.p ? setfile(ctx, st, acc, disp, false) : false;
}

/**
 * setfile: times (ns), then owner, then mode of the copy at `path` (a symlink itself when
 * `islink`; `fd` the open copy of a regular file). true on a reported failure.
 */
export function setfile(ctx: Ctx, fs: Stat, path: string, disp: string, islink: boolean, fd = -1): boolean {
  let bad = false;
  let mode = fs.mode & 0o7777;
  try {
    utimens(path, fs.atimeNs, fs.mtimeNs, !islink);
  } catch (e) {
    warn(ctx, `utimensat: ${disp}`, e);
    bad = true;
  }
  let ts: Stat | undefined;
  try {
    ts = fd >= 0 ? fstat(fd) : islink ? lstat(path) : stat(path);
  } catch {}
  if (!ts || fs.uid !== ts.uid || fs.gid !== ts.gid) {
    try {
      if (islink) lchown(path, fs.uid, fs.gid);
      else chown(path, fs.uid, fs.gid);
    } catch (e) {
      if (errnoOf(e) !== EPERM) {
        warn(ctx, `chown: ${disp}`, e);
        bad = true;
      }
      mode &= ~0o6000;
    }
  }
  if (!islink && (!ts || mode !== (ts.mode & 0o7777))) {
    try {
      if (fd >= 0) fchmod(fd, mode);
      else chmod(path, mode);
    } catch (e) {
      warn(ctx, `chmod: ${disp}`, e);
      bad = true;
    }
  }
  return bad;
}

export { ENOENT };
