// join — relational join of two files sorted on their join fields.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/join.html  FreeBSD: join(1)
// Options (getopt "\1a:e:j:1:2:o:t:v:"; no permutation):
//   -a N   also print unpairable lines of file N (1 or 2)   -v N   only those lines
//   -e s   replace missing fields with s                    -o list  output fields: 0 (the join
//          field), 1.N, 2.N, separated by commas or blanks  -t c   field separator (one
//          character; every separator counts, empty fields too); default: runs of blanks,
//          output separator a space   -1 N / -2 N / -j N   join field of file 1 / 2 / both
// Operands: file1 file2; "-" is standard input (not both).
// Obsolete forms (rewritten before parsing, as FreeBSD does): "-a" without 1 or 2 means both
//   files (with a warning); "-j1 N" / "-j2 N" mean -1 N / -2 N; "-o 1.1 2.2 ..." takes every
//   following N.M argument as another -o.
// BSD: no -i; join fields compare as characters (code points, that is bytes in C.UTF-8); an
//   invalid UTF-8 line is fatal ("join: Illegal byte sequence"); lines end at a NUL byte; a read
//   error ends that file quietly. With -o, field 0 of a pair comes from file 1 when file 1's
//   line has at least (join field - 1) fields, else from file 2.
// Deviation: a last line without a newline is taken as it is (FreeBSD may read stale bytes past
//   its end from an earlier, longer line).
import { defineApplet, Getopt, usage, errx, err, warnx, utf8Locale, Reader, type Ctx } from "@bsdbox/shared";
import { open, O, SysError, ERRNO, encode, utf8SeqLen, strerror } from "@bsdbox/compat";

const USAGE = `usage: join [-a fileno | -v fileno ] [-e string] [-1 field] [-2 field]
            [-o list] [-t char] file1 file2`;
const HUGE = Number.MAX_SAFE_INTEGER;

interface Line { fields: Uint8Array[]; }
interface Input {
  r: Reader | null;
  joinf: number;
  unpair: boolean;
  number: 1 | 2;
  set: Line[];
  pending: Line | null;
}
interface Opts {
  olist: [number, number][] | null;
  empty: Uint8Array | null;
  sep: Uint8Array;      // output separator
  spans: boolean;
  tab: Uint8Array | null; // -t separator bytes (null: blanks)
  utf8: boolean;
}

/** strtol(s, &end, 10) for u_long fields: [value (negative: huge), the rest after the number] */
function strtol(s: string): [number, string] {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (!m) return [0, s];
  let v = Number(m[2]);
  if (v > HUGE) v = HUGE;
  return [m[1] === "-" && v ? -v : v, s.slice(m[0].length)];
}
const ulong = (v: number) => (v < 0 ? HUGE : v);

export default defineApplet({
  name: "join",
  main(ctx) {
    const F1: Input = { r: null, joinf: 0, unpair: false, number: 1, set: [], pending: null };
    const F2: Input = { r: null, joinf: 0, unpair: false, number: 2, set: [], pending: null };
    const utf8 = utf8Locale(ctx.env);
    const o: Opts = { olist: null, empty: null, sep: new Uint8Array([32]), spans: true, tab: null, utf8 };
    let aflag = false, vflag = false, joinout = true;
    const g = new Getopt(ctx, "\x01a:e:j:1:2:o:t:v:", undefined, obsolete(ctx, [ctx.argv0, ...ctx.args]));
    const field = (which: string, arg: string): number => {
      const [v, end] = strtol(arg);
      if (v === 0) errx(ctx, 1, `-${which} option field number less than 1`);
      if (end) errx(ctx, 1, `illegal field number -- ${arg}`);
      return ulong(v) === HUGE ? HUGE : v - 1;
    };
    const fileno = (which: string, arg: string): 1 | 2 => {
      const [v, end] = strtol(arg);
      if (v !== 1 && v !== 2) errx(ctx, 1, `-${which} option file number not 1 or 2`);
      if (end) errx(ctx, 1, `illegal file number -- ${arg}`);
      return v;
    };
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "\x01": aflag = true; F1.unpair = F2.unpair = true; break;
        case "1": F1.joinf = field("1", g.optarg!); break;
        case "2": F2.joinf = field("2", g.optarg!); break;
        case "j": F1.joinf = F2.joinf = field("j", g.optarg!); break;
        case "a": aflag = true; (fileno("a", g.optarg!) === 1 ? F1 : F2).unpair = true; break;
        case "v": vflag = true; joinout = false; (fileno("v", g.optarg!) === 1 ? F1 : F2).unpair = true; break;
        case "e": o.empty = encode(g.optarg!); break;
        case "o": fieldarg(ctx, o, g.optarg!); break;
        case "t": {
          o.spans = false;
          const v = encode(g.optarg!);
          const n = v.length === 0 ? 0 : !utf8 || v[0]! < 0x80 ? 1 : utf8SeqLen(v, 0, v.length);
          if (n !== v.length) errx(ctx, 1, "illegal tab character specification");
          // an empty -t: no separator at all, and printf("%lc", 0) prints nothing
          o.tab = o.sep = v;
          break;
        }
        default: usage(ctx, USAGE);
      }
    }
    const ops = g.rest;
    if (aflag && vflag) errx(ctx, 1, "the -a and -v options are mutually exclusive");
    if (ops.length !== 2) usage(ctx, USAGE);
    for (const [F, name] of [[F1, ops[0]!], [F2, ops[1]!]] as const) {
      if (name === "-") F.r = new Reader(ctx.stdin);
      else {
        try { F.r = new Reader(open(name, O.RDONLY)); } catch (e) { err(ctx, 1, name, e); }
      }
    }
    if (ops[0] === "-" && ops[1] === "-") errx(ctx, 1, "only one input file may be stdin");

    slurp(ctx, o, F1);
    slurp(ctx, o, F2);
    while (F1.set.length && F2.set.length) {
      const cval = cmp(F1.set[0]!, F1.joinf, F2.set[0]!, F2.joinf);
      if (cval === 0) {
        if (joinout) joinlines(ctx, o, F1, F2);
        slurp(ctx, o, F1);
        slurp(ctx, o, F2);
      } else if (cval < 0) {
        if (F1.unpair) joinlines(ctx, o, F1, null);
        slurp(ctx, o, F1);
      } else {
        if (F2.unpair) joinlines(ctx, o, F2, null);
        slurp(ctx, o, F2);
      }
    }
    for (const F of [F1, F2]) {
      if (F.unpair) {
        while (F.set.length) {
          joinlines(ctx, o, F, null);
          slurp(ctx, o, F);
        }
      }
    }
    return 0;
  },
});

/** Read the next set of consecutive lines with the same join field. */
function slurp(ctx: Ctx, o: Opts, F: Input): void {
  F.set = [];
  if (F.pending) {
    F.set.push(F.pending);
    F.pending = null;
  }
  for (;;) {
    let l: Uint8Array | null = null;
    try { l = F.r!.line(); } catch (e) { if (!(e instanceof SysError)) throw e; }
    if (!l) return;
    const lp = split(ctx, o, l);
    const last = F.set[F.set.length - 1];
    if (last && cmp(lp, F.joinf, last, F.joinf)) {
      F.pending = lp;
      return;
    }
    F.set.push(lp);
  }
}

/** Split a line into fields (copies): runs of blanks by default, each -t character otherwise. */
function split(ctx: Ctx, o: Opts, l: Uint8Array): Line {
  let end = l.indexOf(0);
  if (end < 0) end = l.length > 0 && l[l.length - 1] === 10 ? l.length - 1 : l.length;
  if (o.utf8) {
    for (let i = 0; i < end; i++) {
      if (l[i]! < 0x80) continue;
      const n = utf8SeqLen(l, i, end);
      if (!n) errx(ctx, 1, strerror(ERRNO.EILSEQ!));
      i += n - 1;
    }
  }
  const fields: Uint8Array[] = [];
  const tab = o.tab;
  let start = 0;
  const push = (a: number, b: number) => {
    if (o.spans && a === b) return;
    fields.push(l.slice(a, b));
  };
  if (!tab) {
    for (let i = 0; i < end; i++) {
      const b = l[i];
      if (b === 32 || b === 9) {
        push(start, i);
        start = i + 1;
      }
    }
  } else if (tab.length) {
    for (let i = 0; i < end; i++) {
      if (l[i] !== tab[0]) continue;
      let k = 1;
      while (k < tab.length && l[i + k] === tab[k]) k++;
      if (k < tab.length) continue;
      push(start, i);
      start = i + tab.length;
      i += tab.length - 1;
    }
  }
  push(start, end);
  return { fields };
}

function strcmp(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}

function cmp(l1: Line, f1: number, l2: Line, f2: number): number {
  if (l1.fields.length <= f1) return l2.fields.length <= f2 ? 0 : 1;
  if (l2.fields.length <= f2) return -1;
  return strcmp(l1.fields[f1]!, l2.fields[f2]!);
}

function joinlines(ctx: Ctx, o: Opts, F1: Input, F2: Input | null): void {
  if (!F2) {
    for (const lp of F1.set) outoneline(ctx, o, F1, lp);
    return;
  }
  for (const l1 of F1.set) for (const l2 of F2.set) outtwoline(ctx, o, F1, l1, F2, l2);
}

function outoneline(ctx: Ctx, o: Opts, F: Input, lp: Line): void {
  const out = new Out(ctx, o);
  if (o.olist) {
    for (const [filenum, fieldno] of o.olist) {
      if (filenum === F.number) out.field(lp, fieldno, false);
      else if (filenum === 0) out.field(lp, F.joinf, false);
      else out.field(lp, 0, true);
    }
  } else {
    out.field(lp, F.joinf, false);
    for (let k = 0; k < lp.fields.length; k++) if (k !== F.joinf) out.field(lp, k, false);
  }
  ctx.out.byte(10);
}

function outtwoline(ctx: Ctx, o: Opts, F1: Input, l1: Line, F2: Input, l2: Line): void {
  const out = new Out(ctx, o);
  if (o.olist) {
    for (const [filenum, fieldno] of o.olist) {
      if (filenum === 0) {
        if (l1.fields.length >= F1.joinf) out.field(l1, F1.joinf, false);
        else out.field(l2, F2.joinf, false);
      } else if (filenum === 1) out.field(l1, fieldno, false);
      else out.field(l2, fieldno, false);
    }
  } else {
    out.field(l1, F1.joinf, false);
    for (let k = 0; k < l1.fields.length; k++) if (k !== F1.joinf) out.field(l1, k, false);
    for (let k = 0; k < l2.fields.length; k++) if (k !== F2.joinf) out.field(l2, k, false);
  }
  ctx.out.byte(10);
}

/** One output line: outfield() with its separator state. */
class Out {
  private needsep = false;
  constructor(private ctx: Ctx, private o: Opts) {}
  field(lp: Line, fieldno: number, outEmpty: boolean): void {
    const w = this.ctx.out;
    if (this.needsep) w.write(this.o.sep);
    this.needsep = true;
    if (lp.fields.length <= fieldno || outEmpty) {
      if (this.o.empty) w.write(this.o.empty);
    } else w.write(lp.fields[fieldno]!);
  }
}

/** -o: "0", "1.N", "2.N" separated by commas or blanks. */
function fieldarg(ctx: Ctx, o: Opts, option: string): void {
  for (const token of option.split(/[, \t]/)) {
    if (token === "") continue;
    let filenum = 0, fieldno = 0;
    if (token[0] === "0") filenum = fieldno = 0;
    else if ((token[0] === "1" || token[0] === "2") && token[1] === ".") {
      filenum = token[0] === "1" ? 1 : 2;
      const [v, end] = strtol(token.slice(2));
      if (end) errx(ctx, 1, "malformed -o option field");
      if (v === 0) errx(ctx, 1, "field numbers are 1 based");
      fieldno = v < 0 ? HUGE : v - 1;
    } else errx(ctx, 1, "malformed -o option field");
    (o.olist ??= []).push([filenum, fieldno]);
  }
}

/** join's obsolete(): historical -a, -j1/-j2 and "-o f f ..." forms. */
function obsolete(ctx: Ctx, argv: string[]): string[] {
  for (let k = 1; k < argv.length; k++) {
    const ap = argv[k]!;
    if (ap[0] === "-" && ap[1] === "-") break;
    if (ap[0] !== "-") continue;
    switch (ap[1]) {
      case "a":
        if (ap.length === 2 && (k + 1 >= argv.length || (argv[k + 1] !== "1" && argv[k + 1] !== "2"))) {
          argv[k] = "-\x01";
          warnx(ctx, "-a option used without an argument; reverting to historical behavior");
        }
        break;
      case "j":
        if (ap.length === 2) break;
        if ((ap[2] === "1" || ap[2] === "2") && ap.length === 3) argv[k] = "-" + ap[2];
        else errx(ctx, 1, `illegal option -- ${ap}`);
        break;
      case "o": {
        if (ap.length !== 2) break;
        let p = k + 2;
        for (; p < argv.length; p++) {
          const a = argv[p]!;
          if (a[0] === "0" || (a[0] !== "1" && a[0] !== "2") || a[1] !== ".") break;
          if (!/^[0-9]*$/.test(a.slice(2))) break;
          argv[p] = "-o" + a;
        }
        k = p - 1;
        break;
      }
    }
  }
  return argv;
}
