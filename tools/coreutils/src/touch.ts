// touch — change file access and modification times.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/touch.html  FreeBSD: touch(1)
// Options (getopt "A:acd:fhmr:t:"): -a / -m change only the access / modification time (both
//   when neither is given); -c creates no file; -d YYYY-MM-DDThh:mm:SS[.frac][Z] (or a blank for
//   the T; the fraction after '.' or ',' gives nanoseconds; Z = UTC, else local time);
//   -t [[CC]YY]MMDDhhmm[.SS] in local time (YY < 69 is 20YY); -r file copies its times (to the
//   nanosecond); -A [-][[hh]mm]SS adjusts: the given time, or without -d/-r/-t each file's own
//   times (and then creates nothing); -h changes a symlink itself (implies -c); -f is ignored.
// Without -d/-r/-t, a first operand of 8 or 10 digits followed by another operand is the
// obsolete MMDDhhmm[yy] time (yy < 39 is 20yy). A new file gets mode 0666 less the umask and,
// unless a time was given, keeps the times of its creation.
// Digits in -t/-A/obsolete times are not checked, as in touch.c (mktime normalises whatever
// they give). An operand that fails is reported and the next one is tried; status 1 then.
import { defineApplet, Getopt, usage, errx, err, warnOp, type Ctx } from "@bsdbox/shared";
import {
  encode, stat, lstat, open, close, fstat, utimensat, O, SysError, nowMs,
  UTIME_NOW_NSEC, UTIME_OMIT_NSEC, type Timespec, type Stat,
} from "@bsdbox/compat";
import { mktime as tzMktime, timegm, loadZone, localtime } from "@bsdbox/shared/tz";

const ENOENT = 2;
const TERR_T = "out of range or illegal time specification: [[CC]YY]MMDDhhmm[.SS]";
const TERR_OBS = "out of range or illegal time specification: MMDDhhmm[yy]";
const TERR_D = "out of range or illegal time specification: YYYY-MM-DDThh:mm:SS[.frac][tz]";

const usageText = (prog: string) =>
  `usage: ${prog} [-A [-][[hh]mm]SS] [-achm] [-r file] [-t [[CC]YY]MMDDhhmm[.SS]]\n` +
  `       [-d YYYY-MM-DDThh:mm:SS[.frac][tz]] file ...`;

export default defineApplet({
  name: "touch",
  main(ctx) {
    const g = new Getopt(ctx, "A:acd:fhmr:t:");
    let Aflag = 0, aflag = false, cflag = false, mflag = false, timeset = false, follow = true;
    const ts: Timespec[] = [{ sec: 0n, nsec: UTIME_NOW_NSEC }, { sec: 0n, nsec: UTIME_NOW_NSEC }];
    const setBoth = (sec: bigint, nsec: bigint) => {
      ts[0] = { sec, nsec };
      ts[1] = { sec, nsec };
    };
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "A": Aflag = timeoffset(ctx, g.optarg!); break;
        case "a": aflag = true; break;
        case "c": cflag = true; break;
        case "d": timeset = true; setBoth(...darg(ctx, g.optarg!)); break;
        case "f": break;
        case "h": cflag = true; follow = false; break;
        case "m": mflag = true; break;
        case "r": {
          timeset = true;
          let sb: Stat;
          try {
            sb = stat(g.optarg!);
          } catch (e) {
            err(ctx, 1, g.optarg!, e);
          }
          ts[0] = split(sb.atimeNs);
          ts[1] = split(sb.mtimeNs);
          break;
        }
        case "t": timeset = true; setBoth(targ(ctx, g.optarg!), 0n); break;
        default: usage(ctx, usageText(ctx.prog));
      }
    }
    const files = g.rest;
    if (!aflag && !mflag) aflag = mflag = true;
    if (timeset) {
      // an adjustment of a given time is made once, here
      if (Aflag) {
        if (aflag) ts[0] = { ...ts[0]!, sec: ts[0]!.sec + BigInt(Aflag) };
        if (mflag) ts[1] = { ...ts[1]!, sec: ts[1]!.sec + BigInt(Aflag) };
        Aflag = 0;
      }
    } else {
      // the obsolete form: `touch MMDDhhmm[yy] file ...`
      if (files.length > 1) {
        const b = encode(files[0]!);
        const m = /^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(files[0]!);
        if (m && (b.length === 8 || b.length === 10)) {
          timeset = true;
          setBoth(obsolete(ctx, b, b.length === 10), 0n);
          files.shift();
        }
      }
      ts[1] = ts[0]!;
    }
    if (!aflag) ts[0] = { ...ts[0]!, nsec: UTIME_OMIT_NSEC };
    if (!mflag) ts[1] = { ...ts[1]!, nsec: UTIME_OMIT_NSEC };
    if (!files.length) usage(ctx, usageText(ctx.prog));
    if (Aflag) cflag = true;

    for (const file of files) {
      let sb: Stat;
      try {
        sb = follow ? stat(file) : lstat(file);
      } catch (e) {
        if ((e as SysError).errno !== ENOENT) {
          warnOp(ctx, file, e);
          continue;
        }
        if (cflag) continue;
        let fd: number;
        try {
          fd = open(file, O.WRONLY | O.CREAT, 0o666);
        } catch (e2) {
          warnOp(ctx, file, e2);
          continue;
        }
        try {
          sb = fstat(fd);
        } catch (e2) {
          warnOp(ctx, file, e2);
          sb = undefined as unknown as Stat;
        }
        try {
          close(fd);
        } catch (e2) {
          warnOp(ctx, file, e2);
        }
        // created with the current time: done
        if (!timeset) continue;
      }
      // adjust each file's own times
      if (Aflag) {
        if (aflag) {
          const t = split(sb.atimeNs);
          ts[0] = { sec: t.sec + BigInt(Aflag), nsec: t.nsec };
        }
        if (mflag) {
          const t = split(sb.mtimeNs);
          ts[1] = { sec: t.sec + BigInt(Aflag), nsec: t.nsec };
        }
      }
      try {
        utimensat(file, ts[0]!, ts[1]!, follow);
      } catch (e) {
        warnOp(ctx, file, e);
      }
    }
    return ctx.status;
  },
});

/** Nanoseconds since the epoch as a timespec. */
function split(ns: bigint): Timespec {
  let sec = ns / 1000000000n, nsec = ns % 1000000000n;
  if (nsec < 0n) {
    nsec += 1000000000n;
    sec -= 1n;
  }
  return { sec, nsec };
}

/** touch.c's ATOI2: two characters as digits, unchecked (a C char is signed on most ABIs). */
function atoi2(b: Uint8Array, i: number): number {
  const ch = (k: number) => {
    const v = b[k] ?? 0;
    return (v > 127 ? v - 256 : v) - 48;
  };
  return ch(i) * 10 + ch(i + 1);
}

/** mktime(3) (local time as TZ gives it) or timegm(3) of a broken-down time, fields
 * normalised as C does; NaN out of range. */
function mktime(ctx: Ctx, year: number, mon: number, mday: number, hour: number, min: number, sec: number, utc = false): number {
  if (utc) return timegm({ year, mon, mday, hour, min, sec });
  return tzMktime({ year, mon, mday, hour, min, sec, isdst: -1 }, loadZone(ctx.env.get("TZ")))?.t ?? NaN;
}

/** The current year in local time. */
function thisYear(ctx: Ctx): number {
  return localtime(Math.floor(nowMs() / 1000), loadZone(ctx.env.get("TZ")))?.year ?? 1970;
}

/** -t [[CC]YY]MMDDhhmm[.SS] in local time, as seconds. */
function targ(ctx: Ctx, arg: string): bigint {
  let b = encode(arg);
  let sec = 0;
  const dot = b.indexOf(0x2e);
  if (dot >= 0) {
    if (b.length - dot - 1 !== 2) errx(ctx, 1, TERR_T);
    sec = atoi2(b, dot + 1);
    b = b.subarray(0, dot);
  }
  let year = thisYear(ctx), i = 0;
  switch (b.length) {
    case 12:
      year = atoi2(b, 0) * 100 + atoi2(b, 2);
      i = 4;
      break;
    case 10: {
      const yy = atoi2(b, 0);
      year = yy < 69 ? yy + 2000 : yy + 1900;
      i = 2;
      break;
    }
    case 8:
      break;
    default:
      errx(ctx, 1, TERR_T);
  }
  const t = mktime(ctx, year, atoi2(b, i) - 1, atoi2(b, i + 2), atoi2(b, i + 4), atoi2(b, i + 6), sec);
  if (t === -1 || Number.isNaN(t)) errx(ctx, 1, TERR_T);
  return BigInt(t);
}

/** The obsolete operand MMDDhhmm[yy], as seconds. */
function obsolete(ctx: Ctx, b: Uint8Array, withYear: boolean): bigint {
  let year = thisYear(ctx);
  if (withYear) {
    let y = atoi2(b, 8);
    if (y < 39) y += 100; // 2000-2038, not 1902-1969
    year = 1900 + y;
  }
  const t = mktime(ctx, year, atoi2(b, 0) - 1, atoi2(b, 2), atoi2(b, 4), atoi2(b, 6), 0);
  if (t === -1 || Number.isNaN(t)) errx(ctx, 1, TERR_OBS);
  return BigInt(t);
}

/** -A [-][[hh]mm]SS, as seconds. */
function timeoffset(ctx: Ctx, arg: string): number {
  let b = encode(arg);
  const neg = b[0] === 0x2d;
  if (neg) b = b.subarray(1);
  let off = 0, i = 0;
  switch (b.length) {
    case 6: off = atoi2(b, i); i += 2; // falls through
    case 4: off = off * 60 + atoi2(b, i); i += 2; // falls through
    case 2: off = off * 60 + atoi2(b, i); break;
    default: errx(ctx, 1, "Invalid offset spec, must be [-][[HH]MM]SS");
  }
  return neg ? -off : off;
}

const isdigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isspace = (c: number | undefined) => c !== undefined && (c === 0x20 || (c >= 9 && c <= 13));

/**
 * -d: FreeBSD's strptime with "%Y-%m-%dT%H:%M:%S" (or a blank for the T when the argument has
 * no T), then an optional fraction and Z. Returns [seconds, nanoseconds].
 */
function darg(ctx: Ctx, arg: string): [bigint, bigint] {
  const b = encode(arg);
  const colon = b.indexOf(0x3a);
  if (colon < 0 || b.indexOf(0x3a, colon + 1) < 0) errx(ctx, 1, TERR_D);
  const fmt = encode(b.includes(0x54) ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S");
  const tm = { year: 0, mon: 0, mday: 0, hour: 0, min: 0, sec: 0 };
  let p = strptime(b, fmt, tm);
  if (p < 0) errx(ctx, 1, TERR_D);
  let nsec = 0n;
  if ((b[p] === 0x2e || b[p] === 0x2c) && isdigit(b[p + 1])) {
    p++;
    let val = 100000000n;
    while (isdigit(b[p])) {
      nsec += val * BigInt(b[p]! - 48);
      p++;
      val /= 10n;
    }
  }
  let utc = false;
  if (b[p] === 0x5a) {
    utc = true;
    p++;
  }
  if (p !== b.length) errx(ctx, 1, TERR_D);
  const t = mktime(ctx, 1900 + tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, utc);
  return [BigInt(Number.isNaN(t) ? -1 : t), nsec];
}

/** The part of FreeBSD's strptime(3) that -d uses (%Y %m %d %H %M %S and literals); returns
 * where parsing stopped, or -1 for no match. tm.year counts from 1900. */
function strptime(buf: Uint8Array, fmt: Uint8Array, tm: { year: number; mon: number; mday: number; hour: number; min: number; sec: number }): number {
  let b = 0, f = 0;
  const digits = (len: number) => {
    let i = 0;
    for (; len && b < buf.length && isdigit(buf[b]); b++, len--) i = i * 10 + buf[b]! - 48;
    return i;
  };
  // after a field: a blank in the input skips the format to its next blank
  const skipFmt = () => {
    if (b < buf.length && isspace(buf[b])) while (f < fmt.length && !isspace(fmt[f])) f++;
  };
  while (f < fmt.length) {
    const c = fmt[f++]!;
    if (c !== 0x25) {
      if (isspace(c)) while (b < buf.length && isspace(buf[b])) b++;
      else if (c !== buf[b++]) return -1;
      continue;
    }
    const conv = String.fromCharCode(fmt[f++]!);
    switch (conv) {
      case "Y": {
        if (b >= buf.length || isspace(buf[b])) break;
        if (!isdigit(buf[b])) return -1;
        const i = digits(4) - 1900;
        if (i < 0) return -1;
        tm.year = i;
        break;
      }
      case "m": {
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (i < 1 || i > 12) return -1;
        tm.mon = i - 1;
        skipFmt();
        break;
      }
      case "d": {
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (i > 31) return -1;
        tm.mday = i;
        skipFmt();
        break;
      }
      case "H": {
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (i > 23) return -1;
        tm.hour = i;
        skipFmt();
        break;
      }
      case "M":
      case "S": {
        if (b >= buf.length || isspace(buf[b])) break;
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (conv === "M") {
          if (i > 59) return -1;
          tm.min = i;
        } else {
          if (i > 60) return -1;
          tm.sec = i;
        }
        skipFmt();
        break;
      }
    }
  }
  return b;
}
