import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

test("32 lower-case hex digits and a newline, different each time", () => {
  const a = run("mcookie"), b = run("mcookie");
  assert.is(a.status, 0);
  assert.match(a.out, /^[0-9a-f]{32}\n$/);
  assert.match(b.out, /^[0-9a-f]{32}\n$/);
  assert.is.not(a.out, b.out);
  assert.is(a.err, "");
});

test("-v tells where the bytes came from; -f FILE and -m add a file's bytes", () => {
  const v = run("mcookie", ["-v"]);
  assert.is(v.err, "Got 128 bytes from getrandom() function\n");
  const f = run("mcookie", ["-v", "-f", "seed", "-m", "10"], { files: { seed: "0123456789abcdef" } });
  assert.match(f.out, /^[0-9a-f]{32}\n$/);
  assert.is(f.err, "Got 10 bytes from seed\nGot 128 bytes from getrandom() function\n");
  const s = sh("printf abc | mcookie -v -f -");
  assert.is(s.err, "Got 3 bytes from -\nGot 128 bytes from getrandom() function\n");
  const m = run("mcookie", ["-f", "nofile"]);
  assert.is(m.status, 0);
  assert.is(m.err, "mcookie: cannot open nofile: No such file or directory\n");
});

test("usage errors", () => {
  const q = run("mcookie", ["-Q"]);
  assert.is(q.status, 1);
  assert.match(q.err, /unrecognized option: Q\nTry 'mcookie --help' for more information\.\n$/);
  assert.is(run("mcookie", ["-m", "x"]).status, 1);
  assert.match(run("mcookie", ["--help"]).out, /^Usage: mcookie /);
});

test.run();
