import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const env = { SHELL: "/bin/sh" };

test("on a pty: n / y change the group write bit and the status", () => {
  const r = sh("script -q f sh -c 'mesg n; echo $?; mesg; echo $?; mesg y; echo $?; mesg; echo $?; mesg nope; echo $?' </dev/null", { env });
  assert.is(r.out.replace(/\r\n/g, "\n"), "1\nis n\n1\n0\nis y\n0\n1\n");
});

test("bad operand or option: usage, status 2; no terminal: status 2", () => {
  const r = sh("script -q f sh -c 'mesg x 2>&1; echo $?' </dev/null", { env });
  assert.is(r.out.replace(/\r\n/g, "\n"), "usage: mesg [n | y]\n2\n");
  const n = run("mesg", [], { stdin: "" });
  assert.is(n.status, 2);
  assert.is(n.err, "mesg: ttyname: Not a tty\n");
});

test("write and wall: usage errors", () => {
  const w = sh("script -q f sh -c 'mesg y; write 2>&1; echo $?; write a b c 2>&1; echo $?; write nosuchuser-xyz 2>&1; echo $?' </dev/null", { env });
  assert.is(w.out.replace(/\r\n/g, "\n"),
    "usage: write user [tty]\n1\nusage: write user [tty]\n1\nwrite: nosuchuser-xyz is not logged in\n1\n");
  const x = run("write", ["root"], { stdin: "" });
  assert.is(x.status, 1);
  assert.is(x.err, "write: can't find your tty\n");
  const wa = run("wall", ["a", "b"]);
  assert.is(wa.status, 1);
  assert.is(wa.err, "usage: wall [-g group] [file]\n");
  const g = run("wall", ["-g", "no-such-group-xyz"], { stdin: "hi\n" });
  assert.is(g.status, 0);
  assert.is(g.err, "wall: no-such-group-xyz: no such group\n");
  const f = run("wall", ["nonexistent"]);
  assert.is(f.status, 1);
  assert.is(f.err, "wall: can't read nonexistent: No such file or directory\n");
});

test.run();
