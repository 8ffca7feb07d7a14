// fmt — simple text formatter: fill paragraphs to a goal width (FreeBSD fmt, not in POSIX).
// Options (getopt "0123456789cd:hl:mnpst:w:"):
//   -c        center each line instead of formatting     -m  keep mail header lines separate
//   -d CHARS  sentence enders (default ".?!"): two spaces after them at the end of an input line
//   -l N      each N leading spaces become a tab (default 8; 0 never)
//   -n        also format lines beginning with '.'        -p  allow indented paragraphs
//   -s        coalesce whitespace inside lines            -t N  input tab stops every N (default 8)
//   -w N, -N  maximum (and goal) width                    -h  usage on stderr, status 0
//   operands: [goal [maximum]] file ...  (default goal 65, maximum goal+10)
// Input is read with getwc(3) as musl does: tabs expanded, trailing blanks dropped, x\b deleted,
// other non-printable characters removed; an invalid UTF-8 byte ends the current line (as WEOF)
// and a broken sequence also flags the file as failed. Lines starting with '.' (troff requests)
// are copied unchanged unless -n. Exit status 64 for bad usage, 66 when any file failed.
import { defineApplet, Getopt, errx, err, warn, strtol, utf8Locale, iswprint, type Ctx, type Writer } from "@bsdbox/shared";
import { WideReader, WEOF, putw, mbrtowc, iswspace } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { open, close, O, encode, SysError } from "@bsdbox/compat";

const USAGE =
  "usage:   fmt [-cmps] [-d chars] [-l num] [-t num]\n" +
  "             [-w width | -width | goal [maximum]] [file ...]\n" +
  "Options: -c     center each line instead of formatting\n" +
  "         -d <chars> double-space after <chars> at line end\n" +
  "         -l <n> turn each <n> spaces at start of line into a tab\n" +
  "         -m     try to make sure mail header lines stay separate\n" +
  "         -n     format lines beginning with a dot\n" +
  "         -p     allow indented paragraphs\n" +
  "         -s     coalesce whitespace inside lines\n" +
  "         -t <n> have tabs every <n> columns\n" +
  "         -w <n> set maximum width to <n>\n" +
  "         goal   set target width to goal\n";
const EX_USAGE = 64, EX_NOINPUT = 66;
const SILLY = -1;
const HDR_START = -1, HDR_NON = 0, HDR_HEADER = 1, HDR_CONT = 2;

/** strtol(s, &t, 0) then fmt's get_positive/get_nonnegative checks; 0 for a non-number when !fussy. */
function getNum(ctx: Ctx, s: string, msg: string, fussy: boolean, min: number): number {
  const r = strtol(s, 0);
  if (r.end !== s.length) {
    if (fussy) errx(ctx, EX_USAGE, msg);
    return 0;
  }
  let v = r.value;
  if (v > 0x7fffffffffffffffn) v = 0x7fffffffffffffffn;
  if (v < -0x8000000000000000n) v = -0x8000000000000000n;
  if (v < BigInt(min)) errx(ctx, EX_USAGE, msg);
  return Number(v);
}

const cw = (c: number) => {
  const w = wcwidth(c);
  return w > 0 ? w : 1;
};
const iswupper = (c: number) => {
  if (c < 0x80) return c >= 65 && c <= 90;
  const s = String.fromCodePoint(c);
  return s.toLowerCase() !== s;
};
const iswalnum = (c: number) => (c < 0x80 ? /[A-Za-z0-9]/.test(String.fromCharCode(c)) : /\p{Alphabetic}/u.test(String.fromCodePoint(c)));

class Fmt {
  center = false; goal = 0; max = 0; coalesce = false; indented = false; tabw = 8; outTab = 8;
  enders: number[] = [46, 63, 33]; mail = false; troff = false;
  errors = 0;
  // output state
  obuf: number[] = [];
  olen = 0;
  x = 0; x0 = 0; pending = 0; inPara = false;
  // get_line's persistent buffer (stale contents are visible to might_be_header, as in C)
  lbuf: number[] = [];

  constructor(private ctx: Ctx, private out: Writer, private utf8: boolean) {}

  put(c: number) {
    putw(this.out, c, this.utf8);
  }
  /** wprintf("%.*ls", n, a): stops at a NUL character */
  puts(a: number[], n: number) {
    for (let i = 0; i < n; i++) {
      if (a[i] === 0) break;
      this.put(a[i]!);
    }
  }

  getLine(r: WideReader): number {
    const buf = this.lbuf;
    let len = 0, sp = 0, troff = false, col = 0, ch: number;
    while ((ch = r.get()) !== 10 && ch !== WEOF) {
      if (len + sp === 0 && ch === 46 && !this.troff) troff = true;
      if (ch === 32) sp++;
      else if (troff || iswprint(ch)) {
        while (sp > 0) { sp--; buf[len++] = 32; col++; }
        buf[len++] = ch;
        col += cw(ch);
      } else if (ch === 9) sp += this.tabw - ((col + sp) % this.tabw);
      else if (ch === 8) {
        if (len) len--;
        if (col) col--;
      }
    }
    return len > 0 || ch !== WEOF ? len : -1;
  }

  stream(r: WideReader) {
    if (this.center) return this.centerStream(r);
    let lastIndent = SILLY, paraLine = 0, firstIndent = SILLY, prevHdr = HDR_START;
    const line = this.lbuf;
    for (let length; (length = this.getLine(r)) >= 0; ) {
      let np = 0;
      while (np < length && line[np] === 32) np++;
      let hdr = HDR_NON;
      if (this.mail && prevHdr !== HDR_NON) {
        if (np === 0 && this.mightBeHeader()) hdr = HDR_HEADER;
        else if (np > 0 && prevHdr > HDR_NON) hdr = HDR_CONT;
      }
      const dot = length > 0 && line[0] === 46 && !this.troff;
      if (length === 0 || dot || hdr === HDR_HEADER || (hdr === HDR_NON && prevHdr > HDR_NON) ||
        (np !== lastIndent && hdr !== HDR_CONT && (!this.indented || paraLine !== 1))) {
        this.newParagraph(this.inPara ? lastIndent : firstIndent, np);
        paraLine = 0;
        firstIndent = np;
        lastIndent = np;
        if (hdr === HDR_HEADER) lastIndent = 2;
        if (length === 0 || dot) {
          if (length !== 0) this.puts(line, length);
          this.put(10);
          prevHdr = HDR_START;
          continue;
        }
      } else if (np !== lastIndent && hdr !== HDR_CONT) lastIndent = np;
      prevHdr = hdr;
      for (let n = np; n < length; ) {
        let wl = 0;
        while (n + wl < length && line[n + wl] !== 32) wl++;
        let sl = wl;
        while (n + sl < length && line[n + sl] === 32) sl++;
        this.word(firstIndent, lastIndent, line.slice(n, n + wl), sl - wl);
        n += sl;
      }
      paraLine++;
    }
    this.newParagraph(this.inPara ? lastIndent : firstIndent, 0);
    if (r.error) this.fail(r);
  }

  fail(r: WideReader) {
    warn(this.ctx, this.name, r.errno);
    this.errors++;
  }
  name = "";

  mightBeHeader(): boolean {
    const l = this.lbuf;
    let i = 0;
    if (!iswupper(l[i++] ?? 0)) return false;
    while ((l[i] ?? 0) !== 0 && (iswalnum(l[i]!) || l[i] === 45)) i++;
    return l[i] === 58 && iswspace(l[i + 1] ?? 0);
  }

  newParagraph(oldIndent: number, indent: number) {
    if (this.olen) {
      if (oldIndent > 0) this.indent(oldIndent);
      this.puts(this.obuf, this.olen);
      this.put(10);
    }
    this.x = indent;
    this.x0 = 0;
    this.olen = 0;
    this.pending = 0;
    this.inPara = false;
  }

  indent(n: number) {
    if (this.outTab) while (n >= this.outTab) { this.put(9); n -= this.outTab; }
    while (n-- > 0) this.put(32);
  }

  word(indent0: number, indent1: number, word: number[], spaces: number) {
    const indent = this.inPara ? indent1 : indent0;
    const length = word.length;
    let width = 0;
    for (const c of word) width += cw(c);
    const newX = this.x + this.pending + width;
    if (this.coalesce || spaces === 0) spaces = this.enders.includes(word[length - 1]!) ? 2 : 1;
    if (newX <= this.goal) {
      for (let i = 0; i < this.pending; i++) this.obuf[this.olen++] = 32;
      this.x0 += this.pending;
      this.x += this.pending;
      for (const c of word) this.obuf[this.olen++] = c;
      this.x0 += width;
      this.x += width;
      this.pending = spaces;
      return;
    }
    if (indent > 0) this.indent(indent);
    this.puts(this.obuf, this.olen);
    // size_t arithmetic: goal - x wraps to a huge value when x > goal
    let writeWord = false;
    if (this.x0 === 0 || (newX <= this.max && (this.x > this.goal || newX - this.goal <= this.goal - this.x))) {
      for (let i = 0; i < this.pending; i++) this.put(32);
      writeWord = true;
    } else if (indent + width > this.max) {
      this.put(10);
      if (indent > 0) this.indent(indent);
      writeWord = true;
    } else {
      this.obuf.length = 0;
      for (const c of word) this.obuf.push(c);
      this.x0 = width;
      this.x = width + indent1;
      this.pending = spaces;
      this.olen = length;
    }
    if (writeWord) {
      this.puts(word, length);
      this.x0 = 0;
      this.x = indent1;
      this.pending = 0;
      this.olen = 0;
    }
    this.put(10);
    this.inPara = true;
  }

  centerStream(r: WideReader) {
    const buf = this.lbuf;
    for (let length; (length = this.getLine(r)) >= 0; ) {
      let s = 0;
      while (s < length && iswspace(buf[s]!)) s++;
      let width = 0;
      for (let i = s; i < length; i++) width += cw(buf[i]!);
      for (let l = width; l < this.goal; l += 2) this.put(32);
      this.puts(buf.slice(s, length), length - s);
      this.put(10);
    }
    if (r.error) this.fail(r);
  }
}

export default defineApplet({
  name: "fmt",
  main(ctx) {
    const utf8 = utf8Locale(ctx.env);
    const f = new Fmt(ctx, ctx.out, utf8);
    const g = new Getopt(ctx, "0123456789cd:hl:mnpst:w:");
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "c": f.center = true; f.troff = true; break;
        case "d": {
          const b = encode(g.optarg!);
          const ws: number[] = [];
          for (let i = 0; ; ) {
            const [wc, n] = mbrtowc(b, i, utf8);
            if (n < 0) err(ctx, EX_USAGE, "bad sentence-ending character set", 84);
            if (n === 0) break;
            ws.push(wc);
            i += n;
          }
          f.enders = ws;
          break;
        }
        case "l": f.outTab = getNum(ctx, g.optarg!, "output tab width must be non-negative", true, 0); break;
        case "m": f.mail = true; break;
        case "n": f.troff = true; break;
        case "p": f.indented = true; break;
        case "s": f.coalesce = true; break;
        case "t": f.tabw = getNum(ctx, g.optarg!, "tab width must be positive", true, 1); break;
        case "w": f.goal = f.max = getNum(ctx, g.optarg!, "width must be positive", true, 1); break;
        default:
          if (c >= "0" && c <= "9") {
            if (f.goal === 0) {
              const p = g.argv[g.optind - 1]!;
              const src = p.length === 2 && p[0] === "-" && p[1] === c ? p.slice(1) : g.argv[g.optind]!.slice(1);
              f.goal = f.max = getNum(ctx, src, "width must be nonzero", true, 1);
            }
            break;
          }
          ctx.err.write(USAGE);
          ctx.err.flush();
          return c === "h" ? 0 : EX_USAGE;
      }
    }
    let args = g.rest;
    if (args.length > 0 && f.goal === 0 && (f.goal = getNum(ctx, args[0]!, "goal length must be positive", false, 1)) !== 0) {
      args = args.slice(1);
      if (args.length > 0 && (f.max = getNum(ctx, args[0]!, "max length must be positive", false, 1)) !== 0) {
        args = args.slice(1);
        if (f.max < f.goal) errx(ctx, EX_USAGE, "max length must be >= goal length");
      }
    }
    if (f.goal === 0) f.goal = 65;
    if (f.max === 0) f.max = f.goal + 10;
    if (f.max >= 4611686018427387903) errx(ctx, EX_USAGE, "max length too large");
    if (args.length === 0) {
      f.name = "standard input";
      f.stream(new WideReader(ctx.stdin, utf8));
    }
    for (const name of args) {
      let fd: number;
      try {
        fd = open(name, O.RDONLY);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        warn(ctx, name, e);
        f.errors++;
        continue;
      }
      f.name = name;
      const r = new WideReader(fd, utf8);
      f.stream(r);
      if (r.error) f.fail(r);
      try { close(fd); } catch {}
    }
    return f.errors ? EX_NOINPUT : 0;
  },
});
