// cp — copy files
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/cp.html  FreeBSD: cp(1)
// cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvxT] source target
// cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source ... directory | -t directory source ...
//   getopt_long "+HLPRTafilnprst:vx" (no permutation): --archive -a, --force -f, --interactive
//   -i, --dereference -L, --link -l, --no-clobber -n, --no-dereference -P, --recursive -R,
//   --symbolic-link -s, --target-directory=DIR -t, --no-target-directory -T, --verbose -v,
//   --one-file-system -x, --sort (each directory's entries in byte order).
//   -R copies trees (symlinks as links unless -H: operands followed, or -L: all followed);
//   -r is -R -L and may not be combined with -R. Without -R, symlinks are followed unless -P,
//   and a directory is `cp: d is a directory (not copied).` -a is -R -P -p. The last of -f,
//   -i, -n wins: -f removes an existing target and makes it anew, -i asks
//   `overwrite X? (y/n [n]) ` on stderr (not y/Y: `not overwritten`, status 1), -n leaves it
//   (status 1; with -v `X not overwritten`). -l makes hard links, -s symbolic links (not both).
//   -p keeps ns times, owner (when allowed), mode. -x stays on each operand's file system.
//   -v prints `source -> target` for each copy. -T: the target is never a directory to copy
//   into (exactly two operands); `cp -RT dir existing-dir` copies dir's entries into it (the
//   reference prints `cannot overwrite directory ''` and copies nothing: a bug, fixed here).
//   A copy onto the file itself is refused (`cp: a and a are identical (not copied).`), a
//   directory copied into itself is copied once and not again into the copy. Fifos and device
//   nodes under -R are made anew; sockets are `is a socket (not copied).` Errors are per entry
//   (status 1, the rest goes on); failing to make a directory or a directory target that is a
//   file ends the copy. Sparse files stay sparse. The engine is shared/src/copy.ts.
// Usage errors exit 64 (EX_USAGE).
import { defineApplet, Getopt, usage, err, errx, type LongOpt } from "@bsdbox/shared";
import { copyTree, FILE_TO_FILE, FILE_TO_DIR, DIR_TO_DNE, DIR_INTO, type CopyOpts } from "@bsdbox/shared/copy";
import { FTS_PHYSICAL, FTS_LOGICAL, FTS_COMFOLLOW, FTS_XDEV } from "@bsdbox/shared/fts";
import { stat, lstat, S_ISDIR, SysError, type Stat } from "@bsdbox/compat";

const USAGE =
  "usage: cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvxT] source_file target_file\n" +
  "       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file ... target_directory\n" +
  "       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] -t target_directory source_file ... ";
const EX_USAGE = 64, ENOENT = 2;
const LONG: LongOpt[] = [
  { name: "archive", has: 0, val: "a" },
  { name: "dereference", has: 0, val: "L" },
  { name: "force", has: 0, val: "f" },
  { name: "interactive", has: 0, val: "i" },
  { name: "link", has: 0, val: "l" },
  { name: "no-clobber", has: 0, val: "n" },
  { name: "no-dereference", has: 0, val: "P" },
  { name: "no-target-directory", has: 0, val: "T" },
  { name: "one-file-system", has: 0, val: "x" },
  { name: "recursive", has: 0, val: "R" },
  { name: "symbolic-link", has: 0, val: "s" },
  { name: "target-directory", has: 1, val: "t" },
  { name: "verbose", has: 0, val: "v" },
  { name: "sort", has: 0, val: "\u0001" },
];

export default defineApplet({
  name: "cp",
  main(ctx) {
    const o: CopyOpts = { R: false, L: false, f: false, i: false, n: false, l: false, s: false, p: false, v: false, fts: FTS_PHYSICAL };
    let H = false, P = false, r = false, T = false, x = false;
    let targdir: string | undefined;
    const g = new Getopt(ctx, "+HLPRTafilnprst:vx", LONG);
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "H": H = true; o.L = P = false; break;
        case "L": o.L = true; H = P = false; break;
        case "P": P = true; H = o.L = false; break;
        case "R": o.R = true; break;
        case "a": o.p = o.R = P = true; H = o.L = false; break;
        case "f": o.f = true; o.i = o.n = false; break;
        case "i": o.i = true; o.f = o.n = false; break;
        case "l": o.l = true; break;
        case "n": o.n = true; o.f = o.i = false; break;
        case "p": o.p = true; break;
        case "r": r = o.L = true; H = P = false; break;
        case "s": o.s = true; break;
        case "t": targdir = g.optarg!; break;
        case "T": T = true; break;
        case "v": o.v = true; break;
        case "x": x = true; break;
        case "\u0001": o.sort = true; break;
        default: usage(ctx, USAGE, EX_USAGE);
      }
    }
    const argv = g.rest;
    if (argv.length < (targdir === undefined ? 2 : 1) || (T && argv.length > 2)) usage(ctx, USAGE, EX_USAGE);
    if (T && targdir !== undefined) errx(ctx, 1, "the -T and -t options may not be used together");
    if (o.R && r) errx(ctx, 1, "the -R and -r options may not be specified together");
    if (o.l && o.s) errx(ctx, 1, "the -l and -s options may not be specified together");
    if (r) o.R = true;
    let fts = FTS_PHYSICAL | (x ? FTS_XDEV : 0);
    if (o.R) {
      if (H) fts |= FTS_COMFOLLOW;
      if (o.L) fts = (fts & ~FTS_PHYSICAL) | FTS_LOGICAL;
    } else if (!P) {
      fts = (fts & ~FTS_PHYSICAL) | FTS_LOGICAL | FTS_COMFOLLOW;
    }
    o.fts = fts;

    let target = targdir ?? argv.pop()!;
    if (target === "") target = ".";
    const slash = target.endsWith("/");
    while (target.length > 1 && target.endsWith("/")) target = target.slice(0, -1);

    let to: Stat | undefined;
    try {
      to = stat(target);
    } catch (e) {
      if (!(e instanceof SysError) || e.errno !== ENOENT) err(ctx, 1, target, e);
    }
    const srcIsDir = () => {
      try {
        return S_ISDIR((o.R && (o.L || H) ? stat : lstat)(argv[0]!).mode);
      } catch {
        return false;
      }
    };
    let type: number;
    if (!to || !S_ISDIR(to.mode) || T) {
      if (argv.length > 1 || targdir !== undefined) errx(ctx, 1, `${target} is not a directory`);
      if (to && S_ISDIR(to.mode)) type = o.R && srcIsDir() ? DIR_INTO : FILE_TO_FILE;
      else if (!to) type = o.R && srcIsDir() ? DIR_TO_DNE : FILE_TO_FILE;
      else type = FILE_TO_FILE;
      if (slash && type === FILE_TO_FILE) {
        if (!to) errx(ctx, 1, `directory ${target} does not exist`);
        if (!S_ISDIR(to.mode)) errx(ctx, 1, `${target} is not a directory`);
      }
    } else type = FILE_TO_DIR;
    const status = copyTree(ctx, o, argv, target, type, type === DIR_TO_DNE ? undefined : to);
    return status || ctx.status;
  },
});
