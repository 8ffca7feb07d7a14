// chmod — change file modes.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/chmod.html  FreeBSD: chmod(1)
// chmod [-fv] [-R [-H | -L | -P]] mode file ... ; getopt "HLPRXfgorstuvwx" (chimerautils):
//   mode: octal or symbolic, through setmode(3)/getmode(3) (shared/mode.ts); an invalid one is
//   "invalid file mode: M", status 1, before any file is touched.
//   Mode letters are options too, so `chmod -w f` works: the first of g o r s t u w X x ends the
//   option parsing, and the argument it came from becomes the mode if it was exactly "-w" (or
//   when the letter sat inside a cluster such as "-wx", which getopt has not yet passed).
//   -R recurses (shared/fts.ts); -H follows symlinks named as operands, -L every symlink, -P
//   (the default under -R) none: a symlink met under -P is left alone (Linux gives links no
//   mode: fchmodat's ENOTSUP is not an error). Without -R operands are followed (a dangling
//   symlink is "No such file or directory") and a directory's contents are not touched.
//   -f: a failing chmod(2) is not reported and does not change the status (a missing operand
//   still is: that is fts's FTS_NS, as in FreeBSD). -v prints each file whose mode was changed;
//   -vv adds old and new modes: `f: 0100644 [-rw-r--r-- ] -> 0100600 [-rw------- ]` (st_mode
//   in octal with the type bits, then strmode). A file whose mode would not change is skipped
//   silently (FreeBSD 15 on Linux).
//   -h is not accepted on Linux (not in the getopt string): "unrecognized option", usage.
// Every operand is tried; status 1 if any failed. An empty operand is fts_open's ENOENT: the
// whole run stops (`chmod: fts_open: No such file or directory`). Usage errors exit 1.
// Not done: the SIGINFO (SIGUSR1) progress line, which needs a signal handler during a
// synchronous walk.
import { defineApplet, Getopt, usage, err, errx, warnx } from "@bsdbox/shared";
import { Fts, FTS_COMFOLLOW, FTS_ROOTLEVEL, FTS_D, FTS_PHYSICAL, FTS_LOGICAL, FTS_SKIP, FTS_DNR, FTS_DP, FTS_ERR, FTS_NS } from "@bsdbox/shared/fts";
import { setmode, getmode, strmode } from "@bsdbox/shared/mode";
import { chmod, lchmod, strerror, SysError } from "@bsdbox/compat";

const USAGE = "usage: chmod [-fhv] [-R [-H | -L | -P]] mode file ...";
const ENOTSUP = 95, S_IFMT = 0o170000, ALLPERMS = 0o7777;

export default defineApplet({
  name: "chmod",
  main(ctx) {
    const g = new Getopt(ctx, "HLPRXfgorstuvwx");
    let H = false, L = false, R = false, f = false, v = 0;
    opts: for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "H": H = true; L = false; break;
        case "L": L = true; H = false; break;
        case "P": H = L = false; break;
        case "R": R = true; break;
        case "f": f = true; break;
        case "v": v++; break;
        case "g": case "o": case "r": case "s": case "t": case "u": case "w": case "X": case "x":
          // the start of a mode such as -w or -rwx: give the argument back
          if (g.argv[g.optind - 1] === `-${c}`) g.optind--;
          break opts;
        default:
          usage(ctx, USAGE);
      }
    }
    const args = g.argv.slice(g.optind);
    if (args.length < 2) usage(ctx, USAGE);

    const options = !R || L ? FTS_LOGICAL : FTS_PHYSICAL | (H ? FTS_COMFOLLOW : 0);
    const mode = args[0]!;
    const set = setmode(mode);
    if (!set) errx(ctx, 1, `invalid file mode: ${mode}`);

    let fts: Fts;
    try {
      fts = new Fts(args.slice(1), options);
    } catch (e) {
      err(ctx, 1, "fts_open", e);
    }
    for (;;) {
      let p;
      try {
        p = fts.read();
      } catch (e) {
        err(ctx, 1, "fts_read", e);
      }
      if (!p) break;
      const follow = !!(options & FTS_LOGICAL) || (!!(options & FTS_COMFOLLOW) && p.level === FTS_ROOTLEVEL);
      switch (p.info) {
        case FTS_D:
          if (!R) fts.set(p, FTS_SKIP);
          break;
        case FTS_DNR: // reported, then changed all the same
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          ctx.status = 1;
          break;
        case FTS_DP: // changed on the way down
          continue;
        case FTS_ERR:
        case FTS_NS:
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          ctx.status = 1;
          continue;
      }
      const old = p.stat!.mode;
      let newmode = getmode(set, old);
      if ((newmode & ALLPERMS) === (old & ALLPERMS)) continue;
      let errno = 0;
      try {
        if (follow) chmod(p.accpath, newmode & ALLPERMS);
        else lchmod(p.accpath, newmode & ALLPERMS);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        errno = e.errno;
      }
      if (errno && !f && errno !== ENOTSUP) {
        warnx(ctx, `${p.path}: ${strerror(errno)}`);
        ctx.status = 1;
      } else if (v) {
        let line = p.path;
        if (v > 1) {
          // a symlink kept its mode: say so
          if (errno === ENOTSUP) newmode = old;
          const to = (old & S_IFMT) | newmode;
          line += `: 0${old.toString(8)} [${strmode(old)}] -> 0${to.toString(8)} [${strmode(to)}]`;
        }
        ctx.out.write(line + "\n");
      }
    }
    return ctx.status;
  },
});
