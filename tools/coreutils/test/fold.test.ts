import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const fold = (args: string[], f: string | Uint8Array) => run("fold", [...args, "f"], { files: { f } });

test("width 80 by default, -w, obsolete -N", () => {
  assert.is(fold([], "x".repeat(100) + "\n").out, "x".repeat(80) + "\n" + "x".repeat(20) + "\n");
  assert.is(fold(["-w", "5"], "abcde\nabcdef\n").out, "abcde\nabcde\nf\n");
  assert.is(fold(["-10"], "abcdefghijklmnopqrstuvwxyz\n").out, "abcdefghij\nklmnopqrst\nuvwxyz\n");
  assert.is(fold(["-10", "-w5"], "abcdefghijkl").out, "abcde\nfghij\nkl");
  assert.is(fold(["-w3", "-10"], "x".repeat(31)).out, "x".repeat(30) + "\nx"); // 3 then 0 appended
  assert.is(fold(["-w", "3x"], "abcdef").out, "abc\ndef");
  assert.is(run("fold", ["-w", "4"], { stdin: "abcdefghij\n" }).out, "abcd\nefgh\nij\n");
});

test("-s breaks after the last blank; -b counts bytes", () => {
  assert.is(fold(["-s", "-w", "20"], "The quick brown fox jumps over the lazy dog and keeps running far away\n").out,
    "The quick brown fox \njumps over the lazy \ndog and keeps \nrunning far away\n");
  assert.is(fold(["-s", "-w", "5"], "abcdefghij kl\n").out, "abcde\nfghij\n kl\n");
  assert.is(fold(["-b", "-w", "4"], "éééé\n").out, "éé\néé\n");
  assert.is(fold(["-w", "3"], "éééé\n").out, "ééé\né\n");
});

test("columns: wide characters, tab, backspace, carriage return", () => {
  assert.is(fold(["-w", "5"], "日本語の文\n").out, "日本\n語の\n文\n");
  assert.is(fold(["-w", "5"], "abc\bdefgh\rijklmn\n").out, "abc\bdef\ngh\rijklm\nn\n");
  assert.is(fold(["-w", "10"], "ab\tcdefgh\n").out, "ab\tcd\nefgh\n");
});

test("width errors and files", () => {
  for (const w of ["0", "-3", "abc"]) {
    const r = fold(["-w", w], "abc\n");
    assert.is(r.err, "fold: illegal width value\n");
    assert.is(r.status, 1);
  }
  const m = run("fold", ["nope"]);
  assert.is(m.err, "fold: nope: No such file or directory\n");
  assert.is(m.status, 1);
  const u = run("fold", ["-x"]);
  assert.ok(u.err.endsWith("usage: fold [-bs] [-w width] [file ...]\n"));
});

test("musl quirks: invalid UTF-8 ends the file quietly; NUL ends a printed piece", () => {
  const r = fold(["-w", "2"], new Uint8Array([0x61, 0x62, 0xff, 0x63, 10]));
  assert.is(r.out, "ab");
  assert.is(r.status, 0);
  assert.is(fold([], "a\0b\ncd\n").out, "a\ncd\n");
  const c = run("fold", ["-w", "2", "f"], { files: { f: new Uint8Array([0xff, 0xfe, 0x41]) }, env: { LC_ALL: "C" } });
  assert.equal([...c.stdout], [0xff, 0xfe, 10, 0x41]);
});

test.run();
