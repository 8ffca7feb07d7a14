// locate — find filenames quickly, in FreeBSD's locate database.
// FreeBSD: locate(1) (usr.bin/locate/locate: locate.c, fastfind.c, util.c); database format in
// ./locatedb.ts. Options "0Scd:il:ms" (plain getopt: the first operand ends the options):
//   -0 NUL after each name instead of a newline; -S statistics of each database, no search;
//   -c print only the number of matches; -d db[:db...] (repeatable; an empty element means the
//   default database); -i ignore case; -l N stop after N names ("[show only N lines]" on
//   stderr, status 0; 0 = no limit; negative is an error); -m / -s: FreeBSD's mmap(2) and
//   stdio(3) readers (both read the whole file here; they differ only on a truncated last record).
// Databases: -d, else $LOCATE_PATH if set and not empty, else /var/db/locate.database; "-" reads
// standard input (then only the first pattern is used). Every database is searched for every
// pattern, in that order; -c and -l count across all of them.
// Matching: a pattern holding none of * ? [ ] \ matches any path containing it; otherwise the
// path must hold the last metacharacter-free piece of the pattern (util.c patprep: "/" for a
// pattern of only metacharacters) and match the pattern with fnmatch(3) without flags (so '*'
// and '?' match '/'). -i: ASCII case folding for the piece, FNM_CASEFOLD for fnmatch. Paths are
// bytes: output is byte-exact; fnmatch sees characters (UTF-8, or bytes in the C locale).
// Exit: 0; 1 on a missing, short or unreadable database, a corrupt one, or a usage error.
// Not done: FreeBSD truncates the metacharacter-free piece to 99 bytes (a longer literal pattern
// then matches on its first 99 bytes only); here the whole piece must match.
import { defineApplet, Getopt, errx, err, warnx, Exit, type Ctx, encode, decode, latin1, utf8Locale } from "@bsdbox/shared";
import { fnmatch, FNM_CASEFOLD } from "@bsdbox/shared/fnmatch";
import { fmtFloat, makeSpec } from "@bsdbox/shared/format";
import { open, close, read, fstat, stat, O, S_ISDIR, SysError } from "@bsdbox/compat";
import { decodeDb, readBigrams, getInt, NBG, OFFSET, SWITCH, UMLAUT, PARITY, LOCATE_PATH_MAX, type Fail } from "./locatedb";

const PATH_FCODES = "/var/db/locate.database";
const USAGE = "usage: locate [-0Scims] [-l limit] [-d database] pattern ...\n\n" +
  `default database: \`${PATH_FCODES}' or $LOCATE_PATH\n`;
const isMeta = (c: number) => c === 42 || c === 63 || c === 91 || c === 93 || c === 92;
const lower = (c: number) => (c >= 65 && c <= 90 ? c | 32 : c);
const ENODEV = 19;

interface State {
  ctx: Ctx;
  sep: number;
  icase: boolean;
  silent: boolean;
  limit: number;
  counter: number;
  utf8: boolean;
}

/** util.c colon(): split a colon-separated list; an empty element is `dot`. */
function colon(ctx: Ctx, dbv: string[], path: string, dot: string): void {
  if (path === "") {
    warnx(ctx, "empty database name, ignored");
    return;
  }
  let c = 0;
  for (let ch = 0; ; ch++) {
    const end = ch === path.length;
    if ((!end && path[ch] === ":") || (end && !(path[ch - 1] === ":" && ch === 1))) {
      dbv.push(ch === c ? dot : path.slice(c, ch));
      c = ch + 1;
    }
    if (end) break;
  }
}

/** atol(3) */
function atol(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  return Math.max(-9223372036854775808, Math.min(9223372036854775807, n));
}

/** util.c patprep(): the last metacharacter-free piece of the pattern. */
function patprep(name: Uint8Array): Uint8Array {
  let p = name.length - 1;
  while (p >= 0 && isMeta(name[p]!)) p--;
  if (p >= 0) {
    let bracket = false;
    for (let k = p; k < name.length; k++) if (name[k] === 91 || name[k] === 93) bracket = true;
    if (bracket) {
      let k = 0;
      while (k < name.length && name[k] !== 91 && name[k] !== 93) k++;
      p = k - 1;
      if (p >= 0 && isMeta(name[p]!)) p = -1;
    }
  }
  if (p < 0) return Uint8Array.of(47); // only metacharacters: look for a '/'
  const endmark = p;
  while (p >= 0 && !isMeta(name[p]!)) p--;
  return name.slice(p + 1, endmark + 1);
}

function rebuildMessage(ctx: Ctx, db: string): void {
  if (db === PATH_FCODES) {
    ctx.err.write("\nTo create a new database, please run the following command as root:\n\n");
    ctx.err.write("  /etc/periodic/weekly/310.locate\n\n");
    ctx.err.flush();
  }
}

/** util.c check_size(): the database exists and holds at least the bigram table. */
function checkSize(st: State, db: string): void {
  let size: number;
  try {
    size = stat(db).size;
  } catch {
    warnx(st.ctx, `the locate database '${db}' does not exist.`);
    rebuildMessage(st.ctx, db);
    throw new Exit(1);
  }
  if (size < 2 * NBG) {
    warnx(st.ctx, `the locate database '${db}' is smaller than ${2 * NBG} bytes large.`);
    rebuildMessage(st.ctx, db);
    throw new Exit(1);
  }
}

function readAll(fd: number, hint = 0): Uint8Array {
  let buf = new Uint8Array(Math.max(hint + 1, 1 << 16));
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const b = new Uint8Array(buf.length * 2);
      b.set(buf);
      buf = b;
    }
    let n: number;
    try {
      n = read(fd, buf, len);
    } catch (e) {
      if (e instanceof SysError) break; // getc(3) sees EOF on a read error (a directory)
      throw e;
    }
    if (n === 0) break;
    len += n;
  }
  return buf.subarray(0, len);
}

/** Open and read a database file the way search_fopen()/search_mmap() do, with their errors. */
function load(st: State, db: string, mmap: boolean): Uint8Array {
  checkSize(st, db);
  let fd: number;
  try {
    fd = open(db, O.RDONLY);
  } catch (e) {
    // search_fopen() says warn("`%s'"), search_mmap() warn("%s")
    st.ctx.err.write(`${st.ctx.prog}: ${mmap ? db : `\`${db}'`}: ${(e as SysError).message}\n`);
    rebuildMessage(st.ctx, db);
    throw new Exit(1);
  }
  try {
    const s = fstat(fd);
    if (mmap && S_ISDIR(s.mode)) err(st.ctx, 1, `mmap \`\`${db}''`, ENODEV);
    return readAll(fd, s.size);
  } finally {
    close(fd);
  }
}

/** fastfind(): print (or count) the paths of one database matching one pattern. */
function fastfind(st: State, data: Uint8Array, pattern: string, db: string, stdio: boolean): void {
  const { ctx, icase } = st;
  const fail: Fail = (m) => errx(ctx, 1, m);
  const pat = encode(pattern);
  if (icase) for (let i = 0; i < pat.length; i++) pat[i] = lower(pat[i]!);
  const globflag = pat.some(isMeta);
  const sub = patprep(pat);
  const m = sub.length;
  // fnmatch sees characters: the (lowered) pattern as the locale decodes it
  const fpat = st.utf8 ? decode(pat) : latin1(pat);
  const fflags = icase ? FNM_CASEFOLD : 0;
  const out = ctx.out;
  let found = false;
  decodeDb(data, db, stdio, fail, (path, len, count) => {
    // a path that the previous one did not match can only match in its new part
    let s = found ? m - 1 : Math.max(m - 1, count);
    found = false;
    const last = sub[m - 1]!;
    for (; s < len; s++) {
      const c = icase ? lower(path[s]!) : path[s]!;
      if (c !== last) continue;
      let k = m - 2, q = s - 1;
      if (icase) while (k >= 0 && lower(path[q]!) === sub[k]) { k--; q--; }
      else while (k >= 0 && path[q] === sub[k]) { k--; q--; }
      if (k < 0) { found = true; break; }
    }
    if (!found) return;
    let n = path.subarray(0, len).indexOf(0);
    if (n < 0) n = len; // printf("%s") stops at a NUL
    if (globflag) {
      const v = path.subarray(0, n);
      if (fnmatch(fpat, st.utf8 ? decode(v) : latin1(v), fflags) !== 0) return;
    }
    if (st.silent) {
      st.counter++;
      return;
    }
    if (st.limit) {
      st.counter++;
      if (st.limit < st.counter) {
        warnx(ctx, `[show only ${st.counter - 1} lines]`);
        throw new Exit(0);
      }
    }
    out.write(path.subarray(0, n));
    out.byte(st.sep);
  });
}

/** float arithmetic as C does it on `float` operands */
const f = Math.fround;
const pct = (x: number) => fmtFloat(x, "f", makeSpec("", 2, 2));

/** statistic(): the -S report of one database (the stdio reader). */
function statistic(st: State, data: Uint8Array, db: string): void {
  const { ctx } = st;
  readBigrams(data, (m) => errx(ctx, 1, m));
  let lines = 0, chars = 0, big = 0, zwerg = 0, umlaut = 0, longest = 0, error = false;
  let size = 2 * NBG;
  const end = data.length;
  let i = 2 * NBG;
  const getc = () => (i < end ? data[i++]! : (i++, -1));
  let c = getc();
  let count = 0;
  for (; c !== -1; size++) {
    if (c === SWITCH) {
      if (end - i < 4) {
        i = end;
        count += -1 - OFFSET;
      } else {
        count += getInt(data, i, (m) => errx(ctx, 1, m)) - OFFSET;
        i += 4;
      }
      size += 4;
      zwerg++;
    } else count += c - OFFSET;
    if (count < 0 || count >= LOCATE_PATH_MAX) {
      warnx(ctx, `corrupted database: ${db} ${count}`);
      error = true;
      break;
    }
    let p = count;
    for (; (c = getc()) > SWITCH; size++) {
      if (c < PARITY) {
        if (c === UMLAUT) {
          c = getc();
          size++;
          umlaut++;
        }
        p++;
      } else {
        big++;
        p += 2;
      }
    }
    p++;
    lines++;
    chars += p;
    if (p > longest) longest = p;
  }
  const sizeNbg = size - 2 * NBG;
  const o = ctx.out;
  o.write(`\nDatabase: ${db}\n`);
  o.write(`Compression: Front: ${pct(chars > 0 ? f(f(sizeNbg + big) / f(f(chars) / 100)) : 0)}%, `);
  o.write(`Bigram: ${pct(big > 0 ? f(f(sizeNbg - big) / f(f(sizeNbg) / 100)) : 0)}%, `);
  o.write(`Total: ${pct(chars > 0 ? f(f(size) / f(f(chars) / 100)) : 0)}%\n`);
  o.write(`Filenames: ${lines}, Characters: ${chars}, Database size: ${size}\n`);
  o.write(`Bigram characters: ${big}, Integers: ${zwerg}, 8-Bit characters: ${umlaut}\n`);
  o.write(`Longest path: ${longest > 0 ? longest - 1 : 0}\n`);
  if (error) throw new Exit(1);
}

export default defineApplet({
  name: "locate",
  main(ctx: Ctx): number {
    const st: State = { ctx, sep: 10, icase: false, silent: false, limit: 0, counter: 0, utf8: utf8Locale(ctx.env) };
    let statistics = false, mmap = true;
    const dbv: string[] = [];
    const g = new Getopt(ctx, "0Scd:il:ms");
    for (let o: string | undefined; (o = g.next()) !== undefined; ) {
      switch (o) {
        case "0": st.sep = 0; break;
        case "S": statistics = true; break;
        case "l":
          st.limit = atol(g.optarg!);
          if (st.limit < 0) errx(ctx, 1, `invalid argument for -l: '${g.optarg}'`);
          break;
        case "d": colon(ctx, dbv, g.optarg!, PATH_FCODES); break;
        case "i": st.icase = true; break;
        case "m": mmap = true; break;
        case "s": mmap = false; break;
        case "c": st.silent = true; break;
        default:
          ctx.err.write(USAGE);
          return 1;
      }
    }
    const patterns = g.rest;
    if (patterns.length < 1 && !statistics) {
      ctx.err.write(USAGE);
      return 1;
    }
    if (dbv.length === 0) {
      const env = ctx.env.get("LOCATE_PATH");
      colon(ctx, dbv, env ? env : PATH_FCODES, PATH_FCODES);
    }
    let stdinData: Uint8Array | undefined;
    for (const db of dbv) {
      const isStdin = db === "-";
      let data: Uint8Array;
      if (isStdin) {
        if (patterns.length > 1) {
          warnx(ctx, `read database from stdin, use only \`${patterns[0]}' as pattern`);
          patterns.length = 1;
        }
        // standard input can be read once: a second "-" finds it at its end
        data = stdinData === undefined ? (stdinData = readAll(ctx.stdin)) : new Uint8Array(0);
      } else data = load(st, db, mmap && !statistics);
      if (statistics) {
        statistic(st, data, db);
        continue;
      }
      for (const p of patterns) fastfind(st, data, p, db, isStdin || !mmap);
    }
    if (st.silent) ctx.out.write(`${st.counter}\n`);
    return 0;
  },
});
