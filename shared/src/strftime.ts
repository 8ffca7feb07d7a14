// strftime(3) as FreeBSD's libc has it (chimerautils' strftime_bsd), for the C/POSIX locale, and
// localtime(3)/gmtime(3) to feed it.
//
//   strftime("%b %e %H:%M", localtime(sec)!)
//
// Conversions: %A %a %B %b %h %C %c %D %d %e %F %G %g %H %I %j %k %l %M %m %n %p %R %r %S %s %T
// %t %U %u %V %v %W %w %X %x %Y %y %Z %z %+ %%; the C99 modifiers E and O are skipped
// (`%Ey` = `%y`); FreeBSD's padding flags `-` (none), `_` (spaces) and `0` (zeros) before a
// numeric conversion. An unknown conversion prints its character (`%Q` gives "Q"); a lone `%` at
// the end prints "%". Years are printed as FreeBSD does: century and two digits (`0999`).
// C locale texts: %c = "%a %b %e %H:%M:%S %Y", %x = "%m/%d/%y", %X = "%H:%M:%S", %p = AM/PM.
//
// Time zones: localtime/gmtime/mktime come from ./tz (musl's reading of TZ and zoneinfo
// files); %Z prints tm.zone, %z tm.gmtoff.

import type { Tm } from "./tz";
export type { Tm, Zone } from "./tz";
export { localtime, gmtime, mktime, loadZone, localZone } from "./tz";

const DAY = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

/** ISO 8601 week-based year and week of tm (FreeBSD's %G/%V algorithm). */
function isoWeek(tm: Tm): { year: number; week: number } {
  let year = tm.year, yd = tm.yday;
  const wday = tm.wday;
  for (;;) {
    const len = (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 366 : 365;
    // what yday does the ISO year's first week start on (may be negative)
    const bot = ((yd + 11 - wday) % 7) - 3;
    // the same for the following year
    let top = bot - (len % 7);
    if (top < -3) top += 7;
    top += len;
    if (yd >= top) { year++; return { year, week: 1 }; }
    if (yd >= bot) return { year, week: 1 + Math.floor((yd - bot) / 7) };
    year--;
    yd += (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 366 : 365;
  }
}

/** Pad `n` as printf would with a width and padding character; pad "" prints it bare. */
function num(n: number, width: number, pad: "0" | " " | ""): string {
  const neg = n < 0;
  let s = String(Math.abs(n));
  if (pad === "0") s = s.padStart(neg ? width - 1 : width, "0");
  if (neg) s = "-" + s;
  if (pad === " ") s = s.padStart(width, " ");
  return s;
}

/** FreeBSD's _yconv: century and/or two-digit year, each "%02d". */
function yconv(year: number, top: boolean, yy: boolean): string {
  let lead = Math.trunc(year / 100), trail = year % 100;
  if (trail < 0 && lead > 0) { trail += 100; lead--; }
  else if (lead < 0 && trail > 0) { trail -= 100; lead++; }
  let s = "";
  if (top) s += lead === 0 && trail < 0 ? "-0" : num(lead, 2, "0");
  if (yy) s += num(Math.abs(trail), 2, "0");
  return s;
}

/** strftime(3) in the C locale. */
export function strftime(fmt: string, tm: Tm): string {
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== "%") { out += c; continue; }
    // at most one padding flag (- _ 0) and one E or O modifier, in any order, then the
    // conversion; a second flag or modifier is printed as an unknown conversion ("%EEy" = "Ey")
    let pad: "" | "-" | "_" | "0" = "";
    let eo = false;
    let j = i + 1;
    for (;;) {
      const f = fmt[j];
      if ((f === "-" || f === "_" || f === "0") && !pad) { pad = f; j++; }
      else if ((f === "E" || f === "O") && !eo) { eo = true; j++; }
      else break;
    }
    const conv = fmt[j];
    if (conv === undefined) { out += "%"; break; }
    i = j;
    // a number with the default padding `def` ("0" or " ") unless a flag says otherwise
    const n = (v: number, width: number, def: "0" | " ") =>
      num(v, width, pad === "-" ? "" : pad === "_" ? " " : pad === "0" ? "0" : def);
    const h12 = tm.hour % 12 === 0 ? 12 : tm.hour % 12;
    switch (conv) {
      case "A": out += DAY[tm.wday] ?? "?"; break;
      case "a": out += DAY[tm.wday]?.slice(0, 3) ?? "?"; break;
      case "B": out += MON[tm.mon] ?? "?"; break;
      case "b": case "h": out += MON[tm.mon]?.slice(0, 3) ?? "?"; break;
      case "C": out += yconv(tm.year, true, false); break;
      case "c": out += strftime("%a %b %e %H:%M:%S %Y", tm); break;
      case "D": out += strftime("%m/%d/%y", tm); break;
      case "d": out += n(tm.mday, 2, "0"); break;
      case "e": out += n(tm.mday, 2, " "); break;
      case "F": out += strftime("%Y-%m-%d", tm); break;
      case "G": { const w = isoWeek(tm); out += yconv(w.year, true, true); break; }
      case "g": { const w = isoWeek(tm); out += yconv(w.year, false, true); break; }
      case "H": out += n(tm.hour, 2, "0"); break;
      case "I": out += n(h12, 2, "0"); break;
      case "j": out += n(tm.yday + 1, 3, "0"); break;
      case "k": out += n(tm.hour, 2, " "); break;
      case "l": out += n(h12, 2, " "); break;
      case "M": out += n(tm.min, 2, "0"); break;
      case "m": out += n(tm.mon + 1, 2, "0"); break;
      case "n": out += "\n"; break;
      case "p": out += tm.hour >= 12 ? "PM" : "AM"; break;
      case "R": out += strftime("%H:%M", tm); break;
      case "r": out += strftime("%I:%M:%S %p", tm); break;
      case "S": out += n(tm.sec, 2, "0"); break;
      case "s": out += String(tm.t); break;
      case "T": out += strftime("%H:%M:%S", tm); break;
      case "t": out += "\t"; break;
      case "U": out += n(Math.floor((tm.yday + 7 - tm.wday) / 7), 2, "0"); break;
      case "u": out += String(tm.wday === 0 ? 7 : tm.wday); break;
      case "V": out += n(isoWeek(tm).week, 2, "0"); break;
      case "v": out += strftime("%e-%b-%Y", tm); break;
      case "W": out += n(Math.floor((tm.yday + 7 - (tm.wday ? tm.wday - 1 : 6)) / 7), 2, "0"); break;
      case "w": out += String(tm.wday); break;
      case "X": out += strftime("%H:%M:%S", tm); break;
      case "x": out += strftime("%m/%d/%y", tm); break;
      case "Y": out += yconv(tm.year, true, true); break;
      case "y": out += yconv(tm.year, false, true); break;
      case "Z": out += tm.zone; break;
      case "z": {
        let diff = tm.gmtoff;
        const sign = diff < 0 ? "-" : "+";
        diff = Math.trunc(Math.abs(diff) / 60);
        out += sign + n(Math.trunc(diff / 60) * 100 + (diff % 60), 4, "0");
        break;
      }
      case "+": out += strftime("%a %b %e %H:%M:%S %Z %Y", tm); break;
      case "%": out += "%"; break;
      default: out += conv; // undefined conversion: the character itself
    }
  }
  return out;
}
