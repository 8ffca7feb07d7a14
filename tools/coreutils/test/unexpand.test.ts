import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const un = (args: string[], f: string | Uint8Array) => run("unexpand", [...args, "f"], { files: { f } });

test("leading blanks by default, all blanks with -a", () => {
  assert.is(un([], "        a       b\n").out, "\ta       b\n");
  assert.is(un(["-a"], "        a       b\n").out, "\ta\tb\n");
  assert.is(run("unexpand", ["-a"], { stdin: "a       b\n" }).out, "a\tb\n");
  assert.is(un([], "    \t    x\n").out, "\t    x\n");
  assert.is(un([], "         x\n").out, "\t x\n");
  assert.is(un([], "        a").out, "\ta");
  assert.is(un(["-a"], "a b\n").out, "a b\n");
});

test("-t N and tab lists (imply -a)", () => {
  assert.is(un(["-t", "4"], "        a   b\n").out, "\t\ta\tb\n");
  assert.is(un(["-t", "2,6"], "      x\n").out, "\t\tx\n");
  assert.is(un(["-t", "0"], "x\n").err, "unexpand: bad tab stop spec\n");
});

test("backspace, wide characters, CRLF", () => {
  assert.is(un(["-a"], "日本    x\n").out, "日本\tx\n");
  assert.is(un([], "        a\r\n").out, "\ta\r\n");
});

test("errors", () => {
  const r = run("unexpand", ["nope", "f"], { files: { f: "        x\n" } });
  assert.is(r.err, "unexpand: nope: No such file or directory\n");
  assert.is(r.out, "\tx\n");
  assert.is(r.status, 1);
  const u = run("unexpand", ["-Q"]);
  assert.is(u.err, `${u.err.split(":")[0]}: unrecognized option: Q\nusage: unexpand [-a | -t tablist] [file ...]\n`);
  assert.is(u.status, 1);
  const b = un([], new Uint8Array([0x20, 0x61, 0xe2, 0x28]));
  assert.is(b.err, "unexpand: f: Illegal byte sequence\n");
  assert.is(b.status, 1);
});

test.run();
