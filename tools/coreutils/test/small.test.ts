// basename dirname pwd printenv sleep tty uname nproc logname true false
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as os from "node:os";

const out = (tool: string, args: (string | Buffer)[], o = {}) => run(tool, args, o).out;

test("basename: POSIX steps and suffixes", () => {
  assert.is(out("basename", ["/usr/lib//"]), "lib\n");
  assert.is(out("basename", ["//"]), "/\n");
  assert.is(out("basename", ["a.c", ".c"]), "a\n");
  assert.is(out("basename", [".c", ".c"]), ".c\n");
  assert.is(out("basename", ["-s", ".c", "x/a.c", "b.c"]), "a\nb\n");
  assert.is(out("basename", ["-a", "x/", "y"]), "x\ny\n");
  assert.is(out("basename", ["a", "b", "c"]), "a\nb\nc\n");
});

test("basename: bytes kept; suffix only on a character boundary unless LC_ALL=C", () => {
  const name = Buffer.from([0x2f, 0x64, 0x2f, 0x66, 0xff, 0x2e, 0x63]);
  assert.equal(run("basename", [name, ".c"]).stdout, Buffer.from([0x66, 0xff, 0x0a]));
  const e = Buffer.from("é"), tail = Buffer.from([0xa9]);
  assert.is(out("basename", [e, tail]), "é\n");
  assert.equal(run("basename", [e, tail], { env: { LC_ALL: "C" } }).stdout, Buffer.from([0xc3, 0x0a]));
});

test("basename/dirname: usage errors", () => {
  const b = run("basename", []);
  assert.is(b.status, 1);
  assert.is(b.err, "usage: basename string [suffix]\n       basename [-a] [-s suffix] string [...]\n");
  assert.is(run("dirname", []).err, "usage: dirname string [...]\n");
});

test("dirname: musl rules", () => {
  assert.is(out("dirname", ["/", "//a", "a//b//", "", "a", "/a/b/"]), "/\n/\na\n.\n.\n/a\n");
  assert.is(out("dirname", ["--", "-x/y"]), "-x\n");
});

test("pwd: logical by default, -P physical, bad PWD ignored", () => {
  const r = sh("/bin/mkdir -p real && /bin/ln -s real link && cd link && env pwd && env pwd -P && PWD=/tmp/../tmp env pwd -L");
  const [l, p, fallback] = r.out.split("\n");
  assert.ok(l!.endsWith("/link"));
  assert.ok(p!.endsWith("/real"));
  assert.ok(fallback!.endsWith("/real"));
  const bad = run("pwd", ["x"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, "usage: pwd [-L | -P]\n");
});

test("pwd: directory with invalid UTF-8 bytes", () => {
  const r = sh("d=$(printf 'd\\377'); /bin/mkdir \"$d\" && cd \"$d\" && env pwd -P");
  assert.equal(r.stdout.subarray(-3), Buffer.from([0x64, 0xff, 0x0a]));
});

test("printenv: value, missing, prefix rule, usage", () => {
  assert.is(out("printenv", ["X"], { env: { X: "v" } }), "v\n");
  assert.is(run("printenv", ["NOPE_NOPE"]).status, 1);
  assert.is(out("printenv", ["A=B"], { env: { A: "B=C" } }), "C\n");
  assert.is(run("printenv", ["a", "b"]).status, 1);
  assert.match(out("printenv", [], { env: { ZZ: "1" } }), /^ZZ=1$/m);
});

test("sleep: sums operands and units; errors", () => {
  const t0 = Date.now();
  assert.is(run("sleep", ["0.1", "0.002m", "0.1s"]).status, 0);
  const dt = Date.now() - t0;
  assert.ok(dt >= 320 && dt < 3000, `slept ${dt} ms`);
  const bad = run("sleep", ["1x"]);
  assert.is(bad.status, 1);
  assert.is(bad.err.split("\n")[0], "sleep: invalid time interval: 1x");
  assert.is(run("sleep", ["--", "-5"]).status, 0);
  assert.is(run("sleep", ["nan"]).status, 1);
  assert.is(run("sleep", ["3000000000"]).status, 1);
});

test("sleep: SIGUSR1 reports the time left and goes on", () => {
  const r = sh("sleep 1.5 & p=$!; /bin/sleep 0.4; kill -USR1 $p; wait $p; echo $?");
  assert.is(r.out, "0\n");
  assert.is(r.err, "sleep: about 1 second(s) left out of the original 1\n");
});

test("tty: not a tty, -s, bad option status 2", () => {
  const r = run("tty", []);
  assert.is(r.out, "not a tty\n");
  assert.is(r.status, 1);
  assert.is(run("tty", ["-s"]).out, "");
  assert.is(run("tty", ["-z"]).status, 2);
});

test("uname: fields, order, -o = -s, UNAME_x overrides", () => {
  const u = fs.readFileSync("/proc/sys/kernel/osrelease", "utf8").trim();
  assert.is(out("uname", ["-r"]), u + "\n");
  assert.is(out("uname", []), "Linux\n");
  assert.is(out("uname", ["-o", "-s"]), "Linux\n");
  assert.is(out("uname", ["-rs"]), `Linux ${u}\n`);
  assert.is(out("uname", ["-p", "-i"]), "unknown unknown\n");
  assert.is(out("uname", ["-m"]), `${os.machine()}\n`);
  assert.is(out("uname", ["-sr"], { env: { UNAME_r: "9.9" } }), "Linux 9.9\n");
  assert.is(run("uname", ["x"]).err, "usage: uname [-abiKmnoprsUv]\n");
});

test("nproc: affinity, --all, --ignore, errors", () => {
  const n = Number(out("nproc", []));
  assert.ok(n >= 1);
  assert.is(out("nproc", ["--ignore=1000"]), "1\n");
  assert.ok(Number(out("nproc", ["--all"])) >= n);
  const r = sh("taskset -c 0 nproc");
  if (r.status === 0) assert.is(r.out, "1\n");
  assert.is(run("nproc", ["--ignore=x"]).err, "nproc: bad ignore count: invalid\n");
  assert.is(run("nproc", ["x"]).status, 64);
});

test("logname: LOGNAME or an error", () => {
  assert.is(out("logname", [], { env: { LOGNAME: "alice" } }), "alice\n");
  const r = sh('env -i "$(command -v logname)"');
  assert.is(r.status, 1);
  assert.is(r.err, "logname: getlogin: No error information\n");
});

test("true/false ignore every argument", () => {
  assert.is(run("true", ["--help", "-x"]).status, 0);
  assert.is(run("false", ["--version"]).status, 1);
  assert.is(run("true", ["--help"]).out, "");
});

test.run();
