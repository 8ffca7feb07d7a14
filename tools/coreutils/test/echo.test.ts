import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

test("arguments joined by one space, newline at the end", () => {
  const r = run("echo", ["a", "b  c", "", "d"]);
  assert.is(r.out, "a b  c  d\n");
  assert.is(r.err, "");
  assert.is(r.status, 0);
  assert.is(run("echo").out, "\n");
  assert.is(run("echo", [""]).out, "\n");
});

test("only a literal first -n is an option", () => {
  assert.is(run("echo", ["-n", "a", "b"]).out, "a b");
  assert.is(run("echo", ["-n"]).out, "");
  assert.is(run("echo", ["a", "-n"]).out, "a -n\n");
  assert.is(run("echo", ["-n", "-n", "x"]).out, "-n x");
  assert.is(run("echo", ["-nn", "x"]).out, "-nn x\n");
  assert.is(run("echo", ["-e", "-E", "--", "-"]).out, "-e -E -- -\n");
  assert.is(run("echo", ["--help"]).out, "--help\n");
});

test("backslashes are text, except \\c ending the last argument", () => {
  assert.is(run("echo", ["a\\tb\\n", "\\0101"]).out, "a\\tb\\n \\0101\n");
  assert.is(run("echo", ["abc\\c"]).out, "abc");
  assert.is(run("echo", ["a\\c", "b"]).out, "a\\c b\n");
  assert.is(run("echo", ["a", "b\\cd"]).out, "a b\\cd\n");
  assert.is(run("echo", ["x", "\\c"]).out, "x ");
  assert.is(run("echo", ["-n", "\\c"]).out, "");
  assert.is(run("echo", ["\\\\c"]).out, "\\");
  assert.is(run("echo", ["c"]).out, "c\n");
});

test("bytes pass unchanged, invalid UTF-8 included", () => {
  const bad = Buffer.from([0x61, 0xff, 0xc3, 0x28, 0x80]);
  const r = run("echo", [bad, "été"]);
  assert.equal(r.stdout, Buffer.concat([bad, Buffer.from(" été\n")]));
  assert.equal(run("echo", [Buffer.from([0xfe, 0x5c, 0x63])]).stdout, Buffer.from([0xfe]));
});

test("many and large arguments", () => {
  const args = Array.from({ length: 5000 }, (_, i) => "w" + i);
  assert.is(run("echo", args).out, args.join(" ") + "\n");
  const big = "x".repeat(100000);
  assert.is(run("echo", [big, big]).out.length, 200002);
});

test("write errors: ARGV0: write: reason, status 1; closed pipe: SIGPIPE", () => {
  const r = sh("env echo hello > /dev/full");
  assert.is(r.err, "echo: write: No space left on device\n");
  assert.is(r.status, 1);
  const p = sh(`(env echo $(/usr/bin/seq 100000); echo $? > st) | /usr/bin/head -c 3; /usr/bin/cat st`);
  assert.is(p.out, "1 2141\n");
  assert.is(p.err, "");
});

test.run();
