import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

/** A glibc struct utmp record (384 bytes, little-endian). */
function rec(type: number, line: string, user: string, host: string, sec: number): Uint8Array {
  const b = new Uint8Array(384);
  const v = new DataView(b.buffer);
  const put = (off: number, s: string) => b.set(new TextEncoder().encode(s), off);
  v.setInt16(0, type, true);
  v.setInt32(4, 100, true);
  put(8, line);
  put(44, user);
  put(76, host);
  v.setInt32(340, sec, true);
  return b;
}
const cat = (...a: Uint8Array[]) => {
  const out = new Uint8Array(a.reduce((n, x) => n + x.length, 0));
  a.reduce((p, x) => (out.set(x, p), p + x.length), 0);
  return out;
};
// /dev/null, /dev/zero and /dev/full exist everywhere; "pts/999" does not
const UTMP = cat(
  rec(2, "~", "reboot", "6.1.0", 1700000000),
  rec(7, "null", "alice", "example.org", 1700000100),
  rec(7, "pts/999", "bob", "", 1700000200),
  rec(8, "pts/1", "", "", 1700000300),
  rec(6, "zero", "LOGIN", "", 1700000400),
  rec(7, "zero", "carol", "", 1700000500),
  rec(7, "full", "alice", "", 1700000600),
);
const files = { utmp: UTMP };

test("logins whose line exists, FreeBSD columns", () => {
  const r = run("who", ["utmp"], { files });
  assert.is(r.out,
    "alice            null         Nov 14 22:15 (example.org)\n" +
    "carol            zero         Nov 14 22:21 \n" +
    "alice            full         Nov 14 22:23 \n");
  assert.is(r.status, 0);
});

test("-H headings, -b boot, -T state, -u idle, -s drops them", () => {
  assert.is(run("who", ["-bH", "utmp"], { files }).out,
    "NAME             LINE         TIME         FROM            \n" +
    "reboot           system boot  Nov 14 22:13 (6.1.0)\n");
  const t = run("who", ["-TuH", "utmp"], { files }).out.split("\n");
  assert.is(t[0], "NAME             S LINE         TIME         IDLE  FROM            ");
  assert.match(t[1]!, /^alice            \+ null         Nov 14 22:15 ( {2}\. {3}|\d\d:\d\d | old  )\(example.org\)$/);
  assert.is(run("who", ["-sTu", "utmp"], { files }).out, run("who", ["utmp"], { files }).out);
  const a = run("who", ["-a", "utmp"], { files }).out.split("\n");
  assert.match(a[0]!, /^reboot           \? system boot  Nov 14 22:13 /);
  assert.is(a.length, 5);
});

test("-q names and count, wrapped to COLUMNS", () => {
  assert.is(run("who", ["-q", "utmp"], { files }).out,
    "alice            bob              carol            alice           \n# users = 4\n");
  assert.is(run("who", ["-q", "utmp"], { files, env: { COLUMNS: "40" } }).out,
    "alice            bob             \ncarol            alice           \n# users = 4\n");
  const bad = run("who", ["-q", "utmp"], { files, env: { COLUMNS: "x" } });
  assert.is(bad.err, "who: invalid COLUMNS environment variable ignored\n");
});

test("am i / -m without a terminal: our own name and no line", () => {
  const r = run("who", ["am", "i", "utmp"], { files });
  assert.match(r.out, /^\S+ +\w{3} [ \d]\d \d\d:\d\d \n$/);
  assert.is(run("who", ["-m", "utmp"], { files }).out.split(" ")[0], r.out.split(" ")[0]);
});

test("a missing file lists nobody; usage errors", () => {
  assert.is(run("who", ["nonexistent"]).out, "");
  assert.is(run("who", ["-q", "nonexistent"]).out, "# users = 0\n");
  let r = run("who", ["a", "b"]);
  assert.is(r.status, 1);
  assert.is(r.err, "usage: who [-abHmqsTu] [am I] [file]\n");
  r = run("who", ["-x"]);
  assert.is(r.status, 1);
  assert.match(r.err, /usage: who/);
});

test("users: no operands; one line of sorted unique names or nothing", () => {
  const r = run("users", ["x"]);
  assert.is(r.status, 1);
  assert.is(r.err, "usage: users\n");
  const u = run("users");
  assert.is(u.status, 0);
  assert.match(u.out, /^(|\S+( \S+)*\n)$/);
  const names = u.out.trim().split(" ").filter(Boolean);
  assert.equal([...names].sort(), names);
});

test.run();
