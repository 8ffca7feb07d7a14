import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { run, sh, implDir, tmpdir } from "@bsdbox/posix-tests";

/** Run timeout directly and report the signal that ended it, if any. */
function direct(args: string[]) {
  const t0 = Date.now();
  const r = spawnSync(path.join(implDir(), "timeout"), args, { cwd: tmpdir(), timeout: 20000 });
  return { status: r.status, signal: r.signal, err: String(r.stderr), secs: (Date.now() - t0) / 1000 };
}

test("a command that outlives the limit is stopped: 124, promptly", () => {
  const t0 = Date.now();
  const r = run("timeout", ["1", "/bin/sleep", "10"]);
  assert.is(r.status, 124);
  assert.ok((Date.now() - t0) / 1000 < 5, "exited within 5 s");
  assert.is(r.err, "");
});

test("the command's own status passes through; 0 means no limit", () => {
  assert.is(run("timeout", ["5", "/bin/sh", "-c", "exit 7"]).status, 7);
  assert.is(sh("timeout 0 /bin/sh -c 'echo ran'; echo rc=$?").out, "ran\nrc=0\n");
  assert.is(sh("timeout 1m /bin/echo ok; timeout 0.5h /bin/echo ok; timeout 1e1 /bin/true; echo rc=$?").out, "ok\nok\nrc=0\n");
});

test("125 for a bad duration or signal, 126 not runnable, 127 not found, 1 usage", () => {
  const cases: [string[], number, string][] = [
    [["abc", "true"], 125, "timeout: duration is not a number\n"],
    [["1x", "true"], 125, "timeout: duration unit suffix invalid\n"],
    [["1ss", "true"], 125, "timeout: duration unit suffix too long\n"],
    [["--", "-1s", "true"], 125, "timeout: duration out of range\n"],
    [["-s", "NOPE", "1", "true"], 125, "timeout: invalid signal\n"],
    [["-s", "0", "1", "true"], 125, "timeout: invalid signal\n"],
    [["5", "no-such-cmd-xyz"], 127, "timeout: exec(no-such-cmd-xyz): No such file or directory\n"],
  ];
  for (const [args, st, msg] of cases) {
    const r = run("timeout", args);
    assert.is(r.status, st, args.join(" "));
    assert.is(r.err, msg, args.join(" "));
  }
  const na = sh("printf x > f; timeout 5 ./f");
  assert.is(na.status, 126);
  assert.is(na.err, "timeout: exec(./f): Permission denied\n");
  const u = run("timeout", ["5"]);
  assert.is(u.status, 1);
  assert.match(u.err, /^Usage: timeout \[-f \| --foreground\]/);
  assert.is(run("timeout", ["--help"]).status, 1);
});

test("-s and --signal take names in any case, with or without SIG, and numbers", () => {
  for (const s of [["-s", "KILL"], ["-s", "sigkill"], ["-s", "9"], ["--signal=Kill"], ["--signal", "SIGKILL"]]) {
    const r = direct([...s, "0.2", "/bin/sleep", "5"]);
    assert.is(r.status, 124, s.join(" "));
  }
});

test("-p: the command's status, and a command killed by a signal kills timeout with it", () => {
  const p = direct(["-p", "0.2", "/bin/sleep", "5"]);
  assert.is(p.signal, "SIGTERM");
  const p2 = direct(["--preserve-status", "-s", "INT", "0.2", "/bin/sleep", "5"]);
  assert.is(p2.signal, "SIGINT");
  // not timed out: the signal that ended the command is reproduced, without a core file
  const k = direct(["5", "/bin/sh", "-c", "kill -QUIT $$"]);
  assert.is(k.signal, "SIGQUIT");
  assert.is(sh("timeout -p 0.2 /bin/sleep 5; echo rc=$?").out, "rc=143\n");
});

test("-k: SIGKILL follows when the first signal is ignored", () => {
  const t0 = Date.now();
  const script = "trap '' TERM; while :; do /bin/sleep 0.05; done";
  const r = run("timeout", ["-k", "0.3", "0.2", "/bin/sh", "-c", script]);
  assert.is(r.status, 124);
  assert.ok((Date.now() - t0) / 1000 < 5, "exited within 5 s");
  const p = direct(["-p", "--kill-after=0.3", "0.2", "/bin/sh", "-c", script]);
  assert.is(p.signal, "SIGKILL");
});

test("the whole tree is signalled and waited for, daemons included; -f: only the command", () => {
  const r = sh(
    "timeout 0.5 /bin/sh -c '/bin/sleep 30 & echo $! > gc; (setsid /bin/sleep 30 & echo $! > d); /bin/sleep 30'; echo rc=$?; " +
      "/bin/kill -0 $(cat gc) 2>/dev/null && echo alive || echo gone; " +
      "/bin/kill -0 $(cat d) 2>/dev/null && echo alive || echo gone",
  );
  assert.is(r.out, "rc=124\ngone\ngone\n");
  // an orphan left behind is waited for before timeout exits
  assert.is(sh("timeout 5 /bin/sh -c '/bin/sleep 0.3 & echo $! > gc'; /bin/kill -0 $(cat gc) 2>/dev/null && echo alive || echo gone").out, "gone\n");
  const f = sh(
    "timeout -f 0.3 /bin/sh -c '/bin/sleep 30 & echo $! > gc; exec /bin/sleep 30'; echo rc=$?; " +
      "/bin/kill -0 $(cat gc) 2>/dev/null && echo alive || echo gone; /bin/kill $(cat gc)",
  );
  assert.is(f.out, "rc=124\nalive\n");
});

test("signals sent to timeout are passed on to the command", () => {
  const fwd = (sig: string) =>
    sh(
      `timeout 10 /bin/sh -c "trap 'echo got ${sig}; exit 3' ${sig}; : > ready; /bin/sleep 30 & wait" & p=$!; ` +
        "while [ ! -e ready ]; do /bin/sleep 0.02; done; /bin/sleep 0.1; " +
        `/bin/kill -${sig} $p; wait $p; echo rc=$?`,
    ).out;
  // (a background job starts with SIGINT and SIGQUIT ignored, so those cannot be trapped here)
  for (const sig of ["TERM", "HUP", "USR1", "USR2"]) assert.is(fwd(sig), `got ${sig}\nrc=3\n`, sig);
  // SIGALRM is the time limit: the signal to send goes out and the status is 124
  const alrm = sh(
    `timeout 10 /bin/sh -c "trap 'echo got TERM; exit 3' TERM; : > ready; /bin/sleep 30 & wait" & p=$!; ` +
      "while [ ! -e ready ]; do /bin/sleep 0.02; done; /bin/sleep 0.1; /bin/kill -ALRM $p; wait $p; echo rc=$?",
  );
  assert.is(alrm.out, "got TERM\nrc=124\n");
});

test("-v reports each step on stderr", () => {
  const r = run("timeout", ["-v", "0.2", "/bin/sleep", "5"]);
  assert.is(r.status, 124);
  assert.match(r.err, /^timeout: time limit reached or received SIGALRM\n/m);
  assert.match(r.err, /^timeout: sending signal TERM\(15\) to command '\/bin\/sleep'\n/m);
  assert.match(r.err, /^timeout: sending signal CONT\(18\) to command '\/bin\/sleep'\n/m);
  assert.match(r.err, /^timeout: child terminated: pid=\d+, sig=15\n/m);
});

test("the command gets the signal to send at its default action, the rest inherited", () => {
  // SIGHUP ignored by the caller stays ignored; SIGTERM (the one timeout sends) is reset
  const r = sh("trap '' HUP TERM; timeout 5 /bin/grep SigIgn /proc/self/status");
  assert.is(r.out, "SigIgn:\t0000000000000001\n");
});

test.run();
