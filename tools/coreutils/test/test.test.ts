import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";

/** exit status of `test ARGS` (and the same through `[ ARGS ]`), checking nothing is printed */
function st(args: (string | Buffer)[], cwd?: string): number {
  const r = run("test", args, { cwd });
  const b = run("[", [...args, "]"], { cwd });
  assert.is(r.out + r.err, "", `test ${args.join(" ")} printed`);
  assert.is(b.status, r.status, `[ ${args.join(" ")} ] differs from test`);
  return r.status;
}
/** status and stderr of a failing `test ARGS` */
function bad(args: (string | Buffer)[], tool = "test") {
  const r = run(tool, args);
  assert.is(r.out, "");
  return { status: r.status, err: r.err };
}

let root = "";
const euid = process.geteuid?.() ?? 0;
/** a directory with one file system object of each kind */
function fixture(): string {
  if (root) return root;
  root = tmpdir({ full: "x", empty: "" });
  const r = sh(
    "mkdir dir && ln -s full link && ln -s nowhere dangling && ln full hard && mkfifo fifo && " +
      ": > suid && chmod 4755 suid && : > sgid && chmod 2755 sgid && mkdir sticky && chmod 1777 sticky && " +
      "chmod 755 full && chmod 444 empty && : > plain && chmod 644 plain && " +
      "touch -t 200001010000 empty && touch -t 201001010000 full",
    { cwd: root },
  );
  assert.is(r.status, 0, r.err);
  return root;
}

test("no expression is false; one argument is true when non-empty", () => {
  assert.is(run("test").status, 1);
  assert.is(run("[", ["]"]).status, 1);
  assert.is(st([""]), 1);
  assert.is(st(["x"]), 0);
  // would-be operators alone are plain strings
  for (const s of ["-n", "-z", "-f", "!", "(", ")", "-a", "-o", "="]) assert.is(st([s]), 0, s);
});

test("[ needs a last ], exactly as the final argument", () => {
  assert.equal(bad([], "["), { status: 2, err: "[: missing ']'\n" });
  assert.equal(bad(["a", "=", "a"], "["), { status: 2, err: "[: missing ']'\n" });
  assert.is(run("[", ["a", "=", "a", "]"]).status, 0);
  // a second ] is an operand left over
  assert.equal(bad(["x", "]", "]"], "["), { status: 2, err: "[: x: unexpected operator\n" });
  // test itself gives ] no meaning
  assert.is(run("test", ["]"]).status, 0);
});

test("two arguments: ! negates, -n/-z, a unary operator on a string", () => {
  assert.is(st(["!", ""]), 0);
  assert.is(st(["!", "x"]), 1);
  assert.is(st(["-z", ""]), 0);
  assert.is(st(["-z", "x"]), 1);
  assert.is(st(["-n", ""]), 1);
  assert.is(st(["-n", "-n"]), 0);
  assert.is(st(["-z", "-z"]), 1);
  assert.is(st(["!", "!"]), 1);
});

test("three arguments: a binary operator wins over ! and parentheses", () => {
  assert.is(st(["!", "=", "x"]), 1);
  assert.is(st(["!", "=", "!"]), 0);
  assert.is(st(["(", "x", ")"]), 0);
  assert.is(st(["(", "", ")"]), 1);
  assert.is(st(["!", "-z", "x"]), 0);
  assert.is(st(["x", "-a", ""]), 1);
  assert.is(st(["", "-o", "x"]), 0);
  assert.is(st(["-n", "=", "-n"]), 0);
  assert.is(st(["=", "=", "="]), 0);
});

test("four arguments: leading ! negates a three-argument test", () => {
  assert.is(st(["!", "a", "=", "b"]), 0);
  assert.is(st(["!", "a", "=", "a"]), 1);
  assert.is(st(["!", "", "-o", "x"]), 1);
  assert.is(st(["!", "(", "x", ")"]), 1);
});

test("-a binds tighter than -o; ! binds tightest; parentheses group", () => {
  assert.is(st(["-n", "x", "-o", "-n", "x", "-a", "-z", "x"]), 0);
  assert.is(st(["(", "-n", "x", "-o", "-n", "x", ")", "-a", "-z", "x"]), 1);
  assert.is(st(["", "-a", "x", "-o", "x"]), 0);
  // four arguments with a leading !: the negation of "x -o x"
  assert.is(st(["!", "x", "-o", "x"]), 1);
  assert.is(st(["!", "", "-o", "x", "-a", ""]), 0);
  assert.is(st(["(", "a", "=", "b", ")", "-o", "!", "-d", "nope"]), 0);
  assert.is(st(["!", "(", "x", "-o", "x", ")"]), 1);
  assert.is(st(["!", "!", "!", "x"]), 1);
  assert.is(st(["(", "(", "x", ")", ")"]), 0);
  assert.is(st(["x", "-a", "y", "-a", "z", "-o", ""]), 0);
});

test("string comparison is by bytes, = and == alike", () => {
  assert.is(st(["abc", "=", "abc"]), 0);
  assert.is(st(["abc", "==", "abc"]), 0);
  assert.is(st(["abc", "!=", "abd"]), 0);
  assert.is(st(["a", "<", "b"]), 0);
  assert.is(st(["b", "<", "a"]), 1);
  assert.is(st(["a", ">", "a"]), 1);
  assert.is(st(["Z", "<", "a"]), 0);
  assert.is(st(["ab", ">", "a"]), 0);
  // U+FFFD is EF BF BD, U+1F600 is F0 9F 98 80: byte order, not UTF-16 order
  assert.is(st(["\u{1F600}", ">", "\uFFFD"]), 0);
  assert.is(st(["é", "<", "\u{1F600}"]), 0);
  // invalid UTF-8 bytes compare as bytes too
  assert.is(st([Buffer.from([0xff]), ">", Buffer.from([0xc3, 0xa9])]), 0);
  assert.is(st([Buffer.from([0x61, 0xff]), "=", Buffer.from([0x61, 0xff])]), 0);
  assert.is(st([Buffer.from([0x61, 0xff]), "=", Buffer.from([0x61, 0xfe])]), 1);
});

test("integers: 64-bit, optional sign, blanks around", () => {
  assert.is(st(["1", "-eq", "1"]), 0);
  assert.is(st([" 5", "-eq", "5 "]), 0);
  assert.is(st(["+5", "-eq", "5"]), 0);
  assert.is(st(["-0", "-eq", "0"]), 0);
  assert.is(st(["007", "-eq", "7"]), 0);
  assert.is(st(["-5", "-lt", "3"]), 0);
  assert.is(st(["3", "-le", "3"]), 0);
  assert.is(st(["4", "-ge", "5"]), 1);
  assert.is(st(["4", "-gt", "-5"]), 0);
  assert.is(st(["4", "-ne", "4"]), 1);
  assert.is(st(["9223372036854775807", "-gt", "-9223372036854775808"]), 0);
  assert.is(st(["9223372036854775807", "-eq", "9223372036854775807"]), 0);
});

test("integer errors: bad number, out of range (status 2)", () => {
  assert.equal(bad(["abc", "-eq", "1"]), { status: 2, err: "test: abc: bad number\n" });
  assert.equal(bad(["1", "-eq", ""]), { status: 2, err: "test: : bad number\n" });
  assert.equal(bad(["1.5", "-lt", "2"]), { status: 2, err: "test: 1.5: bad number\n" });
  assert.equal(bad(["1", "-eq", "1x"]), { status: 2, err: "test: 1x: bad number\n" });
  assert.equal(bad(["-", "-eq", "1"]), { status: 2, err: "test: -: bad number\n" });
  assert.equal(bad(["99999999999999999999", "-eq", "1"]), { status: 2, err: "test: 99999999999999999999: out of range\n" });
  assert.equal(bad(["9223372036854775808", "-gt", "0"]), { status: 2, err: "test: 9223372036854775808: out of range\n" });
  assert.equal(bad(["-9223372036854775809", "-lt", "0"]), { status: 2, err: "test: -9223372036854775809: out of range\n" });
  // range is checked before what follows the digits
  assert.equal(bad(["99999999999999999999x", "-eq", "1"]), { status: 2, err: "test: 99999999999999999999x: out of range\n" });
  // the bytes of a bad operand come back as given
  const r = run("test", [Buffer.from([0x61, 0xff]), "-eq", "1"]);
  assert.is(r.status, 2);
  assert.equal(r.stderr, Buffer.from([...Buffer.from("test: a"), 0xff, ...Buffer.from(": bad number\n")]));
});

test("syntax errors (status 2) with FreeBSD's words", () => {
  assert.equal(bad(["a", "-foo", "b"]), { status: 2, err: "test: a: unexpected operator\n" });
  assert.equal(bad(["a", "b"]), { status: 2, err: "test: a: unexpected operator\n" });
  assert.equal(bad(["1", "-eq"]), { status: 2, err: "test: -eq: argument expected\n" });
  assert.equal(bad(["a", "="]), { status: 2, err: "test: =: argument expected\n" });
  assert.equal(bad(["(", "x"]), { status: 2, err: "test: closing paren expected\n" });
  assert.equal(bad(["(", "a", "=", "b"]), { status: 2, err: "test: closing paren expected\n" });
  assert.equal(bad(["-z", "-a", "-z"]), { status: 2, err: "test: -a: unexpected operator\n" });
  assert.equal(bad(["!", "-o", "!"]), { status: 2, err: "test: -o: unexpected operator\n" });
  assert.equal(bad(["-t", "x"]), { status: 2, err: "test: x: bad number\n" });
  assert.equal(bad(["-t", "99999999999999999999"]), { status: 2, err: "test: 99999999999999999999: out of range\n" });
  assert.equal(bad(["-z", "-o", "-z"]), { status: 2, err: "test: -o: unexpected operator\n" });
});

test("file types on real files, directories, symlinks, fifos, devices", () => {
  const d = fixture();
  assert.is(st(["-e", "full"], d), 0);
  assert.is(st(["-e", "nope"], d), 1);
  assert.is(st(["-e", ""], d), 1);
  assert.is(st(["-f", "full"], d), 0);
  assert.is(st(["-f", "dir"], d), 1);
  assert.is(st(["-f", "link"], d), 0); // follows the link
  assert.is(st(["-d", "dir"], d), 0);
  assert.is(st(["-d", "full"], d), 1);
  assert.is(st(["-d", "dir/."], d), 0);
  assert.is(st(["-p", "fifo"], d), 0);
  assert.is(st(["-p", "full"], d), 1);
  assert.is(st(["-f", "fifo"], d), 1);
  assert.is(st(["-h", "link"], d), 0);
  assert.is(st(["-L", "dangling"], d), 0);
  assert.is(st(["-L", "full"], d), 1);
  assert.is(st(["-e", "dangling"], d), 1);
  assert.is(st(["-h", "nope"], d), 1);
  assert.is(st(["-c", "/dev/null"], d), 0);
  assert.is(st(["-b", "/dev/null"], d), 1);
  assert.is(st(["-c", "full"], d), 1);
  assert.is(st(["-S", "full"], d), 1);
  assert.is(st(["-S", "dir"], d), 1);
});

test("-S finds a socket", async () => {
  const d = tmpdir();
  const p = path.join(d, "sock");
  const srv = net.createServer();
  await new Promise<void>((res) => srv.listen(p, res));
  try {
    assert.is(st(["-S", "sock"], d), 0);
    assert.is(st(["-f", "sock"], d), 1);
  } finally {
    srv.close();
  }
});

test("-s size, -u -g -k mode bits, -O -G ownership", () => {
  const d = fixture();
  assert.is(st(["-s", "full"], d), 0);
  assert.is(st(["-s", "empty"], d), 1);
  assert.is(st(["-s", "nope"], d), 1);
  assert.is(st(["-u", "suid"], d), 0);
  assert.is(st(["-u", "full"], d), 1);
  assert.is(st(["-g", "sgid"], d), 0);
  assert.is(st(["-g", "suid"], d), 1);
  assert.is(st(["-k", "sticky"], d), 0);
  assert.is(st(["-k", "dir"], d), 1);
  assert.is(st(["-O", "full"], d), 0);
  assert.is(st(["-G", "full"], d), 0);
  assert.is(st(["-O", "nope"], d), 1);
  const other = fs.statSync("/").uid === euid ? undefined : "/";
  if (other) assert.is(st(["-O", other], d), 1);
});

test("-r -w -x as access(2) sees them (root reads and writes anything)", () => {
  const d = fixture();
  assert.is(st(["-r", "full"], d), 0);
  assert.is(st(["-x", "full"], d), 0);
  assert.is(st(["-x", "dir"], d), 0);
  assert.is(st(["-r", "nope"], d), 1);
  assert.is(st(["-w", "nope"], d), 1);
  // "plain" is 644: no x bit for anyone, root included
  assert.is(st(["-x", "plain"], d), 1);
  // "empty" is 444
  assert.is(st(["-w", "empty"], d), euid === 0 ? 0 : 1);
});

test("-nt -ot compare modification times; -ef the same file", () => {
  const d = fixture();
  assert.is(st(["full", "-nt", "empty"], d), 0);
  assert.is(st(["empty", "-nt", "full"], d), 1);
  assert.is(st(["empty", "-ot", "full"], d), 0);
  assert.is(st(["full", "-nt", "full"], d), 1);
  assert.is(st(["full", "-nt", "nope"], d), 1);
  assert.is(st(["nope", "-ot", "full"], d), 1);
  assert.is(st(["full", "-ef", "link"], d), 0);
  assert.is(st(["full", "-ef", "hard"], d), 0);
  assert.is(st(["full", "-ef", "empty"], d), 1);
  assert.is(st(["dir", "-ef", "dir/."], d), 0);
  assert.is(st(["nope", "-ef", "nope"], d), 1);
  // nanoseconds count
  const r = sh("touch -d 2020-01-01T00:00:00.5 a && touch -d 2020-01-01T00:00:00.25 b && env test a -nt b && env test b -ot a && echo ok");
  assert.is(r.out, "ok\n");
});

test("-t: a terminal descriptor; numbers as strtol reads them", () => {
  assert.is(run("test", ["-t", "0"], { stdin: "x" }).status, 1);
  assert.is(run("test", ["-t", " 0 "], { stdin: "x" }).status, 1);
  assert.is(run("test", ["-t", "-1"]).status, 1);
  assert.is(run("test", ["-t", "99"]).status, 1);
  assert.is(run("test", ["-t"]).status, 0); // one argument: a string
});

test("binary operators are operands where the grammar needs one", () => {
  assert.is(st(["-f", "=", "-f"]), 0);
  assert.is(st(["-d", "!=", "-d"]), 1);
  // a missing operand after -a or -o is a false expression, not an error
  assert.equal(bad(["x", "-a"]), { status: 1, err: "" });
  assert.equal(bad(["", "-o"]), { status: 1, err: "" });
  assert.is(st(["(", "=", "("]), 0);
  assert.is(st(["-a", "-a", "-a"]), 0);
  assert.is(st(["-o", "-o", "-o"]), 0);
});

test("file names with invalid UTF-8 are used byte for byte", () => {
  const r = sh(`: > "$(printf 'g\\377')"; env test -f "$(printf 'g\\377')" && env test ! -f "$(printf 'g\\376')" && echo ok`);
  assert.is(r.out, "ok\n");
  assert.is(r.err, "");
});

test.run();
