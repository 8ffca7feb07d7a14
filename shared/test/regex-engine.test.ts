// shared/regex beyond the table of first matches: the engines' choice, exec from an offset,
// REG_NEWLINE and NOTBOL, inputs that make backtracking blow up, and the grep line scanner.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { latin1, encode } from "../src/index";
import { Regex } from "../src/regex";

const ere = (p: string, o: object = {}) => Regex.compile(p, { extended: true, ...o });

test("leftmost-longest for the whole match, on every engine", () => {
  // a|ab: JavaScript alone would stop at "a"
  assert.equal(ere("a|ab").exec("abcd")![0], [0, 2]);
  assert.equal(ere("x|xy|xyz").exec("xyz")![0], [0, 3]);
  // stacked repetitions run on the NFA alone (no JavaScript): same answer
  assert.equal(ere("a*a*a*(b|bc)").exec("xaabc")![0], [1, 5]);
  // leftmost beats longest
  assert.equal(ere("bcd|abc").exec("abcd")![0], [0, 3]);
  // back-references: the end pushed out to the longest
  assert.equal(Regex.compile("\\(a*\\)\\1b*").exec("aaaabb")!.slice(0, 2), [[0, 6], [0, 2]]);
});

test("sub-matches: each subpattern left to right takes the longest that lets the rest match", () => {
  assert.equal(ere("(x|xy)(z|yz)").exec("xyz"), [[0, 3], [0, 2], [2, 3]]);
  assert.equal(ere("(a|ab)(c|bcd)(d*)").exec("abcd"), [[0, 4], [0, 2], [2, 3], [3, 4]]);
  assert.equal(ere("(.*)-(.*)").exec("a-b-c"), [[0, 5], [0, 3], [4, 5]]);
  // a repeated group reports its last iteration
  assert.equal(ere("(ab|a)*").exec("abaab"), [[0, 5], [3, 5]]);
  // REG_NOSUB: only the whole match
  assert.equal(ere("(a)(b)", { nosub: true }).exec("ab"), [[0, 2]]);
});

test("deterministic patterns take JavaScript's sub-matches; the others are resolved", () => {
  // each repetition is followed by what it cannot take: one way to match
  assert.equal(ere("([a-z]+) ([0-9]+)").exec("ab cd 12 x"), [[3, 8], [3, 5], [6, 8]]);
  assert.equal(ere("(a|b)+c").exec("xabac abc"), [[1, 5], [3, 4]]);
  assert.equal(ere("([^,]*),([^,]*)").exec("a,b,c"), [[0, 3], [0, 1], [2, 3]]);
  // not deterministic: JavaScript would say \1 = "aa"
  assert.equal(ere("(a*)(ab)*(b*)").exec("aabb"), [[0, 4], [0, 2], undefined, [2, 4]]);
  // a word assertion after a repetition is not trusted to JavaScript
  assert.equal(ere("(a*)\\>").exec("aab aa"), [[3, 3], [3, 3]]);
  assert.equal(ere("(a*)\\>").exec("aa b"), [[0, 2], [0, 2]]);
  // the same subject asked again from further on (s///g) gives the later matches
  const r = ere("([0-9]+)");
  const s = "a1b22c333";
  assert.equal([r.exec(s, 0)![1], r.exec(s, 2)![1], r.exec(s, 5)![1]], [[1, 2], [3, 5], [6, 9]]);
});

test("no exponential blow-up on ordinary patterns", () => {
  const a30 = "a".repeat(30), a5k = "a".repeat(5000);
  assert.is(ere("(a|aa)*b").test(a30), false);
  assert.is(ere("(a|aa)*b").exec(a30), null);
  assert.is(ere("(a*)*b").test(a5k), false);
  assert.is(ere("(a+)+$").exec(a5k + "!"), null);
  assert.is(ere(".*.*.*=.*").test("x".repeat(3000)), false);
  assert.equal(ere("(a|aa)*").exec(a30)![0], [0, 30]);
});

test("exec from an offset sees the whole subject (^ holds only at 0, \\< looks back)", () => {
  const r = ere("^a|\\<b");
  assert.equal(r.exec("ab b", 1)![0], [3, 4]);
  assert.equal(r.exec("aab", 1), null);
  assert.equal(ere("a").exec("banana", 2)![0], [3, 4]);
});

test("REG_NEWLINE: . and [^x] stop at \\n, ^ and $ at line ends, but \\r is no line end", () => {
  const r = ere("^b.*$", { newline: true });
  assert.equal(r.exec("a\nbcd\ne")![0], [2, 5]);
  assert.is(ere("a$", { newline: true }).test("a\r"), false);
  assert.is(ere("a[^x]b", { newline: true }).test("a\nb"), false);
  assert.is(ere("a[^x]b").test("a\nb"), true);
});

test("NOTBOL and NOTEOL", () => {
  assert.is(ere("^a").test("a", { notbol: true }), false);
  assert.is(ere("a$").test("a", { noteol: true }), false);
  assert.equal(ere("^a", { newline: true }).exec("a\na", 0, { notbol: true })![0], [2, 3]);
});

test("the C locale: binary subjects, byte offsets, bytes >= 0x80 in no class", () => {
  const s = latin1(encode("caf\u00e9!"));
  const r = Regex.compile("caf..", { utf8: false });
  assert.equal(r.exec(s)![0], [0, 5]);
  assert.is(Regex.compile("[[:alpha:]]", { utf8: false }).test(latin1(Uint8Array.from([0xe9]))), false);
  assert.is(Regex.compile("[^a]", { utf8: false }).test(latin1(Uint8Array.from([0xe9]))), true);
});

test("lineFinder: one RegExp over binary text of many lines", () => {
  const text = latin1(encode("one\ncaf\u00e9 two\nthree\n"));
  const find = (ps: string[], o: { x?: boolean; w?: boolean } = {}, ro: object = {}) => {
    const f = Regex.lineFinder(ps.map((p) => ere(p, ro)), o.x, o.w ? { utf8: true } : undefined)!;
    f.re.lastIndex = 0;
    const m = f.re.exec(text);
    return { at: m ? m.index : -1, exact: f.exact, literal: !!f.literal };
  };
  assert.equal(find(["two"]), { at: 10, exact: true, literal: true });
  assert.equal(find(["caf. t"]), { at: 4, exact: true, literal: false });
  assert.equal(find(["^t"]), { at: 14, exact: true, literal: false });
  assert.equal(find(["e$"]), { at: 2, exact: true, literal: false });
  assert.equal(find(["zzz", "hre"]), { at: 15, exact: true, literal: false });
  assert.equal(find(["CAF\u00c9"], {}, { icase: true }).at, 4);
  // an ASCII string under REG_ICASE: JavaScript's folding, which leaves bytes >= 0x80 alone
  assert.equal(find(["tWO"], {}, { icase: true }), { at: 10, exact: true, literal: false });
  assert.is(Regex.lineFinder([ere("\\x54wo", { icase: true })])!.re.flags, "g");
  // classes with non-ASCII members over-approximate
  assert.equal(find(["caf[[:alpha:]]"]), { at: 4, exact: false, literal: false });
  // -x and -w
  assert.is(find(["thre"], { x: true }).at, -1);
  assert.is(find(["three"], { x: true }).at, 14);
  assert.is(find(["tw"], { w: true }).at, -1);
  assert.equal(find(["two"], { w: true }), { at: 10, exact: false, literal: false });
  // a newline in a pattern can never match inside a line
  assert.is(Regex.lineFinder([Regex.compile("e\\nc")])!.re.exec(text), null);
});

test("required(): the bytes every match holds", () => {
  const req = (p: string, o: object = {}) => {
    const r = ere(p, o).required();
    return r ? Buffer.from(r).toString("utf8") : null;
  };
  assert.is(req("[0-9]+ab.*needle"), "needle");
  assert.is(req("(été)+x"), "été");
  assert.is(req("a|b"), null);
  assert.is(req("x?y"), "y");
  assert.is(req("needle", { icase: true }), null);
});

test.run();
