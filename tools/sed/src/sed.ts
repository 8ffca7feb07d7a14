// sed — stream editor.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/sed.html  FreeBSD: sed(1)
// A port of chimerautils' FreeBSD sed (main.c, compile.c, process.c) on shared/regex (musl's regex).
// Options (getopt "EI:ae:f:i:lnru", no permutation):
//   -E -r  extended REs          -n  no automatic printing (also "#n" opening a script unit)
//   -e script  -f file  script units, joined in order; each -e and the script operand get a '\n'
//   -i ext  in place, each file on its own (ext "" = no backup)   -I ext  in place, files as one stream
//   -a  open w files at first write, not at start   -l  line-buffered   -u  unbuffered output
// BSD: "-" is a file name, not standard input; a/i/c need "\" and the text on the next line; q takes
// no exit code; an empty RE means the last RE used at run time; N on the last line quits without
// printing; s///g retries after each match on the rest of the line with REG_NOTBOL (musl has no
// REG_STARTEND: the subject is cut at the match end, and at a NUL byte as C strings are).
// Errors are compile.c's: `sed: LINE: "SCRIPT": message` (a script shown as `"text\n"`, cut at 29
// bytes as " ...\"") or `sed: LINE: FILE: message` for -f files; status 1.
// Deviations, all on the side of keeping data: 0,/re/ starts the range before line 1 (the reference
// never matches line 0); after q with -i the files not yet read are left alone (the reference
// empties them); an empty match at a NUL byte keeps the rest of the line; a file that cannot be
// opened during -i leaves no temporary file behind.
// Pattern and hold spaces are strings: lossless UTF-8 (compat decode) in a UTF-8 locale, binary
// (latin1, one code unit per byte) with LC_ALL=C, so regex offsets index them directly.
import { makeRoom, defineApplet, Getopt, usage, errx, err, warn, warnx, utf8Locale, Exit, Writer, pathDirname, pathBasename, iswprint, type Ctx } from "@bsdbox/shared";
import {
  open, close, read, writeAll, lstat, fstat, fchmod, fchown, rename, link, unlink, getpid, O, S_ISREG,
  SysError, encode, decode, latin1, unlatin1, strerror, winsize, byteSearch, isAscii, type ByteSearch,
} from "@bsdbox/compat";
import { Regex, RegexError } from "@bsdbox/shared/regex";
import { wcwidth } from "@bsdbox/shared/wcwidth";

const USAGE = (p: string) =>
  `usage: ${p} script [-Ealnru] [-i extension] [file ...]\n` +
  `\t${p} [-Ealnu] [-i extension] [-e script] ... [-f script_file] ... [file ...]\n`;

const DEFFILEMODE = 0o666;
const WFLAGS = O.WRONLY | O.APPEND | O.CREAT | O.TRUNC;

// ---------- the compiled program ----------
const AT_RE = 1, AT_LINE = 2, AT_RELLINE = 3, AT_LAST = 4;
interface Addr { type: number; re: Regex | null; l: number }
interface Subst {
  re: Regex | null; src: string; icase: boolean; n: number; p: boolean;
  wfile: string | null; wfd: number; maxbref: number; linenum: number;
  /** the replacement: literal text (pattern-space form) or a sub-expression number */
  parts: (string | number)[];
  /** the replacement when it is fixed text (no & or \N), else null; undefined: not looked at yet */
  fixed?: string | null;
  /** `fixed` as bytes */
  fixedBytes?: Uint8Array;
}
interface Tr { single: Map<string, string>; multi: [string, string][] }
interface Cmd {
  code: string; a1: Addr | null; a2: Addr | null; nonsel: boolean; startline: number;
  /** 0,/re/: the range is open before line 1 */
  zero: boolean;
  next: Cmd | null;
  /** { : the block's first command; b t : the target (null: end of script) */
  u: Cmd | null;
  t: string | null; text: Uint8Array | null; fd: number; s: Subst | null; y: Tr | null;
  /** q: the exit status (q [exit-code]) */
  status?: number;
}
interface Unit { file: boolean; s: string }

class Sed {
  ctx: Ctx;
  utf8: boolean;
  rflags = { extended: false };
  aflag = false; nflag = false;
  inplace: string | null = null; ispan = false;
  units: Unit[] = [];
  prog: Cmd | null = null;
  // cu_fgets state
  private cuState = 0; private cuIdx = 0; private cuLines: string[] = []; private cuPos = 0; private cuAtStart = true;
  linenum = 0;
  fname = "";
  private labels = new Map<string, { cmd: Cmd; ref: boolean }>();
  private allCmds: Cmd[] = [];

  constructor(ctx: Ctx) {
    this.ctx = ctx;
    this.utf8 = utf8Locale(ctx.env);
  }

  /** a script string (lossless) in pattern-space form */
  ps(s: string): string {
    return this.utf8 ? s : latin1(encode(s));
  }
  fatal(msg: string): never {
    this.flushPend();
    errx(this.ctx, 1, `${this.linenum}: ${this.fname}: ${msg}`);
  }

  // ---------- script units (main.c cu_fgets) ----------
  /** The next script line (with its '\n' when it has one), or null. `more` as cu_fgets sets it. */
  cuGets(): { line: string; more: boolean } | null {
    for (;;) {
      if (this.cuState === 0) {
        if (this.cuIdx >= this.units.length) return null;
        this.linenum = 0;
        const u = this.units[this.cuIdx]!;
        if (u.file) {
          let data: Uint8Array;
          if (u.s === "-") {
            data = readAll(this.ctx.stdin);
            this.fname = "stdin";
          } else {
            let fd: number;
            try {
              fd = open(u.s, O.RDONLY);
            } catch (e) {
              err(this.ctx, 1, u.s, e);
            }
            try {
              data = readAll(fd);
            } catch (e) {
              err(this.ctx, 1, u.s, e);
            } finally {
              close(fd);
            }
            this.fname = u.s;
          }
          const text = decode(data);
          const lines: string[] = [];
          for (let i = 0; i < text.length; ) {
            const j = text.indexOf("\n", i);
            if (j < 0) { lines.push(text.slice(i)); break; }
            lines.push(text.slice(i, j + 1));
            i = j + 1;
          }
          this.cuLines = lines;
          this.cuPos = 0;
          this.cuState = 1;
        } else {
          const b = encode(u.s);
          this.fname = b.length + 2 >= 29 ? `"${decode(b.subarray(0, 23))} ..."` : `"${u.s}"`;
          this.cuPos = 0;
          this.cuAtStart = true;
          this.cuState = 2;
        }
        continue;
      }
      if (this.cuState === 1) {
        if (this.cuPos < this.cuLines.length) {
          const line = this.cuLines[this.cuPos++]!;
          this.linenum++;
          if (this.linenum === 1 && line[0] === "#" && line[1] === "n") this.nflag = true;
          return { line, more: this.cuPos < this.cuLines.length };
        }
        this.cuIdx++;
        this.cuState = 0;
        continue;
      }
      // a string unit
      const s = this.units[this.cuIdx]!.s;
      if (this.linenum === 0 && s[this.cuPos] === "#" && s[this.cuPos + 1] === "n") this.nflag = true;
      if (this.cuPos >= s.length) {
        this.cuState = 0;
        this.cuIdx++;
        if (this.cuAtStart) continue;
        this.linenum++;
        return { line: "", more: false };
      }
      this.cuAtStart = false;
      const j = s.indexOf("\n", this.cuPos);
      const end = j < 0 ? s.length : j + 1;
      const line = s.slice(this.cuPos, end);
      this.cuPos = end;
      this.linenum++;
      return { line, more: false };
    }
  }

  // ---------- compile.c ----------
  compile(): void {
    const last = this.compileStream();
    void last;
    this.fixuplabel(this.prog, null);
    for (const [name, l] of this.labels) if (!l.ref) warnx(this.ctx, `${this.linenum}: ${this.fname}: unused label '${name}'`);
  }

  private newCmd(): Cmd {
    const c: Cmd = { code: "", a1: null, a2: null, nonsel: false, startline: 0, zero: false, next: null, u: null, t: null, text: null, fd: -1, s: null, y: null };
    this.allCmds.push(c);
    return c;
  }

  private compileStream(): void {
    // `link` as a setter into the list being built
    let setLink: (c: Cmd | null) => void = (c) => { this.prog = c; };
    const stack: Cmd[] = [];
    let L = "", p = 0;
    const ch = () => (p < L.length ? L[p]! : "");
    const eatspace = () => { while (p < L.length && isspace(L.charCodeAt(p))) p++; };
    for (;;) {
      const r = this.cuGets();
      if (!r) {
        if (stack.length) this.fatal("unexpected EOF (pending }'s)");
        setLink(null);
        return;
      }
      L = r.line;
      p = 0;
      semicolon: for (;;) {
        eatspace();
        if (ch() === "#" || ch() === "") break semicolon;
        if (ch() === ";") { p++; continue semicolon; }
        const cmd = this.newCmd();
        setLink(cmd);
        setLink = (c) => { cmd.next = c; };
        let naddr = 0;
        if ("0123456789/\\$".includes(ch())) {
          naddr++;
          [cmd.a1, p] = this.compileAddr(L, p);
          eatspace();
          if (ch() === ",") {
            p++;
            eatspace();
            naddr++;
            [cmd.a2, p] = this.compileAddr(L, p);
            eatspace();
          }
        }
        if (cmd.a1 && cmd.a1.type === AT_LINE && cmd.a1.l === 0 && cmd.a2 && cmd.a2.type === AT_RE) cmd.zero = true;
        for (;;) {
          // nonsel:
          const c = ch();
          if (c === "") this.fatal("command expected");
          cmd.code = c;
          const fmt = FMTS[c];
          if (!fmt) this.fatal(`invalid command code ${c}`);
          if (naddr > fmt[0]) this.fatal(`command ${c} expects up to ${fmt[0]} address(es), found ${naddr}`);
          const kind = fmt[1];
          if (kind === NONSEL) {
            p++;
            eatspace();
            cmd.nonsel = true;
            continue;
          }
          if (kind === GROUP) {
            p++;
            eatspace();
            stack.push(cmd);
            setLink = (x) => { cmd.u = x; };
            if (ch()) continue semicolon;
            break semicolon;
          }
          if (kind === ENDGROUP || kind === EMPTY) {
            if (cmd.code === "q") {
              // q [exit-code] (as GNU sed and later BSD seds; the reference rejects it)
              let e = p + 1;
              while (L[e] === " " || L[e] === "\t") e++;
              let d = e;
              while (d < L.length && L[d]! >= "0" && L[d]! <= "9") d++;
              if (d > e) {
                cmd.status = Number(L.slice(e, d)) & 255;
                p = d - 1;
              }
            }
            if (kind === ENDGROUP) {
              cmd.nonsel = true;
              const open = stack.pop();
              if (!open) this.fatal("unexpected }");
              // the block's list ends here: `}` becomes the next of `{` (cmd2->next = cmd)
              setLinkBlockEnd(open, cmd);
            }
            p++;
            eatspace();
            if (ch() === ";") { p++; continue semicolon; }
            if (ch()) this.fatal(`extra characters at the end of ${cmd.code} command`);
            break semicolon;
          }
          if (kind === TEXT) {
            p++;
            eatspace();
            if (ch() === "") this.fatal(`command ${cmd.code} expects \\ followed by text`);
            if (ch() !== "\\") {
              // the one-line form `a text` (GNU's, which the issue asks for; the reference wants a\)
              cmd.text = encode(this.compileText(L.slice(p)));
              break semicolon;
            }
            p++;
            eatspace();
            if (ch()) this.fatal(`extra characters after \\ at the end of ${cmd.code} command`);
            cmd.text = encode(this.compileText());
            break semicolon;
          }
          if (kind === COMMENT) break semicolon;
          if (kind === WFILE) {
            p++;
            eatspace();
            if (ch() === "") this.fatal("filename expected");
            cmd.t = this.duptoeol(L.slice(p), "w command");
            if (!this.aflag) cmd.fd = openW(this.ctx, cmd.t);
            break semicolon;
          }
          if (kind === RFILE) {
            p++;
            eatspace();
            if (ch() === "") this.fatal("filename expected");
            cmd.t = this.duptoeol(L.slice(p), "read command");
            break semicolon;
          }
          if (kind === BRANCH) {
            p++;
            eatspace();
            cmd.t = ch() === "" ? null : this.duptoeol(L.slice(p), "branch");
            break semicolon;
          }
          if (kind === LABEL) {
            p++;
            eatspace();
            cmd.t = this.duptoeol(L.slice(p), "label");
            if (cmd.t.length === 0) this.fatal("empty label");
            if (this.labels.has(cmd.t)) this.fatal(`duplicate label '${cmd.t}'`);
            this.labels.set(cmd.t, { cmd, ref: false });
            break semicolon;
          }
          if (kind === SUBST) {
            p++;
            if (ch() === "" || ch() === "\\") this.fatal("substitute pattern can not be delimited by newline or backslash");
            const d = this.compileDelimited(L, p, false);
            if (!d) this.fatal("unterminated substitute pattern");
            const s: Subst = { re: null, src: d.s, icase: false, n: 1, p: false, wfile: null, wfd: -1, maxbref: 0, linenum: 0, parts: [] };
            cmd.s = s;
            if (d.s !== "") s.re = this.compileRe(d.s, false);
            p = d.p - 1;
            const sub = this.compileSubst(L, p, s);
            L = sub.L;
            p = sub.p;
            p = this.compileFlags(L, p, s);
            s.re = d.s === "" ? null : this.compileRe(d.s, s.icase);
            eatspace();
            if (ch() === ";") { p++; continue semicolon; }
            break semicolon;
          }
          // TR
          p++;
          p = this.compileTr(L, p, cmd);
          eatspace();
          if (ch() === ";") { p++; continue semicolon; }
          if (ch()) this.fatal("extra text at the end of a transform command");
          break semicolon;
        }
      }
    }
    function setLinkBlockEnd(open: Cmd, close: Cmd) {
      open.next = close;
      // commands after `}` follow it
    }
  }

  private compileAddr(L: string, p: number): [Addr, number] {
    const a: Addr = { type: 0, re: null, l: 0 };
    let c = L[p] ?? "";
    if (c === "\\") { p++; c = "/"; }
    if (c === "/") {
      const d = this.compileDelimited(L, p, false);
      if (!d) this.fatal("unterminated regular expression");
      p = d.p;
      let icase = false;
      if (L[p] === "I") { icase = true; p++; }
      a.re = d.s === "" ? null : this.compileRe(d.s, icase);
      a.type = AT_RE;
      return [a, p];
    }
    if (c === "$") { a.type = AT_LAST; return [a, p + 1]; }
    if (c === "+") { a.type = AT_RELLINE; p++; }
    if (a.type === 0) a.type = AT_LINE;
    // strtol
    let q = p;
    let neg = false;
    while (q < L.length && isspace(L.charCodeAt(q))) q++;
    if (L[q] === "+" || L[q] === "-") { neg = L[q] === "-"; q++; }
    const st = q;
    let v = 0;
    while (q < L.length && L[q]! >= "0" && L[q]! <= "9") v = v * 10 + (L.charCodeAt(q++) - 48);
    if (q === st) return [a, p];
    a.l = neg ? -v : v;
    return [a, q];
  }

  /** compile_delimited: L[p] is the delimiter. null when unterminated. */
  private compileDelimited(L: string, p: number, isTr: boolean): { s: string; p: number } | null {
    const c = L[p++] ?? "";
    if (c === "") return null;
    if (c === "\\") this.fatal("\\ can not be used as a string delimiter");
    if (c === "\n") this.fatal("newline can not be used as a string delimiter");
    let d = "";
    while (p < L.length) {
      const x = L[p]!, y = L[p + 1] ?? "";
      if (x === "[" && x !== c) {
        if (!isTr) {
          const r = this.compileCcl(L, p);
          if (!r) this.fatal("unbalanced brackets ([])");
          d += r.s;
          p = r.p;
          continue;
        }
      } else if (x === "\\" && y === "[") {
        if (isTr) p++;
        else { d += x; p++; }
      } else if (x === "\\" && y === c) {
        p++;
      } else if (x === "\\" && (y === "n" || y === "r" || y === "t")) {
        d += y === "n" ? "\n" : y === "r" ? "\r" : "\t";
        p += 2;
        continue;
      } else if (x === "\\" && y === "x") {
        const h = dohex(L, p + 2);
        if (h) { d += h.c; p += h.len + 2; continue; }
      } else if (x === "\\" && y === "\\") {
        if (isTr) p++;
        else { d += x; p++; }
      } else if (x === c) {
        return { s: d, p: p + 1 };
      }
      d += L[p++]!;
    }
    return null;
  }

  /** compile_ccl: a bracket expression copied (with \n \r \t \xHH made characters) */
  private compileCcl(L: string, s: number): { s: string; p: number } | null {
    let t = L[s++]!;
    if (L[s] === "^") t += L[s++]!;
    if (L[s] === "]") t += L[s++]!;
    for (; s < L.length && L[s] !== "]"; s++) {
      const x = L[s]!, d = L[s + 1] ?? "";
      if (x === "[" && (d === "." || d === ":" || d === "=")) {
        t += x + d;
        s += 2;
        let c = L[s] ?? "";
        for (;;) {
          const cur = L[s] ?? "";
          if (cur === "]" && c === d) break;
          c = cur;
          if (c === "") return null;
          t += cur;
          s++;
        }
        t += "]";
      } else if (x === "\\" && (d === "n" || d === "r" || d === "t")) {
        t += d === "n" ? "\n" : d === "r" ? "\r" : "\t";
        s++;
      } else if (x === "\\" && d === "x") {
        const h = dohex(L, s + 2);
        if (h) { t += h.c; s += h.len + 1; }
        else t += x;
      } else t += x;
    }
    if (L[s] !== "]") return null;
    return { s: t + "]", p: s + 1 };
  }

  private compileRe(re: string, icase: boolean): Regex {
    try {
      const r = Regex.compile(re, { extended: this.rflags.extended, icase, utf8: this.utf8 });
      wordyCache.set(r, /\\[<>bB]/.test(re));
      return r;
    } catch (e) {
      if (e instanceof RegexError) this.fatal(`RE error: ${e.message}`);
      throw e;
    }
  }

  /** compile_subst: L[p] is the delimiter; builds the replacement. */
  private compileSubst(L: string, p: number, s: Subst): { L: string; p: number } {
    const c = L[p++]!;
    s.maxbref = 0;
    s.linenum = this.linenum;
    let text = "";
    let more = true, sawesc = false;
    for (;;) {
      for (; p < L.length; p++) {
        let x = L[p]!;
        if (x === "\\" || sawesc) {
          if (sawesc) sawesc = false;
          else p++;
          if (p >= L.length) { sawesc = true; p--; continue; }
          x = L[p]!;
          if (x >= "1" && x <= "9") {
            text += "\\";
            const ref = x.charCodeAt(0) - 48;
            if (s.re !== null && ref > s.re.nsub) this.fatal(`\\${x} not defined in the RE`);
            if (s.maxbref < ref) s.maxbref = ref;
          } else if (x === "&" || x === "\\") text += "\\";
          else if (x === "n") x = "\n";
          else if (x === "r") x = "\r";
          else if (x === "t") x = "\t";
          else if (x === "x") {
            const h = dohex(L, p + 1);
            if (h) { L = L.slice(0, p) + h.c + L.slice(p + 1 + h.len); x = h.c; }
          }
          text += x;
          continue;
        } else if (x === c) {
          p++;
          if (p >= L.length && more) {
            const r = this.cuGets();
            if (r) { more = r.more; L = r.line; p = 0; }
          }
          s.parts = this.parseRepl(text);
          return { L, p };
        } else if (x === "\n") {
          this.fatal("unescaped newline inside substitute pattern");
        }
        text += x;
      }
      const r = this.cuGets();
      if (!r) break;
      more = r.more;
      L = r.line;
      p = 0;
    }
    this.fatal("unterminated substitute in regular expression");
  }

  /** regsub's reading of the stored replacement: & and \N refer, \\ and \& are literal */
  private parseRepl(src: string): (string | number)[] {
    const parts: (string | number)[] = [];
    let lit = "";
    for (let i = 0; i < src.length; ) {
      const c = src[i++]!;
      let no = -1;
      if (c === "&") no = 0;
      else if (c === "\\" && src[i]! >= "0" && src[i]! <= "9") no = src.charCodeAt(i++) - 48;
      if (no < 0) {
        if (c === "\\" && (src[i] === "\\" || src[i] === "&")) lit += src[i++];
        else lit += c;
      } else {
        if (lit) parts.push(this.ps(lit));
        lit = "";
        parts.push(no);
      }
    }
    if (lit) parts.push(this.ps(lit));
    return parts;
  }

  private compileFlags(L: string, p: number, s: Subst): number {
    s.n = 1;
    let gn = false;
    for (;;) {
      while (p < L.length && isspace(L.charCodeAt(p))) p++;
      const c = L[p] ?? "";
      switch (c) {
        case "g":
          if (gn) this.fatal("more than one number or 'g' in substitute flags");
          gn = true;
          s.n = 0;
          break;
        case "":
        case "\n":
        case ";":
          return p;
        case "p":
          s.p = true;
          break;
        case "i":
        case "I":
          s.icase = true;
          break;
        case "1": case "2": case "3": case "4": case "5": case "6": case "7": case "8": case "9": {
          if (gn) this.fatal("more than one number or 'g' in substitute flags");
          gn = true;
          let q = p, v = 0;
          while (q < L.length && L[q]! >= "0" && L[q]! <= "9") { v = v * 10 + (L.charCodeAt(q) - 48); q++; }
          if (v > 2147483647) this.fatal("overflow in the 'N' substitute flag");
          s.n = v;
          p = q - 1;
          break;
        }
        case "w": {
          p++;
          while (p < L.length && isspace(L.charCodeAt(p))) p++;
          let q = p;
          while (q < L.length && L[q] !== "\n") q++;
          const name = L.slice(p, q);
          if (name === "") this.fatal("no wfile specified");
          s.wfile = name;
          if (!this.aflag) s.wfd = openW(this.ctx, name);
          return q;
        }
        default:
          this.fatal(`bad flag in substitute command: '${c}'`);
      }
      p++;
    }
  }

  private compileTr(L: string, p: number, cmd: Cmd): number {
    if (p >= L.length || L[p] === "\\") this.fatal("transform pattern can not be delimited by newline or backslash");
    const o = this.compileDelimited(L, p, true);
    if (!o) this.fatal("unterminated transform source string");
    const n = this.compileDelimited(L, o.p - 1, true);
    if (!n) this.fatal("unterminated transform target string");
    p = n.p;
    while (p < L.length && isspace(L.charCodeAt(p))) p++;
    const chars = (x: string): string[] => {
      if (!this.utf8) return Array.from(latin1(encode(x)));
      const out = Array.from(x);
      if (out.some((c) => { const k = c.charCodeAt(0); return k >= 0xdc80 && k <= 0xdcff; })) {
        errx(this.ctx, 1, strerror(84));
      }
      return out;
    };
    const oc = chars(o.s), nc = chars(n.s);
    if (oc.length !== nc.length) this.fatal("transform strings are not the same length");
    const y: Tr = { single: new Map(), multi: [] };
    for (let i = 0; i < oc.length; i++) {
      const a = oc[i]!, b = nc[i]!;
      const oneByte = (c: string) => !this.utf8 || c.charCodeAt(0) < 0x80;
      if (oneByte(a) && oneByte(b)) y.single.set(a, b);
      else {
        y.single.delete(a);
        y.multi.push([a, b]);
      }
    }
    cmd.y = y;
    return p;
  }

  /** compile_text: the text of a, i, c (backslashes removed, "\<newline>" continues). */
  /** The text of a, i, c: script lines up to one not ending in a backslash; `first` is a line
   * already read (the one-line form). */
  private compileText(first?: string): string {
    let text = "";
    for (;;) {
      let L: string;
      if (first !== undefined) {
        L = first.endsWith("\n") ? first : first + "\n";
        first = undefined;
      } else {
        const r = this.cuGets();
        if (!r) break;
        L = r.line;
      }
      let escNl = false;
      for (let p = 0; p < L.length; p++) {
        if (L[p] === "\\" && p + 1 < L.length) {
          p++;
          if (L[p] === "\n") escNl = true;
        }
        text += L[p];
      }
      if (!escNl) break;
    }
    return text;
  }

  private duptoeol(s: string, ctype: string): string {
    let i = 0, ws = false;
    for (; i < s.length && s[i] !== "\n"; i++) ws = isspace(s.charCodeAt(i));
    if (ws) warnx(this.ctx, `${this.linenum}: ${this.fname}: whitespace after ${ctype}`);
    return s.slice(0, i);
  }

  private fixuplabel(cp: Cmd | null, end: Cmd | null): void {
    for (; cp !== end && cp; cp = cp.next) {
      if (cp.code === "b" || cp.code === "t") {
        if (cp.t === null) { cp.u = null; continue; }
        const l = this.labels.get(cp.t);
        if (!l) this.fatal(`undefined label '${cp.t}'`);
        l.ref = true;
        cp.u = l.cmd;
      } else if (cp.code === "{") this.fixuplabel(cp.u, cp.next);
    }
  }

  resetstate(): void {
    for (const c of this.allCmds) if (c.a2) c.startline = c.zero ? -1 : 0;
    this.hs = "";
  }

  // ---------- process.c ----------
  hs = "";
  hsNull = true;
  /** the pattern space; null while it is the input line, not yet decoded (see psStr) */
  private _ps: string | null = "";
  get psStr(): string {
    if (this._ps === null) this._ps = this.utf8 ? decode(this.rawBuf, this.rawS, this.rawE) : latin1(this.rawBuf, this.rawS, this.rawE);
    return this._ps;
  }
  set psStr(v: string) {
    this._ps = v;
    this.rawOk = false;
  }
  psanl = false;
  pd = false;
  quit = false;
  sdone = false;
  lastaddr = false;
  defpreg: Regex | null = null;
  appends: (Uint8Array | { file: string })[] = [];
  out!: Writer;
  outfname = "stdout";
  rval = 0;
  /** q ended the run: the status to exit with */
  quitStatus: number | undefined;
  termwidth = -1;

  // While the pattern space is still the line as read, it is these bytes of the input buffer
  // (rawOk): it is decoded only when a command looks at it, a regex whose required bytes are not in
  // the line is settled without decoding it, and it is written out as the bytes it was. Consecutive
  // such lines go out as one write (the pending range). Both end before the buffer is refilled.
  private rawOk = false;
  private rawBuf = new Uint8Array(0);
  private rawS = 0;
  private rawE = 0;
  /** the raw line had its '\n' (at rawE) */
  private rawNl = false;
  private pendBuf: Uint8Array | null = null;
  private pendS = 0;
  private pendE = 0;
  /** required bytes of an RE -> [searched from, next occurrence or -1] in the current buffer */
  private occ = new Map<Uint8Array, [number, number]>();
  private hay: ByteSearch | null = null;

  /** the input buffer is about to change: decode the pattern space, write the pending range */
  private beforeFill = (): void => {
    if (this._ps === null) this._ps = this.utf8 ? decode(this.rawBuf, this.rawS, this.rawE) : latin1(this.rawBuf, this.rawS, this.rawE);
    this.rawOk = false;
    this.flushPend();
    this.occ.clear();
    this.hay = null;
    this.bufPlain = undefined;
  };

  flushPend(): void {
    if (this.pendBuf !== null) {
      const b = this.pendBuf;
      this.pendBuf = null;
      this.out.write(this.pendS === 0 && this.pendE === b.length ? b : b.subarray(this.pendS, this.pendE));
    }
  }
  /** write to the output (after the pending range) */
  w(data: Uint8Array | string): void {
    if (this.pendBuf !== null) this.flushPend();
    this.out.write(data);
  }
  wb(b: number): void {
    if (this.pendBuf !== null) this.flushPend();
    this.out.byte(b);
  }

  OUT(): void {
    if (this.rawOk) {
      const e = this.rawE + (this.psanl && this.rawNl ? 1 : 0);
      if (this.pendBuf === this.rawBuf && this.pendE === this.rawS) this.pendE = e;
      else {
        this.flushPend();
        this.pendBuf = this.rawBuf;
        this.pendS = this.rawS;
        this.pendE = e;
      }
      if (this.psanl && !this.rawNl) this.wb(10);
      return;
    }
    this.put(this.psStr);
    if (this.psanl) this.wb(10);
  }
  put(s: string): void {
    if (this.utf8) this.w(s);
    else this.w(unlatin1(s));
  }

  /** false when `re` cannot match the pattern space: its required bytes are not in the raw line */
  private mayMatch(re: Regex): boolean {
    if (!this.rawOk || this.rawBuf !== this.infile!.buf) return true;
    const lit = re.required();
    if (lit === null) return true;
    let o = this.occ.get(lit);
    if (o === undefined || o[0] > this.rawS || (o[1] >= 0 && o[1] < this.rawS)) {
      this.hay ??= byteSearch(this.infile!.buf.subarray(0, this.infile!.end));
      o = [this.rawS, this.hay.indexOf(lit, this.rawS)];
      this.occ.set(lit, o);
    }
    return o[1] >= 0 && o[1] + lit.length <= this.rawE;
  }

  process(): void {
    this.linenum = 0;
    for (const c of this.allCmds) if (c.zero) c.startline = -1;
    while (this.mfGets(false)) {
      this.pd = false;
      let cp: Cmd | null = this.prog;
      top: for (;;) {
        while (cp) {
          if (!this.applies(cp)) { cp = cp.next; continue; }
          switch (cp.code) {
            case "{":
              cp = cp.u;
              continue;
            case "a":
              this.appends.push(cp.text!);
              break;
            case "b":
              cp = cp.u;
              continue;
            case "c":
              this.pd = true;
              this.psStr = "";
              if (cp.a2 === null || this.lastaddr || this.lastline()) this.w(cp.text!);
              break;
            case "d":
              this.pd = true;
              break top;
            case "D": {
              if (this.pd) break top;
              const i = this.psStr.indexOf("\n");
              if (i < 0) { this.pd = true; break top; }
              this.psStr = this.psStr.slice(i + 1);
              cp = this.prog;
              continue top;
            }
            case "g":
              this.psStr = this.hs;
              break;
            case "G":
              this.psStr += "\n" + this.hs;
              break;
            case "h":
              this.hs = this.psStr;
              break;
            case "H":
              this.hs += "\n" + this.psStr;
              break;
            case "i":
              this.w(cp.text!);
              break;
            case "l":
              this.lputs(this.psStr);
              break;
            case "n":
              if (!this.nflag && !this.pd) this.OUT();
              this.flushAppends();
              if (!this.mfGets(false)) throw new Exit(0);
              this.pd = false;
              break;
            case "N":
              this.flushAppends();
              this.psStr += "\n";
              if (!this.mfGets(true)) throw new Exit(0);
              break;
            case "p":
              if (!this.pd) this.OUT();
              break;
            case "P": {
              if (this.pd) break;
              const i = this.psStr.indexOf("\n");
              if (i >= 0) {
                this.put(this.psStr.slice(0, i));
                this.wb(10);
              } else this.OUT();
              break;
            }
            case "q":
              if (cp.status !== undefined) this.rval = cp.status;
              if (this.inplace === null) {
                if (!this.nflag && !this.pd) this.OUT();
                this.flushAppends();
                this.flushPend();
                this.quitStatus = this.rval;
                throw new Exit(0);
              }
              this.quit = true;
              break;
            case "r":
              this.appends.push({ file: cp.t! });
              break;
            case "s":
              if (this.substitute(cp.s!)) this.sdone = true;
              break;
            case "t":
              if (this.sdone) {
                this.sdone = false;
                cp = cp.u;
                continue;
              }
              break;
            case "w":
              if (this.pd) break;
              if (cp.fd === -1) cp.fd = openW(this.ctx, cp.t!);
              this.wwrite(cp.fd, cp.t!);
              break;
            case "x": {
              const t = this.psStr;
              this.psStr = this.hs;
              this.hs = t;
              break;
            }
            case "y":
              if (this.pd || this.psStr.length === 0) break;
              this.doTr(cp.y!);
              break;
            case "=":
              this.w(`${this.linenum}\n`);
              break;
          }
          cp = cp.next;
        }
        break;
      }
      // new:
      if (!this.nflag && !this.pd) this.OUT();
      this.flushAppends();
    }
    this.flushPend();
  }

  private wwrite(fd: number, name: string): void {
    const b = this.utf8 ? encode(this.psStr + "\n") : unlatin1(this.psStr + "\n");
    try {
      writeAll(fd, b);
    } catch (e) {
      err(this.ctx, 1, name, e);
    }
  }

  /** MATCH(a) */
  private match(a: Addr): boolean {
    if (a.type === AT_RE) return this.regexecE(a.re, null, false, 0, true) !== null;
    if (a.type === AT_LINE) return this.linenum === a.l;
    return this.lastline();
  }

  private applies(cp: Cmd): boolean {
    let r: boolean;
    this.lastaddr = false;
    if (cp.a1 === null && cp.a2 === null) r = true;
    else if (cp.a2) {
      if (cp.startline > 0 || cp.startline === -1) {
        const a2 = cp.a2;
        if (a2.type === AT_RELLINE) {
          if (this.linenum - cp.startline <= a2.l) r = true;
          else { cp.startline = 0; r = false; }
        } else if (this.match(a2)) {
          cp.startline = 0;
          this.lastaddr = true;
          r = true;
        } else if (a2.type === AT_LINE && this.linenum > a2.l) {
          cp.startline = 0;
          r = false;
        } else r = true;
      } else if (cp.a1 && this.match(cp.a1)) {
        if ((cp.a2.type === AT_LINE && this.linenum >= cp.a2.l) || (cp.a2.type === AT_RELLINE && cp.a2.l === 0)) this.lastaddr = true;
        else cp.startline = this.linenum;
        r = true;
      } else r = false;
    } else r = this.match(cp.a1!);
    return cp.nonsel ? !r : r;
  }

  /**
   * regexec_e: the match of `re` (null: the last RE used) in ps from `start`, as musl sees it
   * without REG_STARTEND: the subject is ps[start, first NUL after start).
   */
  private scanned = "";
  private scannedNul = false;
  private scannedValid = true;
  private regexecE(re: Regex | null, ps: string | null, notbol: boolean, start: number, nomatch: boolean): ([number, number] | undefined)[] | null {
    if (re === null) {
      if (this.defpreg === null) errx(this.ctx, 1, "first RE may not be empty");
      re = this.defpreg;
    } else this.defpreg = re;
    // null: the pattern space, which may be settled from its raw bytes
    if (ps === null) {
      if (!this.mayMatch(re)) return null;
      ps = this.psStr;
    }
    void nomatch;
    let lit = literalCache.get(re);
    if (lit === undefined) {
      const f = Regex.lineFinder([re]);
      lit = f && f.literal && f.literal.length ? (this.utf8 ? decode(f.literal) : latin1(f.literal)) : null;
      literalCache.set(re, lit);
    }
    // facts about this pattern space, found once (s///g calls here once per match)
    if (ps !== this.scanned) {
      this.scanned = ps;
      this.scannedNul = ps.indexOf("\0") >= 0;
      this.scannedValid = !this.utf8 || !SURROGATE.test(ps);
    }
    const nul = this.scannedNul ? ps.indexOf("\0", start) : -1;
    // a plain string: a native search, where the subject is what musl would see whole
    if (lit !== null && nul < 0 && this.scannedValid) {
      const i = ps.indexOf(lit, start);
      return i < 0 ? null : [[i, i + lit.length]];
    }
    const subj = nul >= 0 ? ps.slice(0, nul) : ps;
    if (start > 0 && wordy(re)) {
      const m = re.exec(subj.slice(start), 0, { notbol });
      if (m) for (const sp of m) if (sp) { sp[0] += start; sp[1] += start; }
      return m;
    }
    // from > 0: ^ cannot hold there anyway (no REG_NEWLINE), so REG_NOTBOL changes nothing
    return re.exec(subj, start, notbol && start === 0 ? { notbol } : undefined);
  }

  private substitute(s: Subst): boolean {
    const re = s.re;
    if (re === null && this.defpreg !== null && s.maxbref > this.defpreg.nsub) {
      this.linenum = s.linenum;
      errx(this.ctx, 1, `${this.linenum}: ${this.fname}: \\${s.maxbref} not defined in the RE`);
    }
    if (re !== null && this.rawOk && (s.n === 0 || s.n === 1)) {
      const r = this.byteSubst(s, re);
      if (r === 1) return this.substituted(s);
      if (r === 0) return false;
    }
    let m = this.regexecE(re, null, false, 0, false);
    if (!m) return false;
    const ps = this.psStr;
    const psl = ps.length;
    // a plain string replaced by fixed text, first or every occurrence: native string operations
    // (regexecE just took the plain-string path: the pattern space is valid and holds no NUL)
    const lit = literalCache.get(this.defpreg!);
    if (s.fixed === undefined) s.fixed = s.parts.every((x) => typeof x === "string") ? (s.parts as string[]).join("") : null;
    if (lit && (s.n === 0 || s.n === 1) && !this.scannedNul && this.scannedValid && s.fixed !== null) {
      const rep = s.fixed;
      const so = m[0]![0];
      this.psStr = s.n === 1 ? ps.slice(0, so) + rep + ps.slice(so + lit.length) : ps.split(lit).join(rep);
      return this.substituted(s);
    }
    let out = "";
    let slen = psl, n = s.n, lastempty = true, le = 0;
    do {
      const so = m![0]![0], eo = m![0]![1];
      if (n <= 1 && so > le) out += ps.slice(le, so);
      if (lastempty || so - le || so !== eo) {
        if (n <= 1) {
          out += regsub(ps, m!, s.parts);
          if (n === 1) n = -1;
        } else {
          if (eo - le) out += ps.slice(le, eo);
          n--;
        }
      }
      slen = psl - eo;
      le = eo;
      if (so === eo) {
        if (eo >= psl) slen = -1;
        else {
          const c = ps.charCodeAt(eo);
          if (c === 10) {
            slen = -1;
            out += "\n";
            le++;
          } else if (c === 0) {
            // the reference stops here and drops the rest; keep it
            break;
          } else if (this.utf8 && c >= 0x80 && !(c >= 0xdc80 && c <= 0xdcff)) {
            // one byte of a multibyte character: musl's regexec sees an invalid sequence next
            break;
          } else {
            slen--;
            out += ps[eo];
            le++;
          }
        }
        lastempty = true;
      } else lastempty = false;
    } while (n >= 0 && slen >= 0 && (m = this.regexecE(re, ps, true, le, false)));
    if (n > 0) return false;
    if (slen > 0) out += ps.slice(le);
    this.psStr = out;
    return this.substituted(s);
  }

  /** the read buffer holds only ASCII and no NUL (undefined: not looked at since the last fill) */
  private bufPlain: boolean | undefined;

  /**
   * s/plain string/fixed text/ or .../g on a raw line of a read buffer that is all ASCII without
   * NUL: the bytes are replaced directly (no decoding, no encoding), and the pattern space stays raw
   * bytes. 1: substituted; 0: the line holds no occurrence; -1: this does not apply.
   */
  private byteSubst(s: Subst, re: Regex): number {
    const inf = this.infile;
    if (inf === null || this.rawBuf !== inf.buf) return -1;
    let lit = litBytes.get(re);
    if (lit === undefined) {
      const f = Regex.lineFinder([re]);
      litBytes.set(re, (lit = f && f.literal && f.literal.length ? f.literal : null));
    }
    if (lit === null) return -1;
    if (s.fixed === undefined) s.fixed = s.parts.every((x) => typeof x === "string") ? (s.parts as string[]).join("") : null;
    if (s.fixed === null) return -1;
    if (this.bufPlain === undefined) {
      const all = inf.buf.subarray(0, inf.end);
      this.bufPlain = all.indexOf(0) < 0 && isAscii(all);
    }
    if (!this.bufPlain) return -1;
    this.defpreg = re;
    if (!this.mayMatch(re)) return 0;
    const buf = this.rawBuf, s0 = this.rawS, e0 = this.rawE, n = lit.length;
    this.hay ??= byteSearch(inf.buf.subarray(0, inf.end));
    const at: number[] = [];
    for (let q = this.hay.indexOf(lit, s0); q >= 0 && q + n <= e0; q = this.hay.indexOf(lit, q + n)) {
      at.push(q);
      if (s.n === 1) break;
    }
    if (!at.length) return 0;
    s.fixedBytes ??= this.utf8 ? encode(s.fixed) : unlatin1(s.fixed);
    const rep = s.fixedBytes;
    const len = e0 - s0 + at.length * (rep.length - n);
    const out = new Uint8Array(len + 1);
    let o = 0, prev = s0;
    for (const q of at) {
      o = copyBytes(out, o, buf, prev, q);
      o = copyBytes(out, o, rep, 0, rep.length);
      prev = q + n;
    }
    copyBytes(out, o, buf, prev, e0);
    out[len] = 10;
    this.rawBuf = out;
    this.rawS = 0;
    this.rawE = len;
    this._ps = null;
    return 1;
  }

  /** the p and w flags of a substitution that happened */
  private substituted(s: Subst): boolean {
    if (s.p) this.OUT();
    if (s.wfile !== null && !this.pd) {
      if (s.wfd === -1) s.wfd = openW(this.ctx, s.wfile);
      this.wwrite(s.wfd, s.wfile);
    }
    return true;
  }

  private doTr(y: Tr): void {
    if (this.rawOk && !y.multi.length) {
      // ASCII to ASCII on the raw line: a byte table (no ASCII byte is part of a multibyte
      // character), and the result stays raw bytes
      let t = asciiTables.get(y);
      if (t === undefined) {
        let ok = true;
        const tab = new Uint8Array(256);
        for (let i = 0; i < 256; i++) tab[i] = i;
        for (const [a, b] of y.single) {
          const x = a.charCodeAt(0), z = b.charCodeAt(0);
          if (a.length !== 1 || b.length !== 1 || x >= 0x80 || z >= 0x80) ok = false;
          else tab[x] = z;
        }
        asciiTables.set(y, (t = ok ? tab : null));
      }
      if (t !== null) {
        const b = this.rawBuf.slice(this.rawS, this.rawE + (this.rawNl ? 1 : 0));
        const n = this.rawE - this.rawS;
        for (let i = 0; i < n; i++) b[i] = t[b[i]!]!;
        this.rawBuf = b;
        this.rawS = 0;
        this.rawE = n;
        this._ps = null;
        return;
      }
    }
    const ps = this.psStr;
    let out = "";
    for (const c of ps) {
      const r = y.single.get(c);
      if (r !== undefined) { out += r; continue; }
      let hit: string | undefined;
      for (const [a, b] of y.multi) if (a === c) { hit = b; break; }
      out += hit ?? c;
    }
    this.psStr = out;
  }

  private flushAppends(): void {
    if (this.appends.length === 0) {
      this.sdone = false;
      return;
    }
    for (const a of this.appends) {
      if (a instanceof Uint8Array) this.w(a);
      else {
        let fd: number;
        try {
          fd = open(a.file, O.RDONLY);
        } catch {
          continue;
        }
        try {
          const buf = new Uint8Array(65536);
          for (let k; (k = read(fd, buf)) > 0; ) this.w(buf.subarray(0, k));
        } catch {
        } finally {
          close(fd);
        }
      }
    }
    this.appends.length = 0;
    this.sdone = false;
  }

  private lputs(ps: string): void {
    const escapes = "\\\x07\b\f\r\t\v", names = "\\abfrtv";
    if (this.out !== this.stdoutW) this.termwidth = 60;
    if (this.termwidth === -1) {
      const cols = this.ctx.env.get("COLUMNS");
      if (cols) this.termwidth = atoi(cols);
      else {
        const w = winsize(1);
        this.termwidth = w && w.cols > 0 ? w.cols : 60;
      }
    }
    const tw = this.termwidth <= 0 ? 1 : this.termwidth;
    const b = this.utf8 ? encode(ps) : unlatin1(ps);
    const o: number[] = [];
    const str = (s: string) => { for (let k = 0; k < s.length; k++) o.push(s.charCodeAt(k)); };
    let col = 0;
    for (let i = 0; i < b.length; ) {
      let clen = 1, wc = b[i]!;
      if (this.utf8 && wc >= 0x80) {
        const n = seqLen(b, i);
        if (n > 0) {
          clen = n;
          wc = decode(b, i, i + n).codePointAt(0)!;
        }
      } else if (!this.utf8 && wc >= 0x80) wc = 0xdf00 + wc; // musl's C locale: a code unit
      if (wc === 10) {
        if (col + 1 >= tw) str("\\\n");
        str("$\n");
        col = 0;
      } else if (iswprint(wc)) {
        const w = wcwidth(wc);
        if (col + w >= tw) { str("\\\n"); col = 0; }
        for (let k = 0; k < clen; k++) o.push(b[i + k]!);
        col += w;
      } else if (wc !== 0 && wc < 0x80 && escapes.includes(String.fromCharCode(wc))) {
        if (col + 2 >= tw) { str("\\\n"); col = 0; }
        str("\\" + names[escapes.indexOf(String.fromCharCode(wc))]);
        col += 2;
      } else {
        if (col + 4 * clen >= tw) { str("\\\n"); col = 0; }
        for (let k = 0; k < clen; k++) str("\\" + b[i + k]!.toString(8).padStart(3, "0"));
        col += 4 * clen;
      }
      i += clen;
    }
    if (col + 1 >= tw) str("\\\n");
    str("$\n");
    this.w(Uint8Array.from(o));
  }

  // ---------- main.c: input files ----------
  files: (string | null)[] = [];
  private fidx = 0;
  private infile: Input | null = null;
  private started = false;
  private firstfile = false;
  private oldfname = "";
  tmpfname = "";
  private curName = "";
  stdoutW!: Writer;

  setStdout(w: Writer) {
    this.stdoutW = w;
    this.out = w;
  }

  /** mf_fgets: the next input line into the pattern space (appended for N). false at the end. */
  mfGets(append: boolean): boolean {
    if (!this.started) {
      this.started = true;
      if (this.files[0] === null) {
        if (this.inplace !== null) errx(this.ctx, 1, "-I or -i may not be used with stdin");
        this.infile = new Input(this.ctx.stdin, true);
        this.infile.beforeFill = this.beforeFill;
        this.fname = "stdin";
        this.out = this.stdoutW;
        this.outfname = "stdout";
      }
      this.firstfile = true;
    }
    for (;;) {
      if (this.infile !== null && !this.quit && this.infile.more()) break;
      if (this.infile !== null && this.infile.isStdin) return false;
      this.beforeFill(); // the next file: its own buffer and perhaps its own output
      if (this.infile !== null) {
        this.infile.close();
        this.infile = null;
        this.finishInplace();
        if (this.quit && this.inplace !== null) return false;
      }
      if (!this.firstfile) this.fidx++;
      else this.firstfile = false;
      if (this.fidx >= this.files.length) return false;
      const name = this.files[this.fidx]!;
      this.fname = name;
      this.curName = name;
      let st;
      if (this.inplace !== null) {
        try {
          st = lstat(name);
        } catch (e) {
          err(this.ctx, 1, name, e);
        }
        if (!S_ISREG(st.mode)) errx(this.ctx, 1, `${name}: in-place editing only works for regular files`);
        if (this.inplace !== "") this.oldfname = name + this.inplace;
        const dir = pathDirname(name), base = pathBasename(name);
        this.tmpfname = `${dir}/.!${getpid()}!${base}`;
        try { unlink(this.tmpfname); } catch {}
        if (this.out !== this.stdoutW) this.closeOut();
        let fd: number;
        try {
          fd = open(this.tmpfname, O.WRONLY | O.CREAT | O.TRUNC, 0o666);
        } catch (e) {
          this.tmpfname = "";
          err(this.ctx, 1, name, e);
        }
        try { fchown(fd, st.uid, st.gid); } catch {}
        try { fchmod(fd, st.mode & 0o7777); } catch {}
        this.out = new Writer(fd);
        this.out.lineBuffered = false;
        this.outfname = this.tmpfname;
        if (!this.ispan) {
          this.linenum = 0;
          this.resetstate();
        }
      } else {
        this.out = this.stdoutW;
        this.outfname = "stdout";
      }
      let fd: number;
      try {
        fd = open(name, O.RDONLY);
      } catch (e) {
        warn(this.ctx, name, e);
        this.rval = 1;
        if (this.inplace !== null) this.dropTemp();
        continue;
      }
      this.infile = new Input(fd, false);
      this.infile.beforeFill = this.beforeFill;
    }
    const inf = this.infile!;
    if (append) {
      const ps = this.psStr; // decoded before the buffer may move
      inf.next();
      const s = this.utf8 ? decode(inf.buf, inf.ls, inf.le) : latin1(inf.buf, inf.ls, inf.le);
      this.psanl = inf.nl ? true : !this.lastline();
      this.psStr = ps + s;
    } else {
      inf.next();
      this.rawBuf = inf.buf;
      this.rawS = inf.ls;
      this.rawE = inf.le;
      this.rawNl = inf.nl;
      this._ps = null;
      this.rawOk = true;
      this.psanl = inf.nl ? true : !this.lastline();
    }
    this.linenum++;
    return true;
  }

  private closeOut(): void {
    this.flushPend();
    const o = this.out;
    try {
      o.flush();
      close(o.fd);
    } catch (e) {
      warn(this.ctx, "fclose()", e);
      this.dropTemp();
      throw new Exit(1);
    }
  }

  /** The temporary file of an in-place edit that will not be used (the original stays). */
  dropTemp(): void {
    this.pendBuf = null; // what was pending belongs to the file that will not be used
    if (this.tmpfname) {
      if (this.out !== this.stdoutW) {
        try { close(this.out.fd); } catch {}
        this.out = this.stdoutW;
      }
      try { unlink(this.tmpfname); } catch {}
      this.tmpfname = "";
    }
  }

  private finishInplace(): void {
    this.flushPend();
    const fname = this.curName;
    if (this.tmpfname && this.out !== this.stdoutW) {
      this.closeOut();
      this.out = this.stdoutW;
    }
    if (this.oldfname) {
      try { unlink(this.oldfname); } catch {}
      try {
        link(fname, this.oldfname);
      } catch {
        try {
          rename(fname, this.oldfname);
        } catch (e) {
          warn(this.ctx, "rename()", e);
          if (this.tmpfname) try { unlink(this.tmpfname); } catch {}
          throw new Exit(1);
        }
      }
      this.oldfname = "";
    }
    if (this.tmpfname) {
      try {
        rename(this.tmpfname, fname);
      } catch (e) {
        warn(this.ctx, "rename()", e);
        try { unlink(this.tmpfname); } catch {}
        throw new Exit(1);
      }
      this.tmpfname = "";
    }
    this.outfname = "";
  }

  lastline(): boolean {
    if (this.infile && this.infile.more()) return false;
    return !((this.inplace === null || this.ispan) && this.nextFilesHaveLines());
  }

  private nextFilesHaveLines(): boolean {
    for (let i = this.fidx + 1; i < this.files.length; i++) {
      const name = this.files[i];
      if (name === null || name === undefined) continue;
      let fd: number;
      try {
        fd = open(name, O.RDONLY);
      } catch {
        continue;
      }
      try {
        const b = new Uint8Array(1);
        if (read(fd, b) > 0) return true;
      } catch {
      } finally {
        close(fd);
      }
    }
    return false;
  }

  closeW(): void {
    for (const c of this.allCmds) {
      if (c.fd !== -1) { try { close(c.fd); } catch (e) { err(this.ctx, 1, c.t!, e); } c.fd = -1; }
      if (c.s && c.s.wfd !== -1) { try { close(c.s.wfd); } catch (e) { err(this.ctx, 1, c.s.wfile!, e); } c.s.wfd = -1; }
    }
  }
}

/** An input file read in chunks; lines with their '\n'; more() peeks. */
class Input {
  buf = new Uint8Array(1 << 16);
  start = 0;
  end = 0;
  eof = false;
  /** the line next() found: buf[ls, le), and whether a '\n' followed it */
  ls = 0;
  le = 0;
  nl = false;
  /** called before the buffer's contents change */
  beforeFill: () => void = () => {};
  constructor(public fd: number, public isStdin: boolean) {}
  private fill(): boolean {
    if (this.eof) return false;
    this.beforeFill();
    makeRoom(this, 1 << 20); // files are read in bulk: the buffer grows to 1 MiB
    const n = read(this.fd, this.buf, this.end, this.buf.length - this.end);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.end += n;
    return true;
  }
  more(): boolean {
    return this.start < this.end || this.fill();
  }
  /** the next line (see ls, le, nl) */
  next(): void {
    let scan = this.start;
    for (;;) {
      const i = this.buf.indexOf(10, scan);
      if (i >= 0 && i < this.end) {
        this.ls = this.start;
        this.le = i;
        this.nl = true;
        this.start = i + 1;
        return;
      }
      const off = this.end - this.start;
      if (!this.fill()) {
        this.ls = this.start;
        this.le = this.end;
        this.nl = false;
        this.start = this.end;
        return;
      }
      scan = this.start + off;
    }
  }
  close(): void {
    if (!this.isStdin) try { close(this.fd); } catch {}
  }
}

// command table: [max addresses, argument kind]
const GROUP = 1, ENDGROUP = 2, TEXT = 3, BRANCH = 4, EMPTY = 5, RFILE = 6, SUBST = 7, WFILE = 8, TR = 9, NONSEL = 10, LABEL = 11, COMMENT = 12;
const FMTS: Record<string, [number, number]> = {
  "{": [2, GROUP], "}": [0, ENDGROUP], a: [1, TEXT], b: [2, BRANCH], c: [2, TEXT], d: [2, EMPTY], D: [2, EMPTY],
  g: [2, EMPTY], G: [2, EMPTY], h: [2, EMPTY], H: [2, EMPTY], i: [1, TEXT], l: [2, EMPTY], n: [2, EMPTY],
  N: [2, EMPTY], p: [2, EMPTY], P: [2, EMPTY], q: [1, EMPTY], r: [1, RFILE], s: [2, SUBST], t: [2, BRANCH],
  w: [2, WFILE], x: [2, EMPTY], y: [2, TR], "!": [2, NONSEL], ":": [0, LABEL], "#": [0, COMMENT], "=": [1, EMPTY],
};

function isspace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  return Number.parseInt(m[1]!, 10) | 0;
}

/** \xH or \xHH: the byte as a script character (an invalid byte in lossless form) */
function dohex(L: string, i: number): { c: string; len: number } | null {
  const hx = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
  if (!hx(L[i])) return null;
  const len = hx(L[i + 1]) ? 2 : 1;
  const v = Number.parseInt(L.slice(i, i + len), 16);
  return { c: v < 0x80 ? String.fromCharCode(v) : String.fromCharCode(0xdc00 + v), len };
}

/** UTF-8 sequence length at b[i], 0 when invalid */
function seqLen(b: Uint8Array, i: number): number {
  const c = b[i]!;
  let n: number, min: number;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; }
  else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; }
  else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; }
  else return 0;
  if (i + n > b.length) return 0;
  let cp = c & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let k = 1; k < n; k++) {
    const d = b[i + k]!;
    if ((d & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

const wordyCache = new WeakMap<Regex, boolean>();
const literalCache = new WeakMap<Regex, string | null>();
/** dst[o..] = src[s, e); returns the new o (a loop for short runs: a subarray costs more) */
function copyBytes(dst: Uint8Array, o: number, src: Uint8Array, s: number, e: number): number {
  if (e - s > 48) {
    dst.set(src.subarray(s, e), o);
    return o + e - s;
  }
  for (let i = s; i < e; i++) dst[o++] = src[i]!;
  return o;
}

/** the bytes of an RE that is a plain string (see byteSubst) */
const litBytes = new WeakMap<Regex, Uint8Array | null>();
/** y commands that map ASCII characters to ASCII characters only: their byte table */
const asciiTables = new WeakMap<Tr, Uint8Array | null>();
const SURROGATE = /[\uD800-\uDFFF]/;
/** Whether the RE looks at the character before the match start (word assertions): then a retry
 * must see the subject cut at the start, as musl's regexec on string+start does. */
function wordy(re: Regex): boolean {
  return wordyCache.get(re) ?? true;
}

function regsub(ps: string, m: ([number, number] | undefined)[], parts: (string | number)[]): string {
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") out += p;
    else {
      const sp = m[p];
      if (sp) out += ps.slice(sp[0], sp[1]);
    }
  }
  return out;
}

function openW(ctx: Ctx, name: string): number {
  try {
    return open(name, WFLAGS, DEFFILEMODE);
  } catch (e) {
    err(ctx, 1, name, e);
  }
}

function readAll(fd: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const b = new Uint8Array(65536);
    const n = read(fd, b);
    if (n === 0) break;
    chunks.push(b.subarray(0, n));
    total += n;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

export default defineApplet({
  name: "sed",
  main(ctx) {
    const sed = new Sed(ctx);
    sed.setStdout(ctx.out);
    const g = new Getopt(ctx, "EI:ae:f:i:lnru");
    let eflag = false, fflag = false, fflagstdin = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "r":
        case "E": sed.rflags.extended = true; break;
        case "I": sed.inplace = g.optarg!; sed.ispan = true; break;
        case "a": sed.aflag = true; break;
        case "e": eflag = true; sed.units.push({ file: false, s: g.optarg! + "\n" }); break;
        case "f":
          fflag = true;
          if (g.optarg === "-") fflagstdin = true;
          sed.units.push({ file: true, s: g.optarg! });
          break;
        case "i": sed.inplace = g.optarg!; sed.ispan = false; break;
        case "l": ctx.out.lineBuffered = true; break;
        case "n": sed.nflag = true; break;
        case "u": ctx.out.unbuffered = true; break;
        default: usage(ctx, USAGE(ctx.prog));
      }
    }
    let args = g.rest;
    if (!eflag && !fflag && args.length) {
      sed.units.push({ file: false, s: args[0]! + "\n" });
      args = args.slice(1);
    }
    sed.compile();
    if (args.length) sed.files = args;
    else if (fflagstdin) return sed.rval;
    else sed.files = [null];
    try {
      sed.process();
      sed.closeW();
    } catch (e) {
      try { sed.flushPend(); } catch {} // (an output error is reported below)
      if (e instanceof SysError) {
        // an output error (ferror(outfile) in the reference)
        sed.dropTemp();
        try { ctx.out.flush(); } catch {}
        errx(ctx, 1, `${sed.outfname}: ${e.message}`);
      }
      if (e instanceof Exit) {
        if (e.code !== 0) sed.dropTemp();
        else {
          try { ctx.out.flush(); } catch (f) { if (f instanceof SysError) err(ctx, 1, "stdout", f); throw f; }
          if (sed.quitStatus !== undefined) return sed.quitStatus;
        }
      }
      throw e;
    }
    try {
      ctx.out.flush();
    } catch (e) {
      if (e instanceof SysError) err(ctx, 1, "stdout", e);
      throw e;
    }
    return sed.rval;
  },
});
