import { test } from "uvu";
import * as assert from "uvu/assert";
import { fmtFloat, fmtInt, makeSpec, formatDouble, compileDoubleFormat, strtod } from "../src/format";

// Expected strings are what C's printf prints (checked against musl).
const f = (fmt: string, x: number) => formatDouble(fmt, x);

test("%f rounds the exact binary value half to even", () => {
  assert.is(f("%f", 3.14159), "3.141590");
  assert.is(f("%.0f %.0f %.0f %.0f", 0.5), "0 0 0 0");
  assert.is(f("%.0f", 1.5), "2");
  assert.is(f("%.0f", 2.5), "2");
  assert.is(f("%.2f", 0.125), "0.12");
  assert.is(f("%.2f", 0.375), "0.38");
  // 0.15 is 0.1499999999999999944... in binary, so it rounds down
  assert.is(f("%.1f", 0.15), "0.1");
  assert.is(f("%.20f", 0.1), "0.10000000000000000555");
  assert.is(f("%.0f", 1e20), "100000000000000000000");
  assert.is(f("%f", 1e300)!.length, 301 + 7);
  assert.is(f("%.3f", -0.0), "-0.000");
  assert.is(f("%#.0f", 3), "3.");
});

test("%e: at least two exponent digits, carry into the exponent", () => {
  assert.is(f("%e", 12345.678), "1.234568e+04");
  assert.is(f("%E", 0.000123), "1.230000E-04");
  assert.is(f("%e", 0), "0.000000e+00");
  assert.is(f("%.2e", 9.999), "1.00e+01");
  assert.is(f("%e", 1e100), "1.000000e+100");
  assert.is(f("%e", 5e-324), "4.940656e-324");
  assert.is(f("%.1e", 125), "1.2e+02");
  assert.is(f("%#.0e", 7), "7.e+00");
});

test("%g: style choice, trailing zeros, precision 0", () => {
  assert.is(f("%g", 100000), "100000");
  assert.is(f("%g", 1000000), "1e+06");
  assert.is(f("%g", 0.0001), "0.0001");
  assert.is(f("%g", 0.00001), "1e-05");
  assert.is(f("%G", 1e-10), "1E-10");
  assert.is(f("%g", 0.1 + 0.2), "0.3");
  assert.is(f("%.17g", 0.1 + 0.2), "0.30000000000000004");
  assert.is(f("%.0g", 123), "1e+02");
  assert.is(f("%g", 999999.5), "1e+06");
  assert.is(f("%#g", 1), "1.00000");
  assert.is(f("%g", 0), "0");
  assert.is(f("%g", -0), "-0");
});

test("%a: musl's normalised hex floats", () => {
  assert.is(f("%a", 1), "0x1p+0");
  assert.is(f("%a", 3), "0x1.8p+1");
  assert.is(f("%A", -0.1), "-0X1.999999999999AP-4");
  assert.is(f("%a", 0), "0x0p+0");
  assert.is(f("%.3a", 0), "0x0.000p+0");
  assert.is(f("%a", 5e-324), "0x1p-1074");
  assert.is(f("%.0a", 1.5), "0x2p+0");
  assert.is(f("%.1a", 1.03125), "0x1.0p+0");
  assert.is(f("%#a", 1), "0x1.p+0");
  assert.is(f("%010a", 1), "0x00001p+0");
});

test("flags, width and the special values", () => {
  assert.is(f("[%8.3f][%-8.3f][%08.3f]", -3.14159), "[  -3.142][-3.142  ][-003.142]");
  assert.is(f("[%+f][% f][%+ f]", 1), "[+1.000000][ 1.000000][+1.000000]");
  assert.is(f("[%-08.1f]", 2), "[2.0     ]");
  assert.is(f("[%f %F %e]", Infinity), "[inf INF inf]");
  assert.is(f("[%05f][%-5f][%+f]", -Infinity), "[ -inf][-inf ][-inf]");
  assert.is(f("[%06f][%+G]", NaN), "[   nan][+NAN]");
  assert.is(f("%'.2f", 1234567.891), "1234567.89");
  assert.is(f("a%%b%gc", 2), "a%b2c");
});

test("formatDouble refuses what printf(3) refuses", () => {
  assert.is(f("%d", 1), null);
  assert.is(f("%", 1), null);
  assert.is(f("%5%", 1), null);
  assert.is(f("%99999999999f", 1), null);
  assert.is(compileDoubleFormat("%.1f|%.2f")!(0.125), "0.1|0.12");
});

test("integers: precision, alternate forms, 64-bit range", () => {
  const i = (v: bigint, c: string, flags = "", w = 0, p = -1) => fmtInt(v, c, makeSpec(flags, w, p));
  assert.is(i(42n, "d", "", 5), "   42");
  assert.is(i(42n, "d", "-", 5), "42   ");
  assert.is(i(42n, "d", "0", 5), "00042");
  assert.is(i(42n, "d", "0", 5, 3), "  042");
  assert.is(i(-42n, "d", "0", 6), "-00042");
  assert.is(i(7n, "d", "+"), "+7");
  assert.is(i(7n, "i", " "), " 7");
  assert.is(i(0n, "d", "", 0, 0), "");
  assert.is(i(0n, "x", "#"), "0");
  assert.is(i(255n, "x", "#"), "0xff");
  assert.is(i(255n, "X", "#0", 8), "0X0000FF");
  assert.is(i(8n, "o", "#"), "010");
  assert.is(i(0n, "o", "#", 0, 0), "0");
  assert.is(i(-1n, "u"), "18446744073709551615");
  assert.is(i(-1n, "x"), "ffffffffffffffff");
  assert.is(i(-(1n << 63n), "d"), "-9223372036854775808");
  assert.is(i(-5n, "d", "", -6), "-5    ");
});

test("fmtFloat and makeSpec directly", () => {
  assert.is(fmtFloat(2.5, "f", makeSpec("", 6, 1)), "   2.5");
  assert.is(fmtFloat(2.5, "f", makeSpec("", -6, 1)), "2.5   ");
  assert.is(fmtFloat(2.5, "f", makeSpec("", -2147483648, 1)), "2.5");
});

test("strtod: syntax and where it stops", () => {
  const s = (x: string) => { const r = strtod(x); return [r.value, r.end, r.erange]; };
  assert.equal(s("3.25"), [3.25, 4, false]);
  assert.equal(s("  -1e3x"), [-1000, 6, false]);
  assert.equal(s("1e"), [1, 1, false]);
  assert.equal(s("1e+"), [1, 1, false]);
  assert.equal(s(".5"), [0.5, 2, false]);
  assert.equal(s("."), [0, 0, false]);
  assert.equal(s(""), [0, 0, false]);
  assert.equal(s("-"), [0, 0, false]);
  assert.equal(s("0x1.8p1"), [3, 7, false]);
  assert.equal(s("0x"), [0, 1, false]);
  assert.equal(s("0x1p"), [1, 3, false]);
  assert.equal(s("InFiNiTy"), [Infinity, 8, false]);
  assert.equal(s("infinit"), [Infinity, 3, false]);
  assert.equal(s("-inf"), [-Infinity, 4, false]);
  assert.equal(s("nan(abc)").slice(1), [8, false]);
  assert.equal(s("nan(a b)").slice(1), [3, false]);
  assert.ok(Number.isNaN(strtod("-nan").value));
  assert.ok(Object.is(strtod("-0").value, -0));
});

test("strtod: correct rounding and ERANGE as musl reports it", () => {
  const s = (x: string) => { const r = strtod(x); return [r.value, r.erange]; };
  assert.equal(s("0.1"), [0.1, false]);
  assert.equal(s("1.7976931348623157e308"), [1.7976931348623157e308, false]);
  assert.equal(s("1.797693134862316e308"), [Infinity, true]);
  assert.equal(s("1e400"), [Infinity, true]);
  assert.equal(s("1e-400"), [0, true]);
  assert.equal(s("0e-999"), [0, false]);
  // subnormals: inexact ones set ERANGE unless rounding carried up to a power of two
  assert.equal(s("5e-324"), [5e-324, true]);
  assert.equal(s("4e-324"), [5e-324, false]);
  assert.equal(s("1e-310"), [1e-310, true]);
  assert.equal(s("0x1p-1074"), [5e-324, false]);
  assert.equal(s("0x1p-1075"), [0, true]);
  assert.equal(s("0x1.1p-1075"), [5e-324, false]);
  assert.equal(s("0x1p1024"), [Infinity, false]);
  assert.equal(s("0x1p99999"), [Infinity, true]);
  assert.equal(s("1" + "0".repeat(400) + "e-400"), [1, false]);
});

test.run();
