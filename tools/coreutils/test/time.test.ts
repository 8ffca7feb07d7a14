import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { run, sh, implDir, tmpdir } from "@bsdbox/posix-tests";

const T = "\\d+\\.\\d\\d";

test("default: one line on stderr, real user sys; the utility's output and status", () => {
  const r = run("time", ["/bin/sh", "-c", "echo hi; exit 3"]);
  assert.is(r.status, 3);
  assert.is(r.out, "hi\n");
  assert.match(r.err, new RegExp(`^ {5,}${T} real {5,}${T} user {5,}${T} sys\\n$`));
});

test("-p: the POSIX format; real time is measured", () => {
  const r = run("time", ["-p", "/bin/sleep", "0.3"]);
  assert.is(r.status, 0);
  const m = new RegExp(`^real (${T})\\nuser ${T}\\nsys ${T}\\n$`).exec(r.err);
  assert.ok(m, r.err);
  assert.ok(Number(m![1]) >= 0.29, "at least the 0.3 s slept");
});

test("-h: human-readable; -l: the resource usage block", () => {
  assert.match(run("time", ["-h", "/bin/true"]).err, /^\t\d+\.\d\ds real\t\t\d+\.\d\ds user\t\t\d+\.\d\ds sys\n$/);
  const l = run("time", ["-l", "/bin/true"]).err.split("\n");
  assert.is(l.length, 16);
  assert.match(l[1]!, /^ {0,9}\d+  maximum resident set size$/);
  assert.match(l[14]!, /^ {0,9}\d+  involuntary context switches$/);
});

test("-o writes to a file, -a appends to it", () => {
  const r = sh("time -o t /bin/echo x; time -a -o t /bin/true; cat t");
  assert.is(r.err, "");
  assert.match(r.out, new RegExp(`^x\\n( +${T} real +${T} user +${T} sys\\n){2}$`));
  assert.is(run("time", ["-o", "no/such/dir", "true"]).status, 1);
});

test("not found 127, not runnable 126 (and still timed); no operand: nothing, 0", () => {
  const nf = run("time", ["no-such-cmd-xyz"]);
  assert.is(nf.status, 127);
  assert.match(nf.err, /^time: no-such-cmd-xyz: No such file or directory\n +\d/);
  assert.is(sh("printf x > f; time ./f").status, 126);
  const z = run("time");
  assert.is(z.status, 0);
  assert.is(z.err, "");
  const u = run("time", ["-z", "true"]);
  assert.is(u.status, 1);
  assert.match(u.err, /usage: time \[-al\] \[-h \| -p\] \[-o file\] utility \[argument \.\.\.\]\n$/);
});

test("a utility killed by a signal: reported, and time dies by the same signal", () => {
  const r = spawnSync(path.join(implDir(), "time"), ["/bin/sh", "-c", "kill -USR2 $$"], { cwd: tmpdir() });
  assert.is(r.signal, "SIGUSR2");
  assert.match(String(r.stderr), /^time: command terminated abnormally\n/);
});

test("SIGINT and SIGQUIT are ignored while waiting; SIGUSR1 prints the times so far on stdout", () => {
  const r = sh(
    "time /bin/sh -c ': > ready; /bin/sleep 0.5' 2>/dev/null & p=$!; " +
      "while [ ! -e ready ]; do /bin/sleep 0.02; done; /bin/sleep 0.1; " +
      "/bin/kill -INT $p; /bin/kill -QUIT $p; /bin/kill -USR1 $p; wait $p; echo rc=$?",
  );
  assert.match(r.out, new RegExp(`^ +${T} real +${T} user +${T} sys\\nrc=0\\n$`));
});

test.run();
