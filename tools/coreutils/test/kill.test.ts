import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const LIST =
  "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP " +
  "TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO PWR SYS\n";

test("-l lists the signals; -l N names one (exit statuses above 128 too)", () => {
  assert.is(run("kill", ["-l"]).out, LIST);
  assert.is(run("kill", ["-l", "15"]).out, "TERM\n");
  assert.is(run("kill", ["-l", "137"]).out, "KILL\n");
  const bad = run("kill", ["-l", "999"]);
  assert.is(bad.status, 2);
  assert.is(bad.err, `kill: unknown signal 999; valid signals:\n${LIST}`);
  assert.is(run("kill", ["-l", "1x"]).err, "kill: illegal signal number: 1x\n");
  assert.is(run("kill", ["-l", "TERM"]).status, 2);
});

// start a /bin/sleep, signal it with kill ARGS, report how it ended ("env kill": not the
// shell's builtin)
const ends = (args: string) => sh(`/bin/sleep 10 & p=$!; env kill ${args} $p; wait $p; echo $?`).out;

test("the default signal is TERM; -s name, -name, -number, any case, SIG prefix", () => {
  assert.is(ends(""), "143\n");
  assert.is(ends("-s USR1"), "138\n");
  assert.is(ends("-s sigusr2"), "140\n");
  assert.is(ends("-HUP"), "129\n");
  assert.is(ends("-SIGALRM"), "142\n");
  assert.is(ends("-9"), "137\n");
  assert.is(ends("-s KILL --"), "137\n");
});

test("-0 and -s 0 only test that the process exists", () => {
  assert.is(sh("env kill -0 $$; echo $?; env kill -s 0 $$; echo $?").out, "0\n0\n");
});

test("negative pids after -- are process groups", () => {
  // a new group: a shell and two sleeps; afterwards none may be running (zombies are fine)
  const r = sh(
    "/usr/bin/setsid /bin/sh -c 'echo $$ > pg; /bin/sleep 30 & echo $! >> pg; /bin/sleep 30 & echo $! >> pg; wait' & " +
      "while [ $(wc -l < pg) -lt 3 ]; do /bin/sleep 0.02; done; g=$(head -n 1 pg); " +
      "env kill -- -$g; echo rc=$?; /bin/sleep 0.2; " +
      "for p in $(cat pg); do s=$(cut -d' ' -f3 /proc/$p/stat 2>/dev/null); case $s in ''|Z) ;; *) echo $p alive;; esac; done",
  );
  assert.is(r.out, "rc=0\n");
});

test("errors: no such process (status 1, the others still signalled), bad pid, bad signal", () => {
  const r = sh("/bin/sleep 10 & p=$!; env kill 2147483646 $p; echo rc=$?; wait $p; echo $?");
  assert.is(r.out, "rc=1\n143\n");
  assert.match(r.err, /^kill: 2147483646: No such process\n/);
  const pid = run("kill", ["12abc"]);
  assert.is(pid.status, 2);
  assert.is(pid.err, "kill: illegal process id: 12abc\n");
  const sig = run("kill", ["-s", "NOPE", "1"]);
  assert.is(sig.status, 2);
  assert.is(sig.err, `kill: unknown signal NOPE; valid signals:\n${LIST}`);
  assert.is(run("kill", ["-FOO", "1"]).err, `kill: unknown signal FOO; valid signals:\n${LIST}`);
  const u = run("kill");
  assert.is(u.status, 2);
  assert.match(u.err, /^usage: kill \[-s signal_name\] pid \.\.\.\n/);
  assert.is(run("kill", ["-s"]).err.split("\n")[0], "kill: option requires an argument -- s");
  assert.is(run("kill", ["-TERM"]).status, 2);
});

test.run();
