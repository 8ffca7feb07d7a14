// hexdump, hd, od — display file contents in hexadecimal, decimal, octal or ASCII.
// POSIX (od): https://pubs.opengroup.org/onlinepubs/9799919799/utilities/od.html
// FreeBSD: hexdump(1), od(1). One module; the personality is chosen as FreeBSD does, from argv[0]:
// a name whose last "o" starts "od" is od, one whose last "h" starts "hd" is hd (hexdump -C).
// hexdump/hd options (getopt "bcCde:f:n:os:vx"):
//   -b one-byte octal   -c one-byte chars   -C canonical hex+ASCII   -d two-byte decimal
//   -o two-byte octal   -x two-byte hex     -e fmt  add a format string   -f file  format file
//   -n len  interpret only len bytes   -s off  skip off bytes (0x/0 prefixes, b k m suffixes)
//   -v  no "*" suppression of repeated lines
// od options (getopt "A:aBbcDdeFfHhIij:LlN:Oost:vXx"):
//   -A d|o|x|n address base   -j skip (b k m suffixes)   -N length   -t type[size]... (a c d f o u
//   x; C S I L or a byte count for integers, F D L or a byte count for floats)   -v
//   traditional: -a -B -b -c -D -d -e -F -f -H -h -I -i -L -l -O -o -s -X -x;
//   operand [+]offset[.][Bb] as FreeBSD parses it (octal, x/0x hex; b = 512, B = 1024).
// The engine is FreeBSD's: format strings are split into format units ("reps/bytes "fmt"")
// and print units (one conversion each, %_a %_A %_c %_p %_u extensions); the data block is the
// largest format's byte count; a block equal to the previous one prints "*" once; the last
// partial block is padded with blanks.
// BSD: "-" is a file name, not standard input. od -c decodes UTF-8 (multibyte characters, then
// "**" for their continuation bytes) outside the C locale; hexdump -c prints single bytes.
// Deviations: none known. Reference quirks kept on purpose (they are what FreeBSD's code does):
// a read error (a directory) is reported but leaves the exit status 0; od's "N." decimal offset
// is never accepted (it is taken as a file name); a lone "+N" operand sets the offset and is
// also opened as a file; -t x8 (a byte count of 8, not "L") gets a 31-blank field, from the
// reference's undefined 64-bit shift; an 80-bit long double (-t fL) prints exactly with %e.
import { defineApplet, Getopt, usage, errx, err, warn, warnx, iswprint, utf8Locale, strtol, type Ctx } from "@bsdbox/shared";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { fmtInt, fmtFloat, makeSpec, type Spec } from "@bsdbox/shared/format";
import { open, close, read, fstat, lseek, O, SEEK, SysError, encode, decode, S_ISREG, S_ISFIFO, S_ISSOCK, S_ISCHR, S_ISBLK } from "@bsdbox/compat";

const HEX_USAGE = [
  "usage: hexdump [-bcCdovx] [-e fmt] [-f fmt_file] [-n length]",
  "               [-s skip] [file ...]",
  "       hd      [-bcdovx]  [-e fmt] [-f fmt_file] [-n length]",
  "               [-s skip] [file ...]",
].join("\n");
const OD_USAGE = "usage: od [-aBbcDdeFfHhIiLlOosvXx] [-A base] [-j skip] [-N length] [-t type]\n" +
  "          [[+]offset[.][Bb]] [file ...]";

// print-unit kinds (FreeBSD's F_* flags)
const F_ADDRESS = 0x001, F_BPAD = 0x002, F_C = 0x004, F_CHAR = 0x008, F_DBL = 0x010, F_INT = 0x020,
  F_P = 0x040, F_STR = 0x080, F_U = 0x100, F_UINT = 0x200, F_TEXT = 0x400;
// format-unit flags
const FU_IGNORE = 1, FU_SETREP = 2;

interface PR {
  flags: number;
  bcnt: number;
  /** bytes (one char per byte) printed before the conversion, or the whole text of F_TEXT */
  text: string;
  /** conversion character as printf sees it (d o u x X e f g ... c s) */
  conv: string;
  /** flags/width/precision characters between '%' and the conversion */
  specStr: string;
  spec: Spec | null;
  /** the last character of a F_TEXT unit is white space: dropped after the last repetition */
  nospace: boolean;
  mbleft: number;
  mbpend: number[];
  /** per-value output bytes of 1- and 2-byte conversions: start (-1: not yet) and length */
  cache?: ByteCache;
}
interface FU { reps: number; bcnt: number; fmt: string; flags: number; prs: PR[] }
interface FS { fus: FU[]; bcnt: number }

/** The bytes of a (lossless) argument string, one char per byte. */
function bin(s: string): string {
  const b = encode(s);
  let r = "";
  for (let i = 0; i < b.length; i++) r += String.fromCharCode(b[i]!);
  return r;
}
/** Back from bytes-as-chars to a lossless string for messages. */
function unbin(s: string): string {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return decode(b);
}
const isspace = (c: string | undefined) => c !== undefined && c !== "" && " \t\n\v\f\r".includes(c);
const isdigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isxdigit = (c: string | undefined) => c !== undefined && c !== "" && "0123456789abcdefABCDEF".includes(c);
/** atoi(3) on a 32-bit int (overflow wraps as musl's does in practice). */
function atoi(s: string, i = 0): number {
  while (isspace(s[i])) i++;
  let neg = false;
  if (s[i] === "-" || s[i] === "+") neg = s[i++] === "-";
  let v = 0;
  while (isdigit(s[i])) v = (Math.imul(v, 10) - (s.charCodeAt(i++) - 48)) | 0;
  return neg ? v : -v | 0;
}
const LLONG_MAX = 0x7fffffffffffffffn;
function strtoll(s: string, base: number): { value: number; end: number; erange: boolean } {
  const r = strtol(s, base);
  let v = r.value, erange = false;
  if (v > LLONG_MAX) { v = LLONG_MAX; erange = true; }
  if (v < -LLONG_MAX - 1n) { v = -LLONG_MAX - 1n; erange = true; }
  return { value: Number(v), end: r.end, erange };
}

class Dump {
  fss: FS[] = [];
  endfu: FU | null = null;
  blocksize = 0;
  length = -1;
  skip = 0;
  odmode = false;
  vflag: "first" | "all" | "dup" | "wait" = "first";
  utf8: boolean;
  // output
  private ob = new Uint8Array(65536);
  private on = 0;
  // input
  files: string[] = [];
  fileIdx = 0;
  /** argv[optind-1]: what FreeBSD names in a read error on standard input */
  prevArg = "";
  private fd = -1;
  private fdName = "";
  private isStdin = false;
  private done = false;
  private ib = new Uint8Array(65536);
  private ip = 0;
  private ie = 0;
  private ieof = false;
  private ierr: unknown = null;
  address = 0;
  eaddress = 0;

  constructor(public ctx: Ctx) {
    this.utf8 = utf8Locale(ctx.env);
  }

  // ---------------- format strings ----------------

  badfmt(fmt: string): never { errx(this.ctx, 1, `"${unbin(fmt)}": bad format`); }

  /** add(): a format string (bytes as chars) becomes a list of format units. */
  add(fmt: string): void {
    const fs: FS = { fus: [], bcnt: 0 };
    this.fss.push(fs);
    let p = 0;
    for (;;) {
      while (isspace(fmt[p])) p++;
      if (p >= fmt.length) break;
      const fu: FU = { reps: 1, bcnt: 0, fmt: "", flags: 0, prs: [] };
      fs.fus.push(fu);
      if (isdigit(fmt[p])) {
        const save = p;
        while (isdigit(fmt[p])) p++;
        if (!isspace(fmt[p]) && fmt[p] !== "/") this.badfmt(fmt);
        fu.reps = atoi(fmt, save);
        fu.flags = FU_SETREP;
        for (++p; isspace(fmt[p]); ++p);
      }
      if (fmt[p] === "/") while (isspace(fmt[++p]));
      if (isdigit(fmt[p])) {
        const save = p;
        while (isdigit(fmt[p])) p++;
        if (!isspace(fmt[p])) this.badfmt(fmt);
        fu.bcnt = atoi(fmt, save);
        for (++p; isspace(fmt[p]); ++p);
      }
      if (fmt[p] !== '"') this.badfmt(fmt);
      const save = ++p;
      while (fmt[p] !== '"') if (p++ >= fmt.length) this.badfmt(fmt);
      fu.fmt = escape(fmt.slice(save, p));
      p++;
    }
  }

  /** addfile(): one format string per line; blank lines and '#' comments are skipped. */
  addfile(name: string): void {
    let fd: number;
    try {
      fd = open(name, O.RDONLY);
    } catch (e) {
      err(this.ctx, 1, name, e);
    }
    const chunks: Uint8Array[] = [];
    const buf = new Uint8Array(65536);
    try {
      for (let n; (n = read(fd, buf)) > 0; ) chunks.push(buf.slice(0, n));
    } catch {}
    try { close(fd); } catch {}
    let all = "";
    for (const c of chunks) for (let i = 0; i < c.length; i++) all += String.fromCharCode(c[i]!);
    // fgets(buf, 2049): pieces of at most 2048 bytes
    let i = 0;
    while (i < all.length) {
      const nl = all.indexOf("\n", i);
      const lim = Math.min(i + 2048, all.length);
      if (nl < 0 || nl >= lim) {
        warnx(this.ctx, "line too long");
        // FreeBSD then discards the rest of the line from standard input, not from the file
        const one = new Uint8Array(1);
        try {
          while (read(this.ctx.stdin, one) === 1 && one[0] !== 10);
        } catch {}
        i = lim;
        continue;
      }
      let line = all.slice(i, nl);
      i = nl + 1;
      let p = 0;
      while (isspace(line[p])) p++;
      line = line.slice(p);
      if (!line || line[0] === "#") continue;
      this.add(line);
    }
  }

  /** size(): the bytes one pass of a format string interprets. */
  size(fs: FS): number {
    const spec1 = "#-+ 0123456789";
    let cursize = 0;
    for (const fu of fs.fus) {
      if (fu.bcnt) {
        cursize += fu.bcnt * fu.reps;
        continue;
      }
      let bcnt = 0, prec = 0;
      const f = fu.fmt;
      for (let i = 0; i < f.length; i++) {
        if (f[i] !== "%") continue;
        while (++i < f.length && spec1.includes(f[i]!));
        if (i >= f.length) errx(this.ctx, 1, "missing conversion character");
        if (f[i] === "." && isdigit(f[++i])) {
          prec = atoi(f, i);
          while (isdigit(f[++i]));
        }
        switch (f[i]) {
          case "c": bcnt += 1; break;
          case "d": case "i": case "o": case "u": case "x": case "X": bcnt += 4; break;
          case "e": case "E": case "f": case "g": case "G": bcnt += 8; break;
          case "s": bcnt += prec; break;
          case "_":
            switch (f[++i]) {
              case "c": case "p": case "u": bcnt += 1; break;
            }
        }
      }
      cursize += bcnt * fu.reps;
    }
    return cursize;
  }

  badcnt(s: string): never { errx(this.ctx, 1, `${unbin(s)}: bad byte count`); }
  badconv(s: string): never { errx(this.ctx, 1, `%${unbin(s)}: bad conversion character`); }

  /** rewrite(): split format units into print units, check them, fix byte counts. */
  rewrite(fs: FS): void {
    const spec = ".#-+ 0123456789";
    let prec = 0;
    for (const fu of fs.fus) {
      const f = fu.fmt;
      let nconv = 0;
      for (let fmtp = 0; fmtp < f.length; ) {
        const pr: PR = { flags: 0, bcnt: 0, text: "", conv: "", specStr: "", spec: null, nospace: false, mbleft: 0, mbpend: [] };
        fu.prs.push(pr);
        let p1 = f.indexOf("%", fmtp);
        if (p1 < 0) {
          pr.text = f.slice(fmtp);
          pr.flags = F_TEXT;
          break;
        }
        const pct = p1;
        let sokay: "no" | "bcnt" | "prec";
        if (fu.bcnt) {
          sokay = "bcnt";
          while (++p1 < f.length && spec.includes(f[p1]!));
          if (p1 >= f.length) errx(this.ctx, 1, "missing conversion character");
        } else {
          while (++p1 < f.length && spec.slice(1).includes(f[p1]!));
          if (p1 >= f.length) errx(this.ctx, 1, "missing conversion character");
          if (f[p1] === "." && isdigit(f[++p1])) {
            sokay = "prec";
            prec = atoi(f, p1);
            while (isdigit(f[++p1]));
          } else sokay = "no";
        }
        let p2 = p1 < f.length ? p1 + 1 : p1;
        const c0 = f[p1] ?? "";
        let conv = c0;
        switch (c0) {
          case "c":
            pr.flags = F_CHAR;
            if (fu.bcnt === 0 || fu.bcnt === 1) pr.bcnt = 1;
            else this.badcnt(c0);
            break;
          case "d": case "i": case "o": case "u": case "x": case "X":
            pr.flags = c0 === "d" || c0 === "i" ? F_INT : F_UINT;
            switch (fu.bcnt) {
              case 0: case 4: pr.bcnt = 4; break;
              case 1: case 2: case 8: pr.bcnt = fu.bcnt; break;
              default: this.badcnt(c0);
            }
            break;
          case "e": case "E": case "f": case "g": case "G":
            pr.flags = F_DBL;
            switch (fu.bcnt) {
              case 0: case 8: pr.bcnt = 8; break;
              case 4: pr.bcnt = 4; break;
              case 16: pr.bcnt = 16; break; // sizeof(long double)
              default: this.badcnt(c0);
            }
            break;
          case "s":
            pr.flags = F_STR;
            if (sokay === "no") errx(this.ctx, 1, "%s: requires a precision or a byte count");
            pr.bcnt = sokay === "bcnt" ? fu.bcnt : prec;
            break;
          case "_": {
            ++p2;
            const c1 = f[p1 + 1] ?? "";
            switch (c1) {
              case "A":
              case "a": {
                if (c1 === "A") {
                  this.endfu = fu;
                  fu.flags |= FU_IGNORE;
                }
                pr.flags = F_ADDRESS;
                ++p2;
                const c2 = f[p1 + 2] ?? "";
                if (c2 === "d" || c2 === "o" || c2 === "x") conv = c2;
                else this.badconv(f.slice(p1, p1 + 3));
                break;
              }
              case "c": case "p": case "u":
                pr.flags = c1 === "c" ? F_C : c1 === "p" ? F_P : F_U;
                conv = c1 === "p" ? "c" : "";
                if (fu.bcnt === 0 || fu.bcnt === 1) pr.bcnt = 1;
                else this.badcnt(f.slice(p1, p1 + 2));
                break;
              default:
                this.badconv(f.slice(p1, p1 + 2));
            }
            break;
          }
          default:
            this.badconv(f.slice(p1, p1 + 1));
        }
        pr.text = f.slice(fmtp, pct);
        pr.specStr = f.slice(pct + 1, p1);
        pr.conv = conv;
        pr.spec = parseSpec(pr.specStr);
        fmtp = p2;
        if (!(pr.flags & F_ADDRESS) && fu.bcnt && nconv++)
          errx(this.ctx, 1, "byte count with multiple conversion characters");
      }
      if (!fu.bcnt) for (const pr of fu.prs) fu.bcnt += pr.bcnt;
    }
    const fus = fs.fus;
    for (let k = 0; k < fus.length; k++) {
      const fu = fus[k]!;
      if (k === fus.length - 1 && fs.bcnt < this.blocksize && !(fu.flags & FU_SETREP) && fu.bcnt)
        fu.reps += Math.trunc((this.blocksize - fs.bcnt) / fu.bcnt);
      if (fu.reps > 1 && fu.prs.length) {
        const pr = fu.prs[fu.prs.length - 1]!;
        const last = pr.flags & F_TEXT ? pr.text : pr.conv;
        if (last.length && isspace(last[last.length - 1])) pr.nospace = true;
      }
    }
  }

  // ---------------- output ----------------

  put(s: string): void {
    let n = this.on;
    const ob = this.ob;
    if (n + s.length > ob.length) {
      this.flushOut();
      n = 0;
      if (s.length > ob.length) {
        const b = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
        this.writeOut(b);
        return;
      }
    }
    for (let i = 0; i < s.length; i++) ob[n++] = s.charCodeAt(i);
    this.on = n;
  }
  putCached(c: ByteCache, v: number): void {
    let i = c.start[v]!;
    const e = i + c.len[v]!;
    if (this.on + (e - i) > this.ob.length) this.flushOut();
    const ob = this.ob, cb = c.bytes;
    let n = this.on;
    while (i < e) ob[n++] = cb[i++]!;
    this.on = n;
  }
  private outBroken = false;
  private writeOut(b: Uint8Array): void {
    if (this.outBroken) return;
    try {
      this.ctx.out.write(b);
      this.ctx.out.flush();
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.outBroken = true; // stdio would fail silently; hexdump never checks
    }
  }
  flushOut(): void {
    if (this.on) {
      const n = this.on;
      this.on = 0;
      this.writeOut(this.ob.subarray(0, n));
    }
  }

  // ---------------- input ----------------

  /** next(): open the next file (or standard input when there are none) and apply the skip. */
  nextFile(): boolean {
    for (;;) {
      let statok: boolean;
      if (this.fileIdx < this.files.length) {
        this.done = true;
        const name = this.files[this.fileIdx]!;
        this.closeCur();
        try {
          this.fd = open(name, O.RDONLY);
        } catch (e) {
          warn(this.ctx, name, e);
          this.ctx.status = 1;
          this.fileIdx++;
          continue;
        }
        this.fdName = name;
        this.isStdin = false;
        statok = true;
      } else {
        if (this.done) return false;
        this.done = true;
        this.closeCur();
        this.fd = this.ctx.stdin;
        this.fdName = this.prevArg;
        this.isStdin = true;
        statok = false;
      }
      this.ip = this.ie = 0;
      this.ieof = false;
      this.ierr = null;
      if (this.skip) this.doskip(statok ? this.fdName : "stdin", statok);
      if (this.fileIdx < this.files.length) this.fileIdx++;
      if (!this.skip) return true;
    }
  }

  private closeCur(): void {
    if (this.fd >= 0 && !this.isStdin) try { close(this.fd); } catch {}
    this.fd = -1;
  }

  private doskip(fname: string, statok: boolean): void {
    let mode = 0;
    if (statok) {
      let st;
      try {
        st = fstat(this.fd);
      } catch (e) {
        err(this.ctx, 1, fname, e);
      }
      mode = st.mode;
      if (S_ISREG(mode) && this.skip > st.size) {
        this.address += st.size;
        this.skip -= st.size;
        return;
      }
    }
    if (!statok || S_ISFIFO(mode) || S_ISSOCK(mode) || S_ISCHR(mode) || S_ISBLK(mode)) {
      this.noseek();
      return;
    }
    try {
      lseek(this.fd, this.skip, SEEK.SET);
    } catch {
      this.noseek();
      return;
    }
    this.address += this.skip;
    this.skip = 0;
  }

  private noseek(): void {
    let count = 0;
    while (count < this.skip) {
      if (this.ip === this.ie && !this.fill()) break;
      const k = Math.min(this.ie - this.ip, this.skip - count);
      this.ip += k;
      count += k;
    }
    this.address += count;
    this.skip -= count;
  }

  /** Refill the input buffer of the current file; false at its end (or on an error). */
  private fill(): boolean {
    if (this.ieof || this.fd < 0) return false;
    if (this.ip === this.ie) this.ip = this.ie = 0;
    else if (this.ie === this.ib.length) {
      this.ib.copyWithin(0, this.ip, this.ie);
      this.ie -= this.ip;
      this.ip = 0;
    }
    try {
      const n = read(this.fd, this.ib, this.ie, this.ib.length - this.ie);
      if (n === 0) {
        this.ieof = true;
        return false;
      }
      this.ie += n;
      return true;
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.ierr = e;
      this.ieof = true;
      return false;
    }
  }

  /** fread() from the current file: up to n bytes, fewer only at its end. */
  private fread(dst: Uint8Array, off: number, n: number): number {
    let got = 0;
    while (got < n) {
      if (this.ip === this.ie && !this.fill()) break;
      const k = Math.min(this.ie - this.ip, n - got);
      dst.set(this.ib.subarray(this.ip, this.ip + k), off + got);
      this.ip += k;
      got += k;
    }
    return got;
  }

  /** peek(): the next bytes of the current file, left unread (at most n, within -n). */
  peek(n: number): Uint8Array {
    if (this.length !== -1 && n > this.length) n = this.length;
    while (this.ie - this.ip < n && !this.ieof) {
      if (this.ie === this.ib.length && this.ip > 0) {
        this.ib.copyWithin(0, this.ip, this.ie);
        this.ie -= this.ip;
        this.ip = 0;
      }
      if (!this.fill()) break;
    }
    return this.ib.slice(this.ip, this.ip + Math.min(n, this.ie - this.ip));
  }

  private curp: Uint8Array | null = null;
  private savp: Uint8Array | null = null;
  private ateof = true;

  /** get(): the next block of input, or null at the end; suppresses repeated blocks. */
  get(): Uint8Array | null {
    const bs = this.blocksize;
    let validSave = false;
    if (!this.curp) {
      this.curp = new Uint8Array(bs);
      this.savp = new Uint8Array(bs);
    } else {
      const t = this.curp;
      this.curp = this.savp!;
      this.savp = t;
      this.address += bs;
      validSave = true;
    }
    const curp = this.curp, savp = this.savp!;
    let need = bs, nread = 0;
    for (;;) {
      if (!this.length || (this.ateof && !this.nextFile())) {
        if (this.odmode && this.skip > 0) errx(this.ctx, 1, "cannot skip past end of input");
        if (need === bs) return null;
        curp.fill(0, nread);
        this.eaddress = this.address + nread;
        return curp;
      }
      const n = this.fread(curp, nread, this.length === -1 ? need : Math.min(this.length, need));
      if (!n) {
        if (this.ierr) {
          warn(this.ctx, this.fdName, this.ierr);
          this.ierr = null;
        }
        this.ateof = true;
        continue;
      }
      this.ateof = false;
      if (this.length !== -1) this.length -= n;
      need -= n;
      if (!need) {
        if (this.vflag === "all" || this.vflag === "first" || !validSave || !sameBytes(curp, savp)) {
          if (this.vflag === "dup" || this.vflag === "first") this.vflag = "wait";
          return curp;
        }
        if (this.vflag === "wait") this.put("*\n");
        this.vflag = "dup";
        this.address += bs;
        need = bs;
        nread = 0;
      } else nread += n;
    }
  }

  // ---------------- display ----------------

  display(): void {
    let bp: Uint8Array | null;
    while ((bp = this.get())) {
      const save = this.address;
      for (const fs of this.fss) {
        let off = 0;
        this.address = save;
        for (const fu of fs.fus) {
          if (fu.flags & FU_IGNORE) break;
          const prs = fu.prs;
          for (let cnt = fu.reps; cnt; --cnt) {
            for (let k = 0; k < prs.length; k++) {
              const pr = prs[k]!;
              if (this.eaddress && this.address >= this.eaddress && !(pr.flags & (F_TEXT | F_BPAD))) bpad(pr);
              this.print(pr, bp, off, cnt === 1 && pr.nospace);
              this.address += pr.bcnt;
              off += pr.bcnt;
            }
          }
        }
      }
      this.address = save;
    }
    if (this.endfu) {
      if (!this.eaddress) {
        if (!this.address) return;
        this.eaddress = this.address;
      }
      for (const pr of this.endfu.prs) {
        if (pr.flags === F_ADDRESS) this.put(pr.text + fmtN(this.eaddress, pr));
        else if (pr.flags === F_TEXT) this.put(pr.text);
      }
    }
  }

  private dvBuf: Uint8Array | null = null;
  private dv: DataView | null = null;

  private print(pr: PR, b: Uint8Array, off: number, nospace: boolean): void {
    switch (pr.flags) {
      case F_TEXT:
        this.put(nospace ? pr.text.slice(0, -1) : pr.text);
        return;
    }
    if (!pr.spec) return; // musl's printf rejects the whole call: nothing is printed
    if (pr.flags === F_BPAD) {
      this.put(pr.text + " ".repeat(pr.spec.width ?? 0));
      return;
    }
    if (pr.flags === F_ADDRESS) {
      this.put(pr.text + fmtN(this.address, pr));
      return;
    }
    if (pr.bcnt === 1 && pr.flags !== F_STR &&
        !(pr.flags === F_C && this.odmode && this.utf8 && (b[off]! >= 0x80 || pr.mbleft || pr.mbpend.length))) {
      const v = b[off]!;
      const c = (pr.cache ??= new ByteCache(256));
      if (c.start[v]! < 0) c.set(v, pr.text + this.conv1(pr, v));
      this.putCached(c, v);
      return;
    }
    if (pr.flags === F_C) {
      this.put(pr.text + this.convCUtf8(pr, b, off));
      return;
    }
    if (pr.bcnt === 2 && (pr.flags === F_INT || pr.flags === F_UINT)) {
      const v = b[off]! | (b[off + 1]! << 8);
      const c = (pr.cache ??= new ByteCache(65536));
      if (c.start[v]! < 0) c.set(v, pr.text + fmtN(pr.flags === F_INT ? (v << 16) >> 16 : v, pr));
      this.putCached(c, v);
      return;
    }
    if (this.dvBuf !== b) {
      this.dvBuf = b;
      this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    const dv = this.dv!;
    switch (pr.flags) {
      case F_INT:
      case F_UINT: {
        if (pr.bcnt === 4) this.put(pr.text + fmtN(pr.flags === F_INT ? dv.getInt32(off, true) : dv.getUint32(off, true), pr));
        else this.put(pr.text + fmtI(pr.flags === F_INT ? dv.getBigInt64(off, true) : dv.getBigUint64(off, true), pr));
        return;
      }
      case F_DBL: {
        if (!pr.spec) { this.put(""); return; }
        let s: string;
        if (pr.bcnt === 4) s = fmtFloat(dv.getFloat32(off, true), pr.conv, pr.spec);
        else if (pr.bcnt === 8) s = fmtFloat(dv.getFloat64(off, true), pr.conv, pr.spec);
        else s = fmtLongDouble(b, off, pr.conv, pr.spec);
        this.put(pr.text + s);
        return;
      }
      case F_STR: {
        // printf("%.Ns", bp): up to the precision (or the block's end) or a NUL
        const spec = pr.spec;
        if (!spec) return;
        let end = spec.prec !== undefined && spec.prec >= 0 ? Math.min(b.length, off + spec.prec) : b.length;
        const z = b.indexOf(0, off);
        if (z >= 0 && z < end) end = z;
        let s = "";
        for (let i = off; i < end; i++) s += String.fromCharCode(b[i]!);
        this.put(pr.text + pad(s, spec));
        return;
      }
    }
  }

  /** One-byte conversions whose text depends only on the byte. */
  private conv1(pr: PR, v: number): string {
    const spec = pr.spec;
    if (!spec) return "";
    switch (pr.flags) {
      case F_INT: return fmtN((v << 24) >> 24, pr);
      case F_UINT: return fmtN(v, pr);
      case F_CHAR: return pad(String.fromCharCode(v), spec);
      case F_P: return pad(v >= 0x20 && v < 0x7f ? String.fromCharCode(v) : ".", spec);
      case F_U: {
        if (v <= 0x1f) return pad(this.odmode && v === 10 ? "nl" : ASCII_NAMES[v]!, spec);
        if (v === 0x7f) return pad("del", spec);
        if (this.odmode && v === 0x20) return pad(" sp", spec);
        if (v > 0x20 && v < 0x7f || v === 0x20) return pad(String.fromCharCode(v), spec);
        return fmtInt(BigInt(v), "x", spec);
      }
      case F_C: {
        const e = cEscape(v);
        if (e) return pad(e, spec);
        if (iswprint(v)) {
          if (!this.odmode) return pad(String.fromCharCode(v), spec);
          // od in a single-byte locale: "%*s%C"; bytes past ASCII cannot be converted (EILSEQ)
          const w = wcwidth(v);
          return " ".repeat(Math.max(0, 3 - w)) + (v < 0x80 ? String.fromCharCode(v) : "");
        }
        return pad(v.toString(8).padStart(3, "0"), spec);
      }
    }
    return "";
  }

  /** conv_c for od in a UTF-8 locale: whole characters, then "**" for their other bytes. */
  private convCUtf8(pr: PR, b: Uint8Array, off: number): string {
    const spec = pr.spec!;
    if (pr.mbleft > 0) {
      pr.mbleft--;
      return pad("**", spec);
    }
    const c = b[off]!;
    const e = cEscape(c);
    if (e) return pad(e, spec);
    let bufsize = this.eaddress ? this.eaddress - this.address : this.blocksize - (this.address % this.blocksize);
    bufsize = Math.min(bufsize, b.length - off);
    let r = mbrtowc(pr.mbpend, b, off, bufsize);
    let clen: number, wc = 0, converr = false;
    if (r.n === -1) {
      pr.mbpend = [];
      wc = c; clen = 1; converr = true;
    } else if (r.n === -2) {
      const oclen = bufsize;
      const pk = this.peek(4);
      r = mbrtowc(pr.mbpend, pk, 0, pk.length);
      if (r.n < 0) {
        pr.mbpend = [];
        wc = c; clen = 1; converr = true;
      } else {
        wc = r.wc;
        clen = r.n + oclen;
      }
    } else {
      wc = r.wc;
      clen = r.n;
    }
    if (!converr && iswprint(wc)) {
      const w = wcwidth(wc);
      pr.mbleft = clen - 1;
      return " ".repeat(Math.max(0, 3 - w)) + bin(String.fromCodePoint(wc));
    }
    return pad(c.toString(8).padStart(3, "0"), spec);
  }
}

class ByteCache {
  start: Int32Array;
  len: Uint32Array;
  bytes = new Uint8Array(4096);
  used = 0;
  constructor(n: number) {
    this.start = new Int32Array(n).fill(-1);
    this.len = new Uint32Array(n);
  }
  set(v: number, s: string): void {
    if (this.used + s.length > this.bytes.length) {
      const nb = new Uint8Array(Math.max(this.bytes.length * 2, this.used + s.length));
      nb.set(this.bytes.subarray(0, this.used));
      this.bytes = nb;
    }
    for (let i = 0; i < s.length; i++) this.bytes[this.used + i] = s.charCodeAt(i);
    this.start[v] = this.used;
    this.len[v] = s.length;
    this.used += s.length;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const ASCII_NAMES = [
  "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt", "ff", "cr", "so", "si",
  "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us",
];

function cEscape(c: number): string | undefined {
  switch (c) {
    case 0: return "\\0";
    case 7: return "\\a";
    case 8: return "\\b";
    case 12: return "\\f";
    case 10: return "\\n";
    case 13: return "\\r";
    case 9: return "\\t";
    case 11: return "\\v";
  }
  return undefined;
}

/** musl's mbrtowc over pending bytes plus b[off, off+n): n consumed (> 0), -1 invalid, -2 short. */
function mbrtowc(pend: number[], b: Uint8Array, off: number, n: number): { n: number; wc: number } {
  const seq = pend.slice();
  let used = 0;
  if (!seq.length) {
    if (n <= 0) return { n: -2, wc: 0 };
    const c = b[off]!;
    if (c < 0x80) return { n: 1, wc: c };
    if (c < 0xc2 || c > 0xf4) return { n: -1, wc: 0 };
    seq.push(c);
    used = 1;
  }
  const c0 = seq[0]!;
  const need = c0 >= 0xf0 ? 4 : c0 >= 0xe0 ? 3 : 2;
  while (seq.length < need) {
    if (used >= n) {
      pend.length = 0;
      pend.push(...seq);
      return { n: -2, wc: 0 };
    }
    const d = b[off + used++]!;
    let lo = 0x80, hi = 0xbf;
    if (seq.length === 1) {
      if (c0 === 0xe0) lo = 0xa0;
      else if (c0 === 0xed) hi = 0x9f;
      else if (c0 === 0xf0) lo = 0x90;
      else if (c0 === 0xf4) hi = 0x8f;
    }
    if (d < lo || d > hi) return { n: -1, wc: 0 };
    seq.push(d);
  }
  pend.length = 0;
  let wc = c0 & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (let k = 1; k < need; k++) wc = (wc << 6) | (seq[k]! & 0x3f);
  return { n: used, wc };
}

/** escape(): the backslash escapes of a format string. */
function escape(s: string): string {
  let r = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\") { r += c; continue; }
    const d = s[++i];
    if (d === undefined) { r += "\\"; break; }
    switch (d) {
      case "a": r += "\x07"; break;
      case "b": r += "\b"; break;
      case "f": r += "\f"; break;
      case "n": r += "\n"; break;
      case "r": r += "\r"; break;
      case "t": r += "\t"; break;
      case "v": r += "\v"; break;
      default: r += d;
    }
  }
  return r;
}

/** The printf flags/width/precision text as musl reads it; null when printf would reject it. */
function parseSpec(s: string): Spec | null {
  let i = 0, flags = "";
  while (i < s.length && "#0- +".includes(s[i]!)) flags += s[i++];
  let w = 0;
  while (isdigit(s[i])) w = w * 10 + (s.charCodeAt(i++) - 48);
  let p = -1;
  if (s[i] === ".") {
    i++;
    p = 0;
    while (isdigit(s[i])) p = p * 10 + (s.charCodeAt(i++) - 48);
  }
  if (i !== s.length) return null;
  return makeSpec(flags, w, p);
}

/** bpad(): past the end of the data a conversion prints as blanks of its field width. */
function bpad(pr: PR): void {
  pr.flags = F_BPAD;
  let s = pr.specStr, i = 0;
  while (i < s.length && " -0+#".includes(s[i]!)) i++;
  s = s.slice(i);
  pr.specStr = s;
  pr.spec = parseSpec(s);
  pr.conv = "s";
}

function fmtI(v: bigint, pr: PR): string {
  return pr.spec ? fmtInt(v, pr.conv, pr.spec) : "";
}

/** fmtInt for a value that fits a double exactly (addresses, 1- to 4-byte data): no BigInt. */
function fmtN(v: number, pr: PR): string {
  const s = pr.spec!, conv = pr.conv;
  let prefix = "", mag = v;
  if (conv === "d" || conv === "i") {
    if (v < 0) { prefix = "-"; mag = -v; }
    else if (s.plus) prefix = "+";
    else if (s.space) prefix = " ";
  }
  let p = s.prec ?? -1;
  const hasPrec = p >= 0;
  let digits = mag === 0 ? "" : mag.toString(conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10);
  if (conv === "X") digits = digits.toUpperCase();
  if (conv === "o" && s.alt && p < digits.length + 1) p = digits.length + 1;
  if ((conv === "x" || conv === "X") && s.alt && mag !== 0) prefix = conv === "X" ? "0X" : "0x";
  if (!(mag === 0 && p === 0)) {
    p = Math.max(p, digits.length + (mag === 0 ? 1 : 0));
    if (digits.length < p) digits = "0".repeat(p - digits.length) + digits;
  }
  const w = s.width ?? 0, n = prefix.length + digits.length;
  if (n >= w) return prefix + digits;
  if (s.left) return prefix + digits + " ".repeat(w - n);
  if (s.zero && !hasPrec) return prefix + "0".repeat(w - n) + digits;
  return " ".repeat(w - n) + prefix + digits;
}

/** %s / %c field: width pads with blanks (musl ignores '0' here); precision cuts %s. */
function pad(s: string, spec: Spec): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  return spec.left ? s + " ".repeat(w - s.length) : " ".repeat(w - s.length) + s;
}

/** An x87 80-bit long double (16 bytes in memory) printed with %e/%f/%g. Values a double holds
 * exactly go through fmtFloat; others are printed from the exact binary value for %e. */
function fmtLongDouble(b: Uint8Array, off: number, conv: string, spec: Spec): string {
  let mant = 0n;
  for (let k = 7; k >= 0; k--) mant = (mant << 8n) | BigInt(b[off + k]!);
  const se = b[off + 8]! | (b[off + 9]! << 8);
  const neg = (se & 0x8000) !== 0;
  const exp = se & 0x7fff;
  if (exp === 0x7fff) {
    const nan = (mant & 0x7fffffffffffffffn) !== 0n;
    return fmtFloat(nan ? NaN : neg ? -Infinity : Infinity, conv, spec);
  }
  if (mant === 0n) return fmtFloat(neg ? -0 : 0, conv, spec);
  const e2 = (exp === 0 ? 1 : exp) - 16383 - 63;
  // exactly representable as a double?
  const bits = mant.toString(2).length;
  const tz = bits - mant.toString(2).replace(/0+$/, "").length;
  const sig = bits - tz;
  const top = e2 + bits - 1;
  if (sig <= 53 && top < 1024 && e2 + tz >= -1074) {
    const x = Number(mant >> BigInt(tz)) * 2 ** (e2 + tz);
    return fmtFloat(neg ? -x : x, conv, spec);
  }
  const c = conv.toLowerCase();
  if (c !== "e") {
    const x = Number(mant) * 2 ** e2;
    return fmtFloat(neg ? -x : x, conv, spec);
  }
  // exact %e: find the decimal exponent X and round to prec+1 digits, ties to even
  const P = spec.prec !== undefined && spec.prec >= 0 ? spec.prec : 6;
  let num = mant, den = 1n;
  if (e2 >= 0) num <<= BigInt(e2); else den <<= BigInt(-e2);
  let X = Math.floor(Math.log10(Number(mant)) + e2 * Math.log10(2));
  const scaled = (k: number) => {
    // round(num/den * 10^(P-k))
    let n = num, d = den;
    const sh = P - k;
    if (sh >= 0) n *= 10n ** BigInt(sh); else d *= 10n ** BigInt(-sh);
    const q = n / d, r2 = (n - q * d) * 2n;
    return r2 > d || (r2 === d && (q & 1n) === 1n) ? q + 1n : q;
  };
  let digits = scaled(X);
  const lim = 10n ** BigInt(P + 1);
  while (digits >= lim) { X++; digits = scaled(X); }
  while (digits < lim / 10n) { X--; digits = scaled(X); }
  const d = digits.toString();
  const body = d[0]! + (P || spec.alt ? "." : "") + d.slice(1) + (conv === "E" ? "E" : "e") +
    (X < 0 ? "-" : "+") + String(Math.abs(X)).padStart(2, "0");
  const prefix = neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  const w = spec.width ?? 0, len = prefix.length + body.length;
  if (len >= w) return prefix + body;
  if (spec.left) return prefix + body + " ".repeat(w - len);
  if (spec.zero) return prefix + "0".repeat(w - len) + body;
  return " ".repeat(w - len) + prefix + body;
}

// ---------------- option syntaxes ----------------

function hexSyntax(ctx: Ctx, d: Dump, argv: string[]): string[] {
  const a0 = argv[0]!;
  const h = a0.lastIndexOf("h");
  if (h >= 0 && a0.slice(h) === "hd") canonical(d);
  const g = new Getopt(ctx, "bcCde:f:n:os:vx", undefined, argv);
  for (let c; (c = g.next()) !== undefined; ) {
    switch (c) {
      case "b":
        d.add('"%07.7_Ax\n"');
        d.add('"%07.7_ax " 16/1 "%03o " "\\n"');
        break;
      case "c":
        d.add('"%07.7_Ax\n"');
        d.add('"%07.7_ax " 16/1 "%3_c " "\\n"');
        break;
      case "C": canonical(d); break;
      case "d":
        d.add('"%07.7_Ax\n"');
        d.add('"%07.7_ax " 8/2 "  %05u " "\\n"');
        break;
      case "e": d.add(bin(g.optarg!)); break;
      case "f": d.addfile(g.optarg!); break;
      case "n":
        if ((d.length = atoi(bin(g.optarg!))) < 0) errx(ctx, 1, `${g.optarg}: bad length value`);
        break;
      case "o":
        d.add('"%07.7_Ax\n"');
        d.add('"%07.7_ax " 8/2 " %06o " "\\n"');
        break;
      case "s": {
        const arg = g.optarg!;
        const r = strtoll(arg, 0);
        if (r.value < 0) errx(ctx, 1, `${arg}: bad skip value`);
        let v = r.value;
        const suf = arg[r.end];
        if (suf === "b") v *= 512;
        else if (suf === "k") v *= 1024;
        else if (suf === "m") v *= 1048576;
        d.skip = v;
        break;
      }
      case "v": d.vflag = "all"; break;
      case "x":
        d.add('"%07.7_Ax\n"');
        d.add('"%07.7_ax " 8/2 "   %04x " "\\n"');
        break;
      default:
        usage(ctx, HEX_USAGE);
    }
  }
  if (!d.fss.length) {
    d.add('"%07.7_Ax\n"');
    d.add('"%07.7_ax " 8/2 "%04x " "\\n"');
  }
  d.prevArg = argv[g.optind - 1]!;
  return g.rest;
}

function canonical(d: Dump): void {
  d.add('"%08.8_Ax\n"');
  d.add('"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " ');
  d.add('"  |" 16/1 "%_p" "|\\n"');
}

const PADDING = "         ";

function odSyntax(ctx: Ctx, d: Dump, argv: string[]): string[] {
  const TYPE_OFFSET = 7;
  d.add('"%07.7_Ao\n"');
  d.add('"%07.7_ao  "');
  d.odmode = true;
  let needpad = false;
  const odadd = (fmt: string) => {
    if (needpad) d.add(`"${PADDING}"`);
    d.add(fmt);
    needpad = true;
  };
  const setBase = (c: string) => {
    const a = d.fss[0]!.fus[0]!, b = d.fss[1]!.fus[0]!;
    a.fmt = a.fmt.slice(0, TYPE_OFFSET) + c + a.fmt.slice(TYPE_OFFSET + 1);
    b.fmt = b.fmt.slice(0, TYPE_OFFSET) + c + b.fmt.slice(TYPE_OFFSET + 1);
  };
  const odformat = (fmt: string) => {
    let i = 0;
    while (i < fmt.length) {
      const fchar = fmt[i++]!;
      switch (fchar) {
        case "a": odadd('16/1 "%3_u " "\\n"'); break;
        case "c": odadd('16/1 "%3_c " "\\n"'); break;
        case "o": case "u": case "d": case "x": i = formatInt(fchar, fmt, i); break;
        case "f": i = formatFp(fmt, i); break;
        default: errx(ctx, 1, `${unbin(fchar)}: unrecognised format character`);
      }
    }
  };
  const sizeArg = (fmt: string, i: number): [number, number] => {
    let j = i;
    while (isdigit(fmt[j])) j++;
    const v = Number(fmt.slice(i, j));
    if (v === 0 || v > 0xffffffffffffffff) errx(ctx, 1, `${unbin(fmt.slice(i))}: invalid size`);
    return [v, j];
  };
  const formatFp = (fmt: string, i: number): number => {
    let isize = 8;
    const c = fmt[i];
    if (c === "F") { isize = 4; i++; }
    else if (c === "D") { isize = 8; i++; }
    else if (c === "L") { isize = 16; i++; }
    else if (isdigit(c)) [isize, i] = sizeArg(fmt, i);
    const digits = isize === 4 ? 6 : isize === 8 ? 15 : isize === 16 ? 18 : -1;
    if (digits < 0) errx(ctx, 1, `unsupported floating point size ${isize}`);
    odadd(`${Math.trunc(16 / isize)}/${isize} " %${digits + 8}.${digits}e " "\\n"`);
    return i;
  };
  const formatInt = (fchar: string, fmt: string, i: number): number => {
    let isize = 4, counted = false;
    const c = fmt[i];
    if (c === "C") { isize = 1; i++; }
    else if (c === "I") { isize = 4; i++; }
    else if (c === "L") { isize = 8; i++; }
    else if (c === "S") { isize = 2; i++; }
    else if (isdigit(c)) {
      [isize, i] = sizeArg(fmt, i);
      if (isize !== 1 && isize !== 2 && isize !== 4 && isize !== 8) errx(ctx, 1, `unsupported int size ${isize}`);
      counted = true;
    }
    // The reference computes (1ULL << 8*isize) - 1, undefined for 8 bytes: with a byte count
    // ("x8") the shift wraps at run time and one digit is counted (a field of 31 blanks and the
    // full number); with "L" the compiler's constant acts as all ones (23 places for d).
    let n = (1n << BigInt(8 * isize)) - 1n;
    let digits = 0;
    if (isize === 8 && counted) { n = 0n; digits = 1; }
    while (n !== 0n) {
      digits++;
      n >>= fchar === "x" ? 4n : 3n;
    }
    if (fchar === "d") digits++;
    const zero = fchar === "d" || fchar === "u" ? "" : "0";
    odadd(`${16 / isize}/${isize} "${" ".repeat(Math.max(0, 4 * isize - digits))}%${zero}${digits}${fchar}" "\\n"`);
    return i;
  };

  const g = new Getopt(ctx, "A:aBbcDdeFfHhIij:LlN:Oost:vXx", undefined, argv);
  for (let c; (c = g.next()) !== undefined; ) {
    switch (c) {
      case "A": {
        const a = g.optarg!;
        switch (a[0]) {
          case "d": case "o": case "x": setBase(a[0]); break;
          case "n":
            d.fss[0]!.fus[0]!.fmt = "";
            d.fss[1]!.fus[0]!.fmt = PADDING;
            break;
          default: errx(ctx, 1, `${a}: invalid address base`);
        }
        break;
      }
      case "a": odformat("a"); break;
      case "B": case "o": odformat("o2"); break;
      case "b": odformat("o1"); break;
      case "c": odformat("c"); break;
      case "d": odformat("u2"); break;
      case "D": odformat("u4"); break;
      case "e": case "F": odformat("fD"); break;
      case "f": odformat("fF"); break;
      case "H": case "X": odformat("x4"); break;
      case "h": case "x": odformat("x2"); break;
      case "I": case "L": case "l": odformat("dL"); break;
      case "i": odformat("dI"); break;
      case "j": {
        const a = g.optarg!;
        const r = strtoll(a, 0);
        let v = r.value;
        const end = bin(a.slice(r.end));
        if (end[0] === "b") v *= 512;
        else if (end[0] === "k") v *= 1024;
        else if (end[0] === "m") v *= 1048576;
        if (r.erange || v < 0 || end.length > 1) errx(ctx, 1, `${a}: invalid skip amount`);
        d.skip = v;
        break;
      }
      case "N":
        if ((d.length = atoi(bin(g.optarg!))) <= 0) errx(ctx, 1, `${g.optarg}: invalid length`);
        break;
      case "O": odformat("o4"); break;
      case "s": odformat("d2"); break;
      case "t": odformat(bin(g.optarg!)); break;
      case "v": d.vflag = "all"; break;
      default:
        usage(ctx, OD_USAGE);
    }
  }
  if (d.fss.length === 2) odformat("oS");
  const files = g.rest;
  d.prevArg = argv[g.optind - 1]!;
  if (files.length) odoffset(d, files, setBase);
  return files;
}

/** od's [+]offset[.][Bb] operand, FreeBSD's way: it ends the file list when it parses. */
function odoffset(d: Dump, files: string[], setBase: (c: string) => void): void {
  const p0 = files.length === 1 ? files[0]! : files[1]!;
  const p = bin(p0);
  if (p[0] !== "+" && (files.length < 2 || (!isdigit(p[0]) && (p[0] !== "x" || !isxdigit(p[1]))))) return;
  let i = 0, base = 0;
  if (p[i] === "+") i++;
  if (p[i] === "x" && isxdigit(p[i + 1])) { i++; base = 16; }
  else if (p[i] === "0" && p[i + 1] === "x") { i += 2; base = 16; }
  const num = i;
  if (base === 16) while (isxdigit(p[i])) i++;
  else while (isdigit(p[i])) i++;
  if (num === i) return;
  if (p[i] === ".") {
    if (base) return;
    base = 10;
  }
  const digits = p.slice(num, i);
  const b = base || 8;
  if (![...digits].every((c) => parseInt(c, 16) < b)) return;
  let skip = Number(BigInt.asIntN(64, BigInt((b === 16 ? "0x" : b === 8 ? "0o" : "") + digits)));
  if (i < p.length) {
    if (p[i] === "B") { skip *= 1024; i++; }
    else if (p[i] === "b") { skip *= 512; i++; }
  }
  if (i < p.length) return;
  d.skip = skip;
  if (base === 16) setBase("x");
  else if (base === 10) setBase("d");
  files.length = 1;
}

export default defineApplet({
  name: "hexdump",
  main(ctx) {
    const d = new Dump(ctx);
    const argv = [ctx.argv0, ...ctx.args];
    const a0 = ctx.argv0;
    const o = a0.lastIndexOf("o");
    const files = o >= 0 && a0.slice(o) === "od" ? odSyntax(ctx, d, argv) : hexSyntax(ctx, d, argv);
    for (const fs of d.fss) {
      fs.bcnt = d.size(fs);
      if (d.blocksize < fs.bcnt) d.blocksize = fs.bcnt;
    }
    for (const fs of d.fss) d.rewrite(fs);
    d.files = files;
    try {
      d.display();
    } finally {
      d.flushOut();
    }
    return ctx.status;
  },
});
