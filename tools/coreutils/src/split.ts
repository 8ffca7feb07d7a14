// split — split a file into pieces by lines, bytes, chunk count or a pattern.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/split.html  FreeBSD: split(1)
// Options (getopt "0::1::2::3::4::5::6::7::8::9::a:b:cdl:n:p:"):
//   -l N  N lines per file (default 1000)      -b N  N bytes per file (expand_number: 10k, 1m)
//   -n N  N chunks of equal size (the last takes the remainder; needs a regular file)
//   -p RE a new file at every line matching the extended regular expression RE
//   -a N  suffix length (default 2, auto-extended: ... xyz xzaaa ... unless -a is given)
//   -d    numeric suffixes (00, 01, ...)        -c  continue: skip existing output files
//   -NUM  obsolete form of -l NUM
// Operands: [file [prefix]]; "-" or no file is standard input; prefix defaults to "x".
// Exit statuses from sysexits: 64 usage, 65 too many files, 66 unreadable input, 74 I/O.
// -p: musl's regexec has no REG_STARTEND, so FreeBSD's split matches RE against the whole line
// with its newline (up to a NUL byte): "." and "[^x]" match the newline, "$" only after it.
// Here RE is translated from POSIX ERE (musl/TRE dialect) to a JavaScript RegExp that answers
// the same yes/no question: "." -> [^] (any character, newline included), ^ and $ anchor the
// whole subject (no m flag), bracket expressions are rebuilt item by item ([:class:] to Unicode
// property sets, [=c=] and [.c.] to the character, backslash literal inside brackets), \1-\9
// back-references, TRE's \< \> \b \B \w \W \s \S \d \D and \t \n \r \f \e escapes; any other
// escaped character is itself. In UTF-8 a line with invalid UTF-8 never matches (musl's regexec
// fails on it); with LC_ALL=C the pattern and lines are bytes.
// Deviation: patterns musl rejects but JavaScript accepts (or the reverse) in corner cases of
// repetition syntax (e.g. a leading "*") are treated as literals / reported as illegal.
import { defineApplet, Getopt, usage, errx, err, strtonum, strtol, expandNumber, utf8Locale, Reader, type Ctx } from "@bsdbox/shared";
import { open, close, fstat, writeAll, O, SysError, ERRNO, decode, encode } from "@bsdbox/compat";

const USAGE = `usage: split [-cd] [-l line_count] [-a suffix_length] [file [prefix]]
       split [-cd] -b byte_count[K|k|M|m|G|g] [-a suffix_length] [file [prefix]]
       split [-cd] -n chunk_count [-a suffix_length] [file [prefix]]
       split [-cd] -p pattern [-a suffix_length] [file [prefix]]`;
const EX_USAGE = 64, EX_DATAERR = 65, EX_NOINPUT = 66, EX_IOERR = 74;
const DEFLINE = 1000;

class Out {
  fd = -1;
  fname = "";
  pre = "";
  suffix = "";
  fnum = 0;
  constructor(private ctx: Ctx, prefix: string, private sufflen: number, private auto: boolean, private dflag: boolean, private clobber: boolean) {
    this.pre = prefix === "" ? "x" : prefix;
  }
  /** newfile(): close the current file and open the next name. */
  next(): void {
    const ctx = this.ctx;
    if (this.fd >= 0) {
      try { close(this.fd); } catch (e) { err(ctx, 1, this.fname, e); }
      this.fd = -1;
    }
    const beg = this.dflag ? 48 : 97, pattlen = this.dflag ? 10 : 26;
    for (;;) {
      // auto-extend: after "...yz" (y then all z) the suffix grows by one: "za..."
      if (!this.dflag && this.auto && this.suffix[0] === "y" && /^z*$/.test(this.suffix.slice(1))) {
        this.pre += "z";
        this.sufflen++;
        this.fnum = 0;
      }
      let maxfiles = 1;
      for (let i = 0; i < this.sufflen; i++) {
        if (Math.floor(Number.MAX_SAFE_INTEGER / pattlen) < maxfiles) errx(ctx, EX_USAGE, `suffix is too long (max ${i})`);
        maxfiles *= pattlen;
      }
      if (this.fnum === maxfiles) errx(ctx, EX_DATAERR, "too many files");
      let t = this.fnum, s = "";
      for (let i = 0; i < this.sufflen; i++) {
        s = String.fromCharCode((t % pattlen) + beg) + s;
        t = Math.floor(t / pattlen);
      }
      this.suffix = s;
      this.fnum++;
      this.fname = this.pre + s;
      try {
        this.fd = open(this.fname, O.WRONLY | O.CREAT | O.TRUNC | (this.clobber ? 0 : O.EXCL), 0o666);
        return;
      } catch (e) {
        if (!this.clobber && e instanceof SysError && e.errno === ERRNO.EEXIST) continue;
        err(ctx, EX_IOERR, this.fname, e);
      }
    }
  }
  write(b: Uint8Array): void {
    try {
      writeAll(this.fd, b);
    } catch (e) {
      err(this.ctx, EX_IOERR, "write", e);
    }
  }
}

export default defineApplet({
  name: "split",
  main(ctx) {
    const g = new Getopt(ctx, "0::1::2::3::4::5::6::7::8::9::a:b:cdl:n:p:");
    let numlines = 0, bytecnt = 0, chunks = 0, sufflen = 2, auto = true, dflag = false, clobber = true;
    let re: RegExp | null = null;
    const utf8 = utf8Locale(ctx.env);
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": {
          const r = strtol(g.optarg!);
          if (!r.digits || r.end !== g.optarg!.length || r.value <= 0n) errx(ctx, EX_USAGE, `${g.optarg}: illegal suffix length`);
          sufflen = Number(r.value);
          auto = false;
          break;
        }
        case "b": {
          const r = expandNumber(g.optarg!);
          if (r.errno !== undefined || r.value < 0n) errx(ctx, EX_USAGE, `${g.optarg}: byte count is invalid`);
          bytecnt = Number(r.value);
          break;
        }
        case "c": clobber = false; break;
        case "d": dflag = true; break;
        case "l": {
          if (numlines !== 0) usage(ctx, USAGE, EX_USAGE);
          const r = strtonum(g.optarg!, 1, Number.MAX_SAFE_INTEGER);
          if (r.error) errx(ctx, EX_USAGE, `${g.optarg}: line count is ${r.error}`);
          numlines = r.value;
          break;
        }
        case "n": {
          const r = strtonum(g.optarg!, 1, Number.MAX_SAFE_INTEGER);
          if (r.error) errx(ctx, EX_USAGE, `${g.optarg}: number of chunks is ${r.error}`);
          chunks = r.value;
          break;
        }
        case "p":
          re = ereToRegExp(g.optarg!, utf8);
          if (!re) errx(ctx, EX_USAGE, `${g.optarg}: illegal regexp`);
          break;
        default:
          if (c >= "0" && c <= "9") {
            // obsolete -NUM: the digit option letter with its optional attached argument
            if (numlines !== 0) usage(ctx, USAGE, EX_USAGE);
            const s = c + (g.optarg ?? "");
            if (!/^[0-9]+$/.test(s) || Number(s) <= 0) errx(ctx, EX_USAGE, `${s}: line count is invalid`);
            numlines = Number(s);
            break;
          }
          usage(ctx, USAGE, EX_USAGE);
      }
    }
    const args = g.rest;
    let ifd = ctx.stdin;
    let i = 0;
    if (i < args.length) {
      if (args[i] !== "-") {
        try {
          ifd = open(args[i]!, O.RDONLY);
        } catch (e) {
          err(ctx, EX_NOINPUT, args[i]!, e);
        }
      }
      i++;
    }
    let prefix = "";
    if (i < args.length) {
      prefix = args[i++]!;
      if (encode(prefix).length >= 4096) errx(ctx, EX_USAGE, "file name prefix is too long");
    }
    if (i < args.length) usage(ctx, USAGE, EX_USAGE);
    if (encode(prefix).length + sufflen >= 4096) errx(ctx, EX_USAGE, "suffix is too long");
    if (re && (numlines !== 0 || bytecnt !== 0 || chunks !== 0)) usage(ctx, USAGE, EX_USAGE);
    if (numlines === 0) numlines = DEFLINE;
    else if (bytecnt !== 0 || chunks !== 0) usage(ctx, USAGE, EX_USAGE);
    if (bytecnt !== 0 && chunks !== 0) usage(ctx, USAGE, EX_USAGE);

    const out = new Out(ctx, prefix, sufflen, auto, dflag, clobber);
    const input = new Reader(ifd, 1 << 16);
    try {
      if (chunks) {
        let size = 0;
        try { size = Number(fstat(ifd).size); } catch (e) { err(ctx, 1, "stat", e); }
        if (chunks > size) errx(ctx, 1, `can't split into more than ${size | 0} files`);
        byBytes(out, input, Math.floor(size / chunks), chunks);
      } else if (bytecnt) byBytes(out, input, bytecnt, 0);
      else byLines(out, input, numlines, re, utf8);
    } catch (e) {
      if (e instanceof SysError) err(ctx, EX_IOERR, "read", e);
      throw e;
    }
    if (out.fd >= 0) try { close(out.fd); } catch {}
    return 0;
  },
});

/** split1: pieces of bytecnt bytes; with chunks, the chunks-th file takes everything left. */
function byBytes(out: Out, input: Reader, bytecnt: number, chunks: number): void {
  let nfiles = 0, left = 0; // bytes still wanted in the open file
  const open = () => {
    if (!chunks || nfiles < chunks) {
      out.next();
      nfiles++;
    }
    left = bytecnt;
  };
  for (let c; (c = input.chunk()); ) {
    let p = 0;
    while (p < c.length) {
      if (out.fd < 0 || left === 0) open();
      const last = chunks && nfiles >= chunks;
      const n = last ? c.length - p : Math.min(left, c.length - p);
      out.write(c.subarray(p, p + n));
      p += n;
      if (!last) left -= n;
    }
  }
}

/** split2: numlines lines per file, or a new file at each line matching re. */
function byLines(out: Out, input: Reader, numlines: number, re: RegExp | null, utf8: boolean): void {
  let lcnt = 0;
  // Output is gathered and written per line run to keep the number of writes down.
  for (let line; (line = input.line()); ) {
    if (re) {
      if (matches(re, line, utf8)) out.next();
    } else if (lcnt++ === numlines) {
      out.next();
      lcnt = 1;
    }
    if (out.fd < 0) out.next();
    out.write(line);
  }
}

function matches(re: RegExp, line: Uint8Array, utf8: boolean): boolean {
  const z = line.indexOf(0);
  const b = z >= 0 ? line.subarray(0, z) : line;
  let s: string;
  if (utf8) {
    s = decode(b);
    if (/[\uDC80-\uDCFF]/.test(s) && /(?:^|[^\uD800-\uDBFF])[\uDC80-\uDCFF]/.test(s)) return false;
  } else {
    s = "";
    for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, i + 4096) as unknown as number[]);
  }
  return re.test(s);
}

const CLASSES: Record<string, [string, string]> = {
  // [UTF-8 set body, C-locale set body]
  alpha: ["\\p{Alphabetic}", "A-Za-z"],
  digit: ["0-9", "0-9"],
  alnum: ["\\p{Alphabetic}0-9", "A-Za-z0-9"],
  upper: ["\\p{Uppercase}", "A-Z"],
  lower: ["\\p{Lowercase}", "a-z"],
  space: [" \\t\\n\\v\\f\\r\\u0085\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000", " \\t\\n\\v\\f\\r"],
  blank: [" \\t\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u205f\\u3000", " \\t"],
  punct: ["!-\\/:-@\\[-`{-~\\p{P}\\p{S}", "!-\\/:-@\\[-`{-~"],
  cntrl: ["\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029", "\\x00-\\x1f\\x7f"],
  xdigit: ["0-9A-Fa-f", "0-9A-Fa-f"],
  print: ["\\x20-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufff8\\u{10000}-\\u{10ffff}", "\\x20-\\x7e"],
  graph: ["\\x21-\\x7e\\xa1-\\u2027\\u202a-\\ud7ff\\ue000-\\ufff8\\u{10000}-\\u{10ffff}", "\\x21-\\x7e"],
};

function lit(cp: number): string {
  return cp < 0x100 ? "\\x" + cp.toString(16).padStart(2, "0") : `\\u{${cp.toString(16)}}`;
}

/**
 * POSIX ERE (musl/TRE dialect) to an equivalent JavaScript RegExp for yes/no matching, or null
 * when the pattern is not a valid ERE (as far as this translation can tell).
 */
export function ereToRegExp(pattern: string, utf8: boolean): RegExp | null {
  // work on code points (UTF-8) or bytes (C locale)
  const cps: number[] = utf8 ? Array.from(pattern, (ch) => ch.codePointAt(0)!) : Array.from(encode(pattern));
  if (utf8 && cps.some((c) => c >= 0xdc80 && c <= 0xdcff)) return null;
  const w = utf8 ? "[\\p{Alphabetic}0-9_]" : "[A-Za-z0-9_]";
  const nw = utf8 ? "[^\\p{Alphabetic}0-9_]" : "[^A-Za-z0-9_]";
  const cls = (n: string) => CLASSES[n]![utf8 ? 0 : 1];
  let out = "";
  let i = 0;
  let atomStart = true; // at the start of the RE, a group or a branch: a repetition is literal
  let depth = 0, ngroups = 0;
  const n = cps.length;
  while (i < n) {
    const c = cps[i]!;
    const ch = String.fromCodePoint(c);
    if (c === 92) { // backslash
      if (i + 1 >= n) return null; // trailing backslash
      const d = String.fromCodePoint(cps[i + 1]!);
      i += 2;
      if (d >= "1" && d <= "9") {
        if (Number(d) > ngroups) return null;
        out += "\\" + d;
      } else if (d === "<") out += `(?<!${w})(?=${w})`;
      else if (d === ">") out += `(?<=${w})(?!${w})`;
      else if (d === "b") out += `(?:(?<!${w})(?=${w})|(?<=${w})(?!${w}))`;
      else if (d === "B") out += `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
      else if (d === "w") out += w;
      else if (d === "W") out += nw;
      else if (d === "s") out += `[${cls("space")}]`;
      else if (d === "S") out += `[^${cls("space")}]`;
      else if (d === "d") out += "[0-9]";
      else if (d === "D") out += "[^0-9]";
      else if (d === "t") out += "\\t";
      else if (d === "n") out += "\\n";
      else if (d === "r") out += "\\r";
      else if (d === "f") out += "\\f";
      else if (d === "e") out += "\\x1b";
      else out += lit(d.codePointAt(0)!);
      atomStart = false;
      continue;
    }
    if (c === 91) { // [ bracket expression
      let j = i + 1;
      let neg = false;
      if (cps[j] === 94) { neg = true; j++; }
      const items: string[] = [];
      let first = true;
      let prev: number | null = null; // last single character, for ranges
      for (;;) {
        if (j >= n) return null; // Missing ']'
        const b = cps[j]!;
        if (b === 93 && !first) { j++; break; }
        first = false;
        if (b === 91 && (cps[j + 1] === 58 || cps[j + 1] === 61 || cps[j + 1] === 46)) {
          const kind = cps[j + 1]!;
          let k = j + 2;
          while (k + 1 < n && !(cps[k] === kind && cps[k + 1] === 93)) k++;
          if (k + 1 >= n) return null;
          const name = String.fromCodePoint(...cps.slice(j + 2, k));
          j = k + 2;
          if (kind === 58) {
            if (!CLASSES[name]) return null;
            items.push(cls(name));
            prev = null;
          } else {
            const e = Array.from(name);
            if (e.length !== 1) return null; // Unknown collating element
            items.push(lit(e[0]!.codePointAt(0)!));
            prev = e[0]!.codePointAt(0)!;
          }
          continue;
        }
        if (b === 45 && prev !== null && j + 1 < n && cps[j + 1] !== 93) {
          // range prev-next
          let hi = cps[j + 1]!;
          let adv = 2;
          if (hi === 91 && (cps[j + 2] === 61 || cps[j + 2] === 46)) {
            const kind = cps[j + 2]!;
            let k = j + 3;
            while (k + 1 < n && !(cps[k] === kind && cps[k + 1] === 93)) k++;
            if (k + 1 >= n) return null;
            const e = cps.slice(j + 3, k);
            if (e.length !== 1) return null;
            hi = e[0]!;
            adv = k + 2 - j;
          }
          if (hi < prev) return null; // Invalid character range
          items.pop();
          items.push(`${lit(prev)}-${lit(hi)}`);
          prev = null;
          j += adv;
          continue;
        }
        items.push(lit(b));
        prev = b;
        j++;
      }
      out += `[${neg ? "^" : ""}${items.join("")}]`;
      i = j;
      atomStart = false;
      continue;
    }
    i++;
    switch (ch) {
      case ".": out += "[^]"; atomStart = false; break;
      case "^": out += "^"; break;
      case "$": out += "$"; atomStart = false; break;
      case "(": depth++; ngroups++; out += "("; atomStart = true; break;
      case ")":
        if (depth === 0) { out += "\\)"; atomStart = false; break; }
        depth--; out += ")"; atomStart = false; break;
      case "|": out += "|"; atomStart = true; break;
      case "*": case "+": case "?":
        if (atomStart) { out += "\\" + ch; atomStart = false; break; }
        // POSIX allows stacked repetitions (a**); JavaScript does not: wrap the previous atom
        if (/[*+?}]$/.test(out) && !/\\[*+?}]$/.test(out)) out = `(?:${out})`;
        out += ch;
        break;
      case "{": {
        let k = i;
        let body = "";
        while (k < n && cps[k] !== 125) body += String.fromCodePoint(cps[k++]!);
        if (k >= n) return null;
        const m = /^(\d*)(?:(,)(\d*))?$/.exec(body);
        if (!m || (m[1] === "" && m[2] === undefined)) return null;
        const lo = m[1] === "" ? 0 : Number(m[1]);
        const hi = m[2] === undefined ? lo : m[3] === "" ? -1 : Number(m[3]);
        if (lo > 255 || hi > 255 || (hi !== -1 && hi < lo)) return null;
        if (atomStart) return null;
        if (/[*+?}]$/.test(out) && !/\\[*+?}]$/.test(out)) out = `(?:${out})`;
        out += `{${lo},${hi === -1 ? "" : hi}}`;
        i = k + 1;
        break;
      }
      default:
        out += lit(c);
        atomStart = false;
    }
  }
  if (depth !== 0) return null; // Missing ')'
  try {
    return new RegExp(out, utf8 ? "u" : "");
  } catch {
    return null;
  }
}
