import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const F = { f: "one\n\ntwo\nthree\n" };

test("default: body numbers non-empty lines, width 6, tab", () => {
  assert.is(run("nl", ["f"], { files: F }).out, "     1\tone\n      \t\n     2\ttwo\n     3\tthree\n");
  assert.is(run("nl", [], { stdin: "x\ny\n" }).out, "     1\tx\n     2\ty\n");
  assert.is(run("nl", ["-"], { stdin: "x\n" }).out, "     1\tx\n");
});

test("-b a/n/pRE, -n ln/rz, -s, -v, -i, -w", () => {
  assert.is(run("nl", ["-ba", "f"], { files: F }).out, "     1\tone\n     2\t\n     3\ttwo\n     4\tthree\n");
  assert.is(run("nl", ["-bn", "f"], { files: F }).out, "      \tone\n      \t\n      \ttwo\n      \tthree\n");
  assert.is(run("nl", ["-bpt", "f"], { files: F }).out, "      \tone\n      \t\n     1\ttwo\n     2\tthree\n");
  assert.is(run("nl", ["-bp^t.*o$", "-nln", "-w3", "f"], { files: F }).out, "   \tone\n   \t\n1  \ttwo\n   \tthree\n");
  assert.is(run("nl", ["-nrz", "-s: ", "-v", "-2", "-i", "3", "f"], { files: F }).out, "-00002: one\n      : \n000001: two\n000004: three\n");
  assert.is(run("nl", ["-w1", "-v9"], { stdin: "a\nb\nc\n" }).out, "9\ta\n0\tb\n1\tc\n");
});

test("-l with -ba counts runs of empty lines", () => {
  assert.is(run("nl", ["-ba", "-l2"], { stdin: "a\n\n\n\n\nb\n" }).out,
    "     1\ta\n      \t\n     2\t\n      \t\n     3\t\n     4\tb\n");
});

test("logical pages: header, body, footer; -p; -d", () => {
  const pages = "\\:\\:\\:\nhead\n\\:\\:\nbody1\n\\:\nfoot\n\\:\\:\nbody2\n";
  assert.is(run("nl", ["-ha", "-fa"], { stdin: pages }).out, "     1\thead\n     1\tbody1\n     1\tfoot\n     1\tbody2\n");
  assert.is(run("nl", ["-p"], { stdin: "a\n\\:\\:\nb\n" }).out, "     1\ta\n     2\tb\n");
  assert.is(run("nl", ["-d@@"], { stdin: "a\n@@@@\nb\n" }).out, "     1\ta\n     1\tb\n");
  assert.is(run("nl", ["-d@"], { stdin: "a\n@:@:\nb\n" }).out, "     1\ta\n     1\tb\n");
  // a delimiter without newline (last line) is text
  assert.is(run("nl", [], { stdin: "\\:" }).out, "     1\t\\:");
});

test("bytes pass through: invalid UTF-8, NUL, CRLF, no final newline", () => {
  const r = run("nl", [], { stdin: new Uint8Array([0xff, 0, 0x0d, 0x0a, 0x61]) });
  assert.equal([...r.stdout], [...Buffer.from("     1\t"), 0xff, 0, 0x0d, 0x0a, ...Buffer.from("     2\ta")]);
});

test("errors: bad type, regex, format, width, delim, operands", () => {
  const cases: [string[], string][] = [
    [["-bx"], "nl: illegal body line numbering type -- x\n"],
    [["-fp["], "nl: footer expr: Missing ']' -- [\n"],
    [["-nxx"], "nl: illegal format -- xx\n"],
    [["-w0"], "nl: width argument must be > 0 -- 0\n"],
    [["-wq"], "nl: invalid width value -- q\n"],
    [["-i1x"], "nl: invalid incr argument -- 1x\n"],
    [["-vz"], "nl: invalid startnum value -- z\n"],
    [["-lq"], "nl: invalid num argument -- q\n"],
    [["-dabc"], "nl: invalid delim argument -- abc\n"],
    [["nope"], "nl: nope: No such file or directory\n"],
  ];
  for (const [a, e] of cases) {
    const r = run("nl", a, { stdin: "" });
    assert.is(r.err, e, a.join(" "));
    assert.is(r.status, 1);
  }
  const u = run("nl", ["a", "b"], { files: { a: "", b: "" } });
  assert.ok(u.err.startsWith("usage: nl [-p]"));
  assert.is(u.status, 1);
  assert.ok(run("nl", ["-z"], { stdin: "" }).err.includes("unrecognized option: z"));
});

test("LC_ALL=C: -d takes bytes", () => {
  const r = run("nl", ["-d\xe9"], { stdin: "a\n\xe9:\xe9:\nb\n", env: { LC_ALL: "C.UTF-8" } });
  assert.is(r.out, "     1\ta\n     1\tb\n");
});

test.run();
