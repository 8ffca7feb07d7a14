// colrm — remove columns from a file.
// Not in POSIX. FreeBSD: colrm(1)   Usage: colrm [start [stop]]   (no options; stdin only)
// Removes the characters in columns start..stop (1-based, inclusive; without stop to the end
// of the line). Columns: tab to the next multiple of 8, backspace -1, others wcwidth(3) (UTF-8;
// LC_ALL=C bytes). Errors: "illegal column -- X" (strtol into an unsigned long, so 0 and junk
// are refused but "-1" means ULONG_MAX), "illegal start and stop columns". musl quirks kept: an invalid input byte in a printed column ends the run with
// "colrm: stdout: Illegal byte sequence" (putwchar(WEOF) fails), one in a removed column is
// skipped; a broken sequence or read error ends it with "colrm: stdin: strerror", status 1
// (but a sequence cut by the end of the input ends it quietly: feof is tested first).
import { defineApplet, Getopt, usage, errx, utf8Locale, strtol } from "@bsdbox/shared";
import { WideReader, WEOF, putw } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { strerror } from "@bsdbox/compat";

const USAGE = "usage: colrm [start [stop]]";
const LONG_MAX = 0x7fffffffffffffffn;

export default defineApplet({
  name: "colrm",
  main(ctx) {
    const g = new Getopt(ctx, "");
    if (g.next() !== undefined) usage(ctx, USAGE);
    const args = g.rest;
    let start = 0, stop = 0;
    // strtol into an unsigned long: "-1" is ULONG_MAX, only 0 and junk are refused
    const col = (s: string): number => {
      const r = strtol(s, 10);
      let v = r.value > LONG_MAX ? LONG_MAX : r.value < -LONG_MAX - 1n ? -LONG_MAX - 1n : r.value;
      if (v < 0n) v += 1n << 64n;
      if (v === 0n || r.end !== s.length) errx(ctx, 1, `illegal column -- ${s}`);
      return Number(v);
    };
    switch (args.length) {
      case 2: stop = col(args[1]!); // FALLTHROUGH
      case 1: start = col(args[0]!); break;
      case 0: break;
      default: usage(ctx, USAGE);
    }
    if (stop && start > stop) errx(ctx, 1, "illegal start and stop columns");
    const utf8 = utf8Locale(ctx.env);
    const out = ctx.out;
    const inp = new WideReader(ctx.stdin, utf8);
    for (let column = 0; ;) {
      let ch: number;
      if (inp.pos < inp.end && inp.buf[inp.pos]! < 0x80) ch = inp.buf[inp.pos++]!;
      else ch = inp.get();
      switch (ch) {
        case WEOF:
          if (inp.eof) return 0; // feof is checked first
          if (inp.error) errx(ctx, 1, `stdin: ${strerror(inp.errno)}`);
          break;
        case 8:
          if (column) --column;
          break;
        case 10:
          column = 0;
          break;
        case 9:
          column = (column + 8) & ~7;
          break;
        default: {
          const w = ch < 0x80 ? (ch >= 0x20 && ch < 0x7f ? 1 : -1) : wcwidth(ch);
          if (w > 0) column += w;
        }
      }
      if (!start || column < start || (stop && column > stop)) {
        if (ch >= 0 && ch < 0x80) out.byte(ch);
        else if (!putw(out, ch, utf8)) errx(ctx, 1, `stdout: ${strerror(84)}`);
      }
    }
  },
});
