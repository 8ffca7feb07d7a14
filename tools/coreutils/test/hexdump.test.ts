import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const ALPHA = "abcdefghijklmnopqrstuvwxyz\n0123456789\n";
const HEX_USAGE = "usage: hexdump [-bcCdovx] [-e fmt] [-f fmt_file] [-n length]\n" +
  "               [-s skip] [file ...]\n" +
  "       hd      [-bcdovx]  [-e fmt] [-f fmt_file] [-n length]\n" +
  "               [-s skip] [file ...]\n";

test("hexdump default: two-byte hex words, padded last line, final offset", () => {
  const r = run("hexdump", ["f"], { files: { f: ALPHA } });
  assert.is(r.out,
    "0000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n" +
    "0000010 7271 7473 7675 7877 7a79 300a 3231 3433\n" +
    "0000020 3635 3837 0a39                         \n" +
    "0000026\n");
  assert.is(r.status, 0);
});

test("-C and hd: canonical hex + ASCII; non-printing bytes are dots", () => {
  const want = "00000000  61 62 00 ff 0a 7f c3 a9                           |ab......|\n00000008\n";
  const f = { f: new Uint8Array([0x61, 0x62, 0, 0xff, 10, 0x7f, 0xc3, 0xa9]) };
  assert.is(run("hexdump", ["-C", "f"], { files: f }).out, want);
  assert.is(run("hd", ["f"], { files: f }).out, want);
});

test("-s and -n with units and bases; skipping across files", () => {
  const files = { a: "abcdefghijklmnopqrstuvwxyz" };
  assert.is(run("hexdump", ["-s", "0x4", "-n", "3", "-C", "a"], { files }).out,
    "00000004  65 66 67                                          |efg|\n00000007\n");
  assert.is(run("hexdump", ["-s", "30", "-n", "2", "-C", "a", "a"], { files }).out,
    "0000001e  65 66                                             |ef|\n00000020\n");
  const big = run("hexdump", ["-s", "1k", "-n", "1", "-e", '"%_ad %c\\n"', "b"], { files: { b: "x".repeat(1024) + "Y" } });
  assert.is(big.out, "1024 Y\n");
});

test("repeated lines collapse to '*' unless -v", () => {
  const f = { f: "\0".repeat(48) + "abc" };
  assert.is(run("hexdump", ["-C", "f"], { files: f }).out,
    "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n" +
    "00000030  61 62 63                                          |abc|\n00000033\n");
  const v = run("hexdump", ["-v", "-e", '16/1 "%02x" "\\n"', "f"], { files: f }).out;
  assert.is(v.split("\n").length, 5);
});

test("-e format units: repeat counts, byte counts, %_c %_p %_u, trailing blank dropped", () => {
  const f = { f: "ab\ncd\tx\n" };
  assert.is(run("hexdump", ["-e", '"[" 4/1 "%_c" "]\\n"', "f"], { files: f }).out, "[ab\\nc]\n[d\\tx\\n]\n");
  assert.is(run("hexdump", ["-e", '4/1 "%02x " "\\n"', "f"], { files: f }).out, "61 62 0a 63\n64 09 78 0a\n");
  assert.is(run("hexdump", ["-e", '8/1 "%_u "', "f"], { files: f }).out, "a b lf c d ht x lf");
  assert.is(run("hexdump", ["-e", '2/2 "%6d" "\\n"', "g"], { files: { g: "abc" } }).out, " 25185    99\n");
  assert.is(run("hexdump", ["-e", '"%_Ax\\n"', "-e", '2/1 "%_p"', "h"], { files: { h: "\x01A\x7fz" } }).out, ".A.z4\n");
});

test("-f format file: comments and blank lines skipped", () => {
  const r = run("hexdump", ["-f", "fmt", "d"], { files: { fmt: "# comment\n\n  \"%07.7_ax \" 4/1 \"%03o \" \"\\n\"\n", d: "ABCDE" } });
  assert.is(r.out, "0000000 101 102 103 104\n0000004 105            \n");
  const m = run("hexdump", ["-f", "nope", "d"], { files: { d: "x" } });
  assert.is(m.err, "hexdump: nope: No such file or directory\n");
  assert.is(m.status, 1);
});

test("format errors", () => {
  const cases: [string, string][] = [
    ['"%Z"', "%Z: bad conversion character"],
    ['"%s"', "%s: requires a precision or a byte count"],
    ['2/3 "%c"', "c: bad byte count"],
    ['"%"', "missing conversion character"],
    ['4 x', '"4 x": bad format'],
    ['4/1 "%x %x"', "byte count with multiple conversion characters"],
  ];
  for (const [fmt, msg] of cases) {
    const r = run("hexdump", ["-e", fmt, "f"], { files: { f: "abcd" } });
    assert.is(r.err, `hexdump: ${msg}\n`, fmt);
    assert.is(r.status, 1);
    assert.is(r.out, "");
  }
});

test("od: default octal words, -t types and sizes, several types stacked", () => {
  const f = { f: ALPHA };
  assert.is(run("od", ["f"], { files: f }).out,
    "0000000    061141  062143  063145  064147  065151  066153  067155  070157\n" +
    "0000020    071161  072163  073165  074167  075171  030012  031061  032063\n" +
    "0000040    033065  034067  005071                                        \n0000046\n");
  assert.is(run("od", ["-t", "x1", "-t", "c", "g"], { files: { g: "AB\n" } }).out,
    "0000000    41  42  0a                                                    \n" +
    "           A   B  \\n                                                    \n0000003\n");
  assert.is(run("od", ["-t", "d2", "-A", "n", "h"], { files: { h: new Uint8Array([0xff, 0x7f]) } }).out.trim(), "32767");
  assert.is(run("od", ["-t", "f4", "-A", "d", "k"], { files: { k: new Uint8Array([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]) } }).out,
    "0000000     1.000000e+00   -2.000000e+00                                \n0000008\n");
  assert.is(run("od", ["-a", "m"], { files: { m: " \n\x7f~" } }).out, "0000000   sp  nl del   ~                                                \n0000004\n");
});

test("od -c: UTF-8 characters then '**'; the C locale prints single bytes", () => {
  const f = { f: "caf\u00e9 \u65e5\n" };
  assert.is(run("od", ["-c", "f"], { files: f }).out,
    "0000000    c   a   f   \u00e9  **      \u65e5  **  **  \\n                        \n0000012\n");
  // C locale: a printable Latin-1 byte leaves only its padding (musl cannot convert it)
  assert.is(run("od", ["-c", "c"], { files: { c: new Uint8Array([0xe9, 0x97, 0x78]) }, env: { LC_ALL: "C" } }).out,
    "0000000     227   x" + " ".repeat(1 + 13 * 4 - 1) + "\n0000003\n");
  assert.is(run("od", ["-c", "g"], { files: { g: new Uint8Array([0x80, 0xc3, 0xff]) } }).out,
    "0000000  200 303 377                                                    \n0000003\n");
});

test("od -j -N, offset operands, skip past end", () => {
  const f = { f: ALPHA };
  assert.is(run("od", ["-j", "5", "-N", "3", "-c", "f"], { files: f }).out,
    "0000005    f   g   h                                                    \n0000010\n");
  assert.is(run("od", ["-c", "f", "x10"], { files: f }).out,
    "0000010    q   r   s   t   u   v   w   x   y   z  \\n   0   1   2   3   4\n" +
    "0000020    5   6   7   8   9  \\n                                        \n0000026\n");
  assert.is(run("od", ["-c", "f", "+2"], { files: f }).out.slice(0, 12), "0000002    c");
  // a lone "+N" is taken as the offset yet stays in the file list (FreeBSD)
  assert.is(run("od", ["-c", "+2"], { files: f }).err, "od: +2: No such file or directory\nod: cannot skip past end of input\n");
  const r = run("od", ["-j", "100", "f"], { files: f });
  assert.is(r.err, "od: cannot skip past end of input\n");
  assert.is(r.status, 1);
});

test("od option errors and usage", () => {
  assert.is(sh("od -t z f", { files: { f: "a" } }).err, "od: z: unrecognised format character\n");
  assert.is(sh("od -t d3 f", { files: { f: "a" } }).err, "od: unsupported int size 3\n");
  assert.is(sh("od -A q f", { files: { f: "a" } }).err, "od: q: invalid address base\n");
  assert.is(sh("od -N 0 f", { files: { f: "a" } }).err, "od: 0: invalid length\n");
  assert.is(sh("od -j 1zz f", { files: { f: "a" } }).err, "od: 1zz: invalid skip amount\n");
  const u = sh("od -Q");
  assert.is(u.err, "od: unrecognized option: Q\nusage: od [-aBbcDdeFfHhIiLlOosvXx] [-A base] [-j skip] [-N length] [-t type]\n          [[+]offset[.][Bb]] [file ...]\n");
  assert.is(u.status, 1);
  const h = sh("hexdump -Q");
  assert.is(h.err, "hexdump: unrecognized option: Q\n" + HEX_USAGE);
  assert.is(sh("hexdump -n -1 f", { files: { f: "a" } }).err, "hexdump: -1: bad length value\n");
});

test("files: missing ones reported with status 1, '-' is a name, stdin without operands", () => {
  const r = run("hexdump", ["-C", "nope", "f"], { files: { f: "hi" } });
  assert.is(r.err, "hexdump: nope: No such file or directory\n");
  assert.is(r.out, "00000000  68 69                                             |hi|\n00000002\n");
  assert.is(r.status, 1);
  const d = run("od", ["-c", "-"], { stdin: "hi\n" });
  assert.is(d.err, "od: -: No such file or directory\n");
  assert.is(d.status, 1);
  assert.is(run("hexdump", ["-C"], { stdin: "hello\n" }).out, "00000000  68 65 6c 6c 6f 0a                                 |hello.|\n00000006\n");
  assert.is(run("od", ["-c", "a", "b"], { files: { a: "ab", b: "cd\n" } }).out,
    "0000000    a   b   c   d  \\n                                            \n0000005\n");
  assert.is(run("hexdump", ["e"], { files: { e: "" } }).out, "");
});

test("large input: every line formatted, repeated blocks collapsed", () => {
  const r = sh("head -c 100000 /dev/zero > z; printf x >> z; hexdump z; od -v -t x1 z | /usr/bin/wc -l");
  assert.is(r.out, "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n00186a0 0078                                   \n00186a1\n6252\n");
});

test.run();
