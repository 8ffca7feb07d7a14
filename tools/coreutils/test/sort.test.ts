import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const MIX = "banana\napple\nCherry\napple\n date\n10\n9\n";

test("default byte order, -r, several files, stdin and '-'", () => {
  assert.is(run("sort", ["f"], { files: { f: MIX } }).out, " date\n10\n9\nCherry\napple\napple\nbanana\n");
  assert.is(run("sort", ["-r", "f"], { files: { f: MIX } }).out, "banana\napple\napple\nCherry\n9\n10\n date\n");
  assert.is(run("sort", [], { stdin: "b\na" }).out, "a\nb\n");
  assert.is(run("sort", ["-", "f"], { stdin: "c\n", files: { f: "b\na\n" } }).out, "a\nb\nc\n");
  assert.is(run("sort", ["--reverse", "f"], { files: { f: "a\nb\n" } }).out, "b\na\n");
});

test("-n, -g, -h, -M, -V and the whole-line last resort", () => {
  assert.is(run("sort", ["-n", "f"], { files: { f: "x\n3\n\n-\nabc\n1\n-2\n1.5\n" } }).out, "-2\n\n-\nabc\nx\n1\n1.5\n3\n");
  assert.is(run("sort", ["-n", "f"], { files: { f: "1 b\n1 a\n01 c\n" } }).out, "01 c\n1 a\n1 b\n");
  assert.is(run("sort", ["-ns", "f"], { files: { f: "1 b\n1 a\n01 c\n" } }).out, "1 b\n1 a\n01 c\n");
  assert.is(run("sort", ["-g", "f"], { files: { f: "inf\n-inf\n5\nnan\n-3\n1e2\n0x10\n" } }).out, "nan\n-inf\n-3\n5\n0x10\n1e2\ninf\n");
  assert.is(run("sort", ["-h", "f"], { files: { f: "1K\n2M\n512\n1G\n3k\n1.5K\n-1M\n" } }).out, "-1M\n512\n1K\n1.5K\n3k\n2M\n1G\n");
  assert.is(run("sort", ["-M", "f"], { files: { f: "Feb\n jan\nxyz\nDec\n" } }).out, "xyz\n jan\nFeb\nDec\n");
  assert.is(run("sort", ["-V", "f"], { files: { f: "v1.10\nv1.2\nfile-1.0\nfile-1.0~rc1\n" } }).out, "file-1.0~rc1\nfile-1.0\nv1.2\nv1.10\n");
  assert.is(run("sort", ["-n", "-t-", "f"], { files: { f: "-5\n3\n" } }).out, "-5\n3\n");
});

test("keys: fields, characters, -t, -b, per-key modifiers, obsolete +POS", () => {
  assert.is(run("sort", ["-k2n", "f"], { files: { f: "a 10\nb 9\nc 100\n" } }).out, "b 9\na 10\nc 100\n");
  assert.is(run("sort", ["-k", "2,2", "-k", "1,1r", "f"], { files: { f: "a x\nb x\nc a\n" } }).out, "c a\nb x\na x\n");
  assert.is(run("sort", ["-k", "1.3", "f"], { files: { f: "abz\nbay\ncax\n" } }).out, "cax\nbay\nabz\n");
  assert.is(run("sort", ["-t:", "-k3n", "f"], { files: { f: "r:x:0\nb:x:2\nd:x:1\n" } }).out, "r:x:0\nd:x:1\nb:x:2\n");
  assert.is(run("sort", ["-t.", "-k1,1n", "-k2,2n", "f"], { files: { f: "1.10\n1.2\n10.0\n2.0\n" } }).out, "1.2\n1.10\n2.0\n10.0\n");
  assert.is(run("sort", ["-k2", "f"], { files: { f: "a  b\na c\n" } }).out, "a  b\na c\n");
  assert.is(run("sort", ["-b", "-k2", "f"], { files: { f: "a  c\na b\n" } }).out, "a b\na  c\n");
  assert.is(run("sort", ["+1", "-2", "f"], { files: { f: "a c\nb b\nc a\n" } }).out, "c a\nb b\na c\n");
  assert.is(run("sort", ["-k1.2,1.2", "f"], { files: { f: "xé\nxe\n" } }).out, "xe\nxé\n");
  assert.is(run("sort", ["-t", "\\0", "-k2", "f"], { files: { f: "a\0z\nb\0y\n" } }).out, "b\0y\na\0z\n");
});

test("-f, -d, -i, UTF-8 and LC_ALL=C", () => {
  assert.is(run("sort", ["-f", "f"], { files: { f: "b\nA\na\nB\n" } }).out, "A\na\nB\nb\n");
  assert.is(run("sort", ["-f", "f"], { files: { f: "é\nÉ\ne\nf\n" } }).out, "e\nf\nÉ\né\n");
  assert.is(run("sort", ["-d", "f"], { files: { f: "a-c\nab\n_b\na.a\n" } }).out, "a.a\nab\na-c\n_b\n");
  assert.is(run("sort", ["-i", "f"], { files: { f: "a\x01c\nab\n\x02b\n" } }).out, "ab\na\x01c\n\x02b\n");
  const r = sh("printf 'b\\377\\na\\nc\\200\\n\\376\\n' > f; LC_ALL=C sort f | od -An -tx1");
  assert.is(r.out.replace(/\s+/g, " ").trim(), "61 0a 62 ff 0a 63 80 0a fe 0a");
});

test("-u keeps the first of equal keys; -s; -z; no final newline; NUL inside lines", () => {
  assert.is(run("sort", ["-fu", "f"], { files: { f: "b\nA\na\nB\n" } }).out, "A\nb\n");
  assert.is(run("sort", ["-u", "-k1,1", "f"], { files: { f: "a 1\na 2\nb 3\n" } }).out, "a 1\nb 3\n");
  assert.is(run("sort", ["--unique", "f"], { files: { f: "b\na\nb\n" } }).out, "a\nb\n");
  assert.is(run("sort", ["-z", "f"], { files: { f: "b\0a\0c" } }).out, "a\0b\0c\0");
  assert.is(run("sort", ["f"], { files: { f: "b\0z\na\0y" } }).out, "a\0y\nb\0z\n");
});

test("many lines (the radix steps): byte order with NULs, shared prefixes, short lines; -r; plain and keyed", () => {
  // 108,000 lines, more than one radix step takes in one go: alphabet with NUL, lengths 0-20
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const AL = [0x61, 0x62, 0x00, 0x63, 0x2c, 0x31, 0x20];
  const lines: Buffer[] = [];
  const PRE = Buffer.from("ab\0c,1 9ab\0c,1 9ab");
  for (let i = 0; i < 90000; i++) {
    const len = [0, 1, 3, 5, 6, 8, 11, 12, 13, 20][rnd(10)]!;
    const tail = Buffer.from(Array.from({ length: len }, () => AL[rnd(AL.length)]!));
    // half of them share a prefix of 0-17 bytes, so ties reach every byte position
    lines.push(rnd(2) ? tail : Buffer.concat([PRE.subarray(0, rnd(18)), tail.subarray(0, rnd(4))]));
  }
  // small groups: five bytes of their own, seven shared, then lines that differ from byte 12 on
  for (let g = 0; g < 6000; g++) {
    const own = Array.from({ length: 5 }, (_, j) => AL[Math.floor(g / AL.length ** j) % AL.length]!);
    for (let j = 0; j < 3; j++) lines.push(Buffer.from([...own, ...PRE.subarray(0, 7), AL[rnd(AL.length)]!, AL[rnd(AL.length)]!]));
  }
  const input = Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")]));
  const sorted = lines.slice().sort(Buffer.compare);
  const join = (l: Buffer[]) => Buffer.concat(l.flatMap((x) => [x, Buffer.from("\n")]));
  const r = run("sort", ["f"], { files: { f: input }, env: { LC_ALL: "C" } });
  assert.ok(r.stdout.equals(join(sorted)), "sort");
  const rr = run("sort", ["-r", "f"], { files: { f: input }, env: { LC_ALL: "C" } });
  assert.ok(rr.stdout.equals(join(sorted.slice().reverse())), "sort -r");
  // -t, -k2: the second comma field, then the whole line
  const field = (l: Buffer) => { const i = l.indexOf(0x2c); return i < 0 ? Buffer.alloc(0) : l.subarray(i + 1); };
  const k = lines.slice().sort((a, b) => Buffer.compare(field(a), field(b)) || Buffer.compare(a, b));
  const rk = run("sort", ["-t,", "-k2", "f"], { files: { f: input }, env: { LC_ALL: "C" } });
  assert.ok(rk.stdout.equals(join(k)), "sort -t, -k2");
});

test("-c, -C, --check=quiet: first disorder, status 1", () => {
  let r = run("sort", ["-c", "f"], { files: { f: "a\nc\nb\n" } });
  assert.is(r.err, "sort: f:3: disorder: b\n");
  assert.is(r.status, 1);
  r = run("sort", ["-c"], { stdin: "b\na\n" });
  assert.is(r.err, "sort: -:2: disorder: a\n");
  assert.is(run("sort", ["-C", "f"], { files: { f: "b\na\n" } }).status, 1);
  assert.is(run("sort", ["--check=quiet", "f"], { files: { f: "b\na\n" } }).err, "");
  assert.is(run("sort", ["-c", "f"], { files: { f: "a\nb\nb\n" } }).status, 0);
  assert.is(run("sort", ["-cu", "f"], { files: { f: "a\nb\nb\n" } }).status, 1);
  assert.is(run("sort", ["-c", "-m", "f"], { files: { f: "a\n" } }).err, "sort: m:c: mutually exclusive flags\n");
});

test("-m merges, -o may name an input, --files0-from", () => {
  assert.is(run("sort", ["-m", "a", "b"], { files: { a: "1\n3\n5\n", b: "2\n4\n6\n" } }).out, "1\n2\n3\n4\n5\n6\n");
  assert.is(run("sort", ["-m", "-n", "a", "b"], { files: { a: "1\n10\n", b: "2\n20\n" } }).out, "1\n2\n10\n20\n");
  assert.is(run("sort", ["-mu", "a", "b"], { files: { a: "1\n2\n", b: "1\n2\n3\n" } }).out, "1\n2\n3\n");
  assert.is(sh("printf 'c\\nb\\na\\n' > f; sort -o f f; cat f; ls").out, "a\nb\nc\nf\n");
  assert.is(sh("printf 'c\\n' > f; printf 'a\\n' > g; sort -m --output=f f g; cat f").out, "a\nc\n");
  assert.is(sh("printf 'b\\n' > f; printf 'a\\n' > g; printf 'f\\0g\\0' > l; sort --files0-from=l").out, "a\nb\n");
});

test("external merge: a small -S spills runs to -T and merges them, leaving nothing behind", () => {
  const r = sh("/usr/bin/seq 1 20000 | awk '{print ($1*7919)%20011}' > big; mkdir t; sort -n -S 20K -T t big > o; " +
    "/usr/bin/sort -n big | cmp - o && echo same; ls -A t | wc -l; TMPDIR=t sort -u -S 1K big | wc -l; sort -S 1b -m big big | wc -l");
  assert.is(r.out.replace(/ +/g, ""), "same\n0\n20000\n40000\n");
  assert.is(sh("mkdir t; printf 'b\\na\\n' > f; sort --batch-size=2 -S 1b -T t f f f; ls -A t | wc -l").out.replace(/ +/g, ""), "a\na\na\nb\nb\nb\n0\n");
});

test("-R groups equal keys; --random-source repeats an order", () => {
  const r = sh("printf 'a\\nb\\na\\nc\\nb\\n' > f; sort -R f | uniq | wc -l; sort -Ru f | sort; echo seed > s; " +
    "sort -R --random-source=s f > o1; sort -R --random-source=s f | cmp - o1 && echo same");
  assert.is(r.out.replace(/ +/g, ""), "3\na\nb\nc\nsame\n");
  const e = run("sort", ["-R", "--random-source=nope", "f"], { files: { f: "a\n" } });
  assert.is(e.err, "sort: open: nope: No such file or directory\n");
  assert.is(e.status, 66);
});

test("errors: missing file, bad key, bad option, exclusive flags, -S, -t", () => {
  let r = run("sort", ["nope"]);
  assert.is(r.err, "sort: No such file or directory\n");
  assert.is(r.status, 2);
  r = run("sort", ["-k", "0", "f"], { files: { f: "a\n" } });
  assert.is(r.err, "sort: 0 field in key specs: No error information\nsort: -k 0: Invalid argument\n");
  assert.is(r.status, 2);
  r = sh("sort -Y f", { files: { f: "a\n" } });
  assert.ok(r.err.startsWith("sort: unrecognized option: Y\nUsage: sort [-bcCdfigMmnrsuz]"));
  assert.is(r.status, 2);
  r = run("sort", ["-n", "-g", "f"], { files: { f: "a\n" } });
  assert.is(r.err, "sort: g:n: mutually exclusive flags\n");
  assert.is(r.status, 1);
  r = run("sort", ["-S", "10x", "f"], { files: { f: "b\na\n" } });
  assert.is(r.err, "sort: 10x: Invalid argument\n");
  assert.is(r.out, "a\nb\n");
  assert.is(run("sort", ["-t", "ab", "f"], { files: { f: "a\n" } }).err, "sort: ab: Invalid argument\n");
  assert.is(run("sort", ["--sort=frob", "f"], { files: { f: "a\n" } }).err, "sort: Unknown feature: frob\n");
  assert.is(run("sort", ["--version"]).out, "2.3-FreeBSD\n");
  assert.is(run("sort", ["--sort=numeric", "f"], { files: { f: "10\n9\n" } }).out, "9\n10\n");
});

test.run();
