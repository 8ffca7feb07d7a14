import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const colrm = (args: string[], stdin: string | Uint8Array) => run("colrm", args, { stdin });

test("start, start and stop, nothing", () => {
  assert.is(colrm(["3"], "abcdefg\n").out, "ab\n");
  assert.is(colrm(["2", "3"], "abcdefg\nxy\n").out, "adefg\nx\n");
  assert.is(colrm([], "abc\n").out, "abc\n");
  assert.is(colrm(["10"], "abc\n").out, "abc\n");
  assert.is(colrm(["2", "3"], "abcd").out, "ad");
});

test("columns: tabs, wide characters, backspace", () => {
  assert.is(colrm(["3", "5"], "a\tbcdefghij\n").out, "a\tbcdefghij\n");
  assert.is(colrm(["2", "3"], "日本語\n").out, "本語\n");
  assert.is(colrm(["9"], "a\tb\n").out, "a\t\n");
  assert.is(colrm(["2", "-1"], "abc\nde\n").out, "a\nd\n"); // stop is ULONG_MAX
});

test("bad arguments", () => {
  const cases: [string[], string][] = [
    [["a"], "colrm: illegal column -- a\n"], [["0"], "colrm: illegal column -- 0\n"],
    [["2x"], "colrm: illegal column -- 2x\n"], [["5", "2"], "colrm: illegal start and stop columns\n"],
    [["--", "-1", "5"], "colrm: illegal start and stop columns\n"],
  ];
  for (const [args, msg] of cases) {
    const r = colrm(args, "abc\n");
    assert.is(r.err, msg, args.join(" "));
    assert.is(r.status, 1);
  }
  assert.is(colrm(["1", "2", "3"], "").err, "usage: colrm [start [stop]]\n");
  assert.is(sh("colrm -z; echo rc=$?").out, "rc=1\n");
});

test("invalid UTF-8: kept column fails on output, removed column is skipped", () => {
  const a = colrm(["5"], new Uint8Array([0x61, 0xff, 0x62, 10]));
  assert.is(a.out, "a");
  assert.is(a.err, "colrm: stdout: Illegal byte sequence\n");
  assert.is(a.status, 1);
  const b = colrm(["1", "3"], new Uint8Array([0x61, 0xff, 0x62, 0x63, 0x64, 10]));
  assert.is(b.out, "d\n");
  assert.is(b.status, 0);
  assert.equal([...run("colrm", ["2"], { stdin: new Uint8Array([0xff, 0xfe, 10]), env: { LC_ALL: "C" } }).stdout], [0xff, 10]);
});

test.run();
