import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

test("options are listed canonically, then -- and the operands", () => {
  assert.is(run("getopt", ["ab:c", "-a", "-b", "x", "-cby", "z", "w"]).out, " -a -b x -c -b y -- z w\n");
  assert.is(run("getopt", ["ab", "-ba", "--", "-a"]).out, " -b -a -- -a\n");
  assert.is(run("getopt", ["ab", "x", "-a"]).out, " -- x -a\n");
  assert.is(run("getopt", ["a"]).out, " --\n");
  assert.is(run("getopt").out, " --\n");
});

test("an option without an argument does not repeat the previous one's", () => {
  assert.is(run("getopt", ["a:b", "-a", "x", "-b"]).out, " -a x -b --\n");
});

test("errors: status 1, getopt(3)'s message, the rest still printed", () => {
  const r = run("getopt", ["ab", "-x", "-a", "y"]);
  assert.is(r.status, 1);
  assert.is(r.out, " -a -- y\n");
  assert.match(r.err, /getopt: unrecognized option: x\n$/);
  const m = run("getopt", ["a:", "-a"]);
  assert.is(m.status, 1);
  assert.is(m.out, " --\n");
  assert.match(m.err, /getopt: option requires an argument: a\n$/);
});

test("a leading ':' silences messages; a leading '-' reports operands as option \\1", () => {
  const r = run("getopt", [":a:", "-a"]);
  assert.is(r.out, " -: --\n");
  assert.is(r.err, "");
  assert.is(run("getopt", ["-a", "x", "-a", "y"]).out, " -\x01 x -a -\x01 y --\n");
  assert.is(run("getopt", ["a::", "-a", "-ab"]).out, " -a -a b --\n");
});

test.run();
