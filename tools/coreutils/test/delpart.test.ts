import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

// the real partition round trip (addpart, resizepart, delpart on a loop device) is in
// addpart.test.ts
test("usage and argument errors", () => {
  const u = run("delpart", ["/dev/null"]);
  assert.is(u.status, 1);
  assert.is(u.err, "usage: delpart disk_device part_number\n");
  assert.is(run("delpart", ["/nonexistent", "1"]).err, "delpart: open: No such file or directory\n");
  assert.is(run("delpart", ["/dev/null", "1x"]).err, "delpart: invalid partition number\n");
  assert.is(run("delpart", ["/dev/null", "2147483648"]).err, "delpart: invalid partition number\n");
  const r = run("delpart", ["/dev/null", "1"]);
  assert.is(r.status, 1);
  assert.is(r.err, "delpart: ioctl: Not a tty\n");
});

test.run();
