// switch_root: the usage and "not PID 1" errors directly; the real switch as PID 1 of a new PID
// namespace (unshare -mrpf), from a tmpfs "initramfs" whose only links to the host's files are
// read-only bind mounts (checked before the switch), so emptying the old root cannot reach them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ok = spawnSync("unshare", ["-mrpf", "--mount-proc", "true"]).status === 0;

test("usage: fewer than two operands, status 1", () => {
  for (const args of [[], ["/"]]) {
    const r = run("switch_root", args);
    assert.is(r.status, 1);
    assert.is(r.err, "usage: switch_root new_root init [init_args]...\n");
  }
});

test("not PID 1: an error, nothing moved", () => {
  const r = run("switch_root", ["/nonexistent", "/sbin/init"]);
  assert.is(r.status, 1);
  assert.is(r.err, "switch_root: not run as PID 1\n");
});

test("as PID 1: /proc and /dev move, the new root is /, the old tmpfs root is emptied, init runs", () => {
  if (!ok) {
    console.log("SKIP switch_root: as PID 1: unshare -mrpf --mount-proc is not available here");
    assert.ok(true);
    return;
  }
  const exe = fs.realpathSync(path.join(implDir(), "switch_root"));
  const script = `
    set -e
    mkdir ir && mount -t tmpfs ir ir && cd ir
    mkdir new proc usr bb dev junk junk/deep
    mount -t tmpfs nr new
    mkdir new/usr new/proc new/dev new/oldview
    ln -s usr/bin new/bin; ln -s usr/lib new/lib; ln -s usr/lib64 new/lib64; echo marker > new/marker
    for d in usr new/usr; do mount --bind /usr $d; mount -o remount,bind,ro $d; done
    mount --bind ${path.dirname(exe)} bb; mount -o remount,bind,ro bb
    if touch usr/.probe 2>/dev/null || touch new/usr/.probe 2>/dev/null || touch bb/.probe 2>/dev/null; then
      echo "a bind mount is writable: not switching"; exit 9
    fi
    ln -s usr/bin bin; ln -s usr/lib lib; ln -s usr/lib64 lib64
    mount -t proc proc proc
    mount -t tmpfs devt dev; touch dev/null; mount --bind /dev/null dev/null
    echo x > junk/deep/f; ln -s /usr junklink; mkfifo fifo; touch .hidden
    mount --bind . new/oldview
    set +e
    exec chroot . /bb/${path.basename(exe)} switch_root /new /bin/sh -c 'echo "pid=$$ cwd=$(pwd)"; ls -A /oldview; cat /marker
      test -r /proc/self/stat && echo proc; test -e /dev/null && echo dev
      grep -c " /proc \\| /dev " /proc/self/mountinfo; exit 7'`;
  const r = sh(`exec unshare -mrpf --mount-proc sh -c '${script.replace(/'/g, `'\\''`)}'`);
  assert.is(r.err, "");
  assert.is(r.out, "pid=1 cwd=/\nbb\nusr\nmarker\nproc\ndev\n2\n");
  assert.is(r.status, 7);
});

test.run();
