import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, tmpdir, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = process.getuid?.() === 0;
const USAGE = "usage: chroot [-g group] [-G group,group,...] [-u user] [-n] newroot [command]\n";

/** A new root holding the host's `echo` and `id` with the shared libraries they need (ldd), or
 * undefined when that cannot be built (no ldd, or not root). */
function newRoot(): string | undefined {
  if (!root) return undefined;
  const d = tmpdir();
  const r = path.join(d, "r");
  fs.mkdirSync(path.join(r, "bin"), { recursive: true });
  for (const prog of ["/bin/echo", "/usr/bin/id"]) {
    if (!fs.existsSync(prog)) return undefined;
    fs.copyFileSync(prog, path.join(r, "bin", path.basename(prog)));
    fs.chmodSync(path.join(r, "bin", path.basename(prog)), 0o755);
    const l = spawnSync("ldd", [prog], { encoding: "utf8" });
    if (l.status !== 0 && !/not a dynamic/.test(l.stderr + l.stdout)) return undefined;
    for (const lib of (l.stdout ?? "").match(/\/\S+/g) ?? []) {
      const to = path.join(r, lib);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      if (!fs.existsSync(to)) fs.copyFileSync(lib, to);
    }
  }
  return r;
}

test("usage", () => {
  for (const args of [[], ["-u", "", "/"], ["-g", "", "/"], ["-G", "", "/"], ["-x", "/"]]) {
    const r = run("chroot", args);
    assert.ok(r.err.endsWith(USAGE), args.join(" "));
    assert.is(r.status, 1);
  }
});

test("errors before and at the chroot", () => {
  let r = run("chroot", ["-u", "nosuchuserxyz", "/"]);
  assert.is(r.err, "chroot: no such user `nosuchuserxyz'\n");
  assert.is(r.status, 1);
  r = run("chroot", ["-g", "nosuchgroupxyz", "/"]);
  assert.is(r.err, "chroot: no such group `nosuchgroupxyz'\n");
  r = run("chroot", ["-G", "0,,nosuchgroupxyz", "/"]);
  assert.is(r.err, "chroot: no such group `nosuchgroupxyz'\n");
  // a number followed by junk is a name
  r = run("chroot", ["-u", "12abc", "/"]);
  assert.is(r.err, "chroot: no such user `12abc'\n");
  r = run("chroot", ["nodir", "x"]);
  assert.is(r.err, "chroot: nodir: No such file or directory\n");
  assert.is(r.status, 1);
  const d = tmpdir({ f: "" });
  r = run("chroot", ["f"], { cwd: d });
  assert.is(r.err, "chroot: f: Not a directory\n");
});

test("runs the command in the new root, by PATH or path; ids; missing command", () => {
  const r0 = newRoot();
  if (!r0) return console.log("  (skipped: needs root and ldd to build a root)");
  let r = run("chroot", [r0, "/bin/echo", "hi", "there"]);
  assert.is(r.out, "hi there\n");
  assert.is(r.status, 0);
  r = run("chroot", [r0, "echo", "via", "PATH"], { env: { PATH: "/bin" } });
  assert.is(r.out, "via PATH\n");
  r = run("chroot", ["-u", "65534", "-g", "48213", "-G", "7,0x9", r0, "/bin/id", "-u"]);
  assert.is(r.out, "65534\n");
  r = run("chroot", ["-u", "65534", "-g", "48213", "-G", "7,0x9", r0, "/bin/id", "-G"]);
  assert.is(r.out, "48213 7 9\n");
  r = run("chroot", [r0, "/bin/nope"]);
  assert.is(r.err, "chroot: /bin/nope: No such file or directory\n");
  assert.is(r.status, 1);
  // no command: $SHELL -i, else /bin/sh -i
  r = run("chroot", [r0], { env: { SHELL: "/bin/echo" } });
  assert.is(r.out, "-i\n");
  const d = tmpdir();
  r = run("chroot", [d], { env: { SHELL: "" } });
  assert.is(r.err, "chroot: : No such file or directory\n");
});

test("an unprivileged user is refused by the kernel", () => {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
  if (!root || !setpriv) return console.log("  (skipped: needs root and setpriv(1))");
  const d = tmpdir();
  fs.chmodSync(d, 0o755);
  const bin = fs.realpathSync(path.join(implDir(), "chroot"));
  const r = spawnSync(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", bin, "chroot", d, "/x"], { cwd: d, encoding: "utf8" });
  assert.is(r.stderr, `chroot: ${d}: Operation not permitted\n`);
  assert.is(r.status, 1);
});

test.run();
