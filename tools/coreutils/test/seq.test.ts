import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const seq = (...args: string[]) => run("seq", args);

test("first, increment, last; the default increment follows the direction", () => {
  assert.is(seq("3").out, "1\n2\n3\n");
  assert.is(seq("2", "4").out, "2\n3\n4\n");
  assert.is(seq("1", "3", "10").out, "1\n4\n7\n10\n");
  assert.is(seq("3", "1").out, "3\n2\n1\n");
  assert.is(seq("-3", "-1").out, "-3\n-2\n-1\n");
  assert.is(seq("5", "-2", "0").out, "5\n3\n1\n");
  // FreeBSD: first (1) > last (0), so the increment is -1 (GNU prints nothing)
  assert.is(seq("0").out, "1\n0\n");
  assert.is(seq("-0", "1").out, "0\n1\n");
  assert.is(seq("0x10", "0x12").out, "16\n17\n18\n");
  assert.is(seq("2", "2").out, "2\n");
});

test("fractions: n-th value is first + n*incr, and the last value is not lost", () => {
  assert.is(seq("0", "0.25", "1").out, "0\n0.25\n0.5\n0.75\n1\n");
  assert.is(seq("1", "0.1", "1.3").out, "1\n1.1\n1.2\n1.3\n");
  assert.is(seq("1", "1.5", "6").out, "1\n2.5\n4\n5.5\n");
  assert.is(seq("0", "0.1", "0.3").out, "0\n0.1\n0.2\n0.3\n");
  assert.is(seq("1e-5", "1e-5", "3e-5").out, "1e-05\n2e-05\n3e-05\n");
});

test("integers up to 2^53 print with %.0f, others with %g", () => {
  assert.is(seq("99999999", "100000001").out, "99999999\n100000000\n100000001\n");
  assert.is(seq("1e15", "1e15").out, "1000000000000000\n");
  assert.is(seq("0.5", "2").out, "0.5\n1.5\n");
  // above 2^53: %g, and 1e16 - 1 rounds back to 1e16, so it shows twice (as in FreeBSD)
  assert.is(seq("1e16", "1e16").out, "1e+16\n1e+16\n");
  const r = seq("100000");
  assert.is(r.out.split("\n").length, 100001);
  assert.ok(r.out.endsWith("99999\n100000\n"));
});

test("-w pads to equal width", () => {
  assert.is(seq("-w", "8", "11").out, "08\n09\n10\n11\n");
  assert.is(seq("-w", "-5", "3", "5").out, "-5\n-2\n01\n04\n");
  assert.is(seq("-w", "0", ".05", ".1").out, "0.00\n0.05\n0.10\n");
  assert.is(seq("--equal-width", "9", "10").out, "09\n10\n");
  // twice: the ' ' flag instead of zeros
  assert.is(seq("-ww", "9", "10").out, " 9\n 10\n");
  // -f wins over -w
  assert.is(seq("-w", "-f", "%g", "9", "10").out, "9\n10\n");
});

test("-s between numbers, -t at the end (default newline), with C escapes", () => {
  assert.is(seq("-s", ",", "1", "3").out, "1,2,3\n");
  assert.is(seq("-s", "\\t", "1", "3").out, "1\t2\t3\n");
  assert.is(seq("-s", ", ", "-t", "!\\n", "1", "3").out, "1, 2, 3!\n");
  assert.is(seq("-t", "", "1", "2").out, "1\n2");
  assert.is(seq("--separator=\\x41", "--terminator=\\101\\e", "1", "2").out, "1A2A\x1b");
  assert.is(seq("-s", "a\\0b", "1", "3").out, "1a2a3\n");
  assert.is(seq("-s", "\\q\\", "1", "2").out, "1\\q\\2\n");
  const r = run("seq", ["-s", Buffer.from([0xff, 0x2d]), "1", "3"]);
  assert.equal(r.stdout, Buffer.from([0x31, 0xff, 0x2d, 0x32, 0xff, 0x2d, 0x33, 0x0a]));
});

test("-f: one floating conversion, flags, %%, escapes", () => {
  assert.is(seq("-f", "%05.2f", "1", "3").out, "01.00\n02.00\n03.00\n");
  assert.is(seq("-f", "%g%%", "1", "2").out, "1%\n2%\n");
  assert.is(seq("-f", "<%e>\\t", "1", "1").out, "<1.000000e+00>\t\n");
  assert.is(seq("--format=%a", "1", "0.5", "2").out, "0x1p+0\n0x1.8p+0\n0x1p+1\n");
  assert.is(seq("-f", "%+.1f", "-1", "1").out, "-1.0\n+0.0\n+1.0\n");
});

test("bad formats", () => {
  for (const f of ["%d", "%x", "%g %g", "%%", "abc", "%5%g", "%s"]) {
    const r = seq("-f", f, "1", "2");
    assert.is(r.err, `seq: invalid format string: \`${f}'\n`, f);
    assert.is(r.status, 1);
    assert.is(r.out, "");
  }
  // valid before unescaping, not after
  const r = seq("-f", "%g\\x25d", "1");
  assert.is(r.err, "seq: invalid format string\n");
  assert.is(r.status, 1);
});

test("bad numbers exit 2, bad increments exit 1", () => {
  let r = seq("abc");
  assert.is([r.err, r.status].join("|"), "seq: invalid floating point argument: abc\n|2");
  r = seq("1", "2x");
  assert.is([r.err, r.status].join("|"), "seq: invalid floating point argument: 2x\n|2");
  // the last operand is checked first
  r = seq("bad1", "bad2");
  assert.is(r.err, "seq: invalid floating point argument: bad2\n");
  r = seq("1e400");
  assert.is([r.err, r.status].join("|"), "seq: 1e400: Result not representable\n|2");
  r = seq("1", "0", "5");
  assert.is([r.out, r.err, r.status].join("|"), "|seq: zero increment\n|1");
  r = seq("5", "0", "1");
  assert.is(r.err, "seq: zero decrement\n");
  r = seq("1", "-1", "5");
  assert.is([r.err, r.status].join("|"), "seq: needs positive increment\n|1");
  r = seq("5", "1", "1");
  assert.is([r.err, r.status].join("|"), "seq: needs negative decrement\n|1");
});

test("usage: operand count, -h, unknown options", () => {
  const usage = "usage: seq [-w] [-f format] [-s string] [-t string] [first [incr]] last\n";
  for (const a of [[], ["1", "2", "3", "4"], ["-h"], ["--help", "1"]]) {
    const r = seq(...a);
    assert.ok(r.err.endsWith(usage), a.join(" "));
    assert.is(r.status, 1);
    assert.is(r.out, "");
  }
  const r = sh("seq -x 1");
  assert.is(r.err, "seq: unrecognized option: x\n" + usage);
  assert.is(r.status, 1);
});

test("a closed pipe ends seq by SIGPIPE", () => {
  const r = sh("(seq 1000000000; echo $? > st) | /usr/bin/head -n 2; /usr/bin/cat st");
  assert.is(r.out, "1\n2\n141\n");
  assert.is(r.err, "");
});

test.run();
