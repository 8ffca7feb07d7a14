import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run, sh } from "@bsdbox/posix-tests";

test("serialises two concurrent writers (read-modify-write of a counter)", () => {
  // each writer reads the counter, pauses, writes it back plus one: without the lock the two
  // interleave and increments are lost
  const step = `n=$(cat c); sleep 0.02; echo $((n+1)) > c; echo "$1 in" >> log; sleep 0.02; echo "$1 out" >> log`;
  const r = sh(`echo 0 > c
w() { i=0; while [ $i -lt 8 ]; do flock lk /bin/sh -c '${step}' sh $1; i=$((i+1)); done; }
w A & w B & wait; cat c`);
  assert.is(r.status, 0);
  assert.is(r.out, "16\n");
  const log = fs.readFileSync(path.join(r.dir, "log"), "utf8").trim().split("\n");
  assert.is(log.length, 32);
  for (let i = 0; i < log.length; i += 2) {
    const [w, what] = log[i]!.split(" ");
    assert.is(what, "in");
    assert.is(log[i + 1], `${w} out`, "no other writer between in and out");
  }
  // the same workload without flock loses updates, so the check above can fail
  const bare = sh(`echo 0 > c
w() { i=0; while [ $i -lt 8 ]; do /bin/sh -c '${step}' sh $1; i=$((i+1)); done; }
w A & w B & wait; cat c`);
  assert.is.not(bare.out, "16\n");
});

test("runs the command with its arguments and returns its status; creates the file", () => {
  const r = run("flock", ["lockf", "/bin/sh", "-c", "echo $1; exit 3", "sh", "arg"]);
  assert.is(r.out, "arg\n");
  assert.is(r.status, 3);
  assert.ok(fs.existsSync(path.join(r.dir, "lockf")));
  assert.is(run("flock", ["lockf", "/bin/sh", "-c", "kill -9 $$"]).status, 137);
  assert.is(sh("mkdir d; flock d /bin/echo dir-ok").out, "dir-ok\n");
});

test("-c runs one command string with $SHELL (or /bin/sh)", () => {
  assert.is(run("flock", ["lk", "-c", "echo $0 x"], { env: { SHELL: "" } }).out, "/bin/sh x\n");
  assert.is(run("flock", ["lk", "--command", "echo $0 y"], { env: { SHELL: "/bin/sh" } }).out, "/bin/sh y\n");
  const r = run("flock", ["lk", "-c", "a", "b"]);
  assert.is(r.status, 64);
  assert.is(r.err, "flock: one command is required\n");
});

test("-n, -w, -E: a conflicting lock", () => {
  const n = sh("flock lk sleep 1 & sleep 0.3; flock -n lk /bin/echo got; echo rc=$?; flock -n -E 9 lk true; echo rc=$?; wait");
  assert.is(n.out, "rc=1\nrc=9\n");
  const w = sh(`flock lk sleep 1.5 & sleep 0.4
t0=$(/bin/date +%s%N); flock -w 0.5 lk /bin/echo got; echo rc=$?; t1=$(/bin/date +%s%N)
flock --timeout=0 -E 5 lk true; echo rc=$?; echo waited=$(( (t1 - t0) / 100000000 )); wait`);
  const [a, b, waited] = w.out.trim().split("\n");
  assert.is(`${a}\n${b}\n`, "rc=1\nrc=5\n");
  const ds = Number(waited!.slice(7));
  assert.ok(ds >= 4 && ds < 25, `waited about 0.5 s (${ds} tenths)`);
  const ok = sh("flock lk sleep 0.5 & sleep 0.2; flock -w 5 lk /bin/echo got; echo rc=$?; wait");
  assert.is(ok.out, "got\nrc=0\n");
});

test("-s: shared locks coexist, an exclusive one conflicts", () => {
  assert.is(sh("flock -s lk sleep 1 & sleep 0.3; flock -s -n lk /bin/echo shared; wait").out, "shared\n");
  assert.is(sh("flock -s lk sleep 1 & sleep 0.3; flock -x -n lk /bin/echo x; echo rc=$?; wait").out, "rc=1\n");
});

test("descriptor form: ( flock 9; ... ) 9>lockfile, and -u", () => {
  const r = sh("( flock -n 9 && echo first; flock -n lk /bin/echo inner; echo rc=$? ) 9>lk");
  assert.is(r.out, "first\nrc=1\n");
  assert.is(sh("( flock 9; flock -u 9; flock -n lk /bin/echo free ) 9>lk").out, "free\n");
  const bad = run("flock", ["77"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, "flock: invalid file descriptor: 77\n");
  assert.is(run("flock", ["lockf"]).err, "flock: invalid file descriptor: lockf\n");
});

test("the command holds the lock descriptor (as a forked child); -o closes it; -F execs", () => {
  const count = "ls -l /proc/$$/fd | grep -c lk";
  assert.is(run("flock", ["lk", "/bin/sh", "-c", count]).out, "1\n");
  assert.is(run("flock", ["-o", "lk", "/bin/sh", "-c", count]).out, "0\n");
  const f = sh(`flock -F lk /bin/sh -c 'echo $$ > pid; ${count} > n' & echo $!; wait; cat pid n`);
  const [bg, pid, n] = f.out.trim().split("\n");
  assert.is(n, "1");
  assert.is(pid, bg, "the command replaced flock");
});

test("errors and their statuses", () => {
  const nf = run("flock", ["lk", "no-such-cmd-xyz"]);
  assert.is(nf.status, 69);
  assert.is(nf.err, "flock: failed to execute no-such-cmd-xyz: No such file or directory\n");
  const no = run("flock", ["nodir/lk", "true"]);
  assert.is(no.status, 66);
  assert.is(no.err, "flock: cannot open lock file nodir/lk: No such file or directory\n");
  const none = run("flock");
  assert.is(none.status, 64);
  assert.is(none.err, "flock: path or file descriptor is required\n");
  const to = run("flock", ["-w", "x", "lk", "true"]);
  assert.is(to.status, 64);
  assert.is(to.err, "flock: invalid timeout value\n");
  const q = run("flock", ["-Q"]);
  assert.is(q.status, 64);
  assert.match(q.err, /unrecognized option: Q\nTry 'flock --help' for more information\.\n$/);
  assert.is(run("flock", ["--help"]).status, 0);
});

test.run();
