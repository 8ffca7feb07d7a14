// seq — print a sequence of numbers.
// Not in POSIX. FreeBSD: seq(1) (NetBSD/Plan 9 lineage).
// usage: seq [-w] [-f format] [-s string] [-t string] [first [incr]] last
// getopt_long "+f:hs:t:w": --format --separator --terminator --equal-width. Option parsing
// stops at the first operand that looks numeric ([+-]digits[.digits][e[+-]digits]), so
// negative numbers need no "--".
// All numbers are doubles (strtod: hex, inf, nan accepted); first defaults to 1, incr to 1, or
// -1 when first > last (so `seq 0` prints 1 and 0, as the manual says). The n-th value is
// first + n*incr (no accumulated error); if rounding made the loop stop early the formatted
// last value is still printed. Numbers are formatted with %.0f when first, incr and the last
// value are integers of at most 2^53, else %g; -w pads them to one width with zeros ("%0W.Pf",
// or %e when %g would use an exponent); -w twice pads with the ' ' flag. -f takes a printf(3)
// format with exactly one of %a %A %e %E %f %F %g %G (plus %%, flags, width, precision).
// -s (default "\n") goes between numbers, -t (default "\n") after the last; both and -f accept
// C escapes (\a \b \e \f \n \r \t \v \\ \' \" \NNN \xHH); a \0 ends the string.
// Errors: "seq: invalid floating point argument: X" and "seq: X: Result not representable"
// exit 2; "zero increment", "needs positive increment", "needs negative decrement",
// "invalid format string: `F'" and usage exit 1.
import { defineApplet, Getopt, errx, encode, decode, type Ctx } from "@bsdbox/shared";
import { strtod, compileDoubleFormat } from "@bsdbox/shared/format";
import { SysError } from "@bsdbox/compat";

const LONGOPTS = [
  { name: "format", has: 1 as const, val: "f" },
  { name: "separator", has: 1 as const, val: "s" },
  { name: "terminator", has: 1 as const, val: "t" },
  { name: "equal-width", has: 0 as const, val: "w" },
];
const INT_LIMIT = 2 ** 53;

export default defineApplet({
  name: "seq",
  main(ctx) {
    let sep = "\n";
    let term: string | undefined;
    let fmt: string | undefined;
    let equalize = 0;
    let pad = "0";
    let errflg = 0;
    const g = new Getopt(ctx, "+f:hs:t:w", LONGOPTS);
    while (g.optind < g.argv.length && !numeric(g.argv[g.optind]!)) {
      const c = g.next();
      if (c === undefined) break;
      switch (c) {
        case "f": fmt = g.optarg!; equalize = 0; break;
        case "s": sep = unescape(g.optarg!); break;
        case "t": term = unescape(g.optarg!); break;
        case "w": if (fmt === undefined && equalize++) pad = " "; break;
        default: errflg++;
      }
    }
    const ops = g.rest;
    if (ops.length < 1 || ops.length > 3) errflg++;
    if (errflg) {
      ctx.err.write(`usage: ${ctx.prog} [-w] [-f format] [-s string] [-t string] [first [incr]] last\n`);
      return 1;
    }
    const last = eAtof(ctx, ops[ops.length - 1]!);
    const first = ops.length > 1 ? eAtof(ctx, ops[0]!) : 1;
    let incr = 0;
    if (ops.length > 2) {
      incr = eAtof(ctx, ops[1]!);
      if (incr === 0) errx(ctx, 1, `zero ${first < last ? "in" : "de"}crement`);
    }
    if (incr === 0) incr = first < last ? 1 : -1;
    if (incr <= 0 && first < last) errx(ctx, 1, "needs positive increment");
    if (incr >= 0 && first > last) errx(ctx, 1, "needs negative decrement");

    let mayTrunc = true;
    if (fmt !== undefined) {
      if (!validFormat(fmt)) errx(ctx, 1, `invalid format string: \`${fmt}'`);
      fmt = unescape(fmt);
      if (!validFormat(fmt)) errx(ctx, 1, "invalid format string");
    } else {
      const gen = generateFormat(first, incr, last, equalize, pad);
      fmt = gen.fmt;
      mayTrunc = gen.mayTrunc;
    }
    const show = compileDoubleFormat(fmt) ?? (() => "");
    const out = new Out(ctx);

    let cur = first, prev = 0, step = 1, printed = false;
    while (incr > 0 ? cur <= last : cur >= last) {
      if (printed) out.put(sep);
      out.put(show(cur));
      printed = true;
      prev = cur;
      cur = first + incr * step++;
    }
    if (mayTrunc) {
      // the loop may have stopped early through rounding: if the next value prints like
      // `last` and unlike the previous one, `last` is still due
      const curPrint = show(cur), lastPrint = show(last), prevPrint = show(prev);
      if (curPrint === lastPrint && curPrint !== prevPrint) {
        if (printed) out.put(sep);
        out.put(lastPrint);
      }
    }
    out.put(term ?? "\n");
    out.flush();
    return 0;
  },
});

/** stdio-like output whose write errors do not change the status (seq never checks them). */
class Out {
  private dead = false;
  constructor(private ctx: Ctx) {}
  flush(): void {
    try {
      if (!this.dead) this.ctx.out.flush();
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
    }
  }
  put(s: string): void {
    if (this.dead || !s) return;
    try {
      this.ctx.out.write(s);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.dead = true;
    }
  }
}

/** Does the operand look like a number (so that it ends the options)? */
function numeric(s: string): boolean {
  let i = 0;
  if (s[i] === "-" || s[i] === "+") i++;
  let point = false;
  while (i < s.length) {
    const c = s[i]!;
    if (c < "0" || c > "9") {
      if (!point && c === ".") { point = true; i++; continue; }
      if (c === "e" || c === "E") {
        i++;
        const d = s[i];
        if (d === "+" || d === "-" || (d !== undefined && d >= "0" && d <= "9")) { i++; continue; }
      }
      return false;
    }
    i++;
  }
  return true;
}

/** strtod the whole operand or exit 2; -0 becomes 0. */
function eAtof(ctx: Ctx, s: string): number {
  const r = strtod(s);
  if (r.erange) errx(ctx, 2, `${s}: Result not representable`);
  if (r.end < s.length) errx(ctx, 2, `invalid floating point argument: ${s}`);
  return r.value === 0 ? 0 : r.value;
}

/** One floating conversion and nothing else but text and %%. */
function validFormat(f: string): boolean {
  const z = f.indexOf("\0");
  if (z >= 0) f = f.slice(0, z);
  let conversions = 0;
  let i = 0;
  while (i < f.length) {
    if (f[i] !== "%") { i++; continue; }
    i++;
    if (f[i] === "%") { i++; continue; }
    while (i < f.length && "#0- +'".includes(f[i]!)) i++;
    while (i < f.length && f[i]! >= "0" && f[i]! <= "9") i++;
    if (f[i] === ".") {
      i++;
      while (i < f.length && f[i]! >= "0" && f[i]! <= "9") i++;
    }
    if (i < f.length && "AaEeFfGg".includes(f[i]!)) conversions++;
    else return false;
  }
  return conversions === 1;
}

/** C escapes of -f, -s and -t; the result is cut at a NUL (it is used as a C string). */
function unescape(str: string): string {
  const b = encode(str);
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 92 || i + 1 >= b.length) { out.push(c); continue; }
    const n = b[i + 1]!;
    const simple: Record<number, number> = { 97: 7, 98: 8, 101: 27, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11, 92: 92, 39: 39, 34: 34 };
    if (simple[n] !== undefined) { out.push(simple[n]!); i++; continue; }
    if (n >= 48 && n <= 55) {
      let v = 0, k = 0;
      i++;
      for (; k < 3 && i < b.length && b[i]! >= 48 && b[i]! <= 55; k++, i++) v = (v << 3) | (b[i]! - 48);
      i--;
      out.push(v & 255);
      continue;
    }
    if (n === 120) {
      let v = 0, k = 0;
      i += 2;
      for (; k < 2 && i < b.length; k++, i++) {
        const d = b[i]!, l = d | 32;
        if (d >= 48 && d <= 57) v = (v << 4) | (d - 48);
        else if (l >= 97 && l <= 102) v = (v << 4) | (l - 87);
        else break;
      }
      i--;
      out.push(v & 255);
      continue;
    }
    out.push(c); // unknown escape: the backslash stays
  }
  const z = out.indexOf(0);
  return decode(Uint8Array.from(z < 0 ? out : out.slice(0, z)));
}

const validInt = (v: number) => Math.floor(v) === v && Math.abs(v) <= INT_LIMIT;

/** The default format; with -w one padded to the widest of first, incr and the last value. */
function generateFormat(first: number, incr: number, last: number, equalize: number, pad: string): { fmt: string; mayTrunc: boolean } {
  const anyNaN = Number.isNaN(first) || Number.isNaN(incr) || Number.isNaN(last);
  if (first > last) last = first - incr * Math.floor((first - last) / incr);
  else last = first + incr * Math.floor((last - first) / incr);
  // inf arithmetic (inf*0) makes x86's default NaN, which has the sign bit set: "-nan"
  const negNaN = Number.isNaN(last) && !anyNaN;
  const ints = validInt(first) && validInt(last) && validInt(incr);
  const def = ints ? "%.0f" : "%g";
  if (!equalize) return { fmt: def, mayTrunc: !ints };
  const show = compileDoubleFormat(def)!;
  let cc = "";
  let b = show(incr);
  if (b.includes("e")) cc = "e";
  let precision = places(b);
  b = show(first);
  let width1 = b.length;
  if (b.includes("e")) cc = "e";
  let p = places(b);
  if (p) width1 -= p + 1;
  precision = Math.max(p, precision);
  b = negNaN ? "-" + show(last) : show(last);
  let width2 = b.length;
  if (b.includes("e")) cc = "e";
  p = places(b);
  if (p) width2 -= p + 1;
  const w = Math.max(width1, width2);
  let fmt: string;
  if (precision) fmt = `%${pad}${w + 1 + precision}.${precision}${cc || "f"}`;
  else if (ints) fmt = `%${pad}${w}.0f`;
  else fmt = `%${pad}${w}${cc || "g"}`;
  return { fmt, mayTrunc: !ints };
}

/** Digits after the first decimal point. */
function places(s: string): number {
  const d = s.indexOf(".");
  if (d < 0) return 0;
  let n = 0;
  for (let i = d + 1; i < s.length && s[i]! >= "0" && s[i]! <= "9"; i++) n++;
  return n;
}
