import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run } from "@bsdbox/posix-tests";

const F = "a\nb\nSTART\nc\nd\nSTART\ne\n";

/** the pieces left in dir: name -> content */
function pieces(dir: string, prefix = "xx"): Record<string, string> {
  const o: Record<string, string> = {};
  for (const n of fs.readdirSync(dir).sort()) if (n.startsWith(prefix)) o[n] = fs.readFileSync(path.join(dir, n), "latin1");
  return o;
}

test("/re/ splits before the matching line; byte counts on stdout", () => {
  const r = run("csplit", ["f", "/START/"], { files: { f: F } });
  assert.is(r.out, "4\n18\n");
  assert.is(r.status, 0);
  assert.equal(pieces(r.dir), { xx00: "a\nb\n", xx01: "START\nc\nd\nSTART\ne\n" });
});

test("line numbers, {n} repeats, -s, -f, -n", () => {
  let r = run("csplit", ["f", "3", "5"], { files: { f: F } });
  assert.is(r.out, "4\n8\n10\n");
  assert.equal(pieces(r.dir), { xx00: "a\nb\n", xx01: "START\nc\n", xx02: "d\nSTART\ne\n" });
  r = run("csplit", ["-s", "-f", "p", "-n", "3", "f", "2", "{2}"], { files: { f: F } });
  assert.is(r.out, "");
  assert.equal(pieces(r.dir, "p"), { p000: "a\n", p001: "b\nSTART\n", p002: "c\nd\n", p003: "START\ne\n" });
  r = run("csplit", ["f", "/START/", "{}"], { files: { f: F } });
  assert.is(r.out, "4\n18\n");
});

test("%re% skips, offsets move the split point", () => {
  let r = run("csplit", ["f", "%START%"], { files: { f: F } });
  assert.is(r.out, "18\n");
  assert.equal(pieces(r.dir), { xx00: "START\nc\nd\nSTART\ne\n" });
  r = run("csplit", ["f", "/START/-1"], { files: { f: F } });
  assert.is(r.out, "2\n20\n");
  assert.equal(pieces(r.dir), { xx00: "a\n", xx01: "b\nSTART\nc\nd\nSTART\ne\n" });
  r = run("csplit", ["f", "/START/+2", "%e%"], { files: { f: F } });
  assert.is(r.out, "12\n2\n");
  assert.equal(pieces(r.dir), { xx00: "a\nb\nSTART\nc\n", xx01: "e\n" });
  r = run("csplit", ["f", "/START/-1", "/d/"], { files: { f: F } });
  assert.is(r.out, "2\n10\n10\n");
  assert.equal(pieces(r.dir), { xx00: "a\n", xx01: "b\nSTART\nc\n", xx02: "d\nSTART\ne\n" });
});

test("standard input as -, the search starts on a piece's second line", () => {
  const r = run("csplit", ["-", "/x/", "{1}"], { stdin: "x\ny\nx\nz\nx\n" });
  assert.is(r.out, "4\n4\n2\n");
  assert.equal(pieces(r.dir), { xx00: "x\ny\n", xx01: "x\nz\n", xx02: "x\n" });
});

test("errors remove the pieces; -k keeps them", () => {
  let r = run("csplit", ["f", "/START/", "{5}"], { files: { f: F } });
  assert.is(r.status, 1);
  assert.is(r.err, "csplit: START: no match\n");
  assert.equal(pieces(r.dir), {});
  r = run("csplit", ["-k", "f", "/START/", "{5}"], { files: { f: F } });
  assert.is(r.status, 1);
  assert.is(r.out, "4\n10\n");
  assert.equal(pieces(r.dir), { xx00: "a\nb\n", xx01: "START\nc\nd\n", xx02: "START\ne\n" });
  r = run("csplit", ["f", "100"], { files: { f: F } });
  assert.is(r.err, "csplit: 100: out of range\n");
  assert.equal(pieces(r.dir), {});
});

test("error texts and statuses", () => {
  const cases: [string[], string][] = [
    [["f", "/START/", "{*}"], "csplit: *}: bad repetition count\n"],
    [["f", "/a"], "csplit: a: bad offset\n"],
    [["f", "/a/x"], "csplit: x: bad offset\n"],
    [["f", "/a\\/"], "csplit: /a\\/: missing trailing /\n"],
    [["f", "abc"], "csplit: abc: unrecognised pattern\n"],
    [["f", "/\\(/"], "csplit: \\(: bad regular expression\n"],
    [["f", "0"], "csplit: 0: bad line number\n"],
    [["f", "3", "2"], "csplit: 2: can't go backwards\n"],
    [["-n", "0", "f"], "csplit: 0: bad suffix length\n"],
    [["-n", "19", "f"], "csplit: 19: suffix too long (limit 18)\n"],
    [["nope", "2"], "csplit: nope: No such file or directory\n"],
    [[], "usage: csplit [-ks] [-f prefix] [-n number] file args ...\n"],
  ];
  for (const [args, msg] of cases) {
    const r = run("csplit", args, { files: { f: F } });
    assert.is(r.err, msg, args.join(" "));
    assert.is(r.status, 1, args.join(" "));
  }
  const r = run("csplit", ["-x", "f"], { files: { f: F } });
  assert.ok(r.err.endsWith("usage: csplit [-ks] [-f prefix] [-n number] file args ...\n"));
});

test("bytes pass through; lines are fgets's LINE_MAX pieces", () => {
  const bin = Buffer.from([0xff, 0x0d, 0x0a, 0x41, 0x0a, 0xfe]);
  let r = run("csplit", ["f", "2"], { files: { f: bin } });
  assert.is(r.out, "3\n3\n");
  assert.equal(Buffer.concat([fs.readFileSync(path.join(r.dir, "xx00")), fs.readFileSync(path.join(r.dir, "xx01"))]), bin);
  const long = "x".repeat(5000) + "\nhi\n";
  r = run("csplit", ["f", "2"], { files: { f: long } });
  assert.is(r.out, "2047\n2957\n");
  r = run("csplit", ["f", "/hi/"], { files: { f: long } });
  assert.is(r.out, "5001\n3\n");
});

test("a large input is split quickly", () => {
  const big = Array.from({ length: 200000 }, (_, i) => `line ${i}\n`).join("");
  const r = run("csplit", ["-s", "f", "/^line 1000[^0-9]/", "100000"], { files: { f: big } });
  assert.is(r.status, 0);
  // the input is cut at the match and at line 100000
  const p = pieces(r.dir);
  assert.is(Object.keys(p).length, 3);
  assert.is(p.xx00!.length + p.xx01!.length + p.xx02!.length, big.length);
});

test.run();
