import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const F = "abcdefghijklmnopqrstuvwxyz\n0123456789\n";
const M = "1c4869372601e354523a6f0dbc4dde55";

test("BSD mode: tagged lines, bare for stdin, -q -r -s", () => {
  assert.is(run("md5", ["f"], { files: { f: F } }).out, `MD5 (f) = ${M}\n`);
  assert.is(run("md5", [], { stdin: F }).out, `${M}\n`);
  assert.is(run("md5", ["-q", "f"], { files: { f: F } }).out, `${M}\n`);
  assert.is(run("md5", ["-r", "f"], { files: { f: F } }).out, `${M} f\n`);
  assert.is(run("md5", ["-q", "-r", "f"], { files: { f: F } }).out, `${M}\n`);
  assert.is(run("md5", ["-s", "abc"]).out, "900150983cd24fb0d6963f7d28e17f72\n");
  assert.is(run("md5", ["--string=abc"]).out, "900150983cd24fb0d6963f7d28e17f72\n");
  // files win over -s
  assert.is(run("md5", ["-s", "abc", "f"], { files: { f: F } }).out, `${M}\n`);
});

test("BSD -c: [ Failed ] and status 2; -p copies stdin", () => {
  const r = run("md5", ["-c", "00", "f"], { files: { f: F } });
  assert.is(r.out, `MD5 (f) = ${M} [ Failed ]\n`);
  assert.is(r.status, 2);
  assert.is(run("md5", ["-c", M.toUpperCase(), "f"], { files: { f: F } }).status, 0);
  assert.is(run("md5", ["-p"], { stdin: "data\n" }).out, "data\n6137cde4893c59f76f005a8123d8e8e6\n");
});

test("every algorithm by name, both personalities", () => {
  const want: Record<string, string> = {
    sha1: "66841776771a94bfab591becefbb5ebb8231b902",
    sha256: "426510ea7c78d97b0acb9d67f105874907206290f6a95215689fabfd4a4f31a4",
    sha512: "8bf46e149340e32c607f6f3b85b7edb6e3aa1ce6fa0caa0ea0726232d1363a650321dc053f40d7a9365f4d4fd22f3938d0bf4eb92d8a66410786cb9ee0a7ee9f",
  };
  for (const [alg, d] of Object.entries(want)) {
    assert.is(run(alg, ["f"], { files: { f: F } }).out, `${alg.toUpperCase()} (f) = ${d}\n`);
    assert.is(run(alg + "sum", ["f"], { files: { f: F } }).out, `${d}  f\n`);
  }
  assert.is(run("sha224", ["-s", "abc"]).out, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7\n");
  assert.is(run("sha384", ["-s", "abc"]).out, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\n");
  assert.is(run("sha512t224", ["-s", "abc"]).out, "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa\n");
  assert.is(run("sha512t256", ["x"], { files: { x: "abc" } }).out, "SHA512t256 (x) = 53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23\n");
});

test("GNU mode: -b, --tag, -z, '-' and stdin, missing files", () => {
  assert.is(run("md5sum", ["-b", "f"], { files: { f: F } }).out, `${M} *f\n`);
  assert.is(run("md5sum", ["--tag", "f"], { files: { f: F } }).out, `MD5 (f) = ${M}\n`);
  assert.is(run("md5sum", ["-z", "f"], { files: { f: F } }).out, `${M}  f\0`);
  assert.is(run("md5sum", [], { stdin: F }).out, `${M}  -\n`);
  assert.is(run("md5sum", ["-"], { stdin: F }).out, `${M}  -\n`);
  const r = run("md5sum", ["nope", "f"], { files: { f: F } });
  assert.is(r.err, "md5sum: nope: No such file or directory\n");
  assert.is(r.out, `${M}  f\n`);
  assert.is(r.status, 1);
  const d = sh("mkdir d; md5sum d; echo rc=$?");
  assert.is(d.err, "md5sum: d: Is a directory\n");
  assert.is(d.out, "rc=1\n");
});

test("GNU -c: OK/FAILED, both line formats, warnings, --status --quiet --strict --ignore-missing", () => {
  const r = sh("printf a > a; printf b > b; md5sum a b > s; md5 a >> s; echo x > b; echo junk >> s; md5sum -c s; echo rc=$?");
  assert.is(r.out, "a: OK\nb: FAILED\na: OK\nrc=1\n");
  assert.is(r.err, "md5sum: WARNING: 1 line is improperly formatted\nmd5sum: WARNING: 1 computed checksum did NOT match\n");
  const w = sh("printf a > a; md5sum a > s; echo junk >> s; echo junk2 >> s; md5sum -w -c s; echo rc=$?");
  assert.is(w.err, "md5sum: s: 2: improperly formatted MD5 checksum line\nmd5sum: s: 3: improperly formatted MD5 checksum line\nmd5sum: WARNING: 2 lines are improperly formatted\n");
  assert.is(w.out, "a: OK\nrc=0\n");
  assert.is(sh("printf a > a; md5sum a > s; echo junk >> s; md5sum --strict -c s; echo rc=$?").out, "a: OK\nrc=1\n");
  assert.is(sh("printf a > a; md5sum a > s; md5sum --quiet -c s; echo rc=$?").out, "rc=0\n");
  const st = sh("printf a > a; md5sum a > s; echo b > a; md5sum --status -c s; echo rc=$?");
  assert.is(st.out + st.err, "rc=1\n");
  const m = sh("printf a > a; md5sum a > s; rm a; md5sum -c s; echo rc=$?; md5sum --ignore-missing -c s; echo rc=$?");
  assert.is(m.out, "rc=1\nrc=0\n");
  assert.is(m.err, "md5sum: a: No such file or directory\n");
  assert.is(sh("printf a > a; sha256sum a | sha256sum -c").out, "a: OK\n");
  const nl = sh("sha1sum -c nolist; echo rc=$?");
  assert.is(nl.err, "sha1sum: nolist: No such file or directory\n");
  assert.is(nl.out, "rc=1\n");
});

test("usage, unknown options, --version", () => {
  const r = sh("md5sum -Q");
  assert.is(r.err, "md5sum: unrecognized option: Q\nusage: md5sum [-bctwz] [files ...]\n");
  assert.is(r.status, 1);
  const b = sh("sha256 -y");
  assert.is(b.err, "sha256: unrecognized option: y\nusage: sha256 [-pqrtx] [-c string] [-s string] [files ...]\n");
  assert.is(run("sha1sum", ["--version"]).out, "sha1sum (FreeBSD) 14.3.1\n");
});

test("-x self test; binary data and long input are exact", () => {
  const x = run("md5", ["-x"]);
  assert.ok(x.out.startsWith("MD5 test suite:\nMD5 (\"\") = d41d8cd98f00b204e9800998ecf8427e - verified correct\n"));
  assert.is(x.out.split("verified correct").length, 9);
  const big = sh("head -c 3000000 /dev/zero | /usr/bin/tr '\\000' '\\377' > z; printf '\\000\\r\\n\\377' >> z; sha512sum z; md5 -q z");
  assert.is(big.out, "328229092df644f70c9f31042490748f760997b97b2cc2bc9c61686591b7450188b5d8c253d73bf5c1e860b31a74b2283be9a502205b0da1f710e7c88ced2b89  z\n" + "cc30bbb8f4c8d0887277c43f3a2b40b5\n");
});

test("operand prefixes select the input mode when the name does not exist", () => {
  // 'U' universal newlines: CRLF and CR become LF
  const u = sh("printf 'a\\r\\nb\\rc' > f; md5sum Uf; printf 'a\\nb\\nc' | md5sum");
  const [l1, l2] = u.out.split("\n");
  assert.is(l1!.slice(0, 32), l2!.slice(0, 32));
  assert.is(l1!.slice(32), " Uf");
  // '^' bits
  assert.is(sh("printf '01100001' > f; md5sum '^f'").out, "0cc175b9c0f1b6a831c399e269772661 ^f\n");
  const e = sh("printf '0110' > f; md5sum '^f'; echo rc=$?");
  assert.is(e.err, "md5sum: input length was not a multiple of 8\n");
});

test.run();
