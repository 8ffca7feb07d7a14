// musl's wide-character input (getwc) over a byte stream, for the tools that read characters
// with getwc(3): cut -c, paste. The rules, from musl's fgetwc:
// - a valid UTF-8 sequence is one character;
// - a byte that cannot start a character is consumed and WEOF is returned (no error flag);
// - a valid start followed by a byte that cannot continue it: the start is consumed, the bad
//   byte is left for the next call, WEOF is returned and the error flag is set (errno EILSEQ);
// - a sequence cut off by the end of input: consumed, WEOF, error flag set (EILSEQ);
// - end of input is sticky (a second reader of the same stream sees WEOF at once).
// In the C locale (utf8 false) every byte is one character and nothing is invalid.
import { SysError, ERRNO, utf8SeqLen } from "@bsdbox/compat";
import { Reader } from "./io";
import { codePointAt } from "./chars";

/** The number of bytes at b[i..end) that musl's mbrtowc accepts as the beginning of one
 * character before deciding it is invalid: 0 when b[i] cannot start a character. Only meaningful
 * where utf8SeqLen(b, i, end) is 0. When i + result === end, the sequence was cut off by `end`. */
export function mbPrefix(b: Uint8Array, i: number, end: number): number {
  const c = b[i]!;
  let need: number;
  if (c >= 0xc2 && c <= 0xdf) need = 2;
  else if (c >= 0xe0 && c <= 0xef) need = 3;
  else if (c >= 0xf0 && c <= 0xf4) need = 4;
  else return 0;
  let k = 1;
  for (; k < need && i + k < end; k++) {
    const d = b[i + k]!;
    let lo = 0x80, hi = 0xbf;
    if (k === 1) {
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
      else if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    }
    if (d < lo || d > hi) return k;
  }
  return k;
}

export const WEOF = -1;

/** getwc(3) on a descriptor, line by line underneath so that raw bytes can be copied out. */
export class WideIn {
  private r: Reader;
  /** the current line (a view into the reader's buffer) and the position in it */
  private l: Uint8Array = new Uint8Array(0);
  private i = 0;
  /** ferror(): set by an invalid continuation byte or a read error; errno in `errno` */
  ferr = false;
  errno = 0;
  /** start of the last character returned by getwc (its bytes are line()[cs..pos)) */
  cs = 0;

  constructor(fd: number, public utf8: boolean) {
    this.r = new Reader(fd);
  }

  private more(): boolean {
    if (this.i < this.l.length) return true;
    let l: Uint8Array | null;
    try {
      l = this.r.line();
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.r.eof = true;
      this.ferr = true;
      this.errno = e.errno;
      l = null;
    }
    if (!l) {
      this.l = new Uint8Array(0);
      this.i = 0;
      return false;
    }
    this.l = l;
    this.i = 0;
    return true;
  }

  /** The next character, or WEOF. Its bytes are bytes(). */
  getwc(): number {
    if (!this.more()) return WEOF;
    const l = this.l, i = this.i;
    this.cs = i;
    const b = l[i]!;
    if (b < 0x80 || !this.utf8) {
      this.i = i + 1;
      return b;
    }
    const n = utf8SeqLen(l, i, l.length);
    if (n) {
      this.i = i + n;
      return codePointAt(l, i, n);
    }
    this.invalid();
    return WEOF;
  }

  /** Consume an invalid sequence at the current position as fgetwc does. */
  private invalid(): void {
    const l = this.l, i = this.i;
    const k = mbPrefix(l, i, l.length);
    if (k === 0) this.i = i + 1;
    else {
      this.i = i + k;
      this.ferr = true;
      this.errno = ERRNO.EILSEQ!;
    }
  }

  /** The bytes of the last character getwc returned. */
  bytes(): Uint8Array {
    return this.l.subarray(this.cs, this.i);
  }

  /** getwc() repeated until '\n' or WEOF: the valid characters read (a view, valid until the
   * next call) and what ended them: 10 for a newline (consumed), WEOF otherwise. An empty
   * result ending in WEOF means the first getwc() already returned WEOF. */
  take(): { seg: Uint8Array; term: number } {
    if (!this.more()) return { seg: this.l, term: WEOF };
    const l = this.l, len = l.length, start = this.i;
    let i = start;
    if (!this.utf8) {
      const j = l.indexOf(10, i);
      if (j >= 0) {
        this.i = j + 1;
        return { seg: l.subarray(start, j), term: 10 };
      }
      this.i = len;
      return { seg: l.subarray(start, len), term: WEOF };
    }
    while (i < len) {
      const b = l[i]!;
      if (b === 10) {
        this.i = i + 1;
        return { seg: l.subarray(start, i), term: 10 };
      }
      if (b < 0x80) { i++; continue; }
      const n = utf8SeqLen(l, i, len);
      if (!n) {
        this.i = i;
        this.invalid();
        return { seg: l.subarray(start, i), term: WEOF };
      }
      i += n;
    }
    // the last line, without a newline: the next getwc() meets the end of input
    this.i = len;
    return { seg: l.subarray(start, len), term: WEOF };
  }
}
