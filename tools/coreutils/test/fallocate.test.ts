import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run } from "@bsdbox/posix-tests";

const size = (dir: string, f = "f") => fs.statSync(path.join(dir, f)).size;
const blocks = (dir: string, f = "f") => fs.statSync(path.join(dir, f)).blocks;

test("-l allocates (creating the file); suffixes: K = KiB = 1024, KB = 1000, plain bytes", () => {
  for (const [arg, want] of [["4K", 4096], ["4KiB", 4096], ["2KB", 2000], ["1MiB", 1048576], ["1000", 1000], ["0x10", 16], ["3b", 3]] as const) {
    const r = run("fallocate", ["-l", arg, "f"]);
    assert.is(r.status, 0, arg);
    assert.is(r.err, "");
    assert.is(size(r.dir), want, arg);
  }
  const r = run("fallocate", ["-l", "64K", "f"]);
  assert.ok(blocks(r.dir) * 512 >= 65536, "really allocated");
  const o = run("fallocate", ["-o", "1K", "-l", "1K", "f"]);
  assert.is(size(o.dir), 2048);
});

test("-n keeps the size, existing data stays", () => {
  const r = run("fallocate", ["-n", "-l", "64K", "f"], { files: { f: "abc" } });
  assert.is(r.status, 0);
  assert.is(fs.readFileSync(path.join(r.dir, "f"), "utf8"), "abc");
  assert.ok(blocks(r.dir) * 512 >= 65536);
});

test("-p punches a hole (size kept, bytes read as zero); -z zeroes; -c removes; -i inserts", () => {
  const data = "x".repeat(16384);
  const p = run("fallocate", ["-p", "-o", "4K", "-l", "4K", "f"], { files: { f: data } });
  assert.is(p.status, 0);
  const b = fs.readFileSync(path.join(p.dir, "f"));
  assert.is(b.length, 16384);
  assert.is(b.subarray(4096, 8192).every((c) => c === 0), true);
  assert.is(b[4095], 120);
  assert.is(b[8192], 120);
  const z = run("fallocate", ["-z", "-l", "4K", "f"], { files: { f: data } });
  if (z.status === 0) assert.is(fs.readFileSync(path.join(z.dir, "f")).subarray(0, 4096).every((c) => c === 0), true);
  else assert.match(z.err, /^fallocate: fallocate: /);
  const c = run("fallocate", ["-c", "-l", "4K", "f"], { files: { f: data } });
  if (c.status === 0) assert.is(size(c.dir), 12288);
  const i = run("fallocate", ["-i", "-l", "4K", "f"], { files: { f: data } });
  if (i.status === 0) assert.is(size(i.dir), 20480);
  // these modes never create the file
  const n = run("fallocate", ["-p", "-l", "4K", "f"]);
  assert.is(n.status, 1);
  assert.is(n.err, "fallocate: open failed for f: No such file or directory\n");
});

test("-x uses posix_fallocate", () => {
  const r = run("fallocate", ["-x", "-l", "2K", "f"]);
  assert.is(r.status, 0);
  assert.is(size(r.dir), 2048);
});

test("-d digs holes where whole blocks are zero; -v reports", () => {
  const data = new Uint8Array(4096 * 20);
  data.fill(7, 0, 4096);
  data.fill(7, 4096 * 19);
  data[4096 * 10 + 1] = 1; // a block with one non-zero byte at an odd offset stays data
  const r = run("fallocate", ["-v", "-d", "f"], { files: { f: data } });
  assert.is(r.status, 0);
  assert.is(r.out, "f: 68 KiB (69632 bytes) converted to sparse holes.\n");
  assert.equal(new Uint8Array(fs.readFileSync(path.join(r.dir, "f"))), data);
  assert.ok(blocks(r.dir) * 512 <= 4096 * 4, "holes were punched");
});

test("-v wording and humanized sizes", () => {
  assert.is(run("fallocate", ["-v", "-l", "3K", "f"]).out, "f: 3072 B (3072 bytes) allocated.\n");
  assert.is(run("fallocate", ["-v", "-l", "1MiB", "f"]).out, "f: 1024 KiB (1048576 bytes) allocated.\n");
  assert.is(run("fallocate", ["-v", "-p", "-l", "4K", "f"], { files: { f: "x".repeat(8192) } }).out, "f: 4096 B (4096 bytes) hole created.\n");
});

test("errors", () => {
  const cases: [string[], string][] = [
    [["-l", "abc", "f"], "fallocate: invalid length argument 'abc'\n"],
    [["-l", "1x", "f"], "fallocate: invalid length argument '1x'\n"],
    [["-l", "-1", "f"], "fallocate: invalid length argument '-1'\n"],
    [["-o", "9E", "-l", "1", "f"], "fallocate: invalid offset argument '9E'\n"],
    [["-l", "10"], "fallocate: no filename given\n"],
    [["-l", "10", "a", "b"], "fallocate: invalid number of arguments\n"],
    [["-l", "10", "nodir/f"], "fallocate: open failed for nodir/f: No such file or directory\n"],
    [["f"], "fallocate: length not specified\n"],
    [["-l", "0K", "f"], "fallocate: length must be non-zero\n"],
    [["-c", "-p", "-l", "1", "f"], "fallocate: -c, -i, -p and -z are mutually incompatible\n"],
    [["-x", "-d", "f"], "fallocate: -x is incompatible with -d\n"],
    [["-x", "-n", "-l", "1", "f"], "fallocate: -x is incompatible with either of -c, -i, -n, -p or -z\n"],
  ];
  for (const [args, msg] of cases) {
    const r = run("fallocate", args);
    assert.is(r.status, 1, args.join(" "));
    assert.is(r.err, msg);
  }
  const q = run("fallocate", ["-Q"]);
  assert.is(q.status, 1);
  assert.match(q.err, /unrecognized option: Q\nTry 'fallocate --help' for more information\.\n$/);
});

test.run();
