import { test } from "uvu";
import * as assert from "uvu/assert";
import { mbPrefix, WideIn, WEOF } from "../src/wstdio";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { open, O } from "@bsdbox/compat";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wstdio-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function pipeFd(data: Uint8Array): number {
  const f = path.join(dir, String(n++));
  fs.writeFileSync(f, data);
  return open(f, O.RDONLY);
}

const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

test("mbPrefix: how much of an invalid sequence musl's mbrtowc accepts", () => {
  assert.is(mbPrefix(b("\xff"), 0, 1), 0);
  assert.is(mbPrefix(b("\x80"), 0, 1), 0);
  assert.is(mbPrefix(b("\xc0\x80"), 0, 2), 0);
  assert.is(mbPrefix(b("\xc3a"), 0, 2), 1);
  assert.is(mbPrefix(b("\xe0\x80\x80"), 0, 3), 1); // overlong
  assert.is(mbPrefix(b("\xed\xa0\x80"), 0, 3), 1); // surrogate
  assert.is(mbPrefix(b("\xe2\x82"), 0, 2), 2); // cut off by the end
  assert.is(mbPrefix(b("\xf4\x90"), 0, 2), 1); // above U+10FFFF
});

test("WideIn: getwc and take follow musl's fgetwc", () => {
  const w = new WideIn(pipeFd(b("a\xc3\xa9\xffb\xc3x\n\xe2\x82")), true);
  assert.is(w.getwc(), 0x61);
  assert.is(w.getwc(), 0xe9);
  assert.equal([...w.bytes()], [0xc3, 0xa9]);
  assert.is(w.getwc(), WEOF); // \xff consumed, no error
  assert.is(w.ferr, false);
  assert.is(w.getwc(), 0x62);
  assert.is(w.getwc(), WEOF); // \xc3 consumed, 'x' left, error flag
  assert.is(w.ferr, true);
  const t = w.take();
  assert.equal([...t.seg], [0x78]);
  assert.is(t.term, 10);
  const v = new WideIn(pipeFd(b("z\xe2\x82")), true);
  assert.is(v.getwc(), 0x7a);
  assert.is(v.getwc(), WEOF); // cut off at the end of input: an error too
  assert.is(v.ferr, true);
  assert.is(v.getwc(), WEOF);
});

test("WideIn: the C locale has no invalid bytes", () => {
  const w = new WideIn(pipeFd(b("\xff\n")), false);
  const t = w.take();
  assert.equal([...t.seg], [0xff]);
  assert.is(t.term, 10);
  assert.equal(w.take().term, WEOF);
});

test.run();
