// ln, link — make links.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/ln.html
//        https://pubs.opengroup.org/onlinepubs/9799919799/utilities/link.html  FreeBSD: ln(1)
// ln source [target] | ln source ... dir | ln -t dir source ... ; options (getopt
// "FLPTfhinst:vwr"):
//   -s symbolic link (the source text is stored as given, it need not exist); -r store it
//   relative to the link's directory (-s only: "-r must be used with -s");
//   -f remove an existing target first (cancels -i, -w); -i ask "replace target? " on stderr,
//   read the answer from stdin, anything but y/Y is "not replaced" (status 1); -F with -s: an
//   existing target directory is removed (rmdir) instead of linked into, and implies -f unless
//   -i; -h / -n: a target that is a symlink to a directory is not followed (replace it with
//   -f); -L (default) / -P: a hard link to a symlink goes to the file it points to / to the
//   symlink itself; -t dir: all operands are sources, linked into dir; -T: the target is the
//   link itself, never a directory to link into; -v prints "target -> source" (symbolic) or
//   "target => source" (hard); -w warns when a symbolic link's source does not exist.
// A target that is a directory (or "."/ends in "/") gets the source's last component appended.
// Hard links to directories are refused (EISDIR); a target that is the source's own directory
// entry is "the same directory entry". Status 1 if any link failed.
// link source target (personality): exactly two operands, no options, the target must not
// exist; a hard link as ln makes it.
import { defineApplet, Getopt, usage, err, errx, warn, warnx, pathBasename, pathDirname, Reader, type Ctx } from "@bsdbox/shared";
import { stat, lstat, link, symlink, unlink, rmdir, realpath, getcwd, byteLength, S_ISDIR, S_ISLNK, SysError, type Stat } from "@bsdbox/compat";

const USAGE =
  "usage: ln [-s [-Fr] | -L | -P] [-f | -i] [-hnvT] source_file [target_file]\n" +
  "       ln [-s [-Fr] | -L | -P] [-f | -i] [-hnv] source_file ... target_dir\n" +
  "       ln [-s [-Fr] | -L | -P] [-f | -i] [-hnv] -t target_dir source_file ...";
const LINK_USAGE = "usage: link source_file target_file";
const EEXIST = 17, ENOTDIR = 20, EISDIR = 21, ENAMETOOLONG = 36, PATH_MAX = 4096;

interface Opts {
  F: boolean; f: boolean; h: boolean; i: boolean; P: boolean; r: boolean; s: boolean;
  T: boolean; v: boolean; w: boolean;
  /** the answers to -i, read from stdin as needed */
  stdin?: Reader;
}

const tryStat = (f: (p: string) => Stat, p: string): Stat | undefined => {
  try {
    return f(p);
  } catch (e) {
    if (e instanceof SysError) return undefined;
    throw e;
  }
};

export default defineApplet({
  name: "ln",
  main(ctx) {
    const o: Opts = { F: false, f: false, h: false, i: false, P: false, r: false, s: false, T: false, v: false, w: false };
    if (ctx.prog === "link") {
      const g = new Getopt(ctx, "");
      while (g.next() !== undefined) usage(ctx, LINK_USAGE);
      const a = g.rest;
      if (a.length !== 2) usage(ctx, LINK_USAGE);
      if (tryStat(lstat, a[1]!)) err(ctx, 1, a[1]!, EEXIST);
      return linkit(ctx, o, a[0]!, a[1]!, false);
    }
    const g = new Getopt(ctx, "FLPTfhinst:vwr");
    let targetDir: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "F": o.F = true; break;
        case "L": o.P = false; break;
        case "P": o.P = true; break;
        case "T": o.T = true; break;
        case "f": o.f = true; o.i = false; o.w = false; break;
        case "h": case "n": o.h = true; break;
        case "i": o.i = true; o.f = false; break;
        case "r": o.r = true; break;
        case "s": o.s = true; break;
        case "t": targetDir = g.optarg; break;
        case "v": o.v = true; break;
        case "w": o.w = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const args = g.rest;
    if (!o.s) o.F = false;
    if (o.F && !o.i) {
      o.f = true;
      o.w = false;
    }
    if (o.r && !o.s) errx(ctx, 1, "-r must be used with -s");
    if (o.T && targetDir !== undefined) usage(ctx, USAGE);
    if (targetDir === undefined) {
      if (args.length === 0) usage(ctx, USAGE);
      if (o.T && args.length !== 2) usage(ctx, USAGE);
      if (args.length === 1) return linkit(ctx, o, args[0]!, ".", true);
      if (args.length === 2) return linkit(ctx, o, args[0]!, args[1]!, false);
      targetDir = args.pop()!;
    } else if (args.length === 0) usage(ctx, USAGE);
    // several sources (or -t): the target must be a directory
    const dir = targetDir;
    if (o.h && S_ISLNK(tryStat(lstat, dir)?.mode ?? 0)) err(ctx, 1, dir, ENOTDIR);
    let st: Stat;
    try {
      st = stat(dir);
    } catch (e) {
      err(ctx, 1, dir, e);
    }
    if (!S_ISDIR(st.mode)) usage(ctx, USAGE);
    let status = 0;
    for (const src of args) status |= linkit(ctx, o, src, dir, true);
    return status;
  },
});

/** Make one link; `isdir`: the target is already known to be a directory to link into. */
function linkit(ctx: Ctx, o: Opts, source: string, target: string, isdir: boolean): number {
  if (!o.s) {
    // a hard link needs an existing source, and not a directory
    let sb: Stat;
    try {
      sb = o.P ? lstat(source) : stat(source);
    } catch (e) {
      warn(ctx, source, e);
      return 1;
    }
    if (S_ISDIR(sb.mode)) {
      warn(ctx, source, EISDIR);
      return 1;
    }
  }

  // link into the target when it is "." or ends in "/" or "/.", or is a directory (not through
  // a symlink with -h), unless -F or -T
  if (!o.T) {
    const last = target.slice(target.lastIndexOf("/") + 1);
    let append = last === "" || last === ".";
    if (!append && !o.F) {
      append = isdir || S_ISDIR(tryStat(lstat, target)?.mode ?? 0) ||
        (!o.h && S_ISDIR(tryStat(stat, target)?.mode ?? 0));
    }
    if (append) {
      const path = `${target}/${pathBasename(source)}`;
      if (byteLength(source) >= PATH_MAX || byteLength(path) >= PATH_MAX) {
        warn(ctx, source, ENAMETOOLONG);
        return 1;
      }
      target = path;
    }
  }

  // -w: a symbolic link to something that is not there (relative sources are looked up from
  // the link's directory)
  if (o.s && o.w) {
    if (source[0] === "/") {
      try { stat(source); } catch (e) { warn(ctx, `warning: ${source} inaccessible`, e); }
    } else {
      try { stat(`${pathDirname(target)}/${source}`); } catch (e) { warn(ctx, `warning: ${source}`, e); }
    }
  }

  const tsb = tryStat(lstat, target);
  if (tsb && !o.s && sameDirent(source, target)) {
    warnx(ctx, `${source} and ${target} are the same directory entry`);
    return 1;
  }
  if (tsb && (o.f || o.i)) {
    if (!o.f) {
      ctx.out.flush();
      ctx.err.write(`replace ${target}? `);
      ctx.err.flush();
      const answer = (o.stdin ??= new Reader(ctx.stdin, 4096)).line();
      const first = answer && answer.length ? answer[0] : -1;
      if (first !== 0x79 && first !== 0x59) {
        ctx.err.write("not replaced\n");
        return 1;
      }
    }
    try {
      if (o.F && S_ISDIR(tsb.mode)) rmdir(target);
      else unlink(target);
    } catch (e) {
      warn(ctx, target, e);
      return 1;
    }
  }

  let text = source;
  if (o.r) {
    try {
      text = relativeTo(source, pathDirname(target));
    } catch (e) {
      warn(ctx, source, e);
      return 1;
    }
  }
  try {
    if (o.s) symlink(text, target);
    else link(source, target, !o.P);
  } catch (e) {
    warn(ctx, target, e);
    return 1;
  }
  if (o.v) ctx.out.write(`${target} ${o.s ? "-" : "="}> ${source}\n`);
  return 0;
}

/** Two names are the same directory entry: equal strings, or the same last component in
 * directories that are the same (by device and inode). */
function sameDirent(p1: string, p2: string): boolean {
  if (p1 === p2) return true;
  const s1 = p1.lastIndexOf("/"), s2 = p2.lastIndexOf("/");
  if (p1.slice(s1 + 1) !== p2.slice(s2 + 1)) return false;
  if (byteLength(p1.slice(0, s1 + 1)) >= PATH_MAX || byteLength(p2.slice(0, s2 + 1)) >= PATH_MAX) return false;
  const d1 = tryStat(stat, s1 < 0 ? "." : p1.slice(0, s1 + 1));
  const d2 = tryStat(stat, s2 < 0 ? "." : p2.slice(0, s2 + 1));
  return !!d1 && !!d2 && d1.dev === d2.dev && d1.ino === d2.ino;
}

// -r: the source as seen from `base`, both made absolute with the part that exists resolved
// (symlinks included) and the rest normalised by hand (C++ std::filesystem::relative, which
// chimerautils uses).
function relativeTo(source: string, base: string): string {
  const a = weaklyCanonical(source), b = weaklyCanonical(base);
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  const up = b.length - k;
  if (k === a.length && up === 0) return ".";
  return [...Array<string>(up).fill(".."), ...a.slice(k)].join("/");
}

/** The components of the absolute, normalised path: the longest existing prefix through
 * realpath, then the rest with "." and ".." applied lexically. */
function weaklyCanonical(p: string): string[] {
  const abs = p[0] === "/" ? p : `${getcwd()}/${p}`;
  const parts = abs.split("/").filter((c) => c !== "");
  let n = 0, head = "/";
  for (; n < parts.length; n++) {
    const next = `${head === "/" ? "" : head}/${parts[n]}`;
    try {
      stat(next);
    } catch (e) {
      const errno = (e as SysError).errno;
      if (errno === 2 || errno === 20) break;
      throw e;
    }
    head = next;
  }
  const out = n ? realpath(head).split("/").filter((c) => c !== "") : [];
  for (const c of parts.slice(n)) {
    if (c === ".") continue;
    if (c === "..") out.pop();
    else out.push(c);
  }
  return out;
}
