import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const summary = (err: string) => err.split("\n").slice(0, 2).join("\n");

test("copies stdin to stdout; summary lines and their format", () => {
  const r = run("dd", [], { stdin: "hello\n" });
  assert.is(r.status, 0);
  assert.is(r.out, "hello\n");
  assert.match(r.err, /^0\+1 records in\n0\+1 records out\n6 bytes transferred in \d+\.\d{6} secs \(\d+ bytes\/sec\)\n$/);
});

test("ibs/obs reblocking counts full and partial records", () => {
  const r = run("dd", ["ibs=3", "obs=2", "status=noxfer"], { stdin: "abcdefg" });
  assert.is(r.out, "abcdefg");
  assert.is(r.err, "2+1 records in\n3+1 records out\n");
});

test("bs= writes each input block as read (pipe short reads)", () => {
  const r = sh("(printf ab; sleep 0.2; printf cd) | dd bs=4");
  assert.is(r.out, "abcd");
  assert.is(summary(r.err), "0+2 records in\n0+2 records out");
  // any other operand (status= too) turns that off: output is reblocked
  assert.is(summary(sh("(printf ab; sleep 0.2; printf cd) | dd bs=4 status=noxfer").err), "0+2 records in\n1+0 records out");
  const f = sh("(printf ab; sleep 0.2; printf cd) | dd bs=4 iflag=fullblock status=noxfer");
  assert.is(f.err, "1+0 records in\n1+0 records out\n");
});

test("conversions: ucase lcase swab sync block unblock ebcdic ascii parity", () => {
  assert.is(run("dd", ["conv=ucase", "status=none"], { stdin: "aBc" }).out, "ABC");
  assert.is(run("dd", ["conv=lcase", "status=none"], { stdin: "aBc" }).out, "abc");
  const s = run("dd", ["conv=swab", "status=noxfer"], { stdin: "abcde" });
  assert.is(s.out, "badce");
  assert.is(s.err, "0+1 records in\n0+1 records out\n1 odd length swab block\n");
  assert.is(run("dd", ["bs=4", "conv=sync", "status=none"], { stdin: "ab" }).out, "ab\0\0");
  assert.is(run("dd", ["bs=4", "conv=sync", "fillchar=z", "status=none"], { stdin: "ab" }).out, "abzz");
  const b = run("dd", ["cbs=4", "conv=block", "status=noxfer"], { stdin: "a\nbcdefg\nh" });
  assert.is(b.out, "a   bcdeh   ");
  assert.is(b.err, "0+1 records in\n0+1 records out\n2 truncated blocks\n");
  const u = run("dd", ["cbs=3", "conv=unblock", "status=noxfer"], { stdin: "a  bc d" });
  assert.is(u.out, "a\nbc\nd\n");
  assert.is(u.err, "dd: stdin: short input record\n0+1 records in\n0+1 records out\n");
  assert.is(sh("printf 'Hi{}' | dd conv=ebcdic status=none | dd conv=ascii status=none").out, "Hi{}");
  assert.is(sh("printf 'Hi[]' | dd conv=oldebcdic status=none | dd conv=oldascii status=none").out, "Hi[]");
});

test("skip/seek/iseek/oseek, notrunc, truncation after seek, sparse", () => {
  const d = tmpdir({ a: "abcdef", b: "......" });
  run("dd", ["if=a", "of=b", "bs=1", "iseek=2", "oseek=1", "count=2", "conv=notrunc", "status=none"], { cwd: d });
  assert.is(fs.readFileSync(path.join(d, "b"), "utf8"), ".cd...");
  run("dd", ["if=a", "of=b", "bs=2", "skip=1", "seek=1", "count=1", "status=none"], { cwd: d });
  assert.is(fs.readFileSync(path.join(d, "b"), "utf8"), ".ccd");
  sh("head -c 65536 /dev/zero | dd of=z bs=4096 conv=sparse status=none; printf x | dd of=z bs=1 seek=70000 conv=notrunc status=none", { cwd: d });
  assert.is(fs.statSync(path.join(d, "z")).size, 70001);
  const p = sh("printf abcdef | dd bs=2 skip=2 status=none");
  assert.is(p.out, "ef");
  assert.is(sh("printf ab | dd bs=2 skip=2").err.split("\n")[0], "dd: skip reached end of input");
});

test("sizes: suffixes and x products; errors", () => {
  assert.is(sh("head -c 5000 /dev/zero | dd bs=1kx2 count=2 status=none | wc -c").out.trim(), "4096");
  assert.is(sh("head -c 600 /dev/zero | dd bs=1b count=1 status=none | wc -c").out.trim(), "512");
  const cases: [string[], string][] = [
    [["bs=abc"], "dd: bs: invalid numeric value\n"],
    [["bs=1q"], "dd: bs: illegal numeric value\n"],
    [["bs=0"], "dd: bs must be between 1 and 9223372036854775807\n"],
    [["foo"], "dd: unknown operand foo\n"],
    [["foo=1"], "dd: unknown operand foo\n"],
    [["bs="], "dd: no value specified for bs\n"],
    [["bs=1", "bs=2"], "dd: bs: illegal argument combination or already set\n"],
    [["conv=block"], "dd: record operations require cbs\n"],
    [["cbs=2"], "dd: cbs meaningless if not doing record operations\n"],
    [["conv=lcase,ucase"], "dd: ucase: illegal conversion combination\n"],
    [["status=x"], "dd: unknown status x\n"],
    [["iflag=x"], "dd: unknown iflag x\n"],
    [["oflag=x"], "dd: unknown open flag x\n"],
    [["count=99999999999999999999"], "dd: count: Result not representable\n"],
    [["if=/nonexistent"], "dd: /nonexistent: No such file or directory\n"],
  ];
  for (const [args, err] of cases) {
    const r = run("dd", args, { stdin: "" });
    assert.is(r.err, err, args.join(" "));
    assert.is(r.status, 1);
  }
});

test("a write error prints the summary after the message", () => {
  const r = run("dd", ["of=/dev/full", "status=noxfer"], { stdin: "x" });
  assert.is(r.status, 1);
  assert.is(r.err, "dd: /dev/full: No space left on device\n0+1 records in\n0+0 records out\n");
});

test("SIGUSR1 prints the summary and the copy goes on", () => {
  const r = sh("dd if=/dev/zero of=/dev/null bs=1 count=2000000 status=noxfer & p=$!; sleep 0.4; kill -USR1 $p; wait $p");
  assert.is(r.status, 0);
  const lines = r.err.trim().split("\n");
  assert.is(lines.length, 4);
  assert.is(lines.slice(2).join("\n"), "2000000+0 records in\n2000000+0 records out");
});

test.run();
