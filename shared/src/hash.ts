// Pure-ECMAScript message digests: MD5 (RFC 1321), SHA-1, SHA-224/256, SHA-384/512 and
// SHA-512/224, SHA-512/256 (FIPS 180-4). Streaming: create(alg), update(chunk)*, digest() → hex.
// The fallback for engines without a native hasher (compat's hashInit answers first on Bun).
// SHA-512 works on 32-bit halves (no BigInt), so it stays fast on any engine.

export interface Digest {
  update(data: Uint8Array): void;
  /** The final digest as lower-case hex; the object must not be used afterwards. */
  digest(): string;
}

const NAMES = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"];
/** The algorithms this module knows, by the names compat's hashInit takes (the same spelling). */
export function hashAlgorithms(): string[] {
  return NAMES.slice();
}

/** A new streaming digest, or undefined for an unknown algorithm. */
export function createHash(alg: string): Digest | undefined {
  switch (alg) {
    case "md5": return new Block64(md5Init(), md5Block, true, 16);
    case "sha1": return new Block64(new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]), sha1Block, false, 20);
    case "sha224": return new Block64(new Int32Array([0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4]), sha256Block, false, 28);
    case "sha256": return new Block64(new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]), sha256Block, false, 32);
    case "sha384": return new Sha512(IV384, 48);
    case "sha512": return new Sha512(IV512, 64);
    case "sha512-224": return new Sha512(IV512_224, 28);
    case "sha512-256": return new Sha512(IV512_256, 32);
  }
  return undefined;
}

/** One-shot convenience: the hex digest of `data`. */
export function hashBytes(alg: string, data: Uint8Array): string | undefined {
  const h = createHash(alg);
  if (!h) return undefined;
  h.update(data);
  return h.digest();
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, "0"));
function hex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

// ---- 64-byte block family: MD5, SHA-1, SHA-224/256 ----
type Block32 = (h: Int32Array, w: Int32Array, b: Uint8Array, off: number) => void;

class Block64 implements Digest {
  private buf = new Uint8Array(64);
  private n = 0;
  private total = 0;
  private w = new Int32Array(80);
  constructor(private h: Int32Array, private block: Block32, private le: boolean, private outLen: number) {}
  update(d: Uint8Array): void {
    let i = 0;
    this.total += d.length;
    if (this.n) {
      const k = Math.min(64 - this.n, d.length);
      this.buf.set(d.subarray(0, k), this.n);
      this.n += k;
      i = k;
      if (this.n < 64) return;
      this.block(this.h, this.w, this.buf, 0);
      this.n = 0;
    }
    for (; i + 64 <= d.length; i += 64) this.block(this.h, this.w, d, i);
    if (i < d.length) {
      this.buf.set(d.subarray(i), 0);
      this.n = d.length - i;
    }
  }
  digest(): string {
    const bits = this.total * 8;
    const pad = new Uint8Array((this.n < 56 ? 64 : 128) - this.n);
    pad[0] = 0x80;
    const lo = bits >>> 0, hi = Math.floor(bits / 0x100000000) >>> 0;
    const e = pad.length - 8;
    for (let k = 0; k < 4; k++) {
      if (this.le) {
        pad[e + k] = (lo >>> (8 * k)) & 255;
        pad[e + 4 + k] = (hi >>> (8 * k)) & 255;
      } else {
        pad[e + 7 - k] = (lo >>> (8 * k)) & 255;
        pad[e + 3 - k] = (hi >>> (8 * k)) & 255;
      }
    }
    const total = this.total;
    this.update(pad);
    this.total = total;
    const out = new Uint8Array(this.h.length * 4);
    for (let k = 0; k < this.h.length; k++) {
      const v = this.h[k]!;
      for (let j = 0; j < 4; j++) out[k * 4 + j] = (this.le ? v >>> (8 * j) : v >>> (24 - 8 * j)) & 255;
    }
    return hex(out.subarray(0, this.outLen));
  }
}

function md5Init(): Int32Array {
  return new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
}
const MD5_K = new Int32Array(64);
for (let i = 0; i < 64; i++) MD5_K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) | 0;
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

function md5Block(h: Int32Array, w: Int32Array, b: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++) {
    const p = o + i * 4;
    w[i] = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }
  let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!;
  for (let i = 0; i < 64; i++) {
    let f: number, g: number;
    const r = i >> 4;
    if (r === 0) { f = (bb & c) | (~bb & d); g = i; }
    else if (r === 1) { f = (d & bb) | (~d & c); g = (5 * i + 1) & 15; }
    else if (r === 2) { f = bb ^ c ^ d; g = (3 * i + 5) & 15; }
    else { f = c ^ (bb | ~d); g = (7 * i) & 15; }
    const s = MD5_S[(r << 2) | (i & 3)]!;
    const t = (a + f + MD5_K[i]! + w[g]!) | 0;
    a = d;
    d = c;
    c = bb;
    bb = (bb + ((t << s) | (t >>> (32 - s)))) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + bb) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
}

function be32(b: Uint8Array, p: number): number {
  return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
}

function sha1Block(h: Int32Array, w: Int32Array, b: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++) w[i] = be32(b, o + i * 4);
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
  for (let i = 0; i < 80; i++) {
    let f: number, k: number;
    if (i < 20) { f = (bb & c) | (~bb & d); k = 0x5a827999; }
    else if (i < 40) { f = bb ^ c ^ d; k = 0x6ed9eba1; }
    else if (i < 60) { f = (bb & c) | (bb & d) | (c & d); k = 0x8f1bbcdc; }
    else { f = bb ^ c ^ d; k = 0xca62c1d6; }
    const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) | 0;
    e = d;
    d = c;
    c = (bb << 30) | (bb >>> 2);
    bb = a;
    a = t;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + bb) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
}

const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function sha256Block(h: Int32Array, w: Int32Array, b: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++) w[i] = be32(b, o + i * 4);
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!, y = w[i - 2]!;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K256[i]! + w[i]!) | 0;
    const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const maj = (a & bb) ^ (a & c) ^ (bb & c);
    const t2 = (S0 + maj) | 0;
    hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0; h[1] = (h[1]! + bb) | 0; h[2] = (h[2]! + c) | 0; h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0; h[5] = (h[5]! + f) | 0; h[6] = (h[6]! + g) | 0; h[7] = (h[7]! + hh) | 0;
}

// ---- SHA-512 family on (hi, lo) 32-bit pairs ----
const K512 = [
  "428a2f98d728ae22", "7137449123ef65cd", "b5c0fbcfec4d3b2f", "e9b5dba58189dbbc", "3956c25bf348b538",
  "59f111f1b605d019", "923f82a4af194f9b", "ab1c5ed5da6d8118", "d807aa98a3030242", "12835b0145706fbe",
  "243185be4ee4b28c", "550c7dc3d5ffb4e2", "72be5d74f27b896f", "80deb1fe3b1696b1", "9bdc06a725c71235",
  "c19bf174cf692694", "e49b69c19ef14ad2", "efbe4786384f25e3", "0fc19dc68b8cd5b5", "240ca1cc77ac9c65",
  "2de92c6f592b0275", "4a7484aa6ea6e483", "5cb0a9dcbd41fbd4", "76f988da831153b5", "983e5152ee66dfab",
  "a831c66d2db43210", "b00327c898fb213f", "bf597fc7beef0ee4", "c6e00bf33da88fc2", "d5a79147930aa725",
  "06ca6351e003826f", "142929670a0e6e70", "27b70a8546d22ffc", "2e1b21385c26c926", "4d2c6dfc5ac42aed",
  "53380d139d95b3df", "650a73548baf63de", "766a0abb3c77b2a8", "81c2c92e47edaee6", "92722c851482353b",
  "a2bfe8a14cf10364", "a81a664bbc423001", "c24b8b70d0f89791", "c76c51a30654be30", "d192e819d6ef5218",
  "d69906245565a910", "f40e35855771202a", "106aa07032bbd1b8", "19a4c116b8d2d0c8", "1e376c085141ab53",
  "2748774cdf8eeb99", "34b0bcb5e19b48a8", "391c0cb3c5c95a63", "4ed8aa4ae3418acb", "5b9cca4f7763e373",
  "682e6ff3d6b2b8a3", "748f82ee5defb2fc", "78a5636f43172f60", "84c87814a1f0ab72", "8cc702081a6439ec",
  "90befffa23631e28", "a4506cebde82bde9", "bef9a3f7b2c67915", "c67178f2e372532b", "ca273eceea26619c",
  "d186b8c721c0c207", "eada7dd6cde0eb1e", "f57d4f7fee6ed178", "06f067aa72176fba", "0a637dc5a2c898a6",
  "113f9804bef90dae", "1b710b35131c471b", "28db77f523047d84", "32caab7b40c72493", "3c9ebe0a15c9bebc",
  "431d67c49c100d4c", "4cc5d4becb3e42b6", "597f299cfc657e2a", "5fcb6fab3ad6faec", "6c44198c4a475817",
];
function pairs(list: string[]): Int32Array {
  const a = new Int32Array(list.length * 2);
  list.forEach((s, i) => {
    a[2 * i] = parseInt(s.slice(0, 8), 16) | 0;
    a[2 * i + 1] = parseInt(s.slice(8), 16) | 0;
  });
  return a;
}
let K512P: Int32Array | undefined;
const IV512 = ["6a09e667f3bcc908", "bb67ae8584caa73b", "3c6ef372fe94f82b", "a54ff53a5f1d36f1", "510e527fade682d1", "9b05688c2b3e6c1f", "1f83d9abfb41bd6b", "5be0cd19137e2179"];
const IV384 = ["cbbb9d5dc1059ed8", "629a292a367cd507", "9159015a3070dd17", "152fecd8f70e5939", "67332667ffc00b31", "8eb44a8768581511", "db0c2e0d64f98fa7", "47b5481dbefa4fa4"];
const IV512_224 = ["8c3d37c819544da2", "73e1996689dcd4d6", "1dfab7ae32ff9c82", "679dd514582f9fcf", "0f6d2b697bd44da8", "77e36f7304c48942", "3f9d85a86a1d36c8", "1112e6ad91d692a1"];
const IV512_256 = ["22312194fc2bf72c", "9f555fa3c84c64c2", "2393b86b6f53b151", "963877195940eabd", "96283ee2a88effe3", "be5e1e2553863992", "2b0199fc2c85b8aa", "0eb72ddc81c52ca2"];

class Sha512 implements Digest {
  private h: Int32Array;
  private buf = new Uint8Array(128);
  private n = 0;
  private total = 0;
  private w = new Int32Array(160);
  constructor(iv: string[], private outLen: number) {
    this.h = pairs(iv);
    K512P ??= pairs(K512);
  }
  update(d: Uint8Array): void {
    let i = 0;
    this.total += d.length;
    if (this.n) {
      const k = Math.min(128 - this.n, d.length);
      this.buf.set(d.subarray(0, k), this.n);
      this.n += k;
      i = k;
      if (this.n < 128) return;
      this.block(this.buf, 0);
      this.n = 0;
    }
    for (; i + 128 <= d.length; i += 128) this.block(d, i);
    if (i < d.length) {
      this.buf.set(d.subarray(i), 0);
      this.n = d.length - i;
    }
  }
  digest(): string {
    const bits = this.total * 8;
    const pad = new Uint8Array((this.n < 112 ? 128 : 256) - this.n);
    pad[0] = 0x80;
    const lo = bits >>> 0, hi = Math.floor(bits / 0x100000000) >>> 0;
    const e = pad.length;
    for (let k = 0; k < 4; k++) {
      pad[e - 1 - k] = (lo >>> (8 * k)) & 255;
      pad[e - 5 - k] = (hi >>> (8 * k)) & 255;
    }
    this.update(pad);
    const out = new Uint8Array(64);
    for (let k = 0; k < 16; k++) {
      const v = this.h[k]!;
      for (let j = 0; j < 4; j++) out[k * 4 + j] = (v >>> (24 - 8 * j)) & 255;
    }
    return hex(out.subarray(0, this.outLen));
  }
  private block(b: Uint8Array, o: number): void {
    const w = this.w, K = K512P!, h = this.h;
    for (let i = 0; i < 32; i++) w[i] = be32(b, o + i * 4);
    for (let i = 16; i < 80; i++) {
      // s0 = rotr1 ^ rotr8 ^ shr7 of w[i-15]; s1 = rotr19 ^ rotr61 ^ shr6 of w[i-2]
      const xh = w[2 * (i - 15)]!, xl = w[2 * (i - 15) + 1]!;
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      const yh = w[2 * (i - 2)]!, yl = w[2 * (i - 2) + 1]!;
      const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
      const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
      let l = (w[2 * (i - 16) + 1]! >>> 0) + (s0l >>> 0) + (w[2 * (i - 7) + 1]! >>> 0) + (s1l >>> 0);
      const hsum = w[2 * (i - 16)]! + s0h + w[2 * (i - 7)]! + s1h + Math.floor(l / 0x100000000);
      w[2 * i] = hsum | 0;
      w[2 * i + 1] = l | 0;
    }
    let ah = h[0]!, al = h[1]!, bh = h[2]!, bl = h[3]!, ch = h[4]!, cl = h[5]!, dh = h[6]!, dl = h[7]!;
    let eh = h[8]!, el = h[9]!, fh = h[10]!, fl = h[11]!, gh = h[12]!, gl = h[13]!, hh = h[14]!, hl = h[15]!;
    for (let i = 0; i < 80; i++) {
      // S1 = rotr14 ^ rotr18 ^ rotr41 of e
      const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chh = (eh & fh) ^ (~eh & gh), chl = (el & fl) ^ (~el & gl);
      let t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K[2 * i + 1]! >>> 0) + (w[2 * i + 1]! >>> 0);
      let t1h = hh + S1h + chh + K[2 * i]! + w[2 * i]! + Math.floor(t1l / 0x100000000);
      t1l = t1l | 0;
      t1h = t1h | 0;
      // S0 = rotr28 ^ rotr34 ^ rotr39 of a
      const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch), mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2l = (S0l >>> 0) + (mjl >>> 0);
      const t2h = S0h + mjh + Math.floor(t2l / 0x100000000);
      hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
      let x = (dl >>> 0) + (t1l >>> 0);
      eh = (dh + t1h + Math.floor(x / 0x100000000)) | 0;
      el = x | 0;
      dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
      x = (t1l >>> 0) + (t2l >>> 0);
      ah = (t1h + t2h + Math.floor(x / 0x100000000)) | 0;
      al = x | 0;
    }
    const add = (k: number, vh: number, vl: number) => {
      const x = (h[k + 1]! >>> 0) + (vl >>> 0);
      h[k] = (h[k]! + vh + Math.floor(x / 0x100000000)) | 0;
      h[k + 1] = x | 0;
    };
    add(0, ah, al); add(2, bh, bl); add(4, ch, cl); add(6, dh, dl);
    add(8, eh, el); add(10, fh, fl); add(12, gh, gl); add(14, hh, hl);
  }
}
