// shared/regex (POSIX BRE/ERE, leftmost-longest, POSIX sub-matches) against the table in
// regex-table.json, made with scripts/regex-oracle.c from musl's regcomp/regexec (Chimera Linux's
// regex engine). Each entry:
//   re | re_b64        the pattern (re_b64: its bytes, base64, when they are not valid UTF-8)
//   flags              E REG_EXTENDED, i REG_ICASE, n REG_NEWLINE, b REG_NOTBOL, e REG_NOTEOL,
//                      C the C locale (every byte a character) instead of C.UTF-8
//   subject | subject_b64
//   expect             null: no match; {error}: regcomp fails with musl's regerror text;
//                      else [whole match, \1, \2, ...] as [start, end] byte offsets, null for a
//                      group that took no part
//   musl, note         where musl's answer is not POSIX's (or not bsdbox's, for what POSIX leaves
//                      open), "expect" is POSIX's, "musl" is musl's and "note" says why
// Strings that are not valid UTF-8 go through the lossless decoding of compat/bytes.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { decode, encode, latin1 } from "../src/index";
import { Regex, RegexError, byteOffset } from "@bsdbox/shared/regex";

type Span = [number, number];
type Want = null | { error: string } | (Span | null)[];
interface Case {
  re?: string;
  re_b64?: string;
  flags: string;
  subject?: string;
  subject_b64?: string;
  expect: Want;
  musl?: Want;
  note?: string;
}

const TABLE: Case[] = JSON.parse(fs.readFileSync(path.join(import.meta.dir, "regex-table.json"), "utf8"));

const fromB64 = (s: string): string => decode(Uint8Array.from(Buffer.from(s, "base64")));
const show = (s: string): string => JSON.stringify(s).replace(/[\udc80-\udcff]/g, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16)}`);

test("the table is well formed", () => {
  assert.ok(TABLE.length >= 400, `${TABLE.length} cases`);
  for (const c of TABLE) {
    assert.ok((c.re === undefined) !== (c.re_b64 === undefined), JSON.stringify(c));
    assert.ok((c.subject === undefined) !== (c.subject_b64 === undefined), JSON.stringify(c));
    assert.ok(/^[EinbeC]*$/.test(c.flags), JSON.stringify(c));
    assert.ok((c.musl === undefined) === (c.note === undefined), JSON.stringify(c));
  }
});

TABLE.forEach((c, k) => {
  const re = c.re ?? fromB64(c.re_b64!);
  const f = c.flags;
  // the C locale matches binary strings (one code unit per byte): offsets are bytes already
  const raw = c.subject ?? fromB64(c.subject_b64!);
  const subject = f.includes("C") ? latin1(encode(raw)) : raw;
  const bytes = (i: number) => (f.includes("C") ? i : byteOffset(subject, i));
  const name = `#${k} /${show(re).slice(1, -1)}/${f} on ${show(raw)}`;
  test(name, () => {
    const opts = { extended: f.includes("E"), icase: f.includes("i"), newline: f.includes("n"), utf8: !f.includes("C") };
    const want = c.expect;
    const why = c.note ? ` (${c.note})` : "";
    if (want !== null && !Array.isArray(want)) {
      try {
        Regex.compile(re, opts);
      } catch (e) {
        assert.instance(e, RegexError, `${name}: throws a RegexError`);
        assert.is((e as Error).message, want.error, `${name}: error text`);
        return;
      }
      assert.unreachable(`${name}: compiles, want error "${want.error}"`);
      return;
    }
    const rx = Regex.compile(re, opts);
    const r = rx.exec(subject, 0, { notbol: f.includes("b"), noteol: f.includes("e") });
    if (want === null) {
      assert.is(r, null, `${name}: no match${why}`);
      return;
    }
    assert.ok(r, `${name}: matches${why}`);
    const got: (Span | null)[] = [];
    for (let g = 0; g < Math.max(want.length, r!.length); g++) {
      const s = r![g];
      got.push(s ? [bytes(s[0]), bytes(s[1])] : null);
    }
    assert.equal(got, want, `${name}${why}`);
  });
});

test.run();
