import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A compiled terminfo entry (legacy format): flags and strings by their standard index. */
function entry(name: string, flags: number[], strs: Record<number, string>): Buffer {
  const names = Buffer.from(`${name}|test entry\0`, "latin1");
  const nbool = Math.max(0, ...flags.map((f) => f + 1));
  const nstr = Math.max(0, ...Object.keys(strs).map((k) => +k + 1));
  const bools = Buffer.alloc(nbool);
  for (const f of flags) bools[f] = 1;
  const offs = Buffer.alloc(nstr * 2);
  offs.fill(0xff);
  let table = Buffer.alloc(0);
  for (const [k, v] of Object.entries(strs)) {
    offs.writeInt16LE(table.length, +k * 2);
    table = Buffer.concat([table, Buffer.from(v + "\0", "latin1")]);
  }
  const head = Buffer.alloc(12);
  for (const [i, v] of [0o432, names.length, nbool, 0, nstr, table.length].entries()) head.writeUInt16LE(v, i * 2);
  const pad = (12 + names.length + nbool) & 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([head, names, bools, pad, offs, table]);
}

const ti = fs.mkdtempSync(path.join(os.tmpdir(), "ul-ti-"));
const put = (name: string, data: Buffer) => {
  fs.mkdirSync(path.join(ti, name[0]!), { recursive: true });
  fs.writeFileSync(path.join(ti, name[0]!, name), data);
};
// an ANSI-like terminal: us/ue 36/44, md 27, mr 34, me 39, so/se 35/43, mh 30, up 19, nd 17
put("ansi-t", entry("ansi-t", [], { 36: "<U>", 44: "</U>", 27: "<B>", 34: "<R>", 39: "<ME>", 35: "<S>", 43: "</S>", 30: "<D>", 19: "<UP>", 17: "<ND>" }));
// an overstriking printer: os, nothing else
put("prn", entry("prn", [15], {}));
// a terminal that underlines one character with uc after moving left (le)
put("ucterm", entry("ucterm", [], { 136: "_", 14: "\b" }));
// padding is dropped
put("pad", entry("pad", [], { 36: "<U>$<5>", 44: "</U>$<2/>" }));

const ul = (args: string[], stdin: string, term?: string | null, env: Record<string, string> = {}) =>
  run("ul", args, { stdin, env: { TERMINFO: ti, ...(term === null ? {} : { TERM: term ?? "dumb" }), ...env } });

test("plain text, dumb terminals and unknown terminals pass text through", () => {
  assert.is(ul([], "plain text\n").out, "plain text\n");
  assert.is(ul([], "a\bab\bb\n").out, "ab\n");
  assert.is(ul([], "_\bx\n", "nosuchterm").out, "x\n");
  assert.is(ul(["-t", "nosuchterm"], "_\bx\n").out, "x\n");
  assert.is(ul([], "_\bx\n", null).out, "x\n");
});

test("terminfo sequences for underline, bold, reverse", () => {
  assert.is(ul([], "a_\bb_\bc d\bd\n", "ansi-t").out, "a<U>bc</U> <B>d<ME>\n");
  assert.is(ul(["-t", "ansi-t"], "x\x0ey\x0fz\n").out, "x<R>y<ME>z\n");
  assert.is(ul(["-T", "ansi-t"], "b\bb_\bx\n").out, "<B>b<ME><U>x</U>\n");
  assert.is(ul([], "_\bx\n", "pad").out, "<U>x</U>\n");
});

test("overstriking terminals and underline characters", () => {
  assert.is(ul([], "a_\bb\n", "prn").out, "ab\r _\n");
  assert.is(ul([], "b\bb\n", "prn").out, "b\rb\rb\rb\n");
  assert.is(ul([], "_\bx\n", "ucterm").out, "x\b_\n");
});

test("-i marks modes on a line of its own", () => {
  assert.is(ul(["-i"], "_\ba_\bb c\n").out, "ab c\n__\n");
  assert.is(ul(["-i"], "x\bx y\n").out, "x y\n!\n");
  assert.is(ul(["-i"], "a\x0eb\x0f\n").out, "ab\n g\n");
});

test("half-line motions, tabs, CR, form feed, wide characters", () => {
  assert.is(ul(["-i"], "a\x1b9b\x1b8c\n").out, "abc\n v\n");
  assert.is(ul([], "a\tb\rc\n").out, "a       b\n");
  assert.is(ul([], "a\fb\n").out, "a\n\fb\n");
  assert.is(ul(["-i"], "_\b_\b日\n").out, "日\n__\n");
  assert.is(ul([], "a\x1b7b\n", "ansi-t").out, "a\n<UP><UP><ND>b\n");
});

test("errors: unknown escape, missing file, usage, bad input", () => {
  let r = ul([], "ab\x1bq\n");
  assert.is(r.err, "ul: unknown escape sequence in input: 33, 161\n");
  assert.is(r.status, 1);
  r = run("ul", ["f", "nope", "f"], { files: { f: "x\n" }, env: { TERM: "dumb" } });
  assert.is(r.out, "x\n");
  assert.is(r.err, "ul: nope: No such file or directory\n");
  assert.is(r.status, 1);
  r = ul(["-z"], "");
  assert.ok(r.err.endsWith("usage: ul [-i] [-t terminal] [file ...]\n"));
  assert.is(r.status, 1);
  r = run("ul", [], { stdin: Buffer.from("ab\xc3(\n", "latin1") as any, env: { TERM: "dumb" } });
  assert.is(r.err, "ul: Illegal byte sequence\n");
  assert.is(r.status, 1);
});

test.after(() => fs.rmSync(ti, { recursive: true, force: true }));
test.run();
