// regex — POSIX basic and extended regular expressions (POSIX.1-2024 XBD chapter 9) as musl's
// regcomp(3)/regexec(3) read them, with POSIX leftmost-longest matching and POSIX sub-match rules.
// Used by grep, sed, expr, nl, csplit.
//
// Parsing is a port of musl's TRE-derived tre_parse (src/regex/regcomp.c) for both syntaxes, so
// what compiles, what is literal and which error is reported match musl:
//   BRE: \( \) \{m,n\} \1..\9; * literal at the start of the RE, a group, a \| branch, and after
//        a leading ^; ^ an anchor only first, $ only last (in the RE, a group or a branch).
//   ERE: ( ) | {m,n} * + ?; ^ and $ anchors everywhere; \1 is a literal 1 (as musl); a ) with no
//        open group is literal; empty branches "(|a)", "a|", "()" match the empty string.
//   Both: [...] with [:class:], ranges in code-point order; TRE extensions \< \> \b \B \w \W \s
//        \S \d \D \t \n \r \f \a \e \xHH \x{HHHH}; in BRE also \| \+ \?; any other escaped
//        character is itself. Counts 0..255.
//   Beyond musl (the issue asks for them, POSIX defines them): [[=c=]] and [[.c.]] with a single
//   character or a POSIX collating-symbol name ([[.hyphen.]]) mean that character (code-point
//   collation has one character per equivalence class), and {,n} means {0,n}.
//   Errors are musl's regerror texts ("Missing ')'", "Invalid contents of {}", ...).
//
// Matching. The whole match is the POSIX one: leftmost, then longest. Sub-matches follow the
// XBD 9.3.6 rule: left to right, each subpattern takes the longest string consistent with the
// whole match; a repeated group reports its last iteration; alternatives that tie take the first.
// Three engines share one AST:
//   - JavaScript RegExp (translated) answers yes/no and finds the leftmost start: backtracking
//     explores every path, so it agrees with POSIX on both. It is used only when the pattern has
//     no shape that backtracks badly: never with nested repetition (exponential), and with three
//     or more unbounded repetitions in a row (polynomial) only on subjects of <= 256 characters.
//   - A Thompson NFA simulation (no backtracking, O(subject × pattern)) finds the longest end from
//     a start, or leftmost-longest on its own when JavaScript is not safe.
//   - Sub-matches are resolved on the AST over the known extent with memoised end-position sets.
// Back-references make matching NP-hard; a pattern with them runs on JavaScript's backtracking,
// with the end pushed out to the longest, as musl's backtracking matcher does.
//
// Strings are lossless (compat/bytes.ts: an invalid byte b is U+DC00+b). In a UTF-8 locale a
// character is a code point and a subject holding an invalid byte never matches (musl's regexec
// stops with REG_NOMATCH at it). With utf8:false (the C locale) every byte is one character and the
// subject must be a binary string, one code unit per byte (compat's latin1()). Offsets returned are
// code-unit indexes into the subject; for a UTF-8 subject byteOffset() converts them to bytes.
import { decode, encode, latin1 } from "@bsdbox/compat";

const MSG = {
  NOMATCH: "No match",
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

/** A pattern regcomp rejects; `message` is musl's regerror text. */
export class RegexError extends Error {}

/** [start, end) as code-unit indexes into the subject. */
export type Span = [number, number];

export interface RegexOptions {
  /** REG_EXTENDED */
  extended?: boolean;
  /** REG_ICASE */
  icase?: boolean;
  /** REG_NEWLINE: `.` and non-matching lists do not match a newline; ^ and $ match at one. */
  newline?: boolean;
  /** REG_NOSUB: only whether (and where) it matches; sub-matches are not computed. */
  nosub?: boolean;
  /** The pattern is a fixed string (grep -F). */
  literal?: boolean;
  /** Characters are UTF-8 (default true, as in C.UTF-8); false: every byte is a character, and
   * subjects are binary strings (compat's latin1()). The pattern is a lossless string either way. */
  utf8?: boolean;
}

export interface ExecOptions {
  /** REG_NOTBOL: the subject's start is not the start of a line. */
  notbol?: boolean;
  /** REG_NOTEOL */
  noteol?: boolean;
}

type Item = [number, number] | string;
type Node =
  | { k: "empty" }
  | { k: "char"; c: number; nofold?: boolean }
  | { k: "any" }
  | { k: "set"; neg: boolean; items: Item[] }
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

// ---------- the compiled expression ----------

export class Regex {
  /** number of sub-expressions (re_nsub) */
  readonly nsub: number;
  private readonly root: Node;
  private readonly utf8: boolean;
  private readonly icase: boolean;
  private readonly newline: boolean;
  private readonly nosub: boolean;
  private readonly backrefs: boolean;
  /** JavaScript's backtracking is safe to run on this pattern */
  private readonly jsSafe: boolean;
  /** JavaScript is safe on short subjects: backtracking here is polynomial, not exponential */
  private readonly jsShort: boolean;
  /** JavaScript's first match is the POSIX one (no choice of length anywhere) */
  private readonly jsExact: boolean;
  /** the pattern holds ^ or $ (REG_NOTBOL/REG_NOTEOL matter) */
  private readonly anchors: boolean;
  private lastSubject: string | undefined;
  private lastView: View | null = null;
  private readonly src: string;
  private jsTest?: RegExp;
  private jsFind?: RegExp;
  private jsCaps?: RegExp;
  private nfa?: Nfa;
  private readonly preds = new PredCache();

  private constructor(pattern: string, o: RegexOptions) {
    this.utf8 = o.utf8 ?? true;
    this.icase = !!o.icase;
    this.newline = !!o.newline;
    this.nosub = !!o.nosub;
    const p = patternChars(pattern, this.utf8);
    let r: { root: Node; nsub: number };
    if (o.literal) {
      if (p.includes(INVALID)) throw new RegexError(MSG.BADPAT);
      let n: Node = EMPTY;
      for (let i = p.length - 2; i >= 0; i--) n = n === EMPTY ? { k: "char", c: p[i]! } : { k: "cat", a: { k: "char", c: p[i]! }, b: n };
      r = { root: n, nsub: 0 };
    } else r = new Parser(p, !!o.extended).parse();
    this.nsub = r.nsub;
    this.root = rightAssoc(r.root);
    const info = analyse(this.root);
    this.backrefs = info.refs;
    this.jsSafe = !info.risky && !info.poly;
    this.jsShort = !info.risky;
    this.jsExact = !info.choice || deterministic(this.root, this);
    this.anchors = info.anchors;
    this.src = emit(this.root, { icase: this.icase, newline: this.newline });
  }

  static compile(pattern: string, opts: RegexOptions = {}): Regex {
    return new Regex(pattern, opts);
  }

  private must?: Uint8Array | null;
  /**
   * Bytes that every match contains (the longest run of literal characters the pattern requires),
   * or null: a line without them cannot match, so a caller may skip it without decoding it.
   */
  required(): Uint8Array | null {
    if (this.must === undefined) {
      const m = this.icase ? null : mustChars(this.root);
      this.must = m && m.length ? Uint8Array.from(this.utf8 ? m.flatMap(utf8Bytes) : m.map((c) => (c >= 0xdf00 ? c - 0xdf00 : c))) : null;
    }
    return this.must;
  }

  /** Bytes as the subject string this RE matches: lossless UTF-8, or binary in the C locale. */
  subject(b: Uint8Array, start = 0, end = b.length): string {
    return this.utf8 ? decode(b, start, end) : latin1(b, start, end);
  }

  /** Whether the RE matches anywhere in `subject` (regexec == 0). */
  test(subject: string, opts?: ExecOptions): boolean {
    if ((opts?.notbol || opts?.noteol) && this.anchors) return this.exec(subject, 0, opts) !== null;
    const s = this.view(subject);
    if (s === null) return false;
    if (this.jsSafe || this.backrefs || (this.jsShort && s.n <= SHORT)) {
      this.jsTest ??= new RegExp(this.src, this.flags(""));
      return this.jsTest.test(s.str);
    }
    return this.nfaSearch(s, 0, false) !== null;
  }

  /**
   * The POSIX match that starts at or after code unit `from`: m[0] the whole match, m[i] the
   * i-th sub-expression or undefined where it took no part. null when there is none.
   * Assertions see the whole subject (^ holds only at 0, \< looks at the character before).
   */
  exec(subject: string, from = 0, opts: ExecOptions = {}): (Span | undefined)[] | null {
    const s = this.view(subject);
    if (s === null) return null;
    const f = s.fromUnits(from);
    const ctx: Ctx = { s, notbol: !!opts.notbol, noteol: !!opts.noteol };
    let start: number, end: number;
    let subs: (Span | undefined)[] | undefined;
    if (this.backrefs) {
      const r = this.execBackrefs(ctx, f);
      if (!r) return null;
      [start, end] = r[0]!;
      subs = r.slice(1);
    } else {
      let ext: [number, number] | null;
      if ((this.jsSafe || (this.jsShort && s.n <= SHORT)) && (!this.anchors || (!ctx.notbol && !ctx.noteol))) {
        const caps = this.jsExact && !this.nosub && this.nsub > 0;
        const re = caps ? (this.jsCaps ??= new RegExp(this.src, this.flags("gd"))) : (this.jsFind ??= new RegExp(this.src, this.flags("g")));
        re.lastIndex = s.cuIndex(f);
        const m = re.exec(s.str);
        if (!m) return null;
        const st = s.fromCu(m.index);
        if (caps) {
          // a deterministic pattern: JavaScript's one match is the POSIX one, sub-matches included
          const ix = (m as Indexed).indices;
          const out: (Span | undefined)[] = [[s.toUnits(st), s.toUnits(s.fromCu(m.index + m[0].length))]];
          for (let g = 1; g <= this.nsub; g++) {
            const sp = ix[g];
            out.push(sp ? [s.toUnits(s.fromCu(sp[0])), s.toUnits(s.fromCu(sp[1]))] : undefined);
          }
          return out;
        }
        ext = this.jsExact ? [st, s.fromCu(m.index + m[0].length)] : this.nfaSearch(s, st, true, ctx);
        if (!ext) throw new Error("regex: engines disagree");
      } else ext = this.nfaSearch(s, f, false, ctx);
      if (!ext) return null;
      [start, end] = ext;
    }
    const out: (Span | undefined)[] = [[s.toUnits(start), s.toUnits(end)]];
    if (this.nosub || this.nsub === 0) return out;
    if (!subs) subs = new Resolver(this.root, ctx, this.nsub, start, end, this).run();
    for (const sp of subs) out.push(sp ? [s.toUnits(sp[0]), s.toUnits(sp[1])] : undefined);
    return out;
  }

  /** REG_ICASE is in the translation (musl's case pairs, not JavaScript's folding) and REG_NEWLINE
   * in the anchors (flag m would also take \r, U+2028 and U+2029 for line ends) */
  private flags(extra: string): string {
    return "u" + extra;
  }

  /**
   * For line-oriented callers (grep): one RegExp that finds, in binary text holding many complete
   * '\n'-terminated lines, a place where one of `list` matches within a line; `whole` asks for a
   * match of the whole line (grep -x). null when the patterns cannot be run that way (shapes that
   * backtrack badly, back-references across several patterns).
   */
  static lineFinder(list: Regex[], whole = false, word?: { utf8: boolean }): LineFinder | null {
    if (!list.length) return null;
    const parts: string[] = [];
    let exact = true, base = 0;
    // a pattern JavaScript cannot run safely: scan for a string every match must hold (as GNU
    // grep's "must" strings), and let the real matcher decide on the lines that hold it
    if (list.some((r) => (!r.jsSafe && !r.backrefs) || (r.backrefs && list.length > 1))) {
      if (list.length !== 1 || whole) return null;
      const r = list[0]!;
      const literal = r.required();
      if (!literal || literal.length < 2) return null;
      return { re: new RegExp(Array.from(literal, hx).join(""), "g"), exact: false, literal };
    }
    for (const r of list) {
      const t = emitLines(r.root, r, r.utf8, r.icase, base);
      base += r.nsub;
      exact &&= t.exact;
      parts.push(t.src);
    }
    let src = parts.length === 1 ? parts[0]! : parts.map((x) => `(?:${x})`).join("|");
    let flags = "g";
    if (list.length === 1 && list[0]!.icase) {
      // an ASCII string under REG_ICASE: JavaScript's own case folding, which on binary text folds
      // ASCII letters only (a character >= 128 never folds to one < 128), scans faster than classes
      const r = list[0]!;
      const lit = literalChars(r.root);
      const folds = (n: Node): boolean => (n.k === "cat" ? folds(n.a) && folds(n.b) : n.k !== "char" || !n.nofold);
      if (lit && lit.length && lit.every((c) => c > 0 && c < 0x80 && c !== 10) && folds(r.root)) {
        src = lit.map(hx).join("");
        flags = "gi";
      }
    }
    if (whole) src = `${LBOL}(?:${src})${LEOL}`;
    // grep -w: no word byte before (a byte of a multibyte character is never a boundary there, as
    // grep's sscanf sees it) and no ASCII word character after. A superset of grep's retry loop;
    // the same thing for plain strings in ASCII text.
    let asciiExact: boolean | undefined;
    if (word && !whole) {
      src = `(?<![0-9A-Za-z_${word.utf8 ? "\\x80-\\xff" : ""}])(?:${src})(?![0-9A-Za-z_])`;
      asciiExact = list.every((r) => literalChars(r.root) !== null);
      exact = false;
    }
    const f: LineFinder = { re: new RegExp(src, flags), exact, asciiExact };
    if (list.length === 1 && !whole && !word) {
      const r = list[0]!;
      const lit = literalChars(r.root);
      if (lit && !r.icase && !lit.includes(10)) f.literal = Uint8Array.from(r.utf8 ? lit.flatMap(utf8Bytes) : lit.map((c) => (c >= 0xdf00 ? c - 0xdf00 : c)));
    }
    return f;
  }

  /** the subject as characters: code points (UTF-8) or bytes (C locale); the last one is kept,
   * since s///g and grep -o ask again on the same subject from further on */
  private view(subject: string): View | null {
    if (subject === this.lastSubject) return this.lastView;
    this.lastSubject = subject;
    return (this.lastView = this.utf8 ? utf8View(subject) : byteView(subject));
  }

  /** Leftmost-longest extent by NFA simulation; anchored: only a match starting at `from`. */
  private nfaSearch(s: View, from: number, anchored: boolean, ctx?: Ctx): [number, number] | null {
    this.nfa ??= buildNfa(this.root, this);
    return this.nfa.search(ctx ?? { s, notbol: false, noteol: false }, from, anchored);
  }

  /** Back-references: JavaScript's backtracking, then the end pushed out to the longest. */
  private execBackrefs(ctx: Ctx, from: number): (Span | undefined)[] | null {
    const s = ctx.s;
    this.jsFind ??= new RegExp(this.src, this.flags("g"));
    const re = this.jsFind;
    re.lastIndex = s.cuIndex(from);
    let m = re.exec(s.str) as Indexed | null;
    if (!m) return null;
    const startCu = m.index;
    const sticky = new RegExp(this.src, this.flags("yd"));
    sticky.lastIndex = startCu;
    m = sticky.exec(s.str) as Indexed | null;
    if (!m) return null;
    const total = s.str.length;
    for (let endCu = m.index + m[0].length; endCu < total; ) {
      // "ends at code unit >= endCu+1": fewer than total-endCu code units follow
      const longer = new RegExp(`(?:${this.src})(?![^]{${total - endCu}})`, this.flags("yd"));
      longer.lastIndex = startCu;
      const l = longer.exec(s.str) as Indexed | null;
      if (!l) break;
      m = l;
      endCu = m.index + m[0].length;
    }
    const out: (Span | undefined)[] = [[s.fromCu(startCu), s.fromCu(m.index + m[0].length)]];
    for (let g = 1; g <= this.nsub; g++) {
      const sp = m.indices[g];
      out.push(sp ? [s.fromCu(sp[0]), s.fromCu(sp[1])] : undefined);
    }
    return out;
  }

  /** character predicate for a set or class item list (cached) */
  setPred(n: { neg: boolean; items: Item[] }): (c: number) => boolean {
    return this.preds.set(n, this.icase, this.newline);
  }
  /** a literal: with REG_ICASE musl's pair {c, towlower(c), towupper(c)} */
  charPred(c: number, nofold = false): (x: number) => boolean {
    if (!this.icase || nofold) return (x) => x === c;
    const l = lower(c), u = upper(c);
    return (x) => x === c || x === l || x === u;
  }
  anyPred(): (c: number) => boolean {
    return this.newline ? (c) => c !== 10 : () => true;
  }
}

type Indexed = RegExpExecArray & { indices: ([number, number] | undefined)[] };

/** UTF-8 byte offset of code unit `index` of a lossless string. */
export function byteOffset(subject: string, index: number): number {
  let n = 0;
  for (let k = 0; k < index; k++) {
    const c = subject.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < subject.length) {
      const d = subject.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n += 4; k++; } else n += 3;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1; // an invalid byte kept losslessly
    else n += 3;
  }
  return n;
}

// ---------- subjects ----------

/** A subject as an array of characters, with the mapping back to code units of the original. */
interface View {
  /** the string JavaScript runs on */
  str: string;
  /** characters (code points, or bytes as U+DF00+b in the C locale) */
  chars: Int32Array | number[];
  n: number;
  /** character index -> code unit of the original subject */
  toUnits(i: number): number;
  /** code unit of the original -> character index (first character at or after it) */
  fromUnits(u: number): number;
  /** character index -> code unit of `str` */
  cuIndex(i: number): number;
  /** code unit of `str` -> character index */
  fromCu(u: number): number;
}

const ident = (i: number) => i;

const SURROGATE = /[\ud800-\udfff]/;
const HIGH = /[\x80-\xff]/;

/** code units as characters, built only when an engine other than JavaScript needs them */
function plainView(s: string): View {
  let chars: Int32Array | undefined;
  return {
    str: s, n: s.length, toUnits: ident, fromUnits: ident, cuIndex: ident, fromCu: ident,
    get chars() {
      if (!chars) {
        chars = new Int32Array(s.length);
        for (let i = 0; i < s.length; i++) chars[i] = s.charCodeAt(i);
      }
      return chars;
    },
  };
}

function utf8View(s: string): View | null {
  // the common case, checked natively: no surrogates at all
  if (!SURROGATE.test(s)) return plainView(s);
  let astral = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { astral = true; i++; continue; }
    }
    return null; // an invalid byte (or a lone surrogate): musl's regexec fails
  }
  if (!astral) {
    const chars = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) chars[i] = s.charCodeAt(i);
    return { str: s, chars, n: s.length, toUnits: ident, fromUnits: ident, cuIndex: ident, fromCu: ident };
  }
  const chars: number[] = [];
  const units: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    units.push(i);
    chars.push(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  units.push(s.length);
  const back = (u: number) => {
    let lo = 0, hi = units.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (units[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const to = (i: number) => units[i]!;
  return { str: s, chars, n: chars.length, toUnits: to, fromUnits: back, cuIndex: to, fromCu: back };
}

/**
 * The C locale: the subject is a binary string (one code unit 0..255 per byte, compat's latin1()),
 * so offsets are byte offsets. Bytes >= 0x80 are matched as U+DF00+b, musl's C-locale mbtowc,
 * which belongs to no class.
 */
function byteView(s: string): View {
  if (!HIGH.test(s)) return plainView(s);
  const chars = new Int32Array(s.length);
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    if (c >= 0x80) { chars[i] = 0xdf00 + c; high = true; } else chars[i] = c;
  }
  let str = s;
  if (high) {
    str = "";
    for (let i = 0; i < chars.length; i += 8192) str += String.fromCharCode(...chars.subarray(i, i + 8192));
  }
  return { str, chars, n: s.length, toUnits: ident, fromUnits: ident, cuIndex: ident, fromCu: ident };
}

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

// ---------- parser: musl tre_parse ----------

const CLASSES = ["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"];
const CHARCLASS_NAME_MAX = 14;

class Parser {
  private start = 0;
  private maxBackref = 0;
  constructor(private readonly p: number[], private readonly ere: boolean) {}

  private fail(code: keyof typeof MSG): never {
    throw new RegexError(MSG[code]);
  }

  parse(): { root: Node; nsub: number } {
    const p = this.p, ere = this.ere;
    const stack: (Node | number | null)[] = [];
    let nbranch: Node | null = null, nunion: Node | null = null;
    let subid = 0, depth = 0, s = 0;
    stack.push(subid++);
    this.start = 0;
    for (;;) {
      if ((!ere && p[s] === BS && p[s + 1] === C("(")) || (ere && p[s] === C("("))) {
        stack.push(nunion, nbranch, subid++);
        s += ere ? 1 : 2;
        depth++;
        nbranch = nunion = null;
        this.start = s;
        continue;
      }
      let n: Node;
      if ((!ere && p[s] === BS && p[s + 1] === C(")")) || (ere && p[s] === C(")") && depth)) n = EMPTY;
      else [n, s] = this.atom(s);
      for (;;) {
        // parse_iter
        for (;;) {
          const c = p[s]!;
          if (c !== BS && c !== C("*")) {
            if (!ere) break;
            if (c !== C("+") && c !== C("?") && c !== C("{")) break;
          }
          if (c === BS && ere) break;
          if (c === BS && p[s + 1] !== C("+") && p[s + 1] !== C("?") && p[s + 1] !== C("{")) break;
          if (c === BS) s++;
          if (!ere && s === this.start + 1 && p[s - 1] === C("^")) break; // ^* at the start: * is literal
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
        const close = (ere && c === C(")") && depth > 0) || (!ere && c === BS && p[s + 1] === C(")"));
        const bar = (ere && c === C("|")) || (!ere && c === BS && p[s + 1] === C("|"));
        if (!close && !bar && c !== 0) break;
        nunion = nunion ? { k: "alt", a: nunion, b: nbranch } : nbranch;
        nbranch = null;
        if (bar) {
          s += ere ? 1 : 2;
          this.start = s;
          break;
        }
        if (close) {
          if (!depth) this.fail("EPAREN");
          s += ere ? 1 : 2;
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

  /** parse_dup: after "{" (ERE) or "\{" (BRE); returns min, max (-1 = no limit), position after. */
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
    let min = count();
    let max: number;
    if (p[s] === C(",")) {
      s++;
      max = count();
      if (min < 0 && max >= 0) min = 0; // {,n}
    } else max = min;
    if ((max < min && max >= 0) || max > RE_DUP_MAX || min > RE_DUP_MAX || min < 0) this.fail("BADBR");
    if (!this.ere && p[s++] !== BS) this.fail("BADBR");
    if (p[s++] !== C("}")) this.fail("BADBR");
    return [min, max, s];
  }

  private literal(s: number): [Node, number] {
    const c = this.p[s]!;
    if (c === INVALID) this.fail("BADPAT");
    return [{ k: "char", c }, s + 1];
  }

  private atom(s: number): [Node, number] {
    const p = this.p, ere = this.ere;
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
            // musl builds \x literals without the REG_ICASE case pair
            return [{ k: "char", c: v, nofold: true }, i];
          }
          case C("{"): case C("+"): case C("?"):
            if (!ere) return this.fail("BADRPT");
            return this.literal(s + 1);
          case C("|"):
            if (!ere) return [EMPTY, s];
            return this.literal(s + 1);
          default:
            if (!ere && d >= C("1") && d <= C("9")) {
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
        if (!ere && s !== this.start) return this.literal(s);
        return [{ k: "bol" }, s + 1];
      case C("$"):
        if (!ere && p[s + 1] && (p[s + 1] !== BS || (p[s + 2] !== C(")") && p[s + 2] !== C("|")))) return this.literal(s);
        return [{ k: "eol" }, s + 1];
      case C("*"): case C("{"): case C("+"): case C("?"):
        if (ere) return this.fail("BADRPT");
        return this.literal(s);
      case C("|"):
        if (!ere) return this.literal(s);
        return [EMPTY, s];
      case 0:
        return [EMPTY, s];
      default:
        return this.literal(s);
    }
  }

  /** [. .] or [= =] at s (just after "[."/"[="): the character it names, and the position after. */
  private collating(s: number, term: number): [number, number] {
    const p = this.p;
    let e = s;
    while (p[e] && !(p[e] === term && p[e + 1] === C("]"))) e++;
    if (!p[e]) this.fail("ECOLLATE");
    const name = p.slice(s, e);
    let c: number | undefined;
    if (name.length === 1 && name[0]! !== INVALID) c = name[0];
    else if (term === C(".") && name.every((x) => x > 0 && x < 0x80)) c = COLLATING_NAMES[String.fromCharCode(...name)];
    if (c === undefined) this.fail("ECOLLATE");
    return [c, e + 2];
  }

  /** parse_bracket: s is just after "[". */
  private bracket(s: number): [Node, number] {
    const p = this.p;
    const neg = p[s] === C("^");
    if (neg) s++;
    const start = s;
    const items: Item[] = [];
    for (;;) {
      const c = p[s]!;
      if (c === 0) this.fail("EBRACK");
      if (c === INVALID) this.fail("BADPAT");
      if (c === C("]") && s !== start) return [{ k: "set", neg, items }, s + 1];
      if (c === C("-") && s !== start && p[s + 1] !== C("]") && (p[s + 1] !== C("-") || p[s + 2] === C("]")))
        this.fail("ERANGE");
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
        continue;
      }
      let min: number;
      if (c === C("[") && p[s + 1] === C("=")) {
        [min, s] = this.collating(s + 2, C("="));
        items.push([min, min]);
        continue;
      }
      if (c === C("[") && p[s + 1] === C(".")) [min, s] = this.collating(s + 2, C("."));
      else { min = c; s++; }
      let max = min;
      if (p[s] === C("-") && p[s + 1] !== C("]")) {
        s++;
        let d = p[s]!;
        if (d === C("[") && p[s + 1] === C(".")) [d, s] = this.collating(s + 2, C("."));
        else s++;
        if (d === 0 || d === INVALID || min > d) this.fail("ERANGE");
        max = d;
      }
      items.push([min, max]);
    }
  }
}

/** POSIX collating-symbol names of the portable character set (XBD 6.1). */
const COLLATING_NAMES: Record<string, number> = (() => {
  const names = "NUL SOH STX ETX EOT ENQ ACK alert backspace tab newline vertical-tab form-feed carriage-return SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC IS4 IS3 IS2 IS1 space exclamation-mark quotation-mark number-sign dollar-sign percent-sign ampersand apostrophe left-parenthesis right-parenthesis asterisk plus-sign comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less-than-sign equals-sign greater-than-sign question-mark commercial-at";
  const out: Record<string, number> = {};
  names.split(" ").forEach((n, i) => (out[n] = i));
  const more: [string, number][] = [["left-square-bracket", 91], ["backslash", 92], ["reverse-solidus", 92], ["right-square-bracket", 93], ["circumflex", 94], ["circumflex-accent", 94], ["underscore", 95], ["low-line", 95], ["grave-accent", 96], ["left-brace", 123], ["left-curly-bracket", 123], ["vertical-line", 124], ["right-brace", 125], ["right-curly-bracket", 125], ["tilde", 126], ["DEL", 127], ["hyphen-minus", 45], ["full-stop", 46], ["solidus", 47], ["IS4", 28], ["FS", 28], ["GS", 29], ["RS", 30], ["US", 31], ["LF", 10], ["CR", 13], ["HT", 9], ["VT", 11], ["FF", 12], ["BS", 8], ["BEL", 7]];
  for (const [n, c] of more) out[n] = c;
  for (let i = 0; i < 26; i++) {
    out[String.fromCharCode(65 + i)] = 65 + i;
    out[String.fromCharCode(97 + i)] = 97 + i;
  }
  return out;
})();

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

// ---------- analysis ----------

/** Concatenations nested to the right, so that the first subpattern is always the left operand. */
function rightAssoc(n: Node): Node {
  switch (n.k) {
    case "cat": {
      const parts: Node[] = [];
      const flat = (x: Node): void => {
        if (x.k === "cat") { flat(x.a); flat(x.b); } else parts.push(rightAssoc(x));
      };
      flat(n);
      let r = parts[parts.length - 1]!;
      for (let i = parts.length - 2; i >= 0; i--) r = { k: "cat", a: parts[i]!, b: r };
      return r;
    }
    case "alt": return { k: "alt", a: rightAssoc(n.a), b: rightAssoc(n.b) };
    case "group": return { k: "group", id: n.id, n: rightAssoc(n.n) };
    case "iter": return { k: "iter", n: rightAssoc(n.n), min: n.min, max: n.max };
    case "none": return { k: "none", n: rightAssoc(n.n) };
    default: return n;
  }
}

/** subjects up to this many characters may run polynomial backtracking (at most ~SHORT^3 steps) */
const SHORT = 256;

function analyse(root: Node): { refs: boolean; risky: boolean; poly: boolean; choice: boolean; anchors: boolean } {
  let refs = false, risky = false, choice = false, unbounded = 0, anchors = false;
  const walk = (n: Node, inLoop: boolean, gone: boolean): void => {
    switch (n.k) {
      case "ref": refs = true; break;
      case "bol": case "eol": anchors = true; break;
      case "group":
        walk(n.n, inLoop, gone);
        break;
      case "cat": walk(n.a, inLoop, gone); walk(n.b, inLoop, gone); break;
      case "alt":
        choice = true;
        if (inLoop) risky = true;
        walk(n.a, inLoop, gone); walk(n.b, inLoop, gone);
        break;
      case "iter": {
        const loops = n.max < 0 || n.max > 1;
        if (n.min !== n.max) choice = true;
        if (n.max < 0 && !simple(n.n)) unbounded++;
        if (n.max < 0) unbounded++;
        if (inLoop && (n.max < 0 || n.max > 1 || n.min !== n.max)) risky = true;
        walk(n.n, inLoop || loops, gone);
        break;
      }
      case "none": walk(n.n, inLoop, true); break;
      default: break;
    }
  };
  walk(root, false, false);
  // stacked unbounded repetitions (".*.*.*x") backtrack polynomially with a large degree
  return { refs, risky, poly: unbounded >= 3, choice, anchors };
}

/** A first-character set: ASCII members exactly, non-ASCII ones only as "maybe some". */
interface First {
  ascii: Uint8Array;
  other: boolean;
}

/**
 * Whether the pattern can match a subject from a given start in one way only (at every choice the
 * next character decides): then JavaScript's first match is the only one, so it is the POSIX one,
 * extent and sub-matches alike. Repetitions must be followed by characters they cannot take,
 * alternatives must start differently, and nothing may repeat or choose an empty string.
 */
function deterministic(root: Node, re: Regex): boolean {
  const none = (): First => ({ ascii: new Uint8Array(128), other: false });
  const union = (a: First, b: First): First => {
    const r = none();
    for (let i = 0; i < 128; i++) r.ascii[i] = a.ascii[i]! | b.ascii[i]!;
    r.other = a.other || b.other;
    return r;
  };
  const disjoint = (a: First, b: First): boolean => {
    if (a.other && b.other) return false;
    for (let i = 0; i < 128; i++) if (a.ascii[i] && b.ascii[i]) return false;
    return true;
  };
  const pred = (p: (c: number) => boolean, other: boolean): First => {
    const r = none();
    for (let c = 0; c < 128; c++) r.ascii[c] = p(c) ? 1 : 0;
    r.other = other;
    return r;
  };
  const first = (n: Node): First => {
    switch (n.k) {
      case "char": return pred(re.charPred(n.c, n.nofold), n.c >= 0x80 || (n.c >= 0x41 && !n.nofold && (re as unknown as { icase: boolean }).icase));
      case "any": return pred(re.anyPred(), true);
      case "set": return pred(re.setPred(n), true);
      case "group": return first(n.n);
      case "cat": return nullable(n.a) ? union(first(n.a), first(n.b)) : first(n.a);
      case "alt": return union(first(n.a), first(n.b));
      case "iter": return first(n.n);
      default: return none();
    }
  };
  const ok = (n: Node, follow: First): boolean => {
    switch (n.k) {
      // a back-reference, or a word assertion that may send backtracking to a shorter repetition
      case "ref": case "bow": case "eow": case "wb": case "nwb": return false;
      case "group": return ok(n.n, follow);
      case "cat": {
        const fb = first(n.b);
        return ok(n.b, follow) && ok(n.a, nullable(n.b) ? union(fb, follow) : fb);
      }
      case "alt":
        return !nullable(n.a) && !nullable(n.b) && disjoint(first(n.a), first(n.b)) && ok(n.a, follow) && ok(n.b, follow);
      case "iter": {
        if (n.min === n.max) return ok(n.n, follow);
        if (nullable(n.n)) return false;
        const fb = first(n.n);
        return disjoint(fb, follow) && ok(n.n, union(fb, follow));
      }
      default: return true;
    }
  };
  return ok(root, none());
}

function simple(n: Node): boolean {
  return n.k === "char" || n.k === "any" || n.k === "set";
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

// ---------- characters and classes (musl C.UTF-8, src/ctype/isw*.c) ----------

const SPACES = [32, 9, 10, 13, 11, 12, 0x85, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x205f, 0x3000];

const hex = (c: number) => `\\u{${c.toString(16)}}`;

/** A class as the contents of a JavaScript character class (flag u). */
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
  throw new Error(`regex: class ${name}`);
}

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

const classRe = new Map<string, RegExp>();
function inClass(name: string, c: number): boolean {
  if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return false;
  let re = classRe.get(name);
  if (!re) classRe.set(name, (re = new RegExp(`^[${classBody(name)}]$`, "u")));
  return re.test(String.fromCodePoint(c));
}

function lower(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return c;
  const s = String.fromCodePoint(c).toLowerCase();
  const l = s.codePointAt(0)!;
  return s.length === (l > 0xffff ? 2 : 1) ? l : c;
}
function upper(c: number): number {
  if (c < 0x80) return c >= 97 && c <= 122 ? c - 32 : c;
  if (c === 0xdf) return 0x1e9e; // musl's towupper(ß); JavaScript gives "SS"
  if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return c;
  const s = String.fromCodePoint(c).toUpperCase();
  const u = s.codePointAt(0)!;
  return s.length === (u > 0xffff ? 2 : 1) ? u : c;
}

function isWord(c: number): boolean {
  return c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x80 && inClass("alpha", c));
}

class PredCache {
  private readonly cache = new WeakMap<object, (c: number) => boolean>();
  set(n: { neg: boolean; items: Item[] }, icase: boolean, newline: boolean): (c: number) => boolean {
    let f = this.cache.get(n);
    if (f) return f;
    const items = n.items;
    const inRange = (c: number): boolean => {
      for (const it of items) if (typeof it !== "string" && c >= it[0] && c <= it[1]) return true;
      return false;
    };
    const inClasses = (c: number): boolean => {
      for (const it of items) if (typeof it === "string" && inClass(it, c)) return true;
      return false;
    };
    // REG_ICASE as TRE: a range also holds the case pairs of its characters; a class is tested
    // on towlower and towupper of the subject character
    const member = !icase
      ? (c: number) => inRange(c) || inClasses(c)
      : (c: number) => {
          if (inRange(c)) return true;
          const l = lower(c), u = upper(c);
          if ((l !== c && upper(l) === c && inRange(l)) || (u !== c && lower(u) === c && inRange(u))) return true;
          return inClasses(l) || inClasses(u);
        };
    const ascii = new Int8Array(128);
    for (let c = 0; c < 128; c++) ascii[c] = member(c) !== n.neg && !(newline && n.neg && c === 10) ? 1 : 0;
    const other = new Map<number, boolean>();
    f = (c: number) => {
      if (c < 128) return ascii[c] === 1;
      let r = other.get(c);
      if (r === undefined) {
        r = member(c) !== n.neg;
        if (other.size < 4096) other.set(c, r);
      }
      return r;
    };
    this.cache.set(n, f);
    return f;
  }
}

// ---------- assertions ----------

interface Ctx {
  s: View;
  notbol: boolean;
  noteol: boolean;
}

function assertHolds(k: string, ctx: Ctx, i: number, newline: boolean): boolean {
  const ch = ctx.s.chars, n = ctx.s.n;
  const prev = i > 0 ? ch[i - 1]! : -1, next = i < n ? ch[i]! : -1;
  switch (k) {
    case "bol": return (i === 0 && !ctx.notbol) || (newline && prev === 10);
    case "eol": return (i === n && !ctx.noteol) || (newline && next === 10);
    case "bow": return !(prev >= 0 && isWord(prev)) && next >= 0 && isWord(next);
    case "eow": return prev >= 0 && isWord(prev) && !(next >= 0 && isWord(next));
    case "wb": {
      if (i === 0 || i === n) return true;
      return isWord(prev) !== isWord(next);
    }
    case "nwb": {
      if (i === 0 || i === n) return false;
      return isWord(prev) === isWord(next);
    }
  }
  return false;
}

// ---------- Thompson NFA ----------

const enum Op { Char, Split, Jmp, Assert, Match }

class Nfa {
  op: Op[] = [];
  x: number[] = [];
  y: number[] = [];
  pred: ((c: number) => boolean)[] = [];
  akind: string[] = [];
  startState = 0;
  constructor(private readonly newline: boolean) {}

  add(op: Op, x = -1, y = -1): number {
    this.op.push(op);
    this.x.push(x);
    this.y.push(y);
    this.pred.push(FALSE);
    this.akind.push("");
    return this.op.length - 1;
  }

  /**
   * Leftmost-longest: threads carry the position where they started; where two reach the same
   * state, the earlier start wins. Once a match is seen, later starts are dropped.
   */
  search(ctx: Ctx, from: number, anchored: boolean): [number, number] | null {
    const n = ctx.s.n, chars = ctx.s.chars;
    const N = this.op.length;
    let cur = new Int32Array(N), curStart = new Int32Array(N), curLen = 0;
    let nxt = new Int32Array(N), nxtStart = new Int32Array(N), nxtLen = 0;
    const mark = new Int32Array(N).fill(-1);
    const stack = new Int32Array(N * 2 + 2);
    let bestS = -1, bestE = -1;
    // closure of state st (thread start `start`) at position i into list (dst, dstStart)
    const closure = (st: number, start: number, i: number, dst: Int32Array, dstStart: Int32Array, len: number): number => {
      let sp = 0;
      stack[sp++] = st;
      while (sp > 0) {
        const s = stack[--sp]!;
        if (mark[s] === i) continue;
        mark[s] = i;
        switch (this.op[s]) {
          case Op.Jmp: stack[sp++] = this.x[s]!; break;
          case Op.Split:
            // push y first so that x is explored first
            stack[sp++] = this.y[s]!;
            stack[sp++] = this.x[s]!;
            break;
          case Op.Assert:
            if (assertHolds(this.akind[s]!, ctx, i, this.newline)) stack[sp++] = this.x[s]!;
            break;
          case Op.Match:
            if (bestS < 0 || start < bestS || (start === bestS && i > bestE)) { bestS = start; bestE = i; }
            break;
          default:
            dst[len] = s;
            dstStart[len++] = start;
        }
      }
      return len;
    };
    for (let i = from; ; i++) {
      // threads already in cur were stepped in from i-1 and have their closure; add a new one
      if (bestS < 0 && (!anchored || i === from)) curLen = closure(this.startState, i, i, cur, curStart, curLen);
      if (bestS >= 0) {
        // drop threads that started after the best match's start
        let k = 0;
        for (let j = 0; j < curLen; j++) if (curStart[j]! <= bestS) { cur[k] = cur[j]!; curStart[k++] = curStart[j]!; }
        curLen = k;
      }
      if (i >= n || (curLen === 0 && (bestS >= 0 || anchored))) break;
      const c = chars[i]!;
      nxtLen = 0;
      for (let j = 0; j < curLen; j++) {
        const s = cur[j]!;
        if (this.pred[s]!(c)) nxtLen = closure(this.x[s]!, curStart[j]!, i + 1, nxt, nxtStart, nxtLen);
      }
      [cur, nxt] = [nxt, cur];
      [curStart, nxtStart] = [nxtStart, curStart];
      curLen = nxtLen;
    }
    return bestS < 0 ? null : [bestS, bestE];
  }
}

const FALSE = () => false;

function buildNfa(root: Node, re: Regex): Nfa {
  const nfa = new Nfa((re as unknown as { newline: boolean }).newline);
  // fragments: [start state, list of dangling exits (state, which: 0=x 1=y)]
  type Frag = { s: number; out: [number, 0 | 1][] };
  const patch = (out: [number, 0 | 1][], to: number) => {
    for (const [st, w] of out) (w === 0 ? nfa.x : nfa.y)[st] = to;
  };
  const eps = (): Frag => {
    const s = nfa.add(Op.Jmp);
    return { s, out: [[s, 0]] };
  };
  const build = (n: Node): Frag => {
    switch (n.k) {
      case "empty": case "none": return eps();
      case "char": case "any": case "set": {
        const s = nfa.add(Op.Char);
        nfa.pred[s] = n.k === "char" ? re.charPred(n.c, n.nofold) : n.k === "any" ? re.anyPred() : re.setPred(n);
        return { s, out: [[s, 0]] };
      }
      case "bol": case "eol": case "bow": case "eow": case "wb": case "nwb": {
        const s = nfa.add(Op.Assert);
        nfa.akind[s] = n.k;
        return { s, out: [[s, 0]] };
      }
      case "ref": throw new Error("regex: back-reference in the NFA");
      case "group": return build(n.n);
      case "cat": {
        const a = build(n.a), b = build(n.b);
        patch(a.out, b.s);
        return { s: a.s, out: b.out };
      }
      case "alt": {
        const a = build(n.a), b = build(n.b);
        const s = nfa.add(Op.Split, a.s, b.s);
        return { s, out: [...a.out, ...b.out] };
      }
      case "iter": {
        let first: Frag | null = null, last: Frag | null = null;
        const append = (f: Frag) => {
          if (!first) first = f;
          else patch(last!.out, f.s);
          last = f;
        };
        for (let i = 0; i < n.min; i++) append(build(n.n));
        if (n.max < 0) {
          const body = build(n.n);
          const sp = nfa.add(Op.Split, body.s, -1);
          patch(body.out, sp);
          append({ s: sp, out: [[sp, 1]] });
        } else {
          const outs: [number, 0 | 1][] = [];
          for (let i = n.min; i < n.max; i++) {
            const body = build(n.n);
            const sp = nfa.add(Op.Split, body.s, -1);
            outs.push([sp, 1]);
            append({ s: sp, out: body.out });
          }
          if (last) (last as Frag).out.push(...outs);
        }
        if (!first) return eps();
        return { s: (first as Frag).s, out: (last as unknown as Frag).out };
      }
    }
  };
  const f = build(root);
  const m = nfa.add(Op.Match);
  patch(f.out, m);
  nfa.startState = f.s;
  return nfa;
}

// ---------- POSIX sub-matches ----------

/**
 * Given the whole match [start, end], assign sub-expressions by XBD 9.3.6: left to right, each
 * subpattern takes the longest string that still lets the rest match up to `end`.
 */
class Resolver {
  private readonly memo = new Map<Node, Map<number, number[]>>();
  private readonly caps: (Span | undefined)[];
  constructor(
    private readonly root: Node,
    private readonly ctx: Ctx,
    nsub: number,
    private readonly start: number,
    private readonly end: number,
    private readonly re: Regex,
  ) {
    this.caps = new Array(nsub).fill(undefined);
  }

  run(): (Span | undefined)[] {
    this.fill(this.root, this.start, this.end);
    return this.caps;
  }

  private get newline(): boolean {
    return (this.re as unknown as { newline: boolean }).newline;
  }

  /** every position where n, started at p, can end (sorted ascending, each <= end) */
  private ends(n: Node, p: number): number[] {
    let m = this.memo.get(n);
    if (!m) this.memo.set(n, (m = new Map()));
    let r = m.get(p);
    if (r) return r;
    r = this.compute(n, p);
    m.set(p, r);
    return r;
  }

  private compute(n: Node, p: number): number[] {
    const chars = this.ctx.s.chars;
    switch (n.k) {
      case "empty": case "none": return [p];
      case "char": return p < this.end && this.re.charPred(n.c, n.nofold)(chars[p]!) ? [p + 1] : [];
      case "any": return p < this.end && this.re.anyPred()(chars[p]!) ? [p + 1] : [];
      case "set": return p < this.end && this.re.setPred(n)(chars[p]!) ? [p + 1] : [];
      case "bol": case "eol": case "bow": case "eow": case "wb": case "nwb":
        return assertHolds(n.k, this.ctx, p, this.newline) ? [p] : [];
      case "ref": throw new Error("regex: back-reference in the resolver");
      case "group": return this.ends(n.n, p);
      case "cat": {
        const out = new Set<number>();
        for (const m of this.ends(n.a, p)) for (const e of this.ends(n.b, m)) out.add(e);
        return sorted(out);
      }
      case "alt": {
        const out = new Set<number>([...this.ends(n.a, p), ...this.ends(n.b, p)]);
        return sorted(out);
      }
      case "iter": {
        // breadth-first over (position, iterations so far); counts past the minimum (when there
        // is no maximum) are all alike
        const out = new Set<number>();
        const seen = new Set<number>();
        const queue: [number, number][] = [[p, 0]];
        seen.add(p * 512);
        while (queue.length) {
          const [x, c] = queue.pop()!;
          if (c >= n.min) out.add(x);
          if (n.max >= 0 && c >= n.max) continue;
          for (const e of this.ends(n.n, x)) {
            if (e === x && c >= n.min) continue; // an empty iteration past the minimum adds nothing
            const c2 = n.max >= 0 ? c + 1 : Math.min(c + 1, n.min);
            const key = e * 512 + c2;
            if (seen.has(key)) continue;
            seen.add(key);
            queue.push([e, c + 1]);
          }
        }
        return sorted(out);
      }
    }
  }

  private can(n: Node, p: number, q: number): boolean {
    return bsearch(this.ends(n, p), q);
  }

  /** n matches exactly p..q: record the sub-expressions inside it */
  private fill(n: Node, p: number, q: number): void {
    switch (n.k) {
      case "group":
        this.caps[n.id - 1] = [p, q];
        this.fill(n.n, p, q);
        return;
      case "cat": {
        if (!hasGroup(n)) return;
        const ea = this.ends(n.a, p);
        for (let i = ea.length - 1; i >= 0; i--) {
          const m = ea[i]!;
          if (m <= q && this.can(n.b, m, q)) {
            this.fill(n.a, p, m);
            this.fill(n.b, m, q);
            return;
          }
        }
        return;
      }
      case "alt": {
        if (!hasGroup(n)) return;
        const alts: Node[] = [];
        const flat = (x: Node): void => {
          if (x.k === "alt") { flat(x.a); flat(x.b); } else alts.push(x);
        };
        flat(n);
        for (const a of alts) if (this.can(a, p, q)) { this.fill(a, p, q); return; }
        return;
      }
      case "iter": {
        if (!hasGroup(n.n)) return;
        this.fillIter(n, p, q);
        return;
      }
      default:
        return;
    }
  }

  /** iterations left to right, each the longest that still lets the rest reach q; the last counts */
  private fillIter(n: { n: Node; min: number; max: number }, p: number, q: number): void {
    const body = n.n;
    const memo = new Map<number, boolean>();
    const cap = (c: number) => Math.min(c, n.min);
    // can the iterations, `c` done so far, go from x to exactly q?
    const finish = (x: number, c: number): boolean => {
      if (x === q && c >= n.min) return true;
      if (n.max >= 0 && c >= n.max) return false;
      const key = x * 512 + (n.max >= 0 ? c : cap(c));
      const hit = memo.get(key);
      if (hit !== undefined) return hit;
      memo.set(key, false);
      let r = false;
      const e = this.ends(body, x);
      for (let i = e.length - 1; i >= 0 && !r; i--) {
        const m = e[i]!;
        if (m > q) continue;
        if (m === x && c >= n.min) continue; // an empty iteration past the minimum is never needed
        r = finish(m, c + 1);
      }
      memo.set(key, r);
      return r;
    };
    let x = p, c = 0, lastFrom = -1, lastTo = -1;
    while (!(x === q && c >= n.min)) {
      if (n.max >= 0 && c >= n.max) break;
      const e = this.ends(body, x);
      let chosen = -1;
      for (let i = e.length - 1; i >= 0; i--) {
        const m = e[i]!;
        if (m > q || (m === x && c >= n.min)) continue;
        if (finish(m, c + 1)) { chosen = m; break; }
      }
      if (chosen < 0) break;
      lastFrom = x;
      lastTo = chosen;
      x = chosen;
      c++;
    }
    if (lastFrom < 0) {
      // no iteration was needed: TRE still reports groups of a nullable body as empty here
      if (nullable(body) && this.can(body, p, p)) this.fill(body, p, p);
      return;
    }
    this.fill(body, lastFrom, lastTo);
  }
}

function sorted(s: Set<number>): number[] {
  return [...s].sort((a, b) => a - b);
}

function bsearch(a: number[], v: number): boolean {
  let lo = 0, hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === v) return true;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

// ---------- emitters: AST -> JavaScript ----------

function esc(c: number): string {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return String.fromCharCode(c);
  return hex(c);
}
const hx = (b: number) => `\\x${b.toString(16).padStart(2, "0")}`;

const WORD = "[_0-9A-Za-z\\p{Alphabetic}]";
const NONWORD = "[^_0-9A-Za-z\\p{Alphabetic}]";

interface EmitOpts {
  icase: boolean;
  newline: boolean;
}

/** the characters a literal stands for: REG_ICASE adds musl's case pair */
function literalSet(c: number, nofold: boolean | undefined, icase: boolean): number[] {
  if (!icase || nofold) return [c];
  return [...new Set([c, lower(c), upper(c)])];
}

/** the set's items with REG_ICASE's case pairs added to its ranges (as musl's parse_bracket) */
function foldItems(items: Item[], icase: boolean): Item[] {
  if (!icase) return items;
  const out: Item[] = [...items];
  for (const it of items) {
    if (typeof it === "string") {
      if (it === "upper" || it === "lower") out.push(it === "upper" ? "lower" : "upper");
      continue;
    }
    if (it[1] - it[0] > 4096) continue;
    for (let y = it[0]; y <= it[1]; y++) {
      const u = upper(y), l = lower(y);
      if (u !== y && lower(u) === y) out.push([u, u]);
      if (l !== y && upper(l) === y) out.push([l, l]);
    }
  }
  return out;
}

/** AST -> JavaScript source for flag u over the subject view (code points, or U+DF00+byte). */
function emit(root: Node, o: EmitOpts): string {
  const { newline, icase } = o;
  const e = (n: Node): string => {
    switch (n.k) {
      case "empty": return "";
      case "char": {
        const cs = literalSet(n.c, n.nofold, icase).filter((c) => c > 0 && c <= 0x10ffff);
        if (!cs.length) return "(?!)";
        return cs.length === 1 ? esc(cs[0]!) : `[${cs.map(hex).join("")}]`;
      }
      case "any": return newline ? "[^\\n]" : "[^]";
      case "set": {
        const body = foldItems(n.items, icase).map((it) => (typeof it === "string" ? classBody(it) : it[0] === it[1] ? hex(it[0]) : `${hex(it[0])}-${hex(it[1])}`)).join("");
        if (!body) return n.neg ? (newline ? "[^\\n]" : "[^]") : "(?!)";
        return `[${n.neg ? "^" : ""}${body}${n.neg && newline ? "\\n" : ""}]`;
      }
      case "bol": return newline ? LBOL : "^";
      case "eol": return newline ? LEOL : "$";
      case "bow": return `(?<!${WORD})(?=${WORD})`;
      case "eow": return `(?<=${WORD})(?!${WORD})`;
      case "wb": return `(?:${newline ? LBOL : "^"}|${newline ? LEOL : "$"}|(?<=${WORD})(?=${NONWORD})|(?<=${NONWORD})(?=${WORD}))`;
      case "nwb": return `(?:(?<=${WORD})(?=${WORD})|(?<=${NONWORD})(?=${NONWORD}))`;
      case "ref": return `(?:\\${n.n})`;
      case "group": return `(${e(n.n)})`;
      case "cat": return e(n.a) + e(n.b);
      case "alt": return `(?:${e(n.a)}|${e(n.b)})`;
      case "iter": {
        // JavaScript drops an optional iteration that matched empty, with its captures; TRE keeps
        // it (\(a*\)* on "b" sets \1 to the empty string at 0): iterate first, else nothing
        if (n.min === 0 && (n.max < 0 || n.max === 1) && nullable(n.n) && hasGroup(n.n)) return `(?:(?:${e(n.n)})${n.max < 0 ? "+" : ""}|)`;
        return `(?:${e(n.n)})${quant(n.min, n.max)}`;
      }
      case "none": return `(?:${e(n.n)}){0}`;
    }
  };
  return e(root);
}

function quant(min: number, max: number): string {
  return max < 0 ? (min === 0 ? "*" : min === 1 ? "+" : `{${min},}`) : min === 0 && max === 1 ? "?" : min === max ? `{${min}}` : `{${min},${max}}`;
}

/** one valid UTF-8 character other than ASCII, over binary text */
const MB = "[\\xc2-\\xf4][\\x80-\\xbf]+";

function utf8Bytes(c: number): number[] {
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 63)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
}

/** classes that hold no character outside ASCII */
const ASCII_CLASSES = new Set(["digit", "xdigit", "blank"]);

/**
 * AST -> JavaScript source over binary text of many '\n'-terminated lines (flags "gm", no u):
 * what grep scans a whole buffer with. `exact` is false where the translation over-approximates
 * (non-ASCII members of classes, word boundaries next to non-ASCII characters); a line it finds
 * then needs the real matcher. In a UTF-8 locale a line holding an invalid byte never matches:
 * the caller checks that too.
 */
function emitLines(root: Node, re: Regex, utf8: boolean, icase: boolean, groupBase: number): { src: string; exact: boolean } {
  let exact = true;
  const cls = (bits: boolean[]): string => {
    // a byte class from a 256-entry membership list
    let out = "";
    for (let c = 0; c < 256; c++) {
      if (!bits[c]) continue;
      let d = c;
      while (d + 1 < 256 && bits[d + 1]) d++;
      out += d === c ? hx(c) : d === c + 1 ? hx(c) + hx(d) : `${hx(c)}-${hx(d)}`;
      c = d;
    }
    return out ? `[${out}]` : "(?!)";
  };
  const W = utf8 ? "[0-9A-Za-z_\\x80-\\xff]" : "[0-9A-Za-z_]";
  const NW = utf8 ? "[^0-9A-Za-z_\\x80-\\xff\\n]" : "[^0-9A-Za-z_\\n]";
  const e = (n: Node): string => {
    switch (n.k) {
      case "empty": return "";
      case "char": {
        const cs = literalSet(n.c, n.nofold, icase);
        const alts: string[] = [];
        const ascii = new Array<boolean>(256).fill(false);
        let any = false;
        for (const c of cs) {
          if (c === 10 || c === 0 || c > 0x10ffff) continue;
          if (!utf8) { ascii[c >= 0xdf00 ? c - 0xdf00 : c] = true; any = true; }
          else if (c < 0x80) { ascii[c] = true; any = true; }
          else alts.push(utf8Bytes(c).map(hx).join(""));
        }
        if (any) {
          const k = ascii.filter(Boolean).length;
          alts.unshift(k === 1 ? hx(ascii.indexOf(true)) : cls(ascii));
        }
        if (!alts.length) return "(?!)";
        return alts.length === 1 ? alts[0]! : `(?:${alts.join("|")})`;
      }
      case "any": return utf8 ? `(?:[^\\n\\x80-\\xff]|${MB})` : "[^\\n]";
      case "set": {
        const pred = re.setPred(n);
        const bits = new Array<boolean>(256).fill(false);
        for (let c = 0; c < 128; c++) bits[c] = c !== 10 && pred(c);
        if (!utf8) {
          for (let b = 0x80; b < 256; b++) bits[b] = pred(0xdf00 + b);
          return cls(bits);
        }
        const nonAscii = n.items.some((it) => (typeof it === "string" ? !ASCII_CLASSES.has(it) : it[1] >= 0x80)) || (icase && n.items.some((it) => typeof it !== "string"));
        const c = cls(bits);
        if (n.neg && !nonAscii) return `(?:${c}|${MB})`; // every non-ASCII character is a member
        if (!n.neg && !nonAscii) return c;
        exact = false;
        return `(?:${c}|${MB})`;
      }
      case "bol": return LBOL;
      case "eol": return LEOL;
      case "bow": if (utf8) exact = false; return `(?<!${W})(?=${W})`;
      case "eow": if (utf8) exact = false; return `(?<=${W})(?!${W})`;
      case "wb": if (utf8) exact = false; return `(?:${LBOL}|${LEOL}|(?<=${W})(?=${NW})|(?<=${NW})(?=${W}))`;
      case "nwb": if (utf8) exact = false; return `(?:(?<=${W})(?=${W})|(?<=${NW})(?=${NW}))`;
      case "ref": return `(?:\\${n.n + groupBase})`;
      case "group": return `(${e(n.n)})`;
      case "cat": return e(n.a) + e(n.b);
      case "alt": return `(?:${e(n.a)}|${e(n.b)})`;
      case "iter": return `(?:${e(n.n)})${quant(n.min, n.max)}`;
      case "none": return `(?:${e(n.n)}){0}`;
    }
  };
  return { src: e(root), exact };
}

/** line anchors that see only '\n' (flag m would take \r too) */
const LBOL = "(?<![^\\n])";
const LEOL = "(?![^\\n])";

/** The longest run of literal characters that every match must contain, or null. */
function mustChars(root: Node): number[] | null {
  let best: number[] = [];
  const seq = (n: Node): void => {
    // the parts of a concatenation in order; a run of chars is broken by anything else
    const parts: Node[] = [];
    const flat = (x: Node): void => {
      if (x.k === "cat") { flat(x.a); flat(x.b); } else parts.push(x);
    };
    flat(n);
    let run: number[] = [];
    const end = () => {
      if (run.length > best.length) best = run;
      run = [];
    };
    for (const x of parts) {
      if (x.k === "char" && x.c !== 10) run.push(x.c);
      else if (x.k === "bol" || x.k === "eol" || x.k === "bow" || x.k === "eow" || x.k === "wb" || x.k === "nwb") continue;
      else {
        end();
        // a group, or a repetition done at least once, must itself match somewhere
        if (x.k === "group") seq(x.n);
        else if (x.k === "iter" && x.min >= 1) seq(x.n);
      }
    }
    end();
  };
  seq(root);
  return best.length ? best : null;
}

/** the characters of a pattern that is a plain string, or null */
function literalChars(n: Node): number[] | null {
  if (n.k === "char") return [n.c];
  if (n.k === "empty") return [];
  if (n.k === "cat") {
    const a = literalChars(n.a), b = a && literalChars(n.b);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

/** What grep scans buffers with: see Regex.lineFinder. */
export interface LineFinder {
  /** flags "gm", over binary text (compat's latin1()) of complete '\n'-terminated lines */
  re: RegExp;
  /** a line the RegExp finds matches; otherwise it is a candidate for the real matcher */
  exact: boolean;
  /** exact where the text is all ASCII (grep -w with plain strings) */
  asciiExact?: boolean;
  /** the pattern is this byte string, with no special character: a byte search finds it */
  literal?: Uint8Array;
}
