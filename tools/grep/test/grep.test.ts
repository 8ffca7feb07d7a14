import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const FRUIT = "apple pie\nbanana split\nApple juice\ncherry tart\npineapple\n\nfoo.bar\nfooXbar\n";
const USAGE = "usage: grep [-abcDEFGHhIiLlmnOopqRSsUVvwxz] [-A num] [-B num] [-C num]\n" +
  "\t[-e pattern] [-f file] [--binary-files=value] [--color=when]\n" +
  "\t[--context=num] [--directories=action] [--label] [--line-buffered]\n" +
  "\t[--null] [pattern] [file ...]\n";

const g = (args: string[], stdin = FRUIT, files?: Record<string, string | Uint8Array>) => run("grep", args, { stdin, files });

test("BRE, ERE, fixed strings; -i -v -c -x -w", () => {
  assert.is(g(["apple"]).out, "apple pie\npineapple\n");
  assert.is(g(["-i", "APPLE"]).out, "apple pie\nApple juice\npineapple\n");
  assert.is(g(["-E", "pie|tart"]).out, "apple pie\ncherry tart\n");
  assert.is(g(["p\\{2\\}l"]).out, "apple pie\nApple juice\npineapple\n");
  assert.is(g(["-F", "foo.bar"]).out, "foo.bar\n");
  assert.is(g(["-cv", "a"]).out, "2\n");
  assert.is(g(["-x", "pineapple"]).out, "pineapple\n");
  assert.is(g(["-w", "apple"]).out, "apple pie\n");
  assert.is(g(["-Fiw", "APPLE"]).out, "apple pie\nApple juice\n");
  assert.is(g(["--fixed-strings", "--line-regexp", "pineapple"]).out, "pineapple\n");
  const r = g(["nothing"]);
  assert.is(r.out, "");
  assert.is(r.status, 1);
});

test("personalities: egrep, fgrep, rgrep", () => {
  assert.is(run("egrep", ["pie|tart"], { stdin: FRUIT }).out, "apple pie\ncherry tart\n");
  assert.is(run("fgrep", ["a|b"], { stdin: "a|b\nab\n" }).out, "a|b\n");
  assert.is(run("egrep", ["-F", "a|b"], { stdin: "a|b\nab\n" }).out, "a|b\n");
  assert.is(sh("mkdir d; echo hit > d/f; rgrep hit d").out, "d/f:hit\n");
});

test("-e and -f: several patterns, empty pattern, empty pattern file", () => {
  assert.is(g(["-e", "pie", "-e", "tart"]).out, "apple pie\ncherry tart\n");
  assert.is(g(["pie\ntart"]).out, "apple pie\ncherry tart\n");
  assert.is(g(["-c", ""]).out, "8\n");
  assert.is(g(["-f", "p"], FRUIT, { p: "juice\ntart\n" }).out, "Apple juice\ncherry tart\n");
  const e = g(["-f", "p"], FRUIT, { p: "" });
  assert.is(e.out, "");
  assert.is(e.status, 1);
  assert.is(g(["-c", "-f", "p"], FRUIT, { p: "\n" }).out, "8\n");
  const m = g(["-f", "nope"]);
  assert.is(m.err, "grep: nope: No such file or directory\n");
  assert.is(m.status, 2);
});

test("-o, -b, -n and --color", () => {
  assert.is(g(["-on", "p\\+"]).out, "1:pp\n1:p\n2:p\n3:pp\n5:p\n5:pp\n");
  assert.is(g(["-ob", "an"]).out, "11:an\n13:an\n");
  assert.is(g(["-b", "an"]).out, "10:banana split\n");
  assert.is(g(["-o", "x*"]).out, "");
  assert.is(run("grep", ["-o", "-e", "abc", "-e", "bca"], { stdin: "abc abcabc\n" }).out, "abc\nabc\nabc\n");
  assert.is(g(["--color=always", "apple"]).out,
    "\x1b[01;31m\x1b[Kapple\x1b[m\x1b[K pie\npine\x1b[01;31m\x1b[Kapple\x1b[m\x1b[K\n");
  assert.is(run("grep", ["--colour=always", "b"], { stdin: "abc\n", env: { GREP_COLOR: "7" } }).out, "a\x1b[7m\x1b[Kb\x1b[m\x1b[Kc\n");
  assert.is(g(["--color=never", "juice"]).out, "Apple juice\n");
  assert.is(g(["--color=auto", "juice"]).out, "Apple juice\n");
});

test("-w retries later in the line; -o -w", () => {
  assert.is(run("grep", ["-w", "ab"], { stdin: "abc ab\nabc\n" }).out, "abc ab\n");
  assert.is(run("grep", ["-ow", "[a-z]*"], { stdin: "ab cd_e f\n" }).out, "ab\n");
  assert.is(run("grep", ["-w", "foo"], { stdin: "foo_bar foo\nfoo_bar\n" }).out, "foo_bar foo\n");
});

test("context: -A -B -C -NUM, separators, -m with trailing context", () => {
  const s = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join("");
  assert.is(run("grep", ["-n", "-C1", "-e", "5", "-e", "9"], { stdin: s }).out,
    "4-4\n5:5\n6-6\n--\n8-8\n9:9\n10-10\n--\n14-14\n15:15\n16-16\n--\n18-18\n19:19\n20-20\n");
  assert.is(run("grep", ["-1", "^3$"], { stdin: s }).out, "2\n3\n4\n");
  assert.is(run("grep", ["-B", "2", "^3$"], { stdin: s }).out, "1\n2\n3\n");
  assert.is(run("grep", ["--context", "^3$"], { stdin: s }).out, "1\n2\n3\n4\n5\n");
  assert.is(run("grep", ["-A1", "-m2", "1"], { stdin: s }).out, "1\n2\n--\n10\n11\n");
  assert.is(g(["-C", "1", "-e", "apple", "-e", "juice"]).out, "apple pie\nbanana split\nApple juice\ncherry tart\npineapple\n\n");
  const files = { a: "x\n1\n2\n3\n", b: "y\nx\n" };
  assert.is(run("grep", ["-A1", "x", "a", "b"], { files }).out, "a:x\na-1\n--\nb:x\n");
});

test("-m: stops after N lines; -m 0 selects nothing (the reference prints every line)", () => {
  assert.is(g(["-m", "1", "an"]).out, "banana split\n");
  const z = g(["-m", "0", "apple"]);
  assert.is(z.out, "");
  assert.is(z.status, 1);
  assert.is(g(["-c", "-m", "2", "a"]).out, "2\n");
  assert.is(g(["-m", "x", "a"]).err, "grep: Invalid argument\n");
});

test("file names: -l -L -c -h -H --null --label, standard input", () => {
  const files = { a: "apple\n", b: "pear\n", c: "apple\n" };
  assert.is(run("grep", ["-l", "apple", "a", "b", "c"], { files }).out, "a\nc\n");
  const L = run("grep", ["-L", "apple", "a", "b", "c"], { files });
  assert.is(L.out, "b\n");
  assert.is(L.status, 1);
  assert.is(run("grep", ["-c", "apple", "a", "b"], { files }).out, "a:1\nb:0\n");
  assert.is(run("grep", ["apple", "a", "c"], { files }).out, "a:apple\nc:apple\n");
  assert.is(run("grep", ["-h", "apple", "a", "c"], { files }).out, "apple\napple\n");
  assert.is(run("grep", ["-H", "apple", "a"], { files }).out, "a:apple\n");
  assert.is(run("grep", ["--null", "-l", "apple", "a", "c"], { files }).out, "a\0c\0");
  assert.is(run("grep", ["-Hn", "--null", "apple", "a"], { files }).out, "a\x001:apple\n");
  assert.is(run("grep", ["an", "-", "a"], { stdin: "banana\n", files: { a: "and\n" } }).out, "(standard input):banana\na:and\n");
  assert.is(run("grep", ["-H", "--label=in", "an"], { stdin: "banana\n" }).out, "in:banana\n");
});

test("exit statuses and error messages", () => {
  const r = run("grep", ["apple", "nope", "a"], { files: { a: "apple\n" } });
  assert.is(r.out, "a:apple\n");
  assert.is(r.err, "grep: nope: No such file or directory\n");
  assert.is(r.status, 2);
  assert.is(run("grep", ["-q", "apple", "nope", "a"], { files: { a: "apple\n" } }).status, 0);
  const s = run("grep", ["-s", "apple", "nope"]);
  assert.is(s.err, "");
  assert.is(s.status, 2);
  const e = run("egrep", ["("], { stdin: "x\n" });
  assert.is(e.err, "egrep: Missing ')'\n");
  assert.is(e.status, 2);
  assert.is(g(["-A", "-1", "x"]).err, "grep: context argument must be non-negative: Invalid argument\n");
  assert.is(g(["-A", "1x", "x"]).err, "grep: Invalid argument\n");
  assert.is(g(["--binary-files=foo", "x"]).err, "grep: unknown --binary-files option\n");
  assert.is(g(["-d", "foo", "x"]).err, "grep: unknown --directories option\n");
  assert.is(g(["-D", "foo", "x"]).err, "grep: unknown --devices option\n");
  assert.is(run("grep", ["-V"]).out, "grep (BSD grep, GNU compatible) 2.6.0-FreeBSD\n");
});

test("usage: bad option and missing pattern exit 2", () => {
  const r = sh("grep -Y x");
  assert.is(r.err, "grep: unrecognized option: Y\n" + USAGE);
  assert.is(r.status, 2);
  const n = sh("grep");
  assert.is(n.err, USAGE);
  assert.is(n.status, 2);
  assert.is(sh("egrep --help").err, USAGE.replace("grep", "egrep"));
});

test("binary files: detection, -a, -I, --binary-files, -U, -c", () => {
  const f = { f: "foo\0bar\nfoo\n" };
  assert.is(run("grep", ["foo", "f"], { files: f }).out, "Binary file f matches\n");
  assert.is(run("grep", ["-a", "foo", "f"], { files: f }).out, "foo\0bar\nfoo\n");
  assert.is(run("grep", ["--binary-files=text", "bar", "f"], { files: f }).out, "", "the subject stops at the NUL");
  const I = run("grep", ["-I", "foo", "f"], { files: f });
  assert.is(I.out, "");
  assert.is(I.status, 1);
  assert.is(run("grep", ["-c", "foo", "f"], { files: f }).out, "2\n");
  assert.is(run("grep", ["-U", "foo", "f"], { files: f }).out, "Binary file f matches\n");
  assert.is(run("grep", ["-z", "b"], { stdin: "a\0b\0cb" }).out, "b\0cb\0");
});

test("bytes: invalid UTF-8, CRLF, no final newline, long lines, C locale", () => {
  assert.equal(run("grep", ["b"], { stdin: Buffer.from("a\xffb\nb\n", "latin1") }).stdout, Buffer.from("b\n"));
  assert.equal(run("grep", ["-F", "b"], { stdin: Buffer.from("a\xffb\nb\n", "latin1") }).stdout, Buffer.from("a\xffb\nb\n", "latin1"));
  assert.is(run("grep", ["a$"], { stdin: "a\r\nb a\n" }).out, "b a\n");
  assert.is(run("grep", ["y"], { stdin: "x\ny" }).out, "y\n");
  assert.is(run("grep", ["-o", "caf."], { stdin: "café\n" }).out, "café\n");
  assert.is(run("grep", ["-i", "ÉTÉ"], { stdin: "été\n" }).out, "été\n");
  assert.is(run("grep", ["-ob", "é"], { stdin: "aéé\n" }).out, "1:é\n3:é\n");
  const c = sh("printf 'caf\\303\\251\\n' | LC_ALL=C grep -o 'caf.'");
  assert.equal(c.stdout, Buffer.from("caf\xc3\n", "latin1"));
  const l = sh("head -c 3000000 /dev/zero | tr '\\0' a > long; echo b >> long; grep -c 'ab$' long; grep -b -o b long");
  assert.is(l.out, "1\n3000000:b\n");
});

test("-r: paths, include/exclude, invalid UTF-8 names printed byte-exactly", () => {
  const r = sh("mkdir -p d/s d/x; printf 'needle\\n' > \"d/$(printf 'f\\377')\"; printf 'needle\\n' > d/s/b.c; " +
    "printf 'needle\\n' > d/x/c.txt; printf 'hay\\n' > d/h; grep -r needle d | sort");
  assert.equal(r.stdout, Buffer.from("d/f\xff:needle\nd/s/b.c:needle\nd/x/c.txt:needle\n", "latin1"));
  assert.is(sh("mkdir -p d/s; echo needle > d/a.txt; echo needle > d/s/b.c; grep -r --exclude '*.txt' needle d").out, "d/s/b.c:needle\n");
  assert.is(sh("mkdir -p d/s; echo needle > d/a.txt; echo needle > d/s/b.c; grep -r --include '*.txt' needle d").out, "d/a.txt:needle\n");
  assert.is(sh("mkdir -p d/s; echo needle > d/a; echo needle > d/s/b; grep -r --exclude-dir s needle d").out, "d/a:needle\n");
  assert.is(sh("mkdir -p d; echo needle > d/a; cd d; grep -r needle").out, "./a:needle\n");
  assert.is(sh("mkdir -p d; echo needle > d/a; grep -rl --null needle d").out, "d/a\0");
  assert.is(sh("grep -Z x").err.split("\n")[0], "grep: unrecognized option: Z", "no -Z in this grep");
  const s = sh("mkdir d e; echo needle > e/f; ln -s ../e d/link; grep -r needle d; echo rc=$?; grep -rp needle d; echo rc=$?");
  assert.is(s.out, "d/link/f:needle\nrc=0\nrc=1\n");
});

test("directories without -r: read (nothing), skip", () => {
  const r = sh("mkdir d; echo x > a; grep x d a; echo rc=$?; grep -d skip x d a; echo rc=$?");
  assert.is(r.out, "a:x\nrc=0\na:x\nrc=0\n");
  assert.is(r.err, "");
});

test("GREP_OPTIONS words come before the arguments", () => {
  assert.is(run("grep", ["apple"], { stdin: FRUIT, env: { GREP_OPTIONS: "-i  -c" } }).out, "3\n");
});

test("large input: counts agree with GNU grep", () => {
  const r = sh("/usr/bin/seq 1 300000 > s; grep -c 7 s; /usr/bin/grep -c 7 s; grep -c -F 77 s; /usr/bin/grep -c -F 77 s");
  const [a, b, c, d] = r.out.trim().split("\n");
  assert.is(a, b);
  assert.is(c, d);
});

test.run();
