// test, [ — evaluate a conditional expression; exit 0 if true, 1 if false, 2 on error.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/test.html  FreeBSD: test(1)
// No options. `[` requires a last argument `]` ("[: missing ']'"). No arguments: false.
// Grammar (FreeBSD test.c, a recursive descent whose look-ahead rules give POSIX's 0-4 argument
// results):  oexpr ::= aexpr [-o oexpr];  aexpr ::= nexpr [-a aexpr];  nexpr ::= ! nexpr | primary;
//   primary ::= ( oexpr ) | unary-op operand | operand binary-op operand | operand.
// Unary: -b -c -d -e -f -g -G -h -k -L -O -p -r -s -S -t FD -u -w -x (stat(2) follows symlinks,
//   -h/-L use lstat), -n -z.  Binary: = == != < > (byte order), -eq -ne -gt -ge -lt -le (64-bit
//   integers, blanks allowed around them), -nt -ot (modification time in ns), -ef (same device
//   and inode). With exactly 4 arguments a leading ! negates the 3-argument test.
// Errors (status 2): "test: abc: bad number", "test: 99999999999999999999: out of range",
//   "test: closing paren expected", "test: -eq: argument expected", "test: X: unexpected operator".
// -r -w -x use access(2) with the real ids (FreeBSD: eaccess); the same unless set-id.
import { defineApplet, errx, type Ctx, strcmp } from "@bsdbox/shared";
import { stat, lstat, access, isatty, geteuid, getegid, S_ISDIR, S_ISREG, S_ISCHR, S_ISBLK, S_ISFIFO, S_ISSOCK, S_ISLNK, type Stat } from "@bsdbox/compat";

// token numbers; the high byte is the kind, as in test.c
const UNOP = 0x100, BINOP = 0x200, BUNOP = 0x300, BBINOP = 0x400, PAREN = 0x500;
const EOI = 0, OPERAND = 1;
const FILRD = UNOP + 1, FILWR = UNOP + 2, FILEX = UNOP + 3, FILEXIST = UNOP + 4, FILREG = UNOP + 5,
  FILDIR = UNOP + 6, FILCDEV = UNOP + 7, FILBDEV = UNOP + 8, FILFIFO = UNOP + 9, FILSOCK = UNOP + 10,
  FILSYM = UNOP + 11, FILGZ = UNOP + 12, FILTT = UNOP + 13, FILSUID = UNOP + 14, FILSGID = UNOP + 15,
  FILSTCK = UNOP + 16, STREZ = UNOP + 17, STRNZ = UNOP + 18, FILUID = UNOP + 19, FILGID = UNOP + 20;
const FILNT = BINOP + 1, FILOT = BINOP + 2, FILEQ = BINOP + 3, STREQ = BINOP + 4, STRNE = BINOP + 5,
  STRLT = BINOP + 6, STRGT = BINOP + 7, INTEQ = BINOP + 8, INTNE = BINOP + 9, INTGE = BINOP + 10,
  INTGT = BINOP + 11, INTLE = BINOP + 12, INTLT = BINOP + 13;
const UNOT = BUNOP + 1, BAND = BBINOP + 1, BOR = BBINOP + 2, LPAREN = PAREN + 1, RPAREN = PAREN + 2;
const type = (t: number) => t & 0xff00;

const OPS1: Record<string, number> = { "=": STREQ, "<": STRLT, ">": STRGT, "!": UNOT, "(": LPAREN, ")": RPAREN };
const OPSM1: Record<string, number> = {
  r: FILRD, w: FILWR, x: FILEX, e: FILEXIST, f: FILREG, d: FILDIR, c: FILCDEV, b: FILBDEV, p: FILFIFO,
  u: FILSUID, g: FILSGID, k: FILSTCK, s: FILGZ, t: FILTT, z: STREZ, n: STRNZ, h: FILSYM, O: FILUID,
  G: FILGID, L: FILSYM, S: FILSOCK, a: BAND, o: BOR,
};
const OPS2: Record<string, number> = { "==": STREQ, "!=": STRNE };
const OPSM2: Record<string, number> = {
  eq: INTEQ, ne: INTNE, ge: INTGE, gt: INTGT, le: INTLE, lt: INTLT, nt: FILNT, ot: FILOT, ef: FILEQ,
};

/** test.c find_op: what an argument would be as an operator (all operators are ASCII). */
function findOp(s: string): number {
  const own = (o: Record<string, number>, k: string) => (Object.hasOwn(o, k) ? o[k]! : OPERAND);
  switch (s.length) {
    case 0: return OPERAND;
    case 1: return own(OPS1, s);
    case 2: return s[0] === "-" ? own(OPSM1, s[1]!) : own(OPS2, s);
    case 3: return s[0] === "-" ? own(OPSM2, s.slice(1)) : OPERAND;
    default: return OPERAND;
  }
}

class Eval {
  /** the arguments followed by a null, like argv */
  private w: (string | null)[];
  /** index of the current word (t_wp) */
  private wp = 0;
  /** words left counting the current one (nargc) */
  private nargc: number;
  private parenlevel = 0;

  constructor(private ctx: Ctx, args: string[]) {
    this.w = [...args, null];
    this.nargc = args.length;
  }

  private error(msg: string): never {
    return errx(this.ctx, 2, msg);
  }
  private syntax(op: string | null, msg: string): never {
    return this.error(op ? `${op}: ${msg}` : msg);
  }

  /** `nargc > 0 ? (--nargc, *++t_wp) : NULL` */
  private next(): string | null {
    if (this.nargc <= 0) return null;
    this.nargc--;
    return this.w[++this.wp] ?? null;
  }

  run(): number {
    let res: boolean;
    if (this.nargc === 4 && this.w[0] === "!") {
      // things like ! "" -o x do not fit the normal grammar
      this.nargc--;
      this.wp++;
      res = this.oexpr(this.lex(this.w[this.wp]!));
    } else res = !this.oexpr(this.lex(this.w[this.wp]!));
    if (--this.nargc > 0) this.syntax(this.w[this.wp] ?? null, "unexpected operator");
    return res ? 1 : 0;
  }

  private oexpr(n: number): boolean {
    const res = this.aexpr(n);
    if (this.lex(this.next()) === BOR) return this.oexpr(this.lex(this.next())) || res;
    this.wp--;
    this.nargc++;
    return res;
  }

  private aexpr(n: number): boolean {
    const res = this.nexpr(n);
    if (this.lex(this.next()) === BAND) return this.aexpr(this.lex(this.next())) && res;
    this.wp--;
    this.nargc++;
    return res;
  }

  private nexpr(n: number): boolean {
    if (n === UNOT) return !this.nexpr(this.lex(this.next()));
    return this.primary(n);
  }

  private primary(n: number): boolean {
    if (n === EOI) return false; // missing expression
    if (n === LPAREN) {
      this.parenlevel++;
      const nn = this.lex(this.next());
      if (nn === RPAREN) {
        this.parenlevel--;
        return false; // missing expression
      }
      const res = this.oexpr(nn);
      if (this.lex(this.next()) !== RPAREN) this.syntax(null, "closing paren expected");
      this.parenlevel--;
      return res;
    }
    if (type(n) === UNOP) {
      if (--this.nargc === 0) this.syntax(null, "argument expected"); // cannot happen
      const arg = this.w[++this.wp]!;
      switch (n) {
        case STREZ: return arg.length === 0;
        case STRNZ: return arg.length !== 0;
        case FILTT: {
          const fd = this.getn(arg);
          return fd >= 0 && isatty(fd);
        }
        default: return filstat(arg, n);
      }
    }
    const nn = this.lex(this.nargc > 0 ? this.w[this.wp + 1] ?? null : null);
    if (type(nn) === BINOP) return this.binop(nn);
    return this.w[this.wp]!.length > 0;
  }

  private binop(n: number): boolean {
    const a = this.w[this.wp]!;
    const op = this.next();
    const b = this.next();
    if (b === null) this.syntax(op, "argument expected");
    switch (n) {
      case STREQ: return a === b;
      case STRNE: return a !== b;
      case STRLT: return strcmp(a, b) < 0;
      case STRGT: return strcmp(a, b) > 0;
      case INTEQ: return this.intcmp(a, b) === 0;
      case INTNE: return this.intcmp(a, b) !== 0;
      case INTGE: return this.intcmp(a, b) >= 0;
      case INTGT: return this.intcmp(a, b) > 0;
      case INTLE: return this.intcmp(a, b) <= 0;
      case INTLT: return this.intcmp(a, b) < 0;
      case FILNT: return newer(a, b);
      case FILOT: return newer(b, a);
      case FILEQ: return same(a, b);
    }
    throw new Error(`test: binop ${n}`);
  }

  /** t_lex: the token for s, where the rules below turn would-be operators into operands. */
  private lex(s: string | null): number {
    if (s === null) return EOI;
    const num = findOp(s);
    if (((type(num) === UNOP || type(num) === BUNOP) && this.isunopoperand()) ||
        (num === LPAREN && this.islparenoperand()) ||
        (num === RPAREN && this.isrparenoperand()))
      return OPERAND;
    return num;
  }

  private isunopoperand(): boolean {
    if (this.nargc === 1) return true;
    const s = this.w[this.wp + 1]!;
    if (this.nargc === 2) return this.parenlevel === 1 && s === ")";
    const t = this.w[this.wp + 2]!;
    return type(findOp(s)) === BINOP && (this.parenlevel === 0 || t !== ")");
  }

  private islparenoperand(): boolean {
    if (this.nargc === 1) return true;
    const s = this.w[this.wp + 1]!;
    if (this.nargc === 2) return this.parenlevel === 1 && s === ")";
    if (this.nargc !== 3) return false;
    return type(findOp(s)) === BINOP;
  }

  private isrparenoperand(): boolean {
    if (this.nargc === 1) return false;
    const s = this.w[this.wp + 1]!;
    if (this.nargc === 2) return this.parenlevel === 1 && s === ")";
    return false;
  }

  /** getn: strtol(3) of the whole argument (blanks allowed around it), as an int. */
  private getn(s: string): number {
    return Number(BigInt.asIntN(32, this.getq(s)));
  }

  /** getq: strtoimax(3) of the whole argument, 64-bit; blanks may follow the digits. */
  private getq(s: string): bigint {
    const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
    if (!m) this.error(`${s}: bad number`);
    const v = BigInt(m[1] + m[2]!);
    if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) this.error(`${s}: out of range`);
    if (!/^[ \t\n\v\f\r]*$/.test(s.slice(m[0].length))) this.error(`${s}: bad number`);
    return v;
  }

  private intcmp(a: string, b: string): number {
    const q1 = this.getq(a), q2 = this.getq(b);
    return q1 > q2 ? 1 : q1 < q2 ? -1 : 0;
  }
}

function tryStat(path: string, link = false): Stat | undefined {
  try {
    return link ? lstat(path) : stat(path);
  } catch {
    return undefined;
  }
}

function filstat(path: string, mode: number): boolean {
  const s = tryStat(path, mode === FILSYM);
  if (!s) return false;
  const m = s.mode;
  switch (mode) {
    case FILRD: return access(path, 4);
    case FILWR: return access(path, 2);
    case FILEX:
      if (!access(path, 1)) return false;
      // access(2) says yes to root for any file; root needs an x bit somewhere (or a directory)
      if (S_ISDIR(m) || geteuid() !== 0) return true;
      return (m & 0o111) !== 0;
    case FILEXIST: return access(path, 0);
    case FILREG: return S_ISREG(m);
    case FILDIR: return S_ISDIR(m);
    case FILCDEV: return S_ISCHR(m);
    case FILBDEV: return S_ISBLK(m);
    case FILFIFO: return S_ISFIFO(m);
    case FILSOCK: return S_ISSOCK(m);
    case FILSYM: return S_ISLNK(m);
    case FILSUID: return (m & 0o4000) !== 0;
    case FILSGID: return (m & 0o2000) !== 0;
    case FILSTCK: return (m & 0o1000) !== 0;
    case FILGZ: return s.size > 0;
    case FILUID: return s.uid === geteuid();
    case FILGID: return s.gid === getegid();
  }
  return true;
}

function newer(f1: string, f2: string): boolean {
  const a = tryStat(f1), b = tryStat(f2);
  return !!a && !!b && a.mtimeNs > b.mtimeNs;
}

function same(f1: string, f2: string): boolean {
  const a = tryStat(f1), b = tryStat(f2);
  return !!a && !!b && a.dev === b.dev && a.ino === b.ino;
}

export default defineApplet({
  name: "test",
  main(ctx) {
    let args = ctx.args;
    if (ctx.prog === "[") {
      if (args[args.length - 1] !== "]") errx(ctx, 2, "missing ']'");
      args = args.slice(0, -1);
    }
    if (args.length === 0) return 1; // no expression: false
    return new Eval(ctx, args).run();
  },
});
