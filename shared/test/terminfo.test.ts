import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readTerminfo, terminfoExists, terminfoDirs, tparm, stripDelays } from "../src/terminfo";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "terminfo."));

/** A compiled entry: magic, names, flags, numbers and strings by index. */
function entry(magic: number, names: string, flags: number[], nums: number[], strs: Record<number, string>): Buffer {
  const nm = Buffer.from(names + "\0", "latin1");
  const nbool = Math.max(0, ...flags.map((f) => f + 1));
  const bools = Buffer.alloc(nbool);
  for (const f of flags) bools[f] = 1;
  const nsize = magic === 0o432 ? 2 : 4;
  const numb = Buffer.alloc(nums.length * nsize);
  nums.forEach((v, i) => (nsize === 2 ? numb.writeInt16LE(v, i * 2) : numb.writeInt32LE(v, i * 4)));
  const nstr = Math.max(0, ...Object.keys(strs).map((k) => +k + 1));
  const offs = Buffer.alloc(nstr * 2, 0xff);
  let table = Buffer.alloc(0);
  for (const [k, v] of Object.entries(strs)) {
    offs.writeInt16LE(table.length, +k * 2);
    table = Buffer.concat([table, Buffer.from(v + "\0", "latin1")]);
  }
  const head = Buffer.alloc(12);
  for (const [i, v] of [magic, nm.length, nbool, nums.length, nstr, table.length].entries()) head.writeUInt16LE(v, i * 2);
  const pad = Buffer.alloc((12 + nm.length + nbool) & 1);
  return Buffer.concat([head, nm, bools, pad, numb, offs, table]);
}

function put(sub: string, name: string, data: Buffer) {
  fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, sub, name), data);
}
put("t", "tst", entry(0o432, "tst|a test", [1, 15], [80, -1, 24], { 36: "\x1b[4m", 44: "\x1b[24m", 359: "\x1b[3%p1%dm" }));
put("77", "wide", entry(0o1036, "wide", [], [100000], { 0: "x" }));
put("b", "bad", Buffer.from("not terminfo at all"));
fs.mkdirSync(path.join(dir, "d", "dir"), { recursive: true });

const env = new Map([["TERMINFO", dir]]);

test("reads names, flags, numbers and strings by index", () => {
  const t = readTerminfo(env, "tst")!;
  assert.is(t.names, "tst|a test");
  assert.ok(t.flag(1) && t.flag(15) && !t.flag(0) && !t.flag(200));
  assert.is(t.num(0), 80);
  assert.is(t.num(1), -1);
  assert.is(t.num(2), 24);
  assert.is(t.num(99), -1);
  assert.is(t.str(36), "\x1b[4m");
  assert.is(t.str(44), "\x1b[24m");
  assert.is(t.str(35), undefined);
  assert.is(t.str(1000), undefined);
});

test("32-bit numbers and hex subdirectories", () => {
  const t = readTerminfo(env, "wide")!;
  assert.is(t.num(0), 100000);
  assert.is(t.str(0), "x");
});

test("missing, malformed, directory entries and bad names", () => {
  assert.is(readTerminfo(env, "nosuch"), undefined);
  assert.is(readTerminfo(env, "bad"), undefined);
  assert.is(readTerminfo(env, "dir"), undefined);
  assert.is(readTerminfo(env, ""), undefined);
  assert.is(readTerminfo(env, "t/tst"), undefined);
  assert.ok(terminfoExists(env, "bad"));
  assert.ok(!terminfoExists(env, "dir"));
  assert.ok(!terminfoExists(env, "nosuch"));
});

test("search order", () => {
  const e = new Map([["TERMINFO", "/a"], ["HOME", "/h"], ["TERMINFO_DIRS", "/x::/y"]]);
  assert.equal(terminfoDirs(e), ["/a", "/h/.terminfo", "/x", "/y", "/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]);
});

test("tparm and padding", () => {
  assert.is(tparm(readTerminfo(env, "tst")!.str(359)!, 5), "\x1b[35m");
  assert.is(tparm("%?%p1%{8}%<%t3%p1%d%e9%p1%{8}%-%d%;", 12), "94");
  assert.is(stripDelays("a$<5>b$<2*/>c"), "abc");
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
