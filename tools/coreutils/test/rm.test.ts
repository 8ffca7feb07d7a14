import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const USAGE = "usage: rm [-f | -i] [-dIPRrvWx] file ...\n       unlink [--] file\n";
const exists = (dir: string, p: string) => {
  try {
    fs.lstatSync(path.join(dir, p));
    return true;
  } catch {
    return false;
  }
};
const isRoot = process.getuid?.() === 0;

test("files go quietly; -v names each; -P is accepted", () => {
  const d = tmpdir({ a: "x", b: "y", c: "z" });
  let r = run("rm", ["a"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.out + r.err, "");
  assert.not.ok(exists(d, "a"));
  r = run("rm", ["-vP", "b", "c"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.out, "b\nc\n");
  assert.is(r.err, "");
  assert.equal(fs.readdirSync(d), []);
});

test("missing files: reported, the rest go on; -f quiet with status 0", () => {
  const d = tmpdir({ a: "", b: "" });
  let r = run("rm", ["a", "nope", "b"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "rm: nope: No such file or directory\n");
  assert.not.ok(exists(d, "b"));
  r = run("rm", ["-f", "nope", "gone/x"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.err, "");
  r = run("rm", ["-f"], { cwd: d });
  assert.is(r.status, 0);
  r = run("rm", ["-rf", "nope"], { cwd: d });
  assert.is(r.status + r.err.length, 0);
});

test("usage: no operand, unknown option (-W is only in the usage text), status 64", () => {
  let r = run("rm", []);
  assert.is(r.status, 64);
  assert.is(r.err, USAGE);
  r = run("rm", ["-W", "x"]);
  assert.is(r.status, 64);
  assert.match(r.err, /unrecognized option: W\nusage: rm /);
  // options end at the first operand
  const d = tmpdir({ a: "", "-f": "" });
  r = run("rm", ["a", "-f"], { cwd: d });
  assert.is(r.status, 0);
  assert.equal(fs.readdirSync(d), []);
});

test("directories: 'is a directory' without -r/-d; -d removes empty ones only", () => {
  const r = sh("mkdir d e f; : > f/x; : > a; rm a d; echo rc=$?; rm -d e f; echo rc=$?");
  assert.is(r.out, "rc=1\nrc=1\n");
  assert.is(r.err, "rm: d: is a directory\nrm: f: Directory not empty\n");
  assert.not.ok(exists(r.dir, "a") || exists(r.dir, "e"));
  assert.ok(exists(r.dir, "d") && exists(r.dir, "f/x"));
  const s = sh("mkdir d; rm -dv d");
  assert.is(s.out, "d\n");
});

test("-r: post-order removal, -v lists children before their directory", () => {
  const r = sh("mkdir -p d/s/t; : > d/s/t/f; ln -s nowhere d/s/l2 2>/dev/null; rm d/s/l2; rm -rv d");
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.is(r.out, "d/s/t/f\nd/s/t\nd/s\nd\n");
  assert.not.ok(exists(r.dir, "d"));
  // -R is the same; trailing slash on the operand is not doubled
  const s = sh("mkdir -p d/e; rm -Rv d/");
  assert.is(s.out, "d/e\nd/\n");
});

test("-r: errors are reported per entry and the walk goes on", () => {
  const r = sh("mkdir -p a/b c; : > a/b/f; : > c/g; rm -r nope a c; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "rm: nope: No such file or directory\n");
  assert.equal(fs.readdirSync(r.dir), []);
  // an operand that cannot be stat'ed for another reason
  const s = sh(": > f; rm -r f/x; echo rc=$?");
  assert.is(s.out, "rc=1\n");
  assert.is(s.err, "rm: f/x: Not a directory\n");
});

test("-r: a symlink to a directory outside is removed as a link; the outside stays", () => {
  const r = sh("mkdir -p out/in t; : > out/in/keep; ln -s ../out t/l; ln -s out l2; rm -rv t l2");
  assert.is(r.status, 0);
  assert.is(r.out, "t/l\nt\nl2\n");
  assert.ok(exists(r.dir, "out/in/keep"));
  assert.not.ok(exists(r.dir, "t") || exists(r.dir, "l2"));
  // without -r too: the link goes, not the directory it names
  const s = sh("mkdir d; : > d/f; ln -s d l; rm l; echo rc=$?");
  assert.is(s.out, "rc=0\n");
  assert.ok(exists(s.dir, "d/f"));
});

test('refuses "/", "." and ".." (once each, dots first), removes the rest, status 1', () => {
  // "/" without -r: even a broken check could not remove anything
  let r = sh("mkdir d; : > f; rm -d / d; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, 'rm: "/" may not be removed\n');
  assert.not.ok(exists(r.dir, "d"));
  r = sh("mkdir -p d/e; : > f; rm -r . d/.. / / f ./.; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, 'rm: "." and ".." may not be removed\nrm: "/" may not be removed\n');
  assert.ok(exists(r.dir, "d/e"));
  assert.not.ok(exists(r.dir, "f"));
  // nothing left to do: status 1 all the same, even with -f
  r = sh("rm -rf .. ; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, 'rm: "." and ".." may not be removed\n');
  // other spellings of the root directory are refused too (deviation: rm.c compares with "/");
  // without -r, so a broken check could not remove anything
  r = sh("rm -d // /./ /usr/.. /proc/../ f; echo rc=$?", { files: { f: "" } });
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, 'rm: "." and ".." may not be removed\nrm: "/" may not be removed\n');
  assert.not.ok(exists(r.dir, "f"));
  // a trailing slash makes the last component empty: "d/" is a directory, "./" is not refused
  r = sh("mkdir d; rm d/; echo rc=$?");
  assert.is(r.err, "rm: d/: is a directory\n");
});

test("-i asks for each entry on stderr, y/Y removes; the later of -f/-i wins", () => {
  const d = tmpdir({ a: "", b: "", c: "" });
  let r = run("rm", ["-i", "a", "b", "c"], { cwd: d, stdin: "y\nnope\nYes\n" });
  assert.is(r.status, 0);
  assert.is(r.err, "remove a? remove b? remove c? ");
  assert.equal(fs.readdirSync(d), ["b"]);
  r = run("rm", ["-f", "-i", "b"], { cwd: d, stdin: "" });
  assert.is(r.err, "remove b? ");
  assert.ok(exists(d, "b"));
  r = run("rm", ["-i", "-f", "b"], { cwd: d, stdin: "" });
  assert.is(r.err, "");
  assert.not.ok(exists(d, "b"));
});

test("-ri: a directory refused on the way down is skipped whole", () => {
  let r = sh("mkdir -p d/s; : > d/f; : > d/s/g; echo n | rm -ri d; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.is(r.err, "remove d? ");
  assert.ok(exists(r.dir, "d/s/g"));
  // yes to the directory, no to what is in it: the directory cannot go then
  r = sh("mkdir -p d/s; : > d/s/g; printf 'y\\ny\\nn\\n' | rm -ri d; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "remove d? remove d/s? remove d/s/g? rm: d/s: Directory not empty\nrm: d: Directory not empty\n");
  assert.ok(exists(r.dir, "d/s/g"));
  const s = sh("mkdir -p d/s; : > d/s/g; printf 'y\\ny\\ny\\ny\\n' | rm -riv d");
  assert.is(s.err, "remove d? remove d/s? remove d/s/g? ");
  assert.is(s.out, "d/s/g\nd/s\nd\n");
});

test("-I: one question for more than three files or a recursive removal", () => {
  let r = sh(": > a; : > b; : > c; rm -I a b c; echo rc=$?");
  assert.is(r.err, "");
  assert.equal(fs.readdirSync(r.dir), []);
  r = sh(": > a; : > b; : > c; mkdir d; rm -Id a b c d <<EOF; echo rc=$?\nn\nEOF\n");
  assert.is(r.err, "remove 4 files? ");
  assert.is(r.out, "rc=1\n");
  assert.is(fs.readdirSync(r.dir).length, 4);
  // an unclear answer asks again; end of input is no
  r = sh(": > a; : > b; : > c; : > e; printf 'what\\n\\nY\\n' | rm -I a b c e; echo rc=$?");
  assert.is(r.err, "remove 4 files? remove 4 files? remove 4 files? ");
  assert.equal(fs.readdirSync(r.dir), []);
  r = sh(": > a; : > b; : > c; : > e; printf 'what' | rm -I a b c e; echo rc=$?");
  assert.is(r.err, "remove 4 files? ");
  assert.is(r.out, "rc=1\n");
  r = sh("mkdir -p d/s; : > f; echo y | rm -rI d f; echo rc=$?");
  assert.is(r.err, "recursively remove d and 1 file? ");
  assert.equal(fs.readdirSync(r.dir), []);
  r = sh("mkdir d e; : > f; : > g; echo n | rm -RI d e f g nope; echo rc=$?");
  assert.is(r.err, "recursively remove 2 dirs and 2 files? ");
  assert.is(r.out, "rc=1\n");
  // -I with directories but no -r counts them as files
  r = sh("mkdir d e; : > f; echo n | rm -I d e f; echo rc=$?");
  assert.is(r.err, "rm: d: is a directory\nrm: e: is a directory\n");
});

test("write-protected files: no question without a terminal", () => {
  const r = sh(": > f; chmod 444 f; mkdir d; : > d/g; chmod 444 d/g; rm f </dev/null && rm -r d </dev/null; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.equal(fs.readdirSync(r.dir), []);
});

test("write-protected files: 'override' question with a terminal on stdin (unprivileged)", () => {
  const script = "/usr/bin/script";
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
  if (!fs.existsSync(script) || (isRoot && !setpriv)) {
    console.log("  (skipped: needs script(1), and setpriv(1) when run as root)");
    return;
  }
  const d = tmpdir();
  fs.chmodSync(d, 0o777);
  fs.writeFileSync(path.join(d, "f"), "");
  fs.writeFileSync(path.join(d, "g"), "");
  fs.chmodSync(path.join(d, "f"), 0o444);
  fs.chmodSync(path.join(d, "g"), 0o400);
  fs.symlinkSync("f", path.join(d, "l"));
  const bin = fs.realpathSync(path.join(implDir(), "rm"));
  const id = (o: string) => spawnSync("id", [o], { encoding: "utf8" }).stdout.trim();
  const owner = isRoot ? "root" : id("-un");
  const group = isRoot ? "root" : id("-gn");
  const pre = isRoot ? [setpriv!, "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
  const go = (cmd: string, input: string) => {
    const r = spawnSync(pre[0] ?? script, [...pre.slice(1), ...(pre.length ? [script] : []), "-qec", cmd, "/dev/null"],
      { cwd: d, input, encoding: "utf8" });
    return r.stdout.replace(/\r/g, "");
  };
  let out = go(`${bin} rm f l; echo rc=$?`, "n\n");
  assert.ok(out.includes(`override r--r--r-- ${owner}/${group} for f? `), out);
  assert.ok(out.includes("rc=0"), out);
  assert.ok(exists(d, "f"));
  assert.not.ok(exists(d, "l")); // a symlink is never asked about
  out = go(`${bin} rm g; echo rc=$?`, "y\n");
  assert.ok(out.includes(`override r-------- ${owner}/${group} for g? `), out);
  assert.not.ok(exists(d, "g"));
  out = go(`${bin} rm -f f; echo rc=$?`, "");
  assert.not.ok(out.includes("override"), out);
  assert.not.ok(exists(d, "f"));
});

test("names keep every byte (invalid UTF-8)", () => {
  const d = tmpdir();
  const name = Buffer.from([0x66, 0xff, 0xfe]);
  const sub = Buffer.from([0xe9, 0x80]);
  const at = (...parts: Buffer[]) => Buffer.concat([Buffer.from(d + "/"), ...parts]);
  fs.mkdirSync(at(name));
  fs.writeFileSync(at(name, Buffer.from("/"), sub), "");
  fs.writeFileSync(at(sub), "");
  const r = run("rm", ["-rv", name, sub], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.equal(r.stdout, Buffer.concat([name, Buffer.from("/"), sub, Buffer.from("\n"), name, Buffer.from("\n"), sub, Buffer.from("\n")]));
  assert.equal(fs.readdirSync(d), []);
  const s = run("rm", [Buffer.from([0x6e, 0xff]) as any], { cwd: d });
  assert.equal(s.stderr, Buffer.concat([Buffer.from("rm: n"), Buffer.from([0xff]), Buffer.from(": No such file or directory\n")]));
});

test("empty operand: fts_open stops -r (quiet with -f); plain rm reports it", () => {
  const d = tmpdir({ a: "" });
  let r = run("rm", ["-r", "a", ""], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "rm: fts_open: No such file or directory\n");
  assert.ok(exists(d, "a"));
  r = run("rm", ["-rf", "a", ""], { cwd: d });
  assert.is(r.status + r.err.length, 0);
  assert.ok(exists(d, "a"));
  r = run("rm", ["a", ""], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "rm: : No such file or directory\n");
  assert.not.ok(exists(d, "a"));
});

test("-x is accepted and removes a tree on one file system", () => {
  const r = sh("mkdir -p d/s; : > d/s/f; rm -rx d; echo rc=$?");
  assert.is(r.out, "rc=0\n");
  assert.not.ok(exists(r.dir, "d"));
});

test("-r removes a 10,000-level tree (paths far beyond PATH_MAX)", () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "rm-deep."));
  const N = 10000, O_PATH = 0o10000000;
  try {
    let fd = fs.openSync(d, O_PATH | fs.constants.O_DIRECTORY);
    for (let i = 0; i < N; i++) {
      fs.mkdirSync(`/proc/self/fd/${fd}/dd`);
      const next = fs.openSync(`/proc/self/fd/${fd}/dd`, O_PATH | fs.constants.O_DIRECTORY);
      fs.closeSync(fd);
      fd = next;
    }
    fs.writeFileSync(`/proc/self/fd/${fd}/leaf`, "");
    fs.closeSync(fd);
    const r = run("rm", ["-r", "dd"], { cwd: d, timeout: 120000 });
    assert.is(r.err, "");
    assert.is(r.status, 0);
    assert.equal(fs.readdirSync(d), []);
  } finally {
    spawnSync("rm", ["-rf", d]);
  }
});

test("unlink: one operand, no options; directories refused", () => {
  const r = sh(": > a; : > ./-f; : > -- 2>/dev/null; mkdir d; unlink a; echo rc=$?; unlink d; echo rc=$?; unlink nope; echo rc=$?; unlink -- -f; echo rc=$?");
  assert.is(r.out, "rc=0\nrc=1\nrc=1\nrc=0\n");
  assert.is(r.err, "unlink: d: is a directory\nunlink: nope: No such file or directory\n");
  assert.ok(exists(r.dir, "d"));
  assert.not.ok(exists(r.dir, "a") || exists(r.dir, "-f"));
  // "-f" is a file name, not an option
  let s = run("unlink", ["-f"]);
  assert.is(s.status, 1);
  assert.is(s.err, "unlink: -f: No such file or directory\n");
  s = run("unlink", ["--"]);
  assert.is(s.err, "unlink: --: No such file or directory\n");
  for (const args of [[], ["a", "b"], ["-x", "a"], ["--", "a", "b"], ["-f", "--", "a"]]) {
    s = run("unlink", args);
    assert.is(s.status, 64, args.join(" "));
    assert.is(s.err, USAGE);
  }
  // a symlink goes, never what it names; no question, even for a protected file
  s = sh("mkdir d; ln -s d l; : > p; chmod 444 p; unlink l && unlink p </dev/null; echo rc=$?");
  assert.is(s.out, "rc=0\n");
  assert.equal(fs.readdirSync(s.dir), ["d"]);
});

test("as root, -rf still reports an operand it cannot stat for other reasons than ENOENT", () => {
  const r = sh(": > f; rm -rf f/x nope; echo rc=$?");
  if (isRoot) {
    assert.is(r.out, "rc=1\n");
    assert.is(r.err, "rm: f/x: Not a directory\n");
  } else {
    // rm.c does not stat then: the failing unlink is forgiven by -f
    assert.is(r.out, "rc=0\n");
    assert.is(r.err, "");
  }
});

test.run();
