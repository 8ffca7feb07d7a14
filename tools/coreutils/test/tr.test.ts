import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const tr = (args: string[], stdin: string | Uint8Array, env?: Record<string, string>) => run("tr", args, { stdin, env });
const USAGE = "usage: tr [-Ccsu] string1 string2\n       tr [-Ccu] -d string1\n       tr [-Ccu] -s string1\n       tr [-Ccu] -ds string1 string2\n";

test("translate: literals, ranges, short string2 repeats its last character", () => {
  assert.is(tr(["abc", "xyz"], "aabbcc abc\n").out, "xxyyzz xyz\n");
  assert.is(tr(["a-cx-z", "1-3X-Z"], "abcxyz\n").out, "123XYZ\n");
  assert.is(tr(["A-Za-z", "N-ZA-Mn-za-m"], "Hello\n").out, "Uryyb\n");
  assert.is(tr(["abcd", "xy"], "abcd\n").out, "xyyy\n");
  assert.is(tr(["z-a", "x"], "abc-z\n").out, "xbcxx\n"); // a reversed range is three literals
  assert.is(tr(["a-", "xy"], "a-b\n").out, "xyb\n");
});

test("escapes: octal, \\n, trailing backslash, NUL", () => {
  assert.is(tr(["\\141", "X"], "abc\n").out, "Xbc\n");
  assert.is(tr(["\\n", " "], "a\nb\n").out, "a b ");
  assert.is(tr(["\\\\", "/"], "a\\b\n").out, "a/b\n");
  assert.is(tr(["x\\", "ab"], "x\\y\n").out, "aby\n");
  assert.is(tr(["\\000", "X"], "a\0b\n").out, "aXb\n");
  assert.is(tr(["\\1411", "XY"], "a1\n").out, "XY\n");
});

test("classes, case pairs and equivalence classes", () => {
  assert.is(tr(["[:lower:]", "[:upper:]"], "café üßÿµ\n").out, "CAFÉ ÜẞŸΜ\n");
  assert.is(tr(["[:upper:]", "[:lower:]"], "ÉCOLE À PARIS\n").out, "école à paris\n");
  assert.is(tr(["-d", "[:digit:][:punct:]"], "a1,b2.c!\n").out, "abc\n");
  assert.is(tr(["-d", "[:space:]"], "a b\tc\r\n").out, "abc");
  assert.is(tr(["[=e=]", "X"], "eeeé\n").out, "XXXé\n");
  const r = tr(["[:foo:]", "x"], "a\n");
  assert.is(r.err, "tr: unknown class foo\n");
  assert.is(r.status, 1);
});

test("repeats [c*n] and [c*], only in string2", () => {
  assert.is(tr(["abcde", "[x*2]yz"], "abcde\n").out, "xxyzz\n");
  assert.is(tr(["abcdef", "[x*2][y*010]"], "abcdef").out, "xxyyyy");
  assert.is(tr(["a-e", "[x*]z"], "abcde").out, "xxxxx");
  assert.is(tr(["[a*2]", "x"], "").err, "tr: sequences only valid in string2\n");
  assert.is(tr(["a", "[a*b]"], "").err, "tr: illegal sequence count\n");
});

test("-d, -s, -ds, -c, -C", () => {
  assert.is(tr(["-d", "a-c"], "abcdabc\n").out, "d\n");
  assert.is(tr(["-s", " "], "a   b    c\n").out, "a b c\n");
  assert.is(tr(["-ds", "a", "b"], "aabbccbb\n").out, "bccb\n");
  assert.is(tr(["-cd", "a-z\\n"], "a1b2 c3\n").out, "abc\n");
  assert.is(tr(["-cs", "a-z", "\\n"], "hello, world\n").out, "hello\nworld\n");
  assert.is(tr(["-c", "ab", "X"], "abcd\n").out, "abXXX");
  assert.is(tr(["-C", "a-c", "X"], "abc€d\n").out, "abcXXX");
  assert.is(tr(["-s", "[:upper:]", "[:lower:]"], "AAbbA\n").out, "aba\n");
  // musl has no "rune" class: with -C, the -d and -s sets come out empty, as in chimerautils
  assert.is(tr(["-Cd", "a-z"], "ab1\n").out, "ab1\n");
});

test("UTF-8 characters map as characters; LC_ALL=C works on bytes", () => {
  assert.is(tr(["éè", "ee"], "étè\n").out, "ete\n");
  assert.is(tr(["a", "é"], "abc\n").out, "ébc\n");
  assert.is(tr(["-d", "[:alpha:]"], "a1é\n", { LC_ALL: "C" }).out, "1é\n");
  const hi = tr(["-d", "\\377"], new Uint8Array([0x61, 0xff, 0x62, 10]), { LC_ALL: "C" });
  assert.equal([...hi.stdout], [0x61, 0xff, 0x62, 10]);
  assert.equal([...tr(["a", "b"], new Uint8Array([0x61, 0xc3, 0xa9, 0xff]), { LC_ALL: "C" }).stdout], [0x62, 0xc3, 0xa9, 0xff]);
});

test("invalid input: a bad byte ends quietly, a broken sequence is an error", () => {
  const a = tr(["a", "b"], new Uint8Array([0x61, 0xff, 0x61, 10]));
  assert.is(a.out, "b");
  assert.is(a.status, 0);
  const b = tr(["a", "b"], new Uint8Array([0x61, 0xc3, 0x28, 0x61]));
  assert.is(b.out, "b");
  assert.is(b.err, "tr: Illegal byte sequence\n");
  assert.is(b.status, 1);
  const c = tr(["a", "b"], new Uint8Array([0x61, 0xe2, 0x82]));
  assert.is(c.status, 1);
});

test("usage errors", () => {
  for (const args of [["abc"], ["-d", "a", "b"], [], ["a", "b", "c"], ["-ds", "a"]]) {
    const r = tr(args, "abc\n");
    assert.is(r.status, 1, args.join(" "));
    assert.is(r.err, USAGE);
    assert.is(r.out, "");
  }
  const x = tr(["-x", "a", "b"], "");
  assert.ok(x.err.endsWith("tr: unrecognized option: x\n" + USAGE));
  assert.is(tr(["a", ""], "").err, "tr: empty string2\n");
});

test("long input and a large file keep every byte", () => {
  const big = "ab\0c\r\n".repeat(50000) + "x";
  const r = tr(["abc", "xyz"], big);
  assert.is(r.out, "xy\0z\r\n".repeat(50000) + "x");
  assert.is(tr(["-d", "\\r"], "a\r\nb\r\n").out, "a\nb\n");
});

test("LC_ALL=C: large input translated four bytes at a time keeps every byte in place", () => {
  // every byte value, at every alignment, over more than one read; a-z and the high half mapped
  const input = Uint8Array.from({ length: 300001 }, (_, i) => (i * 31 + 7) & 255);
  const r = tr(["a-z\\001", "A-Z\\002"], input, { LC_ALL: "C" });
  const want = input.map((c) => (c >= 0x61 && c <= 0x7a ? c - 32 : c === 1 ? 2 : c));
  assert.is(r.stdout.length, want.length);
  assert.ok(Buffer.compare(r.stdout, Buffer.from(want)) === 0, "bytes differ");
});

test.run();
