// mktemp — make temporary file or directory names.
// Not in POSIX.  FreeBSD: mktemp(1)
// Options (getopt_long "dp:qt:u"; long: directory tmpdir[=dir] quiet dry-run): -d makes a
//   directory (mode 0700) instead of a file (mode 0600, O_CREAT|O_EXCL); -p dir puts templates
//   in dir (`--tmpdir` or an empty dir: $TMPDIR); -t prefix makes "prefix.XXXXXXXXXX" in the -p
//   dir, else $TMPDIR, else /tmp (the template operands then stay as given); -u removes what was made
//   (a dry run: the name is printed); -q prints no warning.
// Without operands and -t: "tmp.XXXXXXXXXX" in -p dir, $TMPDIR or /tmp (in that order).
// Each template's trailing X's are replaced with characters from [0-9A-Za-z] drawn from the
// system's random source (at most 256 X's); on a collision the names are cycled through. A
// template without X's is created as it is. Each failure is reported ("mkstemp failed on T:
// reason") and the next template is tried; status 1 then.
import { defineApplet, Getopt, usage, warn, type LongOpt } from "@bsdbox/shared";
import { open, close, mkdir, unlink, rmdir, randomBytes, O, SysError, byteLength } from "@bsdbox/compat";

const USAGE = "usage: mktemp [-d] [-p tmpdir] [-q] [-t prefix] [-u] template ...\n" +
  "       mktemp [-d] [-p tmpdir] [-q] [-u] -t prefix \n";
const LONG: LongOpt[] = [
  { name: "directory", has: 0, val: "d" },
  { name: "tmpdir", has: 2, val: "p" },
  { name: "quiet", has: 0, val: "q" },
  { name: "dry-run", has: 0, val: "u" },
];
const PAD = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const EEXIST = 17, EINVAL = 22, ENAMETOOLONG = 36, MAXPATHLEN = 4096;

export default defineApplet({
  name: "mktemp",
  main(ctx) {
    const g = new Getopt(ctx, "dp:qt:u", LONG);
    let dflag = false, qflag = false, tflag = false, uflag = false, preferTmpdir = true;
    let prefix = "mktemp";
    let tmpdir: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "d": dflag = true; break;
        case "p":
          tmpdir = g.optarg;
          if (!tmpdir) tmpdir = ctx.env.get("TMPDIR");
          preferTmpdir = false; // the environment was consulted already
          break;
        case "q": qflag = true; break;
        case "t": prefix = g.optarg!; tflag = true; break;
        case "u": uflag = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const templates = g.rest;
    let name: string | undefined;
    if (!tflag && !templates.length) {
      tflag = true;
      prefix = "tmp";
      preferTmpdir = false; // implied -t: -p, then TMPDIR, then /tmp
    }
    if (tflag) {
      let envtmp: string | undefined;
      if (preferTmpdir || tmpdir === undefined) envtmp = ctx.env.get("TMPDIR");
      if (envtmp !== undefined) tmpdir = envtmp;
      tmpdir ??= "/tmp/";
      name = `${tmpdir}${tmpdir.endsWith("/") ? "" : "/"}${prefix}.XXXXXXXXXX`;
    }
    let ti = 0;
    while (name !== undefined || ti < templates.length) {
      if (name === undefined) {
        const t = templates[ti++]!;
        name = !tflag && tmpdir !== undefined ? `${tmpdir}/${t}` : t;
      }
      const r = gettemp(name, dflag);
      if (typeof r === "string") {
        ctx.out.write(`${r}\n`);
        if (uflag) {
          try {
            if (dflag) rmdir(r);
            else unlink(r);
          } catch {}
        }
      } else {
        ctx.status = 1;
        if (!qflag) warn(ctx, `${dflag ? "mkdtemp" : "mkstemp"} failed on ${r.name}`, r.errno);
      }
      name = undefined;
    }
    return ctx.status;
  },
});

/** mkstemp(3)/mkdtemp(3) as chimerautils' compat has them: the trailing X's are randomised and
 * the name is created; returns the name made, or the name last tried and the error. */
function gettemp(path: string, dir: boolean): string | { name: string; errno: number } {
  const len = byteLength(path);
  if (len >= MAXPATHLEN) return { name: path, errno: ENAMETOOLONG };
  if (len === 0) return { name: path, errno: EINVAL };
  let start = path.length;
  while (start > 0 && path[start - 1] === "X") start--;
  const n = path.length - start;
  if (n > 256) return { name: path, errno: EINVAL };
  const head = path.slice(0, start);
  const cur = randomPad(n);
  const first = cur.slice();
  for (;;) {
    const name = head + cur.map((i) => PAD[i]).join("");
    try {
      if (dir) mkdir(name, 0o700);
      else close(open(name, O.CREAT | O.EXCL | O.RDWR, 0o600));
      return name;
    } catch (e) {
      const errno = (e as SysError).errno;
      if (errno !== EEXIST) return { name, errno };
    }
    // a collision: the next name in a cycle through every combination
    for (let i = 0; ; i++) {
      if (i === n) return { name, errno: EEXIST };
      cur[i] = (cur[i]! + 1) % PAD.length;
      if (cur[i] !== first[i]) break;
    }
  }
}

/** n indexes into PAD, uniformly distributed (bytes >= 248 are drawn again). */
function randomPad(n: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    for (const v of randomBytes(n - out.length + 8)) {
      if (v < 248 && out.length < n) out.push(v % PAD.length);
    }
  }
  return out;
}
