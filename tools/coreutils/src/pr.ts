// pr — paginate or columnate files for printing.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pr.html  FreeBSD: pr(1)
// Options (FreeBSD's egetopt "#adFfmrte?h:i?L:l:n?o:ps?w:", where +N and -N are numbers):
//   +page     begin at page N                -column  N columns (down the page; -a across)
//   -a        fill columns across            -d       double-space
//   -e[c][g]  expand input c (tab) to stops every g (8)   -i[c][g]  contract output spaces to c
//   -F, -f    form feed between pages (-f also pauses before the first page on a terminal)
//   -h hdr    header text instead of the file name       -L loc  locale for the date (ignored)
//   -l N      page length (66; 10 or less: no header/trailer)  -m  merge files side by side
//   -n[c][w]  number lines, width w (5), followed by c (tab)   -o N  offset each line by N
//   -p        pause before each page on a terminal        -r  no diagnostics for unopenable files
//   -s[c]     columns separated by c (tab), not padded     -t  no header or trailer
//   -w N      page width for multi-column output (72; 512 with -s)
// Bytes are copied as bytes; "-" is standard input. Headers are "\n\n<date> <name> Page N\n\n\n"
// with the date of the file's modification ("%b %e %H:%M %Y"; now for standard input and -m).
// Diagnostics are collected and printed at the end when standard output is a terminal.
// Deviation: -L is accepted and ignored (musl has one date format).
import { defineApplet, type Ctx } from "@bsdbox/shared";
import { localtime, strftime } from "@bsdbox/shared/strftime";
import { open, close, read, fstat, isatty, O, SysError, encode, decode, nowMs } from "@bsdbox/compat";

const CLCNT = 1, INCHAR = 9, INGAP = 8, OCHAR = 9, OGAP = 8, LINES = 66, NMWD = 5, NMCHAR = 9, SCHAR = 9;
const PGWD = 72, SPGWD = 512, LBUF = 8192, HEADLEN = 5, TAILLEN = 5;
const TIMEFMT = "%b %e %H:%M %Y";

/** A FILE opened for reading: getc/ungetc over a descriptor. */
class In {
  buf = new Uint8Array(65536);
  pos = 0;
  end = 0;
  eof = false;
  constructor(public fd: number, public stdin: boolean) {}
  getc(): number {
    if (this.pos < this.end) return this.buf[this.pos++]!;
    if (this.eof) return -1;
    let n = 0;
    try {
      n = read(this.fd, this.buf, 0, this.buf.length);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
    }
    if (n <= 0) {
      this.eof = true;
      return -1;
    }
    this.pos = 1;
    this.end = n;
    return this.buf[0]!;
  }
  ungetc(c: number) {
    this.buf[--this.pos] = c;
  }
  close() {
    if (!this.stdin) try { close(this.fd); } catch {}
  }
}

/** musl atoi: leading blanks, sign, digits; int arithmetic wraps. */
function atoi(b: Uint8Array, i: number): number {
  while (b[i] === 32 || (b[i]! >= 9 && b[i]! <= 13)) i++;
  let neg = false;
  if (b[i] === 45) { neg = true; i++; } else if (b[i] === 43) i++;
  let n = 0;
  while (b[i]! >= 48 && b[i]! <= 57) n = (10 * n - (b[i++]! - 48)) | 0;
  return neg ? n : -n | 0;
}
const isdigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

export default defineApplet({
  name: "pr",
  main(ctx) {
    return new Pr(ctx).run();
  },
});

class Pr {
  pgnm = 0; clcnt = 0; colwd = 0; across = false; dspace = false; inchar = 0; ingap = 0;
  pausefst = false; pauseall = false; formfeed = false; header: string | undefined; ochar = 0; ogap = 0;
  lines = 0; merge = false; nmchar = 0; nmwd = 0; offst = 0; nodiag = false; schar = 0; sflag = false;
  nohead = false; pgwd = 0; addone = false; errcnt = 0;
  deferred: string[] | undefined;
  argv: string[];
  eoptind = 1;
  stdinF: In;
  out: Ctx["out"];
  twice = -1;

  constructor(private ctx: Ctx) {
    this.argv = [ctx.argv0, ...ctx.args];
    this.stdinF = new In(ctx.stdin, true);
    this.out = ctx.out;
  }

  errw(s: string) {
    if (this.deferred) this.deferred.push(s);
    else {
      this.ctx.err.write(s);
      this.ctx.err.flush();
    }
  }

  run(): number {
    let ret = this.setup() ? 1 : 0;
    if (!ret) {
      try {
        if (this.merge) ret = this.mulfile();
        else if (this.clcnt === 1) ret = this.onecol();
        else if (this.across) ret = this.horzcol();
        else ret = this.vertcol();
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        this.errw(`pr: write failure, ${e.message}\n`);
        ret = 1;
      }
    } else this.usage();
    try { this.out.flush(); } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.errw(`pr: write failure, ${e.message}\n`);
      ret = 1;
    }
    if (this.deferred) {
      const d = this.deferred;
      this.deferred = undefined;
      for (const s of d) this.errw(s);
    }
    return this.errcnt || ret ? 1 : 0;
  }

  usage() {
    this.errw("usage: pr [+page] [-col] [-adFfmprt] [-e[ch][gap]] [-h header]\n");
    this.errw("          [-i[ch][gap]] [-l line] [-n[ch][width]] [-o offset]\n");
    this.errw("          [-L locale] [-s[ch]] [-w width] [-] [file ...]\n");
  }

  // ---- egetopt(3) as FreeBSD's pr has it
  place = "";
  pi = 0;
  delim = "";
  eoptarg: string | undefined;
  egetopt(ostr: string): string | -1 {
    const argv = this.argv;
    const prog = argv[0]!.slice(argv[0]!.lastIndexOf("/") + 1);
    if (this.pi >= this.place.length) {
      if (this.eoptind >= argv.length || (argv[this.eoptind]![0] !== "-" && argv[this.eoptind]![0] !== "+")) {
        this.place = "";
        this.pi = 0;
        return -1;
      }
      this.place = argv[this.eoptind]!;
      this.pi = 0;
      this.delim = this.place[0]!;
      if (this.place.length > 1) {
        this.pi = 1;
        if (this.place[1] === "-" && this.place.length === 2) {
          this.eoptind++;
          this.place = "";
          this.pi = 0;
          return -1;
        }
      }
    }
    const p = this.place;
    const opt = p[this.pi++]!;
    const oli = ostr.indexOf(opt);
    const atEnd = () => this.pi >= p.length;
    if (opt === ":" || opt === "?" || oli < 0) {
      if (opt === "-" && atEnd()) return -1;
      if (ostr.includes("#") && (isdigit(opt.charCodeAt(0)) || ((opt === "-" || opt === "+") && isdigit(p.charCodeAt(this.pi))))) {
        let q = this.pi;
        while (q < p.length && isdigit(p.charCodeAt(q))) q++;
        this.eoptarg = p.slice(this.pi - 1, q);
        if (q >= p.length) {
          this.place = "";
          this.pi = 0;
          this.eoptind++;
        } else this.pi = q;
        return this.delim;
      }
      if (atEnd()) this.eoptind++;
      this.ctx.err.write(`${prog}: illegal option -- ${opt}\n`);
      this.ctx.err.flush();
      return "?";
    }
    if (this.delim === "+") {
      if (atEnd()) this.eoptind++;
      this.ctx.err.write(`${prog}: illegal '+' delimiter with option -- ${opt}\n`);
      this.ctx.err.flush();
      return "?";
    }
    const kind = ostr[oli + 1];
    if (kind !== ":" && kind !== "?") {
      this.eoptarg = undefined;
      if (atEnd()) this.eoptind++;
      return opt;
    }
    if (!atEnd()) this.eoptarg = p.slice(this.pi);
    else if (kind === "?") this.eoptarg = undefined;
    else if (argv.length <= ++this.eoptind) {
      this.place = "";
      this.pi = 0;
      this.ctx.err.write(`${prog}: option requires an argument -- ${opt}\n`);
      this.ctx.err.flush();
      return "?";
    } else this.eoptarg = argv[this.eoptind];
    this.place = "";
    this.pi = 0;
    this.eoptind++;
    return opt;
  }

  /** Parse the options; true on error (usage follows). */
  setup(): boolean {
    if (isatty(1)) this.deferred = [];
    let eflag = false, iflag = false, wflag = false, cflag = false;
    for (let c; (c = this.egetopt("#adFfmrte?h:i?L:l:n?o:ps?w:")) !== -1; ) {
      const a = this.eoptarg;
      const b = a === undefined ? undefined : encode(a);
      switch (c) {
        case "+":
          if ((this.pgnm = atoi(b!, 0)) < 1) { this.errw("pr: +page number must be 1 or more\n"); return true; }
          break;
        case "-":
          if ((this.clcnt = atoi(b!, 0)) < 1) { this.errw("pr: -columns must be 1 or more\n"); return true; }
          if (this.clcnt > 1) cflag = true;
          break;
        case "a": this.across = true; break;
        case "d": this.dspace = true; break;
        case "e":
        case "i": {
          let i = 0, ch: number, gap: number;
          if (b !== undefined && !isdigit(b[0])) ch = b[i++] ?? 0;
          else ch = c === "e" ? INCHAR : OCHAR;
          if (b !== undefined && isdigit(b[i])) {
            if ((gap = atoi(b, i)) < 0) { this.errw(`pr: -${c} gap must be 0 or more\n`); return true; }
            if (gap === 0) gap = 8;
          } else if (b !== undefined && i < b.length) {
            this.errw(`pr: invalid value for -${c} ${decode(b.subarray(i))}\n`);
            return true;
          } else gap = 8;
          if (c === "e") { eflag = true; this.inchar = ch; this.ingap = gap; }
          else { iflag = true; this.ochar = ch; this.ogap = gap; }
          break;
        }
        case "f": this.pausefst = true; this.formfeed = true; break;
        case "F": this.formfeed = true; break;
        case "h": this.header = a; break;
        case "L": break;
        case "l":
          if (!isdigit(b![0]) || (this.lines = atoi(b!, 0)) < 1) { this.errw("pr: number of lines must be 1 or more\n"); return true; }
          break;
        case "m": this.merge = true; break;
        case "n": {
          let i = 0;
          if (b !== undefined && !isdigit(b[0])) this.nmchar = b[i++] ?? 0;
          else this.nmchar = NMCHAR;
          if (b !== undefined && isdigit(b[i])) {
            if ((this.nmwd = atoi(b, i)) < 1) { this.errw("pr: -n width must be 1 or more\n"); return true; }
          } else if (b !== undefined && i < b.length) {
            this.errw(`pr: invalid value for -n ${decode(b.subarray(i))}\n`);
            return true;
          } else this.nmwd = NMWD;
          break;
        }
        case "o":
          if (!isdigit(b![0]) || (this.offst = atoi(b!, 0)) < 1) { this.errw("pr: -o offset must be 1 or more\n"); return true; }
          break;
        case "p": this.pauseall = true; break;
        case "r": this.nodiag = true; break;
        case "s":
          this.sflag = true;
          if (b === undefined) this.schar = SCHAR;
          else {
            this.schar = b[0] ?? 0;
            if (b.length > 1) { this.errw(`pr: invalid value for -s ${decode(b.subarray(1))}\n`); return true; }
          }
          break;
        case "t": this.nohead = true; break;
        case "w":
          wflag = true;
          if (b === undefined || !isdigit(b[0]) || (this.pgwd = atoi(b, 0)) < 1) {
            this.errw("pr: -w width must be 1 or more \n");
            return true;
          }
          break;
        default: return true;
      }
    }
    const argc = this.argv.length;
    if (!this.clcnt) {
      if (this.merge) {
        if ((this.clcnt = argc - this.eoptind) <= 1) { this.clcnt = CLCNT; this.merge = false; }
      } else this.clcnt = CLCNT;
    }
    if (this.across) {
      if (this.clcnt === 1) { this.errw("pr: -a flag requires multiple columns\n"); return true; }
      if (this.merge) { this.errw("pr: -m cannot be used with -a\n"); return true; }
    }
    if (!wflag) this.pgwd = this.sflag ? SPGWD : PGWD;
    if (cflag || this.merge) {
      if (!eflag) { this.inchar = INCHAR; this.ingap = INGAP; }
      if (!iflag) { this.ochar = OCHAR; this.ogap = OGAP; }
    }
    if (cflag) {
      if (this.merge) { this.errw("pr: -m cannot be used with multiple columns\n"); return true; }
      if (this.nmwd) {
        this.colwd = Math.trunc((this.pgwd + 1 - this.clcnt * (this.nmwd + 2)) / this.clcnt);
        this.pgwd = (this.colwd + this.nmwd + 2) * this.clcnt - 1;
      } else {
        this.colwd = Math.trunc((this.pgwd + 1 - this.clcnt) / this.clcnt);
        this.pgwd = (this.colwd + 1) * this.clcnt - 1;
      }
      if (this.colwd < 1) { this.errw(`pr: page width is too small for ${this.clcnt} columns\n`); return true; }
    }
    if (!this.lines) this.lines = LINES;
    if (this.lines <= HEADLEN + TAILLEN) this.nohead = true;
    else if (!this.nohead) this.lines -= HEADLEN + TAILLEN;
    if (this.dspace) {
      if (this.lines === 1) this.dspace = false;
      else {
        if (this.lines & 1) this.addone = true;
        this.lines = Math.trunc(this.lines / 2);
      }
    }
    return false;
  }

  // ---- output primitives
  putc(c: number) {
    this.out.byte(c);
  }

  ttypause(pagecnt: number) {
    if ((this.pauseall || (this.pausefst && pagecnt === 1)) && isatty(1)) {
      let fd: number;
      try { fd = open("/dev/tty", O.RDONLY); } catch { return; }
      this.out.flush();
      this.ctx.err.write("\x07");
      this.ctx.err.flush();
      const one = new Uint8Array(1);
      try {
        while (read(fd, one, 0, 1) === 1 && one[0] !== 10);
      } catch {}
      try { close(fd); } catch {}
    }
  }

  /** Read a line into buf[off..off+lim). Returns the count (-1 at EOF with nothing read). */
  inln(inf: In, buf: Uint8Array, off: number, lim: number, st: { cps: number; mor: boolean }, trnc: boolean): number {
    const gap = this.ingap, chk = this.inchar;
    let p = off, ch = -1;
    if (gap) {
      while (--lim >= 0 && (ch = inf.getc()) !== -1) {
        if (ch === chk) {
          let col = p - off + st.cps;
          col = gap - (col % gap);
          if (col > lim) inf.ungetc(ch);
          while (--col >= 0 && --lim >= 0) buf[p++] = 32;
          continue;
        }
        if (ch === 10) break;
        buf[p++] = ch;
      }
    } else {
      while (--lim >= 0 && (ch = inf.getc()) !== -1) {
        if (ch === 10) break;
        buf[p++] = ch;
      }
    }
    const col = p - off;
    if (ch === -1) {
      st.mor = false;
      st.cps = 0;
      return col ? col : -1;
    }
    if (ch === 10) {
      st.mor = false;
      st.cps = 0;
      return col;
    }
    if (trnc) {
      while ((ch = inf.getc()) !== -1) if (ch === 10) break;
      st.cps = 0;
      st.mor = false;
    } else {
      st.cps += col;
      st.mor = true;
    }
    return col;
  }

  /** Write buf[off..off+cnt), contracting spaces when -i; mor 1: more to come, 0: end the line,
   * -1: no newline. */
  otln(buf: Uint8Array, off: number, cnt: number, st: { ips: number; ops: number }, mor: number) {
    const gap = this.ogap;
    if (gap) {
      const end = off + cnt;
      let ops = st.ops, ips = st.ips;
      const flushSpaces = () => {
        while (ips - ops > 1) {
          const tbps = ops + gap - (ops % gap);
          if (tbps > ips) break;
          this.putc(this.ochar);
          ops = tbps;
        }
        while (ops < ips) { this.putc(32); ++ops; }
      };
      let i = off;
      while (i < end) {
        const c = buf[i]!;
        if (c === 32) { ++ips; ++i; continue; }
        if (c === this.ochar) { ips += gap - (ips % gap); ++i; continue; }
        flushSpaces();
        this.putc(c);
        ++i;
        ++ips;
        ++ops;
      }
      if (mor > 0) {
        st.ops = ops;
        st.ips = ips;
        return;
      }
      if (mor < 0) {
        flushSpaces();
        return;
      }
    } else {
      if (cnt) this.out.write(buf.subarray(off, off + cnt));
      if (mor !== 0) return;
    }
    this.putc(10);
    if (this.dspace) this.putc(10);
  }

  addnum(buf: Uint8Array, off: number, wdth: number, line: number) {
    let pt = off + wdth;
    do {
      buf[--pt] = 48 + (line % 10);
      line = Math.trunc(line / 10);
    } while (line && pt > off);
    while (pt > off) buf[--pt] = 32;
  }

  prhead(hbuf: Uint8Array, date: string, fname: string, pagcnt: number) {
    this.putc(10);
    this.putc(10);
    if (this.offst) this.otln(hbuf, 0, this.offst, { ips: 0, ops: 0 }, -1);
    this.out.write(`${date} ${fname} Page ${pagcnt}\n\n\n`);
  }

  prtail(cnt: number, incomp: boolean) {
    if (this.nohead) {
      if (incomp) {
        if (this.dspace) this.putc(10);
        this.putc(10);
      }
      if (this.formfeed) this.putc(12);
      return;
    }
    if (this.dspace) cnt *= 2;
    if (this.addone) ++cnt;
    if (this.formfeed) {
      if (incomp) this.putc(10);
      this.putc(12);
      return;
    }
    cnt += TAILLEN;
    while (--cnt >= 0) this.putc(10);
  }

  inskip(inf: In, pgcnt: number, lncnt: number): boolean {
    while (--pgcnt > 0) {
      let cnt = lncnt, c: number;
      while ((c = inf.getc()) !== -1) if (c === 10 && --cnt === 0) break;
      if (c === -1) {
        inf.close();
        return true;
      }
    }
    return false;
  }

  /** The next input file, its header name and date; undefined when none is left. */
  nxtfile(dt: boolean): { inf: In; fname: string; date: string } | undefined {
    const argv = this.argv, argc = argv.length;
    ++this.twice;
    let inf: In | undefined, fname = "", t: number | undefined;
    if (this.eoptind >= argc) {
      if (this.twice) return undefined;
      this.stdinF.eof = false;
      inf = this.stdinF;
      fname = this.header ?? "";
      if (this.nohead) return { inf, fname, date: "" };
      t = Math.floor(nowMs() / 1000);
    }
    for (; this.eoptind < argc; ++this.eoptind) {
      const name = argv[this.eoptind]!;
      if (name === "-") {
        this.stdinF.eof = false;
        inf = this.stdinF;
        fname = this.header ?? "";
        ++this.eoptind;
        if (this.nohead || (dt && this.twice)) return { inf, fname, date: "" };
        t = Math.floor(nowMs() / 1000);
      } else {
        let fd: number;
        try {
          fd = open(name, O.RDONLY);
        } catch (e) {
          if (!(e instanceof SysError)) throw e;
          ++this.errcnt;
          if (!this.nodiag) this.errw(`pr: cannot open ${name}, ${e.message}\n`);
          continue;
        }
        inf = new In(fd, false);
        fname = this.header ?? (dt ? "" : name);
        ++this.eoptind;
        if (this.nohead || (dt && this.twice)) return { inf, fname, date: "" };
        if (dt) t = Math.floor(nowMs() / 1000);
        else {
          try {
            const ns = fstat(fd).mtimeNs;
            t = Number(ns / 1000000000n) - (ns % 1000000000n < 0n ? 1 : 0);
          } catch (e) {
            if (!(e instanceof SysError)) throw e;
            ++this.errcnt;
            inf.close();
            this.errw(`pr: cannot stat ${argv[this.eoptind]}, ${e.message}\n`);
            return undefined;
          }
        }
      }
      break;
    }
    if (!inf) return undefined;
    const tm = t === undefined ? undefined : localtime(t);
    const date = tm ? strftime(TIMEFMT, tm) : "";
    if (!date) {
      ++this.errcnt;
      inf.close();
      this.errw("pr: time conversion failed\n");
      return undefined;
    }
    return { inf, fname, date };
  }

  /** The header buffer: offst spaces (the date is printed separately). */
  hbuf(): Uint8Array {
    return new Uint8Array(this.offst).fill(32);
  }

  onecol(): number {
    const num0 = this.nmwd ? this.nmwd + 1 : 0;
    const off = num0 + this.offst;
    const obuf = new Uint8Array(LBUF + off);
    const hbuf = this.hbuf();
    const nbuf = this.offst, lbuf = nbuf + num0;
    let num = num0;
    if (num) obuf[nbuf + --num] = this.nmchar;
    obuf.fill(32, 0, this.offst);
    for (let f; (f = this.nxtfile(false)); ) {
      const { inf, fname, date } = f;
      let pagecnt: number;
      if (this.pgnm) {
        if (this.inskip(inf, this.pgnm, this.lines)) continue;
        pagecnt = this.pgnm;
      } else pagecnt = 1;
      let lncnt = 0, cnt = -1;
      const st = { cps: 0, mor: false }, os = { ips: 0, ops: 0 };
      for (;;) {
        let linecnt = 0, lrgln = false;
        os.ips = os.ops = 0;
        st.cps = 0;
        this.ttypause(pagecnt);
        while (linecnt < this.lines) {
          if ((cnt = this.inln(inf, obuf, lbuf, LBUF, st, false)) < 0) break;
          if (!linecnt && !this.nohead) this.prhead(hbuf, date, fname, pagecnt);
          if (!lrgln) {
            if (num) this.addnum(obuf, nbuf, num, ++lncnt);
            this.otln(obuf, 0, cnt + off, os, st.mor ? 1 : 0);
          } else this.otln(obuf, lbuf, cnt, os, st.mor ? 1 : 0);
          if (st.mor) {
            lrgln = true;
            continue;
          }
          ++linecnt;
          lrgln = false;
          os.ops = os.ips = 0;
        }
        if (linecnt) this.prtail(this.lines - linecnt - (lrgln ? 1 : 0), lrgln);
        if (cnt < 0) break;
        ++pagecnt;
      }
      inf.close();
    }
    return this.eoptind < this.argv.length ? 1 : 0;
  }

  vertcol(): number {
    const { lines, clcnt, colwd, nmwd, offst, sflag, schar } = this;
    const col = colwd + 1;
    const mxlen = this.pgwd + offst + 1 + clcnt * (nmwd + 2);
    const mclcnt = clcnt - 1;
    const cw = nmwd + 1;
    const fullcol = nmwd ? col + cw : col;
    const buf = new Uint8Array(lines * mxlen + mxlen);
    const hbuf = this.hbuf();
    const mvc = lines * clcnt;
    const vc: { pt: number; cnt: number }[] = Array.from({ length: mvc + 1 }, () => ({ pt: 0, cnt: 0 }));
    const lstdat: number[] = [], indy: number[] = [], lindy: number[] = [];
    for (let j = 0; j < lines; ++j) {
      lindy[j] = j * mxlen;
      indy[j] = lindy[j]! + offst;
      buf.fill(32, lindy[j]!, lindy[j]! + offst);
      lstdat[j] = indy[j]!;
    }
    const st = { cps: 0, mor: false }, os = { ips: 0, ops: 0 };
    for (let f; (f = this.nxtfile(false)); ) {
      const { inf, fname, date } = f;
      let pagecnt: number;
      if (this.pgnm) {
        if (this.inskip(inf, this.pgnm, lines)) continue;
        pagecnt = this.pgnm;
      } else pagecnt = 1;
      let lncnt = 0, cnt = -1;
      for (;;) {
        this.ttypause(pagecnt);
        let cvc = 0, i: number, j = 0;
        for (i = 0; i < clcnt; ++i) {
          j = 0;
          const stp = i === mclcnt;
          for (;;) {
            let ptbf: number;
            if (!i) {
              ptbf = indy[j]!;
              lstdat[j] = ptbf;
            } else ptbf = lstdat[j]!;
            vc[cvc]!.pt = ptbf;
            if (nmwd) {
              this.addnum(buf, ptbf, nmwd, ++lncnt);
              ptbf += nmwd;
              buf[ptbf++] = this.nmchar;
            }
            cnt = this.inln(inf, buf, ptbf, colwd, st, true);
            vc[cvc++]!.cnt = cnt;
            if (cnt < 0) break;
            ptbf += cnt;
            if (!stp) {
              if (sflag) buf[ptbf++] = schar;
              else {
                const pln = col - cnt;
                if (pln > 0) {
                  buf.fill(32, ptbf, ptbf + pln);
                  ptbf += pln;
                }
              }
            }
            lstdat[j] = ptbf;
            if (++j >= lines) break;
          }
          if (cnt < 0) break;
        }
        --cvc;
        if (cnt < 0 && cvc && mvc - cvc >= clcnt) {
          let pln = Math.trunc(cvc / clcnt);
          if (cvc % clcnt) ++pln;
          if (!this.nohead) this.prhead(hbuf, date, fname, pagecnt);
          for (i = 0; i < pln; ++i) {
            os.ips = os.ops = 0;
            if (offst) this.otln(buf, 0, offst, os, 1);
            let tvc = i;
            for (j = 0; j < clcnt; ++j) {
              let c: number;
              if (j === mclcnt) {
                c = vc[tvc]!.cnt;
                if (nmwd) c += cw;
              } else if (sflag) {
                c = vc[tvc]!.cnt + 1;
                if (nmwd) c += cw;
              } else c = fullcol;
              this.otln(buf, vc[tvc]!.pt, c, os, 1);
              tvc += pln;
              if (tvc >= cvc) break;
            }
            this.otln(buf, 0, 0, os, 0);
          }
          this.prtail(lines - pln, false);
          break;
        }
        const pln = i > 0 ? lines : j;
        if (pln && !this.nohead) this.prhead(hbuf, date, fname, pagecnt);
        for (i = 0; i < pln; ++i) {
          const ptbf = lindy[i]!;
          const n = lstdat[i]! - ptbf;
          if (n <= offst) break;
          this.otln(buf, ptbf, n, os, 0);
        }
        if (pln) this.prtail(lines - pln, false);
        if (cnt < 0) break;
        ++pagecnt;
      }
      inf.close();
    }
    return this.eoptind < this.argv.length ? 1 : 0;
  }

  horzcol(): number {
    const { lines, clcnt, colwd, nmwd, offst, sflag, schar } = this;
    const col = colwd + 1;
    const buf = new Uint8Array(this.pgwd + offst + 1 + clcnt * (nmwd + 2));
    const hbuf = this.hbuf();
    buf.fill(32, 0, offst);
    const st = { cps: 0, mor: false }, os = { ips: 0, ops: 0 };
    for (let f; (f = this.nxtfile(false)); ) {
      const { inf, fname, date } = f;
      let pagecnt: number;
      if (this.pgnm) {
        if (this.inskip(inf, this.pgnm, lines)) continue;
        pagecnt = this.pgnm;
      } else pagecnt = 1;
      let lncnt = 0, cnt = -1;
      for (;;) {
        this.ttypause(pagecnt);
        let i: number;
        for (i = 0; i < lines; ++i) {
          let ptbf = offst, lstdat = ptbf, j = 0;
          for (;;) {
            if (nmwd) {
              this.addnum(buf, ptbf, nmwd, ++lncnt);
              ptbf += nmwd;
              buf[ptbf++] = this.nmchar;
            }
            if ((cnt = this.inln(inf, buf, ptbf, colwd, st, true)) < 0) break;
            ptbf += cnt;
            lstdat = ptbf;
            if (++j >= clcnt) break;
            if (sflag) buf[ptbf++] = schar;
            else {
              const pln = col - cnt;
              if (pln > 0) {
                buf.fill(32, ptbf, ptbf + pln);
                ptbf += pln;
              }
            }
          }
          if (lstdat <= offst) break;
          if (!i && !this.nohead) this.prhead(hbuf, date, fname, pagecnt);
          this.otln(buf, 0, lstdat, os, 0);
        }
        if (i) this.prtail(lines - i, false);
        if (cnt < 0) break;
        ++pagecnt;
      }
      inf.close();
    }
    return this.eoptind < this.argv.length ? 1 : 0;
  }

  mulfile(): number {
    let clcnt = this.clcnt;
    const fbuf: (In | undefined)[] = [];
    const hbuf = this.hbuf();
    let j = 0, fname = "", date = "";
    while (j < clcnt) {
      const f = this.nxtfile(true);
      if (!f) break;
      fname = f.fname;
      date = f.date || date;
      fbuf[j] = f.inf;
      if (this.pgnm && this.inskip(f.inf, this.pgnm, this.lines)) fbuf[j] = undefined;
      ++j;
    }
    if (!j) return 1;
    clcnt = this.clcnt = j;
    const { nmwd, offst, sflag, schar, lines } = this;
    if (nmwd) {
      this.colwd = Math.trunc((this.pgwd - clcnt - nmwd) / clcnt);
      this.pgwd = (this.colwd + 1) * clcnt - nmwd - 2;
    } else {
      this.colwd = Math.trunc((this.pgwd + 1 - clcnt) / clcnt);
      this.pgwd = (this.colwd + 1) * clcnt - 1;
    }
    const colwd = this.colwd;
    if (colwd < 1) {
      this.errw(`pr: page width too small for ${clcnt} columns\n`);
      return 1;
    }
    let actf = clcnt;
    const col = colwd + 1;
    const buf = new Uint8Array(this.pgwd + offst + 1 + clcnt * 2 + nmwd + 2);
    buf.fill(32, 0, offst);
    let pagecnt = this.pgnm ? this.pgnm : 1;
    let lncnt = 0;
    const st = { cps: 0, mor: false }, os = { ips: 0, ops: 0 };
    while (actf > 0) {
      this.ttypause(pagecnt);
      let i: number;
      for (i = 0; i < lines; ++i) {
        let ptbf = offst, lstdat = ptbf;
        if (nmwd) {
          this.addnum(buf, ptbf, nmwd, ++lncnt);
          ptbf += nmwd;
          buf[ptbf++] = this.nmchar;
        }
        let fproc = 0;
        for (j = 0; j < clcnt; ++j) {
          let cnt: number;
          const fj = fbuf[j];
          if (!fj) cnt = 0;
          else if ((cnt = this.inln(fj, buf, ptbf, colwd, st, true)) < 0) {
            fj.close();
            fbuf[j] = undefined;
            --actf;
            cnt = 0;
          } else {
            ptbf += cnt;
            lstdat = ptbf;
            fproc++;
          }
          if (fproc >= actf) break;
          if (sflag) buf[ptbf++] = schar;
          else {
            const pln = col - cnt;
            if (pln > 0) {
              buf.fill(32, ptbf, ptbf + pln);
              ptbf += pln;
            }
          }
        }
        if (lstdat <= offst) break;
        if (!i && !this.nohead) this.prhead(hbuf, date, fname, pagecnt);
        this.otln(buf, 0, lstdat, os, 0);
        if (actf <= 0) {
          ++i;
          break;
        }
      }
      if (i) this.prtail(lines - i, false);
      ++pagecnt;
    }
    return this.eoptind < this.argv.length ? 1 : 0;
  }
}
