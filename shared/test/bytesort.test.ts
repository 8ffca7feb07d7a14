import { test } from "uvu";
import * as assert from "uvu/assert";
import { sortNames, sortNamesCompare } from "../src/bytesort";

/** names packed as sortNames takes them: NUL-terminated, with junk between them (as the record
 * headers of a getdents buffer), and their start offsets */
function pack(names: Uint8Array[]): { data: Uint8Array; start: Uint32Array } {
  const parts: number[] = [];
  const start = new Uint32Array(names.length);
  names.forEach((n, i) => {
    for (let k = 0; k < 5; k++) parts.push((i * 37 + k * 11) & 255);
    start[i] = parts.length;
    parts.push(...n, 0);
    for (let k = 0; k < i % 4; k++) parts.push(0);
  });
  return { data: Uint8Array.from(parts), start };
}

/** strcmp(3) order of byte strings, the reference */
function strcmp(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function check(names: Uint8Array[], what: string) {
  const { data, start } = pack(names);
  const want = names.map((_, i) => i).sort((x, y) => strcmp(names[x]!, names[y]!));
  assert.equal(Array.from(sortNames(data, start, names.length)), want, what);
  assert.equal(sortNamesCompare(data, start, names.length), want, what + " (comparison sort)");
}

const b = (s: string) => new TextEncoder().encode(s);
const raw = (...x: number[]) => Uint8Array.from(x);

test("byte order, prefixes first, high bytes after ASCII", () => {
  check([b("b"), b("a"), b("ab"), b("abc"), b("abcd"), b("abcde"), b("abcdd"), b("B"), b("-x"), b("!"), b(".")], "short");
  check([b("ä"), b("z"), b("😀"), raw(0xff, 0xfe), raw(0x80), raw(1), b("\n"), b("a\nb")], "high bytes");
  check([], "empty");
  check([b("only")], "one");
});

test("long common prefixes are sorted past each 4-byte digit", () => {
  const names: Uint8Array[] = [];
  for (const p of ["libfoo.so.", "libfoo.so", "libfoobar-1.2.3.so.", "x".repeat(40)])
    for (const s of ["", "1", "10", "2", "1.0", "abcdefghi", "abcdefgh", "abcdefgj"]) names.push(b(p + s));
  check(names.filter((n, i) => names.findIndex((m) => strcmp(m, n) === 0) === i), "prefix runs");
  // names that differ only in their last byte, at every length up to 255
  const long: Uint8Array[] = [];
  for (let len = 1; len <= 255; len += 7) for (const last of [0x61, 0x62, 0xff]) long.push(b("q".repeat(len - 1) + String.fromCharCode(last === 0xff ? 0x7a : last)));
  check(long.filter((n, i) => long.findIndex((m) => strcmp(m, n) === 0) === i), "lengths");
});

test("random names against strcmp order", () => {
  let seed = 12345;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let round = 0; round < 20; round++) {
    const seen = new Set<string>();
    const names: Uint8Array[] = [];
    const alphabet = round % 2 ? [0x61, 0x62, 0x2e, 0xc3, 0xa4, 0xff, 0x01] : Array.from({ length: 255 }, (_, i) => i + 1);
    for (let i = 0; i < 300; i++) {
      const len = 1 + rnd(round % 3 ? 12 : 3);
      const n = Uint8Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]!);
      const key = Array.from(n).join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      names.push(n);
    }
    check(names, `round ${round}`);
  }
});

test.run();
