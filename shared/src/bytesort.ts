// Byte-order sorting of NUL-terminated names held in one buffer (a directory's records as compat's
// readdirRaw gives them), without making a string of any name: ls sorts a plain listing this way.
//
// The order is strcmp(3)'s: unsigned bytes, a name before any longer name it begins. It is the
// collation of the C and C.UTF-8 locales (UTF-8 byte order is code-point order).
//
// Method: a most-significant-digit radix sort whose digits are 4 bytes wide, each pass sorted by
// the engine's native numeric sort of a Float64Array. A key is digit * 2^21 + entry index: a
// 32-bit digit and a 21-bit index fit a double's 53 exact bits, the index carries the entry
// through the sort and breaks no tie (two entries share a key only if they are the same entry).
// Entries whose digits are equal and whose names go on past them are sorted again by the next
// 4 bytes, and so on. Short distinct names (most directories) take one pass; a run of names with
// a long common prefix takes one pass per 4 bytes of it, over that run only.

const SPAN = 2097152; // 2^21: the index part of a key
const HIGH = 16777216, MID = 65536;
let scratch = new Float64Array(0);

/** The 4 name bytes at data[at] as a big-endian number, the bytes after the NUL as 0. */
function digit(data: Uint8Array, at: number): number {
  const b0 = data[at]!;
  if (b0 === 0) return 0;
  const b1 = data[at + 1]!;
  if (b1 === 0) return b0 * HIGH;
  const b2 = data[at + 2]!;
  if (b2 === 0) return b0 * HIGH + b1 * MID;
  return b0 * HIGH + b1 * MID + b2 * 256 + data[at + 3]!;
}

/**
 * The order of `count` names by their bytes: entry i's name is the NUL-terminated bytes at
 * data[start[i]]. Returns the entry indices, first name first.
 */
export function sortNames(data: Uint8Array, start: ArrayLike<number>, count: number): Uint32Array {
  const order = new Uint32Array(count);
  if (count >= SPAN) {
    order.set(sortNamesCompare(data, start, count));
    return order;
  }
  if (scratch.length < count) scratch = new Float64Array(Math.max(count, 256, 2 * scratch.length));
  const keys = scratch.subarray(0, count);
  for (let i = 0; i < count; i++) keys[i] = digit(data, start[i]!) * SPAN + i;
  if (place(keys, order, 0)) refine(data, start, order, keys, 0, 0);
  return order;
}

/** Sort keys, and write their entry indices to order from `at` on; says whether two of them
 * share a digit the names go on past (a digit whose last byte is not 0 holds no NUL). (The
 * parts of a key come apart by division, exact for a power of 2: `%` of a double is a call.) */
function place(keys: Float64Array, order: Uint32Array, at: number): boolean {
  keys.sort();
  let ties = false, prev = -1;
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j]!, d = Math.floor(k / SPAN);
    order[at + j] = k - d * SPAN;
    if (d === prev && (d & 255) !== 0) ties = true;
    prev = d;
  }
  return ties;
}

/** Sort again, by the next digit, each run of order[from, from + keys.length) whose keys share a
 * digit at `depth` that the names go on past. */
function refine(data: Uint8Array, start: ArrayLike<number>, order: Uint32Array, keys: Float64Array, from: number, depth: number): void {
  const to = from + keys.length;
  for (let a = from; a < to; ) {
    const d = Math.floor(keys[a - from]! / SPAN);
    let b = a + 1;
    while (b < to && Math.floor(keys[b - from]! / SPAN) === d) b++;
    if (b - a > 1 && (d & 255) !== 0) {
      const sub = new Float64Array(b - a);
      for (let t = 0; t < sub.length; t++) {
        const i = order[a + t]!;
        sub[t] = digit(data, start[i]! + depth + 4) * SPAN + i;
      }
      if (place(sub, order, a)) refine(data, start, order, sub, a, depth + 4);
    }
    a = b;
  }
}

/** sortNames by a comparison sort (what it does for 2^21 names or more). */
export function sortNamesCompare(data: Uint8Array, start: ArrayLike<number>, count: number): number[] {
  const idx = Array.from({ length: count }, (_, i) => i);
  idx.sort((x, y) => {
    let p = start[x]!, q = start[y]!;
    for (;;) {
      const a = data[p++]!, b = data[q++]!;
      if (a !== b) return a - b;
      if (a === 0) return x - y;
    }
  });
  return idx;
}
