import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash, hashBytes, hashAlgorithms } from "../src/hash";

const enc = (s: string) => new TextEncoder().encode(s);
// FIPS 180-4 / RFC 1321 / RFC 3174 vectors
const V: Record<string, [string, string][]> = {
  md5: [["", "d41d8cd98f00b204e9800998ecf8427e"], ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"]],
  sha1: [["", "da39a3ee5e6b4b0d3255bfef95601890afd80709"], ["abc", "a9993e364706816aba3e25717850c26c9cd0d89d"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"]],
  sha224: [["abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"]],
  sha256: [["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"]],
  sha384: [["abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"]],
  sha512: [["", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"],
    ["abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"],
    ["abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"]],
  "sha512-224": [["abc", "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa"]],
  "sha512-256": [["abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"]],
};

test("known vectors", () => {
  for (const [alg, list] of Object.entries(V)) for (const [m, d] of list) assert.is(hashBytes(alg, enc(m)), d, `${alg}(${m})`);
});

test("a million 'a's, fed in uneven chunks", () => {
  const want: Record<string, string> = {
    md5: "7707d6ae4e027c70eea2a935c2296f21",
    sha1: "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    sha256: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    sha512: "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
  };
  const a = new Uint8Array(1000000).fill(97);
  for (const [alg, d] of Object.entries(want)) {
    const h = createHash(alg)!;
    let i = 0;
    for (const step of [1, 63, 64, 65, 127, 128, 129, 1000, 4096]) { h.update(a.subarray(i, i + step)); i += step; }
    h.update(a.subarray(i));
    assert.is(h.digest(), d, alg);
  }
});

test("every padding boundary agrees with the native hasher", () => {
  for (const alg of hashAlgorithms()) {
    for (let n = 0; n < 260; n++) {
      const m = new Uint8Array(n).map((_, i) => (i * 7 + n) & 255);
      const b = new Bun.CryptoHasher(alg as any);
      b.update(m);
      assert.is(hashBytes(alg, m), b.digest("hex"), `${alg} length ${n}`);
    }
  }
  assert.is(createHash("nope"), undefined);
});

test.run();
