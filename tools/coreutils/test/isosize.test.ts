import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

/** A synthetic image: just the primary volume descriptor fields isosize reads. */
function iso(sectors: number, blockSize: number): Uint8Array {
  const b = new Uint8Array(0x8800);
  b.set([1, 0x43, 0x44, 0x30, 0x30, 0x31, 1], 0x8000); // type 1, "CD001", version 1
  const v = new DataView(b.buffer);
  v.setUint32(0x8050, sectors, true); // volume space size, both-endian
  v.setUint32(0x8054, sectors, false);
  v.setUint16(0x8080, blockSize, true); // logical block size, both-endian
  v.setUint16(0x8082, blockSize, false);
  return b;
}
const files = { "a.iso": iso(1234, 2048), "b.iso": iso(10, 512), "z": new Uint8Array(40000) };

test("size in bytes, -x sectors, -d divisor", () => {
  const r = run("isosize", ["a.iso"], { files });
  assert.is(r.status, 0);
  assert.is(r.out, "2527232\n");
  assert.is(run("isosize", ["-x", "a.iso"], { files }).out, "sector count: 1234, sector size: 2048\n");
  assert.is(run("isosize", ["-d", "2048", "a.iso"], { files }).out, "1234\n");
  assert.is(run("isosize", ["--divisor=1000", "a.iso"], { files }).out, "2527\n");
});

test("several images: name prefixes; 64 when some fail, 32 when all do", () => {
  const r = run("isosize", ["a.iso", "b.iso"], { files });
  assert.is(r.out, "a.iso: 2527232\nb.iso: 5120\n");
  const some = run("isosize", ["a.iso", "z", "nofile"], { files });
  assert.is(some.status, 64);
  assert.is(some.out, "a.iso: 2527232\n");
  assert.is(some.err, "isosize: z: not an ISO9660 filesystem\nisosize: nofile: open: No such file or directory\n");
  const all = run("isosize", ["z"], { files });
  assert.is(all.status, 32);
  assert.is(all.out, "");
});

test("usage errors", () => {
  const n = run("isosize");
  assert.is(n.status, 1);
  assert.is(n.err, "isosize: no device specified\nTry 'isosize --help' for more information.\n");
  const d = run("isosize", ["-d", "0", "a.iso"], { files });
  assert.is(d.status, 1);
  assert.is(d.err, "isosize: invalid divisor argument\n");
  assert.is(run("isosize", ["-d", "2x", "a.iso"], { files }).status, 1);
});

test.run();
