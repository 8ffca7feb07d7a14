// column — columnate lists.
// Not in POSIX. FreeBSD: column(1)   Usage: column [-tx] [-c columns] [-l tblcols] [-s sep] [file ...]
//   -c columns  output width (default: the terminal's width, else $COLUMNS, else 80)
//   -t          make a table: split lines at any of the -s characters (default tab and space;
//               runs of separators count as one), pad each field to its column's width plus 2
//   -l tblcols  with -t, at most tblcols fields per line (the last keeps the rest of the line)
//   -s sep      the separator characters for -t
//   -x          fill columns before rows
// Without -t, every non-blank input line is an entry; entries go in columns of
// roundup(longest + 1, 8) cells separated by tabs, down then across (across with -x), or one
// per line when the longest does not fit. Widths are wcwidth(3) sums (UTF-8; LC_ALL=C bytes).
// As chimerautils with musl: lines are read with fgetws in pieces of LINE_MAX (2048)
// characters, so a longer line gives "column: line too long" (status 1) for its first piece and
// its rest is an entry of its own; a NUL ends a line's text; an invalid byte ends its piece (the
// same warning) and one at the start of a piece ends that file quietly; a broken sequence ends
// the file quietly.
// Deviation (reference bug fixed): a last line without a newline is an entry like any other;
// chimerautils refuses it with "line too long" and status 1.
// BSD: "-" is a file name, not standard input.
import { defineApplet, Getopt, usage, errx, err, warnx, utf8Locale, strtonum, type Ctx, eachInput } from "@bsdbox/shared";
import { WideReader, WEOF, putw, iswspace, mbrtowc } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { winsize, encode } from "@bsdbox/compat";

const USAGE = "usage: column [-tx] [-c columns] [-l tblcols] [-s sep] [file ...]";
const LINE_MAX = 2048;
const INT_MAX = 2147483647;

interface Entry { cps: Int32Array; width: number; }

/** Like wcswidth(), but ignoring non-printing characters. */
function width(cps: Int32Array, from = 0, to = cps.length): number {
  let w = 0;
  for (let i = from; i < to; i++) {
    const c = cps[i]!;
    if (c < 0x80) { if (c >= 0x20 && c < 0x7f) w++; }
    else {
      const cw = wcwidth(c);
      if (cw > 0) w += cw;
    }
  }
  return w;
}

/** atoi(3) */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(m[1]);
  return Math.trunc(v) | 0;
}

const roundup = (x: number, y: number) => Math.ceil(x / y) * y;

export default defineApplet({
  name: "column",
  main(ctx) {
    const utf8 = utf8Locale(ctx.env);
    let termwidth = 80, tblcols = 0, tflag = false, xflag = false;
    const ws = winsize(1);
    if (!ws || !ws.cols) {
      const p = ctx.env.get("COLUMNS");
      if (p !== undefined) termwidth = atoi(p);
    } else termwidth = ws.cols;
    let separator = [9, 32];
    const g = new Getopt(ctx, "+c:l:s:tx");
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "c": {
          const r = strtonum(g.optarg!, 0, INT_MAX);
          if (r.error) errx(ctx, 1, `invalid terminal width "${g.optarg}": ${r.error}`);
          termwidth = r.value;
          break;
        }
        case "l": {
          const r = strtonum(g.optarg!, 0, INT_MAX);
          if (r.error) errx(ctx, 1, `invalid max width "${g.optarg}": ${r.error}`);
          tblcols = r.value;
          break;
        }
        case "s": {
          const b = encode(g.optarg!);
          const sep: number[] = [];
          for (let i = 0; ; ) {
            const [wc, n] = mbrtowc(b, i, utf8);
            if (n < 0) err(ctx, 1, "bad separator", 84);
            if (n === 0) break;
            sep.push(wc);
            i += n;
          }
          separator = sep;
          break;
        }
        case "t": tflag = true; break;
        case "x": xflag = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const args = g.rest;
    if (tblcols && !tflag) errx(ctx, 1, "the -l flag cannot be used without the -t flag");

    const list: Entry[] = [];
    let maxlength = 0;
    const piece = new Int32Array(LINE_MAX);
    const input = (fd: number) => {
      const inp = new WideReader(fd, utf8);
      for (;;) {
        // fgetws(buf, LINE_MAX + 1, fp)
        let n = 0, atEof = false;
        while (n < LINE_MAX) {
          const c = inp.pos < inp.end && inp.buf[inp.pos]! < 0x80 ? inp.buf[inp.pos++]! : inp.get();
          if (c === WEOF) { atEof = inp.eof && !inp.error; break; }
          piece[n++] = c;
          if (c === 10) break;
        }
        if (inp.error || n === 0) return;
        let len = piece.indexOf(0);
        const nul = len >= 0 && len < n;
        if (!nul) len = n;
        let p = 0;
        while (p < len && iswspace(piece[p]!)) p++;
        if (p === len) continue;
        let e = piece.subarray(0, len).indexOf(10, p);
        if (e < 0) {
          if (atEof && !nul) e = len; // the last line, without a newline
          else {
            warnx(ctx, "line too long");
            ctx.status = 1;
            continue;
          }
        }
        const cps = piece.slice(0, e);
        const w = width(cps);
        if (maxlength < w) maxlength = w;
        list.push({ cps, width: w });
      }
    };
    eachInput(ctx, args, (fd) => input(fd));
    if (!list.length) return ctx.status;

    const out = ctx.out;
    const put = (cps: Int32Array, from = 0, to = cps.length) => {
      for (let i = from; i < to; i++) {
        const c = cps[i]!;
        if (c < 0x80) out.byte(c);
        else putw(out, c, utf8);
      }
    };
    const tabs = (chcnt: number, endcol: number): number => {
      for (let cnt; (cnt = roundup(chcnt + 1, 8)) <= endcol; chcnt = cnt) out.byte(9);
      return chcnt;
    };
    maxlength = roundup(maxlength + 1, 8);
    const entries = list.length;
    if (tflag) maketbl(ctx, list, separator, tblcols, put);
    else if (maxlength >= termwidth) {
      for (const e of list) { put(e.cps); out.byte(10); }
    } else if (xflag) {
      const numcols = Math.trunc(termwidth / maxlength);
      let chcnt = 0, col = 0, endcol = maxlength;
      for (let i = 0; ; i++) {
        put(list[i]!.cps);
        chcnt += list[i]!.width;
        if (i + 1 === entries) break;
        if (++col === numcols) {
          chcnt = col = 0;
          endcol = maxlength;
          out.byte(10);
        } else {
          chcnt = tabs(chcnt, endcol);
          endcol += maxlength;
        }
      }
      if (chcnt) out.byte(10);
    } else {
      const numcols = Math.trunc(termwidth / maxlength);
      const numrows = Math.ceil(entries / numcols);
      for (let row = 0; row < numrows; ++row) {
        let endcol = maxlength, chcnt = 0;
        for (let base = row, col = 0; col < numcols; ++col) {
          put(list[base]!.cps);
          chcnt += list[base]!.width;
          if ((base += numrows) >= entries) break;
          chcnt = tabs(chcnt, endcol);
          endcol += maxlength;
        }
        out.byte(10);
      }
    }
    return ctx.status;
  },
});

function maketbl(ctx: Ctx, list: Entry[], separator: number[], tblcols: number,
  put: (cps: Int32Array, from?: number, to?: number) => void): void {
  const isSep = (c: number) => separator.includes(c);
  const rows: { cps: Int32Array; from: number[]; to: number[]; len: number[] }[] = [];
  const lens: number[] = [];
  for (const { cps } of list) {
    const from: number[] = [], to: number[] = [], len: number[] = [];
    const n = cps.length;
    let p = 0;
    while (p < n && isSep(cps[p]!)) p++;
    while (p < n) {
      from.push(p);
      let s = p;
      if (!tblcols || from.length < tblcols) while (s < n && !isSep(cps[s]!)) s++;
      else s = n;
      to.push(s);
      if (s >= n) break;
      s++;
      while (s < n && isSep(cps[s]!)) s++;
      p = s;
    }
    for (let c = 0; c < from.length; c++) {
      const w = width(cps, from[c], to[c]);
      len.push(w);
      if (!(w <= (lens[c] ?? 0))) lens[c] = w;
    }
    rows.push({ cps, from, to, len });
  }
  const out = ctx.out;
  for (const r of rows) {
    const last = r.from.length - 1;
    for (let c = 0; c < last; c++) {
      put(r.cps, r.from[c], r.to[c]);
      for (let k = lens[c]! - r.len[c]! + 2; k > 0; k--) out.byte(32);
    }
    if (last >= 0) put(r.cps, r.from[last], r.to[last]);
    out.byte(10);
  }
}
