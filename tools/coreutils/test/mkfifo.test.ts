import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const st = (dir: string, p: string) => fs.lstatSync(path.join(dir, p));

test("makes FIFOs, 0666 less the umask", () => {
  const r = sh("umask 027; mkfifo a b");
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.ok(st(r.dir, "a").isFIFO() && st(r.dir, "b").isFIFO());
  assert.is(st(r.dir, "a").mode & 0o7777, 0o640);
});

test("-m octal and symbolic (relative to 0666), the umask cleared", () => {
  const r = sh("umask 077; mkfifo -m 644 a; mkfifo -m g-w b; mkfifo -m +x c; mkfifo -m u=rwx,go= d; mkfifo -m 1777 e");
  assert.is(r.err, "");
  assert.is(st(r.dir, "a").mode & 0o7777, 0o644);
  assert.is(st(r.dir, "b").mode & 0o7777, 0o646);
  assert.is(st(r.dir, "c").mode & 0o7777, 0o777);
  assert.is(st(r.dir, "d").mode & 0o7777, 0o700);
  assert.ok(st(r.dir, "e").isFIFO());
});

test("errors go on; invalid mode and usage exit 1", () => {
  const r = sh(": > f; mkfifo f nodir/x ok; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "mkfifo: f: File exists\nmkfifo: nodir/x: No such file or directory\n");
  assert.ok(st(r.dir, "ok").isFIFO());
  const m = run("mkfifo", ["-m", "bogus", "x"]);
  assert.is(m.status, 1);
  assert.is(m.err, "mkfifo: invalid file mode: bogus\n");
  assert.not.ok(fs.existsSync(path.join(m.dir, "x")));
  const u = run("mkfifo", []);
  assert.is(u.status, 1);
  assert.is(u.err, "usage: mkfifo [-m mode] fifo_name ...\n");
  assert.ok(run("mkfifo", ["-Z", "x"]).err.endsWith("mkfifo: unrecognized option: Z\nusage: mkfifo [-m mode] fifo_name ...\n"));
});

test("a FIFO carries data between a writer and a reader", () => {
  const r = sh("mkfifo p; (echo hello > p &); cat p");
  assert.is(r.out, "hello\n");
});

test("sync: flushes, prints nothing, exits 0 whatever the arguments", () => {
  const r = sh("echo data > f; sync; echo rc=$?; sync ignored -x; echo rc=$?");
  assert.is(r.out, "rc=0\nrc=0\n");
  assert.is(r.err, "");
});

test.run();
