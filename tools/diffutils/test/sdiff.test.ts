import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const USAGE = "usage: sdiff [-abdilstHW] [-I regexp] [-o outfile] [-w width] file1 file2\n";
const F = { a: "one\ntwo\nthree\nfour\n", b: "one\n2\nthree\nfour\nfive\n", c: "zero\none\nthree\n" };
const pad = (s: string, n: number) => s + " ".repeat(n - s.length);

function chk(args: string[], out: string, status: number, err = "", o: { files?: Record<string, string | Uint8Array>; stdin?: string } = {}) {
  const r = run("sdiff", args, { files: o.files ?? F, stdin: o.stdin });
  assert.is(r.out, out, args.join(" "));
  assert.is(r.err, err, args.join(" ") + " (stderr)");
  assert.is(r.status, status, args.join(" ") + " (status)");
  return r;
}

test("default width 126: columns of 61, the divider in the middle", () => {
  chk(["a", "b"],
    pad("one", 64) + "one\n" + pad("two", 62) + "| 2\n" + pad("three", 64) + "three\n" + pad("four", 64) + "four\n" +
    pad("", 62) + "> five\n", 1);
  chk(["a", "a"], pad("one", 64) + "one\n" + pad("two", 64) + "two\n" + pad("three", 64) + "three\n" + pad("four", 64) + "four\n", 0);
});

test("-w, -s, -l; deletions '<' and additions '>'", () => {
  chk(["-w", "30", "a", "c"], "              > zero\none             one\ntwo           <\nthree           three\nfour          <\n", 1);
  chk(["--width=30", "-s", "a", "c"], "              > zero\ntwo           <\nfour          <\n", 1);
  chk(["-l", "-w", "30", "a", "c"], "              > zero\none           (\ntwo           <\nthree         (\nfour          <\n", 1);
  chk(["--left-column", "--suppress-common-lines", "-w", "30", "a", "b"], "two           | 2\n              > five\n", 1);
});

test("long lines are cut at the column width; tabs stop at the column or expand with -t", () => {
  const files = { x: "x".repeat(40) + "\n", y: "y".repeat(40) + "\n", t: "a\tb\n", u: "a\tc\n" };
  chk(["-w", "30", "x", "y"], "x".repeat(13) + " | " + "y".repeat(13) + "\n", 1, "", { files });
  chk(["-w", "40", "t", "u"], "a\tb" + " ".repeat(10) + "| a\tc\n", 1, "", { files });
  chk(["-t", "-w", "40", "t", "u"], "a       b          | a  c\n", 1, "", { files });
  chk(["--expand-tabs", "--tabsize=4", "-w", "40", "t", "u"], "a   b              | a  c\n", 1, "", { files });
});

test("options for diff: -i -b -W -B -I", () => {
  const files = { p: "A\n  x\n\nk\n#1\n", q: "a\n x\nk\n#2\n" };
  // diff reports nothing, so sdiff pairs the lines in order (the ignored blank line shifts them)
  chk(["-i", "-b", "-B", "-I", "^#", "-w", "20", "p", "q"], "A          a\n  x         x\n           k\nk          #2\n#1       (\n", 0, "", { files });
  chk(["-W", "-w", "20", "p", "q"], "A        | a\n  x         x\n         <\nk          k\n#1       | #2\n", 1, "", { files });
  chk(["-l", "-I", "^#", "-W", "-i", "-w", "20", "p", "q"], "A        (\n  x      (\n         <\nk        (\n#1       (\n", 1, "", { files });
});

test("-o: l/1 and r/2 choose a side, common lines are copied", () => {
  const r = sh("sdiff -o out a b; echo rc=$?; cat out", { files: F, stdin: "l\nr\n" });
  assert.ok(r.out.endsWith("%rc=1\none\ntwo\nthree\nfour\nfive\n"), r.out);
  const r2 = sh("sdiff -s -w 30 -o out a b; cat out", { files: F, stdin: "2\n1\n" });
  assert.is(r2.out, "two           | 2\n%              > five\n%one\n2\nthree\nfour\n");
});

test("-o: q and end of input quit with status 0 and keep what was merged", () => {
  const r = sh("sdiff -s -w 30 -o out a b; echo rc=$?; cat out", { files: F, stdin: "q\n" });
  assert.is(r.out, "two           | 2\n%rc=0\none\n");
  const e = sh("sdiff -s -w 30 -o out a b </dev/null; echo rc=$?; cat out", { files: F });
  assert.is(e.out, "two           | 2\n%rc=0\none\n");
});

test("-o: s/v and unknown commands print the help and prompt again", () => {
  const help = "e:\tedit blank diff\neb:\tedit both diffs concatenated\nel:\tedit left diff\ner:\tedit right diff\n" +
    "l | 1:\tchoose left diff\nr | 2:\tchoose right diff\ns:\tsilent mode--don't print identical lines\n" +
    "v:\tverbose mode--print identical lines\nq:\tquit\n";
  const r = sh("sdiff -w 30 -o out a b; cat out", { files: F, stdin: "x\ns\n  l\nr\n" });
  assert.is(r.out, "one             one\ntwo           | 2\n%" + help + "%%              > five\n%one\ntwo\nthree\nfour\nfive\n");
  const v = sh("sdiff -s -w 30 -o out a b", { files: F, stdin: "v\nl\nr\n" });
  assert.is(v.out, "two           | 2\n%" + help + "%three           three\nfour            four\n              > five\n%");
});

test("-o: e, el, er, eb run $EDITOR (or $VISUAL) on a temporary file", () => {
  const files = { ...F, "ed.sh": "#!/bin/sh\necho \"[$(cat \"$1\" | tr '\\n' ' ')]\" > \"$1\"\n" };
  const r = sh("chmod +x ed.sh; EDITOR=./ed.sh TMPDIR=$PWD sdiff -s -w 30 -o out a b >/dev/null; cat out; ls | grep -c sdiff", { files, stdin: "eb\ner\n" });
  assert.is(r.out, "one\n[two 2 ]\nthree\nfour\n[five ]\n0\n");
  const l = sh("chmod +x ed.sh; VISUAL=./ed.sh EDITOR=false sdiff -o out a b >/dev/null; cat out", { files, stdin: "el\ne\n" });
  assert.is(l.out, "one\n[two ]\nthree\nfour\n[]\n");
  const bad = sh("sdiff -s -o out a b >/dev/null; echo rc=$?; cat out", { files, stdin: "ex\nl\nl\n" });
  assert.is(bad.out, "rc=1\none\ntwo\nthree\nfour\n");
});

test("standard input as '-', binary files, identical names", () => {
  chk(["-w", "30", "-", "c"], "              > zero\none             one\ntwo           | three\n", 1, "", { stdin: "one\ntwo\n" });
  const bin = { p: "a\0b\n", q: "a\0c\n", r: "a\0b\n" };
  chk(["p", "q"], "Binary files p and q differ\n", 1, "", { files: bin });
  chk(["p", "r"], "", 0, "", { files: bin });
  chk(["-w", "20", "a", "a"], "one        one\ntwo        two\nthree      three\nfour       four\n", 0);
});

test("bytes pass through: invalid UTF-8 and multibyte characters count as bytes", () => {
  const files = { u: Buffer.from("\xff\xfe\n\xc3\xa9t\xc3\xa9\n", "latin1"), v: Buffer.from("x\n\xc3\xa9t\xc3\xa9\n", "latin1") };
  const r = run("sdiff", ["-w", "20", "u", "v"], { files });
  assert.is(r.stdout.toString("latin1"), "\xff\xfe       | x\n\xc3\xa9t\xc3\xa9      \xc3\xa9t\xc3\xa9\n");
  assert.is(r.status, 1);
});

test("errors: usage, width, tabsize, unreadable files, output file", () => {
  chk(["a"], "", 2, USAGE);
  chk(["-w", "4", "a", "b"], "", 2, "sdiff: width is too small: 4\n");
  chk(["-w", "x", "a", "b"], "", 2, "sdiff: width is invalid: x\n");
  chk(["--tabsize=0", "a", "b"], "", 2, "sdiff: tabsize is too small: 0\n");
  chk(["a", "nope"], "", 2, "sdiff: error opening nope: No such file or directory\n");
  chk(["-o", "d/x", "a", "b"], "", 2, "sdiff: could not open: d/x: No such file or directory\n");
  const q = run("sdiff", ["-Q", "a", "b"], { files: F });
  assert.match(q.err, /unrecognized option: Q\nusage: sdiff/);
  assert.is(q.status, 2);
  // a missing final newline: diff's "\ No newline" line is not a command (the reference fails too)
  const n = run("sdiff", ["-w", "20", "x", "y"], { files: { x: "a\nb", y: "a\nc" } });
  assert.is(n.out, "a          a\nb        | c\n");
  assert.is(n.err, "sdiff: file1 start is invalid: \n");
  assert.is(n.status, 2);
});

test("--help", () => {
  const r = run("sdiff", ["--help"]);
  assert.ok(r.out.startsWith("usage: sdiff [-abdilstW] [-I regexp] [-o outfile] [-w width] file1 file2\n\n-l, --left-column"));
  assert.is(r.status, 0);
});

test.run();
