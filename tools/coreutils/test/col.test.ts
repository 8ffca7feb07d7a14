import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const col = (args: string[], stdin: string | Buffer, env?: Record<string, string>) =>
  run("col", args, { stdin: stdin as any, env });

test("plain text passes; the output always ends with a newline", () => {
  assert.is(col([], "abc\ndef\n").out, "abc\ndef\n");
  assert.is(col([], "noeol").out, "noeol\n");
  assert.is(col([], "a\n\n\n").out, "a\n\n\n");
});

test("reverse line feeds put text on earlier lines", () => {
  assert.is(col([], "line1\nline2\x1b7XX\n").out, "line1XX\nline2\n");
  assert.is(col([], "a\n\v b\n").out, "ab\n");
  assert.is(col([], "a\n\x1b\x07 b\n").out, "ab\n");
});

test("backspaces overstrike; -b keeps the last character", () => {
  assert.is(col([], "a\bb\n").out, "a\bb\n");
  assert.is(col(["-b"], "a\bb\n").out, "b\n");
  assert.is(col(["-b"], "_\bx_\by\n").out, "xy\n");
  assert.is(col([], "abc\r__\n").out, "a\b_b\b_c\n");
});

test("spaces become tabs unless -x; tabs expand to multiples of 8", () => {
  assert.is(col([], "x        y\n").out, "x\t y\n");
  assert.is(col(["-x"], "x        y\n").out, "x        y\n");
  assert.is(col(["-x"], "a\tb\n").out, "a       b\n");
  assert.is(col(["-h"], "                x\n").out, "\t\tx\n");
});

test("half-line feeds: rounded to lines, kept with -f", () => {
  assert.is(col([], "a\x1b9b\n").out, "a\n b\n");
  assert.is(col(["-f"], "a\x1b9b\n").out, "a\x1b9\r b\n\x1b9");
});

test("SO/SI character sets; unknown controls dropped unless -p", () => {
  assert.is(col([], "a\x0eb\x0fc\n").out, "a\x0eb\x0fc\n");
  assert.is(col([], "a\x0eb\n").out, "a\x0eb\x0f\n");
  assert.is(col([], "a\x01b\n").out, "ab\n");
  assert.is(col(["-p"], "a\x01b\n").out, "a\x01b\n");
});

test("wide characters; LC_ALL=C drops high bytes", () => {
  assert.is(col([], "日本\n").out, "日本\n");
  assert.is(col(["-b"], "日\b\bx\n").out, "x\n");
  assert.is(col([], Buffer.from("a\xe9b\n", "latin1"), { LC_ALL: "C" }).out, "ab\n");
  const r = col([], Buffer.from("ab\xc3(\n", "latin1"));
  assert.is(r.err, "col: Illegal byte sequence\n");
  assert.is(r.status, 1);
});

test("backing up past a flushed line warns", () => {
  const r = col(["-l", "1"], "a\n".repeat(40) + "\x1b7".repeat(60) + "x\n");
  assert.is(r.err, "col: warning: can't back up past first line\n");
  assert.is(r.status, 0);
});

test("usage and -l errors", () => {
  let r = col(["file"], "");
  assert.is(r.err, "usage: col [-bfhpx] [-l nline]\n");
  assert.is(r.status, 1);
  r = col(["-l", "0"], "");
  assert.is(r.err, "col: bad -l argument, too small: 0\n");
  r = col(["-l", "x"], "");
  assert.is(r.err, "col: bad -l argument, invalid: x\n");
  assert.is(r.status, 1);
});

test.run();
