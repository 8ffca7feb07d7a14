// tr — translate, squeeze or delete characters.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/tr.html  FreeBSD: tr(1)
// Usage: tr [-Ccsu] string1 string2 | tr [-Ccu] -d string1 | tr [-Ccu] -s string1
//        | tr [-Ccu] -ds string1 string2          (getopt "Ccdsu")
//   -c complement string1 (all characters in code point order)   -C complement, runes only
//   -d delete string1's characters   -s squeeze repeats of the last string's characters
//   -u unbuffered output
// Strings: \NNN octal, \a \b \f \n \r \t \v, \x = x, ranges a-z, [:class:], [=c=], [c*n] /
// [c*] (string2 only; n decimal, 0octal or 0xhex). Characters are UTF-8 (LC_ALL=C: bytes).
// BSD/musl behaviour kept: classes enumerate only code points 0-255 (so [:lower:] and
// [:upper:] pair é/É but not Greek); lower->upper pairs use towupper (ß -> ẞ); input is read
// with musl's getwchar, so an invalid byte ends the input silently (status 0) and a broken or
// truncated sequence ends it with "Illegal byte sequence" (status 1); in LC_ALL=C bytes
// 0x80-0xFF are U+DF80-U+DFFF, so octal escapes above \177 never match them and cannot be
// written; with -C, -d and -s sets are empty, because musl has no "rune" wctype (the FreeBSD
// code adds that class inverted, which then matches everything).
import { defineApplet, Getopt, usage, errx, utf8Locale, encode, type Ctx } from "@bsdbox/shared";
import { strerror } from "@bsdbox/compat";
import { WideReader, WEOF, putw, mbrtowc, iswcntrl, iswspace } from "@bsdbox/shared/wchar";
import { iswprint } from "@bsdbox/shared";

const USAGE = `usage: tr [-Ccsu] string1 string2
       tr [-Ccu] -d string1
       tr [-Ccu] -s string1
       tr [-Ccu] -ds string1 string2`;

const OOBCH = -1;
const SELF = -2;
const enum St { EOS, INFINITE, NORMAL, RANGE, SEQUENCE, CCLASS, CCLASS_UPPER, CCLASS_LOWER, SET }

// ---- musl's character classes and case mappings (locale independent) ----
const ALPHA = /^\p{Alphabetic}$/u;
const PUNCT = /^[\p{P}\p{S}]$/u;
function towupper(c: number): number {
  if (c < 0x61) return c;
  if (c <= 0x7a) return c - 32;
  if (c < 0x80) return c;
  if (c === 0xdf) return 0x1e9e;
  const u = String.fromCodePoint(c).toUpperCase();
  const cp = u.codePointAt(0)!;
  return u.length === (cp > 0xffff ? 2 : 1) ? cp : c;
}
function towlower(c: number): number {
  if (c < 0x41) return c;
  if (c <= 0x5a) return c + 32;
  if (c < 0x80) return c;
  if (c === 0x1e9e) return 0xdf;
  const u = String.fromCodePoint(c).toLowerCase();
  const cp = u.codePointAt(0)!;
  return u.length === (cp > 0xffff ? 2 : 1) ? cp : c;
}
const iswlower = (c: number) => towupper(c) !== c;
const iswupper = (c: number) => towlower(c) !== c;
const iswdigit = (c: number) => c >= 0x30 && c <= 0x39;
const iswalpha = (c: number) => c < 0x80 ? (c | 32) >= 0x61 && (c | 32) <= 0x7a : ALPHA.test(String.fromCodePoint(c));
const iswpunct = (c: number) => c > 0x20 && c < 0x7f ? !iswdigit(c) && !iswalpha(c) : c >= 0xa0 && PUNCT.test(String.fromCodePoint(c));
const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => iswdigit(c) || iswalpha(c),
  alpha: iswalpha,
  blank: (c) => c === 32 || c === 9,
  cntrl: iswcntrl,
  digit: iswdigit,
  graph: (c) => !iswspace(c) && iswprint(c),
  lower: iswlower,
  print: iswprint,
  punct: iswpunct,
  space: iswspace,
  upper: iswupper,
  xdigit: (c) => iswdigit(c) || ((c | 32) >= 0x61 && (c | 32) <= 0x66),
};
const iswrune = (c: number) => iswprint(c) || iswcntrl(c);

// ---- the string parser (FreeBSD str.c's next()) ----
class Str {
  state = St.NORMAL;
  cnt = 0;
  lastch = OOBCH;
  cclass: (c: number) => boolean = () => false;
  set: number[] = [];
  i = 0;
  constructor(private ctx: Ctx, private which: 1 | 2, private s: Uint8Array, private utf8: boolean) {}

  private at(k: number): number {
    return k < this.s.length ? this.s[k]! : 0;
  }
  private find(from: number, chars: string): number {
    for (let k = from; k < this.s.length; k++) {
      const b = this.s[k]!;
      if (b === 0) break;
      for (let j = 0; j < chars.length; j++) if (b === chars.charCodeAt(j)) return k;
    }
    return -1;
  }
  private mb(): number {
    const [wc, len] = mbrtowc(this.s, this.i, this.utf8);
    if (len < 0) errx(this.ctx, 1, "Illegal byte sequence");
    this.i += len;
    return wc;
  }

  next(): boolean {
    switch (this.state) {
      case St.EOS: return false;
      case St.INFINITE: return true;
      case St.NORMAL: {
        const c = this.at(this.i);
        const oct = { v: false };
        if (c === 0) {
          this.state = St.EOS;
          return false;
        }
        if (c === 0x5c) this.lastch = this.backslash(oct);
        else {
          if (c === 0x5b && this.bracket()) return this.next();
          const [wc, len] = mbrtowc(this.s, this.i, this.utf8);
          if (len <= 0) errx(this.ctx, 1, "Illegal byte sequence");
          this.lastch = wc;
          this.i += len;
        }
        if (this.at(this.i) === 0x2d && this.genrange(oct.v)) return this.next();
        return true;
      }
      case St.RANGE:
        if (this.cnt-- === 0) {
          this.state = St.NORMAL;
          return this.next();
        }
        this.lastch++;
        return true;
      case St.SEQUENCE:
        if (this.cnt-- === 0) {
          this.state = St.NORMAL;
          return this.next();
        }
        return true;
      case St.CCLASS:
      case St.CCLASS_UPPER:
      case St.CCLASS_LOWER: {
        this.cnt++;
        let ch = this.lastch;
        if (ch === OOBCH) ch = 0;
        else if (ch >= 255) ch = -1;
        else ch++;
        while (ch >= 0 && ch <= 255 && !this.cclass(ch)) ch++;
        if (ch < 0 || ch > 255) {
          this.state = St.NORMAL;
          return this.next();
        }
        this.lastch = ch;
        return true;
      }
      case St.SET: {
        const ch = this.set[this.cnt++]!;
        if (ch === OOBCH) {
          this.state = St.NORMAL;
          return this.next();
        }
        this.lastch = ch;
        return true;
      }
    }
  }

  private bracket(): boolean {
    const s = this.i;
    switch (this.at(s + 1)) {
      case 0x3a: { // [:class:]
        const p = this.find(s + 2, "]");
        if (p < 0) return false;
        if (this.at(p - 1) === 0x3a && p - s >= 4) {
          this.i = s + 2;
          this.genclass(p - 1);
          this.i = p + 1;
          return true;
        }
        break;
      }
      case 0x3d: { // [=equiv=]
        if (this.at(s + 2) === 0) return false;
        const p = this.find(s + 3, "]");
        if (p < 0) return false;
        if (this.at(p - 1) === 0x3d && p - s >= 4) {
          this.i = s + 2;
          this.genequiv();
          return true;
        }
        break;
      }
    }
    // [c*n]
    const p = this.find(s + 2, "*]");
    if (p < 0 || this.at(p) !== 0x2a || this.find(p, "]") < 0) return false;
    this.i = s + 1;
    this.genseq();
    return true;
  }

  private genclass(end: number): void {
    let name = "";
    for (let k = this.i; k < end; k++) name += String.fromCharCode(this.s[k]!);
    const f = Object.hasOwn(CLASSES, name) ? CLASSES[name] : undefined;
    if (!f) errx(this.ctx, 1, `unknown class ${new TextDecoder().decode(this.s.subarray(this.i, end))}`);
    this.cclass = f;
    this.cnt = 0;
    this.lastch = OOBCH;
    this.state = name === "upper" ? St.CCLASS_UPPER : name === "lower" ? St.CCLASS_LOWER : St.CCLASS;
  }

  private genequiv(): void {
    let c: number;
    if (this.at(this.i) === 0x5c) {
      c = this.backslash(null);
      if (this.at(this.i) !== 0x3d) errx(this.ctx, 1, "misplaced equivalence equals sign");
      this.i += 2;
    } else {
      const [wc, len] = mbrtowc(this.s, this.i, this.utf8);
      if (len <= 0) errx(this.ctx, 1, "Illegal byte sequence");
      c = wc;
      if (this.at(this.i + len) !== 0x3d) errx(this.ctx, 1, "misplaced equivalence equals sign");
      this.i += len + 2;
    }
    // musl's strxfrm is strcpy: each byte is its own class; C locale lists it twice
    this.set = [c];
    if (!this.utf8 && (c & 0xff) !== 0) this.set.push(c & 0xff);
    this.set.push(OOBCH);
    this.cnt = 0;
    this.state = St.SET;
  }

  private genrange(wasOctal: boolean): boolean {
    const save = this.i;
    const oct = { v: false };
    this.i++;
    let stop: number;
    if (this.at(this.i) === 0x5c) stop = this.backslash(oct);
    else {
      const [wc, len] = mbrtowc(this.s, this.i, this.utf8);
      if (len < 0) errx(this.ctx, 1, "Illegal byte sequence");
      stop = wc;
      this.i += len;
    }
    if (oct.v || wasOctal || this.utf8) {
      if (stop < this.lastch) {
        this.i = save;
        return false;
      }
      this.cnt = stop - this.lastch + 1;
      this.state = St.RANGE;
      this.lastch--;
      return true;
    }
    // single-byte locale: collation (byte) order of the low bytes
    const lo = this.lastch & 0xff, hi = stop & 0xff;
    if (hi < lo) {
      this.i = save;
      return false;
    }
    this.set = [];
    for (let c = lo; c <= hi; c++) this.set.push(c);
    this.set.push(OOBCH);
    this.cnt = 0;
    this.state = St.SET;
    return true;
  }

  private genseq(): void {
    if (this.which === 1) errx(this.ctx, 1, "sequences only valid in string2");
    if (this.at(this.i) === 0x5c) this.lastch = this.backslash(null);
    else this.lastch = this.mb();
    if (this.at(this.i) !== 0x2a) errx(this.ctx, 1, "misplaced sequence asterisk");
    const c = this.at(++this.i);
    if (c === 0x5c) this.cnt = this.backslash(null);
    else if (c === 0x5d) {
      this.cnt = 0;
      this.i++;
    } else {
      let ok = false;
      if (c >= 0x30 && c <= 0x39) {
        // strtol(s, &ep, 0)
        let k = this.i, base = 10, v = 0n;
        if (c === 0x30) {
          base = 8;
          if ((this.at(k + 1) | 32) === 0x78 && isDigit(this.at(k + 2), 16)) { base = 16; k += 2; }
        }
        while (isDigit(this.at(k), base)) {
          v = v * BigInt(base) + BigInt(parseInt(String.fromCharCode(this.at(k)), 16));
          k++;
        }
        if (this.at(k) === 0x5d) {
          // strtol clamps to LONG_MAX; the count is an int
          this.cnt = Number(BigInt.asIntN(32, v > 0x7fffffffffffffffn ? 0x7fffffffffffffffn : v));
          this.i = k + 1;
          ok = true;
        }
      }
      if (!ok) errx(this.ctx, 1, "illegal sequence count");
    }
    this.state = this.cnt ? St.SEQUENCE : St.INFINITE;
  }

  /** \NNN (up to 3 octal digits) or \c; this.i is at the backslash. */
  private backslash(oct: { v: boolean } | null): number {
    let cnt = 0, val = 0, ch = 0;
    for (;;) {
      ch = this.at(++this.i);
      if (ch < 0x30 || ch > 0x37) break;
      val = val * 8 + ch - 0x30;
      if (++cnt === 3) {
        ++this.i;
        break;
      }
    }
    if (cnt) {
      if (oct) oct.v = true;
      return val;
    }
    if (ch !== 0) ++this.i;
    switch (ch) {
      case 0x61: return 7;
      case 0x62: return 8;
      case 0x66: return 12;
      case 0x6e: return 10;
      case 0x72: return 13;
      case 0x74: return 9;
      case 0x76: return 11;
      case 0:
        this.state = St.EOS;
        return 0x5c;
      default: return ch;
    }
  }
}

function isDigit(b: number, base: number): boolean {
  if (base === 16) return (b >= 0x30 && b <= 0x39) || ((b | 32) >= 0x61 && (b | 32) <= 0x66);
  return b >= 0x30 && b < 0x30 + base;
}

/** A character set as cset.c keeps it: listed characters, an "everything" class, inversion. */
class CSet {
  chars = new Set<number>();
  all = false;
  invert = false;
  private cache = new Uint8Array(256);
  finish(): this {
    for (let c = 0; c < 256; c++) this.cache[c] = this.hard(c) ? 1 : 0;
    return this;
  }
  hard(c: number): boolean {
    return this.invert !== (this.all || this.chars.has(c));
  }
  has(c: number): boolean {
    return c < 256 ? this.cache[c] === 1 : this.hard(c);
  }
}

function setup(ctx: Ctx, arg: Uint8Array, utf8: boolean, cflag: boolean, Cflag: boolean): CSet {
  const cs = new CSet();
  const s = new Str(ctx, 1, arg, utf8);
  while (s.next()) cs.chars.add(s.lastch);
  if (Cflag) cs.all = true; // musl: wctype("rune") is 0, inverted it matches everything
  if (cflag || Cflag) cs.invert = true;
  return cs.finish();
}

export default defineApplet({
  name: "tr",
  main(ctx) {
    const g = new Getopt(ctx, "Ccdsu");
    let Cflag = false, cflag = false, dflag = false, sflag = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "C": Cflag = true; cflag = false; break;
        case "c": cflag = true; Cflag = false; break;
        case "d": dflag = true; break;
        case "s": sflag = true; break;
        case "u": ctx.out.unbuffered = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const args = g.rest;
    if (args.length < 1 || args.length > 2) usage(ctx, USAGE);
    const two = args.length === 2;
    const utf8 = utf8Locale(ctx.env);
    const a1 = encode(args[0]!), a2 = two ? encode(args[1]!) : new Uint8Array(0);
    const inp = new WideReader(ctx.stdin, utf8, 1 << 18);

    if (dflag && sflag) {
      if (!two) usage(ctx, USAGE);
      const del = setup(ctx, a1, utf8, cflag, Cflag);
      const sq = setup(ctx, a2, utf8, false, false);
      return pump(ctx, inp, (ch, last) => !del.has(ch) && (last !== ch || !sq.has(ch)), (ch) => ch, utf8);
    }
    if (dflag) {
      if (two) usage(ctx, USAGE);
      const del = setup(ctx, a1, utf8, cflag, Cflag);
      return pump(ctx, inp, (ch) => !del.has(ch), (ch) => ch, utf8, false);
    }
    if (sflag && !two) {
      const sq = setup(ctx, a1, utf8, cflag, Cflag);
      return pump(ctx, inp, (ch, last) => last !== ch || !sq.has(ch), (ch) => ch, utf8);
    }
    if (!two) usage(ctx, USAGE);

    // translation
    const map = new Map<number, number>();
    let def = SELF;
    const squeeze = new CSet();
    const s1 = new Str(ctx, 1, a1, utf8);
    if (Cflag || cflag) def = OOBCH;
    let s2 = new Str(ctx, 2, a2, utf8);
    if (!s2.next()) errx(ctx, 1, "empty string2");
    outer: while (s1.next()) {
      for (;;) {
        if (s1.state === St.CCLASS_LOWER && s2.state === St.CCLASS_UPPER && s1.cnt === 1 && s2.cnt === 1) {
          do {
            const ch = towupper(s1.lastch);
            map.set(s1.lastch, ch);
            if (sflag && iswupper(ch)) squeeze.chars.add(ch);
            if (!s1.next()) break outer;
          } while (s1.state === St.CCLASS_LOWER && s1.cnt > 1);
          do {
            if (!s2.next()) break;
          } while (s2.state === St.CCLASS_UPPER && s2.cnt > 1);
          continue;
        } else if (s1.state === St.CCLASS_UPPER && s2.state === St.CCLASS_LOWER && s1.cnt === 1 && s2.cnt === 1) {
          do {
            const ch = towlower(s1.lastch);
            map.set(s1.lastch, ch);
            if (sflag && iswlower(ch)) squeeze.chars.add(ch);
            if (!s1.next()) break outer;
          } while (s1.state === St.CCLASS_UPPER && s1.cnt > 1);
          do {
            if (!s2.next()) break;
          } while (s2.state === St.CCLASS_LOWER && s2.cnt > 1);
          continue;
        }
        map.set(s1.lastch, s2.lastch);
        if (sflag) squeeze.chars.add(s2.lastch);
        break;
      }
      s2.next();
    }

    let lookup: (ch: number) => number;
    if (cflag || (Cflag && utf8)) {
      // string1's characters map to themselves; all others, in code point order, take
      // string2's characters in turn, the last one repeating
      const keep = map;
      const given = new Map<number, number>();
      s2 = new Str(ctx, 2, a2, utf8);
      for (let cnt = 0; s2.state !== St.EOS && s2.state !== St.INFINITE; cnt++) {
        if (Cflag && !iswrune(cnt)) continue;
        if (keep.has(cnt)) continue;
        if (s2.next()) {
          given.set(cnt, s2.lastch);
          if (sflag) squeeze.chars.add(s2.lastch);
        }
      }
      const last = s2.lastch;
      lookup = (ch) => keep.has(ch) ? ch : given.get(ch) ?? last;
    } else if (Cflag) {
      // single-byte locale: bytes not in string1, in byte order
      s2 = new Str(ctx, 2, a2, utf8);
      for (let c = 0; c < 256; c++) {
        if (map.has(c)) {
          map.set(c, c);
          continue;
        }
        s2.next();
        map.set(c, s2.lastch);
        if (sflag) squeeze.chars.add(s2.lastch);
      }
      lookup = (ch) => map.get(ch) ?? def;
    } else lookup = (ch) => map.get(ch) ?? (def === SELF ? ch : def);
    squeeze.finish();
    const cache = new Int32Array(256);
    for (let c = 0; c < 256; c++) cache[c] = Cflag && !iswrune(c) ? c : lookup(c);
    const xl = (ch: number) => ch < 256 ? cache[ch]! : Cflag && !iswrune(ch) ? ch : lookup(ch);
    if (sflag) return pump(ctx, inp, (ch, last) => last !== ch || !squeeze.has(ch), xl, utf8);
    return pump(ctx, inp, () => true, xl, utf8, false);
  },
});

/** The I/O loop: each input character is mapped, then written when keep(mapped, last written). */
function pump(ctx: Ctx, inp: WideReader, keep: (ch: number, last: number) => boolean,
  map: (ch: number) => number, utf8: boolean, track = true): number {
  const out = ctx.out;
  let last = OOBCH;
  // stateless modes: bytes that map to bytes (or are deleted) go through a table: ASCII, and in
  // a single-byte locale the bytes 0x80-0xFF (read as U+DF80-U+DFFF, written back as bytes)
  const fast = new Int16Array(256).fill(-2);
  let allBytes = false;
  if (!track) {
    for (let b = 0; b < 256; b++) {
      if (b >= 0x80 && utf8) break;
      const m = map(b < 0x80 ? b : 0xdf00 | b);
      if (!keep(m, OOBCH)) fast[b] = -1;
      else if (m >= 0 && m < 0x80) fast[b] = m;
      else if (b >= 0x80 && m >= 0xdf80 && m <= 0xdfff) fast[b] = m & 0xff;
    }
    allBytes = !utf8 && fast.every((m) => m >= 0);
  }
  const tab = new Uint8Array(256);
  for (let b = 0; b < 256; b++) tab[b] = fast[b]! & 0xff;
  const obuf = new Uint8Array(Math.max(65536, inp.buf.length));
  // for large chunks: two bytes at a time through a 65,536-entry table, four per step (made at the
  // first large chunk: a short input, tr in a script, does not pay for it)
  let tab2: Uint16Array | undefined, words: Uint32Array | undefined;
  for (;;) {
    if (allBytes) {
      // every byte translates to one byte: no branch per byte, in place (the bytes are consumed)
      const buf = inp.buf, e = inp.end;
      const p = inp.pos;
      if (p < e) {
        let i = p;
        if (e - p >= 65536 && buf.byteOffset === 0) {
          if (!tab2) {
            tab2 = new Uint16Array(65536);
            for (let v = 0; v < 65536; v++) tab2[v] = tab[v & 0xff]! | (tab[v >> 8]! << 8);
          }
          if (words?.buffer !== buf.buffer) words = new Uint32Array(buf.buffer, 0, buf.buffer.byteLength >> 2);
          for (; i & 3; i++) buf[i] = tab[buf[i]!]!;
          const we = e >> 2;
          for (let w = i >> 2; w < we; w++) {
            const v = words[w]!;
            words[w] = (tab2[v & 0xffff]! | (tab2[v >>> 16]! << 16)) >>> 0;
          }
          i = we << 2;
        }
        for (; i < e; i++) buf[i] = tab[buf[i]!]!;
        inp.pos = e;
        out.write(buf.subarray(p, e));
      }
    } else if (!track) {
      const buf = inp.buf, e = inp.end;
      let p = inp.pos, o = 0;
      while (p < e) {
        const m = fast[buf[p]!]!;
        if (m < -1) break;
        p++;
        if (m >= 0) obuf[o++] = m;
      }
      inp.pos = p;
      if (o) out.write(obuf.subarray(0, o));
    }
    let ch: number;
    if (inp.pos < inp.end && inp.buf[inp.pos]! < 0x80) ch = inp.buf[inp.pos++]!;
    else if ((ch = inp.get()) === WEOF) break;
    ch = map(ch);
    if (!keep(ch, last)) continue;
    if (track) last = ch;
    if (ch >= 0 && ch < 0x80) out.byte(ch);
    else putw(out, ch, utf8);
  }
  if (inp.error) {
    out.flush();
    errx(ctx, 1, strerror(inp.errno));
  }
  return 0;
}
