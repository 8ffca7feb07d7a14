// fold — wrap long lines to a width.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/fold.html  FreeBSD: fold(1)
// Usage: fold [-bs] [-w width] [file ...]   (getopt "0123456789bsw:")
//   -b  count bytes, not columns      -s  break after the last blank within the width
//   -w  width (default 80; atoi(3), must be positive: "illegal width value")
// Obsolete form: -N is a width (digits are options: -10 is '1','0'). As in FreeBSD, a first
// digit does not replace an earlier width, and a later digit appends to it (-w3 -10 is 30).
// Columns: backspace -1, carriage return 0, tab to the next multiple of 8, other characters
// wcwidth(3) (UTF-8; LC_ALL=C bytes). musl quirks kept: input is read with getwchar, so an
// invalid byte, a broken sequence or a read error ends that file silently (fold never checks
// ferror), and pieces are printed with wprintf("%.*ls"), which stops at a NUL character.
// BSD: "-" is a file name, not standard input.
import { defineApplet, Getopt, usage, errx, utf8Locale, type Ctx, eachInput } from "@bsdbox/shared";
import { WideReader, WEOF, putw, wcLen, iswblank } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";

const USAGE = "usage: fold [-bs] [-w width] [file ...]";

/** atoi(3) */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(s)!;
  let v = 0;
  for (const d of m[2]!) v = (v * 10 + d.charCodeAt(0) - 48) % 2 ** 32;
  v = v | 0;
  return m[1] === "-" ? -v | 0 : v;
}

export default defineApplet({
  name: "fold",
  main(ctx) {
    const g = new Getopt(ctx, "0123456789bsw:");
    let bflag = false, sflag = false, width = -1, prev = "";
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "b": bflag = true; break;
        case "s": sflag = true; break;
        case "w":
          if ((width = atoi(g.optarg!)) <= 0) errx(ctx, 1, "illegal width value");
          break;
        default:
          if (c >= "0" && c <= "9") {
            if (prev >= "0" && prev <= "9") width = (width * 10 + c.charCodeAt(0) - 48) | 0;
            else if (width === -1) width = c.charCodeAt(0) - 48;
            break;
          }
          usage(ctx, USAGE);
      }
      prev = c;
    }
    if (width === -1) width = 80;
    const o = { width, bflag, sflag, utf8: utf8Locale(ctx.env) };
    const files = g.rest;
    eachInput(ctx, files, (fd, name) => fold(ctx, fd, name, o));
    return ctx.status;
  },
});

interface Opts { width: number; bflag: boolean; sflag: boolean; utf8: boolean; }

function fold(ctx: Ctx, fd: number, name: string, o: Opts): void {
  const out = ctx.out;
  const inp = new WideReader(fd, o.utf8);
  const { width, sflag, utf8 } = o;
  let buf = new Int32Array(4096);
  let indx = 0, col = 0;
  const newpos = (col: number, ch: number): number => {
    if (o.bflag) return col + wcLen(ch, utf8);
    if (ch === 8) return col > 0 ? col - 1 : col;
    if (ch === 13) return 0;
    if (ch === 9) return (col + 8) & ~7;
    const w = ch < 0x80 ? (ch >= 0x20 && ch < 0x7f ? 1 : -1) : wcwidth(ch);
    return w > 0 ? col + w : col;
  };
  // wprintf("%.*ls", n, buf): up to n characters, stopping at a NUL
  const print = (n: number, nl: boolean) => {
    for (let i = 0; i < n; i++) {
      const c = buf[i]!;
      if (c === 0) break;
      if (c < 0x80) out.byte(c);
      else putw(out, c, utf8);
    }
    if (nl) out.byte(10);
  };
  const get = () => inp.get(); // fold never looks at ferror()
  {
    let ch: number;
    while ((ch = get()) !== WEOF) {
      if (ch === 10) {
        print(indx, true);
        col = indx = 0;
        continue;
      }
      if ((col = newpos(col, ch)) > width) {
        let space = -1;
        if (sflag) {
          let i = indx;
          while (--i >= 0 && !iswblank(buf[i]!));
          space = i;
        }
        if (sflag && space !== -1) {
          space++;
          print(space, true);
          buf.copyWithin(0, space, indx);
          indx -= space;
          col = 0;
          for (let i = 0; i < indx; i++) col = newpos(col, buf[i]!);
        } else {
          print(indx, true);
          col = indx = 0;
        }
        col = newpos(col, ch);
      }
      if (indx + 1 > buf.length) {
        const nb = new Int32Array(buf.length * 2);
        nb.set(buf);
        buf = nb;
      }
      buf[indx++] = ch;
    }
    if (indx !== 0) print(indx, false);
  }
  void name;
}
