import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const chk = (args: (string | Buffer)[], files?: Record<string, string>) => run("pathchk", args, { files });

test("plain names pass, even when they do not exist", () => {
  const r = chk(["a/b/c", "no/such/dir", "/", "", "x//y/"]);
  assert.is(r.status, 0);
  assert.is(r.err, "");
});

test("NAME_MAX 255 and PATH_MAX 4096 (musl's pathconf)", () => {
  assert.is(chk(["a".repeat(255)]).status, 0);
  const long = chk(["d/" + "a".repeat(256)]);
  assert.is(long.status, 1);
  assert.is(long.err, `pathchk: d/${"a".repeat(256)}: ${"a".repeat(256)}: component too long (limit 255)\n`);
  // a path of PATH_MAX bytes cannot even be looked up: that error comes first
  const p = "abc/".repeat(1024);
  assert.is(chk([p]).err, `pathchk: ${p}: ${p.slice(0, -1)}: Filename too long\n`);
  assert.is(chk(["abc/".repeat(1023) + "abc"]).status, 0);
});

test("a prefix that cannot be looked up fails with its error", () => {
  const r = chk(["f/x", "ok"], { f: "" });
  assert.is(r.status, 1);
  assert.is(r.err, "pathchk: f/x: f: Not a directory\n");
  assert.is(chk(["d/f/x"], { "d/f": "" }).err, "pathchk: d/f/x: d/f: Not a directory\n");
});

test("-p: 14-byte components, 255-byte paths, the portable characters, no leading '-'", () => {
  assert.is(chk(["-p", "Abc_1.2-x/yz"]).status, 0);
  assert.is(chk(["-p", "a".repeat(15)]).err, `pathchk: ${"a".repeat(15)}: ${"a".repeat(15)}: component too long (limit 14)\n`);
  assert.is(chk(["-p", "a b"]).err, "pathchk: a b: a b: component contains non-portable character ` '\n");
  // the first byte of a multibyte character is reported, as a byte
  const e = chk(["-p", "xé"]);
  assert.equal(e.stderr, Buffer.concat([Buffer.from("pathchk: xé: xé: component contains non-portable character `"), Buffer.from([0xc3]), Buffer.from("'\n")]));
  assert.is(chk(["-p", "ab/-c"]).err, "pathchk: ab/-c: contains a component starting with '-'\n");
  const p = "abcdefgh/".repeat(28) + "abcd";
  assert.is(chk(["-p", p]).err, `pathchk: ${p}: path too long (limit 255)\n`);
  // -p does not look the path up
  assert.is(chk(["-p", "f/x"], { f: "" }).status, 0);
});

test("-P: empty names and leading '-'", () => {
  assert.is(chk(["-P", ""]).err, "pathchk: : empty pathname\n");
  assert.is(chk(["-P", "--", "-x"]).err, "pathchk: -x: contains a component starting with '-'\n");
  assert.is(chk(["-P", "a/b"]).status, 0);
  assert.is(chk(["--", "-x"]).status, 0);
});

test("every operand is checked; usage", () => {
  const r = chk(["-p", "a b", "ok", "c d"]);
  assert.is(r.status, 1);
  assert.is(r.err.split("\n").length, 3);
  const u = chk([]);
  assert.is(u.status, 1);
  assert.is(u.err, "usage: pathchk [-p] pathname ...\n");
});

test.run();
