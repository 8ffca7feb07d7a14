// expr — evaluate an expression and print its value.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/expr.html  FreeBSD: expr(1)
// Usage: expr [-e] expression. Each operand and operator is one argument. Lowest precedence
//   first, all left-associative:  |  &  = > < >= <= !=  + -  * / %  :  and ( ) to group.
//   a | b: a unless it is 0 or "", else b unless that is, else 0.  a & b: a if neither is, else 0.
//   Comparisons give 1/0: as integers when both sides are integers, else as strings (strcoll,
//   which is byte order in musl).  + - * / %: 64-bit integers; "overflow", "division by zero",
//   "not a decimal number: 'x'", "operand too large: 'x'".
//   s : re  matches the BRE re at the start of s: the text of \(...\) if re has one ("" when it
//   does not match), else the length of the match in bytes (0 when none). BRE errors are musl's.
// Integers are decimal with an optional '-'. -e (or EXPR_COMPAT in the environment, which also
//   stops option parsing) allows leading blanks, a '+', and takes "" as 0.
// Output: the value and a newline. Exit: 0 if the value is neither 0 nor "", 1 if it is, 2 on
//   any error (syntax errors included), no 3: FreeBSD's expr uses 2 for every error.
// The grammar is FreeBSD's byacc parser, emulated with its exact reduce points, so an error that
//   an operator raises comes before a later syntax error exactly when it does in FreeBSD.
// Deviation: INT64_MIN % -1 is 0 (FreeBSD's expr dies by SIGFPE).
import { defineApplet, errx, Getopt, utf8Locale, encode, decode, latin1, unlatin1, type Ctx, strcmp } from "@bsdbox/shared";
import { Regex, RegexError, byteOffset } from "@bsdbox/shared/regex";

const INT = 0, NUM = 1, STR = 2;
interface Val {
  /** integer, numeric string (an integer not yet converted), or string */
  type: typeof INT | typeof NUM | typeof STR;
  i: bigint;
  s: string;
}

const MAX = 0x7fffffffffffffffn, MIN = -0x8000000000000000n;

// operator precedence (byacc %left lines, lowest first)
const PREC: Record<string, number> = {
  "|": 1, "&": 2, "=": 3, ">": 3, "<": 3, ">=": 3, "<=": 3, "!=": 3, "+": 4, "-": 4, "*": 5, "/": 5, "%": 5, ":": 6,
};

class Expr {
  private pos = 0;
  constructor(private ctx: Ctx, private av: string[], private nonposix: boolean) {}

  private fail(msg: string): never {
    return errx(this.ctx, 2, msg);
  }

  // ---------- values ----------
  private isInteger(s: string): boolean {
    let i = 0;
    if (this.nonposix) {
      if (s === "") return true;
      while (i < s.length && " \t\n\v\f\r".includes(s[i]!)) i++;
    }
    if (s[i] === "-" || (this.nonposix && s[i] === "+")) i++;
    if (i === s.length) return false;
    while (i < s.length && s[i]! >= "0" && s[i]! <= "9") i++;
    return i === s.length;
  }

  private str(s: string): Val {
    return { type: this.isInteger(s) ? NUM : STR, i: 0n, s };
  }

  /** to_integer: a numeric string in range becomes an integer (in place). */
  private toInteger(v: Val): boolean {
    if (v.type === NUM) {
      const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(v.s)!;
      const x = m[2] ? BigInt(m[1] + m[2]) : 0n;
      if (x <= MAX && x >= MIN) {
        v.type = INT;
        v.i = x;
      }
    }
    return v.type === INT;
  }

  private assertInteger(v: Val): bigint {
    if (v.type === STR) this.fail(`not a decimal number: '${v.s}'`);
    if (!this.toInteger(v)) this.fail(`operand too large: '${v.s}'`);
    return v.i;
  }

  private toStr(v: Val): string {
    if (v.type === INT) {
      v.s = String(v.i);
      v.type = STR;
    }
    return v.s;
  }

  isZeroOrNull(v: Val): boolean {
    if (v.type === INT) return v.i === 0n;
    return v.s === "" || (this.toInteger(v) && v.i === 0n);
  }

  private compare(a: Val, b: Val): number {
    if (a.type === STR || b.type === STR) return strcmp(this.toStr(a), this.toStr(b));
    const x = this.assertInteger(a), y = this.assertInteger(b);
    return x > y ? 1 : x < y ? -1 : 0;
  }

  private arith(r: bigint): Val {
    if (r > MAX || r < MIN) this.fail("overflow");
    return int(r);
  }

  private apply(op: string, a: Val, b: Val): Val {
    switch (op) {
      case "|":
        if (!this.isZeroOrNull(a)) return a;
        if (!this.isZeroOrNull(b)) return b;
        return int(0n);
      case "&":
        // both sides are looked at (and so converted), as in op_and
        if (this.isZeroOrNull(a) || this.isZeroOrNull(b)) return int(0n);
        return a;
      case "=": return bool(this.compare(a, b) === 0);
      case ">": return bool(this.compare(a, b) > 0);
      case "<": return bool(this.compare(a, b) < 0);
      case ">=": return bool(this.compare(a, b) >= 0);
      case "<=": return bool(this.compare(a, b) <= 0);
      case "!=": return bool(this.compare(a, b) !== 0);
      case "+": { const x = this.assertInteger(a), y = this.assertInteger(b); return this.arith(x + y); }
      case "-": { const x = this.assertInteger(a), y = this.assertInteger(b); return this.arith(x - y); }
      case "*": { const x = this.assertInteger(a), y = this.assertInteger(b); return this.arith(x * y); }
      case "/": {
        const x = this.assertInteger(a), y = this.assertInteger(b);
        if (y === 0n) this.fail("division by zero");
        return this.arith(x / y); // only INT64_MIN / -1 overflows
      }
      case "%": {
        const x = this.assertInteger(a), y = this.assertInteger(b);
        if (y === 0n) this.fail("division by zero");
        return int(x % y);
      }
      case ":": return this.colon(a, b);
    }
    throw new Error(`expr: operator ${op}`);
  }

  private colon(a: Val, b: Val): Val {
    const s = this.toStr(a), pattern = this.toStr(b);
    let re;
    try {
      re = Regex.compile(pattern, { utf8: utf8Locale(this.ctx.env) });
    } catch (e) {
      if (e instanceof RegexError) this.fail(e.message);
      throw e;
    }
    // regexec finds the leftmost match; expr takes it only when it starts at the beginning
    const utf8 = utf8Locale(this.ctx.env);
    const subj = utf8 ? s : latin1(encode(s)); // the C locale matches bytes
    const m = re.exec(subj);
    if (m && m[0]![0] === 0) {
      const g = m[1];
      if (g) return this.str(utf8 ? s.slice(g[0], g[1]) : decode(unlatin1(subj.slice(g[0], g[1]))));
      return int(BigInt(utf8 ? byteOffset(s, m[0]![1]) : m[0]![1]));
    }
    return re.nsub === 0 ? int(0n) : this.str("");
  }

  // ---------- the parser ----------
  /** yylex: an operator, or a TOKEN value; null at the end. */
  private lex(): { op: string } | { v: Val } | null {
    if (this.pos >= this.av.length) return null;
    const p = this.av[this.pos++]!;
    if ((p.length === 1 && "|&=<>+-*/%:()".includes(p)) || p === ">=" || p === "<=" || p === "!=") return { op: p };
    return { v: this.str(p) };
  }

  /**
   * byacc's LALR(1) automaton for FreeBSD's grammar, state by state: after `expr OP expr` it
   * reduces on an operator of lower or equal precedence, ")" or the end, shifts a higher one and
   * is a syntax error otherwise, except after ':' (highest), where it always reduces first.
   */
  parse(): Val {
    const st: (Val | string)[] = [];
    let la = this.lex();
    const syntax = () => this.fail("syntax error");
    for (;;) {
      // expecting an operand
      if (la && "v" in la) st.push(la.v);
      else if (la && la.op === "(") {
        st.push("(");
        la = this.lex();
        continue;
      } else syntax();
      la = this.lex();
      // after an operand
      for (;;) {
        const below = st.length >= 2 ? st[st.length - 2] : undefined;
        const op = la && "op" in la ? la.op : la ? "TOKEN" : "$end";
        const isOp = Object.hasOwn(PREC, op);
        if (typeof below === "string" && below !== "(") {
          if (below === ":" || (isOp && PREC[op]! <= PREC[below]!) || op === ")" || op === "$end") {
            const b = st.pop() as Val;
            st.pop();
            const a = st.pop() as Val;
            st.push(this.apply(below, a, b));
            continue;
          }
          if (!isOp) syntax();
        } else if (below === "(") {
          if (op === ")") {
            const v = st.pop() as Val;
            st.pop();
            st.push(v);
            la = this.lex();
            continue;
          }
          if (!isOp) syntax();
        } else {
          if (op === "$end") return st[0] as Val;
          if (!isOp) syntax();
        }
        st.push(op);
        la = this.lex();
        break;
      }
    }
  }
}

const int = (i: bigint): Val => ({ type: INT, i, s: "" });
const bool = (b: boolean): Val => int(b ? 1n : 0n);

export default defineApplet({
  name: "expr",
  main(ctx) {
    let av: string[], nonposix = false;
    if (ctx.env.has("EXPR_COMPAT")) {
      av = ctx.args;
      nonposix = true;
    } else {
      const g = new Getopt(ctx, "e");
      for (let c; (c = g.next()) !== undefined; ) {
        if (c === "e") nonposix = true;
        else errx(ctx, 2, "usage: expr [-e] expression\n");
      }
      av = g.rest;
    }
    const e = new Expr(ctx, av, nonposix);
    const r = e.parse();
    ctx.out.write(r.type === INT ? `${r.i}\n` : `${r.s}\n`);
    return e.isZeroOrNull(r) ? 1 : 0;
  },
});
