import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

// a /bin/sleep to renice: its pid, its niceness before and after (field 19 of its stat)
const NI = "cut -d' ' -f19 /proc/$p/stat";
const withSleep = (body: string) => sh(`/bin/sleep 10 & p=$!; b=$(${NI}); ${body}; kill $p`);

test("an absolute priority, reported on stderr", () => {
  const r = withSleep(`renice 7 $p; echo rc=$? $(${NI})`);
  assert.is(r.out, "rc=0 7\n");
  assert.match(r.err, /^\d+: old priority -?\d+, new priority 7\n$/);
});

test("-n adds to each target's priority; -p before pids; the result is clamped to 20", () => {
  assert.is(withSleep(`renice -n 2 -p $p 2>/dev/null; echo $(( $(${NI}) - b ))`).out, "2\n");
  assert.is(withSleep(`renice -n 3 $p 2>/dev/null; renice -n 4 $p 2>/dev/null; echo $(( $(${NI}) - b ))`).out, "7\n");
  const r = withSleep(`renice 50 $p`);
  assert.match(r.err, /new priority 20\n$/);
});

test("-g takes process groups", () => {
  const r = sh(
    "/usr/bin/setsid /bin/sh -c 'echo $$ > pg; exec /bin/sleep 10' & " +
      "while [ ! -s pg ]; do /bin/sleep 0.02; done; g=$(cat pg); " +
      "renice 6 -g $g; echo rc=$? $(cut -d' ' -f19 /proc/$g/stat); kill $g",
  );
  assert.is(r.out, "rc=0 6\n");
});

test("bad targets are reported and the others still changed; status 1", () => {
  const r = withSleep(`renice 5 2147483646 x -1 $p; echo rc=$? $(${NI})`);
  assert.is(r.out, "rc=1 5\n");
  const lines = r.err.split("\n");
  assert.is(lines[0], "renice: 2147483646: getpriority: No such process");
  assert.is(lines[1], "renice: pid argument x is invalid.");
  assert.is(lines[2], "renice: -1: bad value");
  assert.match(lines[3]!, /: old priority -?\d+, new priority 5$/);
});

test("usage and a bad priority: status 1", () => {
  const u = run("renice");
  assert.is(u.status, 1);
  assert.is(u.err, "usage: renice priority [[-p] pid ...] [[-g] pgrp ...] [[-u] user ...]\n" +
    "       renice -n increment [[-p] pid ...] [[-g] pgrp ...] [[-u] user ...]\n");
  assert.is(run("renice", ["-n"]).status, 1);
  assert.is(run("renice", ["-n", "1", "-n", "2", "1"]).status, 1);
  const bad = run("renice", ["1x", "1"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, "renice: priority argument 1x is invalid.\n");
  assert.is(run("renice", ["99999999999", "1"]).err, "renice: priority argument 99999999999 is out of range.\n");
  // a user name that does not exist and is no number
  assert.is(run("renice", ["1", "-u", "no-such-user-xyz"]).err, "renice: uid argument no-such-user-xyz is invalid.\n");
});

test.run();
