import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const TEXT = "hello world\nfoo  bar baz\n\n  x\n";
const col = (...n: (number | string)[]) => n.map((x) => typeof x === "number" ? " " + String(x).padStart(7) : " " + x).join("") + "\n";

test("default -lwc, single options, BSD column widths", () => {
  const f = { f: TEXT };
  assert.is(run("wc", ["f"], { files: f }).out, col(4, 6, 30, "f"));
  assert.is(run("wc", ["-l", "f"], { files: f }).out, col(4, "f"));
  assert.is(run("wc", ["-w", "f"], { files: f }).out, col(6, "f"));
  assert.is(run("wc", ["-c", "f"], { files: f }).out, col(30, "f"));
  assert.is(run("wc", ["-m", "f"], { files: f }).out, col(30, "f"));
  assert.is(run("wc", ["-wl", "f"], { files: f }).out, col(4, 6, "f"));
  assert.is(run("wc", ["-L", "-c", "-w", "-l", "f"], { files: f }).out, col(4, 6, 30, 12, "f"));
  assert.is(run("wc", [], { stdin: TEXT }).out, col(4, 6, 30));
});

test("wide numbers are not cut", () => {
  const r = sh("head -c 123456789 /dev/zero > z; wc -c z; wc -l z");
  assert.is(r.out, " 123456789 z\n       0 z\n");
});

test("totals for several operands, also after a failure", () => {
  const files = { a: "a b\n", b: "c\nd\ne\n" };
  assert.is(run("wc", ["a", "b"], { files }).out, col(1, 2, 4, "a") + col(3, 3, 6, "b") + col(4, 5, 10, "total"));
  assert.is(run("wc", ["-L", "a", "b"], { files }).out, col(3, "a") + col(1, "b") + col(3, "total"));
  const r = run("wc", ["a", "nope"], { files });
  assert.is(r.out, col(1, 2, 4, "a") + col(1, 2, 4, "total"));
  assert.is(r.err, "wc: nope: open: No such file or directory\n");
  assert.is(r.status, 1);
});

test("C locale -lm: the total counts the characters too (FreeBSD forgets them there)", () => {
  const files = { a: "ab\n", b: "cde\n" };
  const r = run("wc", ["-lm", "a", "b"], { files, env: { LC_ALL: "C" } });
  assert.is(r.out, col(1, 3, "a") + col(1, 4, "b") + col(2, 7, "total"));
});

test("'-' is a file name (BSD)", () => {
  const r = run("wc", ["-l", "-"], { stdin: "x\n" });
  assert.is(r.err, "wc: -: open: No such file or directory\n");
  assert.is(r.status, 1);
  assert.is(run("wc", ["-l", "-"], { files: { "-": "1\n2\n" } }).out, col(2, "-"));
});

test("no final newline, empty input, CR LF, all 256 byte values", () => {
  assert.is(run("wc", ["f"], { files: { f: "one two" } }).out, col(0, 2, 7, "f"));
  assert.is(run("wc", ["e"], { files: { e: "" } }).out, col(0, 0, 0, "e"));
  assert.is(run("wc", [], { stdin: "a b\r\nc\r\n" }).out, col(2, 3, 8));
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  assert.is(run("wc", ["f"], { files: { f: all } }).out, col(1, 4, 256, "f"));
});

test("-m counts UTF-8 characters; LC_ALL=C counts bytes", () => {
  const f = { f: "café 日本\n" };
  assert.is(run("wc", ["-m", "f"], { files: f }).out, col(8, "f"));
  assert.is(run("wc", ["-c", "f"], { files: f }).out, col(13, "f"));
  assert.is(run("wc", ["-m", "-c", "f"], { files: f }).out, col(13, "f"));
  assert.is(run("wc", ["-c", "-m", "f"], { files: f }).out, col(8, "f"));
  assert.is(run("wc", ["-m", "f"], { files: f, env: { LC_ALL: "C" } }).out, col(13, "f"));
  assert.is(run("wc", ["-m", "f"], { files: f, env: { LC_ALL: "POSIX" } }).out, col(13, "f"));
  // -L is in characters with -m, in bytes otherwise
  assert.is(run("wc", ["-mL", "f"], { files: f }).out, col(8, 7, "f"));
  assert.is(run("wc", ["-cL", "f"], { files: f }).out, col(13, 12, "f"));
  assert.is(run("wc", ["-mL", "f"], { files: f, env: { LC_ALL: "C" } }).out, col(13, 12, "f"));
});

test("invalid UTF-8: one character per bad byte, one warning per file, status 0", () => {
  const bad = Buffer.from("ab\xff\xfecd\n", "latin1");
  let r = run("wc", ["-m", "f", "g"], { files: { f: bad, g: bad } });
  assert.is(r.out, col(7, "f") + col(7, "g") + col(14, "total"));
  assert.is(r.err, "wc: f: Illegal byte sequence\nwc: g: Illegal byte sequence\n");
  assert.is(r.status, 0);
  r = run("wc", ["-m"], { stdin: bad });
  assert.is(r.err, "wc: stdin: Illegal byte sequence\n");
  r = run("wc", ["-m", "f"], { files: { f: bad }, env: { LC_ALL: "C" } });
  assert.is(r.out, col(7, "f"));
  assert.is(r.err, "");
  // overlong, surrogate and truncated-in-the-middle sequences are bad byte by byte
  r = run("wc", ["-m"], { stdin: Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe3, 0x80, 0x41, 10]) });
  assert.is(r.out, col(9));
  // a sequence cut by the end of the input is not counted
  r = run("wc", ["-m"], { stdin: Buffer.from([0x61, 0xe3, 0x80]) });
  assert.is(r.out, col(1));
  assert.is(r.err, "wc: stdin: Illegal byte sequence\n");
});

test("a character across the 64 KiB read boundary is one character", () => {
  const b = Buffer.alloc(65535 + 3 + 1, 0x61);
  Buffer.from("日\n").copy(b, 65535);
  const r = run("wc", ["-lwm", "f"], { files: { f: b } });
  assert.is(r.out, col(1, 1, 65535 + 2, "f"));
  assert.is(r.err, "");
});

test("words: musl iswspace (U+3000, U+0085 and VT/FF/CR are spaces; no-break spaces are not)", () => {
  assert.is(run("wc", ["-w"], { stdin: "a\tb\n\nc\vd\fe\r f\n" }).out, col(6));
  const s = "a\u00a0b c\u3000d e\u2007f g\u0085h\n";
  // without -m bytes are looked at one by one: the ASCII spaces separate, and so does the
  // second byte of U+0085 (0x85, a space to iswspace)
  assert.is(run("wc", ["-w"], { stdin: s }).out, col(5));
  // with -m characters are decoded: U+3000 and U+0085 separate too
  assert.is(run("wc", ["-wm"], { stdin: s }).out, col(6, 16));
  // a raw 0x85 byte is a space even without -m (iswspace(0x85))
  assert.is(run("wc", ["-w"], { stdin: Buffer.from([0x61, 0x85, 0x62]) }).out, col(2));
});

test("-l on large input agrees with a count made here", () => {
  const r = sh("/usr/bin/seq 1 2000000 > s; head -c 7777777 /dev/urandom > r; wc -l s; wc -l < r; /usr/bin/wc -l < r; cat s | wc -l");
  const [a, b, c, d] = r.out.split("\n");
  assert.is(a, col(2000000, "s").trimEnd());
  assert.is(b!.trim(), c!.trim());
  assert.is(d, col(2000000).trimEnd());
});

test("long lines; -c of a regular file needs no reading, of a pipe does", () => {
  const r = sh("head -c 100000 /dev/zero | tr '\\0' a > long; echo >> long; wc long; wc -L long; cat long | wc -c; wc -c /dev/null");
  assert.is(r.out, col(1, 1, 100001, "long") + col(100000, "long") + col(100001) + col(0, "/dev/null"));
});

test("a directory is a read error", () => {
  const r = sh("mkdir d; wc d; echo rc=$?; wc -c d");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "wc: d: read: Is a directory\nwc: d: read: Is a directory\n");
});

test("bad option and --libxo", () => {
  let r = sh("wc -x a", { files: { a: "x\n" } });
  assert.is(r.err, "wc: unrecognized option: x\nusage: wc [-c | -m] [-Llw] [file ...]\n");
  assert.is(r.status, 1);
  assert.is(run("wc", ["--libxo=text", "-l", "a"], { files: { a: "x\n" } }).out, col(1, "a"));
  assert.is(run("wc", ["--libxo", "text", "a"], { files: { a: "x\n" } }).out, col(1, 1, 2, "a"));
  r = run("wc", ["--libxo=yaml", "a"], { files: { a: "x\n" } });
  assert.is(r.status, 1);
  assert.is(r.out, "");
  assert.is(r.err, "wc: unknown libxo option value: 'yaml'\n");
});

test("--libxo: wc.c's JSON and XML (container wc, list file, total)", () => {
  const files = { a: "x\n", b: "y z\nw\n" };
  assert.is(run("wc", ["--libxo=json", "a"], { files }).out,
    '{"wc": {"file": [{"lines":1,"words":1,"characters":2,"filename":"a"}]}}\n');
  let r = run("wc", ["--libxo", "json", "-lL", "a", "b"], { files });
  assert.is(r.out, '{"wc": {"file": [{"lines":1,"long-lines":1,"filename":"a"}, {"lines":2,"long-lines":3,"filename":"b"}], ' +
    '"total": {"lines":3,"long-lines":3,"filename":"total"}}}\n');
  assert.is(run("wc", ["--libxo", "json"], { stdin: "a b\n" }).out, '{"wc": {"file": [{"lines":1,"words":2,"characters":4}]}}\n');
  r = run("wc", ["--libxo:JP", "-c", "a", "nope"], { files });
  assert.equal(JSON.parse(r.out), { wc: { file: [{ characters: 2, filename: "a" }, {}], total: { characters: 2, filename: "total" } } });
  assert.is(r.err, "wc: nope: open: No such file or directory\n");
  assert.is(r.status, 1);
  assert.is(run("wc", ["--libxo", "xml,pretty", "-w", "a"], { files }).out,
    "<wc>\n  <file>\n    <words>1</words>\n    <filename>a</filename>\n  </file>\n</wc>\n");
  // a name that is not UTF-8 keeps its bytes in text and in JSON
  r = sh("printf 'x\\n' > \"$(printf 'n\\377')\"; wc -l n* | od -An -c | tr -s ' '; wc -l --libxo json n* | od -An -c | tr -s ' '");
  assert.ok(r.out.startsWith(" 1 n 377 \\n"), r.out);
  assert.ok(r.out.includes('n 377 "'), r.out);
});

test.run();
