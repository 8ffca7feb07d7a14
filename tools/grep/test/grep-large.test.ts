// grep on inputs large enough to go through the whole-buffer scan (several read buffers, lines
// across buffer boundaries, a 300 KB line, invalid UTF-8, CRLF, no final newline), checked
// against a model of the selection rules computed here line by line.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run, tmpdir } from "../../../posix-tests/src/blackbox";

const dir = tmpdir();
const words = ["needle", "hay", "foo", "bar", "Needle", "NEEDLE", "café", "日本", "fooé", "éfoo", "foo_x", "x", "nee", "dle", "ne", "eedle", "caf\u00e9s", "hay$"];
let seed = 7;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const lines: Buffer[] = [];
for (let i = 0; i < 60000; i++) {
  const k = rnd(100);
  if (k === 0) lines.push(Buffer.from([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0x20, 0xff, 0x20, 0x66, 0x6f, 0x6f])); // invalid UTF-8
  else if (k === 1) lines.push(Buffer.from("needle hay\r"));
  else if (k === 2) lines.push(Buffer.from(""));
  else if (i === 30000) lines.push(Buffer.from("foo ".repeat(75000) + "needle"));
  else {
    const n = rnd(12);
    const ws: string[] = [];
    for (let j = 0; j < n; j++) ws.push(words[rnd(words.length)]!);
    lines.push(Buffer.from(ws.join(" ")));
  }
}
lines.push(Buffer.from("last needle without newline"));
const file = path.join(dir, "big");
fs.writeFileSync(file, Buffer.concat(lines.flatMap((l, i) => (i < lines.length - 1 ? [l, Buffer.from("\n")] : [l]))));

const valid = (b: Buffer) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
const out = (sel: Buffer[]) => Buffer.concat(sel.flatMap((l) => [l, Buffer.from("\n")])).toString("latin1");
const got = (args: string[], env?: Record<string, string>) => {
  const r = run("grep", [...args, file], { env });
  return { out: Buffer.from(r.stdout).toString("latin1"), status: r.status };
};
const has = (s: string) => (l: Buffer) => valid(l) && l.includes(s);

test("plain string: the lines holding it, never one with an invalid byte (musl regexec)", () => {
  const want = lines.filter(has("needle"));
  const r = got(["needle"]);
  assert.is(r.out, out(want));
  assert.is(got(["-c", "needle"]).out, `${want.length}\n`);
});

test("-n numbers lines across skipped stretches", () => {
  const want = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => has("needle")(l));
  const r = got(["-n", "needle"]);
  assert.is(r.out, want.map(([l, n]) => `${n}:${l.toString("latin1")}\n`).join(""));
});

test("-v selects the rest, invalid lines included", () => {
  const want = lines.filter((l) => !has("needle")(l));
  assert.is(got(["-v", "needle"]).out, out(want));
  assert.is(got(["-cv", "needle"]).out, `${want.length}\n`);
  const numbered = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => !has("needle")(l));
  assert.is(got(["-vn", "needle"]).out, numbered.map(([l, n]) => `${n}:${l.toString("latin1")}\n`).join(""));
});

test("-o prints every occurrence, left to right", () => {
  const n = (re: RegExp, ok: (l: Buffer) => boolean) => lines.filter(ok).reduce((a, l) => a + (l.toString("latin1").match(re) ?? []).length, 0);
  assert.is(got(["-o", "needle"]).out, "needle\n".repeat(n(/needle/g, valid)));
  assert.is(got(["-o", "ee"]).out, "ee\n".repeat(n(/ee/g, valid)));
  assert.is(got(["-oF", "ee"]).out, "ee\n".repeat(n(/ee/g, () => true)));
  assert.is(got(["-on", "dle"]).out.split("\n").length - 1, n(/dle/g, valid));
});

test("-m stops after N selected lines", () => {
  assert.is(got(["-m", "1000", "needle"]).out, out(lines.filter(has("needle")).slice(0, 1000)));
});

test("-i with musl's case pairs; -F -i folds ASCII only and matches invalid lines too", () => {
  const re = /needle/i;
  assert.is(got(["-i", "nEEdle"]).out, out(lines.filter((l) => valid(l) && re.test(l.toString("latin1")))));
  assert.is(got(["-F", "-i", "nEEdle"]).out, out(lines.filter((l) => re.test(l.toString("latin1")))));
});

test("-w: the word alone between non-word characters (a multibyte letter is a word character)", () => {
  const word = (l: Buffer) => valid(l) && /(^| )foo( |$)/.test(l.toString("utf8"));
  assert.is(got(["-w", "foo"]).out, out(lines.filter(word)));
  assert.is(got(["-cw", "foo"]).out, `${lines.filter(word).length}\n`);
});

test("-x and an ERE with an alternation and an anchor", () => {
  assert.is(got(["-x", "needle hay"]).out, out(lines.filter((l) => l.toString("latin1") === "needle hay")));
  const ere = /ne+dle|hay\$$/;
  assert.is(got(["-E", "ne+dle|hay\\$$"]).out, out(lines.filter((l) => valid(l) && ere.test(l.toString("utf8")))));
});

test("a character class with non-ASCII members (the scan over-approximates, procline decides)", () => {
  const want = lines.filter((l) => valid(l) && /caf\p{Alphabetic}s/u.test(l.toString("utf8")));
  assert.is(got(["caf[[:alpha:]]s"]).out, out(want));
});

test("LC_ALL=C: bytes; `.` is one byte and invalid lines match", () => {
  const want = lines.filter((l) => /caf..s/.test(l.toString("latin1")));
  assert.is(got(["caf..s"], { LC_ALL: "C" }).out, out(want));
  assert.is(got(["-c", "needle"], { LC_ALL: "C" }).out, `${lines.filter((l) => l.includes("needle")).length}\n`);
});

test.run();
