import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const U = "usage: comm [-123i] file1 file2\n";
const files = { a: "a\nb\nc\ne\n", b: "b\nd\ne\nf\n" };

test("three columns and their suppression", () => {
  assert.is(run("comm", ["a", "b"], { files }).out, "a\n\t\tb\nc\n\td\n\t\te\n\tf\n");
  assert.is(run("comm", ["-1", "a", "b"], { files }).out, "\tb\nd\n\te\nf\n");
  assert.is(run("comm", ["-2", "a", "b"], { files }).out, "a\n\tb\nc\n\te\n");
  assert.is(run("comm", ["-3", "a", "b"], { files }).out, "a\nc\n\td\n\tf\n");
  assert.is(run("comm", ["-12", "a", "b"], { files }).out, "b\ne\n");
  assert.is(run("comm", ["-13", "a", "b"], { files }).out, "d\nf\n");
  assert.is(run("comm", ["-23", "a", "b"], { files }).out, "a\nc\n");
  assert.is(run("comm", ["-123", "a", "b"], { files }).out, "");
});

test("stdin, empty files, duplicates, no final newline", () => {
  assert.is(run("comm", ["-", "b"], { files, stdin: files.a }).out, "a\n\t\tb\nc\n\td\n\t\te\n\tf\n");
  assert.is(run("comm", ["a", "-"], { files, stdin: "" }).out, "a\nb\nc\ne\n");
  assert.is(run("comm", ["e", "b"], { files: { ...files, e: "" } }).out, "\tb\n\td\n\te\n\tf\n");
  assert.is(run("comm", ["a", "b"], { files: { a: "a\na\nb\n", b: "a\nb\nb\n" } }).out, "\t\ta\na\n\t\tb\n\tb\n");
  assert.is(run("comm", ["a", "b"], { files: { a: "a\nb", b: "b" } }).out, "a\n\t\tb\n");
});

test("-i, byte order, UTF-8, NUL ends a line, invalid UTF-8", () => {
  assert.is(run("comm", ["-i", "a", "b"], { files: { a: "A\nb\n", b: "a\nB\n" } }).out, "\t\tA\n\t\tb\n");
  assert.is(run("comm", ["a", "b"], { files: { a: "A\n", b: "a\n" } }).out, "A\n\ta\n");
  assert.is(run("comm", ["-i", "a", "b"], { files: { a: "Éa\n", b: "éa\n" } }).out, "\t\tÉa\n");
  assert.is(run("comm", ["-i", "a", "b"], { files: { a: "Éa\n", b: "éa\n" }, env: { LC_ALL: "C" } }).out, "Éa\n\téa\n");
  assert.is(run("comm", ["a", "b"], { files: { a: "z\n", b: "é\n" } }).out, "z\n\té\n");
  assert.equal(run("comm", ["a", "b"], { files: { a: "x\0y\n", b: "x\0z\n" } }).stdout, Buffer.from("\t\tx\n"));
  const inv = Buffer.from("\xffA\n", "latin1");
  assert.equal(run("comm", ["-i", "a", "b"], { files: { a: inv, b: Buffer.from("\xffa\n", "latin1") } }).stdout,
    Buffer.from("\xffA\n\t\xffa\n", "latin1"));
});

test("errors: operands, missing file, directory, bad option", () => {
  let r = sh("comm a", { files });
  assert.is(r.err, U);
  assert.is(r.status, 1);
  assert.is(sh("comm a b c", { files }).err, U);
  r = run("comm", ["nope", "b"], { files });
  assert.is(r.err, "comm: nope: No such file or directory\n");
  assert.is(r.status, 1);
  r = sh("mkdir d; comm d b", { files });
  assert.is(r.err, "comm: d: Is a directory\n");
  assert.is(r.status, 1);
  assert.is(sh("comm -x a b", { files }).err, "comm: unrecognized option: x\n" + U);
});

test("large inputs", () => {
  const r = sh("/usr/bin/seq 1 2 200000 | sort > a; /usr/bin/seq 1 3 200000 | sort > b; comm -12 a b | wc -l; comm -3 a b | wc -l");
  assert.is(r.out.replace(/ +/g, ""), "33334\n99999\n");
});

test.run();
