import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const ex = (args: string[], f: string | Uint8Array) => run("expand", [...args, "f"], { files: { f } });

test("default tabs every 8; -t N; -t list; obsolete -N", () => {
  assert.is(ex([], "a\tb\tc\n\tx\n").out, "a       b       c\n        x\n");
  assert.is(ex(["-t", "4"], "a\tb\tc\n").out, "a   b   c\n");
  assert.is(ex(["-t4"], "ab\tc\n").out, "ab  c\n");
  assert.is(ex(["-t", "2,5,10"], "a\tb\tc\td\te\n").out, "a b  c    d e\n");
  assert.is(ex(["-t", "2 5"], "a\tb\tc\n").out, "a b  c\n");
  assert.is(ex(["-3"], "a\tb\n").out, "a  b\n");
  assert.is(ex(["-2,4"], "\t\tx\n").out, "    x\n");
});

test("columns: backspace, wide and combining characters, no final newline, CRLF", () => {
  assert.is(ex([], "abc\b\tx\n").out, "abc\b      x\n");
  assert.is(ex([], "日本\tx\n").out, "日本    x\n");
  assert.is(ex([], "e\u0301\tx").out, "e\u0301       x");
  assert.is(ex([], "a\tb\r\n").out, "a       b\r\n");
  assert.is(ex([], "    a\t b\n").out, "    a    b\n");
});

test("bad tab lists", () => {
  for (const t of ["0", "4,2", "3,,5", "2x", "a"]) {
    const r = ex(["-t", t], "a\n");
    assert.is(r.err, "expand: bad tab stop spec\n", t);
    assert.is(r.status, 1);
    assert.is(r.out, "");
  }
});

test("files: several, missing, stdin, '-' is a file name", () => {
  const r = run("expand", ["a", "nope", "b"], { files: { a: "\ta\n", b: "\tb\n" } });
  assert.is(r.out, "        a\n        b\n");
  assert.is(r.err, "expand: nope: No such file or directory\n");
  assert.is(r.status, 1);
  assert.is(run("expand", [], { stdin: "x\ty\n" }).out, "x       y\n");
  assert.is(run("expand", ["-"], { stdin: "x\ty\n" }).err, "expand: -: No such file or directory\n");
  const u = run("expand", ["-Q"]);
  assert.ok(u.err.endsWith("usage: expand [-t tablist] [file ...]\n"));
  assert.is(u.status, 1);
});

test("invalid UTF-8 ends the file; a broken sequence is reported", () => {
  const a = ex([], new Uint8Array([0x61, 0x09, 0xff, 0x62, 10]));
  assert.is(a.out, "a       ");
  assert.is(a.status, 0);
  const b = ex([], new Uint8Array([0x61, 0xc3, 0x28]));
  assert.is(b.out, "a");
  assert.is(b.err, "expand: f: Illegal byte sequence\n");
  assert.is(b.status, 1);
  const c = run("expand", ["f"], { files: { f: new Uint8Array([0x09, 0xff, 10]) }, env: { LC_ALL: "C" } });
  assert.equal([...c.stdout], [32, 32, 32, 32, 32, 32, 32, 32, 0xff, 10]);
});

test.run();
