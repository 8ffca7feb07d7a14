import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const U = "usage: cut -b list [-n] [file ...]\n       cut -c list [file ...]\n       cut -f list [-s] [-w | -d delim] [file ...]\n";
const L = "one:two:three:four\na:b\nnodelim\n";
const bytes = (s: string) => Buffer.from(s, "latin1");

test("-f with -d: single, ranges, open ranges, overlaps, -s", () => {
  const files = { f: L };
  assert.is(run("cut", ["-d:", "-f1", "f"], { files }).out, "one\na\nnodelim\n");
  assert.is(run("cut", ["-d:", "-f2-3", "f"], { files }).out, "two:three\nb\nnodelim\n");
  assert.is(run("cut", ["-d:", "-f2-", "f"], { files }).out, "two:three:four\nb\nnodelim\n");
  assert.is(run("cut", ["-d:", "-f-2", "f"], { files }).out, "one:two\na:b\nnodelim\n");
  assert.is(run("cut", ["-d:", "-f1-2,2-3", "f"], { files }).out, "one:two:three\na:b\nnodelim\n");
  assert.is(run("cut", ["-d:", "-f", "4 1", "f"], { files }).out, "one:four\na\nnodelim\n");
  assert.is(run("cut", ["-s", "-d:", "-f2", "f"], { files }).out, "two\nb\n");
  assert.is(run("cut", ["-d,", "-f2,4", "f"], { files: { f: "a,,c,\n,,,\n" } }).out, ",\n,\n");
});

test("-f: default tab, -w runs of blanks, multibyte delimiter, no final newline", () => {
  assert.is(run("cut", ["-f2", "f"], { files: { f: "a\tb\tc\nx y\n" } }).out, "b\nx y\n");
  assert.is(run("cut", ["-w", "-f2", "f"], { files: { f: "a   b\tc\n  lead x\n" } }).out, "b\nlead\n");
  assert.is(run("cut", ["-w", "-f1,3", "f"], { files: { f: "a  b  c\n" } }).out, "a\tc\n");
  assert.is(run("cut", ["-dé", "-f2", "f"], { files: { f: "aébéc\n" } }).out, "b\n");
  assert.is(run("cut", ["-d:", "-f2", "f"], { files: { f: "a:b" } }).out, "b\n");
  assert.is(run("cut", ["-d:", "-f2", "f"], { files: { f: "nodelim" } }).out, "nodelim");
  assert.is(run("cut", ["-d,", "-f2", "f"], { files: { f: "a,b\r\nc,d\r\n" } }).out, "b\r\nd\r\n");
});

test("-b and -c: ranges, short lines, lines without newline", () => {
  assert.is(run("cut", ["-b", "1-3", "f"], { files: { f: "abcdef\nxy\n" } }).out, "abc\nxy\n");
  assert.is(run("cut", ["-c", "2-", "f"], { files: { f: "abcdef\n" } }).out, "bcdef\n");
  assert.is(run("cut", ["-c", "3-1", "f"], { files: { f: "abc\n" } }).out, "\n");
  assert.is(run("cut", ["-c", "5-10", "f"], { files: { f: "abc\nabcdefgh\n" } }).out, "\nefgh\n");
  assert.is(run("cut", ["-c1-2", "f"], { files: { f: "abc" } }).out, "ab\n");
  assert.is(run("cut", ["-c1-5", "f"], { files: { f: "abc" } }).out, "abc");
  assert.is(run("cut", ["-c", "1 3", "f"], { files: { f: "abcd\n" } }).out, "ac\n");
  assert.is(run("cut", ["-c1"], { stdin: "abc\ndef\n" }).out, "a\nd\n");
  assert.is(run("cut", ["-c1", "a", "-", "b"], { files: { a: "ab\n", b: "cd\n" }, stdin: "xy\n" }).out, "a\nx\nc\n");
});

test("characters in UTF-8, bytes in the C locale, -n", () => {
  const files = { f: "étés\n日本語で\n" };
  assert.is(run("cut", ["-c", "1-3", "f"], { files }).out, "été\n日本語\n");
  assert.equal(run("cut", ["-c", "1-3", "f"], { files, env: { LC_ALL: "C" } }).stdout, Buffer.from("ét\n日\n"));
  assert.is(run("cut", ["-n", "-b", "1-2", "f"], { files: { f: "été\n" } }).out, "é\n");
  assert.is(run("cut", ["-n", "-b", "1-2,4-", "f"], { files: { f: "héllo\n" } }).out, "hllo\n");
  assert.is(run("cut", ["-b", "1-2", "f"], { files: { f: "été\n" } }).stdout.length, 3);
});

test("invalid UTF-8: -c stops the file, -f reports it, -b does not care", () => {
  let r = run("cut", ["-c", "1-3", "f"], { files: { f: bytes("a\xffbcd\n") } });
  assert.is(r.out, "a");
  assert.is(r.err, "");
  assert.is(r.status, 0);
  // past the last position the invalid byte ends the line instead
  assert.is(run("cut", ["-c1"], { stdin: bytes("ab\xffcd\n") }).out, "a\nc\n");
  r = run("cut", ["-c1-3"], { stdin: bytes("ab\xc3acd\n") });
  assert.is(r.out, "ab");
  assert.is(r.err, "cut: stdin: Illegal byte sequence\n");
  assert.is(r.status, 1);
  r = run("cut", ["-d:", "-f2"], { stdin: bytes("a:b\n\xc3(:x\nc:d\n") });
  assert.is(r.out, "b\n");
  assert.is(r.err, "cut: stdin: Illegal byte sequence\n");
  assert.is(r.status, 1);
  // for a named file the status stays 0, as FreeBSD only counts standard input
  assert.is(run("cut", ["-d:", "-f2", "f"], { files: { f: bytes("\xff:x\n") } }).status, 0);
  assert.equal(run("cut", ["-b2-3", "f"], { files: { f: bytes("a\xff\0b\n") } }).stdout, bytes("\xff\0\n"));
  assert.equal(run("cut", ["-d:", "-f2", "f"], { files: { f: bytes("\xff:\xfe\n") }, env: { LC_ALL: "C" } }).stdout, bytes("\xfe\n"));
});

test("usage and list errors", () => {
  let r = sh("cut f", { files: { f: "a\n" } });
  assert.is(r.err, U);
  assert.is(r.status, 1);
  assert.is(sh("cut -x f").err, "cut: unrecognized option: x\n" + U);
  for (const a of [["-s", "-c1"], ["-d:", "-c1"], ["-w", "-b1"], ["-n", "-c1"], ["-f1", "-b1"], ["-w", "-d:", "-f1"]])
    assert.is(run("cut", [...a, "f"], { files: { f: "a\n" } }).err, U, a.join(" "));
  assert.is(run("cut", ["-d", "ab", "-f1"]).err, "cut: bad delimiter\n");
  assert.is(run("cut", ["-d", "", "-f1"]).err, "cut: bad delimiter\n");
  assert.is(run("cut", ["-d", "é", "-f1"], { env: { LC_ALL: "C" } }).err, "cut: bad delimiter\n");
  assert.is(run("cut", ["-c", "0"]).err, "cut: [-bcf] list: values may not include zero\n");
  assert.is(run("cut", ["-c", "1,,2"]).err, "cut: [-bcf] list: values may not include zero\n");
  assert.is(run("cut", ["-c", "x"]).err, "cut: [-bcf] list: illegal list value\n");
  r = run("cut", ["-c1", "nope", "f"], { files: { f: "ab\n" } });
  assert.is(r.err, "cut: nope: No such file or directory\n");
  assert.is(r.out, "a\n");
  assert.is(r.status, 1);
});

test("long lines", () => {
  const long = "x".repeat(200000) + ":" + "y".repeat(200000) + "\n";
  assert.is(run("cut", ["-d:", "-f2", "f"], { files: { f: long } }).out, "y".repeat(200000) + "\n");
  assert.is(run("cut", ["-c200000-200002", "f"], { files: { f: long } }).out, "x:y\n");
});

test.run();
