import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const F = "abcdefghijklmnopqrstuvwxyz\n0123456789\n";

test("POSIX CRC: empty, one byte, names, standard input without a name", () => {
  assert.is(run("cksum", ["e", "a", "f"], { files: { e: "", a: "a", f: F } }).out,
    "4294967295 0 e\n1220704766 1 a\n2302376448 38 f\n");
  assert.is(run("cksum", [], { stdin: F }).out, "2302376448 38\n");
  assert.is(run("cksum", ["--", "f"], { files: { f: F } }).out, "2302376448 38 f\n");
});

test("long and binary input agree with a bytewise CRC (slicing path)", () => {
  // 256 KiB + 7 bytes of every value: the 8-byte loop, the tail and a length of 3 bytes
  const r = sh("head -c 262151 /dev/urandom > r; cksum r > ours; /usr/bin/cksum r > theirs; cmp -s ours theirs && echo same");
  assert.is(r.out, "same\n");
});

test("-o 1, 2, 3 and sum", () => {
  const files = { f: F, ff: "\xff".repeat(5000) };
  assert.is(run("cksum", ["-o", "1", "f"], { files }).out, "2335 1 f\n");
  assert.is(run("cksum", ["-o2", "f"], { files }).out, "3392 1 f\n");
  assert.is(run("cksum", ["-o", "3", "f"], { files }).out, "3184203687 38 f\n");
  assert.is(run("sum", ["f"], { files }).out, "2335 1 f\n");
  assert.is(run("sum", [], { stdin: "" }).out, "0 0\n");
  const big = sh("head -c 5000 /dev/zero | /usr/bin/tr '\\000' '\\377' > z; sum z; cksum -o 2 z; cksum -o 3 z");
  assert.is(big.out, "7673 5 z\n29835 10 z\n864741524 5000 z\n");
});

test("sum takes no options: every argument is a file", () => {
  const r = run("sum", ["-o", "f"], { files: { f: F } });
  assert.is(r.err, "sum: -o: No such file or directory\n");
  assert.is(r.out, "2335 1 f\n");
  assert.is(r.status, 1);
});

test("bad -o, unknown option, missing and unreadable files", () => {
  const r = run("cksum", ["-o", "9", "f"], { files: { f: F } });
  assert.is(r.err, "cksum: illegal argument to -o option\nusage: cksum [-o 1 | 2 | 3] [file ...]\n       sum [file ...]\n");
  assert.is(r.status, 1);
  assert.is(r.out, "");
  const u = sh("cksum -x");
  assert.is(u.err, "cksum: unrecognized option: x\nusage: cksum [-o 1 | 2 | 3] [file ...]\n       sum [file ...]\n");
  const m = sh("mkdir d; echo x > f; cksum nope d f; echo rc=$?");
  assert.is(m.err, "cksum: nope: No such file or directory\ncksum: d: Is a directory\n");
  assert.is(m.out, "2192966820 2 f\nrc=1\n");
});

test.run();
