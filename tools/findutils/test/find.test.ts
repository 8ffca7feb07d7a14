import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const TREE = {
  "top/five.txt": "12345",
  "top/zero.txt": "",
  "top/sub/hundred.dat": "0".repeat(100),
  "top/sub/deep/x.c": "x",
  "top/.hid/h": "",
};
const SETUP = "mkdir -p top/sub/deep top/empty top/.hid; printf 12345 > top/five.txt; : > top/zero.txt; " +
  "printf x > top/sub/deep/x.c; : > top/.hid/h; ln -s five.txt top/link; ln -s nowhere top/dangling; ";

test("walk, sorted: tests, operators and precedence", () => {
  assert.is(sh(SETUP + "find -s top").out,
    "top\ntop/.hid\ntop/.hid/h\ntop/dangling\ntop/empty\ntop/five.txt\ntop/link\ntop/sub\ntop/sub/deep\ntop/sub/deep/x.c\ntop/zero.txt\n");
  assert.is(sh(SETUP + "find -s top -name '*.txt' -o -type l").out, "top/dangling\ntop/five.txt\ntop/link\ntop/zero.txt\n");
  // -a binds tighter than -o: only the -o branch prints
  assert.is(sh(SETUP + "find -s top -type l -o -name '*.txt' -print").out, "top/five.txt\ntop/zero.txt\n");
  assert.is(sh(SETUP + "find -s top \\( -type l -o -name '*.txt' \\) ! -name z\\* -print").out,
    "top/dangling\ntop/five.txt\ntop/link\n");
  assert.is(sh(SETUP + "find -s top -type d -name '.*' -prune -o -type f -print").out, "top/five.txt\ntop/sub/deep/x.c\ntop/zero.txt\n");
  assert.is(sh(SETUP + "find -s top -maxdepth 1 -mindepth 1 -type d").out, "top/.hid\ntop/empty\ntop/sub\n");
  assert.is(sh(SETUP + "find -s top -depth 2").out, "top/.hid/h\ntop/sub/deep\n");
  assert.is(sh(SETUP + "find -s top -size -2 -type f -size +0c").out, "top/five.txt\ntop/sub/deep/x.c\n");
  assert.is(sh(SETUP + "find -s top -empty").out, "top/.hid/h\ntop/empty\ntop/zero.txt\n");
  assert.is(sh(SETUP + "find -s top -name '*.txt' -print -quit").out, "top/five.txt\n");
  assert.is(sh(SETUP + "find -s -E top -regex '.*/(five|x)\\.(txt|c)'").out, "top/five.txt\ntop/sub/deep/x.c\n");
  assert.is(sh(SETUP + "find -s top -regex 'five.txt'").out, "");
  assert.is(sh(SETUP + "chmod 4750 top/five.txt; find -s top -perm -4000; find -s top -perm /0010 -type f; find -s top -perm 4750").out,
    "top/five.txt\ntop/five.txt\ntop/five.txt\n");
  assert.is(sh(SETUP + "find -s -d top/sub").out, "top/sub/deep/x.c\ntop/sub/deep\ntop/sub\n");
});

test("errors: BSD texts and status 1", () => {
  const cases: [string, string][] = [
    ["find top -foo", "find: -foo: unknown primary or operator\n"],
    ["find top -name", "find: -name: requires additional arguments\n"],
    ["find top -type q", "find: -type: q: unknown type\n"],
    ["find top -size 3q", "find: -size: 3q: illegal trailing character\n"],
    ["find top -exec echo", "find: -exec: no terminating \";\" or \"+\"\n"],
    ["find top -o -print", "find: -o: no expression before -o\n"],
    ["find top -print -o", "find: -o: no expression after -o\n"],
    ["find top -print !", "find: !: no following expression\n"],
    ["find top -perm zz", "find: -perm: zz: illegal mode string\n"],
    ["find top -maxdepth -1", "find: -maxdepth: -1: value must be positive\n"],
    ["find top -mtime 1q", "find: -mtime: 1q: bad unit 'q'\n"],
    ["find top -newer nope", "find: nope: No such file or directory\n"],
  ];
  for (const [cmd, msg] of cases) {
    const r = sh(SETUP + cmd);
    assert.is(r.err, msg, cmd);
    assert.is(r.status, 1, cmd);
    assert.is(r.out, "", cmd);
  }
  const u = sh("find");
  assert.is(u.status, 1);
  assert.ok(u.err.startsWith("usage: find [-H | -L | -P] [-EXdsx] [-f path] path ... [expression]\n"));
  const m = sh("mkdir a; find -s a nope; echo rc=$?");
  assert.is(m.out, "a\nrc=1\n");
  assert.is(m.err, "find: nope: No such file or directory\n");
});

test("names with newlines, spaces, quotes, leading dashes and invalid UTF-8 survive -print0", () => {
  const names = ["a\nb", "sp ace", "q'uo\"te", "-dash", "bad\xff", "\xc3\xa9t\xc3\xa9"];
  const mk = names.map((n) => `"$(printf '${[...Buffer.from(n, "latin1")].map((c) => "\\" + c.toString(8).padStart(3, "0")).join("")}')"`);
  const r = sh(`mkdir d; for n in ${mk.join(" ")}; do : > "d/$n"; done; find -s d -type f -print0`);
  const got = r.stdout.toString("latin1").split("\0").filter(Boolean).sort();
  assert.equal(got, names.map((n) => "d/" + n).sort());
  // and -X refuses the unsafe ones
  const x = sh(`mkdir d; for n in ${mk.join(" ")}; do : > "d/$n"; done; find -s -X d -type f`);
  assert.is(x.status, 1);
  assert.is(x.stdout.toString("latin1"), "d/-dash\nd/bad\xff\nd/\xc3\xa9t\xc3\xa9\n");
});

test("the tricky names go through find -print0 | xargs -0 intact", () => {
  // each file holds its own name and a NUL: cat through xargs prints them back only if every
  // name reached it byte for byte (newline, blanks, quotes, leading dash, invalid UTF-8)
  const names = ["a\nb", "sp ace", "q'uo\"te", "-dash", "bad\xff", "\xc3\xa9t\xc3\xa9", "tab\there", "back\\slash"];
  const oct = (n: string) => [...Buffer.from(n, "latin1")].map((c) => "\\" + c.toString(8).padStart(3, "0")).join("");
  const mk = names.map((n) => `printf '${oct(n)}\\000' > "d/$(printf '${oct(n)}')"`).join("; ");
  const r = sh(`mkdir d; ${mk}; find -s d -type f -print0 | xargs -0 cat; echo rc=$?`);
  const sorted = [...names].sort((x, y) => Buffer.compare(Buffer.from(x, "latin1"), Buffer.from(y, "latin1")));
  assert.is(r.stdout.toString("latin1"), sorted.map((n) => n + "\0").join("") + "rc=0\n");
  assert.is(r.err, "");
});

test("-exec ;, -exec +, -execdir, -ok", () => {
  assert.is(sh(SETUP + "find -s top -name '*.txt' -exec echo [{}] x{}y \\;").out, "[top/five.txt] xtop/five.txty\n[top/zero.txt] xtop/zero.txty\n");
  assert.is(sh(SETUP + "find -s top -name '*.txt' -exec echo {} +").out, "top/five.txt top/zero.txt\n");
  assert.is(sh(SETUP + "find -s top -name x.c -execdir sh -c 'echo $0; pwd | sed s,.*/,,' {} \\;").out, "./x.c\ndeep\n");
  assert.is(sh(SETUP + "find -s top -type f -exec test -s {} \\; -print").out, "top/five.txt\ntop/sub/deep/x.c\n");
  const nf = sh(SETUP + "find -s top -name five.txt -exec nosuchcmd {} \\; -print; echo rc=$?");
  assert.is(nf.out, "rc=0\n");
  assert.is(nf.err, "find: nosuchcmd: No such file or directory\n");
  const f = sh(SETUP + "find -s top -name five.txt -exec false {} +; echo rc=$?");
  assert.is(f.out, "rc=1\n");
  const ok = sh(SETUP + "find -s top -name '*.txt' -ok echo {} \\;", { stdin: "y\nn\n" });
  assert.is(ok.out, "top/five.txt\n");
  assert.is(ok.err, "\"echo top/five.txt\"? \"echo top/zero.txt\"? ");
  // many names: batches stay under the argument limit, nothing lost
  const many = sh("mkdir m; cd m; seq 1 5000 | sed 's/^/file-with-a-longish-name-/' | xargs touch; cd ..; find m -type f -exec echo {} + | wc -l; find m -type f -exec echo {} + | tr ' ' '\\n' | wc -l");
  const [batches, total] = many.out.trim().split(/\s+/).map(Number);
  assert.ok(batches! > 1, `batches ${batches}`);
  assert.is(total, 5000);
});

test("-delete: depth-first, empty dirs, and a 10,000-level chain", () => {
  assert.is(sh(SETUP + "find top -name '*.txt' -delete; find -s top -name '*.txt' | wc -l").out.trim(), "0");
  assert.is(sh(SETUP + "find top -delete; ls -A").out, "");
  // the chain is made through descriptors (a shell's cd gives up near PATH_MAX)
  const r = sh(`mkdir c; python3 -c "
import os
fd = os.open('c', os.O_RDONLY)
for i in range(10000):
    os.mkdir('d', dir_fd=fd); n = os.open('d', os.O_RDONLY, dir_fd=fd); os.close(fd); fd = n
"`, { timeout: 120000 });
  assert.is(r.status, 0);
  assert.is(sh("find c -type d | wc -l", { cwd: r.dir, timeout: 120000 }).out.trim(), "10001");
  const d = sh("find c -delete; echo rc=$?; ls -A", { cwd: r.dir, timeout: 120000 });
  assert.is(d.out, "rc=0\n");
  assert.is(d.err, "");
  const l = sh(SETUP + "find -L top -delete");
  assert.is(l.err, "find: -delete: forbidden when symlinks are followed\n");
});

test("-printf, -ls, -fprint", () => {
  const r = sh(SETUP + "touch -t 201001020304.05 top/five.txt; find -s top -name five.txt -printf '%p|%f|%h|%s|%d|%y|%m|%TY-%Tm-%Td %TT|%T@|%t\\n'");
  assert.is(r.out, "top/five.txt|five.txt|top|5|1|f|644|2010-01-02 03:04:05|1262401445|Sat Jan  2 03:04:05 2010\n");
  assert.is(sh(SETUP + "find -s top -name link -printf '%l %Y %y\\n'").out, "five.txt f l\n");
  assert.is(sh(SETUP + "find -s top -name dangling -printf '%Y\\101\\c'").out, "NA");
  const p = sh(SETUP + "find -s top -name x.c -printf '[%h][%P]'");
  assert.is(p.out, "[top/sub/deep][");
  assert.is(p.err, "find: %P is unimplemented\n");
  assert.is(p.status, 1);
  const ls = sh(SETUP + "find top -name link -ls").out;
  assert.match(ls, /^ *\d+ +\d+ lrwxrwxrwx +1 \S+ +\S+ +8 \w{3} [ \d]\d [\d: ]{5} top\/link -> five.txt\n$/);
  assert.is(sh(SETUP + "find -s top -name '*.txt' -fprint out; cat out").out, "top/five.txt\ntop/zero.txt\n");
});

test("-newer, -samefile, -H/-L, -f", () => {
  assert.is(sh(SETUP + "touch -t 200001010000 top/zero.txt; touch -t 201001010000 top/five.txt; find -s top -type f -newer top/zero.txt").out.includes("top/five.txt"), true);
  assert.is(sh(SETUP + "find -s top -samefile top/five.txt").out, "top/five.txt\n");
  assert.is(sh(SETUP + "find -s -L top -samefile top/five.txt").out, "top/five.txt\ntop/link\n");
  assert.is(sh(SETUP + "ln -s sub top/sl; find -s -H top/sl -name x.c").out, "top/sl/deep/x.c\n");
  assert.is(sh(SETUP + "find -s -f -weird -f top/sub -- -type f 2>&1").out, "find: -weird: No such file or directory\ntop/sub/deep/x.c\n");
  void TREE;
});

test.run();
