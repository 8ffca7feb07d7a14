// FreeBSD's locate database (locate.h, locate.code.c, locate.bigram.c, fastfind.c), shared by
// locate and locate.updatedb. Not an applet.
//
// Layout: 256 bytes of bigram table (128 pairs of characters 32..127, unused pairs NUL), then one
// record per path in list order:
//   count byte   0..28 = (length of the prefix shared with the previous path) - (the previous
//                such length) + 14; or 30 (SWITCH) followed by that value as a 4-byte int in
//                host byte order (readers also accept network order);
//   residue      the rest of the path: 32..127 a literal byte, 128..255 bigram number (c & 127),
//                31 (UMLAUT) followed by one literal byte (anything below 32 or above 127).
// The encoder walks the residue two bytes at a time from its start: a pair found in the table
// becomes one byte, otherwise both bytes are written on their own (this alignment decides the
// exact output). Byte 30 in a name is stored as '?' (FreeBSD: "old locate implementations core'd
// for char 30"). The table holds the 128 most frequent pairs (counted at the same alignment, only
// pairs of bytes 32..127), most frequent first, ties in descending byte order (what
// `locate.bigram | sort -nr | awk 'NR <= 128'` gives in the C locale).
// Unlike FreeBSD, whose tools pass the list through lines of text, a name holding a newline is
// stored whole (as UMLAUT + '\n'), which FreeBSD's locate reads back byte for byte.
export const NBG = 128, OFFSET = 14, PARITY = 0x80, SWITCH = 30, UMLAUT = 31, ASCII_MIN = 32, ASCII_MAX = 127;
/** Longest path a record may decode to, plus one (FreeBSD: LOCATE_PATH_MAX 1024 = its PATH_MAX;
 * Linux's PATH_MAX is 4096, the value chimerautils' build has). */
export const LOCATE_PATH_MAX = 4096;
const I_MAX = LOCATE_PATH_MAX + OFFSET, I_MIN = -(LOCATE_PATH_MAX - OFFSET);

const hostLE = () => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Growable byte buffer. */
class Out {
  buf = new Uint8Array(1 << 16);
  len = 0;
  room(n: number) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
}

/** Front-compression state shared by the encoder and the bigram counter: the previous path. */
class Front {
  private a = new Uint8Array(LOCATE_PATH_MAX);
  private b = new Uint8Array(LOCATE_PATH_MAX);
  private alen = 0;
  /** The current path (after next()): its bytes, length and the prefix shared with the previous. */
  cur = this.b;
  len = 0;
  prefix = 0;
  /** @param fix30 byte 30 becomes '?' (locate.code does it; locate.bigram counts the raw bytes) */
  constructor(private fix30: boolean) {}
  /** Take a path. False (and nothing changes) for an empty or too long one. */
  next(p: Uint8Array, n: number): boolean {
    if (n === 0 || n >= LOCATE_PATH_MAX) return false;
    const cur = this.b, old = this.a;
    if (this.fix30) for (let i = 0; i < n; i++) cur[i] = p[i] === SWITCH ? 63 : p[i]!;
    else cur.set(p.subarray(0, n));
    const m = Math.min(n, this.alen);
    let k = 0;
    while (k < m && cur[k] === old[k]) k++;
    this.cur = cur;
    this.len = n;
    this.prefix = k;
    this.b = old;
    this.a = cur;
    this.alen = n;
    return true;
  }
}

/** locate.bigram + `sort -nr | awk 'NR <= 128'`: count the pairs of a list, give the table. */
export class BigramCounter {
  private cnt = new Uint32Array(65536);
  private front = new Front(false);
  add(p: Uint8Array, n = p.length): void {
    const f = this.front;
    if (!f.next(p, n)) return;
    const cur = f.cur, counts = this.cnt;
    for (let i = f.prefix; i + 1 < f.len; i += 2) counts[(cur[i]! << 8) | cur[i + 1]!]!++;
  }
  /** The count of every pair, indexed by (first << 8) | second. */
  counts(): Uint32Array {
    return this.cnt;
  }
  /** The 256-byte table: the 128 most frequent pairs of printable ASCII, NUL-padded. */
  table(): Uint8Array {
    const all: number[] = [];
    for (let a = ASCII_MIN; a <= ASCII_MAX; a++)
      for (let b = ASCII_MIN; b <= ASCII_MAX; b++) if (this.cnt[(a << 8) | b]) all.push((a << 8) | b);
    const c = this.cnt;
    all.sort((x, y) => c[y]! - c[x]! || y - x);
    const t = new Uint8Array(2 * NBG);
    for (let i = 0; i < all.length && i < NBG; i++) {
      t[2 * i] = all[i]! >> 8;
      t[2 * i + 1] = all[i]! & 255;
    }
    return t;
  }
}

/** locate.code: front-compress and bigram-encode a list with a table. */
export class DbEncoder {
  private out = new Out();
  private front = new Front(true);
  private oldcount = 0;
  /** pair -> table offset (0, 2, ...), -1 when absent */
  private big = new Int16Array(65536).fill(-1);
  private le = hostLE();
  /** number of paths stored */
  count = 0;
  constructor(table: Uint8Array) {
    const t = new Uint8Array(2 * NBG);
    t.set(table.subarray(0, 2 * NBG));
    this.out.room(2 * NBG);
    this.out.buf.set(t, 0);
    this.out.len = 2 * NBG;
    for (let i = 0; i < 2 * NBG && t[i] !== 0; i += 2) this.big[(t[i]! << 8) | t[i + 1]!] = i;
  }
  add(p: Uint8Array, n = p.length): void {
    const f = this.front;
    if (!f.next(p, n)) return;
    const cur = f.cur, len = f.len, out = this.out, big = this.big;
    out.room(5 + 2 * len);
    const b = out.buf;
    let o = out.len;
    const diff = f.prefix - this.oldcount + OFFSET;
    this.oldcount = f.prefix;
    if (diff < 0 || diff > 2 * OFFSET) {
      b[o++] = SWITCH;
      const v = diff >>> 0;
      if (this.le) { b[o++] = v & 255; b[o++] = (v >>> 8) & 255; b[o++] = (v >>> 16) & 255; b[o++] = v >>> 24; }
      else { b[o++] = v >>> 24; b[o++] = (v >>> 16) & 255; b[o++] = (v >>> 8) & 255; b[o++] = v & 255; }
    } else b[o++] = diff;
    for (let i = f.prefix; i < len; ) {
      const code = i + 1 < len ? big[(cur[i]! << 8) | cur[i + 1]!]! : -1;
      if (code >= 0) {
        b[o++] = (code >> 1) | PARITY;
        i += 2;
        continue;
      }
      for (let k = 0; k < 2 && i < len; k++, i++) {
        const c = cur[i]!;
        if (c < ASCII_MIN || c > ASCII_MAX) b[o++] = UMLAUT;
        b[o++] = c;
      }
    }
    out.len = o;
    this.count++;
  }
  result(): Uint8Array {
    return this.out.buf.subarray(0, this.out.len);
  }
}

/** Build a database from a list of paths given twice (bigram counting, then encoding). */
export function buildDb(each: (fn: (p: Uint8Array, n: number) => void) => void): { db: Uint8Array; count: number } {
  const bc = new BigramCounter();
  each((p, n) => bc.add(p, n));
  const enc = new DbEncoder(bc.table());
  each((p, n) => enc.add(p, n));
  return { db: enc.result(), count: enc.count };
}

export type Fail = (msg: string) => never;

/** The 256-byte header as two tables, each byte checked (check_bigram_char). */
export function readBigrams(db: Uint8Array, fail: Fail): [Uint8Array, Uint8Array] {
  const b1 = new Uint8Array(NBG), b2 = new Uint8Array(NBG);
  for (let i = 0; i < 2 * NBG; i++) {
    const c = i < db.length ? db[i]! : -1;
    if (!(c === 0 || (c >= ASCII_MIN && c <= ASCII_MAX)))
      fail(`locate database header corrupt, bigram char outside 0, ${ASCII_MIN}-${ASCII_MAX}: ${c}`);
    (i & 1 ? b2 : b1)[i >> 1] = c;
  }
  return [b1, b2];
}

/** getwm/getwf: an int in host order, or in network order when host order is out of range. */
export function getInt(db: Uint8Array, i: number, fail: Fail): number {
  const le = (db[i]! | (db[i + 1]! << 8) | (db[i + 2]! << 16) | (db[i + 3]! << 24)) | 0;
  const be = ((db[i]! << 24) | (db[i + 1]! << 16) | (db[i + 2]! << 8) | db[i + 3]!) | 0;
  const [w, h] = hostLE() ? [le, be] : [be, le];
  if (w >= I_MAX || w <= I_MIN) {
    if (h >= I_MAX || h <= I_MIN) fail(`integer out of range: ${I_MIN} < ${Math.abs(w) < Math.abs(h) ? w : h} < ${I_MAX}`);
    return h;
  }
  return w;
}

/**
 * Decode a database: fn(path, len, count) for every record, `count` being the length of the
 * prefix it shares with the previous path (bytes after `len` are garbage). `stdio` follows the
 * getc(3) reader of `locate -s` (a record of only a count byte at the very end is still a path),
 * otherwise the mmap(2) reader of `locate -m`. The path buffer is reused.
 */
export function decodeDb(db: Uint8Array, name: string, stdio: boolean, fail: Fail, fn: (path: Uint8Array, len: number, count: number) => void): void {
  const [b1, b2] = readBigrams(db, fail);
  const end = db.length, path = new Uint8Array(LOCATE_PATH_MAX + 2);
  let i = 2 * NBG;
  let c = i < end ? db[i]! : -1;
  i++;
  let count = 0;
  for (;;) {
    if (stdio ? c === -1 : i >= end) break;
    if (c === SWITCH) {
      if (end - i < 4) {
        if (!stdio) fail(`corrupted database: ${name}`);
        count += -1 - OFFSET; // getw(3) at end of file: EOF
        i = end;
      } else {
        count += getInt(db, i, fail) - OFFSET;
        i += 4;
      }
    } else count += c - OFFSET;
    if (count < 0 || count >= LOCATE_PATH_MAX) fail(`corrupted database: ${name} ${count}`);
    let p = count;
    for (;;) {
      if (i >= end) {
        if (stdio) c = -1;
        break;
      }
      c = db[i++]!;
      if (c < PARITY) {
        if (c <= UMLAUT) {
          if (c !== UMLAUT) break;
          // at the end: getc(3) gives EOF, stored as 0xff; the mapping reads past it (0)
          if (i >= end) { i++; c = stdio ? 0xff : 0; }
          else c = db[i++]!;
        }
        path[p++] = c;
      } else {
        c &= 127;
        path[p++] = b1[c]!;
        path[p++] = b2[c]!;
      }
      if (p >= LOCATE_PATH_MAX) fail(`corrupted database: ${name} ${p}`);
    }
    fn(path, p, count);
  }
}
