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

// The number columns are as wide as their widest entry, header or figure
// (df.c's update_maxwidths), so the header moves with the file system's size:
// the reference corpus's df/header-i and df/T-type-col record one disk's widths.
// df.c's own quirks are kept: "iused" and "ifree" are printed two columns left
// of their figures, and the iused column is at least 7 wide ("  iused").
test("number columns: as wide as the widest entry, figures right-aligned", () => {
  const d = tmpdir({ f: "x" });
  const blocks = { label: "512-blocks", shift: 0, min: 10, gap: 0 };
  const common = [{ label: "Used", shift: 0, min: 4, gap: 0 }, { label: "Avail", shift: 0, min: 5, gap: 0 }];
  const inodes = [{ label: "iused", shift: 2, min: 7, gap: " Capacity".length }, { label: "ifree", shift: 2, min: 5, gap: 0 }];
  for (const [args, cols] of [
    [["-i", "f"], [blocks, ...common, ...inodes]],
    [["-T", "f", "/"], [blocks, ...common]],
    [["-k", "-i", "f", "/"], [{ ...blocks, label: "1024-blocks", min: 11 }, ...common, ...inodes]],
  ] as const) {
    const [h, ...rows] = run("df", [...args], { cwd: d }).out.split("\n").filter(Boolean);
    const show = `df ${args.join(" ")}:\n${h}\n${rows.join("\n")}`;
    let prevEnd = -1;
    for (const c of cols) {
      const end = h!.indexOf(` ${c.label} `) + 1 + c.label.length + c.shift;
      let w = c.min;
      for (const r of rows) {
        const m = /\d+$/.exec(r.slice(0, end));
        assert.ok(m && r[end] === " ", `no figure ends under ${c.label}: ${show}`);
        w = Math.max(w, m![0].length);
      }
      if (prevEnd >= 0) assert.is(end - w - 1, prevEnd + c.gap, `column ${c.label} is not ${w} wide: ${show}`);
      prevEnd = end;
    }
  }
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
