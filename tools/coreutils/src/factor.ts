// factor — print the prime factors of numbers. Not POSIX. FreeBSD factor(6) as chimerautils builds it
// (without OpenSSL: numbers are unsigned 64-bit).
// Options (getopt "h"): -h prints the number and its factors in hexadecimal ("0x..").
// Operands, or (without operands) one number per line of standard input (blank lines skipped).
// Each number is read as strtoul(3) would: leading white space, an optional '+', decimal; when no
//   decimal digit (or only 0) is found it is read again as hexadecimal (so "abc" is 2748);
//   anything after the number is ignored. A leading '-' is "negative numbers aren't permitted.";
//   a value above 2^64-1, or 0, is "<arg>: illegal numeric format." (exit 1, nothing after it).
// Output: "N: f1 f2 ..." in ascending order with repetition; "1: 1".
// Deviation: every factor printed is prime (trial division, then Pollard's rho with Miller-Rabin in
//   BigInt); FreeBSD without OpenSSL stops at its table of primes below 65537 and prints what is
//   left, which for numbers above 2^32 can be composite.
import { defineApplet, Getopt, usage, errx, Reader, decode, type Ctx } from "@bsdbox/shared";

const USAGE = "usage: factor [-h] [value ...]";
const MAX = (1n << 64n) - 1n;

export default defineApplet({
  name: "factor",
  main(ctx) {
    const g = new Getopt(ctx, "h");
    let hex = false;
    for (let ch; (ch = g.next()) !== undefined; ) {
      if (ch === "h") hex = true;
      else usage(ctx, USAGE);
    }
    const args = g.rest;
    if (args.length) {
      for (const a of args) {
        if (a[0] === "-") errx(ctx, 1, "negative numbers aren't permitted.");
        print(ctx, parse(ctx, a), hex);
      }
      return 0;
    }
    const r = new Reader(ctx.stdin);
    for (let l; (l = r.line()) !== null; ) {
      let p = 0;
      while (p < l.length && (l[p] === 32 || l[p] === 9)) p++;
      if (p === l.length || l[p] === 10 || l[p] === 0) continue;
      if (l[p] === 45) errx(ctx, 1, "negative numbers aren't permitted.");
      print(ctx, parse(ctx, decode(l, 0, l.length)), hex);
    }
    return 0;
  },
});

/** strtoul(3) on a 64-bit unsigned long: the value, or undefined (no digits, or ERANGE). */
function strtoul(s: string, base: 10 | 16): bigint | undefined {
  let i = 0;
  while (i < s.length && " \t\n\v\f\r".includes(s[i]!)) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") neg = s[i++] === "-";
  if (base === 16 && s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) i += 2;
  const start = i;
  let v = 0n;
  const B = BigInt(base);
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, base);
    if (Number.isNaN(d)) break;
    v = v * B + BigInt(d);
  }
  if (i === start) return undefined;
  if (v > MAX) return undefined;
  return neg ? (MAX + 1n - v) & MAX : v;
}

function parse(ctx: Ctx, s: string): bigint {
  let v = strtoul(s, 10);
  if (!v) v = strtoul(s, 16);
  if (!v) errx(ctx, 1, `${s}: illegal numeric format.`);
  return v;
}

function print(ctx: Ctx, n: bigint, hex: boolean): void {
  if (n === 1n) {
    ctx.out.write("1: 1\n");
    return;
  }
  const f = (x: bigint) => (hex ? "0x" + x.toString(16) : x.toString());
  const fs = factorize(n);
  ctx.out.write(`${f(n)}:${fs.map((x) => " " + f(x)).join("")}\n`);
}

const SMALL: number[] = [];
for (let i = 2; i < 1000; i++) if (SMALL.every((p) => i % p !== 0)) SMALL.push(i);

/** The prime factors of n (n ≥ 2) in ascending order, with repetition. */
export function factorize(n: bigint): bigint[] {
  const out: bigint[] = [];
  for (const p of SMALL) {
    const bp = BigInt(p);
    if (bp * bp > n) break;
    while (n % bp === 0n) {
      out.push(bp);
      n /= bp;
    }
  }
  if (n > 1n) split(n, out);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function split(n: bigint, out: bigint[]): void {
  // no factor below 1000 is left, so anything below 10^6 is prime
  if (n < 1000000n || isPrime(n)) {
    out.push(n);
    return;
  }
  const d = rho(n);
  split(d, out);
  split(n / d, out);
}

function powmod(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** Deterministic Miller-Rabin below 3.3·10^24 (the first twelve primes as bases). */
export function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n, s = 0;
  while ((d & 1n) === 0n) { d >>= 1n; s++; }
  outer: for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    let x = powmod(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A non-trivial factor of the odd composite n (Brent's variant of Pollard's rho). */
function rho(n: bigint): bigint {
  for (let c = 1n; ; c++) {
    const f = (x: bigint) => (x * x + c) % n;
    let y = 2n, x = 2n, q = 1n, g = 1n, ys = 2n;
    const m = 128;
    for (let r = 1; g === 1n; r <<= 1) {
      x = y;
      for (let i = 0; i < r; i++) y = f(y);
      for (let k = 0; k < r && g === 1n; k += m) {
        ys = y;
        for (let i = 0; i < Math.min(m, r - k); i++) {
          y = f(y);
          q = (q * (x > y ? x - y : y - x)) % n;
        }
        g = gcd(q, n);
      }
    }
    if (g === n) {
      do {
        ys = f(ys);
        g = gcd(x > ys ? x - ys : ys - x, n);
      } while (g === 1n);
    }
    if (g !== n) return g;
  }
}

