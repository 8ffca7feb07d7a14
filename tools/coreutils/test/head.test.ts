import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const TWENTY = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join("");
const FIVE = "l1\nl2\nl3\nl4\nl5\n";

test("default is 10 lines; -n, -c, attached and long forms", () => {
  const f = { f: TWENTY };
  assert.is(run("head", ["f"], { files: f }).out, TWENTY.split("\n").slice(0, 10).join("\n") + "\n");
  assert.is(run("head", ["-n", "3", "f"], { files: f }).out, "1\n2\n3\n");
  assert.is(run("head", ["-n3", "f"], { files: f }).out, "1\n2\n3\n");
  assert.is(run("head", ["--lines=2", "f"], { files: f }).out, "1\n2\n");
  assert.is(run("head", ["--lines", "2", "f"], { files: f }).out, "1\n2\n");
  assert.is(run("head", ["--byt=3", "f"], { files: f }).out, "1\n2");
  assert.is(run("head", ["-c5", "f"], { files: f }).out, "1\n2\n3");
});

test("obsolete -NUM form, only before other arguments", () => {
  assert.is(run("head", ["-3", "f"], { files: { f: TWENTY } }).out, "1\n2\n3\n");
  const r = run("head", ["--", "-3"], { files: { f: TWENTY } });
  assert.is(r.err, "head: -3: No such file or directory\n");
  assert.is(r.status, 1);
});

test("expand_number counts: k, kb, hex; zero, negative and junk are errors", () => {
  const r = sh("/usr/bin/seq 1 2000 > big; head -c 1k big | wc -c; head -c 2kb big | wc -c; head -c 0x10 big | wc -c");
  assert.is(r.out.replace(/ +/g, ""), "1024\n2048\n16\n");
  for (const [arg, msg] of [["0", "line count -- 0"], ["-1", "line count -- -1"], ["abc", "line count -- abc"],
    ["08", "line count -- 08"], ["9223372036854775808", "line count -- 9223372036854775808"]]) {
    const e = run("head", ["-n", arg!, "a"], { files: { a: FIVE } });
    assert.is(e.err, `head: illegal ${msg}\n`, arg);
    assert.is(e.status, 1);
    assert.is(e.out, "");
  }
  assert.is(run("head", ["-c", "0", "a"], { files: { a: FIVE } }).err, "head: illegal byte count -- 0\n");
});

test("-n and -c together are refused", () => {
  const r = run("head", ["-n", "2", "-c", "3", "a"], { files: { a: FIVE } });
  assert.is(r.err, "head: can't combine line and byte counts\n");
  assert.is(r.status, 1);
  assert.is(r.out, "");
});

test("headers for several files, -q and -v, empty file", () => {
  const files = { a: FIVE, b: "b1\nb2\nb3\n", e: "" };
  assert.is(run("head", ["-n", "2", "a", "b"], { files }).out, "==> a <==\nl1\nl2\n\n==> b <==\nb1\nb2\n");
  assert.is(run("head", ["-c", "3", "a", "b"], { files }).out, "==> a <==\nl1\n\n==> b <==\nb1\n");
  assert.is(run("head", ["-q", "-n", "1", "a", "b"], { files }).out, "l1\nb1\n");
  assert.is(run("head", ["--silent", "-n", "1", "a", "b"], { files }).out, "l1\nb1\n");
  assert.is(run("head", ["-v", "-n", "1", "a"], { files }).out, "==> a <==\nl1\n");
  assert.is(run("head", ["-q", "-v", "-n", "1", "a"], { files }).out, "==> a <==\nl1\n");
  assert.is(run("head", ["a", "e"], { files }).out, "==> a <==\n" + FIVE + "\n==> e <==\n");
});

test("missing file: exact message, the others still printed, status 1", () => {
  const r = run("head", ["-n", "1", "nope", "a"], { files: { a: FIVE } });
  assert.is(r.err, "head: nope: No such file or directory\n");
  assert.is(r.out, "==> a <==\nl1\n");
  assert.is(r.status, 1);
});

test("'-' is a file name, not standard input (BSD)", () => {
  const r = run("head", ["-n", "1", "-"], { stdin: "in\n" });
  assert.is(r.err, "head: -: No such file or directory\n");
  assert.is(r.status, 1);
  assert.is(run("head", ["-n", "1", "-"], { files: { "-": "dash\n" } }).out, "dash\n");
});

test("bad option: musl message and usage", () => {
  // run through the shell so that argv[0], which musl's messages start with, is "head"
  const r = sh("head -x a", { files: { a: FIVE } });
  assert.is(r.err, "head: unrecognized option: x\nusage: head [-n lines | -c bytes] [file ...]\n");
  assert.is(r.status, 1);
  assert.is(r.out, "");
  assert.is(sh("head -n").err, "head: option requires an argument: n\nusage: head [-n lines | -c bytes] [file ...]\n");
  assert.is(sh("head --frob").err, "head: unrecognized option: frob\nusage: head [-n lines | -c bytes] [file ...]\n");
});

test("standard input, no final newline, NUL bytes", () => {
  assert.is(run("head", ["-n", "2"], { stdin: TWENTY }).out, "1\n2\n");
  assert.is(run("head", ["-n", "5", "a"], { files: { a: "x\ny" } }).out, "x\ny");
  assert.is(run("head", ["-n", "1"], { stdin: "" }).out, "");
  const bin = Buffer.from([0x61, 0, 0x62, 10, 0xff, 0, 10, 0x64, 10]);
  assert.equal(run("head", ["-n", "2"], { stdin: bin }).stdout, bin.subarray(0, 7));
});

test("a 3 MB line and large binary data are copied exactly", () => {
  const r = sh("head -c 3000000 /dev/zero | tr '\\0' a > long; echo >> long; echo tail >> long; " +
    "head -n 1 long | cmp -n 3000001 - long && head -n 1 long | wc -c; " +
    "head -c 5000000 /dev/urandom > rnd; head -c 4321987 rnd > part; /usr/bin/head -c 4321987 rnd | cmp - part && echo same");
  assert.is(r.out.replace(/ +/g, ""), "3000001\nsame\n");
  assert.is(r.err, "");
});

test("line counting across read boundaries matches GNU head", () => {
  const r = sh("/usr/bin/seq 1 300000 > s; for n in 1 9999 65536 123457 300000 400000; do head -n $n s | cmp - $(/usr/bin/head -n $n s > g$n; echo g$n) || echo bad $n; done; echo ok");
  assert.is(r.out, "ok\n");
});

test("yes | head -n 1: status 0, nothing on stderr", () => {
  const r = sh("yes | head -n 1; echo $?");
  assert.is(r.out, "y\n0\n");
  assert.is(r.err, "");
});

test("a directory is reported (read error), the next file still printed", () => {
  const r = sh("mkdir d; printf 'x\\n' > a; head d a; echo rc=$?");
  assert.is(r.out, "==> d <==\n\n==> a <==\nx\nrc=1\n");
  assert.is(r.err, "head: d: Is a directory\n");
});

test("closed output pipe: silent SIGPIPE death", () => {
  const r = sh("/usr/bin/seq 1 1000000 > s; (head -n 900000 s; echo $? > st) | /usr/bin/head -n 1 >/dev/null; cat st");
  assert.is(r.out, "141\n");
  assert.is(r.err, "");
});

test.run();
