import { test } from "uvu";
import * as assert from "uvu/assert";
import { decode, encode, byteLength } from "../src/index";
import { hasEscapes } from "@bsdbox/compat";

const b = (...x: number[]) => Uint8Array.from(x);

test("valid UTF-8 decodes normally", () => {
  assert.is(decode(new TextEncoder().encode("café 日本 😀")), "café 日本 😀");
});

test("invalid bytes round-trip exactly", () => {
  for (const bytes of [b(0xff), b(0x66, 0x80, 0x6f), b(0xc3), b(0xe6, 0x97), b(0xed, 0xa0, 0x80), b(0xf5, 0x80, 0x80, 0x80), b(0xc0, 0xaf)]) {
    const s = decode(bytes);
    assert.equal(encode(s), bytes);
    assert.is(byteLength(s), bytes.length);
  }
});

test("escaped bytes are lone surrogates U+DC80..U+DCFF", () => {
  assert.is(decode(b(0x61, 0xff)), "a\udcff");
});

test("hasEscapes: escaped bytes and lone surrogates, not ASCII, Latin-1 or pairs", () => {
  assert.is(hasEscapes("plain"), false);
  assert.is(hasEscapes("caf\u00e9"), false);
  assert.is(hasEscapes("x 😀 y"), false);
  assert.is(hasEscapes(decode(b(0x66, 0xff))), true);
  assert.is(hasEscapes("a\ud800"), true);
  assert.is(hasEscapes("\udc80z"), true);
  // a pair next to an escape: both survive encode
  const s = "😀" + decode(b(0xfe));
  assert.is(hasEscapes(s), true);
  assert.equal(encode(s), b(0xf0, 0x9f, 0x98, 0x80, 0xfe));
});

test.run();
