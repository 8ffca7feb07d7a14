import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const root = process.getuid?.() === 0;
const st = (d: string, p: string) => fs.lstatSync(path.join(d, p));
const mode = (d: string, p: string) => st(d, p).mode & 0o7777;
const read = (d: string, p: string) => fs.readFileSync(path.join(d, p), "utf8");
const ls = (d: string) => fs.readdirSync(d).sort();

test("file1 file2: a copy with mode 0755; an old target replaced through a temp file", () => {
  const d = tmpdir({ a: "new\n", b: "old" });
  fs.chmodSync(path.join(d, "b"), 0o444);
  const ino = st(d, "b").ino;
  const r = run("install", ["a", "b"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.err + r.out, "");
  assert.is(read(d, "b"), "new\n");
  assert.is(mode(d, "b"), 0o755);
  assert.is.not(st(d, "b").ino, ino); // renamed into place, not rewritten
  assert.equal(ls(d), ["a", "b"]); // no INS@ left behind
});

test("-m octal and symbolic, -d with +X", () => {
  const d = tmpdir({ a: "x" });
  run("install", ["-m", "640", "a", "b"], { cwd: d });
  assert.is(mode(d, "b"), 0o640);
  run("install", ["-m", "u=rw,go=r", "a", "c"], { cwd: d });
  assert.is(mode(d, "c"), 0o644);
  run("install", ["-m", "a=rX", "a", "e"], { cwd: d });
  assert.is(mode(d, "e"), 0o444);
  run("install", ["-d", "-m", "a=rX", "dx"], { cwd: d });
  assert.is(mode(d, "dx"), 0o555);
  const r = run("install", ["-m", "8", "a", "f"], { cwd: d });
  assert.is(r.err, "install: invalid file mode: 8\n");
  assert.is(r.status, 64);
});

test("-d makes every component, -v tells; -D makes the target's parents", () => {
  const d = tmpdir({ a: "x" });
  let r = run("install", ["-dv", "x/y/z", "w"], { cwd: d });
  assert.is(r.out, "install: mkdir x\ninstall: mkdir x/y\ninstall: mkdir x/y/z\ninstall: mkdir w\n");
  assert.is(mode(d, "x/y/z"), 0o755);
  r = run("install", ["-d", "a/b"], { cwd: d });
  assert.is(r.err, "install: a exists but is not a directory\n");
  assert.is(r.status, 71);
  r = run("install", ["-Dv", "a", "p/q/a2"], { cwd: d });
  assert.is(r.out, "install: mkdir p\ninstall: mkdir p/q\ninstall: a -> p/q/a2\n");
  r = run("install", ["-D", "-t", "t/u", "a"], { cwd: d });
  assert.is(read(d, "t/u/a"), "x");
  r = run("install", ["-d", "-D", "z"], { cwd: d });
  assert.is(r.err.split("\n")[0], "install: -d and -D may not be specified together");
  assert.is(r.status, 64);
});

test("several files into a directory, -t, -T", () => {
  const d = tmpdir({ a: "1", "s/b": "2" });
  fs.mkdirSync(path.join(d, "dst"));
  let r = run("install", ["a", "s/b", "dst/"], { cwd: d });
  assert.is(r.status, 0);
  assert.equal(ls(path.join(d, "dst")), ["a", "b"]);
  r = run("install", ["-t", "dst", "a"], { cwd: d });
  assert.is(r.status, 0);
  r = run("install", ["-T", "a", "dst"], { cwd: d });
  assert.is(r.err, "install: cannot overwrite directory 'dst' with non-directory\n");
  assert.is(r.status, 71);
  r = run("install", ["-T", "-t", "dst", "a"], { cwd: d });
  assert.is(r.err, "install: cannot combine -T and -t\n");
  r = run("install", ["-t", "nodir", "a"], { cwd: d });
  assert.is(r.err, "install: failed to access 'nodir': No such file or directory\n");
  r = run("install", ["a", "s/b", "nodir"], { cwd: d });
  assert.is(r.err.split("\n")[0], "install: target directory `nodir' does not exist");
  assert.is(r.status, 64);
  r = run("install", ["a", "s/b", "a"], { cwd: d });
  assert.is(r.err.split("\n")[0], "install: target `a' is not a directory");
});

test("errors: missing source, directory source, same file, empty destination", () => {
  const d = tmpdir({ a: "x" });
  fs.mkdirSync(path.join(d, "dir"));
  let r = run("install", ["nope", "b"], { cwd: d });
  assert.is(r.err, "install: nope: No such file or directory\n");
  assert.is(r.status, 71);
  r = run("install", ["dir", "e"], { cwd: d });
  assert.is(r.err, "install: dir: not a regular file\n");
  assert.is(r.status, 71);
  r = run("install", ["a", "a"], { cwd: d });
  assert.is(r.err, "install: a and a are the same file\n");
  assert.is(r.status, 64);
  r = run("install", ["a", ""], { cwd: d });
  assert.is(r.err, "install: destination cannot be an empty string\n");
  r = run("install", ["a"], { cwd: d });
  assert.is(r.status, 64);
  assert.ok(r.err.startsWith("usage: install [-bCcDpSsTv]"));
  r = run("install", ["-l", "q", "a", "b"], { cwd: d });
  assert.is(r.err, "install: q: invalid link type\n");
  assert.is(r.status, 1);
});

test("-C keeps an identical target (times and inode); -p keeps the source's times", () => {
  const d = tmpdir({ a: "x", b: "x", c: "y" });
  fs.utimesSync(path.join(d, "b"), 1000000000, 1000000000);
  fs.utimesSync(path.join(d, "a"), 981209100, 981209100);
  const ino = st(d, "b").ino;
  run("install", ["-C", "-m", "600", "a", "b"], { cwd: d });
  assert.is(st(d, "b").mtimeMs, 1000000000000);
  assert.is(st(d, "b").ino, ino);
  assert.is(mode(d, "b"), 0o600); // the mode is still fixed
  run("install", ["-C", "a", "c"], { cwd: d });
  assert.is(read(d, "c"), "x");
  run("install", ["-p", "a", "e"], { cwd: d });
  assert.is(st(d, "e").mtimeMs, 981209100000);
});

test("-b and -B keep the old target; -v names the steps", () => {
  const d = tmpdir({ a: "new", b: "old" });
  let r = run("install", ["-v", "-b", "a", "b"], { cwd: d });
  assert.is(r.out, "install: b -> b.old\ninstall: a -> b\n");
  assert.is(read(d, "b.old"), "old");
  run("install", ["-B", ".orig", "a", "b"], { cwd: d });
  assert.is(read(d, "b.orig"), "new");
  // no target: nothing to back up
  r = run("install", ["-bv", "a", "fresh"], { cwd: d });
  assert.is(r.out, "install: a -> fresh\n");
});

test("-l: symbolic, relative, absolute, hard, mixed", () => {
  const d = tmpdir({ a: "x" });
  fs.mkdirSync(path.join(d, "sub"));
  run("install", ["-l", "s", "a", "s1"], { cwd: d });
  assert.is(fs.readlinkSync(path.join(d, "s1")), "a");
  run("install", ["-l", "rs", path.join(d, "a"), "sub/r"], { cwd: d });
  assert.is(fs.readlinkSync(path.join(d, "sub/r")), "../a");
  run("install", ["-l", "as", "a", "sub/abs"], { cwd: d });
  assert.is(fs.readlinkSync(path.join(d, "sub/abs")), fs.realpathSync(path.join(d, "a")));
  const r = run("install", ["-v", "-l", "h", "a", "h"], { cwd: d });
  assert.is(r.out, "install: link a -> h\n");
  assert.is(st(d, "h").ino, st(d, "a").ino);
  // replacing an existing name goes through a temporary link
  run("install", ["-l", "m", "a", "s1"], { cwd: d });
  assert.is(st(d, "s1").ino, st(d, "a").ino);
  assert.equal(ls(d).filter((n) => n.includes(".inst.")), []);
});

test("-o/-g by name and number; unknown names", () => {
  if (!root) return console.log("  (skipped: needs root)");
  const d = tmpdir({ a: "x" });
  run("install", ["-o", "65534", "-g", "48213", "a", "b"], { cwd: d });
  assert.is(`${st(d, "b").uid}:${st(d, "b").gid}`, "65534:48213");
  run("install", ["-o", "root", "-g", "root", "-m", "4755", "a", "b"], { cwd: d });
  assert.is(`${st(d, "b").uid}:${st(d, "b").gid} ${mode(d, "b").toString(8)}`, "0:0 4755");
  let r = run("install", ["-o", "nosuchuserxyz", "a", "c"], { cwd: d });
  assert.is(r.err, "install: unknown user nosuchuserxyz\n");
  assert.is(r.status, 1);
  r = run("install", ["-g", "nosuchgroupxyz", "a", "c"], { cwd: d });
  assert.is(r.err, "install: unknown group nosuchgroupxyz\n");
  run("install", ["-d", "-o", "65534", "dd"], { cwd: d });
  assert.is(st(d, "dd").uid, 65534);
});

test("-s: strip from PATH, a missing strip, DONTSTRIP, STRIPBIN", () => {
  const d = tmpdir({ a: "#!/bin/sh\n" });
  let r = run("install", ["-s", "a", "b"], { cwd: d, env: { PATH: "/nonexistent" } });
  assert.is(r.err, "install: spawn strip: No such file or directory\n");
  assert.is(r.status, 71);
  assert.equal(ls(d), ["a"]);
  r = run("install", ["-s", "a", "b"], { cwd: d, env: { DONTSTRIP: "1" } });
  assert.is(r.err, "install: DONTSTRIP set - will not strip installed binaries\n");
  assert.is(read(d, "b"), "#!/bin/sh\n");
  // a stripper that fails both ways
  r = run("install", ["-s", "a", "c"], { cwd: d, env: { STRIPBIN: "false" } });
  assert.match(r.err, /^install: strip command false failed on INS@\w{6}\n$/);
  assert.is(r.status, 70);
  // one that works on "-o OUT IN"
  fs.writeFileSync(path.join(d, "fakestrip"), "#!/bin/sh\n[ \"$1\" = -o ] && printf stripped > \"$2\"\n", { mode: 0o755 });
  r = run("install", ["-s", "a", "e"], { cwd: d, env: { STRIPBIN: path.join(d, "fakestrip") } });
  assert.is(r.status, 0);
  assert.is(read(d, "e"), "stripped");
  if (fs.existsSync("/usr/bin/strip")) {
    fs.copyFileSync("/bin/true", path.join(d, "t"));
    r = run("install", ["-s", "t", "t2"], { cwd: d });
    assert.is(r.status, 0);
    assert.is(sh("./t2 && echo ok", { cwd: d }).out, "ok\n");
  }
});

test("/dev/null as source makes an empty file; -S copies safely", () => {
  const d = tmpdir({ a: "data" });
  let r = run("install", ["/dev/null", "empty"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(read(d, "empty"), "");
  fs.mkdirSync(path.join(d, "dir"));
  r = run("install", ["/dev/null", "dir"], { cwd: d });
  assert.is(r.err, "install: /dev/null: not a regular file\n");
  r = run("install", ["-S", "a", "b"], { cwd: d });
  assert.is(read(d, "b"), "data");
});

test("binstall: -M metalog with -h digest, -D destdir, -T tags, -U unprivileged", () => {
  const d = tmpdir({ a: "x" });
  fs.mkdirSync(path.join(d, "root"));
  let r = run("binstall", ["-U", "-M", "log", "-D", "root", "-T", "pkg", "-h", "sha256", "-o", "someone", "-m", "644", "a", "root/b"], { cwd: d });
  assert.is(r.err, "");
  assert.is(r.status, 0);
  r = run("binstall", ["-M", "log", "-D", "root", "-d", "root/usr"], { cwd: d });
  assert.is(read(d, "log"),
    "./b type=file uname=someone mode=0644 size=1 tags=pkg sha256=2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\n".replace(/ tags=pkg (sha256=\w+)/, " $1 tags=pkg") +
    "./usr type=dir mode=0755\n");
  r = run("binstall", ["-h", "md4", "a", "c"], { cwd: d });
  assert.is(r.err.split("\n")[0], "binstall: unknown digest `md4'");
  assert.is(r.status, 64);
  // GNU-only -t is not a binstall option
  r = run("binstall", ["-t", "root", "a"], { cwd: d });
  assert.is(r.status, 64);
});

test.run();
