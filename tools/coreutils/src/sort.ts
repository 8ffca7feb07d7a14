// sort — sort, merge or check lines of text files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/sort.html  FreeBSD: sort(1)
// Options (getopt_long "bcCdfghik:Mmno:RrsS:t:T:uVz", operands permuted):
//   -b ignore leading blanks  -d dictionary order  -f fold case (towupper)  -i ignore nonprinting
//   -n numeric  -g general numeric (strtod)  -h human (K M G T P E Z Y)  -M month  -R random (MD5 of a
//   seed and the key)  -V version  -r reverse  (n g h M R V are mutually exclusive)
//   -k POS1[,POS2] keys (F[.C][bdfgiMhnRrV]), -t CHAR separator, +POS1 [-POS2] obsolete keys
//   -u unique (implies -s)  -s stable  -c/-C check (diagnose / quiet)  -m merge  -o FILE output
//   -S SIZE memory budget (K by default; b % K M G T P E Z Y)  -T DIR temporary files  -z NUL lines
//   long: --batch-size --buffer-size --check[=silent|quiet|diagnose-first] --compress-program --debug
//   --files0-from --parallel --random-source --sort=WORD --heapsort/--mergesort/--qsort/--radixsort/--mmap
//   (accepted, same output) --help --version, and the long names of the letters.
// FreeBSD semantics: equal keys fall back to a whole-line byte comparison unless -s (or -u);
// -u keeps the first line of each run of equal keys; "-" is standard input; an unreadable input is
// fatal ("sort: No such file or directory", status 2); -c reports "sort: FILE:LINE: disorder: TEXT"
// and exits 1. Collation in C.UTF-8 is code-point order, i.e. byte order; LC_ALL=C is bytes.
// Inputs larger than the budget (-S, default half of physical memory) are sorted in runs written
// to TMPDIR or -T (".bsdsort.XXXXXXXXXX") and merged, at most --batch-size files at a time.
// -V is FreeBSD's vsort.c (GNU filevercmp rules: "1.0~rc1" < "1.0", file suffixes), which is what
// the recorded reference does, not strverscmp(3). Speed: a plain sort (no keys or modifiers but -r)
// keeps lines as offsets in typed arrays; string, -n and -h keys (with b d f i r) are encoded once
// per line into one byte string that compares as the keys and the last resort do (KeyBatch);
// both are then sorted by strSort, a most-significant-byte sort that sorts five to seven bytes
// and a position packed in a BigUint64Array natively per step. Other keys sort Item objects.
// Deviations: --debug prints only its header, not the comparison trace; --compress-program is
// accepted but temporary files are not compressed; signals do not remove temporary files.
import { defineApplet, Getopt, usage, errx, err, warn, Writer, Reader, utf8Locale, codePointAt, iswprint, type Ctx, type LongOpt } from "@bsdbox/shared";
import { strtod } from "@bsdbox/shared/format";
import {
  open, close, read, O, SysError, unlink, rename, access, fstat, stat, S_ISREG, S_ISCHR, randomBytes,
  hashInit, hashUpdate, hashDigest, compareBytes, physMemory, collectGarbage, utf8SeqLen, encode, decode,
} from "@bsdbox/compat";

const OPTS = "bcCdfghik:Mmno:RrsS:t:T:uVz";
const LONG: LongOpt[] = [
  { name: "batch-size", has: 1, val: "\x01bs" },
  { name: "buffer-size", has: 1, val: "S" },
  { name: "check", has: 2, val: "c" },
  { name: "check=silent|quiet", has: 2, val: "C" },
  { name: "compress-program", has: 1, val: "\x01cp" },
  { name: "debug", has: 0, val: "\x01debug" },
  { name: "dictionary-order", has: 0, val: "d" },
  { name: "field-separator", has: 1, val: "t" },
  { name: "files0-from", has: 1, val: "\x01ff" },
  { name: "general-numeric-sort", has: 0, val: "g" },
  { name: "heapsort", has: 0, val: "\x01m" },
  { name: "help", has: 0, val: "\x01help" },
  { name: "human-numeric-sort", has: 0, val: "h" },
  { name: "ignore-leading-blanks", has: 0, val: "b" },
  { name: "ignore-case", has: 0, val: "f" },
  { name: "ignore-nonprinting", has: 0, val: "i" },
  { name: "key", has: 1, val: "k" },
  { name: "merge", has: 0, val: "m" },
  { name: "mergesort", has: 0, val: "\x01m" },
  { name: "mmap", has: 0, val: "\x01m" },
  { name: "month-sort", has: 0, val: "M" },
  { name: "numeric-sort", has: 0, val: "n" },
  { name: "output", has: 1, val: "o" },
  { name: "parallel", has: 1, val: "\x01par" },
  { name: "qsort", has: 0, val: "\x01m" },
  { name: "radixsort", has: 0, val: "\x01m" },
  { name: "random-sort", has: 0, val: "R" },
  { name: "random-source", has: 1, val: "\x01rs" },
  { name: "reverse", has: 0, val: "r" },
  { name: "sort", has: 1, val: "\x01sort" },
  { name: "stable", has: 0, val: "s" },
  { name: "temporary-directory", has: 1, val: "T" },
  { name: "unique", has: 0, val: "u" },
  { name: "version", has: 0, val: "\x01version" },
  { name: "version-sort", has: 0, val: "V" },
  { name: "zero-terminated", has: 0, val: "z" },
];
const usageText = (prog: string) =>
  `Usage: ${prog} [-bcCdfigMmnrsuz] [-kPOS1[,POS2] ... ] [+POS1 [-POS2]] [-S memsize] [-T tmpdir] [-t separator] ` +
  `[-o outfile] [--batch-size size] [--files0-from file] [--heapsort] [--mergesort] [--radixsort] [--qsort] ` +
  `[--mmap] [--parallel thread_no] [--human-numeric-sort] [--version-sort]] [--compress-program program] [file ...]\n`;

const MEF = "MngRhV";
interface Mods { b: boolean; d: boolean; f: boolean; g: boolean; i: boolean; R: boolean; M: boolean; n: boolean; r: boolean; V: boolean; h: boolean }
const newMods = (): Mods => ({ b: false, d: false, f: false, g: false, i: false, R: false, M: false, n: false, r: false, V: false, h: false });
interface Key { f1: number; c1: number; f2: number; c2: number; b1: boolean; b2: boolean; sm: Mods; type: number }
// comparison types
const T_STR = 0, T_NUM = 1, T_HUM = 2, T_GEN = 3, T_MON = 4, T_RND = 5, T_VER = 6;
const typeOf = (m: Mods) => (m.n ? T_NUM : m.h ? T_HUM : m.g ? T_GEN : m.M ? T_MON : m.R ? T_RND : m.V ? T_VER : T_STR);
const modsEmpty = (m: Mods) => !(m.M || m.V || m.n || m.g || m.r || m.R || m.h || m.d || m.f);


/** Everything the comparisons need. */
class Sorter {
  utf8: boolean;
  keys: Key[] = [];
  kflag = false;
  global: Mods = newMods();
  complex = false;
  stable = false;
  unique = false;
  reverseAll = false;
  tflag = false;
  sep = 0;
  decimal = 0x2e;
  minus = 0x2d;
  seed: Uint8Array = new Uint8Array(0);
  delim = 10;
  single = false; // plain byte order on the whole line
  constructor(utf8: boolean) {
    this.utf8 = utf8;
  }

  /** Character length at i (an invalid byte is one character). */
  cl(s: Uint8Array, i: number): number {
    if (!this.utf8 || s[i]! < 0x80) return 1;
    return utf8SeqLen(s, i, s.length) || 1;
  }
  isBlank(c: number) {
    return c === 32 || c === 9;
  }

  // The line is s[b, b + len); positions are relative to b. skipFields and skipCols return the
  // position and set `past` (the field or column is missing).
  past = false;
  cla(s: Uint8Array, i: number, e: number): number {
    if (!this.utf8 || s[i]! < 0x80) return 1;
    return utf8SeqLen(s, i, e) || 1;
  }
  skipFields(s: Uint8Array, b: number, len: number, fields: number): number {
    this.past = false;
    if (fields < 2) {
      this.past = len === 0;
      return 0;
    }
    let cpos = 0;
    const e = b + len;
    if (!this.tflag) {
      let pb = true;
      while (cpos < len) {
        const c = s[b + cpos]!;
        const bl = c === 32 || c === 9;
        if (bl && !pb) {
          if (--fields <= 1) return cpos;
        }
        pb = bl;
        cpos += c < 0x80 ? 1 : this.cla(s, b + cpos, e);
      }
      this.past = fields > 1;
      return cpos;
    }
    const sep = this.sep;
    while (cpos < len) {
      const c = s[b + cpos]!;
      if (c === sep) {
        if (--fields <= 1) return cpos + 1;
      }
      cpos += c < 0x80 ? 1 : this.cla(s, b + cpos, e);
    }
    this.past = fields > 1;
    return cpos;
  }
  skipCols(s: Uint8Array, b: number, len: number, cols: number, start: number, blanks: boolean): number {
    this.past = false;
    if (cols < 1) return len + 1;
    if (blanks) while (start < len && this.isBlank(s[b + start]!)) start++;
    while (start < len && cols > 1) {
      cols--;
      start += this.cla(s, b + start, b + len);
    }
    this.past = start >= len;
    return start;
  }
  /** The key k of the line s[b, b + len), as [ks, ke) relative to b. */
  ks = 0;
  ke = 0;
  cutAt(s: Uint8Array, b: number, len: number, k: Key): void {
    this.ks = this.ke = 0;
    const fs = this.skipFields(s, b, len, k.f1);
    if (this.past) return;
    const ks = this.skipCols(s, b, len, k.c1, fs, k.b1);
    if (this.past) return;
    let end: number;
    if (k.f2 === 0) end = len + 1;
    else {
      let nfs: number;
      if (k.c2 === 0) {
        nfs = this.skipFields(s, b, len, k.f2 + 1);
        if (nfs > 0 && this.tflag && s[b + nfs - 1] === this.sep) nfs--;
      } else nfs = this.skipFields(s, b, len, k.f2);
      if (this.past || nfs >= len) end = len + 1;
      else if (k.c2) {
        let pe = this.skipCols(s, b, len, k.c2, nfs, k.b2);
        if (pe < len) pe += this.cla(s, b + pe, b + len);
        end = pe;
      } else end = nfs;
    }
    if (end > len) end = len;
    if (end > ks) {
      this.ks = ks;
      this.ke = end;
    }
  }
  cut(s: Uint8Array, k: Key): Uint8Array {
    this.cutAt(s, 0, s.length, k);
    return s.subarray(this.ks, this.ke);
  }

  /** Keep characters for which keep(cp) holds (-d, -i). */
  filter(s: Uint8Array, keep: (cp: number) => boolean): Uint8Array {
    const out = new Uint8Array(s.length);
    let o = 0;
    for (let i = 0; i < s.length; ) {
      const c = s[i]!;
      let n = 1, cp = c;
      if (c >= 0x80) {
        if (this.utf8) {
          n = utf8SeqLen(s, i, s.length) || 1;
          cp = n > 1 ? codePointAt(s, i, n) : c;
        } else cp = -1;
      }
      if (keep(cp)) for (let k = 0; k < n; k++) out[o++] = s[i + k]!;
      i += n;
    }
    return out.subarray(0, o);
  }
  dict = (cp: number) =>
    cp === 32 || cp === 9 || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) ||
    (cp >= 0xaa && ALNUM.test(String.fromCodePoint(cp)));
  print = (cp: number) => cp >= 0 && (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : this.utf8 && iswprint(cp));
  upper(s: Uint8Array): Uint8Array {
    let out: Uint8Array | undefined;
    let o = 0;
    for (let i = 0; i < s.length; ) {
      const c = s[i]!;
      let n = 1;
      let rep: Uint8Array | undefined;
      if (c < 0x80 || !this.utf8) {
        if (c >= 97 && c <= 122) rep = UPPER[c - 97];
      } else {
        n = utf8SeqLen(s, i, s.length) || 1;
        if (n > 1) {
          const ch = String.fromCodePoint(codePointAt(s, i, n));
          const up = ch.toUpperCase();
          if (up !== ch && up.length <= 2 && up.codePointAt(0)! > 0x7f && String.fromCodePoint(up.codePointAt(0)!) === up) rep = ENC.encode(up);
        }
      }
      if (rep && !out) {
        out = new Uint8Array(s.length * 2 + 8);
        out.set(s.subarray(0, i));
        o = i;
      }
      if (out) {
        const src = rep ?? s.subarray(i, i + n);
        if (o + src.length > out.length) {
          const nb = new Uint8Array(out.length * 2 + src.length);
          nb.set(out.subarray(0, o));
          out = nb;
        }
        out.set(src, o);
        o += src.length;
      }
      i += n;
    }
    return out ? out.subarray(0, o) : s;
  }
  skipBlanks(s: Uint8Array): Uint8Array {
    let i = 0;
    while (i < s.length && this.isBlank(s[i]!)) i++;
    return s.subarray(i);
  }

  /** The prepared, comparable value of one key. */
  prep(k: Uint8Array, sm: Mods, type: number): unknown {
    if (sm.d) k = this.filter(k, this.dict);
    else if (sm.i) k = this.filter(k, this.print);
    if (sm.f || sm.M) k = this.upper(k);
    switch (type) {
      case T_NUM: return this.readNumber(k, false);
      case T_HUM: return this.readNumber(k, true);
      case T_GEN: return this.readDouble(k);
      case T_MON: return monthScore(this.skipBlanks(k));
      case T_RND: {
        const h = hashInit("md5")!;
        hashUpdate(h, this.seed);
        hashUpdate(h, k);
        return hashDigest(h);
      }
      default: return k;
    }
  }

  private lastAB: ArrayBufferLike | undefined;
  private lastView = new Uint8Array(0);
  /** The keys of one line: the line itself for a plain sort, else an array. */
  make(line: Uint8Array): Item {
    // the first six bytes as a number order lines like memcmp does, up to a tie
    const n = line.length;
    let p = 0;
    for (let i = 0; i < 6; i++) p = p * 256 + (i < n ? line[i]! : 0);
    if (line.buffer !== this.lastAB) {
      this.lastAB = line.buffer;
      this.lastView = new Uint8Array(line.buffer as ArrayBuffer);
    }
    const b = this.lastView, o = line.byteOffset;
    if (this.single) return { l: line, k: EMPTY, p, b, o, n };
    const ks: unknown[] = [];
    if (this.kflag) {
      for (const key of this.keys) ks.push(this.prep(this.cut(line, key), key.sm, key.type));
    } else {
      const sm = this.global;
      ks.push(this.prep(sm.b ? this.skipBlanks(line) : line, sm, this.keys[0]!.type));
    }
    return { l: line, k: ks, p, b, o, n };
  }

  readNumber(s: Uint8Array, human: boolean): Num {
    let i = 0;
    const len = s.length;
    while (i < len && this.isBlank(s[i]!)) i++;
    let neg = false;
    if (i < len && s[i] === this.minus) { neg = true; i++; }
    while (i < len && s[i] === 0x30) i++;
    const m0 = i;
    let mv = 0;
    while (i < len && s[i]! >= 0x30 && s[i]! <= 0x39 && i - m0 < 128) mv = mv * 10 + s[i++]! - 0x30;
    const mlen = i - m0;
    const main = mlen > 15 ? latin1(s, m0, i) : "";
    let frac = "";
    if (i < len && s[i] === this.decimal) {
      i++;
      const f0 = i;
      while (i < len && s[i]! >= 0x30 && s[i]! <= 0x39 && i - f0 < 128) i++;
      let fe = i;
      while (fe > f0 && s[fe - 1] === 0x30) fe--;
      if (fe > f0) frac = latin1(s, f0, fe);
    }
    let si = 0;
    if (human && i < len) si = s[i] === 0x6b ? 1 : SUFFIX.indexOf(String.fromCharCode(s[i]!)) + 1;
    const empty = mlen === 0 && !frac;
    if (empty) neg = false;
    return { neg, empty, mlen, mv, main, frac, si };
  }
  readDouble(s: Uint8Array): Dbl {
    let i = 0;
    while (i < s.length && this.isBlank(s[i]!)) i++;
    if (i >= s.length) return { empty: true, v: 0, er: false };
    const c = s[i]!;
    let cp = c;
    if (c >= 0x80) {
      const n = this.utf8 ? utf8SeqLen(s, i, s.length) : 0;
      cp = n > 1 ? codePointAt(s, i, n) : -1;
    }
    if (!this.print(cp)) return { empty: true, v: 0, er: false };
    const r = strtod(latin1(s, i, Math.min(s.length, i + 4096)));
    if (r.end === 0) return { empty: true, v: 0, er: false };
    return { empty: false, v: r.value, er: r.erange };
  }

  cmpKey(a: unknown, b: unknown, type: number): number {
    switch (type) {
      case T_STR: return compareBytes(a as Uint8Array, b as Uint8Array);
      case T_NUM: return numcmp(a as Num, b as Num, false);
      case T_HUM: return numcmp(a as Num, b as Num, true);
      case T_GEN: return gencmp(a as Dbl, b as Dbl);
      case T_MON: return (a as number) - (b as number);
      case T_RND: return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
      default: return vcmp(a as Uint8Array, b as Uint8Array);
    }
  }
  /** Keys only (list_coll without the last resort); set up by setup(). */
  keyCmp: (x: Item, y: Item) => number = () => 0;
  setup(): void {
    if (this.single) {
      this.keyCmp = this.reverseAll ? (x, y) => plain(y, x) : plain;
      this.cmp = this.keyCmp;
      return;
    }
    const fns = this.keys.map((k) => {
      const t = k.type;
      const f: (a: unknown, b: unknown) => number =
        t === T_STR ? (a, b) => compareBytes(a as Uint8Array, b as Uint8Array)
        : t === T_NUM ? (a, b) => numcmp(a as Num, b as Num, false)
        : (a, b) => this.cmpKey(a, b, t);
      return k.sm.r ? (a: unknown, b: unknown) => f(b, a) : f;
    });
    if (fns.length === 1) {
      const f = fns[0]!;
      this.keyCmp = (x, y) => f((x as Keyed).k[0], (y as Keyed).k[0]);
      return;
    }
    this.keyCmp = (x, y) => {
      const a = (x as Keyed).k, b = (y as Keyed).k;
      for (let i = 0; i < fns.length; i++) {
        const r = fns[i]!(a[i], b[i]);
        if (r) return r;
      }
      return 0;
    };
  }
  lineOf(x: Item): Uint8Array {
    return x.l;
  }
  /** list_coll: keys, then the whole line unless -s. */
  cmp = (x: Item, y: Item): number => {
    const r = this.keyCmp(x, y);
    if (r || this.single || this.stable || !this.complex) return r;
    return this.reverseAll ? plain(y, x) : plain(x, y);
  };
}

type Keyed = { l: Uint8Array; k: unknown[]; p?: number; b?: Uint8Array; o?: number; n?: number };
type Item = Keyed;
const EMPTY: unknown[] = [];
interface Num { neg: boolean; empty: boolean; mlen: number; mv: number; main: string; frac: string; si: number }
interface Dbl { empty: boolean; v: number; er: boolean }
const ENC = new TextEncoder();
const UPPER = Array.from({ length: 26 }, (_, i) => new Uint8Array([65 + i]));
const ALNUM = /[\p{Alphabetic}\p{Nd}]/u;
const SUFFIX = "KMGTPEZY";
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** Whole lines in memcmp order, then by length: the six-byte prefix number first. */
function plain(x: Item, y: Item): number {
  const d = x.p! - y.p!;
  if (d) return d;
  const an = x.n!, bn = y.n!, n = an < bn ? an : bn;
  const ab = x.b!, bb = y.b!, ao = x.o!, bo = y.o!;
  for (let i = 6; i < n; i++) {
    const e = ab[ao + i]! - bb[bo + i]!;
    if (e) return e;
  }
  return an - bn;
}
function latin1(s: Uint8Array, a: number, b: number): string {
  let r = "";
  for (let i = a; i < b; i++) r += String.fromCharCode(s[i]!);
  return r;
}
function monthScore(s: Uint8Array): number {
  for (let m = 11; m >= 0; m--) {
    const name = MONTHS[m]!;
    if (s.length >= 3 && s[0] === name.charCodeAt(0) && s[1] === name.charCodeAt(1) && s[2] === name.charCodeAt(2)) return m;
  }
  return -1;
}
function numcmp(a: Num, b: Num, human: boolean): number {
  const e1 = a.empty, e2 = b.empty;
  if (e1 && e2) return 0;
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  if (e1) return b.neg ? 1 : -1;
  if (e2) return a.neg ? -1 : 1;
  if (human && a.si !== b.si) return a.neg ? b.si - a.si : a.si - b.si;
  let r = a.mlen - b.mlen;
  if (!r) r = a.mlen > 15 ? (a.main < b.main ? -1 : a.main > b.main ? 1 : 0) : a.mv - b.mv;
  if (!r) r = a.frac === b.frac ? 0 : a.frac < b.frac ? -1 : 1;
  if (!r) return 0;
  r = r < 0 ? -1 : 1;
  return a.neg ? -r : r;
}
function gencmp(a: Dbl, b: Dbl): number {
  if (a.empty) return b.empty ? 0 : -1;
  if (b.empty) return 1;
  const n1 = Number.isNaN(a.v), n2 = Number.isNaN(b.v);
  if (n1) return n2 ? 0 : -1;
  if (n2) return 1;
  const hm1 = a.er && a.v === -Infinity, hm2 = b.er && b.v === -Infinity;
  const hp1 = a.er && a.v === Infinity, hp2 = b.er && b.v === Infinity;
  if (hm1) return hm2 ? 0 : -1;
  if (hm2) return 1;
  if (hp1) return hp2 ? 0 : 1;
  if (hp2) return -1;
  return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
}

// -V: FreeBSD's vsort.c (GNU filevercmp rules) on bytes
const isD = (c: number) => c >= 48 && c <= 57;
const isA = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
function suffixStart(s: Uint8Array, i: number): number {
  let sfx = false, expect = false, len = 0;
  const start = i;
  for (; i < s.length && s[i] !== 0; i++) {
    const c = s[i]!;
    if (expect) {
      expect = false;
      if (!isA(c) && c !== 126) sfx = false;
    } else if (c === 46) {
      expect = true;
      if (!sfx) { sfx = true; len = i - start; }
    } else if (!isA(c) && !isD(c) && c !== 126) sfx = false;
  }
  return sfx ? len : i - start;
}
function cmpChars(c1: number, c2: number): number {
  if (c1 === c2) return 0;
  if (c1 === 126) return -1;
  if (c2 === 126) return 1;
  if (isD(c1) || !c1) return isD(c2) || !c2 ? 0 : -1;
  if (isD(c2) || !c2) return 1;
  if (isA(c1)) return isA(c2) ? c1 - c2 : -1;
  if (isA(c2)) return 1;
  return c1 - c2;
}
function cmpVersions(s1: Uint8Array, i1: number, e1: number, s2: Uint8Array, i2: number, e2: number): number {
  const at = (s: Uint8Array, i: number) => (i < s.length ? s[i]! : 0);
  while (i1 < e1 || i2 < e2) {
    let diff = 0;
    while ((i1 < e1 && !isD(s1[i1]!)) || (i2 < e2 && !isD(s2[i2]!))) {
      const c1 = i1 < e1 ? s1[i1]! : 0, c2 = i2 < e2 ? s2[i2]! : 0;
      const r = cmpChars(c1, c2);
      if (r) return r;
      if (i1 < e1) i1++;
      if (i2 < e2) i2++;
    }
    while (at(s1, i1) === 48) i1++;
    while (at(s2, i2) === 48) i2++;
    while (isD(at(s1, i1)) && isD(at(s2, i2))) {
      if (!diff) diff = at(s1, i1) - at(s2, i2);
      i1++;
      i2++;
    }
    if (isD(at(s1, i1))) return 1;
    if (isD(at(s2, i2))) return -1;
    if (diff) return diff;
  }
  return 0;
}
function vcmp(s1: Uint8Array, s2: Uint8Array): number {
  const bytes = compareBytes(s1, s2);
  if (bytes === 0) return 0;
  if (s1.length < 1) return -1;
  if (s2.length < 1) return 1;
  const c1 = s1[0]!, c2 = s2[0]!;
  if (c1 === 46 && s1.length === 1) return -1;
  if (c2 === 46 && s2.length === 1) return 1;
  if (s1.length === 2 && c1 === 46 && s1[1] === 46) return -1;
  if (s2.length === 2 && c2 === 46 && s2[1] === 46) return 1;
  if (c1 === 46 && c2 !== 46) return -1;
  if (c1 !== 46 && c2 === 46) return 1;
  let i1 = 0, i2 = 0;
  if (c1 === 46 && c2 === 46) { i1 = 1; i2 = 1; }
  const l1 = suffixStart(s1, i1), l2 = suffixStart(s2, i2);
  if (l1 === l2 && compareBytes(s1.subarray(i1, i1 + l1), s2.subarray(i2, i2 + l2)) === 0) return bytes;
  return cmpVersions(s1, i1, i1 + l1, s2, i2, i2 + l2) || bytes;
}

// ---------- option parsing ----------
function checkMef(ctx: Ctx, c: string, flags: boolean[]): void {
  let others = false, thisOne = false, fo = 0;
  for (let i = 0; i < MEF.length; i++) {
    const m = MEF[i]!;
    if (m !== c) {
      if (flags[i]) {
        if (thisOne) errx(ctx, 1, `${c}:${m}: mutually exclusive flags`);
        others = true;
        fo = i;
      }
    } else {
      if (others) errx(ctx, 1, `${c}:${MEF[fo]}: mutually exclusive flags`);
      flags[i] = true;
      thisOne = true;
    }
  }
}

/** set_sort_modifier: false when c is not a modifier letter. */
function setMod(S: Sorter, m: Mods, c: string): boolean {
  if (!"bdfgiRMnrVh".includes(c) || c.length !== 1) return false;
  (m as unknown as Record<string, boolean>)[c] = true;
  S.complex = true;
  return true;
}

function parsePos(ctx: Ctx, S: Sorter, s: string, k: Key, mef: boolean[], second: boolean): boolean {
  const m = /^([0-9]+)(\.[0-9]+)?([bdfirMngRhV]+)?$/.exec(s);
  if (!m) return false;
  const num = (t: string) => {
    const v = BigInt(t);
    if (v > 0xffffffffffffffffn) err(ctx, 2, "-k", 34);
    return Number(v);
  };
  const f = num(m[1]!);
  if (f === 0) {
    warn(ctx, "0 field in key specs", 0);
    return false;
  }
  if (second) k.f2 = f;
  else k.f1 = f;
  if (m[2]) {
    const c = num(m[2].slice(1));
    if (second) k.c2 = c;
    else {
      if (c === 0) {
        warn(ctx, "0 column in key specs", 0);
        return false;
      }
      k.c1 = c;
    }
  } else if (second) k.c2 = 0;
  else k.c1 = 1;
  for (const ch of m[3] ?? "") {
    checkMef(ctx, ch, mef);
    if (ch === "b") {
      if (second) k.b2 = true;
      else k.b1 = true;
    } else setMod(S, k.sm, ch);
  }
  return true;
}

function parseK(ctx: Ctx, S: Sorter, s: string, k: Key): boolean {
  if (!s) return false;
  const mef = [false, false, false, false, false, false];
  const comma = s.indexOf(",");
  if (comma < 0) return parsePos(ctx, S, s, k, mef, false);
  if (comma < 1) return false;
  if (!parsePos(ctx, S, s.slice(0, comma), k, mef, false)) return false;
  return parsePos(ctx, S, s.slice(comma + 1), k, mef, true);
}

/** +POS1 [-POS2] → -kPOS1[,POS2] */
function fixObsolete(argv: string[]): string[] {
  const obs = (s: string) => {
    const m = /^([0-9]+)(\.[0-9]+)?([A-Za-z]+)?$/.exec(s);
    if (!m) return undefined;
    return { f: Number(m[1]!) | 0, c: m[2] ? Number(m[2].slice(1)) | 0 : 0, o: m[3] ?? "" };
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a.length > 1 && a[0] === "+") {
      const p = obs(a.slice(1));
      if (!p) continue;
      const f1 = p.f + 1, c1 = p.c + 1;
      const b = argv[i + 1];
      if (b !== undefined && b.length > 1 && b[0] === "-") {
        const q = obs(b.slice(1));
        if (q) {
          const f2 = q.c > 0 ? q.f + 1 : q.f;
          argv[i] = `-k${f1}.${c1}${p.o},${f2}.${q.c}${q.o}`;
          argv.splice(i + 1, 1);
          continue;
        }
      }
      argv[i] = `-k${f1}.${c1}${p.o}`;
    }
  }
  return argv;
}

/** -S: strtoll, then a unit suffix (none = K). */
function parseMemory(ctx: Ctx, v: string, avail: number): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(v)!;
  if (!m[2]) {
    warn(ctx, v, 22);
    return avail;
  }
  let n = BigInt(m[1] + m[2]);
  if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) {
    warn(ctx, "Wrong memory buffer specification", 34);
    return avail;
  }
  if (n < 0n) n += 1n << 64n;
  const rest = v.slice(m[0].length);
  const units = "KMGTPEZY";
  const c = rest[0] ?? "";
  if (c === "b") return Number(n);
  if (c === "%") return Number((BigInt(Math.floor(avail)) * n) / 100n);
  const u = c === "" ? 0 : units.indexOf(c);
  if (u < 0) {
    warn(ctx, v, 22);
    return avail;
  }
  return Number((n * 1024n ** BigInt(u + 1)) & 0xffffffffffffffffn);
}

// ---------- input ----------
/** Reads delimited lines (without their delimiter) from a descriptor in large chunks. */
class LineSource {
  private r: Reader;
  constructor(public fd: number, private delim: number, size = 1 << 16) {
    this.r = new Reader(fd, size);
  }
  /** The next line as a copy, or null. */
  next(): Uint8Array | null {
    const l = this.r.line(this.delim);
    if (!l) return null;
    const n = l.length > 0 && l[l.length - 1] === this.delim ? l.length - 1 : l.length;
    return l.slice(0, n);
  }
}

function openIn(ctx: Ctx, name: string): number {
  if (name === "-") return ctx.stdin;
  try {
    return open(name, O.RDONLY);
  } catch (e) {
    die(ctx, e);
  }
}

export default defineApplet({
  name: "sort",
  main(ctx) {
    const tmpFiles: string[] = [];
    try {
      return run(ctx, tmpFiles);
    } finally {
      for (const t of tmpFiles) try { unlink(t); } catch {}
    }
  },
});

/** err(2, NULL): "sort: strerror". */
function die(ctx: Ctx, e: unknown): never {
  if (!(e instanceof SysError)) throw e;
  errx(ctx, 2, e.message);
}

function run(ctx: Ctx, tmpFiles: string[]): number {
  const S = new Sorter(utf8Locale(ctx.env));
  const env = ctx.env;
  let avail = Math.max(1024, Math.floor(physMemory() / 2));
  let tmpdir = env.get("TMPDIR") ?? "/var/tmp";
  let outfile = "-", cflag = false, csilent = false, mflag = false, debug = false;
  let randomSource: string | undefined, needRandom = false, maxOpen = 16;
  let files0: string[] | undefined;
  const mef = [false, false, false, false, false, false];
  const keys: Key[] = [];
  const g = new Getopt(ctx, OPTS, LONG, fixObsolete([ctx.argv0, ...ctx.args]));
  try {
    for (let c; (c = g.next()) !== undefined; ) {
      checkMef(ctx, c, mef);
      if (setMod(S, S.global, c)) {
        if (c === "R") needRandom = true;
        continue;
      }
      const a = g.optarg;
      switch (c) {
        case "c":
          cflag = true;
          if (a !== undefined) {
            if (a === "silent" || a === "quiet") csilent = true;
            else if (a !== "diagnose-first" && a !== "") errx(ctx, 2, `Unknown feature: ${a}`);
          }
          break;
        case "C": cflag = true; csilent = true; break;
        case "k": {
          S.complex = true;
          S.kflag = true;
          const k: Key = { f1: 0, c1: 0, f2: 0, c2: 0, b1: false, b2: false, sm: newMods(), type: 0 };
          keys.push(k);
          if (!parseK(ctx, S, a!, k)) err(ctx, 2, `-k ${a}`, 22);
          if (k.sm.R) needRandom = true;
          break;
        }
        case "m": mflag = true; break;
        case "o": outfile = a!; break;
        case "s": S.stable = true; break;
        case "S": avail = parseMemory(ctx, a!, avail); break;
        case "T": tmpdir = a!; break;
        case "t": {
          let t = encode(a!);
          while (t.length > 1) {
            if (t[0] !== 0x5c) err(ctx, 2, decode(t), 22);
            t = t.subarray(1);
            if (t[0] === 0x30) { t = new Uint8Array(1); break; }
          }
          const b = t.length ? t[0]! : 0;
          // btowc(): a byte that is not a whole character
          if (b > 0x7f && S.utf8) errx(ctx, 2, "Invalid argument");
          S.tflag = true;
          S.sep = b;
          if (S.decimal === S.sep) S.decimal = -1;
          if (S.minus === S.sep) S.minus = -1;
          break;
        }
        case "u": S.unique = true; S.stable = true; break;
        case "z": S.delim = 0; break;
        case "\x01sort": {
          const w = { "general-numeric": "g", "human-numeric": "h", numeric: "n", month: "M", random: "R" }[a!];
          if (!w) errx(ctx, 2, `Unknown feature: ${a}`);
          setMod(S, S.global, w);
          if (w === "R") needRandom = true;
          break;
        }
        case "\x01par": case "\x01m": case "\x01cp": break;
        case "\x01rs": randomSource = a; break;
        case "\x01ff": files0 = readFiles0(ctx, a!); break;
        case "\x01bs": {
          const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(a!);
          const v = m ? BigInt(m[1]!) : 0n;
          if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) err(ctx, 2, "--batch-size", 34);
          if (v >= 2n) maxOpen = Number(v) + 1;
          break;
        }
        case "\x01version": ctx.out.write("2.3-FreeBSD\n"); return 0;
        case "\x01debug": debug = true; break;
        case "\x01help": ctx.out.write(usageText(ctx.prog)); return 0;
        default: usage(ctx, usageText(ctx.prog), 2);
      }
    }
    let args = g.rest;
    if (files0 && files0.length) args = files0;
    if (cflag && mflag) errx(ctx, 1, "m:c: mutually exclusive flags");

    const gm = S.global;
    if (!keys.length) keys.push({ f1: 0, c1: 1, f2: 0, c2: 0, b1: gm.b, b2: gm.b, sm: { ...gm }, type: 0 });
    for (const k of keys) {
      if (modsEmpty(k.sm) && !k.b1 && !k.b2) {
        k.b1 = gm.b;
        k.b2 = gm.b;
        k.sm = { ...gm };
      }
      k.type = typeOf(k.sm);
    }
    S.keys = keys;
    S.reverseAll = gm.r;
    S.single = !S.kflag && !gm.b && !gm.d && !gm.i && !gm.f && !gm.M && keys[0]!.type === T_STR;
    S.setup();

    if (debug) {
      ctx.out.write(`Memory to be used for sorting: ${avail}\nNumber of CPUs: 1\n`);
      const loc = env.get("LC_ALL") || env.get("LC_COLLATE") || env.get("LANG") || "C.UTF-8";
      ctx.out.write(`Using collate rules of ${loc} locale\n`);
      if (loc === "C" || loc === "POSIX") ctx.out.write("Byte sort is used\n");
      if (keys.some((k) => k.sm.n || k.sm.h) || gm.n || gm.h)
        ctx.out.write(`Decimal Point: <${S.decimal < 0 ? "" : "."}>\nPositive sign: <+>\nNegative sign: <${S.minus < 0 ? "" : "-"}>\n`);
    }
    if (needRandom) S.seed = randomSeed(ctx, randomSource);

    // output naming an input: write OUT.tmp, then rename
    let realOut: string | undefined;
    if (outfile !== "-" && args.includes(outfile)) {
      realOut = outfile;
      do outfile += ".tmp"; while (access(outfile, 0));
      tmpFiles.push(outfile);
    }

    const env2: Env2 = { ctx, S, tmpdir, tmpFiles, maxOpen };
    if (cflag) return check(env2, args.length ? args[0]! : "-", csilent);
    if (mflag) {
      merge(env2, args.length ? args : ["-"], outfile);
    } else {
      sortFiles(env2, args.length ? args : ["-"], outfile, avail);
    }
    if (realOut !== undefined) {
      try { unlink(realOut); } catch {}
      try {
        rename(outfile, realOut);
      } catch (e) {
        die(ctx, e);
      }
      tmpFiles.splice(tmpFiles.indexOf(outfile), 1);
    }
    ctx.out.flush();
    return 0;
  } finally {
    try { ctx.out.flush(); } catch {}
  }
}

interface Env2 { ctx: Ctx; S: Sorter; tmpdir: string; tmpFiles: string[]; maxOpen: number }

function readFiles0(ctx: Ctx, fn: string): string[] {
  let fd: number;
  try {
    fd = open(fn, O.RDONLY);
  } catch (e) {
    err(ctx, 2, fn, e);
  }
  const src = new LineSource(fd, 0);
  const out: string[] = [];
  try {
    for (let l; (l = src.next()) !== null; ) if (l.length) out.push(decodeName(l));
  } catch (e) {
    err(ctx, 2, `${fn}: getdelim`, e);
  }
  close(fd);
  return out;
}
const DEC = new TextDecoder("utf-8", { fatal: true });
function decodeName(b: Uint8Array): string {
  try {
    return DEC.decode(b);
  } catch {
    let s = "";
    for (let i = 0; i < b.length; ) {
      const n = utf8SeqLen(b, i, b.length);
      if (n > 0) { s += DEC.decode(b.subarray(i, i + n)); i += n; }
      else s += String.fromCharCode(0xdc00 + b[i++]!);
    }
    return s;
  }
}

function randomSeed(ctx: Ctx, src: string | undefined): Uint8Array {
  if (src === undefined) return randomBytes(32);
  let fd: number;
  try {
    fd = open(src, O.RDONLY);
  } catch (e) {
    err(ctx, 66, `open: ${src}`, e);
  }
  const st = fstat(fd);
  if (!S_ISREG(st.mode) && !S_ISCHR(st.mode)) err(ctx, 64, "random seed isn't a regular file or /dev/random", 0);
  if (S_ISREG(st.mode)) {
    if (st.size > 32) errx(ctx, 64, `random seed is too large (${st.size} > 32)!`);
    if (st.size < 1) errx(ctx, 64, "random seed is too small (0 bytes)");
    const b = new Uint8Array(st.size);
    let got = 0;
    while (got < b.length) {
      const n = read(fd, b, got);
      if (n === 0) break;
      got += n;
    }
    close(fd);
    if (got < st.size) errx(ctx, 70, `short read from ${src}`);
    return b;
  }
  const r = stat("/dev/random");
  close(fd);
  if (r.dev !== st.dev || r.ino !== st.ino) errx(ctx, 64, "random seed is a character device other than /dev/random");
  return randomBytes(32);
}

/** Open an output file ("-" = standard output) as a Writer. */
function openOut(e: Env2, fn: string): Writer {
  if (fn === "-") return e.ctx.out;
  try {
    return new Writer(open(fn, O.WRONLY | O.CREAT | O.TRUNC, 0o666), 1 << 16);
  } catch (x) {
    die(e.ctx, x);
  }
}
function closeOut(e: Env2, w: Writer): void {
  w.flush();
  if (w !== e.ctx.out) close(w.fd);
}

function newTmp(e: Env2): [string, Writer] {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (let tries = 0; ; tries++) {
    const rb = randomBytes(10);
    let name = `${e.tmpdir}/.bsdsort.`;
    for (const b of rb) name += chars[b % 62];
    try {
      const fd = open(name, O.RDWR | O.CREAT | O.EXCL, 0o600);
      e.tmpFiles.push(name);
      return [name, new Writer(fd, 1 << 16)];
    } catch (x) {
      if (x instanceof SysError && x.errno === 17 && tries < 100) continue;
      err(e.ctx, 2, "mkstemp()", x);
    }
  }
}

/** Write sorted items (deduplicated with -u). */
function dump(e: Env2, items: Item[], w: Writer): void {
  const S = e.S, d = S.delim, uniq = S.unique, cmp = S.cmp;
  const out = new LineOut(w, d);
  let last: Item | undefined;
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    if (uniq && last !== undefined && cmp(last, it) === 0) continue;
    last = it;
    out.add(it.l, 0, it.l.length);
  }
  out.end();
}

const ITEM_OVERHEAD = 64;

/** A batch of lines held in memory until it is sorted and written. */
interface Batch {
  add(buf: Uint8Array, start: number, end: number): number;
  count(): number;
  /** Sort and write the lines, and forget them; returns the read buffers no longer referenced. */
  write(w: Writer): Uint8Array[];
}

/** Generic lines: one object per line with its prepared keys. */
class ItemBatch implements Batch {
  items: Item[] = [];
  per: number;
  constructor(private e: Env2) {
    this.per = ITEM_OVERHEAD + e.S.keys.length * 48;
  }
  add(buf: Uint8Array, start: number, end: number): number {
    this.items.push(this.e.S.make(buf.subarray(start, end)));
    return end - start + this.per;
  }
  count() {
    return this.items.length;
  }
  write(w: Writer): Uint8Array[] {
    this.items.sort(this.e.S.cmp);
    dump(this.e, this.items, w);
    this.items = [];
    return [];
  }
}

/**
 * Plain byte order on whole lines (no keys, no modifiers but -r): lines are (buffer, offset,
 * length) triples in typed arrays with their first six bytes as a number, sorted by a stable
 * merge sort of indices. No object per line.
 */
class ByteBatch implements Batch {
  bufs: Uint8Array[] = [];
  // per line: buffer index, offset, length, side by side (one cache line when reached at random)
  meta = new Int32Array(3 * 1024);
  pfx = new Float64Array(1024);
  n = 0;
  constructor(private e: Env2) {}
  add(buf: Uint8Array, start: number, end: number): number {
    if (this.bufs[this.bufs.length - 1] !== buf) this.bufs.push(buf);
    const k = this.n;
    if (k === this.pfx.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.meta = grow(this.meta); this.pfx = grow(this.pfx);
    }
    let p = 0;
    for (let i = 0; i < 6; i++) p = p * 256 + (start + i < end ? buf[start + i]! : 0);
    const meta = this.meta;
    meta[3 * k] = this.bufs.length - 1;
    meta[3 * k + 1] = start;
    meta[3 * k + 2] = end - start;
    this.pfx[k] = p;
    this.n = k + 1;
    // the four arrays (20 bytes, up to twice that while they grow) and strSort's 16
    return end - start + 48;
  }
  count() {
    return this.n;
  }
  write(w: Writer): Uint8Array[] {
    const { bufs, meta, pfx, n } = this;
    const rev = this.e.S.reverseAll;
    const cmp0 = (x: number, y: number): number => {
      const d = pfx[x]! - pfx[y]!;
      if (d) return d;
      const an = meta[3 * x + 2]!, bn = meta[3 * y + 2]!, m = an < bn ? an : bn;
      const ab = bufs[meta[3 * x]!]!, bb = bufs[meta[3 * y]!]!, ao = meta[3 * x + 1]!, bo = meta[3 * y + 1]!;
      for (let i = 6; i < m; i++) {
        const e = ab[ao + i]! - bb[bo + i]!;
        if (e) return e;
      }
      return an - bn;
    };
    const cmp = rev ? (x: number, y: number) => cmp0(y, x) : cmp0;
    const idx = strSort(n, bufs, meta, rev);
    writeSorted(w, this.e.S.delim, n, idx, bufs, (x, k, gb, gs, gm) => {
      gb[k] = meta[3 * x]!; gs[k] = meta[3 * x + 1]!; gm[k] = meta[3 * x + 2]!;
    }, this.e.S.unique ? (x, y) => cmp(x, y) === 0 : undefined);
    const freed = this.bufs;
    this.bufs = [];
    this.n = 0;
    return freed;
  }
}

/**
 * Keys of string (-k with or without b d f i), numeric (-n) and human (-h) types, each optionally
 * reversed: every line's keys are encoded once into one byte string that compares like the keys
 * do (memcmp, then length), so sorting is ByteBatch's index sort on those strings, then the
 * whole lines as the last resort. Encodings (all but a plain string key in last place are
 * prefix-free, so concatenations compare key by key): a string is its bytes with NUL as 00 FF,
 * ended by 00 00; a number (numcmp: negative < empty (also zero) < positive, then the suffix for
 * -h, the count of integer digits, the digits, the fraction without trailing zeros) is 01 when
 * empty, 02 [si] mlen digits fraction 00 when positive, and 00 then the same bytes inverted and FF
 * when negative; a reversed key has its encoding's bytes inverted.
 */
class KeyBatch implements Batch {
  static fits(S: Sorter): boolean {
    return S.keys.every((k) => k.type === T_STR || k.type === T_NUM || k.type === T_HUM);
  }
  bufs: Uint8Array[] = [];
  bi = new Int32Array(1024);
  off = new Int32Array(1024);
  len = new Int32Array(1024);
  koff = new Int32Array(1024);
  klen = new Int32Array(1024);
  kb = new Uint8Array(1 << 20);
  kp = 0;
  n = 0;
  keysOnly: boolean;
  private zeros = new Int32Array(0);
  constructor(private e: Env2) {
    this.keysOnly = e.S.stable || !e.S.complex;
  }
  zero(n: number): Int32Array {
    if (this.zeros.length < n) this.zeros = new Int32Array(n);
    return this.zeros;
  }
  private need(m: number): void {
    if (this.kp + m > this.kb.length) {
      const nb = new Uint8Array(Math.max(this.kb.length * 2, this.kp + m + 1024));
      nb.set(this.kb.subarray(0, this.kp));
      this.kb = nb;
    }
  }
  private encStr(s: Uint8Array, a: number, b: number, raw: boolean): void {
    this.need(2 * (b - a) + 2);
    const kb = this.kb;
    let p = this.kp;
    if (raw) for (let i = a; i < b; i++) kb[p++] = s[i]!;
    else {
      for (let i = a; i < b; i++) {
        const c = s[i]!;
        kb[p++] = c;
        if (c === 0) kb[p++] = 0xff;
      }
      kb[p++] = 0;
      kb[p++] = 0;
    }
    this.kp = p;
  }
  /** Sorter.readNumber's reading, encoded. */
  private encNum(s: Uint8Array, a: number, b: number, human: boolean): void {
    const S = this.e.S;
    let i = a;
    while (i < b && (s[i] === 32 || s[i] === 9)) i++;
    let neg = false;
    if (i < b && s[i] === S.minus) { neg = true; i++; }
    while (i < b && s[i] === 0x30) i++;
    const m0 = i;
    while (i < b && s[i]! >= 0x30 && s[i]! <= 0x39 && i - m0 < 128) i++;
    const mlen = i - m0;
    let f0 = 0, fe = 0;
    if (i < b && s[i] === S.decimal) {
      i++;
      f0 = i;
      while (i < b && s[i]! >= 0x30 && s[i]! <= 0x39 && i - f0 < 128) i++;
      fe = i;
      while (fe > f0 && s[fe - 1] === 0x30) fe--;
    }
    let si = 0;
    if (human && i < b) si = s[i] === 0x6b ? 1 : SUFFIX.indexOf(String.fromCharCode(s[i]!)) + 1;
    this.need(mlen + (fe - f0) + 4);
    const kb = this.kb;
    let p = this.kp;
    if (mlen === 0 && fe === f0) kb[p++] = 1;
    else {
      const x = neg ? 0xff : 0;
      kb[p++] = neg ? 0 : 2;
      if (human) kb[p++] = si ^ x;
      kb[p++] = mlen ^ x;
      for (let j = m0; j < m0 + mlen; j++) kb[p++] = s[j]! ^ x;
      for (let j = f0; j < fe; j++) kb[p++] = s[j]! ^ x;
      kb[p++] = x;
    }
    this.kp = p;
  }
  add(buf: Uint8Array, start: number, end: number): number {
    const k = this.n;
    if (k === this.bi.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.bi = grow(this.bi); this.off = grow(this.off); this.len = grow(this.len);
      this.koff = grow(this.koff); this.klen = grow(this.klen);
    }
    if (this.bufs[this.bufs.length - 1] !== buf) this.bufs.push(buf);
    this.bi[k] = this.bufs.length - 1;
    this.off[k] = start;
    this.len[k] = end - start;
    // the keys
    const S = this.e.S, keys = S.keys, k0 = this.kp;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!, sm = key.sm;
      let v = buf, va = start, vb = end;
      if (S.kflag) {
        S.cutAt(buf, start, end - start, key);
        va = start + S.ks;
        vb = start + S.ke;
      } else if (S.global.b) while (va < vb && (buf[va] === 32 || buf[va] === 9)) va++;
      if (sm.d || sm.i || sm.f || sm.M) {
        v = buf.subarray(va, vb);
        if (sm.d) v = S.filter(v, S.dict);
        else if (sm.i) v = S.filter(v, S.print);
        if (sm.f || sm.M) v = S.upper(v);
        va = 0;
        vb = v.length;
      }
      const ks = this.kp;
      if (key.type === T_STR) this.encStr(v, va, vb, j === keys.length - 1 && !sm.r && this.keysOnly);
      else this.encNum(v, va, vb, key.type === T_HUM);
      if (sm.r) for (let i = ks, kb = this.kb; i < this.kp; i++) kb[i] = 255 - kb[i]!;
    }
    if (!this.keysOnly) {
      // the last resort: the whole line (prefix-free and inverted when reversed)
      const ls = this.kp;
      this.encStr(buf, start, end, !S.reverseAll);
      if (S.reverseAll) for (let i = ls, kb = this.kb; i < this.kp; i++) kb[i] = 255 - kb[i]!;
    }
    const kl = this.kp - k0;
    this.koff[k] = k0;
    this.klen[k] = kl;
    this.n = k + 1;
    return end - start + kl + 48;
  }
  count() {
    return this.n;
  }
  write(w: Writer): Uint8Array[] {
    const { bufs, bi, off, len, koff, klen, n } = this;
    const kb = this.kb;
    const S = this.e.S;
    // equal composite strings: equal keys (and lines unless keys only)
    const cmp = (x: number, y: number): number => {
      const an = klen[x]!, bn = klen[y]!;
      if (an !== bn) return 1;
      const ao = koff[x]!, bo = koff[y]!;
      for (let i = 0; i < an; i++) if (kb[ao + i] !== kb[bo + i]) return 1;
      return 0;
    };
    const km = this.zero(3 * n);
    for (let x = 0; x < n; x++) {
      km[3 * x + 1] = koff[x]!;
      km[3 * x + 2] = klen[x]!;
    }
    const idx = strSort(n, [kb], km, false);
    writeSorted(w, S.delim, n, idx, bufs, (x, k, gb, gs, gm) => { gb[k] = bi[x]!; gs[k] = off[x]!; gm[k] = len[x]!; },
      S.unique ? (x, y) => cmp(x, y) === 0 : undefined);
    const freed = this.bufs;
    this.bufs = [];
    this.n = 0;
    this.kp = 0;
    return freed;
  }
}

/** Indices 0..n-1 in stable order under cmp (insertion-sorted runs, then bottom-up merges). */
function mergeSort(n: number, cmp: (x: number, y: number) => number): Int32Array {
  const src = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  return mergeSortArr(src, cmp);
}
/** The indices in src in stable order under cmp (src is reused; the result may be another array). */
function mergeSortArr(src: Int32Array, cmp: (x: number, y: number) => number): Int32Array {
  const n = src.length;
  let dst: Int32Array = new Int32Array(n);
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) insertionSort(src, lo, Math.min(lo + RUN, n), cmp);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      if (mid >= hi || cmp(src[mid - 1]!, src[mid]!) <= 0) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = cmp(src[j]!, src[i]!) < 0 ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
function insertionSort(a: Int32Array, lo: number, hi: number, cmp: (x: number, y: number) => number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && cmp(a[j]!, v) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
/**
 * The lines' places (buffer, start, length) in output order, read once through `at` for each
 * position of the sorted `idx` into strSort's spare arrays: the reads that follow the sorted, so
 * random, order then run back to back instead of between the copies of the output loop.
 */
function gather(n: number, idx: Int32Array, at: (x: number, k: number, gb: Int32Array, gs: Uint32Array, gm: Uint32Array) => void) {
  if (scratch.tmp.length < n) scratch = { ...scratch, tmp: new Int32Array(n), s1: new Uint32Array(n), s2: new Uint32Array(n) };
  const gb = scratch.tmp, gs = scratch.s1, gm = scratch.s2;
  for (let k = 0; k < n; k++) at(idx[k]!, k, gb, gs, gm);
  return { gb, gs, gm };
}
/** Lines out through a 256 KiB buffer, each followed by the delimiter; a line longer than the
 * buffer goes out directly. */
class LineOut {
  private readonly out = new Uint8Array(1 << 18);
  private readonly view = new DataView(this.out.buffer);
  private o = 0;
  constructor(private readonly w: Writer, private readonly d: number) {}
  add(b: Uint8Array, s: number, m: number): void {
    const out = this.out;
    let o = this.o;
    if (o + m + 1 > out.length) {
      this.w.write(out.subarray(0, o));
      o = this.o = 0;
      if (m + 1 > out.length) {
        this.w.write(b.subarray(s, s + m));
        this.w.byte(this.d);
        return;
      }
    }
    if (m < 512) for (let i = 0; i < m; i++) out[o++] = b[s + i]!;
    else { out.set(b.subarray(s, s + m), o); o += m; }
    out[o++] = this.d;
    this.o = o;
  }
  /** add() of a line of b whose DataView is v: four bytes at a time (the JIT makes a DataView
   * access with a fixed byte order one unaligned load or store; lines written in sorted order
   * come from all over memory, and the fewer steps a line takes the better) */
  addFrom(b: Uint8Array, v: DataView, s: number, m: number): void {
    let o = this.o;
    if (m >= 512 || o + m + 1 > this.out.length) return this.add(b, s, m);
    const out = this.out, view = this.view;
    let i = 0;
    for (; i + 4 <= m; i += 4) view.setUint32(o + i, v.getUint32(s + i, true), true);
    for (; i < m; i++) out[o + i] = b[s + i]!;
    o += m;
    out[o++] = this.d;
    this.o = o;
  }
  end(): void {
    if (this.o) this.w.write(this.out.subarray(0, this.o));
    this.o = 0;
  }
}

/** A batch's lines in the order of `idx` (places read through `at`, see gather); with `same`,
 * a line equal to the last one written is left out (-u). */
function writeSorted(
  w: Writer, d: number, n: number, idx: Int32Array, bufs: Uint8Array[],
  at: (x: number, k: number, gb: Int32Array, gs: Uint32Array, gm: Uint32Array) => void,
  same: ((x: number, y: number) => boolean) | undefined,
): void {
  const { gb, gs, gm } = gather(n, idx, at);
  const out = new LineOut(w, d);
  const views = bufs.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
  // Lines in sorted order come from all over memory, and copying them takes their cache misses
  // one line at a time. So the first and last byte of each line of the next block are read
  // first: independent loads whose misses overlap (2M random-order lines: 3x faster copying).
  let touch = touchLines(0, Math.min(n, PREFETCH), bufs, gb, gs, gm);
  for (let k0 = 0, last = -1; k0 < n; k0 += PREFETCH) {
    const k1 = Math.min(n, k0 + PREFETCH);
    touch ^= touchLines(k1, Math.min(n, k1 + PREFETCH), bufs, gb, gs, gm);
    for (let k = k0; k < k1; k++) {
      if (same) {
        const x = idx[k]!;
        if (last >= 0 && same(last, x)) continue;
        last = x;
      }
      const g = gb[k]!;
      out.addFrom(bufs[g]!, views[g]!, gs[k]!, gm[k]!);
    }
  }
  touched = touch;
  out.end();
}
const PREFETCH = 64;
/** the loads' result, kept so that the engine cannot drop them */
let touched = 0;
function touchLines(k0: number, k1: number, bufs: Uint8Array[], gb: Int32Array, gs: Uint32Array, gm: Uint32Array): number {
  let t = 0;
  for (let k = k0; k < k1; k++) {
    const b = bufs[gb[k]!]!, s = gs[k]!;
    t = (t + (b[s]! | 0) + (b[s + gm[k]!]! | 0)) | 0;
  }
  return t;
}
const LE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const newScratch = (n: number) => ({
  idx: new Int32Array(n), a: new BigUint64Array(n), tmp: new Int32Array(n), s1: new Uint32Array(n), s2: new Uint32Array(n), more: new Uint8Array(n),
});
let scratch = newScratch(0);
/**
 * Byte strings 0..n-1 (string x is bufs[meta[3x]] at meta[3x + 1], meta[3x + 2] bytes) in stable memcmp order,
 * shorter first on a tie (inverted when inv): a most-significant-digit sort, five bytes at a
 * time, each step sorting the five bytes (zero-padded) and the position, packed in 64 bits,
 * natively (equal bytes stay in order); groups of at most 16, and groups whose strings all end
 * within the bytes seen (they differ at most by trailing NULs), are sorted by comparison.
 */
function strSort(n: number, bufs: Uint8Array[], meta: Int32Array, inv: boolean): Int32Array {
  const cmpFrom = (x: number, y: number, d: number): number => {
    const an = meta[3 * x + 2]!, bn = meta[3 * y + 2]!, m = an < bn ? an : bn;
    const ab = bufs[meta[3 * x]!]!, bb = bufs[meta[3 * y]!]!, ao = meta[3 * x + 1]!, bo = meta[3 * y + 1]!;
    for (let i = d; i < m; i++) {
      const e = ab[ao + i]! - bb[bo + i]!;
      if (e) return inv ? -e : e;
    }
    return inv ? bn - an : an - bn;
  };
  if (n > 1 << 24) return mergeSort(n, (x, y) => cmpFrom(x, y, 0));
  // scratch arrays are kept for the next batch (the result too: it is used before the next call)
  if (scratch.idx.length < n) {
    scratch = newScratch(n);
  }
  const idx = scratch.idx, a = scratch.a, u = new Uint32Array(a.buffer), tmp = scratch.tmp;
  const side1 = scratch.s1, side2 = scratch.s2, more = scratch.more;
  for (let i = 0; i < n; i++) idx[i] = i;
  const L = LE ? 0 : 1, H = 1 - L;
  // below the first step (five bytes), bytes 5 to 11 are in side1/side2 (zero-padded: a line that
  // ends there and one holding NULs tie, and the lengths decide from byte 12 on): compared there
  // first, the lines themselves (random places in memory) are reached only beyond byte 11
  const cmp5 = (x: number, y: number): number => {
    let a = side1[x]!, b = side1[y]!;
    if (a === b) {
      a = side2[x]!;
      b = side2[y]!;
      if (a === b) return cmpFrom(x, y, 12);
    }
    return inv ? b - a : a - b;
  };
  const stack: number[] = [0, n, 0];
  while (stack.length) {
    const d = stack.pop()!, hi = stack.pop()!, lo = stack.pop()!;
    const m = hi - lo;
    const cmp = d === 5 ? cmp5 : (x: number, y: number) => cmpFrom(x, y, d);
    if (m <= 16) {
      insertionSort(idx, lo, hi, cmp);
      continue;
    }
    // W bytes (5, 6 or 7) and the position in the other 64 - 8W bits. With five bytes the 24
    // bits hold the string's own number (n < 2^24 here): the sorted keys then give the new
    // order directly, where the group's position had to be looked up in idx at random; ties
    // keep the strings' own order either way. more[x]: string x goes on beyond these bytes
    // (read after the sort by x, a byte array, instead of the lengths in meta: fewer misses).
    const W = m <= 256 ? 7 : m <= 65536 ? 6 : 5, pb = 64 - 8 * W, pm = 2 ** pb - 1;
    const own = W === 5, d5 = d + W;
    if (d === 5) {
      // bytes 5 to 11 were kept aside by the first step (the lines are not reached again)
      const sh = 8 * (7 - W);
      for (let k = 0; k < m; k++) {
        const x = idx[lo + k]!;
        let w = side1[x]!, l = side2[x]! >>> sh;
        if (inv) { w = 0xffffffff - w; l = 2 ** (32 - pb) - 1 - l; }
        u[2 * k + H] = w;
        u[2 * k + L] = (l * 2 ** pb + (own ? x : k)) >>> 0;
        more[x] = meta[3 * x + 2]! > d5 ? 1 : 0;
      }
    } else {
      for (let k = 0; k < m; k++) {
        const x = idx[lo + k]!, b = bufs[meta[3 * x]!]!, o = meta[3 * x + 1]! + d, len = meta[3 * x + 2]!, e = meta[3 * x + 1]! + len;
        more[x] = len > d5 ? 1 : 0;
        let w = 0, l = 0;
        for (let i = 0; i < 4; i++) w = w * 256 + (o + i < e ? b[o + i]! : 0);
        for (let i = 4; i < W; i++) l = l * 256 + (o + i < e ? b[o + i]! : 0);
        if (d === 0) {
          // the first step reaches the lines in order: keep bytes 5 to 11 for the second
          let w1 = 0, w2 = 0;
          for (let i = 5; i < 9; i++) w1 = w1 * 256 + (o + i < e ? b[o + i]! : 0);
          for (let i = 9; i < 12; i++) w2 = w2 * 256 + (o + i < e ? b[o + i]! : 0);
          side1[x] = w1;
          side2[x] = w2;
        }
        if (inv) { w = 0xffffffff - w; l = 2 ** (32 - pb) - 1 - l; }
        u[2 * k + H] = w;
        u[2 * k + L] = (l * 2 ** pb + (own ? x : k)) >>> 0;
      }
    }
    a.subarray(0, m).sort();
    if (own) for (let k = 0; k < m; k++) idx[lo + k] = u[2 * k + L]! & pm;
    else {
      for (let k = 0; k < m; k++) tmp[k] = idx[lo + (u[2 * k + L]! & pm)]!;
      for (let k = 0; k < m; k++) idx[lo + k] = tmp[k]!;
    }
    for (let i = 0; i < m; ) {
      const h = u[2 * i + H]!, l = u[2 * i + L]! >>> pb;
      let j = i + 1, on = more[idx[lo + i]!] === 1;
      while (j < m && u[2 * j + H] === h && u[2 * j + L]! >>> pb === l) {
        if (more[idx[lo + j]!] === 1) on = true;
        j++;
      }
      if (j - i > 1) {
        if (on) stack.push(lo + i, lo + j, d5);
        else if (j - i <= 16) insertionSort(idx, lo + i, lo + j, cmp);
        else idx.set(mergeSortArr(idx.slice(lo + i, lo + j), cmp), lo + i);
      }
      i = j;
    }
  }
  return idx;
}

function sortFiles(e: Env2, files: string[], outfile: string, avail: number): void {
  const { ctx, S } = e;
  const batch: Batch = S.single ? new ByteBatch(e) : KeyBatch.fits(S) ? new KeyBatch(e) : new ItemBatch(e);
  let mem = 0;
  const runs: string[] = [];
  // read buffers of written runs are reused (memory stays near the budget without waiting for GC)
  const pool: Uint8Array[] = [];
  let buf: Uint8Array = new Uint8Array(1 << 20);
  const spill = () => {
    const [name, w] = newTmp(e);
    for (const b of batch.write(w)) if (b !== buf && b.length === 1 << 20 && pool.length < 4096) pool.push(b);
    closeOut(e, w);
    runs.push(name);
    mem = 0;
    // the batch's garbage (sort arrays, objects) goes now, so memory stays near the budget
    collectGarbage();
  };
  const d = S.delim;
  for (const f of files) {
    const fd = openIn(ctx, f);
    buf = pool.pop() ?? new Uint8Array(1 << 20);
    let start = 0, end = 0;
    try {
      for (;;) {
        if (end === buf.length) {
          // move the partial line to a fresh buffer (earlier lines keep the old one)
          const part = end - start;
          const nb = part * 2 <= 1 << 20 && pool.length ? pool.pop()! : new Uint8Array(Math.max(1 << 20, part * 2));
          nb.set(buf.subarray(start, end));
          buf = nb;
          start = 0;
          end = part;
        }
        const n = read(fd, buf, end, buf.length - end);
        if (n === 0) break;
        let scan = end;
        end += n;
        for (;;) {
          const i = buf.indexOf(d, scan);
          if (i < 0 || i >= end) break;
          mem += batch.add(buf, start, i);
          start = scan = i + 1;
          if (mem >= avail) spill();
        }
      }
    } catch (x) {
      if (x instanceof SysError) die(ctx, x);
      throw x;
    }
    if (start < end) {
      mem += batch.add(buf.slice(start, end), 0, end - start);
      if (mem >= avail) spill();
    }
    if (fd !== ctx.stdin) close(fd);
  }
  if (!runs.length) {
    const w = openOut(e, outfile);
    batch.write(w);
    closeOut(e, w);
    return;
  }
  if (batch.count()) spill();
  merge(e, runs, outfile);
}

interface Head { it: Item; src: LineSource; pos: number }

/** Merge files (each assumed sorted) into outfile, at most maxOpen-1 at a time. */
function merge(e: Env2, files: string[], outfile: string): void {
  const batch = Math.max(2, e.maxOpen - 1);
  while (files.length > batch) {
    const next: string[] = [];
    for (let i = 0; i < files.length; i += batch) {
      const group = files.slice(i, i + batch);
      if (group.length === 1) { next.push(group[0]!); continue; }
      const [name, w] = newTmp(e);
      mergeInto(e, group, w);
      closeOut(e, w);
      next.push(name);
    }
    files = next;
  }
  const fds = files.map((f) => openIn(e.ctx, f));
  const w = openOut(e, outfile);
  mergeFds(e, fds, w);
  closeOut(e, w);
}
function mergeInto(e: Env2, files: string[], w: Writer): void {
  mergeFds(e, files.map((f) => openIn(e.ctx, f)), w);
}
function mergeFds(e: Env2, fds: number[], w: Writer): void {
  if (e.S.single && !e.S.unique) return mergePlain(e, fds, w);
  const { ctx, S } = e;
  const heap: Head[] = [];
  const less = (a: Head, b: Head) => {
    const r = S.cmp(a.it, b.it);
    return r ? r < 0 : a.pos < b.pos;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  try {
    fds.forEach((fd, pos) => {
      const src = new LineSource(fd, S.delim);
      const l = src.next();
      if (l) heap.push({ it: S.make(l), src, pos });
      else if (fd !== ctx.stdin) close(fd);
    });
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    let last: Item | undefined;
    while (heap.length) {
      const h = heap[0]!;
      if (!(S.unique && last !== undefined && S.cmp(last, h.it) === 0)) {
        w.write(S.lineOf(h.it));
        w.byte(S.delim);
        last = h.it;
      }
      const l = h.src.next();
      if (l) h.it = S.make(l);
      else {
        if (h.src.fd !== ctx.stdin) close(h.src.fd);
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length) down(0);
    }
  } catch (x) {
    if (x instanceof SysError) die(ctx, x);
    throw x;
  }
}

/**
 * mergeFds for whole lines in byte order without -u: the head lines stay views into their
 * readers' buffers (each is written before its reader moves on), compared on a six-byte prefix
 * number and then bytes; equal lines leave in input order.
 */
function mergePlain(e: Env2, fds: number[], w: Writer): void {
  const { ctx, S } = e;
  const d = S.delim, rev = S.reverseAll;
  // per source: its buffer, the unread data [st, en), the head line at lo (ln bytes), its prefix
  // number; no object per line (views made per line are garbage that piles up over gigabytes)
  const bs: Uint8Array[] = [], st: number[] = [], en: number[] = [], lo: number[] = [], ln: number[] = [];
  const ps: number[] = [], eof: boolean[] = [];
  const heap: number[] = [];
  const load = (h: number): boolean => {
    let b = bs[h]!, s = st[h]!, e2 = en[h]!;
    let i = s;
    for (;;) {
      while (i < e2 && b[i] !== d) i++;
      if (i < e2 || eof[h]) break;
      // no complete line: keep the partial one and read more
      if (s > 0) {
        b.copyWithin(0, s, e2);
        e2 -= s;
        i -= s;
        s = 0;
      } else if (e2 === b.length) {
        const nb = new Uint8Array(b.length * 2);
        nb.set(b.subarray(0, e2));
        b = bs[h] = nb;
      }
      const n = read(fds[h]!, b, e2, b.length - e2);
      if (n === 0) eof[h] = true;
      e2 += n;
    }
    en[h] = e2;
    if (i === s && i >= e2) {
      st[h] = e2;
      return false;
    }
    const n = i - s;
    let p = 0;
    for (let k = 0; k < 6; k++) p = p * 256 + (k < n ? b[s + k]! : 0);
    lo[h] = s;
    ln[h] = n;
    ps[h] = p;
    st[h] = i < e2 ? i + 1 : e2;
    return true;
  };
  const cmp0 = (x: number, y: number): number => {
    const dd = ps[x]! - ps[y]!;
    if (dd) return dd;
    const a = bs[x]!, b = bs[y]!, ao = lo[x]!, bo = lo[y]!, an = ln[x]!, bn = ln[y]!, m = an < bn ? an : bn;
    for (let i = 6; i < m; i++) {
      const c = a[ao + i]! - b[bo + i]!;
      if (c) return c;
    }
    return an - bn;
  };
  // equal lines: the earlier input first
  const less = (x: number, y: number): boolean => {
    const r = rev ? cmp0(y, x) : cmp0(x, y);
    return r ? r < 0 : x < y;
  };
  const down = (i: number) => {
    const hn = heap.length;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < hn && less(heap[l]!, heap[m]!)) m = l;
      if (r < hn && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  const out = new LineOut(w, d);
  try {
    for (let k = 0; k < fds.length; k++) {
      bs.push(new Uint8Array(1 << 18)); st.push(0); en.push(0); lo.push(0); ln.push(0); ps.push(0); eof.push(false);
      if (load(k)) heap.push(k);
      else if (fds[k] !== ctx.stdin) close(fds[k]!);
    }
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    while (heap.length) {
      const h = heap[0]!;
      out.add(bs[h]!, lo[h]!, ln[h]!);
      if (!load(h)) {
        if (fds[h] !== ctx.stdin) close(fds[h]!);
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length) down(0);
    }
    out.end();
  } catch (x) {
    if (x instanceof SysError) die(ctx, x);
    throw x;
  }
}


function check(e: Env2, fn: string, silent: boolean): number {
  const { ctx, S } = e;
  const fd = openIn(ctx, fn);
  const src = new LineSource(fd, S.delim);
  let res = 0, pos = 1;
  let bad: Uint8Array | undefined;
  try {
    let l1 = src.next();
    if (l1) {
      let a = S.make(l1);
      for (let l2; (l2 = src.next()) !== null; ) {
        const b = S.make(l2);
        let c = S.keyCmp(b, a);
        if (!c && S.complex && !S.unique && !S.stable) c = S.reverseAll ? compareBytes(l1!, l2) : compareBytes(l2, l1!);
        if ((S.unique && c <= 0) || c < 0) {
          if (!silent) bad = l2;
          res = 1;
          break;
        }
        pos++;
        a = b;
        l1 = l2;
      }
    }
    if (fn === "-" || fn === "") while (src.next() !== null);
  } catch (x) {
    if (x instanceof SysError) die(ctx, x);
    throw x;
  }
  if (fd !== ctx.stdin) close(fd);
  if (bad) {
    ctx.err.write(`${ctx.prog}: ${fn}:${pos + 1}: disorder: `);
    ctx.err.write(bad);
    ctx.err.write("\n");
    ctx.err.flush();
  }
  return res;
}
