// umount: every case that unmounts runs inside `unshare -mr` (a private mount namespace).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

const ok = spawnSync("unshare", ["-mr", "true"]).status === 0;
function ns(script: string) {
  return sh(`D=$(pwd -P); export D; exec unshare -mr sh -c '${script.replace(/'/g, `'\\''`)}'`);
}
const skip = (name: string) => console.log(`SKIP umount: ${name}: unshare -mr is not available here`);

test("usage errors: status 1", () => {
  for (const args of [[], ["-a", "x"], ["-x", "y"]]) {
    const r = run("umount", args);
    assert.is(r.status, 1, args.join(" "));
    assert.match(r.err, /usage: umount /);
  }
});

test("by mount point or by source; -v; not mounted / no mount point: status 32", () => {
  if (!ok) return skip("basic"), assert.ok(true);
  const r = ns(`
    mkdir a b c && mount -t tmpfs ta a && mount -t ramfs srcb b || exit 9
    umount -v a; echo "st=$?"; umount -v srcb; echo "st=$?"; umount c; echo "st=$?"; umount nowhere; echo "st=$?"
    umount -v a c; echo "st=$?"; grep -c " $D/" /proc/self/mountinfo`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, `umount: ${d}/a unmounted\nst=0\numount: ${d}/b (srcb) unmounted\nst=0\nst=32\nst=32\nst=32\n0\n`);
  assert.is(r.err, `umount: ${d}/c: not mounted.\numount: nowhere: no mount point specified.\n` +
    `umount: ${d}/a: not mounted.\numount: ${d}/c: not mounted.\n`);
});

test("busy: 'target is busy.' (32); -l detaches it anyway", () => {
  if (!ok) return skip("busy"), assert.ok(true);
  const r = ns(`
    mkdir m && mount -t tmpfs t m || exit 9
    (cd m && sleep 3) & sleep 0.5
    umount m; echo "st=$?"; umount -l m; echo "st=$?"; grep -c " $D/m " /proc/self/mountinfo; wait`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, "st=32\nst=0\n0\n");
  assert.is(r.err, `umount: ${d}/m: target is busy.\n`);
});

test("-R unmounts the submounts first, deepest first", () => {
  if (!ok) return skip("-R"), assert.ok(true);
  const r = ns(`
    mkdir t && mount -t tmpfs top t && mkdir t/a t/b && mount -t tmpfs a t/a && mkdir t/a/x &&
      mount -t ramfs x t/a/x && mount -t ramfs b t/b || exit 9
    umount -R -v t; echo "st=$?"; grep -c " $D/" /proc/self/mountinfo; umount -R t; echo "st=$?"`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, `umount: ${d}/t/b unmounted\numount: ${d}/t/a/x unmounted\numount: ${d}/t/a unmounted\n` +
    `umount: ${d}/t unmounted\nst=0\n0\nst=32\n`);
  assert.is(r.err, `umount: ${d}/t: not mounted.\n`);
});

test("-a -t: every mount of those types, last mounted first", () => {
  if (!ok) return skip("-a"), assert.ok(true);
  const r = ns(`
    mkdir a b c && mount -t ramfs ra a && mount -t ramfs rb b && mount -t tmpfs tc c || exit 9
    umount -a -v -t ramfs; echo "st=$?"; grep " $D/" /proc/self/mountinfo | cut -d" " -f5`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, `umount: ${d}/b unmounted\numount: ${d}/a unmounted\nst=0\n${d}/c\n`);
});

test.run();
