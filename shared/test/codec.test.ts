import { test } from "uvu";
import * as assert from "uvu/assert";
import { decode, encode, byteLength } from "../src/index";

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

test.run();
