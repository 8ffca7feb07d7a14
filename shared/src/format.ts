// C-style number formatting and parsing, exactly as musl's printf(3) and strtod(3) do it.
//
// - fmtFloat: %e %E %f %F %g %G %a %A of a double. Conversions are exact: the binary value is
//   expanded with BigInt and rounded half-to-even on the decimal (or hex) digit, as musl's fmt_fp
//   does; exponents have at least two digits (%e) or are plain decimal (%a, "0x1.8p+1");
//   %a normalises subnormals ("0x1p-1074"); inf/nan print as "inf"/"nan" ("INF"/"NAN"), never
//   zero-padded; the sign of -0 is kept.
// - fmtInt: %d %i %o %u %x %X of a 64-bit value (intmax_t/uintmax_t) with C's precision rules
//   (%.0d of 0 is empty, %#o forces a leading 0, %#x of 0 has no prefix).
// - Flags: '-' left-adjust (beats '0'), '+', ' ', '#', '0' (ignored with a precision for
//   integers), '\'' accepted and ignored (musl does no grouping).
// - formatDouble: printf(fmt, x) for a format of text, %% and floating conversions (what seq
//   hands to printf); null where musl's printf would fail (bad or overflowing spec).
// - strtod: musl's strtod: leading white space, sign, decimal or 0x hex floats, inf/infinity,
//   nan/nan(chars); returns the value, where parsing stopped (0 when nothing was converted) and
//   whether errno would be ERANGE (overflow, or underflow that lost value).
// Only ECMAScript: no runtime or system access.

export interface Spec {
  /** '-' */ left?: boolean;
  /** '+' */ plus?: boolean;
  /** ' ' */ space?: boolean;
  /** '#' */ alt?: boolean;
  /** '0' */ zero?: boolean;
  /** minimum field width (0: none) */ width?: number;
  /** precision; undefined or negative: none */ prec?: number;
}

/** Spec from a flag string such as "-0#", a width and a precision (-1 for none). */
export function makeSpec(flags: string, width = 0, prec = -1): Spec {
  const s: Spec = { width, prec };
  for (const c of flags) {
    if (c === "-") s.left = true;
    else if (c === "+") s.plus = true;
    else if (c === " ") s.space = true;
    else if (c === "#") s.alt = true;
    else if (c === "0") s.zero = true;
  }
  // a negative width (from a '*' argument) means '-'; musl leaves INT_MIN negative: no padding
  if (width < 0) { s.left = true; s.width = width < -2147483647 ? 0 : -width; }
  return s;
}

/** Lay out prefix (sign, 0x) and body in the field the way musl's pad() calls do. */
function field(prefix: string, body: string, s: Spec, zeroOk: boolean): string {
  const w = s.width ?? 0;
  const n = prefix.length + body.length;
  if (n >= w) return prefix + body;
  const fill = w - n;
  if (s.left) return prefix + body + " ".repeat(fill);
  if (s.zero && zeroOk) return prefix + "0".repeat(fill) + body;
  return " ".repeat(fill) + prefix + body;
}

const U64 = (1n << 64n) - 1n;

/** Integer conversion d i o u x X. For o/u/x/X the value is taken modulo 2^64 (uintmax_t);
 * for d/i it is an intmax_t (callers keep it in range). */
export function fmtInt(v: bigint, conv: string, s: Spec = {}): string {
  let prefix = "";
  let mag: bigint;
  let p = s.prec ?? -1;
  const hasPrec = p >= 0;
  let digits: string;
  if (conv === "d" || conv === "i") {
    if (v < 0n) { prefix = "-"; mag = -v; }
    else { mag = v; if (s.plus) prefix = "+"; else if (s.space) prefix = " "; }
    digits = mag === 0n ? "" : mag.toString(10);
  } else {
    mag = v & U64;
    if (conv === "o") {
      digits = mag === 0n ? "" : mag.toString(8);
      if (s.alt && p < digits.length + 1) p = digits.length + 1;
    } else if (conv === "x" || conv === "X") {
      digits = mag === 0n ? "" : mag.toString(16);
      if (conv === "X") digits = digits.toUpperCase();
      if (s.alt && mag !== 0n) prefix = conv === "X" ? "0X" : "0x";
    } else digits = mag === 0n ? "" : mag.toString(10);
  }
  const zeroOk = !hasPrec && !s.left;
  if (!(mag === 0n && p === 0)) {
    p = Math.max(p, digits.length + (mag === 0n ? 1 : 0));
    if (digits.length < p) digits = "0".repeat(p - digits.length) + digits;
  }
  return field(prefix, digits, s, zeroOk);
}

// ---------- exact binary -> decimal ----------

const dv = new DataView(new ArrayBuffer(8));

/** x (finite, > 0) = m * 2^e exactly. */
function decompose(x: number): [bigint, number] {
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0), lo = dv.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (be) return [m | (1n << 52n), be - 1075];
  return [m, -1074];
}

const P10: bigint[] = [];
function pow10(k: number): bigint {
  if (k < 64) return (P10[k] ??= 10n ** BigInt(k));
  return 10n ** BigInt(k);
}

/** round(m * 2^e * 10^k), ties to even. */
function scaledRound(m: bigint, e: number, k: number): bigint {
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  if (k >= 0) num *= pow10(k); else den *= pow10(-k);
  if (den === 1n) return num;
  const q = num / den;
  const r2 = (num - q * den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** k: the exact decimal expansion of x (finite, > 0) has k digits after the point, the last
 * of them a 5 (k = 0 for integers). */
function fracDigits(x: number): number {
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0), lo = dv.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  const e = (be || 1) - 1075;
  let tz: number;
  if (lo) tz = 31 - Math.clz32(lo & -lo);
  else {
    const h = (hi & 0xfffff) | (be ? 0x100000 : 0);
    tz = 63 - Math.clz32(h & -h);
  }
  return Math.max(0, -(e + tz));
}

/** p+1 significant decimal digits of x (> 0, finite), rounded half-even, and the decimal
 * exponent X of the first digit (x ~ d.ddd * 10^X). */
function sigDigits(x: number, p: number): [string, number] {
  if (Number.isInteger(x)) {
    if (x < 2 ** 53) {
      // exact digits are at hand; round only when there are more than p+1 of them
      const s = String(x);
      if (s.length <= p + 1) return [s + "0".repeat(p + 1 - s.length), s.length - 1];
    }
  } else if (p <= 100) {
    // ECMAScript rounds exactly too, but ties away from zero: usable unless the cut falls
    // just before the expansion's final 5 (allowing for a carry into the exponent)
    const t = x.toExponential(p);
    const ei = t.indexOf("e");
    const X = Number(t.slice(ei + 1));
    const k = fracDigits(x);
    if (p - X !== k - 1 && p - X + 1 !== k - 1) return [t[0]! + t.slice(2, ei), X];
  }
  const [m, e] = decompose(x);
  let X = Math.floor(Math.log10(x));
  for (;;) {
    const n = scaledRound(m, e, p - X);
    const lim = pow10(p + 1);
    if (n >= lim) { X++; continue; }
    if (n < pow10(p) ) {
      // the estimate was one too high (or rounding landed below): retry lower, unless the
      // next exponent rounds back up to 10^(p+1), which means this one is right
      const n2 = scaledRound(m, e, p - (X - 1));
      if (n2 < lim) { X--; continue; }
      return [pow10(p).toString(), X];
    }
    return [n.toString(), X];
  }
}

/** Digits of x (>= 0, finite) with exactly p digits after the point, rounded half-even. */
function fixedDigits(x: number, p: number): string {
  let s: string;
  if (Number.isInteger(x) && x < 2 ** 53) s = String(x) + "0".repeat(p);
  else if (x === 0) s = "0".repeat(p + 1);
  else if (x < 1e21 && p <= 100 && p !== fracDigits(x) - 1) return x.toFixed(p); // no tie: exact
  else {
    const [m, e] = decompose(x);
    s = scaledRound(m, e, p).toString();
  }
  if (s.length < p + 1) s = "0".repeat(p + 1 - s.length) + s;
  return p ? s.slice(0, s.length - p) + "." + s.slice(s.length - p) : s;
}

function expStr(X: number, letter: string): string {
  const a = Math.abs(X);
  return letter + (X < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

const HEX = "0123456789abcdef";

/** Floating conversion e E f F g G a A of a double. */
export function fmtFloat(x: number, conv: string, s: Spec = {}): string {
  const upper = conv === "E" || conv === "F" || conv === "G" || conv === "A";
  const c = upper ? String.fromCharCode(conv.charCodeAt(0) | 32) : conv;
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  let prefix = neg ? "-" : s.plus ? "+" : s.space ? " " : "";
  if (neg) x = -x;
  if (!Number.isFinite(x)) {
    const t = Number.isNaN(x) ? "nan" : "inf";
    return field(prefix, upper ? t.toUpperCase() : t, s, false);
  }
  let p = s.prec ?? -1;
  let body: string;
  if (c === "a") {
    prefix += upper ? "0X" : "0x";
    body = hexBody(x, p, !!s.alt);
    if (upper) body = body.toUpperCase();
    return field(prefix, body, s, !s.left);
  }
  if (p < 0) p = 6;
  if (c === "f") {
    body = fixedDigits(x, p);
    if (p === 0 && s.alt) body += ".";
  } else if (c === "e") {
    let d: string, X: number;
    if (x === 0) { d = "0".repeat(p + 1); X = 0; } else [d, X] = sigDigits(x, p);
    body = d[0]! + (p || s.alt ? "." : "") + d.slice(1) + expStr(X, upper ? "E" : "e");
  } else {
    // %g: P significant digits; style e unless -4 <= X < P; trailing zeros dropped unless '#'
    const P = p === 0 ? 1 : p;
    let d: string, X: number;
    if (x === 0) { d = "0".repeat(P); X = 0; } else [d, X] = sigDigits(x, P - 1);
    if (X < P && X >= -4) {
      let ip: string, fp: string;
      if (X >= 0) { ip = d.slice(0, X + 1); fp = d.slice(X + 1); }
      else { ip = "0"; fp = "0".repeat(-X - 1) + d; }
      if (!s.alt) fp = trimZeros(fp);
      body = ip + (fp || s.alt ? "." : "") + fp;
    } else {
      let fp = d.slice(1);
      if (!s.alt) fp = trimZeros(fp);
      body = d[0]! + (fp || s.alt ? "." : "") + fp + expStr(X, upper ? "E" : "e");
    }
  }
  if (upper) body = body.toUpperCase();
  return field(prefix, body, s, !s.left);
}

function trimZeros(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 48) n--;
  return n === s.length ? s : s.slice(0, n);
}

/** The part of %a after "0x": d[.ddd]p±E, musl style (leading digit 1 for every non-zero value). */
function hexBody(x: number, p: number, alt: boolean): string {
  let lead: bigint, frac: bigint, E: number;
  let nd = 13; // hex digits of frac
  if (x === 0) { lead = 0n; frac = 0n; E = 0; nd = 0; }
  else {
    let [m, e] = decompose(x);
    const len = m.toString(2).length;
    if (len < 53) { m <<= BigInt(53 - len); e -= 53 - len; }
    E = e + 52;
    if (p >= 0 && p < 13) {
      const sh = BigInt(4 * (13 - p));
      let t = m >> sh;
      const r = m & ((1n << sh) - 1n), half = 1n << (sh - 1n);
      if (r > half || (r === half && (t & 1n) === 1n)) t++;
      lead = t >> BigInt(4 * p);
      frac = t & ((1n << BigInt(4 * p)) - 1n);
      nd = p;
    } else {
      lead = 1n;
      frac = m & ((1n << 52n) - 1n);
    }
  }
  let fd = nd ? frac.toString(16).padStart(nd, "0") : "";
  if (p < 0) fd = fd.replace(/0+$/, "");
  else if (fd.length < p) fd += "0".repeat(p - fd.length);
  const ea = Math.abs(E);
  return HEX[Number(lead)]! + (fd || alt ? "." : "") + fd + "p" + (E < 0 ? "-" : "+") + ea;
}

// ---------- a printf(3) format with one double argument ----------

const INT_MAX = 2147483647;

/** printf(fmt, x) where fmt holds text, %% and floating conversions (each converting x).
 * null when musl's printf would return -1 (an invalid or overflowing specification). */
export function formatDouble(fmt: string, x: number): string | null {
  const f = compileDoubleFormat(fmt);
  return f && f(x);
}

/** formatDouble(fmt, ·) with the format parsed once (for loops such as seq's). */
export function compileDoubleFormat(fmt: string): ((x: number) => string) | null {
  const parts: (string | [string, Spec])[] = [];
  let lit = "";
  let i = 0;
  for (;;) {
    const j = fmt.indexOf("%", i);
    if (j < 0) { lit += fmt.slice(i); break; }
    lit += fmt.slice(i, j);
    i = j + 1;
    if (fmt[i] === "%") { lit += "%"; i++; continue; }
    let flags = "";
    while (i < fmt.length && "#0- +'".includes(fmt[i]!)) flags += fmt[i++];
    let w = 0;
    while (i < fmt.length && fmt[i]! >= "0" && fmt[i]! <= "9") {
      w = w * 10 + (fmt.charCodeAt(i++) - 48);
      if (w > INT_MAX) return null;
    }
    let p = -1;
    if (fmt[i] === ".") {
      i++;
      p = 0;
      while (i < fmt.length && fmt[i]! >= "0" && fmt[i]! <= "9") {
        p = p * 10 + (fmt.charCodeAt(i++) - 48);
        if (p > INT_MAX) p = -1; // musl: an overflowing precision acts as none for floats
      }
    }
    const c = fmt[i++];
    if (c === undefined || !"aAeEfFgG".includes(c)) return null;
    if (lit) parts.push(lit);
    lit = "";
    parts.push([c, makeSpec(flags, w, p)]);
  }
  if (lit) parts.push(lit);
  return (x: number) => {
    let out = "";
    for (const part of parts) out += typeof part === "string" ? part : fmtFloat(x, part[0], part[1]);
    return out;
  };
}

// ---------- strtod ----------

export interface StrtodResult {
  value: number;
  /** index where parsing stopped; 0 when no conversion was performed */
  end: number;
  /** errno would be ERANGE */
  erange: boolean;
}

const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const MIN_NORMAL = 2.2250738585072014e-308;

/** musl strtod(3). */
export function strtod(str: string): StrtodResult {
  let i = 0;
  while (isSpace(str[i])) i++;
  let neg = false;
  if (str[i] === "+" || str[i] === "-") { neg = str[i] === "-"; i++; }
  const sign = neg ? -1 : 1;
  const low = str.slice(i, i + 8).toLowerCase();
  if (low.startsWith("inf")) {
    return { value: sign * Infinity, end: i + (low === "infinity" ? 8 : 3), erange: false };
  }
  if (low.startsWith("nan")) {
    let k = i + 3;
    if (str[k] === "(") {
      let q = k + 1;
      while (q < str.length && /[A-Za-z0-9_]/.test(str[q]!)) q++;
      if (str[q] === ")") k = q + 1;
    }
    return { value: NaN, end: k, erange: false };
  }
  if (str[i] === "0" && (str[i + 1] === "x" || str[i + 1] === "X")) return hexfloat(str, i + 2, sign);
  // decimal
  const start = i;
  let mant = "", point = -1, gotDigit = false;
  for (; i < str.length; i++) {
    const c = str[i]!;
    if (isDigit(c)) { mant += c; gotDigit = true; }
    else if (c === "." && point < 0) point = mant.length;
    else break;
  }
  if (!gotDigit) return { value: 0, end: 0, erange: false };
  let exp = 0n;
  if (str[i] === "e" || str[i] === "E") {
    let k = i + 1;
    let eneg = false;
    if (str[k] === "+" || str[k] === "-") { eneg = str[k] === "-"; k++; }
    if (isDigit(str[k])) {
      let q = k;
      while (isDigit(str[q])) q++;
      exp = BigInt(str.slice(k, q));
      if (eneg) exp = -exp;
      i = q;
    }
  }
  void start;
  // value = mant * 10^(exp - fractional digits)
  const fracDigits = point < 0 ? 0 : mant.length - point;
  const stripped = mant.replace(/^0+/, "");
  if (!stripped) return { value: sign * 0, end: i, erange: false };
  let e10 = exp - BigInt(fracDigits);
  // clamp absurd exponents so Number() sees 0 or Infinity without a giant string
  const mag = BigInt(stripped.length) + e10;
  let v: number;
  if (mag > 400n) v = Infinity;
  else if (mag < -400n) v = 0;
  else v = Number(`${stripped}e${e10}`);
  let erange = false;
  if (v === Infinity || v === 0) erange = true;
  else if (v < MIN_NORMAL) {
    // musl (decfloat): an inexact subnormal result sets ERANGE, unless rounding carried it up
    // to the next power of two
    const [m, e] = decompose(v);
    let lhs = m, rhs = BigInt(stripped);
    if (e < 0) rhs <<= BigInt(-e); else lhs <<= BigInt(e);
    if (e10 < 0n) lhs *= 10n ** -e10; else rhs *= 10n ** e10;
    const pow2 = (m & (m - 1n)) === 0n;
    erange = lhs !== rhs && !(pow2 && lhs > rhs);
  }
  return { value: sign * v, end: i, erange };
}

function hexfloat(str: string, i: number, sign: number): StrtodResult {
  const zeroEnd = i - 1; // just after the "0" when no hex digits follow
  let gotDigit = false, gotRad = false;
  let rp = 0, dc = 0;
  let mant = 0n;
  let sig = 0; // significant digits taken into mant
  let sticky = false;
  while (str[i] === "0") { gotDigit = true; i++; }
  if (str[i] === ".") {
    gotRad = true;
    i++;
    while (str[i] === "0") { gotDigit = true; rp--; i++; }
  }
  for (; i < str.length; i++) {
    const c = str[i]!;
    if (c === ".") {
      if (gotRad) break;
      gotRad = true;
      rp = dc;
      continue;
    }
    if (!isHex(c)) break;
    gotDigit = true;
    dc++;
    if (sig < 30) { mant = mant * 16n + BigInt(parseInt(c, 16)); sig++; }
    else if (c !== "0") sticky = true;
  }
  if (!gotDigit) return { value: sign * 0, end: zeroEnd, erange: false };
  if (!gotRad) rp = dc;
  let pexp = 0n;
  if (str[i] === "p" || str[i] === "P") {
    let k = i + 1, eneg = false;
    if (str[k] === "+" || str[k] === "-") { eneg = str[k] === "-"; k++; }
    if (isDigit(str[k])) {
      let q = k;
      while (isDigit(str[q])) q++;
      pexp = BigInt(str.slice(k, q));
      if (eneg) pexp = -pexp;
      i = q;
    }
  }
  if (mant === 0n) return { value: sign * 0, end: i, erange: false };
  // musl's range checks use the first 8 digits scaled to 32 bits: e2 = p + 4*rp - 32
  const e2 = pexp + 4n * BigInt(rp) - 32n;
  if (e2 > 1074n) return { value: sign * Infinity, end: i, erange: true };
  if (e2 < -1074n - 128n) return { value: sign * 0, end: i, erange: true };
  // exact value = (mant [+ sticky]) * 2^(4*(rp - sig) + p)
  let m = mant * 2n + (sticky ? 1n : 0n);
  let e = Number(pexp) + 4 * (rp - sig) - 1;
  // round m*2^e to a double (53 bits, subnormals at 2^-1074), ties to even
  const bits = m.toString(2).length;
  let keep = 53;
  const top = e + bits - 1; // exponent of the leading bit
  if (top < -1022) keep = 53 - (-1022 - top);
  let v: number;
  const pow2 = (m & (m - 1n)) === 0n;
  if (keep <= 0) {
    // musl rounds to no bits at all: 2^(top+1) unless the value is exactly a power of two
    // (then 0 and ERANGE); the long double result then becomes a double
    return { value: sign * (!pow2 && top === -1075 ? 5e-324 : 0), end: i, erange: pow2 };
  } else {
    if (keep < 32 && bits > 32) {
      // musl keeps 32 bits and a sticky tail; with fewer than 32 bits to keep it first makes an
      // even word odd when the tail is non-zero, then rounds the word (ties to even)
      const sh = BigInt(bits - 32);
      let w = m >> sh;
      if ((m & ((1n << sh) - 1n)) !== 0n && (w & 1n) === 0n) w++;
      m = w;
      e += bits - 32;
    }
    const drop = m.toString(2).length - keep;
    if (drop > 0) {
      const D = BigInt(drop);
      let q = m >> D;
      const r = m & ((1n << D) - 1n), half = 1n << (D - 1n);
      if (r > half || (r === half && (q & 1n) === 1n)) q++;
      m = q;
      e += drop;
    }
    v = Number(m) * 2 ** e;
    if (!Number.isFinite(v) || v === 0) v = Number(m) * 2 ** (e + 600) * 2 ** -600;
  }
  return { value: sign * v, end: i, erange: v === 0 };
}
