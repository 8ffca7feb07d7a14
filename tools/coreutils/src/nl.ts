// nl — number the lines of a file, by logical page sections (header, body, footer).
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/nl.html  FreeBSD: nl(1)
// Options (getopt "pb:d:f:h:i:l:n:s:v:w:"):
//   -b/-f/-h TYPE  numbering of body (default t), footer and header (default n) lines:
//                  a all, t non-empty, n none, pRE lines matching the basic regular expression RE
//   -d XY     section delimiter characters (default "\:"; one character changes only the first)
//   -i N      increment (default 1)            -l N   with -ba, N adjacent empty lines count as one
//   -n FMT    ln, rn (default) or rz           -p     do not restart numbering at a section
//   -s SEP    separator after the number (default tab)
//   -v N      first number (default 1)         -w N   width of the number (default 6, > 0)
// Input: at most one file operand; "-" or none is standard input. Section delimiter lines are
// "XYXYXY" (header), "XYXY" (body), "XY" (footer) alone on a line; each prints nothing and starts
// a new logical page. Numbers wider than -w keep their last -w characters, as FreeBSD's nl.
// Deviation: none intended. -bpRE is a POSIX BRE (shared/regex.ts); a line is
// matched up to its first NUL byte, as regexec(3) sees a C string.
import { defineApplet, Getopt, usage, errx, err, strtol, utf8Locale, type Ctx } from "@bsdbox/shared";
import { Reader } from "@bsdbox/shared";
import { Regex, RegexError } from "@bsdbox/shared/regex";
import { open, O, SysError, decode, encode, utf8SeqLen } from "@bsdbox/compat";

const USAGE =
  "usage: nl [-p] [-b type] [-d delim] [-f type] [-h type] [-i incr] [-l num]\n" +
  "          [-n format] [-s sep] [-v startnum] [-w width] [file]";

const FOOTER = 0, BODY = 1, HEADER = 2;
const NAMES = ["footer", "body", "header"];
type Numbering = { type: "a" | "t" | "n" } | { type: "p"; re: Regex };

export default defineApplet({
  name: "nl",
  main(ctx) {
    const utf8 = utf8Locale(ctx.env);
    const props: Numbering[] = [{ type: "n" }, { type: "t" }, { type: "n" }];
    let format: "ln" | "rn" | "rz" = "rn";
    let incr = 1, nblank = 1, restart = true, startnum = 1, width = 6;
    let sep: Uint8Array = encode("\t");
    let d1 = encode("\\"), d2 = encode(":");
    const g = new Getopt(ctx, "pb:d:f:h:i:l:n:s:v:w:");
    for (let c; (c = g.next()) !== undefined; ) {
      const a = g.optarg!;
      switch (c) {
        case "p": restart = false; break;
        case "b": props[BODY] = parseNumbering(ctx, a, BODY, utf8); break;
        case "f": props[FOOTER] = parseNumbering(ctx, a, FOOTER, utf8); break;
        case "h": props[HEADER] = parseNumbering(ctx, a, HEADER, utf8); break;
        case "d": {
          const b = encode(a);
          const len1 = mblen(b, 0, utf8);
          if (len1 < 0) errx(ctx, 1, "Illegal byte sequence");
          if (len1 === 0) break;
          d1 = b.slice(0, len1);
          const len2 = mblen(b, len1, utf8);
          if (len2 < 0) errx(ctx, 1, "Illegal byte sequence");
          if (len2 !== 0) {
            d2 = b.slice(len1, len1 + len2);
            if (len1 + len2 < b.length) errx(ctx, 1, `invalid delim argument -- ${a}`);
          }
          break;
        }
        case "i": incr = cLong(ctx, a, "invalid incr argument"); break;
        case "l": {
          const r = strtol(a, 10);
          // strtoul: a negative value is negated modulo 2^64; ERANGE only past ULONG_MAX
          const mag = r.value < 0n ? -r.value : r.value;
          if (r.end !== a.length || mag > 0xffffffffffffffffn) errx(ctx, 1, `invalid num argument -- ${a}`);
          nblank = Number(BigInt.asUintN(32, BigInt.asUintN(64, r.value)));
          break;
        }
        case "n":
          if (a === "ln" || a === "rn" || a === "rz") format = a;
          else errx(ctx, 1, `illegal format -- ${a}`);
          break;
        case "s": sep = encode(a); break;
        case "v": startnum = cLong(ctx, a, "invalid startnum value"); break;
        case "w":
          width = cLong(ctx, a, "invalid width value");
          if (!(width > 0)) errx(ctx, 1, `width argument must be > 0 -- ${width}`);
          break;
        default: usage(ctx, USAGE);
      }
    }
    const files = g.rest;
    let fd = ctx.stdin;
    if (files.length > 1) usage(ctx, USAGE);
    if (files.length === 1 && files[0] !== "-") {
      try {
        fd = open(files[0]!, O.RDONLY);
      } catch (e) {
        err(ctx, 1, files[0]!, e);
      }
    }
    const delim = new Uint8Array(d1.length + d2.length);
    delim.set(d1);
    delim.set(d2, d1.length);
    const dl = delim.length;
    const blank = encode(" ".repeat(width));
    const inp = new Reader(fd);
    const out = ctx.out;
    let line = startnum, section = BODY, adjblank = 0;
    for (;;) {
      let buf: Uint8Array | null;
      try {
        buf = inp.line();
      } catch (e) {
        if (e instanceof SysError) err(ctx, 1, "input error", e);
        throw e;
      }
      if (buf === null) break;
      const len = buf.length;
      let isDelim = false;
      for (let idx = FOOTER; idx <= HEADER; idx++) {
        if (dl * (idx + 1) > len) break;
        let same = true;
        for (let k = 0; k < dl; k++) if (buf[dl * idx + k] !== delim[k]) { same = false; break; }
        if (!same) break;
        if (buf[dl * (idx + 1)] === 10) {
          section = idx;
          adjblank = 0;
          if (restart) line = startnum;
          isDelim = true;
          break;
        }
      }
      if (isDelim) continue;
      const p = props[section]!;
      let donumber = false;
      switch (p.type) {
        case "a":
          if (buf[0] === 10 && ++adjblank < nblank) donumber = false;
          else { donumber = true; adjblank = 0; }
          break;
        case "t": donumber = buf[0] !== 10; break;
        case "n": donumber = false; break;
        case "p": {
          let end = buf.indexOf(0);
          if (end < 0) end = len;
          if (end > 0 && buf[end - 1] === 10) end--;
          donumber = p.re.test(p.re.subject(buf, 0, end));
          break;
        }
      }
      try {
        if (donumber) {
          const s = fmtNum(format, width, line);
          out.write(s.length > width ? s.slice(s.length - width) : s);
          line = (line + incr) | 0;
        } else out.write(blank);
        out.write(sep);
        out.write(buf);
      } catch (e) {
        if (e instanceof SysError) err(ctx, 1, "output error", e);
        throw e;
      }
    }
    return 0;
  },
});

/** mbrlen(3) on the NUL-terminated string b from i: 0 at the end, -1 invalid, else a length. */
function mblen(b: Uint8Array, i: number, utf8: boolean): number {
  if (i >= b.length) return 0;
  if (b[i] === 0) return 0;
  if (!utf8) return 1;
  const n = utf8SeqLen(b, i);
  return n === 0 ? -1 : n;
}

/** strtol(optarg, &ep, 10) with nl's checks (the whole string; LONG range), then (int). */
function cLong(ctx: Ctx, a: string, msg: string): number {
  const r = strtol(a, 10);
  if (r.end !== a.length || r.value > 0x7fffffffffffffffn || r.value < -0x8000000000000000n)
    errx(ctx, 1, `${msg} -- ${a}`);
  return Number(BigInt.asIntN(32, r.value));
}

function parseNumbering(ctx: Ctx, a: string, section: number, utf8: boolean): Numbering {
  switch (a[0]) {
    case "a": return { type: "a" };
    case "n": return { type: "n" };
    case "t": return { type: "t" };
    case "p":
      try {
        return { type: "p", re: Regex.compile(a.slice(1), { utf8, nosub: true }) };
      } catch (e) {
        if (e instanceof RegexError) errx(ctx, 1, `${NAMES[section]} expr: ${e.message} -- ${a.slice(1)}`);
        throw e;
      }
    default:
      errx(ctx, 1, `illegal ${NAMES[section]} line numbering type -- ${a}`);
  }
}

/** sprintf("%-*d" | "%*d" | "%0*d", width, n) */
function fmtNum(format: string, width: number, n: number): string {
  const s = String(n);
  if (s.length >= width) return s;
  if (format === "ln") return s + " ".repeat(width - s.length);
  if (format === "rn") return " ".repeat(width - s.length) + s;
  return n < 0 ? "-" + "0".repeat(width - s.length) + s.slice(1) : "0".repeat(width - s.length) + s;
}
