import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { run, tmpdir } from "@bsdbox/posix-tests";

test("usage and argument errors", () => {
  const u = run("addpart", ["/dev/null", "1", "2"]);
  assert.is(u.status, 1);
  assert.is(u.err, "usage: addpart disk_device part_number start length\n");
  const o = run("addpart", ["/nonexistent", "1", "2", "3"]);
  assert.is(o.status, 1);
  assert.is(o.err, "addpart: open: No such file or directory\n");
  const cases: [string[], string][] = [
    [["/dev/null", "x", "1", "1"], "addpart: invalid partition number\n"],
    [["/dev/null", "1", "-1", "1"], "addpart: invalid start argument\n"],
    [["/dev/null", "1", "1", "36028797018963968"], "addpart: invalid length argument\n"],
    [["/dev/null", "1", "2048", "4096"], "addpart: ioctl: Not a tty\n"],
  ];
  for (const [args, msg] of cases) {
    const r = run("addpart", args);
    assert.is(r.status, 1, args.join(" "));
    assert.is(r.err, msg);
  }
});

// A real disk: a loop device made for this test (partition scanning on, so BLKPG may add
// partitions), always detached at the end.
const LOSETUP = ["/usr/sbin/losetup", "/sbin/losetup", "/usr/bin/losetup"].find((p) => fs.existsSync(p));
test("addpart, resizepart, delpart on a loop device", () => {
  if (process.getuid?.() !== 0) return console.log("  (skipped: loop devices need root)");
  if (!fs.existsSync("/dev/loop-control")) return console.log("  (skipped: no /dev/loop-control)");
  if (!LOSETUP) return console.log("  (skipped: no losetup)");
  const img = path.join(tmpdir(), "disk.img");
  fs.writeFileSync(img, "");
  fs.truncateSync(img, 32 << 20);
  const l = spawnSync(LOSETUP, ["-f", "--show", "-P", img], { encoding: "utf8" });
  const dev = l.stdout.trim();
  if (l.status !== 0 || !dev.startsWith("/dev/loop")) return console.log(`  (skipped: losetup failed: ${l.stderr.trim()})`);
  try {
    const name = path.basename(dev);
    const part = `/sys/block/${name}/${name}p1`;
    const add = run("addpart", [dev, "1", "2048", "4096"]);
    assert.is(add.err, "");
    assert.is(add.status, 0);
    assert.is(fs.readFileSync(`${part}/start`, "utf8").trim(), "2048");
    assert.is(fs.readFileSync(`${part}/size`, "utf8").trim(), "4096");
    const again = run("addpart", [dev, "1", "2048", "4096"]);
    assert.is(again.status, 1);
    assert.is(again.err, "addpart: ioctl: Resource busy\n");
    const rs = run("resizepart", [dev, "1", "8192"]);
    assert.is(rs.err, "");
    assert.is(rs.status, 0);
    assert.is(fs.readFileSync(`${part}/size`, "utf8").trim(), "8192");
    assert.is(fs.readFileSync(`${part}/start`, "utf8").trim(), "2048");
    const del = run("delpart", [dev, "1"]);
    assert.is(del.err, "");
    assert.is(del.status, 0);
    assert.not.ok(fs.existsSync(part));
    const gone = run("delpart", [dev, "1"]);
    assert.is(gone.status, 1);
    assert.is(gone.err, "delpart: ioctl: No such device or address\n");
    const nr = run("resizepart", [dev, "1", "10"]);
    assert.is(nr.status, 1);
    assert.is(nr.err, `resizepart: ${dev}: could not get start for part num 1\n`);
  } finally {
    spawnSync(LOSETUP, ["-d", dev]);
  }
});

test.run();
