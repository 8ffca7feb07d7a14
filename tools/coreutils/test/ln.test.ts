import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const ino = (dir: string, p: string) => fs.lstatSync(path.join(dir, p)).ino;
const target = (dir: string, p: string) => fs.readlinkSync(path.join(dir, p));
const isLink = (dir: string, p: string) => fs.lstatSync(path.join(dir, p), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
const exists = (dir: string, p: string) => fs.existsSync(path.join(dir, p));

test("hard links: two operands, into a directory, several into a directory", () => {
  const r = sh("mkdir d e; ln a b && ln a d && ln a b e", { files: { a: "x", b0: "" } });
  assert.is(r.status, 0);
  assert.is(r.err, "");
  const i = ino(r.dir, "a");
  for (const p of ["b", "d/a", "e/a", "e/b"]) assert.is(ino(r.dir, p), i, p);
});

test("one operand links into the current directory", () => {
  const r = sh("mkdir d && cd d && ln -s ../a && ln ../a h", { files: { a: "x" } });
  assert.is(r.status, 0);
  assert.is(target(r.dir, "d/a"), "../a");
  assert.is(ino(r.dir, "d/h"), ino(r.dir, "a"));
});

test("symbolic links store the text; it need not exist", () => {
  const r = sh("ln -s nowhere l; ln -s ../up d; echo rc=$?", { files: { "d/x": "" } });
  assert.is(r.out, "rc=0\n");
  assert.is(target(r.dir, "l"), "nowhere");
  assert.is(target(r.dir, "d/up"), "../up");
});

test("existing target: error without -f; -f replaces; status 1 and the rest go on", () => {
  const r = sh("mkdir d; : > d/a; ln a b; echo rc=$?; ln a c d; echo rc=$?", { files: { a: "x", b: "y", c: "z" } });
  assert.is(r.out, "rc=1\nrc=1\n");
  assert.is(r.err, "ln: b: File exists\nln: d/a: File exists\n");
  assert.is(ino(r.dir, "d/c"), ino(r.dir, "c"));
  const f = sh("ln -f a b", { files: { a: "x", b: "y" } });
  assert.is(f.status, 0);
  assert.is(ino(f.dir, "b"), ino(f.dir, "a"));
});

test("the same directory entry is refused, even with -f", () => {
  const r = sh("ln a a; ln -f a ./a; mkdir d; ln -f a d/../a; cat a", { files: { a: "x" } });
  assert.is(r.out, "x");
  assert.is(r.err,
    "ln: a and a are the same directory entry\nln: a and ./a are the same directory entry\n" +
    "ln: a and d/../a are the same directory entry\n");
  // symbolic links skip the check: -sf replaces the file by a link to itself, as BSD does
  const s = sh("ln -s a a; echo rc=$?; ln -sf a a; echo rc=$?", { files: { a: "" } });
  assert.is(s.out, "rc=1\nrc=0\n");
  assert.is(target(s.dir, "a"), "a");
});

test("hard links to directories and missing sources fail", () => {
  const r = sh("mkdir d; ln d e; ln nope f; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "ln: d: Is a directory\nln: nope: No such file or directory\n");
  assert.not.ok(exists(r.dir, "e") || exists(r.dir, "f"));
});

test("-L (default) links what a symlink points to, -P the symlink itself; last wins", () => {
  const r = sh("ln -s a l; ln l h1; ln -P l h2; ln -P -L l h3; ln -L -P l h4; ln -s -L l s", { files: { a: "x" } });
  assert.is(r.status, 0);
  assert.is(ino(r.dir, "h1"), ino(r.dir, "a"));
  assert.ok(isLink(r.dir, "h2") && target(r.dir, "h2") === "a");
  assert.is(ino(r.dir, "h3"), ino(r.dir, "a"));
  assert.is(ino(r.dir, "h4"), ino(r.dir, "l"));
  assert.is(target(r.dir, "s"), "l");
  // -P links a dangling symlink; -L cannot
  const d = sh("ln -s nowhere l; ln -P l ok; ln l bad", {});
  assert.is(d.err, "ln: l: No such file or directory\n");
  assert.ok(isLink(d.dir, "ok"));
});

test("-h/-n: a symlink to a directory as target is replaced, not entered", () => {
  const r = sh("mkdir d; ln -s d l; ln -sf a l; ln -sfn b l", { files: { a: "", b: "" } });
  assert.is(r.status, 0);
  assert.is(target(r.dir, "d/a"), "a"); // without -n it went inside
  assert.is(target(r.dir, "l"), "b");
  const h = sh("mkdir d; ln -s d l; ln -sfh a l", { files: { a: "" } });
  assert.is(target(h.dir, "l"), "a");
  // several sources and -h: a symlink target directory is "not a directory"
  const m = sh("mkdir d; ln -s d l; ln -h a b l; echo rc=$?", { files: { a: "", b: "" } });
  assert.is(m.out, "rc=1\n");
  assert.is(m.err, "ln: l: Not a directory\n");
});

test("-F: with -s an existing target directory is removed (rmdir) and replaced", () => {
  const r = sh("mkdir d; ln -sF a d; echo rc=$?", { files: { a: "" } });
  assert.is(r.out, "rc=0\n");
  assert.is(target(r.dir, "d"), "a");
  const full = sh("mkdir d; : > d/x; ln -sF a d; echo rc=$?", { files: { a: "" } });
  assert.is(full.out, "rc=1\n");
  assert.is(full.err, "ln: d: Directory not empty\n");
  // without -s, -F is ignored: the link goes inside the directory
  const h = sh("mkdir d; ln -F a d", { files: { a: "" } });
  assert.is(ino(h.dir, "d/a"), ino(h.dir, "a"));
  // a target ending in "/" is still a directory to link into
  const t = sh("mkdir d; ln -sF a d/", { files: { a: "" } });
  assert.is(target(t.dir, "d/a"), "a");
});

test("-i: prompt on stderr, answer from stdin; -f and -i override each other", () => {
  const no = run("ln", ["-i", "a", "b"], { files: { a: "x", b: "y" }, stdin: "n\n" });
  assert.is(no.status, 1);
  assert.is(no.err, "replace b? not replaced\n");
  assert.is(fs.readFileSync(path.join(no.dir, "b"), "utf8"), "y");
  const yes = run("ln", ["-i", "a", "b"], { files: { a: "x", b: "y" }, stdin: "Yes please\n" });
  assert.is(yes.status, 0);
  assert.is(yes.err, "replace b? ");
  assert.is(ino(yes.dir, "b"), ino(yes.dir, "a"));
  // one answer per line, in turn; end of input means no
  const many = sh("mkdir d; : > d/a; : > d/b; : > d/c; ln -i a b c d; echo rc=$?",
    { files: { a: "", b: "", c: "" }, stdin: "y\nn\n" });
  assert.is(many.out, "rc=1\n");
  assert.is(many.err, "replace d/a? replace d/b? not replaced\nreplace d/c? not replaced\n");
  assert.is(ino(many.dir, "d/a"), ino(many.dir, "a"));
  assert.is.not(ino(many.dir, "d/b"), ino(many.dir, "b"));
  // the last of -f/-i wins
  assert.is(run("ln", ["-i", "-f", "a", "b"], { files: { a: "", b: "" } }).status, 0);
  assert.is(run("ln", ["-f", "-i", "a", "b"], { files: { a: "", b: "" }, stdin: "" }).err, "replace b? not replaced\n");
});

test("-v: target => source (hard), target -> source (symbolic)", () => {
  const r = sh("mkdir d; ln -v a b; ln -sv a c; ln -v a b d", { files: { a: "x" } });
  assert.is(r.out, "b => a\nc -> a\nd/a => a\nd/b => b\n");
});

test("-w warns about a symbolic link's missing source (relative to the link)", () => {
  const r = sh("mkdir d; ln -sw nope l; ln -sw ../a d/ok; ln -sw /no/such abs; echo rc=$?", { files: { a: "" } });
  assert.is(r.out, "rc=0\n");
  assert.is(r.err, "ln: warning: nope: No such file or directory\nln: warning: /no/such inaccessible: No such file or directory\n");
  // -f cancels -w
  assert.is(sh("ln -swf nope l").err, "");
});

test("-r: the source made relative to the link's directory", () => {
  const r = sh("mkdir -p x/y z; ln -sr a x/y/l; ln -sr x/y z; ln -sr z/y/l z/l2; ln -sr a b; ln -sr x x/self; cat z/l2", { files: { a: "data" } });
  assert.is(r.status, 0);
  assert.is(r.out, "data");
  assert.is(target(r.dir, "x/y/l"), "../../a");
  assert.is(target(r.dir, "z/y"), "../x/y");
  // symlinks in the source are resolved first, the last one too (std::filesystem::relative)
  assert.is(target(r.dir, "z/l2"), "../a");
  assert.is(target(r.dir, "b"), "a");
  assert.is(target(r.dir, "x/self"), ".");
  // absolute sources and sources that do not exist yet
  const dir = tmpdir();
  fs.mkdirSync(path.join(dir, "p"));
  assert.is(run("ln", ["-sr", path.join(dir, "p/new/../later"), "p/l"], { cwd: dir }).status, 0);
  assert.is(fs.readlinkSync(path.join(dir, "p/l")), "later");
  const e = run("ln", ["-r", "a", "b"], { files: { a: "" } });
  assert.is(e.status, 1);
  assert.is(e.err, "ln: -r must be used with -s\n");
});

test("-t dir: every operand is a source", () => {
  const r = sh("mkdir d; ln -s -t d ../a ../b; ln -t d c", { files: { c: "" } });
  assert.is(r.status, 0);
  assert.is(target(r.dir, "d/a"), "../a");
  assert.is(target(r.dir, "d/b"), "../b");
  assert.is(ino(r.dir, "d/c"), ino(r.dir, "c"));
  assert.is(sh(": > f; ln -t f a").status, 1);
  assert.is(sh("ln -t nope a").err, "ln: nope: No such file or directory\n");
  assert.is(run("ln", ["-t", "."]).status, 1);
});

test("-T: the target is never a directory to link into", () => {
  const r = sh("mkdir d; ln -sT a d; echo rc=$?; ln -sT a l; echo rc=$?; ln -T a b c; echo rc=$?", { files: { a: "" } });
  assert.is(r.out, "rc=1\nrc=0\nrc=1\n");
  assert.match(r.err, /^ln: d: File exists\nusage: ln /);
  assert.not.ok(exists(r.dir, "d/a"));
  // -T with -f replaces a symlink to a directory instead of entering it
  const s = sh("mkdir d; ln -s d l; ln -sfT a l", { files: { a: "" } });
  assert.is(target(s.dir, "l"), "a");
});

test("usage", () => {
  const r = run("ln", []);
  assert.is(r.status, 1);
  assert.is(r.err,
    "usage: ln [-s [-Fr] | -L | -P] [-f | -i] [-hnvT] source_file [target_file]\n" +
    "       ln [-s [-Fr] | -L | -P] [-f | -i] [-hnv] source_file ... target_dir\n" +
    "       ln [-s [-Fr] | -L | -P] [-f | -i] [-hnv] -t target_dir source_file ...\n");
  assert.match(run("ln", ["-Q", "a"]).err, /unrecognized option: Q\nusage: ln /);
  // several sources and a last operand that is no directory
  assert.match(sh(": > a; : > b; : > c; ln a b c").err, /^usage: ln /);
});

test("link: exactly two operands, no options, target must not exist", () => {
  const r = sh("link a b && [ a -ef b ] && echo ok", { files: { a: "x" } });
  assert.is(r.out, "ok\n");
  const e = run("link", ["a", "b"], { files: { a: "x", b: "y" } });
  assert.is(e.status, 1);
  assert.is(e.err, "link: b: File exists\n");
  for (const args of [["a"], ["a", "b", "c"], []]) {
    const u = run("link", args, { files: { a: "x" } });
    assert.is(u.status, 1);
    assert.is(u.err, "usage: link source_file target_file\n");
  }
  const o = run("link", ["-s", "a", "b"], { files: { a: "x" } });
  assert.is(o.status, 1);
  assert.match(o.err, /unrecognized option: s\nusage: link source_file target_file\n$/);
  assert.is(run("link", ["--", "a", "b"], { files: { a: "x" } }).status, 0);
  // a symlink source is followed, like ln's default
  const s = sh("ln -s a l; link l h", { files: { a: "x" } });
  assert.is(ino(s.dir, "h"), ino(s.dir, "a"));
  assert.is(run("link", ["nope", "b"]).err, "link: nope: No such file or directory\n");
});

test("names keep every byte", () => {
  const dir = tmpdir({ a: "x" });
  const name = Buffer.from([0x6c, 0xff]);
  const r = run("ln", ["-sv", "a", name], { cwd: dir });
  assert.is(r.status, 0);
  assert.equal(r.stdout, Buffer.concat([name, Buffer.from(" -> a\n")]));
  const l = Buffer.concat([Buffer.from(dir + "/"), name]);
  assert.is(fs.readlinkSync(l, "utf8"), "a");
  const h = run("ln", [name, "h"], { cwd: dir });
  assert.is(h.status, 0);
  assert.is(fs.lstatSync(path.join(dir, "h")).ino, fs.statSync(path.join(dir, "a")).ino);
});

test.run();
