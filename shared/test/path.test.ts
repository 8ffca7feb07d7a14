import { test } from "uvu";
import * as assert from "uvu/assert";
import { pathBasename, pathDirname } from "../src/index";

test("dirname(3) as musl", () => {
  const cases: [string, string][] = [["", "."], ["/", "/"], ["//", "/"], ["a", "."], ["a/", "."], ["/a", "/"],
    ["a/b", "a"], ["a//b//", "a"], ["/a/b/", "/a"], ["///a", "/"], ["a/b/c", "a/b"]];
  for (const [p, want] of cases) assert.is(pathDirname(p), want, JSON.stringify(p));
});

test("basename(3) as musl", () => {
  const cases: [string, string][] = [["", "."], ["/", "/"], ["//", "/"], ["a", "a"], ["a/", "a"], ["/a", "a"],
    ["a/b", "b"], ["a//b//", "b"], ["/a/b/", "b"], ["../x", "x"], ["\udcff/\udcfe", "\udcfe"]];
  for (const [p, want] of cases) assert.is(pathBasename(p), want, JSON.stringify(p));
});

test.run();
