// rev — reverse the characters of each line.
// Not in POSIX. FreeBSD: rev(1)   Usage: rev [file ...]   (no options)
// Lines are reversed character by character (UTF-8; LC_ALL=C bytes), each ends with a newline
// (a last line without one gets one). chimerautils reads lines with musl's fgetws in pieces
// (the first of the buffer's size, then 1023 characters at a time), and that is kept here:
// an invalid byte is dropped, unless it starts a piece, which ends the file silently; a broken
// sequence or a read error ends the file with "rev: file: strerror" (status 1), the partial
// line unprinted; a NUL character ends a piece (wcslen), so it joins that line to the next.
// BSD: "-" is a file name, not standard input.
import { defineApplet, Getopt, usage, warnOp, utf8Locale, type Ctx, eachInput } from "@bsdbox/shared";
import { WideReader, WEOF, putw } from "@bsdbox/shared/wchar";

const USAGE = "usage: rev [file ...]";
const PIECE = 1024;

export default defineApplet({
  name: "rev",
  main(ctx) {
    const g = new Getopt(ctx, "");
    if (g.next() !== undefined) usage(ctx, USAGE);
    const utf8 = utf8Locale(ctx.env);
    const st: State = { buf: new Int32Array(PIECE + 1), blen: PIECE };
    const files = g.rest;
    eachInput(ctx, files, (fd, name) => rev(ctx, fd, name, st, utf8));
    return ctx.status;
  },
});

interface State { buf: Int32Array; blen: number; }

function rev(ctx: Ctx, fd: number, name: string, st: State, utf8: boolean): void {
  const out = ctx.out;
  const inp = new WideReader(fd, utf8);
  const room = (n: number) => {
    if (st.buf.length < n) {
      const nb = new Int32Array(Math.max(n, st.buf.length * 2));
      nb.set(st.buf);
      st.buf = nb;
    }
  };
  // fgetws(buf + off, n): characters stored, or -1 for NULL
  const fgetws = (off: number, n: number): number => {
    room(off + n);
    const b = st.buf;
    let p = off;
    for (let left = n - 1; left > 0; left--) {
      const c = inp.get();
      if (c === WEOF) break;
      b[p++] = c;
      if (c === 10) break;
    }
    b[p] = 0;
    if (inp.error) p = off;
    return p === off ? -1 : p - off;
  };
  const wcslen = (off: number) => {
    const b = st.buf;
    let k = off;
    while (b[k] !== 0) k++;
    return k - off;
  };
  const lastIsNl = (wlen: number) => wlen > 0 && st.buf[wlen - 1] === 10;
  const getWln = (): number => {
    if (fgetws(0, st.blen) < 0) return -1;
    let wlen = wcslen(0);
    if (lastIsNl(wlen) || inp.eof) return wlen;
    for (;;) {
      st.blen = wlen + PIECE;
      room(st.blen + 1);
      if (fgetws(wlen, PIECE) < 0) {
        if (inp.eof) break;
        return -1;
      }
      wlen += wcslen(wlen);
      if (lastIsNl(wlen) || inp.eof) break;
    }
    return wlen;
  };
  for (let len; (len = getWln()) >= 0; ) {
    const b = st.buf;
    if (lastIsNl(len)) --len;
    for (let t = len - 1; t >= 0; t--) {
      const c = b[t]!;
      if (c < 0x80) out.byte(c);
      else putw(out, c, utf8);
    }
    out.byte(10);
  }
  if (inp.error) warnOp(ctx, name, inp.errno);
}
