import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run, sh } from "@bsdbox/posix-tests";

const NUMS = "1\n2\n3\n4\n5\n6\n";
const sed = (args: string[], stdin = "", o: { env?: Record<string, string>; files?: Record<string, string | Uint8Array> } = {}) =>
  run("sed", args, { stdin, ...o });

test("s: flags g, N, p, I, w; & and \\1..\\9, \\n, escaped delimiter", () => {
  assert.is(sed(["s/o/0/"], "foo boo\n").out, "f0o boo\n");
  assert.is(sed(["s/o/0/g"], "foo boo\n").out, "f00 b00\n");
  assert.is(sed(["s/o/0/3"], "foo boo\n").out, "foo b0o\n");
  assert.is(sed(["-n", "s/x/y/p"], "a\nx\n").out, "y\n");
  assert.is(sed(["s/FOO/bar/I"], "foo\n").out, "bar\n");
  assert.is(sed(["s/FOO/bar/i"], "foo\n").out, "bar\n");
  assert.is(sed(["s/\\(a\\)\\(b\\)/\\2\\1[&]\\&/"], "ab\n").out, "ba[ab]&\n");
  assert.is(sed(["s/ /\\n/"], "a b\n").out, "a\nb\n");
  assert.is(sed(["s/ /\\\n/"], "a b\n").out, "a\nb\n");
  assert.is(sed(["s/\\//|/g"], "a/b/c\n").out, "a|b|c\n");
  assert.is(sed(["s|a\\|b|X|"], "a|b ab\n").out, "X ab\n");
  assert.is(sed(["s/[/]/X/"], "a/b\n").out, "aXb\n");
  assert.is(sed(["s/\\x41/z/"], "BAB\n").out, "BzB\n");
  const r = sh("printf 'ab\\nxb\\n' | sed 's/b/B/w out' && cat out");
  assert.is(r.out, "aB\nxB\naB\nxB\n");
});

test("the raw-line fast paths: y on bytes, then regex addresses and s on the result; many lines", () => {
  assert.is(sed(["y/abc/xyz/;/xyz/s/y/Y/"], "abc\nxbz\nqqq\n").out, "xYz\nxYz\nqqq\n");
  assert.is(sed(["y/a\u00e9/b\u00e8/"], "a\u00e9a\n").out, "b\u00e8b\n");
  // a plain string replaced by fixed text, first and every occurrence, on lines with and without it
  const lines = Array.from({ length: 30000 }, (_, i) => (i % 3 ? `line ${i} has ra and ra` : `line ${i}`)).join("\n") + "\n";
  const want = (f: (l: string) => string) => lines.split("\n").slice(0, -1).map(f).join("\n") + "\n";
  assert.is(sed(["s/ra/X/g"], lines).out, want((l) => l.split("ra").join("X")));
  assert.is(sed(["s/ra/X/"], lines).out, want((l) => l.replace("ra", "X")));
  assert.is(sed(["-n", "/has/p"], lines).out, want((l) => l).split("\n").filter((l) => l.includes("has")).join("\n") + "\n");
  // the last line without its newline stays without it
  assert.is(sed(["y/a/b/"], "a\na").out, "b\nb");
});

test("POSIX leftmost-longest: ERE alternation and sub-matches", () => {
  assert.is(sed(["-E", "s/a|ab/X/"], "abcd\n").out, "Xcd\n");
  assert.is(sed(["-E", "s/(x|xy)(z|yz)/[\\1][\\2]/"], "xyz\n").out, "[xy][z]\n");
  assert.is(sed(["-r", "s/(o+)/[\\1]/g"], "foo boo\n").out, "f[oo] b[oo]\n");
  assert.is(sed(["s/a\\|b/X/g"], "abc\n").out, "XXc\n");
});

test("empty matches with g, anchors after the first match (REG_NOTBOL)", () => {
  assert.is(sed(["s/x*/-/g"], "abc\n").out, "-a-b-c-\n");
  assert.is(sed(["s/b*/[&]/g"], "abba\n").out, "[]a[bb]a[]\n");
  assert.is(sed(["s/^a/X/g"], "aaa\n").out, "Xaa\n");
  assert.is(sed(["s/\\<f/F/g"], "foo ofo\n").out, "Foo ofo\n");
});

test("addresses: numbers, $, regex, ranges, +N, !, \\cREc, I, empty RE", () => {
  assert.is(sed(["-n", "2,4p"], NUMS).out, "2\n3\n4\n");
  assert.is(sed(["-n", "4,2p"], NUMS).out, "4\n");
  assert.is(sed(["$d"], NUMS).out, "1\n2\n3\n4\n5\n");
  assert.is(sed(["-n", "/3/,$p"], NUMS).out, "3\n4\n5\n6\n");
  assert.is(sed(["-n", "/2/,+2p"], NUMS).out, "2\n3\n4\n");
  assert.is(sed(["2,5!d"], NUMS).out, "2\n3\n4\n5\n");
  assert.is(sed(["-n", "\\%4%p"], NUMS).out, "4\n");
  assert.is(sed(["-n", "/A/Ip"], "a\nb\n").out, "a\n");
  assert.is(sed(["-n", "/1/,/[0-9]/p"], NUMS).out, "1\n2\n");
  assert.is(sed(["/x/s//y/g"], "axbx\nc\n").out, "ayby\nc\n");
  const e = sed(["s//y/"], "a\n");
  assert.is(e.err, "sed: first RE may not be empty\n");
  assert.is(e.status, 1);
});

test("0,/re/ ends the range on line 1 (a fix: the reference never matches line 0)", () => {
  assert.is(sed(["0,/1/d"], NUMS).out, "2\n3\n4\n5\n6\n");
  assert.is(sed(["1,/1/d"], NUMS).out, "");
  assert.is(sed(["0,/3/s/^/#/"], NUMS).out, "#1\n#2\n#3\n4\n5\n6\n");
});

test("$ and line numbers span files; -s-like reset only with -i", () => {
  const files = { a: "a1\na2\n", b: "b1\nb2\n", e: "" };
  assert.is(sed(["-n", "$p", "a", "b", "e"], "", { files }).out, "b2\n");
  assert.is(sed(["-n", "3p", "a", "b"], "", { files }).out, "b1\n");
  assert.is(sh("sed = a b", { files }).out, "1\na1\n2\na2\n3\nb1\n4\nb2\n");
});

test("commands: a i c (multi-line), = l q r w x y h H g G n N D P b t", () => {
  assert.is(sed(["1a\\\nappended"], "x\ny\n").out, "x\nappended\ny\n");
  assert.is(sed(["1a\\\nl1\\\nl2"], "x\n").out, "x\nl1\nl2\n");
  assert.is(sed(["2i\\\nins"], "x\ny\n").out, "x\nins\ny\n");
  assert.is(sed(["2,3c\\\nchanged"], NUMS).out, "1\nchanged\n4\n5\n6\n");
  assert.is(sed(["2!c\\\nX"], "1\n2\n3\n").out, "X\n2\nX\n");
  assert.is(sed(["-n", "$="], NUMS).out, "6\n");
  assert.is(sed(["2q"], NUMS).out, "1\n2\n");
  assert.is(sed(["1h;2g"], "a\nb\n").out, "a\na\n");
  assert.is(sed(["G"], "a\n").out, "a\n\n");
  assert.is(sed(["H;$!d;x"], "a\nb\n").out, "\na\nb\n");
  assert.is(sed(["x"], "a\nb\n").out, "\na\n");
  assert.is(sed(["y/abc/xyz/"], "aabbcc\n").out, "xxyyzz\n");
  assert.is(sed(["N;N;y/\\n/,/"], "a\nb\nc\n").out, "a,b,c\n");
  assert.is(sed(["y/éè/ee/"], "été è\n").out, "ete e\n");
  assert.is(sed(["n;d"], NUMS).out, "1\n3\n5\n");
  assert.is(sed(["N;s/\\n/ /"], "1\n2\n3\n").out, "1 2\n");
  assert.is(sed(["-n", "N;P"], "1\n2\n3\n4\n").out, "1\n3\n");
  assert.is(sed(["$!N;/^\\(.*\\)\\n\\1$/!P;D"], "a\na\nb\nb\nb\nc\n").out, "a\nb\nc\n");
  assert.is(sed([":a\nN\n$!ba\ns/\\n/ /g"], NUMS).out, "1 2 3 4 5 6\n");
  assert.is(sed(["s/a/A/;ta\ns/$/-/;:a"], "a\nb\n").out, "A\nb-\n");
  // a label runs to the end of the line, ';' included (BSD)
  assert.is(sed(["ta;p"], "x\n").err, 'sed: 2: "ta;p\n": undefined label \'a;p\'\n');
  assert.is(sed(["2b\ns/./X/"], "a\nb\n").out, "X\nb\n");
  assert.is(sed(["1,4{/2/,/3/{s/^/#/;};}"], NUMS).out, "1\n#2\n#3\n4\n5\n6\n");
  assert.is(sed(["-n", "2{p;};4p"], NUMS).out, "2\n4\n");
  const r = sh("printf 'r1\\nr2\\n' > rf; printf 'a\\nb\\n' | sed '1r rf' ; printf 'a\\n' | sed 'r nope'");
  assert.is(r.out, "a\nr1\nr2\nb\na\n");
});

test("l: escapes, octal, multibyte printed, wrap at COLUMNS (and -l is line buffering)", () => {
  assert.is(sed(["-n", "l"], "a\tb\\c\x01é\n").out, "a\\tb\\c\\001é$\n");
  assert.is(sed(["-n", "l"], "a\tb\x01\n", { env: { COLUMNS: "5" } }).out, "a\\tb\\\n\\001\\\n$\n");
  assert.is(sed(["-n", "l"], "x".repeat(100) + "\n", { env: { COLUMNS: "80" } }).out,
    "x".repeat(79) + "\\\n" + "x".repeat(21) + "$\n");
  assert.is(sed(["-n", "N;l"], "a\nb\n").out, "a$\nb$\n");
  assert.equal(sed(["-n", "l"], "\xff\n", { env: { LC_ALL: "C" } }).stdout, Buffer.from("\\303\\277$\n"));
  assert.is(sed(["-l", "p"], "a\n").out, "a\na\n");
});

test("-n, #n on the first line, -e/-f joined in order, -e 'a\\' then text is an error", () => {
  assert.is(sed(["#n\np"], "x\n").out, "x\n");
  assert.is(sed(["-e", "s/a/b/", "-e", "s/b/c/"], "a\n").out, "c\n");
  assert.is(sed(["-e", "s/a/b/", "-f", "script"], "a\n", { files: { script: "s/b/c/\n" } }).out, "c\n");
  assert.is(sed(["-f", "script"], "a\n", { files: { script: "#n\n/a/p\n" } }).out, "a\n");
  const r = sed(["-e", "a\\", "-e", "foo"], "x\n");
  assert.is(r.status, 1);
  assert.is(r.err, 'sed: 1: "foo\n": invalid command code f\n');
  assert.is(sed([""], "x\ny").out, "x\ny");
});

test("compile errors: BSD texts with the script line and name", () => {
  const cases: [string[], string][] = [
    [["k"], 'sed: 1: "k\n": invalid command code k\n'],
    [["s/a/b"], 'sed: 1: "s/a/b\n": unescaped newline inside substitute pattern\n'],
    [["s/a"], 'sed: 1: "s/a\n": unterminated substitute pattern\n'],
    [["s/a/\\1/"], 'sed: 1: "s/a/\\1/\n": \\1 not defined in the RE\n'],
    [["{p"], 'sed: 2: "{p\n": unexpected EOF (pending }\'s)\n'],
    [["p}"], 'sed: 1: "p}\n": extra characters at the end of p command\n'],
    [["}"], 'sed: 1: "}\n": unexpected }\n'],
    [["s/o/0/2g"], 'sed: 1: "s/o/0/2g\n": more than one number or \'g\' in substitute flags\n'],
    [["s/a/b/z"], 'sed: 1: "s/a/b/z\n": bad flag in substitute command: \'z\'\n'],
    [["y/abc/de/"], 'sed: 1: "y/abc/de/\n": transform strings are not the same length\n'],
    [["1,2="], 'sed: 1: "1,2=\n": command = expects up to 1 address(es), found 2\n'],
    [["1a"], 'sed: 1: "1a\n": command a expects \\ followed by text\n'],
    [["2q x"], 'sed: 1: "2q x\n": extra characters at the end of q command\n'],
    [["b nowhere"], 'sed: 2: "b nowhere\n": undefined label \'nowhere\'\n'],
    [["s/\\(/x/"], 'sed: 1: "s/\\(/x/\n": RE error: Missing \')\'\n'],
    [["/[a/p"], 'sed: 1: "/[a/p\n": unbalanced brackets ([])\n'],
    [["s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/b/x"], 'sed: 1: "s/aaaaaaaaaaaaaaaaaaaaa ...": bad flag in substitute command: \'x\'\n'],
  ];
  for (const [args, msg] of cases) {
    const r = sed(args, "x\n");
    assert.is(r.err, msg, args[0]);
    assert.is(r.status, 1, args[0]);
    assert.is(r.out, "", args[0]);
  }
  assert.is(sed([":a"], "x\n").err, 'sed: 2: ":a\n": unused label \'a\'\n');
});

test("bad option and usage; -f of a missing file; w to an unwritable place", () => {
  const r = sh("sed -Q p");
  assert.is(r.err, "sed: unrecognized option: Q\nusage: sed script [-Ealnru] [-i extension] [file ...]\n\tsed [-Ealnu] [-i extension] [-e script] ... [-f script_file] ... [file ...]\n");
  assert.is(r.status, 1);
  const f = sed(["-f", "nope"], "x\n");
  assert.is(f.err, "sed: nope: No such file or directory\n");
  assert.is(f.status, 1);
  const w = sed(["w nodir/f"], "x\n");
  assert.is(w.err, "sed: nodir/f: No such file or directory\n");
  assert.is(w.status, 1);
  assert.is(w.out, "");
  // -a: w files are opened only when first written
  const a = sh("echo y | sed -a -n '/x/w out'; ls");
  assert.is(a.out, "");
});

test("files: '-' is a file name, a missing file is reported and the rest goes on", () => {
  const r = sed(["s/^/>/", "-", "f"], "in\n", { files: { f: "file\n" } });
  assert.is(r.out, ">file\n");
  assert.is(r.err, "sed: -: No such file or directory\n");
  assert.is(r.status, 1);
  const m = sed(["s/^/>/", "a", "nope", "b"], "", { files: { a: "a\n", b: "b" } });
  assert.is(m.out, ">a\n>b");
  assert.is(m.status, 1);
  // a file without final newline followed by another file gets one
  assert.is(sh("sed '' a b", { files: { a: "a", b: "b" } }).out, "a\nb");
});

test("bytes are kept: no final newline, NUL bytes, CRLF, invalid UTF-8, C locale", () => {
  assert.is(sed(["s/a/b/"], "xa").out, "xb");
  assert.is(sed(["G"], "a").out, "a\n");
  assert.equal(sed(["s/b/X/"], "a\0b\nb\0c\n").stdout, Buffer.from("a\0b\nX\0c\n"));
  assert.is(sed(["s/$/!/"], "a\r\nb\r\n").out, "a\r!\nb\r!\n");
  const bad = Buffer.from([0x61, 0xff, 0x62, 0x0a, 0x62, 0x0a]);
  assert.equal(sed(["s/b/X/"], bad as never).stdout, Buffer.from([0x61, 0xff, 0x62, 0x0a, 0x58, 0x0a]));
  assert.equal(sed(["s/b/X/"], bad as never, { env: { LC_ALL: "C" } }).stdout, Buffer.from([0x61, 0xff, 0x58, 0x0a, 0x58, 0x0a]));
  assert.equal(sed(["p"], bad as never).stdout, Buffer.concat([bad.subarray(0, 4), bad.subarray(0, 4), bad.subarray(4), bad.subarray(4)]));
  assert.is(sed(["s/./X/g"], "été\n").out, "XXX\n");
  assert.is(sed(["s/./X/g"], "été\n", { env: { LC_ALL: "C" } }).out, "XXXXX\n");
  assert.is(sed(["s/ÉTÉ/X/I"], "été\n").out, "X\n");
});

test("in place: -i '' and -i.bak, mode kept, symlink refused, -I spans files", () => {
  const r = sh("printf 'abc\\n' > f; chmod 640 f; sed -i '' 's/a/X/' f; cat f; /usr/bin/stat -c %a f; ls -A");
  assert.is(r.out, "Xbc\n640\nf\n");
  const b = sh("printf 'abc\\n' > f; sed -i.orig 's/a/X/' f; cat f f.orig; ls -A");
  assert.is(b.out, "Xbc\nabc\nf\nf.orig\n");
  const c = sh("printf 'abc\\n' > f; sed -i .bak -e 's/a/X/' f; ls -A; ln f g; sed -i '' s/X/Y/ f; cat g f");
  assert.is(c.out, "f\nf.bak\nXbc\nYbc\n");
  const l = sh("printf 'abc\\n' > f; ln -s f l; sed -i '' 's/a/X/' l; echo $?; cat f; ls -A");
  assert.is(l.out, "1\nabc\nf\nl\n");
  assert.is(l.err, "sed: l: in-place editing only works for regular files\n");
  const I = sh("printf 'a1\\na2\\n' > a; printf 'b1\\nb2\\n' > b; sed -I '' -n '$p' a b; cat a; echo --; cat b");
  assert.is(I.out, "--\nb2\n");
  const i = sh("printf 'a1\\na2\\n' > a; printf 'b1\\nb2\\n' > b; sed -i '' -n '$p;1=' a b; cat a b");
  assert.is(i.out, "1\na2\n1\nb2\n");
  const s = sed(["-i", "", "p"], "x\n");
  assert.is(s.err, "sed: -I or -i may not be used with stdin\n");
  assert.is(s.status, 1);
  const E = sh("printf 'aab\\n' > f; sed -E -i '' 's/(a+)/[\\1]/' f; cat f");
  assert.is(E.out, "[aa]b\n");
});

test("in place: an error leaves the original and no temporary file", () => {
  const r = sh("printf 'abc\\n' > f; sed -i '' -e 's/b/X/;s//Y/;s/x/y/;t' -e 's//z/' f; echo $?; cat f; ls -A");
  assert.is(r.out, "0\naXc\nf\n");
  const e = sh("printf 'abc\\n' > f; printf 'x\\n' > g; sed -i '' -e 's/a/A/' -e '$r /dev/null' -e 'w nodir/x' f g; echo $?; cat f g; ls -A");
  assert.is(e.out, "1\nabc\nx\nf\ng\n");
  // a runtime error mid-file (an empty RE before any RE was used)
  const m = sh("printf 'abc\\nd\\n' > f; sed -i '' -e '2s//x/' f; echo $?; cat f; ls -A");
  assert.is(m.out, "1\nabc\nd\nf\n");
  assert.is(m.err, "sed: first RE may not be empty\n");
  // binary and invalid UTF-8 data survive an in-place edit byte for byte
  const bin = sh("head -c 200000 /dev/urandom > r; cp r r0; sed -i '' 's/x\\{1000\\}/y/' r; cmp r r0 && echo same");
  assert.is(bin.out, "same\n");
});

test("in place with q: the file ends at q, later files are untouched (the reference empties them)", () => {
  const r = sh("printf '1\\n2\\n3\\n' > a; printf 'x\\n' > b; sed -i '' 2q a b; cat a b");
  assert.is(r.out, "1\n2\nx\n");
});

test("long lines and many lines match GNU sed on simple scripts", () => {
  const r = sh("head -c 3000000 /dev/zero | tr '\\0' a > long; echo >> long; /usr/bin/seq 1 200000 >> long; " +
    "sed 's/a/b/g;s/1/one/2;s/[0-9]*5$/<&>/' long > o1; /usr/bin/sed 's/a/b/g;s/1/one/2;s/[0-9]*5$/<&>/' long > o2; cmp o1 o2 && echo same");
  assert.is(r.out, "same\n");
  assert.is(r.err, "");
});

test("closed output pipe: silent SIGPIPE death", () => {
  const r = sh("/usr/bin/seq 1 1000000 > s; (sed p s; echo $? > st) | /usr/bin/head -n 1 >/dev/null; cat st");
  assert.is(r.out, "141\n");
  assert.is(r.err, "");
});

test("w /dev/stdout and multiple w to the same file opened once", () => {
  const r = sh("printf 'a\\nb\\n' | sed -n -e '/a/w out' -e '/b/w out'; cat out");
  assert.is(r.out, "a\nb\n");
  const u = sh("printf 'a\\nb\\n' | sed -u -n 'w /dev/stdout' | cat");
  assert.is(u.out, "a\nb\n");
});

test.run();
