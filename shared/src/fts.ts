// fts(3) as FreeBSD's libc has it: the tree walk of chmod, chown, rm, cp, du, find, ls -R, diff -r.
//
//   const fts = new Fts(paths, FTS_PHYSICAL | FTS_COMFOLLOW, compar?);   // throws ENOENT for ""
//   for (let p; (p = fts.read()); ) switch (p.info) { case FTS_D: ...; fts.set(p, FTS_SKIP); }
//
// Modes: FTS_PHYSICAL (-P: symlinks are entries of their own, FTS_SL), FTS_LOGICAL (-L: every
// symlink is followed; one that leads nowhere is FTS_SLNONE with the link's own lstat),
// FTS_COMFOLLOW (-H: the roots are followed, nothing below them). FTS_NOSTAT: entries below the
// roots whose d_type is known and is not a directory (nor a symlink under FTS_LOGICAL) are not
// stat'ed: they come as FTS_NSOK with a stat holding only the file type in `mode`. FTS_XDEV: a directory on
// another file system than its root is visited (FTS_D, then FTS_DP) but not entered.
// Visits: FTS_D (directory, pre-order), FTS_DP (the same entry again after its children; at once
// for an empty or skipped directory), FTS_F, FTS_DEFAULT (fifo, device, socket), FTS_SL,
// FTS_SLNONE, FTS_DC (a directory that is one of its own ancestors, by dev/ino: `cycle` names the
// ancestor; not entered), FTS_DNR (directory that cannot be read: visited as FTS_D first, then
// once more as FTS_DNR with `errno`, no FTS_DP), FTS_NS (no stat: `errno`, `stat` undefined),
// FTS_ERR (a directory that changed under the walk between its stat and its opening: ENOENT).
// The walk goes on after every per-entry error. set(p, FTS_SKIP) on an FTS_D entry: its
// children are not read, the next read() gives it back as FTS_DP; set(p, FTS_FOLLOW) on an
// FTS_SL/FTS_SLNONE entry: the next read() stats it again through the link and returns it
// again (an FTS_D then is entered); FTS_AGAIN: stat again and return again.
// Entries: name (a root's name is the path as given), path (as the user would write it: the
// root as given, then "/" and the names; a root's one trailing "/" is not doubled, as fts's
// NAPPEND), accpath (valid while the entry is the current one: see below), level (roots 0; their
// parent is a placeholder entry of level -1), stat (lstat or stat per mode), parent, errno.
// Roots are stat'ed when the walk is opened and kept in argument order unless compar sorts them;
// children are read and stat'ed when their directory is entered (compar sorts them too,
// otherwise directory order).
//
// Deep trees and long paths. The walk is iterative and never chdir()s. Each directory it is in
// is held as a descriptor opened for reading (getdents reads it), and every entry below a root is reached through
// accpath = "/proc/self/fd/N/NAME", N being its parent's descriptor: the kernel resolves that
// from the descriptor, so the length of the full path never matters (a 10,000-level tree whose
// paths run to 20 KB and more works, as the tests show), and a directory renamed during the
// walk cannot send it elsewhere. At most `maxFds` (default 64) such descriptors stay open:
// deeper than that, the shallowest are closed and, on the way back up, reopened as "N/.." from
// the child and checked against the dev/ino recorded on the way down (a mismatch stops the walk
// as fts's own FTS_STOP does: read() throws the SysError, ENOENT). The directory holding a
// symlink the walk followed is never closed early, since ".." would lead elsewhere. A directory
// is entered only if the descriptor's dev/ino are those its stat gave (else FTS_ERR).
// Tools act on entries through accpath with compat's path calls (chmod, lchmod, unlink, rmdir,
// open, ...). Needs /proc (Bun needs it anyway).
// Memory: one entry per name of each directory on the current path; `path` strings are built
// by concatenation, which the engine keeps as ropes until a path is used.
// Not done: FTS_NOSTAT/FTS_NAMEONLY/FTS_SEEDOT/FTS_WHITEOUT, fts_children.
import { open, openAt, close, fstat, stat, lstat, statAt, readdirTypedFd, O, S_ISLNK, SysError, type Stat } from "@bsdbox/compat";

export const FTS_COMFOLLOW = 0x001, FTS_LOGICAL = 0x002, FTS_NOCHDIR = 0x004, FTS_NOSTAT = 0x008, FTS_PHYSICAL = 0x010,
  FTS_XDEV = 0x040;
export const FTS_D = 1, FTS_DC = 2, FTS_DEFAULT = 3, FTS_DNR = 4, FTS_DP = 6, FTS_ERR = 7,
  FTS_F = 8, FTS_NS = 10, FTS_NSOK = 11, FTS_SL = 12, FTS_SLNONE = 13;
export const FTS_AGAIN = 1, FTS_FOLLOW = 2, FTS_SKIP = 4;
export const FTS_ROOTLEVEL = 0, FTS_ROOTPARENTLEVEL = -1;

const ENOENT = 2;

export class FtsEnt {
  /** FTS_D, FTS_F, ... */
  info = 0;
  stat: Stat | undefined = undefined;
  /** free for the caller (fts_number; fts_pointer is `pointer`) */
  number = 0;
  /** @internal the path while it is cheap to keep (the current entry, the innermost directory,
   * the roots); others are rebuilt from their parents when asked */
  pathText: string | undefined;

  // The fields below are set on few entries (directories, errors, roots): their defaults live
  // on the prototype (after the class), so an entry is an object of the seven fields above, not
  // of nineteen. A walk makes one per name: find -type f over 100,000 files took ~5% less time.
  /** why FTS_DNR / FTS_NS / FTS_ERR */
  declare errno: number;
  /** @internal accpath when set explicitly (roots); below the roots it follows the parent's descriptor */
  private declare acc: string | undefined;
  /** for FTS_DC: the ancestor this directory is */
  declare cycle: FtsEnt | undefined;
  /** free for the caller (fts_pointer) */
  declare pointer: unknown;
  // walk state
  /** @internal directory descriptor while the walk is inside this directory, else -1 */
  declare fd: number;
  /** @internal pending fts_set instruction */
  declare instr: number;
  /** @internal the stat went through a symlink */
  declare followed: boolean;
  /** @internal children while inside, and the index of the current one */
  declare kids: FtsEnt[] | undefined;
  declare ki: number;
  /** @internal followed symlinks below, being walked: keep this descriptor open */
  declare pins: number;
  /** @internal pathText.length, kept for the way back up */
  declare pathLen: number;
  /** While the walk is inside this directory and it is the innermost one: its path ending in "/",
   * the text the paths of its entries start with (a writer can copy it and the entry's name
   * without making the joined string). Undefined otherwise. */
  declare dirPrefix: string | undefined;

  constructor(public name: string, path: string | undefined, public level: number, public parent: FtsEnt | null) {
    this.pathText = path;
    if (path !== undefined) this.acc = path;
  }

  /** The name to hand to system calls while this is the current entry: a root as given, an entry
   * below as "/proc/self/fd/N/NAME" through its parent's open descriptor (made when asked: most
   * entries of a walk never need it). */
  get accpath(): string {
    return this.acc ?? `/proc/self/fd/${this.parent!.fd}/${this.name}`;
  }
  set accpath(p: string) {
    this.acc = p;
  }

  /** @internal accpath was set explicitly (a root) */
  hasOwnAccpath(): boolean {
    return this.acc !== undefined;
  }

  /** The path as the user would write it: the root as given, then "/" and the names. */
  get path(): string {
    if (this.pathText !== undefined) return this.pathText;
    const d = this.parent;
    // the usual case, an entry of the innermost directory: made when asked, kept while current
    if (d && d.dirPrefix !== undefined) return (this.pathText = d.dirPrefix + this.name);
    const names: string[] = [];
    let e: FtsEnt = this;
    for (; e.pathText === undefined; e = e.parent!) names.push(e.name);
    names.reverse();
    const base = e.pathText;
    return (base.endsWith("/") ? base : base + "/") + names.join("/");
  }
}

Object.assign(FtsEnt.prototype, {
  errno: 0, acc: undefined, cycle: undefined, pointer: undefined, fd: -1, instr: 0, followed: false,
  kids: undefined, ki: 0, pins: 0, pathLen: 0, dirPrefix: undefined,
});

export type FtsCompar = (a: FtsEnt, b: FtsEnt) => number;

const DT_UNKNOWN = 0, DT_DIR = 4, DT_LNK = 10;
const nostatCache: (Stat | undefined)[] = new Array(16);
/** FTS_NSOK entries carry a stat whose only meaningful field is the file type in `mode`
 * (DTTOIF(d_type), as FreeBSD's fts fills it); everything else is 0. */
function nostatStat(t: number): Stat {
  return (nostatCache[t & 15] ??= { dev: 0, ino: 0, mode: (t & 15) << 12, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 0, blocks: 0, atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n });
}

const key = (st: Stat) => `${st.dev}:${st.ino}`;
function errnoOf(e: unknown): number {
  if (e instanceof SysError) return e.errno;
  throw e;
}

export class Fts {
  /** the placeholder parent of the roots (level -1, path "") */
  readonly rootParent = new FtsEnt("", "", FTS_ROOTPARENTLEVEL, null);
  private readonly roots: FtsEnt[];
  private ri = -1;
  private cur: FtsEnt | null = null;
  private done = false;
  /** directories the walk is inside, roots first: stack[i].level === i */
  private readonly stack: FtsEnt[] = [];
  private readonly ancestors = new Map<string, FtsEnt>();
  private nopen = 0;
  /** no evictable descriptor below this stack index */
  private low = 0;
  private rootDev = 0;
  private readonly logical: boolean;
  private readonly xdev: boolean;
  private readonly nostat: boolean;

  constructor(paths: readonly string[], options: number, private readonly compar?: FtsCompar, private readonly maxFds = 64) {
    this.logical = !!(options & FTS_LOGICAL);
    this.xdev = !!(options & FTS_XDEV);
    this.nostat = !!(options & FTS_NOSTAT);
    const follow = this.logical || !!(options & FTS_COMFOLLOW);
    if (this.maxFds < 2) this.maxFds = 2;
    this.roots = paths.map((p) => {
      if (p === "") throw new SysError(ENOENT, "ENOENT", "fts_open");
      const e = new FtsEnt(p, p, FTS_ROOTLEVEL, this.rootParent);
      e.info = this.statEnt(e, follow);
      return e;
    });
    if (compar) this.roots.sort(compar);
  }

  /** fts_set: FTS_SKIP, FTS_FOLLOW or FTS_AGAIN for `p`, acted on by the next read(). */
  set(p: FtsEnt, instr: number): void {
    p.instr = instr;
  }

  /** The next entry, or null at the end. Throws only when the walk cannot go on (FTS_STOP). */
  read(): FtsEnt | null {
    if (this.done) return null;
    const p = this.cur;
    if (!p) return this.nextRoot();
    const instr = p.instr;
    if (instr !== 0) p.instr = 0;
    if (instr === FTS_AGAIN) {
      p.info = this.statEnt(p, this.logical);
      return p;
    }
    if (instr === FTS_FOLLOW && (p.info === FTS_SL || p.info === FTS_SLNONE)) {
      p.info = this.statEnt(p, true);
      return p;
    }
    if (p.info === FTS_D) {
      if (instr === FTS_SKIP || (this.xdev && p.stat!.dev !== this.rootDev)) {
        p.info = FTS_DP;
        return p;
      }
      const first = this.enter(p);
      return first ? this.visit(first) : p;
    }
    return this.advance(p);
  }

  *[Symbol.iterator](): Generator<FtsEnt> {
    for (let p; (p = this.read()); ) yield p;
  }

  /** End the walk early: close every descriptor. */
  close(): void {
    for (const d of this.stack) {
      if (d.fd >= 0) {
        try { close(d.fd); } catch {}
        d.fd = -1;
      }
    }
    this.stack.length = 0;
    this.ancestors.clear();
    this.nopen = 0;
    this.done = true;
    this.cur = null;
  }

  private nextRoot(): FtsEnt | null {
    if (++this.ri >= this.roots.length) {
      this.done = true;
      this.cur = null;
      return null;
    }
    const p = this.roots[this.ri]!;
    this.rootDev = p.stat?.dev ?? 0;
    return this.visit(p);
  }

  private visit(p: FtsEnt): FtsEnt {
    // a directory keeps its path text for its entries; others make theirs when asked (`path`)
    if (p.level > 0 && p.info === FTS_D && p.pathText === undefined) {
      const dp = p.parent!.pathText!;
      p.pathText = (dp.endsWith("/") ? dp : dp + "/") + p.name;
    }
    this.cur = p;
    return p;
  }

  /** After p (not a directory about to be entered): its next sibling, or its parent's FTS_DP. */
  private advance(p: FtsEnt): FtsEnt | null {
    if (p.level === FTS_ROOTLEVEL) return this.nextRoot();
    const d = p.parent!;
    // a sibling done with keeps no path string (a deep walk keeps O(depth) text, not O(depth²))
    p.pathText = undefined;
    if (++d.ki < d.kids!.length) return this.visit(d.kids![d.ki]!);
    this.leave(d);
    d.info = d.errno ? FTS_ERR : FTS_DP;
    return this.visit(d);
  }

  /** Stat p (`dirfd`: its parent's descriptor when the caller knows it holds p) and say what it is. */
  private statEnt(p: FtsEnt, follow: boolean, dirfd = -2): number {
    // (written only when they change: most entries keep the prototype's defaults)
    if (p.followed) p.followed = false;
    if (p.errno) p.errno = 0;
    if (p.cycle) p.cycle = undefined;
    let st: Stat;
    // below a root, stat relative to the parent's open descriptor: no /proc path lookup
    if (dirfd === -2) dirfd = p.level > 0 && p.parent!.fd >= 0 && !p.hasOwnAccpath() ? p.parent!.fd : -1;
    try {
      st = dirfd >= 0 ? statAt(dirfd, p.name) : lstat(p.accpath);
    } catch (e) {
      p.stat = undefined;
      p.errno = errnoOf(e);
      return FTS_NS;
    }
    if (follow && S_ISLNK(st.mode)) {
      try {
        st = dirfd >= 0 ? statAt(dirfd, p.name, true) : stat(p.accpath);
        p.followed = true;
      } catch (e) {
        errnoOf(e);
        p.stat = st;
        return FTS_SLNONE;
      }
    }
    p.stat = st;
    const fmt = st.mode & 0o170000;
    if (fmt === 0o100000) return FTS_F;
    if (fmt === 0o040000) {
      const t = this.ancestors.get(key(st));
      if (t) {
        p.cycle = t;
        return FTS_DC;
      }
      return FTS_D;
    }
    return fmt === 0o120000 ? FTS_SL : FTS_DEFAULT;
  }

  /** Open and read directory p; its first child, or null with p.info set (DP, DNR, ERR). */
  private enter(p: FtsEnt): FtsEnt | null {
    let fd: number;
    try {
      // opened for reading: the same descriptor serves getdents and, below, as the parent of accpath
      const flags = O.RDONLY | O.DIRECTORY | (p.followed ? 0 : O.NOFOLLOW);
      fd = p.parent && p.parent.fd >= 0 && !p.hasOwnAccpath() ? openAt(p.parent.fd, p.name, flags) : open(p.accpath, flags);
    } catch (e) {
      p.info = FTS_DNR;
      p.errno = errnoOf(e);
      return null;
    }
    let names: string[], types: Uint8Array;
    try {
      const st = fstat(fd);
      if (st.dev !== p.stat!.dev || st.ino !== p.stat!.ino) throw new SysError(ENOENT, "ENOENT", "fts_read");
      ({ names, types } = readdirTypedFd(fd));
    } catch (e) {
      close(fd);
      p.errno = errnoOf(e);
      p.info = (e as SysError).syscall === "fts_read" ? FTS_ERR : FTS_DNR;
      return null;
    }
    p.fd = fd;
    this.push(p);
    if (!names.length) {
      this.leave(p);
      p.info = FTS_DP;
      return null;
    }
    const level = p.level + 1;
    const nostat = this.nostat, logical = this.logical;
    const kids: FtsEnt[] = new Array(names.length);
    // the children are stat'ed relative to this directory's descriptor
    const dirfd = p.fd;
    for (let i = 0; i < names.length; i++) {
      const c = new FtsEnt(names[i]!, undefined, level, p);
      const t = types[i]!;
      // FTS_NOSTAT: what d_type says is enough for all but directories (and symlinks under -L)
      if (nostat && t !== DT_UNKNOWN && t !== DT_DIR && !(logical && t === DT_LNK)) {
        c.stat = nostatStat(t);
        c.info = FTS_NSOK;
      } else c.info = this.statEnt(c, logical, dirfd);
      kids[i] = c;
    }
    if (this.compar) kids.sort(this.compar);
    p.kids = kids;
    p.ki = 0;
    return kids[0]!;
  }

  private push(p: FtsEnt): void {
    // only the innermost directory keeps its path text; the way back up slices it out again
    const pt = p.path; // (made and kept now if the visit did not make it)
    p.pathLen = pt.length;
    p.dirPrefix = pt.endsWith("/") ? pt : pt + "/";
    if (p.level > 0) p.parent!.dirPrefix = undefined;
    if (p.level > 1) p.parent!.pathText = undefined;
    this.stack.push(p);
    this.ancestors.set(key(p.stat!), p);
    this.nopen++;
    if (p.followed && p.level > 0) p.parent!.pins++;
    // keep at most maxFds open: close the shallowest that can be reopened through ".."
    const top = this.stack.length - 1;
    while (this.nopen > this.maxFds) {
      let i = this.low;
      while (i < top) {
        const e = this.stack[i]!;
        if (e.fd >= 0 && !e.pins && e.level > 0) break;
        i++;
      }
      if (i >= top) break;
      const e = this.stack[i]!;
      close(e.fd);
      e.fd = -1;
      this.nopen--;
      this.low = i + 1;
    }
  }

  /** Leave directory d (the innermost): reopen its parent if needed, close d. */
  private leave(d: FtsEnt): void {
    const x = d.level > 0 ? d.parent! : null;
    if (x && x.fd < 0) this.reopen(x, d);
    if (x) {
      const pt = (x.pathText ??= d.pathText!.slice(0, x.pathLen));
      x.dirPrefix = pt.endsWith("/") ? pt : pt + "/";
    }
    d.dirPrefix = undefined;
    close(d.fd);
    d.fd = -1;
    d.kids = undefined;
    this.nopen--;
    this.stack.pop();
    this.ancestors.delete(key(d.stat!));
    if (x && d.followed && !--x.pins) this.low = Math.min(this.low, x.level);
  }

  /** Reopen x, the parent of d, as d/.. and check it is the directory it was. */
  private reopen(x: FtsEnt, d: FtsEnt): void {
    let fd = -1;
    try {
      fd = open(`/proc/self/fd/${d.fd}/..`, O.PATH | O.DIRECTORY);
      const st = fstat(fd);
      if (st.dev !== x.stat!.dev || st.ino !== x.stat!.ino) throw new SysError(ENOENT, "ENOENT", "fts_read");
    } catch (e) {
      if (fd >= 0) close(fd);
      this.close();
      throw e;
    }
    x.fd = fd;
    this.nopen++;
    this.low = Math.min(this.low, x.level);
  }
}
