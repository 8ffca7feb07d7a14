// xargs — construct argument lists and execute a utility.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/xargs.html  FreeBSD: xargs(1)
// A port of chimerautils' FreeBSD xargs (xargs.c, strnsubst.c):
//   getopt_long "+0a:E:I:J:L:n:oP:pR:S:s:rtx" (no permutation); long options exit interactive
//   max-args max-chars max-procs no-run-if-empty null verbose, and arg-file (-a FILE: read the
//   input from FILE instead of standard input, as GNU does; the reference lacks it).
// Input: blanks and newlines separate arguments; '...' and "..." quote (not newlines), backslash
//   escapes one byte outside quotes; -0 makes NUL the only separator (and a line end for -I/-L);
//   -E STR ends the input at an argument equal to STR. An argument holding a NUL byte (without -0)
//   is cut there when passed on, as a C string would be.
// Limits as xargs.c does its accounting: the buffer is ARG_MAX - 4096 - the environment
//   (strlen + 1 + a pointer each), or -s N; the utility and its arguments are taken off it;
//   at most 5000 (or -n N) arguments a command; -L N lines; -x objects to an overflow.
// -I R: one command per input line, every argument holding R (at most -R N of them, default 5)
//   gets the line substituted, each result bounded by -S N bytes (default 255); -J R: the input
//   arguments go where the argument R stands.
// Commands run through posix_spawnp with stdin from /dev/null (-o: /dev/tty); -P N keeps up to N
//   running. -t echoes each command to stderr, -p asks on /dev/tty ("?...", yes = ^[yY]).
// Exit: 0; 1 when a command exited 1-125, or on errors, or a command killed by a signal or
//   exiting 255 ("terminated with signal N; aborting"); 126 cannot execute; 127 not found.
// Quirk kept: with -x (which needs -n) and no -L, "Lflag <= count" holds at once, so every
//   argument runs its own command, as the reference does.
import { defineApplet, Getopt, usage, errx, err, warn, warnx, Exit, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, close, read, O, encode, decode, latin1, unlatin1, environ, SysError, spawner, waitpid, argMax, nprocLimit, type Spawner } from "@bsdbox/compat";

const USAGE =
  "usage: xargs [-0opt] [-E eofstr] [-I replstr [-R replacements] [-S replsize]]\n" +
  "             [-J replstr] [-L number] [-n number [-x]] [-P maxprocs]\n" +
  "             [-s size] [utility [argument ...]]\n";
const OPTS = "+0a:E:I:J:L:n:oP:pR:S:s:rtx";
const LONG: LongOpt[] = [
  { name: "exit", has: 0, val: "x" }, { name: "interactive", has: 0, val: "p" },
  { name: "max-args", has: 1, val: "n" }, { name: "max-chars", has: 1, val: "s" },
  { name: "max-procs", has: 1, val: "P" }, { name: "no-run-if-empty", has: 0, val: "r" },
  { name: "null", has: 0, val: "0" }, { name: "verbose", has: 0, val: "t" },
  { name: "arg-file", has: 1, val: "a" },
];
const INT_MAX = 2147483647, INT_MIN = -2147483648;

/** strtonum(3) with BSD's texts. */
function strtonum(s: string, min: number, max: number): { v: number; e?: string } {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(s);
  if (!m) return { v: 0, e: "invalid" };
  const n = Number(m[1]!);
  if (n < min) return { v: 0, e: "too small" };
  if (n > max) return { v: 0, e: "too large" };
  return { v: n };
}

/** C string view of a binary (latin1) string: up to its first NUL. */
const cstr = (s: string) => {
  const i = s.indexOf("\0");
  return i < 0 ? s : s.slice(0, i);
};

/** strnsubst.c on binary strings: returns [result, truncated]. */
function strnsubst(s1: string, match: string | null, repl: string, maxsize: number): [string, boolean] {
  if (maxsize === 0) {
    match = null;
    maxsize = s1.length + 1;
  }
  const cap = (s: string) => s.slice(0, maxsize - 1); // strlcpy/strlcat into a maxsize buffer
  if (match === null || maxsize === s1.length) return [cap(s1), false];
  let s2 = "";
  for (;;) {
    const at = s1.indexOf(match);
    if (at < 0) break;
    if (s2.length + s1.length + repl.length - match.length + 1 > maxsize) return [cap(s2 + s1), true];
    s2 += s1.slice(0, at) + repl;
    s1 = s1.slice(at + match.length);
  }
  return [s2 + s1, false];
}

export default defineApplet({
  name: "xargs",
  main(ctx: Ctx): number {
    const env = environ();
    let nargs = 5000;
    let nline = argMax() - 4 * 1024;
    for (const [k, v] of env) nline -= encode(k).length + 1 + encode(v).length + 1 + 8;
    let maxprocs = 1;
    let eofstr = "", replstr: string | undefined;
    let Iflag = false, Jflag = false, Lflag = 0, nflag = false, oflag = false, pflag = false, tflag = false,
      xflag = false, zflag = false, Rflag = 0, Sflag = 0;
    let argFile: string | undefined;
    const bin = (s: string) => latin1(encode(s));
    const g = new Getopt(ctx, OPTS, LONG);
    let ch: string | undefined;
    const num = (min: number, max: number) => {
      const r = strtonum(g.optarg!, min, max);
      if (r.e) errx(ctx, 1, `-${ch} ${g.optarg}: ${r.e}`);
      return r.v;
    };
    while ((ch = g.next()) !== undefined) {
      switch (ch) {
        case "E": eofstr = bin(g.optarg!); break;
        case "I": Jflag = false; Iflag = true; Lflag = 1; replstr = bin(g.optarg!); break;
        case "J": Iflag = false; Jflag = true; replstr = bin(g.optarg!); break;
        case "L": Lflag = num(1, INT_MAX); break;
        case "n": nflag = true; nargs = num(1, INT_MAX); break;
        case "o": oflag = true; break;
        case "P": {
          maxprocs = num(0, INT_MAX);
          const lim = nprocLimit();
          if (maxprocs === 0 || maxprocs > lim) maxprocs = lim;
          break;
        }
        case "p": pflag = true; break;
        case "R":
          Rflag = num(INT_MIN, INT_MAX);
          if (!Rflag) errx(ctx, 1, `-${ch} ${g.optarg}: must be non-zero`);
          break;
        case "r": break;
        case "S": Sflag = num(0, INT_MAX); break;
        case "s": nline = num(0, INT_MAX); break;
        case "t": tflag = true; break;
        case "x": xflag = true; break;
        case "0": zflag = true; break;
        case "a": argFile = g.optarg!; break;
        default: usage(ctx, USAGE);
      }
    }
    const argv = g.rest.map(bin);
    if (!Iflag && Rflag) usage(ctx, USAGE);
    if (!Iflag && Sflag) usage(ctx, USAGE);
    if (Iflag && !Rflag) Rflag = 5;
    if (Iflag && !Sflag) Sflag = 255;
    if (xflag && !nflag) usage(ctx, USAGE);
    if (Iflag || Lflag) xflag = true;
    if (replstr !== undefined && replstr === "") errx(ctx, 1, "replstr may not be empty");

    // the command: av = utility and arguments (up to a -J replstr), after = what follows it
    const av: string[] = [];
    let after: string[] = [];
    let jfound = false;
    let cnt = 0;
    if (argv.length === 0) {
      av.push("/bin/echo");
      cnt = 9;
    } else {
      for (let i = 0; i < argv.length; i++) {
        const a = cstr(argv[i]!);
        if (Jflag && a === replstr) {
          jfound = true;
          after = argv.slice(i + 1).map(cstr);
          for (const x of after) cnt += x.length + 1;
          break;
        }
        av.push(a);
        cnt += a.length + 1;
      }
    }
    const argc = argv.length;
    const name = () => unlatin1Str(av[0]!);
    nline -= cnt;
    if (nline <= 0) errx(ctx, 1, "insufficient space for command");

    // input
    let inFd = ctx.stdin;
    if (argFile !== undefined) {
      try {
        inFd = open(argFile, O.RDONLY);
      } catch (e) {
        err(ctx, 1, argFile, e);
      }
    }
    const ibuf = new Uint8Array(65536);
    let ipos = 0, ilen = 0, ieof = false;
    const getchar = (): number => {
      if (ipos < ilen) return ibuf[ipos++]!;
      if (ieof) return -1;
      try {
        ilen = read(inFd, ibuf, 0, ibuf.length);
      } catch (e) {
        ilen = 0;
      }
      ipos = 0;
      if (ilen <= 0) {
        ieof = true;
        return -1;
      }
      return ibuf[ipos++]!;
    };

    // children
    const pids = new Set<number>();
    let rval = 0;
    let spNull: Spawner | undefined, spTty: Spawner | undefined;
    const waitchildren = (nm: string, waitall: boolean, childerr?: SysError) => {
      let causeExit = 0;
      if (childerr) {
        waitall = true;
        causeExit = childerr.errno === 2 ? 127 : 126;
        warn(ctx, nm, childerr);
      }
      while (pids.size > 0) {
        let r;
        try {
          r = waitpid(-1, !(waitall || pids.size >= maxprocs));
        } catch (e) {
          if (e instanceof SysError && e.errno === 10) break;
          err(ctx, 1, "waitpid", e);
        }
        if (!r) break;
        if (!pids.delete(r.pid)) continue;
        if (r.signal) {
          waitall = true;
          causeExit = 1;
          warnx(ctx, `${nm}: terminated with signal ${r.signal}; aborting`);
        } else if (r.status === 255) {
          waitall = true;
          causeExit = 1;
          warnx(ctx, `${nm}: exited with status 255; aborting`);
        } else if (r.status) rval = 1;
      }
      if (causeExit) throw new Exit(causeExit);
    };
    const xexit = (code: number): never => {
      waitchildren(name(), true);
      throw new Exit(code);
    };
    const bail = (msg: string): never => {
      warnx(ctx, msg);
      return xexit(1);
    };

    const prompt = (): number => {
      let fd: number;
      try {
        fd = open("/dev/tty", O.RDONLY);
      } catch {
        return 2;
      }
      ctx.err.write("?...");
      ctx.err.flush();
      const b = new Uint8Array(1);
      let line = "";
      try {
        for (;;) {
          const n = read(fd, b, 0, 1);
          if (n <= 0) break;
          line += String.fromCharCode(b[0]!);
          if (b[0] === 10) break;
        }
      } catch {}
      close(fd);
      if (line === "") return 0;
      return /^[yY]/.test(line) ? 1 : 0;
    };

    const run = (args: string[]) => {
      if (tflag || pflag) {
        ctx.err.write(unlatin1(args.join(" ")));
        let go = 2;
        if (pflag) go = prompt();
        if (go === 0) return;
        if (go === 2) {
          ctx.err.write("\n");
          ctx.err.flush();
        }
      }
      const nm = unlatin1Str(args[0]!);
      let sp: Spawner;
      if (oflag) {
        try {
          close(open("/dev/tty", O.RDONLY));
        } catch (e) {
          // the child could not set up its stdin: it reports and exits 1
          warn(ctx, "can't open /dev/tty", e);
          rval = 1;
          waitchildren(nm, false);
          return;
        }
        sp = spTty ??= spawner(env, { stdin: "/dev/tty" });
      } else sp = spNull ??= spawner(env, { stdin: "/dev/null" });
      ctx.out.flush();
      let childerr: SysError | undefined;
      try {
        pids.add(sp.spawn(args.map(unlatin1)));
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        childerr = e;
      }
      waitchildren(nm, false, childerr);
    };

    let inpline: string | null = null;
    // -I: substitute the input line into the utility's arguments (not into the utility)
    const prerun = (args: string[]) => {
      let repls = Rflag;
      if (argc === 0 || repls === 0) {
        run(args);
        return;
      }
      const tmp = [args[0]!];
      for (let i = 1; i < argc; i++) {
        const a = args[i]!;
        if (repls && a.includes(replstr!)) {
          const [s, trunc] = strnsubst(a, replstr!, inpline ?? "", Sflag);
          if (trunc) bail("command line cannot be assembled, too long");
          tmp.push(s);
          if (repls > 0) repls--;
        } else tmp.push(a);
      }
      run(tmp);
      inpline = null;
    };

    // the argument buffer, as xargs.c keeps it
    const bbp = new Uint8Array(nline + 1);
    const ebp = nline - 1;
    let p = 0, argp = 0;
    let xp: string[] = [];
    let count = 0, insingle = false, indouble = false, wasquoted = false;
    const eofb = eofstr;
    const arg = (s: number, e: number) => cstr(latin1(bbp, s, e));
    const fullArgs = () => {
      const r = av.concat(xp);
      if (jfound) for (const a of after) r.push(a);
      return r;
    };

    for (;;) {
      let c = getchar();
      let kind: "addch" | "arg1" | "arg2" | "skip";
      switch (c) {
        case -1:
          if (p === 0) xexit(rval);
          kind = "arg1";
          break;
        case 32: case 9:
          kind = insingle || indouble || zflag ? "addch" : "arg2";
          break;
        case 0:
          if (zflag) {
            count++;
            kind = "arg2";
          } else kind = "addch";
          break;
        case 10:
          if (zflag) kind = "addch";
          else {
            count++;
            kind = "arg1";
          }
          break;
        case 39:
          if (indouble || zflag) kind = "addch";
          else {
            insingle = !insingle;
            wasquoted = true;
            kind = "skip";
          }
          break;
        case 34:
          if (insingle || zflag) kind = "addch";
          else {
            indouble = !indouble;
            wasquoted = true;
            kind = "skip";
          }
          break;
        case 92:
          if (!zflag && !insingle && !indouble && (c = getchar()) === -1) bail("backslash at EOF");
          kind = "addch";
          break;
        default:
          kind = "addch";
      }
      if (kind === "skip") continue;
      if (kind === "addch") {
        if (p < ebp) {
          bbp[p++] = c;
          continue;
        }
        if (xp.length === 0) bail("insufficient space for argument");
        if (xflag) bail("insufficient space for arguments");
        prerun(fullArgs());
        xp = [];
        const n = ebp - argp;
        bbp.copyWithin(0, argp, argp + n);
        argp = 0;
        p = n;
        bbp[p++] = c;
        continue;
      }
      if (kind === "arg1" && (insingle || indouble)) bail("unterminated quote");
      // arg2
      const foundeof = eofb.length !== 0 && p - argp === eofb.length && latin1(bbp, argp, p) === eofb;
      if ((argp !== p || wasquoted) && !foundeof) {
        const a = arg(argp, p);
        bbp[p++] = 0;
        xp.push(a);
        if (Iflag) inpline = inpline === null || inpline === "" ? a : inpline + " " + a;
      }
      if (xp.length === nargs || p > ebp || c === -1 || (Lflag <= count && xflag) || foundeof) {
        if (xflag && xp.length !== nargs && p > ebp) bail("insufficient space for arguments");
        prerun(fullArgs());
        if (c === -1 || foundeof) xexit(rval);
        p = 0;
        xp = [];
        count = 0;
      }
      argp = p;
      wasquoted = false;
    }
  },
});

/** A binary (latin1) string back to a lossless string, for messages. */
function unlatin1Str(s: string): string {
  return decode(unlatin1(s));
}
