// grep, egrep, fgrep, rgrep — print lines that match patterns.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/grep.html  FreeBSD: grep(1)
// A port of chimerautils' BSD grep (grep.c, util.c, file.c, queue.c) with musl's regex:
//   getopt_long "0123456789A:B:C:D:EFGHILOSRUVabcd:e:f:hilm:nopqrsuvwxyz" (operands permute),
//   GREP_OPTIONS words are inserted before the arguments; personalities by the name's first
//   letter: e* = -E, f* = -F, r* = -r.
//   -E -F -G  ERE, fixed strings (a byte search, ASCII-only -i, as litexec/strcasestr), BRE
//   -e PAT -f FILE  several patterns (each split at newlines); an empty one matches every line;
//     -f of an empty file matches nothing        -i -y  ignore case     -v  invert
//   -w -x  whole word / whole line (-x wins)      -c -l -L -q  count / names / quiet
//   -n -b  line number / byte offset  -h -H  names  -o  only the matches  -s  no file messages
//   -m N  stop after N matching lines (N <= 0: nothing; the reference prints every line, a bug)
//   -A -B -C N, -NUM, --context[=N]  context, groups separated by "--"
//   -r -R, -d recurse  walk directories (symlinks followed: -S default; -O only operands; -p none)
//     --include --exclude (file name or path, fnmatch) --include-dir --exclude-dir
//   -d read|skip|recurse  -D read|skip  -a -I -U --binary-files=binary|without-match|text
//     (binary = a NUL in the first 32 KiB read: "Binary file X matches")
//   -z  NUL-terminated records  --null  NUL after file names (no -Z here)  --label  --line-buffered
//   --color[=auto|always|never] (GREP_COLOR, default 01;31; GREP_COLORS is not read)  -u --mmap  -V
// Exit: 0 a line selected, 1 none, 2 an error (0 with -q when something matched).
// Speed: without context options the file is scanned a buffer at a time (searchFast) with one
// RegExp from Regex.lineFinder, or a byte search for a plain string; only the lines the scan cannot
// settle exactly go through the line-by-line port of procline.
// Quirks kept from the reference: the subject given to regexec stops at a NUL byte and restarts
// (REG_NOTBOL) after each match for -o/--color/-w; -w looks at the bytes around the match as
// sscanf("%lc") would (a multibyte character before the match is never a boundary); --color and
// -o end lines with '\n' even with -z.
import { makeRoom, defineApplet, Getopt, usage, errx, err, warn, warnx, utf8Locale, decode, encode, utf8SeqLen, codePointAt, type Ctx, type LongOpt, readAll } from "@bsdbox/shared";
import { open, close, read, fstat, stat, O, S, S_ISREG, SysError, strerror, isatty, indexOfBytes, latin1, isAscii, isUtf8, byteSearch, type ByteSearch } from "@bsdbox/compat";
import { fnmatch } from "@bsdbox/shared/fnmatch";
import { Fts, FTS_COMFOLLOW, FTS_LOGICAL, FTS_PHYSICAL, FTS_D, FTS_DP, FTS_DC, FTS_DNR, FTS_ERR, FTS_SKIP } from "@bsdbox/shared/fts";
import { Regex, RegexError, byteOffset, type LineFinder } from "@bsdbox/shared/regex";

const USAGE = (prog: string) =>
  `usage: ${prog} [-abcDEFGHhIiLlmnOopqRSsUVvwxz] [-A num] [-B num] [-C num]\n` +
  "\t[-e pattern] [-f file] [--binary-files=value] [--color=when]\n" +
  "\t[--context=num] [--directories=action] [--label] [--line-buffered]\n" +
  "\t[--null] [pattern] [file ...]\n";
const OPTS = "0123456789A:B:C:D:EFGHILOSRUVabcd:e:f:hilm:nopqrsuvwxyz";
const BIN = "\x01bin", COLOR = "\x01color", HELP = "\x01help", MMAP = "\x01mmap", LINEBUF = "\x01lb",
  LABEL = "\x01label", NULL = "\x01null", EXCL = "\x01excl", INCL = "\x01incl", DEXCL = "\x01dexcl", DINCL = "\x01dincl";
const LONG: LongOpt[] = [
  { name: "binary-files", has: 1, val: BIN }, { name: "help", has: 0, val: HELP }, { name: "mmap", has: 0, val: MMAP },
  { name: "line-buffered", has: 0, val: LINEBUF }, { name: "label", has: 1, val: LABEL }, { name: "null", has: 0, val: NULL },
  { name: "color", has: 2, val: COLOR }, { name: "colour", has: 2, val: COLOR }, { name: "exclude", has: 1, val: EXCL },
  { name: "include", has: 1, val: INCL }, { name: "exclude-dir", has: 1, val: DEXCL }, { name: "include-dir", has: 1, val: DINCL },
  { name: "after-context", has: 1, val: "A" }, { name: "text", has: 0, val: "a" }, { name: "before-context", has: 1, val: "B" },
  { name: "byte-offset", has: 0, val: "b" }, { name: "context", has: 2, val: "C" }, { name: "count", has: 0, val: "c" },
  { name: "devices", has: 1, val: "D" }, { name: "directories", has: 1, val: "d" }, { name: "extended-regexp", has: 0, val: "E" },
  { name: "regexp", has: 1, val: "e" }, { name: "fixed-strings", has: 0, val: "F" }, { name: "file", has: 1, val: "f" },
  { name: "basic-regexp", has: 0, val: "G" }, { name: "no-filename", has: 0, val: "h" }, { name: "with-filename", has: 0, val: "H" },
  { name: "ignore-case", has: 0, val: "i" }, { name: "files-with-matches", has: 0, val: "l" },
  { name: "files-without-match", has: 0, val: "L" }, { name: "max-count", has: 1, val: "m" }, { name: "line-number", has: 0, val: "n" },
  { name: "only-matching", has: 0, val: "o" }, { name: "quiet", has: 0, val: "q" }, { name: "silent", has: 0, val: "q" },
  { name: "recursive", has: 0, val: "r" }, { name: "no-messages", has: 0, val: "s" }, { name: "binary", has: 0, val: "U" },
  { name: "unix-byte-offsets", has: 0, val: "u" }, { name: "invert-match", has: 0, val: "v" }, { name: "version", has: 0, val: "V" },
  { name: "word-regexp", has: 0, val: "w" }, { name: "line-regexp", has: 0, val: "x" }, { name: "null-data", has: 0, val: "z" },
];

const FIXED = 0, BASIC = 1, EXTENDED = 2;
const BIN_BIN = 0, BIN_SKIP = 1, BIN_TEXT = 2;
const DIR_READ = 0, DIR_SKIP = 1, DIR_RECURSE = 2;
const LINK_READ = 0, LINK_EXPLICIT = 1, LINK_SKIP = 2;
const MAX_MATCHES = 32;
const EINVAL = 22, ERANGE = 34;
const LLONG_MAX = 9223372036854775807n;

/** The options and the state shared by the whole run (grep.c's globals). */
interface G {
  ctx: Ctx;
  A: number; B: number;
  H: boolean; L: boolean; b: boolean; c: boolean; h: boolean; l: boolean; m: boolean; mlimit: number;
  n: boolean; o: boolean; q: boolean; s: boolean; v: boolean; w: boolean; x: boolean; null: boolean;
  label: string | undefined; color: string | undefined;
  behave: number; binbehave: number; mmap: boolean; devskip: boolean; dirbehave: number; linkbehave: number;
  eol: number; fexclude: boolean; finclude: boolean; dexclude: boolean; dinclude: boolean;
  fpat: { pat: string; incl: boolean }[]; dpat: { pat: string; incl: boolean }[];
  matcher: Matcher;
  /** the whole-buffer scanner, where it applies (see searchFast) */
  fast: { f: LineFinder; checkUtf8: boolean } | null;
  fileErr: boolean; firstMatch: boolean;
}

export default defineApplet({
  name: "grep",
  main(ctx) {
    const g = {
      ctx, A: 0, B: 0, H: false, L: false, b: false, c: false, h: false, l: false, m: false, mlimit: 0, n: false,
      o: false, q: false, s: false, v: false, w: false, x: false, null: false, label: undefined, color: undefined,
      behave: BASIC, binbehave: BIN_BIN, mmap: false, devskip: false, dirbehave: DIR_READ, linkbehave: LINK_READ,
      eol: 10, fexclude: false, finclude: false, dexclude: false, dinclude: false, fpat: [], dpat: [],
      matcher: undefined as unknown as Matcher, fast: null, fileErr: false, firstMatch: true,
    } as G;
    switch (ctx.prog[0]) {
      case "e": g.behave = EXTENDED; break;
      case "f": g.behave = FIXED; break;
      case "r": g.dirbehave = DIR_RECURSE; g.H = true; break;
    }
    const env = ctx.env;
    let argv = [ctx.argv0, ...ctx.args];
    const eopts = env.get("GREP_OPTIONS");
    if (eopts) argv = [ctx.argv0, ...eopts.split(" ").filter((w) => w !== ""), ...ctx.args];
    const pats: string[] = [];
    let needpattern = true, icase = false;
    const u = () => usage(ctx, USAGE(ctx.prog), 2);
    const opt = new Getopt(ctx, OPTS, LONG, argv);
    let lastc = "", newarg = true, prevoptind = 1;
    for (let c; (c = opt.next()) !== undefined; ) {
      const arg = opt.optarg!;
      switch (c) {
        case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7": case "8": case "9":
          if (newarg || !(lastc >= "0" && lastc <= "9")) g.A = 0;
          else if (g.A > Number(LLONG_MAX / 10n - 1n)) errnoExit(ctx, undefined, ERANGE);
          g.A = g.B = g.A * 10 + (c.charCodeAt(0) - 48);
          break;
        case "C":
          if (opt.optarg === undefined) { g.A = g.B = 2; break; }
        // fallthrough
        case "A": case "B": {
          const r = strtoll(arg);
          if (r.errno) errnoExit(ctx, undefined, r.errno);
          if (r.rest !== "") errnoExit(ctx, undefined, EINVAL);
          if (r.value < 0n) errnoExit(ctx, "context argument must be non-negative", EINVAL);
          const l = Number(r.value);
          if (c === "A") g.A = l;
          else if (c === "B") g.B = l;
          else g.A = g.B = l;
          break;
        }
        case "a": g.binbehave = BIN_TEXT; break;
        case "b": g.b = true; break;
        case "c": g.c = true; break;
        case "D":
          if (ieq(arg, "skip")) g.devskip = true;
          else if (ieq(arg, "read")) g.devskip = false;
          else errx(ctx, 2, "unknown --devices option");
          break;
        case "d":
          if (ieq(arg, "recurse")) { g.H = true; g.dirbehave = DIR_RECURSE; }
          else if (ieq(arg, "skip")) g.dirbehave = DIR_SKIP;
          else if (ieq(arg, "read")) g.dirbehave = DIR_READ;
          else errx(ctx, 2, "unknown --directories option");
          break;
        case "E": g.behave = EXTENDED; break;
        case "e": for (const t of arg.split("\n")) pats.push(t); needpattern = false; break;
        case "F": g.behave = FIXED; break;
        case "f": readPatterns(ctx, arg, pats); needpattern = false; break;
        case "G": g.behave = BASIC; break;
        case "H": g.H = true; break;
        case "h": g.H = false; g.h = true; break;
        case "I": g.binbehave = BIN_SKIP; break;
        case "i": case "y": icase = true; break;
        case "L": g.l = false; g.L = true; break;
        case "l": g.L = false; g.l = true; break;
        case "m": {
          g.m = true;
          const r = strtoll(arg);
          if (r.errno === ERANGE && r.value === LLONG_MAX) errnoExit(ctx, undefined, ERANGE);
          if (r.rest !== "") errnoExit(ctx, undefined, EINVAL);
          g.mlimit = Number(r.value);
          break;
        }
        case "n": g.n = true; break;
        case "O": g.linkbehave = LINK_EXPLICIT; break;
        case "o": g.o = true; break;
        case "p": g.linkbehave = LINK_SKIP; break;
        case "q": g.q = true; break;
        case "S": g.linkbehave = LINK_READ; break;
        case "R": case "r": g.dirbehave = DIR_RECURSE; g.H = true; break;
        case "s": g.s = true; break;
        case "U": g.binbehave = BIN_BIN; break;
        case "u": case MMAP: g.mmap = true; break;
        case "V":
          ctx.out.write(`${ctx.prog} (BSD grep, GNU compatible) 2.6.0-FreeBSD\n`);
          return 0;
        case "v": g.v = true; break;
        case "w": g.w = true; break;
        case "x": g.x = true; break;
        case "z": g.eol = 0; break;
        case BIN:
          if (ieq(arg, "binary")) g.binbehave = BIN_BIN;
          else if (ieq(arg, "without-match")) g.binbehave = BIN_SKIP;
          else if (ieq(arg, "text")) g.binbehave = BIN_TEXT;
          else errx(ctx, 2, "unknown --binary-files option");
          break;
        case COLOR: {
          g.color = undefined;
          const a = opt.optarg;
          const dflt = () => env.get("GREP_COLOR") || "01;31";
          if (a === undefined || ieq(a, "auto") || ieq(a, "tty") || ieq(a, "if-tty")) {
            const term = env.get("TERM");
            if (isatty(1) && term !== undefined && !ieq(term, "dumb")) g.color = dflt();
          } else if (ieq(a, "always") || ieq(a, "yes") || ieq(a, "force")) g.color = dflt();
          else if (!ieq(a, "never") && !ieq(a, "none") && !ieq(a, "no")) errx(ctx, 2, "unknown --color option");
          break;
        }
        case LABEL: g.label = arg; break;
        case LINEBUF: ctx.out.lineBuffered = true; break;
        case NULL: g.null = true; break;
        case INCL: g.finclude = true; g.fpat.push({ pat: arg, incl: true }); break;
        case EXCL: g.fexclude = true; g.fpat.push({ pat: arg, incl: false }); break;
        case DINCL: g.dinclude = true; g.dpat.push({ pat: arg, incl: true }); break;
        case DEXCL: g.dexclude = true; g.dpat.push({ pat: arg, incl: false }); break;
        default: u();
      }
      lastc = c;
      newarg = opt.optind !== prevoptind;
      prevoptind = opt.optind;
    }
    let files = opt.rest;
    if (g.w && g.x) g.w = false;
    if (!files.length && needpattern) u();
    if (files.length && needpattern) {
      for (const t of files[0]!.split("\n")) pats.push(t);
      files = files.slice(1);
    }
    g.matcher = new Matcher(g, pats, icase, utf8Locale(env));
    g.fast = g.matcher.finder(g);
    // -o and --color need procline's match list: the scan only skips the lines without a hit
    if (g.fast && (g.o || g.color !== undefined)) g.fast = { ...g.fast, f: { ...g.fast.f, exact: false, asciiExact: false } };
    if (files.length <= 1 && !g.H) g.h = true;
    if (!files.length && g.dirbehave !== DIR_RECURSE) return procfile(g, "-") ? 0 : 1;
    let matched = false;
    if (g.dirbehave === DIR_RECURSE) matched = grepTree(g, files);
    else
      for (const f of files) {
        if ((g.finclude || g.fexclude) && !fileMatching(g, f)) continue;
        if (procfile(g, f)) matched = true;
      }
    if (g.L) matched = !matched;
    return matched ? (g.fileErr ? (g.q ? 0 : 2) : 0) : g.fileErr ? 2 : 1;
  },
});

function ieq(a: string, b: string): boolean {
  return a.toLowerCase() === b;
}

/** err(2, msg) with errno set: "grep: msg: strerror" or, without msg, "grep: strerror". */
function errnoExit(ctx: Ctx, msg: string | undefined, errno: number): never {
  errx(ctx, 2, msg === undefined ? strerror(errno) : `${msg}: ${strerror(errno)}`);
}

/** strtoll(s, &end, 10) as musl: leading space, sign, digits; ERANGE clamps. */
function strtoll(s: string): { value: bigint; rest: string; errno: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (!m) return { value: 0n, rest: s, errno: 0 };
  let v = BigInt(m[2]!);
  if (m[1] === "-") v = -v;
  const rest = s.slice(m[0].length);
  if (v > LLONG_MAX) return { value: LLONG_MAX, rest, errno: ERANGE };
  if (v < -LLONG_MAX - 1n) return { value: -LLONG_MAX - 1n, rest, errno: ERANGE };
  return { value: v, rest, errno: 0 };
}

/** -f FILE: one pattern a line ("-" is standard input; a directory gives none). */
function readPatterns(ctx: Ctx, fn: string, pats: string[]): void {
  let fd: number;
  try {
    fd = fn === "-" ? ctx.stdin : open(fn, O.RDONLY);
  } catch (e) {
    err(ctx, 2, fn, e);
  }
  try {
    const st = fstat(fd);
    if ((st.mode & S.IFMT) === S.IFDIR) return;
    const all = readAll(fd);
    for (let s = 0; s < all.length; ) {
      let e = all.indexOf(10, s);
      const next = e < 0 ? all.length : e + 1;
      if (e < 0) e = all.length;
      if (all[s] !== 0) {
        const z = all.indexOf(0, s);
        pats.push(decode(all, s, z >= 0 && z < e ? z : e));
      }
      s = next;
    }
  } catch (e) {
    if (e instanceof SysError) err(ctx, 2, fn, e);
    throw e;
  } finally {
    if (fd !== ctx.stdin) try { close(fd); } catch {}
  }
}

// ---------- matching ----------

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD.test(String.fromCodePoint(c));
}
const WORD = /^\p{Alphabetic}$/u;

/**
 * The patterns and how a line is searched. Every matching question goes through here:
 * `lineMatches` (does any pattern match anywhere: the common case) and `exec` (one pattern's
 * leftmost match from a byte offset, as regexec on the rest of the line) for -o/--color/-w/-x.
 * Lines are byte views without their terminator.
 */
class Matcher {
  /** an empty pattern was given */
  readonly matchall: boolean;
  private readonly fixed: Uint8Array[] = [];
  private readonly res: Regex[] = [];
  private readonly icase: boolean;
  private readonly utf8: boolean;
  readonly count: number;
  private fold = new Uint8Array(0);
  private foldOf: Uint8Array | undefined;
  private foldLen = -1;
  // the subject last decoded: line view and start
  private subjLine: Uint8Array | undefined;
  private subjStart = -1;
  private subjEnd = -1;
  private subj = "";

  constructor(g: G, pats: string[], icase: boolean, utf8: boolean) {
    this.icase = icase;
    this.utf8 = utf8;
    let all = false;
    const list: string[] = [];
    for (const p of pats) {
      if (p === "") { all = true; continue; }
      list.push(p);
    }
    this.matchall = all;
    this.count = list.length;
    if (g.behave === FIXED) {
      for (const p of list) {
        let b = encode(p);
        const z = b.indexOf(0);
        if (z >= 0) b = b.subarray(0, z);
        this.fixed.push(icase ? lower(b) : b);
      }
      return;
    }
    for (const p of list) {
      try {
        this.res.push(Regex.compile(p, {
          extended: g.behave === EXTENDED, icase, utf8,
          nosub: !(g.w || g.x || g.o || g.color !== undefined),
        }));
      } catch (e) {
        if (e instanceof RegexError) errx(g.ctx, 2, e.message);
        throw e;
      }
    }
  }

  /**
   * The whole-buffer scanner (see searchFast) for the modes where a line is selected by "some
   * pattern matches it" or, with -x, "matches all of it"; null where it does not apply.
   */
  finder(g: G): { f: LineFinder; checkUtf8: boolean } | null {
    if (this.matchall || this.count === 0 || g.eol !== 10) return null;
    const word = g.w && !g.x ? { utf8: this.utf8 } : undefined;
    if (this.fixed.length) {
      // litexec: bytes, ASCII-only case folding, lines with invalid UTF-8 match too
      const res = this.fixed.map((b) => Regex.compile(decode(b), { literal: true, utf8: false, icase: this.icase }));
      const f = Regex.lineFinder(res, g.x, word);
      return f ? { f, checkUtf8: false } : null;
    }
    const f = Regex.lineFinder(this.res, g.x, word);
    return f ? { f, checkUtf8: this.utf8 } : null;
  }

  /** Does any pattern match somewhere in the line (no -w/-x)? */
  lineMatches(line: Uint8Array): boolean {
    for (let i = 0; i < this.count; i++) if (this.exec(i, line, 0, false)) return true;
    return false;
  }

  /** Pattern i searched in line[from, ...) as regexec on that substring (REG_NOTBOL when from
   * > 0): the match as byte offsets into line, or null. `span` false: any truthy result. */
  exec(i: number, line: Uint8Array, from: number, span: boolean): [number, number] | null {
    let end = line.indexOf(0, from);
    if (end < 0) end = line.length;
    if (this.fixed.length) {
      const pat = this.fixed[i]!;
      let end0 = line.indexOf(0);
      if (end0 < 0) end0 = line.length;
      if (from >= end0 || pat.length > end0 - from) return null;
      const hay = this.icase ? this.folded(line, end0) : line;
      const k = end0 - from > 4096 ? indexOfBytes(hay, pat, from, end0) : find(hay, pat, from, end0);
      return k < 0 ? null : [k, k + pat.length];
    }
    if (this.subjLine !== line || this.subjStart !== from || this.subjEnd !== end) {
      this.subjLine = line;
      this.subjStart = from;
      this.subjEnd = end;
      this.subj = this.utf8 ? decode(line, from, end) : latin1(line, from, end);
    }
    const re = this.res[i]!;
    if (!span && from === 0) return re.test(this.subj) ? [0, 0] : null;
    const m = re.exec(this.subj, 0, from > 0 ? { notbol: true } : undefined);
    if (!m || !m[0]) return null;
    const [s, e] = m[0];
    if (!this.utf8) return [from + s, from + e];
    return [from + byteOffset(this.subj, s), from + byteOffset(this.subj, e)];
  }

  private folded(line: Uint8Array, end: number): Uint8Array {
    if (this.foldOf === line && this.foldLen === end) return this.fold;
    if (this.fold.length < end) this.fold = new Uint8Array(Math.max(end, this.fold.length * 2));
    for (let i = 0; i < end; i++) {
      const c = line[i]!;
      this.fold[i] = c >= 65 && c <= 90 ? c + 32 : c;
    }
    this.foldOf = line;
    this.foldLen = end;
    return this.fold.subarray(0, end);
  }

  /** sscanf(&line[pos], "%lc") in the locale: the character there, or -1 when none decodes. */
  charAt(line: Uint8Array, pos: number): number {
    const c = line[pos];
    if (c === undefined || c === 0) return -1;
    if (c < 0x80) return c;
    if (!this.utf8) return 0xdf00 + c;
    const n = utf8SeqLen(line, pos);
    return n ? codePointAt(line, pos, n) : -1;
  }
}

/** memmem on short lines (the native search costs a wrapper per call). */
function find(hay: Uint8Array, pat: Uint8Array, from: number, end: number): number {
  const c0 = pat[0]!, n = pat.length, last = end - n;
  for (let i = hay.indexOf(c0, from); i >= 0 && i <= last; i = hay.indexOf(c0, i + 1)) {
    let k = 1;
    while (k < n && hay[i + k] === pat[k]) k++;
    if (k === n) return i;
  }
  return -1;
}

function lower(b: Uint8Array): Uint8Array {
  return b.map((c) => (c >= 65 && c <= 90 ? c + 32 : c));
}

/** One line being processed (struct parsec and struct str). */
interface Line {
  dat: Uint8Array;
  file: string;
  lineNo: number;
  off: number;
  boff: number;
  /** matches found so far, as byte spans */
  matches: [number, number][];
  matchidx: number;
  lnstart: number;
  printed: number;
}

/** util.c procline(): does the line match; records matches (up to MAX_MATCHES) for -o/--color. */
function procline(g: G, pc: Line): boolean {
  const M = g.matcher, dat = pc.dat, len = dat.length;
  let matchidx = pc.matchidx;
  if (M.matchall) {
    if (g.x && len === 0) return true;
    if (!g.w && !g.x) return true;
    if (M.count === 0) return !(g.w || g.x);
  } else if (M.count === 0) return false;
  const recording = (g.color !== undefined || g.o) && !g.q && !g.l;
  if (!g.w && !g.x && !recording) return M.lineMatches(dat);
  let matched = false, st = pc.lnstart, nst = 0;
  let lastmatch: [number, number] = [0, 0];
  while (st <= len) {
    let lastmatched = false;
    const startm = matchidx;
    let retry = 0;
    for (let i = 0; i < M.count; i++) {
      const pm = M.exec(i, dat, st, true);
      if (!pm) continue;
      if (g.x && (pm[0] !== 0 || pm[1] !== len)) continue;
      if (g.w) {
        let bad = false;
        if (pm[0] !== 0) { const wb = M.charAt(dat, pm[0] - 1); if (wb < 0 || isWordChar(wb)) bad = true; }
        if (!bad && pm[1] !== len) { const we = M.charAt(dat, pm[1]); if (we < 0 || isWordChar(we)) bad = true; }
        if (bad) {
          if (retry === pc.lnstart || pm[0] + 1 < retry) retry = pm[0] + 1;
          continue;
        }
      }
      lastmatched = true;
      lastmatch = pm;
      if (matchidx === 0) matched = true;
      if (matchidx > startm) {
        const chk = pc.matches[matchidx - 1]!;
        if (pm[0] < chk[0] || (pm[0] === chk[0] && pm[1] - pm[0] > chk[1] - chk[0])) {
          pc.matches[matchidx - 1] = pm;
          nst = pm[1];
        }
      } else {
        pc.matches[matchidx++] = pm;
        nst = pm[1];
      }
      if (!recording || matchidx >= MAX_MATCHES) {
        pc.lnstart = nst;
        lastmatched = false;
        break;
      }
    }
    if (!lastmatched && retry > pc.lnstart) {
      st = retry;
      continue;
    }
    if (!g.w && (!recording || g.L)) break;
    if (!lastmatched) nst = len;
    if (!lastmatched) break;
    else if (st === nst && lastmatch[0] === lastmatch[1]) nst++;
    st = nst;
    pc.lnstart = st;
  }
  pc.matchidx = matchidx;
  return matched;
}

// ---------- output ----------

function printMetadata(g: G, ln: Line, sep: number): void {
  const out = g.ctx.out;
  let printsep = false;
  if (!g.h) {
    out.write(ln.file);
    if (!g.null) printsep = true;
    else out.byte(0);
  }
  if (g.n) {
    if (printsep) out.byte(sep);
    out.write(String(ln.lineNo));
    printsep = true;
  }
  if (g.b) {
    if (printsep) out.byte(sep);
    out.write(String(ln.off + ln.boff));
    printsep = true;
  }
  if (printsep) out.byte(sep);
}

/** grep_printline(): the whole line as is (context lines, plain matches). */
function printPlain(g: G, ln: Line, sep: number): void {
  printMetadata(g, ln, sep);
  g.ctx.out.write(ln.dat);
  g.ctx.out.byte(g.eol);
}

const COLON = 58, DASH = 45;

/** util.c printline(): a selected line, with -o / --color handling. */
function printline(g: G, pc: Line, sep: number): void {
  if (g.o && g.matcher.matchall) return;
  const out = g.ctx.out, dat = pc.dat;
  if ((g.o || g.color !== undefined) && pc.matchidx > 0) {
    let a = 0;
    if (!g.o && pc.printed === 0) printMetadata(g, pc, sep);
    for (let i = 0; i < pc.matchidx; i++) {
      const [so, eo] = pc.matches[i]!;
      if (so === eo) continue;
      if (g.o) {
        pc.boff = so;
        printMetadata(g, pc, sep);
      } else out.write(dat.subarray(a, so));
      if (g.color !== undefined) out.write(`\x1b[${g.color}m\x1b[K`);
      out.write(dat.subarray(so, eo));
      if (g.color !== undefined) out.write("\x1b[m\x1b[K");
      a = eo;
      if (g.o) out.byte(10);
    }
    if (!g.o) {
      if (dat.length > a) out.write(dat.subarray(a));
      out.byte(10);
    }
  } else printPlain(g, pc, sep);
  pc.printed++;
}

// ---------- files ----------

/** The state of context printing for one file (struct mprintc) and the -B queue. */
interface Mc {
  tail: number;
  lastOuted: number;
  doctx: boolean;
  printmatch: boolean;
  sameFile: boolean;
  queue: Line[];
}

function snapshot(ln: Line): Line {
  return { ...ln, dat: ln.dat.slice(), matches: [], boff: 0 };
}

function procmatchMatch(g: G, mc: Mc, pc: Line): void {
  if (mc.doctx) {
    if (!g.firstMatch && (!mc.sameFile || mc.lastOuted > 0)) g.ctx.out.write("--\n");
    if (g.B > 0) {
      for (const q of mc.queue) printPlain(g, q, DASH);
      mc.queue.length = 0;
    }
    mc.tail = g.A;
  }
  if (mc.printmatch) {
    printline(g, pc, COLON);
    while (pc.matchidx >= MAX_MATCHES) {
      pc.matchidx = 0;
      if (procline(g, pc) === !g.v) printline(g, pc, COLON);
      else break;
    }
    g.firstMatch = false;
    mc.sameFile = true;
    mc.lastOuted = 0;
  }
}

function procmatchNomatch(g: G, mc: Mc, pc: Line): void {
  if (mc.tail > 0) {
    printPlain(g, pc, DASH);
    mc.tail--;
    if (g.B > 0) mc.queue.length = 0;
  } else if (g.B === 0) mc.lastOuted++;
  else {
    mc.queue.push(snapshot(pc));
    if (mc.queue.length > g.B) {
      mc.queue.shift();
      mc.lastOuted++;
    }
  }
}

/** Reads a file in chunks and hands out records ending in `eol` (util.c grep_fgetln). The
 * first read is at most 32 KiB, as file.c's buffer: a NUL in it makes the file binary. */
class Input {
  buf = new Uint8Array(32768);
  /** bumped by every fill(): data may have moved */
  gen = 0;
  /** searchFast's current region */
  scan: { gen: number; s0: number; e: number; ascii: boolean; text: string; hay: ByteSearch | null } | undefined;
  start = 0;
  end = 0;
  eof = false;
  constructor(readonly fd: number) {}

  fill(): void {
    if (this.eof) return;
    this.gen++;
    makeRoom(this, 1 << 20); // files are read in bulk: the buffer grows to 1 MiB
    let n: number;
    try {
      n = read(this.fd, this.buf, this.end, this.buf.length - this.end);
    } catch (e) {
      if (e instanceof SysError && e.errno === 21) n = 0;
      else throw e;
    }
    if (n === 0) this.eof = true;
    this.end += n;
  }

  /** The next record without its terminator, whether it had one, or null at the end. */
  next(eol: number): Uint8Array | null {
    let scan = this.start;
    for (;;) {
      const i = this.buf.indexOf(eol, scan);
      if (i >= 0 && i < this.end) {
        const l = this.buf.subarray(this.start, i);
        this.start = i + 1;
        this.terminated = true;
        return l;
      }
      if (this.eof) {
        if (this.start === this.end) return null;
        const l = this.buf.subarray(this.start, this.end);
        this.start = this.end;
        this.terminated = false;
        return l;
      }
      const off = this.end - this.start;
      this.fill();
      scan = this.start + off;
    }
  }
  terminated = false;
}

/** util.c procfile(): search one file ("-" is standard input); true when a line was selected. */
function procfile(g: G, fn: string, path = fn): boolean {
  const ctx = g.ctx;
  let fd: number;
  if (fn === "-") {
    fn = g.label ?? "(standard input)";
    fd = ctx.stdin;
  } else {
    try {
      const st = stat(path);
      const t = st.mode & S.IFMT;
      if (g.dirbehave === DIR_SKIP && t === S.IFDIR) return false;
      if (g.devskip && (t === S.IFIFO || t === S.IFCHR || t === S.IFBLK || t === S.IFSOCK)) return false;
    } catch {}
    try {
      fd = open(path, O.RDONLY);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      g.fileErr = true;
      if (!g.s) warn(ctx, fn, e);
      return false;
    }
  }
  const f = new Input(fd);
  try {
    try {
      if (g.mmap && isRegular(fd)) {
        while (!f.eof) f.fill();
      } else f.fill();
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      g.fileErr = true;
      if (!g.s) warn(ctx, fn, e);
      return false;
    }
    const binary = g.binbehave !== BIN_TEXT && g.eol !== 0 && f.buf.subarray(0, f.end).indexOf(0) >= 0;
    return searchFile(g, f, fn, binary);
  } finally {
    if (fd !== ctx.stdin) try { close(fd); } catch {}
  }
}

function isRegular(fd: number): boolean {
  try { return S_ISREG(fstat(fd).mode); } catch { return false; }
}

function searchFile(g: G, f: Input, fn: string, binary: boolean): boolean {
  const out = g.ctx.out;
  const pc: Line = { dat: new Uint8Array(0), file: fn, lineNo: 0, off: 0, boff: 0, matches: [], matchidx: 0, lnstart: 0, printed: 0 };
  const mc: Mc = { tail: 0, lastOuted: 0, doctx: false, printmatch: true, sameFile: false, queue: [] };
  if ((binary && g.binbehave === BIN_BIN) || g.c || g.q || g.l || g.L) mc.printmatch = false;
  if (mc.printmatch && (g.A !== 0 || g.B !== 0)) mc.doctx = true;
  const st: Scan = { lines: 0, off: 0, mcount: g.mlimit, skipped: false };
  // nothing is printed per line and only "any line?" matters: stop at the first one
  const firstOnly = g.l || g.q || (!mc.printmatch && !g.c);
  const fast = !mc.doctx && !(binary && g.binbehave === BIN_SKIP) ? g.fast : null;
  for (;;) {
    if (fast) {
      const r = searchFast(g, f, fast, pc, mc, st, firstOnly);
      if (r === STOP) break;
      if (r === AGAIN) continue;
    }
    let dat: Uint8Array | null;
    try {
      dat = f.next(g.eol);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      dat = null;
    }
    if (dat === null) break;
    startLine(pc, dat, st);
    if (binary && g.binbehave === BIN_SKIP) return false;
    if (g.m && st.mcount <= 0) {
      // the -m limit was reached: only the trailing context goes on (-m 0: nothing at all)
      if (mc.tail <= 0) break;
      printPlain(g, pc, DASH);
      if (--mc.tail === 0) break;
      continue;
    }
    const matched = procline(g, pc) === !g.v;
    if (matched) {
      if (selected(g, mc, pc, st)) break;
    } else if (mc.doctx) procmatchNomatch(g, mc, pc);
    if (st.lines && firstOnly) break;
  }
  const lines = st.lines;
  if (g.c && !g.q) {
    if (!g.h) out.write(fn + ":");
    out.write(`${lines}\n`);
  }
  if (g.l && !g.q && lines) { out.write(fn); out.byte(g.null ? 0 : 10); }
  if (g.L && !g.q && !lines) { out.write(fn); out.byte(g.null ? 0 : 10); }
  if (lines && !g.c && !g.l && !g.L && g.binbehave === BIN_BIN && binary && !g.q) out.write(`Binary file ${fn} matches\n`);
  return lines !== 0;
}

interface Scan {
  /** lines selected */
  lines: number;
  /** offset of the next line in the file */
  off: number;
  /** -m lines still to select */
  mcount: number;
  skipped: boolean;
}

function startLine(pc: Line, dat: Uint8Array, st: Scan): void {
  pc.dat = dat;
  pc.off = st.off;
  st.off += dat.length + 1;
  pc.printed = 0;
  pc.matchidx = 0;
  pc.lnstart = 0;
  pc.boff = 0;
  pc.lineNo++;
}

/** A selected line; true when the -m limit ends the file. */
function selected(g: G, mc: Mc, pc: Line, st: Scan): boolean {
  st.lines++;
  procmatchMatch(g, mc, pc);
  return g.m && --st.mcount <= 0 && mc.tail === 0;
}

const STOP = 0, AGAIN = 1, SLOW = 2;

/**
 * The fast path (no context, no -w/-o/--color): one scan of the buffered complete lines with the
 * patterns' RegExp (or a byte search for a plain string) finds the next line that can match; the
 * lines before it are settled without looking at them one by one. A line the scan finds is
 * selected at once when the scan is exact (and, in a UTF-8 locale, the line is valid UTF-8: musl's
 * regexec never matches one that is not); otherwise, and for lines holding a NUL byte (regexec
 * stops there), the line goes through procline. Returns STOP (the file is done), AGAIN (scan the
 * next buffer) or SLOW (let the line at the buffer's start go through procline).
 */
function searchFast(g: G, f: Input, fast: { f: LineFinder; checkUtf8: boolean }, pc: Line, mc: Mc, st: Scan, firstOnly: boolean): number {
  if (g.m && st.mcount <= 0) return STOP;
  // the region scanned (complete lines, no NUL) and its text are kept while the lines in it are
  // consumed, so a line sent to procline does not cost a new scan set-up
  let c = f.scan;
  if (!c || c.gen !== f.gen || f.start < c.s0 || f.start >= c.e) {
    f.scan = undefined;
    if (f.end - f.start < 1 << 16 && !f.eof) {
      try {
        f.fill();
      } catch {
        return SLOW;
      }
    }
    const buf = f.buf, s = f.start;
    if (f.end <= s) return SLOW;
    let e = buf.lastIndexOf(10, f.end - 1) + 1; // (a negative start would count from the end)
    if (e <= s) return SLOW;
    const z = buf.subarray(s, e).indexOf(0);
    if (z >= 0) {
      e = buf.lastIndexOf(10, s + z) + 1;
      if (e <= s) return SLOW;
    }
    const needAscii = fast.checkUtf8 || (!fast.f.exact && fast.f.asciiExact);
    f.scan = c = {
      gen: f.gen, s0: s, e,
      ascii: needAscii ? isAscii(buf.subarray(s, e)) : true,
      text: fast.f.literal ? "" : latin1(buf, s, e),
      hay: fast.f.literal ? byteSearch(buf) : null,
    };
  }
  const buf = f.buf, s = f.start, e = c.e, s0 = c.s0, text = c.text, hay = c.hay, ascii = c.ascii;
  // a line the scan finds is selected without procline: exact scan, valid characters
  const exact = fast.f.exact || (!!fast.f.asciiExact && ascii);
  const checkLine = fast.checkUtf8 && !ascii;
  const lit = fast.f.literal;
  const re = fast.f.re;
  const find = (pos: number): number => {
    let k: number;
    if (hay) k = hay.indexOf(lit!, pos);
    else {
      re.lastIndex = pos - s0;
      const m = re.exec(text);
      k = m ? m.index + s0 : -1;
    }
    // an empty match after the last line is no line's
    return k >= e ? -1 : k;
  };
  if (!g.v && !mc.printmatch && !g.n && !g.m && !firstOnly && exact) {
    // counting (-c): the lines the scan finds, one indexOf each
    let n = 0;
    for (let pos = s; ; ) {
      const k = find(pos);
      if (k < 0) break;
      const le = buf.indexOf(10, k);
      if (checkLine) {
        const ls = buf.lastIndexOf(10, k) + 1;
        if (!isUtf8(buf.subarray(ls, le))) {
          pos = le + 1;
          continue;
        }
      }
      n++;
      pos = le + 1;
    }
    st.lines += n;
    st.off += e - s;
    f.start = e;
    return AGAIN;
  }
  // selected lines printed as they are: whole lines (with their newline) straight from the buffer
  const plain = mc.printmatch && g.h && !g.n && !g.b;
  const plainV = g.v && plain && !g.m;
  const oLit = g.o && lit && !g.v && !g.m && g.h && !g.n && !g.b && g.color === undefined && mc.printmatch ? lit : null;
  // lines [a, b) (absolute) hold no match
  const settle = (a: number, b: number): boolean => {
    if (a >= b) return false;
    if (!g.v) {
      if (g.n) pc.lineNo += countLines(buf, a, b);
      st.off += b - a;
      return false;
    }
    if (!mc.printmatch) {
      const n = countLines(buf, a, b);
      pc.lineNo += n;
      st.off += b - a;
      st.lines += n;
      return firstOnly || (g.m && (st.mcount -= n) <= 0);
    }
    if (plainV) {
      const n = countLines(buf, a, b);
      g.ctx.out.write(buf.subarray(a, b));
      g.firstMatch = false;
      pc.lineNo += n;
      st.off += b - a;
      st.lines += n;
      return false;
    }
    for (let i = a; i < b; ) {
      const nl = buf.indexOf(10, i);
      startLine(pc, buf.subarray(i, nl), st);
      i = nl + 1;
      if (selected(g, mc, pc, st)) { f.start = i; return true; }
    }
    return false;
  };
  let pos = s, runStart = -1, runEnd = -1;
  const flushRun = () => {
    if (runStart >= 0) g.ctx.out.write(buf.subarray(runStart, runEnd));
    runStart = runEnd = -1;
  };
  for (;;) {
    const k = find(pos);
    if (k < 0) {
      flushRun();
      f.start = e;
      return settle(pos, e) ? STOP : AGAIN;
    }
    const ls = k > pos ? buf.lastIndexOf(10, k - 1) + 1 : pos;
    const le = buf.indexOf(10, k);
    if (ls > pos) flushRun();
    if (settle(pos, Math.max(ls, pos))) return STOP;
    f.start = ls;
    if (oLit && !(checkLine && !isUtf8(buf.subarray(ls, le)))) {
      // -o with a plain string and no prefixes: every occurrence, left to right
      for (let q = k; q >= 0 && q + oLit.length <= le; q = hay!.indexOf(oLit, q + oLit.length)) {
        g.ctx.out.write(oLit);
        g.ctx.out.byte(10);
      }
      g.firstMatch = false;
      f.start = pos = le + 1;
      st.off += le + 1 - ls;
      st.lines++;
      continue;
    }
    if (!exact || (checkLine && !isUtf8(buf.subarray(ls, le)))) return flushRun(), SLOW;
    f.start = le + 1;
    pos = le + 1;
    if (!g.v && plain) {
      // consecutive selected lines go out as one write
      if (ls !== runEnd) {
        flushRun();
        runStart = ls;
      }
      runEnd = le + 1;
      g.firstMatch = false;
      st.off += le + 1 - ls;
      st.lines++;
      if (g.n) pc.lineNo++;
      if (g.m && --st.mcount <= 0) return flushRun(), STOP;
      continue;
    }
    startLine(pc, buf.subarray(ls, le), st);
    if (!g.v) {
      if (selected(g, mc, pc, st)) return STOP;
      if (firstOnly) return STOP;
    }
  }
}

function countLines(buf: Uint8Array, a: number, b: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, a); i >= 0 && i < b; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

// ---------- recursion ----------

function basename3(p: string): string {
  if (p === "") return ".";
  let e = p.length;
  while (e > 1 && p[e - 1] === "/") e--;
  const s = p.lastIndexOf("/", e - 1);
  return s < 0 || e === 1 ? p.slice(0, e) : p.slice(s + 1, e);
}

function fileMatching(g: G, fname: string): boolean {
  let ret = !g.finclude;
  const base = basename3(fname);
  for (const p of g.fpat) if (fnmatch(p.pat, fname, 0) === 0 || fnmatch(p.pat, base, 0) === 0) ret = p.incl;
  return ret;
}

function dirMatching(g: G, dname: string): boolean {
  let ret = !g.dinclude;
  for (const p of g.dpat) if (fnmatch(p.pat, dname, 0) === 0) ret = p.incl;
  return ret;
}

/** util.c grep_tree(): -r over the operands (or "."). */
function grepTree(g: G, roots: string[]): boolean {
  const ctx = g.ctx;
  const flags = g.linkbehave === LINK_EXPLICIT ? FTS_PHYSICAL | FTS_COMFOLLOW : g.linkbehave === LINK_SKIP ? FTS_PHYSICAL : FTS_LOGICAL;
  let matched = false;
  let fts: Fts;
  try {
    fts = new Fts(roots.length ? roots : ["."], flags);
  } catch (e) {
    err(ctx, 2, "fts_open", e);
  }
  for (;;) {
    let p;
    try {
      p = fts.read();
    } catch (e) {
      err(ctx, 2, "fts_read", e);
    }
    if (!p) break;
    switch (p.info) {
      case FTS_DNR:
      case FTS_ERR:
        g.fileErr = true;
        if (!g.s) warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
        break;
      case FTS_D:
      case FTS_DP:
        if ((g.dexclude || g.dinclude) && (!dirMatching(g, p.name) || !dirMatching(g, p.path))) fts.set(p, FTS_SKIP);
        break;
      case FTS_DC:
        warnx(ctx, `warning: ${p.path}: recursive directory loop`);
        break;
      default: {
        const path = p.path;
        if ((g.fexclude || g.finclude) && !fileMatching(g, path)) break;
        if (procfile(g, path, path === "-" ? path : p.accpath)) matched = true;
      }
    }
  }
  return matched;
}
