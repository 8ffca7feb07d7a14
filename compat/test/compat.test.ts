// compat unit tests: run in-process under bun (compat is the runtime layer).
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { utimes, lutimes, lstat, stat, symlink, readdir, open, close, O, strerror, SysError, decode, encode, umask } from "../src/index";
import { FFI_TYPES, ffi } from "../src/rt";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compat-t."));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

test("utimes sets exact nanoseconds, also just before the epoch; omit keeps a time; lutimes acts on the link", () => {
  const f = path.join(dir, "f");
  fs.writeFileSync(f, "x");
  utimes(f, 1700000000123456789n, 1600000000987654321n);
  let st = stat(f);
  assert.is(st.atimeNs, 1700000000123456789n);
  assert.is(st.mtimeNs, 1600000000987654321n);
  utimes(f, "omit", -1500000000n);
  st = stat(f);
  assert.is(st.atimeNs, 1700000000123456789n);
  assert.is(st.mtimeNs, -1500000000n);
  utimes(f, -2n, -1n);
  st = stat(f);
  assert.is(st.atimeNs, -2n);
  assert.is(st.mtimeNs, -1n);
  const l = path.join(dir, "l");
  symlink("f", l);
  lutimes(l, 5n, 7n);
  assert.is(lstat(l).mtimeNs, 7n);
  assert.is(stat(l).mtimeNs, -1n);
});

test("names with invalid UTF-8 round-trip through readdir/open", () => {
  const raw = Buffer.from([0x66, 0xff, 0x80]);
  fs.writeFileSync(Buffer.concat([Buffer.from(dir + "/"), raw]), "y");
  const names = readdir(dir);
  const n = names.find((x) => x.startsWith("f") && x.length === 3)!;
  assert.equal(Buffer.from(encode(n)), raw);
  close(open(`${dir}/${n}`, O.RDONLY));
  assert.is(decode(raw), n);
});

test("errors carry musl texts", () => {
  try {
    open(`${dir}/missing`, O.RDONLY);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, SysError);
    assert.is((e as SysError).message, "No such file or directory");
  }
  assert.is(strerror(40), "Symbolic link loop");
  assert.is(strerror(25), "Not a tty");
});

test("umask query leaves the mask unchanged", () => {
  const m = umask();
  assert.is(umask(), m);
});

test("compat's FFI type codes are bun:ffi's", () => {
  const { FFIType } = require("bun:ffi") as { FFIType: Record<string, number> };
  for (const [k, v] of Object.entries(FFI_TYPES)) assert.is(v, FFIType[k], k);
  // the runtime's native FFI object is what compat uses (else it falls back to bun:ffi itself)
  assert.is(ffi().FFIType as unknown, FFI_TYPES);
});

test("integer arguments and results cross the FFI intact at their limits", () => {
  const { dlopen, FFIType: T, ptr } = ffi();
  const c = dlopen("libc.so.6", {
    abs: { args: [T.i32], returns: T.i32 },
    htonl: { args: [T.u32], returns: T.u32 },
    ntohs: { args: [T.u16], returns: T.u16 },
    labs: { args: [T.i64], returns: T.i64 },
    llabs: { args: [T.i64_fast], returns: T.i64_fast },
    strnlen: { args: [T.ptr, T.u64], returns: T.u64 },
    memchr: { args: [T.ptr, T.i32, T.u64], returns: T.ptr },
  }).symbols;
  assert.is(c.abs(-2147483647), 2147483647);
  assert.is(c.abs(new Float64Array([-5])[0]!), 5);
  assert.is(c.htonl(0x80000001), 0x01000080);
  assert.is(c.htonl(0xffffff00), 0x00ffffff);
  assert.is(c.ntohs(0xff01), 0x01ff);
  assert.is(c.labs(-(2 ** 40) - 3), 2n ** 40n + 3n);
  assert.is(c.labs(-(2n ** 62n)), 2n ** 62n);
  assert.is(c.llabs(-(2 ** 40) - 3), 2 ** 40 + 3);
  const b = new Uint8Array(2 ** 20 + 10).fill(65);
  b[2 ** 20 + 5] = 0;
  assert.is(Number(c.strnlen(b, 2 ** 33)), 2 ** 20 + 5);
  assert.is(Number(c.strnlen(ptr(b), 7)), 7);
  b[300] = 66;
  assert.is(c.memchr(b, 66, b.length), ptr(b) + 300);
  assert.is(c.memchr(ptr(b, 301), 66, 100), null);
});

test.run();
