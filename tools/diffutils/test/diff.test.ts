import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const A = "line1\nline2\nline3\nline4\nline5\nline6\nline7\nline8\n";
const B = "line1\nline2 changed\nline3\nline4\nline5\nline6\nnew line\nline8\nline9\n";
const files = { a: A, b: B };

test("normal format and exit statuses", () => {
  const r = run("diff", ["a", "b"], { files });
  assert.is(r.out, "2c2\n< line2\n---\n> line2 changed\n7c7\n< line7\n---\n> new line\n8a9\n> line9\n");
  assert.is(r.status, 1);
  assert.is(run("diff", ["a", "a"], { files }).status, 0);
  const e = run("diff", ["a", "nope"], { files });
  assert.is(e.status, 2);
  assert.is(e.err, "diff: nope: No such file or directory\n");
});

test("unified and context, labels, -U/-C and -uN", () => {
  assert.is(run("diff", ["-U", "1", "-L", "x", "-L", "y", "a", "b"], { files }).out,
    "--- x\n+++ y\n@@ -1,3 +1,3 @@\n line1\n-line2\n+line2 changed\n line3\n@@ -6,3 +6,4 @@\n line6\n-line7\n+new line\n line8\n+line9\n");
  assert.is(run("diff", ["-u1", "-L", "x", "-L", "y", "a", "b"], { files }).out,
    run("diff", ["-U1", "-L", "x", "-L", "y", "a", "b"], { files }).out);
  const c = run("diff", ["-C", "0", "-L", "x", "-L", "y", "a", "b"], { files }).out;
  assert.ok(c.startsWith("*** x\n--- y\n***************\n*** 2 ****\n! line2\n--- 2 ----\n! line2 changed\n"), c);
  const t = sh("touch -t 200102031405.06 a; touch -t 200102041506.07 b; diff -u a b | head -2", { files });
  assert.is(t.out, "--- a\t2001-02-03 14:05:06.000000000 +0000\n+++ b\t2001-02-04 15:06:07.000000000 +0000\n");
  const tc = sh("touch -t 200102031405.06 a; diff -c a b | head -1", { files });
  assert.is(tc.out, "*** a\tSat Feb  3 14:05:06 2001\n");
});

test("missing final newline, CRLF and invalid UTF-8 pass through", () => {
  const r = run("diff", ["-u", "-L", "a", "-L", "b", "a", "b"], { files: { a: "x\ny", b: "x\nz" } });
  assert.is(r.out, "--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n");
  assert.is(run("diff", ["a", "b"], { files: { a: "x\ny", b: "x\ny\n" } }).out, "2c2\n< y\n\\ No newline at end of file\n---\n> y\n");
  const crlf = run("diff", ["a", "b"], { files: { a: "x\r\ny\r\n", b: "x\r\nz\r\n" } });
  assert.is(crlf.out, "2c2\n< y\r\n---\n> z\r\n");
  assert.is(run("diff", ["--strip-trailing-cr", "a", "b"], { files: { a: "x\r\n", b: "x\n" } }).status, 0);
  const bin = run("diff", ["a", "b"], { files: { a: Buffer.from([0x78, 0xff, 10]), b: Buffer.from([0x78, 0xfe, 10]) } });
  assert.equal([...bin.stdout], [...Buffer.from("1c1\n< x\xff\n---\n> x\xfe\n", "latin1")]);
});

test("binary files, -a, -q, -s", () => {
  const bf = { a: "a\0b\n", b: "a\0c\n" };
  const r = run("diff", ["a", "b"], { files: bf });
  assert.is(r.out, "Binary files a and b differ\n");
  assert.is(r.status, 1);
  assert.is(run("diff", ["-a", "a", "b"], { files: bf }).out, "1c1\n< a\0b\n---\n> a\0c\n");
  assert.is(run("diff", ["-q", "a", "b"], { files }).out, "Files a and b differ\n");
  assert.is(run("diff", ["-s", "a", "a"], { files }).out, "Files a and a are identical\n");
});

test("-e, -f, -n, -D, --changed-group-format", () => {
  assert.is(run("diff", ["-e", "a", "b"], { files }).out, "8a\nline9\n.\n7c\nnew line\n.\n2c\nline2 changed\n.\n");
  assert.is(run("diff", ["-f", "a", "b"], { files }).out, "c2\nline2 changed\n.\nc7\nnew line\n.\na8\nline9\n.\n");
  assert.is(run("diff", ["-n", "a", "b"], { files }).out, "d2 1\na2 1\nline2 changed\nd7 1\na7 1\nnew line\na8 1\nline9\n");
  assert.is(run("diff", ["-e", "a", "b"], { files: { a: "x\n", b: ".\nx\n" } }).out, "0a\n..\n.\n1s/.//\n");
  assert.is(run("diff", ["-D", "X", "a", "b"], { files: { a: "1\n2\n", b: "1\n3\n" } }).out,
    "1\n#ifndef X\n2\n#else /* X */\n3\n#endif /* X */\n");
  assert.is(run("diff", ["--changed-group-format=[%<|%>]", "a", "b"], { files: { a: "x\ny\n", b: "x\nz\n" } }).out, "x\n[y\n|z\n]");
});

test("-b -w -i -B -I", () => {
  assert.is(run("diff", ["-b", "a", "b"], { files: { a: "a  b\n", b: "a b \n" } }).status, 0);
  assert.is(run("diff", ["-w", "a", "b"], { files: { a: "ab\nc\n", b: "a b\n c\n" } }).status, 0);
  assert.is(run("diff", ["-i", "a", "b"], { files: { a: "ABC\n", b: "abc\n" } }).status, 0);
  assert.is(run("diff", ["-B", "a", "b"], { files: { a: "a\nb\n", b: "a\n\nb\n" } }).status, 0);
  assert.is(run("diff", ["-I", "^#", "a", "b"], { files: { a: "x\n# 1\n", b: "x\n# 2\n" } }).status, 0);
  const r = run("diff", ["-I", "(", "a", "b"], { files });
  assert.is(r.status, 2);
  assert.ok(r.err.startsWith("diff: (: "), r.err);
});

test("-t --tabsize, -T, -y", () => {
  assert.is(run("diff", ["-t", "--tabsize", "4", "a", "b"], { files: { a: "a\tb\n", b: "a\tc\n" } }).out, "1c1\n< a   b\n---\n> a   c\n");
  assert.is(run("diff", ["-T", "a", "b"], { files: { a: "x\n", b: "y\n" } }).out, "1c1\n<\tx\n---\n>\ty\n");
  assert.is(run("diff", ["-y", "-W", "40", "a", "b"], { files }).out.split("\n")[1], "line2\t\t   |\tline2 changed");
});

test("directories: -r, -N, Only in, Common subdirectories, -x, -S", () => {
  const setup = "mkdir -p d1/s d2/s d1/only1; echo same > d1/same; echo same > d2/same; echo a > d1/s/f; echo b > d2/s/f; echo x > d1/only1/x; echo new > d2/new; ";
  assert.is(sh(setup + "diff d1 d2; echo rc=$?").out,
    "Only in d2: new\nOnly in d1: only1\nCommon subdirectories: d1/s and d2/s\nrc=1\n");
  assert.is(sh(setup + "diff -r d1 d2").out, "Only in d2: new\nOnly in d1: only1\ndiff -r d1/s/f d2/s/f\n1c1\n< a\n---\n> b\n");
  assert.is(sh(setup + "diff -rN d1 d2 | head -3").out, "diff -rN d1/new d2/new\n0a1\n> new\n");
  assert.is(sh(setup + "diff -r -x s -x 'only*' d1 d2").out, "Only in d2: new\n");
  // -S applies in every directory: below d1/s, "f" sorts before "s" and is skipped too
  assert.is(sh(setup + "diff -r -S s d1 d2; echo $?").out, "0\n");
  assert.is(sh(setup + "diff d1/same d2").out, "");
  assert.is(sh(setup + "diff - d1 < d1/same").err, "diff: can't compare - to a directory\n");
});

test("hash collisions: a match of lines that differ is broken, with the reference's offsets", () => {
  // "A\xc8" and "BI" have the same line hash (diffreg's readhash), so Stone's algorithm matches
  // them; check() finds the bytes differ, also inside a run of equal lines
  const common = Array.from({ length: 6 }, (_, i) => `c${i}\n`).join("");
  const a = Buffer.from(common + "A\xc8\n" + common, "latin1"), b = Buffer.from(common + "BI\n" + common, "latin1");
  const r = run("diff", ["a", "b"], { files: { a, b } });
  assert.equal([...r.stdout], [...Buffer.from("7c7\n< A\xc8\n---\n> BI\n", "latin1")]);
  assert.is(r.status, 1);
  // a last line without a newline whose hash equals a longer line's ("a" and "a\x0f\r\x04@z"):
  // diffreg.c's check() skips the rest of the second file's line only when the first did not
  // end (`d != '\n' && c != EOF`), so its offsets stop inside that line, as the reference prints
  const x = Buffer.from(common + "a", "latin1"), y = Buffer.from(common + "a\x0f\r\x04@z\nz\n", "latin1");
  const q = run("diff", ["x", "y"], { files: { x, y } });
  assert.equal([...q.stdout], [...Buffer.from("7c7,8\n< a\n\\ No newline at end of file\n---\n> a\x0f> \r\x04@z\n", "latin1")]);
});

test("usage errors", () => {
  const r = run("diff", ["-Q", "a", "b"], { files });
  assert.is(r.status, 2);
  assert.ok(r.err.includes("unrecognized option: Q\nusage: diff "), r.err);
  assert.is(run("diff", ["a"], { files }).status, 2);
  const c = run("diff", ["-u", "-c", "a", "b"], { files });
  assert.ok(c.err.startsWith("error: conflicting output format options.\nusage:"), c.err);
});

test.run();
