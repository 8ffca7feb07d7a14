// pivot_root: inside `unshare -mr` only (a private mount namespace).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ok = spawnSync("unshare", ["-mr", "true"]).status === 0;

test("usage: exactly two operands, status 1", () => {
  for (const args of [[], ["a"], ["a", "b", "c"]]) {
    const r = run("pivot_root", args);
    assert.is(r.status, 1);
    assert.is(r.err, "usage: pivot_root new_root put_old\n");
  }
});

test("a failing pivot_root(2): the call and strerror, status 1", () => {
  if (!ok) return console.log("SKIP pivot_root: unshare -mr is not available here"), assert.ok(true);
  const r = sh(`exec unshare -mr sh -c 'mkdir n; pivot_root /nonexistent n; echo "st=$?"; pivot_root n n; echo "st=$?"'`);
  assert.is(r.out, "st=1\nst=1\n");
  assert.is(r.err, "pivot_root: pivot_root(/nonexistent, n): No such file or directory\n" +
    "pivot_root: pivot_root(n, n): Invalid argument\n");
});

test("the new root becomes /, the old one is under put_old and can be detached", () => {
  if (!ok) return console.log("SKIP pivot_root: unshare -mr is not available here"), assert.ok(true);
  const exe = fs.realpathSync(path.join(implDir(), "pivot_root"));
  const script = `
    mkdir r && mount -t tmpfs newroot r && cd r && mkdir old usr proc bb || exit 9
    mount --bind /usr usr && mount --rbind /proc proc && mount --bind ${path.dirname(exe)} bb || exit 9
    ln -s usr/bin bin; ln -s usr/lib lib; ln -s usr/lib64 lib64; echo here > marker
    pivot_root . old; echo "st=$?"; cd /; X=/bb/${path.basename(exe)}
    cat /marker; test -d /old/proc && echo old-visible
    $X mount | grep -c " on /old"; $X umount -l /old; echo "st=$?"; $X mount | head -n 1; $X mount | grep -c " on /old"`;
  const r = sh(`exec unshare -mr sh -c '${script.replace(/'/g, `'\\''`)}'`);
  assert.is(r.err, "");
  const l = r.out.split("\n");
  assert.is(l.slice(0, 3).join("\n"), "st=0\nhere\nold-visible");
  assert.ok(Number(l[3]) >= 1, l[3]);
  assert.is(l.slice(4).join("\n"), "st=0\nnewroot on / type tmpfs (rw,relatime)\n0\n");
});

test.run();
