import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const USAGE = "usage: diff3 [-3aAeEimTxX] [-L label1] [-L label2] [-L label3] file1 file2 file3\n";
// mine/orig/yours: a change only in mine (line 2), one only in yours (line 4)
const EASY = { mine: "a\nB\nc\nd\ne\n", orig: "a\nb\nc\nd\ne\n", yours: "a\nb\nc\nD\ne\n" };
// the same line changed differently in mine and yours
const CONF = { mine: "a\nB\nc\nd\ne\n", orig: "a\nb\nc\nd\ne\n", yours: "a\nX\nc\nd\ne\n" };
// several hunks: a conflict, a change of mine, a change of yours, deletions at the end
const MANY = { m: "1\nX\n3\n4\n5\n6\n7\n", o: "1\n2\n3\n4\n5\n6\n7\n", y: "1\nZ\n3\n4\nY\n6\n" };

function chk(args: string[], files: Record<string, string | Uint8Array>, out: string, status: number, err = "") {
  const r = run("diff3", args, { files });
  assert.is(r.out, out, args.join(" "));
  assert.is(r.err, err, args.join(" ") + " (stderr)");
  assert.is(r.status, status, args.join(" ") + " (status)");
}

test("normal output: ====1, ====2, ====3 and ==== sections", () => {
  chk(["mine", "orig", "yours"], EASY, "====1\n1:2c\n  B\n2:2c\n3:2c\n  b\n====3\n1:4c\n2:4c\n  d\n3:4c\n  D\n", 0);
  chk(["mine", "orig", "yours"], CONF, "====\n1:2c\n  B\n2:2c\n  b\n3:2c\n  X\n", 0);
  chk(["orig", "mine", "yours"], EASY, "====2\n1:2c\n3:2c\n  b\n2:2c\n  B\n====3\n1:4c\n2:4c\n  d\n3:4c\n  D\n", 0);
  chk(["m", "o", "y"], MANY,
    "====\n1:2c\n  X\n2:2c\n  2\n3:2c\n  Z\n====3\n1:5c\n2:5c\n  5\n3:5c\n  Y\n====3\n1:7c\n2:7c\n  7\n3:6a\n", 0);
  chk(["mine", "mine", "mine"], EASY, "", 0);
});

test("-T puts a tab before the lines; additions and deletions print 'a' ranges", () => {
  chk(["-T", "mine", "orig", "yours"], EASY, "====1\n1:2c\n\tB\n2:2c\n3:2c\n\tb\n====3\n1:4c\n2:4c\n\td\n3:4c\n\tD\n", 0);
  chk(["--initial-tab", "x", "x", "y"], { x: "a\nb\n", y: "a\nb\nc\n" }, "====3\n1:2a\n2:2a\n3:3c\n\tc\n", 0);
  chk(["x", "x", "y"], { x: "a\nb\nc\n", y: "a\nc\n" }, "====3\n1:2c\n2:2c\n  b\n3:1a\n", 0);
});

test("-e, -3, -x: ed scripts; -i appends w and q", () => {
  chk(["-e", "mine", "orig", "yours"], EASY, "4c\nD\n.\n", 0);
  chk(["--ed", "-i", "mine", "orig", "yours"], EASY, "4c\nD\n.\nw\nq\n", 0);
  chk(["-3", "mine", "orig", "yours"], EASY, "4c\nD\n.\n", 0);
  chk(["--easy-only", "mine", "orig", "yours"], CONF, "", 0);
  chk(["-e", "mine", "orig", "yours"], CONF, "2c\nX\n.\n", 0);
  chk(["-x", "mine", "orig", "yours"], CONF, "2c\nX\n.\n", 0);
  // deletion of yours' lines: "d" with no text
  chk(["-e", "x", "x", "y"], { x: "a\nb\nc\n", y: "a\nc\n" }, "2d\n", 0);
});

test("-E and -X bracket the overlaps and exit 1", () => {
  const out = "2a\n=======\nX\n>>>>>>> yours\n.\n1a\n<<<<<<< mine\n.\n";
  chk(["-E", "mine", "orig", "yours"], CONF, out, 1);
  chk(["--show-overlap", "mine", "orig", "yours"], CONF, out, 1);
  chk(["-X", "mine", "orig", "yours"], CONF, out, 1);
  chk(["-E", "-L", "M", "-L", "O", "-L", "Y", "mine", "orig", "yours"], CONF,
    "2a\n=======\nX\n>>>>>>> Y\n.\n1a\n<<<<<<< M\n.\n", 1);
});

test("-A shows everything, conflicts with the original text", () => {
  chk(["-A", "mine", "orig", "yours"], CONF, "2a\n||||||| orig\nb\n=======\nX\n>>>>>>> yours\n.\n1a\n<<<<<<< mine\n.\n", 1);
  chk(["--show-all", "-i", "mine", "orig", "yours"], CONF,
    "2a\n||||||| orig\nb\n=======\nX\n>>>>>>> yours\n.\n1a\n<<<<<<< mine\n.\nw\nq\n", 1);
  chk(["-A", "mine", "orig", "yours"], EASY, "4c\nD\n.\n", 0);
});

test("-m writes the merged file, conflicts bracketed", () => {
  chk(["-m", "mine", "orig", "yours"], EASY, "a\nB\nc\nD\ne\n", 0);
  chk(["-m", "mine", "orig", "yours"], CONF, "a\n<<<<<<< mine\nB\n||||||| orig\nb\n=======\nX\n>>>>>>> yours\nc\nd\ne\n", 1);
  chk(["--merge", "--label=M", "--label", "O", "-LY", "mine", "orig", "yours"], CONF,
    "a\n<<<<<<< M\nB\n||||||| O\nb\n=======\nX\n>>>>>>> Y\nc\nd\ne\n", 1);
  chk(["-m", "-E", "mine", "orig", "yours"], CONF, "a\n<<<<<<< mine\nB\n=======\nX\n>>>>>>> yours\nc\nd\ne\n", 1);
  chk(["-m", "m", "o", "y"], MANY,
    "1\n<<<<<<< m\nX\n||||||| o\n2\n=======\nZ\n>>>>>>> y\n3\n4\nY\n6\n", 1);
  // identical inputs merge to the file itself
  chk(["-m", "mine", "mine", "mine"], EASY, "a\nB\nc\nd\ne\n", 0);
});

test("bytes: invalid UTF-8, missing final newline, NUL (binary unless -a)", () => {
  const files = { m: Buffer.from("a\n\xff\xfe\nc", "latin1"), o: "a\nb\nc", y: "a\nb\nc" };
  const r = run("diff3", ["m", "o", "y"], { files });
  assert.is(r.stdout.toString("latin1"), "====1\n1:2c\n  \xff\xfe\n2:2c\n3:2c\n  b\n");
  const m = run("diff3", ["-m", "m", "o", "y"], { files });
  assert.is(m.stdout.toString("latin1"), "a\n\xff\xfe\nc");
  const nul = { m: "a\nb\0\nc\n", o: "a\nb\nc\n", y: "a\nb\nc\n" };
  chk(["m", "o", "y"], nul, "", 0);
  chk(["-a", "m", "o", "y"], nul, "====1\n1:2c\n  b\0\n2:2c\n3:2c\n  b\n", 0);
  chk(["--text", "-m", "m", "o", "y"], nul, "a\nb\0\nc\n", 0);
});

test("--strip-trailing-cr compares without the CR and prints LF", () => {
  const files = { m: "a\r\nb\r\nc\r\n", o: "a\nb\nc\n", y: "a\nb\nC\n" };
  // without it every line of m differs: the change of yours is extended over the whole file
  chk(["m", "o", "y"], files, "====\n1:1,3c\n  a\r\n  b\r\n  c\r\n2:1,3c\n  a\n  b\n  c\n3:1,3c\n  a\n  b\n  C\n", 0);
  // with it only line 3 differs; duplicate() still compares the raw bytes ("c\r\n" is not "c\n")
  chk(["--strip-trailing-cr", "m", "o", "y"], files, "====\n1:3c\n  c\n2:3c\n  c\n3:3c\n  C\n", 0);
});

test("errors: operands, unreadable files, labels; unknown options are only reported", () => {
  chk(["mine", "orig"], CONF, "", 2, USAGE);
  chk([], CONF, "", 2, USAGE);
  chk(["mine", "nope", "yours"], CONF, "", 2, "diff3: Can't open nope: No such file or directory\n");
  chk(["-L", "1", "-L", "2", "-L", "3", "-L", "4", "mine", "orig", "yours"], CONF, "", 2, "diff3: too many file label options\n");
  const r = run("diff3", ["-Q", "-e", "mine", "orig", "yours"], { files: EASY });
  assert.match(r.err, /unrecognized option: Q\n$/);
  assert.is(r.out, "4c\nD\n.\n");
  assert.is(r.status, 0);
  chk(["--version"], {}, "FreeBSD diff3 20240925\n", 0);
  chk(["--help"], {}, "", 0, USAGE);
});

test("options after operands are permuted; the ed script applies with ed", () => {
  chk(["mine", "orig", "yours", "-e"], EASY, "4c\nD\n.\n", 0);
  const r = sh("diff3 -e m o y > s; (cat s; echo w) | /usr/bin/ed -s m 2>&1; cat m", { files: MANY });
  assert.is(r.out, "1\nZ\n3\n4\nY\n6\n");
});

test.run();
