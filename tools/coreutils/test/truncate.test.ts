import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const size = (dir: string, p: string) => fs.statSync(path.join(dir, p)).size;
const USAGE = "usage: truncate [-c] -s [+|-|%|/]size[K|k|M|m|G|g|T|t] file ...\n" +
  "       truncate [-c] -r rfile file ...\n" +
  "       truncate [-c] -d [-o offset[K|k|M|m|G|g|T|t]] -l length[K|k|M|m|G|g|T|t] file ...\n";

test("-s absolute with units; new files 0644 less the umask; data kept and zero-filled", () => {
  const r = sh("umask 022; printf abc > f; truncate -s 5 f; truncate -s 2k g; truncate -s 1M h; truncate -s 0x10 i; truncate -s 1kB j");
  assert.is(r.status, 0);
  assert.equal(fs.readFileSync(path.join(r.dir, "f")), Buffer.from("abc\0\0"));
  assert.is(size(r.dir, "g"), 2048);
  assert.is(size(r.dir, "h"), 1048576);
  assert.is(size(r.dir, "i"), 16);
  assert.is(size(r.dir, "j"), 1024);
  assert.is(fs.statSync(path.join(r.dir, "g")).mode & 0o777, 0o644);
});

test("-s relative (+/-, floor at 0) and rounding (% up, / down as truncate.c does)", () => {
  const r = sh("for f in a b c d e g; do printf abcdefg > $f; done; truncate -s +3 a; truncate -s -2 b; truncate -s -20 c; truncate -s %4 d; truncate -s /4 e; truncate -s /7 g; : > z; truncate -s %4 z");
  assert.is(r.err, "");
  assert.is(size(r.dir, "a"), 10);
  assert.is(size(r.dir, "b"), 5);
  assert.is(size(r.dir, "c"), 0);
  assert.is(size(r.dir, "d"), 8);
  assert.is(size(r.dir, "e"), 0); // 7/4 = 1, then one further down
  assert.is(size(r.dir, "g"), 7);
  assert.is(size(r.dir, "z"), 0);
});

test("-r copies a size; -c creates nothing; missing directories are skipped silently", () => {
  const r = sh("printf 1234567 > ref; truncate -r ref f; truncate -c -s 5 nope; truncate -s 1 nodir/x; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.is(r.err, "");
  assert.is(size(r.dir, "f"), 7);
  assert.not.ok(fs.existsSync(path.join(r.dir, "nope")));
  const e = run("truncate", ["-r", "missing", "f"]);
  assert.is(e.status, 1);
  assert.is(e.err, "truncate: missing: No such file or directory\n");
});

test("-d punches a hole and keeps the size", () => {
  const r = sh("head -c 16384 /dev/zero | tr '\\0' x > f; truncate -d -o 4k -l 4k f; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  const b = fs.readFileSync(path.join(r.dir, "f"));
  assert.is(b.length, 16384);
  assert.is(b[4095], 0x78);
  assert.ok(b.subarray(4096, 8192).every((v) => v === 0));
  assert.is(b[8192], 0x78);
});

test("errors: bad sizes exit at once; other failures go on", () => {
  for (const [o, a, m] of [["-s", "abc", "size"], ["-s", "%0", "size"], ["-s", "+-1", "size"], ["-o", "-1", "offset"], ["-l", "0", "length"]]) {
    const r = run("truncate", [o!, a!, "-s", "1", "f"]);
    assert.is(r.status, 1, a);
    assert.is(r.err, `truncate: invalid ${m} argument \`${a}'\n`);
  }
  const r = sh("mkdir d; truncate -s 0 d f; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "truncate: d: Is a directory\n");
  assert.ok(fs.existsSync(path.join(r.dir, "f")));
});

test("usage: exactly one of -s -r -d, -d needs -l", () => {
  for (const a of [["f"], ["-s", "1"], ["-s", "1", "-r", "f", "f"], ["-d", "f"], ["-d", "-s", "1", "-l", "1", "f"]]) {
    const r = run("truncate", a);
    assert.is(r.status, 1, a.join(" "));
    assert.is(r.err, USAGE);
  }
});

test.run();
