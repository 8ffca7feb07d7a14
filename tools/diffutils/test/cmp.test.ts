import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const USAGE = "usage: cmp [-l | -s | -x] [-hz] file1 file2 [skip1 [skip2]]\n";
const F = { a: "abcdef", b: "aXcdYfgh", c: "ab\ncd\n", d: "ab\ncX\n", same: "abcdef" };

function chk(args: string[], out: string, status: number, err = "", stdin?: string | Uint8Array) {
  const r = run("cmp", args, { files: F, stdin });
  assert.is(r.out, out, args.join(" "));
  assert.is(r.err, err, args.join(" ") + " (stderr)");
  assert.is(r.status, status, args.join(" ") + " (status)");
}

test("identical, first difference with char and line, status 0/1", () => {
  chk(["a", "same"], "", 0);
  chk(["c", "d"], "c d differ: char 5, line 2\n", 1);
  chk(["d", "c"], "d c differ: char 5, line 2\n", 1);
  chk(["-b", "c", "d"], "c d differ: char 5, line 2 is 144 d 130 X\n", 1);
  chk(["--print-bytes", "a", "b"], "a b differ: char 2, line 1 is 142 b 130 X\n", 1);
});

test("EOF on the shorter file (regular files: after the common part, even with -l)", () => {
  chk(["a", "a"], "", 0);
  chk(["-l", "a", "b"], "     2 142 130\n     5 145 131\n", 1, "cmp: EOF on a\n");
  chk(["--verbose", "b", "a"], "     2 130 142\n     5 131 145\n", 1, "cmp: EOF on a\n");
  chk(["-lb", "a", "b"], "     2 142 b 130 X\n     5 145 e 131 Y\n", 1, "cmp: EOF on a\n");
  chk(["-x", "a", "b"], "00000001 62 58\n00000004 65 59\n", 1, "cmp: EOF on a\n");
  const r = run("cmp", ["p", "q"], { files: { p: "abc", q: "abcdef" } });
  assert.is(r.err, "cmp: EOF on p\n");
  assert.is(r.status, 1);
  const e = run("cmp", ["e", "q"], { files: { e: "", q: "x" } });
  assert.is(e.err, "cmp: EOF on e\n");
});

test("-s prints nothing; -s implies -z; -s with -l is refused", () => {
  chk(["-s", "a", "b"], "", 1);
  chk(["--silent", "c", "d"], "", 1);
  chk(["--quiet", "a", "same"], "", 0);
  chk(["-s", "nope", "a"], "", 2);
  chk(["-l", "-s", "a", "b"], "", 2, "cmp: specifying -s with -l or -x is not permitted\n");
  chk(["-x", "-s", "a", "b"], "", 2, "cmp: specifying -s with -l or -x is not permitted\n");
});

test("-z compares the sizes of regular files first", () => {
  chk(["-z", "a", "b"], "a b differ: size\n", 1);
  chk(["-z", "c", "d"], "c d differ: char 5, line 2\n", 1);
});

test("skip operands, -i, suffixes and hex", () => {
  const files = { p: "xxabc", q: "yyyabc", r: "xxabd" };
  const t = (args: string[], out: string, st: number, err = "") => {
    const x = run("cmp", args, { files });
    assert.is(x.out, out, args.join(" "));
    assert.is(x.err, err, args.join(" "));
    assert.is(x.status, st, args.join(" "));
  };
  t(["p", "q", "2", "3"], "", 0);
  t(["p", "q", "0x2", "0x3"], "", 0);
  t(["-i", "2:3", "p", "q"], "", 0);
  t(["--ignore-initial=2", "p", "r"], "p r differ: char 3, line 1\n", 1);
  t(["p", "r", "1"], "p r differ: char 2, line 1\n", 1); // skip2 stays 0
  t(["p", "r", "1", "1"], "p r differ: char 4, line 1\n", 1);
  t(["p", "q", "1k"], "", 1, "cmp: EOF on p\n");
  t(["p", "q", "0", "1k"], "", 1, "cmp: EOF on q\n");
  t(["p", "q", "zz"], "", 2, "Invalid skip1: zz\n" + USAGE);
  t(["p", "q", "1", "2x"], "", 2, "Invalid skip2: 2x\n" + USAGE);
  t(["-i", "1:x", "p", "q"], "", 2, "Invalid --ignore-initial: 1:x\n" + USAGE);
});

test("-n limits the comparison", () => {
  chk(["-n", "1", "c", "d"], "", 0);
  chk(["--bytes=5", "c", "d"], "c d differ: char 5, line 2\n", 1);
  chk(["-n", "-1", "c", "d"], "", 2, "Invalid --bytes: -1\n" + USAGE);
  // regular files of different sizes still end with "EOF on"
  chk(["-n", "1", "a", "b"], "", 1, "cmp: EOF on a\n");
  // a pipe is read only up to the limit
  chk(["-n", "1", "-", "b"], "", 0, "", "a");
});

test("- is standard input (named stdin), only once", () => {
  chk(["-", "d"], "stdin d differ: char 5, line 2\n", 1, "", F.c);
  chk(["c", "-"], "c stdin differ: char 5, line 2\n", 1, "", F.d);
  chk(["-", "c"], "", 0, "", F.c);
  chk(["-", "c"], "", 1, "cmp: EOF on stdin\n", "ab\n");
  chk(["-", "c"], "", 1, "cmp: EOF on c\n", "ab\ncd\nef");
  chk(["-", "-"], "", 2, "cmp: standard input may only be specified once\n");
  chk(["-", "c", "3"], "stdin c differ: char 1, line 1\n", 1, "", "ab\ncd\n");
  chk(["-", "c", "9"], "", 1, "cmp: EOF on stdin\n", "ab\n");
});

test("bytes are sacred: binary data, NUL, high bytes in -b output", () => {
  const files = { x: new Uint8Array([0, 1, 10, 0xff, 5]), y: new Uint8Array([0, 1, 10, 0x80, 5]) };
  const r = run("cmp", ["-b", "x", "y"], { files });
  assert.equal([...r.stdout], [...Buffer.from("x y differ: char 4, line 2 is 377 "), 0xff, ...Buffer.from(" 200 "), 0x80, 10]);
  const l = run("cmp", ["-lb", "x", "y"], { files });
  assert.equal([...l.stdout], [...Buffer.from("     4 377 "), 0xff, ...Buffer.from(" 200 "), 0x80, 10]);
});

test("errors: missing file, directory, usage, bad option (status 2)", () => {
  chk(["nope", "a"], "", 2, "cmp: nope: No such file or directory\n");
  chk(["a", "nope"], "", 2, "cmp: nope: No such file or directory\n");
  const d = run("cmp", [".", "a"], { files: F });
  assert.is(d.err, "cmp: .: Is a directory\n");
  assert.is(d.status, 2);
  chk(["a"], "", 2, USAGE);
  chk(["a", "b", "1", "2", "3"], "", 2, USAGE);
  const q = sh("cmp -Q a b; echo $?", { files: F });
  assert.is(q.err, "cmp: unrecognized option: Q\n" + USAGE);
  assert.is(q.out, "2\n");
});

test("-h does not follow a symlink (Linux O_NOFOLLOW: ELOOP, musl text)", () => {
  const r = sh("ln -s a l; cmp l a; echo $?; cmp -h l a; echo $?", { files: F });
  assert.is(r.out, "0\n2\n");
  assert.is(r.err, "cmp: l: Symbolic link loop\n");
});

test("options end at the first operand", () => {
  const r = sh("cmp a b -l; echo $?", { files: F });
  assert.is(r.err, "Invalid skip1: -l\n" + USAGE);
  assert.is(r.out, "2\n");
});

test("large files: difference in the last byte, line counted; identical files", () => {
  const r = sh("/usr/bin/seq 1 300000 > p; cp p q; printf 'X' >> p; printf 'Y' >> q; cmp p q; echo $?; cmp p p; echo $?; " +
    "head -c 3000000 /dev/zero > z1; cp z1 z2; printf '\\001' | dd of=z2 bs=1 seek=2999999 conv=notrunc 2>/dev/null; cmp -l z1 z2; cmp -x z1 z2");
  assert.is(r.out, "p q differ: char 1988896, line 300001\n1\n0\n3000000   0   1\n002dc6bf 00 01\n");
});

test("stdout write error is reported (status 2)", () => {
  const r = sh("cmp -l a b > /dev/full; echo $?", { files: F });
  assert.is(r.out, "2\n");
  assert.match(r.err, "cmp: stdout: No space left on device\n");
});

test.run();
