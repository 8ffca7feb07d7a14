import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

test("no arguments: this process's class and priority", () => {
  const r = run("ionice");
  assert.is(r.status, 0);
  assert.match(r.out, /^(none|realtime|best-effort): prio \d+\n$|^idle\n$/);
});

test("-c/-n for a command: the command runs with that class", () => {
  assert.is(run("ionice", ["-c", "3", "ionice"]).out, "idle\n");
  assert.is(run("ionice", ["-c", "idle", "ionice"]).out, "idle\n");
  assert.is(run("ionice", ["-c", "best-effort", "-n", "6", "ionice"]).out, "best-effort: prio 6\n");
  assert.is(run("ionice", ["-c2", "-n0", "ionice"]).out, "best-effort: prio 0\n");
  const w = run("ionice", ["-c", "idle", "-n", "3", "ionice"]);
  assert.is(w.out, "idle\n");
  assert.is(w.err, "ionice: ignoring given class data for idle class\n");
  assert.is(run("ionice", ["-t", "-c", "idle", "-n", "3", "true"]).err, "");
});

test("-p: show and set for running processes", () => {
  const r = sh("sleep 5 & p=$!; ionice -c 3 -p $p; ionice -p $p; ionice -c 2 -n 5 -p $p; ionice -p $p $p; kill $p");
  assert.is(r.status, 0);
  assert.is(r.out, "idle\nbest-effort: prio 5\nbest-effort: prio 5\n");
});

test("errors", () => {
  const bad = run("ionice", ["-c", "2", "-n", "9", "true"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, "ionice: ioprio_set failed: Invalid argument\n");
  const t = run("ionice", ["-t", "-c", "2", "-n", "9", "/bin/echo", "ran"]);
  assert.is(t.status, 0);
  assert.is(t.out, "ran\n");
  const cases: [string[], string][] = [
    [["-c", "bogus"], "ionice: invalid class argument: bogus\n"],
    [["-n", "x"], "ionice: invalid class data argument: x\n"],
    [["-p", "1", "-u", "0"], "ionice: specify one of -p, -P -u\n"],
    [["-p", "x"], "ionice: invalid -p argument\n"],
    [["-p", "1", "y"], "ionice: invalid -p argument\n"],
    [["-c", "2"], "ionice: bad usage\nTry 'ionice --help' for more information.\n"],
    [["-c", "2", "no-such-cmd-xyz"], "ionice: execvp: No such file or directory\n"],
  ];
  for (const [args, msg] of cases) {
    const r = run("ionice", args);
    assert.is(r.status, 1, args.join(" "));
    assert.is(r.err, msg, args.join(" "));
  }
});

test.run();
