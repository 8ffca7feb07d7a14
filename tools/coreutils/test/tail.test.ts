import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const TWENTY = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join("");
const FIVE = "l1\nl2\nl3\nl4\nl5\n";
const USAGE = "usage: tail [-F | -f | -r] [-q] [-b # | -c # | -n #] [file ...]\n";

test("default 10 lines; -n N, -n +N, -c N, -c +N", () => {
  const f = { f: TWENTY, a: FIVE };
  assert.is(run("tail", ["f"], { files: f }).out, TWENTY.split("\n").slice(10).join("\n"));
  assert.is(run("tail", ["-n", "+18", "f"], { files: f }).out, "18\n19\n20\n");
  assert.is(run("tail", ["-n", "-2", "a"], { files: f }).out, "l4\nl5\n");
  assert.is(run("tail", ["-n", "+0", "a"], { files: f }).out, FIVE);
  assert.is(run("tail", ["-n", "+1", "a"], { files: f }).out, FIVE);
  assert.is(run("tail", ["-n", "0", "a"], { files: f }).out, "");
  assert.is(run("tail", ["-c", "4", "a"], { files: f }).out, "\nl5\n");
  assert.is(run("tail", ["-c", "+13", "a"], { files: f }).out, "l5\n");
  assert.is(run("tail", ["-n", "50", "a"], { files: f }).out, FIVE);
  assert.is(run("tail", ["--lines=1", "a"], { files: f }).out, "l5\n");
  assert.is(run("tail", ["--bytes", "3", "a"], { files: f }).out, "l5\n");
});

test("obsolete forms: -N, +N, with b/c/l units and a trailing f/r", () => {
  const f = { a: FIVE };
  assert.is(run("tail", ["-3", "a"], { files: f }).out, "l3\nl4\nl5\n");
  assert.is(run("tail", ["+4", "a"], { files: f }).out, "l4\nl5\n");
  assert.is(run("tail", ["-3c", "a"], { files: f }).out, "l5\n");
  assert.is(run("tail", ["+13c", "a"], { files: f }).out, "l5\n");
  assert.is(run("tail", ["-2l", "a"], { files: f }).out, "l4\nl5\n");
  assert.is(run("tail", ["-2r", "a"], { files: f }).out, "l5\nl4\n");
  const r = run("tail", ["-3x", "a"], { files: f });
  assert.is(r.err, "tail: illegal option -- -3x\n");
  assert.is(r.status, 1);
});

test("-b counts 512-byte blocks", () => {
  const r = sh("/usr/bin/seq 1 1000 > big; tail -b 1 big | cmp - $(/usr/bin/tail -c 512 big > g; echo g) && echo ok; tail -b +2 big | wc -c");
  assert.is(r.out.replace(/ +/g, ""), "ok\n3381\n");
});

test("bad offsets and usage errors", () => {
  const f = { a: FIVE };
  let r = run("tail", ["-n", "x", "a"], { files: f });
  assert.is(r.err, "tail: illegal offset -- x: Invalid argument\n");
  assert.is(r.status, 1);
  r = run("tail", ["-c", "99999999999999999999", "a"], { files: f });
  assert.is(r.err, "tail: illegal offset -- 99999999999999999999: Result not representable\n");
  r = run("tail", ["-b", "99999999999999999", "a"], { files: f });
  assert.is(r.err, "tail: illegal offset -- 99999999999999999\n");
  for (const args of [["-n", "1", "-c", "1", "a"], ["-r", "-f", "a"], ["-rf", "a"]]) {
    r = run("tail", args, { files: f });
    assert.is(r.err, USAGE, args.join(" "));
    assert.is(r.status, 1);
  }
  r = sh("tail -z");
  assert.is(r.err, "tail: unrecognized option: z\n" + USAGE);
});

test("headers, -q, -v; missing file reported, others printed", () => {
  const files = { a: FIVE, b: "b1\nb2\n" };
  assert.is(run("tail", ["-n", "1", "a", "b"], { files }).out, "==> a <==\nl5\n\n==> b <==\nb2\n");
  assert.is(run("tail", ["-q", "-n", "1", "a", "b"], { files }).out, "l5\nb2\n");
  assert.is(run("tail", ["-v", "-n", "1", "a"], { files }).out, "==> a <==\nl5\n");
  const r = run("tail", ["-n", "1", "nope", "a"], { files });
  assert.is(r.out, "==> a <==\nl5\n");
  assert.is(r.err, "tail: nope: No such file or directory\n");
  assert.is(r.status, 1);
});

test("'-' is a file name (BSD); a directory is an error", () => {
  let r = run("tail", ["-n", "1", "-"], { stdin: FIVE });
  assert.is(r.err, "tail: -: No such file or directory\n");
  assert.is(r.status, 1);
  r = sh("mkdir d; tail d; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "tail: d: Is a directory\n");
});

test("-r: reverse lines, with -n and -c limits, files and pipes alike", () => {
  const f = { a: FIVE, b: "x\ny\nz" };
  for (const pipe of [false, true]) {
    const t = (args: string[], name: string) =>
      pipe ? run("tail", args, { stdin: f[name as "a"] }).out : run("tail", [...args, name], { files: f }).out;
    assert.is(t(["-r"], "a"), "l5\nl4\nl3\nl2\nl1\n", `pipe=${pipe}`);
    assert.is(t(["-r", "-n", "2"], "a"), "l5\nl4\n");
    assert.is(t(["-r", "-c", "4"], "a"), "l5\n\n");
    assert.is(t(["-r"], "b"), "zy\nx\n");
    assert.is(t(["-r", "-n", "+1"], "a"), "");
    assert.is(t(["-r", "-c", "100"], "a"), "l5\nl4\nl3\nl2\nl1\n");
  }
  // one byte, and a window larger than the piped input: nothing is lost (FreeBSD drops these)
  assert.is(run("tail", ["-r"], { stdin: "x" }).out, "x");
  assert.is(run("tail", ["-r", "-c", "100"], { stdin: "a\nb\n" }).out, "b\na\n");
  assert.is(run("tail", ["-r", "a", "b"], { files: f }).out, "==> a <==\nl5\nl4\nl3\nl2\nl1\n\n==> b <==\nzy\nx\n");
});

test("regular files and pipes give the same bytes (many shapes, compared with GNU tail/tac)", () => {
  const r = sh(`
    /usr/bin/seq 1 20000 > s; printf 'no newline at all' > n; : > e; printf '\\n\\n\\nabc' > m
    head -c 300000 /dev/zero | tr '\\0' z > w; echo >> w; cat w w s > ws
    for f in s n e m ws; do
      for o in "-n 1" "-n 7" "-n 0" "-n +3" "-n 99999" "-c 1" "-c 70000" "-c +5" "-c 0" "-n +99999"; do
        tail $o $f > r1; cat $f | tail $o > r2; /usr/bin/tail $o $f > g
        cmp -s r1 g && cmp -s r2 g || echo "bad $f $o"
      done
      tail -r $f | cmp -s - $(tac $f > t; echo t) || echo "bad -r $f"
      cat $f | tail -r | cmp -s - t || echo "bad pipe -r $f"
      tail -r -n 3 $f | cmp -s - $(/usr/bin/tail -n 3 $f | tac > t3; echo t3) || echo "bad -r -n $f"
    done; echo done`);
  assert.is(r.out, "done\n");
  assert.is(r.err, "");
});

test("no final newline and huge lines", () => {
  assert.is(run("tail", ["-n", "2", "a"], { files: { a: "x\ny\nz" } }).out, "y\nz");
  const r = sh("head -c 5000000 /dev/zero | tr '\\0' q > big; printf 'last' >> big; tail -n 1 big | wc -c; tail -c 5 big; echo; tail -n 2 big | cmp - big && echo whole");
  assert.is(r.out.replace(/^ +/, ""), "5000004\nqlast\nwhole\n");
});

test("a regular file is read from its end, not whole (8 GiB sparse file)", () => {
  const r = sh("truncate -s 8G sparse && printf 'a\\nb\\nc\\n' >> sparse && tail -n 2 sparse && tail -c 2 sparse && tail -r -n 1 sparse; echo rc=$?; rm -f sparse", { timeout: 10000 });
  assert.is(r.out, "b\nc\nc\nc\nrc=0\n");
});

test("binary data and NUL bytes", () => {
  const bin = Buffer.from([0x61, 10, 0x62, 0, 0x63, 10, 0xff, 0xfe]);
  assert.equal(run("tail", ["-n", "2"], { stdin: bin }).stdout, bin.subarray(2));
  assert.equal(run("tail", ["-n", "1", "b"], { files: { b: bin } }).stdout, bin.subarray(6));
});

test("-f picks up appended data, ignores -f on a pipe", () => {
  const r = sh(`printf 'one\\ntwo\\n' > log
    tail -f -n 1 log > out 2> err & p=$!
    sleep 0.5; printf 'three\\n' >> log; sleep 1.2
    kill $p; wait $p; echo "killed=$?"; cat out err
    printf 'p\\n' | tail -f; echo "pipe=$?"`);
  assert.is(r.out, "killed=143\ntwo\nthree\np\npipe=0\n");
});

test("-f with two files: headers on change; -F follows a replaced file", () => {
  const r = sh(`printf 'a1\\n' > x; printf 'b1\\n' > y
    tail -F x y > out & p=$!
    sleep 0.5; printf 'b2\\n' >> y; sleep 0.6
    mv x x.old; printf 'A\\n' > x; sleep 1
    kill $p; wait $p; cat out`);
  assert.is(r.out, "\n==> x <==\na1\n\n==> y <==\nb1\nb2\n\n==> x <==\nA\n");
});

test("-f: a truncated file is read again from its start", () => {
  const r = sh(`printf 'old line\\n' > log
    tail -f log > out & p=$!
    sleep 0.5; : > log; printf 'new\\n' >> log; sleep 1
    kill $p; wait $p; cat out`);
  assert.is(r.out, "old line\nnew\n");
});

test("-f on a missing file fails at once; -F waits for it", () => {
  let r = sh("tail -f nope; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "tail: nope: No such file or directory\n");
  r = sh(`tail -F later > out 2> err & p=$!
    sleep 0.4; printf 'hello\\n' > later; sleep 1
    kill $p; wait $p; cat out err`);
  assert.is(r.out, "hello\n");
});

test("following does not spin the CPU", () => {
  const r = sh(`printf 'x\\n' > f; tail -f f > /dev/null & p=$!; sleep 2
    t=$(cut -d' ' -f14,15 /proc/$p/stat); kill $p; wait $p
    set -- $t; echo $(( ($1 + $2) < 50 ))`);
  assert.is(r.out, "1\n");
});

test.run();
