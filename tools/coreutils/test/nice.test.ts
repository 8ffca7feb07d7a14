import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

// the niceness of the program nice runs, minus the caller's: field 19 of /proc/self/stat
const NI = "cut -d' ' -f19 /proc/self/stat";
const delta = (pre: string) => sh(`b=$(${NI}); v=$(${pre} /bin/sh -c "${NI}"); echo $((v - b))`).out;

test("default increment 10; -n N; the obsolete -N form; increments add up", () => {
  assert.is(delta("nice"), "10\n");
  assert.is(delta("nice -n 3"), "3\n");
  assert.is(delta("nice -n+4"), "4\n");
  assert.is(delta("nice -5"), "5\n");
  assert.is(delta("nice -n 2 nice -n 3"), "5\n");
  assert.is(delta("nice -n 0"), "0\n");
});

test("the niceness is clamped at 19", () => {
  assert.is(sh(`nice -n 100 /bin/sh -c "${NI}"`).out, "19\n");
});

test("the utility replaces nice (same pid)", () => {
  const r = sh("nice /bin/sh -c 'echo $$' & echo $!; wait");
  const [a, b] = r.out.trim().split("\n");
  assert.is(a, b);
});

test("usage and bad increments: status 1", () => {
  const u = run("nice");
  assert.is(u.status, 1);
  assert.is(u.err, "usage: nice [-n increment] utility [argument ...]\n");
  const bad = run("nice", ["-n", "1x", "true"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, "nice: 1x: invalid nice value\n");
  assert.is(run("nice", ["-n", "", "true"]).status, 1);
  assert.is(run("nice", ["-n"]).status, 1);
  assert.is(run("nice", ["-z", "true"]).status, 1);
});

test("127 not found, 126 not executable; -- ends the options", () => {
  const nf = run("nice", ["no-such-cmd-xyz"]);
  assert.is(nf.status, 127);
  assert.is(nf.err, "nice: no-such-cmd-xyz: No such file or directory\n");
  const ne = sh("printf x > f; nice ./f");
  assert.is(ne.status, 126);
  assert.is(ne.err, "nice: ./f: Permission denied\n");
  assert.is(sh("nice -- /bin/echo ok").out, "ok\n");
});

test.run();
