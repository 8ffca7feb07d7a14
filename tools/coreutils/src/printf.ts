// printf — formatted output.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/printf.html  FreeBSD: printf(1)
// usage: printf format [arguments ...]   No options; a leading "--" is skipped (getopt "").
// The format's backslash escapes (\\ \' \a \b \f \n \r \t \v, \NNN octal, \xHH hex, \c as "c";
// \045 stays a literal %) are expanded first, then it is applied to the arguments and reused
// while arguments remain; missing arguments read as "" or 0. Conversions: %% %b %c %s
// %d %i %o %u %x %X (intmax_t, strtoimax base 0, 'c or "c gives the character's code point)
// %e %E %f %F %g %G %a %A (double; C/musl formatting), flags # ' - + space 0, width and
// precision as digits or * (from an argument), positional %N$ / *N$ (FreeBSD). \c inside %b's
// argument ends all output. BSD deviations: %L[aAeEfFgG] converts its argument but prints
// nothing (FreeBSD hands "%L" to printf(3)); other length modifiers and %q are "illegal format
// character"; %c prints the first byte; widths and precisions count bytes.
// Errors: "printf: ARG: expected numeric value" / "not completely converted" / "Result not
// representable" print the (partial) value and set status 1; a bad format ends with status 1.
// Everything is bytes: arguments and format keep invalid UTF-8 exactly.
import { defineApplet, Getopt, usage, warnx, encode, decode, strtol, utf8Locale, type Ctx } from "@bsdbox/shared";
import { fmtInt, fmtFloat, makeSpec, strtod, type Spec } from "@bsdbox/shared/format";
import { SysError } from "@bsdbox/compat";

const USAGE = "usage: printf format [arguments ...]";

export default defineApplet({
  name: "printf",
  main(ctx) {
    const g = new Getopt(ctx, "");
    if (g.next() !== undefined) usage(ctx, USAGE);
    const ops = g.rest;
    if (ops.length < 1) usage(ctx, USAGE);
    const status = new Printf(ctx, ops[0]!, ops.slice(1)).run();
    try {
      ctx.out.flush();
    } catch (e) {
      if (!(e instanceof SysError)) throw e; // as stdio at exit: a failed write is not reported
    }
    return status;
  },
});

const END = -2; // \c seen in a %b argument: stop everything
const INT_MAX = 2147483647, INT_MIN = -2147483648;
const IMAX = (1n << 63n) - 1n, IMIN = -(1n << 63n), UMAX = (1n << 64n) - 1n;
const SKIP1 = "#'-+ 0";
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Backslash escapes as FreeBSD's escape(): percent=true for the format (octal up to 3 digits,
 * \x hex, \c kept as "c", an escaped '%' doubled), false for %b (\0NNN, \c stops). */
function escape(s: Uint8Array, percent: boolean): { out: Uint8Array; stop: boolean } {
  const out = new Uint8Array(s.length); // an escape never yields more bytes than it spans
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== 92) { out[o++] = c; continue; }
    if (++i >= s.length) { out[o++] = 92; break; }
    const n = s[i]!;
    switch (n) {
      case 97: out[o++] = 7; break; // a
      case 98: out[o++] = 8; break; // b
      case 99: // c
        if (!percent) return { out: out.subarray(0, o), stop: true };
        out[o++] = 99;
        break;
      case 102: out[o++] = 12; break; // f
      case 110: out[o++] = 10; break; // n
      case 114: out[o++] = 13; break; // r
      case 116: out[o++] = 9; break; // t
      case 118: out[o++] = 11; break; // v
      case 120: { // x
        if (!percent) { out[o++] = 120; break; }
        let v = 0, k = 0;
        for (; k < 2 && i + 1 < s.length; k++) {
          const d = s[i + 1]!, l = d | 32;
          if (isDigit(d)) v = v * 16 + d - 48;
          else if (l >= 97 && l <= 102) v = v * 16 + l - 87;
          else break;
          i++;
        }
        out[o++] = v & 255;
        break;
      }
      default:
        if (n >= 48 && n <= 55) {
          let v = 0;
          let k = !percent && n === 48 ? 4 : 3;
          i--;
          for (; k > 0 && i + 1 < s.length && s[i + 1]! >= 48 && s[i + 1]! <= 55; k--) v = v * 8 + s[++i]! - 48;
          if (percent && v === 37) { out[o++] = 37; out[o++] = 37; } // stays a literal %
          else out[o++] = v & 255;
        } else out[o++] = n; // \\ \' and unknown escapes: the character itself
    }
  }
  return { out: out.subarray(0, o), stop: false };
}

/** FreeBSD's main loop and printf_doformat(), with its argv pointers as indices into `args`:
 * gargv is the next argument (args.length = NULL), myargv/myargc the arguments this pass of
 * the format started with (what %N$ counts from), maxargv the furthest argument used in it. */
class Printf {
  private fmt: Uint8Array;
  private len: number;
  private args: string[];
  private bytes: (Uint8Array | undefined)[];
  private gargv = 0;
  private myargv = 0;
  private myargc = 0;
  private maxargv = 0;
  private rval = 0;
  /** while a conversion runs, FreeBSD has cut the format after it (a "%0$" argument shows it) */
  private cut = -1;
  private dead = false;
  private utf8: boolean;

  constructor(private ctx: Ctx, format: string, args: string[]) {
    this.fmt = escape(encode(format), true).out;
    this.len = this.fmt.length;
    this.args = args;
    this.bytes = new Array(args.length);
    this.utf8 = utf8Locale(ctx.env);
  }

  run(): number {
    let end = 0;
    let pos = 0;
    const fmt = this.fmt, len = this.len;
    for (;;) {
      this.maxargv = this.gargv;
      this.myargv = this.gargv;
      this.myargc = this.args.length - this.gargv;
      let start = pos;
      while (pos < len) {
        if (fmt[pos] === 37) {
          this.put(fmt.subarray(start, pos));
          if (this.at(pos + 1) === 37) {
            this.put("%");
            pos += 2;
          } else {
            const r = this.doformat(pos);
            if (r === null) return 1;
            if (r === END) return this.rval;
            pos = r;
            end = 0;
          }
          start = pos;
        } else pos++;
        if (this.gargv > this.maxargv) this.maxargv = this.gargv;
      }
      this.gargv = this.maxargv;
      if (end === 1) {
        warnx(this.ctx, "missing format character");
        return 1;
      }
      this.put(fmt.subarray(start, pos));
      if (this.gargv >= this.args.length) return this.rval;
      pos = 0;
      end = 1;
    }
  }

  /** The format as a C string: 0 past its end. */
  private at(i: number): number {
    return i < this.len ? this.fmt[i]! : 0;
  }

  private put(b: Uint8Array | string): void {
    if (this.dead || b.length === 0) return;
    try {
      this.ctx.out.write(b);
    } catch (e) {
      // stdio ignores write errors here: printf's status does not reflect them
      if (!(e instanceof SysError)) throw e;
      this.dead = true;
    }
  }

  private warn(msg: string): void {
    warnx(this.ctx, msg);
  }

  /** *gargv as bytes; index -1 (a "%0$" reference) is the format itself, cut at the conversion. */
  private argBytes(i: number): Uint8Array {
    if (i < 0) {
      const f = this.cut < 0 ? this.fmt : this.fmt.subarray(0, this.cut);
      const z = f.indexOf(0);
      return z < 0 ? f : f.subarray(0, z);
    }
    return (this.bytes[i] ??= encode(this.args[i]!));
  }
  private argStr(i: number): string {
    return i < 0 ? decode(this.argBytes(i)) : this.args[i]!;
  }
  private get atEnd(): boolean {
    return this.gargv >= this.args.length;
  }

  /** The argument of a `*` width or precision whose digits (maybe `n$`) start at fmt[i]. */
  private star(i: number, fargv: number | null): { v: number; i: number } | null {
    const l = this.digitRun(i);
    if (l > 0 && this.at(i + l) === 36) {
      if (fargv === null) { this.warn("incomplete use of n$"); return null; }
      this.seek(this.atoi(i, l));
      i += l + 1;
    } else if (fargv !== null) { this.warn("incomplete use of n$"); return null; }
    const v = this.getint();
    if (v === null) return null;
    if (this.gargv > this.maxargv) this.maxargv = this.gargv;
    return { v, i };
  }

  private digitRun(i: number): number {
    let l = 0;
    while (isDigit(this.at(i + l))) l++;
    return l;
  }
  private atoi(i: number, l: number): number {
    const v = Number(decode(this.fmt.subarray(i, i + l)));
    return v > INT_MAX ? INT_MAX : v;
  }
  private seek(idx: number): void {
    this.gargv = idx <= this.myargc ? this.myargv + idx - 1 : this.myargv + this.myargc;
  }

  private doformat(pos: number): number | null {
    let i = pos + 1;
    let fargv: number | null = null;
    let l = this.digitRun(i);
    if (l > 0 && this.at(i + l) === 36) {
      this.seek(this.atoi(i, l));
      if (this.gargv > this.maxargv) this.maxargv = this.gargv;
      i += l + 1;
      fargv = this.gargv;
    }
    let flags = "";
    while (this.at(i) && SKIP1.includes(String.fromCharCode(this.at(i)))) flags += String.fromCharCode(this.fmt[i++]!);
    let width = 0, widthOk = true;
    if (this.at(i) === 42) {
      const w = this.star(i + 1, fargv);
      if (w === null) return null;
      width = w.v;
      i = w.i;
    } else {
      l = this.digitRun(i);
      if (l) { width = Number(decode(this.fmt.subarray(i, i + l))); widthOk = width <= INT_MAX; }
      i += l;
    }
    let prec = -1, precOk = true;
    if (this.at(i) === 46) {
      i++;
      if (this.at(i) === 42) {
        const p = this.star(i + 1, fargv);
        if (p === null) return null;
        prec = p.v;
        i = p.i;
      } else {
        l = this.digitRun(i);
        prec = l ? Number(decode(this.fmt.subarray(i, i + l))) : 0;
        if (prec > INT_MAX) { prec = -1; precOk = false; }
        i += l;
      }
    }
    if (!this.at(i)) { this.warn("missing format character"); return null; }
    let ldbl = false;
    if (this.at(i) === 76) { // L
      ldbl = true;
      i++;
      const c = this.at(i);
      if (c && !"aAeEfFgG".includes(String.fromCharCode(c))) {
        this.warn(`bad modifier L for %${decode(this.fmt.subarray(i, i + 1))}`);
        return null;
      }
    }
    if (fargv !== null) this.gargv = fargv;
    const conv = this.at(i);
    this.cut = i + 1;
    try {
      return this.convert(conv, ldbl, makeSpec(flags, width, prec), widthOk, precOk, i);
    } finally {
      this.cut = -1;
    }
  }

  private convert(conv: number, ldbl: boolean, spec: Spec, widthOk: boolean, precOk: boolean, i: number): number | null {
    // musl's printf refuses a width or precision past INT_MAX: that conversion prints nothing
    const show = widthOk;
    switch (String.fromCharCode(conv)) {
      case "b": {
        const { out, stop } = escape(this.takeStr(), false);
        const z = out.indexOf(0);
        if (show) this.putStr(z < 0 ? out : out.subarray(0, z), spec);
        if (stop) return END;
        break;
      }
      case "c": {
        let ch = 0;
        if (!this.atEnd) ch = this.argBytes(this.gargv++)[0] ?? 0;
        if (ch && show) this.putStr(Uint8Array.of(ch), { ...spec, prec: -1 });
        break;
      }
      case "s":
        { const b = this.takeStr(); if (show) this.putStr(b, spec); }
        break;
      case "d": case "i": case "o": case "u": case "x": case "X": {
        const signed = conv === 100 || conv === 105;
        const v = this.getnum(signed);
        if (v.err) this.rval = 1;
        if (show && precOk) this.put(fmtInt(v.value, String.fromCharCode(conv), spec));
        break;
      }
      case "e": case "E": case "f": case "F": case "g": case "G": case "a": case "A": {
        const v = this.getfloating(ldbl);
        if (v.err) this.rval = 1;
        // FreeBSD builds "%L" without the conversion letter: printf(3) rejects it
        if (show && !ldbl) this.put(fmtFloat(v.value, String.fromCharCode(conv), spec));
        break;
      }
      default:
        this.ctx.err.write(`${this.ctx.prog}: illegal format character `);
        this.ctx.err.write(Uint8Array.of(conv));
        this.ctx.err.write("\n");
        this.ctx.err.flush();
        return null;
    }
    return i + 1;
  }

  /** %s as musl prints it: precision cuts bytes, width pads with spaces ('0' ignored). */
  private putStr(b: Uint8Array, s: Spec): void {
    const p = s.prec ?? -1;
    if (p >= 0 && b.length > p) b = b.subarray(0, p);
    const fill = (s.width ?? 0) - b.length;
    if (fill > 0 && !s.left) this.put(" ".repeat(fill));
    this.put(b);
    if (fill > 0 && s.left) this.put(" ".repeat(fill));
  }

  private takeStr(): Uint8Array {
    if (this.atEnd) return new Uint8Array(0);
    return this.argBytes(this.gargv++);
  }

  /** A width or precision from the arguments (getint). null: stop with status 1. */
  private getint(): number | null {
    const v = this.getnum(true);
    if (v.err) return null;
    if (v.value < BigInt(INT_MIN) || v.value > BigInt(INT_MAX)) {
      // FreeBSD names the argument after the offending one here
      this.warn(`${this.atEnd ? "(null)" : this.argStr(this.gargv)}: Result not representable`);
      return null;
    }
    return Number(v.value);
  }

  /** 'c or "c: the code point of c (its byte when not valid UTF-8); advances gargv. */
  private asciicode(): number {
    const b = this.argBytes(this.gargv);
    const s = this.argStr(this.gargv);
    this.gargv++;
    if (b.length < 2) return 0;
    if (!this.utf8) return b[1]! < 0x80 ? b[1]! : 0xdf00 + b[1]!;
    const cp = s.codePointAt(1)!;
    return cp >= 0xdc80 && cp <= 0xdcff ? cp - 0xdc00 : cp;
  }

  private getnum(signed: boolean): { value: bigint; err: boolean } {
    if (this.atEnd) return { value: 0n, err: false };
    const s = this.argStr(this.gargv);
    if (s[0] === '"' || s[0] === "'") return { value: BigInt(this.asciicode()), err: false };
    const r = strtol(s, 0);
    let v = r.value, err = false;
    if (!r.digits) { this.warn(`${s}: expected numeric value`); err = true; }
    else if (r.end < s.length) { this.warn(`${s}: not completely converted`); err = true; }
    let range = false;
    if (signed) {
      if (v > IMAX) { v = IMAX; range = true; } else if (v < IMIN) { v = IMIN; range = true; }
    } else {
      const mag = v < 0n ? -v : v;
      if (mag > UMAX) { v = UMAX; range = true; } else v = BigInt.asUintN(64, v);
    }
    if (range) { this.warn(`${s}: Result not representable`); err = true; }
    this.gargv++;
    return { value: v, err };
  }

  private getfloating(ldbl: boolean): { value: number; err: boolean } {
    if (this.atEnd) return { value: 0, err: false };
    const s = this.argStr(this.gargv);
    if (s[0] === '"' || s[0] === "'") return { value: this.asciicode(), err: false };
    const r = strtod(s);
    let err = false;
    if (r.end === 0) { this.warn(`${s}: expected numeric value`); err = true; }
    else if (r.end < s.length) { this.warn(`${s}: not completely converted`); err = true; }
    // strtold's range is far wider; only the double's limits are modelled
    if (r.erange && !ldbl) { this.warn(`${s}: Result not representable`); err = true; }
    this.gargv++;
    return { value: r.value, err };
  }
}
