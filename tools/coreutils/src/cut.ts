// cut — select bytes, characters or fields from each line.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/cut.html  FreeBSD: cut(1)
// Options (getopt "b:c:d:f:snw"):
//   -b list  bytes (-n: do not split characters)   -c list  characters
//   -f list  fields, separated by -d delim (one character, default tab) or, with -w, by runs of
//            spaces and tabs (output separator tab); -s drops lines without a delimiter.
// list: N, N-M, N-, -M separated by commas or blanks; ranges may overlap and come in any order.
// "-" is standard input. The exit status counts only failures to open and, for standard input,
// invalid characters; errors reading a named file end it quietly (as FreeBSD does).
// BSD: a line longer than the largest position is cut there and the rest dropped, and an input
//   ending without a newline at a line shorter than that gets no newline (-b/-c). With -c, an
//   invalid UTF-8 byte ends the file's character processing as musl's getwc does (silently for a
//   byte that cannot start a character, else with "Illegal byte sequence"), except past the last
//   position, where it only ends the line; -f reports it and skips the rest of the file.
// Deviation: a position above 2^26 is refused ("realloc: Cannot allocate memory").
import { defineApplet, Getopt, usage, errx, warn, utf8Locale, Reader, type Ctx } from "@bsdbox/shared";
import { WideIn, WEOF } from "@bsdbox/shared/wstdio";
import { open, close, read, O, ERRNO, utf8SeqLen, encode } from "@bsdbox/compat";

const USAGE = `usage: cut -b list [-n] [file ...]
       cut -c list [file ...]
       cut -f list [-s] [-w | -d delim] [file ...]`;

interface List { pos: Uint8Array; maxval: number; autostart: number; autostop: number; }

export default defineApplet({
  name: "cut",
  main(ctx) {
    const g = new Getopt(ctx, "b:c:d:f:snw");
    const L: List = { pos: new Uint8Array(2), maxval: 0, autostart: 0, autostop: 0 };
    let b = false, c = false, d = false, f = false, n = false, s = false, w = false;
    let dchar = 9, dmb: Uint8Array = new Uint8Array([9]);
    const utf8 = utf8Locale(ctx.env);
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "b": getList(ctx, L, g.optarg!); b = true; break;
        case "c": getList(ctx, L, g.optarg!); c = true; break;
        case "f": getList(ctx, L, g.optarg!); f = true; break;
        case "d": {
          const v = encode(g.optarg!);
          const len = v.length === 0 ? 0 : !utf8 || v[0]! < 0x80 ? 1 : utf8SeqLen(v, 0, v.length);
          if (len === 0 || v[0] === 0 || len !== v.length) errx(ctx, 1, "bad delimiter");
          dchar = v.length === 1 ? v[0]! : -1;
          dmb = v;
          d = true;
          break;
        }
        case "s": s = true; break;
        case "n": n = true; break;
        case "w": w = true; break;
        default: usage(ctx, USAGE);
      }
    }
    if (f) {
      if (b || c || n || (w && d)) usage(ctx, USAGE);
    } else if (!(b || c) || d || s || w) usage(ctx, USAGE);
    else if (!b && n) usage(ctx, USAGE);

    let fcn: (fd: number, name: string) => number;
    if (f && !w && dchar >= 0 && dchar !== 10) fcn = (fd, name) => fCutByte(ctx, L, fd, name, utf8, dchar, s);
    else if (f) fcn = (fd, name) => fCut(ctx, L, fd, name, utf8, dchar, dmb, s, w);
    else if (c && utf8) fcn = (fd, name) => cCut(ctx, L, fd, name);
    else if (b && n && utf8) fcn = (fd, name) => bnCut(ctx, L, fd, name);
    else fcn = (fd) => bCut(ctx, L, fd);

    const files = g.rest;
    let rval = 0;
    if (!files.length) rval = fcn(ctx.stdin, "stdin");
    for (const name of files) {
      if (name === "-") {
        rval |= fcn(ctx.stdin, "stdin");
        continue;
      }
      let fd: number;
      try {
        fd = open(name, O.RDONLY);
      } catch (e) {
        warn(ctx, name, e);
        rval = 1;
        continue;
      }
      fcn(fd, name);
      try { close(fd); } catch {}
    }
    return rval;
  },
});

/** get_list(): mark the positions of a list; several lists accumulate. */
function getList(ctx: Ctx, L: List, list: string): void {
  const need = (n: number) => {
    if (n > 1 << 26) errx(ctx, 1, "realloc: Cannot allocate memory");
    if (n > L.pos.length) {
      const p = new Uint8Array(Math.max(n, L.pos.length * 2));
      p.set(L.pos);
      L.pos = p;
    }
  };
  const num = (t: string, k: number): [number, number] => {
    let e = k;
    while (e < t.length && t[e]! >= "0" && t[e]! <= "9") e++;
    const v = Number(t.slice(k, e));
    return [v > 2 ** 53 ? 2 ** 53 : v, e];
  };
  const digit = (ch: string | undefined) => ch !== undefined && ch >= "0" && ch <= "9";
  for (const t of list.split(/[, \t]/)) {
    let setauto = false, start = 0, stop = 0, p = 0;
    if (t[p] === "-") { p++; setauto = true; }
    if (digit(t[p])) {
      [start, p] = num(t, p);
      stop = start;
      if (setauto && start > L.autostart) L.autostart = start;
    }
    if (t[p] === "-") {
      if (digit(t[p + 1])) [stop, p] = num(t, p + 1);
      if (t[p] === "-") {
        p++;
        if (!L.autostop || L.autostop > stop) L.autostop = stop;
      }
    }
    if (p < t.length) errx(ctx, 1, "[-bcf] list: illegal list value");
    if (!stop || !start) errx(ctx, 1, "[-bcf] list: values may not include zero");
    if (L.maxval < stop) {
      L.maxval = stop;
      need(stop + 1);
    }
    for (let k = start; k <= stop; k++) L.pos[k] = 1;
  }
  if (L.autostop && L.maxval > L.autostop) L.maxval = L.autostop;
  if (L.maxval < L.autostart) {
    L.maxval = L.autostart;
    need(L.maxval + 1);
  }
  for (let k = 1; k <= L.autostart; k++) L.pos[k] = 1;
}

/** Write the selected positions 1..min(len, maxval) of v (0-based bytes) as runs. */
function selected(ctx: Ctx, L: List, v: Uint8Array, len: number): void {
  const pos = L.pos, m = Math.min(len, L.maxval);
  let k = 1;
  while (k <= m) {
    if (!pos[k]) { k++; continue; }
    const a = k;
    while (k <= m && pos[k]) k++;
    ctx.out.write(v.subarray(a - 1, k - 1));
  }
}

/** -b (and -c in the C locale): getc() semantics, line by line. */
function bCut(ctx: Ctx, L: List, fd: number): number {
  const r = new Reader(fd);
  for (;;) {
    let l: Uint8Array | null;
    try { l = r.line(); } catch { return 0; }
    if (!l) return 0;
    const nl = l[l.length - 1] === 10;
    const len = nl ? l.length - 1 : l.length;
    selected(ctx, L, l, len);
    if (len < L.maxval) {
      if (!nl) return 0;
    } else if (L.autostop) ctx.out.write(l.subarray(L.maxval, len));
    ctx.out.byte(10);
  }
}

/** -b -n in a UTF-8 locale: do not split characters. */
function bnCut(ctx: Ctx, L: List, fd: number, name: string): number {
  const r = new Reader(fd), pos = L.pos, maxval = L.maxval;
  let warned = 0;
  for (;;) {
    let l: Uint8Array | null;
    try { l = r.line(); } catch { break; }
    if (!l) break;
    let i = 0, col = 0;
    const end = l.length;
    for (; i < end; ) {
      let clen = l[i]! < 0x80 ? 1 : utf8SeqLen(l, i, end);
      if (!clen) {
        if (!warned) {
          warn(ctx, name, ERRNO.EILSEQ!);
          warned = 1;
        }
        clen = 1;
      }
      if (l[i] === 0 || l[i] === 10) break;
      let can: boolean;
      if (col < maxval && !pos[1 + col]) {
        let k = col;
        while (k < col + clen && k < maxval && !pos[1 + k]) k++;
        can = k < col + clen;
        for (; k < col + clen && k < maxval; k++) can &&= !!pos[1 + k];
      } else {
        can = true;
        for (let k = col; k < col + clen; k++) {
          if ((k >= maxval && !L.autostop) || (k < maxval && !pos[1 + k])) { can = false; break; }
        }
      }
      if (can) ctx.out.write(l.subarray(i, i + clen));
      i += clen;
      col += clen;
    }
    if (i < end) ctx.out.byte(10);
  }
  return warned;
}

/** -c in a UTF-8 locale: getwc() semantics. */
function cCut(ctx: Ctx, L: List, fd: number, name: string): number {
  const win = new WideIn(fd, true), pos = L.pos;
  out: for (;;) {
    let ch = 0;
    for (let col = 1; col <= L.maxval; col++) {
      ch = win.getwc();
      if (ch === WEOF) break out;
      if (ch === 10) break;
      if (pos[col]) ctx.out.write(win.bytes());
    }
    if (ch !== 10) {
      for (;;) {
        const { seg, term } = win.take();
        if (L.autostop) ctx.out.write(seg);
        if (term === 10 || term === WEOF) break;
      }
    }
    ctx.out.byte(10);
  }
  if (win.ferr) {
    warn(ctx, name, win.errno);
    return 1;
  }
  return 0;
}

/** -f: fields. */
function fCut(ctx: Ctx, L: List, fd: number, name: string, utf8: boolean, dchar: number, dmb: Uint8Array, s: boolean, w: boolean): number {
  const r = new Reader(fd), pos = L.pos, out = ctx.out;
  const isDelim = (i: number, l: Uint8Array): number => {
    // the length of the delimiter at l[i], or 0
    const b = l[i]!;
    if (w) return b === 32 || b === 9 ? 1 : 0;
    if (dchar >= 0) return b === dchar ? 1 : 0;
    if (b !== dmb[0]) return 0;
    for (let k = 1; k < dmb.length; k++) if (l[i + k] !== dmb[k]) return 0;
    return dmb.length;
  };
  for (;;) {
    let l: Uint8Array | null;
    try { l = r.line(); } catch { return 0; }
    if (!l) return 0;
    const nl = l[l.length - 1] === 10;
    const end = nl ? l.length - 1 : l.length;
    // first pass: every character valid, and is there a delimiter?
    let found = dchar === 10;
    for (let i = 0; i < end; ) {
      const b = l[i]!;
      let n = 1;
      if (b >= 0x80 && utf8) {
        n = utf8SeqLen(l, i, end);
        if (!n) {
          // an invalid sequence, or one cut off by the (real or assumed) newline
          warn(ctx, name, ERRNO.EILSEQ!);
          return 1;
        }
      }
      if (!found && isDelim(i, l)) found = true;
      i += n;
    }
    if (!found) {
      if (!s) out.write(l);
      continue;
    }
    let p = 0, output = 0, atNL = false;
    for (let field = 1; field <= L.maxval; field++) {
      const sel = pos[field];
      if (sel && output++) out.write(dmb);
      const a = p;
      let dl = 0;
      while (p < end && !(dl = isDelim(p, l))) p++;
      if (sel) out.write(l.subarray(a, p));
      if (p >= end) { atNL = true; break; }
      p += dl;
      if (w) while (p < end && (l[p] === 32 || l[p] === 9)) p++;
    }
    if (!atNL && L.autostop) {
      if (output) out.write(dmb);
      out.write(l.subarray(p, end));
    }
    out.byte(10);
  }
}

const FATAL = new TextDecoder("utf-8", { fatal: true });

/**
 * -f with a one-byte delimiter (not -w): fCut's algorithm on the read buffer, lines as offsets,
 * output assembled in a buffer. In a UTF-8 locale each buffer's complete lines are checked at
 * once (a valid whole is valid line by line, '\n' being ASCII); only when that fails are lines
 * checked one by one, so the first invalid line still ends the file with EILSEQ after the lines
 * before it were cut.
 */
function fCutByte(ctx: Ctx, L: List, fd: number, name: string, utf8: boolean, dchar: number, s: boolean): number {
  const pos = L.pos, maxval = L.maxval, autostop = L.autostop, out = ctx.out;
  let buf = new Uint8Array(1 << 18);
  let start = 0, end = 0, eof = false, valid = 0, rerr = false;
  const ob = new Uint8Array(1 << 17);
  let o = 0;
  const put = (a: number, b: number) => {
    const n = b - a;
    if (o + n > ob.length) {
      out.write(ob.subarray(0, o));
      o = 0;
      if (n > ob.length) { out.write(buf.subarray(a, b)); return; }
    }
    if (n < 48) for (let k = a; k < b; k++) ob[o++] = buf[k]!;
    else { ob.set(buf.subarray(a, b), o); o += n; }
  };
  const byte = (c: number) => {
    if (o === ob.length) { out.write(ob); o = 0; }
    ob[o++] = c;
  };
  const fill = (): boolean => {
    if (eof) return false;
    if (start > 0) {
      buf.copyWithin(0, start, end);
      end -= start;
      valid = valid > start ? valid - start : 0;
      start = 0;
    } else if (end === buf.length) {
      const nb = new Uint8Array(buf.length * 2);
      nb.set(buf.subarray(0, end));
      buf = nb;
    }
    let n: number;
    try {
      n = read(fd, buf, end, buf.length - end);
    } catch {
      // like fCut: a read error ends the file quietly, the partial line unread
      rerr = eof = true;
      return false;
    }
    if (n === 0) eof = true;
    end += n;
    if (utf8 && valid < end) {
      // the complete lines (all of it at the end of input) at once
      let last = eof ? end : buf.lastIndexOf(10, end - 1) + 1;
      if (last > end) last = end;
      if (last > valid) {
        try {
          FATAL.decode(buf.subarray(valid, last));
          valid = last;
        } catch {}
      }
    }
    return n > 0;
  };
  {
    for (;;) {
      // short lines are found faster by a loop than by a native call
      let i = start;
      const lim = start + 128 < end ? start + 128 : end, B0 = buf;
      while (i < lim && B0[i] !== 10) i++;
      if (i === lim) i = i < end ? buf.indexOf(10, i) : -1;
      if (i < 0 || i >= end) {
        for (;;) {
          const off = end - start;
          if (!fill()) { i = -1; break; }
          i = buf.indexOf(10, start + off);
          if (i >= 0 && i < end) break;
        }
        if (rerr || (i < 0 && start === end)) break;
      }
      const ls = start, le = i < 0 ? end : i, next = i < 0 ? end : i + 1;
      start = next;
      if (utf8 && le > valid) {
        for (let k = ls; k < le; k++) {
          if (buf[k]! >= 0x80) {
            const n = utf8SeqLen(buf, k, le);
            if (!n) {
              if (o) out.write(ob.subarray(0, o));
              warn(ctx, name, ERRNO.EILSEQ!);
              return 1;
            }
            k += n - 1;
          }
        }
      }
      // the first field, which also tells whether the line has a delimiter
      const B = buf;
      let p = ls;
      while (p < le && B[p] !== dchar) p++;
      if (p >= le) {
        if (!s) put(ls, next);
        continue;
      }
      let output = 0, atNL = false, a = ls;
      for (let field = 1; ; ) {
        const sel = pos[field];
        if (sel) {
          if (output++) byte(dchar);
          put(a, p);
        }
        if (p >= le) { atNL = true; break; }
        p++;
        if (++field > maxval) break;
        a = p;
        while (p < le && B[p] !== dchar) p++;
      }
      if (!atNL && autostop) {
        if (output) byte(dchar);
        put(p, le);
      }
      byte(10);
    }
  }
  if (o) out.write(ob.subarray(0, o));
  return 0;
}
