// ul — do underlining (and bold) for a terminal.
// Not in POSIX. FreeBSD: ul(1)   Usage: ul [-i] [-t terminal] [file ...]
//   -i           show underlining (and other modes) on a separate line below each line:
//                _ underline, ! bold, ^ superscript, v subscript, g alternate set, X several
//   -t terminal  the terminal type (default $TERM; "lpr" when TERM is unset); -T is the same
// Input: overstruck text as nroff writes it ("_\bx" underline, "x\bx" bold), SO/SI (alternate
// set = reverse), ESC-7 (reverse line feed), ESC-8 / ESC-9 (half-line up / down), CR, TAB, FF;
// any other escape is "unknown escape sequence in input: 33, N" (octal), status 1.
// Output: the text with the terminal's sequences (us/ue, md, mr, mh, so/se, me, uc with le)
// from its compiled terminfo entry (shared/terminfo, read as ncurses' tgetent reads it), or by
// overstriking ("\r" and a line of _) when the terminal has os and no bold, or ul and no way
// to underline. As with chimerautils on ncurses, an unknown terminal (or a generic one) has no
// capabilities at all: the text comes out plain (the "dumb:os" termcap fallback in the source
// is a no-op there). $<..> padding is dropped. Characters: UTF-8 with wcwidth(3); LC_ALL=C
// bytes. An invalid byte ends a file quietly; a broken sequence ends ul with
// "ul: Illegal byte sequence" (status 1); a missing file ends ul with "ul: FILE: strerror"
// (status 1). BSD: "-" is a file name, not standard input.
// Deviations: the C code's 256-cell buffers for -i and overstrike lines overflow on longer
// lines; here they are unbounded. ncurses' "trouble reading termcap" (no database at all) is
// never printed.
import { defineApplet, Getopt, usage, errx, err, utf8Locale, type Ctx } from "@bsdbox/shared";
import { WideReader, WEOF, putw } from "@bsdbox/shared/wchar";
import { wcwidth } from "@bsdbox/shared/wcwidth";
import { readTerminfo, stripDelays } from "@bsdbox/shared/terminfo";
import { open, close, O, isatty, strerror } from "@bsdbox/compat";

const USAGE = "usage: ul [-i] [-t terminal] [file ...]";
const IESC = 0o33, SO = 0o16, SI = 0o17;
const HFWD = 0x39, HREV = 0x38, FREV = 0x37;
const NORMAL = 0, ALTSET = 0o1, SUPERSC = 0o2, SUBSC = 0o4, UNDERL = 0o10, BOLD = 0o20;

interface Caps {
  up?: string; right?: string; left?: string; so?: string; se?: string; us?: string; ue?: string;
  dim?: string; bold?: string; rev?: string; uc?: string; me?: string; os: boolean; ul: boolean;
}

/** tgetent + the termcap capabilities ul asks for (ncurses: nothing when the entry is missing). */
function termcaps(ctx: Ctx, term: string): Caps {
  const ti = readTerminfo(ctx.env, term);
  // ncurses refuses a generic (gn) entry unless it can address the cursor and clear
  const generic = ti && ti.flag(6) &&
    !((ti.str(10) !== undefined || (ti.str(11) !== undefined && ti.str(12) !== undefined)) && ti.str(5) !== undefined);
  if (!ti || generic) return { os: false, ul: false };
  const s = (i: number) => ti.str(i);
  // termcap name -> terminfo index: up 19, nd 17, le 14, bc 397 (bs flag 37), so 35, se 43,
  // us 36, ue 44, mh 30, md 27, mr 34, me 39, uc 136; flags os 15, ul 19
  const c: Caps = {
    up: s(19), right: s(17), left: s(14) ?? s(397) ?? (ti.flag(37) ? "\b" : undefined),
    so: s(35), se: s(43), us: s(36), ue: s(44), dim: s(30), bold: s(27), rev: s(34), me: s(39),
    uc: s(136), os: ti.flag(15), ul: ti.flag(19),
  };
  if (!c.bold && c.rev) c.bold = c.rev;
  if (!c.bold && c.so) c.bold = c.so;
  if (!c.us && c.so) {
    c.us = c.so;
    c.ue = c.se;
  }
  if (!c.dim && c.so) c.dim = c.so;
  if (!c.rev && c.so) c.rev = c.so;
  if (!c.me && c.se) c.me = c.se;
  return c;
}

export default defineApplet({
  name: "ul",
  main(ctx) {
    const utf8 = utf8Locale(ctx.env);
    let termtype = ctx.env.get("TERM");
    if (termtype === undefined || (ctx.argv0[0] === "c" && !isatty(1))) termtype = "lpr";
    let iflag = false;
    const g = new Getopt(ctx, "it:T:");
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "t": case "T": termtype = g.optarg!; break;
        case "i": iflag = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const cap = termcaps(ctx, termtype);
    const mustUseUc = cap.uc !== undefined && cap.us === undefined;
    const mustOverstrike = (cap.os && cap.bold === undefined) || (cap.ul && cap.us === undefined && cap.uc === undefined);

    const out = ctx.out;
    const putwc = (c: number) => {
      if (c < 0x80 && c >= 0) out.byte(c);
      else putw(out, c, utf8);
    };
    const print = (s: string | undefined) => {
      if (s === undefined) return;
      s = stripDelays(s);
      for (let i = 0; i < s.length; i++) putwc(s.charCodeAt(i));
    };

    // the line being built: per cell its mode, character (0 none) and width (-1 continuation)
    let size = 512;
    let cmode = new Uint8Array(size), cchar = new Int32Array(size), cwidth = new Int8Array(size);
    let dirty = 0;
    let col = 0, maxcol = 0, mode = 0, halfpos = 0, upln = 0, curmode = 0;
    const room = (n: number) => {
      if (n < size) return;
      while (size <= n) size *= 2;
      const m = new Uint8Array(size), ch = new Int32Array(size), w = new Int8Array(size);
      m.set(cmode); ch.set(cchar); w.set(cwidth);
      cmode = m; cchar = ch; cwidth = w;
    };
    const touch = (i: number) => {
      room(i + 1);
      if (i >= dirty) dirty = i + 1;
    };
    const initbuf = () => {
      cmode.fill(0, 0, dirty);
      cchar.fill(0, 0, dirty);
      cwidth.fill(0, 0, dirty);
      dirty = 0;
      col = 0;
      maxcol = 0;
      mode &= ALTSET;
    };

    const setnewmode = (newmode: number) => {
      if (!iflag) {
        if (curmode !== NORMAL && newmode !== NORMAL) setnewmode(NORMAL);
        switch (newmode) {
          case NORMAL:
            if (curmode === UNDERL) print(cap.ue);
            else if (curmode !== NORMAL) print(cap.me);
            break;
          case ALTSET: print(cap.rev); break;
          case SUPERSC: print(cap.us); print(cap.dim); break;
          case SUBSC: print(cap.dim); break;
          case UNDERL: print(cap.us); break;
          case BOLD: print(cap.bold); break;
          default: print(cap.so); break;
        }
      }
      curmode = newmode;
    };
    const outc = (c: number, width: number) => {
      putwc(c);
      if (mustUseUc && curmode & UNDERL) {
        for (let i = 0; i < width; i++) print(cap.left);
        for (let i = 0; i < width; i++) print(cap.uc);
      }
    };
    /** a line of marks, trailing spaces removed */
    const emitTrimmed = (l: number[]) => {
      let n = l.length;
      while (n > 0 && l[n - 1] === 32) n--;
      for (let k = 0; k < n; k++) putwc(l[k]!);
      return n;
    };
    const overstrike = () => {
      const l: number[] = [];
      let hadbold = false;
      for (let i = 0; i < maxcol; i++) {
        switch (cmode[i]) {
          case UNDERL: l.push(0x5f); break;
          case BOLD:
            l.push(cchar[i]!);
            if (cwidth[i]! > 1) i += cwidth[i]! - 1;
            hadbold = true;
            break;
          default: l.push(32);
        }
      }
      putwc(13);
      let n = l.length;
      while (n > 0 && l[n - 1] === 32) n--;
      l.length = n;
      emitTrimmed(l);
      if (hadbold) {
        for (let r = 0; r < 2; r++) {
          putwc(13);
          for (const c of l) putwc(c === 0x5f ? 32 : c);
        }
      }
    };
    const iattr = () => {
      const l: number[] = [];
      for (let i = 0; i < maxcol; i++) {
        const m = cmode[i]!;
        l.push(m === NORMAL ? 32 : m === ALTSET ? 0x67 : m === SUPERSC ? 0x5e : m === SUBSC ? 0x76 :
          m === UNDERL ? 0x5f : m === BOLD ? 0x21 : 0x58);
      }
      emitTrimmed(l);
      putwc(10);
    };
    const flushln = () => {
      let lastmode = NORMAL, hadmodes = 0;
      room(maxcol);
      for (let i = 0; i < maxcol; i++) {
        if (cmode[i] !== lastmode) {
          hadmodes++;
          setnewmode(cmode[i]!);
          lastmode = cmode[i]!;
        }
        if (cchar[i] === 0) {
          if (upln) print(cap.right);
          else outc(32, 1);
        } else outc(cchar[i]!, cwidth[i]!);
        if (cwidth[i]! > 1) i += cwidth[i]! - 1;
      }
      if (lastmode !== NORMAL) setnewmode(0);
      if (mustOverstrike && hadmodes) overstrike();
      putwc(10);
      if (iflag && hadmodes) iattr();
      if (upln) upln--;
      initbuf();
    };
    const fwd = () => {
      const oldcol = col, oldmax = maxcol;
      flushln();
      col = oldcol;
      maxcol = oldmax;
    };
    const reverse = () => {
      upln++;
      fwd();
      print(cap.up);
      print(cap.up);
      upln++;
    };

    const filter = (fd: number) => {
      const inp = new WideReader(fd, utf8);
      for (;;) {
        let c = inp.pos < inp.end && inp.buf[inp.pos]! < 0x80 ? inp.buf[inp.pos++]! : inp.get();
        if (c === WEOF) break;
        switch (c) {
          case 8:
            if (col > 0) col--;
            continue;
          case 9:
            col = (col + 8) & ~7;
            if (col > maxcol) maxcol = col;
            continue;
          case 13:
            col = 0;
            continue;
          case SO:
            mode |= ALTSET;
            continue;
          case SI:
            mode &= ~ALTSET;
            continue;
          case IESC:
            switch ((c = inp.get())) {
              case HREV:
                if (halfpos === 0) {
                  mode |= SUPERSC;
                  halfpos--;
                } else if (halfpos > 0) {
                  mode &= ~SUBSC;
                  halfpos--;
                } else {
                  halfpos = 0;
                  reverse();
                }
                continue;
              case HFWD:
                if (halfpos === 0) {
                  mode |= SUBSC;
                  halfpos++;
                } else if (halfpos < 0) {
                  mode &= ~SUPERSC;
                  halfpos++;
                } else {
                  halfpos = 0;
                  fwd();
                }
                continue;
              case FREV:
                reverse();
                continue;
              default:
                errx(ctx, 1, `unknown escape sequence in input: 33, ${(c >>> 0).toString(8)}`);
            }
          // eslint-disable-next-line no-fallthrough
          case 0x5f:
            touch(col);
            if (cchar[col] || cwidth[col]! < 0) {
              while (col > 0 && cwidth[col]! < 0) col--;
              const w = cwidth[col]!;
              for (let i = 0; i < w; i++) cmode[col++]! |= UNDERL | mode;
              if (col > maxcol) maxcol = col;
              continue;
            }
            cchar[col] = 0x5f;
            cwidth[col] = 1;
          // FALLTHROUGH
          case 32:
            col++;
            if (col > maxcol) maxcol = col;
            continue;
          case 10:
            flushln();
            continue;
          case 12:
            flushln();
            putwc(12);
            continue;
          default: {
            let w = c < 0x80 ? (c >= 0x20 && c < 0x7f ? 1 : -1) : wcwidth(c);
            if (w <= 0) continue;
            touch(col + w - 1);
            if (cchar[col] === 0) {
              cchar[col] = c;
              for (let i = 0; i < w; i++) cmode[col + i] = mode;
              cwidth[col] = w;
              for (let i = 1; i < w; i++) cwidth[col + i] = -1;
            } else if (cchar[col] === 0x5f) {
              cchar[col] = c;
              for (let i = 0; i < w; i++) cmode[col + i]! |= UNDERL | mode;
              cwidth[col] = w;
              for (let i = 1; i < w; i++) cwidth[col + i] = -1;
            } else if (cchar[col] === c) {
              for (let i = 0; i < w; i++) cmode[col + i]! |= BOLD | mode;
            } else {
              w = cwidth[col]!;
              touch(col + w - 1);
              for (let i = 0; i < w; i++) cmode[col + i] = mode;
            }
            col += w;
            if (col > maxcol) maxcol = col;
            continue;
          }
        }
      }
      if (inp.error) errx(ctx, 1, strerror(inp.errno));
      if (maxcol) flushln();
    };

    const files = g.rest;
    if (!files.length) filter(ctx.stdin);
    else for (const name of files) {
      let fd: number;
      try {
        fd = open(name, O.RDONLY);
      } catch (e) {
        err(ctx, 1, name, e);
      }
      filter(fd);
      try { close(fd); } catch {}
    }
    return 0;
  },
});
