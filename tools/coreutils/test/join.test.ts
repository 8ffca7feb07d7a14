import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const U = "usage: join [-a fileno | -v fileno ] [-e string] [-1 field] [-2 field]\n            [-o list] [-t char] file1 file2\n";
const files = { a: "a 1\nb 2\nc 3\n", b: "a x\nc y\nd z\n" };

test("default join, -a, -v", () => {
  assert.is(run("join", ["a", "b"], { files }).out, "a 1 x\nc 3 y\n");
  assert.is(run("join", ["-a1", "a", "b"], { files }).out, "a 1 x\nb 2\nc 3 y\n");
  assert.is(run("join", ["-a", "2", "a", "b"], { files }).out, "a 1 x\nc 3 y\nd z\n");
  assert.is(run("join", ["-a", "1", "-a", "2", "a", "b"], { files }).out, "a 1 x\nb 2\nc 3 y\nd z\n");
  assert.is(run("join", ["-v1", "a", "b"], { files }).out, "b 2\n");
  assert.is(run("join", ["-v", "1", "-v", "2", "a", "b"], { files }).out, "b 2\nd z\n");
});

test("-o, -e, field 0, obsolete -o list", () => {
  assert.is(run("join", ["-a1", "-e", "NULL", "-o", "1.1 2.2", "a", "b"], { files }).out, "a x\nb NULL\nc y\n");
  assert.is(run("join", ["-o", "1.2,2.2", "a", "b"], { files }).out, "1 x\n3 y\n");
  assert.is(run("join", ["-a2", "-o", "0,1.2", "a", "b"], { files }).out, "a 1\nc 3\nd \n");
  assert.is(run("join", ["-o", "1.2", "2.2", "a", "b"], { files }).out, "1 x\n3 y\n");
  assert.is(run("join", ["-e", "E", "-o", "1.1,1.3,2.2", "a", "b"], { files: { a: "a 1\n", b: "a x\n" } }).out, "a E x\n");
  assert.is(run("join", ["-e", "E", "a", "b"], { files: { a: "a\n", b: "a x\n" } }).out, "a x\n");
});

test("-t, -1, -2, -j, obsolete -j1, blanks", () => {
  assert.is(run("join", ["-t:", "a", "b"], { files: { a: "a:1\nb:2\n", b: "a:x\nb:y\n" } }).out, "a:1:x\nb:2:y\n");
  assert.is(run("join", ["-t:", "a", "b"], { files: { a: "a::1\n", b: "a:x\n" } }).out, "a::1:x\n");
  assert.is(run("join", ["-t:", "-e", "E", "-o", "1.2,2.3", "a", "b"], { files: { a: "a::1\n", b: "a:x\n" } }).out, ":E\n");
  assert.is(run("join", ["-1", "2", "-2", "1", "a", "b"], { files: { a: "1 a\n2 b\n", b: "a X\nb Y\n" } }).out, "a 1 X\nb 2 Y\n");
  assert.is(run("join", ["-j", "2", "a", "b"], { files: { a: "x k\ny m\n", b: "p k\nq m\n" } }).out, "k x p\nm y q\n");
  assert.is(run("join", ["-j1", "2", "a", "b"], { files: { a: "1 a\n", b: "a X\n" } }).out, "a 1 X\n");
  assert.is(run("join", ["a", "b"], { files: { a: "a   1\n", b: "  a\tx\n" } }).out, "a 1 x\n");
  assert.is(run("join", ["-t", "é", "a", "b"], { files: { a: "kéA\n", b: "kéB\n" } }).out, "kéAéB\n");
});

test("several lines with the same key, stdin, no final newline", () => {
  assert.is(run("join", ["a", "b"], { files: { a: "k 1\nk 2\n", b: "k x\nk y\n" } }).out, "k 1 x\nk 1 y\nk 2 x\nk 2 y\n");
  assert.is(run("join", ["-", "b"], { files, stdin: files.a }).out, "a 1 x\nc 3 y\n");
  assert.is(run("join", ["a", "b"], { files: { a: "a 1", b: "a 2" } }).out, "a 1 2\n");
});

test("obsolete -a without a file number warns and means both", () => {
  const r = run("join", ["-a", "a", "b"], { files });
  assert.is(r.err, "join: -a option used without an argument; reverting to historical behavior\n");
  assert.is(r.out, "a 1 x\nb 2\nc 3 y\nd z\n");
});

test("errors", () => {
  const e = (args: string[]) => run("join", args, { files });
  assert.is(e(["-1", "0", "a", "b"]).err, "join: -1 option field number less than 1\n");
  assert.is(e(["-j", "x", "a", "b"]).err, "join: -j option field number less than 1\n");
  assert.is(e(["-2", "2x", "a", "b"]).err, "join: illegal field number -- 2x\n");
  assert.is(e(["-a3", "a", "b"]).err, "join: -a option file number not 1 or 2\n");
  assert.is(e(["-v", "1x", "a", "b"]).err, "join: illegal file number -- 1x\n");
  assert.is(e(["-a1", "-v2", "a", "b"]).err, "join: the -a and -v options are mutually exclusive\n");
  assert.is(e(["-o", "3.1", "a", "b"]).err, "join: malformed -o option field\n");
  assert.is(e(["-o", "1.0", "a", "b"]).err, "join: field numbers are 1 based\n");
  assert.is(e(["-t", "ab", "a", "b"]).err, "join: illegal tab character specification\n");
  assert.is(e(["-jx", "a", "b"]).err, "join: illegal option -- -jx\n");
  assert.is(e(["-", "-"]).err, "join: only one input file may be stdin\n");
  assert.is(e(["nope", "b"]).err, "join: nope: No such file or directory\n");
  const r = run("join", ["a", "b"], { files: { a: Buffer.from("a\xff 1\n", "latin1"), b: "a x\n" } });
  assert.is(r.err, "join: Illegal byte sequence\n");
  assert.is(r.status, 1);
  assert.is(sh("join -z a b", { files }).err, "join: unrecognized option: z\n" + U);
  assert.is(sh("join a", { files }).err, U);
  assert.is(sh("join a", { files }).status, 1);
});

test.run();
