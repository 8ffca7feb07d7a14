import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const F = "a\na\nb\nc\nc\nc\na\n";
const U = "usage: uniq [-cdiu] [-D[septype]] [-f fields] [-s chars] [input [output]]\n";

test("default, -c, -d, -u, -d with -u, -c with -d", () => {
  const files = { f: F };
  assert.is(run("uniq", ["f"], { files }).out, "a\nb\nc\na\n");
  assert.is(run("uniq", ["-c", "f"], { files }).out, "   2 a\n   1 b\n   3 c\n   1 a\n");
  assert.is(run("uniq", ["-d", "f"], { files }).out, "a\nc\n");
  assert.is(run("uniq", ["-u", "f"], { files }).out, "b\na\n");
  assert.is(run("uniq", ["-d", "-u", "f"], { files }).out, "a\nc\n");
  assert.is(run("uniq", ["-cd", "f"], { files }).out, "   2 a\n   3 c\n");
  assert.is(run("uniq", ["-cu", "f"], { files }).out, "   1 b\n   1 a\n");
  assert.is(run("uniq", ["--count", "--repeated", "f"], { files }).out, "   2 a\n   3 c\n");
});

test("-D and --all-repeated with none, prepend, separate; -D overrides -d", () => {
  const files = { f: F };
  assert.is(run("uniq", ["-D", "f"], { files }).out, "a\na\nc\nc\nc\n");
  assert.is(run("uniq", ["-Dprepend", "f"], { files }).out, "\na\na\n\nc\nc\nc\n");
  assert.is(run("uniq", ["--all-repeated=SEPARATE", "f"], { files }).out, "a\na\n\nc\nc\nc\n\n");
  assert.is(run("uniq", ["--all-repeated=none", "-d", "f"], { files }).out, "a\na\nc\nc\nc\n");
  // the argument is optional: "-D prepend" takes "prepend" as the input file
  assert.is(run("uniq", ["-D", "prepend"], { files }).err, "uniq: prepend: No such file or directory\n");
  const r = run("uniq", ["-Dbogus", "f"], { files });
  assert.is(r.err, U);
  assert.is(r.status, 1);
});

test("-f, -s, -i and the obsolete -N / +N forms", () => {
  assert.is(run("uniq", ["-f", "1", "f"], { files: { f: "x a\ny a\nz b\n" } }).out, "x a\nz b\n");
  assert.is(run("uniq", ["-f1", "f"], { files: { f: "a\tx\nb\tx\n" } }).out, "a\tx\n");
  assert.is(run("uniq", ["-s", "2", "f"], { files: { f: "xxa\nyya\nzzb\n" } }).out, "xxa\nzzb\n");
  assert.is(run("uniq", ["-1", "f"], { files: { f: "x a\ny a\n" } }).out, "x a\n");
  assert.is(run("uniq", ["+2", "f"], { files: { f: "xxa\nyya\n" } }).out, "xxa\n");
  assert.is(run("uniq", ["-s", "1", "f"], { files: { f: "éx\nax\n" } }).out, "éx\n");
  assert.is(run("uniq", ["-s", "1", "f"], { files: { f: "éx\nax\n" }, env: { LC_ALL: "C" } }).out, "éx\nax\n");
  assert.is(run("uniq", ["-i", "f"], { files: { f: "a\nA\nb\nB\nb\n" } }).out, "a\nb\n");
  assert.is(run("uniq", ["-i", "f"], { files: { f: "École\nÉCOLE\n" } }).out, "École\n");
  assert.is(run("uniq", ["--skip-chars=1", "--ignore-case", "f"], { files: { f: "xA\nya\n" } }).out, "xA\n");
});

test("bytes: NUL ends a line, no final newline, invalid UTF-8, CRLF", () => {
  assert.is(run("uniq", ["f"], { files: { f: "a\0b\na\0c\n" } }).out, "a");
  assert.is(run("uniq", ["f"], { files: { f: "a\nb\nb" } }).out, "a\nb\n");
  assert.is(run("uniq", ["f"], { files: { f: "a\nb" } }).out, "a\nb");
  const inv = Buffer.from("x\xffA\nx\xffA\nx\xffa\n", "latin1");
  assert.equal([...run("uniq", ["f"], { files: { f: inv } }).stdout], [...Buffer.from("x\xffA\nx\xffa\n", "latin1")]);
  // invalid lines compare as bytes: -i does not apply to them
  assert.is(run("uniq", ["-i", "f"], { files: { f: inv } }).stdout.length, 8);
  assert.is(run("uniq", ["f"], { files: { f: "a\r\na\n" } }).out, "a\r\na\n");
});

test("operands: '-' is stdin, an output file, too many operands", () => {
  assert.is(run("uniq", ["-"], { stdin: "q\nq\n" }).out, "q\n");
  const r = sh("uniq - out < in && cat out", { files: { in: "1\n1\n2\n" } });
  assert.is(r.out, "1\n2\n");
  const e = sh("uniq a b c");
  assert.is(e.err, U);
  assert.is(e.status, 1);
});

test("errors: bad skip values, missing file, directory, bad option", () => {
  let r = run("uniq", ["-f", "x", "f"], { files: { f: "a\n" } });
  assert.is(r.err, "uniq: field skip value is invalid: x\n");
  assert.is(r.status, 1);
  r = run("uniq", ["--skip-chars=-1", "f"], { files: { f: "a\n" } });
  assert.is(r.err, "uniq: character skip value is too small: -1\n");
  // the obsolete form is rewritten first: "-1" becomes "-f1", the argument of -s
  assert.is(run("uniq", ["-s", "-1", "f"], { files: { f: "a\n" } }).err, "uniq: character skip value is invalid: -f1\n");
  r = run("uniq", ["-s", "99999999999", "f"], { files: { f: "a\n" } });
  assert.is(r.err, "uniq: character skip value is too large: 99999999999\n");
  r = run("uniq", ["nope"]);
  assert.is(r.err, "uniq: nope: No such file or directory\n");
  assert.is(r.status, 1);
  r = sh("mkdir d; uniq d");
  assert.is(r.err, "uniq: d: Is a directory\n");
  assert.is(r.status, 1);
  r = sh("uniq -z f", { files: { f: "a\n" } });
  assert.is(r.err, "uniq: unrecognized option: z\n" + U);
  assert.is(r.status, 1);
});

test("a long run and long lines", () => {
  assert.is(sh("yes x | head -n 12345 | uniq -c").out, "12345 x\n");
  const long = "y".repeat(300000) + "\n";
  assert.is(run("uniq", ["f"], { files: { f: long + long + "z\n" } }).out, long + "z\n");
});

test.run();
