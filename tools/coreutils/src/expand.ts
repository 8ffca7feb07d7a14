// expand — convert tabs to spaces.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/expand.html  FreeBSD: expand(1)
// Usage: expand [-t tablist] [file ...]   (getopt "t:")
//   -t N     tabs every N columns         -t N1,N2,...  tab stops at those columns (ascending;
//            separated by commas or blanks); past the last stop a tab becomes one space.
// Obsolete form: leading "-N[,N...]" arguments set the tab list (expand -4).
// Backspace moves the column back one; other characters advance it by wcwidth(3) (UTF-8
// characters; LC_ALL=C bytes). Input is read with musl's getwchar: an invalid byte ends that
// file silently, a broken sequence ends it with "file: Illegal byte sequence" (status 1).
// BSD: "-" is a file name, not standard input.
import { defineApplet, Getopt, usage, errx, warnOp, utf8Locale, type Ctx, eachInput } from "@bsdbox/shared";
import { WideReader, WEOF, putw } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";

const USAGE = "usage: expand [-t tablist] [file ...]";

/** getstops(): the tab list, or errx "bad tab stop spec". Shared with unexpand. */
export function getstops(ctx: Ctx, spec: string): number[] {
  const stops: number[] = [];
  let k = 0;
  for (;;) {
    let i = 0;
    while (k < spec.length && spec[k]! >= "0" && spec[k]! <= "9") i = (i * 10 + spec.charCodeAt(k++) - 48) | 0;
    if (i <= 0) errx(ctx, 1, "bad tab stop spec");
    if (stops.length > 0 && i <= stops[stops.length - 1]!) errx(ctx, 1, "bad tab stop spec");
    if (stops.length === 100) errx(ctx, 1, "too many tab stops");
    stops.push(i);
    if (k >= spec.length) break;
    const c = spec[k]!;
    if (c !== "," && c !== " " && c !== "\t") errx(ctx, 1, "bad tab stop spec");
    k++;
  }
  return stops;
}

export default defineApplet({
  name: "expand",
  main(ctx) {
    const argv = [ctx.argv0, ...ctx.args];
    let stops: number[] = [];
    while (argv.length > 1 && argv[1]![0] === "-" && argv[1]![1]! >= "0" && argv[1]![1]! <= "9") {
      stops = getstops(ctx, argv[1]!.slice(1));
      argv.splice(1, 1);
    }
    const g = new Getopt(ctx, "t:", undefined, argv);
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "t") stops = getstops(ctx, g.optarg!);
      else usage(ctx, USAGE);
    }
    const utf8 = utf8Locale(ctx.env);
    const files = g.rest;
    eachInput(ctx, files, (fd, name) => run(ctx, fd, name, stops, utf8));
    return ctx.status;
  },
});

function run(ctx: Ctx, fd: number, name: string, stops: number[], utf8: boolean): void {
  const out = ctx.out;
  const inp = new WideReader(fd, utf8);
  const n = stops.length, t0 = stops[0] ?? 8;
  let column = 0;
  {
    for (;;) {
      let wc: number;
      if (inp.pos < inp.end && inp.buf[inp.pos]! < 0x80) wc = inp.buf[inp.pos++]!;
      else if ((wc = inp.get()) === WEOF) break;
      if (wc === 9) {
        if (n <= 1) {
          do {
            out.byte(32);
            column++;
          } while ((column - 1) % t0 !== t0 - 1);
          continue;
        }
        let k = 0;
        while (k < n && stops[k]! <= column) k++;
        if (k === n) {
          out.byte(32);
          column++;
          continue;
        }
        while (column < stops[k]!) {
          out.byte(32);
          column++;
        }
      } else if (wc === 8) {
        if (column) column--;
        out.byte(8);
      } else if (wc === 10) {
        out.byte(10);
        column = 0;
      } else if (wc < 0x80) {
        out.byte(wc);
        if (wc >= 0x20 && wc < 0x7f) column++;
      } else {
        putw(out, wc, utf8);
        const w = wcwidth(wc);
        if (w > 0) column += w;
      }
    }
  }
  if (inp.error) warnOp(ctx, name, inp.errno);
}
