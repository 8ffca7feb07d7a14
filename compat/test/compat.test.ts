// compat unit tests: run in-process under bun (compat is the runtime layer).
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { utimes, lutimes, lstat, stat, symlink, readdir, open, close, O, strerror, SysError, decode, encode, umask } from "../src/index";

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

test.run();
