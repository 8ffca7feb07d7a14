// strptime(3) as FreeBSD's libc has it (chimerautils' strptime_bsd), for the C/POSIX locale.
//
//   const tm = { ...localtime(now)!, isdst: -1 };
//   const end = strptime("2020-02-29 extra", "%Y-%m-%d", tm);   // 10; -1 when it does not match
//
// Only the fields a conversion names are changed; the others keep what the caller put there.
// Conversions: %A %a (full or abbreviated day names, any case) %B %b %h (month names) %C %c %D
// %d %e %F %H %I %j %k %l %M %m %n %t (any white space) %p (AM/PM) %R %r %S (0-60) %s (seconds
// since the epoch) %T %U %W (week numbers) %u %w %X %x %Y %y (69-99 = 19yy) %Z (UTC, GMT or the
// zone's own names) %z (+hhmm, +hh) %+ %%, with E and O modifiers (%OB: full month names only).
// A white-space character in the format skips any white space in the input; any other
// character must match itself. After the fields are read, a year with a month and day (or a
// week) fills in the day of the year, and a year with the day of the year fills in the month,
// day and weekday, as FreeBSD does (including its weekday slip for those). %s, %z and
// %Z = UTC/GMT make the result UTC: it is then converted to local time in `zone`.
import { gmtime, localtime, localZone, timegm, type Tm, type Zone } from "./tz";

const DAY = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

const F_YEAR = 2, F_MONTH = 4, F_YDAY = 8, F_MDAY = 16, F_WDAY = 32;
const START_OF_MONTH = [
  [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

const isleap = (y: number) => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0);
const isdigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isspace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
const isupper = (c: string | undefined) => c !== undefined && c >= "A" && c <= "Z";

/** Weekday of 1 January of `year` (FreeBSD's first_wday_of; C arithmetic). */
function firstWdayOf(year: number): number {
  return (2 * (3 - (Math.trunc(year / 100) % 4)) + (year % 100) + Math.trunc((year % 100) / 4) +
    (isleap(year) ? 6 : 0) + 1) % 7;
}

/** strncasecmp(buf + at, word, word.length) === 0 */
function hasWord(buf: string, at: number, word: string): boolean {
  return buf.slice(at, at + word.length).toLowerCase() === word.toLowerCase();
}

interface State { gmt: boolean }

function parse(buf: string, b: number, fmt: string, tm: Tm, st: State, zone: Zone): number {
  let dayOffset = -1, weekOffset = 0;
  let flags = 0;
  let century = -1, year = -1;
  // tm_year counts from 1900 inside the algorithm
  const sub = (f: string) => parse(buf, b, f, tm, st, zone);
  /** up to `len` digits; the caller checked the first is a digit */
  const digits = (len: number) => {
    let i = 0;
    for (; len && b < buf.length && isdigit(buf[b]); b++, len--) i = i * 10 + buf.charCodeAt(b) - 48;
    return i;
  };

  for (let p = 0; p < fmt.length;) {
    let c = fmt[p++]!;
    if (c !== "%") {
      if (isspace(c)) while (b < buf.length && isspace(buf[b])) b++;
      else if (c !== buf[b++]) return -1;
      continue;
    }
    let E = false, O = false;
    for (;;) {
      c = fmt[p++] ?? "";
      if ((c === "E" || c === "O") && !E && !O) {
        if (c === "E") E = true; else O = true;
        continue;
      }
      break;
    }
    switch (c) {
      case "%":
        if (buf[b++] !== "%") return -1;
        break;
      case "E": case "O": // a second modifier
        break;
      case "+":
        if ((b = sub("%a %b %e %H:%M:%S %Z %Y")) < 0) return -1;
        flags |= F_WDAY | F_MONTH | F_MDAY | F_YEAR;
        break;
      case "C": {
        if (!isdigit(buf[b])) return -1;
        century = digits(2);
        flags |= F_YEAR;
        break;
      }
      case "c":
        if ((b = sub("%a %b %e %H:%M:%S %Y")) < 0) return -1;
        flags |= F_WDAY | F_MONTH | F_MDAY | F_YEAR;
        break;
      case "D": case "x":
        if ((b = sub("%m/%d/%y")) < 0) return -1;
        flags |= F_MONTH | F_MDAY | F_YEAR;
        break;
      case "F":
        if ((b = sub("%Y-%m-%d")) < 0) return -1;
        flags |= F_MONTH | F_MDAY | F_YEAR;
        break;
      case "R":
        if ((b = sub("%H:%M")) < 0) return -1;
        break;
      case "r":
        if ((b = sub("%I:%M:%S %p")) < 0) return -1;
        break;
      case "T": case "X":
        if ((b = sub("%H:%M:%S")) < 0) return -1;
        break;
      case "j": {
        if (!isdigit(buf[b])) return -1;
        const i = digits(3);
        if (i < 1 || i > 366) return -1;
        tm.yday = i - 1;
        flags |= F_YDAY;
        break;
      }
      case "M": case "S": {
        if (b >= buf.length || isspace(buf[b])) break;
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (c === "M") {
          if (i > 59) return -1;
          tm.min = i;
        } else {
          if (i > 60) return -1;
          tm.sec = i;
        }
        break;
      }
      case "H": case "I": case "k": case "l": {
        let len = 2;
        if ((c === "k" || c === "l") && (buf[b] === " " || buf[b] === "\t")) { b++; len = 1; }
        if (!isdigit(buf[b])) return -1;
        const i = digits(len);
        if (c === "H" || c === "k") {
          if (i > 23) return -1;
        } else if (i === 0 || i > 12) return -1;
        tm.hour = i;
        break;
      }
      case "p":
        if (tm.hour > 12) return -1;
        if (hasWord(buf, b, "AM")) {
          if (tm.hour === 12) tm.hour = 0;
          b += 2;
          break;
        }
        if (hasWord(buf, b, "PM")) {
          if (tm.hour !== 12) tm.hour += 12;
          b += 2;
          break;
        }
        return -1;
      case "A": case "a": {
        let i = 0, len = 0;
        for (; i < 7; i++) {
          if (hasWord(buf, b, DAY[i]!)) { len = DAY[i]!.length; break; }
          if (hasWord(buf, b, DAY[i]!.slice(0, 3))) { len = 3; break; }
        }
        if (i === 7) return -1;
        b += len;
        tm.wday = i;
        flags |= F_WDAY;
        break;
      }
      case "U": case "W": {
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (i > 53) return -1;
        dayOffset = c === "U" ? 0 : 1;
        weekOffset = i;
        break;
      }
      case "u": case "w": {
        if (!isdigit(buf[b])) return -1;
        const i = buf.charCodeAt(b++) - 48;
        if (i > 7 || (c === "u" && i < 1) || (c === "w" && i > 6)) return -1;
        tm.wday = i % 7;
        flags |= F_WDAY;
        break;
      }
      case "e": case "d": {
        if (c === "e" && isspace(buf[b])) b++;
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (i === 0 || i > 31) return -1;
        tm.mday = i;
        flags |= F_MDAY;
        break;
      }
      case "B": case "b": case "h": {
        let i = 0, len = 0;
        for (; i < 12; i++) {
          if (O && c !== "B") continue;
          if (hasWord(buf, b, MON[i]!)) { len = MON[i]!.length; break; }
        }
        if (i === 12 && !O) {
          for (i = 0; i < 12; i++) if (hasWord(buf, b, MON[i]!.slice(0, 3))) { len = 3; break; }
        }
        if (i === 12) return -1;
        tm.mon = i;
        b += len;
        flags |= F_MONTH;
        break;
      }
      case "m": {
        if (!isdigit(buf[b])) return -1;
        const i = digits(2);
        if (i < 1 || i > 12) return -1;
        tm.mon = i - 1;
        flags |= F_MONTH;
        break;
      }
      case "s": {
        // strtol(buf, &cp, 10): no digits leaves buf where it was and reads 0
        const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(buf.slice(b));
        let n = 0n;
        if (m) {
          n = BigInt((m[1] ?? "") + (m[2] ?? "0"));
          if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) return -1;
          b += m[0].length;
        }
        const g = gmtime(Number(n));
        if (!g) return -1;
        Object.assign(tm, g);
        st.gmt = true;
        flags |= F_YDAY | F_WDAY | F_MONTH | F_MDAY | F_YEAR;
        break;
      }
      case "Y": case "y": {
        if (b >= buf.length || isspace(buf[b])) break;
        if (!isdigit(buf[b])) return -1;
        const i = digits(c === "Y" ? 4 : 2);
        if (c === "Y") century = Math.trunc(i / 100);
        year = i % 100;
        flags |= F_YEAR;
        break;
      }
      case "Z": {
        let e = b;
        while (e < buf.length && isupper(buf[e])) e++;
        if (e > b) {
          const name = buf.slice(b, e);
          if (name === "GMT" || name === "UTC") st.gmt = true;
          else if (name === zone.names[0]) tm.isdst = 0;
          else if (name === zone.names[1]) tm.isdst = 1;
          else return -1;
          b = e;
        }
        break;
      }
      case "z": {
        let sign = 1;
        if (buf[b] !== "+") {
          if (buf[b] === "-") sign = -1;
          else return -1;
        }
        b++;
        let i = 0;
        for (let len = 4; len > 0; len--) {
          if (isdigit(buf[b])) {
            i = i * 10 + buf.charCodeAt(b) - 48;
            b++;
          } else if (len === 2) {
            i *= 100;
            break;
          } else return -1;
        }
        if (i > 1400 || (sign === -1 && i > 1200) || i % 100 >= 60) return -1;
        tm.hour -= sign * Math.trunc(i / 100);
        tm.min -= sign * (i % 100);
        st.gmt = true;
        break;
      }
      case "n": case "t":
        while (isspace(buf[b])) b++;
        break;
      default:
        return -1;
    }
  }

  let tmYear = tm.year - 1900;
  if (century !== -1 || year !== -1) {
    if (year === -1) year = 0;
    if (century === -1) {
      if (year < 69) year += 100;
    } else year += century * 100 - 1900;
    tmYear = year;
    tm.year = year + 1900;
  }

  if (!(flags & F_YDAY) && flags & F_YEAR) {
    if ((flags & (F_MONTH | F_MDAY)) === (F_MONTH | F_MDAY)) {
      tm.yday = START_OF_MONTH[isleap(tmYear + 1900)]![tm.mon]! + (tm.mday - 1);
      flags |= F_YDAY;
    } else if (dayOffset !== -1) {
      const fwo = firstWdayOf(tmYear + 1900);
      // no incomplete week (week 0)
      if (weekOffset === 0 && fwo === dayOffset) return -1;
      const tmpwday = flags & F_WDAY ? tm.wday : dayOffset;
      let tmpyday = ((7 - fwo + dayOffset) % 7) + (weekOffset - 1) * 7 + ((tmpwday - dayOffset + 7) % 7);
      if (tmpyday < 0) {
        if (flags & F_WDAY) return -1;
        tmpyday = 0;
      }
      tm.yday = tmpyday;
      flags |= F_YDAY;
    }
  }

  if ((flags & (F_YEAR | F_YDAY)) === (F_YEAR | F_YDAY)) {
    if (!(flags & F_MONTH)) {
      let i = 0;
      while (i <= 12 && tm.yday >= START_OF_MONTH[isleap(tmYear + 1900)]![i]!) i++;
      if (i > 12) {
        i = 1;
        tm.yday -= START_OF_MONTH[isleap(tmYear + 1900)]![12]!;
        tmYear++;
        tm.year++;
      }
      tm.mon = i - 1;
      flags |= F_MONTH;
    }
    if (!(flags & F_MDAY)) {
      tm.mday = tm.yday - START_OF_MONTH[isleap(tmYear + 1900)]![tm.mon]! + 1;
      flags |= F_MDAY;
    }
    if (!(flags & F_WDAY)) {
      // FreeBSD passes tm_year (not the full year) here
      let wdayOffset = firstWdayOf(tmYear);
      for (let i = 0; i++ <= tm.yday;) if (wdayOffset++ >= 6) wdayOffset = 0;
      tm.wday = wdayOffset;
      flags |= F_WDAY;
    }
  }
  return b;
}

/**
 * strptime_bsd: parse `buf` by `fmt` into `tm` (fields not named by the format are left as they
 * are). Returns the index in buf where parsing stopped, or -1 when the input does not match.
 * A time given in UTC (%s, %z, %Z = UTC/GMT) is converted to local time in `zone`.
 */
export function strptime(buf: string, fmt: string, tm: Tm, zone: Zone = localZone()): number {
  const st: State = { gmt: false };
  const end = parse(buf, 0, fmt, tm, st, zone);
  if (end >= 0 && st.gmt) {
    const l = localtime(timegm(tm), zone);
    if (l) Object.assign(tm, l);
  }
  return end;
}
