// paste — merge corresponding or subsequent lines of files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/paste.html  FreeBSD: paste(1)
// Options (getopt "d:s"): -d list  delimiters used in turn (\n \t \\ \0 = none, \c = c);
//   -s  serial: the lines of each file joined into one line.
// Operands: at least one file; "-" is standard input (read in turn when given several times).
// BSD: input is read as characters with musl's getwc: an invalid UTF-8 byte ends that file
//   quietly (C locale: bytes). Parallel mode stops at the first file that cannot be opened
//   (err, status 1, no output); serial mode reports it and goes on (status 1). A last line without
//   a newline is completed in parallel mode, not with -s. -d '' is "no delimiters specified";
//   a trailing lone backslash in -d is an empty delimiter (FreeBSD reads past the argument).
import { defineApplet, Getopt, usage, errx, err, warn, utf8Locale, type Ctx } from "@bsdbox/shared";
import { WideIn, WEOF } from "@bsdbox/shared/wstdio";
import { open, close, O, encode, utf8SeqLen, ERRNO } from "@bsdbox/compat";

const USAGE = "usage: paste [-s] [-d delimiters] file ...";

export default defineApplet({
  name: "paste",
  main(ctx) {
    const g = new Getopt(ctx, "d:s");
    const utf8 = utf8Locale(ctx.env);
    let delim: Uint8Array[] | undefined, seq = false;
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "d": delim = tr(ctx, g.optarg!, utf8); break;
        case "s": seq = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const files = g.rest;
    if (!files.length) usage(ctx, USAGE);
    delim ??= [new Uint8Array([9])];
    return seq ? sequential(ctx, files, delim, utf8) : parallel(ctx, files, delim, utf8);
  },
});

/** The -d list as characters (each a byte string; empty for \0), with paste's escapes. */
function tr(ctx: Ctx, arg: string, utf8: boolean): Uint8Array[] {
  const v = encode(arg);
  const chars: Uint8Array[] = [];
  for (let i = 0; i < v.length; ) {
    const n = !utf8 || v[i]! < 0x80 ? 1 : utf8SeqLen(v, i, v.length);
    if (!n) err(ctx, 1, "delimiters", ERRNO.EILSEQ!);
    chars.push(v.subarray(i, i + n));
    i += n;
  }
  const out: Uint8Array[] = [];
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    if (c.length === 1 && c[0] === 0x5c) {
      const e = chars[++k];
      if (e === undefined) { out.push(new Uint8Array(0)); break; }
      if (e.length === 1 && e[0] === 0x6e) out.push(new Uint8Array([10]));
      else if (e.length === 1 && e[0] === 0x74) out.push(new Uint8Array([9]));
      else if (e.length === 1 && e[0] === 0x30) out.push(new Uint8Array(0));
      else out.push(e);
    } else out.push(c);
  }
  if (!out.length) errx(ctx, 1, "no delimiters specified");
  return out;
}

function parallel(ctx: Ctx, files: string[], delim: Uint8Array[], utf8: boolean): number {
  const out = ctx.out, n = delim.length;
  let stdin: WideIn | undefined;
  const list: { w: WideIn | null; fd: number; cnt: number }[] = [];
  files.forEach((p, cnt) => {
    let fd = ctx.stdin;
    if (p !== "-") {
      try { fd = open(p, O.RDONLY); } catch (e) { err(ctx, 1, p, e); }
    }
    const w = fd === ctx.stdin ? (stdin ??= new WideIn(fd, utf8)) : new WideIn(fd, utf8);
    list.push({ w, fd, cnt });
  });
  for (let opencnt = list.length; opencnt; ) {
    let output = false;
    for (const lp of list) {
      if (!lp.w) {
        if (output && lp.cnt) out.write(delim[(lp.cnt - 1) % n]!);
        continue;
      }
      const { seg, term } = lp.w.take();
      if (!seg.length && term === WEOF) {
        if (!--opencnt) break;
        lp.w = null;
        if (lp.fd !== ctx.stdin) try { close(lp.fd); } catch {}
        if (output && lp.cnt) out.write(delim[(lp.cnt - 1) % n]!);
        continue;
      }
      if (!output) {
        output = true;
        for (let k = 0; k < lp.cnt; k++) out.write(delim[k % n]!);
      } else out.write(delim[(lp.cnt - 1) % n]!);
      out.write(seg);
    }
    if (output) out.byte(10);
  }
  return 0;
}

function sequential(ctx: Ctx, files: string[], delim: Uint8Array[], utf8: boolean): number {
  const out = ctx.out;
  let failed = 0;
  let stdin: WideIn | undefined;
  for (const p of files) {
    let fd = ctx.stdin;
    if (p !== "-") {
      try {
        fd = open(p, O.RDONLY);
      } catch (e) {
        warn(ctx, p, e);
        failed = 1;
        continue;
      }
    }
    const w = fd === ctx.stdin ? (stdin ??= new WideIn(fd, utf8)) : new WideIn(fd, utf8);
    let cnt = 0, needdelim = false;
    for (;;) {
      const { seg, term } = w.take();
      if (!seg.length && term === WEOF) break;
      if (needdelim) {
        needdelim = false;
        out.write(delim[cnt]!);
        if (++cnt === delim.length) cnt = 0;
      }
      out.write(seg);
      if (term === WEOF) break;
      needdelim = true;
    }
    if (needdelim) out.byte(10);
    if (fd !== ctx.stdin) try { close(fd); } catch {}
  }
  return failed;
}
