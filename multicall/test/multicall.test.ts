import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { implDir, tmpdir } from "@bsdbox/posix-tests";

const BIN = fs.realpathSync(path.join(implDir(), "true"));
const bsdbox = (args: string[], cwd?: string) => spawnSync(BIN, args, { cwd, encoding: "utf8" });

test("--list names every applet, one per line", () => {
  const r = bsdbox(["--list"]);
  assert.is(r.status, 0);
  const names = r.stdout.trim().split("\n");
  for (const n of ["[", "basename", "cat", "dirname", "echo", "env", "expr", "false", "head", "logname", "nproc", "printenv", "printf", "pwd", "seq", "sleep", "tail", "tee", "test", "true", "tty", "uname", "wc", "yes"])
    assert.ok(names.includes(n), `missing ${n}`);
});

test("bsdbox NAME args runs the applet", () => {
  const r = bsdbox(["basename", "/a/b"]);
  assert.is(r.stdout, "b\n");
  assert.is(bsdbox(["false"]).status, 1);
});

test("unknown applet: clear error, status 127", () => {
  const r = bsdbox(["no-such-applet"]);
  assert.is(r.status, 127);
  assert.is(r.stderr, "bsdbox: no-such-applet: applet not found\n");
  assert.is(bsdbox([]).status, 1);
});

test("--install DIR makes symlinks; -H makes hard links", () => {
  const d = tmpdir();
  assert.is(bsdbox(["--install", `${d}/s`]).status, 0);
  assert.ok(fs.lstatSync(`${d}/s/cat`).isSymbolicLink());
  assert.is(fs.realpathSync(`${d}/s/cat`), BIN);
  assert.is(spawnSync(`${d}/s/basename`, ["x/y"], { encoding: "utf8" }).stdout, "y\n");
  assert.is(spawnSync(`${d}/s/[`, ["a", "=", "a", "]"]).status, 0);
  // reinstalling over existing links works
  assert.is(bsdbox(["--install", `${d}/s`]).status, 0);
  assert.is(bsdbox(["--install", "-H", `${d}/h`]).status, 0);
  const st = fs.lstatSync(`${d}/h/cat`);
  assert.ok(st.isFile());
  assert.is(st.ino, fs.statSync(BIN).ino);
});

test("a .env or bunfig.toml in the current directory changes nothing", () => {
  const d = tmpdir({ ".env": "BSDBOX_LEAK=1\n", "bunfig.toml": "preload = ['./evil.ts']\n", "evil.ts": "console.log('EVIL')\n" });
  const r = spawnSync(path.join(implDir(), "printenv"), ["BSDBOX_LEAK"], { cwd: d, encoding: "utf8", env: { PATH: "/usr/bin:/bin" } });
  assert.is(r.status, 1);
  assert.is(r.stdout, "");
  const r2 = spawnSync(path.join(implDir(), "echo"), ["ok"], { cwd: d, encoding: "utf8" });
  assert.is(r2.stdout.includes("EVIL"), false);
});

test("internal errors never show a stack trace", () => {
  const r = spawnSync(path.join(implDir(), "cat"), ["-"], { input: "", encoding: "utf8" });
  assert.is(r.stderr, "");
});

test.run();
