import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const USAGE = "usage: du [-Aclnx] [-H | -L | -P] [-g | -h | -k | -m] [-a | -s | -d depth] [-B blocksize] [-I mask] [-t threshold] [file ...]\n";
const blocks = (p: string) => fs.lstatSync(p).blocks;

test("default 512-byte blocks from st_blocks, post-order directories", () => {
  const d = tmpdir({ "d/f": "x".repeat(5000) });
  fs.mkdirSync(path.join(d, "d/s"));
  const r = run("du", ["d"], { cwd: d });
  const s = blocks(path.join(d, "d/s")), t = s + blocks(path.join(d, "d/f")) + blocks(path.join(d, "d"));
  assert.is(r.out, `${s}\td/s\n${t}\td\n`);
  assert.is(run("du", ["-k", "d"], { cwd: d }).out, `${Math.ceil(s / 2)}\td/s\n${Math.ceil(t / 2)}\td\n`);
  assert.is(run("du", ["-s", "d"], { cwd: d, env: { BLOCKSIZE: "1k" } }).out, `${Math.ceil(t / 2)}\td\n`);
});

test("-A apparent sizes, -B, -h, --si, -c", () => {
  const d = tmpdir({ a: "x".repeat(3000), b: "y".repeat(10) });
  assert.is(run("du", ["-A", "a", "b"], { cwd: d }).out, "6\ta\n1\tb\n");
  assert.is(run("du", ["-A", "-c", "a", "b"], { cwd: d }).out, "6\ta\n1\tb\n7\ttotal\n");
  assert.is(run("du", ["-A", "-h", "a"], { cwd: d }).out, "3.0K\ta\n");
  assert.is(run("du", ["-A", "--si", "a"], { cwd: d }).out, "3.1k\ta\n");
  assert.is(run("du", ["-A", "-B", "1000", "a"], { cwd: d }).out, "6\ta\n");
  assert.is(run("du", ["-A", "-m", "a"], { cwd: d }).out, "1\ta\n");
});

test("-a, -d, -I, hard links once unless -l, -t", () => {
  const d = tmpdir({ "d/x": "1", "d/s/y": "2" });
  fs.linkSync(path.join(d, "d/x"), path.join(d, "d/z"));
  const names = (out: string) => out.trim().split("\n").map((l) => l.split("\t")[1]).sort();
  assert.equal(names(run("du", ["-a", "d"], { cwd: d }).out).length, 4);
  assert.equal(names(run("du", ["-a", "-l", "d"], { cwd: d }).out).length, 5);
  assert.equal(names(run("du", ["-d", "0", "d"], { cwd: d }).out), ["d"]);
  assert.equal(names(run("du", ["-a", "-I", "s", "-I", "z", "d"], { cwd: d }).out), ["d", "d/x"]);
  assert.is(run("du", ["-t", "1g", "d"], { cwd: d }).out, "");
});

test("symlinks: -P counts the link, -H/-L follow", () => {
  const d = tmpdir({ "t/f": "x".repeat(9000) });
  fs.symlinkSync("t", path.join(d, "l"));
  assert.is(run("du", ["-A", "-s", "l"], { cwd: d }).out, "1\tl\n");
  assert.ok(Number(run("du", ["-A", "-s", "-H", "l"], { cwd: d }).out.split("\t")[0]) >= 18);
});

test("errors and usage", () => {
  const r = run("du", ["nope"]);
  assert.is(r.err, "du: nope: No such file or directory\n");
  assert.is(r.status, 1);
  for (const a of [["-s", "-a"], ["-d", "-1"], ["-B", "0"], ["-t", "0"], ["-Q"]]) {
    const u = run("du", a);
    assert.is(u.status, 64, a.join(" "));
    assert.ok(u.err.endsWith(USAGE));
  }
  assert.is(run("du", ["-d", "-1"]).err, "du: invalid argument to option d: -1\n" + USAGE);
  void sh;
});

test("--libxo: du.c's JSON and XML (version 1, disk-usage-information, paths)", () => {
  const d = tmpdir({ "d/f": "x".repeat(5000) });
  fs.mkdirSync(path.join(d, "d/s"));
  const t = blocks(path.join(d, "d")) + blocks(path.join(d, "d/f")) + blocks(path.join(d, "d/s"));
  let r = run("du", ["--libxo", "json", "-s", "d"], { cwd: d });
  assert.is(r.out, `{"__version": "1", "disk-usage-information": {"paths": [{"blocks":${t},"path":"d"}]}}\n`);
  assert.is(r.status, 0);
  r = run("du", ["-c", "--libxo=json,pretty", "-a", "d"], { cwd: d });
  const j = JSON.parse(r.out);
  assert.is(j.__version, "1");
  const text = run("du", ["-c", "-a", "d"], { cwd: d }).out.trim().split("\n").map((l) => l.split("\t"));
  assert.equal(j["disk-usage-information"].paths.map((p: { blocks: number; path: string }) => [String(p.blocks), p.path]), text.slice(0, -1));
  assert.is(String(j["disk-usage-information"]["total-blocks"]), text.at(-1)![0]);
  assert.ok(r.out.startsWith('{\n  "__version": "1", \n  "disk-usage-information": {\n    "paths": [\n      {\n        "blocks": '), r.out);
  assert.is(run("du", ["--libxo:X", "-A", "d/f"], { cwd: d }).out,
    '<disk-usage-information version="1"><paths><blocks>10</blocks><path>d/f</path></paths></disk-usage-information>');
  // -h: the humanized text, without its %4s padding (xo_fix_encoding), quoted
  const h = run("du", ["-A", "-h", "d/f"], { cwd: d }).out.split("\t")[0]!.trim();
  assert.is(run("du", ["--libxo", "json", "-A", "-h", "d/f"], { cwd: d }).out,
    `{"__version": "1", "disk-usage-information": {"paths": [{"blocks":"${h}","path":"d/f"}]}}\n`);
  assert.is(run("du", ["--libxo", "text", "-s", "d"], { cwd: d }).out, `${t}\td\n`);
});

test("--libxo: warnings stay on standard error; bad options", () => {
  let r = run("du", ["--libxo", "json", "nope"]);
  assert.is(r.out, '{"__version": "1", "disk-usage-information": {"paths": []}}\n');
  assert.is(r.err, "du: nope: No such file or directory\n");
  assert.is(r.status, 1);
  r = run("du", ["--libxo", "yaml", "."]);
  assert.is(r.err, "du: unknown libxo option value: 'yaml'\n");
  assert.is(r.status, 64);
  assert.is(r.out, "");
  r = run("du", ["--libxo", "json", "-Q"]); // xo_error's usage is not flushed in JSON
  assert.is(r.status, 64);
  assert.is(r.out, "");
  assert.ok(!r.err.includes("usage"), r.err);
});

test.run();
