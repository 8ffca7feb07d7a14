import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run, sh } from "@bsdbox/posix-tests";

test("output not a terminal: runs the utility, no nohup.out", () => {
  const r = run("nohup", ["/bin/sh", "-c", "echo out; echo err >&2"]);
  assert.is(r.status, 0);
  assert.is(r.out, "out\n");
  assert.is(r.err, "err\n");
  assert.not.ok(fs.existsSync(path.join(r.dir, "nohup.out")));
  assert.is(run("nohup", ["--", "/bin/echo", "x"]).out, "x\n");
});

test("SIGHUP is ignored, and stays ignored in the utility (same pid)", () => {
  assert.is(run("nohup", ["/bin/sh", "-c", "kill -HUP $$; echo survived"]).out, "survived\n");
  assert.is(run("nohup", ["/bin/grep", "SigIgn", "/proc/self/status"]).out, "SigIgn:\t0000000000000001\n");
  const r = sh("nohup /bin/sh -c 'echo $$' & echo $!; wait");
  const [a, b] = r.out.trim().split("\n");
  assert.is(a, b);
});

test("127 usage and not found, 126 not runnable", () => {
  const u = run("nohup");
  assert.is(u.status, 127);
  assert.is(u.err, "usage: nohup [--] utility [arguments]\n");
  assert.is(run("nohup", ["-x", "true"]).status, 127);
  const nf = run("nohup", ["no-such-cmd-xyz"]);
  assert.is(nf.status, 127);
  assert.is(nf.err, "nohup: no-such-cmd-xyz: No such file or directory\n");
  const ne = sh("printf 'echo hi\\n' > s; /bin/chmod +x s; nohup ./s");
  assert.is(ne.status, 126);
  assert.is(ne.err, "nohup: ./s: Exec format error\n");
});

// a terminal for standard output and error: util-linux script(1), when there is one
const SCRIPT = "/usr/bin/script";
const onTty = (cmd: string, env: Record<string, string> = {}) =>
  sh(`${SCRIPT} -qec "${cmd}" /dev/null`, { env: { SHELL: "/bin/sh", ...env } });

test("output on a terminal: appended to ./nohup.out (0600), stderr follows it", () => {
  if (!fs.existsSync(SCRIPT)) return;
  const r = onTty("nohup /bin/sh -c 'echo out; echo err >&2'; nohup /bin/echo again");
  assert.is(r.out.replace(/\r/g, ""), "appending output to nohup.out\nappending output to nohup.out\n");
  const f = path.join(r.dir, "nohup.out");
  assert.is(fs.readFileSync(f, "utf8"), "out\nerr\nagain\n");
  assert.is(fs.statSync(f).mode & 0o777, 0o600);
});

test("./nohup.out unusable: $HOME/nohup.out; neither: status 127", () => {
  if (!fs.existsSync(SCRIPT)) return;
  const r = onTty("mkdir nohup.out home; HOME=$PWD/home nohup /bin/echo hi");
  assert.match(r.out.replace(/\r/g, ""), /^appending output to \/.*\/home\/nohup\.out\n$/);
  assert.is(fs.readFileSync(path.join(r.dir, "home/nohup.out"), "utf8"), "hi\n");
  const n = onTty("mkdir nohup.out; HOME= nohup /bin/echo hi; echo rc=\\$?");
  assert.is(n.out.replace(/\r/g, ""), "nohup: can't open a nohup.out file\nrc=127\n");
});

test.run();
