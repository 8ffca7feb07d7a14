import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const U = "usage: paste [-s] [-d delimiters] file ...\n";

test("parallel: two files, uneven files, empty file, stdin twice", () => {
  assert.is(run("paste", ["a", "b"], { files: { a: "1\n2\n3\n", b: "a\nb\n" } }).out, "1\ta\n2\tb\n3\t\n");
  assert.is(run("paste", ["a", "b", "c"], { files: { a: "1\n", b: "2\n3\n4\n", c: "" } }).out, "1\t2\t\n\t3\t\n\t4\t\n");
  assert.is(run("paste", ["a", "e"], { files: { a: "1\n2\n", e: "" } }).out, "1\t\n2\t\n");
  assert.is(run("paste", ["e", "e"], { files: { e: "" } }).out, "");
  assert.is(run("paste", ["-", "-"], { stdin: "1\n2\n3\n4\n5\n" }).out, "1\t2\n3\t4\n5\t\n");
  assert.is(run("paste", ["a", "b"], { files: { a: "1\n2", b: "a\nb" } }).out, "1\ta\n2\tb\n");
});

test("-d: cycling list, escapes, \\0 means no delimiter, multibyte", () => {
  const files = { a: "1\n", b: "2\n", c: "3\n" };
  assert.is(run("paste", ["-d", ",;", "a", "b", "c"], { files }).out, "1,2;3\n");
  assert.is(run("paste", ["-d", "\\n", "a", "b"], { files }).out, "1\n2\n");
  assert.is(run("paste", ["-d", "\\t", "a", "b"], { files }).out, "1\t2\n");
  assert.is(run("paste", ["-d", "\\\\", "a", "b"], { files }).out, "1\\2\n");
  assert.is(run("paste", ["-d", "\\0", "a", "b", "c"], { files }).out, "123\n");
  assert.is(run("paste", ["-d", "\\x", "a", "b"], { files }).out, "1x2\n");
  assert.is(run("paste", ["-d", "é€", "a", "b", "c"], { files }).out, "1é2€3\n");
});

test("-s: serial, with delimiters, several files, stdin", () => {
  assert.is(run("paste", ["-s", "a", "b"], { files: { a: "1\n2\n3\n", b: "a\nb\n" } }).out, "1\t2\t3\na\tb\n");
  assert.is(run("paste", ["-s", "-d", ",:", "a"], { files: { a: "1\n2\n3\n4\n" } }).out, "1,2:3,4\n");
  // serial mode does not complete a last line without newline
  assert.is(run("paste", ["-s", "a"], { files: { a: "1\n2" } }).out, "1\t2");
  assert.is(run("paste", ["-s", "-"], { stdin: "x\ny\n" }).out, "x\ty\n");
  assert.is(run("paste", ["-s", "e"], { files: { e: "" } }).out, "");
  assert.is(run("paste", ["-s", "a"], { files: { a: "\n\n" } }).out, "\t\n");
});

test("bytes: NUL, CRLF, invalid UTF-8 ends a file, C locale keeps it", () => {
  assert.equal(run("paste", ["a", "b"], { files: { a: "x\0y\n", b: "\r\n" } }).stdout, Buffer.from("x\0y\t\r\n"));
  const inv = Buffer.from("a\xffb\nc\n", "latin1");
  assert.is(run("paste", ["-s", "a", "b"], { files: { a: inv, b: "1\n2\n" } }).out, "a1\t2\n");
  assert.is(run("paste", ["a", "b"], { files: { a: inv, b: "1\n2\n3\n" } }).out, "a\t1\nb\t2\nc\t3\n");
  assert.equal(run("paste", ["-s", "a"], { files: { a: inv }, env: { LC_ALL: "C" } }).stdout, Buffer.from("a\xffb\tc\n", "latin1"));
});

test("errors: no operand, missing file, empty -d, bad option", () => {
  let r = sh("paste");
  assert.is(r.err, U);
  assert.is(r.status, 1);
  r = run("paste", ["a", "nope"], { files: { a: "1\n" } });
  assert.is(r.err, "paste: nope: No such file or directory\n");
  assert.is(r.out, "");
  assert.is(r.status, 1);
  r = run("paste", ["-s", "nope", "a"], { files: { a: "1\n" } });
  assert.is(r.err, "paste: nope: No such file or directory\n");
  assert.is(r.out, "1\n");
  assert.is(r.status, 1);
  r = run("paste", ["-d", "", "a"], { files: { a: "1\n" } });
  assert.is(r.err, "paste: no delimiters specified\n");
  assert.is(r.status, 1);
  r = run("paste", ["-d", Buffer.from("\xff", "latin1"), "a"], { files: { a: "1\n" } });
  assert.is(r.err, "paste: delimiters: Illegal byte sequence\n");
  assert.is(sh("paste -x a").err, "paste: unrecognized option: x\n" + U);
});

test("many lines", () => {
  const r = sh("/usr/bin/seq 1 100000 > a; paste a a | tail -n 1; paste -s a | wc -c");
  assert.is(r.out.replace(/ +/g, ""), "100000\t100000\n588895\n");
});

test.run();
