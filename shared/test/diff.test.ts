import { test } from "uvu";
import * as assert from "uvu/assert";
import { stone, verify, changes, diffLines, lineHash } from "../src/diff";

const enc = new TextEncoder();
const lines = (s: string) => s.split("").map((c) => enc.encode(c + "\n"));

function vals(s: string, table?: number[]): Int32Array {
  const v = new Int32Array(s.length + 2);
  for (let i = 0; i < s.length; i++) v[i + 1] = table ? table[s.charCodeAt(i) - 97]! : s.charCodeAt(i);
  return v;
}
// values that differ only in the top bit of one of the sort's digits (bits 0-10, 11-21, 22-31)
const EDGE = [0, 0x400, 0x00200000, -0x80000000, -1];

function lcsLen(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

/** Apply the change groups to a and check that b comes out. */
function apply(a: string, b: string, ch: [number, number, number, number][]): string {
  let out = "", pos = 1;
  for (const [a0, a1, b0, b1] of ch) {
    const upto = a0 > a1 ? a1 : a0 - 1;
    out += a.slice(pos - 1, upto);
    out += b.slice(b0 - 1, b1);
    pos = (a0 > a1 ? a1 : a1) + 1;
  }
  return out + a.slice(pos - 1);
}

test("identical, empty and disjoint inputs", () => {
  assert.equal(diffLines(lines("abc"), lines("abc")), []);
  assert.equal(diffLines([], lines("ab")), [[1, 0, 1, 2]]);
  assert.equal(diffLines(lines("ab"), []), [[1, 2, 1, 0]]);
  assert.equal(diffLines(lines("abc"), lines("xyz")), [[1, 3, 1, 3]]);
});

test("the hunks of the reference's classic example", () => {
  // 8 lines, line 2 and 7 changed, line 9 added (diff prints 2c2, 7c7, 8a9)
  assert.equal(diffLines(lines("12345678"), lines("1X3456Y89")), [[2, 2, 2, 2], [7, 7, 7, 7], [9, 8, 9, 9]]);
  assert.equal(diffLines(lines("xyz"), lines("z")), [[1, 2, 1, 0]]);
  assert.equal(diffLines(lines("x"), lines("xyz")), [[2, 1, 2, 3]]);
});

test("minimal mode finds a longest common subsequence; scripts reproduce b", () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let t = 0; t < 300; t++) {
    const a = Array.from({ length: rnd(30) }, () => "abcde"[rnd(5)]).join("");
    const b = Array.from({ length: rnd(30) }, () => "abcde"[rnd(5)]).join("");
    for (const table of [undefined, EDGE]) {
      const J = stone(vals(a, table), a.length, vals(b, table), b.length, true);
      let k = 0;
      for (let i = 1; i <= a.length; i++) if (J[i]) k++;
      assert.is(k, lcsLen(a, b), `${a} ${b}`);
    }
    const J = stone(vals(a), a.length, vals(b), b.length, true);
    const ch = changes(J, a.length, b.length);
    assert.is(apply(a, b, ch), b, `${a} ${b}`);
    const ch2 = diffLines(lines(a), lines(b));
    assert.is(apply(a, b, ch2), b);
  }
});

test("verify breaks matches made by hash collisions", () => {
  const J = stone(vals("aa"), 2, vals("aa"), 2);
  verify(J, 2, (i) => i !== 2);
  assert.equal(changes(J, 2, 2), [[2, 2, 2, 2]]);
});

test("lineHash is the reference's hash without the newline", () => {
  assert.is(lineHash(enc.encode("ab\n")), lineHash(enc.encode("ab")));
  assert.is(lineHash(enc.encode("")), 1);
  assert.is(lineHash(enc.encode("a")), 127 + 97);
});

test("large inputs stay fast (bounded candidate tries)", () => {
  const n = 200000;
  const a = new Int32Array(n + 2), b = new Int32Array(n + 2);
  for (let i = 1; i <= n; i++) { a[i] = i * 7919; b[i] = i % 100 === 0 ? -i : i * 7919; }
  const t0 = Date.now();
  const ch = changes(stone(a, n, b, n), n, n);
  assert.is(ch.length, 2000);
  const x = new Int32Array(20002), y = new Int32Array(20002);
  for (let i = 1; i <= 20000; i++) { x[i] = i; y[i] = i + 1000000; }
  assert.equal(changes(stone(x, 20000, y, 20000), 20000, 20000), [[1, 20000, 1, 20000]]);
  assert.ok(Date.now() - t0 < 5000);
});

test.run();
