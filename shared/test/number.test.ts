import { test } from "uvu";
import * as assert from "uvu/assert";
import { strtonum, strtol, expandNumber, humanizeNumber, HN, getbsize } from "../src/index";

test("strtonum: range and error words", () => {
  assert.equal(strtonum("42", 0, 100), { value: 42 });
  assert.is(strtonum("x", 0, 100).error, "invalid");
  assert.is(strtonum("-1", 0, 100).error, "too small");
  assert.is(strtonum("101", 0, 100).error, "too large");
});

test("strtol: prefixes, bases and stop position", () => {
  assert.equal(strtol(" 0x1fz", 0), { value: 31n, end: 5, digits: true });
  assert.equal(strtol("-017", 0), { value: -15n, end: 4, digits: true });
  assert.is(strtol("abc", 10).digits, false);
});

test("expand_number: suffixes, blanks, range", () => {
  assert.is(expandNumber("10k").value, 10240n);
  assert.is(expandNumber(" 1MB").value, 1048576n);
  assert.is(expandNumber("0x10").value, 16n);
  assert.is(expandNumber("1x").errno, 22);
  assert.is(expandNumber("16E").errno, 34);
});

test("humanize_number as ls -h / du -h / df -h use it", () => {
  const lsh = (n: number) => humanizeNumber(n, 5, "", HN.AUTOSCALE, HN.B | HN.NOSPACE | HN.DECIMAL);
  assert.is(lsh(0), "0B");
  assert.is(lsh(999), "999B");
  assert.is(lsh(1000), "1.0K"); // 4 digits do not fit beside the unit: max is 10^(5-2)
  assert.is(lsh(1023), "1.0K");
  assert.is(lsh(1024), "1.0K");
  assert.is(lsh(10 * 1024 - 1), "10K");
  assert.is(lsh(1536), "1.5K");
  assert.is(lsh(1048576), "1.0M");
  assert.is(lsh(2 ** 62), "4.0E");
  assert.is(humanizeNumber(123456789, 6, "", HN.AUTOSCALE, HN.DIVISOR_1000 | HN.NOSPACE | HN.DECIMAL), "123M");
  assert.is(humanizeNumber(2048, 8, "", HN.AUTOSCALE, HN.IEC_PREFIXES), "2048 ");
  assert.is(humanizeNumber(4096 * 1024, 5, "", HN.AUTOSCALE, HN.IEC_PREFIXES | HN.NOSPACE), "4Mi");
  assert.is(humanizeNumber(-1536, 6, "", HN.AUTOSCALE, HN.DECIMAL | HN.NOSPACE), "-1.5K");
  assert.is(humanizeNumber(5000, 6, "", HN.GETSCALE, 0), "1");
  assert.is(humanizeNumber(1, 2, "B", HN.AUTOSCALE, 0), ""); // no room
  assert.is(humanizeNumber(3 * 1024 * 1024, 10, "", 1, HN.NOSPACE), "3072K"); // fixed scale
});

test("getbsize: BLOCKSIZE units and FreeBSD's warnings", () => {
  const w: string[] = [];
  const g = (s?: string) => getbsize(s, (m) => w.push(m));
  assert.is(g(undefined), 512);
  assert.is(g("1k"), 1024);
  assert.is(g("K"), 1024);
  assert.is(g("2M"), 2 * 1024 * 1024);
  assert.is(g("100"), 512);
  assert.is(g("3x"), 512);
  assert.is(g("2G"), 1024 ** 3);
  assert.equal(w, ["minimum blocksize is 512", "3x: unknown blocksize", "maximum blocksize is 1G"]);
});

test.run();
