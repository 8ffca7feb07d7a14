import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { run } from "@bsdbox/posix-tests";

// Setting the behaviour (an argument) is never tried here: it changes the machine.
test("no argument: the current setting from /proc/sys/kernel/ctrl-alt-del", () => {
  let v: string;
  try {
    v = fs.readFileSync("/proc/sys/kernel/ctrl-alt-del", "utf8").trim();
  } catch {
    return console.log("  (skipped: no /proc/sys/kernel/ctrl-alt-del)");
  }
  const r = run("ctrlaltdel");
  if (v === "0" || v === "1") {
    assert.is(r.status, 0);
    assert.is(r.out, v === "0" ? "soft\n" : "hard\n");
  } else {
    assert.is(r.status, 1);
    assert.is(r.out, "implicit hard\n");
  }
});

test("usage", () => {
  const q = run("ctrlaltdel", ["-Q"]);
  assert.is(q.status, 1);
  assert.match(q.err, /unrecognized option: Q\nTry 'ctrlaltdel --help' for more information\.\n$/);
  const h = run("ctrlaltdel", ["--help"]);
  assert.is(h.status, 0);
  assert.match(h.out, /^Usage: ctrlaltdel hard\|soft\n/);
});

test.run();
