import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const B = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

test("format reuse, missing arguments read as empty or zero", () => {
  const r = run("printf", ["%s-%s|", "a", "b", "c"]);
  assert.is(r.out, "a-b|c-|");
  assert.is(r.status, 0);
  assert.is(run("printf", ["[%s|%d|%f|%c|%b]\n"]).out, "[|0|0.000000||]\n");
  assert.is(run("printf", ["%%|"]).out, "%|");
});

test("invalid UTF-8 passes through format, %s, %b and %c byte for byte", () => {
  const r = sh(`env printf %s "$(env printf 'a\\377')"; env printf 'x\\376%b|%c|%.1s\\n' "$(env printf 'b\\375')" "$(env printf '\\374z')" é`);
  assert.equal(r.stdout, B("a", [0xff], "x", [0xfe], "b", [0xfd], "|", [0xfc], "|", [0xc3], "\n"));
  assert.is(r.status, 0);
  const arg = Buffer.from([0x27, 0xff, 0x41]); // 'ÿA with an invalid byte: its byte value
  assert.is(run("printf", ["%d\n", arg]).out, "255\n");
});

test("widths count bytes; %c prints the first byte only", () => {
  assert.equal(run("printf", ["[%5s][%-4s][%.2s]", "é", "é", "été"]).stdout, B("[   é][é  ][é]"));
  assert.equal(run("printf", ["[%3c][%-3c]", "été", "x"]).stdout, B("[  ", [0xc3], "][x  ]"));
  assert.is(run("printf", ["[%5c]", ""]).out, "[]");
});

test("64-bit integers, conversions and character constants", () => {
  assert.is(run("printf", ["%d %i %o %u %x %X\n", "9223372036854775807", "-9223372036854775808", "8", "-1", "-1", "255"]).out,
    "9223372036854775807 -9223372036854775808 10 18446744073709551615 ffffffffffffffff FF\n");
  assert.is(run("printf", ["%d %d %x %d\n", "010", "0x1F", "'A", "\"é"]).out, "8 31 41 233\n");
  assert.is(run("printf", ["%#o %#x %#X %#x|%+d|% d|%.0d|%5.3d\n", "8", "255", "255", "0", "5", "5", "0", "7"]).out, "010 0xff 0XFF 0|+5| 5||  007\n");
});

test("out-of-range numbers clamp, warn and give status 1", () => {
  const r = run("printf", ["%d %u\n", "99999999999999999999", "-99999999999999999999"]);
  assert.is(r.out, "9223372036854775807 18446744073709551615\n");
  assert.is(r.err, "printf: 99999999999999999999: Result not representable\nprintf: -99999999999999999999: Result not representable\n");
  assert.is(r.status, 1);
});

test("conversion errors: message, partial value, and the rest still printed", () => {
  const r = run("printf", ["%d|%d|%f|%s\n", "abc", "12abc", "1.5x", "end"]);
  assert.is(r.out, "0|12|1.500000|end\n");
  assert.is(r.err, "printf: abc: expected numeric value\nprintf: 12abc: not completely converted\nprintf: 1.5x: not completely converted\n");
  assert.is(r.status, 1);
  const e = run("printf", ["%f %f\n", "1e400", "-1e-400"]);
  assert.is(e.out, "inf -0.000000\n");
  assert.is(e.err, "printf: 1e400: Result not representable\nprintf: -1e-400: Result not representable\n");
  assert.is(e.status, 1);
});

test("floating point as C prints it", () => {
  assert.is(run("printf", ["%.0f %.0f %.1f %.2f\n", "0.5", "2.5", "0.25", "0.125"]).out, "0 2 0.2 0.12\n");
  assert.is(run("printf", ["%e %E %g %G\n", "12345.678", "0.000123", "1e-5", "1e100"]).out, "1.234568e+04 1.230000E-04 1e-05 1E+100\n");
  assert.is(run("printf", ["%a %A %.1a\n", "1", "-0.1", "0x1.08p0"]).out, "0x1p+0 -0X1.999999999999AP-4 0x1.0p+0\n");
  assert.is(run("printf", ["%f %F %5.1f|%-6e|\n", "inf", "-inf", "nan", "nan"]).out, "inf -INF   nan|nan   |\n");
  assert.is(run("printf", ["%.3f %f %g\n", "0x1p-2", "'A", "1e21"]).out, "0.250 65.000000 1e+21\n");
  assert.is(run("printf", ["%.0f\n", "1e20"]).out, "100000000000000000000\n");
});

test("* width and precision, negative width left-adjusts, positional arguments", () => {
  assert.is(run("printf", ["[%*d][%-*d][%.*f][%*s]\n", "5", "42", "4", "7", "2", "3.14159", "-3", "x"]).out, "[   42][7   ][3.14][x  ]\n");
  assert.is(run("printf", ["%2$s %1$s|", "a", "b", "c", "d"]).out, "b a|d c|");
  const r = run("printf", ["%*d", "abc", "1"]);
  assert.is(r.err, "printf: abc: expected numeric value\n");
  assert.is(r.status, 1);
  // FreeBSD names the argument after a width that does not fit an int
  assert.is(run("printf", ["%*d", "99999999999", "5"]).err, "printf: 5: Result not representable\n");
});

test("backslash escapes in the format", () => {
  assert.is(run("printf", ["a\\tb\\\\c\\101\\x41\\1011\\0453\\q\\c|\\"]).out, "a\tb\\cAAA1%3qc|\\");
  assert.equal(run("printf", ["x\\0y\\x0z\\777"]).stdout, B("x", [0], "y", [0], "z", [0xff]));
});

test("%b: its own escapes, \\c ends all output", () => {
  assert.is(run("printf", ["%b|\n", "a\\tb\\0101\\101\\x41\\\\"]).out, "a\tbAAx41\\|\n");
  const r = run("printf", ["<%b>%s\n", "x\\cy", "never", "again"]);
  assert.is(r.out, "<x");
  assert.is(r.status, 0);
  assert.is(run("printf", ["%b|", "a\\0b"]).out, "a|");
  assert.is(run("printf", ["[%5b][%-3b]", "\\t", "a"]).out, "[    \t][a  ]");
});

test("bad formats: message, status 1, earlier output kept", () => {
  let r = run("printf", ["abc%"]);
  assert.is(r.out, "abc");
  assert.is(r.err, "printf: missing format character\n");
  assert.is(r.status, 1);
  r = run("printf", ["a%qb", "x"]);
  assert.is(r.out, "a");
  assert.is(r.err, "printf: illegal format character q\n");
  assert.is(r.status, 1);
  r = run("printf", ["%ld\n", "5"]);
  assert.is([r.out, r.err, r.status].join("|"), "|printf: illegal format character l\n|1");
  assert.is(run("printf", ["%5%"]).err, "printf: illegal format character %\n");
  assert.is(run("printf", ["%Ld"]).err, "printf: bad modifier L for %d\n");
  // arguments but no conversion: the format is printed once, then it complains
  r = run("printf", ["abc\n", "x"]);
  assert.is(r.out, "abc\n");
  assert.is(r.err, "printf: missing format character\n");
  assert.is(r.status, 1);
  // FreeBSD passes "%L" without its letter to printf(3): the argument is used, nothing printed
  r = run("printf", ["[%Lf|%s]\n", "1.5", "x"]);
  assert.is(r.out, "[|x]\n");
  assert.is(r.status, 0);
});

test("options: only --; anything else is usage", () => {
  assert.is(run("printf", ["--", "%s\n", "x"]).out, "x\n");
  assert.is(run("printf", ["-"]).out, "-");
  const r = sh("env printf -v x");
  assert.is(r.err, "printf: unrecognized option: v\nusage: printf format [arguments ...]\n");
  assert.is(r.status, 1);
  const u = run("printf");
  assert.is(u.err, "usage: printf format [arguments ...]\n");
  assert.is(u.status, 1);
});

test("many arguments, a write error and a closed pipe", () => {
  const args = Array.from({ length: 30000 }, (_, i) => String(i));
  const r = run("printf", ["%s\n", ...args]);
  assert.is(r.stdout.length, args.join("\n").length + 1);
  assert.ok(r.out.endsWith("29998\n29999\n"));
  // printf(1) never checks stdout: a full device still gives status 0
  assert.is(sh("env printf 'x\\n' > /dev/full; echo $?").out, "0\n");
  const p = sh(`(env printf '%s\\n' $(/usr/bin/seq 100000); echo $? > st) | /usr/bin/head -n 1; /usr/bin/cat st`);
  assert.is(p.out, "1\n141\n");
  assert.is(p.err, "");
});

test.run();
