import { test } from "uvu";
import * as assert from "uvu/assert";
import { sh } from "@bsdbox/posix-tests";

test("default 'y'; arguments joined by spaces; options are text", () => {
  assert.is(sh("yes | head -n 3").out, "y\ny\ny\n");
  assert.is(sh("yes a b c | head -n 2").out, "a b c\na b c\n");
  assert.is(sh("yes '' | head -n 2").out, "\n\n");
  assert.is(sh("yes -- -n | head -n 1").out, "-- -n\n");
});

test("yes | head -n 1: head exits 0, nothing on stderr, yes dies by SIGPIPE", () => {
  const r = sh("(yes; echo $? > st) | head -n 1; echo $?; cat st");
  assert.is(r.out, "y\n0\n141\n");
  assert.is(r.err, "");
});

test("volume: a long run of whole lines, nothing else", () => {
  const r = sh("yes | head -c 10000000 > out; wc -c < out; sort -u out");
  assert.is(r.out.trim().split(/\s+/).join(" "), "10000000 y");
  const r2 = sh("yes 'a longer line of text' | head -n 200000 | sort | uniq -c");
  assert.is(r2.out.trim(), "200000 a longer line of text");
});

test("a very long line (one copy per write)", () => {
  const r = sh("yes $(head -c 120000 /dev/zero | tr '\\0' x) | head -n 3 | wc -lc");
  assert.is(r.out.trim().split(/\s+/).join(" "), "3 360003");
});

test("bytes of the arguments are kept", () => {
  const r = sh("yes \"$(printf 'caf\\303\\251 \\377')\" | head -n 1 | od -An -tx1");
  assert.is(r.out.trim().split(/\s+/).join(" "), "63 61 66 c3 a9 20 ff 0a");
});

test("other write errors: message and status 1", () => {
  const r = sh("yes > /dev/full; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "yes: stdout: No space left on device\n");
});

test("fast: 500 MB in well under the time limit", () => {
  const r = sh("yes | head -c 500000000 | wc -c", { timeout: 15000 });
  assert.is(r.out.trim(), "500000000");
});

test.run();
