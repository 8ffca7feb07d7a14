import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

// the real partition round trip (addpart, resizepart, delpart on a loop device) is in
// addpart.test.ts
test("usage and argument errors", () => {
  const u = run("resizepart", ["/dev/null", "1"]);
  assert.is(u.status, 1);
  assert.is(u.err, "usage: resizepart disk_device part_number length\n");
  assert.is(run("resizepart", ["/nonexistent", "1", "1"]).err, "resizepart: open: No such file or directory\n");
  assert.is(run("resizepart", ["/dev/null", "x", "1"]).err, "resizepart: invalid partition number\n");
  assert.is(run("resizepart", ["/dev/null", "1", "-5"]).err, "resizepart: invalid length argument\n");
  // not a block device: no partition start to find
  const r = run("resizepart", ["/dev/null", "1", "100"]);
  assert.is(r.status, 1);
  assert.is(r.err, "resizepart: /dev/null: could not get start for part num 1\n");
});

test.run();
