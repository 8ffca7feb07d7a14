// diff3 — compare three files.
// FreeBSD: diff3(1) ("FreeBSD diff3 20240925", as chimerautils ships it). Not a POSIX utility.
// Options (getopt_long "3aAeEiL:mTxX", permuting; an unknown option is reported and ignored):
//   normal output ("====", "====1/2/3", "N:a,bc" and the lines, prefixed "  " or a tab with -T)
//   -e/--ed all changes of file3 into file1 as an ed script   -3/--easy-only  only non-overlapping
//   -x/--overlap-only only overlapping   -E/--show-overlap, -X  like -e/-x, overlaps bracketed
//   -A/--show-all  ed script with every change, conflicts bracketed with the file2 text
//   -m/--merge  the merged file itself   -i  append "w" and "q" to the ed script
//   -L/--label (up to 3) names for the markers   -T/--initial-tab   -a/--text
//   --strip-trailing-cr   --diff-program=prog (accepted; the diffs are computed in-process)
// The reference forks diff(1) for file1/file3 and file2/file3 and reads its normal output; here
// the same hunks come from shared/diff (Stone, with diff's hash and diffreg's check() pass),
// with diff's rules: identical files and binary files (a NUL byte, unless -a) give no hunks.
// Exit: normal output 0; -e/-3/-x 0, -E/-X 1 when there were overlaps; -A/-m 1 when there were
// conflicts (a change of file2 alone counts as one, as the reference counts it); 2 trouble.
// Faithful quirks kept: lines without a final newline are printed as they are; -E/-x also
// record the changes peculiar to file 1 (the reference's edit(d2, ...) on the wrong side).
import { defineApplet, Getopt, Exit, errx, err, readAll, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, close, fstat, O, S_ISDIR, SysError } from "@bsdbox/compat";
import { stone, changes } from "@bsdbox/shared/diff";

const USAGE = "usage: diff3 [-3aAeEimTxX] [-L label1] [-L label2] [-L label3] file1 file2 file3\n";
const LONG: LongOpt[] = [
  { name: "ed", has: 0, val: "e" },
  { name: "show-overlap", has: 0, val: "E" },
  { name: "overlap-only", has: 0, val: "x" },
  { name: "initial-tab", has: 0, val: "T" },
  { name: "text", has: 0, val: "a" },
  { name: "strip-trailing-cr", has: 0, val: "\x01cr" },
  { name: "show-all", has: 0, val: "A" },
  { name: "easy-only", has: 0, val: "3" },
  { name: "merge", has: 0, val: "m" },
  { name: "label", has: 1, val: "L" },
  { name: "diff-program", has: 1, val: "\x01dp" },
  { name: "help", has: 0, val: "\x01help" },
  { name: "version", has: 0, val: "\x01version" },
];
const EFLAG_NONE = 0, EFLAG_OVERLAP = 1, EFLAG_NOOVERLAP = 2, EFLAG_UNMERGED = 3;
const TYPE1 = 1, TYPE2 = 2, TYPE3 = 3;
const INT_MAX = 0x7fffffff;

interface Range { from: number; to: number }
interface Diff { type: number; old: Range; new: Range }
const mkdiff = (): Diff => ({ type: 0, old: { from: 0, to: 0 }, new: { from: 0, to: 0 } });

/** A file as lines, each with its '\n' (the last one may lack it). */
function splitLines(d: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = 0; p < d.length; ) {
    let e = d.indexOf(10, p);
    e = e < 0 ? d.length : e + 1;
    out.push(d.subarray(p, e));
    p = e;
  }
  return out;
}

const sameBytes = (x: Uint8Array, y: Uint8Array) => {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
};

/** diffreg's readhash over a whole file: [0] = count, [1..count]; strip = --strip-trailing-cr. */
function hashes(d: Uint8Array, strip: boolean): Int32Array {
  const h: number[] = [0];
  const size = d.length;
  let pos = 0;
  while (pos < size) {
    let sum = 1;
    if (!strip) {
      let e = d.indexOf(10, pos);
      if (e < 0) e = size;
      for (let i = pos; i < e; i++) sum = (Math.imul(sum, 127) + d[i]!) | 0;
      pos = e + 1;
    } else {
      let i = 0, eof = false;
      for (;;) {
        const t = pos < size ? d[pos++]! : -1;
        if (t === 13 && (pos < size ? d[pos] : -1) === 10) { pos++; break; }
        if (t === 10) break;
        if (t === -1) { if (i === 0) eof = true; break; }
        sum = (Math.imul(sum, 127) + t) | 0;
        i++;
      }
      if (eof) break;
    }
    h.push(sum);
  }
  h[0] = h.length - 1;
  return Int32Array.from(h);
}

/** diffreg's check(): walk both files, breaking the matches whose lines differ (byte loop). */
function check(J: Int32Array, n: number, d1: Uint8Array, d2: Uint8Array, strip: boolean): void {
  let p1 = 0, p2 = 0;
  const g1 = () => (p1 < d1.length ? d1[p1++]! : -1), g2 = () => (p2 < d2.length ? d2[p2++]! : -1);
  const skip1 = () => { const e = d1.indexOf(10, p1); p1 = e < 0 ? d1.length : e + 1; };
  const skip2 = () => { const e = d2.indexOf(10, p2); p2 = e < 0 ? d2.length : e + 1; };
  let j = 1;
  for (let i = 1; i <= n; i++) {
    if (J[i] === 0) { skip1(); continue; }
    while (j < J[i]!) { skip2(); j++; }
    for (;;) {
      let c = g1(), d = g2();
      if (strip && (c === 13 || d === 13)) {
        if (c === 13) { if ((c = g1()) !== 10 && c !== -1) p1--; }
        if (d === 13) { if ((d = g2()) !== 10 && d !== -1) p2--; }
        break;
      }
      if (c !== d) {
        J[i] = 0;
        if (c !== 10 && c !== -1) skip1();
        if (d !== 10 && c !== -1) skip2();
        break;
      }
      if (c === 10 || c === -1) break;
    }
    j++;
  }
}

/** The hunks `diff [-a] [--strip-trailing-cr] f1 f2` prints, as diff3's readin() ranges. */
function hunks(d1: Uint8Array, d2: Uint8Array, text: boolean, strip: boolean): Diff[] {
  if (sameBytes(d1, d2)) return [];
  if (!text && (d1.includes(0) || d2.includes(0))) return []; // "Binary files ... differ"
  const h1 = hashes(d1, strip), h2 = hashes(d2, strip);
  const n = h1[0]!, m = h2[0]!;
  const J0 = stone(h1, n, h2, m, false);
  const J = new Int32Array(n + 2);
  J.set(J0.subarray(0, Math.min(J0.length, n + 2)));
  check(J, n, d1, d2, strip);
  return changes(J, n, m).map(([a, b, c, d]) => ({ type: 0, old: { from: a, to: b + 1 }, new: { from: c, to: d + 1 } }));
}

class Diff3 {
  eflag = EFLAG_NONE; oflag = false; Aflag = false; mflag = false; iflag = false; Tflag = false; strip = false;
  f1mark = ""; f2mark = ""; f3mark = "";
  lines: Uint8Array[][] = [[], [], []];
  cline = [0, 0, 0];
  last = [0, 0, 0, 0];
  de: Diff[] = [mkdiff()];
  overlap: boolean[] = [false];
  deDelta: number[] = [0];
  overlapcnt = 0;

  constructor(private ctx: Ctx) {}
  private p(s: string | Uint8Array) { this.ctx.out.write(s); }

  /** get_line with --strip-trailing-cr's "\r\n" → "\n". */
  private getLine(i: number, k: number): Uint8Array | undefined {
    const l = this.lines[i]![k];
    if (l && this.strip && l.length >= 2 && l[l.length - 2] === 13 && l[l.length - 1] === 10) {
      const c = l.slice(0, l.length - 1);
      c[c.length - 1] = 10;
      return c;
    }
    return l;
  }

  private skip(i: number, from: number, pr: string | null): number {
    let n = 0;
    while (this.cline[i]! < from - 1) {
      const line = this.getLine(i, this.cline[i]!);
      if (!line) errx(this.ctx, 1, "logic error");
      if (pr !== null) { this.p(this.Tflag ? "\t" : pr); this.p(line); }
      n += line.length;
      this.cline[i]!++;
    }
    return n;
  }

  private prange(r: Range, del: boolean) {
    if (r.to <= r.from) this.p(`${r.from - 1}a\n`);
    else this.p(`${r.from}${r.to > r.from + 1 ? `,${r.to - 1}` : ""}${del ? "d" : "c"}\n`);
  }

  private change(i: number, r: Range, dup: boolean) {
    this.p(`${i}:`);
    this.last[i] = r.to;
    this.prange(r, false);
    if (dup) return;
    this.skip(i - 1, r.from, null);
    this.skip(i - 1, r.to, "  ");
  }

  private keep(i: number, rnew: Range) {
    const delta = this.last[3]! - this.last[i]!;
    this.change(i, { from: rnew.from - delta, to: rnew.to - delta }, true);
  }

  /** Whether lines r1 of file1 equal lines r2 of file2 byte for byte. */
  private duplicate(r1: Range, r2: Range): boolean {
    if (r1.to - r1.from !== r2.to - r2.from) return false;
    this.skip(0, r1.from, null);
    this.skip(1, r2.from, null);
    for (let k = 0; k < r1.to - r1.from; k++) {
      const a = this.lines[0]![this.cline[0]! + k], b = this.lines[1]![this.cline[1]! + k];
      for (let x = 0; ; x++) {
        const c = a && x < a.length ? a[x]! : -1, d = b && x < b.length ? b[x]! : -1;
        if (c === -1 && d === -1) break;
        if (c === -1 || d === -1) errx(this.ctx, 1, "logic error");
        if (c !== d) return false;
        if (c === 10) break;
      }
    }
    return true;
  }

  private edit(diff: Diff, dup: boolean, j: number, type: number): number {
    const e = this.eflag;
    if (!(e === EFLAG_UNMERGED || (!dup && e === EFLAG_OVERLAP) || (dup && e === EFLAG_NOOVERLAP))) return j;
    j++;
    this.overlap[j] = !dup;
    if (!dup) this.overlapcnt++;
    this.de[j] = { type, old: { ...diff.old }, new: { ...diff.new } };
    return j;
  }

  private printrange(f: number, r: Range) {
    if (r.from === r.to) return;
    if (r.from > r.to) errx(this.ctx, 1, "invalid print range");
    const ls = this.lines[f]!;
    const lastLine = Math.min(Math.max(1, r.to - 1), ls.length);
    for (let i = Math.max(1, r.from); i <= lastLine; i++) this.p(ls[i - 1]!);
  }

  merge(d13: Diff[], m1: number, d23: Diff[], m2: number): number {
    let i1 = 0, i2 = 0, j = 0, f1f3delta = 0, dup = false;
    const at = (arr: Diff[], k: number) => (arr[k] ??= mkdiff());
    for (;;) {
      const t1 = i1 < m1, t2 = i2 < m2;
      if (!t1 && !t2) break;
      const d1 = at(d13, i1), d2 = at(d23, i2);
      // first file is different from the others
      if (!t2 || (t1 && d1.new.to < d2.new.from)) {
        if (this.eflag === EFLAG_NONE) {
          this.p("====1\n");
          this.change(1, d1.old, false);
          this.keep(2, d1.new);
          this.change(3, d1.new, false);
        } else if (this.mflag) {
          j++;
          this.de[j] = { type: TYPE1, old: { ...d1.old }, new: { ...d1.new } };
          this.overlap[j] = false;
        } else if (this.eflag === EFLAG_OVERLAP) {
          j = this.edit(d2, dup, j, TYPE1);
        }
        f1f3delta += (d1.old.to - d1.old.from) - (d1.new.to - d1.new.from);
        i1++;
        continue;
      }
      // second file is different from the others
      if (!t1 || (t2 && d2.new.to < d1.new.from)) {
        if (this.eflag === EFLAG_NONE) {
          this.p("====2\n");
          this.keep(1, d2.new);
          this.change(3, d2.new, false);
          this.change(2, d2.old, false);
        } else if (this.Aflag || this.mflag) {
          if (this.eflag === EFLAG_UNMERGED) {
            j = this.edit(d2, dup, j, TYPE2);
            this.deDelta[j] = f1f3delta;
          }
        }
        i2++;
        continue;
      }
      // merge overlapping changes in the first file (after an extension below)
      if (i1 + 1 < m1 && d1.new.to >= at(d13, i1 + 1).new.from) {
        d13[i1 + 1]!.old.from = d1.old.from;
        d13[i1 + 1]!.new.from = d1.new.from;
        i1++;
        continue;
      }
      if (i2 + 1 < m2 && d2.new.to >= at(d23, i2 + 1).new.from) {
        d23[i2 + 1]!.old.from = d2.old.from;
        d23[i2 + 1]!.new.from = d2.new.from;
        i2++;
        continue;
      }
      // peculiar to the third file, or different in all three
      if (d1.new.from === d2.new.from && d1.new.to === d2.new.to) {
        dup = this.duplicate(d1.old, d2.old);
        if (this.eflag === EFLAG_NONE) {
          this.p(dup ? "====3\n" : "====\n");
          this.change(1, d1.old, dup);
          this.change(2, d2.old, false);
          const d3 = d1.old.to > d1.old.from ? d1 : d2;
          this.change(3, d3.new, false);
        } else if (this.mflag) {
          j++;
          this.de[j] = { type: TYPE3, old: { ...d1.old }, new: { ...d1.new } };
          this.overlap[j] = !dup;
          if (!dup) this.overlapcnt++;
        } else {
          j = this.edit(d1, dup, j, TYPE3);
        }
        dup = false;
        f1f3delta += (d1.old.to - d1.old.from) - (d1.new.to - d1.new.from);
        i1++;
        i2++;
        continue;
      }
      // overlapping changes of files 1 and 2: extend them to coincide
      if (d1.new.from < d2.new.from) {
        d2.old.from -= d2.new.from - d1.new.from;
        d2.new.from = d1.new.from;
      } else if (d2.new.from < d1.new.from) {
        d1.old.from -= d1.new.from - d2.new.from;
        d1.new.from = d2.new.from;
      }
      if (d1.new.to > d2.new.to) {
        d2.old.to += d1.new.to - d2.new.to;
        d2.new.to = d1.new.to;
      } else if (d2.new.to > d1.new.to) {
        d1.old.to += d2.new.to - d1.new.to;
        d1.new.to = d2.new.to;
      }
    }
    if (this.mflag) return this.mergescript(j, f1f3delta);
    if (this.Aflag) return this.Ascript(j);
    if (this.eflag) return this.edscript(j);
    return 0;
  }

  private edscript(n: number): number {
    for (; n > 0; n--) {
      const { new: nw, old } = this.de[n]!;
      const del = nw.from === nw.to;
      if (this.de[n]!.type === TYPE1) {
        if (del) this.p(`${nw.from - 1}d\n`);
        else if (old.from === nw.from && old.to === nw.to) {
          this.p(`${old.from}c\n`);
          this.printrange(2, old);
          this.p(".\n");
        }
        continue;
      }
      const ov = this.oflag && this.overlap[n];
      if (!ov) this.prange(old, del);
      else this.p(`${old.to - 1}a\n=======\n`);
      this.printrange(2, nw);
      if (!ov) { if (!del) this.p(".\n"); }
      else this.p(`>>>>>>> ${this.f3mark}\n.\n${old.from - 1}a\n<<<<<<< ${this.f1mark}\n.\n`);
    }
    if (this.iflag) this.p("w\nq\n");
    return this.oflag ? (this.overlapcnt > 0 ? 1 : 0) : 0;
  }

  private Ascript(n: number): number {
    for (; n > 0; n--) {
      const { new: nw, old, type } = this.de[n]!;
      const deletenew = nw.from === nw.to, deleteold = old.from === old.to;
      const ov = this.oflag && this.overlap[n];
      if (type === TYPE2) {
        if (!ov) {
          this.prange(old, deletenew);
          this.printrange(2, nw);
        } else {
          const startmark = nw.to - 1 + this.deDelta[n]!;
          this.p(`${startmark}a\n>>>>>>> ${this.f3mark}\n.\n`);
          this.p(`${startmark - (nw.to - nw.from)}a\n<<<<<<< ${this.f2mark}\n`);
          if (!deleteold) this.printrange(1, old);
          this.p("=======\n.\n");
        }
      } else if (type === TYPE3) {
        const startmark = old.to - 1;
        if (!ov) {
          this.prange(old, deletenew);
          this.printrange(2, nw);
        } else {
          this.p(`${startmark}a\n||||||| ${this.f2mark}\n`);
          if (deleteold) this.printrange(1, { from: old.from - 1, to: nw.to });
          else this.printrange(1, old);
          this.p("=======\n");
          this.printrange(2, nw);
        }
        if (!ov) { if (!deletenew) this.p(".\n"); }
        else {
          this.p(`>>>>>>> ${this.f3mark}\n.\n`);
          this.p(`${startmark - (old.to - old.from)}a\n<<<<<<< ${this.f1mark}\n.\n`);
        }
      }
    }
    if (this.iflag) this.p("w\nq\n");
    return this.overlapcnt > 0 ? 1 : 0;
  }

  private mergescript(i: number, f1f3delta: number): number {
    const r: Range = { from: 1, to: 1 };
    let n: number;
    for (n = 1; n <= i; n++) {
      const { new: nw, old, type } = this.de[n]!;
      if (type === TYPE1) r.to = old.to;
      else if (type === TYPE2) r.to = nw.from + this.deDelta[n]!;
      else r.to = old.from;
      this.printrange(0, r);
      if (type === TYPE2) {
        this.p(`<<<<<<< ${this.f2mark}\n`);
        this.printrange(1, old);
        this.p("=======\n");
        this.printrange(2, nw);
        this.p(`>>>>>>> ${this.f3mark}\n`);
      } else if (type === TYPE3) {
        if (!this.oflag || !this.overlap[n]) this.printrange(2, nw);
        else {
          this.p(`<<<<<<< ${this.f1mark}\n`);
          this.printrange(0, old);
          if (this.eflag !== EFLAG_OVERLAP) {
            this.p(`||||||| ${this.f2mark}\n`);
            if (old.from === old.to) this.printrange(1, { from: old.from - 1, to: nw.to });
            else this.printrange(1, old);
          }
          this.p("=======\n");
          this.printrange(2, nw);
          this.p(`>>>>>>> ${this.f3mark}\n`);
        }
      } else if (type !== TYPE1) {
        this.p("Error: Unhandled diff type - exiting\n");
        return 1;
      }
      r.from = type === TYPE2 ? nw.to + this.deDelta[n]! : old.to;
    }
    r.from -= f1f3delta;
    r.to = INT_MAX;
    this.printrange(2, r);
    return this.overlapcnt > 0 ? 1 : 0;
  }
}

export default defineApplet({
  name: "diff3",
  main(ctx) {
    const s = new Diff3(ctx);
    const labels: (string | undefined)[] = [];
    let text = false;
    const g = new Getopt(ctx, "3aAeEiL:mTxX", LONG);
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "3": s.eflag = EFLAG_NOOVERLAP; break;
        case "a": text = true; break;
        case "A": s.Aflag = true; break;
        case "e": s.eflag = EFLAG_UNMERGED; break;
        case "E": s.eflag = EFLAG_OVERLAP; s.oflag = true; break;
        case "i": s.iflag = true; break;
        case "L":
          s.oflag = true;
          if (labels.length >= 3) errx(ctx, 2, "too many file label options");
          labels.push(g.optarg!);
          break;
        case "m": s.Aflag = s.oflag = s.mflag = true; break;
        case "T": s.Tflag = true; break;
        case "x": s.eflag = EFLAG_OVERLAP; break;
        case "X": s.oflag = true; s.eflag = EFLAG_OVERLAP; break;
        case "\x01dp": break;
        case "\x01cr": s.strip = true; break;
        case "\x01help": ctx.err.write(USAGE); return 0;
        case "\x01version": ctx.out.write("FreeBSD diff3 20240925\n"); return 0;
        default: break; // reported by getopt, otherwise ignored (no default case in the reference)
      }
    }
    if (s.Aflag) {
      if (s.eflag === EFLAG_NONE) s.eflag = EFLAG_UNMERGED;
      s.oflag = true;
    }
    const ops = g.rest;
    if (ops.length !== 3) { ctx.err.write(USAGE); throw new Exit(2); }
    if (s.oflag) {
      s.f1mark = labels[0] ?? ops[0]!;
      s.f2mark = labels[1] ?? ops[1]!;
      s.f3mark = labels[2] ?? ops[2]!;
    }
    const data: Uint8Array[] = [];
    let dir = false;
    for (const name of ops) {
      let fd: number;
      try { fd = open(name, O.RDONLY); } catch (e) { err(ctx, 2, `Can't open ${name}`, e); }
      try {
        const st = fstat(fd);
        if (S_ISDIR(st.mode)) { dir = true; data.push(new Uint8Array(0)); continue; }
        data.push(readAll(fd));
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        dir = true;
        data.push(new Uint8Array(0));
      } finally {
        close(fd);
      }
    }
    // the forked diff fails on a directory operand or a read error
    if (dir) errx(ctx, 2, "diff exited abnormally");
    s.lines = data.map(splitLines);
    const d13 = hunks(data[0]!, data[2]!, text, s.strip);
    const d23 = hunks(data[1]!, data[2]!, text, s.strip);
    const sentinel = (d: Diff[]) => {
      if (d.length) {
        const l = d[d.length - 1]!;
        d.push({ type: 0, old: { from: l.old.to, to: l.old.to }, new: { from: l.new.to, to: l.new.to } });
        return d.length - 1;
      }
      return 0;
    };
    const m = sentinel(d13), n = sentinel(d23);
    return s.merge(d13, m, d23, n);
  },
});
