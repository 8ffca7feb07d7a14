// 500 random file pairs: `diff -u a b > p; patch a p` must give b back (Debian's /usr/bin/patch).
// Small files from a small vocabulary, so that changes interleave; some lack the final newline.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { sh, tmpdir } from "@bsdbox/posix-tests";

const PAIRS = 500, BATCH = 50;
let seed = 20261122;
const rnd = (n: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const VOCAB = ["alpha", "beta", "gamma", "delta", "", "  indented", "tab\there", "x", "y", "}", "{", "return 0;"];

function file(): string[] {
  return Array.from({ length: rnd(40) }, () => VOCAB[rnd(VOCAB.length)]!);
}
function mutate(a: string[]): string[] {
  const b = a.slice();
  const edits = 1 + rnd(6);
  for (let k = 0; k < edits; k++) {
    const at = rnd(b.length + 1), op = rnd(3);
    if (op === 0) b.splice(at, 1 + rnd(3));
    else if (op === 1) b.splice(at, 0, ...Array.from({ length: 1 + rnd(3) }, () => VOCAB[rnd(VOCAB.length)]!));
    else if (at < b.length) b[at] = VOCAB[rnd(VOCAB.length)]! + "!";
  }
  return b;
}
const text = (l: string[], nl: boolean) => l.join("\n") + (nl && l.length ? "\n" : "");

test("diff -u | patch reproduces the second file (500 pairs)", () => {
  const dir = tmpdir();
  const t0 = Date.now();
  for (let b0 = 0; b0 < PAIRS; b0 += BATCH) {
    const lines = ["set -u"];
    for (let i = b0; i < b0 + BATCH; i++) {
      const a = file();
      const b = rnd(5) === 0 ? file() : mutate(a);
      fs.writeFileSync(path.join(dir, `a${i}`), text(a, rnd(6) !== 0));
      fs.writeFileSync(path.join(dir, `b${i}`), text(b, rnd(6) !== 0));
      lines.push(`diff -u a${i} b${i} > p${i}; s=$?; [ $s -le 1 ] || echo "diff status $s for ${i}"`,
        `if [ -s p${i} ]; then /usr/bin/patch -s -f a${i} p${i} >/dev/null 2>&1 || echo "patch failed ${i}"; fi`,
        `cmp -s a${i} b${i} || echo "mismatch ${i}"`);
    }
    const r = sh(lines.join("\n"), { cwd: dir, timeout: 60000 });
    assert.is(r.out, "", r.out);
  }
  assert.ok(Date.now() - t0 < 60000, "took too long");
});

test.run();
