import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

test("-i with assignments prints only them, in order, last wins", () => {
  assert.is(run("env", ["-i", "Z=1", "A=2", "Z=3"]).out, "Z=3\nA=2\n");
});

test("a lone - clears the environment", () => {
  assert.is(run("env", ["-", "X=1"]).out, "X=1\n");
});

test("-u removes, -0 ends entries with NUL", () => {
  assert.is(run("env", ["-i", "A=1", "B=2", "/usr/bin/env", "-u", "A"]).out, "B=2\n");
  assert.is(run("env", ["-0", "-i", "A=1"]).out, "A=1\0");
  const r = run("env", ["-0", "-i", "true"]);
  assert.is(r.status, 125);
  assert.is(r.err, "env: cannot specify command with -0\n");
});

test("exec: status passes through; 127 missing, 126 not executable", () => {
  assert.is(run("env", ["false"]).status, 1);
  const miss = run("env", ["no-such-tool-xyz"]);
  assert.is(miss.status, 127);
  assert.is(miss.err, "env: no-such-tool-xyz: No such file or directory\n");
  const r = sh("printf 'x' > f; env ./f");
  assert.is(r.status, 126);
  assert.is(r.err, "env: ./f: Permission denied\n");
  // musl execvp has no /bin/sh fallback for a script without #!
  assert.is(sh("printf 'echo hi\\n' > s; /bin/chmod +x s; env ./s").status, 126);
});

test("the utility really replaces env (same pid) and gets default SIGPIPE", () => {
  const r = sh("env /bin/sh -c 'echo $$' & echo $!; wait");
  const [a, b] = r.out.trim().split("\n");
  assert.is(a, b);
  const p = sh("env /usr/bin/yes | /usr/bin/head -n 1; echo done");
  assert.is(p.out, "y\ndone\n");
  assert.is(p.err, "");
});

test("invalid UTF-8 in arguments and values survives the exec", () => {
  const v = Buffer.from([0x61, 0xff, 0xfe]);
  const r = run("env", ["-i", Buffer.concat([Buffer.from("V="), v]), "/usr/bin/printenv", "V"]);
  assert.equal(r.stdout, Buffer.concat([v, Buffer.from("\n")]));
});

test("-S splits, quotes, escapes and ${VAR}; split words may be options", () => {
  assert.is(run("env", ["-S", "/usr/bin/printf %s| a  'b c' \"d\\_e\""]).out, "a|b c|d e|");
  assert.is(run("env", ["-S", "/usr/bin/printf %s ${HOME}x"], { env: { HOME: "/h" } }).out, "/hx");
  assert.is(run("env", ["-S-i A=1 B=2"]).out, "A=1\nB=2\n");
  assert.is(run("env", ["-S", "/usr/bin/printf %s a \\c b"]).out, "a");
  const bad = run("env", ["-S", "echo 'open"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, "env: No terminating quote for string: 'open\n");
  assert.is(run("env", ["-S", "echo $HOME"]).err, "env: Only ${VARNAME} expansion is supported, error at: $HOME\n");
});

test("-C changes directory, -P searches another path", () => {
  const r = sh("/bin/mkdir sub && env -C sub /bin/pwd && env -C nope /bin/pwd; echo $?");
  assert.match(r.out, /\/sub\n125\n$/);
  assert.match(r.err, /^env: cannot change directory to 'nope': No such file or directory\n$/);
  assert.is(run("env", ["-P", "/nonexistent:/usr/bin", "printenv", "HOME"], { env: { HOME: "/hh" } }).out, "/hh\n");
  assert.is(run("env", ["-P", "/nonexistent", "printenv"]).status, 127);
  assert.is(run("env", ["-C", "/"]).status, 125);
});

test("-v reports on stderr", () => {
  const r = run("env", ["-v", "-i", "A=1", "/usr/bin/true"]);
  assert.is(r.err, "#env clearing environ\n#env setenv:\tA=1\n#env executing:\t/usr/bin/true\n#env    arg[0]=\t'/usr/bin/true'\n");
});

test("bad option: musl message and usage, status 1", () => {
  const r = run("env", ["-Q"]);
  assert.is(r.status, 1);
  assert.match(r.err, /unrecognized option: Q\nusage: env \[-0iv\]/);
});

test.run();
