import { test } from "uvu";
import * as assert from "uvu/assert";
import { Getopt, type Ctx, type LongOpt } from "../src/index";

function ctx(args: string[]): Ctx & { errText: () => string } {
  let e = "";
  const w = { write: (s: string | Uint8Array) => { e += typeof s === "string" ? s : new TextDecoder().decode(s); }, flush() {}, byte() {} };
  return { prog: "prog", argv0: "prog", args, env: new Map(), out: w as any, err: w as any, stdin: 0, status: 0, errText: () => e };
}
function parse(spec: string, args: string[], long?: LongOpt[]) {
  const c = ctx(args);
  const g = new Getopt(c, spec, long);
  const seen: string[] = [];
  for (let o; (o = g.next()) !== undefined; ) seen.push(g.optarg !== undefined ? `${o}=${g.optarg}` : o);
  return { seen, rest: g.rest, err: c.errText() };
}

test("clustered flags and attached/detached arguments", () => {
  assert.equal(parse("abn:", ["-ab", "-n5", "-n", "6", "x"]).seen, ["a", "b", "n=5", "n=6"]);
  assert.equal(parse("abn:", ["-abn7", "y"]).seen, ["a", "b", "n=7"]);
});

test("plain getopt never permutes", () => {
  const r = parse("f", ["x", "-f"]);
  assert.equal(r.seen, []);
  assert.equal(r.rest, ["x", "-f"]);
});

test("-- ends options, - is an operand", () => {
  assert.equal(parse("a", ["-a", "--", "-a"]).rest, ["-a"]);
  assert.equal(parse("a", ["-", "-a"]).rest, ["-", "-a"]);
});

test("musl error texts", () => {
  assert.equal(parse("a", ["-z"]).err, "prog: unrecognized option: z\n");
  assert.equal(parse("n:", ["-n"]).err, "prog: option requires an argument: n\n");
  assert.equal(parse("n:", ["-n"]).seen, ["?"]);
});

test("optional argument only when attached", () => {
  assert.equal(parse("I::", ["-Ix", "-I", "y"]).seen, ["I=x", "I"]);
  assert.equal(parse("I::", ["-Ix", "-I", "y"]).rest, ["y"]);
});

test("getopt_long permutes unless '+', abbreviations, = and errors", () => {
  const L: LongOpt[] = [{ name: "lines", has: 1, val: "n" }, { name: "quiet", has: 0, val: "q" }, { name: "quick", has: 0, val: "Q" }];
  assert.equal(parse("n:q", ["a", "--lines=3", "b", "-q"], L), { seen: ["n=3", "q"], rest: ["a", "b"], err: "" });
  assert.equal(parse("+n:q", ["a", "--lines=3"], L).rest, ["a", "--lines=3"]);
  assert.equal(parse("n:q", ["--li", "4"], L).seen, ["n=4"]);
  assert.equal(parse("n:q", ["--qui"], L).err, "prog: option is ambiguous: qui\n");
  assert.equal(parse("n:q", ["--nope"], L).err, "prog: unrecognized option: nope\n");
  assert.equal(parse("n:q", ["--quiet=1"], L).err, "prog: option does not take an argument: quiet\n");
  assert.equal(parse("n:q", ["--lines"], L).err, "prog: option requires an argument: lines\n");
  assert.equal(parse("n:q", ["x", "--", "-q"], L).rest, ["x", "-q"]);
});

test.run();
