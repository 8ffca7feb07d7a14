// bre — POSIX basic regular expressions as musl's regcomp(3)/regexec(3) read them, translated to
// JavaScript RegExp. INTERIM: this stands in until the full POSIX engine (shared/regex, one AST for
// BRE and ERE, leftmost-longest with POSIX sub-matches) lands; only `expr :` uses it for now.
//
// Parsing is a port of musl's TRE-derived tre_parse (src/regex/regcomp.c), so what compiles, what
// is literal and which error is reported match musl byte for byte:
//   \( \) groups, \{m,n\} (counts 0..255), * (literal at the start of the RE, of a group, of a
//   \| branch, and right after a leading ^), \1..\9 back-references, ^ an anchor only first in the
//   RE, group or branch, $ an anchor only last (or before \) or \|), [...] with [:class:],
//   ranges by code point, [. and [= rejected ("Unknown collating element");
//   TRE extensions: \| alternation, \+ \?, \< \> \b \B, \w \W \s \S \d \D, \t \n \r \f \a \e,
//   \xHH and \x{HHHH}; any other escaped character is itself.
//   Errors are musl's regerror texts: "Missing ')'", "Invalid back reference", "Missing ']'",
//   "Invalid contents of {}", "Repetition not preceded by valid expression", ...
// Matching: the longest match at the start of the subject (what `expr` needs: musl reports the
// leftmost match and expr accepts it only at offset 0). JavaScript finds the first match in
// backtracking order; the end is then pushed out with "end >= k" look-aheads until no longer match
// exists, so the overall extent is POSIX-longest. Sub-match extents are JavaScript's for that end,
// which agrees with POSIX/TRE in ordinary cases but not in every corner (the full engine fixes it).
// Strings are lossless (see compat/bytes.ts). In a UTF-8 locale a character is a code point, an
// invalid byte in the pattern is "Invalid regexp" and a subject holding one never matches (as
// musl's regexec); in the C locale every byte is a character. Offsets returned are in bytes.
import { encode } from "@bsdbox/compat";

const MSG = {
  BADPAT: "Invalid regexp",
  ECOLLATE: "Unknown collating element",
  ECTYPE: "Unknown character class name",
  EESCAPE: "Trailing backslash",
  ESUBREG: "Invalid back reference",
  EBRACK: "Missing ']'",
  EPAREN: "Missing ')'",
  EBRACE: "Missing '}'",
  BADBR: "Invalid contents of {}",
  ERANGE: "Invalid character range",
  BADRPT: "Repetition not preceded by valid expression",
} as const;

/** A pattern musl's regcomp rejects; `message` is regerror's text. */
export class BreError extends Error {}

/** Offsets in bytes of the subject, as regmatch_t: [start, end]. */
export type Span = [number, number];
export interface BreMatch {
  /** the whole match */
  match: Span;
  /** sub-expressions 1..nsub; undefined where the group took no part */
  sub: (Span | undefined)[];
}

type Node =
  | { k: "empty" }
  | { k: "char"; c: number }
  | { k: "any" }
  | { k: "set"; neg: boolean; items: ([number, number] | string)[] }
  | { k: "bol" | "eol" | "bow" | "eow" | "wb" | "nwb" }
  | { k: "ref"; n: number }
  | { k: "group"; id: number; n: Node }
  | { k: "cat"; a: Node; b: Node }
  | { k: "alt"; a: Node; b: Node }
  | { k: "iter"; n: Node; min: number; max: number }
  | { k: "none"; n: Node };

const EMPTY: Node = { k: "empty" };
/** a pattern "character" that is an invalid byte in a UTF-8 locale */
const INVALID = -1;
const RE_DUP_MAX = 255;
const C = (s: string) => s.charCodeAt(0);
const BS = C("\\");

export class Bre {
  private first?: RegExp;
  private constructor(
    /** number of \( \) sub-expressions (re_nsub) */
    readonly nsub: number,
    private readonly src: string,
    private readonly utf8: boolean,
    /** groups dropped by \{0\}: TRE reports them as the empty string at the match start */
    private readonly dropped: Set<number>,
  ) {}

  /** regcomp(pattern, 0): throws BreError with musl's message. */
  static compile(pattern: string, utf8 = true): Bre {
    const p = patternChars(pattern, utf8);
    const r = new Parser(p).parse();
    const dropped = new Set<number>();
    const walk = (n: Node, gone: boolean): void => {
      if (n.k === "group" && gone) dropped.add(n.id);
      if (n.k === "group" || n.k === "iter" || n.k === "none") walk(n.n, gone || n.k === "none");
      else if (n.k === "cat" || n.k === "alt") { walk(n.a, gone); walk(n.b, gone); }
    };
    walk(r.root, false);
    return new Bre(r.nsub, emit(r.root), utf8, dropped);
  }

  private any?: RegExp;
  /** regexec(subject) == 0: whether the RE matches anywhere in `subject` (nl -bp). */
  test(subject: string): boolean {
    let s: string;
    if (this.utf8) {
      if (hasLoneSurrogate(subject)) return false;
      s = subject;
    } else s = byteChars(encode(subject));
    this.any ??= new RegExp(this.src, "u");
    return this.any.test(s);
  }

  /**
   * The longest match that starts at offset 0 of `subject`, or null. (regexec finds the leftmost
   * match; a caller that, like expr, wants it only at the start asks this.)
   */
  matchAtStart(subject: string): BreMatch | null {
    let s: string;
    if (this.utf8) {
      if (hasLoneSurrogate(subject)) return null;
      s = subject;
    } else s = byteChars(encode(subject));
    this.first ??= new RegExp(`^(?:${this.src})`, "du");
    let m = this.first.exec(s) as Indexed | null;
    if (!m) return null;
    const total = countCodePoints(s, 0, s.length);
    // push the end out while a longer match exists: "ends at code point >= k" is "fewer than
    // total-k+1 code points follow"
    for (let endCp = countCodePoints(s, 0, m[0].length); endCp < total; ) {
      const longer = new RegExp(`^(?:${this.src})(?![^]{${total - endCp}})`, "du").exec(s) as Indexed | null;
      if (!longer) break;
      m = longer;
      endCp = countCodePoints(s, 0, m[0].length);
    }
    const off = this.utf8 ? (i: number) => utf8Offset(s, i) : (i: number) => i;
    const sub: (Span | undefined)[] = [];
    for (let g = 1; g <= this.nsub; g++) {
      const span = m.indices[g];
      sub.push(span ? [off(span[0]), off(span[1])] : this.dropped.has(g) ? [0, 0] : undefined);
    }
    return { match: [0, off(m[0].length)], sub };
  }
}

type Indexed = RegExpExecArray & { indices: ([number, number] | undefined)[] };

/** Compile a BRE (see Bre.compile). */
export function compileBre(pattern: string, utf8 = true): Bre {
  return Bre.compile(pattern, utf8);
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function countCodePoints(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-8 byte offset of code unit index i in a well-formed string. */
function utf8Offset(s: string, i: number): number {
  let n = 0;
  for (let k = 0; k < i; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; k++; }
    else n += 3;
  }
  return n;
}

/** The C locale's view of bytes, as musl's mbtowc gives it: 0x80..0xff become U+DF80..U+DFFF. */
function byteChars(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 8192) {
    const part = Array.from(b.subarray(i, i + 8192), (x) => (x < 0x80 ? x : 0xdf00 + x));
    out += String.fromCharCode(...part);
  }
  return out;
}

/** The pattern as an array of characters (code points), 0-terminated like a C string. */
function patternChars(pattern: string, utf8: boolean): number[] {
  const out: number[] = [];
  if (!utf8) {
    for (const x of encode(pattern)) out.push(x < 0x80 ? x : 0xdf00 + x);
  } else {
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = pattern.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000); i++; continue; }
        out.push(INVALID);
      } else if (c >= 0xdc00 && c <= 0xdfff) out.push(INVALID);
      else out.push(c);
    }
  }
  out.push(0);
  return out;
}

// ---------- parser: musl tre_parse for BRE ----------

const CLASSES = ["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"];
const CHARCLASS_NAME_MAX = 14;

class Parser {
  private start = 0;
  private maxBackref = 0;
  constructor(private readonly p: number[]) {}

  private fail(code: keyof typeof MSG): never {
    throw new BreError(MSG[code]);
  }

  parse(): { root: Node; nsub: number } {
    const p = this.p;
    const stack: (Node | number | null)[] = [];
    let nbranch: Node | null = null, nunion: Node | null = null;
    let subid = 0, depth = 0, s = 0;
    stack.push(subid++);
    this.start = 0;
    for (;;) {
      if (p[s] === BS && p[s + 1] === C("(")) {
        stack.push(nunion, nbranch, subid++);
        s += 2;
        depth++;
        nbranch = nunion = null;
        this.start = s;
        continue;
      }
      let n: Node;
      if (p[s] === BS && p[s + 1] === C(")")) n = EMPTY;
      else [n, s] = this.atom(s);
      for (;;) {
        // parse_iter
        for (;;) {
          if (p[s] !== BS && p[s] !== C("*")) break;
          if (p[s] === BS && p[s + 1] !== C("+") && p[s + 1] !== C("?") && p[s + 1] !== C("{")) break;
          if (p[s] === BS) s++;
          if (s === this.start + 1 && p[s - 1] === C("^")) break; // ^* at the start: * is literal
          let min: number, max: number;
          if (p[s] === C("{")) [min, max, s] = this.dup(s + 1);
          else {
            min = 0; max = -1;
            if (p[s] === C("+")) min = 1;
            if (p[s] === C("?")) max = 1;
            s++;
          }
          n = max === 0 ? { k: "none", n } : { k: "iter", n, min, max };
        }
        nbranch = nbranch ? { k: "cat", a: nbranch, b: n } : n;
        const c = p[s]!;
        if (!(c === BS && (p[s + 1] === C(")") || p[s + 1] === C("|"))) && c !== 0) break;
        nunion = nunion ? { k: "alt", a: nunion, b: nbranch } : nbranch;
        nbranch = null;
        if (c === BS && p[s + 1] === C("|")) {
          s += 2;
          this.start = s;
          break;
        }
        if (c === BS) {
          if (!depth) this.fail("EPAREN");
          s += 2;
        }
        depth--;
        const id = stack.pop() as number;
        n = id === 0 ? nunion : { k: "group", id, n: nunion };
        if (!c && depth < 0) {
          const nsub = subid - 1;
          if (this.maxBackref > nsub) this.fail("ESUBREG");
          return { root: n, nsub };
        }
        if (!c || depth < 0) this.fail("EPAREN");
        nbranch = stack.pop() as Node | null;
        nunion = stack.pop() as Node | null;
      }
    }
  }

  /** parse_dup for BRE: after "\{"; returns min, max (-1 = no limit) and the position after "\}". */
  private dup(s: number): [number, number, number] {
    const p = this.p;
    const count = (): number => {
      if (!isDigit(p[s]!)) return -1;
      let n = 0;
      for (;;) {
        n = 10 * n + (p[s]! - 48);
        s++;
        if (!isDigit(p[s]!) || n > RE_DUP_MAX) break;
      }
      return n;
    };
    const min = count();
    let max: number;
    if (p[s] === C(",")) { s++; max = count(); } else max = min;
    if ((max < min && max >= 0) || max > RE_DUP_MAX || min > RE_DUP_MAX || min < 0 || p[s++] !== BS || p[s++] !== C("}"))
      this.fail("BADBR");
    return [min, max, s];
  }

  private literal(s: number): [Node, number] {
    const c = this.p[s]!;
    if (c === INVALID) this.fail("BADPAT");
    return [{ k: "char", c }, s + 1];
  }

  private atom(s: number): [Node, number] {
    const p = this.p;
    const c = p[s]!;
    switch (c) {
      case C("["):
        return this.bracket(s + 1);
      case BS: {
        const m = macro(p[s + 1]!);
        if (m) return [m, s + 2];
        const d = p[s + 1]!;
        switch (d) {
          case 0: return this.fail("EESCAPE");
          case C("b"): return [{ k: "wb" }, s + 2];
          case C("B"): return [{ k: "nwb" }, s + 2];
          case C("<"): return [{ k: "bow" }, s + 2];
          case C(">"): return [{ k: "eow" }, s + 2];
          case C("x"): {
            let i = s + 2, len = 2, v = 0;
            if (p[i] === C("{")) { len = 8; i++; }
            let k = 0;
            for (; k < len && v < 0x110000; k++) {
              const h = hexval(p[i + k]!);
              if (h < 0) break;
              v = 16 * v + h;
            }
            i += k;
            if (len === 8) {
              if (p[i] !== C("}")) this.fail("EBRACE");
              i++;
            }
            return [{ k: "char", c: v }, i];
          }
          case C("{"): case C("+"): case C("?"):
            return this.fail("BADRPT");
          case C("|"):
            return [EMPTY, s];
          default:
            if (d >= C("1") && d <= C("9")) {
              const n = d - 48;
              this.maxBackref = Math.max(this.maxBackref, n);
              return [{ k: "ref", n }, s + 2];
            }
            return this.literal(s + 1);
        }
      }
      case C("."):
        return [{ k: "any" }, s + 1];
      case C("^"):
        if (s !== this.start) return this.literal(s);
        return [{ k: "bol" }, s + 1];
      case C("$"):
        if (p[s + 1] && (p[s + 1] !== BS || (p[s + 2] !== C(")") && p[s + 2] !== C("|")))) return this.literal(s);
        return [{ k: "eol" }, s + 1];
      case 0:
        return [EMPTY, s];
      default:
        return this.literal(s);
    }
  }

  /** parse_bracket: s is just after "[". */
  private bracket(s: number): [Node, number] {
    const p = this.p;
    const neg = p[s] === C("^");
    if (neg) s++;
    const start = s;
    const items: ([number, number] | string)[] = [];
    for (;;) {
      const c = p[s]!;
      if (c === 0) this.fail("EBRACK");
      if (c === INVALID) this.fail("BADPAT");
      if (c === C("]") && s !== start) return [{ k: "set", neg, items }, s + 1];
      if (c === C("-") && s !== start && p[s + 1] !== C("]") && (p[s + 1] !== C("-") || p[s + 2] === C("]")))
        this.fail("ERANGE");
      if (c === C("[") && (p[s + 1] === C(".") || p[s + 1] === C("="))) this.fail("ECOLLATE");
      if (c === C("[") && p[s + 1] === C(":")) {
        s += 2;
        let cls: string | undefined, len = 0;
        for (; len < CHARCLASS_NAME_MAX && p[s + len]; len++) {
          if (p[s + len] === C(":")) {
            const name = String.fromCodePoint(...p.slice(s, s + len).map((x) => (x < 0 ? 0xfffd : x)));
            cls = CLASSES.includes(name) ? name : undefined;
            break;
          }
        }
        if (!cls || p[s + len + 1] !== C("]")) this.fail("ECTYPE");
        items.push(cls);
        s += len + 2;
      } else {
        const min = c;
        let max = c;
        s++;
        if (p[s] === C("-") && p[s + 1] !== C("]")) {
          s++;
          const d = p[s]!;
          if (d === 0 || d === INVALID || min > d) this.fail("ERANGE");
          max = d;
          s++;
        }
        items.push([min, max]);
      }
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function hexval(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** tre_expand_macro: \t \n \r \f \a \e and the class shorthands. */
function macro(c: number): Node | undefined {
  switch (String.fromCharCode(c)) {
    case "t": return { k: "char", c: 9 };
    case "n": return { k: "char", c: 10 };
    case "r": return { k: "char", c: 13 };
    case "f": return { k: "char", c: 12 };
    case "a": return { k: "char", c: 7 };
    case "e": return { k: "char", c: 27 };
    case "w": return { k: "set", neg: false, items: ["alnum", [95, 95]] };
    case "W": return { k: "set", neg: true, items: ["alnum", [95, 95]] };
    case "s": return { k: "set", neg: false, items: ["space"] };
    case "S": return { k: "set", neg: true, items: ["space"] };
    case "d": return { k: "set", neg: false, items: ["digit"] };
    case "D": return { k: "set", neg: true, items: ["digit"] };
  }
  return undefined;
}

// ---------- emitter: AST -> JavaScript (flag u) ----------

const hex = (c: number) => `\\u{${c.toString(16)}}`;

function esc(c: number): string {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return String.fromCharCode(c);
  return hex(c);
}

/** musl's C.UTF-8 character classes (src/ctype/isw*.c) as JavaScript class contents. */
function classBody(name: string): string {
  switch (name) {
    case "alpha": return "\\p{Alphabetic}";
    case "digit": return "0-9";
    case "alnum": return "\\p{Alphabetic}0-9";
    case "upper": return "\\p{Changes_When_Lowercased}";
    case "lower": return "\\p{Changes_When_Uppercased}";
    case "blank": return " \\t";
    case "space": return SPACES.map(hex).join("");
    case "cntrl": return "\\u{0}-\\u{1f}\\u{7f}-\\u{9f}\\u{2028}\\u{2029}\\u{fff9}-\\u{fffb}";
    case "punct": return "\\p{P}\\p{S}";
    case "xdigit": return "0-9A-Fa-f";
    case "print": return ranges(printRanges());
    case "graph": return ranges(subtract(printRanges(), SPACES));
  }
  throw new Error(`bre: class ${name}`);
}

const SPACES = [32, 9, 10, 13, 11, 12, 0x85, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x205f, 0x3000];

/** musl iswprint as code point ranges. */
function printRanges(): [number, number][] {
  const r: [number, number][] = [[0x20, 0x7e], [0xa0, 0x2027], [0x202a, 0xd7ff], [0xe000, 0xfff8], [0xfffc, 0xfffd]];
  for (let plane = 1; plane <= 0x10; plane++) r.push([plane << 16, (plane << 16) + 0xfffd]);
  return r;
}

function subtract(rs: [number, number][], cps: number[]): [number, number][] {
  let out = rs;
  for (const c of cps) {
    const next: [number, number][] = [];
    for (const [a, b] of out) {
      if (c < a || c > b) next.push([a, b]);
      else {
        if (a < c) next.push([a, c - 1]);
        if (c < b) next.push([c + 1, b]);
      }
    }
    out = next;
  }
  return out;
}

function ranges(rs: [number, number][]): string {
  return rs.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join("");
}

const WORD = "[_0-9\\p{Alphabetic}]";
const NONWORD = "[^_0-9\\p{Alphabetic}]";

function emit(n: Node): string {
  switch (n.k) {
    case "empty": return "";
    case "char": return n.c > 0x10ffff || n.c === 0 ? "(?!)" : esc(n.c);
    case "any": return "[^]";
    case "set": {
      const body = n.items.map((it) => (typeof it === "string" ? classBody(it) : it[0] === it[1] ? hex(it[0]) : `${hex(it[0])}-${hex(it[1])}`)).join("");
      if (!body) return n.neg ? "[^]" : "(?!)";
      return `[${n.neg ? "^" : ""}${body}]`;
    }
    case "bol": return "^";
    case "eol": return "$";
    // TRE: \< needs a word character next and none before; \> the reverse; \b holds at both ends
    // of the subject, \B at neither.
    case "bow": return `(?<!${WORD})(?=${WORD})`;
    case "eow": return `(?<=${WORD})(?!${WORD})`;
    case "wb": return `(?:^|$|(?<=${WORD})(?=${NONWORD})|(?<=${NONWORD})(?=${WORD}))`;
    case "nwb": return `(?:(?<=${WORD})(?=${WORD})|(?<=${NONWORD})(?=${NONWORD}))`;
    case "ref": return `(?:\\${n.n})`;
    case "group": return `(${emit(n.n)})`;
    case "cat": return emit(n.a) + emit(n.b);
    case "alt": return `(?:${emit(n.a)}|${emit(n.b)})`;
    case "iter": {
      // JavaScript drops an optional iteration that matched empty, with its captures; TRE keeps
      // it for * and \? (\(a*\)* on "b" sets \1 to the empty string at 0)
      if (n.min === 0 && (n.max < 0 || n.max === 1) && nullable(n.n) && hasGroup(n.n))
        return `(?:${emit(n.n)})${n.max < 0 ? "+" : ""}`;
      const q = n.max < 0 ? (n.min === 0 ? "*" : n.min === 1 ? "+" : `{${n.min},}`) : n.min === 0 && n.max === 1 ? "?" : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
      return `(?:${emit(n.n)})${q}`;
    }
    case "none": return `(?:${emit(n.n)}){0}`;
  }
}

function nullable(n: Node): boolean {
  switch (n.k) {
    case "char": case "any": case "set": return false;
    case "group": return nullable(n.n);
    case "cat": return nullable(n.a) && nullable(n.b);
    case "alt": return nullable(n.a) || nullable(n.b);
    case "iter": return n.min === 0 || nullable(n.n);
    default: return true;
  }
}

function hasGroup(n: Node): boolean {
  switch (n.k) {
    case "group": return true;
    case "cat": case "alt": return hasGroup(n.a) || hasGroup(n.b);
    case "iter": case "none": return hasGroup(n.n);
    default: return false;
  }
}
