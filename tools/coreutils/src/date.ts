// date — display or set the date and time.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/date.html  FreeBSD: date(1)
// usage: date [-jnRu] [-I[date|hours|minutes|seconds|ns]] [-f input_fmt] [-r filename|seconds]
//             [-v[+|-]val[y|m|w|d|H|M|S]] [-z output_zone] [[[[[[cc]yy]mm]dd]HH]MM[.SS] | new_date]
//             [+output_fmt]
// A port of FreeBSD's bin/date (date.c, vary.c) as chimerautils builds it on musl:
// - the time is now, -r seconds (strtoq base 0) or -r file (its mtime); an operand (with -f, read
//   by strptime(3); else [[[[cc]yy]mm]dd]HH]MM[.ss], yy < 69 = 20yy) replaces it, and sets the
//   clock (clock_settime) unless -j; -u works in UTC (TZ=UTC0) throughout, -z ZONE only for output;
// - -v adjustments in order (vary.c): [+|-]N with y m w d H M S, a weekday or month name; an
//   absolute value sets the field; months clamp to the month's last day, mktime(3) normalises
//   the rest, H/M/S keep the DST flag (elapsed time), y/m/w/d take the wall-clock time;
// - output: +format (strftime(3) plus %N nanoseconds), -I ISO 8601 (ns = comma + 9 digits),
//   -R RFC 2822, default "%+"; -n is accepted and ignored.
// Errors as date.c: "illegal time format" + usage; "ARG: Cannot apply date adjustment" + usage;
// "Failed conversion of ``S'' using format ``F''"; "nonexistent time"; "invalid time"; setting
// the clock without privilege: "date: clock_settime: Operation not permitted".
// Differences: no utmpx OLD_TIME/NEW_TIME records and no syslog entry when the clock is set; the
// output is not cut at 1023 bytes; only the C locale.
import { defineApplet, Getopt, usage, err, errx, warnx, strtol, byteLength, type Ctx } from "@bsdbox/shared";
import { strftime } from "@bsdbox/shared/strftime";
import { loadZone, localtime, mktime, type Tm, type Zone } from "@bsdbox/shared/tz";
import { strptime } from "@bsdbox/shared/strptime";
import { stat, nowMs, realtime, setRealtime } from "@bsdbox/compat";

const USAGE = `usage: date [-jnRu] [-I[date|hours|minutes|seconds|ns]] [-f input_fmt]
            [ -z output_zone ] [-r filename|seconds] [-v[+|-]val[y|m|w|d|H|M|S]]
            [[[[[[cc]yy]mm]dd]HH]MM[.SS] | new_date] [+output_fmt]`;

const ISO: [string, string][] = [
  ["date", "%Y-%m-%d"], ["hours", "T%H"], ["minutes", ":%M"], ["seconds", ":%S"], ["ns", ",%N"],
];
const RFC2822 = "%a, %d %b %Y %T %z";

export default defineApplet({
  name: "date",
  main(ctx) {
    const g = new Getopt(ctx, "f:I::jnRr:uv:z:");
    let fmt: string | undefined, outzone: string | undefined;
    let iso = -1, jflag = false, Rflag = false, rflag = false;
    let sec = 0, nsec = 0;
    let tz = ctx.env.get("TZ");
    const vary: string[] = [];
    const multiple = () => errx(ctx, 1, "multiple output formats specified");
    for (let c; (c = g.next()) !== undefined;) {
      const arg = g.optarg ?? "";
      switch (c) {
        case "f": fmt = arg; break;
        case "I":
          if (Rflag) multiple();
          iso = g.optarg === undefined ? 0 : ISO.findIndex(([n]) => n === arg);
          if (iso < 0) errx(ctx, 1, `invalid argument '${arg}' for -I`);
          break;
        case "j": jflag = true; break;
        case "n": break;
        case "R":
          if (iso >= 0) multiple();
          Rflag = true;
          break;
        case "r": {
          rflag = true;
          const r = strtol(arg, 0);
          nsec = 0;
          if (arg.slice(r.end) !== "") {
            let ns: bigint;
            try {
              ns = stat(arg).mtimeNs;
            } catch {
              usage(ctx, USAGE);
            }
            const s = ns / 1000000000n - (ns % 1000000000n < 0n ? 1n : 0n);
            sec = Number(s);
            nsec = Number(ns - s * 1000000000n);
          } else {
            const max = 0x7fffffffffffffffn, min = -0x8000000000000000n;
            sec = Number(r.value > max ? max : r.value < min ? min : r.value);
          }
          break;
        }
        case "u": tz = "UTC0"; break;
        case "z": outzone = arg; break;
        case "v": vary.push(arg); break;
        default: usage(ctx, USAGE);
      }
    }
    const args = g.rest;
    let k = 0;

    if (!rflag) {
      // nanoseconds only when something prints them: the clock call costs a library load
      const wantNs = iso === 4 || args.some((a) => a[0] === "+" && a.includes("N"));
      if (wantNs) ({ sec, nsec } = realtime());
      else {
        const ms = nowMs();
        sec = Math.floor(ms / 1000);
      }
    }

    let format = Rflag ? RFC2822 : "%+";
    if (args[k]?.[0] === "+") {
      if (iso >= 0) multiple();
      format = args[k++]!.slice(1);
    }
    if (args[k] !== undefined) {
      sec = setTheTime(ctx, fmt, args[k++]!, jflag, sec, loadZone(tz));
      nsec = 0;
    } else if (fmt !== undefined) usage(ctx, USAGE);
    if (args[k]?.[0] === "+") {
      if (iso >= 0) multiple();
      format = args[k]!.slice(1);
    }

    const zone = loadZone(outzone ?? tz);
    const lt = localtime(sec, zone);
    if (!lt) errx(ctx, 1, "invalid time");
    for (const v of vary) {
      if (!varyApply(v, lt, zone)) {
        ctx.err.write(`${v}: Cannot apply date adjustment\n`);
        usage(ctx, USAGE);
      }
    }

    let out: string;
    if (iso >= 0) {
      out = strftimeNs(ISO.slice(0, iso + 1).map(([, f]) => f).join(""), lt, nsec);
      if (iso > 0) {
        const z = strftime("%z", lt);
        out += z.slice(0, 3) + ":" + z.slice(3);
      }
    } else out = strftimeNs(format, lt, nsec);
    ctx.out.write(out + "\n");
    return 0;
  },
});

function badFormat(ctx: Ctx): never {
  warnx(ctx, "illegal time format");
  usage(ctx, USAGE);
}

/** The operand: a new time from strptime(fmt) or [[[[[cc]yy]mm]dd]HH]MM[.ss] on top of the
 * current one, in `zone`; sets the clock unless -j. Returns the seconds. */
function setTheTime(ctx: Ctx, fmt: string | undefined, p: string, jflag: boolean, now: number, zone: Zone): number {
  const l = localtime(now, zone);
  if (!l) errx(ctx, 1, "invalid time");
  const lt: Tm = { ...l, isdst: -1 };
  if (fmt !== undefined) {
    const end = strptime(p, fmt, lt, zone);
    if (end < 0) {
      ctx.err.write(`Failed conversion of \`\`${p}'' using format \`\`${fmt}''\n`);
      badFormat(ctx);
    } else if (end < p.length) {
      const rest = p.slice(end);
      ctx.err.write(`Warning: Ignoring ${byteLength(rest)} extraneous characters in date string (${rest})\n`);
    }
  } else {
    let dot = -1;
    for (let i = 0; i < p.length; i++) {
      const c = p[i]!;
      if (c >= "0" && c <= "9") continue;
      if (c === "." && dot < 0) { dot = i; continue; }
      badFormat(ctx);
    }
    let i = 0;
    const atoi2 = (at = i) => {
      i = at + 2;
      return (p.charCodeAt(at) - 48) * 10 + (p.charCodeAt(at + 1) - 48);
    };
    if (dot >= 0) {
      if (p.length - dot - 1 !== 2) badFormat(ctx);
      lt.sec = atoi2(dot + 1);
      i = 0;
      if (lt.sec > 61) badFormat(ctx);
    } else lt.sec = 0;
    let century = false;
    // fall through from the longest form, as date.c's switch does
    const n = p.length - (dot >= 0 ? 3 : 0);
    if (n !== 12 && n !== 10 && n !== 8 && n !== 6 && n !== 4 && n !== 2) badFormat(ctx);
    if (n === 12) {
      lt.year = atoi2() * 100;
      century = true;
    }
    if (n >= 10) {
      if (century) lt.year += atoi2();
      else {
        const yy = atoi2();
        lt.year = yy < 69 ? 2000 + yy : 1900 + yy;
      }
    }
    if (n >= 8) {
      lt.mon = atoi2();
      if (lt.mon > 12) badFormat(ctx);
      lt.mon--;
    }
    if (n >= 6) {
      lt.mday = atoi2();
      if (lt.mday > 31) badFormat(ctx);
    }
    if (n >= 4) {
      lt.hour = atoi2();
      if (lt.hour > 23) badFormat(ctx);
    }
    lt.min = atoi2();
    if (lt.min > 59) badFormat(ctx);
  }
  const r = mktime(lt, zone);
  if (!r) errx(ctx, 1, "nonexistent time");
  if (!jflag) {
    try {
      setRealtime(r.t, 0);
    } catch (e) {
      err(ctx, 1, "clock_settime", e);
    }
  }
  return r.t;
}

/** date's strftime_ns: each %N (not %%N) becomes the nanoseconds, then strftime(3). */
function strftimeNs(format: string, tm: Tm, nsec: number): string {
  let f = "", seen = false;
  for (const c of format) {
    if (c === "%") {
      seen = !seen;
      f += c;
    } else if (c === "N" && seen) {
      f = f.slice(0, -1) + String(nsec).padStart(9, "0");
      seen = false;
    } else {
      seen = false;
      f += c;
    }
  }
  return strftime(f, tm);
}

// ---------- vary.c ----------

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december"];
const WDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MDAYS = [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Type = "+" | "-" | "";

/** A vary adjustment being applied: the broken-down time and the zone mktime works in. */
interface V { t: Tm; zone: Zone }

function daysInMonth(t: Tm): number {
  const y = t.year;
  if (t.mon === 1) return y % 400 === 0 ? 29 : y % 100 === 0 ? 28 : y % 4 === 0 ? 29 : 28;
  return t.mon >= 0 && t.mon < 12 ? MDAYS[t.mon]! : 0;
}

/** mktime(3) into t; -1 on failure (or for the time -1 itself, as in C). */
function mk(v: V): number {
  const r = mktime(v.t, v.zone);
  if (!r) return -1;
  Object.assign(v.t, r);
  return r.t;
}

function domktime(v: V, type: Type): number {
  let ret: number;
  // while mktime fails, adjust by an hour (tm_year 69..137 only, as vary.c)
  while ((ret = mk(v)) === -1 && v.t.year - 1900 > 68 && v.t.year - 1900 < 138) adjhour(v, type === "-" ? "-" : "+", 1, false);
  return ret;
}

function adjyear(v: V, type: Type, val: number, m: boolean): boolean {
  const t = v.t;
  if (type === "+") t.year += val;
  else if (type === "-") t.year -= val;
  else {
    let y = val;
    if (y < 69) y += 100;
    else if (y > 1900) y -= 1900;
    t.year = 1900 + y;
  }
  return !m || domktime(v, type) !== -1;
}

function adjmon(v: V, type: Type, val: number, istext: boolean, m: boolean): boolean {
  const t = v.t;
  if (val < 0) return false;
  if (type === "+") {
    if (istext) {
      if (val <= t.mon) val += 11 - t.mon;
      else val -= t.mon + 1;
    }
    if (val) {
      if (!adjyear(v, "+", Math.trunc((t.mon + val) / 12), false)) return false;
      val %= 12;
      t.mon += val;
      if (t.mon > 11) t.mon -= 12;
    }
  } else if (type === "-") {
    if (istext) {
      if (val - 1 > t.mon) val = 13 - val + t.mon;
      else val = t.mon - val + 1;
    }
    if (val) {
      if (!adjyear(v, "-", Math.trunc(val / 12), false)) return false;
      val %= 12;
      if (val > t.mon) {
        if (!adjyear(v, "-", 1, false)) return false;
        val -= 12;
      }
      t.mon -= val;
    }
  } else {
    if (val > 12 || val < 1) return false;
    t.mon = val - 1;
  }
  // e.g., -v-1m on March 31 is the last day of February
  const lmdays = daysInMonth(t);
  if (t.mday > lmdays) t.mday = lmdays;
  return !m || domktime(v, type) !== -1;
}

function adjday(v: V, type: Type, val: number, m: boolean): boolean {
  const t = v.t;
  if (type === "+") {
    while (val) {
      const lmdays = daysInMonth(t);
      if (val > lmdays - t.mday) {
        val -= lmdays - t.mday + 1;
        t.mday = 1;
        if (!adjmon(v, "+", 1, false, false)) return false;
      } else {
        t.mday += val;
        val = 0;
      }
    }
  } else if (type === "-") {
    while (val) {
      if (val >= t.mday) {
        val -= t.mday;
        t.mday = 1;
        if (!adjmon(v, "-", 1, false, false)) return false;
        t.mday = daysInMonth(t);
      } else {
        t.mday -= val;
        val = 0;
      }
    }
  } else {
    if (val > 0 && val <= daysInMonth(t)) t.mday = val;
    else return false;
  }
  return !m || domktime(v, type) !== -1;
}

function adjwday(v: V, type: Type, val: number, istext: boolean, m: boolean): boolean {
  const t = v.t;
  if (val < 0) return false;
  if (type === "+") {
    if (istext) val = val < t.wday ? 7 - t.wday + val : val - t.wday;
    else val *= 7;
    return !val || adjday(v, "+", val, m);
  }
  if (type === "-") {
    if (istext) val = val > t.wday ? 7 - val + t.wday : t.wday - val;
    else val *= 7;
    return !val || adjday(v, "-", val, m);
  }
  if (val < t.wday) return adjday(v, "-", t.wday - val, m);
  if (val > 6) return false;
  if (val > t.wday) return adjday(v, "+", val - t.wday, m);
  return true;
}

function adjhour(v: V, type: Type, val: number, m: boolean): boolean {
  const t = v.t;
  if (val < 0) return false;
  if (type === "+") {
    if (val) {
      const days = Math.trunc((t.hour + val) / 24);
      val %= 24;
      t.hour = (t.hour + val) % 24;
      if (!adjday(v, "+", days, false)) return false;
    }
  } else if (type === "-") {
    if (val) {
      let days = Math.trunc(val / 24);
      val %= 24;
      if (val > t.hour) {
        days++;
        val -= 24;
      }
      t.hour -= val;
      if (!adjday(v, "-", days, false)) return false;
    }
  } else {
    if (val > 23) return false;
    t.hour = val;
  }
  return !m || domktime(v, type) !== -1;
}

function adjmin(v: V, type: Type, val: number, m: boolean): boolean {
  const t = v.t;
  if (val < 0) return false;
  if (type === "+") {
    if (val) {
      if (!adjhour(v, "+", Math.trunc((t.min + val) / 60), false)) return false;
      val %= 60;
      t.min += val;
      if (t.min > 59) t.min -= 60;
    }
  } else if (type === "-") {
    if (val) {
      if (!adjhour(v, "-", Math.trunc(val / 60), false)) return false;
      val %= 60;
      if (val > t.min) {
        if (!adjhour(v, "-", 1, false)) return false;
        val -= 60;
      }
      t.min -= val;
    }
  } else {
    if (val > 59) return false;
    t.min = val;
  }
  return !m || domktime(v, type) !== -1;
}

function adjsec(v: V, type: Type, val: number, m: boolean): boolean {
  const t = v.t;
  if (val < 0) return false;
  if (type === "+") {
    if (val) {
      if (!adjmin(v, "+", Math.trunc((t.sec + val) / 60), false)) return false;
      val %= 60;
      t.sec += val;
      if (t.sec > 59) t.sec -= 60;
    }
  } else if (type === "-") {
    if (val) {
      if (!adjmin(v, "-", Math.trunc(val / 60), false)) return false;
      val %= 60;
      if (val > t.sec) {
        if (!adjmin(v, "-", 1, false)) return false;
        val -= 60;
      }
      t.sec -= val;
    }
  } else {
    if (val > 59) return false;
    t.sec = val;
  }
  return !m || domktime(v, type) !== -1;
}

/** A name whose first three letters (any case) are those of a table entry: its index + base. */
function trans(table: string[], arg: string, base: number): number {
  const a = arg.slice(0, 3).toLowerCase();
  const i = table.findIndex((s) => s.slice(0, 3) === a);
  return i < 0 ? -1 : i + base;
}

/** musl's atoi: digits after optional blanks and sign, in int arithmetic (wrapping). */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(s)!;
  let n = 0;
  for (const d of m[2]!) n = (Math.imul(n, 10) + d.charCodeAt(0) - 48) | 0;
  return m[1] === "-" ? -n | 0 : n;
}

/** One -v argument applied to t (vary_apply); false when it cannot be. */
function varyApply(argument: string, t: Tm, zone: Zone): boolean {
  const v: V = { t, zone };
  let type: Type = "";
  let arg = argument;
  if (arg[0] === "+" || arg[0] === "-") {
    type = arg[0];
    arg = arg.slice(1);
  }
  const len = arg.length;
  if (len < 2) return false;
  if (type === "") t.isdst = -1;
  let span = 0;
  while (span < len && arg[span]! >= "0" && arg[span]! <= "9") span++;
  if (span !== len - 1) {
    let val = trans(WDAYS, arg, 0);
    if (val !== -1) return adjwday(v, type, val, true, true);
    val = trans(MONTHS, arg, 1);
    if (val !== -1) return adjmon(v, type, val, true, true);
    return false;
  }
  const val = atoi(arg);
  switch (arg[len - 1]) {
    case "S": return adjsec(v, type, val, true);
    case "M": return adjmin(v, type, val, true);
    case "H": return adjhour(v, type, val, true);
    case "d": t.isdst = -1; return adjday(v, type, val, true);
    case "w": t.isdst = -1; return adjwday(v, type, val, false, true);
    case "m": t.isdst = -1; return adjmon(v, type, val, false, true);
    case "y": t.isdst = -1; return adjyear(v, type, val, true);
    default: return false;
  }
}
