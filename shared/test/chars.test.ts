import { test } from "uvu";
import * as assert from "uvu/assert";
import { iswprint, strcmp, utf8Locale } from "../src/index";

test("iswprint follows musl, including its unsigned wrap-around", () => {
  for (const c of [0x20, 0x41, 0x7e, 0xa0, 0xe9, 0xff, 0x2027, 0x202a, 0x4e2d, 0xe000, 0xfff8, 0xfffc, 0xfffd, 0x10000, 0x1f600, 0x10fffd])
    assert.ok(iswprint(c), c.toString(16));
  for (const c of [0x00, 0x1f, 0x7f, 0x80, 0x9f, 0x2028, 0x2029, 0xd800, 0xdfff, 0xfff9, 0xfffb, 0xfffe, 0xffff, 0x1fffe, 0x110000])
    assert.not.ok(iswprint(c), c.toString(16));
});

test("strcmp is byte (= code point) order", () => {
  assert.ok(strcmp("a", "b") < 0);
  assert.ok(strcmp("é", "z") > 0);
  assert.ok(strcmp("\uffff", "\u{10000}") < 0);
  assert.is(strcmp("x", "x"), 0);
});

test("locale: C and POSIX are bytes, everything else UTF-8 (musl's default)", () => {
  assert.is(utf8Locale(new Map()), true);
  assert.is(utf8Locale(new Map([["LC_ALL", "C"]])), false);
  assert.is(utf8Locale(new Map([["LANG", "POSIX"]])), false);
  assert.is(utf8Locale(new Map([["LC_ALL", "C.UTF-8"], ["LANG", "C"]])), true);
});

test.run();
