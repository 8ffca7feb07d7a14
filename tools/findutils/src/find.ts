// find — walk file hierarchies and evaluate an expression for each file.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/find.html  FreeBSD: find(1)
// A TypeScript rendering of chimerautils' FreeBSD find (find.c, function.c, option.c,
// operator.c, ls.c, misc.c, printf.c) over shared/fts (descriptor-based, no chdir).
//   find [-H | -L | -P] [-EXdsx] [-f path] path ... [expression]      getopt "+EHLPXdf:sx"
//   -E ERE for -regex  -s sorted walk (strcmp)  -X refuse xargs-unsafe names  -d depth-first
//   -x stay on the file system  -f path  an extra starting path (may start with '-')
// Paths: every argument up to the first that starts with '-' or is exactly "!" or "(".
// Expression: built as FreeBSD does (a node list, then parentheses, then !, then -o squished;
// juxtaposition and -a are AND); without an output primary it becomes `( expr ) -print`.
// Primaries: see PRIMS below. -exec/-ok run the command with the lookup of execvp; -execdir in
// the entry's directory with the bare name; `{} +` batches names up to an ARG_MAX-like size and
// a failing batch sets exit status 1. -ok/-okdir prompt on stderr and read the answer from
// standard input (as the reference's queryuser does). -delete forces -depth and refuses -L.
// Quirks kept from the reference: -readable/-writable/-executable test fts_path relative to the
// entry's directory (the reference calls access(2) on fts_path after fts chdir'd), so below
// the starting points a relative path is tested from the wrong place and usually fails;
// -type looks at the first letter only; -printf %P %H %F and width modifiers are fatal errors.
import { defineApplet, Getopt, errx, err, warnx, strcmp, type Ctx, Writer } from "@bsdbox/shared";
import {
  open, close, read, stat, lstat, readlink, readdir, unlink, rmdir, access, accessErr, O, S, S_ISDIR, S_ISLNK, S_ISREG,
  S_ISCHR, S_ISBLK, SysError, strerror, getpwnam, getpwuid, getgrnam, getgrgid, spawner, waitpid, type Spawner, environ, getpid, mounts,
  nowMs, type Stat,
} from "@bsdbox/compat";
import { fnmatch, fnmatcher, FNM_CASEFOLD } from "@bsdbox/shared/fnmatch";
import { Fts, FtsEnt, FTS_COMFOLLOW, FTS_LOGICAL, FTS_NOSTAT, FTS_PHYSICAL, FTS_XDEV, FTS_D, FTS_DP, FTS_DNR, FTS_ERR, FTS_NS, FTS_SKIP } from "@bsdbox/shared/fts";
import { Regex, RegexError } from "@bsdbox/shared/regex";
import { setmode, getmode, strmode } from "@bsdbox/shared/mode";
import { gmtime, localtime, strftime } from "@bsdbox/shared/strftime";

const USAGE = "usage: find [-H | -L | -P] [-EXdsx] [-f path] path ... [expression]\n" +
  "       find [-H | -L | -P] [-EXdsx] -f path [path ...] [expression]\n";

type Test = (e: FtsEnt) => boolean;
/** a node of the plan list before it is squished into a tree */
interface Node {
  kind: "prim" | "(" | ")" | "!" | "-o" | "expr" | "not" | "or";
  name: string;
  fn?: Test;
  kids?: Node[];
}

const F_EQUAL = 0, F_LESS = 1, F_GREATER = 2;
const cmp = (flag: number, a: number, b: number) => (flag === F_EQUAL ? a === b : flag === F_LESS ? a < b : a > b);

class Find {
  ftsopts = FTS_PHYSICAL;
  isdepth = false;
  isoutput = false;
  isxargs = false;
  needStat = false;
  regexExtended = false;
  maxdepth = -1;
  mindepth = -1;
  exitstatus = 0;
  now = Math.floor(nowMs() / 1000);
  fts!: Fts;
  out: Writer;
  plusList: ExecPlus[] = [];
  printfWarned = false;
  pwCache = new Map<number, string>();
  grCache = new Map<number, string>();
  devFs: Map<number, string> | undefined;
  stdinBuf = new Uint8Array(1);

  constructor(public ctx: Ctx) {
    this.out = ctx.out;
  }

  user(uid: number): string {
    let s = this.pwCache.get(uid);
    if (s === undefined) this.pwCache.set(uid, (s = getpwuid(uid)?.name ?? String(uid)));
    return s;
  }
  group(gid: number): string {
    let s = this.grCache.get(gid);
    if (s === undefined) this.grCache.set(gid, (s = getgrgid(gid)?.name ?? String(gid)));
    return s;
  }
  flushAll(): void {
    this.out.flush();
    this.ctx.err.flush();
  }
}

interface ExecPlus {
  flush(): void;
}

// ---------- number parsing (find_parsenum / find_parsetime) ----------
function strtoq(s: string, i: number): [number, number] {
  let j = i;
  while (j < s.length && " \t\n\v\f\r".includes(s[j]!)) j++;
  let neg = false;
  if (s[j] === "+" || s[j] === "-") neg = s[j++] === "-";
  const d0 = j;
  let v = 0;
  while (j < s.length && s[j]! >= "0" && s[j]! <= "9") v = v * 10 + (s.charCodeAt(j++) - 48);
  if (j === d0) return [0, i];
  return [neg ? -v : v, j];
}

function parseNum(ctx: Ctx, option: string, vp: string, allowEnd: boolean): { v: number; flag: number; end: string } {
  let flag = F_EQUAL;
  if (vp[0] === "+") { vp = vp.slice(1); flag = F_GREATER; }
  else if (vp[0] === "-") { vp = vp.slice(1); flag = F_LESS; }
  const [v, e] = strtoq(vp, 0);
  if (v === 0 && e === 0) errx(ctx, 1, `${option}: ${vp}: illegal numeric value`);
  if (e < vp.length && !allowEnd) errx(ctx, 1, `${option}: ${vp}: illegal trailing character`);
  return { v, flag, end: vp.slice(e) };
}

function parseTime(ctx: Ctx, option: string, vp: string): { v: number; flag: number; exact: boolean } {
  let flag = F_EQUAL;
  if (vp[0] === "+") { vp = vp.slice(1); flag = F_GREATER; }
  else if (vp[0] === "-") { vp = vp.slice(1); flag = F_LESS; }
  let [v, e] = strtoq(vp, 0);
  if (v === 0 && e === 0) errx(ctx, 1, `${option}: ${vp}: illegal time value`);
  if (e === vp.length) return { v, flag, exact: false };
  let secs = 0;
  for (;;) {
    const u = vp[e]!;
    const mul = u === "s" ? 1 : u === "m" ? 60 : u === "h" ? 3600 : u === "d" ? 86400 : u === "w" ? 604800 : 0;
    if (!mul) errx(ctx, 1, `${option}: ${vp}: bad unit '${u}'`);
    secs += mul * v;
    e++;
    if (e >= vp.length) break;
    const [v2, e2] = strtoq(vp, e);
    if (e2 === e) errx(ctx, 1, `${option}: ${vp}: illegal time value`);
    if (e2 >= vp.length) errx(ctx, 1, `${option}: ${vp}: missing trailing unit`);
    v = v2;
    e = e2;
  }
  return { v: secs, flag, exact: true };
}

/** a small get_date: "@secs", YYYY-MM-DD[ T]HH:MM[:SS], MM/DD/YYYY [HH:MM[:SS]], HH:MM[:SS] today */
function getDate(s: string, now: number): number {
  const t = s.trim();
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^@(-?\d+)$/))) return Number(m[1]);
  const mk = (y: number, mo: number, d: number, h = 0, mi = 0, se = 0) => Math.floor(new Date(y, mo - 1, d, h, mi, se).getTime() / 1000);
  if ((m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?( ?(?:UTC|GMT|Z))?$/))) {
    if (m[7]) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) / 1000;
    return mk(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  if ((m = t.match(/^(\d{1,2})\/(\d{1,2})\/(\d{2,4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/))) {
    let y = +m[3]!;
    if (y < 100) y += y < 69 ? 2000 : 1900;
    return mk(y, +m[1]!, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  if ((m = t.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/))) {
    const d = new Date(now * 1000);
    return mk(d.getFullYear(), d.getMonth() + 1, d.getDate(), +m[1]!, +m[2]!, +(m[3] ?? 0));
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? -1 : Math.floor(ms / 1000);
}

// ---------- helpers on entries ----------
const secOf = (ns: bigint) => Number(ns / 1000000000n) - (ns < 0n && ns % 1000000000n !== 0n ? 1 : 0);
function timeOf(st: Stat, x: string): bigint {
  return x === "a" ? st.atimeNs : x === "c" ? st.ctimeNs : st.mtimeNs;
}

/** the directory that holds an entry, as a path the kernel resolves while the walk is there */
function dirOf(e: FtsEnt): string {
  if (e.level > 0 && e.parent && e.parent.fd >= 0) return `/proc/${getpid()}/fd/${e.parent.fd}`;
  const p = e.path;
  const i = p.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  return p.slice(0, i);
}

function readlinkOf(e: FtsEnt): string | undefined {
  try {
    return readlink(e.accpath);
  } catch {
    return undefined;
  }
}

/** access(2) on fts_path as the reference does it: relative to the entry's directory */
function accessRef(e: FtsEnt, mode: number): boolean {
  const p = e.path;
  if (p.startsWith("/") || e.level === 0) return access(p, mode);
  const d = e.parent && e.parent.fd >= 0 ? `/proc/self/fd/${e.parent.fd}` : dirOf(e);
  return access(`${d}/${p}`, mode);
}

// ---------- the primaries ----------
type Maker = (f: Find, name: string, args: string[]) => Test | null;

function nextarg(f: Find, name: string, args: string[]): string {
  const a = args.shift();
  if (a === undefined) errx(f.ctx, 1, `${name}: requires additional arguments`);
  return a;
}

function typeChar(m: number): string {
  switch (m & S.IFMT) {
    case S.IFIFO: return "p";
    case S.IFCHR: return "c";
    case S.IFDIR: return "d";
    case S.IFBLK: return "b";
    case S.IFREG: return "f";
    case S.IFLNK: return "l";
    case S.IFSOCK: return "s";
    default: return "U";
  }
}

function mkTime(unit: "day" | "min", x: string): Maker {
  return (f, name, args) => {
    const t = parseTime(f.ctx, name, nextarg(f, name, args));
    const now = f.now;
    if (t.exact) return (e) => cmp(t.flag, now - secOf(timeOf(e.stat!, x)), t.v);
    const div = unit === "day" ? 86400 : 60;
    return (e) => cmp(t.flag, Math.trunc((now - secOf(timeOf(e.stat!, x)) + div - 1) / div), t.v);
  };
}

function mkNewer(x: string, y: string): Maker {
  return (f, name, args) => {
    const arg = nextarg(f, name, args);
    let ref: bigint;
    if (y === "t") {
      const s = getDate(arg, f.now);
      if (s === -1) errx(f.ctx, 1, `Can't parse date/time: ${arg}`);
      ref = BigInt(s) * 1000000000n;
    } else {
      let st: Stat;
      try {
        st = f.ftsopts & FTS_LOGICAL ? stat(arg) : lstat(arg);
      } catch (e) {
        err(f.ctx, 1, arg, e);
      }
      ref = timeOf(st, y);
    }
    return (e) => timeOf(e.stat!, x) > ref;
  };
}

function mkName(kind: "name" | "path" | "lname", flags: number): Maker {
  return (f, name, args) => {
    const pat = nextarg(f, name, args);
    if (kind !== "lname") {
      const m = fnmatcher(pat, flags);
      return kind === "name" ? (e) => m(e.name) : (e) => m(e.path);
    }
    return (e) => {
      if (!S_ISLNK(e.stat?.mode ?? 0)) return false;
      const l = readlinkOf(e);
      return l !== undefined && fnmatch(pat, l, flags) === 0;
    };
  };
}

function mkRegex(icase: boolean): Maker {
  return (f, name, args) => {
    const pat = nextarg(f, name, args);
    let re: Regex;
    try {
      re = Regex.compile(pat, { extended: f.regexExtended, icase });
    } catch (e) {
      if (e instanceof RegexError) errx(f.ctx, 1, `${name}: ${pat}: ${e.message}`);
      throw e;
    }
    return (e) => {
      const p = e.path;
      const m = re.exec(p);
      return !!m && !!m[0] && m[0][0] === 0 && m[0][1] === p.length;
    };
  };
}

function mkNum(get: (st: Stat) => number): Maker {
  return (f, name, args) => {
    const n = parseNum(f.ctx, name, nextarg(f, name, args), false);
    return (e) => cmp(n.flag, get(e.stat!), n.v);
  };
}

function mkAccess(mode: number): Maker {
  return () => (e) => accessRef(e, mode);
}

function mkExec(dir: boolean, ok: boolean): Maker {
  return (f, name, args) => {
    f.isoutput = true;
    let n = 0, plus = false;
    for (;; n++) {
      if (n >= args.length) errx(f.ctx, 1, `${name}: no terminating ";" or "+"`);
      if (args[n] === ";") break;
      if (args[n] === "+" && n > 0 && args[n - 1] === "{}") { plus = true; break; }
    }
    if (n === 0) errx(f.ctx, 1, `${name}: no command specified`);
    const cmd = args.splice(0, n + 1).slice(0, n);
    if (plus && ok) errx(f.ctx, 1, `${name}: "+" is not supported with -ok`);
    const env = environ();
    let sp: Spawner | undefined;
    const run = (argv: string[], cwd: string | undefined): boolean => {
      if (ok && !queryuser(f, argv)) return false;
      f.flushAll();
      try {
        // posix_spawnp with byte-exact arguments (names that are not UTF-8 reach the utility intact)
        const r = waitpid((sp ??= spawner(env)).spawn(argv, cwd))!;
        return r.signal === 0 && r.status === 0;
      } catch (e) {
        if (e instanceof SysError) {
          warnx(f.ctx, `${argv[0]}: ${e.message}`);
          return false;
        }
        const se = toErr(e);
        warnx(f.ctx, `${argv[0]}: ${se}`);
        return false;
      }
    };
    if (!plus) {
      return (e) => {
        const file = dir ? "./" + e.name : e.path;
        const argv = cmd.map((a) => (a.includes("{}") ? a.split("{}").join(file) : a));
        return run(argv, dir ? dirOf(e) : undefined);
      };
    }
    // {} +: batch the names
    const fixed = cmd.slice(0, -1);
    let envSize = 0;
    for (const [k, v] of env) envSize += k.length + v.length + 2 + 8;
    let argmax = 131072 - 4096 - envSize;
    const pnummax = Math.floor(argmax / 16);
    argmax -= 8 * pnummax;
    let base = 0;
    for (const a of fixed) base += a.length + 1 + 8;
    const psizemax = argmax - base;
    let batch: string[] = [], size = 0, bdir: string | undefined;
    const flushBatch = () => {
      if (!batch.length) return;
      const argv = [...fixed, ...batch];
      batch = [];
      size = 0;
      if (!run(argv, bdir)) f.exitstatus = 1;
    };
    f.plusList.push({ flush: flushBatch });
    return (e) => {
      if (dir) {
        const d = dirOf(e);
        if (bdir !== undefined && d !== bdir) flushBatch();
        bdir = d;
      }
      const file = dir ? "./" + e.name : e.path;
      batch.push(file);
      size += file.length + 1 + 8;
      if (batch.length < pnummax && size < psizemax) return true;
      flushBatch();
      return true;
    };
  };
}

function toErr(e: unknown): string {
  const m = (e as { code?: string; message?: string })?.message ?? String(e);
  if (/ENOENT|No such file|not found/.test(m)) return strerror(2);
  if (/EACCES|ermission/.test(m)) return strerror(13);
  if (/ENOEXEC|xec format/.test(m)) return strerror(8);
  return m;
}

function queryuser(f: Find, argv: string[]): boolean {
  f.out.flush();
  f.ctx.err.write(`"${argv.join(" ")}"? `);
  f.ctx.err.flush();
  const b = f.stdinBuf;
  let first = -1, nl = false;
  for (;;) {
    let n = 0;
    try {
      n = read(f.ctx.stdin, b, 0, 1);
    } catch {
      n = 0;
    }
    if (n <= 0) break;
    if (first < 0) first = b[0]!;
    if (b[0] === 10) { nl = true; break; }
  }
  if (!nl) {
    f.ctx.err.write("\n");
    f.ctx.err.flush();
  }
  return first === 0x79 || first === 0x59;
}

function mkPrintTo(sep: string, toFile: boolean): Maker {
  return (f, name, args) => {
    f.isoutput = true;
    let w = f.out;
    if (toFile) {
      const fn = nextarg(f, name, args);
      try {
        w = new Writer(open(fn, O.WRONLY | O.CREAT | O.TRUNC, 0o666));
        w.lineBuffered = false;
      } catch (e) {
        err(f.ctx, 1, fn, e);
      }
      const ww = w;
      f.plusList.push({ flush: () => ww.flush() });
    }
    const ww = w;
    const code = sep.charCodeAt(0);
    return (e) => {
      // an entry of the directory being read: its prefix and name, copied without joining them
      const pre = e.pathText === undefined && e.level > 0 ? e.parent!.dirPrefix : undefined;
      if (pre !== undefined) ww.write2(pre, e.name, code);
      else {
        ww.write(e.path);
        ww.byte(code);
      }
      return true;
    };
  };
}

function lsLine(f: Find, e: FtsEnt): string {
  const st = e.stat!;
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const padr = (s: string, n: number) => s.padEnd(n);
  let s = `${pad(st.ino, 6)} ${pad(st.blocks, 8)} ${strmode(st.mode)} ${pad(st.nlink, 3)} ` +
    `${padr(f.user(st.uid), 32)} ${padr(f.group(st.gid), 32)} `;
  if (S_ISCHR(st.mode) || S_ISBLK(st.mode)) s += `${pad(st.rdev ? "0x" + st.rdev.toString(16) : "0", 8)} `;
  else s += `${pad(st.size, 8)} `;
  const t = secOf(st.mtimeNs);
  const six = 182 * 86400;
  const fmt = t + six > f.now && t < f.now + six ? "%b %e %H:%M " : "%b %e  %Y ";
  const tm = localtime(t);
  s += tm ? strftime(fmt, tm) : "";
  s += e.path;
  if (S_ISLNK(st.mode)) {
    const l = readlinkOf(e);
    if (l !== undefined) s += ` -> ${l}`;
  }
  return s + "\n";
}

// -printf
const ESC = "\x07\bcde\fghijklm\nopq\rs\tu\v";
function escapeFmt(f: Find, s: string): { str: string; flush: boolean } {
  let out = "", flush = false;
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    if (c !== "\\") { out += c; continue; }
    c = s[++i] ?? "";
    if (c === "") { out += "\\"; break; }
    if (c === "c") { flush = true; break; }
    if (c >= "0" && c <= "7") {
      let v = 0;
      for (let k = 0; k < 3 && s[i]! >= "0" && s[i]! <= "7"; k++, i++) v = v * 8 + (s.charCodeAt(i) - 48);
      i--;
      v &= 255;
      out += v < 0x80 ? String.fromCharCode(v) : String.fromCharCode(0xdc00 + v);
      continue;
    }
    if (c >= "a" && c <= "v" && ESC[c.charCodeAt(0) - 97] !== c) {
      out += ESC[c.charCodeAt(0) - 97];
      continue;
    }
    if (!f.printfWarned) {
      warnx(f.ctx, `Unknown character ${c} after \\.: ${strerror(0)}`);
      f.printfWarned = true;
    }
    out += c;
  }
  return { str: out, flush };
}

function ctimeStr(t: number): string {
  const tm = localtime(t);
  return tm ? strftime("%a %b %e %H:%M:%S %Y", tm) : "";
}

function doPrintf(f: Find, fmtText: string, e: FtsEnt, w: Writer): void {
  const { str: all, flush } = escapeFmt(f, fmtText);
  let o = "";
  const fail = (msg: string): never => {
    w.write(o);
    errx(f.ctx, 1, msg);
  };
  for (let i = 0; i < all.length; i++) {
    let c = all[i]!;
    const st = e.stat ?? ({ mode: 0, uid: 0, gid: 0, size: 0, blocks: 0, ino: 0, nlink: 0, dev: 0, atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n } as unknown as Stat);
    if (c !== "%") { o += c; continue; }
    c = all[++i] ?? "";
    switch (c) {
      case "%": o += "%"; break;
      case "p": o += e.path; break;
      case "f": o += e.name; break;
      case "h": {
        const p = e.path, k = p.lastIndexOf("/");
        o += k < 0 ? "." : p.slice(0, k);
        break;
      }
      case "P": case "H": case "F": fail(`%${c} is unimplemented`); break;
      case "g": o += f.group(st.gid); break;
      case "G": o += String(st.gid); break;
      case "u": o += f.user(st.uid); break;
      case "U": o += String(st.uid); break;
      case "m": o += (st.mode & 0o7777).toString(8); break;
      case "M": o += strmode(st.mode).slice(0, 10); break;
      case "k": o += String(Math.trunc(st.blocks / 2)); break;
      case "b": o += String(st.blocks); break;
      case "s": o += String(st.size); break;
      case "S": {
        const x = Math.fround(Math.fround(st.blocks * 512) / Math.fround(st.size));
        o += Number.isNaN(x) ? "-nan" : !Number.isFinite(x) ? "inf" : x.toFixed(1).padStart(3);
        break;
      }
      case "d": o += String(e.level); break;
      case "D": o += String(st.dev); break;
      case "l": { const l = readlinkOf(e); if (l) o += l; break; }
      case "i": o += String(st.ino); break;
      case "n": o += String(st.nlink); break;
      case "Y":
        if (S_ISLNK(st.mode)) {
          try {
            o += typeChar(stat(e.accpath).mode);
          } catch (er) {
            const n = er instanceof SysError ? er.errno : 0;
            o += n === 40 ? "L" : n === 2 ? "N" : "?";
          }
          break;
        }
        o += typeChar(st.mode);
        break;
      case "y": o += typeChar(st.mode); break;
      case "a": o += ctimeStr(secOf(st.atimeNs)); break;
      case "c": o += ctimeStr(secOf(st.ctimeNs)); break;
      case "t": o += ctimeStr(secOf(st.mtimeNs)); break;
      case "A": case "C": case "T": {
        const t = secOf(c === "A" ? st.atimeNs : c === "C" ? st.ctimeNs : st.mtimeNs);
        const mod = all[++i] ?? "";
        if (mod === "@") { o += String(t); break; }
        const tm = gmtime(t);
        const r = tm && mod ? strftime("%" + mod, tm) : "";
        if (r === "") fail("Format bad or data too long for buffer");
        o += r;
        break;
      }
      case "B": i++; break;
      case "Z": break;
      case "#": case "-": case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7":
      case "8": case "9": case ".":
        fail(`Format modifier ${c} not yet supported: '${all}'`);
        break;
      default:
        fail(`Unknown format ${c} '${all}'`);
    }
  }
  w.write(o);
  if (flush) w.flush();
}

function fsTypeOf(f: Find, dev: number): string {
  if (!f.devFs) {
    f.devFs = new Map();
    try {
      for (const m of mounts()) f.devFs.set(m.dev, m.fstype);
    } catch {}
  }
  return f.devFs.get(dev) ?? "";
}

const PRIMS: Record<string, Maker> = {
  "-amin": mkTime("min", "a"),
  "-anewer": mkNewer("a", "m"),
  "-atime": mkTime("day", "a"),
  "-cmin": mkTime("min", "c"),
  "-cnewer": mkNewer("c", "m"),
  "-ctime": mkTime("day", "c"),
  "-delete": (f) => {
    f.isoutput = true;
    f.isdepth = true;
    return (e) => {
      if (e.accpath === "." || e.accpath === "..") return true;
      if (f.ftsopts & FTS_LOGICAL || (f.ftsopts & FTS_COMFOLLOW && e.level === 0))
        errx(f.ctx, 1, "-delete: forbidden when symlinks are followed");
      if (S_ISDIR(e.stat?.mode ?? 0)) {
        try {
          rmdir(e.accpath);
        } catch (er) {
          if (!(er instanceof SysError && er.errno === 39)) { f.out.flush(); warnx(f.ctx, `-delete: rmdir(${e.path}): ${msgOf(er)}`); }
        }
      } else {
        try {
          unlink(e.accpath);
        } catch (er) {
          f.out.flush();
          warnx(f.ctx, `-delete: unlink(${e.path}): ${msgOf(er)}`);
        }
      }
      return true;
    };
  },
  "-depth": (f, name, args) => {
    let s = args[0];
    if (s !== undefined) {
      if (s[0] === "+" || s[0] === "-") s = s.slice(1);
      if (s[0] === "+" || s[0] === "-") s = s.slice(1);
      if (s[0] !== undefined && s[0] >= "0" && s[0] <= "9") {
        const n = parseNum(f.ctx, name, nextarg(f, name, args), false);
        return (e) => cmp(n.flag, e.level, n.v);
      }
    }
    f.isdepth = true;
    return () => true;
  },
  "-empty": () => (e) => {
    const st = e.stat;
    if (!st) return false;
    if (S_ISREG(st.mode)) return st.size === 0;
    if (S_ISDIR(st.mode)) {
      try {
        return readdir(e.accpath).length === 0;
      } catch {
        return false;
      }
    }
    return false;
  },
  "-exec": mkExec(false, false),
  "-execdir": mkExec(true, false),
  "-executable": mkAccess(1),
  "-false": () => () => false,
  "-follow": (f) => { f.ftsopts = (f.ftsopts & ~FTS_PHYSICAL) | FTS_LOGICAL; return () => true; },
  "-fprint": mkPrintTo("\n", true),
  "-fprint0": mkPrintTo("\0", true),
  "-fstype": (f, name, args) => {
    const t = nextarg(f, name, args);
    if (t === "local") return (e) => !["nfs", "nfs4", "cifs", "smb3", "sshfs", "fuse.sshfs", "9p"].includes(fsTypeOf(f, e.stat!.dev));
    if (t === "rdonly") return (e) => { try { return (mounts().find((m) => m.dev === e.stat!.dev)?.options ?? "").split(",").includes("ro"); } catch { return false; } };
    return (e) => fsTypeOf(f, e.stat!.dev) === t;
  },
  "-gid": mkNum((st) => st.gid),
  "-group": (f, name, args) => {
    const g = nextarg(f, name, args);
    let gid = getgrnam(g)?.gid;
    if (gid === undefined) {
      const [v, e] = strtoq(g, 0);
      if (e === 0 || e !== g.length) errx(f.ctx, 1, `${name}: ${g}: no such group`);
      gid = v;
    }
    const id = gid;
    return (e) => e.stat!.gid === id;
  },
  "-ilname": mkName("lname", FNM_CASEFOLD),
  "-iname": mkName("name", FNM_CASEFOLD),
  "-inum": mkNum((st) => st.ino),
  "-ipath": mkName("path", FNM_CASEFOLD),
  "-iregex": mkRegex(true),
  "-iwholename": mkName("path", FNM_CASEFOLD),
  "-links": mkNum((st) => st.nlink),
  "-lname": mkName("lname", 0),
  "-ls": (f) => {
    f.isoutput = true;
    return (e) => { f.out.write(lsLine(f, e)); return true; };
  },
  "-maxdepth": (f, name, args) => {
    const d = nextarg(f, name, args);
    if (d[0] === "-") errx(f.ctx, 1, `${name}: ${d}: value must be positive`);
    f.maxdepth = parseNum(f.ctx, name, d, false).v;
    return () => true;
  },
  "-mindepth": (f, name, args) => {
    const d = nextarg(f, name, args);
    if (d[0] === "-") errx(f.ctx, 1, `${name}: ${d}: value must be positive`);
    f.mindepth = parseNum(f.ctx, name, d, false).v;
    return () => true;
  },
  "-mmin": mkTime("min", "m"),
  "-mnewer": mkNewer("m", "m"),
  "-mount": (f) => { f.ftsopts |= FTS_XDEV; return () => true; },
  "-mtime": mkTime("day", "m"),
  "-name": mkName("name", 0),
  "-newer": mkNewer("m", "m"),
  "-nogroup": () => (e) => getgrgid(e.stat!.gid) === undefined,
  "-noleaf": () => () => true,
  "-nouser": () => (e) => getpwuid(e.stat!.uid) === undefined,
  "-ok": mkExec(false, true),
  "-okdir": mkExec(true, true),
  "-path": mkName("path", 0),
  "-perm": (f, name, args) => {
    let p = nextarg(f, name, args);
    let how = 0;
    if (p[0] === "-") { how = 1; p = p.slice(1); }
    else if (p[0] === "+" || p[0] === "/") { how = 2; p = p.slice(1); }
    const set = setmode(p);
    if (!set) errx(f.ctx, 1, `${name}: ${p}: illegal mode string`);
    const m = getmode(set, 0) & 0o7777;
    if (how === 1) return (e) => ((e.stat!.mode & 0o7777) | m) === (e.stat!.mode & 0o7777);
    if (how === 2) return (e) => (e.stat!.mode & m) !== 0;
    return (e) => (e.stat!.mode & 0o7777) === m;
  },
  "-print": mkPrintTo("\n", false),
  "-print0": mkPrintTo("\0", false),
  "-printf": (f, name, args) => {
    f.isoutput = true;
    const fmt = nextarg(f, name, args);
    return (e) => { doPrintf(f, fmt, e, f.out); return true; };
  },
  "-prune": (f) => (e) => { f.fts.set(e, FTS_SKIP); return true; },
  "-quit": (f) => () => {
    for (const p of f.plusList) p.flush();
    throw new Quit();
  },
  "-readable": mkAccess(4),
  "-regex": mkRegex(false),
  "-samefile": (f, name, args) => {
    const fn = nextarg(f, name, args);
    let st: Stat;
    try {
      st = f.ftsopts & FTS_LOGICAL ? stat(fn) : lstat(fn);
    } catch (e) {
      err(f.ctx, 1, fn, e);
    }
    return (e) => e.stat!.dev === st.dev && e.stat!.ino === st.ino;
  },
  "-size": (f, name, args) => {
    const s = nextarg(f, name, args);
    const n = parseNum(f.ctx, name, s, true);
    let v = n.v, div = true;
    if (n.end !== "") {
      div = false;
      const scale = ({ c: 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 } as Record<string, number>)[n.end[0]!];
      if (!scale || n.end.length > 1) errx(f.ctx, 1, `${name}: ${s}: illegal trailing character`);
      if (v > Number.MAX_SAFE_INTEGER / scale) errx(f.ctx, 1, `${name}: ${s}: value too large`);
      v *= scale;
    }
    const flag = n.flag;
    if (div) return (e) => cmp(flag, Math.ceil(e.stat!.size / 512), v);
    return (e) => cmp(flag, e.stat!.size, v);
  },
  "-sparse": () => (e) => e.stat!.blocks < Math.ceil(e.stat!.size / 512),
  "-true": () => () => true,
  "-type": (f, name, args) => {
    const t = nextarg(f, name, args);
    const mask = ({ b: S.IFBLK, c: S.IFCHR, d: S.IFDIR, f: S.IFREG, l: S.IFLNK, p: S.IFIFO, s: S.IFSOCK } as Record<string, number>)[t[0] ?? ""];
    if (mask === undefined) errx(f.ctx, 1, `${name}: ${t}: unknown type`);
    if (mask === S.IFDIR) return (e) => e.info === FTS_D || e.info === FTS_DP || e.info === FTS_DNR;
    return (e) => ((e.stat?.mode ?? 0) & S.IFMT) === mask;
  },
  "-uid": mkNum((st) => st.uid),
  "-user": (f, name, args) => {
    const u = nextarg(f, name, args);
    let uid = getpwnam(u)?.uid;
    if (uid === undefined) {
      const [v, e] = strtoq(u, 0);
      if (e === 0 || e !== u.length) errx(f.ctx, 1, `${name}: ${u}: no such user`);
      uid = v;
    }
    const id = uid;
    return (e) => e.stat!.uid === id;
  },
  "-wholename": mkName("path", 0),
  "-writable": mkAccess(2),
  "-xdev": (f) => { f.ftsopts |= FTS_XDEV; return () => true; },
};
PRIMS["-d"] = PRIMS["-depth"]!;
for (const x of "acm") for (const y of "acmt") PRIMS[`-newer${x}${y}`] = mkNewer(x, y);

function msgOf(e: unknown): string {
  if (e instanceof SysError) return e.message;
  throw e;
}

class Quit {}

// ---------- the expression ----------
/** primaries that need no more of an entry than its name, path and file type */
const NOSTAT_OK = new Set(["-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex",
  "-print", "-print0", "-fprint", "-fprint0", "-prune", "-quit", "-true", "-false", "-type", "-depth", "-d",
  "-maxdepth", "-mindepth", "-exec", "-execdir", "-ok", "-okdir", "-delete", "-follow", "-mount", "-xdev", "-noleaf",
  "-lname", "-ilname"]);
const OPERATORS = new Set(["(", ")", "!", "-not", "-o", "-or", "-a", "-and"]);
const isPrimary = (s: string) => OPERATORS.has(s) || Object.hasOwn(PRIMS, s);

function formplan(f: Find, argv: string[]): Test {
  const list: Node[] = [];
  const args = argv.slice();
  while (args.length) {
    const a = args.shift()!;
    if (a === "(") list.push({ kind: "(", name: a });
    else if (a === ")") list.push({ kind: ")", name: a });
    else if (a === "!" || a === "-not") list.push({ kind: "!", name: a });
    else if (a === "-o" || a === "-or") list.push({ kind: "-o", name: a });
    else if (a === "-a" || a === "-and") continue;
    else {
      if (!Object.hasOwn(PRIMS, a)) errx(f.ctx, 1, `${a}: unknown primary or operator`);
      if (!NOSTAT_OK.has(a)) f.needStat = true;
      const fn = PRIMS[a]!(f, a, args);
      if (fn) list.push({ kind: "prim", name: a, fn });
    }
  }
  let plan: Node[];
  if (!f.isoutput) {
    const pr = PRIMS["-print"]!(f, "-print", [])!;
    plan = list.length ? [{ kind: "(", name: "(" }, ...list, { kind: ")", name: ")" }, { kind: "prim", name: "-print", fn: pr }] : [{ kind: "prim", name: "-print", fn: pr }];
  } else plan = list;
  plan = parenSquish(f, plan);
  plan = notSquish(f, plan);
  plan = orSquish(f, plan);
  return compile(plan);
}

function parenSquish(f: Find, list: Node[]): Node[] {
  const out: Node[] = [];
  let i = 0;
  const yankExpr = (): Node[] | null => {
    // after '(': collect to the matching ')'
    const sub: Node[] = [];
    for (;;) {
      if (i >= list.length) errx(f.ctx, 1, "(: missing closing ')'");
      const n = list[i++]!;
      if (n.kind === ")") return sub;
      if (n.kind === "(") {
        const inner = yankExpr()!;
        if (!inner.length) errx(f.ctx, 1, "(): empty inner expression");
        sub.push({ kind: "expr", name: "()", kids: inner });
      } else sub.push(n);
    }
  };
  while (i < list.length) {
    const n = list[i++]!;
    if (n.kind === ")") errx(f.ctx, 1, "): no beginning '('");
    if (n.kind === "(") {
      const inner = yankExpr()!;
      if (!inner.length) errx(f.ctx, 1, "(): empty inner expression");
      out.push({ kind: "expr", name: "()", kids: inner });
    } else out.push(n);
  }
  return out;
}

function notSquish(f: Find, list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    let n = list[i]!;
    if (n.kind === "expr") n = { ...n, kids: notSquish(f, n.kids!) };
    if (n.kind === "!") {
      let notlevel = 1;
      let next = list[++i];
      while (next && next.kind === "!") { notlevel++; next = list[++i]; }
      if (!next) errx(f.ctx, 1, "!: no following expression");
      if (next.kind === "-o") errx(f.ctx, 1, "!: nothing between ! and -o");
      if (next.kind === "expr") next = { ...next, kids: notSquish(f, next.kids!) };
      out.push(notlevel % 2 ? { kind: "not", name: "!", kids: [next] } : next);
    } else out.push(n);
  }
  return out;
}

function orSquish(f: Find, list: Node[]): Node[] {
  const groups: Node[][] = [[]];
  for (const n0 of list) {
    let n = n0;
    if (n.kind === "expr") n = { ...n, kids: orSquish(f, n.kids!) };
    if (n.kind === "not" && n.kids![0]!.kind === "expr") n = { ...n, kids: [{ ...n.kids![0]!, kids: orSquish(f, n.kids![0]!.kids!) }] };
    if (n.kind === "-o") {
      if (!groups[groups.length - 1]!.length) errx(f.ctx, 1, "-o: no expression before -o");
      groups.push([]);
    } else groups[groups.length - 1]!.push(n);
  }
  if (groups.length > 1 && !groups[groups.length - 1]!.length) errx(f.ctx, 1, "-o: no expression after -o");
  if (groups.length === 1) return groups[0]!;
  // left-associative: ((a -o b) -o c)
  let acc: Node = { kind: "expr", name: "()", kids: groups[0]! };
  for (let k = 1; k < groups.length; k++) acc = { kind: "or", name: "-o", kids: [acc, { kind: "expr", name: "()", kids: groups[k]! }] };
  return [acc];
}

function compileNode(n: Node): Test {
  switch (n.kind) {
    case "prim": return n.fn!;
    case "expr": return compile(n.kids!);
    case "not": { const t = compileNode(n.kids![0]!); return (e) => !t(e); }
    case "or": { const a = compileNode(n.kids![0]!), b = compileNode(n.kids![1]!); return (e) => a(e) || b(e); }
    default: throw new Error(`bad plan node ${n.kind}`);
  }
}

function compile(list: Node[]): Test {
  const fns = list.map(compileNode);
  if (fns.length === 0) return () => true;
  if (fns.length === 1) return fns[0]!;
  if (fns.length === 2) { const [a, b] = fns as [Test, Test]; return (e) => a(e) && b(e); }
  return (e) => {
    for (let i = 0; i < fns.length; i++) if (!fns[i]!(e)) return false;
    return true;
  };
}

// ---------- main ----------
export default defineApplet({
  name: "find",
  main(ctx) {
    const f = new Find(ctx);
    const g = new Getopt(ctx, "+EHLPXdf:sx");
    const paths: string[] = [];
    let sorted = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "E": f.regexExtended = true; break;
        case "H": f.ftsopts = (f.ftsopts & ~FTS_LOGICAL) | FTS_PHYSICAL | FTS_COMFOLLOW; break;
        case "L": f.ftsopts = (f.ftsopts & ~(FTS_PHYSICAL | FTS_COMFOLLOW)) | FTS_LOGICAL; break;
        case "P": f.ftsopts = (f.ftsopts & ~(FTS_COMFOLLOW | FTS_LOGICAL)) | FTS_PHYSICAL; break;
        case "X": f.isxargs = true; break;
        case "d": f.isdepth = true; break;
        case "f": paths.push(g.optarg!); break;
        case "s": sorted = true; break;
        case "x": f.ftsopts |= FTS_XDEV; break;
        default:
          ctx.err.write(USAGE);
          return 1;
      }
    }
    const argv = g.rest;
    let i = 0;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a[0] === "-") break;
      if ((a === "!" || a === "(")) break;
      paths.push(a);
    }
    if (!paths.length) {
      ctx.err.write(USAGE);
      return 1;
    }
    const plan = formplan(f, argv.slice(i));
    return execute(f, paths, plan, sorted);
  },
});

function execute(f: Find, paths: string[], plan: Test, sorted: boolean): number {
  const ctx = f.ctx;
  try {
    f.fts = new Fts(paths, f.ftsopts | (f.needStat ? 0 : FTS_NOSTAT), sorted ? (a, b) => strcmp(a.name, b.name) : undefined);
  } catch (e) {
    err(ctx, 1, "fts_open", e);
  }
  const fts = f.fts;
  const { isdepth, maxdepth, mindepth, isxargs } = f;
  try {
    for (let e: FtsEnt | null; (e = fts.read()); ) {
      if (maxdepth !== -1 && e.level >= maxdepth) {
        fts.set(e, FTS_SKIP);
        if (e.level > maxdepth) continue;
      }
      switch (e.info) {
        case FTS_D:
          if (isdepth) continue;
          break;
        case FTS_DP:
          if (!isdepth) continue;
          break;
        case FTS_DNR: case FTS_ERR: case FTS_NS:
          f.out.flush();
          warnx(ctx, `${e.path}: ${strerror(e.errno)}`);
          f.exitstatus = 1;
          continue;
      }
      if (isxargs && /[ \t\n\\'"]/.test(e.path)) {
        f.out.flush();
        warnx(ctx, `${e.path}: illegal path`);
        f.exitstatus = 1;
        continue;
      }
      if (mindepth !== -1 && e.level < mindepth) continue;
      plan(e);
    }
  } catch (e) {
    if (e instanceof Quit) return f.exitstatus;
    if (e instanceof SysError) {
      for (const p of f.plusList) p.flush();
      err(ctx, 1, "fts_read", e);
    }
    throw e;
  }
  for (const p of f.plusList) p.flush();
  return f.exitstatus;
}
