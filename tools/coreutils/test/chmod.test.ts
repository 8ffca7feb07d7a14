import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const mode = (dir: string, p: string) => fs.lstatSync(path.join(dir, p)).mode & 0o7777;
const USAGE = "usage: chmod [-fhv] [-R [-H | -L | -P]] mode file ...\n";

/** A temp dir with files (mode 644), directories ("x/", mode 755) and symlinks ("l -> t"). */
function tree(spec: string[]): string {
  const d = tmpdir();
  for (const s of spec) {
    const m = /^(.*) -> (.*)$/.exec(s);
    const p = path.join(d, m ? m[1]! : s);
    if (m) fs.symlinkSync(m[2]!, p);
    else if (s.endsWith("/")) {
      fs.mkdirSync(p);
      fs.chmodSync(p, 0o755);
    } else {
      fs.writeFileSync(p, "");
      fs.chmodSync(p, 0o644);
    }
  }
  return d;
}

test("octal and symbolic modes, several operands", () => {
  const d = tree(["a", "b", "c"]);
  let r = run("chmod", ["4751", "a", "b"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.err + r.out, "");
  assert.is(mode(d, "a"), 0o4751);
  assert.is(mode(d, "b"), 0o4751);
  r = run("chmod", ["u=rw,g=r,o=", "c"], { cwd: d });
  assert.is(mode(d, "c"), 0o640);
  run("chmod", ["g=u,o+x", "c"], { cwd: d });
  assert.is(mode(d, "c"), 0o661);
  run("chmod", ["u+x-r", "c"], { cwd: d });
  assert.is(mode(d, "c"), 0o361);
  // who-less clauses honour the umask
  sh("umask 027; chmod =rwx c", { cwd: d });
  assert.is(mode(d, "c"), 0o750);
});

test("mode letters as options: -w, -rx, and -- before a mode", () => {
  const d = tree(["f", "g", "h"]);
  assert.is(sh("umask 022; chmod -w f && chmod -rx,u+r g && chmod -- -r h", { cwd: d }).err, "");
  assert.is(mode(d, "f"), 0o444);
  assert.is(mode(d, "g"), 0o600);
  assert.is(mode(d, "h"), 0o200);
  // -v then a letter: the rest of the cluster is the mode
  const r = sh("umask 022; chmod -v -x+w f", { cwd: d });
  assert.is(r.out, "f\n");
  assert.is(mode(d, "f"), 0o644);
});

test("-v names changed files; -vv shows both modes; unchanged files are skipped", () => {
  const d = tree(["a", "b", "d/"]);
  let r = run("chmod", ["-v", "644", "a", "b"], { cwd: d });
  assert.is(r.out, "");
  r = run("chmod", ["-v", "600", "a", "b"], { cwd: d });
  assert.is(r.out, "a\nb\n");
  r = run("chmod", ["-vv", "go+rx", "a", "d"], { cwd: d });
  assert.is(r.out, "a: 0100600 [-rw------- ] -> 0100655 [-rw-r-xr-x ]\n");
  r = run("chmod", ["-vv", "+t", "d"], { cwd: d });
  assert.is(r.out, "d: 040755 [drwxr-xr-x ] -> 041755 [drwxr-xr-t ]\n");
});

test("-R: pre-order, directories first; X; the default -P leaves symlinks alone", () => {
  const d = tree(["t/", "t/s/", "t/f", "t/s/g", "u/", "u/x", "t/l -> ../u", "t/n -> nowhere"]);
  let r = run("chmod", ["-R", "go-rwx", "t"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.equal(["t", "t/s", "t/f", "t/s/g", "u", "u/x"].map((p) => mode(d, p)), [0o700, 0o700, 0o600, 0o600, 0o755, 0o644]);
  r = run("chmod", ["-R", "a+X", "t"], { cwd: d });
  assert.equal(["t", "t/s", "t/f"].map((p) => mode(d, p)), [0o711, 0o711, 0o600]);
  // links are listed by -v (chmod "succeeds" with nothing to do), with their own mode under -vv
  r = run("chmod", ["-Rvv", "0700", "t/l", "t/n"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.out, "t/l: 0120777 [lrwxrwxrwx ] -> 0120777 [lrwxrwxrwx ]\nt/n: 0120777 [lrwxrwxrwx ] -> 0120777 [lrwxrwxrwx ]\n");
  assert.is(mode(d, "u"), 0o755);
});

test("-R -L follows every link, -R -H only the operands; -P after -L wins", () => {
  const d = tree(["t/", "t/l -> ../u", "u/", "u/x", "v/", "u/m -> ../v", "k -> t"]);
  run("chmod", ["-R", "-H", "700", "k"], { cwd: d });
  assert.equal(["t", "u", "u/x", "v"].map((p) => mode(d, p)), [0o700, 0o755, 0o644, 0o755]);
  run("chmod", ["-R", "-L", "-P", "700", "k"], { cwd: d });
  assert.is(mode(d, "u"), 0o755);
  run("chmod", ["-RL", "700", "k"], { cwd: d });
  assert.equal(["t", "u", "u/x", "v"].map((p) => mode(d, p)), [0o700, 0o700, 0o700, 0o700]);
});

test("without -R: links are followed, directories not entered", () => {
  const d = tree(["d/", "d/f", "f", "l -> f", "n -> nowhere"]);
  const r = run("chmod", ["600", "l", "d", "n"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "chmod: n: No such file or directory\n");
  assert.equal([mode(d, "f"), mode(d, "d"), mode(d, "d/f")], [0o600, 0o600, 0o644]);
});

test("a symlink loop under -L is not walked forever", () => {
  const d = tree(["t/", "t/s/", "t/s/up -> .."]);
  const r = run("chmod", ["-RLv", "700", "t"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.out, "t\nt/s\n");
});

test("errors: each operand reported, the rest go on; -f hides chmod failures, not missing files", () => {
  const d = tree(["a", "b", "n -> nowhere"]);
  let r = run("chmod", ["600", "a", "nope", "b"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "chmod: nope: No such file or directory\n");
  assert.is(mode(d, "b"), 0o600);
  r = run("chmod", ["-f", "644", "nope", "n", "a"], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "chmod: nope: No such file or directory\n");
  // n fails quietly (and -v still names it, as FreeBSD's code does)
  r = run("chmod", ["-fv", "600", "n"], { cwd: d });
  assert.is(r.status, 0);
  assert.is(r.out, "n\n");
  r = run("chmod", ["600", "a/x"], { cwd: d });
  assert.is(r.err, "chmod: a/x: Not a directory\n");
});

test("mode errors, usage, -h, empty operand", () => {
  const d = tree(["f"]);
  for (const m of ["888", "u+q", "17777", "", "a=rx,"]) {
    const r = run("chmod", [m, "f"], { cwd: d });
    assert.is(r.status, 1, m);
    assert.is(r.err, `chmod: invalid file mode: ${m}\n`);
  }
  assert.is(mode(d, "f"), 0o644);
  for (const args of [[], ["644"], ["-R"], ["-v", "600"]]) {
    const r = run("chmod", args, { cwd: d });
    assert.is(r.status, 1);
    assert.is(r.err, USAGE);
  }
  let r = run("chmod", ["-h", "600", "f"], { cwd: d });
  assert.is(r.status, 1);
  assert.match(r.err, /unrecognized option: h\nusage: chmod/);
  r = run("chmod", ["-Q", "600", "f"], { cwd: d });
  assert.match(r.err, /unrecognized option: Q\n/);
  r = run("chmod", ["600", "f", ""], { cwd: d });
  assert.is(r.status, 1);
  assert.is(r.err, "chmod: fts_open: No such file or directory\n");
  assert.is(mode(d, "f"), 0o644);
});

test("names keep every byte", () => {
  const d = tmpdir();
  const name = Buffer.from([0x66, 0xff, 0xfe]);
  fs.mkdirSync(Buffer.concat([Buffer.from(d + "/"), name]));
  fs.writeFileSync(Buffer.concat([Buffer.from(d + "/"), name, Buffer.from("/\xe9", "latin1")]), "");
  const r = run("chmod", ["-Rv", "700", name], { cwd: d });
  assert.is(r.status, 0);
  assert.equal(r.stdout, Buffer.concat([name, Buffer.from("\n"), name, Buffer.from("/\xe9\n", "latin1")]));
});

test("-R through a tree whose paths are longer than PATH_MAX", () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "chmod-deep."));
  const N = 1500, O_PATH = 0o10000000;
  try {
    let fd = fs.openSync(d, O_PATH | fs.constants.O_DIRECTORY);
    for (let i = 0; i < N; i++) {
      fs.mkdirSync(`/proc/self/fd/${fd}/level`, 0o755);
      const next = fs.openSync(`/proc/self/fd/${fd}/level`, O_PATH | fs.constants.O_DIRECTORY);
      fs.closeSync(fd);
      fd = next;
    }
    fs.writeFileSync(`/proc/self/fd/${fd}/leaf`, "");
    const r = run("chmod", ["-Rv", "go-rx", "level"], { cwd: d });
    assert.is(r.status, 0);
    assert.is(r.err, "");
    const lines = r.out.split("\n");
    assert.is(lines.length, N + 2);
    assert.is(lines[N]!, "level/".repeat(N) + "leaf");
    assert.is(fs.statSync(`/proc/self/fd/${fd}/leaf`).mode & 0o777, 0o600);
    assert.is(fs.statSync(`/proc/self/fd/${fd}`).mode & 0o777, 0o700);
    fs.closeSync(fd);
  } finally {
    spawnSync("rm", ["-rf", d]);
  }
});

test("an unreadable directory is reported and still changed (as an unprivileged user)", () => {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
  if (process.getuid?.() !== 0 || !setpriv) {
    console.log("  (skipped: root reads any directory; needs root and setpriv(1) to test as another user)");
    return;
  }
  const d = tree(["t/", "t/in/", "t/in/x"]);
  fs.chmodSync(d, 0o755);
  fs.chownSync(path.join(d, "t"), 65534, 65534);
  fs.chownSync(path.join(d, "t/in"), 65534, 65534);
  fs.chmodSync(path.join(d, "t/in"), 0o300);
  // the binary itself, since the tool directory may be private to root
  const bin = fs.realpathSync(path.join(implDir(), "chmod"));
  const r = spawnSync(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", bin, "chmod", "-Rv", "g+w", "t"], { cwd: d, encoding: "utf8" });
  assert.is(r.stderr, "chmod: t/in: Permission denied\n");
  // changed on the way down (FTS_D), then reported and changed again (FTS_DNR)
  assert.is(r.stdout, "t\nt/in\nt/in\n");
  assert.is(r.status, 1);
  assert.is(mode(d, "t/in"), 0o320);
  assert.is(mode(d, "t/in/x"), 0o644);
});

test.run();
