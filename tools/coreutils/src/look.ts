// look — print the lines of a sorted file that begin with a string (binary search).
// Not in POSIX. FreeBSD: look(1), from src.freebsd/miscutils/look.
// Options (getopt_long "+adft:"; no permutation):
//   -a, --alternative  accepted and ignored (compatibility)
//   -d, --alphanum     dictionary order: only alphanumeric characters take part in comparisons
//   -f                 fold case (the key and the lines are compared in lower case)
//   -t C, --terminate=C  only the key up to and including the first C is used
//   (--ignore-case is listed in FreeBSD's long options but falls through to usage(): kept)
// With one operand (no file) -d and -f are implied and /usr/share/dict/words is searched.
// Several files are searched one after the other; the status is 0 when any file had a match, 1
// when none, 2 on errors (usage, unreadable file, invalid key, bad -t).
// Characters are UTF-8 in the default locale (LC_ALL=C: bytes). An invalid byte in a line
// compares as the negative value of a signed char, as FreeBSD's compare() does on Linux.
// Deviation: a NUL byte inside a line counts as one character; FreeBSD's compare() does not
// advance past it (mbrtowc returns 0) and loops forever with -d.
import { defineApplet, Getopt, usage, errx, err, utf8Locale, utf8SeqLen, codePointAt, readAll, type LongOpt } from "@bsdbox/shared";
import { open, close, fstat, O, S_ISDIR, encode, strerror } from "@bsdbox/compat";

const USAGE = "usage: look [-df] [-t char] string [file ...]";
const WORDS = "/usr/share/dict/words";
const LONG: LongOpt[] = [
  { name: "alternative", has: 0, val: "a" },
  { name: "alphanum", has: 0, val: "d" },
  { name: "ignore-case", has: 0, val: "i" },
  { name: "terminate", has: 1, val: "t" },
];
const EQUAL = 0, GREATER = 1, LESS = -1;
const ALNUM = /^[\p{Alphabetic}0-9]$/u;

export default defineApplet({
  name: "look",
  main(ctx) {
    const utf8 = utf8Locale(ctx.env);
    const g = new Getopt(ctx, "+adft:", LONG);
    let dflag = false, fflag = false, termchar = 0;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": break;
        case "d": dflag = true; break;
        case "f": fflag = true; break;
        case "t": {
          const b = encode(g.optarg!);
          if (b.length === 0) { termchar = 0; break; }
          const n = utf8 ? utf8SeqLen(b, 0) : 1;
          if (n !== b.length) errx(ctx, 2, "invalid termination character");
          termchar = utf8 ? codePointAt(b, 0, n) : cbyte(b[0]!);
          break;
        }
        default: usage(ctx, USAGE, 2);
      }
    }
    const args = g.rest;
    if (args.length === 0) usage(ctx, USAGE, 2);
    if (args.length === 1) dflag = fflag = true;

    const isalnum = (ch: number) => ch >= 0 && ch <= 0x10ffff && (ch < 0x80 ? isAsciiAlnum(ch) : ALNUM.test(String.fromCodePoint(ch)));
    const lower = (ch: number) => {
      if (ch < 0 || ch > 0x10ffff) return ch;
      if (ch < 0x80) return ch >= 65 && ch <= 90 ? ch + 32 : ch;
      if (ch >= 0xd800 && ch <= 0xdfff) return ch;
      const l = String.fromCodePoint(ch).toLowerCase();
      const cp = l.codePointAt(0)!;
      return l.length === String.fromCodePoint(cp).length ? cp : ch;
    };

    // prepkey
    const kb = encode(args[0]!);
    let key: number[] = [];
    for (let i = 0; i < kb.length; ) {
      if (kb[i] === 0) break;
      let ch: number, n: number;
      if (utf8) {
        n = utf8SeqLen(kb, i);
        if (n === 0) errx(ctx, 2, strerror(84)); // err(2, NULL) with EILSEQ
        ch = codePointAt(kb, i, n);
      } else { n = 1; ch = cbyte(kb[i]!); }
      if (fflag) ch = lower(ch);
      if (!dflag || isalnum(ch)) key.push(ch);
      i += n;
    }
    if (termchar !== 0) {
      const t = key.indexOf(termchar);
      if (t >= 0) key = key.slice(0, t + 1);
    }

    /** compare(): the key against the line at p (ended by '\n' or back). */
    const compare = (buf: Uint8Array, p: number, back: number): number => {
      let k = 0;
      while (k < key.length && p < back && buf[p] !== 10) {
        let ch2: number, len2: number;
        const b = buf[p]!;
        if (b < 0x80) { ch2 = b; len2 = 1; }
        else if (!utf8) { ch2 = cbyte(b); len2 = 1; }
        else {
          len2 = utf8SeqLen(buf, p, back);
          if (len2 === 0) { ch2 = b - 256; len2 = 1; }
          else ch2 = codePointAt(buf, p, len2);
        }
        p += len2;
        if (fflag) ch2 = lower(ch2);
        if (dflag && !isalnum(ch2)) continue;
        const ch1 = key[k++]!;
        if (ch1 !== ch2) return ch1 < ch2 ? LESS : GREATER;
      }
      return k < key.length ? GREATER : EQUAL;
    };

    const files = args.length >= 2 ? args.slice(1) : [WORDS];
    let match = 1;
    for (const file of files) {
      let fd: number;
      let buf: Uint8Array;
      try {
        fd = open(file, O.RDONLY);
      } catch (e) {
        err(ctx, 2, file, e);
      }
      try {
        const st = fstat(fd);
        if (S_ISDIR(st.mode)) err(ctx, 2, file, 19); // mmap(2) of a directory: ENODEV
        buf = readAll(fd);
      } catch (e) {
        err(ctx, 2, file, e);
      } finally {
        try { close(fd); } catch {}
      }
      if (buf.length === 0) continue;
      const back = buf.length;
      let front = binarySearch(buf, 0, back, compare);
      front = linearSearch(buf, front, back, compare);
      if (front < 0) continue;
      match = 0;
      // print_from
      while (front < back && compare(buf, front, back) === EQUAL) {
        let e = buf.indexOf(10, front);
        if (e < 0) e = back;
        ctx.out.write(buf.subarray(front, e));
        ctx.out.byte(10);
        front = e + 1;
      }
    }
    return match;
  },
});

type Cmp = (buf: Uint8Array, p: number, back: number) => number;

function skip(buf: Uint8Array, p: number, back: number): number {
  while (p < back && buf[p++] !== 10);
  return p;
}

function binarySearch(buf: Uint8Array, front: number, back: number, compare: Cmp): number {
  let p = skip(buf, front + Math.floor((back - front) / 2), back);
  while (p < back && back > front) {
    if (compare(buf, p, back) === GREATER) front = p;
    else back = p;
    p = skip(buf, front + Math.floor((back - front) / 2), back);
  }
  return front;
}

function linearSearch(buf: Uint8Array, front: number, back: number, compare: Cmp): number {
  while (front < back) {
    const c = compare(buf, front, back);
    if (c === EQUAL) return front;
    if (c === LESS) return -1;
    front = skip(buf, front, back);
  }
  return -1;
}

/** musl's C locale: bytes 0x80-0xff are the code units U+DF80-U+DFFF. */
function cbyte(b: number): number {
  return b < 0x80 ? b : 0xdf00 + b;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

