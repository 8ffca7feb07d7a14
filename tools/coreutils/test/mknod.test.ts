import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, tmpdir, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// Every node is made inside a fresh temp dir; none is ever opened.
const root = process.getuid?.() === 0;
const USAGE = "usage: mknod name\n       mknod name [b | c] major minor [owner:group]\n";
const dev = (s: fs.Stats) => `${s.isCharacterDevice() ? "c" : s.isBlockDevice() ? "b" : "?"} ${Math.floor(s.rdev / 256) & 0xfff}:${(s.rdev & 0xff) | ((s.rdev >>> 12) & 0xfff00)}`;

test("usage: wrong operand counts, no options", () => {
  for (const args of [[], ["a", "c"], ["a", "c", "1"], ["a", "c", "1", "2", "0:0", "x"]]) {
    const r = run("mknod", args);
    assert.is(r.err, USAGE);
    assert.is(r.status, 1);
  }
  // owner without ':' is a usage error too
  assert.is(run("mknod", ["a", "c", "1", "2", "0"]).err, USAGE);
});

test("operand errors", () => {
  const d = tmpdir();
  const cases: [string[], string][] = [
    [["n", "x", "1", "2"], "mknod: node must be type 'b' or 'c'\n"],
    [["n", "c", "1x", "2"], "mknod: 1x: non-numeric major number\n"],
    [["n", "c", "", "2"], "mknod: : non-numeric major number\n"],
    [["n", "c", "1", "z"], "mknod: z: non-numeric minor number\n"],
    [["n", "c", "4294967296", "0"], "mknod: major or minor number too large\n"],
    [["n", "c", "1", "-1"], "mknod: major or minor number too large\n"],
    [["n", "c", "1", "1", "nosuchuserxyz:0"], "mknod: nosuchuserxyz: illegal user name\n"],
    [["n", "c", "1", "1", "0:nosuchgroupxyz"], "mknod: nosuchgroupxyz: illegal group name\n"],
    [["n", "c", "1", "1", "0:"], "mknod: group must be specified when the owner is\n"],
    [["n", "c", "1", "1", ":0"], "mknod: owner must be specified when the group is\n"],
    [["nodir/n", "c", "1", "1"], "mknod: nodir/n: No such file or directory\n"],
  ];
  for (const [args, err] of cases) {
    const r = run("mknod", args, { cwd: d });
    assert.is(r.err, err, args.join(" "));
    assert.is(r.status, 1);
  }
  assert.equal(fs.readdirSync(d), []);
});

test("character and block nodes, numbers in any base, the umask, owner:group", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tmpdir();
  let r = run("mknod", ["c1", "c", "1", "3"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.err + r.out, "");
  assert.is(dev(fs.lstatSync(path.join(d, "c1"))), "c 1:3");
  run("mknod", ["b1", "block", "0x8", "017"], { cwd: d });
  assert.is(dev(fs.lstatSync(path.join(d, "b1"))), "b 8:15");
  assert.is(fs.lstatSync(path.join(d, "b1")).mode & 0o777, 0o666 & ~process.umask());
  spawnSync("/bin/sh", ["-c", `umask 077; exec '${implDir()}/mknod' u c 1 5`], { cwd: d });
  assert.is(fs.lstatSync(path.join(d, "u")).mode & 0o777, 0o600);
  run("mknod", ["o", "c", "1", "7", "65534:48213"], { cwd: d });
  const o = fs.lstatSync(path.join(d, "o"));
  assert.is(`${o.uid}:${o.gid}`, "65534:48213");
  run("mknod", ["big", "c", "4095", "1048575"], { cwd: d });
  assert.is(dev(fs.lstatSync(path.join(d, "big"))), "c 4095:1048575");
  // the one-operand form: a character node 0,0
  run("mknod", ["w"], { cwd: d });
  assert.is(dev(fs.lstatSync(path.join(d, "w"))), "c 0:0");
  r = run("mknod", ["w", "c", "1", "3"], { cwd: d });
  assert.is(r.err, "mknod: w: File exists\n");
  // "-x" is a name, not an option
  r = run("mknod", ["-x"], { cwd: d });
  assert.is(r.status, 0);
  assert.ok(fs.lstatSync(path.join(d, "-x")).isCharacterDevice());
});

test("without privilege: the kernel's EPERM", () => {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
  if (!root || !setpriv) return console.log("  (skipped: needs root and setpriv(1))");
  const d = tmpdir();
  fs.chmodSync(d, 0o777);
  const bin = fs.realpathSync(path.join(implDir(), "mknod"));
  const r = spawnSync(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", bin, "mknod", "n", "c", "1", "3"], { cwd: d, encoding: "utf8" });
  assert.is(r.stderr, "mknod: n: Operation not permitted\n");
  assert.is(r.status, 1);
});

test.run();
