import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

test("pairs, stdin and file, FreeBSD's output order", () => {
  assert.is(run("tsort", [], { stdin: "x y\ny z\n" }).out, "x\ny\nz\n");
  assert.is(run("tsort", ["f"], { files: { f: "a b\nc d\n" } }).out, "c\na\nd\nb\n");
  assert.is(run("tsort", ["f"], { files: { f: "a a\nb c\n" } }).out, "b\na\nc\n");
  assert.is(run("tsort", [], { stdin: "  a\tb\n\n\fc\vd" }).out, "c\na\nd\nb\n");
});

test("cycles: reported on stderr, -q silences, -l longest", () => {
  const r = run("tsort", ["f"], { files: { f: "a b\nb a\n" } });
  assert.is(r.out, "b\na\n");
  assert.is(r.err, "tsort: cycle in data\ntsort: a\ntsort: b\n");
  assert.is(r.status, 0);
  const q = run("tsort", ["-q", "f"], { files: { f: "a b\nb a\n" } });
  assert.is(q.err, "");
  const l = run("tsort", ["-l", "f"], { files: { f: "a b\nb c\nc a\n" } });
  assert.is(l.out, "c\na\nb\n");
  assert.ok(l.err.startsWith("tsort: cycle in data\n"));
});

test("errors: odd count, missing file, two operands, bad option", () => {
  const o = run("tsort", [], { stdin: "a b c\n" });
  assert.is(o.err, "tsort: odd data count\n");
  assert.is(o.status, 1);
  assert.is(o.out, "");
  const m = run("tsort", ["nope"]);
  assert.is(m.err, "tsort: nope: No such file or directory\n");
  assert.is(m.status, 1);
  const u = run("tsort", ["a", "b"]);
  assert.is(u.err, "usage: tsort [-dlq] [file]\n");
  assert.is(u.status, 1);
  assert.is(run("tsort", ["-z"]).status, 1);
});

test("bytes are kept: invalid UTF-8 and long names", () => {
  const long = "n".repeat(100000);
  const r = run("tsort", [], { stdin: Buffer.from([0xff, 0x20, 0x61, 0x0a]) as unknown as string });
  assert.equal([...r.stdout], [0xff, 0x0a, 0x61, 0x0a]);
  assert.is(run("tsort", [], { stdin: `${long} b\n` }).out, `${long}\nb\n`);
});

test.run();
