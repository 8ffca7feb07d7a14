import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const USAGE =
  "usage: cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvxT] source_file target_file\n" +
  "       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file ... target_directory\n" +
  "       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] -t target_directory source_file ... \n";
const read = (d: string, p: string) => fs.readFileSync(path.join(d, p), "utf8");

test("file to file, file into directory, -v, -t", () => {
  const d = tmpdir({ a: "A\n", b: "B\n" });
  fs.mkdirSync(path.join(d, "dir"));
  let r = run("cp", ["-v", "a", "c"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.out, "a -> c\n");
  assert.is(read(d, "c"), "A\n");
  r = run("cp", ["-v", "a", "b", "dir/"], { cwd: d });
  assert.is(r.out, "a -> dir/a\nb -> dir/b\n");
  r = run("cp", ["--verbose", "--target-directory=dir", "c"], { cwd: d });
  assert.is(r.out, "c -> dir/c\n");
  r = run("cp", ["a", "b", "c"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "cp: c is not a directory\n");
});

test("usage: status 64; -R with -r, -l with -s refused", () => {
  let r = run("cp", []);
  assert.is(r.status, 64);
  assert.is(r.err, USAGE);
  r = run("cp", ["-Q", "a", "b"]);
  assert.is(r.status, 64);
  assert.match(r.err, /unrecognized option: Q\nusage: cp /);
  r = run("cp", ["-ls", "a", "b"], { files: { a: "" } });
  assert.is(r.err, "cp: the -l and -s options may not be specified together\n");
  r = run("cp", ["-Rr", "a", "b"], { files: { a: "" } });
  assert.is(r.err, "cp: the -R and -r options may not be specified together\n");
});

test("a copy onto itself is refused and never truncates (same name, hard link, symlink)", () => {
  const d = tmpdir({ f: "precious\n" });
  fs.linkSync(path.join(d, "f"), path.join(d, "h"));
  fs.symlinkSync("f", path.join(d, "l"));
  let r = run("cp", ["f", "f"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "cp: f and f are identical (not copied).\n");
  r = run("cp", ["f", "h"], { cwd: d });
  assert.is(r.err, "cp: h and f are identical (not copied).\n");
  r = run("cp", ["-f", "f", "l"], { cwd: d });
  assert.is(r.status, 1);
  r = run("cp", ["f", "./f"], { cwd: d });
  assert.is(r.err, "cp: ./f and f are identical (not copied).\n");
  assert.is(read(d, "f"), "precious\n");
  assert.is(fs.statSync(path.join(d, "f")).size, 9);
});

test("sparse file keeps its holes", () => {
  const d = tmpdir();
  const fd = fs.openSync(path.join(d, "sp"), "w");
  fs.writeSync(fd, "head");
  fs.writeSync(fd, "middle", 30 << 20);
  fs.writeSync(fd, "tail", 64 << 20);
  fs.closeSync(fd);
  const r = run("cp", ["sp", "copy"], { cwd: d });
  assert.is(r.status, 0);
  const a = fs.readFileSync(path.join(d, "sp")), b = fs.readFileSync(path.join(d, "copy"));
  assert.ok(a.equals(b));
  const st = fs.statSync(path.join(d, "copy"));
  assert.is(st.size, (64 << 20) + 4);
  assert.ok(st.blocks < 1024, `blocks ${st.blocks}`);
});

test("-R: trees, symlinks as links, -L follows, fifos recreated, -v names", () => {
  const r = sh("mkdir -p d/s; echo x > d/s/f; ln -s s/f d/l; mkfifo d/p; cp -Rv d e; echo rc=$?; " +
    "readlink e/l; test -p e/p && echo fifo; cat e/s/f; cp -RL d g; test -L g/l || cat g/l");
  assert.is(r.out.split("\n").sort().join("\n"),
    ["", "d -> e/", "d/l -> e/l", "d/p -> e/p", "d/s -> e/s", "d/s/f -> e/s/f", "fifo", "rc=0", "s/f", "x", "x"].join("\n"));
  assert.is(r.err, "");
});

test("-R into itself copies once; the copy is not copied again", () => {
  const r = sh("mkdir -p d/s; echo x > d/f; cp -R d d/s; echo rc=$?; find d | sort");
  assert.is(r.out, "rc=0\nd\nd/f\nd/s\nd/s/d\nd/s/d/f\nd/s/d/s\n");
  const r2 = sh("mkdir d; echo x > d/f; cp -R . sub; echo rc=$?; find . | sort");
  assert.is(r2.out, "rc=0\n.\n./d\n./d/f\n./sub\n./sub/d\n./sub/d/f\n");
});

test("-i asks on stderr, -n keeps (status 1), -f replaces", () => {
  const d = tmpdir({ a: "new\n", b: "old\n" });
  let r = run("cp", ["-i", "a", "b"], { cwd: d, stdin: "n\n" });
  assert.is(r.status, 1);
  assert.is(r.err, "overwrite b? (y/n [n]) not overwritten\n");
  assert.is(read(d, "b"), "old\n");
  r = run("cp", ["-nv", "a", "b"], { cwd: d });
  assert.is([r.status, r.out, r.err].join("|"), "1|b not overwritten\n|");
  r = run("cp", ["-i", "a", "b"], { cwd: d, stdin: "yes\n" });
  assert.is(r.status, 0);
  assert.is(read(d, "b"), "new\n");
  fs.chmodSync(path.join(d, "a"), 0o600);
  fs.writeFileSync(path.join(d, "b"), "old\n");
  fs.chmodSync(path.join(d, "b"), 0o644);
  r = run("cp", ["-f", "a", "b"], { cwd: d });
  assert.is(fs.statSync(path.join(d, "b")).mode & 0o777, 0o600); // made anew
});

test("-p keeps ns times, mode and owner; without -p the umask applies", () => {
  const r = sh("umask 022; echo x > f; chmod 4751 f; touch -d '2001-02-03 04:05:06.123456789' f; " +
    "cp -p f g; /usr/bin/stat -c '%a %y' g; cp f h; /usr/bin/stat -c '%a' h; mkdir -m 777 d; cp -R d e; /usr/bin/stat -c '%a' e; " +
    "cp -a d a; /usr/bin/stat -c '%a' a");
  assert.is(r.out, "4751 2001-02-03 04:05:06.123456789 +0000\n751\n755\n777\n");
});

test("-l and -s make links; -P copies a link without -R", () => {
  const r = sh("echo x > f; cp -l f h; /usr/bin/stat -c %h f; cp -s f s; readlink s; ln -s f l; cp -P l m; readlink m; cp l n; test -L n || cat n");
  assert.is(r.out, "2\nf\nf\nx\n");
});

test("errors per entry, the rest goes on", () => {
  const r = sh("mkdir d; echo 1 > a; mkdir e; cp nope a d e; echo rc=$?; ls e");
  assert.is(r.out, "rc=1\na\n");
  assert.is(r.err, "cp: nope: No such file or directory\ncp: d is a directory (not copied).\n");
  const r2 = sh("mkdir d; : > d/f; mkdir -p e/f; cp -R d/f e 2>&1; echo rc=$?; : > x; cp -R d x 2>&1; echo rc=$?");
  assert.is(r2.out, "cp: cannot overwrite directory e/f with non-directory d/f\nrc=1\ncp: x: Not a directory\nrc=1\n");
});

test("-T: cp -RT dir existing-dir copies the entries into it (reference bug fixed)", () => {
  const r = sh("mkdir -p d e; echo x > d/f; cp -RT d e; echo rc=$?; cat e/f; : > g; cp -T g e 2>&1; echo rc=$?");
  assert.is(r.out, "rc=0\nx\ncp: cannot overwrite directory e with non-directory g\nrc=1\n");
});

// python3 builds and checks the tree through directory descriptors (no tool here can).
const PY_MAKE = `import os
fd = os.open("src", os.O_RDONLY)
for i in range(2500):
    os.mkdir("dd", dir_fd=fd); n = os.open("dd", os.O_RDONLY, dir_fd=fd); os.close(fd); fd = n
os.write(os.open("leaf", os.O_CREAT | os.O_WRONLY, 0o644, dir_fd=fd), b"deep\\n")`;
const PY_CHECK = `import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); n = 0
while True:
    try: m = os.open("dd", os.O_RDONLY, dir_fd=fd)
    except OSError: break
    os.close(fd); fd = m; n += 1
print(n, os.read(os.open("leaf", os.O_RDONLY, dir_fd=fd), 99).decode(), end="")`;
const hasPy = sh("command -v python3").status === 0;

test("deep tree (2500 levels, paths past PATH_MAX) and invalid UTF-8 names", () => {
  if (!hasPy) {
    console.log("  (skipped: python3 is needed to build the deep tree)");
    return;
  }
  const d = tmpdir();
  fs.mkdirSync(path.join(d, "src"));
  assert.is(sh(`python3 -c '${PY_MAKE}'`, { cwd: d }).status, 0);
  fs.writeFileSync(Buffer.concat([Buffer.from(path.join(d, "src") + "/"), Buffer.from([0xff, 0xfe])]), "bad\n");
  const c = run("cp", ["-R", "src", "dst"], { cwd: d, timeout: 60000 });
  assert.is(c.status, 0);
  assert.is(c.err, "");
  assert.is(sh(`python3 -c '${PY_CHECK}' dst`, { cwd: d }).out, "2500 deep\n");
  assert.ok(fs.readdirSync(path.join(d, "dst"), { encoding: "buffer" }).some((b) => b.equals(Buffer.from([0xff, 0xfe]))));
  const a = run("cp", ["-a", "src", "dst2"], { cwd: d, timeout: 60000 });
  assert.is(a.status + a.err.length, 0);
  assert.is(sh(`python3 -c '${PY_CHECK}' dst2`, { cwd: d }).out, "2500 deep\n");
  const v = run("cp", ["-v", Buffer.from([0xff]), "x"], { cwd: d });
  assert.is(v.status, 1);
  assert.ok(v.stderr.equals(Buffer.from([...Buffer.from("cp: "), 0xff, ...Buffer.from(": No such file or directory\n")])));
});

test.run();
