// diff — compare files line by line.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/diff.html  FreeBSD: diff(1)
// A port of chimerautils' FreeBSD diff (diff.c, diffreg.c, diffdir.c; OpenBSD lineage) on
// shared/diff (Stone's algorithm with the reference's pruning, classes and try bound).
// Options (getopt_long "0123456789aBbC:cdD:efF:HhI:iL:lnNPpqrS:sTtU:uwW:X:x:y", permuting):
//   formats: normal, -c/-C n, -u/-U n, -e, -f, -n (RCS), -q, -y/-W n, -D name,
//            --changed-group-format (%< and %> only); one format only ("conflicting ... options")
//   -a text  -b -w -i -B -I re (ERE, several joined by |)  -E ignored  --strip-trailing-cr
//   -T initial tab  -t/--tabsize expand tabs  -p/-F re function lines (context/unified)
//   -r -N -P -S name -x pat -X file --no-dereference (implies -r)  -s  -L label (twice)
//   --color[=when] (DIFFCOLORS="add:del")  -d/-H/--horizon-lines/-h accepted, no effect
//   -[0-9]+ only right after -c/-u or more digits (`-u5`: 5 lines of context)
// Exit: 0 same, 1 different, 2 trouble. "Binary files a and b differ" when a NUL byte appears
// (in the first 1024 bytes, or anywhere while hashing) unless -a.
// Faithful quirks kept: -q without -b/-w/-i/-I/--strip-trailing-cr says "differ" on bytes;
// the ed formats warn "No newline at end of file" on stderr; -l (paginate through pr) is
// accepted and ignored.
import { defineApplet, Getopt, usage, errx, warn, warnx, utf8Locale, Exit, type Ctx, type LongOpt, readAll } from "@bsdbox/shared";
import {
  open, close, read, stat, lstat, fstat, readdir, readlink, isatty, O, S_ISDIR, S_ISREG, S_ISLNK, SysError,
  statWith, encode, decode, latin1, compareBytes, type Stat,
} from "@bsdbox/compat";
import { stone } from "@bsdbox/shared/diff";
import { Regex, RegexError } from "@bsdbox/shared/regex";
import { fnmatch, FNM_PATHNAME } from "@bsdbox/shared/fnmatch";
import { localtime, strftime } from "@bsdbox/shared/strftime";

const USAGE =
  "usage: diff [-aBbdilpTtw] [-c | -e | -f | -n | -q | -u] [--ignore-case]\n" +
  "            [--no-ignore-case] [--normal] [--strip-trailing-cr] [--tabsize]\n" +
  "            [-I pattern] [-F pattern] [-L label] file1 file2\n" +
  "       diff [-aBbdilpTtw] [-I pattern] [-L label] [--ignore-case]\n" +
  "            [--no-ignore-case] [--normal] [--strip-trailing-cr] [--tabsize]\n" +
  "            [-F pattern] -C number file1 file2\n" +
  "       diff [-aBbdiltw] [-I pattern] [--ignore-case] [--no-ignore-case]\n" +
  "            [--normal] [--strip-trailing-cr] [--tabsize] -D string file1 file2\n" +
  "       diff [-aBbdilpTtw] [-I pattern] [-L label] [--ignore-case]\n" +
  "            [--no-ignore-case] [--normal] [--tabsize] [--strip-trailing-cr]\n" +
  "            [-F pattern] -U number file1 file2\n" +
  "       diff [-aBbdilNPprsTtw] [-c | -e | -f | -n | -q | -u] [--ignore-case]\n" +
  "            [--no-ignore-case] [--normal] [--tabsize] [-I pattern] [-L label]\n" +
  "            [-F pattern] [-S name] [-X file] [-x pattern] dir1 dir2\n" +
  "       diff [-aBbditwW] [--expand-tabs] [--ignore-all-space]\n" +
  "            [--ignore-blank-lines] [--ignore-case] [--minimal]\n" +
  "            [--no-ignore-file-name-case] [--strip-trailing-cr]\n" +
  "            [--suppress-common-lines] [--tabsize] [--text] [--width]\n" +
  "            -y | --side-by-side file1 file2\n" +
  "       diff [--help] [--version]\n";

const OPTIONS = "0123456789aBbC:cdD:efF:HhI:iL:lnNPpqrS:sTtU:uwW:X:x:y";
const LONG: LongOpt[] = [
  ["text", 0, "a"], ["ignore-space-change", 0, "b"], ["context", 2, "C"], ["ifdef", 1, "D"],
  ["minimal", 0, "d"], ["ed", 0, "e"], ["forward-ed", 0, "f"], ["show-function-line", 1, "F"],
  ["speed-large-files", 0, "H"], ["ignore-blank-lines", 0, "B"], ["ignore-matching-lines", 1, "I"],
  ["ignore-case", 0, "i"], ["paginate", 0, "l"], ["label", 1, "L"], ["new-file", 0, "N"], ["rcs", 0, "n"],
  ["unidirectional-new-file", 0, "P"], ["show-c-function", 0, "p"], ["brief", 0, "q"], ["recursive", 0, "r"],
  ["report-identical-files", 0, "s"], ["starting-file", 1, "S"], ["expand-tabs", 0, "t"], ["initial-tab", 0, "T"],
  ["unified", 2, "U"], ["ignore-all-space", 0, "w"], ["width", 1, "W"], ["exclude", 1, "x"],
  ["exclude-from", 1, "X"], ["side-by-side", 0, "y"], ["ignore-file-name-case", 0, "\x01ifc"], ["help", 0, "\x01help"],
  ["horizon-lines", 1, "\x01hl"], ["no-dereference", 0, "\x01nd"], ["no-ignore-file-name-case", 0, "\x01nifc"],
  ["normal", 0, "\x01normal"], ["strip-trailing-cr", 0, "\x01cr"], ["tabsize", 1, "\x01ts"],
  ["changed-group-format", 1, "\x01cgf"], ["suppress-common-lines", 0, "\x01scl"], ["color", 2, "\x01color"],
  ["version", 0, "\x01version"],
].map(([name, has, val]) => ({ name: name as string, has: has as 0 | 1 | 2, val: val as string }));

// formats
const D_NORMAL = 0, D_CONTEXT = 1, D_UNIFIED = 2, D_IFDEF = 3, D_NREVERSE = 4, D_REVERSE = 5, D_EDIT = -1,
  D_BRIEF = 6, D_GFORMAT = 7, D_SIDEBYSIDE = 8, D_UNSET = -2;
// flags
const D_FOLDBLANKS = 0x001, D_MINIMAL = 0x002, D_IGNORECASE = 0x004, D_PROTOTYPE = 0x008, D_EXPANDTABS = 0x010,
  D_IGNOREBLANKS = 0x020, D_STRIPCR = 0x040, D_SKIPBLANKLINES = 0x080, D_MATCHLAST = 0x100, D_FORCEASCII = 0x200,
  D_EMPTY1 = 0x400, D_EMPTY2 = 0x800, D_HEADER = 0x1000;
// results
const D_SAME = 0, D_DIFFER = 1, D_BINARY = 2, D_MISMATCH1 = 3, D_MISMATCH2 = 4, D_SKIPPED1 = 5, D_SKIPPED2 = 6,
  D_ERROR = 7;

const EOF = -1;
const BUFSIZ = 1024;
const isspace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const tolower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** A file being compared: its bytes, the read position, and (filled by prepare() when lines are
 * compared as they are) the offset just past each line's newline, ends[1..n] (size + 1 for a
 * last line without one: the offsets the reference's ixold/ixnew hold). */
interface F { data: Uint8Array; pos: number; ends: Offsets | null }
/** Byte offsets: int32 ones unless a file is 2 GB or more (an index the JIT must convert from a
 * double made check()'s compare loop half as fast). */
type Offsets = Int32Array | Float64Array;
const getc = (f: F) => (f.pos < f.data.length ? f.data[f.pos++]! : EOF);
const ungetc = (c: number, f: F) => { if (c !== EOF) f.pos--; };

interface Opts {
  format: number; context: number; tabsize: number; width: number; Tflag: boolean; sflag: boolean;
  Nflag: boolean; Pflag: boolean; rflag: boolean; cflag: boolean; noderef: boolean; suppressCommon: boolean;
  ignoreFileCase: boolean; color: boolean; addCode: string; delCode: string; start?: string; ifdef?: string;
  label: (string | undefined)[]; excludes: string[]; ignoreRe?: Regex; funcRe?: Regex; groupFormat?: string;
  diffargs: string; utf8: boolean;
}

/** prepare() for lines compared as they are, a function of its own (it runs once, before the
 * JIT has warmed up: a small function reaches optimized code sooner). One pass: a call to
 * indexOf per line cost more than the bytes it skipped. */
function hashLines(f: F, ascii: boolean): Int32Array | null {
  const d = f.data, size = d.length;
  const Ends = size < 0x7ffffff0 ? Int32Array : Float64Array;
  let h = new Int32Array(Math.max(100, (size / 25) | 0) + 3), ends = new Ends(h.length);
  let n = 0, pos = 0;
  while (pos < size) {
    let sum = 1, i = pos;
    for (; i < size; i++) {
      const c = d[i]!;
      if (c <= 10) {
        if (c === 10) break;
        if (c === 0 && !ascii) return null;
      }
      sum = (Math.imul(sum, 127) + c) | 0;
    }
    pos = i + 1;
    if (++n >= h.length - 1) {
      const nh = new Int32Array(h.length * 2); nh.set(h); h = nh;
      const ne = new Ends(h.length); ne.set(ends); ends = ne;
    }
    h[n] = sum;
    ends[n] = pos;
  }
  h[0] = n;
  f.ends = ends;
  return h;
}

class Diff {
  status = 0;
  // per-comparison state (diffreg's statics)
  private f1!: F; private f2!: F;
  private len0 = 0; private len1 = 0;
  private J!: Int32Array;
  private ixold!: Offsets; private ixnew!: Offsets;
  private anychange = false;
  private inifdef = 0;
  private hw = 0; private padding = 0;
  private edoffset = 0;
  private cv: number[] = []; // context_vec: a,b,c,d quadruples
  private lastline = 0; private lastmatchline = 0; private lastbuf = "";
  private stb1!: Stat; private stb2!: Stat;

  constructor(private ctx: Ctx, private o: Opts) {}

  private get out() { return this.ctx.out; }
  private p(s: string) { this.ctx.out.write(s); }

  printStatus(val: number, path1: string, path2: string, entry: string) {
    const o = this.o;
    if (o.label[0] !== undefined) path1 = o.label[0];
    if (o.label[1] !== undefined) path2 = o.label[1];
    switch (val) {
      case D_BINARY: this.p(`Binary files ${path1}${entry} and ${path2}${entry} differ\n`); break;
      case D_DIFFER: if (o.format === D_BRIEF) this.p(`Files ${path1}${entry} and ${path2}${entry} differ\n`); break;
      case D_SAME: if (o.sflag) this.p(`Files ${path1}${entry} and ${path2}${entry} are identical\n`); break;
      // a directory against a file is a difference (status 1, as POSIX and GNU; the reference's
      // diffreg returns before it sets the status)
      case D_MISMATCH1: this.p(`File ${path1}${entry} is a directory while file ${path2}${entry} is a regular file\n`); this.status |= 1; break;
      case D_MISMATCH2: this.p(`File ${path1}${entry} is a regular file while file ${path2}${entry} is a directory\n`); this.status |= 1; break;
      case D_SKIPPED1: this.p(`File ${path1}${entry} is not a regular file or directory and was skipped\n`); break;
      case D_SKIPPED2: this.p(`File ${path2}${entry} is not a regular file or directory and was skipped\n`); break;
    }
  }

  private load(name: string, st: Stat, empty: boolean): Uint8Array | SysError {
    if (empty) return new Uint8Array(0);
    let fd: number;
    try {
      fd = name === "-" ? this.ctx.stdin : open(name, O.RDONLY);
    } catch (e) {
      if (e instanceof SysError) return e;
      throw e;
    }
    try {
      let size = S_ISREG(st.mode) ? st.size + 1 : 65536;
      let buf = new Uint8Array(Math.max(size, 4096)), n = 0;
      for (;;) {
        if (n === buf.length) { const nb = new Uint8Array(buf.length * 2); nb.set(buf); buf = nb; }
        const r = read(fd, buf, n, buf.length - n);
        if (r === 0) break;
        n += r;
      }
      return buf.subarray(0, n);
    } catch (e) {
      if (e instanceof SysError) return e;
      throw e;
    } finally {
      if (fd !== this.ctx.stdin) try { close(fd); } catch {}
    }
  }

  diffreg(file1: string, file2: string, flags: number, st1: Stat, st2: Stat): number {
    const o = this.o;
    let rval = D_SAME;
    this.anychange = false;
    this.lastline = this.lastmatchline = 0;
    this.cv = [];
    this.stb1 = st1; this.stb2 = st2;
    if (o.format === D_SIDEBYSIDE) {
      let hw = o.width >> 1;
      let padding = o.tabsize - (hw % o.tabsize);
      if ((flags & D_EXPANDTABS) !== 0 || padding % o.tabsize === 0) padding = 1;
      this.padding = padding;
      this.hw = (o.width >> 1) - (padding === 1 ? padding << 1 : padding) - 1;
    }
    if (S_ISDIR(st1.mode) !== S_ISDIR(st2.mode)) return S_ISDIR(st1.mode) ? D_MISMATCH1 : D_MISMATCH2;
    if (file1 === "-" && file2 === "-") return this.closem(rval);
    const d1 = this.load(file1, st1, (flags & D_EMPTY1) !== 0);
    if (d1 instanceof SysError) { warn(this.ctx, file1, d1); this.status |= 2; return this.closem(D_ERROR); }
    const d2 = this.load(file2, st2, (flags & D_EMPTY2) !== 0);
    if (d2 instanceof SysError) { warn(this.ctx, file2, d2); this.status |= 2; return this.closem(D_ERROR); }
    if (!S_ISREG(st1.mode) && !(flags & D_EMPTY1)) this.stb1 = statWith(st1, { size: d1.length, mtimeNs: BigInt(Date.now()) * 1000000n });
    if (!S_ISREG(st2.mode) && !(flags & D_EMPTY2)) this.stb2 = statWith(st2, { size: d2.length, mtimeNs: BigInt(Date.now()) * 1000000n });
    const f1: F = this.f1 = { data: d1, pos: 0, ends: null };
    const f2: F = this.f2 = { data: d2, pos: 0, ends: null };
    // files_differ
    const s1 = this.stb1, s2 = this.stb2;
    let differ = true;
    if (!(flags & (D_EMPTY1 | D_EMPTY2)) && s1.size === s2.size && (s1.mode & 0o170000) === (s2.mode & 0o170000)) {
      differ = !((s1.dev === s2.dev && s1.ino === s2.ino && S_ISREG(s1.mode)) || compareBytes(d1, d2) === 0);
    }
    if (!differ) return this.closem(rval);
    if (o.format === D_BRIEF && !o.ignoreRe && (flags & (D_FOLDBLANKS | D_IGNOREBLANKS | D_IGNORECASE | D_STRIPCR)) === 0) {
      this.status |= 1;
      return this.closem(D_DIFFER);
    }
    let h0: Int32Array | null, h1: Int32Array | null;
    if (flags & D_FORCEASCII) {
      h0 = this.prepare(f1, flags); h1 = this.prepare(f2, flags);
    } else if (d1.subarray(0, BUFSIZ).includes(0) || d2.subarray(0, BUFSIZ).includes(0) ||
      !(h0 = this.prepare(f1, flags)) || !(h1 = this.prepare(f2, flags))) {
      this.status |= 1;
      return this.closem(D_BINARY);
    }
    this.len0 = h0![0]!; this.len1 = h1![0]!;
    this.J = stone(h0!, this.len0, h1!, this.len1, (flags & D_MINIMAL) !== 0);
    this.check(flags);
    this.output(file1, file2, flags);
    return this.closem(rval);
  }

  private closem(rval: number): number {
    if (this.anychange) {
      this.status |= 1;
      if (rval === D_SAME) rval = D_DIFFER;
    }
    return rval;
  }

  /** Line hashes (readhash): [0] = count, [1..count]; null on a NUL byte without -a. Lines
   * compared as they are also get f.ends. */
  private prepare(f: F, flags: number): Int32Array | null {
    const ascii = (flags & D_FORCEASCII) !== 0;
    if ((flags & (D_STRIPCR | D_FOLDBLANKS | D_IGNOREBLANKS | D_IGNORECASE)) === 0) return hashLines(f, ascii);
    const d = f.data, size = d.length;
    let h = new Int32Array(Math.max(100, (size / 25) | 0) + 3);
    let n = 0, pos = 0;
    while (pos < size) {
      let sum = 1;
      let i = 0, space = 0, eof = false;
      for (;;) {
        let t = pos < size ? d[pos++]! : EOF;
        if (t === 0 && !ascii) return null;
        if (t === 13 && (flags & D_STRIPCR)) {
          const t2 = pos < size ? d[pos]! : EOF;
          if (t2 === 10) { pos++; break; }
        }
        if (t === 10) break;
        if (t === EOF) { if (i === 0) eof = true; break; }
        if ((t === 13 || t === 9 || t === 11 || t === 12 || t === 32) && (flags & (D_FOLDBLANKS | D_IGNOREBLANKS))) {
          space++;
          continue;
        }
        if (space && (flags & D_IGNOREBLANKS) === 0) { i++; space = 0; }
        if (flags & D_IGNORECASE) t = tolower(t);
        sum = (Math.imul(sum, 127) + t) | 0;
        i++;
      }
      if (eof) break;
      if (++n >= h.length - 1) { const nh = new Int32Array(h.length * 2); nh.set(h); h = nh; }
      h[n] = sum;
    }
    h[0] = n;
    return h;
  }

  /** check() over lines compared as they are, with the line ends prepare() found: a match whose
   * lines differ is broken. Returns 0, or the line of a from which check()'s byte loop must go on
   * (a last line without a newline that is a prefix of its match: the reference then leaves the
   * second file in the middle of a line, and its offsets go on from there). */
  private checkLines(): number {
    const J = this.J, d1 = this.f1.data, d2 = this.f2.data, E1 = this.f1.ends!, E2 = this.f2.ends!;
    const size1 = d1.length, size2 = d2.length, n = this.len0;
    let single = 0; // lines before this one are compared one by one (their run's blocks differ)
    for (let i = 1; i <= n; i++) {
      const y = J[i]!;
      if (y === 0) continue;
      if (i >= single) {
        // a run of consecutive matches: when its lines are the same bytes as one block, one
        // native compare instead of a loop per line
        let r = i + 1;
        while (r <= n && J[r] === y + r - i) r++;
        if (r - i >= 4) {
          const s1 = E1[i - 1]!, e1 = E1[r - 1]!, s2 = E2[y - 1]!, e2 = E2[y + r - i - 1]!;
          if (e1 - s1 === e2 - s2 && e1 > size1 === e2 > size2 &&
            compareBytes(d1.subarray(s1, Math.min(e1, size1)), d2.subarray(s2, Math.min(e2, size2))) === 0) {
            i = r - 1;
            continue;
          }
          single = r;
        }
      }
      const s1 = E1[i - 1]!, e1 = E1[i]!, s2 = E2[y - 1]!, e2 = E2[y]!;
      let same = e1 - s1 === e2 - s2 && e1 > size1 === e2 > size2;
      if (same) {
        const len = Math.min(e1, size1) - s1;
        for (let k = 0; k < len; k++) if (d1[s1 + k] !== d2[s2 + k]) { same = false; break; }
      }
      if (!same) {
        if (e1 > size1) return i;
        J[i] = 0;
      }
    }
    return 0;
  }

  private skipline(f: F): number {
    const d = f.data;
    if (f.pos >= d.length) return 1;
    const e = d.indexOf(10, f.pos);
    if (e < 0) { const n = d.length - f.pos + 1; f.pos = d.length; return n; }
    const n = e - f.pos + 1;
    f.pos = e + 1;
    return n;
  }

  /** Break the matches in J that are hash collisions, and set ixold/ixnew: the offset past each
   * line, with the reference's count of EOF as a character (check()). */
  private check(flags: number) {
    const { f1, f2, J } = this;
    let i = 1, j = 1, ctold = 0, ctnew = 0;
    if (f1.ends && f2.ends) {
      // lines compared as they are: the offsets are the line ends prepare() found
      this.ixold = f1.ends; this.ixnew = f2.ends;
      i = this.checkLines();
      if (i === 0) return;
      for (let h = i - 1; h > 0; h--) if (J[h] !== 0) { j = J[h]! + 1; break; }
      f1.pos = ctold = f1.ends[i - 1]!;
      f2.pos = ctnew = f2.ends[j - 1]!;
    } else {
      this.ixold = new Float64Array(this.len0 + 2);
      this.ixnew = new Float64Array(this.len1 + 2);
      f1.pos = f2.pos = 0;
    }
    const { ixold, ixnew } = this;
    const chr = flags & D_IGNORECASE ? tolower : (c: number) => c;
    const d1 = f1.data, d2 = f2.data;
    for (; i <= this.len0; i++) {
      if (J[i] === 0) { ixold[i] = ctold += this.skipline(f1); continue; }
      while (j < J[i]!) { ixnew[j] = ctnew += this.skipline(f2); j++; }
      if (flags & (D_FOLDBLANKS | D_IGNOREBLANKS | D_IGNORECASE | D_STRIPCR)) {
        for (;;) {
          let c = getc(f1), d = getc(f2);
          if (flags & (D_FOLDBLANKS | D_IGNOREBLANKS)) {
            if (c === EOF && d === 10) { ctnew++; break; }
            else if (c === 10 && d === EOF) { ctold++; break; }
          }
          ctold++; ctnew++;
          if (flags & D_STRIPCR && (c === 13 || d === 13)) {
            if (c === 13) { if ((c = getc(f1)) === 10) ctold++; else ungetc(c, f1); }
            if (d === 13) { if ((d = getc(f2)) === 10) ctnew++; else ungetc(d, f2); }
            break;
          }
          if (flags & D_FOLDBLANKS && isspace(c) && isspace(d)) {
            do { if (c === 10) break; ctold++; } while (isspace(c = getc(f1)));
            do { if (d === 10) break; ctnew++; } while (isspace(d = getc(f2)));
          } else if (flags & D_IGNOREBLANKS) {
            while (isspace(c) && c !== 10) { c = getc(f1); ctold++; }
            while (isspace(d) && d !== 10) { d = getc(f2); ctnew++; }
          }
          if (chr(c) !== chr(d)) {
            J[i] = 0;
            if (c !== 10 && c !== EOF) ctold += this.skipline(f1);
            if (d !== 10 && c !== EOF) ctnew += this.skipline(f2);
            break;
          }
          if (c === 10 || c === EOF) break;
        }
      } else {
        // whole lines at once when they are equal; the reference's byte loop otherwise
        const p1 = f1.pos, p2 = f2.pos;
        const e1 = d1.indexOf(10, p1), e2 = d2.indexOf(10, p2);
        const n1 = e1 < 0 ? d1.length - p1 : e1 + 1 - p1, n2 = e2 < 0 ? d2.length - p2 : e2 + 1 - p2;
        let same = n1 === n2 && (e1 < 0) === (e2 < 0);
        if (same) for (let k = 0; k < n1; k++) if (d1[p1 + k] !== d2[p2 + k]) { same = false; break; }
        if (same) {
          const add = e1 < 0 ? n1 + 1 : n1;
          ctold += add; ctnew += add; f1.pos = p1 + n1; f2.pos = p2 + n2;
        } else {
          for (;;) {
            ctold++; ctnew++;
            const c = getc(f1), d = getc(f2);
            if (c !== d) {
              J[i] = 0;
              if (c !== 10 && c !== EOF) ctold += this.skipline(f1);
              if (d !== 10 && c !== EOF) ctnew += this.skipline(f2);
              break;
            }
            if (c === 10 || c === EOF) break;
          }
        }
      }
      ixold[i] = ctold;
      ixnew[j] = ctnew;
      j++;
    }
    for (; j <= this.len1; j++) ixnew[j] = ctnew += this.skipline(f2);
  }

  private output(file1: string, file2: string, flags: number) {
    const o = this.o, J = this.J, f1 = this.f1, f2 = this.f2;
    const m = this.len0;
    const fl = { v: flags };
    f1.pos = f2.pos = 0;
    J[0] = 0;
    J[m + 1] = this.len1 + 1;
    if (o.format !== D_EDIT) {
      for (let i0 = 1, i1 = 0; i0 <= m; i0 = i1 + 1) {
        while (i0 <= m && J[i0] === J[i0 - 1]! + 1) {
          if (o.format === D_SIDEBYSIDE && !o.suppressCommon) {
            const nc = this.fetch(this.ixold, i0, i0, f1, 0, true, flags);
            this.printSpace(nc, this.hw - nc + (this.padding << 1) + 1, flags);
            this.fetch(this.ixnew, J[i0]!, J[i0]!, f2, 0, false, flags);
            this.out.byte(10);
          }
          i0++;
        }
        const j0 = J[i0 - 1]! + 1;
        i1 = i0 - 1;
        while (i1 < m && J[i1 + 1] === 0) i1++;
        const j1 = J[i1 + 1]! - 1;
        J[i1] = j1;
        if (o.format === D_SIDEBYSIDE) {
          let i = i0, j = j0;
          for (; i <= i1 && j <= j1; i++, j++) this.change(file1, file2, i, i, j, j, fl);
          for (; i <= i1; i++) this.change(file1, file2, i, i, j + 1, j, fl);
          for (; j <= j1; j++) this.change(file1, file2, i + 1, i, j, j, fl);
        } else this.change(file1, file2, i0, i1, j0, j1, fl);
      }
    } else {
      for (let i0 = m, i1 = 0; i0 >= 1; i0 = i1 - 1) {
        while (i0 >= 1 && J[i0] === J[i0 + 1]! - 1 && J[i0] !== 0) i0--;
        const j0 = J[i0 + 1]! - 1;
        i1 = i0 + 1;
        while (i1 > 1 && J[i1 - 1] === 0) i1--;
        const j1 = J[i1 - 1]! + 1;
        J[i1] = j1;
        this.change(file1, file2, i1, i0, j1, j0, fl);
      }
    }
    if (m === 0) this.change(file1, file2, 1, 0, 1, this.len1, fl);
    if (o.format === D_IFDEF || o.format === D_GFORMAT) {
      if (f1.pos < f1.data.length) this.out.write(f1.data.subarray(f1.pos));
      f1.pos = f1.data.length;
      return;
    }
    if (this.anychange) {
      if (o.format === D_CONTEXT) this.dumpContext(fl.v);
      else if (o.format === D_UNIFIED) this.dumpUnified(fl.v);
    }
  }

  private range(a: number, b: number, sep: string) {
    this.p(`${a > b ? b : a}${a < b ? sep + b : ""}`);
  }
  private uniRange(a: number, b: number) {
    this.p(a < b ? `${a},${b - a + 1}` : a === b ? `${b}` : `${b},0`);
  }

  /** The text of a line for -I/-B: without its '\n', cut at a NUL as a C string. */
  private lineText(f: F, ix: Offsets, i: number): Uint8Array {
    const s = ix[i - 1]!, e = Math.min(ix[i]!, f.data.length);
    let l = f.data.subarray(s, Math.max(s, e));
    if (l.length && l[l.length - 1] === 10) l = l.subarray(0, l.length - 1);
    const z = l.indexOf(0);
    return z >= 0 ? l.subarray(0, z) : l;
  }
  private ignoreline(l: Uint8Array, skipBlanks: boolean): boolean {
    if (skipBlanks && l.length === 0) return true;
    const re = this.o.ignoreRe;
    return !!re && re.test(this.o.utf8 ? decode(l) : latin1(l));
  }

  private change(file1: string, file2: string, a: number, b: number, c: number, d: number, pf: { v: number }) {
    const o = this.o, f1 = this.f1, f2 = this.f2;
    const fmt = o.format;
    const skipBlanks = (pf.v & D_SKIPBLANKLINES) !== 0;
    for (;;) {
      if (fmt !== D_IFDEF && a > b && c > d) return;
      if (o.ignoreRe || skipBlanks) {
        let proceed = false;
        if (a <= b) {
          for (let i = a; i <= b; i++) if (!this.ignoreline(this.lineText(f1, this.ixold, i), skipBlanks)) { proceed = true; break; }
        }
        if (!proceed && (a > b || c <= d)) {
          for (let i = c; i <= d; i++) if (!this.ignoreline(this.lineText(f2, this.ixnew, i), skipBlanks)) { proceed = true; break; }
        }
        if (!proceed) return;
      }
      if (pf.v & D_HEADER && fmt !== D_BRIEF) {
        this.p(`${o.diffargs} ${file1} ${file2}\n`);
        pf.v &= ~D_HEADER;
      }
      if (fmt === D_CONTEXT || fmt === D_UNIFIED) {
        const cv = this.cv;
        if (!this.anychange) {
          this.printHeader(file1, file2);
          this.anychange = true;
        } else if (cv.length && a > cv[cv.length - 3]! + 2 * o.context + 1 && c > cv[cv.length - 1]! + 2 * o.context + 1) {
          if (fmt === D_CONTEXT) this.dumpContext(pf.v);
          else this.dumpUnified(pf.v);
        }
        this.cv.push(a, b, c, d);
        return;
      }
      this.anychange = true;
      const letter = a > b ? "a" : c > d ? "d" : "c";
      switch (fmt) {
        case D_BRIEF: return;
        case D_NORMAL: case D_EDIT:
          this.range(a, b, ",");
          this.p(letter);
          if (fmt === D_NORMAL) this.range(c, d, ",");
          this.out.byte(10);
          break;
        case D_REVERSE:
          this.p(letter);
          this.range(a, b, " ");
          this.out.byte(10);
          break;
        case D_NREVERSE:
          if (a > b) this.p(`a${b} ${d - c + 1}\n`);
          else {
            this.p(`d${a} ${b - a + 1}\n`);
            if (!(c > d)) this.p(`a${b} ${d - c + 1}\n`);
          }
          break;
      }
      if (fmt === D_GFORMAT) {
        this.copyThrough(f1, this.ixold[a > b ? b : a - 1]!);
        const g = o.groupFormat!;
        for (let k = 0; k < g.length; k++) {
          if (g[k] === "%") {
            k++;
            if (g[k] === "<") this.fetch(this.ixold, a, b, f1, 60, true, pf.v);
            else if (g[k] === ">") this.fetch(this.ixnew, c, d, f2, 62, false, pf.v);
            else this.p("%" + (g[k] ?? ""));
            continue;
          }
          this.p(g[k]!);
        }
      }
      if (fmt === D_SIDEBYSIDE) {
        const col = (x: boolean, code: string) => { if (o.color && x) this.p(`\x1b[${code}m`); };
        const colorize = () => { if (o.color && a > b) this.p(`\x1b[${o.addCode}m`); else if (o.color && c > d) this.p(`\x1b[${o.delCode}m`); };
        colorize();
        if (a > b) this.printSpace(0, this.hw + this.padding, pf.v);
        else {
          const nc = this.fetch(this.ixold, a, b, f1, 0, true, pf.v);
          this.printSpace(nc, this.hw - nc + this.padding, pf.v);
        }
        colorize();
        this.p(a > b ? ">" : c > d ? "<" : "|");
        col(c > d, "");
        this.printSpace(this.hw + this.padding + 1, this.padding, pf.v);
        this.fetch(this.ixnew, c, d, f2, 0, false, pf.v);
        this.out.byte(10);
      }
      if (fmt === D_NORMAL || fmt === D_IFDEF) {
        this.fetch(this.ixold, a, b, f1, 60, true, pf.v);
        if (a <= b && c <= d && fmt === D_NORMAL) this.p("---\n");
      }
      if (fmt !== D_GFORMAT && fmt !== D_SIDEBYSIDE) this.fetch(this.ixnew, c, d, f2, fmt === D_NORMAL ? 62 : 0, false, pf.v);
      if (this.edoffset !== 0 && fmt === D_EDIT) {
        this.p(".\n");
        this.p(`${a + this.edoffset - 1}s/.//\n`);
        b = a + this.edoffset - 1;
        a = b + 1;
        c += this.edoffset;
        continue;
      }
      if ((fmt === D_EDIT || fmt === D_REVERSE) && c <= d) this.p(".\n");
      if (this.inifdef) {
        this.p(`#endif /* ${o.ifdef} */\n`);
        this.inifdef = 0;
      }
      return;
    }
  }

  /** Print f from its position up to offset `to` (an offset one past the end prints EOF as
   * the reference's printf("%c", EOF) does: byte 0xff). */
  private copyThrough(f: F, to: number) {
    const nc = to - f.pos;
    if (nc <= 0) return;
    const end = Math.min(to, f.data.length);
    if (end > f.pos) this.out.write(f.data.subarray(f.pos, end));
    for (let k = Math.max(f.pos, f.data.length); k < to; k++) this.out.byte(0xff);
    f.pos = end;
  }

  private fetch(ix: Offsets, a: number, b: number, lb: F, ch: number, oldfile: boolean, flags: number): number {
    const o = this.o, fmt = o.format, out = this.out;
    this.edoffset = 0;
    let nc = 0;
    if (fmt === D_IFDEF && oldfile) this.copyThrough(lb, ix[a > b ? b : a - 1]!);
    if (a > b) return 0;
    if (fmt === D_IFDEF) {
      if (this.inifdef) this.p(`#else /* ${oldfile ? "!" : ""}${o.ifdef} */\n`);
      else this.p(oldfile ? `#ifndef ${o.ifdef}\n` : `#ifdef ${o.ifdef}\n`);
      this.inifdef = 1 + (oldfile ? 1 : 0);
    }
    const hw = fmt === D_SIDEBYSIDE ? this.hw : 0;
    const data = lb.data, size = data.length;
    const slow = (flags & (D_STRIPCR | D_EXPANDTABS)) !== 0 || fmt === D_SIDEBYSIDE || o.color;
    let col = 0;
    if (!slow && ch !== 0 && (fmt === D_NORMAL || fmt === D_CONTEXT || fmt === D_UNIFIED) && b - a >= 4 &&
      ix[b - 1]! <= size) {
      // all lines but the last (which may lack its newline) as one block: each line's prefix,
      // then its bytes up to and including its newline. The lines are copied to the block's
      // end at once, then each is moved down to its place behind its prefix: a native copy per
      // line, where a loop per byte ran mostly before the JIT had compiled it.
      const p0 = ch, p1 = o.Tflag ? 9 : fmt === D_UNIFIED ? -1 : 32;
      const np = p1 < 0 ? 1 : 2;
      const s0 = ix[a - 1]!, s1 = ix[b - 1]!, sh = np * (b - a) - s0;
      const blk = new Uint8Array(s1 + sh);
      blk.set(data.subarray(s0, s1), s0 + sh);
      let q = 0;
      for (let i = a; i < b; i++) {
        const s = ix[i - 1]! + sh, e = ix[i]! + sh;
        blk[q] = p0;
        if (np === 2) blk[q + 1] = p1;
        blk.copyWithin(q + np, s, e);
        q += np + e - s;
      }
      out.write(blk);
      a = b;
    }
    for (let i = a; i <= b; i++) {
      const start = ix[i - 1]!;
      lb.pos = Math.min(start, size);
      nc = ix[i]! - start;
      if (fmt === D_SIDEBYSIDE && hw < nc) nc = hw;
      if (fmt !== D_IFDEF && fmt !== D_GFORMAT && ch !== 0) {
        if (o.color && (ch === 62 || ch === 43)) this.p(`\x1b[${o.addCode}m`);
        else if (o.color && (ch === 60 || ch === 45)) this.p(`\x1b[${o.delCode}m`);
        out.byte(ch);
        if (o.Tflag && (fmt === D_NORMAL || fmt === D_CONTEXT || fmt === D_UNIFIED)) out.byte(9);
        else if (fmt !== D_UNIFIED) out.byte(32);
      }
      if (!slow) {
        // the line's bytes at once; EOF inside the count means no final newline
        const end = Math.min(lb.pos + nc, size);
        if (fmt === D_EDIT && nc >= 2 && data[lb.pos] === 46 && data[lb.pos + 1] === 10) {
          out.write("..\n");
          this.edoffset = i - a + 1;
          lb.pos += 2;
          return this.edoffset;
        }
        out.range(data, lb.pos, end);
        col = end - lb.pos;
        lb.pos = end;
        if (end - start < nc) {
          if (fmt === D_EDIT || fmt === D_REVERSE || fmt === D_NREVERSE) warnx(this.ctx, "No newline at end of file");
          else out.write("\n\\ No newline at end of file\n");
          return col;
        }
        continue;
      }
      col = 0;
      let j = 0, lastc = 0;
      while (j < nc && (hw === 0 || col < hw)) {
        let c = getc(lb);
        if (flags & D_STRIPCR && c === 13) {
          if ((c = getc(lb)) === 10) j++;
          else { ungetc(c, lb); c = 13; }
        }
        if (c === EOF) {
          if (fmt === D_EDIT || fmt === D_REVERSE || fmt === D_NREVERSE) warnx(this.ctx, "No newline at end of file");
          else out.write("\n\\ No newline at end of file\n");
          return col;
        }
        if (c === 9) {
          if (flags & D_EXPANDTABS) {
            const newcol = (((col / o.tabsize) | 0) + 1) * o.tabsize;
            do out.byte(32); while (++col < newcol && (hw === 0 || col < hw));
          } else if (fmt === D_SIDEBYSIDE) {
            if (col + o.tabsize > hw) { this.spaces(hw - col); col = hw; }
            else { out.byte(9); col += o.tabsize - 1; }
          } else { out.byte(9); col++; }
        } else {
          if (fmt === D_EDIT && j === 1 && c === 10 && lastc === 46) {
            this.p(".\n");
            this.edoffset = i - a + 1;
            return this.edoffset;
          }
          if (fmt !== D_SIDEBYSIDE || c !== 10) {
            if (o.color && c === 10) this.p("\x1b[m");
            out.byte(c);
            col++;
          }
        }
        j++;
        lastc = c;
      }
    }
    if (o.color && fmt === D_SIDEBYSIDE) this.p("\x1b[m");
    return col;
  }

  private spaces(n: number) {
    n = Math.abs(n);
    for (let k = 0; k < n; k++) this.out.byte(32);
  }

  private printSpace(nc: number, n: number, flags: number) {
    let col = n;
    const ts = this.o.tabsize;
    if ((flags & D_EXPANDTABS) === 0) {
      let i = ts - (nc % ts);
      while (col >= i) { this.out.byte(9); col -= i; i = ts; }
    }
    this.spaces(col);
  }

  private matchFunction(f: Offsets, pos: number, fp: F): string | null {
    const last = this.lastline;
    this.lastline = pos;
    let state: string | null = null;
    for (; pos > last; pos--) {
      const s = f[pos - 1]!;
      let nc = f[pos]! - s;
      if (nc >= 55) nc = 54;
      let raw = fp.data.subarray(s, Math.min(s + nc, fp.data.length));
      if (raw.length === 0) continue;
      let cut = raw.indexOf(10);
      if (cut >= 0) raw = raw.subarray(0, cut);
      cut = raw.indexOf(0);
      if (cut >= 0) raw = raw.subarray(0, cut);
      const buf = this.o.utf8 ? decode(raw) : latin1(raw);
      if (this.o.funcRe) {
        if (!this.o.funcRe.test(buf)) continue;
        this.lastbuf = buf;
        this.lastmatchline = pos;
        return this.lastbuf;
      }
      const c0 = raw[0] ?? 0;
      if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95 || c0 === 36 || c0 === 45 || c0 === 43) {
        if (buf.startsWith("private:")) { if (!state) state = " (private)"; }
        else if (buf.startsWith("protected:")) { if (!state) state = " (protected)"; }
        else if (buf.startsWith("public:")) { if (!state) state = " (public)"; }
        else {
          this.lastbuf = buf;
          if (state) this.lastbuf = cut54(buf + state);
          this.lastmatchline = pos;
          return this.lastbuf;
        }
      }
    }
    return this.lastmatchline > 0 ? this.lastbuf : null;
  }

  private dumpContext(flags: number) {
    const cv = this.cv, o = this.o, ctx = o.context;
    if (!cv.length) return;
    const n = cv.length;
    const lowa0 = Math.max(1, cv[0]! - ctx), upb = Math.min(this.len0, cv[n - 3]! + ctx);
    const lowc0 = Math.max(1, cv[2]! - ctx), upd = Math.min(this.len1, cv[n - 1]! + ctx);
    this.p("***************");
    if (flags & (D_PROTOTYPE | D_MATCHLAST)) {
      const f = this.matchFunction(this.ixold, cv[0]! - 1, this.f1);
      if (f !== null) this.p(` ${f}`);
    }
    this.p("\n*** ");
    this.range(lowa0, upb, ",");
    this.p(" ****\n");
    let b = 0, d = 0;
    let any = false;
    for (let k = 0; k < n; k += 4) if (cv[k]! <= cv[k + 1]!) { any = true; break; }
    if (any) {
      let lowa = lowa0;
      for (let k = 0; k < n; k += 4) {
        const a = cv[k]!, c = cv[k + 2]!, dd = cv[k + 3]!;
        b = cv[k + 1]!;
        const ch = a <= b && c <= dd ? "c" : a <= b ? "d" : "a";
        if (ch === "a") this.fetch(this.ixold, lowa, b, this.f1, 32, false, flags);
        else {
          this.fetch(this.ixold, lowa, a - 1, this.f1, 32, false, flags);
          this.fetch(this.ixold, a, b, this.f1, ch === "c" ? 33 : 45, false, flags);
        }
        lowa = b + 1;
      }
      this.fetch(this.ixold, b + 1, upb, this.f1, 32, false, flags);
    }
    this.p("--- ");
    this.range(lowc0, upd, ",");
    this.p(" ----\n");
    any = false;
    for (let k = 0; k < n; k += 4) if (cv[k + 2]! <= cv[k + 3]!) { any = true; break; }
    if (any) {
      let lowc = lowc0;
      for (let k = 0; k < n; k += 4) {
        const a = cv[k]!, bb = cv[k + 1]!, c = cv[k + 2]!;
        d = cv[k + 3]!;
        const ch = a <= bb && c <= d ? "c" : a <= bb ? "d" : "a";
        if (ch === "d") this.fetch(this.ixnew, lowc, d, this.f2, 32, false, flags);
        else {
          this.fetch(this.ixnew, lowc, c - 1, this.f2, 32, false, flags);
          this.fetch(this.ixnew, c, d, this.f2, ch === "c" ? 33 : 43, false, flags);
        }
        lowc = d + 1;
      }
      this.fetch(this.ixnew, d + 1, upd, this.f2, 32, false, flags);
    }
    this.cv = [];
  }

  private dumpUnified(flags: number) {
    const cv = this.cv, o = this.o, ctx = o.context;
    if (!cv.length) return;
    const n = cv.length;
    let lowa = Math.max(1, cv[0]! - ctx);
    const upb = Math.min(this.len0, cv[n - 3]! + ctx);
    let lowc = Math.max(1, cv[2]! - ctx);
    const upd = Math.min(this.len1, cv[n - 1]! + ctx);
    this.p("@@ -");
    this.uniRange(lowa, upb);
    this.p(" +");
    this.uniRange(lowc, upd);
    this.p(" @@");
    if (flags & (D_PROTOTYPE | D_MATCHLAST)) {
      const f = this.matchFunction(this.ixold, cv[0]! - 1, this.f1);
      if (f !== null) this.p(` ${f}`);
    }
    this.out.byte(10);
    let d = 0;
    for (let k = 0; k < n; k += 4) {
      const a = cv[k]!, b = cv[k + 1]!, c = cv[k + 2]!;
      d = cv[k + 3]!;
      if (a <= b) {
        this.fetch(this.ixold, lowa, a - 1, this.f1, 32, false, flags);
        this.fetch(this.ixold, a, b, this.f1, 45, false, flags);
        if (c <= d) this.fetch(this.ixnew, c, d, this.f2, 43, false, flags);
      } else {
        this.fetch(this.ixnew, lowc, c - 1, this.f2, 32, false, flags);
        this.fetch(this.ixnew, c, d, this.f2, 43, false, flags);
      }
      lowa = b + 1;
      lowc = d + 1;
    }
    this.fetch(this.ixnew, d + 1, upd, this.f2, 32, false, flags);
    this.cv = [];
  }

  private printHeader(file1: string, file2: string) {
    const o = this.o;
    const ctxf = o.format === D_CONTEXT;
    const one = (lbl: string | undefined, file: string, st: Stat, mark: string) => {
      if (lbl !== undefined) { this.p(`${mark} ${lbl}\n`); return; }
      const sec = Number(st.mtimeNs / 1000000000n), nsec = Number(st.mtimeNs % 1000000000n);
      const tm = localtime(sec)!;
      let s = `${mark} ${file}\t${strftime(o.cflag ? "%c" : "%Y-%m-%d %H:%M:%S", tm)}`;
      if (!o.cflag) s += `.${String(nsec).padStart(9, "0")} ${strftime("%z", tm)}`;
      this.p(s + "\n");
    };
    one(o.label[0], file1, this.stb1, ctxf ? "***" : "---");
    one(o.label[1], file2, this.stb2, ctxf ? "---" : "+++");
  }

  // ---------- directories (diffdir.c) ----------
  diffdir(p1: string, p2: string, flags: number) {
    const o = this.o;
    let path1 = p1 || ".", path2 = p2 || ".";
    if (!path1.endsWith("/")) path1 += "/";
    if (!path2.endsWith("/")) path2 += "/";
    const scan = (path: string, okMissing: boolean): string[] | null => {
      try {
        const names = readdir(path).filter((n) => !o.excludes.some((x) => fnmatch(x, n, FNM_PATHNAME) === 0));
        const keyed = names.map((n) => [encode(n), n] as const);
        keyed.sort((x, y) => compareBytes(x[0], y[0]));
        return keyed.map((k) => k[1]);
      } catch (e) {
        if (e instanceof SysError && e.errno === 2 && okMissing) return [];
        warn(this.ctx, path, e);
        return null;
      }
    };
    let d1 = scan(path1, o.Nflag || o.Pflag);
    if (!d1) return;
    let d2 = scan(path2, o.Nflag);
    if (!d2) return;
    let i1 = 0, i2 = 0;
    if (o.start !== undefined) {
      const s = encode(o.start);
      while (i1 < d1.length && compareBytes(encode(d1[i1]!), s) < 0) i1++;
      while (i2 < d2.length && compareBytes(encode(d2[i2]!), s) < 0) i2++;
    }
    while (i1 < d1.length || i2 < d2.length) {
      const n1 = i1 < d1.length ? d1[i1]! : undefined, n2 = i2 < d2.length ? d2[i2]! : undefined;
      const pos = n1 === undefined ? 1 : n2 === undefined ? -1 :
        o.ignoreFileCase ? compareBytes(encode(n1.toLowerCase()), encode(n2.toLowerCase())) : compareBytes(encode(n1), encode(n2));
      if (pos === 0) {
        this.diffit(n1!, path1, n2, path2, flags);
        i1++; i2++;
      } else if (pos < 0) {
        if (o.Nflag) this.diffit(n1!, path1, n2, path2, flags);
        else { this.printOnly(path1, n1!); this.status |= 1; }
        i1++;
      } else {
        if (o.Nflag || o.Pflag) this.diffit(n2!, path1, n1, path2, flags);
        else { this.printOnly(path2, n2!); this.status |= 1; }
        i2++;
      }
    }
  }

  private printOnly(path: string, entry: string) {
    const dir = path.length > 1 ? path.slice(0, -1) : path;
    this.p(`Only in ${dir}: ${entry}\n`);
  }

  private diffit(name: string, dir1: string, other: string | undefined, dir2: string, flags: number) {
    const o = this.o;
    flags |= D_HEADER;
    const path1 = dir1 + name;
    const path2 = dir2 + (o.ignoreFileCase ? other ?? name : name);
    const zero = (mode: number): Stat => ({ dev: 0, ino: 0, mode, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 0, blocks: 0, atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n });
    const get = o.noderef ? lstat : stat;
    let st1: Stat, st2: Stat;
    try { st1 = get(path1); } catch (e) {
      // (the reference warns without raising the status; POSIX wants > 1 after an error)
      if (!(o.Nflag || o.Pflag) || !(e instanceof SysError) || e.errno !== 2) { warn(this.ctx, path1, e); this.status |= 2; return; }
      flags |= D_EMPTY1;
      st1 = zero(0);
    }
    try { st2 = get(path2); } catch (e) {
      if (!o.Nflag || !(e instanceof SysError) || e.errno !== 2) { warn(this.ctx, path2, e); this.status |= 2; return; }
      flags |= D_EMPTY2;
      st2 = zero(st1.mode);
    }
    if (st1.mode === 0) st1 = statWith(st1, { mode: st2.mode });
    if (o.noderef && (S_ISLNK(st1.mode) || S_ISLNK(st2.mode))) {
      if (S_ISLNK(st1.mode) && S_ISLNK(st2.mode)) {
        let l1: string, l2: string;
        try { l1 = readlink(path1); l2 = readlink(path2); } catch (e) {
          this.ctx.err.write(`reading links: ${(e as Error).message}\n`);
          this.ctx.err.flush();
          return;
        }
        if (l1 !== l2) { this.p(`Symbolic links ${path1} and ${path2} differ\n`); this.status |= 1; }
        return;
      }
      const kind = (m: number) => S_ISLNK(m) ? "symbolic link" : S_ISDIR(m) ? "directory" : S_ISREG(m) ? "file" : "error";
      this.p(`File ${path1} is a ${kind(st1.mode)} while file ${path2} is a ${kind(st2.mode)}\n`);
      this.status |= 1;
      return;
    }
    if (S_ISDIR(st1.mode) && S_ISDIR(st2.mode)) {
      if (o.rflag) this.diffdir(path1, path2, flags);
      else this.p(`Common subdirectories: ${path1} and ${path2}\n`);
      return;
    }
    let r: number;
    if (!S_ISREG(st1.mode) && !S_ISDIR(st1.mode)) r = D_SKIPPED1;
    else if (!S_ISREG(st2.mode) && !S_ISDIR(st2.mode)) r = D_SKIPPED2;
    else r = this.diffreg(path1, path2, flags, st1, st2);
    this.printStatus(r, path1, path2, "");
  }
}

function cut54(s: string): string {
  const b = encode(s);
  return b.length > 54 ? decode(b.subarray(0, 54)) : s;
}

export default defineApplet({
  name: "diff",
  main(ctx) {
    const bad = (): never => usage(ctx, USAGE, 2);
    const conflicting = (): never => { ctx.err.write("error: conflicting output format options.\n"); return bad(); };
    const o: Opts = {
      format: D_UNSET, context: 3, tabsize: 8, width: 128, Tflag: false, sflag: false, Nflag: false, Pflag: false,
      rflag: false, cflag: false, noderef: false, suppressCommon: false, ignoreFileCase: false, color: false,
      addCode: "32", delCode: "31", label: [undefined, undefined], excludes: [], diffargs: "diff", utf8: utf8Locale(ctx.env),
    };
    let flags = 0, lastch = "", prevoptind = 1, newarg = true, colorflag = 0;
    let ignorePats: string | undefined, funcPat: string | undefined;
    const g = new Getopt(ctx, OPTIONS, LONG);
    const mismatched = (t: number) => o.format !== D_UNSET && o.format !== t;
    const num = (s: string) => /^\s*[+-]?\d+$/.test(s) ? parseInt(s, 10) : NaN;
    const strtonum = (s: string, what: string) => {
      const v = /^\s*[+-]?\d+$/.test(s) ? Number(s) : NaN;
      if (!(v >= 1 && v <= 0x7fffffff)) { warnx(ctx, `Invalid argument for ${what}`); bad(); }
      return v;
    };
    for (let ch: string | undefined; (ch = g.next()) !== undefined;) {
      const arg = g.optarg;
      switch (ch) {
        case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7": case "8": case "9":
          if (newarg) bad();
          else if (lastch === "c" || lastch === "u") o.context = 0;
          else if (!/[0-9]/.test(lastch) || o.context > 0x7fffffff / 10) bad();
          o.context = o.context * 10 + Number(ch);
          break;
        case "a": flags |= D_FORCEASCII; break;
        case "b": flags |= D_FOLDBLANKS; break;
        case "C": case "c":
          if (mismatched(D_CONTEXT)) conflicting();
          o.cflag = true;
          o.format = D_CONTEXT;
          if (arg !== undefined) {
            const l = num(arg);
            if (!(l >= 0 && l < 0x7fffffff)) bad();
            o.context = l;
          }
          break;
        case "d": flags |= D_MINIMAL; break;
        case "D": if (mismatched(D_IFDEF)) conflicting(); o.format = D_IFDEF; o.ifdef = arg; break;
        case "e": if (mismatched(D_EDIT)) conflicting(); o.format = D_EDIT; break;
        case "f": if (mismatched(D_REVERSE)) conflicting(); o.format = D_REVERSE; break;
        case "H": case "h": break;
        case "B": flags |= D_SKIPBLANKLINES; break;
        case "F":
          if (flags & D_PROTOTYPE) conflicting();
          flags |= D_MATCHLAST;
          funcPat = arg;
          break;
        case "I": ignorePats = ignorePats === undefined ? arg : ignorePats + "|" + arg; break;
        case "i": flags |= D_IGNORECASE; break;
        case "L":
          if (o.label[0] === undefined) o.label[0] = arg;
          else if (o.label[1] === undefined) o.label[1] = arg;
          else bad();
          break;
        case "l": break;
        case "N": o.Nflag = true; break;
        case "n": if (mismatched(D_NREVERSE)) conflicting(); o.format = D_NREVERSE; break;
        case "p":
          if (flags & D_MATCHLAST) conflicting();
          flags |= D_PROTOTYPE;
          break;
        case "P": o.Pflag = true; break;
        case "r": o.rflag = true; break;
        case "q": if (mismatched(D_BRIEF)) conflicting(); o.format = D_BRIEF; break;
        case "S": o.start = arg; break;
        case "s": o.sflag = true; break;
        case "T": o.Tflag = true; break;
        case "t": flags |= D_EXPANDTABS; break;
        case "U": case "u":
          if (mismatched(D_UNIFIED)) conflicting();
          o.format = D_UNIFIED;
          if (arg !== undefined) {
            const l = num(arg);
            if (!(l >= 0 && l < 0x7fffffff)) bad();
            o.context = l;
          }
          break;
        case "w": flags |= D_IGNOREBLANKS; break;
        case "W": o.width = strtonum(arg!, "width"); break;
        case "X": readExcludes(ctx, arg!, o.excludes); break;
        case "x": o.excludes.push(arg!); break;
        case "y": if (mismatched(D_SIDEBYSIDE)) conflicting(); o.format = D_SIDEBYSIDE; break;
        case "\x01cgf": if (mismatched(D_GFORMAT)) conflicting(); o.format = D_GFORMAT; o.groupFormat = arg; break;
        case "\x01help": ctx.out.write(USAGE); ctx.out.flush(); throw new Exit(0);
        case "\x01hl": break;
        case "\x01ifc": o.ignoreFileCase = true; break;
        case "\x01nifc": o.ignoreFileCase = false; break;
        case "\x01normal": if (mismatched(D_NORMAL)) conflicting(); o.format = D_NORMAL; break;
        case "\x01ts": o.tabsize = strtonum(arg!, "tabsize"); break;
        case "\x01cr": flags |= D_STRIPCR; break;
        case "\x01scl": o.suppressCommon = true; break;
        case "\x01color":
          if (arg === undefined || arg.startsWith("auto")) colorflag = 1;
          else if (arg.startsWith("always")) colorflag = 2;
          else if (arg.startsWith("never")) colorflag = 0;
          else errx(ctx, 2, `unsupported --color value '${arg}' (must be always, auto, or never)`);
          break;
        case "\x01nd": o.rflag = true; o.noderef = true; break;
        case "\x01version": ctx.out.write("FreeBSD diff 20220309\n"); return 0;
        default: bad();
      }
      lastch = ch;
      newarg = g.optind !== prevoptind;
      prevoptind = g.optind;
    }
    if (o.format === D_UNSET && (flags & D_PROTOTYPE) !== 0) o.format = D_CONTEXT;
    if (o.format === D_UNSET) o.format = D_NORMAL;
    if (colorflag === 2 || (colorflag === 1 && (ctx.env.get("CLICOLOR") || ctx.env.get("COLORTERM")) && isatty(1))) {
      o.color = true;
      const env = ctx.env.get("DIFFCOLORS");
      if (env) {
        const k = env.indexOf(":");
        if (k < 0) o.addCode = env;
        else { o.addCode = env.slice(0, k); o.delCode = env.slice(k + 1); }
      }
    }
    const argv = g.rest;
    if (argv.length !== 2) bad();
    const comp = (p: string | undefined) => {
      if (p === undefined) return undefined;
      try {
        return Regex.compile(p, { extended: true, newline: true, utf8: o.utf8 });
      } catch (e) {
        if (e instanceof RegexError) errx(ctx, 2, p !== "" ? `${p}: ${e.message}` : e.message);
        throw e;
      }
    };
    o.ignoreRe = comp(ignorePats);
    o.funcRe = comp(funcPat);
    let [a0, a1] = argv as [string, string];
    let gotstdin = false;
    const zero = (mode: number): Stat => ({ dev: 0, ino: 0, mode, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 0, blocks: 0, atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n });
    let st1: Stat, st2: Stat;
    const die = (name: string, e: unknown): never => { warn(ctx, name, e); throw new Exit(2); };
    if (a0 === "-") { st1 = fstat(ctx.stdin); gotstdin = true; }
    else try { st1 = stat(a0); } catch (e) {
      if (!o.Nflag || !(e instanceof SysError) || e.errno !== 2) die(a0, e);
      flags |= D_EMPTY1;
      st1 = zero(0);
    }
    let err1: unknown;
    if (a1 === "-") { st2 = fstat(ctx.stdin); gotstdin = true; }
    else try { st2 = stat(a1); } catch (e) {
      if (!o.Nflag || !(e instanceof SysError) || e.errno !== 2) die(a1, e);
      err1 = e;
      flags |= D_EMPTY2;
      st2 = zero(st1!.mode);
    }
    if (flags & D_EMPTY1 && flags & D_EMPTY2) {
      warn(ctx, a0, err1);
      warn(ctx, a1, err1);
      return 2;
    }
    if (st1!.mode === 0) st1 = { ...st1!, mode: st2!.mode };
    if (gotstdin && (S_ISDIR(st1!.mode) || S_ISDIR(st2!.mode))) errx(ctx, 2, "can't compare - to a directory");
    o.diffargs = ["diff", ...g.argv.slice(1, g.optind).filter((a) => a !== "--")].join(" ");
    const d = new Diff(ctx, o);
    if (S_ISDIR(st1!.mode) && S_ISDIR(st2!.mode)) {
      if (o.format === D_IFDEF) errx(ctx, 2, "-D option not supported with directories");
      d.diffdir(a0, a1, flags);
    } else {
      if (S_ISDIR(st1!.mode)) {
        a0 = splice(a0, a1);
        try { st1 = stat(a0); } catch (e) { die(a0, e); }
      }
      if (S_ISDIR(st2!.mode)) {
        a1 = splice(a1, a0);
        try { st2 = stat(a1); } catch (e) { die(a1, e); }
      }
      d.printStatus(d.diffreg(a0, a1, flags, st1!, st2!), a0, a1, "");
    }
    return d.status;
  },
});

function splice(dir: string, path: string): string {
  const d = dir.replace(/\/+$/, "");
  const k = path.lastIndexOf("/");
  return `${d}/${k < 0 ? path : path.slice(k + 1)}`;
}

function readExcludes(ctx: Ctx, file: string, list: string[]) {
  let fd: number;
  try { fd = file === "-" ? ctx.stdin : open(file, O.RDONLY); } catch (e) { warn(ctx, file, e); throw new Exit(2); }
  const all = readAll(fd);
  if (fd !== ctx.stdin) close(fd);
  let s = 0;
  while (s < all.length) {
    let e = all.indexOf(10, s);
    const end = e < 0 ? all.length : e;
    list.push(decode(all.subarray(s, end)));
    s = end + 1;
  }
}
