import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

test("small numbers, 1, several operands", () => {
  assert.is(run("factor", ["12", "1", "2", "97", "1001"]).out, "12: 2 2 3\n1: 1\n2: 2\n97: 97\n1001: 7 11 13\n");
  assert.is(run("factor", ["600851475143"]).out, "600851475143: 71 839 1471 6857\n");
});

test("64-bit numbers: primes, squares of large primes, semiprimes", () => {
  const r = run("factor", ["18446744073709551615", "18446744073709551557", "18446744030759878681",
    "4611686014132420609", "18446743979220271189", "2305843009213693951", "9223372036854775807"]);
  assert.is(r.out, "18446744073709551615: 3 5 17 257 641 65537 6700417\n18446744073709551557: 18446744073709551557\n" +
    "18446744030759878681: 4294967291 4294967291\n4611686014132420609: 2147483647 2147483647\n" +
    "18446743979220271189: 4294967279 4294967291\n2305843009213693951: 2305843009213693951\n" +
    "9223372036854775807: 7 7 73 127 337 92737 649657\n");
});

test("-h prints hexadecimal", () => {
  assert.is(run("factor", ["-h", "255", "1"]).out, "0xff: 0x3 0x5 0x11\n1: 1\n");
});

test("number syntax: '+', hexadecimal fallback, blanks on input lines", () => {
  assert.is(run("factor", ["+10", "abc", "0x1f"]).out, "10: 2 5\n2748: 2 2 3 229\n31: 31\n");
  assert.is(run("factor", [], { stdin: "10\n13\n\n  21  \n\t6\n" }).out, "10: 2 5\n13: 13\n21: 3 7\n6: 2 3\n");
});

test("errors: negative, zero, too large, junk; earlier output stays", () => {
  const n = run("factor", ["4", "-5"]);
  assert.is(n.out, "4: 2 2\n");
  assert.is(n.err, "factor: negative numbers aren't permitted.\n");
  assert.is(n.status, 1);
  const o = sh("factor -5");
  assert.is(o.err, "factor: unrecognized option: 5\nusage: factor [-h] [value ...]\n");
  assert.is(o.status, 1);
  // strtoul(3) negates a '-' after blanks: the value wraps around 2^64
  assert.is(sh("factor 4 ' -5'").out, "4: 2 2\n18446744073709551611: 11 59 98818999 287630261\n");
  const z = run("factor", ["6", "0", "7"]);
  assert.is(z.out, "6: 2 3\n");
  assert.is(z.err, "factor: 0: illegal numeric format.\n");
  assert.is(z.status, 1);
  const big = run("factor", ["99999999999999999999999"]);
  assert.is(big.err, "factor: 99999999999999999999999: illegal numeric format.\n");
  assert.is(big.status, 1);
  const s = run("factor", [], { stdin: "8\n -3\n9\n" });
  assert.is(s.out, "8: 2 2 2\n");
  assert.is(s.err, "factor: negative numbers aren't permitted.\n");
  assert.is(s.status, 1);
  const j = run("factor", [], { stdin: "zz\n" });
  assert.is(j.err, "factor: zz\n: illegal numeric format.\n");
});

test("speed: a 64-bit semiprime with two 32-bit factors", () => {
  const t = Date.now();
  assert.is(run("factor", ["18446743979220271189"]).out, "18446743979220271189: 4294967279 4294967291\n");
  assert.ok(Date.now() - t < 5000);
});

test.run();
