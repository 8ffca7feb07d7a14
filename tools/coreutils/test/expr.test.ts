import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

/** [stdout, status] of expr ARGS, checking stderr is empty */
function ex(args: (string | Buffer)[], env?: Record<string, string>): [string, number] {
  const r = run("expr", args, { env });
  assert.is(r.err, "", `expr ${args.join(" ")}: stderr`);
  return [r.out, r.status];
}
/** stderr and status of a failing expr; nothing on stdout */
function fails(args: (string | Buffer)[], env?: Record<string, string>): [string, number] {
  const r = run("expr", args, { env });
  assert.is(r.out, "", `expr ${args.join(" ")}: stdout`);
  return [r.err, r.status];
}

test("integer arithmetic, precedence and left associativity", () => {
  assert.equal(ex(["1", "+", "2"]), ["3\n", 0]);
  assert.equal(ex(["1", "+", "2", "*", "3"]), ["7\n", 0]);
  assert.equal(ex(["(", "1", "+", "2", ")", "*", "3"]), ["9\n", 0]);
  assert.equal(ex(["10", "-", "2", "-", "3"]), ["5\n", 0]);
  assert.equal(ex(["2", "*", "3", "%", "4"]), ["2\n", 0]);
  assert.equal(ex(["100", "/", "10", "/", "5"]), ["2\n", 0]);
  assert.equal(ex(["7", "/", "-2"]), ["-3\n", 0]);
  assert.equal(ex(["--", "-7", "%", "2"]), ["-1\n", 0]);
  assert.equal(ex(["7", "%", "-2"]), ["1\n", 0]);
  assert.equal(ex(["1", "-", "1"]), ["0\n", 1]);
  assert.equal(ex(["007", "+", "1"]), ["8\n", 0]);
  assert.equal(ex(["9223372036854775806", "+", "1"]), ["9223372036854775807\n", 0]);
  assert.equal(ex(["--", "-9223372036854775807", "-", "1"]), ["-9223372036854775808\n", 0]);
});

test("overflow and division errors: status 2", () => {
  assert.equal(fails(["9223372036854775807", "+", "1"]), ["expr: overflow\n", 2]);
  assert.equal(fails(["--", "-9223372036854775808", "-", "1"]), ["expr: overflow\n", 2]);
  assert.equal(fails(["0", "-", "-9223372036854775808"]), ["expr: overflow\n", 2]);
  assert.equal(fails(["4611686018427387904", "*", "2"]), ["expr: overflow\n", 2]);
  assert.equal(fails(["--", "-1", "*", "-9223372036854775808"]), ["expr: overflow\n", 2]);
  assert.equal(fails(["--", "-9223372036854775808", "/", "-1"]), ["expr: overflow\n", 2]);
  assert.equal(ex(["--", "-4611686018427387904", "*", "2"]), ["-9223372036854775808\n", 0]);
  assert.equal(fails(["1", "/", "0"]), ["expr: division by zero\n", 2]);
  assert.equal(fails(["1", "%", "0"]), ["expr: division by zero\n", 2]);
});

test("operands that are not integers", () => {
  assert.equal(fails(["a", "+", "1"]), ["expr: not a decimal number: 'a'\n", 2]);
  assert.equal(fails(["1", "*", ""]), ["expr: not a decimal number: ''\n", 2]);
  assert.equal(fails(["+5", "+", "1"]), ["expr: not a decimal number: '+5'\n", 2]);
  assert.equal(fails([" 5", "+", "1"]), ["expr: not a decimal number: ' 5'\n", 2]);
  assert.equal(fails(["1", "+", "99999999999999999999"]), ["expr: operand too large: '99999999999999999999'\n", 2]);
  assert.equal(fails(["99999999999999999999", "=", "1"]), ["expr: operand too large: '99999999999999999999'\n", 2]);
  // compared with a string, a huge number is just text
  assert.equal(ex(["99999999999999999999", "=", "a"]), ["0\n", 1]);
});

test("comparisons: integers when both are, bytes otherwise", () => {
  assert.equal(ex(["10", "=", "10"]), ["1\n", 0]);
  assert.equal(ex(["10", "=", "010"]), ["1\n", 0]);
  assert.equal(ex(["10", "<", "9"]), ["0\n", 1]);
  assert.equal(ex(["10", "<", "9a"]), ["1\n", 0]);
  assert.equal(ex(["abc", "<", "abd"]), ["1\n", 0]);
  assert.equal(ex(["b", ">", "abc"]), ["1\n", 0]);
  assert.equal(ex(["a", "<=", "a"]), ["1\n", 0]);
  assert.equal(ex(["a", ">=", "b"]), ["0\n", 1]);
  assert.equal(ex(["a", "!=", "b"]), ["1\n", 0]);
  assert.equal(ex(["", "=", ""]), ["1\n", 0]);
  assert.equal(ex(["--", "-1", "<", "1"]), ["1\n", 0]);
  // U+FFFD (EF BF BD) sorts before U+1F600 (F0 ...): byte order, not UTF-16 order
  assert.equal(ex(["\uFFFD", "<", "\u{1F600}"]), ["1\n", 0]);
  assert.equal(ex([Buffer.from([0xff]), ">", "é"]), ["1\n", 0]);
});

test("| and &: values, not just truth; 0 and the empty string are null", () => {
  assert.equal(ex(["0", "|", "5"]), ["5\n", 0]);
  assert.equal(ex(["3", "|", "5"]), ["3\n", 0]);
  assert.equal(ex(["", "|", "0"]), ["0\n", 1]);
  assert.equal(ex(["", "|", ""]), ["0\n", 1]);
  assert.equal(ex(["x", "|", "y"]), ["x\n", 0]);
  assert.equal(ex(["3", "&", "5"]), ["3\n", 0]);
  assert.equal(ex(["3", "&", "0"]), ["0\n", 1]);
  assert.equal(ex(["", "&", "x"]), ["0\n", 1]);
  assert.equal(ex(["a", "&", "b"]), ["a\n", 0]);
  // | and & look at a numeric string and keep it as the number it is
  assert.equal(ex(["007", "|", "1"]), ["7\n", 0]);
  assert.equal(ex(["007", "&", "1"]), ["7\n", 0]);
  assert.equal(ex(["007"]), ["007\n", 0]);
  assert.equal(ex(["00"]), ["00\n", 1]);
  assert.equal(ex(["--", "-0"]), ["-0\n", 1]);
  assert.equal(ex(["1", "=", "1", "&", "2", "<", "3"]), ["1\n", 0]);
  assert.equal(ex(["0", "&", "1", "|", "2"]), ["2\n", 0]);
});

test("single operands and exit status", () => {
  assert.equal(ex(["0"]), ["0\n", 1]);
  assert.equal(ex([""]), ["\n", 1]);
  assert.equal(ex(["abc"]), ["abc\n", 0]);
  assert.equal(ex(["a b"]), ["a b\n", 0]);
  assert.equal(ex(["--", "-5"]), ["-5\n", 0]);
  // a lone operator is not an operand
  assert.equal(fails(["("]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["+"]), ["expr: syntax error\n", 2]);
});

test(": matches a BRE at the start: length, or the first \\( \\)", () => {
  assert.equal(ex(["abcdef", ":", "a\\(.*\\)e"]), ["bcd\n", 0]);
  assert.equal(ex(["aaa", ":", "a*"]), ["3\n", 0]);
  assert.equal(ex(["xabc", ":", "abc"]), ["0\n", 1]);
  assert.equal(ex(["abc", ":", "b"]), ["0\n", 1]);
  assert.equal(ex(["abc", ":", "\\(b\\)"]), ["\n", 1]);
  assert.equal(ex(["abc", ":", ".*c$"]), ["3\n", 0]);
  assert.equal(ex(["abc", ":", "^abc"]), ["3\n", 0]);
  assert.equal(ex(["0", ":", "\\(0\\)"]), ["0\n", 1]);
  assert.equal(ex(["12", ":", "\\(1\\)", "+", "1"]), ["2\n", 0]);
  assert.equal(ex(["abab", ":", "\\(ab\\)\\1"]), ["ab\n", 0]);
  assert.equal(ex(["abc", ":", "a\\(x\\)*"]), ["1\n", 0]); // group unset: the length
  assert.equal(ex(["/usr/lib/libc.so", ":", ".*/\\(.*\\)"]), ["libc.so\n", 0]);
  assert.equal(ex(["key=value", ":", "\\([^=]*\\)="]), ["key\n", 0]);
  assert.equal(ex(["123abc", ":", "[[:digit:]]*"]), ["3\n", 0]);
  assert.equal(ex(["*a", ":", "*a"]), ["2\n", 0]); // leading * is literal
  assert.equal(ex(["a{1}", ":", "a{1}"]), ["4\n", 0]);
  assert.equal(ex(["aaaa", ":", "a\\{2,3\\}"]), ["3\n", 0]);
});

test(": takes the longest match, TRE extensions included", () => {
  assert.equal(ex(["ab", ":", "a\\|ab"]), ["2\n", 0]);
  assert.equal(ex(["abcd", ":", "\\(a\\|ab\\)\\(c\\|bcd\\)"]), ["a\n", 0]);
  assert.equal(ex(["aab", ":", "\\(a*\\)\\(ab\\)*"]), ["a\n", 0]);
  assert.equal(ex(["aaa", ":", "a\\+"]), ["3\n", 0]);
  assert.equal(ex(["b", ":", "a\\?b"]), ["1\n", 0]);
  assert.equal(ex(["foo bar", ":", "\\w*\\>"]), ["3\n", 0]);
});

test(": counts bytes; in the C locale a character is a byte", () => {
  assert.equal(ex(["été", ":", ".*"]), ["5\n", 0]);
  assert.equal(ex(["été", ":", "\\(.\\)"]), ["é\n", 0]);
  assert.equal(ex(["été", ":", "..."]), ["5\n", 0]);
  const r = run("expr", ["été", ":", "\\(.\\)"], { env: { LC_ALL: "C" } });
  assert.equal(r.stdout, Buffer.from([0xc3, 0x0a]));
  assert.equal(ex(["été", ":", "..."], { LC_ALL: "C" }), ["3\n", 0]);
  // an invalid byte in a UTF-8 subject: musl's regexec matches nothing
  assert.equal(ex([Buffer.from([0x61, 0xff]), ":", "a"]), ["0\n", 1]);
  const c = run("expr", [Buffer.from([0x61, 0xff, 0x62]), ":", "a\\(.\\)"], { env: { LC_ALL: "C" } });
  assert.equal(c.stdout, Buffer.from([0xff, 0x0a]));
});

test("regular expression errors are musl's regerror texts", () => {
  assert.equal(fails(["a", ":", "\\("]), ["expr: Missing ')'\n", 2]);
  assert.equal(fails(["a", ":", "a\\)"]), ["expr: Missing ')'\n", 2]);
  assert.equal(fails(["a", ":", "[a"]), ["expr: Missing ']'\n", 2]);
  assert.equal(fails(["a", ":", "\\(a\\)\\2"]), ["expr: Invalid back reference\n", 2]);
  assert.equal(fails(["a", ":", "\\{1\\}"]), ["expr: Repetition not preceded by valid expression\n", 2]);
  assert.equal(fails(["a", ":", "a\\{2,1\\}"]), ["expr: Invalid contents of {}\n", 2]);
  assert.equal(fails(["a", ":", "a\\{1"]), ["expr: Invalid contents of {}\n", 2]);
  assert.equal(fails(["a", ":", "[b-a]"]), ["expr: Invalid character range\n", 2]);
  assert.equal(fails(["a", ":", "[[:nope:]]"]), ["expr: Unknown character class name\n", 2]);
  // musl rejects every [= =] and [. .]; bsdbox accepts the POSIX single-character ones
  assert.equal(fails(["a", ":", "[[=ab=]]"]), ["expr: Unknown collating element\n", 2]);
  assert.equal(fails(["a", ":", "[[.nope.]]"]), ["expr: Unknown collating element\n", 2]);
  assert.equal(fails(["a", ":", "a\\"]), ["expr: Trailing backslash\n", 2]);
  assert.equal(fails(["a", ":", "\\x{41"]), ["expr: Missing '}'\n", 2]);
  assert.equal(fails(["a", ":", Buffer.from([0x61, 0xff])]), ["expr: Invalid regexp\n", 2]);
});

test("syntax errors, and which error comes first", () => {
  assert.equal(fails([]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["1", "+"]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["(", "1", "+", "2"]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["1", "+", "2", ")"]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["(", ")"]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["length", "abc"]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["substr", "abc", "1", "2"]), ["expr: syntax error\n", 2]);
  assert.equal(fails(["1", "2"]), ["expr: syntax error\n", 2]);
  // byacc reduces "1 / 0" on ")" or the end before it sees the error, not on an operand
  assert.equal(fails(["1", "/", "0", ")"]), ["expr: division by zero\n", 2]);
  assert.equal(fails(["(", "1", "/", "0"]), ["expr: division by zero\n", 2]);
  assert.equal(fails(["1", "/", "0", "2"]), ["expr: syntax error\n", 2]);
  // after ':' (the highest precedence) it always reduces first
  assert.equal(fails(["a", ":", "\\(", "b"]), ["expr: Missing ')'\n", 2]);
  assert.equal(fails(["1", "+", "a", "*", "2", "3"]), ["expr: syntax error\n", 2]);
});

test("options: -e, --, a negative first operand, EXPR_COMPAT", () => {
  assert.equal(ex(["-e", "5", "+", "1"]), ["6\n", 0]);
  assert.equal(ex(["--", "-5", "+", "1"]), ["-4\n", 0]);
  assert.equal(ex(["-e", " 5", "+", "+3"]), ["8\n", 0]);
  assert.equal(ex(["-e", "", "+", "1"]), ["1\n", 0]);
  assert.equal(ex(["-e", ""]), ["\n", 1]);
  assert.equal(ex(["-5", "+", "1"], { EXPR_COMPAT: "1" }), ["-4\n", 0]);
  assert.equal(ex(["+5", "+", "1"], { EXPR_COMPAT: "" }), ["6\n", 0]);
  // an operator is never an operand
  assert.equal(fails(["-", "=", "-"]), ["expr: syntax error\n", 2]);
  // getopt takes a leading negative number for options; musl's message, then the usage
  const r = sh("expr -7 / 2");
  assert.is(r.status, 2);
  assert.is(r.out, "");
  assert.is(r.err, "expr: unrecognized option: 7\nexpr: usage: expr [-e] expression\n\n");
});

test("operands keep every byte", () => {
  const r = run("expr", [Buffer.from([0x61, 0xff, 0x80])]);
  assert.equal(r.stdout, Buffer.from([0x61, 0xff, 0x80, 0x0a]));
  const e = run("expr", [Buffer.from([0x61, 0xff]), "+", "1"]);
  assert.equal(e.stderr, Buffer.concat([Buffer.from("expr: not a decimal number: 'a"), Buffer.from([0xff]), Buffer.from("'\n")]));
});

test.run();
