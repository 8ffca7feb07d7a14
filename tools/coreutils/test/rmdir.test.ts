import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const exists = (dir: string, p: string) => fs.existsSync(path.join(dir, p));

test("removes empty directories in operand order", () => {
  const r = sh("mkdir -p a/b c; rmdir a/b a c/");
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.not.ok(exists(r.dir, "a") || exists(r.dir, "c"));
});

test("errors are reported, the rest go on, status 1", () => {
  const r = sh("mkdir -p full/x e; : > f; ln -s e l; rmdir nope full f l e; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err,
    "rmdir: nope: No such file or directory\nrmdir: full: Directory not empty\n" +
    "rmdir: f: Not a directory\nrmdir: l: Not a directory\n");
  assert.not.ok(exists(r.dir, "e"));
  assert.ok(exists(r.dir, "full/x"));
});

test("-p removes each parent named, deepest first, stops at the first failure", () => {
  const r = sh("mkdir -p a/b/c; rmdir -p a/b/c; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.not.ok(exists(r.dir, "a"));
  const s = sh("mkdir -p a/b/c; : > a/f; rmdir -p a/b/c; echo rc=$?");
  assert.is(s.out, "rc=1\n");
  assert.is(s.err, "rmdir: a: Directory not empty\n");
  assert.ok(exists(s.dir, "a/f"));
  assert.not.ok(exists(s.dir, "a/b"));
  // extra slashes are skipped; a leading slash is never removed
  const t = sh("mkdir -p x/y/z; rmdir -pv x//y///z//");
  assert.is(t.out, "x//y///z//\nx//y\nx\n");
  assert.is(t.status, 0);
});

test("-p on an absolute path goes up to the first parent that stays", () => {
  const dir = tmpdir({ keep: "" });
  fs.mkdirSync(path.join(dir, "q/r"), { recursive: true });
  const r = run("rmdir", ["-pv", path.join(dir, "q/r")]);
  assert.is(r.status, 1);
  assert.is(r.out, `${dir}/q/r\n${dir}/q\n`);
  assert.is(r.err, `rmdir: ${dir}: Directory not empty\n`);
  assert.ok(fs.existsSync(path.join(dir, "keep")));
});

test("-v prints each directory removed", () => {
  assert.is(sh("mkdir -p a/b; rmdir -v a/b a").out, "a/b\na\n");
});

test("usage: status 2", () => {
  const r = run("rmdir", []);
  assert.is(r.status, 2);
  assert.is(r.err, "usage: rmdir [-pv] directory ...\n");
  const q = run("rmdir", ["-x", "d"]);
  assert.is(q.status, 2);
  assert.match(q.err, /unrecognized option: x\nusage: rmdir/);
});

test("names keep every byte", () => {
  const dir = tmpdir();
  const name = Buffer.from([0x72, 0xc3, 0x28]);
  fs.mkdirSync(Buffer.concat([Buffer.from(dir + "/"), name]));
  const r = run("rmdir", ["-v", name], { cwd: dir });
  assert.is(r.status, 0);
  assert.equal(r.stdout, Buffer.concat([name, Buffer.from("\n")]));
  assert.is(fs.readdirSync(dir).length, 0);
});

test.run();
