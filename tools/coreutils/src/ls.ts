// ls, dir, vdir — list directory contents.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/ls.html  FreeBSD: ls(1)
// ls [-ABCFGHILPRSTZabcdfghiklmnpqrstuvwxy1,] [--color[=when]] [-D format]
//    [--group-directories[=first|last]] [--group-directories-first] [file ...]
// getopt_long "+1ABCD:FGHILPRSTXZabcdfghiklmnpqrstuvwxy," (no permutation). dir = ls -C -b,
// vdir = ls -l -b (personalities: those flags are set before the arguments are read).
// Formats: -1 one per line (default when stdout is not a terminal), -C columns down (terminal
//   default), -x columns across, -m stream "a, b, c", -l long, -n long with numeric ids, -g long
//   without the owner; -s blocks, -i inode; -k 1024-byte blocks, -h human sizes (and total);
//   -, widens the size column for thousands separators (musl's printf prints none); -T full
//   times, -D strftime format; -F type marks / | @ = *, -p only "/"; -Z a label column ("-").
// Sorting: by name (bytes = C.UTF-8 collation), -t mtime (-u atime, -c ctime, -U "birth" =
//   name order as Linux has none), -S size, -v strverscmp, -r reverse, -y (LS_SAMESORT) ties by
//   time sort names the same way, -f unsorted (and -a), --group-directories[-first]. Operands:
//   files first, then directories, each group sorted.
// -a all, -A all but . and .. (default for root unless -I), -d directories as files, -R recurse.
// Symlinks: operands are followed unless -l, -d, -F, -P or colour (-H follows operands always);
//   -L follows everything.
// Names: -q (terminal default) non-printables as ?, -w raw (default otherwise), -b C escapes or
//   octal, -B octal. Colour: -G / CLICOLOR (on a terminal or with CLICOLOR_FORCE), --color=
//   always|auto|never; LSCOLORS (FreeBSD default exfxcxdxbxegedabagacad); terminfo sequences when
//   TERM names a known terminal, else plain ANSI with --color=always. Width: COLUMNS, the
//   terminal, else 80. BLOCKSIZE for -s/-l totals (default 512). LS_COLWIDTHS minimum widths.
// Not accepted, as in chimerautils: -o (file flags; not in the option string) and -W; -X is in
//   the option string but has no meaning, so it prints the usage. Linux has no birth time: -U
//   sorts by name and shows the ctime.
// Errors: "ls: x: No such file or directory", unreadable directories, and the walk goes on;
//   status 1 then. Usage errors: status 1 (2 for a bad --color/--group-directories value).
// The tree walk is ls's own (fts(3) semantics as ls uses them: fts_children, FTS_NOSTAT via
// d_type, FTS_NAMEONLY, FTS_SEEDOT, cycle detection under -L), on compat's readdir and stat.
import { defineApplet, Getopt, usage, errx, warnx, utf8Locale, iswprint, type Ctx, humanizeNumber, HN, getbsize, decode } from "@bsdbox/shared";
import { sortNames } from "@bsdbox/shared/bytesort";
import type * as ModeLib from "@bsdbox/shared/mode";
import type * as TimeLib from "@bsdbox/shared/strftime";
import type * as WidthLib from "@bsdbox/shared/wcwidth";
import type * as TermLib from "@bsdbox/shared/terminfo";
import {
  stat, lstat, readlink, readdirTyped, readdirRaw, type RawDirents, isatty, winsize, getuid, getpwuid, getgrgid, encode, byteLength, SysError,
  DT, S_ISDIR, S_ISLNK, S_ISREG, S_ISCHR, S_ISBLK, getxattrLen, sysError, type Stat,
} from "@bsdbox/compat";

// The libraries of long, column, escaped and coloured listings, loaded once main knows it needs
// them: a plain listing (names one per line, ls -R into a pipe) is spared ~0.5 ms of start-up.
let strmode: typeof ModeLib.strmode, localtime: typeof TimeLib.localtime, strftime: typeof TimeLib.strftime;
let wcwidth: typeof WidthLib.wcwidth, readTerminfo: typeof TermLib.readTerminfo;
let terminfoExists: typeof TermLib.terminfoExists, tparm: typeof TermLib.tparm, stripDelays: typeof TermLib.stripDelays;
let libs: Promise<void> | undefined;
const loadLibs = () =>
  (libs ??= Promise.all([
    import("@bsdbox/shared/mode"), import("@bsdbox/shared/strftime"), import("@bsdbox/shared/wcwidth"),
    import("@bsdbox/shared/terminfo"),
  ]).then(([m, t, w, ti]) => {
    ({ strmode } = m);
    ({ localtime, strftime } = t);
    ({ wcwidth } = w);
    ({ readTerminfo, terminfoExists, tparm, stripDelays } = ti);
  }));

const USAGE =
  "usage: ls [-ABCFGHILPRSTZabcdfghiklmnopqrstuvwxy1,] [--color=when] [-D format] [--group-directories=] [file ...]";
const ENOENT = 2, EIO = 5, ENOTCONN = 107;

// fts_info values
const D = 1, DC = 2, DEFAULT = 3, DOT = 5, F = 8, NS = 10, NSOK = 11, SL = 12, SLNONE = 13;
const NO_PRINT = 1, ERR_PRINT = 2;
/** An entry that cannot be stat'ed is still listed (as ls's display() does) only for EIO and
 * ENOTCONN; otherwise it is left out after its warning. */
const listedDespite = (e: SysError) => e.errno === EIO || e.errno === ENOTCONN;

interface Ent {
  name: string;
  path: string;
  level: number;
  parent?: Ent;
  info: number;
  st?: Stat;
  err?: SysError;
  number: number;
  key?: Uint8Array;
  user?: string;
  group?: string;
  label?: string;
  /** the children, once read (undefined: not yet; null: the directory could not be read) */
  kids?: Ent[] | null;
  kidsErr?: SysError;
  kidsNameOnly?: boolean;
  /** a plain listing: the children as compat's readdirRaw read them, in the order to print
   * (`kids` then holds only the children stat'ed); display prints them at once, before any
   * other directory is read */
  raw?: { dir: RawDirents; order: Uint32Array; drop: Set<number> | null };
}

interface Colors { num: [number, number]; bold: boolean; underline: boolean; }

class Ls {
  // flags as ls.c names them
  /** names alone, one per line, as they are (display's plain case): see build() */
  plain = false;
  accesstime = false; birthtime = false; humanval = false; inode = false; kblocks = false;
  label = false; listdir = false; listdot = false; longform = false; noautodot = false;
  nofollow = false; nonprint = false; nosort = false; notabs = false; numericonly = false;
  octal = false; octalEscape = false; recursive = false; reversesort = false; verssort = false;
  samesort = false; sectime = false; singlecol = false; size = false; sizesort = false;
  slash = false; sortacross = false; sowner = false; statustime = false; stream = false;
  thousands = false; timeformat: string | undefined; timesort = false; type = false;
  groupdir = 0;
  color = false; explicitansi = false;
  // fts options
  seedot = false; logical = false; comfollow = false; nostat = false;
  termwidth = 80;
  blocksize = 1;
  utf8 = true;
  output = false;
  rval = 0;
  argc = 0;
  now = 0;
  colors: Colors[] = [];
  term?: TermCaps;
  sortfcn!: (a: Ent, b: Ent) => number;
  /** sortfcn is the name order (1) or its reverse (-1) */
  namesort = 0;
  /** the children of a directory are sorted by name alone: the name order, sorting on, no
   * grouping of directories (below the roots nothing else decides the order) */
  byName = false;
  users = new Map<number, string>();
  groups = new Map<number, string>();
  /** displayRaw's buffer */
  listing = new Uint8Array(0);

  constructor(readonly ctx: Ctx) {}

  out(s: string) {
    this.ctx.out.write(s);
  }

  // ---------- names ----------
  /** Print a name as -q/-w/-b/-B say; returns the columns it takes. */
  printname(s: string): number {
    if (this.octal || this.octalEscape) return this.prnOctal(s);
    if (this.nonprint) return this.prnPrintable(s);
    return this.prnNormal(s);
  }

  prnNormal(s: string): number {
    this.out(s);
    let n = 0;
    if (!this.utf8) {
      for (const b of encode(s)) if (b >= 0x20 && b < 0x7f) n++;
      return n;
    }
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0xdc80 && cp <= 0xdcff) n++;
      else if (iswprint(cp)) n += wcwidth(cp);
    }
    return n;
  }

  prnPrintable(s: string): number {
    let o = "", n = 0;
    if (!this.utf8) {
      for (const b of encode(s)) {
        o += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "?";
        n++;
      }
    } else {
      for (const ch of s) {
        const cp = ch.codePointAt(0)!;
        if ((cp >= 0xdc80 && cp <= 0xdcff) || !iswprint(cp)) { o += "?"; n++; }
        else { o += ch; n += wcwidth(cp); }
      }
    }
    this.out(o);
    return n;
  }

  prnOctal(s: string): number {
    const ESC: Record<number, string> = { 0x5c: "\\", 0x22: '"', 7: "a", 8: "b", 12: "f", 10: "n", 13: "r", 9: "t", 11: "v" };
    const oct = (b: number) => "\\" + (b >> 6) + ((b >> 3) & 7) + (b & 7);
    let o = "", n = 0;
    if (!this.utf8) {
      for (const b of encode(s)) {
        if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) { o += String.fromCharCode(b); n++; }
        else if (this.octalEscape && ESC[b] !== undefined) { o += "\\" + ESC[b]; n += 2; }
        else { o += oct(b); n += 4; }
      }
    } else {
      for (const ch of s) {
        const cp = ch.codePointAt(0)!;
        const good = !(cp >= 0xdc80 && cp <= 0xdcff);
        if (good && iswprint(cp) && cp !== 0x22 && cp !== 0x5c) { o += ch; n += wcwidth(cp); }
        else if (good && this.octalEscape && ESC[cp] !== undefined) { o += "\\" + ESC[cp]; n += 2; }
        else {
          for (const b of good ? encode(ch) : [cp - 0xdc00]) o += oct(b);
          n += 4 * (good ? byteLength(ch) : 1);
        }
      }
    }
    this.out(o);
    return n;
  }

  /** len_octal: the columns -b/-B may need (printable characters count 1). */
  lenOctal(s: string): number {
    let r = 0;
    if (!this.utf8) {
      for (const b of encode(s)) r += b >= 0x20 && b < 0x7f ? 1 : 4;
      return r;
    }
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0xdc80 && cp <= 0xdcff) r += 4;
      else r += iswprint(cp) ? 1 : 4 * byteLength(ch);
    }
    return r;
  }

  // ---------- the walk ----------
  key(e: Ent): Uint8Array {
    return (e.key ??= encode(e.name));
  }
  namecmp = (a: Ent, b: Ent): number => {
    // UTF-16 order is byte order up to the first difference when both code units there are
    // below the surrogates (and a prefix sorts first in both); otherwise compare the bytes
    const s = a.name, t = b.name, m = Math.min(s.length, t.length);
    let i = 0;
    while (i < m && s.charCodeAt(i) === t.charCodeAt(i)) i++;
    if (i === m) return s.length - t.length;
    const c = s.charCodeAt(i), d = t.charCodeAt(i);
    if (c < 0xd800 && d < 0xd800) return c - d;
    const x = this.key(a), y = this.key(b);
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };

  /** fts_stat: stat or lstat the entry, set info. */
  ftsStat(e: Ent, follow: boolean): void {
    let st: Stat;
    try {
      st = this.logical || follow ? stat(e.path) : lstat(e.path);
    } catch (x) {
      if (!(x instanceof SysError)) throw x;
      if ((this.logical || follow) && x.errno === ENOENT) {
        try {
          e.st = lstat(e.path);
          e.info = SLNONE;
          return;
        } catch (y) {
          if (!(y instanceof SysError)) throw y;
        }
      }
      e.err = x;
      e.info = NS;
      return;
    }
    e.st = st;
    if (S_ISDIR(st.mode)) {
      if (e.name === "." || e.name === "..") {
        e.info = DOT;
        return;
      }
      for (let t = e.parent; t && t.level >= 0; t = t.parent) {
        if (t.st && t.st.ino === st.ino && t.st.dev === st.dev) {
          e.info = DC;
          return;
        }
      }
      e.info = D;
    } else e.info = S_ISLNK(st.mode) ? SL : S_ISREG(st.mode) ? F : DEFAULT;
  }

  mastercmp = (a: Ent, b: Ent): number => {
    if (a.info === NS || b.info === NS) return this.namecmp(a, b);
    if (a.info !== b.info && a.level === 0 && !this.listdir) {
      if (a.info === D) return 1;
      if (b.info === D) return -1;
    }
    if (this.groupdir) {
      const dir = (a.info === D ? 1 : 0) - (b.info === D ? 1 : 0);
      if (dir) return this.groupdir * dir;
    }
    return this.sortfcn(a, b);
  };

  /** fts_build: read and stat (as needed) the children of p, sorted. */
  build(p: Ent, nameonly: boolean): Ent[] | null {
    p.raw = undefined;
    // a plain listing in name order is read, sorted and printed as bytes: a string only for the
    // entries that are stat'ed (those a walk may enter)
    if (this.plain && this.byName) {
      let dir: RawDirents | null;
      try {
        dir = readdirRaw(p.path, this.seedot);
      } catch (x) {
        if (!(x instanceof SysError)) throw x;
        p.kidsErr = x;
        return null;
      }
      if (dir !== null) return this.buildRaw(p, nameonly, dir);
    }
    let names: string[], types: ArrayLike<number>, ascii: boolean;
    try {
      ({ names, types, ascii } = readdirTyped(p.path));
    } catch (x) {
      if (!(x instanceof SysError)) throw x;
      p.kidsErr = x;
      return null;
    }
    if (this.seedot) {
      names.unshift(".", "..");
      types = [DT.DIR, DT.DIR, ...Array.from(types)];
    }
    const base = p.path.endsWith("/") ? p.path : p.path + "/";
    // with FTS_NOSTAT only directories and entries of unknown type are stat'ed
    const nostat = this.nostat && !this.logical;
    const kids: Ent[] = [];
    // sorted by name alone (below the roots no entry goes first for its type, and an entry that
    // cannot be stat'ed sorts by name too): the engine's own string sort, far cheaper than a
    // comparator, is byte order when no name holds a code unit from the surrogates up
    const presorted = this.byName && names.length > 1 &&
      (ascii || !NOT_BYTE_ORDER.test(names.join("")));
    // the types go with the names through the sort as the names of the few entries to stat
    let statSet: Set<string> | null = null;
    if (presorted) {
      if (nostat && !nameonly) {
        statSet = new Set();
        for (let i = 0; i < names.length; i++) if (types[i] === DT.DIR || types[i] === DT.UNKNOWN) statSet.add(names[i]!);
      }
      names.sort();
      if (this.namesort < 0) names.reverse();
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const e: Ent = { name, path: base + name, level: p.level + 1, parent: p, info: NSOK, number: 0 };
      if (!nameonly && (!nostat || (statSet ? statSet.has(name) : types[i] === DT.DIR || types[i] === DT.UNKNOWN))) this.ftsStat(e, false);
      kids.push(e);
    }
    if (!this.nosort && !presorted && kids.length > 1) {
      // below the roots, with every entry stat'ed or not needing it, mastercmp is sortfcn
      kids.sort(this.groupdir || kids.some((k) => k.info === NS) ? this.mastercmp : this.sortfcn);
    }
    return kids;
  }

  /** build() of a plain listing: p.raw holds the names in order, the entries of directories or
   * of unknown type become Ents and are stat'ed (FTS_NOSTAT), unless names only. */
  buildRaw(p: Ent, nameonly: boolean, dir: RawDirents): Ent[] {
    const { data, name, types, count } = dir;
    const order = sortNames(data, name, count);
    if (this.namesort < 0) order.reverse();
    const raw = { dir, order, drop: null as Set<number> | null };
    p.raw = raw;
    const kids: Ent[] = [];
    if (nameonly) return kids;
    const base = p.path.endsWith("/") ? p.path : p.path + "/";
    for (let j = 0; j < count; j++) {
      const i = order[j]!;
      if (types[i] !== DT.DIR && types[i] !== DT.UNKNOWN) continue;
      const at = name[i]!, ename = decode(data, at, data.indexOf(0, at));
      const e: Ent = { name: ename, path: base + ename, level: p.level + 1, parent: p, info: NSOK, number: 0 };
      this.ftsStat(e, false);
      kids.push(e);
      if (e.info === NS && !listedDespite(e.err!)) (raw.drop ??= new Set()).add(i);
    }
    return kids;
  }

  traverse(args: string[]): void {
    if (args.some((a) => a === "")) {
      warnx(this.ctx, "fts_open: No such file or directory");
      this.rval = 1;
      return;
    }
    this.argc = args.length;
    let roots: Ent[] = args.map((a) => {
      const e: Ent = { name: a, path: a, level: 0, info: 0, number: 0 };
      this.ftsStat(e, this.comfollow);
      if (e.info === DOT) e.info = D;
      return e;
    });
    if (!this.nosort && roots.length > 1) roots = roots.slice().sort(this.mastercmp);
    this.display(null, roots);
    if (this.listdir) return;
    for (const r of roots) if (r.info === D) this.visit(r);
  }

  /** An FTS_D visit of fts_read, and the walk below it. */
  visit(p: Ent): void {
    const nameonly = !this.recursive && !this.label && this.nostat;
    let skipped = false;
    if (!(p.level !== 0 && p.name[0] === "." && !this.listdot)) {
      if (this.output || this.argc > 1) {
        // the path as printname prints it; the columns it takes do not matter here
        const nl = this.output ? "\n" : "";
        if (this.nonprint || this.octal || this.octalEscape) {
          this.out(nl);
          this.printname(p.path);
          this.out(":\n");
        } else this.out(nl + p.path + ":\n");
        this.output = true;
      }
      p.kids = this.build(p, nameonly);
      p.kidsNameOnly = nameonly;
      this.display(p, p.kids ?? []);
      if (!this.recursive && p.kids) skipped = true;
    }
    if (skipped) return;
    // fts_read enters the directory: the children already read are used unless names only
    if (p.kids === undefined || p.kids === null || p.kidsNameOnly) p.kids = this.build(p, false);
    if (!p.kids) {
      warnx(this.ctx, `${p.path}: ${p.kidsErr!.message}`);
      this.rval = 1;
      return;
    }
    for (const c of p.kids) {
      if (c.info === D) this.visit(c);
      else if (c.info === DC) warnx(this.ctx, `${c.name}: directory causes a cycle`);
    }
    p.kids = undefined;
  }

  // ---------- display ----------
  display(p: Ent | null, list: Ent[]): void {
    if (p !== null && p.raw !== undefined) {
      this.displayRaw(p.raw, list);
      p.raw = undefined;
      return;
    }
    const needstats = this.inode || this.longform || this.size;
    const width = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const initmax = this.ctx.env.get("LS_COLWIDTHS");
    if (initmax !== undefined) {
      let s = initmax;
      for (let i = 0; i < 9 && s !== ""; i++) {
        if (s[0] === ":") { width[i] = 0; s = s.slice(1); continue; }
        const m = /^[ \t\n\v\f\r]*[+-]?\d*/.exec(s)!;
        width[i] = Number.parseInt(m[0].trim(), 10) || 0;
        s = s.slice(m[0].length).replace(/^[ \t\n\v\f\r]+/, "");
        if (s[0] !== ":") break;
        s = s.slice(1);
      }
    }
    const nines = (n: number) => (n > 0 ? 10 ** n - 1 : 0);
    let maxinode = nines(width[0]!), maxblock = nines(width[1]!), maxnlink = nines(width[2]!);
    let maxuser = width[3]!, maxgroup = width[4]!, maxsize = nines(width[6]!), maxlen = width[7]!;
    let maxlabel = width[8]!;
    let btotal = 0, entries = 0, sSize = 0;
    for (const cur of list) {
      cur.number = 0;
      let failent = false;
      if (cur.info === NS) {
        warnx(this.ctx, `${cur.name}: ${cur.err!.message}`);
        this.rval = 1;
        if (!listedDespite(cur.err!)) {
          cur.number = NO_PRINT;
          continue;
        }
        cur.number = ERR_PRINT;
        failent = true;
      }
      if (p === null) {
        if (cur.info === D && !this.listdir) {
          cur.number = NO_PRINT;
          continue;
        }
      } else if (cur.name[0] === "." && !this.listdot) {
        cur.number = NO_PRINT;
        continue;
      }
      if (!this.singlecol) {
        const nl = byteLength(cur.name);
        if (nl > maxlen) maxlen = nl;
      }
      if (this.octal || this.octalEscape) {
        const t = this.lenOctal(cur.name);
        if (t > maxlen) maxlen = t;
      }
      if (needstats) {
        const sp = cur.st ?? ZERO_STAT;
        if (sp.blocks > maxblock) maxblock = sp.blocks;
        if (sp.ino > maxinode) maxinode = sp.ino;
        if (sp.nlink > maxnlink) maxnlink = sp.nlink;
        if (sp.size > maxsize) maxsize = sp.size;
        btotal += sp.blocks;
        if (this.longform) {
          let user: string, group: string;
          if (failent) user = group = "?";
          else if (this.numericonly) { user = String(sp.uid); group = String(sp.gid); }
          else {
            user = this.users.get(sp.uid) ?? this.users.set(sp.uid, getpwuid(sp.uid)?.name ?? String(sp.uid)).get(sp.uid)!;
            group = this.groups.get(sp.gid) ?? this.groups.set(sp.gid, getgrgid(sp.gid)?.name ?? String(sp.gid)).get(sp.gid)!;
          }
          cur.user = user;
          cur.group = group;
          if (byteLength(user) > maxuser) maxuser = byteLength(user);
          if (byteLength(group) > maxgroup) maxgroup = byteLength(group);
          if (this.label) {
            cur.label = failent ? "?" : "-";
            if (cur.label.length > maxlabel) maxlabel = cur.label.length;
          }
          if (S_ISCHR(sp.mode) || S_ISBLK(sp.mode)) {
            const l = hex(sp.rdev).length;
            if (sSize < l) sSize = l;
          }
        }
      }
      entries++;
    }
    if (!entries && (!(this.longform || this.size) || p === null)) return;
    const d: Disp = {
      list, entries, maxlen, btotal, sBlock: 0, sInode: 0, sNlink: 0, sSize, sUser: maxuser,
      sGroup: maxgroup, sLabel: maxlabel,
    };
    if (needstats) {
      d.sBlock = String(howmany(maxblock, this.blocksize)).length;
      d.sInode = String(maxinode).length;
      d.sNlink = String(maxnlink).length;
      const sizelen = this.humanval ? 5 : String(maxsize).length;
      if (d.sSize < sizelen) d.sSize = sizelen;
    }
    if (this.thousands) d.sSize += Math.floor((d.sSize - 1) / 3);
    if (this.singlecol) this.printscol(d);
    else if (this.longform) this.printlong(d);
    else if (this.stream) this.printstream(d);
    else this.printcol(d);
    this.output = true;
  }

  /** display() of a plain listing (buildRaw made Ents only of the entries it stat'ed): the
   * warnings for those that could not be stat'ed, then the names one per line, as printscol
   * prints them, without the hidden ones and those that failed for another reason than EIO. */
  displayRaw(raw: NonNullable<Ent["raw"]>, stated: Ent[]): void {
    for (const cur of stated) {
      if (cur.info !== NS) continue;
      warnx(this.ctx, `${cur.name}: ${cur.err!.message}`);
      this.rval = 1;
    }
    const { dir: { data, name, count }, order, drop } = raw;
    // the names and their newlines, composed in bytes (each name is shorter than its record)
    if (this.listing.length < data.length) this.listing = new Uint8Array(Math.max(data.length, 2 * this.listing.length));
    const out = this.listing;
    let n = 0;
    for (let j = 0; j < count; j++) {
      const i = order[j]!;
      let at = name[i]!;
      if ((data[at] === 46 && !this.listdot) || (drop !== null && drop.has(i))) continue;
      for (let c; (c = data[at]!) !== 0; at++) out[n++] = c;
      out[n++] = 10;
    }
    if (n === 0) return;
    this.ctx.out.write(out.subarray(0, n));
    this.output = true;
  }

  printscol(d: Disp): void {
    if (!this.inode && !this.size && !this.color && !this.type && !this.nonprint && !this.octal && !this.octalEscape) {
      // names only, as they are: one string
      let o = "";
      for (const p of d.list) if (p.number !== NO_PRINT) o += p.name + "\n";
      this.out(o);
      return;
    }
    for (const p of d.list) {
      if (p.number === NO_PRINT) continue;
      this.printaname(p, d.sInode, d.sBlock);
      this.out("\n");
    }
  }

  printaname(p: Ent, inodefield: number, sizefield: number): number {
    const sp = p.st ?? ZERO_STAT;
    let chcnt = 0;
    if (this.inode) {
      const s = String(sp.ino).padStart(inodefield) + " ";
      this.out(s);
      chcnt += s.length;
    }
    if (this.size) {
      const s = String(howmany(sp.blocks, this.blocksize)).padStart(sizefield) + " ";
      this.out(s);
      chcnt += s.length;
    }
    const colored = this.color && this.colortype(sp.mode);
    chcnt += this.printname(p.name);
    if (colored) this.endcolor();
    if (this.type) chcnt += this.printtype(sp.mode);
    return chcnt;
  }

  printstream(d: Disp): void {
    let chcnt = 0;
    const list = d.list;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (p.number === NO_PRINT) continue;
      const more = i + 1 < list.length;
      if (byteLength(p.name) + chcnt + (more ? 2 : 0) >= this.termwidth) {
        this.out("\n");
        chcnt = 0;
      }
      chcnt += this.printaname(p, d.sInode, d.sBlock);
      if (more) {
        this.out(", ");
        chcnt += 2;
      }
    }
    if (chcnt) this.out("\n");
  }

  printcol(d: Disp): void {
    const tabwidth = this.notabs ? 1 : 8;
    const array = d.list.filter((p) => p.number !== NO_PRINT);
    const num = array.length;
    let colwidth = d.maxlen;
    if (this.inode) colwidth += d.sInode + 1;
    if (this.size) colwidth += d.sBlock + 1;
    if (this.type) colwidth += 1;
    colwidth = (colwidth + tabwidth) & ~(tabwidth - 1);
    if (this.termwidth < 2 * colwidth) {
      this.printscol(d);
      return;
    }
    const numcols = Math.floor(this.termwidth / colwidth);
    let numrows = Math.floor(num / numcols);
    if (num % numcols) ++numrows;
    if ((d.list.length === 0 || d.list[0]!.level !== 0) && (this.longform || this.size))
      this.out(`total ${howmany(d.btotal, this.blocksize)}\n`);
    let base = 0;
    for (let row = 0; row < numrows; ++row) {
      let endcol = colwidth;
      if (!this.sortacross) base = row;
      let chcnt = 0;
      for (let col = 0; col < numcols; ++col) {
        chcnt += this.printaname(array[base]!, d.sInode, d.sBlock);
        if (this.sortacross) base++;
        else base += numrows;
        if (base >= num) break;
        let cnt: number;
        while ((cnt = (chcnt + tabwidth) & ~(tabwidth - 1)) <= endcol) {
          if (this.sortacross && col + 1 >= numcols) break;
          this.out(this.notabs ? " " : "\t");
          chcnt = cnt;
        }
        endcol += colwidth;
      }
      this.out("\n");
    }
  }

  printlong(d: Disp): void {
    if ((d.list.length === 0 || d.list[0]!.level !== 0) && (this.longform || this.size)) {
      if (!this.humanval) this.out(`total ${howmany(d.btotal, this.blocksize)}\n`);
      else this.out(`total ${humanizeNumber(d.btotal * 512, 7, "B", HN.AUTOSCALE, HN.DECIMAL)}\n`);
    }
    for (const p of d.list) {
      if (p.number === NO_PRINT) continue;
      const errp = p.number === ERR_PRINT;
      const sp = p.st ?? ZERO_STAT;
      let o = "";
      if (this.inode) o += (errp ? "?" : String(sp.ino)).padStart(d.sInode) + " ";
      if (this.size) o += (errp ? "?" : String(howmany(sp.blocks, this.blocksize))).padStart(d.sBlock) + " ";
      let buf = errp ? "?????????? " : strmode(sp.mode);
      if (!errp && this.hasAcl(p)) buf = buf.slice(0, 10) + "+";
      o += buf + " " + (errp ? "?" : String(sp.nlink)).padStart(d.sNlink) + " ";
      if (!this.sowner) o += padRight(p.user!, d.sUser) + " ";
      o += padRight(p.group!, d.sGroup) + " ";
      if (this.label) o += padRight(p.label!, d.sLabel) + " ";
      if (errp) o += "?".padStart(d.sSize) + " ";
      else if (S_ISCHR(sp.mode) || S_ISBLK(sp.mode)) o += hex(sp.rdev).padStart(d.sSize) + " ";
      else if (this.humanval) o += humanizeNumber(sp.size, 5, "", HN.AUTOSCALE, HN.B | HN.NOSPACE | HN.DECIMAL).padStart(d.sSize) + " ";
      else o += String(sp.size).padStart(d.sSize) + " ";
      if (errp) o += "           ? ";
      else o += this.timestr(this.accesstime ? sp.atimeNs : this.birthtime || this.statustime ? sp.ctimeNs : sp.mtimeNs) + " ";
      this.out(o);
      const colored = this.color && this.colortype(sp.mode);
      this.printname(p.name);
      if (colored) this.endcolor();
      if (this.type) this.printtype(sp.mode);
      if (S_ISLNK(sp.mode)) this.printlink(p);
      this.out("\n");
    }
  }

  // aclmode: a "+" after the mode of a file with an extended POSIX ACL (libacl's
  // acl_extended_file: an access ACL beyond the three base entries, or a default ACL). Whether
  // the file system has ACLs at all is asked once per device, as ls.c does.
  aclDev = -1;
  aclSupported = false;
  hasAcl(p: Ent): boolean {
    const sp = p.st!;
    if (S_ISCHR(sp.mode) || S_ISBLK(sp.mode) || S_ISLNK(sp.mode)) return false;
    if (this.aclDev === sp.dev && !this.aclSupported) return false;
    const ext = aclExtended(p.path, S_ISDIR(sp.mode));
    if (ext < 0) {
      if (this.aclDev !== sp.dev) {
        this.aclDev = sp.dev;
        this.aclSupported = false;
        if (ext !== -95) {
          this.ctx.out.flush();
          warnx(this.ctx, `${errName(p)}: ${sysError(-ext, "getxattr").message}`);
        }
      }
      return false;
    }
    if (this.aclDev !== sp.dev) {
      this.aclDev = sp.dev;
      this.aclSupported = true;
    }
    return ext > 0;
  }

  /** the last times formatted (files of one directory often share their second) */
  timeCache = new Map<number, string>();
  timestr(ns: bigint): string {
    const t = Number(ns >= 0n ? ns / 1000000000n : -((-ns + 999999999n) / 1000000000n));
    let s = this.timeCache.get(t);
    if (s === undefined) {
      if (this.timeCache.size > 4096) this.timeCache.clear();
      this.timeCache.set(t, (s = this.timestrOf(t)));
    }
    return s;
  }
  timestrOf(t: number): string {
    if (!this.now) this.now = Math.floor(Date.now() / 1000);
    const SIXMONTHS = 182 * 86400;
    let format: string;
    if (this.timeformat !== undefined) format = this.timeformat;
    else if (this.sectime) format = "%b %e %T %Y";
    else if (t + SIXMONTHS > this.now && t < this.now + SIXMONTHS) format = "%b %e %R";
    else format = "%b %e  %Y";
    const tm = localtime(t);
    if (!tm) return "bad date val";
    const s = strftime(format, tm);
    // strftime into an 80-byte buffer: a longer result does not fit
    return byteLength(s) >= 80 ? "" : s;
  }

  printtype(mode: number): number {
    const fmt = mode & 0o170000;
    if (this.slash) {
      if (fmt === 0o040000) {
        this.out("/");
        return 1;
      }
      return 0;
    }
    const c = fmt === 0o040000 ? "/" : fmt === 0o010000 ? "|" : fmt === 0o120000 ? "@" : fmt === 0o140000 ? "="
      : mode & 0o111 ? "*" : "";
    this.out(c);
    return c.length;
  }

  printlink(p: Ent): void {
    let target: string;
    try {
      target = readlink(p.path);
    } catch (x) {
      if (!(x instanceof SysError)) throw x;
      this.ctx.out.flush();
      this.ctx.err.write(`\nls: ${errName(p)}: ${x.message}\n`);
      return;
    }
    this.out(" -> ");
    this.printname(target);
  }

  // ---------- colour ----------
  parsecolors(cs: string): void {
    const def = "exfxcxdxbxegedabagacad";
    let legacyWarn = false;
    const b = encode(cs);
    for (let i = 0; i < 11; i++) {
      const c = b.length <= 2 * i ? [def.charCodeAt(2 * i), def.charCodeAt(2 * i + 1)] : [b[2 * i]!, b[2 * i + 1] ?? 0];
      const col: Colors = { num: [-1, -1], bold: false, underline: false };
      for (let j = 0; j < 2; j++) {
        const ch = c[j]!;
        if (ch >= 0x30 && ch <= 0x37) {
          col.num[j] = ch - 0x30;
          if (!legacyWarn) warnx(this.ctx, "LSCOLORS should use characters a-h instead of 0-9 (see the manual page)");
          legacyWarn = true;
        } else if (ch >= 0x61 && ch <= 0x68) col.num[j] = ch - 0x61;
        else if (ch >= 0x41 && ch <= 0x48) {
          col.num[j] = ch - 0x41;
          if (j === 1) col.underline = true;
          else col.bold = true;
        } else if (ch === 0x78 || ch === 0x58) {
          if (j === 1 && ch === 0x58) col.underline = true;
          col.num[j] = -1;
        } else {
          // the byte as %c prints it (a NUL ends the string: nothing)
          this.ctx.err.write(`${this.ctx.prog}: invalid character '`);
          if (ch) this.ctx.err.write(new Uint8Array([ch]));
          this.ctx.err.write("' in LSCOLORS env var\n");
          col.num[j] = -1;
        }
      }
      this.colors[i] = col;
    }
  }

  printcolor(i: number): void {
    const c = this.colors[i]!;
    if (this.explicitansi || !this.term) {
      let s = "\x1b[";
      if (c.bold) s += "1";
      if (c.underline) s += ";4";
      if (c.num[0] !== -1) s += ";3" + c.num[0];
      if (c.num[1] !== -1) s += ";4" + c.num[1];
      this.out(s + "m");
      return;
    }
    const t = this.term;
    let s = "";
    if (c.bold) s += t.bold;
    if (c.underline) s += t.underline;
    if (c.num[0] !== -1) s += tparm(t.setaf, c.num[0]);
    if (c.num[1] !== -1) s += tparm(t.setab, c.num[1]);
    this.out(s);
  }

  endcolor(): void {
    if (this.explicitansi || !this.term) this.out("\x1b[m");
    else this.out(this.term.coloff + this.term.sgr0);
  }

  colortype(mode: number): boolean {
    const C_DIR = 0, C_LNK = 1, C_SOCK = 2, C_FIFO = 3, C_EXEC = 4, C_BLK = 5, C_CHR = 6, C_SUID = 7, C_SGID = 8,
      C_WSDIR = 9, C_WDIR = 10;
    switch (mode & 0o170000) {
      case 0o040000:
        this.printcolor(mode & 0o002 ? (mode & 0o1000 ? C_WSDIR : C_WDIR) : C_DIR);
        return true;
      case 0o120000: this.printcolor(C_LNK); return true;
      case 0o140000: this.printcolor(C_SOCK); return true;
      case 0o010000: this.printcolor(C_FIFO); return true;
      case 0o060000: this.printcolor(C_BLK); return true;
      case 0o020000: this.printcolor(C_CHR); return true;
    }
    if (mode & 0o111) {
      this.printcolor(mode & 0o4000 ? C_SUID : mode & 0o2000 ? C_SGID : C_EXEC);
      return true;
    }
    return false;
  }
}

interface Disp {
  list: Ent[]; entries: number; maxlen: number; btotal: number;
  sBlock: number; sInode: number; sNlink: number; sSize: number; sUser: number; sGroup: number; sLabel: number;
}

const ZERO_STAT: Stat = {
  dev: 0, ino: 0, mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 0, blocks: 0,
  atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n,
};

/** The name print.c puts in its error messages: the operand, or parent/name below it. */
const errName = (p: Ent): string => (p.level === 0 ? p.name : `${p.parent!.level === 0 ? p.parent!.path : p.parent!.name}/${p.name}`);
const NOT_BYTE_ORDER = /[\uD800-\uFFFF]/;
const howmany = (x: number, y: number) => Math.floor((x + y - 1) / y);
const hex = (n: number) => (n ? "0x" + n.toString(16) : "0");
const padRight = (s: string, w: number) => s + " ".repeat(Math.max(0, w - byteLength(s)));

/** acl_extended_file(3): 1 when the file has an extended ACL, 0 when not, or -errno. As libacl,
 * only a directory is asked for a default ACL (nothing else can have one). */
function aclExtended(path: string, dir: boolean): number {
  const BASE = 4 + 3 * 8; // the xattr header and the three base entries
  const ENODATA = 61;
  const a = getxattrLen(path, "system.posix_acl_access");
  if (a > BASE) return 1;
  if (a < 0 && a !== -ENODATA) return a;
  if (!dir) return 0;
  const d = getxattrLen(path, "system.posix_acl_default");
  if (d < 0 && d !== -ENODATA) return d;
  return d >= BASE ? 1 : 0;
}

/** musl strverscmp on the bytes of two names. */
function strverscmp(l: Uint8Array, r: Uint8Array): number {
  const at = (s: Uint8Array, i: number) => (i < s.length ? s[i]! : 0);
  const isdigit = (c: number) => c >= 0x30 && c <= 0x39;
  let i = 0, dp = 0, z = 1;
  for (; at(l, i) === at(r, i); i++) {
    const c = at(l, i);
    if (!c) return 0;
    if (!isdigit(c)) { dp = i + 1; z = 1; }
    else if (c !== 0x30) z = 0;
  }
  if (at(l, dp) - 0x31 >>> 0 < 9 && at(r, dp) - 0x31 >>> 0 < 9) {
    let j = i;
    for (; isdigit(at(l, j)); j++) if (!isdigit(at(r, j))) return 1;
    if (isdigit(at(r, j))) return -1;
  } else if (z && dp < i && (isdigit(at(l, i)) || isdigit(at(r, i)))) {
    return ((at(l, i) - 0x30) & 0xff) - ((at(r, i) - 0x30) & 0xff);
  }
  return at(l, i) - at(r, i);
}

// ---------- terminfo (for colours when TERM names a terminal) ----------
interface TermCaps { setaf: string; setab: string; sgr0: string; bold: string; underline: string; coloff: string; }

/** The capabilities ls wants from the compiled terminfo entry of `term`, or undefined. */
function loadTerm(ctx: Ctx, term: string): TermCaps | undefined {
  const ti = readTerminfo(ctx.env, term);
  if (!ti) return undefined;
  // indexes in the terminfo string table: setaf 359, setab 360, sgr0 39, bold 27,
  // enter_underline_mode 36, orig_pair 297, orig_colors 298
  const setaf = ti.str(359), setab = ti.str(360), coloff = ti.str(297) ?? ti.str(298);
  if (setaf === undefined || setab === undefined || coloff === undefined) return undefined;
  return { setaf, setab, coloff: stripDelays(coloff), sgr0: stripDelays(ti.str(39) ?? ""), bold: stripDelays(ti.str(27) ?? ""), underline: stripDelays(ti.str(36) ?? "") };
}

export default defineApplet({
  name: "ls",
  async main(ctx) {
    const ls = new Ls(ctx);
    const env = ctx.env;
    ls.utf8 = utf8Locale(env);
    if (isatty(1)) {
      ls.termwidth = 80;
      const p = env.get("COLUMNS");
      if (p !== undefined && p !== "") ls.termwidth = columns(p);
      else {
        const w = winsize(1);
        if (w && w.cols > 0) ls.termwidth = w.cols;
      }
      ls.nonprint = true;
    } else {
      ls.singlecol = true;
      const p = env.get("COLUMNS");
      if (p !== undefined) ls.termwidth = columns(p);
    }
    let comfollow = false;
    if (env.has("LS_SAMESORT")) ls.samesort = true;
    const NEVER = 0, AUTO = 1, ALWAYS = 2;
    let colorflag = env.has("CLICOLOR") ? AUTO : NEVER;
    const COLOR = "\x01color", GROUP = "\x02group";
    const g = new Getopt(ctx, "+1ABCD:FGHILPRSTXZabcdfghiklmnpqrstuvwxy,", [
      { name: "color", has: 2, val: COLOR },
      { name: "group-directories", has: 2, val: GROUP },
      { name: "group-directories-first", has: 0, val: GROUP },
    ]);
    const opts = (c: string) => {
      switch (c) {
        case "1": ls.singlecol = true; ls.longform = false; ls.stream = false; break;
        case "C": ls.sortacross = ls.longform = ls.singlecol = false; break;
        case "l": ls.longform = true; ls.singlecol = false; ls.stream = false; break;
        case "x": ls.sortacross = true; ls.longform = false; ls.singlecol = false; break;
        case "c": ls.statustime = true; ls.accesstime = false; ls.birthtime = false; break;
        case "u": ls.accesstime = true; ls.statustime = false; ls.birthtime = false; break;
        case "U": ls.birthtime = true; ls.accesstime = false; ls.statustime = false; break;
        case "f": ls.nosort = true; ls.seedot = true; ls.listdot = true; break;
        case "a": ls.seedot = true; ls.listdot = true; break;
        case "A": ls.listdot = true; break;
        case "S": ls.sizesort = true; ls.timesort = false; ls.verssort = false; break;
        case "t": ls.timesort = true; ls.sizesort = false; ls.verssort = false; break;
        case "v": ls.verssort = true; ls.sizesort = false; ls.timesort = false; break;
        case ",": ls.thousands = true; break;
        case "B": ls.nonprint = false; ls.octal = true; ls.octalEscape = false; break;
        case "D": ls.timeformat = g.optarg!; break;
        case "F": ls.type = true; ls.slash = false; break;
        case "G": env.set("CLICOLOR", ""); colorflag = AUTO; break;
        case "H": comfollow = true; ls.nofollow = false; break;
        case "I": ls.noautodot = true; break;
        case "L": ls.logical = true; ls.nofollow = false; break;
        case "P": comfollow = false; ls.logical = false; ls.nofollow = true; break;
        case "R": ls.recursive = true; break;
        case "T": ls.sectime = true; break;
        case "Z": ls.label = true; break;
        case "b": ls.nonprint = false; ls.octal = false; ls.octalEscape = true; break;
        case "d": ls.listdir = true; ls.recursive = false; break;
        case "g": ls.longform = true; ls.singlecol = false; ls.stream = false; ls.sowner = true; break;
        case "h": ls.humanval = true; break;
        case "i": ls.inode = true; break;
        case "k": ls.humanval = false; ls.kblocks = true; break;
        case "m": ls.stream = true; ls.singlecol = false; ls.longform = false; break;
        case "n": ls.numericonly = true; ls.longform = true; ls.singlecol = false; ls.stream = false; break;
        case "p": ls.slash = true; ls.type = true; break;
        case "q": ls.nonprint = true; ls.octal = false; ls.octalEscape = false; break;
        case "r": ls.reversesort = true; break;
        case "s": ls.size = true; break;
        case "w": ls.nonprint = false; ls.octal = false; ls.octalEscape = false; break;
        case "y": ls.samesort = true; break;
        case GROUP: {
          const a = g.optarg;
          if (a === undefined || a === "first") ls.groupdir = -1;
          else if (a === "last") ls.groupdir = 1;
          else errx(ctx, 2, `unsupported --group-directories value '${a}' (must be first or last)`);
          break;
        }
        case COLOR: {
          const a = g.optarg;
          if (a === undefined || a === "always" || a === "yes" || a === "force") colorflag = ALWAYS;
          else if (a === "auto" || a === "tty" || a === "if-tty") colorflag = AUTO;
          else if (a === "never" || a === "no" || a === "none") colorflag = NEVER;
          else errx(ctx, 2, `unsupported --color value '${a}' (must be always, auto, or never)`);
          break;
        }
        default: usage(ctx, USAGE);
      }
    };
    if (ctx.prog === "dir") { opts("C"); opts("b"); }
    else if (ctx.prog === "vdir") { opts("l"); opts("b"); }
    for (let c; (c = g.next()) !== undefined; ) opts(c);
    let args = g.rest;

    // root lists dot files unless -I
    if (!ls.listdot && getuid() === 0 && !ls.noautodot) ls.listdot = true;

    // colour: --color / -G / CLICOLOR with a terminal or CLICOLOR_FORCE
    const fromEnv = () => {
      const p = env.get("CLICOLOR");
      const doit = p !== undefined || !!env.get("COLORTERM");
      return doit && (isatty(1) || env.has("CLICOLOR_FORCE"));
    };
    const doColor = colorflag === NEVER ? false : colorflag === ALWAYS ? true : fromEnv();
    if (doColor) {
      await loadLibs();
      const term = env.get("TERM");
      const caps = term !== undefined ? loadTerm(ctx, term) : undefined;
      if (caps) {
        ls.term = caps;
        ls.color = true;
      } else if (colorflag === ALWAYS && (term === undefined || !termKnown(ctx, term))) {
        ls.color = true;
        ls.explicitansi = true;
      }
    }
    if (ls.color) {
      ls.notabs = true;
      ls.parsecolors(env.get("LSCOLORS") ?? "");
    }

    if (!ls.inode && !ls.longform && !ls.size && !ls.timesort && !ls.sizesort && !ls.type && ls.groupdir === 0 && !ls.color)
      ls.nostat = true;
    if (!ls.nofollow && !ls.longform && !ls.listdir && (!ls.type || ls.slash) && !ls.color) comfollow = true;
    ls.comfollow = comfollow;

    if (ls.inode || ls.longform || ls.size) {
      ls.blocksize = ls.kblocks ? 2 : Math.floor(getbsize(ctx.env.get("BLOCKSIZE"), (m) => warnx(ctx, m)) / 512);
    }

    // the sort function
    const name = ls.namecmp;
    const same = (a: Ent, b: Ent) => (ls.samesort ? name(b, a) : name(a, b));
    const timecmp = (get: (s: Stat) => bigint) => (a: Ent, b: Ent) => {
      const x = get(a.st ?? ZERO_STAT), y = get(b.st ?? ZERO_STAT);
      if (y > x) return 1;
      if (y < x) return -1;
      return same(a, b);
    };
    let cmp: (a: Ent, b: Ent) => number;
    if (ls.sizesort) cmp = (a, b) => {
      const x = (a.st ?? ZERO_STAT).size, y = (b.st ?? ZERO_STAT).size;
      return y > x ? 1 : y < x ? -1 : name(a, b);
    };
    else if (ls.verssort) cmp = (a, b) => strverscmp(ls.key(a), ls.key(b));
    else if (!ls.timesort) cmp = name;
    else if (ls.accesstime) cmp = timecmp((s) => s.atimeNs);
    else if (ls.birthtime) cmp = same;
    else if (ls.statustime) cmp = timecmp((s) => s.ctimeNs);
    else cmp = timecmp((s) => s.mtimeNs);
    ls.sortfcn = ls.reversesort ? (a, b) => cmp(b, a) : cmp;
    ls.namesort = cmp !== name ? 0 : ls.reversesort ? -1 : 1;
    ls.byName = ls.namesort !== 0 && !ls.nosort && !ls.groupdir;

    ls.plain = ls.singlecol && ls.nostat && !ls.logical && !ls.longform && !ls.inode && !ls.size && !ls.color &&
      !ls.type && !ls.nonprint && !ls.octal && !ls.octalEscape;
    // a plain listing prints names as they are (buildRaw, displayRaw and printscol): no libraries
    if (!ls.plain) await loadLibs();
    if (!args.length) args = ["."];
    ls.traverse(args);
    return ls.rval;
  },
});

/** strtonum(COLUMNS, 0, INT_MAX), 80 when it is not a number in range. */
function columns(p: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(p);
  if (!m) return 80;
  const n = Number(m[1]);
  return n < 0 || n > 2147483647 ? 80 : n;
}

/** Whether tgetent would find TERM at all (a terminal without colours still disables them). */
function termKnown(ctx: Ctx, term: string): boolean {
  return terminfoExists(ctx.env, term);
}
