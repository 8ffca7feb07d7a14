import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, tmpdir } from "@bsdbox/posix-tests";
import { statfsSync } from "node:fs";

const USAGE = "usage: df [-b | -g | -H | -h | -k | -m | -P] [-acilnT] [-t type] [-,]\n          [file | filesystem ...]\n";

test("the file system of an operand, numbers from statvfs", () => {
  const d = tmpdir({ f: "x" });
  const s = statfsSync(d);
  for (const [args, bs, head] of [[[], 512, "512-blocks"], [["-k"], 1024, "1024-blocks"], [["-m"], 1 << 20, "1M-blocks"], [["-k", "-P"], 1024, "1024-blocks"]] as const) {
    const r = run("df", [...args, "f"], { cwd: d });
    assert.is(r.status, 0);
    const [h, l, extra] = r.out.split("\n");
    assert.is(extra, "");
    assert.ok(h!.split(/ +/)[1] === head, h);
    const f = l!.split(/ +/);
    // statvfs can move between the two calls on a busy file system: allow a little slack
    assert.ok(Math.abs(Number(f[1]) - Math.floor((s.blocks * s.bsize) / bs)) <= 1, l);
    assert.ok(Math.abs(Number(f[2]) - Math.floor(((s.blocks - s.bfree) * s.bsize) / bs)) <= 1 + (s.blocks * s.bsize) / bs / 100, l);
    assert.ok(/^\d+%$/.test(f[4]!));
  }
});

test("headers of -h, -i, -T, -, and -c total", () => {
  const d = tmpdir({ f: "x" });
  assert.is(run("df", ["-h", "f"], { cwd: d }).out.split("\n")[0]!.replace(/^Filesystem */, ""), "Size    Used   Avail Capacity  Mounted on");
  assert.ok(/ iused +ifree %iused  Mounted on$/.test(run("df", ["-i", "f"], { cwd: d }).out.split("\n")[0]!));
  assert.ok(/^Filesystem +Type /.test(run("df", ["-T", "f"], { cwd: d }).out));
  const c = run("df", ["-c", "f"], { cwd: d }).out.split("\n");
  assert.is(c.length, 4);
  assert.ok(c[2]!.startsWith("total "));
  assert.ok(c[2]!.endsWith("%  "));
});

test("-t selects types; errors", () => {
  assert.is(run("df", ["-t", "xyzfs"]).out, "");
  const r = run("df", ["nope"]);
  assert.is(r.err, "df: nope: No such file or directory\n");
  assert.is(r.status, 1);
  const u = run("df", ["-Q"]);
  assert.is(u.status, 64);
  assert.ok(u.err.endsWith("df: unrecognized option: Q\n" + USAGE), u.err);
  assert.is(run("df", ["-t", "a", "-t", "b"]).err, "df: only one -t option may be specified\n");
  assert.is(run("df", ["--libxo=yaml"]).status, 1);
  assert.is(run("df", ["--libxo=yaml"]).err, "df: unknown libxo option value: 'yaml'\n");
  assert.is(run("df", ["--libxo=text", "-t", "xyzfs"]).status, 0);
  // xo_errx finishes the JSON document before exiting
  const e = run("df", ["--libxo", "json", "-t", "a", "-t", "b"]);
  assert.is(e.out, "{ }\n");
  assert.is(e.status, 1);
});

test("--libxo: df.c's JSON and XML for the file system of .", () => {
  const text = run("df", ["-k", "."]).out.split("\n")[1]!.split(/ +/);
  const r = run("df", ["-k", "--libxo", "json", "."]);
  assert.is(r.status, 0);
  assert.ok(r.out.startsWith('{"storage-system-information": {"filesystem": [{"name":"' + text[0] + '","total-blocks":' + text[1] + ","), r.out);
  const f = JSON.parse(r.out)["storage-system-information"].filesystem[0];
  assert.equal(Object.keys(f), ["name", "total-blocks", "used-blocks", "available-blocks", "used-percent", "mounted-on"]);
  assert.is(f["mounted-on"], text.slice(5).join(" "));
  assert.ok(typeof f["used-blocks"] === "number" && typeof f["used-percent"] === "number");
  const c = run("df", ["--libxo", "json", "-c", "-T", "."]).out;
  assert.ok(/\], "filesystem": \[\{"name":"total","type":" *","total-blocks":\d+,/.test(c), c);
  const x = run("df", ["-h", "--libxo", "xml", "."]).out;
  assert.ok(/^<storage-system-information><filesystem><name>[^<]+<\/name><blocks value="\d+">[^<]+<\/blocks><used value="\d+">/.test(x), x);
  assert.ok(x.endsWith("</mounted-on></filesystem></storage-system-information>"), x);
});

test.run();
