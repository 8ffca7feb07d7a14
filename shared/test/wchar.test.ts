import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { open, close, O } from "@bsdbox/compat";
import { WideReader, WEOF, putw, wcLen, mbrtowc } from "../src/wchar";
import { Writer } from "../src/io";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wchar."));
let n = 0;
/** Every get() until WEOF, then the flags. */
function readAll(bytes: number[], utf8 = true) {
  const f = path.join(dir, `f${n++}`);
  fs.writeFileSync(f, Uint8Array.from(bytes));
  const fd = open(f, O.RDONLY);
  const r = new WideReader(fd, utf8);
  const got: number[] = [];
  for (let c; (c = r.get()) !== WEOF; ) got.push(c);
  const flags = { eof: r.eof, error: r.error, errno: r.errno };
  const rest: number[] = [];
  for (let c; (c = r.get()) !== WEOF; ) rest.push(c);
  close(fd);
  return { got, ...flags, rest };
}

test("valid UTF-8 decodes to code points", () => {
  const r = readAll([0x61, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xf0, 0x9f, 0x98, 0x80, 10]);
  assert.equal(r.got, [0x61, 0xe9, 0x65e5, 0x1f600, 10]);
  assert.ok(r.eof);
  assert.not.ok(r.error);
});

test("an invalid first byte is WEOF without error, and is consumed", () => {
  const r = readAll([0x61, 0xff, 0x62]);
  assert.equal(r.got, [0x61]);
  assert.not.ok(r.eof);
  assert.not.ok(r.error);
  assert.equal(r.rest, [0x62]);
});

test("a broken sequence sets the error flag and leaves the bad byte", () => {
  const r = readAll([0x61, 0xc3, 0x28]);
  assert.equal(r.got, [0x61]);
  assert.ok(r.error);
  assert.is(r.errno, 84);
  assert.equal(r.rest, [0x28]);
  assert.ok(readAll([0xe0, 0x80, 0x80]).error); // overlong
  assert.ok(readAll([0xed, 0xa0, 0x80]).error); // surrogate
  const t = readAll([0x61, 0xe6, 0x97]); // cut by the end
  assert.ok(t.error && t.eof);
});

test("C locale: high bytes are U+DF80..U+DFFF and write back as bytes", () => {
  assert.equal(readAll([0x61, 0x80, 0xff], false).got, [0x61, 0xdf80, 0xdfff]);
  assert.is(wcLen(0xdfff, false), 1);
  assert.is(wcLen(0xff, false), -1);
  assert.is(wcLen(0x1f600, true), 4);
  assert.is(wcLen(0xd800, true), -1);
  assert.equal(mbrtowc(Uint8Array.from([0xc3, 0xa9]), 0, true), [0xe9, 2]);
  assert.equal(mbrtowc(Uint8Array.from([0xc3, 0xa9]), 0, false), [0xdfc3, 1]);
  assert.is(mbrtowc(Uint8Array.from([0xc3]), 0, true)[1], -1);
});

test("putw encodes per locale", () => {
  const f = path.join(dir, "out");
  const fd = open(f, O.WRONLY | O.CREAT | O.TRUNC);
  const w = new Writer(fd);
  assert.ok(putw(w, 0xe9, true));
  assert.ok(putw(w, 0x1f600, true));
  assert.not.ok(putw(w, 0xdc80, true));
  assert.ok(putw(w, 0xdfff, false));
  assert.not.ok(putw(w, 0xe9, false));
  w.flush();
  close(fd);
  assert.equal([...fs.readFileSync(f)], [0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xff]);
});

test.run();
