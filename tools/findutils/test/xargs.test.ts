import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const USAGE =
  "usage: xargs [-0opt] [-E eofstr] [-I replstr [-R replacements] [-S replsize]]\n" +
  "             [-J replstr] [-L number] [-n number [-x]] [-P maxprocs]\n" +
  "             [-s size] [utility [argument ...]]\n";

test("default utility is /bin/echo; blanks, tabs, newlines separate", () => {
  assert.is(run("xargs", [], { stdin: "a  b\tc\n\nd\n" }).out, "a b c d\n");
  assert.is(run("xargs", ["-t"], { stdin: "a\n" }).err, "/bin/echo a\n");
});

test("quotes and backslashes", () => {
  const r = run("xargs", ["printf", "<%s>"], { stdin: `'a b' "c 'd" e\\ f '' g\\'h\n` });
  assert.is(r.out, "<a b><c 'd><e f><><g'h>");
  const u = run("xargs", ["echo"], { stdin: "'abc\n" });
  assert.is(u.err, "xargs: unterminated quote\n");
  assert.is(u.status, 1);
  const b = run("xargs", ["echo"], { stdin: "abc\\" });
  assert.is(b.err, "xargs: backslash at EOF\n");
  assert.is(b.status, 1);
});

test("-0: NUL only separates, quotes literal, bytes kept", () => {
  const r = run("xargs", ["-0", "printf", "<%s>"], { stdin: Buffer.from("a 'b'\n\0\xff\xfe\0", "latin1") });
  assert.equal([...r.stdout], [...Buffer.from("<a 'b'\n><\xff\xfe>", "latin1")]);
  const e = run("xargs", ["-0", "-n", "1", "echo", "[", "]"], { stdin: "a\0\0b\0" });
  assert.is(e.out, "[ ] a\n[ ] b\n");
});

test("-n, -L, -s limits; -x", () => {
  assert.is(run("xargs", ["-n", "2"], { stdin: "1 2 3 4 5\n" }).out, "1 2\n3 4\n5\n");
  assert.is(run("xargs", ["-L", "2", "echo"], { stdin: "a b\nc\nd\n" }).out, "a b c\nd\n");
  assert.is(run("xargs", ["-s", "12", "echo"], { stdin: "aaa bbb ccc ddd\n" }).out, "aaa\nbbb\nccc\nddd\n");
  const x = run("xargs", ["-n", "5", "-x", "-s", "10", "echo"], { stdin: "aaaaaaaaaaa\n" });
  assert.is(x.err, "xargs: insufficient space for argument\n");
  assert.is(x.status, 1);
  for (const [o, a, m] of [["-n", "0", "-n 0: too small"], ["-L", "x", "-L x: invalid"], ["-P", "-1", "-P -1: too small"], ["--max-args", "0", "-n 0: too small"]]) {
    const r = run("xargs", [o!, a!, "echo"], { stdin: "a\n" });
    assert.is(r.err, `xargs: ${m}\n`);
    assert.is(r.status, 1);
  }
  assert.is(run("xargs", ["-s", "3", "echo"], { stdin: "a\n" }).err, "xargs: insufficient space for command\n");
});

test("usage errors", () => {
  const q = sh("xargs -Q");
  assert.is(q.err, "xargs: unrecognized option: Q\n" + USAGE);
  assert.is(q.status, 1);
  assert.is(run("xargs", ["-x", "echo"], { stdin: "a\n" }).err, USAGE);
  assert.is(run("xargs", ["-R", "2", "echo"], { stdin: "a\n" }).err, USAGE);
  assert.is(run("xargs", ["-I", "", "echo"], { stdin: "a\n" }).err, "xargs: replstr may not be empty\n");
  assert.is(run("xargs", ["-I", "X", "-R", "0", "echo"], { stdin: "a\n" }).err, "xargs: -R 0: must be non-zero\n");
});

test("-I, -R, -S, -J", () => {
  assert.is(run("xargs", ["-I", "{}", "echo", "[{}]", "{}{}"], { stdin: "  one\ntwo  words\n" }).out, "[one] oneone\n[two words] two wordstwo words\n");
  assert.is(run("xargs", ["-I", "X", "-R", "1", "echo", "X", "X"], { stdin: "a\n" }).out, "a X\n");
  const s = run("xargs", ["-I", "X", "-S", "5", "echo", "XX"], { stdin: "abc\n" });
  assert.is(s.err, "xargs: command line cannot be assembled, too long\n");
  assert.is(s.status, 1);
  assert.is(run("xargs", ["-J", "%", "echo", "start", "%", "end"], { stdin: "a b\n" }).out, "start a b end\n");
  assert.is(run("xargs", ["-E", "STOP", "echo"], { stdin: "a STOPx STOP b\n" }).out, "a STOPx\n");
});

test("exit statuses and messages", () => {
  assert.is(sh("echo a | xargs false; echo rc=$?").out, "rc=1\n");
  const nf = sh("echo a | xargs nosuchcmd-xa; echo rc=$?");
  assert.is(nf.out, "rc=127\n");
  assert.is(nf.err, "xargs: nosuchcmd-xa: No such file or directory\n");
  const ne = sh("printf 'echo hi\\n' > s; chmod +x s; echo a | xargs ./s; echo rc=$?");
  assert.is(ne.out, "rc=126\n");
  assert.is(ne.err, "xargs: ./s: Exec format error\n");
  const ff = sh("echo a b | xargs -n 1 sh -c 'echo $0; exit 255'; echo rc=$?");
  assert.is(ff.out, "a\nrc=1\n");
  assert.is(ff.err, "xargs: sh: exited with status 255; aborting\n");
  const sg = sh("echo a b | xargs -n 1 sh -c 'kill -TERM $$'; echo rc=$?");
  assert.is(sg.out, "rc=1\n");
  assert.is(sg.err, "xargs: sh: terminated with signal 15; aborting\n");
});

test("children: stdin is /dev/null, -P runs in parallel, SIGPIPE default", () => {
  assert.is(run("xargs", ["sh", "-c", "cat; echo done"], { stdin: "a\n" }).out, "done\n");
  const p = sh("seq 1 8 | xargs -P 8 -n 1 sh -c 'sleep 0.3; echo $0' | sort -n | tr '\\n' ' '");
  assert.is(p.out, "1 2 3 4 5 6 7 8 ");
  assert.is(sh("echo x | xargs sh -c 'yes | head -n 1'; echo rc=$?").out, "y\nrc=0\n");
});

test("byte-exact arguments: invalid UTF-8, newlines, dashes via -0", () => {
  const names = Buffer.from("-n\0a\nb\0\xff\xc3\0 sp ace\0", "latin1");
  const r = run("xargs", ["-0", "printf", "[%s]"], { stdin: names });
  assert.equal([...r.stdout], [...Buffer.from("[-n][a\nb][\xff\xc3][ sp ace]", "latin1")]);
  const t = run("xargs", ["-t", "-0", "true"], { stdin: Buffer.from("\xff\0", "latin1") });
  assert.equal([...t.stderr], [...Buffer.from("true \xff\n", "latin1")]);
});

test("-a reads the input from a file; long input", () => {
  assert.is(run("xargs", ["-a", "f", "echo"], { files: { f: "x y\n" }, stdin: "no\n" }).out, "x y\n");
  assert.is(sh("seq 1 50000 | xargs echo | wc -w | tr -d ' '").out, "50000\n");
});

test.run();
