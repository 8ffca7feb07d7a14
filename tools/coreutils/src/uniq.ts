// uniq — report or filter out repeated adjacent lines.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/uniq.html  FreeBSD: uniq(1)
// Options (getopt_long "+D::cdif:s:u"; no permutation):
//   -c, --count             prefix each line with its count ("%4lld ")
//   -d, --repeated          one copy of each repeated line      -u, --unique  lines not repeated
//   -D[sep], --all-repeated[=sep]  every copy of repeated lines; sep none|prepend|separate
//   -f N, --skip-fields=N   ignore N blank-separated fields     -i, --ignore-case
//   -s N, --skip-chars=N    ignore N characters (after the fields)
// Operands: [input [output]]; "-" as input is standard input; output is created/truncated.
// Obsolete forms: -N means -f N, +N means -s N (until the first non-option).
// BSD: -d with -u prints the repeated lines (-d wins); -D overrides -d. Lines are C strings: a
//   NUL byte ends what is compared and printed. Fields are separated by blanks (space, tab).
//   Lines are compared as characters (UTF-8 unless the locale is C/POSIX); two lines that are not
//   both valid UTF-8 compare equal only when their bytes are equal, ignoring -f, -s and -i.
import { defineApplet, Getopt, usage, errx, err, strtonum, utf8Locale, Writer, Reader, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, close, O, SysError } from "@bsdbox/compat";

const USAGE = "usage: uniq [-cdiu] [-D[septype]] [-f fields] [-s chars] [input [output]]";
const LONG: LongOpt[] = [
  { name: "all-repeated", has: 2, val: "D" },
  { name: "count", has: 0, val: "c" },
  { name: "repeated", has: 0, val: "d" },
  { name: "skip-fields", has: 1, val: "f" },
  { name: "ignore-case", has: 0, val: "i" },
  { name: "skip-chars", has: 1, val: "s" },
  { name: "unique", has: 0, val: "u" },
];
const NOSEP = 1, PRESEP = 2, POSTSEP = 3;
const fatal = new TextDecoder("utf-8", { fatal: true });
const latin = new TextDecoder("latin1");

export default defineApplet({
  name: "uniq",
  main(ctx) {
    const g = new Getopt(ctx, "+D::cdif:s:u", LONG, obsolete([ctx.argv0, ...ctx.args]));
    let D = 0, c = false, d = false, u = false, i = false, fields = 0, chars = 0;
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "D": {
          const a = g.optarg?.toLowerCase();
          if (a === undefined || a === "none") D = NOSEP;
          else if (a === "prepend") D = PRESEP;
          else if (a === "separate") D = POSTSEP;
          else usage(ctx, USAGE);
          break;
        }
        case "c": c = true; break;
        case "d": d = true; break;
        case "i": i = true; break;
        case "u": u = true; break;
        case "f":
        case "s": {
          const r = strtonum(g.optarg!, 0, 2147483647);
          if (r.error) errx(ctx, 1, `${ch === "f" ? "field" : "character"} skip value is ${r.error}: ${g.optarg}`);
          if (ch === "f") fields = r.value;
          else chars = r.value;
          break;
        }
        default: usage(ctx, USAGE);
      }
    }
    const ops = g.rest;
    if (ops.length > 2) usage(ctx, USAGE);
    if (D && d) d = false;

    let ifd = ctx.stdin, ifn = "stdin", out = ctx.out, ofn = "stdout";
    if (ops.length > 0 && ops[0] !== "-") {
      ifn = ops[0]!;
      try { ifd = open(ifn, O.RDONLY); } catch (e) { err(ctx, 1, ifn, e); }
    }
    if (ops.length > 1) {
      ofn = ops[1]!;
      try { out = new Writer(open(ofn, O.WRONLY | O.CREAT | O.TRUNC, 0o666)); } catch (e) { err(ctx, 1, ofn, e); }
    }
    const utf8 = utf8Locale(ctx.env);
    const plain = !c && !D && !d && !u;
    const keyed = fields > 0 || chars > 0 || i;
    const r = new Reader(ifd);
    let repeats = 0;

    const show = (line: Uint8Array) => {
      const s = cstr(line);
      if (c) out.write(String(repeats + 1).padStart(4) + " ");
      out.write(s === line.length ? line : line.subarray(0, s));
    };
    /** A line's comparison key: a string of characters, or null for invalid UTF-8. */
    const key = (line: Uint8Array): string | null => {
      let n = cstr(line);
      if (n === line.length && n > 0 && line[n - 1] === 10) n--;
      const v = line.subarray(0, n);
      let s: string;
      if (!utf8) s = latin.decode(v);
      else {
        try { s = fatal.decode(v); } catch { return null; }
      }
      if (fields || chars) s = skip(s, fields, chars);
      return i ? lower(s, utf8) : s;
    };
    const same = (a: Uint8Array, ka: string | null | undefined, b: Uint8Array, kb: string | null | undefined): boolean => {
      if (!keyed || (ka === null && kb === null)) return bytesEqual(a, b);
      if (ka === null || kb === null) return false;
      return ka === kb;
    };

    const next = (): Uint8Array | null => {
      try {
        return r.line();
      } catch (e) {
        if (e instanceof SysError) err(ctx, 1, ifn, e);
        throw e;
      }
    };
    try {
      const first = next();
      if (!first) return 0;
      let prev = first.slice();
      if (plain) show(prev);
      let pk = keyed ? key(prev) : undefined;
      for (let line; (line = next()); ) {
        const tk = keyed ? key(line) : undefined;
        if (!same(line, tk, prev, pk)) {
          if (D === POSTSEP && repeats > 0) out.write("\n");
          if (plain) show(line);
          else if (!D && (!d || (c && repeats > 0)) && (!u || repeats === 0)) show(prev);
          prev = line.slice();
          pk = tk;
          repeats = 0;
        } else {
          if (D) {
            if (repeats === 0) {
              if (D === PRESEP) out.write("\n");
              show(prev);
            }
          } else if (d && !c && repeats === 0) show(prev);
          repeats++;
          if (D) show(line);
        }
      }
      if (!plain && !D && (!d || (c && repeats > 0)) && (!u || repeats === 0)) show(prev);
      out.flush();
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      err(ctx, 1, ofn, e);
    } finally {
      if (ifd !== ctx.stdin) try { close(ifd); } catch {}
    }
    return 0;
  },
});

/** uniq's obsolete(): "-N" becomes "-fN" and "+N" becomes "-sN", up to the first operand. */
function obsolete(argv: string[]): string[] {
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k]!;
    if (a[0] !== "-") {
      if (a[0] !== "+") break;
    } else if (a[1] === "-") break;
    if (!(a[1]! >= "0" && a[1]! <= "9")) continue;
    argv[k] = (a[0] === "+" ? "-s" : "-f") + a.slice(1);
  }
  return argv;
}

/** Length of the C string in line (up to the first NUL). */
function cstr(line: Uint8Array): number {
  const z = line.indexOf(0);
  return z < 0 ? line.length : z;
}

/** The same C strings, a trailing newline not counting (inlcmp). */
function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  let na = cstr(a), nb = cstr(b);
  if (na === a.length && na > 0 && a[na - 1] === 10) na--;
  if (nb === b.length && nb > 0 && b[nb - 1] === 10) nb--;
  if (na !== nb) return false;
  for (let k = 0; k < na; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Skip `fields` blank-separated fields, then `chars` characters. */
function skip(s: string, fields: number, chars: number): string {
  let p = 0;
  const n = s.length;
  for (let f = 0; p < n && f++ !== fields; ) {
    while (p < n && (s[p] === " " || s[p] === "\t")) p++;
    while (p < n && s[p] !== " " && s[p] !== "\t") p++;
  }
  for (let k = chars; k-- && p < n; ) {
    const cc = s.charCodeAt(p);
    p += cc >= 0xd800 && cc <= 0xdbff && p + 1 < n ? 2 : 1;
  }
  return s.slice(p);
}

/** towlower on each character (musl maps one character to one character). */
function lower(s: string, utf8: boolean): string {
  // eslint-disable-next-line no-control-regex
  if (!utf8 || /^[\x00-\x7f]*$/.test(s)) {
    let r = "";
    for (let k = 0; k < s.length; k++) {
      const cc = s.charCodeAt(k);
      r += cc >= 65 && cc <= 90 ? String.fromCharCode(cc + 32) : s[k];
    }
    return r;
  }
  let r = "";
  for (const ch of s) {
    const l = ch === "\u0130" ? "i" : ch.toLowerCase();
    r += [...l].length === 1 ? l : ch;
  }
  return r;
}
