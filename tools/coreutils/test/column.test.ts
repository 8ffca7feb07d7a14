import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const ITEMS = Array.from({ length: 12 }, (_, i) => `item${i + 1}\n`).join("");

test("fills columns down, then across with -x; -c sets the width", () => {
  const f = { f: ITEMS };
  assert.is(run("column", ["-c", "40", "f"], { files: f }).out,
    "item1\titem4\titem7\titem10\nitem2\titem5\titem8\titem11\nitem3\titem6\titem9\titem12\n");
  assert.is(run("column", ["-x", "-c", "40", "f"], { files: f }).out,
    "item1\titem2\titem3\titem4\titem5\nitem6\titem7\titem8\titem9\titem10\nitem11\titem12\n");
  assert.is(run("column", ["f"], { files: f, env: { COLUMNS: "20" } }).out,
    "item1\titem7\nitem2\titem8\nitem3\titem9\nitem4\titem10\nitem5\titem11\nitem6\titem12\n");
  assert.is(run("column", ["-c", "5", "f"], { files: f }).out, ITEMS);
});

test("blank lines are skipped; a last line without a newline is an entry (reference bug fixed)", () => {
  assert.is(run("column", [], { stdin: "a\n  \n\nb" }).out, "a\tb\n");
  const r = run("column", ["-t"], { stdin: "a b\nc d" });
  assert.is(r.out, "a  b\nc  d\n");
  assert.is(r.status, 0);
  assert.is(r.err, "");
});

test("-t tables, -s separators, -l limits the fields", () => {
  assert.is(run("column", ["-t"], { stdin: "name age\nalice 30\n" }).out, "name   age\nalice  30\n");
  assert.is(run("column", ["-t", "-s", ":,"], { stdin: "a:b,c\nd,,e:f\n" }).out, "a  b  c\nd  e  f\n");
  assert.is(run("column", ["-t", "-l", "2"], { stdin: "a b  c d\nxx y\n" }).out, "a   b  c d\nxx  y\n");
  assert.is(run("column", ["-t", "-s", "é"], { stdin: "aébéc\n" }).out, "a  b  c\n");
});

test("widths are display widths; LC_ALL=C counts bytes and keeps them", () => {
  assert.is(run("column", ["-t"], { stdin: "日本 x\nab y\n" }).out, "日本  x\nab    y\n");
  const r = run("column", ["-t"], { stdin: Buffer.from("\xe9t\xe9 x\nabcde y\n", "latin1") as any, env: { LC_ALL: "C" } });
  assert.equal([...r.stdout], [...Buffer.from("\xe9t\xe9    x\nabcde  y\n", "latin1")]);
});

test("errors: bad width, -l without -t, missing file, bad option", () => {
  let r = run("column", ["-c", "x"]);
  assert.is(r.err, 'column: invalid terminal width "x": invalid\n');
  assert.is(r.status, 1);
  r = run("column", ["-l", "2"]);
  assert.is(r.err, "column: the -l flag cannot be used without the -t flag\n");
  r = run("column", ["nope", "f"], { files: { f: "a\n" } });
  assert.is(r.err, "column: nope: No such file or directory\n");
  assert.is(r.out, "a\n");
  assert.is(r.status, 1);
  r = run("column", ["-Q"]);
  assert.ok(r.err.endsWith("usage: column [-tx] [-c columns] [-l tblcols] [-s sep] [file ...]\n"));
  assert.is(r.status, 1);
});

test("lines over LINE_MAX characters are refused piecewise, as the reference does", () => {
  const r = run("column", [], { stdin: "x".repeat(2048) + "yz\nab\n", env: { COLUMNS: "80" } });
  assert.is(r.err, "column: line too long\n");
  assert.is(r.out, "yz\tab\n");
  assert.is(r.status, 1);
});

test.run();
