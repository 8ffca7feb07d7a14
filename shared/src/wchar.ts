// Wide-character stdio as musl does it (src/stdio/fgetwc.c, fputwc.c), for the tools that BSD
// wrote with getwchar/putwchar (tr, expand, unexpand, fold, rev, colrm).
// - C.UTF-8: a valid sequence is one character. An invalid first byte is consumed and reads as
//   WEOF with no error flag (the tools stop as at end of file); a sequence broken by a bad later
//   byte, or cut by the end of the input, reads as WEOF and sets the error flag (EILSEQ); the
//   bad later byte stays in the stream.
// - C/POSIX: one byte is one character; bytes 0x80-0xFF read as U+DF80-U+DFFF (musl's C locale)
//   and only those (plus ASCII) can be written back.
import { read, SysError } from "@bsdbox/compat";
import type { Writer } from "./io";

export const WEOF = -1;

export class WideReader {
  buf: Uint8Array;
  pos = 0;
  end = 0;
  /** feof() */
  eof = false;
  /** ferror(), with its errno (EILSEQ 84, or the read error) */
  error = false;
  errno = 0;

  constructor(public fd: number, public utf8: boolean, size = 65536) {
    this.buf = new Uint8Array(size);
  }

  /** Make at least `need` bytes available from pos; false when the input ends first. */
  private more(need: number): boolean {
    while (this.end - this.pos < need) {
      if (this.eof) return false;
      if (this.pos > 0) {
        this.buf.copyWithin(0, this.pos, this.end);
        this.end -= this.pos;
        this.pos = 0;
      }
      let n: number;
      try {
        n = read(this.fd, this.buf, this.end, this.buf.length - this.end);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        this.error = true;
        this.errno = e.errno;
        return false;
      }
      if (n === 0) {
        this.eof = true;
        return false;
      }
      this.end += n;
    }
    return true;
  }

  /** fgetwc: the next character, or WEOF (-1). */
  get(): number {
    if (this.pos >= this.end && !this.more(1)) return WEOF;
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return b;
    }
    if (!this.utf8) {
      this.pos++;
      return 0xdf00 | b;
    }
    return this.multi(b);
  }

  private multi(b: number): number {
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) {
      this.pos++;
      return WEOF;
    }
    let cp = b & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
    for (let k = 1; k < n; k++) {
      if (this.end - this.pos <= k && !this.more(k + 1)) {
        this.pos = this.end; // all bytes read so far are consumed
        this.error = true;
        if (!this.errno) this.errno = 84;
        return WEOF;
      }
      const d = this.buf[this.pos + k]!;
      let ok = (d & 0xc0) === 0x80;
      if (ok && k === 1) {
        if (b === 0xe0) ok = d >= 0xa0;
        else if (b === 0xed) ok = d < 0xa0;
        else if (b === 0xf0) ok = d >= 0x90;
        else if (b === 0xf4) ok = d < 0x90;
      }
      if (!ok) {
        this.pos += k; // the bad byte is pushed back
        this.error = true;
        this.errno = 84;
        return WEOF;
      }
      cp = (cp << 6) | (d & 0x3f);
    }
    this.pos += n;
    return cp;
  }
}

/** fputwc: write one character; false (and nothing written) when the locale cannot encode it. */
export function putw(out: Writer, wc: number, utf8: boolean): boolean {
  if (wc >= 0 && wc < 0x80) {
    out.byte(wc);
    return true;
  }
  if (!utf8) {
    if (wc >= 0xdf80 && wc <= 0xdfff) {
      out.byte(wc & 0xff);
      return true;
    }
    return false;
  }
  if (wc < 0x800 && wc >= 0) {
    out.byte(0xc0 | (wc >> 6));
    out.byte(0x80 | (wc & 0x3f));
  } else if (wc < 0x10000 && wc >= 0) {
    if (wc >= 0xd800 && wc <= 0xdfff) return false;
    out.byte(0xe0 | (wc >> 12));
    out.byte(0x80 | ((wc >> 6) & 0x3f));
    out.byte(0x80 | (wc & 0x3f));
  } else if (wc <= 0x10ffff && wc >= 0) {
    out.byte(0xf0 | (wc >> 18));
    out.byte(0x80 | ((wc >> 12) & 0x3f));
    out.byte(0x80 | ((wc >> 6) & 0x3f));
    out.byte(0x80 | (wc & 0x3f));
  } else return false;
  return true;
}

/** wcrtomb's length for a character (-1 when it cannot be encoded). */
export function wcLen(wc: number, utf8: boolean): number {
  if (wc >= 0 && wc < 0x80) return 1;
  if (!utf8) return wc >= 0xdf80 && wc <= 0xdfff ? 1 : -1;
  if (wc < 0) return -1;
  if (wc < 0x800) return 2;
  if (wc < 0x10000) return wc >= 0xd800 && wc <= 0xdfff ? -1 : 3;
  return wc <= 0x10ffff ? 4 : -1;
}

/** mbrtowc over a byte string (an argument): [character, length], length -1 when invalid or
 * incomplete; 0 at a NUL byte or the end. */
export function mbrtowc(b: Uint8Array, i: number, utf8: boolean): [number, number] {
  if (i >= b.length || b[i] === 0) return [0, 0];
  const c = b[i]!;
  if (c < 0x80) return [c, 1];
  if (!utf8) return [0xdf00 | c, 1];
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!n || i + n > b.length) return [0, -1];
  let cp = c & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let k = 1; k < n; k++) {
    const d = b[i + k]!;
    if ((d & 0xc0) !== 0x80) return [0, -1];
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < (n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return [0, -1];
  return [cp, n];
}

/** musl iswcntrl */
export function iswcntrl(wc: number): boolean {
  return wc < 32 || (wc >= 0x7f && wc < 0xa0) || wc === 0x2028 || wc === 0x2029 || (wc >= 0xfff9 && wc <= 0xfffb);
}

/** musl iswspace */
export function iswspace(wc: number): boolean {
  return wc === 32 || (wc >= 9 && wc <= 13) || wc === 0x85 || wc === 0x1680 || (wc >= 0x2000 && wc <= 0x2006) ||
    (wc >= 0x2008 && wc <= 0x200a) || wc === 0x2028 || wc === 0x2029 || wc === 0x205f || wc === 0x3000;
}

/** iswblank (space and tab) */
export function iswblank(wc: number): boolean {
  return wc === 32 || wc === 9;
}
