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
import { open, close, read, O, SysError } from "@bsdbox/compat";

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
    if (!keyed) {
      try {
        bytewise(ctx, ifd, ifn, out, c, d, u, D, plain);
        out.flush();
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        err(ctx, 1, ofn, e);
      } finally {
        if (ifd !== ctx.stdin) try { close(ifd); } catch {}
      }
      return 0;
    }
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

/**
 * The same algorithm as main's loop when lines are compared as bytes (no -f, -s, -i): lines are
 * offsets into the read buffer (the previous line too, copied out when the buffer is refilled),
 * the output assembled in a buffer.
 * A line is compared and printed as a C string: up to its first NUL (then without its newline),
 * else whole, a trailing newline not counting in the comparison.
 */
function bytewise(ctx: Ctx, ifd: number, ifn: string, out: Writer, c: boolean, d: boolean, u: boolean, D: number, plain: boolean): void {
  let buf = new Uint8Array(1 << 18);
  let start = 0, end = 0, eof = false, nul = 0;
  // the previous line: pref[poff, poff + pout) (its compared part pcmp bytes), a view into buf
  // until a refill moves the data, then a copy in prev
  let prev = new Uint8Array(256), pcmp = 0, pout = 0, pref = prev, poff = 0, pinbuf = false;
  const ob = new Uint8Array(1 << 16);
  let o = 0;
  let repeats = 0;
  const fill = (): boolean => {
    if (eof) return false;
    if (pinbuf) {
      const n = pout > pcmp ? pout : pcmp;
      if (n > prev.length) prev = new Uint8Array(n * 2);
      prev.set(buf.subarray(poff, poff + n));
      pref = prev;
      poff = 0;
      pinbuf = false;
    }
    if (start > 0) {
      buf.copyWithin(0, start, end);
      end -= start;
      start = 0;
    } else if (end === buf.length) {
      const nb = new Uint8Array(buf.length * 2);
      nb.set(buf.subarray(0, end));
      buf = nb;
    }
    let n: number;
    try {
      n = read(ifd, buf, end, buf.length - end);
    } catch (e) {
      if (e instanceof SysError) err(ctx, 1, ifn, e);
      throw e;
    }
    if (n === 0) eof = true;
    end += n;
    nul = buf.indexOf(0, start);
    if (nul < 0 || nul > end) nul = end;
    return n > 0;
  };
  const emit = (b: Uint8Array, s: number, n: number) => {
    if (c) {
      // String(repeats + 1).padStart(4) + " "
      const v = repeats + 1;
      let k = 1;
      for (let t = v; t >= 10; t = Math.floor(t / 10)) k++;
      if (o + 24 > ob.length) { out.write(ob.subarray(0, o)); o = 0; }
      for (let j = k; j < 4; j++) ob[o++] = 32;
      for (let j = k - 1, t = v; j >= 0; j--, t = Math.floor(t / 10)) ob[o + j] = 48 + (t % 10);
      o += k;
      ob[o++] = 32;
    }
    if (o + n > ob.length) {
      out.write(ob.subarray(0, o));
      o = 0;
      if (n > ob.length) { out.write(b.subarray(s, s + n)); return; }
    }
    if (n < 64) for (let j = 0; j < n; j++) ob[o++] = b[s + j]!;
    else { ob.set(b.subarray(s, s + n), o); o += n; }
  };
  const nl = () => {
    if (o === ob.length) { out.write(ob); o = 0; }
    ob[o++] = 10;
  };
  let first = true;
  // modes where a repeated line only counts
  const skips = !D && !(d && !c);
  for (;;) {
    if (skips && !first) {
      start = skipSame(buf, start, end, nul, pref, poff, pcmp);
      repeats += skipped;
    }
    // the next line: [ls, le), compared over [ls, ls + lc), printed over [ls, ls + lo)
    // short lines are found faster by a loop than by a native call
    // (and compared with the previous line on the way: eq while every byte so far is equal)
    // (locals: the closures' variables live in a scope object, slower to reach in a loop)
    let i = start, eq = true;
    const lim = start + 64 < end ? start + 64 : end, B = buf, P = pref, d0 = poff - start;
    for (let ch; i < lim && (ch = B[i]!) !== 10; i++) if (ch !== P[i + d0]) eq = false;
    const fused = i < lim;
    if (i === lim) i = i < end ? buf.indexOf(10, i) : -1;
    if (i < 0 || i >= end) {
      let scan = end;
      for (;;) {
        const off = scan - start;
        if (!fill()) { i = -1; break; }
        i = buf.indexOf(10, start + off);
        if (i >= 0 && i < end) break;
        scan = end;
      }
      if (i < 0 && start === end) break;
    }
    const ls = start, le = i < 0 ? end : i + 1;
    start = le;
    if (nul < ls) {
      nul = buf.indexOf(0, ls);
      if (nul < 0 || nul > end) nul = end;
    }
    let lc: number, lo: number;
    if (nul < le) lc = lo = nul - ls;
    else {
      lo = le - ls;
      lc = i < 0 ? lo : lo - 1;
    }
    if (first) {
      first = false;
      if (plain) emit(buf, ls, lo);
    } else {
      let same = lc === pcmp;
      if (fused && nul >= le) same &&= eq;
      else if (same) for (let j = 0; j < lc; j++) if (buf[ls + j] !== pref[poff + j]) { same = false; break; }
      if (same) {
        if (D) {
          if (repeats === 0) {
            if (D === PRESEP) nl();
            emit(pref, poff, pout);
          }
        } else if (d && !c && repeats === 0) emit(pref, poff, pout);
        repeats++;
        if (D) emit(buf, ls, lo);
        continue;
      }
      if (D === POSTSEP && repeats > 0) nl();
      if (plain) emit(buf, ls, lo);
      else if (!D && (!d || (c && repeats > 0)) && (!u || repeats === 0)) emit(pref, poff, pout);
      repeats = 0;
    }
    pref = buf;
    poff = ls;
    pinbuf = true;
    pcmp = lc;
    pout = lo;
  }
  if (!first && !plain && !D && (!d || (c && repeats > 0)) && (!u || repeats === 0)) emit(pref, poff, pout);
  if (o) out.write(ob.subarray(0, o));
}

let skipped = 0;
/**
 * bytewise's common case in a loop of its own: from s, the complete lines (before end, none
 * reaching the NUL at nul) equal to prev[po, po + pl); returns where the first other line starts and
 * sets `skipped` to their number.
 */
function skipSame(buf: Uint8Array, s: number, end: number, nul: number, prev: Uint8Array, po: number, pl: number): number {
  let n = 0;
  const lim = nul < end ? nul : end;
  while (s + pl < lim && buf[s + pl] === 10) {
    let k = 0;
    while (k < pl && buf[s + k] === prev[po + k]) k++;
    if (k < pl) break;
    s += pl + 1;
    n++;
  }
  skipped = n;
  return s;
}
