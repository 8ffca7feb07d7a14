// sdiff — side-by-side comparison of two files, and interactive merge.
// FreeBSD: sdiff(1) (OpenBSD lineage, as chimerautils ships it). Not a POSIX utility.
// Options (getopt_long "aBbdEHI:ilo:stWw:", permuting):
//   -l/--left-column  only the left column of common lines ("(")   -s/--suppress-common-lines
//   -w/--width n (default 126, at least 5)   -t/--expand-tabs   --tabsize n
//   -o/--output file  merge interactively: for each difference read a command from stdin:
//      l|1 left, r|2 right, e[l|r|b] edit (blank, left, right, both) with $VISUAL, $EDITOR or
//      /usr/bin/vi, s silent, v verbose, q quit (status 0); anything else prints the help
//   passed on to diff: -a -B -b -d -E -i -W (diff's -w) -I re, -H (--speed-large-files);
//   --strip-trailing-cr, --ignore-file-name-case, --no-ignore-file-name-case accepted, unused;
//   --diff-program accepted (diff runs in-process here)   --help
// As the reference, sdiff reads diff's normal output and walks both files along it; here diff
// (tools/diffutils/src/diff.ts) runs in-process with the same arguments and its output is
// captured, so -B/-I/-b/-i/-W decide exactly as diff does. Inputs that are not regular files
// (stdin as "-", pipes) are copied to $TMPDIR/sdiff.XXXXXXXXXX first, as the reference does.
// A NUL byte in the first 769 bytes of either file: "Binary files A and B differ" (status 1).
// Exit: diff's status (0 same, 1 different), 2 trouble; 0 after q or end of input at a prompt.
// Faithful quirks kept: columns count bytes; a line is cut at a NUL byte; a missing final newline
// (diff's "\ No newline at end of file" line) ends sdiff with "file1 start is invalid: ".
import { defineApplet, Getopt, Exit, Writer, errx, err, warn, strtonum, runApplet, readAll, type Ctx, type LongOpt } from "@bsdbox/shared";
import {
  open, close, read, fstat, unlink, writeAll, randomBytes, spawnvp, O, S_ISREG, SysError, latin1,
} from "@bsdbox/compat";
import diffApplet from "./diff";

const USAGE = "usage: sdiff [-abdilstHW] [-I regexp] [-o outfile] [-w width] file1 file2\n";
const HELP = [
  "usage: sdiff [-abdilstW] [-I regexp] [-o outfile] [-w width] file1 file2\n",
  "-l, --left-column: only print the left column for identical lines.",
  "-o OUTFILE, --output=OUTFILE: interactively merge file1 and file2 into outfile.",
  "-s, --suppress-common-lines: skip identical lines.",
  "-w WIDTH, --width=WIDTH: print a maximum of WIDTH characters on each line.",
  "",
  "Options passed to diff(1) are:",
  "\t-a, --text: treat file1 and file2 as text files.",
  "\t-b, --ignore-trailing-cr: ignore trailing blank spaces.",
  "\t-d, --minimal: minimize diff size.",
  "\t-I RE, --ignore-matching-lines=RE: ignore changes whose line matches RE.",
  "\t-i, --ignore-case: do a case-insensitive comparison.",
  "\t-t, --expand-tabs: expand tabs to spaces.",
  "\t-W, --ignore-all-space: ignore all whitespace.",
  "\t--speed-large-files: assume large file with scattered changes.",
  "\t--strip-trailing-cr: strip trailing carriage return.",
  "\t--ignore-file-name-case: ignore case of file names.",
  "\t--no-ignore-file-name-case: do not ignore file name case",
  "\t--tabsize NUM: change size of tabs (default 8.)",
];
const INT_USAGE =
  "e:\tedit blank diff\neb:\tedit both diffs concatenated\nel:\tedit left diff\ner:\tedit right diff\n" +
  "l | 1:\tchoose left diff\nr | 2:\tchoose right diff\ns:\tsilent mode--don't print identical lines\n" +
  "v:\tverbose mode--print identical lines\nq:\tquit\n";
const LONG: LongOpt[] = [
  ["suppress-common-lines", 0, "s"], ["width", 1, "w"], ["output", 1, "o"], ["diff-program", 1, "\x01dp"],
  ["ignore-file-name-case", 0, "\x01ifc"], ["no-ignore-file-name-case", 0, "\x01nifc"],
  ["strip-trailing-cr", 0, "\x01cr"], ["tabsize", 1, "\x01ts"], ["help", 0, "\x01help"], ["text", 0, "a"],
  ["ignore-blank-lines", 0, "B"], ["ignore-space-change", 0, "b"], ["minimal", 0, "d"],
  ["ignore-tab-expansion", 0, "E"], ["ignore-matching-lines", 1, "I"], ["ignore-case", 0, "i"],
  ["left-column", 0, "l"], ["expand-tabs", 0, "t"], ["speed-large-files", 0, "H"], ["ignore-all-space", 0, "W"],
].map(([name, has, val]) => ({ name: name as string, has: has as 0 | 1, val: val as string }));
const WIDTH = 126, WIDTH_MIN = 5, MAX_CHECK = 768, INT_MAX = 0x7fffffff;

type Line = Uint8Array | null;
interface Entry { left: Line; div: string; right: Line }

/** A Writer that keeps what is written (the in-process diff's standard output). */
class Capture extends Writer {
  chunks: Uint8Array[] = [];
  constructor() { super(-1, 16); }
  override write(d: Uint8Array | string): void {
    this.chunks.push(typeof d === "string" ? new TextEncoder().encode(d) : d.slice());
  }
  override byte(b: number): void { this.chunks.push(Uint8Array.of(b)); }
  override flush(): void {}
  bytes(): Uint8Array {
    let n = 0;
    for (const c of this.chunks) n += c.length;
    const out = new Uint8Array(n);
    n = 0;
    for (const c of this.chunks) { out.set(c, n); n += c.length; }
    return out;
  }
}

/** A stdio-like line source: getline without the '\n', cut at a NUL as a C string is. */
class Lines {
  pos = 0;
  constructor(public data: Uint8Array) {}
  get(): Line {
    const d = this.data;
    if (this.pos >= d.length) return null;
    let e = d.indexOf(10, this.pos);
    const end = e < 0 ? d.length : e;
    let l = d.subarray(this.pos, end);
    this.pos = e < 0 ? d.length : e + 1;
    const z = l.indexOf(0);
    if (z >= 0) l = l.subarray(0, z);
    return l;
  }
}

/** Standard input read line by line as the prompt needs it. */
class Stdin {
  buf = new Uint8Array(0);
  eof = false;
  constructor(private fd: number) {}
  get(): Line {
    for (;;) {
      const e = this.buf.indexOf(10);
      if (e >= 0 || (this.eof && this.buf.length)) {
        const end = e >= 0 ? e : this.buf.length;
        const l = this.buf.slice(0, end);
        this.buf = this.buf.subarray(e >= 0 ? e + 1 : this.buf.length);
        const z = l.indexOf(0);
        return z >= 0 ? l.subarray(0, z) : l;
      }
      if (this.eof) return null;
      const chunk = new Uint8Array(4096);
      const n = read(this.fd, chunk);
      if (n === 0) { this.eof = true; continue; }
      const nb = new Uint8Array(this.buf.length + n);
      nb.set(this.buf);
      nb.set(chunk.subarray(0, n), this.buf.length);
      this.buf = nb;
    }
  }
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function mkstemp(prefix: string): { fd: number; name: string } {
  for (;;) {
    const r = randomBytes(10);
    const name = prefix + Array.from(r, (b) => ALNUM[b % ALNUM.length]).join("");
    try {
      return { fd: open(name, O.RDWR | O.CREAT | O.EXCL, 0o600), name };
    } catch (e) {
      if (e instanceof SysError && e.code === "EEXIST") continue;
      throw e;
    }
  }
}

const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let n = 0;
  for (const p of parts) { out.set(p, n); n += p.length; }
  return out;
};
const NL = Uint8Array.of(10);

class Sdiff {
  lflag = false; sflag = false; tflag = false; Iflag = false;
  tabsize = 8; width = 0; lineWidth = 0;
  file1ln = 1; file2ln = 1;
  queue: Entry[] = [];
  outfp: Writer | undefined;
  tmpdir = "/tmp";
  stdin: Stdin;
  constructor(private ctx: Ctx) { this.stdin = new Stdin(ctx.stdin); }

  private printcol(s: Uint8Array, col: number, max: number): number {
    const out = this.ctx.out;
    for (let k = 0; k < s.length && col < max; k++) {
      const c = s[k]!;
      if (c === 9) {
        const nc = (Math.floor(col / this.tabsize) + 1) * this.tabsize;
        if (nc > max) return col;
        if (this.tflag) do out.byte(32); while (++col < nc);
        else { out.byte(9); col = nc; }
      } else { col++; out.byte(c); }
    }
    return col;
  }

  private println(s1: Line, div: string, s2: Line) {
    const out = this.ctx.out;
    let col = 0;
    if (s1) col = this.printcol(s1, col, this.width);
    for (; col < this.width; col++) out.byte(32);
    if (div === " " && !s2) { out.write(" (\n"); return; }
    if (!s2) { out.write(` ${div}\n`); return; }
    out.write(` ${div} `);
    col += 3;
    this.printcol(s2, col, this.lineWidth);
    out.byte(10);
  }

  private enqueue(left: Line, div: string, right: Line) { this.queue.push({ left, div, right }); }

  processq() {
    if (!this.queue.length) return;
    const divc = this.queue[0]!.div;
    const ls: Uint8Array[] = [], rs: Uint8Array[] = [];
    for (const d of this.queue) {
      if (!this.sflag || d.div === "|" || d.div === "<" || d.div === ">") this.println(d.left, d.div, d.right);
      if (this.outfp) {
        if (d.left) ls.push(d.left);
        if (d.right) rs.push(d.right);
      }
    }
    this.queue = [];
    if (this.outfp) {
      // astrcat: the lines of each side joined with newlines
      const join = (a: Uint8Array[]): Uint8Array | null => {
        if (!a.length) return null;
        const out = new Uint8Array(a.reduce((n, l) => n + l.length, a.length - 1));
        let n = 0;
        a.forEach((l, i) => { if (i) out[n++] = 10; out.set(l, n); n += l.length; });
        return out;
      };
      const left = join(ls), right = join(rs);
      if (divc === " " || divc === "(" || divc === ")") {
        // fprintf("%s\n", NULL) prints "(null)" with musl
        this.outfp.write(left ?? latin1ToBytes("(null)"));
        this.outfp.byte(10);
      } else this.prompt(left, right);
    }
  }

  private prompt(s1: Line, s2: Line) {
    const out = this.ctx.out, o = this.outfp!;
    out.byte(37); // '%'
    for (let cmd; ; ) {
      if (out.lineBuffered) out.flush();
      if ((cmd = this.stdin.get()) === null) break;
      let p = 0;
      while (p < cmd.length && (cmd[p] === 32 || (cmd[p]! >= 9 && cmd[p]! <= 13))) p++;
      const c = p < cmd.length ? String.fromCharCode(cmd[p]!) : "";
      let again = false;
      switch (c) {
        case "e":
          if (this.eparse(cmd.subarray(p + 1), s1, s2) === -1) { out.write(INT_USAGE); again = true; }
          break;
        case "l": case "1":
          if (s1) { o.write(s1); o.byte(10); }
          break;
        case "q":
          this.quit();
        case "r": case "2":
          if (s2) { o.write(s2); o.byte(10); }
          break;
        case "s":
          this.sflag = true;
          again = true;
          break;
        case "v":
          this.sflag = false;
        // fallthrough
        default:
          out.write(INT_USAGE);
          again = true;
      }
      if (!again) return;
      out.byte(37);
    }
    this.quit();
  }

  private quit(): never {
    this.outfp!.flush();
    throw new Exit(0);
  }

  private eparse(cmd: Uint8Array, left: Line, right: Line): number {
    let p = 0;
    while (p < cmd.length && (cmd[p] === 32 || (cmd[p]! >= 9 && cmd[p]! <= 13))) p++;
    const c = p < cmd.length ? String.fromCharCode(cmd[p]!) : "";
    let text: Uint8Array | null = null;
    switch (c) {
      case "": break;
      case "b":
        if (left === null) text = right && cat(right, NL);
        else if (right === null) text = cat(left, NL);
        else text = cat(left, NL, right, NL);
        break;
      case "l": text = left && cat(left, NL); break;
      case "r": text = right && cat(right, NL); break;
      default: return -1;
    }
    const ctx = this.ctx;
    let t: { fd: number; name: string };
    try { t = mkstemp(`${this.tmpdir}/sdiff.`); } catch (e) { err(ctx, 2, "mkstemp", e); }
    const cleanup = (): never => {
      try { unlink(t.name); } catch (e) { err(ctx, 2, `could not delete: ${t.name}`, e); }
      throw new Exit(2);
    };
    if (text) {
      try { writeAll(t.fd, text); } catch (e) { warn(ctx, "error writing to temp file", e); close(t.fd); cleanup(); }
    }
    close(t.fd);
    const ed = ctx.env.get("VISUAL") ?? ctx.env.get("EDITOR") ?? "/usr/bin/vi";
    let ret: number;
    try {
      const r = spawnvp([ed, t.name], [...ctx.env]);
      ret = r.signal ? -1 : r.status;
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      ret = 127; // the child's _exit(127) after a failed execlp
    }
    if (ret === -1) { warn(ctx, `error editing ${t.name}`, 4); cleanup(); }
    let data: Uint8Array = new Uint8Array(0);
    try {
      const fd = open(t.name, O.RDONLY);
      try { data = readAll(fd); } finally { close(fd); }
    } catch (e) {
      warn(ctx, `could not open edited file: ${t.name}`, e);
      cleanup();
    }
    this.outfp!.write(data);
    try { unlink(t.name); } catch (e) { warn(ctx, `could not delete: ${t.name}`, e); }
    return 0;
  }

  /** Read one diff command (and skip its text lines); false at the end of diff's output. */
  parsecmd(diff: Lines, f1: Lines, f2: Lines): boolean {
    const ctx = this.ctx;
    const raw = diff.get();
    if (raw === null) return false;
    const line = latin1(raw);
    const isdigit = (ch: string | undefined) => ch !== undefined && ch >= "0" && ch <= "9";
    let p = 0;
    while (isdigit(line[p])) p++;
    const first = line.slice(0, p); // the reference NUL-terminates `line` here: messages show this
    let c = line[p] ?? "";
    p++;
    const num = (s: string, what: string): number => {
      const r = strtonum(s, 0, INT_MAX);
      if (r.error) errx(ctx, 2, `${what} is ${r.error}: ${first}`);
      return r.value;
    };
    let file1start = num(first, "file1 start"), file1end: number;
    if (c === ",") {
      const q = p;
      while (isdigit(line[p])) p++;
      const s = line.slice(q, p);
      c = line[p] ?? "";
      p++;
      file1end = num(s, "file1 end");
      if (file1start > file1end) errx(ctx, 2, `invalid line range in file1: ${first}`);
    } else file1end = file1start;
    const cmd = c;
    if (!(cmd === "a" || cmd === "c" || cmd === "d")) errx(ctx, 2, `ed command not recognized: ${cmd || "\0"}: ${first}`);
    const q = p;
    while (isdigit(line[p])) p++;
    const s2 = line.slice(q, p);
    c = line[p] ?? "";
    p++;
    let file2start = num(s2, "file2 start"), file2end: number;
    if (c !== "," && c !== "") errx(ctx, 2, `invalid line range in file2: ${c}: ${first}`);
    if (c === ",") {
      file2end = num(line.slice(p), "file2 end");
      if (file2start >= file2end) errx(ctx, 2, `invalid line range in file2: ${first}`);
    } else file2end = file2start;
    if (cmd === "a") {
      if (file1start !== file1end) errx(ctx, 2, `append cannot have a file1 range: ${first}`);
      file1start = ++file1end;
    } else if (cmd === "d") {
      if (file2start !== file2end) errx(ctx, 2, `delete cannot have a file2 range: ${first}`);
      file2start = ++file2end;
    }
    // common (or ignored) lines up to the change
    for (; this.file1ln < file1start && this.file2ln < file2start; this.file1ln++, this.file2ln++) {
      const s1 = f1.get();
      if (!s1) errx(ctx, 2, "file1 shorter than expected");
      const r = f2.get();
      if (!r) errx(ctx, 2, "file2 shorter than expected");
      if (this.lflag) this.enqueue(s1, this.Iflag ? "(" : " ", null);
      else this.enqueue(s1, " ", r);
    }
    for (; this.file1ln < file1start; this.file1ln++) {
      const s = f1.get();
      if (!s) errx(ctx, 2, "file1 shorter than expected");
      this.enqueue(s, "(", null);
    }
    for (; this.file2ln < file2start; this.file2ln++) {
      const s = f2.get();
      if (!s) errx(ctx, 2, "file2 shorter than expected");
      if (!this.lflag) this.enqueue(null, ")", s);
    }
    this.processq();
    let n: number;
    if (cmd === "a") {
      for (; this.file2ln <= file2end; this.file2ln++) {
        const l = f2.get();
        if (!l) errx(ctx, 2, "append ended early");
        this.enqueue(null, ">", l);
      }
      this.processq();
      n = file2end - file2start + 1;
    } else if (cmd === "c") {
      const del: Uint8Array[] = [];
      for (; this.file1ln <= file1end; this.file1ln++) {
        const l = f1.get();
        if (!l) errx(ctx, 2, "error reading file1 in delete in change");
        del.push(l);
      }
      let di = 0;
      for (; di < del.length && this.file2ln <= file2end; this.file2ln++) {
        const add = f2.get();
        if (!add) errx(ctx, 2, "error reading add in change");
        this.enqueue(del[di++]!, "|", add);
      }
      this.processq();
      for (; this.file2ln <= file2end; this.file2ln++) {
        const add = f2.get();
        if (!add) errx(ctx, 2, "error reading add in change");
        this.enqueue(null, ">", add);
      }
      this.processq();
      while (di < del.length) this.enqueue(del[di++]!, "<", null);
      this.processq();
      n = file1end - file1start + 1 + 1 + file2end - file2start + 1;
    } else {
      for (; this.file1ln <= file1end; this.file1ln++) {
        const l = f1.get();
        if (!l) errx(ctx, 2, "file1 ended early in delete");
        this.enqueue(l, "<", null);
      }
      this.processq();
      n = file1end - file1start + 1;
    }
    while (n--) if (diff.get() === null) errx(ctx, 2, "diff ended early");
    return true;
  }
}

function latin1ToBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

export default defineApplet({
  name: "sdiff",
  main(ctx) {
    const s = new Sdiff(ctx);
    let flags = "", wval = WIDTH, outfile: string | undefined, lastOptarg: string | undefined;
    const diffArgs: string[] = [];
    const bad = (): never => { ctx.err.write(USAGE); throw new Exit(2); };
    const g = new Getopt(ctx, "aBbdEHI:ilo:stWw:", LONG);
    for (let c; (c = g.next()) !== undefined; ) {
      if (g.optarg !== undefined) lastOptarg = g.optarg;
      switch (c) {
        case "\x01ifc": case "\x01nifc": case "\x01cr": break;
        case "a": case "B": case "b": case "d": case "E": case "i": case "W":
          flags += c === "W" ? "w" : c;
          break;
        case "H": diffArgs.push("--speed-large-files"); break;
        case "\x01dp": break;
        case "I": s.Iflag = true; diffArgs.push("-I", g.optarg!); break;
        case "l": s.lflag = true; break;
        case "o": outfile = g.optarg!; break;
        case "s": s.sflag = true; break;
        case "t": s.tflag = true; break;
        case "w": {
          const r = strtonum(g.optarg!, WIDTH_MIN, INT_MAX);
          if (r.error) errx(ctx, 2, `width is ${r.error}: ${g.optarg}`);
          wval = r.value;
          break;
        }
        case "\x01help":
          ctx.out.write(HELP.map((l) => l + "\n").join(""));
          return 0;
        case "\x01ts": {
          const r = strtonum(g.optarg!, 1, INT_MAX);
          if (r.error) errx(ctx, 2, `tabsize is ${r.error}: ${g.optarg}`);
          s.tabsize = r.value;
          break;
        }
        default: bad();
      }
    }
    if (flags) diffArgs.unshift("-" + flags);
    const ops = g.rest;
    if (ops.length !== 2) bad();
    if (outfile !== undefined) {
      try {
        s.outfp = new Writer(open(outfile, O.WRONLY | O.CREAT | O.TRUNC, 0o666));
        s.outfp.lineBuffered = false;
      } catch (e) { err(ctx, 2, `could not open: ${lastOptarg ?? "(null)"}`, e); }
    }
    const td = ctx.env.get("TMPDIR");
    if (td) s.tmpdir = td;
    const tmps: string[] = [];
    try {
      return body(ctx, s, ops[0]!, ops[1]!, diffArgs, wval, tmps);
    } finally {
      for (const t of tmps) try { unlink(t); } catch (e) { warn(ctx, `failed to delete ${t}`, e); }
      try { s.outfp?.flush(); } catch {}
    }
  },
});

/** Copy a file that is not regular (or "-" for standard input) to a temporary file. */
function mktmpcpy(ctx: Ctx, s: Sdiff, name: string, tmps: string[]): string | null {
  let fd: number;
  try {
    fd = open(name, O.RDONLY);
    let st;
    try { st = fstat(fd); } catch (e) { err(ctx, 2, `error getting file status from ${name}`, e); }
    if (S_ISREG(st.mode)) { close(fd); return null; }
  } catch (e) {
    if (e instanceof Exit) throw e;
    if (e instanceof SysError && e.code === "ENOENT" && name === "-") fd = ctx.stdin;
    else err(ctx, 2, `error opening ${name}`, e);
  }
  let t: { fd: number; name: string };
  try {
    t = mkstemp(`${s.tmpdir}/sdiff.`);
  } catch (e) {
    warn(ctx, `error opening ${s.tmpdir}/sdiff.XXXXXXXXXX`, e);
    throw new Exit(2);
  }
  tmps.push(t.name);
  let data: Uint8Array;
  try { data = readAll(fd); } catch (e) { warn(ctx, `error reading from ${name}`, e); throw new Exit(2); }
  try { writeAll(t.fd, data); } catch (e) { warn(ctx, `error writing to ${t.name}`, e); throw new Exit(2); }
  if (fd !== ctx.stdin) close(fd);
  close(t.fd);
  return t.name;
}

function body(ctx: Ctx, s: Sdiff, name1: string, name2: string, diffArgs: string[], wval: number, tmps: string[]): number {
  if (name1 === name2) {
    const t = mktmpcpy(ctx, s, name1, tmps);
    if (t) name1 = name2 = t;
  } else {
    const t1 = mktmpcpy(ctx, s, name1, tmps);
    if (t1) name1 = t1;
    const t2 = mktmpcpy(ctx, s, name2, tmps);
    if (t2) name2 = t2;
  }
  const load = (name: string): Uint8Array => {
    try {
      const fd = open(name, O.RDONLY);
      try { return readAll(fd); } finally { close(fd); }
    } catch (e) {
      if (e instanceof SysError && e.code === "EISDIR") {
        // fopen succeeds on a directory; the first read fails
        errx(ctx, 2, "error reading file");
      }
      err(ctx, 2, `could not open ${name}`, e);
    }
  };
  const d1 = load(name1), d2 = load(name2);
  const binary = (d: Uint8Array) => d.subarray(0, MAX_CHECK + 1).includes(0);
  if (binary(d1) || binary(d2)) {
    let same = d1.length === d2.length;
    for (let i = 0; same && i < d1.length; i++) if (d1[i] !== d2[i]) same = false;
    if (same) return 0;
    ctx.out.write(`Binary files ${name1} and ${name2} differ\n`);
    return 1;
  }
  s.width = Math.floor((wval - 3) / 2);
  s.lineWidth = s.width * 2 + 3;
  // run diff as the reference forks it, reading its normal output
  const cap = new Capture();
  const dctx: Ctx = {
    prog: "diff", argv0: "/usr/bin/diff", args: [...diffArgs, name1, name2], env: ctx.env,
    out: cap, err: ctx.err, stdin: ctx.stdin, status: 0,
  };
  const st = runApplet(diffApplet, dctx);
  const diff = new Lines(cap.bytes()), f1 = new Lines(d1), f2 = new Lines(d2);
  while (s.parsecmd(diff, f1, f2));
  if (typeof st !== "number" || st >= 2) errx(ctx, 2, "diff exited abnormally");
  if (s.lflag) for (let l; (l = f1.get()) !== null; ) s.queue.push({ left: l, div: " ", right: null });
  else {
    for (;;) {
      const a = f1.get(), b = f2.get();
      if (a || b) s.queue.push({ left: a, div: " ", right: b });
      else break;
    }
  }
  s.processq();

  return st;
}
