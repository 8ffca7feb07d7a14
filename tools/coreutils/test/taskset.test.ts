import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { run, sh } from "@bsdbox/posix-tests";

// the CPUs this test may use, from the kernel's own list ("0-3,8")
const allowed = (fs.readFileSync("/proc/self/status", "utf8").match(/^Cpus_allowed_list:\s*(.*)$/m)?.[1] ?? "0")
  .split(",").flatMap((r) => {
    const [a, b] = r.split("-").map(Number);
    return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
  });
const first = allowed[0]!;
const mask = (cpus: number[]) => cpus.reduce((m, c) => m | (1n << BigInt(c)), 0n).toString(16);
const STATUS = ["/bin/grep", "Cpus_allowed_list", "/proc/self/status"];

test("mask or list for a command: the command runs with that affinity", () => {
  const r = run("taskset", [mask([first]), ...STATUS]);
  assert.is(r.status, 0);
  assert.is(r.out, `Cpus_allowed_list:\t${first}\n`);
  assert.is(run("taskset", ["0x" + mask([first]), ...STATUS]).out, `Cpus_allowed_list:\t${first}\n`);
  assert.is(run("taskset", ["-c", String(first), ...STATUS]).out, `Cpus_allowed_list:\t${first}\n`);
  if (allowed.length >= 2) {
    const two = allowed.slice(0, 2);
    assert.is(run("taskset", ["-c", two.join(","), ...STATUS]).out.trim().split("\t")[1]!.split(/[-,]/).map(Number).join(","), two.join(","));
  }
});

test("-p shows and changes the affinity of a running process", () => {
  const r = sh(`sleep 5 & p=$!
taskset -p $p; taskset -cp $p; taskset -p ${mask([first])} $p; taskset -pc $p; kill $p`);
  assert.is(r.status, 0);
  const lines = r.out.trim().split("\n").map((l) => l.replace(/^pid \d+/, "pid P"));
  assert.is(lines[0], `pid P's current affinity mask: ${mask(allowed)}`);
  assert.match(lines[1]!, /^pid P's current affinity list: [0-9,-]+$/);
  assert.is(lines[2], `pid P's current affinity mask: ${mask(allowed)}`);
  assert.is(lines[3], `pid P's new affinity mask: ${mask([first])}`);
  assert.is(lines[4], `pid P's current affinity list: ${first}`);
});

test("list syntax: ranges, pairs, strides", () => {
  if (!allowed.includes(0) || !allowed.includes(1)) return console.log("  (skipped: CPUs 0 and 1 not both allowed)");
  const r = sh("sleep 5 & p=$!; taskset -pc 0-1:1 $p; taskset -pc 0,1 $p; kill $p");
  const lines = r.out.trim().split("\n");
  assert.match(lines[1]!, /new affinity list: 0,1$/);
  assert.match(lines[3]!, /new affinity list: 0,1$/);
});

test("-a: every thread of the process", () => {
  // the test's own sleep is bsdbox's, which has several threads
  const r = sh(`sleep 5 & p=$!; sleep 0.3; taskset -ap ${mask([first])} $p | grep -c new; ls /proc/$p/task | wc -l; kill $p`);
  const [changed, threads] = r.out.trim().split("\n").map((s) => s.trim());
  assert.is(changed, threads);
});

test("errors", () => {
  const cases: [string[], string, number][] = [
    [["1"], "taskset: bad usage\nTry 'taskset --help' for more information.\n", 1],
    [["-p", "abc"], "taskset: invalid pid value\n", 1],
    [["zz", "true"], "taskset: invalid mask format\n", 1],
    [["-c", "3-1", "true"], "taskset: invalid cpu range\n", 1],
    [["-c", "1x", "true"], "taskset: could not parse cpu list\n", 1],
    [["0", "true"], "taskset: failed to set affinity for 0: Invalid argument\n", 1],
    [[mask([first]), "no-such-cmd-xyz"], "taskset: execvp: No such file or directory\n", 1],
  ];
  for (const [args, msg, st] of cases) {
    const r = run("taskset", args);
    assert.is(r.status, st, args.join(" "));
    assert.is(r.err, msg, args.join(" "));
  }
});

test.run();
