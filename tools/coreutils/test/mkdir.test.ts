import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const mode = (dir: string, p: string) => fs.statSync(path.join(dir, p)).mode & 0o7777;
const isDir = (dir: string, p: string) => fs.statSync(path.join(dir, p), { throwIfNoEntry: false })?.isDirectory() ?? false;

test("creates directories in operand order, mode 0777 less the umask", () => {
  const r = sh("umask 027; mkdir a a/b c");
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.is(mode(r.dir, "a"), 0o750);
  assert.ok(isDir(r.dir, "a/b") && isDir(r.dir, "c"));
});

test("errors: existing, missing parent (named by the parent), file in the way; the rest go on", () => {
  const r = sh("mkdir d; : > f; mkdir d x/y f/g f e");
  assert.is(r.status, 1);
  assert.is(r.err, "mkdir: d: File exists\nmkdir: x: No such file or directory\nmkdir: f: Not a directory\nmkdir: f: File exists\n");
  assert.ok(isDir(r.dir, "e"));
  assert.is(run("mkdir", ["a//b//"]).err, "mkdir: a: No such file or directory\n");
});

test("-p: parents with u+wx, existing directories fine, an existing file is not", () => {
  const r = sh("umask 0277; mkdir -p a/b/c; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.is(mode(r.dir, "a"), 0o700);
  assert.is(mode(r.dir, "a/b"), 0o700);
  assert.is(mode(r.dir, "a/b/c"), 0o500);
  const e = sh("mkdir -p d; mkdir -p d d/ /; echo rc=$?");
  assert.is(e.out, "rc=0\n");
  assert.is(e.err, "");
  const f = sh(": > f; mkdir -p f/g; echo rc=$?; mkdir -p f; echo rc=$?");
  assert.is(f.out, "rc=1\nrc=1\n");
  assert.is(f.err, "mkdir: f: Not a directory\nmkdir: f: File exists\n");
  // through a symlink to a directory
  assert.is(sh("mkdir t; ln -s t l; mkdir -p l/x && [ -d t/x ] && echo ok").out, "ok\n");
});

test("-p keeps the process umask for later operands", () => {
  const r = sh("umask 077; mkdir -p a/b c");
  assert.is(mode(r.dir, "a/b"), 0o700);
  assert.is(mode(r.dir, "c"), 0o700);
});

test("-m: octal and symbolic (relative to a=rwx), applied despite the umask", () => {
  const r = sh("umask 077; mkdir -m 755 a; mkdir -m g-w b; mkdir -m u=rwx,g=rx,o= c; mkdir -m 1777 d; mkdir -m 2755 e; mkdir -m =rx f");
  assert.is(r.status, 0);
  assert.is(mode(r.dir, "a"), 0o755);
  assert.is(mode(r.dir, "b"), 0o757);
  assert.is(mode(r.dir, "c"), 0o750);
  assert.is(mode(r.dir, "d"), 0o1777);
  assert.is(mode(r.dir, "e"), 0o2755);
  // who-less clauses honour the umask, as chmod's do
  assert.is(mode(r.dir, "f"), 0o500);
});

test("-m with -p: only the last component gets the mode; an existing one is left alone", () => {
  const r = sh("umask 022; mkdir -p -m 700 a/b; mkdir x; chmod 755 x; mkdir -p -m 700 x");
  assert.is(mode(r.dir, "a"), 0o755);
  assert.is(mode(r.dir, "a/b"), 0o700);
  assert.is(mode(r.dir, "x"), 0o755);
});

test("-m invalid: message, status 1, nothing created", () => {
  for (const m of ["bad", "888", "u+q", "17777", ""]) {
    const r = run("mkdir", ["-m", m, "d"]);
    assert.is(r.status, 1, m);
    assert.is(r.err, `mkdir: invalid file mode: ${m}\n`);
    assert.not.ok(fs.existsSync(path.join(r.dir, "d")));
  }
});

test("-v prints each directory made; with -p only the new ones", () => {
  assert.is(run("mkdir", ["-v", "a", "b/"]).out, "a\nb/\n");
  const r = sh("mkdir a; mkdir -pv a/b/c/ a");
  assert.is(r.out, "a/b\na/b/c\n");
  assert.is(r.err, "");
});

test("usage: status 64, musl's getopt message first", () => {
  const r = run("mkdir", []);
  assert.is(r.status, 64);
  assert.is(r.err, "usage: mkdir [-pv] [-m mode] directory_name ...\n");
  const q = run("mkdir", ["-Q", "d"]);
  assert.is(q.status, 64);
  assert.match(q.err, /unrecognized option: Q\nusage: mkdir/);
  assert.is(run("mkdir", ["-m"]).status, 64);
});

test("names keep every byte; -- ends the options", () => {
  const dir = tmpdir();
  const name = Buffer.from([0x64, 0xff, 0xfe]);
  const r = run("mkdir", ["-v", name], { cwd: dir });
  assert.is(r.status, 0);
  assert.equal(r.stdout, Buffer.concat([name, Buffer.from("\n")]));
  assert.ok(fs.readdirSync(dir, { encoding: "buffer" }).some((n) => n.equals(name)));
  assert.is(sh("mkdir -- -p && [ -d ./-p ] && echo ok").out, "ok\n");
});

test.run();
