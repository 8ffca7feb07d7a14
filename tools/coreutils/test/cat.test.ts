import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

test("missing file: exact message, status 1", () => {
  const r = run("cat", ["/nonexistent"]);
  assert.is(r.err, "cat: /nonexistent: No such file or directory\n");
  assert.is(r.status, 1);
});

test("invalid UTF-8 file name round-trips", () => {
  const name = Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x74]);
  const r = sh(`printf 'data\\n' > "$(printf 'f\\377\\376.t')" && cat "$(printf 'f\\377\\376.t')" nope-$(printf '\\377')`);
  assert.is(r.out, "data\n");
  assert.equal(r.stderr, Buffer.concat([Buffer.from("cat: nope-"), Buffer.from([0xff]), Buffer.from(": No such file or directory\n")]));
  void name;
});

test("SIGPIPE: silent death, status 141", () => {
  const r = sh("(cat /dev/zero; echo $? > st) | /usr/bin/head -c 10 >/dev/null; /usr/bin/cat st; /usr/bin/yes | cat | /usr/bin/head -n 1");
  assert.is(r.out, "141\ny\n");
  assert.is(r.err, "");
});

test("-v in C locale and UTF-8", () => {
  const bytes = Buffer.from([0x80, 0x9f, 0xa0, 0xff, 0x0a]);
  assert.is(run("cat", ["-v"], { stdin: bytes, env: { LC_ALL: "C" } }).out, "M-^@M-^_M- M-^?\n");
  assert.is(run("cat", ["-v"], { stdin: "café\u0085\n" }).out, "caféM-^E\n");
});

test("-n numbering restarts with each file (BSD), -s squeezes", () => {
  assert.is(run("cat", ["-n", "a", "a"], { files: { a: "x\n" } }).out, "     1\tx\n     1\tx\n");
  assert.is(run("cat", ["-s"], { stdin: "a\n\n\n\nb\n" }).out, "a\n\nb\n");
  assert.is(run("cat", ["-be"], { stdin: "a\n\nb\n" }).out, "     1\ta$\n      \t$\n     2\tb$\n");
});

test("big input through pipes and files is byte-exact", () => {
  const r = sh("head -c 3000000 /dev/urandom > big; cat big | cat > out; cat big - < big > out2; cmp big out && cat big big | cmp - out2 && echo same");
  assert.is(r.out, "same\n");
});

test.run();
