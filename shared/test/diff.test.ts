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

/** diffreg.c's stone(), ported line by line as an oracle: sort both sides by (value, serial),
 * equiv() merges them into the class list, unsort() gives each line of a its class; the
 * candidates and search() as in the C. */
function refStone(a: Int32Array, n: number, b: Int32Array, m: number, minimal: boolean): Int32Array {
  let pref = 0;
  while (pref < n && pref < m && a[pref + 1] === b[pref + 1]) pref++;
  let suff = 0;
  while (suff < n - pref && suff < m - pref && a[n - suff] === b[m - suff]) suff++;
  const J = new Int32Array(n + 2);
  for (let i = 1; i <= n; i++) J[i] = i <= pref ? i : i > n - suff ? i + m - n : 0;
  const sn = n - pref - suff, sm = m - pref - suff;
  if (sn <= 0 || sm <= 0) return J;
  const side = (v: Int32Array, len: number) =>
    Array.from({ length: len }, (_, i) => ({ serial: i + 1, value: v[pref + i + 1]! }))
      .sort((x, y) => x.value - y.value || x.serial - y.serial);
  const sa = side(a, sn), sb = side(b, sm);
  const av = new Array<number>(sn + 1).fill(0), cl = new Array<number>(sm + 2).fill(0);
  for (let i = 0, j = 0; i < sn && j < sm;) {
    if (sa[i]!.value < sb[j]!.value) i++;
    else if (sa[i]!.value === sb[j]!.value) av[i++] = j + 1;
    else j++;
  }
  let j = 0;
  while (++j <= sm) {
    cl[j] = -sb[j - 1]!.serial;
    while (j < sm && sb[j]!.value === sb[j - 1]!.value) { j++; cl[j] = sb[j - 1]!.serial; }
  }
  cl[j] = -1;
  const cls = new Array<number>(sn + 1).fill(0);
  for (let i = 0; i < sn; i++) cls[sa[i]!.serial] = av[i]!;
  const clist: { x: number; y: number; pred: number }[] = [{ x: 0, y: 0, pred: 0 }];
  const c = [0];
  const bound = minimal ? Infinity : Math.max(256, Math.floor(Math.sqrt(sn)));
  let k = 0;
  const search = (y: number) => {
    if (clist[c[k]!]!.y < y) return k + 1;
    let i = 0, jj = k + 1, l = 0;
    for (;;) {
      l = Math.floor((i + jj) / 2);
      if (l <= i) break;
      const t = clist[c[l]!]!.y;
      if (t > y) jj = l; else if (t < y) i = l; else return l;
    }
    return l + 1;
  };
  for (let i = 1; i <= sn; i++) {
    let jx = cls[i]!;
    if (jx === 0) continue;
    let y = -cl[jx]!, oldl = 0, oldc = c[0]!, tries = 0;
    do {
      if (y <= clist[oldc]!.y) continue;
      const l = search(y);
      if (l !== oldl + 1) oldc = c[l - 1]!;
      if (l <= k) {
        if (clist[c[l]!]!.y <= y) continue;
        const tc = c[l]!;
        clist.push({ x: i, y, pred: oldc }); c[l] = clist.length - 1;
        oldc = tc; oldl = l; tries++;
      } else {
        clist.push({ x: i, y, pred: oldc }); c[l] = clist.length - 1;
        k++;
        break;
      }
    } while ((y = cl[++jx]!) > 0 && tries < bound);
  }
  for (let q = c[k]!; clist[q]!.y !== 0; q = clist[q]!.pred) J[clist[q]!.x + pref] = clist[q]!.y + pref;
  return J;
}

test("the match vector is the reference's, over random inputs and the tries bound", () => {
  let seed = 11;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const make = (len: number, alpha: number, table: number[]) => {
    const v = new Int32Array(len + 2);
    for (let i = 1; i <= len; i++) v[i] = table[rnd(alpha)]!;
    return v;
  };
  // values that collide in a hash table's low or high bits, and the extremes
  const table = [0, 1, -1, 0x7fffffff, -0x80000000, 1 << 20, 2 << 20, 3 << 20, 16, 32, 48, 7919, -7919, 65536, 131072, 5];
  for (let t = 0; t < 400; t++) {
    const big = t % 100 === 0;
    // (the big ones over 3 values: classes of ~1,000 lines, where the bound of 256 tries cuts in)
    const n = big ? 2500 + rnd(1000) : rnd(40), m = big ? 2500 + rnd(1000) : rnd(40);
    const alpha = big ? 3 : 1 + rnd(16);
    const a = make(n, alpha, table), b = make(m, alpha, table);
    // b: a with a few changes, half the time
    if (t % 2 === 1 && !big) for (let i = 1; i <= Math.min(n, m); i++) if (rnd(4) !== 0) b[i] = a[i]!;
    for (const minimal of [false, true]) {
      if (minimal && big) continue;
      assert.equal(Array.from(stone(a, n, b, m, minimal)).slice(0, n + 1),
        Array.from(refStone(a, n, b, m, minimal)).slice(0, n + 1), `t=${t} n=${n} m=${m} minimal=${minimal}`);
    }
  }
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
