import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const P = "This is a paragraph of text that should be reformatted by fmt into lines of a reasonable width for reading.\n\nSecond paragraph here.\n";

test("default goal 65, max 75; paragraphs kept apart", () => {
  assert.is(run("fmt", ["f"], { files: { f: P } }).out,
    "This is a paragraph of text that should be reformatted by fmt into\nlines of a reasonable width for reading.\n\nSecond paragraph here.\n");
});

test("widths: -w, -N, goal and maximum operands", () => {
  const exp = "a b c d\ne f g h\ni j\n";
  assert.is(run("fmt", ["-w", "8"], { stdin: "a b c d e f g h i j\n" }).out, exp);
  assert.is(run("fmt", ["-8"], { stdin: "a b c d e f g h i j\n" }).out, exp);
  assert.is(run("fmt", ["8", "8"], { stdin: "a b c d e f g h i j\n" }).out, exp);
  assert.is(run("fmt", ["-w", "5"], { stdin: "abcdefghij k\n" }).out, "abcdefghij\nk\n");
});

test("sentence ends, -s, -d", () => {
  assert.is(run("fmt", [], { stdin: "One.\nTwo\n" }).out, "One.  Two\n");
  assert.is(run("fmt", ["-s"], { stdin: "a    b   c.  d\n" }).out, "a b c.  d\n");
  assert.is(run("fmt", ["-d", ";"], { stdin: "One.\nTwo;\nx\n" }).out, "One. Two;  x\n");
});

test("indentation, -p, -l, tabs, troff lines, -n", () => {
  assert.is(run("fmt", [], { stdin: "  first line\nsecond line\n" }).out, "  first line\nsecond line\n");
  assert.is(run("fmt", ["-p"], { stdin: "  first line\nsecond line\n" }).out, "  first line second line\n");
  assert.is(run("fmt", ["-l", "4"], { stdin: "        x y\n" }).out, "\t\tx y\n");
  assert.is(run("fmt", [], { stdin: "a\tb\n" }).out, "a       b\n");
  assert.is(run("fmt", ["-t", "4"], { stdin: "a\tb\n" }).out, "a   b\n");
  assert.is(run("fmt", [], { stdin: ".TH X\ttab\ntext\n" }).out, ".TH X\ttab\ntext\n");
  assert.is(run("fmt", ["-n"], { stdin: ".TH X\ntext\n" }).out, ".TH X text\n");
});

test("control characters, backspace, wide characters, no final newline", () => {
  assert.is(run("fmt", [], { stdin: "ab\bc \x01d\r\n" }).out, "ac d\n");
  assert.is(run("fmt", ["-w", "10"], { stdin: "été été été été\n" }).out, "été été\nété été\n");
  assert.is(run("fmt", [], { stdin: "a b" }).out, "a b\n");
});

test("-c centers, -m keeps headers", () => {
  assert.is(run("fmt", ["-c", "-w", "10"], { stdin: "  hi\n" }).out, "    hi\n");
  assert.is(run("fmt", ["-m"], { stdin: "From: a@b\nSubject: hi\n\nbody\nmore\n" }).out, "From: a@b\nSubject: hi\n\nbody more\n");
});

test("errors and statuses", () => {
  const e = (a: string[], msg: string, st: number) => {
    const r = run("fmt", a, { stdin: "" });
    assert.is(r.err, msg, a.join(" "));
    assert.is(r.status, st, a.join(" "));
  };
  e(["-w", "0"], "fmt: width must be positive\n", 64);
  e(["-t", "x"], "fmt: tab width must be positive\n", 64);
  e(["-l", "-1"], "fmt: output tab width must be non-negative\n", 64);
  e(["0"], "fmt: goal length must be positive\n", 64);
  e(["20", "10"], "fmt: max length must be >= goal length\n", 64);
  e(["nope"], "fmt: nope: No such file or directory\n", 66);
  const h = run("fmt", ["-h"]);
  assert.ok(h.err.startsWith("usage:   fmt [-cmps]"));
  assert.is(h.status, 0);
  assert.is(run("fmt", ["-x"], { stdin: "" }).status, 64);
  // a missing file does not stop the others
  const r = run("fmt", ["nope", "f"], { files: { f: "x\n" } });
  assert.is(r.out, "x\n");
  assert.is(r.status, 66);
});

test.run();
