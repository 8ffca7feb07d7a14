import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = process.getuid?.() === 0;
const ids = (d: string, p: string) => {
  const s = fs.lstatSync(path.join(d, p));
  return `${s.uid}:${s.gid}`;
};
const FREE = 48213; // a numeric id no passwd or group entry is expected to hold
const USAGE_CHOWN =
  "usage: chown [-fhvx] [-R [-H | -L | -P]] owner[:group] file ...\n" +
  "       chown [-fhvx] [-R [-H | -L | -P]] :group file ...\n";
const USAGE_CHGRP = "usage: chgrp [-fhvx] [-R [-H | -L | -P]] group file ...\n";

/** A temp dir with files, directories ("x/") and symlinks ("l -> t"), all owned by root. */
function tree(spec: string[]): string {
  const d = tmpdir();
  for (const s of spec) {
    const m = /^(.*) -> (.*)$/.exec(s);
    const p = path.join(d, m ? m[1]! : s);
    if (m) fs.symlinkSync(m[2]!, p);
    else if (s.endsWith("/")) fs.mkdirSync(p);
    else fs.writeFileSync(p, "");
  }
  return d;
}

test("usage and argument errors", () => {
  let r = run("chown", ["0"]);
  assert.is(r.status, 1);
  assert.is(r.err, USAGE_CHOWN);
  r = run("chgrp", []);
  assert.is(r.err, USAGE_CHGRP);
  r = run("chown", ["-Q", "0", "f"]);
  assert.is(r.err, `${implDir()}/chown: unrecognized option: Q\n` + USAGE_CHOWN);
  r = run("chown", ["nosuchuserxyz", "f"], { files: { f: "" } });
  assert.is(r.err, "chown: nosuchuserxyz: illegal user name\n");
  assert.is(r.status, 1);
  r = run("chown", ["0:nosuchgroupxyz", "f"], { files: { f: "" } });
  assert.is(r.err, "chown: nosuchgroupxyz: illegal group name\n");
  r = run("chgrp", ["12x", "f"], { files: { f: "" } });
  assert.is(r.err, "chgrp: 12x: illegal group name\n");
  // the dot is not a separator (SUPPORT_DOT is off in chimerautils)
  r = run("chown", ["1.2", "f"], { files: { f: "" } });
  assert.is(r.err, "chown: 1.2: illegal user name\n");
  r = run("chown", ["4294967296", "f"], { files: { f: "" } });
  assert.is(r.err, "chown: 4294967296: illegal user name\n");
  r = run("chown", ["-R", "-H", "-h", "0", "f"], { files: { f: "" } });
  assert.is(r.err, "chown: the -RH and -h options may not be specified together\n");
  r = run("chown", ["0", "f", ""], { files: { f: "" } });
  assert.is(r.err, "chown: No such file or directory\n");
  assert.is(r.status, 1);
});

test("owner, owner:group, :group, owner:, names and numbers", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tree(["a", "b", "c", "e"]);
  assert.is(run("chown", [`${FREE}`, "a"], { cwd: d }).status, 0);
  assert.is(ids(d, "a"), `${FREE}:0`);
  run("chown", [`${FREE}:${FREE + 1}`, "b"], { cwd: d });
  assert.is(ids(d, "b"), `${FREE}:${FREE + 1}`);
  run("chown", [":65534", "c"], { cwd: d });
  assert.is(ids(d, "c"), "0:65534");
  run("chown", ["65534:", "c"], { cwd: d });
  assert.is(ids(d, "c"), "65534:65534");
  run("chown", ["root:root", "c"], { cwd: d });
  assert.is(ids(d, "c"), "0:0");
  // blanks and a sign are strtoul's
  run("chown", [" +42", "e"], { cwd: d });
  assert.is(ids(d, "e"), "42:0");
  run("chgrp", [`${FREE}`, "a"], { cwd: d });
  assert.is(ids(d, "a"), `${FREE}:${FREE}`);
});

test("-v lists changed files only; -vv shows the ids", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tree(["a", "b"]);
  let r = run("chown", ["-v", "0:0", "a", "b"], { cwd: d });
  assert.is(r.out, "");
  r = run("chown", ["-v", "42", "a", "b"], { cwd: d });
  assert.is(r.out, "a\nb\n");
  r = run("chown", ["-vv", ":43", "a"], { cwd: d });
  assert.is(r.out, "a: 42:0 -> 42:43\n");
  r = run("chgrp", ["-vv", "44", "a"], { cwd: d });
  assert.is(r.out, "a: 43 -> 44\n");
});

test("missing operands are reported, the others changed; -f hides chown failures only", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tree(["a", "b"]);
  let r = run("chown", ["42", "a", "nope", "b"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "chown: nope: No such file or directory\n");
  assert.is(ids(d, "a") + " " + ids(d, "b"), "42:0 42:0");
  r = run("chown", ["-f", "43", "nope"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "chown: nope: No such file or directory\n");
});

test("symlinks: followed without -h, the link itself with -h", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tree(["f", "l -> f", "n -> nowhere"]);
  run("chown", ["42", "l"], { cwd: d });
  assert.is(ids(d, "f") + " " + ids(d, "l"), "42:0 0:0");
  run("chown", ["-h", "43", "l"], { cwd: d });
  assert.is(ids(d, "f") + " " + ids(d, "l"), "42:0 43:0");
  let r = run("chown", ["44", "n"], { cwd: d });
  assert.is(r.err, "chown: n: No such file or directory\n");
  r = run("chown", ["-h", "44", "n"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(ids(d, "n"), "44:0");
});

test("-R: post-order, -P changes links themselves, -L follows, -H follows operands", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tree(["t/", "t/s/", "t/f", "t/s/g", "u/", "u/x", "t/l -> ../u"]);
  let r = run("chown", ["-Rv", "42:43", "t"], { cwd: d });
  assert.is(r.status, 0);
  // directories after their contents (FTS_DP)
  const order = r.out.split("\n").filter(Boolean);
  assert.equal([...order].sort(), ["t", "t/f", "t/l", "t/s", "t/s/g"]);
  assert.is(order[4], "t");
  assert.ok(order.indexOf("t/s/g") < order.indexOf("t/s"));
  assert.equal(["t", "t/s", "t/f", "t/s/g", "t/l", "u", "u/x"].map((p) => ids(d, p)),
    ["42:43", "42:43", "42:43", "42:43", "42:43", "0:0", "0:0"]);
  run("chown", ["-RL", "44", "t"], { cwd: d });
  assert.is(ids(d, "u") + " " + ids(d, "u/x"), "44:0 44:0");
  const e = tree(["u/", "u/x", "v/", "u/m -> ../v", "l -> u"]);
  run("chown", ["-RH", "45", "l"], { cwd: e });
  assert.equal(["u", "u/x", "u/m", "v", "l"].map((p) => ids(e, p)), ["45:0", "45:0", "45:0", "0:0", "0:0"]);
  // without -R a directory's contents are left alone
  const f = tree(["d/", "d/x"]);
  run("chgrp", ["46", "d"], { cwd: f });
  assert.is(ids(f, "d") + " " + ids(f, "d/x"), "0:46 0:0");
});

test("an unprivileged user: EPERM, and 'not a member of group'", () => {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
  if (!root || !setpriv) return console.log("  (skipped: needs root and setpriv(1))");
  const d = tree(["mine", "other"]);
  fs.chmodSync(d, 0o777);
  fs.chownSync(path.join(d, "mine"), 65534, 65534);
  const bin = fs.realpathSync(path.join(implDir(), "chown"));
  const as = (args: string[]) =>
    spawnSync(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", bin, ...args], { cwd: d, encoding: "utf8" });
  let r = as(["chown", "42", "other"]);
  assert.is(r.stderr, "chown: other: Operation not permitted\n");
  assert.is(r.status, 1);
  r = as(["chgrp", `${FREE}`, "mine", "mine"]);
  assert.is(r.stderr, `chgrp: you are not a member of group ${FREE}\nchgrp: mine: Operation not permitted\n`);
  r = as(["chgrp", "-f", `${FREE}`, "mine"]);
  assert.is(r.stderr + r.status, "0");
});

test("chmod-style long paths: a deep tree", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tmpdir();
  const N = 300;
  const p = path.join(d, ...Array(N).fill("level"));
  fs.mkdirSync(p, { recursive: true });
  const r = sh(`chown -R 42 level && find level | wc -l`, { cwd: d });
  assert.is(r.err, "");
  assert.is(r.out.trim(), `${N}`);
  assert.is(fs.statSync(p).uid, 42);
});

test.run();
