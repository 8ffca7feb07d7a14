import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const rev = (f: string | Uint8Array, env?: Record<string, string>) => run("rev", ["f"], { files: { f }, env });

test("lines reversed by character, newline added at the end", () => {
  assert.is(rev("hello\nworld\n").out, "olleh\ndlrow\n");
  assert.is(rev("café 日本\n").out, "本日 éfac\n");
  assert.is(rev("\n\nab\n").out, "\n\nba\n");
  assert.is(rev("ab\r\n").out, "\rba\n");
  assert.is(rev("abc").out, "cba\n");
  assert.is(rev("a\tb\n").out, "b\ta\n");
  assert.is(run("rev", [], { stdin: "xy\n" }).out, "yx\n");
  assert.is(run("rev", ["a", "b"], { files: { a: "ab\n", b: "cd\n" } }).out, "ba\ndc\n");
});

test("long lines", () => {
  const long = "ab".repeat(50000) + "c\n";
  assert.is(rev(long).out, "c" + "ba".repeat(50000) + "\n");
});

test("LC_ALL=C reverses bytes", () => {
  assert.equal([...rev("é\n", { LC_ALL: "C" }).stdout], [0xa9, 0xc3, 10]);
});

test("invalid UTF-8: dropped inside a line; a broken sequence is an error", () => {
  assert.is(rev(new Uint8Array([0x61, 0x62, 0xff, 0x63, 0x64, 10, 0x78, 0x79, 10])).out, "dcba\nyx\n");
  const b = rev(new Uint8Array([0x61, 10, 0x62, 0xc3, 0x28, 10]));
  assert.is(b.out, "a\n");
  assert.is(b.err, "rev: f: Illegal byte sequence\n");
  assert.is(b.status, 1);
});

test("errors", () => {
  const r = run("rev", ["nope", "f"], { files: { f: "ab\n" } });
  assert.is(r.err, "rev: nope: No such file or directory\n");
  assert.is(r.out, "ba\n");
  assert.is(r.status, 1);
  const u = run("rev", ["-Q"]);
  assert.ok(u.err.endsWith(": unrecognized option: Q\nusage: rev [file ...]\n"));
  assert.is(u.status, 1);
});

test.run();
