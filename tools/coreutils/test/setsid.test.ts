import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

// field 6 of /proc/PID/stat is the session id, field 5 the process group
const SELF = `read pid comm state ppid pgrp sid rest < /proc/self/stat; echo "$pid $pgrp $sid"`;
const ids = (s: string) => s.trim().split(" ").map(Number);

test("not a group leader: setsid(2) here, the program replaces setsid (same pid)", () => {
  const r = sh(`setsid /bin/sh -c '${SELF}' & echo $!; wait`);
  assert.is(r.status, 0);
  const [bg, line] = r.out.trim().split("\n");
  const [pid, pgrp, sid] = ids(line!);
  assert.is(pid, Number(bg));
  assert.is(pgrp, pid);
  assert.is(sid, pid);
});

test("a group leader (-f forces it): the program runs in a new session as a child", () => {
  const r = sh(`setsid -f -w /bin/sh -c '${SELF}; echo ppid=$PPID' ; echo me=$$`);
  const lines = r.out.trim().split("\n");
  const [pid, pgrp, sid] = ids(lines[0]!);
  assert.is(pgrp, pid);
  assert.is(sid, pid);
  assert.is.not(`me=${pid}`, lines[2]);
  // a job-control shell makes setsid a group leader by itself
  const j = sh(`set -m; setsid -w /bin/sh -c 'read p c s pp pg sid r < /proc/self/stat; [ "$sid" = "$p" ] && echo leader'`);
  assert.is(j.out, "leader\n");
});

test("-w returns the child's status; without -w the parent exits 0 at once", () => {
  assert.is(run("setsid", ["-f", "-w", "/bin/sh", "-c", "exit 7"]).status, 7);
  const t = Date.now();
  const r = sh("setsid -f /bin/sh -c 'sleep 3; exit 7' >/dev/null 2>&1; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.ok(Date.now() - t < 2500, "did not wait");
  const k = run("setsid", ["-f", "-w", "/bin/sh", "-c", "kill -TERM $$"]);
  assert.is(k.status, 15);
  assert.match(k.err, /^setsid: child process \d+ exited unexpectedly\n$/);
});

test("errors: no command, unknown option, program not found", () => {
  const n = run("setsid");
  assert.is(n.status, 1);
  assert.is(n.err, "setsid: no command specified\n");
  const q = run("setsid", ["-Q"]);
  assert.is(q.status, 1);
  assert.match(q.err, /setsid: unrecognized option: Q\nTry 'setsid --help' for more information\.\n$/);
  const nf = run("setsid", ["no-such-cmd-xyz"]);
  assert.is(nf.status, 1);
  assert.is(nf.err, "setsid: execvp: No such file or directory\n");
  assert.is(run("setsid", ["-f", "-w", "no-such-cmd-xyz"]).status, 1);
  assert.is(run("setsid", ["--help"]).status, 0);
});

test("-c without a terminal: ioctl fails", () => {
  const r = sh("setsid -c /bin/echo hi < /dev/null");
  assert.is(r.status, 1);
  assert.is(r.err, "setsid: ioctl: Not a tty\n");
  assert.is(r.out, "");
});

// a terminal: util-linux script(1), when there is one
test("-c makes standard input the controlling terminal, also for a spawned child", () => {
  const fs = require("node:fs");
  if (!fs.existsSync("/usr/bin/script")) return console.log("  (skipped: no /usr/bin/script for a terminal)");
  const files = {
    "probe": "read p c s pp pg sid tty r < /proc/self/stat; [ \"$tty\" != 0 ] && echo ctty=yes; [ \"$sid\" = \"$p\" ] && echo leader\n",
  };
  const r = sh(`/usr/bin/script -qec "setsid -c -w -f /bin/sh probe" /dev/null`, { files, env: { SHELL: "/bin/sh" } });
  assert.is(r.out.replace(/\r/g, ""), "ctty=yes\nleader\n");
  const no = sh(`/usr/bin/script -qec "setsid -w -f /bin/sh probe" /dev/null`, { files, env: { SHELL: "/bin/sh" } });
  assert.is(no.out.replace(/\r/g, ""), "leader\n");
  // not a group leader: setsid(2) and TIOCSCTTY in-process (taking the terminal from the shell's
  // session needs privilege)
  if (process.getuid?.() === 0) {
    const ip = sh(`/usr/bin/script -qec "setsid -c /bin/sh probe; true" /dev/null`, { files, env: { SHELL: "/bin/sh" } });
    assert.is(ip.out.replace(/\r/g, ""), "ctty=yes\nleader\n");
  }
});

test.run();
