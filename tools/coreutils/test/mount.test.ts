// mount: every case that mounts runs inside `unshare -mr` (a private mount namespace in a user
// namespace): nothing reaches the host's mount table.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

const ok = spawnSync("unshare", ["-mr", "true"]).status === 0;
const DMESG = "       dmesg(1) may have more information after failed mount system call.\n";

/** Run a script in a fresh private mount namespace (cwd: a temp dir); `D` is its real path. */
function ns(script: string) {
  return sh(`D=$(pwd -P); export D; exec unshare -mr sh -c '${script.replace(/'/g, `'\\''`)}'`);
}
const skip = (name: string) => console.log(`SKIP mount: ${name}: unshare -mr is not available here`);

test("usage errors: status 1, no mount made", () => {
  for (const args of [["a", "b", "c"], ["-x"], ["-o", "ro"]]) {
    const r = run("mount", args);
    assert.is(r.status, 1, args.join(" "));
    assert.match(r.err, /usage: mount /);
  }
});

test("issue 10: tmpfs, bind, read-only remount, listing, unmount — with bsdbox alone", () => {
  if (!ok) return skip("done-when"), assert.ok(true);
  const r = ns(`
    mkdir m && mount -t tmpfs -o size=1m,mode=750 tfs m || exit 9
    mkdir m/src m/dst && echo data > m/src/f
    mount --bind m/src m/dst && mount -o remount,ro,bind m/dst || exit 8
    if echo more > m/dst/g; then echo WRITE-SUCCEEDED; fi
    echo more > m/src/g && cat m/dst/f m/dst/g
    mount -t tmpfs | grep "$D/"
    umount m/dst && umount m || exit 7
    mount | grep -c "$D/" ; true`);
  assert.is(r.status, 0, r.err);
  assert.match(r.err, /Read-only file system/);
  const lines = r.out.split("\n");
  assert.is(lines[0], "data");
  assert.is(lines[1], "more");
  const d = fs.realpathSync(r.dir);
  assert.match(lines[2]!, new RegExp(`^tfs on ${d}/m type tmpfs \\(rw,.*size=1024k,mode=750\\)$`));
  assert.match(lines[3]!, new RegExp(`^tfs on ${d}/m/dst type tmpfs \\(ro,.*size=1024k,mode=750\\)$`));
  assert.is(lines[4], "0");
});

test("listing: -t filters (and 'no' negates), control characters as ?, ro from the super block", () => {
  if (!ok) return skip("listing"), assert.ok(true);
  const r = ns(`
    mkdir "a b" "c	d" e
    mount -t ramfs "my src" "a b" && mount -t ramfs x "c	d" && mount -t tmpfs -o ro,nosuid,sync t e || exit 9
    mount -t ramfs; echo ---; mount -t notmpfs,proc | grep -c "type tmpfs"; mount -l -t tmpfs | grep "$D/e"; mount -t bogusfs; echo "st=$?"`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, `my src on ${d}/a b type ramfs (rw,relatime)\nx on ${d}/c?d type ramfs (rw,relatime)\n---\n0\n` +
    `t on ${d}/e type tmpfs (ro,nosuid,relatime,sync)\nst=0\n`);
});

test("-v messages: mounted, bound, moved, remounted, propagation", () => {
  if (!ok) return skip("-v"), assert.ok(true);
  const r = ns(`
    mkdir a b c e && cd a && mount -v -t tmpfs t . && cd .. || exit 9
    mount -v --bind a b; mount -v --move b c; mount -v -o remount,ro c; mount -v -o remount,bind,rw c
    mount -v --make-private e 2>&1; mount -v --bind e e && mount -v --make-shared e && grep -c "shared:" /proc/self/mountinfo`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, [
    `mount: t mounted on ${d}/a.`, `mount: ${d}/a bound on ${d}/b.`, `mount: ${d}/b moved to ${d}/c.`,
    `mount: t mounted on ${d}/c.`, `mount: t bound on ${d}/c.`,
    `mount: ${d}/e: not mount point or bad option.`, DMESG.trimEnd(),
    `mount: ${d}/e bound on ${d}/e.`, `mount: ${d}/e propagation flags changed.`, "1", "",
  ].join("\n"));
});

test("a remount keeps the flags it is not told to change; bind -o ro is bind then remount", () => {
  if (!ok) return skip("remount"), assert.ok(true);
  const r = ns(`
    mkdir m b && mount -t tmpfs -o nosuid,nodev,noexec,noatime t m || exit 9
    mount -o remount,ro m && grep " $D/m " /proc/self/mountinfo | cut -d" " -f6
    mount -o remount,rw,exec m && grep " $D/m " /proc/self/mountinfo | cut -d" " -f6
    mount --bind -o ro,nosuid m b && grep " $D/b " /proc/self/mountinfo | cut -d" " -f6
    touch b/x; touch m/y && echo writable`);
  assert.is(r.out, "ro,nosuid,nodev,noexec,noatime\nrw,nosuid,nodev,noatime\nro,nosuid,nodev,noatime\nwritable\n", r.err);
  assert.match(r.err, /b\/x.*Read-only file system/);
});

test("--rbind brings submounts, --bind does not", () => {
  if (!ok) return skip("rbind"), assert.ok(true);
  const r = ns(`
    mkdir -p s r b && mount -t tmpfs s1 s && mkdir s/sub && mount -t ramfs s2 s/sub && touch s/sub/in || exit 9
    mount --rbind s r && mount -B s b && ls r/sub; ls b/sub; echo end`);
  assert.is(r.out, "in\nend\n", r.err);
});

test("failures: util-linux messages, status 32 (mount(2)) or 1 (fstab, tags)", () => {
  if (!ok) return skip("failures"), assert.ok(true);
  const r = ns(`
    touch f; mkdir m
    mount -t tmpfs t nodir; echo "st=$?"; mount -t tmpfs t f; echo "st=$?"
    mount -t no_such_fs_x t m; echo "st=$?"; mount -t tmpfs -o size=bogus t m; echo "st=$?"
    mount --bind nothere m; echo "st=$?"; mount -o remount m; echo "st=$?"
    mount -T ./fstab m; echo "st=$?"; mount -t tmpfs LABEL=bsdbox-no-such-label m; echo "st=$?"`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, "st=32\nst=32\nst=32\nst=32\nst=32\nst=32\nst=1\nst=1\n");
  assert.is(r.err, [
    `mount: nodir: mount point does not exist.\n${DMESG}`,
    `mount: ${d}/f: mount point is not a directory.\n${DMESG}`,
    `mount: ${d}/m: unknown filesystem type 'no_such_fs_x'.\n${DMESG}`,
    `mount: ${d}/m: wrong fs type, bad option, bad superblock on t, missing codepage or helper program, or other error.\n${DMESG}`,
    `mount: ${d}/m: special device nothere does not exist.\n${DMESG}`,
    `mount: ${d}/m: mount point not mounted or bad option.\n${DMESG}`,
    `mount: m: can't find in ./fstab.\n`,
    `mount: ${d}/m: can't find LABEL=bsdbox-no-such-label.\n`,
  ].join(""));
});

test("-a mounts fstab entries once, skips noauto, filters -t/-O; DIR or SRC alone from fstab", () => {
  if (!ok) return skip("-a"), assert.ok(true);
  const r = ns(`
    mkdir a b c d e
    printf "# comment\\n\\nt1 $D/a tmpfs size=2m,x-gvfs-show,nofail 0 0\\nt2 $D/b ramfs noauto 0 0\\n$D/a $D/c none bind,ro\\nt4 $D/no\\\\\\\\040dir tmpfs defaults 0 0\\nt5 $D/d ramfs rw,user\\n" > fstab
    mount -a -v -T fstab; echo "st=$?"
    mount -a -v -T fstab -t tmpfs,none; echo "st=$?"
    mount -T fstab -v t2; mount -T fstab -v "$D/e" 2>&1; echo "st=$?"
    grep " $D/" /proc/self/mountinfo | cut -d" " -f5,6,8,9,10 | sed "s#$D#D#g"
    umount a c d b
    mount -a -f -v -O no_netdev,size=2m -T fstab; echo "st=$?"`);
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, [
    `${d}/a`.padEnd(25) + ": successfully mounted",
    `${d}/c`.padEnd(25) + ": successfully mounted",
    `${d}/d`.padEnd(25) + ": successfully mounted",
    "st=64",
    `${d}/a`.padEnd(25) + ": already mounted",
    `${d}/c`.padEnd(25) + ": already mounted",
    "st=32",
    `mount: t2 mounted on ${d}/b.`,
    `mount: ${d}/e: can't find in fstab.`,
    "st=1",
    "D/a rw,relatime tmpfs t1 rw,size=2048k",
    "D/c ro,relatime tmpfs t1 rw,size=2048k",
    "D/d rw,relatime ramfs t5 rw",
    "D/b rw,relatime ramfs t2 rw",
    `${d}/a`.padEnd(25) + ": successfully mounted",
    "st=0", "",
  ].join("\n"));
  assert.is(r.err, `mount: ${d}/no dir: mount point does not exist.\n${DMESG}`.repeat(2));
});

test.run();
