import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { run, sh, implDir } from "@bsdbox/posix-tests";

const kernel = readFileSync("/proc/sys/kernel/hostname", "utf8").trim();

test("prints the kernel's host name; -f is accepted", () => {
  assert.is(run("hostname").out, kernel + "\n");
  assert.is(run("hostname", ["-f"]).out, kernel + "\n");
});

test("usage errors", () => {
  for (const a of [["-s", "-d"], ["a", "b"], ["-x"]]) {
    const r = run("hostname", a);
    assert.is(r.status, 1);
    assert.ok(r.err.endsWith("usage: hostname [-f] [-s | -d] [name-of-host]\n"), r.err);
  }
});

// setting the name: only inside a private UTS namespace, never on the host
const uts = spawnSync("unshare", ["-u", "true"]).status === 0;
test("-s and -d split at the first dot; an operand sets the name (in a private namespace)", () => {
  if (!uts) {
    console.log("  (skipped: unshare -u is not permitted here)");
    return;
  }
  const H = `${implDir()}/hostname`;
  const r = sh(`unshare -u sh -c '${H} a.b.c && ${H} && ${H} -s && ${H} -d && ${H} -f nodot && ${H} -s && ${H} -d'`);
  assert.is(r.out, "a.b.c\na\nb.c\nnodot\nnodot\n");
  assert.is(r.status, 0);
});

test("setting the name without privilege fails with sethostname's error", () => {
  const r = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", `${implDir()}/hostname`, "x"], { encoding: "utf8" });
  if (r.error || (r.status !== 1 && !r.stderr.includes("sethostname"))) {
    console.log("  (skipped: setpriv cannot drop privileges here)");
    return;
  }
  assert.is(r.status, 1);
  assert.is(r.stderr, "hostname: sethostname: Operation not permitted\n");
  assert.is(readFileSync("/proc/sys/kernel/hostname", "utf8").trim(), kernel);
});

test("hostid prints eight hex digits: /etc/hostid, else 0 (musl)", () => {
  const r = run("hostid");
  assert.match(r.out, /^[0-9a-f]{8}\n$/);
  let want = "00000000";
  try {
    const b = readFileSync("/etc/hostid");
    if (b.length >= 4) want = b.readUInt32LE(0).toString(16).padStart(8, "0");
  } catch {}
  assert.is(r.out, want + "\n");
  assert.is(run("hostid", ["-x"]).out, want + "\n");
});

test.run();
