// unexpand — convert spaces to tabs.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/unexpand.html  FreeBSD: unexpand(1)
// Usage: unexpand [-a | -t tablist] [file ...]   (getopt "at:")
//   -a  convert blanks anywhere in a line, not only leading ones
//   -t  tab list as for expand (one number: every N columns; implies -a)
// Characters advance the column by wcwidth(3) (UTF-8; LC_ALL=C bytes); backspace moves back.
// Input is read with musl's getwchar: an invalid byte ends that file silently, a broken
// sequence ends it with "file: Illegal byte sequence" (status 1). BSD: "-" is a file name.
import { defineApplet, Getopt, usage, warnOp, utf8Locale, type Ctx, eachInput } from "@bsdbox/shared";
import { WideReader, WEOF, putw } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { getstops } from "./expand";

const USAGE = "usage: unexpand [-a | -t tablist] [file ...]";
const INT_MAX = 2147483647;

export default defineApplet({
  name: "unexpand",
  main(ctx) {
    const g = new Getopt(ctx, "at:");
    let all = false, stops = [8];
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": all = true; break;
        case "t": stops = getstops(ctx, g.optarg!); all = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const utf8 = utf8Locale(ctx.env);
    const files = g.rest;
    eachInput(ctx, files, (fd, name) => tabify(ctx, fd, name, stops, all, utf8));
    return ctx.status;
  },
});

function tabify(ctx: Ctx, fd: number, name: string, stops: number[], all: boolean, utf8: boolean): void {
  const out = ctx.out;
  const inp = new WideReader(fd, utf8);
  const nstops = stops.length, t0 = stops[0]!;
  const limit = nstops === 1 ? INT_MAX : stops[nstops - 1]! - 1;
  const put = (ch: number) => ch >= 0 && ch < 0x80 ? out.byte(ch) : putw(out, ch, utf8);
  let doneline = false, ocol = 0, dcol = 0;
  {
    let ch: number;
    while ((ch = inp.get()) !== WEOF) {
      if (ch === 32 && !doneline) {
        if (++dcol >= limit) doneline = true;
        continue;
      } else if (ch === 9) {
        if (nstops === 1) {
          dcol = (1 + Math.trunc(dcol / t0)) * t0;
          continue;
        }
        let n = 0;
        while (n < nstops && stops[n]! - 1 < dcol) n++;
        if (n < nstops - 1 && stops[n]! - 1 < limit) {
          dcol = stops[n]!;
          continue;
        }
        doneline = true;
      }
      // the most tabs, then spaces
      if (nstops === 1) {
        while (Math.trunc((ocol + t0) / t0) <= Math.trunc(dcol / t0)) {
          if (dcol - ocol < 2) break;
          out.byte(9);
          ocol = (1 + Math.trunc(ocol / t0)) * t0;
        }
      } else {
        let n = 0;
        while (n < nstops && stops[n]! - 1 < ocol) n++;
        while (ocol < dcol && n < nstops && ocol < limit) {
          out.byte(9);
          ocol = stops[n++]!;
        }
      }
      while (ocol < dcol && ocol < limit) {
        out.byte(32);
        ocol++;
      }
      if (ch === 8) {
        out.byte(8);
        if (ocol > 0) {
          ocol--;
          dcol--;
        }
      } else if (ch === 10) {
        out.byte(10);
        doneline = false;
        ocol = dcol = 0;
        continue;
      } else if (ch !== 32 || dcol > limit) {
        put(ch);
        const w = wcwidth(ch);
        if (w > 0) {
          ocol += w;
          dcol += w;
        }
      }
      if (!all || dcol >= limit) {
        // the rest of the line unchanged
        while ((ch = inp.get()) !== 10 && ch !== WEOF) put(ch);
        if (ch === 10) out.byte(10);
        doneline = false;
        ocol = dcol = 0;
      }
    }
  }
  if (inp.error) warnOp(ctx, name, inp.errno);
}
