import { test } from "uvu";
import * as assert from "uvu/assert";
import { sh } from "@bsdbox/posix-tests";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const env = { SHELL: "/bin/sh" };

test("stdin from a pipe: commands run on a pty, typescript has header, output and trailer", () => {
  const r = sh("printf 'tty -s && echo on-a-tty\\nexit 3\\n' | script f; echo rc=$?", { env });
  const out = r.out.replace(/\r\n/g, "\n");
  assert.match(out, /^Script started, output file is f\n/);
  assert.match(out, /\n(# )?on-a-tty\n/);
  assert.match(out, /\nScript done, output file is f\nrc=3\n$/);
  const ts = readFileSync(join(r.dir, "f"), "latin1");
  assert.match(ts, /^Script started on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/);
  assert.match(ts, /on-a-tty\r\n/);
  assert.match(ts, /\nScript done on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n$/);
  assert.not.match(ts, /Command exit status/);
});

test("a command: -q prints nothing of its own, status passes through, SCRIPT is set", () => {
  const r = sh("script -q f sh -c 'echo \"$SCRIPT\"; exit 7' </dev/null; echo rc=$?", { env });
  assert.is(r.out, "f\r\nrc=7\n");
  const c = sh("script f sh -c 'exit 4' </dev/null >/dev/null; cat f", { env });
  assert.match(c.out, /\nCommand: sh -c exit 4\n/);
  assert.match(c.out, /\nCommand exit status: 4\nScript done on /);
});

test("-a appends; the pty is the child's controlling terminal in a new session", () => {
  const r = sh("script -q f true </dev/null; script -qa f sh -c 'ps -o sid=,tty= -p $$ 2>/dev/null || echo nops; tty' </dev/null >/dev/null; cat f", { env });
  assert.match(r.out, /\/dev\/pts\/\d+/);
  const s = sh("script -q f sh -c 'exec 3</dev/tty && echo has-ctty' </dev/null", { env });
  assert.is(s.out, "has-ctty\r\n");
});

test("-r records, -p plays back (with -d no pauses)", () => {
  const r = sh("script -qr f sh -c 'echo one; echo two' </dev/null >/dev/null; script -pdq f; echo; script -pd f | head -c 18", { env });
  assert.match(r.out, /^one\r\ntwo\r\n\nScript started on /);
});

test("errors: usage, unwritable file, missing command", () => {
  let r = sh("script -x", { env });
  assert.is(r.status, 1);
  assert.match(r.err, /usage: script \[-aeFkpqr\] \[-t time\] \[file \[command \.\.\.\]\]\n       script -p \[-deq\] \[-T fmt\] \[file\]\n$/);
  r = sh("script nodir/f true </dev/null", { env });
  assert.is(r.status, 1);
  assert.is(r.err, "script: nodir/f: No such file or directory\n");
  r = sh("script -q f no-such-cmd-xyz </dev/null", { env });
  assert.is(r.status, 1);
  assert.match(r.err + r.out, /no-such-cmd-xyz: No such file or directory/);
});

test("finishes within 5 s when the child exits with stdin still open", () => {
  const t = Date.now();
  const r = sh("mkfifo p; sleep 30 > p & script -q f true < p; echo rc=$?; kill $!", { env, timeout: 20000 });
  assert.match(r.out, /rc=0\n$/);
  assert.ok(Date.now() - t < 5000);
});

test.run();
