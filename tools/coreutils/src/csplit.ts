// csplit — split a file into pieces at line numbers or at lines matching basic regular expressions.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/csplit.html  FreeBSD: csplit(1)
// Usage: csplit [-ks] [-f prefix] [-n number] file args ...   (getopt "ksf:n:")
//   -f prefix  output names prefix00, prefix01 ... (default "xx")   -n number  suffix digits (default 2)
//   -k         keep the files already written when an error occurs  -s         do not print byte counts
// Operands: /re/[offset] (a piece up to the line matching re), %re%[offset] (skip up to it),
// a line number (a piece up to that line), {n} repeating the operand before it n more times.
// The file "-" is standard input. Each piece's size is printed on standard output.
// This follows FreeBSD's csplit.c literally, including its stdio-level behaviour: a line is what
// fgets(3) reads into a LINE_MAX (2048) buffer (longer lines count as several), only the bytes
// before a NUL are written and matched (fputs/regexec on C strings), the search for a pattern
// starts on the second line of a piece, negative offsets push lines back by rewinding the piece
// just written in BUFSIZ (1024) blocks, and the last piece is made only when the input has not yet
// hit end-of-file. Without -k, the pieces made so far are removed on an error.
// Deviation: SIGHUP/SIGINT/SIGTERM are not caught (FreeBSD removes the pieces and exits 2).
import { defineApplet, Getopt, usage, errx, err, strtol, utf8Locale, Exit, type Ctx } from "@bsdbox/shared";
import { open, close, read, writeAll, unlink, ftruncate, decode, strerror, O } from "@bsdbox/compat";
import { Regex } from "@bsdbox/shared/regex";

const USAGE = "usage: csplit [-ks] [-f prefix] [-n number] file args ...";
const LINE_MAX = 2048;
const BUFSIZ = 1024;
const PATH_MAX = 4096;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);
const enc = new TextEncoder();

/** An input stream read line by line as fgets(buf, LINE_MAX) does; EOF is sticky (musl). */
class In {
  private buf = new Uint8Array(1 << 16);
  private start = 0;
  private end = 0;
  eof = false;
  private line = new Uint8Array(LINE_MAX);
  /** pos: read with pread from there (an overflow file), else read(2) on the descriptor */
  constructor(readonly fd: number, private pos: number | null = null) {}

  private fill(): boolean {
    if (this.eof) return false;
    let n: number;
    try {
      n = read(this.fd, this.buf, 0, this.buf.length, this.pos);
    } catch {
      return false; // an error (EISDIR...) ends fgets but is not end-of-file, as in stdio
    }
    if (n === 0) { this.eof = true; return false; }
    if (this.pos !== null) this.pos += n;
    this.start = 0;
    this.end = n;
    return true;
  }

  /** fgets: up to LINE_MAX-1 bytes, through the first newline; null at end of file. */
  fgets(): Uint8Array | null {
    let len = 0;
    for (;;) {
      if (this.start === this.end && !this.fill()) return len ? this.line.subarray(0, len) : null;
      const want = LINE_MAX - 1 - len;
      const lim = Math.min(this.end, this.start + want);
      const k = this.buf.subarray(this.start, lim).indexOf(10);
      const j = k >= 0 ? this.start + k : -1;
      const stop = j >= 0 ? j + 1 : lim;
      if (len === 0 && (stop - this.start === want || j >= 0)) {
        const r = this.buf.subarray(this.start, stop);
        this.start = stop;
        return r;
      }
      this.line.set(this.buf.subarray(this.start, stop), len);
      len += stop - this.start;
      this.start = stop;
      if (j >= 0 || len === LINE_MAX - 1) return this.line.subarray(0, len);
    }
  }
}

/** An output file opened "w+": written through a buffer; size is ftello(). */
class Out {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  size = 0;
  constructor(readonly fd: number) {}
  /** fputs: the bytes before the first NUL */
  puts(p: Uint8Array): void {
    const z = p.indexOf(0);
    if (z >= 0) p = p.subarray(0, z);
    if (p.length > this.buf.length - this.len) this.flush();
    if (p.length > this.buf.length) writeAll(this.fd, p);
    else { this.buf.set(p, this.len); this.len += p.length; }
    this.size += p.length;
  }
  flush(): void {
    if (this.len) { const n = this.len; this.len = 0; writeAll(this.fd, this.buf, 0, n); }
  }
}

class Csplit {
  prefix = "xx";
  sufflen = 2;
  sflag = false;
  kflag = false;
  lineno = 0;
  reps = 0;
  nfiles = 0;
  maxfiles = 1;
  currfile = "";
  infn = "";
  infile!: In;
  overfile: { out: Out; inp: In } | null = null;
  truncofs = 0;
  doclean = false;
  utf8 = true;
  /** files stdio would still flush at exit */
  open = new Set<Out>();

  constructor(private ctx: Ctx) {}

  name(i: number): string {
    return this.prefix + String(i).padStart(this.sufflen, "0");
  }

  newfile(): Out {
    const name = this.name(this.nfiles);
    if (enc.encode(name).length >= PATH_MAX) errx(this.ctx, 1, strerror(36));
    this.currfile = name;
    let fd: number;
    try {
      fd = open(name, O.RDWR | O.CREAT | O.TRUNC, 0o666);
    } catch (e) {
      err(this.ctx, 1, name, e);
    }
    this.nfiles++;
    const o = new Out(fd);
    this.open.add(o);
    return o;
  }

  tmpfile(): Out {
    for (let tries = 0; ; tries++) {
      const name = `/tmp/csplit${Math.random().toString(36).slice(2, 10)}`;
      try {
        const fd = open(name, O.RDWR | O.CREAT | O.EXCL, 0o600);
        try { unlink(name); } catch {}
        const o = new Out(fd);
        this.open.add(o);
        return o;
      } catch (e) {
        if (tries > 100) err(this.ctx, 1, "tmpfile", e);
      }
    }
  }

  fclose(o: Out): void {
    this.open.delete(o);
    try {
      o.flush();
      close(o.fd);
    } catch (e) {
      err(this.ctx, 1, this.currfile, e);
    }
  }

  cleanup(): void {
    if (!this.doclean) return;
    for (let i = 0; i < this.nfiles; i++) {
      try { unlink(this.name(i)); } catch {}
    }
  }

  getLine(): Uint8Array | null {
    let p: Uint8Array | null = null;
    if (this.overfile) p = this.overfile.inp.fgets();
    if (!p) p = this.infile.fgets();
    if (p) this.lineno++;
    return p;
  }

  /** Conceptually rewind the input n lines, using ofp as the overflow file. */
  toomuch(ofp: Out | null, n: number): void {
    if (this.overfile) {
      const o = this.overfile.out;
      try {
        o.flush();
        ftruncate(o.fd, this.truncofs);
      } catch (e) {
        err(this.ctx, 1, "overflow", e);
      }
      this.open.delete(o);
      try { close(o.fd); } catch (e) { err(this.ctx, 1, "overflow", e); }
      this.overfile = null;
    }
    if (n === 0 || !ofp) return;
    this.lineno -= n;
    ofp.flush();
    const buf = new Uint8Array(BUFSIZ);
    let cur = ofp.size, nread = 0, i = 0;
    do {
      cur = cur < BUFSIZ ? 0 : cur - BUFSIZ;
      nread = 0;
      for (let r; nread < BUFSIZ && (r = read(ofp.fd, buf, nread, BUFSIZ - nread, cur + nread)) > 0; ) nread += r;
      if (nread === 0) errx(this.ctx, 1, "can't read overflowed output");
      for (i = 1; i <= nread; i++) if (buf[nread - i] === 10 && n-- === 0) break;
      if (cur === 0) break;
    } while (n > 0);
    this.truncofs = cur + nread - i + 1;
    this.overfile = { out: ofp, inp: new In(ofp.fd, this.truncofs) };
  }

  matches(re: Regex, p: Uint8Array): boolean {
    const z = p.indexOf(0);
    return re.test(re.subject(p, 0, z >= 0 ? z : p.length));
  }

  doRexp(expr: string): void {
    const delim = expr[0]!;
    const last = expr.lastIndexOf(delim);
    // strrchr finds the leading delimiter itself when there is no other; pofs[-1] is then the byte
    // before the string, never a backslash here
    if (last > 0 && expr[last - 1] === "\\") errx(this.ctx, 1, `${expr}: missing trailing ${delim}`);
    // "/re" alone: the regular expression and the offset are both what follows the delimiter
    const re = last > 0 ? expr.slice(1, last) : expr.slice(1);
    const pofs = expr.slice(last + 1);
    let ofs = 0;
    if (pofs !== "") {
      const r = strtol(pofs, 10);
      if (r.end !== pofs.length || r.value > LONG_MAX || r.value < LONG_MIN) errx(this.ctx, 1, `${pofs}: bad offset`);
      ofs = Number(r.value);
    }
    let cre: Regex;
    try {
      cre = Regex.compile(re, { utf8: this.utf8, nosub: true });
    } catch {
      errx(this.ctx, 1, `${re}: bad regular expression`);
    }
    const ofp = delim === "/" ? this.newfile() : this.tmpfile();
    let first = true;
    let p: Uint8Array | null;
    while ((p = this.getLine()) !== null) {
      ofp.puts(p);
      if (!first && this.matches(cre, p)) break;
      first = false;
    }
    if (p === null) {
      this.toomuch(null, 0);
      errx(this.ctx, 1, `${re}: no match`);
    }
    let nwritten: number;
    if (ofs <= 0) {
      this.toomuch(ofp, -ofs + 1);
      nwritten = this.truncofs;
    } else {
      while (--ofs > 0 && (p = this.getLine()) !== null) ofp.puts(p);
      this.toomuch(null, 0);
      nwritten = ofp.size;
      this.fclose(ofp);
    }
    if (!this.sflag && delim === "/") this.ctx.out.write(`${nwritten}\n`);
  }

  doLineno(expr: string): void {
    const r = strtol(expr, 10);
    if (r.value <= 0n || r.value > LONG_MAX || r.end !== expr.length) errx(this.ctx, 1, `${expr}: bad line number`);
    const tgtline = Number(r.value);
    let lastline = tgtline;
    if (lastline <= this.lineno) errx(this.ctx, 1, `${expr}: can't go backwards`);
    while (this.nfiles < this.maxfiles - 1) {
      const ofp = this.newfile();
      while (this.lineno + 1 !== lastline) {
        const p = this.getLine();
        if (p === null) errx(this.ctx, 1, `${lastline}: out of range`);
        ofp.puts(p);
      }
      if (!this.sflag) this.ctx.out.write(`${ofp.size}\n`);
      this.fclose(ofp);
      if (this.reps-- === 0) break;
      lastline += tgtline;
    }
  }

  run(): number {
    const ctx = this.ctx;
    const g = new Getopt(ctx, "ksf:n:");
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "f": this.prefix = g.optarg!; break;
        case "k": this.kflag = true; break;
        case "n": {
          const a = g.optarg!;
          const r = strtol(a, 10);
          if (r.value <= 0n || r.end !== a.length || r.value > LONG_MAX) errx(ctx, 1, `${a}: bad suffix length`);
          this.sufflen = r.value > 100000n ? 100000 : Number(r.value);
          break;
        }
        case "s": this.sflag = true; break;
        default: usage(ctx, USAGE);
      }
    }
    if (this.sufflen + enc.encode(this.prefix).length >= PATH_MAX) errx(ctx, 1, "name too long");
    const argv = g.rest;
    let ai = 0;
    const infn = argv[ai++];
    if (infn === undefined) usage(ctx, USAGE);
    this.utf8 = utf8Locale(ctx.env);
    if (infn === "-") {
      this.infile = new In(ctx.stdin);
      this.infn = "stdin";
    } else {
      try {
        this.infile = new In(open(infn, O.RDONLY));
      } catch (e) {
        err(ctx, 1, infn, e);
      }
      this.infn = infn;
    }
    if (!this.kflag) this.doclean = true;
    try {
      for (let i = 0; i < this.sufflen; i++) {
        if (this.maxfiles > 922337203685477580) errx(ctx, 1, `${this.sufflen}: suffix too long (limit ${i})`);
        this.maxfiles *= 10;
      }
      let expr: string | undefined;
      while (this.nfiles < this.maxfiles - 1 && (expr = argv[ai++]) !== undefined) {
        const nx = argv[ai];
        if (nx !== undefined && nx[0] === "{") {
          const s = nx.slice(1);
          const r = strtol(s, 10);
          if (r.value < 0n || s[r.end] !== "}" || r.value > LONG_MAX) errx(ctx, 1, `${s}: bad repetition count`);
          this.reps = Number(r.value);
          ai++;
        } else this.reps = 0;
        if (expr[0] === "/" || expr[0] === "%") {
          do this.doRexp(expr);
          while (this.reps-- !== 0 && this.nfiles < this.maxfiles - 1);
        } else if (expr[0]! >= "0" && expr[0]! <= "9") this.doLineno(expr);
        else errx(ctx, 1, `${expr}: unrecognised pattern`);
      }
      if (!this.infile.eof) {
        const ofp = this.newfile();
        let p;
        while ((p = this.getLine()) !== null) ofp.puts(p);
        if (!this.sflag) ctx.out.write(`${ofp.size}\n`);
        this.fclose(ofp);
      }
      this.toomuch(null, 0);
      this.doclean = false;
    } catch (e) {
      if (e instanceof Exit) {
        // exit(3): atexit's cleanup first, then stdio flushes the files still open
        this.cleanup();
        for (const o of this.open) {
          try { o.flush(); } catch {}
        }
      }
      throw e;
    }
    return 0;
  }
}

export default defineApplet({
  name: "csplit",
  main(ctx) {
    return new Csplit(ctx).run();
  },
});
