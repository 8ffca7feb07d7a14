// fnmatch(3) unit tests, expectations from musl's fnmatch semantics: 0 = match, 1 = FNM_NOMATCH.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fnmatch, fnmatcher, FNM_NOESCAPE, FNM_PATHNAME, FNM_PERIOD, FNM_LEADING_DIR, FNM_CASEFOLD } from "../src/fnmatch";

const yes = (p: string, s: string, f = 0) => assert.is(fnmatch(p, s, f), 0, `${p} ~ ${s} (${f})`);
const no = (p: string, s: string, f = 0) => assert.is(fnmatch(p, s, f), 1, `${p} !~ ${s} (${f})`);

test("wildcards: * ? and whole-string matching", () => {
  yes("*.c", "a.c");
  yes("*", "");
  yes("a*b*c", "axxbyyc");
  no("a*b", "a");
  yes("?", "é");
  no("?", "");
  no("*.c", "a.cc");
  yes("*", "a/b"); // '*' matches '/' without FNM_PATHNAME (find -path)
});

test("brackets: sets, negation, ranges, classes, ']' first, unterminated '['", () => {
  yes("[abc]", "b");
  no("[!abc]", "b");
  yes("[^abc]", "d");
  yes("[a-c]x", "bx");
  no("[a-c]", "d");
  yes("[[:digit:]][[:alpha:]]", "7q");
  yes("[]a]", "]");
  yes("[!]]", "a");
  yes("[", "[");
  yes("a[b", "a[b");
});

test("escapes and FNM_NOESCAPE", () => {
  yes("\\*", "*");
  no("\\*", "a");
  yes("\\*", "\\*", FNM_NOESCAPE);
});

test("FNM_PATHNAME, FNM_PERIOD, FNM_LEADING_DIR, FNM_CASEFOLD", () => {
  no("*", "a/b", FNM_PATHNAME);
  yes("*/*", "a/b", FNM_PATHNAME);
  no("a?b", "a/b", FNM_PATHNAME);
  no("a[/]b", "a/b", FNM_PATHNAME);
  no("*", ".x", FNM_PERIOD);
  yes(".*", ".x", FNM_PERIOD);
  yes("*", ".x");
  no("a/*", "a/.x", FNM_PATHNAME | FNM_PERIOD);
  yes("a", "a/b/c", FNM_LEADING_DIR);
  no("a", "ab", FNM_LEADING_DIR);
  yes("ABC", "abc", FNM_CASEFOLD);
  no("ABC", "abc");
});

test("invalid UTF-8 bytes are single characters", () => {
  yes("f?", "f\udcff");
  yes("*\udcff", "ab\udcff");
});


test("fnmatcher agrees with fnmatch (its string fast paths included)", () => {
  const pats = ["*", "**", "", "*.c", "f*", "*1*", "f1.c", "*.c*", "\\*", "a\\*", "*\\*", "*[ch]", "?*.c", "*\uDC80", "\uD800\uDC80*", "***x**"];
  const subs = ["", "f1.c", "x.c", "f", "*", "a*", "a\\*", "abc", "f1.cc", ".c", "x\uDC80", "\uD800\uDC80", "x\uD800\uDC80", "xx", "\\"];
  for (const flags of [0, FNM_NOESCAPE, FNM_PERIOD, FNM_CASEFOLD]) {
    for (const p of pats) {
      const m = fnmatcher(p, flags);
      for (const s of subs) assert.is(m(s), fnmatch(p, s, flags) === 0, `${JSON.stringify(p)} ${JSON.stringify(s)} flags ${flags}`);
    }
  }
});
test.run();
