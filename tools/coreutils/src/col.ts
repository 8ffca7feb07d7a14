// col — filter reverse line feeds from input.
// Not in POSIX (removed in SUSv3). FreeBSD: col(1)   Usage: col [-bfhpx] [-l nline]
//   -b  print only the last character written to each column position (no backspaces)
//   -f  keep forward half-line feeds (ESC-9) in the output instead of rounding to full lines
//   -h  compress runs of spaces into tabs (the default)
//   -x  output spaces, not tabs
//   -p  pass unknown control characters through instead of dropping them
//   -l nline  buffer at least nline lines (default 128) for reverse motion
// Input (standard input only): ESC-7 / ESC-^G / VT reverse line feed, ESC-8 / ESC-^H reverse
// half-line feed, ESC-9 / ESC-^I forward half-line feed, BS, CR, TAB (to the next multiple of
// 8), SO/SI (alternate character set, shifted back with SI at the end), NL. Characters are
// placed on a page of lines and written top to bottom, overstruck characters joined with
// backspaces; the output always ends with a newline.
// Characters: UTF-8 with wcwidth(3) widths; LC_ALL=C bytes (bytes 0x80-0xFF are not printable
// there and are dropped unless -p). As with musl's getwchar, an invalid byte ends the input
// quietly; a broken sequence ends it with "col: Illegal byte sequence" (status 1) after the
// buffered page is discarded. Messages: "warning: can't back up past first line" /
// "-- line already flushed", "too many lines", "too many reverse line feeds", "bad -l argument".
// Deviation: C's 16-bit column field (a line of more than 32767 columns misbehaves there) is
// not reproduced.
import { defineApplet, Getopt, usage, errx, warnx, utf8Locale, strtonum, iswprint } from "@bsdbox/shared";
import { WideReader, WEOF, putw, iswspace } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { strerror } from "@bsdbox/compat";

const USAGE = "usage: col [-bfhpx] [-l nline]";
const BUFFER_MARGIN = 32;
const INT_MAX = 2147483647, INT_MIN = -2147483648;
const CS_NORMAL = 1, CS_ALTERNATE = 2;
const BS = 8, TAB = 9, NL = 10, VT = 11, CR = 13, SO = 14, SI = 15, ESC = 27, SPACE = 32;

interface Ch { col: number; set: number; ch: number; width: number; }
interface Line { chars: Ch[] | null; prev: Line | null; next: Line | null; needsSort: boolean; maxCol: number; }

const newLine = (): Line => ({ chars: null, prev: null, next: null, needsSort: false, maxCol: 0 });

/** musl iswgraph: printable and not a space (C's unsigned range tests). */
function iswgraph(c: number): boolean {
  if (c >= 0xd800 && c < 0xe000) return false;
  if (c >= 0xfff9 && c < 0xfffc) return false;
  return iswprint(c) && !iswspace(c);
}

const wcw = (c: number) => (c < 0x80 ? (c >= 0x20 && c < 0x7f ? 1 : c === 0 ? 0 : -1) : wcwidth(c));

export default defineApplet({
  name: "col",
  main(ctx) {
    const utf8 = utf8Locale(ctx.env);
    let maxBufdLines = 256, compressSpaces = true, fine = false, noBackspaces = false, passUnknown = false;
    const g = new Getopt(ctx, "bfhl:px");
    for (let opt; (opt = g.next()) !== undefined; ) {
      switch (opt) {
        case "b": noBackspaces = true; break;
        case "f": fine = true; break;
        case "h": compressSpaces = true; break;
        case "l": {
          const r = strtonum(g.optarg!, 1, Math.trunc((INT_MAX - BUFFER_MARGIN) / 2));
          if (r.error) errx(ctx, 1, `bad -l argument, ${r.error}: ${g.optarg}`);
          maxBufdLines = r.value * 2;
          break;
        }
        case "p": passUnknown = true; break;
        case "x": compressSpaces = false; break;
        default: usage(ctx, USAGE);
      }
    }
    if (g.rest.length) usage(ctx, USAGE);

    const out = ctx.out;
    const putc = (c: number) => {
      if (c < 0x80 && c >= 0) out.byte(c);
      else if (!putw(out, c, utf8)) errx(ctx, 1, "write error");
    };
    let lastSet = CS_NORMAL, nblankLines = 0;
    let lines: Line | null;

    const addto = (lno: number, offset: number): number => {
      if (offset > 0) {
        if (lno >= INT_MAX - offset) errx(ctx, 1, "too many lines");
      } else if (lno < INT_MIN - offset) errx(ctx, 1, "too many reverse line feeds");
      return lno + offset;
    };

    const flushBlanks = () => {
      let half = false, nb = nblankLines;
      if (nb & 1) {
        if (fine) half = true;
        else nb++;
      }
      nb = Math.trunc(nb / 2);
      for (let i = nb; --i >= 0; ) putc(NL);
      if (half) {
        putc(ESC);
        putc(0x39);
        if (!nb) putc(CR);
      }
      nblankLines = 0;
    };

    const flushLine = (l: Line) => {
      let lastCol = 0;
      let nchars = l.chars!.length;
      const c = l.needsSort ? l.chars!.slice().sort((a, b) => a.col - b.col) : l.chars!;
      let ci = 0;
      while (nchars > 0) {
        const thisCol = c[ci]!.col;
        let endc = ci;
        do ++endc; while (--nchars > 0 && thisCol === c[endc]!.col);
        // -b: only the last character of the column
        if (noBackspaces) {
          ci = endc - 1;
          if (nchars > 0 && thisCol + c[ci]!.width > c[endc]!.col) continue;
        }
        if (thisCol > lastCol) {
          let nspace = thisCol - lastCol;
          if (compressSpaces && nspace > 1) {
            for (;;) {
              const tabCol = (lastCol + 8) & ~7;
              if (tabCol > thisCol) break;
              const tabSize = tabCol - lastCol;
              putc(tabSize === 1 ? SPACE : TAB);
              nspace -= tabSize;
              lastCol = tabCol;
            }
          }
          while (--nspace >= 0) putc(SPACE);
          lastCol = thisCol;
        }
        for (;;) {
          const ch = c[ci]!;
          if (ch.set !== lastSet) {
            putc(ch.set === CS_NORMAL ? SI : SO);
            lastSet = ch.set;
          }
          putc(ch.ch);
          if (ci + 1 < endc) for (let j = 0; j < ch.width; j++) putc(BS);
          if (++ci >= endc) break;
        }
        lastCol += c[ci - 1]!.width;
      }
    };

    const flushLines = (nflush: number) => {
      while (--nflush >= 0) {
        const l = lines!;
        lines = l.next;
        if (l.chars) {
          flushBlanks();
          flushLine(l);
        }
        if (l.next) nblankLines++;
      }
      if (lines) lines.prev = null;
    };

    let adjust = 0, curCol = 0, extraLines = 0, warned = 0;
    let curLine = 0, maxLine = 0, nflushdLines = 0, thisLine = 0;
    let curSet = CS_NORMAL;
    let l = newLine();
    lines = l;
    const inp = new WideReader(ctx.stdin, utf8);

    for (;;) {
      const ch = inp.pos < inp.end && inp.buf[inp.pos]! < 0x80 ? inp.buf[inp.pos++]! : inp.get();
      if (ch === WEOF) break;
      if (!(ch > 0x20 && ch < 0x7f) && !(ch >= 0x80 && iswgraph(ch))) {
        let handled = true;
        switch (ch) {
          case BS:
            if (curCol) --curCol;
            break;
          case CR:
            curCol = 0;
            break;
          case ESC:
            switch (inp.get()) {
              case 7: case 0x37:
                curLine = addto(curLine, -2);
                break;
              case 8: case 0x38:
                curLine = addto(curLine, -1);
                break;
              case 9: case 0x39:
                curLine = addto(curLine, 1);
                if (curLine > maxLine) maxLine = curLine;
                break;
            }
            break;
          case NL:
            curLine = addto(curLine, 2);
            if (curLine > maxLine) maxLine = curLine;
            curCol = 0;
            break;
          case SPACE:
            ++curCol;
            break;
          case SI:
            curSet = CS_NORMAL;
            break;
          case SO:
            curSet = CS_ALTERNATE;
            break;
          case TAB:
            curCol |= 7;
            ++curCol;
            break;
          case VT:
            curLine = addto(curLine, -2);
            break;
          default:
            handled = false;
        }
        if (handled) continue;
        if (iswspace(ch)) {
          const w = wcw(ch);
          if (w > 0) curCol += w;
          continue;
        }
        if (!passUnknown) continue;
      }

      // must stuff ch in a line: are we at the right one?
      if (curLine + adjust !== thisLine) {
        adjust = !fine && curLine & 1 ? 1 : 0;
        if (curLine + adjust < thisLine) {
          while (curLine + adjust < thisLine && l.prev !== null) {
            l = l.prev;
            thisLine--;
          }
          if (curLine + adjust < thisLine) {
            if (nflushdLines === 0) {
              // back up past the first line while nothing has been flushed yet
              while (curLine + adjust < thisLine) {
                const lnew = newLine();
                l.prev = lnew;
                lnew.next = l;
                l = lines = lnew;
                extraLines++;
                thisLine--;
              }
            } else {
              if (!warned++)
                warnx(ctx, `warning: can't back up ${curLine < 0 ? "past first line" : "-- line already flushed"}`);
              curLine = thisLine - adjust;
            }
          }
        } else {
          while (curLine + adjust > thisLine) {
            if (l.next === null) {
              l.next = newLine();
              l.next.prev = l;
            }
            l = l.next;
            thisLine++;
          }
        }
        if (thisLine > nflushdLines && thisLine - nflushdLines >= maxBufdLines + BUFFER_MARGIN) {
          if (extraLines) {
            flushLines(extraLines);
            extraLines = 0;
          }
          flushLines(thisLine - nflushdLines - maxBufdLines);
          nflushdLines = thisLine - maxBufdLines;
        }
      }
      const w = wcw(ch);
      (l.chars ??= []).push({ col: curCol, set: curSet, ch, width: w });
      if (curCol < l.maxCol) l.needsSort = true;
      else l.maxCol = curCol;
      if (w > 0) curCol += w;
    }
    if (inp.error) {
      errx(ctx, 1, strerror(inp.errno));
    }
    if (extraLines) {
      flushLines(extraLines);
      l = lines!;
      thisLine = 0;
    }
    // go to the last line that had a character on it
    for (; l.next; l = l.next) thisLine++;
    flushLines(thisLine - nflushdLines + 1);
    if (lastSet !== CS_NORMAL) putc(SI);
    if (maxLine >= thisLine) nblankLines = maxLine - thisLine + (maxLine & 1);
    if (nblankLines === 0) nblankLines = 2;
    flushBlanks();
    return 0;
  },
});
