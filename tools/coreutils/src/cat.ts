// cat — concatenate and print files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/cat.html  FreeBSD: cat(1)
// Options: -b number non-blank lines (implies -n), -e show '$' at line ends (implies -v),
//   -l lock stdout (flock LOCK_EX), -n number lines, -s squeeze blank lines,
//   -t show tabs as ^I (implies -v), -u unbuffered (output is never held back anyway),
//   -v show non-printing characters (^X, M-x; printable UTF-8 passes in UTF-8 locales).
// "-" is standard input. Plain cat copies bytes (sendfile(2) for regular files).
import { defineApplet, Getopt, usage, openInput, closeInput, warnOp, iswprint, utf8Locale, utf8SeqLen, codePointAt, type Ctx } from "@bsdbox/shared";
import { read, sendfile, splice, fstat, S_ISREG, flock, SysError } from "@bsdbox/compat";

const USAGE = "usage: cat [-belnstuv] [file ...]";

interface Flags { b: boolean; e: boolean; n: boolean; s: boolean; t: boolean; v: boolean; }

export default defineApplet({
  name: "cat",
  main(ctx) {
    const g = new Getopt(ctx, "belnstuv");
    const f: Flags = { b: false, e: false, n: false, s: false, t: false, v: false };
    let lock = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "b": f.b = f.n = true; break;
        case "e": f.e = f.v = true; break;
        case "l": lock = true; break;
        case "n": f.n = true; break;
        case "s": f.s = true; break;
        case "t": f.t = f.v = true; break;
        case "u": break;
        case "v": f.v = true; break;
        default: usage(ctx, USAGE);
      }
    }
    if (lock) {
      try {
        flock(1, 2);
      } catch (e) {
        warnOp(ctx, "stdout", e);
        return 1;
      }
    }
    const files = g.rest.length ? g.rest : ["-"];
    const cook = f.b || f.e || f.n || f.s || f.t || f.v;
    for (const name of files) {
      const fd = openInput(ctx, name);
      if (fd < 0) continue;
      try {
        if (cook) cookCat(ctx, fd, f, { line: 0, prev: 10, gobble: false });
        else rawCat(ctx, fd);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        warnOp(ctx, name === "-" ? "stdin" : name, e);
      }
      closeInput(ctx, fd);
    }
    return ctx.status;
  },
});

// Bytes move in the kernel where it can: sendfile(2) from a regular file, splice(2) when either
// side is a pipe; otherwise read/write through a 1 MiB buffer.
function rawCat(ctx: Ctx, fd: number): void {
  ctx.out.flush();
  const move = S_ISREG(fstat(fd).mode) ? sendfile : spliceTo;
  for (let first = true; ; first = false) {
    const n = move(1, fd, 1 << 30);
    if (n === 0) return;
    if (n < 0) {
      if (first) break; // not possible for these descriptors: copy by hand
      throw new SysError(22, "EINVAL");
    }
  }
  const buf = new Uint8Array(1 << 20);
  for (;;) {
    const n = read(fd, buf);
    if (n === 0) return;
    ctx.out.write(buf.subarray(0, n));
    ctx.out.flush();
  }
}

interface CookState { line: number; prev: number; gobble: boolean; }

// FreeBSD cook_cat, byte by byte; numbering and squeezing start afresh with each file.
function cookCat(ctx: Ctx, fd: number, f: Flags, st: CookState): void {
  const out = ctx.out;
  const utf8 = utf8Locale(ctx.env);
  const buf = new Uint8Array(1 << 16);
  let carry = new Uint8Array(0); // an incomplete multibyte sequence at a chunk end
  for (;;) {
    const n = read(fd, buf);
    let data: Uint8Array = buf.subarray(0, n);
    if (carry.length) {
      const j = new Uint8Array(carry.length + n);
      j.set(carry);
      j.set(data, carry.length);
      data = j;
      carry = new Uint8Array(0);
    }
    const eof = n === 0;
    if (eof && data.length === 0) return;
    let i = 0;
    while (i < data.length) {
      const ch = data[i]!;
      if (st.prev === 10) {
        if (f.s) {
          if (ch === 10) {
            if (st.gobble) { i++; continue; }
            st.gobble = true;
          } else st.gobble = false;
        }
        if (f.n) {
          if (!f.b || ch !== 10) out.write(`${String(++st.line).padStart(6)}\t`);
          else if (f.e) out.write("      \t");
        }
      }
      if (ch === 10) {
        if (f.e) out.byte(36);
      } else if (ch === 9) {
        if (f.t) { out.write("^I"); st.prev = ch; i++; continue; }
      } else if (f.v) {
        let wc = ch, len = 1;
        if (ch >= 0x80 && utf8) {
          len = utf8SeqLen(data, i);
          if (len === 0) {
            // maybe a sequence cut by the chunk boundary
            if (!eof && data.length - i < 4 && couldContinue(data, i)) {
              carry = data.slice(i);
              break;
            }
            len = 1;
          } else wc = codePointAt(data, i, len);
        }
        let m = wc;
        if (len === 1 && ch >= 0x80 ? true : (wc >= 0x80 && !iswprint(wc))) {
          out.write("M-");
          m = wc & 0x7f;
        }
        if (m < 0x20 || m === 0x7f) {
          out.byte(94);
          out.byte(m === 0x7f ? 63 : m | 0x40);
        } else if (m !== wc) out.byte(m);
        else out.write(data.subarray(i, i + len));
        st.prev = -1;
        i += len;
        continue;
      }
      out.byte(ch);
      st.prev = ch;
      i++;
    }
    if (eof) return;
  }
}

const spliceTo = (out: number, fd: number, n: number) => splice(fd, out, n);

function couldContinue(d: Uint8Array, i: number): boolean {
  const c = d[i]!;
  const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
  if (!need || d.length - i >= need) return false;
  for (let k = i + 1; k < d.length; k++) if ((d[k]! & 0xc0) !== 0x80) return false;
  return true;
}
