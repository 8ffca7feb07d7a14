// realpath, readlink — resolved path names; the value of a symbolic link.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/realpath.html
//        https://pubs.opengroup.org/onlinepubs/9799919799/utilities/readlink.html
// chimerautils' own GNU-style tool (src.custom/realpath), one program for both names:
//   realpath (getopt_long "emqsz"): -e all components must exist (default), -m none need exist,
//     -s/--strip/--no-symlinks only normalise (against the working directory), -q quiet,
//     -z NUL after each name, --relative-to=DIR, --help, --version; no operand: the working
//     directory. Long: canonicalize-existing canonicalize-missing strip no-symlinks relative-to
//     quiet zero help version.
//   readlink (getopt_long "femnqsvz"): prints each link's text; -f/-e canonicalize (all must
//     exist), -m canonicalize (none need exist), -n no newline after the last name, -q/-s
//     quiet (the default), -v report errors, -z NUL instead of newline. Long: canonicalize
//     canonicalize-existing canonicalize-missing no-newline quiet silent verbose zero help
//     version. No operand: "readlink: multiple arguments required", status 1.
// Resolution is libc++'s std::filesystem over musl's realpath(3) (shared/realpath.ts): -m of a
// path none of whose prefixes exist stays relative (`realpath -m x/../y` prints "y").
// A failing operand is reported (unless quiet) as "prog: NAME: strerror", the rest go on,
// status 1. Quirks kept from the reference: readlink's usage error prints realpath's usage
// text; readlink -v names a failed plain link read as "" ("readlink: : Invalid argument").
import { defineApplet, Getopt, warnx, errx, err, type Ctx, type LongOpt } from "@bsdbox/shared";
import { getcwd, readlink, lstat, SysError } from "@bsdbox/compat";
import { canonical, weaklyCanonical, lexicallyNormal, lexicallyRelative } from "@bsdbox/shared/realpath";

const VERSION = "chimerautils 14.3.1";

const READLINK_HELP = `Usage: %s [OPTION]... FILE...
Print value of a symbolic link or canonical file name

  -f, --canonicalize
  -e, --canonicalize-existing  canonicalize by following every symlink
                               in every component of the given name
                               recursively, all components must exist
  -m, --canonicalize-missing   canonicalize by following every symlink
                               in every component of the given name
                               recursively, no component must exist
  -n, --no-newline             do not output the trailing newline
  -q, --quiet
  -s, --silent                 suppress most error messages (default)
  -v, --verbose                do not suppress error messages
  -z, --zero                   delimit with NUL instead of newline
      --help                   print this help message
      --version                print the version
`;
const REALPATH_HELP = `Usage: %s [OPTION]... FILE...
Print the resolved absolute file name

By default, all components must exist.

  -e, --canonicalize-existing  all components must exist (default)
  -m, --canonicalize-missing   no component must exist
  -s, --strip, --no-symlinks   don't expand symlinks, only normalize
      --relative-to=DIR        print result relative to DIR
  -q, --quiet                  suppress most error messages
  -z, --zero                   delimit with NUL instead of newline
      --help                   print this help message
      --version                print the version
`;

interface Opts { missing: boolean; quiet: boolean; strip: boolean; zero: boolean; rel?: string; }

/** Resolve one name as the options ask; throws SysError. */
function resolve(o: Opts, p: string): string {
  if (o.strip) return lexicallyNormal(p[0] === "/" ? p : `${getcwd()}/${p}`);
  return o.missing ? weaklyCanonical(p) : canonical(p);
}

/** Print one resolved name; false (after a message unless quiet) when it cannot be. */
function doRealpath(ctx: Ctx, o: Opts, p: string, newline: boolean): boolean {
  if (p === "") {
    if (!o.quiet) warnx(ctx, "'': No such file or directory");
    return false;
  }
  let np: string;
  try {
    np = resolve(o, p);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    if (!o.quiet) warnx(ctx, `${p}: ${e.message}`);
    return false;
  }
  if (o.rel !== undefined) np = lexicallyRelative(np, o.rel);
  ctx.out.write(np);
  if (newline) ctx.out.write(o.zero ? "\0" : "\n");
  return true;
}

function help(ctx: Ctx, text: string, toStdout: boolean): void {
  const t = text.replace("%s", ctx.prog);
  if (toStdout) ctx.out.write(t);
  else {
    ctx.out.flush();
    ctx.err.write(t);
  }
}

const RL_LONG: LongOpt[] = [
  { name: "canonicalize", has: 0, val: "f" },
  { name: "canonicalize-existing", has: 0, val: "e" },
  { name: "canonicalize-missing", has: 0, val: "m" },
  { name: "no-newline", has: 0, val: "n" },
  { name: "quiet", has: 0, val: "q" },
  { name: "silent", has: 0, val: "s" },
  { name: "verbose", has: 0, val: "v" },
  { name: "zero", has: 0, val: "z" },
  { name: "help", has: 0, val: "\x80" },
  { name: "version", has: 0, val: "\x81" },
];
const RP_LONG: LongOpt[] = [
  { name: "canonicalize-existing", has: 0, val: "e" },
  { name: "canonicalize-missing", has: 0, val: "m" },
  { name: "strip", has: 0, val: "s" },
  { name: "no-symlinks", has: 0, val: "s" },
  { name: "relative-to", has: 1, val: "\x7f" },
  { name: "quiet", has: 0, val: "q" },
  { name: "zero", has: 0, val: "z" },
  { name: "help", has: 0, val: "\x80" },
  { name: "version", has: 0, val: "\x81" },
];

function readlinkMain(ctx: Ctx): number {
  const o: Opts = { missing: false, quiet: true, strip: false, zero: false };
  let canon = false, newl = true;
  const g = new Getopt(ctx, "femnqsvz", RL_LONG);
  for (let c; (c = g.next()) !== undefined; ) {
    switch (c) {
      case "f": case "e": case "m": canon = true; o.missing = c === "m"; break;
      case "n": newl = false; break;
      case "q": case "s": o.quiet = true; break;
      case "v": o.quiet = false; break;
      case "z": o.zero = true; break;
      case "\x80": help(ctx, READLINK_HELP, true); return 0;
      case "\x81": ctx.out.write(`readlink (${VERSION})\n`); return 0;
      default: help(ctx, REALPATH_HELP, false); return 1;
    }
  }
  const files = g.rest;
  if (!files.length) errx(ctx, 1, "multiple arguments required");
  let ret = 0;
  for (let i = 0; i < files.length; i++) {
    const last = i === files.length - 1;
    if (canon) {
      if (!doRealpath(ctx, o, files[i]!, newl || !last)) ret = 1;
      continue;
    }
    let text: string;
    try {
      // std::filesystem::read_symlink: lstat(2), then readlink(2)
      lstat(files[i]!);
      text = readlink(files[i]!);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      // the reference names the (empty) result path, not the operand
      if (!o.quiet) warnx(ctx, `: ${e.message}`);
      ret = 1;
      continue;
    }
    ctx.out.write(text);
    if (!newl && last) break;
    ctx.out.write(o.zero ? "\0" : "\n");
  }
  return ret;
}

function realpathMain(ctx: Ctx): number {
  const o: Opts = { missing: false, quiet: false, strip: false, zero: false };
  let relstr: string | undefined;
  const g = new Getopt(ctx, "emqsz", RP_LONG);
  for (let c; (c = g.next()) !== undefined; ) {
    switch (c) {
      case "e": case "m": o.missing = c === "m"; break;
      case "q": o.quiet = true; break;
      case "s": o.strip = true; break;
      case "z": o.zero = true; break;
      case "\x7f": relstr = g.optarg!; break;
      case "\x80": help(ctx, REALPATH_HELP, true); return 0;
      case "\x81": ctx.out.write(`realpath (${VERSION})\n`); return 0;
      default: help(ctx, REALPATH_HELP, false); return 1;
    }
  }
  if (relstr !== undefined) {
    try {
      o.rel = relstr === "" && !o.strip ? canonical(relstr) : resolve(o, relstr);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      err(ctx, 1, relstr, e);
    }
  }
  const files = g.rest;
  if (!files.length) {
    let cwd: string;
    try {
      cwd = getcwd();
    } catch (e) {
      err(ctx, 1, "fs::current_path", e);
    }
    return doRealpath(ctx, o, cwd!, true) ? 0 : 1;
  }
  let ret = 0;
  for (const f of files) if (!doRealpath(ctx, o, f, true)) ret = 1;
  return ret;
}

export default defineApplet({
  name: "realpath",
  main(ctx) {
    return ctx.prog === "readlink" ? readlinkMain(ctx) : realpathMain(ctx);
  },
});
