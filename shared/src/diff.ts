// The diff algorithm of chimerautils' diff (diffreg.c, OpenBSD/FreeBSD lineage): Harold Stone's
// longest-common-subsequence search over line hashes, as diff(1), diff3(1) and sdiff(1) use it.
//
//   const J = stone(a, n, b, m, minimal);   // a[1..n], b[1..m]: line hash values (Int32Array)
//   // J[i] = line of b matched to line i of a, 0 = none; J.length = n + 2
//   verify(J, n, m, (i, j) => sameBytes(i, j));  // break matches that were hash collisions
//   for (const [a0, a1, b0, b1] of changes(J, n, m)) ...   // as diffreg's output() walks J
//
// The same hunks as the reference come from the same steps: the common prefix and suffix are
// pruned; lines are grouped in equivalence classes by value (the reference sorts by value then
// position; a hash table gives the same classes, and the march depends only on them); stone()
// marches through a, keeping k-candidates; for each line it tries the members of its class in b
// from the first on, and (unless `minimal`) gives up after max(256, sqrt(n)) replaced
// candidates: the heuristic that keeps huge or wholly different inputs near O(n log n).
// Which of several minimal scripts is chosen depends only on the equivalence classes, so any
// hash with the reference's collisions gives its output; diff(1) uses the reference's own hash.

/** Stone's algorithm. a and b hold values at 1..n and 1..m. Returns the match vector J. */
export function stone(a: Int32Array, n: number, b: Int32Array, m: number, minimal = false): Int32Array {
  // prune the common prefix and suffix
  let pref = 0;
  while (pref < n && pref < m && a[pref + 1] === b[pref + 1]) pref++;
  let suff = 0;
  while (suff < n - pref && suff < m - pref && a[n - suff] === b[m - suff]) suff++;
  const sn0 = n - pref - suff, sm = m - pref - suff;
  const J = new Int32Array(n + 2);
  for (let i = 0; i <= pref; i++) J[i] = i;
  for (let i = n - suff + 1; i <= n; i++) J[i] = i + m - n;
  if (sn0 <= 0 || sm <= 0) return J;
  const { cls, member } = classes(a, sn0, b, sm, pref);
  const { c, k, cx, cy, cp } = march(cls, member, sn0, minimal);
  // unravel
  for (let q = c[k]!; cy[q] !== 0; q = cp[q]!) J[cx[q]! + pref] = cy[q]! + pref;
  return J;
}

// Each step of stone() is a function of its own: these run once, before the JIT has warmed up,
// and a small function with one hot loop reaches optimized code sooner than one big one.

/** equiv: the lines of b (after the prefix) grouped by value in an open-addressing hash table,
 * then a's lines looked up in it. member = the classes of b whose value a has too, each a run of
 * b's lines in ascending order with its first negated, -1 at the end; cls[i] = index in member of
 * line i of a's class, 0 = none. The reference sorts both sides by value to find the classes;
 * march() reads each class only through cls, so the order of the classes in member does not
 * matter, and two passes over the lines replace a sort of each side (cold code pays per pass). */
function classes(a: Int32Array, n: number, b: Int32Array, m: number, off: number) {
  let bits = 4;
  while (1 << bits < 2 * m) bits++;
  const mask = (1 << bits) - 1, shift = 32 - bits;
  // key[s]: a value; head[s]: its first line of b (then next[] in ascending order), or, once
  // its class is in member, minus the class's index there; 0 = empty slot
  const key = new Int32Array(mask + 1), head = new Int32Array(mask + 1), next = new Int32Array(m + 1);
  for (let j = m; j >= 1; j--) {
    const v = b[off + j]!;
    let s = Math.imul(v, 0x9e3779b1) >>> shift, h: number;
    while ((h = head[s]!) !== 0 && key[s] !== v) s = (s + 1) & mask;
    if (h === 0) key[s] = v;
    next[j] = h;
    head[s] = j;
  }
  const cls = new Int32Array(n + 2), member = new Int32Array(m + 2);
  let mj = 0;
  for (let i = 1; i <= n; i++) {
    const v = a[off + i]!;
    let s = Math.imul(v, 0x9e3779b1) >>> shift, h: number;
    while ((h = head[s]!) !== 0 && key[s] !== v) s = (s + 1) & mask;
    if (h > 0) {
      const first = ++mj;
      member[mj] = -h;
      for (let j = next[h]!; j !== 0; j = next[j]!) member[++mj] = j;
      head[s] = h = -first;
    }
    cls[i] = -h;
  }
  member[mj + 1] = -1;
  return { cls, member };
}

/** Stone's march through a: the k-candidates c[0..k] and the candidate list (x, y, previous).
 * Candidate creation is written out inline (a call per candidate costs before the JIT has
 * warmed up); ky[l] mirrors cy[c[l]], the line of b of the l-candidate, so that the binary
 * search reads one array. */
function march(cls: Int32Array, member: Int32Array, n: number, minimal: boolean) {
  let cap = Math.max(128, n + 2);
  let cx = new Int32Array(cap), cy = new Int32Array(cap), cp = new Int32Array(cap);
  let clen = 1; // candidate 0 = (0, 0, 0)
  const c = new Int32Array(n + 2), ky = new Int32Array(n + 2);
  const bound = minimal ? 0xffffffff : Math.max(256, Math.floor(Math.sqrt(n)));
  let k = 0;
  for (let i = 1; i <= n; i++) {
    let j = cls[i]!;
    if (j === 0) continue;
    let y = -member[j]!;
    let oldl = 0, oldc = 0, numtries = 0;
    do {
      if (y <= cy[oldc]!) continue;
      // search
      let l: number;
      if (ky[k]! < y) l = k + 1;
      else {
        let lo = 0, hi = k + 1;
        for (;;) {
          l = (lo + hi) >> 1;
          if (l <= lo) { l++; break; }
          const t = ky[l]!;
          if (t > y) hi = l;
          else if (t < y) lo = l;
          else break;
        }
      }
      if (l !== oldl + 1) oldc = c[l - 1]!;
      if (l <= k && ky[l]! <= y) continue;
      if (clen === cap) {
        cap *= 2;
        const nx = new Int32Array(cap), ny = new Int32Array(cap), np = new Int32Array(cap);
        nx.set(cx); ny.set(cy); np.set(cp);
        cx = nx; cy = ny; cp = np;
      }
      cx[clen] = i; cy[clen] = y; cp[clen] = oldc;
      ky[l] = y;
      if (l <= k) {
        const tc = c[l]!;
        c[l] = clen++;
        oldc = tc;
        oldl = l;
        numtries++;
      } else {
        c[l] = clen++;
        k++;
        break;
      }
    } while ((y = member[++j]!) > 0 && numtries < bound);
  }
  return { c, k, cx, cy, cp };
}

/** Break matches whose lines are not really equal (check() without the offsets). */
export function verify(J: Int32Array, n: number, eq: (i: number, j: number) => boolean): void {
  for (let i = 1; i <= n; i++) if (J[i] !== 0 && !eq(i, J[i]!)) J[i] = 0;
}

/** The change groups in J as diffreg's output() finds them, front to back: [a, b, c, d] means
 * lines a..b of the first sequence became lines c..d of the second (a > b: an insertion after
 * b; c > d: a deletion after d). J is modified as output() modifies it. */
export function changes(J: Int32Array, n: number, m: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  J[0] = 0;
  J[n + 1] = m + 1;
  for (let i0 = 1, i1 = 0; i0 <= n; i0 = i1 + 1) {
    while (i0 <= n && J[i0] === J[i0 - 1]! + 1) i0++;
    const j0 = J[i0 - 1]! + 1;
    i1 = i0 - 1;
    while (i1 < n && J[i1 + 1] === 0) i1++;
    const j1 = J[i1 + 1]! - 1;
    J[i1] = j1;
    if (i0 <= i1 || j0 <= j1) out.push([i0, i1, j0, j1]);
  }
  if (n === 0 && m > 0) out.push([1, 0, 1, m]);
  return out;
}

/** Convenience for tools on arrays of lines: hash (diffreg's Sedgewick hash), match, verify. */
export function diffLines(a: Uint8Array[], b: Uint8Array[], minimal = false): [number, number, number, number][] {
  const ha = new Int32Array(a.length + 2), hb = new Int32Array(b.length + 2);
  for (let i = 0; i < a.length; i++) ha[i + 1] = lineHash(a[i]!);
  for (let i = 0; i < b.length; i++) hb[i + 1] = lineHash(b[i]!);
  const J = stone(ha, a.length, hb, b.length, minimal);
  verify(J, a.length, (i, j) => sameBytes(a[i - 1]!, b[j - 1]!));
  return changes(J, a.length, b.length);
}

/** readhash's hash of a line (its '\n' excluded), as a signed 32-bit value. */
export function lineHash(l: Uint8Array, start = 0, end = l.length): number {
  let sum = 1;
  if (end > start && l[end - 1] === 10) end--;
  for (let i = start; i < end; i++) sum = (Math.imul(sum, 127) + l[i]!) | 0;
  return sum;
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
