import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const W = "Apple\napple\napricot\nbanana\nband\nbandana\ncherry\n";

test("prefix search, exit statuses", () => {
  assert.is(run("look", ["ban", "w"], { files: { w: W } }).out, "banana\nband\nbandana\n");
  assert.is(run("look", ["apple", "w"], { files: { w: W } }).out, "apple\n");
  const n = run("look", ["zz", "w"], { files: { w: W } });
  assert.is(n.out, "");
  assert.is(n.status, 1);
  assert.is(run("look", ["a", "e"], { files: { e: "" } }).status, 1);
});

test("-f, -d, -t and the long forms", () => {
  assert.is(run("look", ["-f", "app", "w"], { files: { w: W } }).out, "Apple\napple\n");
  assert.is(run("look", ["-d", "b-a", "w"], { files: { w: "b-and\nband\nbane\n" } }).out, "b-and\nband\nbane\n");
  assert.is(run("look", ["--alphanum", "b-a", "w"], { files: { w: "b-and\nband\nbane\n" } }).out, "b-and\nband\nbane\n");
  assert.is(run("look", ["-t", "n", "bandx", "w"], { files: { w: W } }).out, "banana\nband\nbandana\n");
  const t = run("look", ["-t", "xy", "a", "w"], { files: { w: W } });
  assert.is(t.err, "look: invalid termination character\n");
  assert.is(t.status, 2);
});

test("several files, last line without newline, UTF-8 folding", () => {
  assert.is(run("look", ["c", "a", "b"], { files: { a: "x\n", b: "cat\ncow" } }).out, "cat\ncow\n");
  assert.is(run("look", ["-f", "écu", "w"], { files: { w: "zèbre\nÉcume\nécureuil\n" } }).out, "Écume\nécureuil\n");
});

test("errors: usage, missing file, directory", () => {
  const u = run("look", []);
  assert.is(u.err, "usage: look [-df] [-t char] string [file ...]\n");
  assert.is(u.status, 2);
  const m = run("look", ["a", "nope"]);
  assert.is(m.err, "look: nope: No such file or directory\n");
  assert.is(m.status, 2);
  assert.is(run("look", ["a", "."]).status, 2);
});

test.run();
