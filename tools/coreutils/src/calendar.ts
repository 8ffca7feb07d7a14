// calendar — reminder service: print the lines of a calendar file that fall on today and tomorrow.
// Not in POSIX. FreeBSD: calendar(1), as chimerautils builds src.freebsd/miscutils/calendar.
// usage: calendar [-A days] [-a] [-B days] [-D sun|moon] [-d] [-F friday] [-f calendarfile]
//                 [-l longitude] [-t dd[.mm[.year]]] [-U utcoffset] [-W days]
// - the file: -f FILE (default "calendar") in the current directory, else looked up (as every
//   #include is) in $HOME/.calendar, /usr/local/share/calendar, /usr/share/calendar;
// - io.c's preprocessing: // and /* */ comments, #include <f> / "f", #define, #undef, #ifdef,
//   #ifndef, #else, #endif, #error; LANG= lines are skipped, Easter= Paskha= ChineseNewYear=
//   NewMoon= FullMoon= MarEquinox= SepEquinox= JunSolstice= DecSolstice= name the special days,
//   SEQUENCE= the words for First..Last; a line starting with a tab continues the last event;
//   an event is "date<TAB>text" (spaces before the tab are dropped);
// - dates (parsedata.c): "month day", "day month", "month/day", "year/month/day", month names
//   and numbers ("*" = every month or every day), weekdays (every such day), "Month/WdayN"
//   and "WdayN" with N = First..Fifth, Last or +n/-n, Easter+-n, Paskha+-n, ChineseNewYear,
//   NewMoon, FullMoon, MarEquinox, SepEquinox, JunSolstice, DecSolstice (the astronomy of
//   pom.c and sunpos.c, at -U UTC offset / -l longitude, by default the local offset);
// - the days shown: today and tomorrow (through Monday on the -F day, default Friday = 5),
//   -A/-B days after/before, -W days after without the weekend rule, -t for "today";
// - output "%b %e" + '*' for a variable date (else ' ') + the text (+ " (time)" for moon and
//   sun events), day by day, events of a day in file order;
// - -a (root only, else "Operation not permitted"): every user's calendar (./calendar or
//   .calendar/calendar in the home directory, unless .calendar/nomail exists) is mailed to the
//   user through /usr/sbin/sendmail; -d and -D sun|moon print debugging data.
// A missing #include, an unknown or malformed directive or #error: a warning "... in FILE line
// N" and no output at all (the status stays 0), as io.c does.
// Differences: only the C locale's names and date order (LANG= lines change nothing); #warning
// prints its warning and goes on (io.c falls through to "Undefined pre-processor command");
// dates with an index use FreeBSD 14's dayofweek_of_month() (the older code found the first
// such weekday of a month one week late when the month began the day after it); -a runs the
// users one after the other in this process instead of forking.
import { defineApplet, Getopt, errx, warnx, usage, type Ctx, readAll } from "@bsdbox/shared";
import { strftime } from "@bsdbox/shared/strftime";
import { loadZone, localtime, mktime, gmtime, timegm, type Tm, type Zone } from "@bsdbox/shared/tz";
import {
  open, close, stat, S_ISDIR, O, decode, nowMs, getuid, chdir, spawnWait, unlink, randomBytes,
  writeAll, SysError, strerror, getcwd, encode,
} from "@bsdbox/compat";

const USAGE = `usage: calendar [-A days] [-a] [-B days] [-D sun|moon] [-d]
\t\t     [-F friday] [-f calendarfile] [-l longitude]
\t\t     [-t dd[.mm[.year]]] [-U utcoffset] [-W days]`;
const HOMES = [".calendar", "/usr/local/share/calendar", "/usr/share/calendar"];
const SENDMAIL = "/usr/sbin/sendmail";
const SECSPERDAY = 86400;

const FDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const FMONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const SEQUENCES = ["First", "Second", "Third", "Fourth", "Fifth", "Last"];

// determinestyle() flags
const F_MONTH = 0x1, F_DAYOFWEEK = 0x2, F_DAYOFMONTH = 0x4, F_MODIFIERINDEX = 0x8,
  F_MODIFIEROFFSET = 0x10, F_SPECIALDAY = 0x20, F_ALLMONTH = 0x40, F_ALLDAY = 0x80,
  F_VARIABLE = 0x100, F_EASTER = 0x200, F_CNY = 0x400, F_PASKHA = 0x800, F_NEWMOON = 0x1000,
  F_FULLMOON = 0x2000, F_MAREQUINOX = 0x4000, F_SEPEQUINOX = 0x8000, F_JUNSOLSTICE = 0x10000,
  F_DECSOLSTICE = 0x20000, F_YEAR = 0x40000;
const FLAGNAMES: [number, string][] = [
  [F_YEAR, "year"], [F_MONTH, "month"], [F_DAYOFWEEK, "dayofweek"], [F_DAYOFMONTH, "dayofmonth"],
  [F_MODIFIERINDEX, "modifierindex"], [F_MODIFIEROFFSET, "modifieroffset"], [F_SPECIALDAY, "specialday"],
  [F_ALLMONTH, "allmonth"], [F_ALLDAY, "allday"], [F_VARIABLE, "variable"], [F_CNY, "chinesenewyear"],
  [F_PASKHA, "paskha"], [F_EASTER, "easter"], [F_FULLMOON, "fullmoon"], [F_NEWMOON, "newmoon"],
  [F_MAREQUINOX, "marequinox"], [F_SEPEQUINOX, "sepequinox"], [F_JUNSOLSTICE, "junsolstice"],
  [F_DECSOLSTICE, "decsolstice"],
];

const isleap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
// 1-based months; cumulative days before the month, less one; days of the month
const CUMDAYS = [
  [0, -1, 30, 58, 89, 119, 150, 180, 211, 242, 272, 303, 333, 364],
  [0, -1, 30, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
];
const MONTHDAYS = [
  [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 30],
  [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 30],
];
const cumdays = (y: number) => CUMDAYS[isleap(y) ? 1 : 0]!;
const monthdays = (y: number) => MONTHDAYS[isleap(y) ? 1 : 0]!;
const isspace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const cint = (s: string) => {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? Number(m[1]) : 0;
};
const idiv = (a: number, b: number) => Math.trunc(a / b);

/** Weekday (0 = Sunday) of a Gregorian date. */
function wday(y: number, m: number, d: number): number {
  const t = timegm({ year: y, mon: m - 1, mday: d, hour: 12, min: 0, sec: 0 });
  return ((Math.floor(t / SECSPERDAY) + 4) % 7 + 7) % 7;
}

// ---------- ostern.c, paskha.c: day of the year (1-based) ----------
function easter(year: number): number {
  const G = year % 19, C = idiv(year, 100);
  const H = (C - idiv(C, 4) - idiv(8 * C + 13, 25) + 19 * G + 15) % 30;
  const I = H - idiv(H, 28) * (1 - idiv(H, 28) * idiv(29, H + 1) * idiv(21 - G, 11));
  const J = (year + idiv(year, 4) + I + 2 - C + idiv(C, 4)) % 7;
  return (isleap(year) ? 31 + 29 : 31 + 28) + 21 + (I - J) + 7;
}
function paskha(R: number): number {
  const a = R % 19, b = R % 4, c = R % 7;
  const d = (19 * a + 15) % 30, e = (2 * b + 4 * c + 6 * d + 6) % 7;
  const j2g = R < 1500 ? 0 : 10 + (idiv(R, 100) - 16) - idiv(idiv(R, 100) - 16, 4);
  return cumdays(R)[3]! + 1 + 22 + d + e + j2g;
}

// ---------- pom.c: phases of the moon ----------
const dtor = (deg: number) => (deg * Math.PI) / 180;
function adj360(x: number): number {
  for (;;) {
    if (x < 0) x += 360;
    else if (x > 360) x -= 360;
    else return x;
  }
}
/** The phase of the moon in percent, `onday` days after 1985-01-00 (UTC). */
function potm(onday: number): number {
  const N = adj360((360 * onday) / 365.2422);
  const Msol = adj360(N + 279.611371 - 282.680403);
  let Ec = (360 / Math.PI) * 0.01671542 * Math.sin(dtor(Msol));
  const LambdaSol = adj360(N + Ec + 279.611371);
  const l = adj360(13.1763966 * onday + 18.251907);
  const Mm = adj360(l - 0.1114041 * onday - 192.917585);
  adj360(55.204723 - 0.0529539 * onday);
  const Ev = 1.2739 * Math.sin(dtor(2 * (l - LambdaSol) - Mm));
  const Ac = 0.1858 * Math.sin(dtor(Msol));
  const A3 = 0.37 * Math.sin(dtor(Msol));
  const Mmprime = Mm + Ev - Ac - A3;
  Ec = 6.2886 * Math.sin(dtor(Mmprime));
  const A4 = 0.214 * Math.sin(dtor(2 * Mmprime));
  const lprime = l + Ev + Ec - Ac + A4;
  const V = 0.6583 * Math.sin(dtor(2 * (lprime - LambdaSol)));
  const D = lprime + V - LambdaSol;
  return 50 * (1 - Math.cos(dtor(D)));
}
function potmMinute(onday: number, olddir: number): number {
  let period = SECSPERDAY / 2.0;
  let p1 = onday + period / SECSPERDAY;
  period /= 2;
  while (period > 30) {
    const p2 = p1 + 2.0 / SECSPERDAY;
    const newdir = potm(p1) < potm(p2) ? -1 : +1;
    if (olddir !== newdir) p1 += period / SECSPERDAY;
    else p1 -= period / SECSPERDAY;
    period /= 2;
  }
  return p1 - Math.floor(p1);
}
/** Days since 1985-01-00 of a UTC time given by fields. */
function daysSinceEpoch(year: number, mday: number, hour: number, min: number, sec: number): number {
  const g = gmtime(timegm({ year, mon: 0, mday, hour, min, sec }))!;
  let yeardays = 0;
  for (let y = 1985; y < g.year; y++) yeardays += isleap(y) ? 366 : 365;
  return g.yday + 1 + (g.hour + g.min / 60 + g.sec / 3600) / 24 + yeardays;
}
/** Full and new moons of a year as fractional days of the year, each list ended by -1. */
function fpom(year: number, utcoffset: number): [number[], number[]] {
  const ffms: number[] = [], fnms: number[] = [];
  let today = daysSinceEpoch(year, -1, 23, 59, 59);
  let tomorrow = daysSinceEpoch(year, 0, 0, 0, 1);
  let olddir = potm(today) > potm(tomorrow) ? -1 : +1;
  for (let d = 0; d <= 366; d++) {
    const newdir = potm(today) > potm(tomorrow) ? -1 : +1;
    if (olddir !== newdir) {
      const t = potmMinute(today - 1, olddir) + utcoffset / 24;
      if (olddir === -1 && newdir === +1) fnms.push(d - 1 + t);
      else if (olddir === +1 && newdir === -1) ffms.push(d - 1 + t);
    }
    olddir = newdir;
    today++;
    tomorrow++;
  }
  ffms.push(-1);
  fnms.push(-1);
  return [ffms, fnms];
}

// ---------- sunpos.c: equinoxes, solstices, the sun's longitude ----------
const ZJTABLE = [0, -0.5, 30.5, 58.5, 89.5, 119.5, 150.5, 180.5, 211.5, 242.5, 272.5, 303.5, 333.5];
function fixup(d: number): number {
  if (d < 0) while (d < 0) d += 360;
  else while (d > 360) d -= 360;
  return d;
}
/** The sun's longitude L and declination DEC at a time. */
function sunpos(yy: number, mm: number, dd: number, utcoffset: number, h: number, mi: number, s: number): [number, number] {
  let ZJ = ZJTABLE[mm]!;
  if (mm <= 2 && isleap(yy)) ZJ -= 1.0;
  const UTHM = h + mi / 60 + s / 3600 - utcoffset;
  const Y = yy - 1900;
  const D = Math.floor(365.25 * Y) + ZJ + dd + UTHM / 24;
  const T = D / 36525.0;
  const L = fixup(279.697 + 36000.769 * T);
  const M = fixup(358.476 + 35999.05 * T);
  const epsilon = fixup(23.452 - 0.013 * T);
  const lambda = fixup(L + (1.919 - 0.005 * T) * Math.sin(dtor(M)) + 0.02 * Math.sin(dtor(2 * M)));
  const DEC = fixup((Math.asin(Math.sin(dtor(lambda)) * Math.sin(dtor(epsilon))) * 180) / Math.PI);
  return [L, DEC];
}
const SIGN = (a: number) => (a > 180 ? -1 : 1);
function fequinoxsolstice(year: number, utcoffset: number): [number[], number[]] {
  const cum = cumdays(year);
  const eq = [0, 0], sol = [0, 0];
  const equinox = (m: number, k: number) => {
    for (let d = 18; d < 31; d++) {
      let decleft = sunpos(year, m, d, utcoffset, 0, 0, 0)[1];
      const decright = sunpos(year, m, d + 1, utcoffset, 0, 0, 0)[1];
      if (SIGN(decleft) === SIGN(decright)) continue;
      let dial = SECSPERDAY, s = SECSPERDAY / 2;
      while (s > 0) {
        const mid = sunpos(year, m, d, utcoffset, idiv(dial, 3600), idiv(dial % 3600, 60), dial % 60)[1];
        if (SIGN(decleft) === SIGN(mid)) { decleft = mid; dial += s; }
        else dial -= s;
        s = idiv(s, 2);
      }
      eq[k] = 1 + cum[m]! + d + dial / SECSPERDAY;
      break;
    }
  };
  const solstice = (m: number, k: number, prevdec0: number, prevangle0: number) => {
    let prevdec = prevdec0, prevangle = prevangle0;
    for (let d = 18; d < 31; d++) {
      for (let h = 0; h < 4 * 24; h++) {
        const dec = sunpos(year, m, d, utcoffset, idiv(h, 4), 15 * (h % 4), 0)[1];
        const angle = prevdec < dec ? 1 : -1;
        if (prevangle !== angle) {
          sol[k] = 1 + cum[m]! + d + h / 4.0 / 24.0;
          return;
        }
        prevdec = dec;
        prevangle = angle;
      }
    }
  };
  equinox(3, 0);
  equinox(9, 1);
  solstice(6, 0, 0, 1);
  solstice(12, 1, 360, -1);
  return [eq, sol];
}
/** The day of the year on which the sun passes 330 degrees (for Chinese New Year). */
function calculatesunlongitude30(year: number, degreeGMToffset: number): number {
  const cum = cumdays(year), md = monthdays(year);
  const off = -24 * (degreeGMToffset / 360.0);
  let prevL = sunpos(year - 1, 12, 31, off, 0, 0, 0)[0];
  let first330 = -1;
  for (let m = 1; m <= 12; m++)
    for (let d = 1; d <= md[m]!; d++)
      for (let h = 0; h < 4 * 24; h++) {
        const curL = sunpos(year, m, d, off, idiv(h, 4), 15 * (h % 4), 0)[0];
        if (!(curL < 180 && prevL > 180))
          for (let i = 0; i <= 360; i += 30) if (curL > i && prevL < i && i === 330) first330 = cum[m]! + d;
        prevL = curL;
      }
  return first330;
}

interface YearInfo {
  ieaster: number; ipaskha: number; firstcnyday: number;
  ffullmoon: number[]; fnewmoon: number[]; equinoxdays: number[]; solsticedays: number[];
}

// ---------- the days shown and their events ----------
interface Event { var: boolean; text: string; extra?: string }
interface Day { y: number; m: number; d: number; jday: number; dow: number; events: Event[] }

/** Names the calendar file may set (Easter=, SEQUENCE=...). */
interface National { [key: string]: string | undefined }

/** The state of one run over a calendar file and its includes (io.c's statics). */
class Run {
  defs: string[] = [];
  nat: National = {};
  seq: string[] = [];
  count = 0;
  last: Event[] = [];
  failed = false;
  home = "";
  // cal_path(): where the file being read lives
  dir: string | undefined;
  file = "";
  line = 0;
  constructor(public cal: Calendar, public env: Map<string, string> = cal.ctx.env) {}

  path() {
    if (this.dir === undefined) return this.file;
    if (this.dir[0] === "/") return `${this.dir}/${this.file}`;
    return `${this.home}/${this.dir}/${this.file}`;
  }
  warn(msg: string) {
    warnx(this.cal.ctx, `${msg} in ${this.path()} line ${this.line}`);
  }

  /** cal_fopen: FILE in $HOME/.calendar, /usr/local/share/calendar, /usr/share/calendar. */
  fopen(file: string): Uint8Array | undefined {
    const ctx = this.cal.ctx;
    const home = this.env.get("HOME");
    if (!home) {
      warnx(ctx, "Cannot get home directory");
      return undefined;
    }
    if (!isDir(home)) {
      warnx(ctx, `Cannot enter home directory "${home}"`);
      return undefined;
    }
    for (const d of HOMES) {
      const dir = d[0] === "/" ? d : `${home}/${d}`;
      if (!isDir(dir)) continue;
      const data = readFile(file[0] === "/" ? file : `${dir}/${file}`);
      if (data) {
        this.home = home;
        this.dir = d;
        this.file = file;
        return data;
      }
    }
    warnx(ctx, `can't open calendar file "${file}"`);
    return undefined;
  }

  /** A preprocessor line (after the '#'): "ok", or "err" to abandon everything. */
  token(line: string, st: { skip: number; unskip: number }): boolean {
    line = line.replace(/^[ \t\n\v\f\r]+/, "");
    const after = (t: string) => (line.startsWith(t) ? line.slice(t.length) : undefined);
    // trimlr: the argument without surrounding blanks, and whether it is more than one word
    const trim = (w: string): [string, boolean] => {
      w = w.replace(/^[ \t\n\v\f\r]+/, "");
      const sp = w.search(/[ \t\n\v\f\r]/);
      if (sp < 0) return [w, false];
      return [w.replace(/[ \t\n\v\f\r]+$/, ""), true];
    };
    let walk: string | undefined;
    if (after("endif") !== undefined) {
      if (st.skip + st.unskip === 0) return this.fail("#endif without prior #ifdef or #ifndef");
      if (st.skip > 0) st.skip--;
      else st.unskip--;
      return true;
    }
    for (const kw of ["ifdef", "ifndef"]) {
      if ((walk = after(kw)) === undefined) continue;
      const [w, more] = trim(walk);
      if (w === "") return this.fail(`Expecting arguments after #${kw}`);
      if (more) return this.fail(`Expecting a single word after #${kw} but got "${w}"`);
      const defined = this.defs.includes(w);
      if (st.skip !== 0 || defined !== (kw === "ifdef")) st.skip++;
      else st.unskip++;
      return true;
    }
    if ((walk = after("else")) !== undefined) {
      if (trim(walk)[0] !== "") return this.fail("Expecting no arguments after #else");
      if (st.skip + st.unskip === 0) return this.fail("#else without prior #ifdef or #ifndef");
      if (st.skip === 0) { st.skip++; st.unskip--; }
      else if (st.skip === 1) { st.skip--; st.unskip++; }
      return true;
    }
    if (st.skip !== 0) return true;
    if ((walk = after("include")) !== undefined) {
      let [w] = trim(walk);
      if (w === "") return this.fail("Expecting arguments after #include");
      if (w[0] !== "<" && w[0] !== '"') return this.fail(`Excecting '<' or '"' after #include`);
      const a = w[0] === "<" ? ">" : '"';
      w = w.slice(1);
      if (w[w.length - 1] !== a) return this.fail(`Unterminated include expecting '${a}'`);
      w = w.slice(0, -1);
      const saved = [this.home, this.dir, this.file, this.line] as const;
      const data = this.fopen(w);
      if (!data || !this.parse(data)) return false;
      [this.home, this.dir, this.file, this.line] = saved;
      return true;
    }
    if ((walk = after("define")) !== undefined) {
      const w = walk.replace(/^[ \t\n\v\f\r]+/, "").split(/[ \t\n\v\f\r]/)[0]!;
      if (w === "") return this.fail("Expecting arguments after #define");
      if (!this.defs.includes(w)) this.defs.push(w);
      return true;
    }
    if ((walk = after("undef")) !== undefined) {
      const [w, more] = trim(walk);
      if (w === "") return this.fail("Expecting arguments after #undef");
      if (more) return this.fail(`Expecting a single word after #undef but got "${w}"`);
      this.defs = this.defs.filter((d) => d !== w);
      return true;
    }
    if ((walk = after("warning")) !== undefined) {
      this.warn(`Warning: ${trim(walk)[0]}`);
      return true;
    }
    if ((walk = after("error")) !== undefined) return this.fail(`Error: ${trim(walk)[0]}`);
    return this.fail(`Undefined pre-processor command "#${line}"`);
  }
  fail(msg: string): false {
    this.warn(msg);
    return false;
  }

  /** cal_parse: one file; false when it failed (nothing is printed then). */
  parse(data: Uint8Array): boolean {
    this.line = 0;
    const st = { skip: 0, unskip: 0 };
    let incomment = false;
    for (let s = 0; s < data.length;) {
      let e = data.indexOf(10, s);
      if (e < 0) e = data.length;
      let buf = decode(data, s, e);
      s = e + 1;
      this.line++;
      let moved = false;
      if (incomment) {
        const c = buf.indexOf("*/");
        if (c < 0) continue;
        buf = buf.slice(c + 2);
        moved = true;
        incomment = false;
      }
      for (let from = 0; ;) {
        const c = buf.indexOf("//", from), cc = buf.indexOf("/*", from);
        if (c >= 0 && (cc < 0 || c < cc)) {
          from = c + 2;
          // "//" inside a word (a URL) is no comment
          if (c === 0 || isspace(buf[c - 1])) { buf = buf.slice(0, c); break; }
        } else if (cc >= 0) {
          const end = buf.indexOf("*/", cc + 2);
          if (end >= 0) { buf = buf.slice(0, cc) + buf.slice(end + 2); from = cc; }
          else { buf = buf.slice(0, cc); incomment = true; break; }
        } else break;
      }
      buf = buf.replace(/[ \t\n\v\f\r]+$/, "");
      if (buf === "") continue;
      if (!moved && buf[0] === "#") {
        if (!this.token(buf.slice(1), st)) return false;
        continue;
      }
      if (st.skip !== 0) continue;
      if (buf.startsWith("LANG=")) continue;
      const rep = /^(Easter|Paskha|ChineseNewYear|NewMoon|FullMoon|MarEquinox|SepEquinox|JunSolstice|DecSolstice)=(.+)/i.exec(buf);
      if (rep) {
        this.nat[rep[1]!.toLowerCase()] = rep[2]!;
        continue;
      }
      if (buf.startsWith("SEQUENCE=")) {
        const w = buf.slice(9).split(" ");
        this.seq = w.length >= 6 ? [...w.slice(0, 5), w.slice(5).join(" ")] : [];
        continue;
      }
      if (buf[0] === "\t") {
        for (let i = 0; i < this.count; i++) this.last[i]!.text += "\n" + buf;
        continue;
      }
      buf = buf.replace(/^[ \t\n\v\f\r]+/, "");
      let pp = buf.indexOf("\t");
      if (pp < 0) continue;
      while (isspace(buf[pp - 1])) pp--;
      const hits = this.cal.parsedaymonth(this, buf.slice(0, pp));
      this.count = hits.length;
      if (hits.length === 0) continue;
      while (buf[pp + 1] === "\t") pp++;
      const text = buf.slice(pp);
      this.last = [];
      for (const h of hits) {
        const ev: Event = { var: h.variable, text, extra: h.extra };
        h.day.events.push(ev);
        this.last.push(ev);
      }
    }
    for (; st.skip > 0 || st.unskip > 0; st.skip > 0 ? st.skip-- : st.unskip--) {
      this.line++;
      this.warn("Missing #endif assumed");
    }
    return true;
  }
}

class Calendar {
  days: Day[] = [];
  year1 = 0;
  year2 = 0;
  debug = false;
  utcOffset = 0;
  eastLongitude = 0;
  private years = new Map<number, YearInfo>();
  constructor(public ctx: Ctx) {}

  find(y: number, m: number, d: number) {
    return this.days.find((x) => x.y === y && x.m === m && x.d === d);
  }
  findYd(y: number, jd: number) {
    return this.days.find((x) => x.y === y && x.jday === jd);
  }
  firstDowOfMonth(y: number, m: number) {
    return this.days.some((x) => x.y === y && x.m === m) ? wday(y, m, 1) : -1;
  }

  yearinfo(year: number): YearInfo {
    let yi = this.years.get(year);
    if (yi) return yi;
    const [ffullmoon, fnewmoon] = fpom(year, this.utcOffset);
    const [, fnewmooncny] = fpom(year, 8.0);
    const [equinoxdays, solsticedays] = fequinoxsolstice(year, this.utcOffset);
    let firstcnyday = calculatesunlongitude30(year, 8);
    for (let m = 0; fnewmooncny[m]! >= 0; m++)
      if (fnewmooncny[m]! > firstcnyday) {
        firstcnyday = m > 0 ? Math.floor(fnewmooncny[m - 1]!) : -1;
        break;
      }
    yi = { ieaster: easter(year), ipaskha: paskha(year), firstcnyday, ffullmoon, fnewmoon, equinoxdays, solsticedays };
    this.years.set(year, yi);
    return yi;
  }

  /** The days of the range that a date field names, with the time for moon and sun events. */
  parsedaymonth(run: Run, date: string): { day: Day; variable: boolean; extra?: string }[] {
    const st = determinestyle(run, date);
    const out = this.ctx.out;
    if (this.debug) out.write(`-------\ndate: |${date}|\n`);
    if (!st) {
      if (this.debug) out.write("Failed!\n");
      return [];
    }
    if (this.debug) debugStyle(out, st, st.flags);
    const hits: { day: Day; variable: boolean; extra?: string }[] = [];
    const variable = (st.flags & F_VARIABLE) !== 0;
    const add = (d: Day | undefined, extra?: string) => {
      if (!d) return;
      if (hits.length >= 125 - 1) {
        if (!this.warned) warnx(this.ctx, "Index > 125, ignored");
        this.warned = true;
        return;
      }
      hits.push({ day: d, variable, extra });
    };
    for (let year = this.year1; year <= this.year2; year++) {
      let lflags = st.flags;
      if ((lflags & F_YEAR) !== 0 && st.iyear !== year) continue;
      lflags &= ~F_YEAR;
      const md = monthdays(year);
      const special = lflags & ~F_MODIFIEROFFSET;
      if ((lflags & ~F_VARIABLE) === (F_MONTH | F_DAYOFMONTH)) add(this.find(year, st.imonth, st.idayofmonth));
      else if (lflags === (F_ALLMONTH | F_DAYOFMONTH)) for (let m = 1; m <= 12; m++) add(this.find(year, m, st.idayofmonth));
      else if (lflags === (F_ALLDAY | F_MONTH)) for (let d = 1; d <= (md[st.imonth] ?? 0); d++) add(this.find(year, st.imonth, d));
      else if (lflags === (F_DAYOFWEEK | F_VARIABLE)) {
        if (!this.days.some((x) => x.y === year)) continue;
        for (let d = (st.idayofweek - wday(year, 1, 1) + 8) % 7; d <= 366; d += 7) add(this.findYd(year, d));
      } else if (lflags === (F_DAYOFWEEK | F_MODIFIERINDEX | F_VARIABLE)) {
        for (let m = 1; m <= 12; m++) {
          const d = this.dayofweekOfMonth(st.idayofweek, st.index, m, year);
          if (d !== -1) add(this.find(year, m, d));
        }
      } else if (lflags === (F_MONTH | F_DAYOFWEEK | F_MODIFIERINDEX | F_VARIABLE)) {
        const d = this.dayofweekOfMonth(st.idayofweek, st.index, st.imonth, year);
        if (d !== -1) add(this.find(year, st.imonth, d));
      } else if (lflags === (F_DAYOFWEEK | F_MONTH | F_VARIABLE)) {
        const dow = this.firstDowOfMonth(year, st.imonth);
        if (dow === -1) continue;
        for (let d = (st.idayofweek - dow + 8) % 7; d <= (md[st.imonth] ?? 0); d += 7) add(this.find(year, st.imonth, d));
      } else if (special === (F_SPECIALDAY | F_VARIABLE | F_EASTER)) add(this.findYd(year, this.yearinfo(year).ieaster + st.offset));
      else if (special === (F_SPECIALDAY | F_VARIABLE | F_PASKHA)) add(this.findYd(year, this.yearinfo(year).ipaskha + st.offset));
      else if (special === (F_SPECIALDAY | F_VARIABLE | F_CNY)) add(this.findYd(year, this.yearinfo(year).firstcnyday + st.offset));
      else if (special === (F_SPECIALDAY | F_VARIABLE | F_FULLMOON) || special === (F_SPECIALDAY | F_VARIABLE | F_NEWMOON)) {
        const yi = this.yearinfo(year);
        const list = special & F_FULLMOON ? yi.ffullmoon : yi.fnewmoon;
        // (the loop runs over the full moons for both, as parsedata.c does)
        for (let i = 0; yi.ffullmoon[i]! > 0; i++) {
          const f = list[i] ?? -1;
          add(this.findYd(year, Math.floor(f) + st.offset), floattotime(f));
        }
      } else if (special === (F_SPECIALDAY | F_VARIABLE | F_MAREQUINOX) || special === (F_SPECIALDAY | F_VARIABLE | F_SEPEQUINOX)) {
        const f = this.yearinfo(year).equinoxdays[special & F_MAREQUINOX ? 0 : 1]!;
        add(this.findYd(year, Math.trunc(f) + st.offset), floattotime(f));
      } else if (special === (F_SPECIALDAY | F_VARIABLE | F_JUNSOLSTICE) || special === (F_SPECIALDAY | F_VARIABLE | F_DECSOLSTICE)) {
        const f = this.yearinfo(year).solsticedays[special & F_JUNSOLSTICE ? 0 : 1]!;
        add(this.findYd(year, Math.trunc(f) + st.offset), floattotime(f));
      } else {
        warnx(this.ctx, `unprocessed date: |${date}|`);
        if (this.debug) debugStyle(out, st, lflags);
      }
    }
    return hits;
  }
  private warned = false;

  /** The day of the month of the index'th weekday dow (0 = Sunday) of a month; -1 outside the range. */
  dayofweekOfMonth(dow: number, index: number, month: number, year: number): number {
    const dow1 = this.firstDowOfMonth(year, month);
    if (dow1 === -1 || index === 0) return -1;
    let d = (dow - dow1 + 1) % 7;
    if (index < 0) {
      let d2 = d;
      while (d2 <= monthdays(year)[month]!) d2 += 7;
      d = index * 7 + d2;
    } else d += d > 0 ? index * 7 - 7 : index * 7;
    return d;
  }

  /** The events, day by day. */
  print(): string {
    let s = "";
    for (const day of this.days) {
      if (!day.events.length) continue;
      const tm = { year: day.y, mon: day.m - 1, mday: day.d } as Tm;
      const dbuf = strftime("%b %e", tm);
      for (const e of day.events) s += `${dbuf}${e.var ? "*" : " "}${e.text}${e.extra !== undefined ? ` (${e.extra})` : ""}\n`;
      day.events = [];
    }
    return s;
  }
}

interface Style {
  flags: number; imonth: number; idayofmonth: number; idayofweek: number; iyear: number;
  index: number; offset: number;
  month: string; dayofmonth: string; dayofweek: string; modifieroffset: string;
  modifierindex: string; specialday: string; year: string;
}

function floattotime(f: number): string {
  f -= Math.floor(f);
  let i = Math.trunc(f * SECSPERDAY);
  const hh = idiv(i, 3600);
  i %= 3600;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(hh)}:${p(idiv(i, 60))}:${p(i % 60)}`;
}

/** A prefix of s (any case) that is a month name: its number and length. */
function checkmonth(s: string): [number, number] | undefined {
  const ls = s.toLowerCase();
  for (let i = 0; i < 12; i++) if (ls.startsWith(FMONTHS[i]!.toLowerCase())) return [i + 1, FMONTHS[i]!.length];
  for (let i = 0; i < 12; i++) if (ls.startsWith(FMONTHS[i]!.slice(0, 3).toLowerCase())) return [i + 1, 3];
  return undefined;
}
function checkdayofweek(s: string): [number, number] | undefined {
  const ls = s.toLowerCase();
  for (let i = 0; i < 7; i++) if (ls.startsWith(FDAYS[i]!.toLowerCase())) return [i, FDAYS[i]!.length];
  for (let i = 0; i < 7; i++) if (ls.startsWith(FDAYS[i]!.slice(0, 3).toLowerCase())) return [i, 3];
  return undefined;
}
/** Digits only ("" too); with star, a final '*' is allowed. */
const isonlydigits = (s: string, nostar: boolean) => (nostar ? /^[0-9]*$/ : /^[0-9]*\*?$/).test(s);

/** First..Fifth, Last (or the file's SEQUENCE= words), +n, -n. */
function indextooffset(run: Run, s: string): number {
  if (s[0] === "+" || s[0] === "-") {
    if (!/^[+-][0-9]*$/.test(s)) errx(run.cal.ctx, 1, `Invalid specifier format: ${s}\n`);
    return cint(s);
  }
  for (let i = 0; i < 6; i++) if (s.toLowerCase() === SEQUENCES[i]!.toLowerCase()) return i === 5 ? -1 : i + 1;
  for (let i = 0; i < 6; i++) {
    const n = run.seq[i];
    if (n && s.toLowerCase().startsWith(n.toLowerCase())) return i === 5 ? -1 : i + 1;
  }
  return 0;
}

const SPECIAL: [string, number][] = [
  ["ChineseNewYear", F_CNY], ["NewMoon", F_NEWMOON], ["FullMoon", F_FULLMOON], ["Paskha", F_PASKHA],
  ["Easter", F_EASTER], ["MarEquinox", F_MAREQUINOX], ["SepEquinox", F_SEPEQUINOX],
  ["JunSolstice", F_JUNSOLSTICE], ["DecSolstice", F_DECSOLSTICE],
];

function determinestyle(run: Run, date: string): Style | undefined {
  const st: Style = {
    flags: 0, imonth: 0, idayofmonth: 0, idayofweek: 0, iyear: 0, index: 0, offset: 0, month: "",
    dayofmonth: "", dayofweek: "", modifieroffset: "", modifierindex: "", specialday: "", year: "",
  };
  const done = () => {
    if (st.flags & F_MODIFIERINDEX) st.index = indextooffset(run, st.modifierindex);
    if (st.flags & F_MODIFIEROFFSET) st.offset = cint(st.modifieroffset);
    return st;
  };
  let p = date.indexOf(" ");
  if (p < 0) p = date.indexOf("/");
  if (p < 0) {
    for (const [name, flag] of SPECIAL) {
      // the national name (NAME= lines) after the English one; the national MarEquinox is
      // taken for a SepEquinox, as parsedata.c does
      const natflag = flag === F_MAREQUINOX ? F_SEPEQUINOX : flag;
      for (const [n, f] of [[name, flag], [run.nat[name.toLowerCase()], natflag]] as [string | undefined, number][]) {
        if (n === undefined || !date.startsWith(n)) continue;
        st.flags |= F_SPECIALDAY | f | F_VARIABLE;
        st.specialday = n;
        if (date.length > n.length) {
          st.modifieroffset = date.slice(n.length);
          st.flags |= F_MODIFIEROFFSET;
        }
        return done();
      }
    }
    const w = checkdayofweek(date);
    if (w) {
      st.flags |= F_DAYOFWEEK | F_VARIABLE;
      st.idayofweek = w[0];
      st.dayofweek = date.slice(0, w[1]);
      if (date.length > w[1]) {
        st.modifierindex = date.slice(w[1]);
        st.flags |= F_MODIFIERINDEX;
      }
      return done();
    }
    if (isonlydigits(date, true)) {
      st.flags |= F_MONTH;
      st.imonth = cint(date);
      st.month = FMONTHS[st.imonth - 1]?.slice(0, 3) ?? "";
      return done();
    }
    return undefined;
  }
  let p1 = date.slice(0, p), p2 = date.slice(p + 1);
  const py = p2.indexOf("/");
  if (py >= 0) {
    st.year = p1;
    st.iyear = cint(p1);
    p1 = p2.slice(0, py);
    p2 = p2.slice(py + 1);
    st.flags |= F_YEAR;
  }
  let mo = checkmonth(p1);
  if (!mo && (mo = checkmonth(p2))) p2 = p1;
  if (mo) {
    st.flags |= F_MONTH;
    st.imonth = mo[0];
    st.month = FMONTHS[mo[0] - 1]!.slice(0, 3);
    if (isonlydigits(p2, true)) {
      st.dayofmonth = p2;
      st.idayofmonth = cint(p2);
      st.flags |= F_DAYOFMONTH;
      return done();
    }
    if (p2 === "*") {
      st.flags |= F_ALLDAY;
      return done();
    }
    const w = checkdayofweek(p2);
    if (!w) return undefined;
    st.flags |= F_DAYOFWEEK | F_VARIABLE;
    st.idayofweek = w[0];
    st.dayofweek = FDAYS[w[0]]!.slice(0, 3);
    if (p2.length > w[1]) {
      st.modifierindex = p2.slice(w[1]);
      st.flags |= F_MODIFIERINDEX;
    }
    return done();
  }
  if ((p1 === "*" && isonlydigits(p2, true)) || (p2 === "*" && isonlydigits(p1, true) && ((p2 = p1), true))) {
    st.flags |= F_ALLMONTH | F_DAYOFMONTH;
    st.idayofmonth = cint(p2);
    st.dayofmonth = String(st.idayofmonth);
    return done();
  }
  const w = isonlydigits(p1, true) ? checkdayofweek(p2) : undefined;
  if (w) {
    st.flags |= F_MONTH | F_DAYOFWEEK | F_VARIABLE;
    st.idayofweek = w[0];
    st.imonth = cint(p1);
    st.month = FMONTHS[st.imonth - 1]?.slice(0, 3) ?? "";
    st.dayofweek = FDAYS[w[0]]!.slice(0, 3);
    if (p2.length > w[1]) {
      st.modifierindex = p2.slice(w[1]);
      st.flags |= F_MODIFIERINDEX;
    }
    return done();
  }
  if (isonlydigits(p1, true) && isonlydigits(p2, false)) {
    if (p2.includes("*")) st.flags |= F_VARIABLE;
    let m = cint(p1), d = cint(p2);
    st.flags |= F_MONTH | F_DAYOFMONTH;
    if (m > 12) [m, d] = [d, m];
    st.imonth = m;
    st.idayofmonth = d;
    st.month = FMONTHS[m - 1]?.slice(0, 3) ?? "";
    st.dayofmonth = String(d);
    return done();
  }
  return undefined;
}

function debugStyle(out: Ctx["out"], st: Style, flags: number) {
  out.write(`flags: ${flags.toString(16)} - ${FLAGNAMES.filter(([f]) => flags & f).map(([, n]) => n + " ").join("")}\n`);
  if (st.modifieroffset) out.write(`modifieroffset: |${st.modifieroffset}|\n`);
  if (st.modifierindex) out.write(`modifierindex: |${st.modifierindex}|\n`);
  if (st.year) out.write(`year: |${st.year}| (${st.iyear})\n`);
  if (st.month) out.write(`month: |${st.month}| (${st.imonth})\n`);
  if (st.dayofmonth) out.write(`dayofmonth: |${st.dayofmonth}| (${st.idayofmonth})\n`);
  if (st.dayofweek) out.write(`dayofweek: |${st.dayofweek}| (${st.idayofweek})\n`);
  if (st.specialday) out.write(`specialday: |${st.specialday}|\n`);
}

function isDir(p: string): boolean {
  try {
    return S_ISDIR(stat(p).mode);
  } catch {
    return false;
  }
}
function readFile(p: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = open(p, O.RDONLY);
  } catch {
    return undefined;
  }
  try {
    return readAll(fd);
  } catch {
    return isDir(p) ? new Uint8Array(0) : undefined;
  } finally {
    close(fd);
  }
}

/** %g of printf (six significant digits). */
function fmtG(x: number): string {
  if (x === 0) return "0";
  const e = Math.floor(Math.log10(Math.abs(x)));
  let s = e < -4 || e >= 6 ? x.toExponential(5) : x.toFixed(Math.max(0, 5 - e));
  if (s.includes("e")) {
    let [m, ex] = s.split("e") as [string, string];
    if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    const n = Number(ex);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

export default defineApplet({
  name: "calendar",
  main(ctx) {
    let after = 0, before = 0, friday = 5, doall = false, debug = false;
    let DEBUG: string | undefined, file = "calendar", tflag: string | undefined;
    let utcOffset: number | undefined, longitude: number | undefined;
    const g = new Getopt(ctx, "A:aB:D:dF:f:l:t:U:W:");
    for (let c; (c = g.next()) !== undefined;) {
      const arg = g.optarg ?? "";
      switch (c) {
        case "a":
          if (getuid() !== 0) errx(ctx, 1, strerror(1));
          doall = true;
          break;
        case "W":
          friday = -1;
        // falls through
        case "A":
          after = cint(arg);
          if (after < 0) errx(ctx, 1, "number of days must be positive");
          break;
        case "B":
          before = cint(arg);
          if (before < 0) errx(ctx, 1, "number of days must be positive");
          break;
        case "D": DEBUG = arg; break;
        case "d": debug = true; break;
        case "F": friday = cint(arg); break;
        case "f": file = arg; break;
        case "l": longitude = cint(arg); break;
        case "t": tflag = arg; break;
        case "U": {
          const m = /^[ \t\n\v\f\r]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/.exec(arg);
          utcOffset = m ? Number(m[0]) : 0;
          break;
        }
        default: usage(ctx, USAGE);
      }
    }
    if (g.rest.length) usage(ctx, USAGE);

    const zone = loadZone(ctx.env.get("TZ"));
    const nowSec = Math.floor(nowMs() / 1000);
    let ftime = tflag !== undefined ? Mktime(tflag, nowSec, zone) : 0;
    if (ftime <= 0) ftime = nowSec;

    const cal = new Calendar(ctx);
    cal.debug = debug;
    if (utcOffset === undefined && longitude === undefined) {
      let off = localtime(nowSec, zone)!.gmtoff;
      const hh = idiv(off, 3600);
      off %= 3600;
      const mm = idiv(off, 60), ss = off % 60;
      let uo = mm + 100.0 * (ss / 60.0);
      uo /= 60.0 / 100.0;
      utcOffset = hh + uo / 100;
      longitude = Math.trunc(utcOffset * 15);
    } else if (utcOffset === undefined) utcOffset = idiv(longitude!, 15);
    else if (longitude === undefined) longitude = Math.trunc(utcOffset * 15);
    cal.utcOffset = utcOffset;
    cal.eastLongitude = longitude!;

    // settimes(): the range of days; Friday shows the weekend too
    const tp = localtime(ftime, zone)!;
    if (after === 0 && before === 0 && friday !== -1) after = tp.wday === friday ? 3 : 1;
    const tp1 = localtime(ftime - SECSPERDAY * before, zone)!;
    const tp2 = localtime(ftime + SECSPERDAY * after, zone)!;
    cal.year1 = tp1.year;
    cal.year2 = tp2.year;
    const dayname = strftime("%A, %d %B %Y", tp1);
    for (let y = tp1.year, m = tp1.mon + 1, d = tp1.mday; ;) {
      const cum = cumdays(y);
      cal.days.push({ y, m, d, jday: cum[m]! + 2 + d - 1, dow: wday(y, m, d), events: [] });
      if (y === tp2.year && m === tp2.mon + 1 && d === tp2.mday) break;
      if (++d > monthdays(y)[m]!) { d = 1; if (++m > 12) { m = 1; y++; } }
      if (y > tp2.year) break;
    }

    if (debug) dumpdates(ctx, cal);
    if (DEBUG !== undefined) {
      dodebug(ctx, cal, DEBUG);
      return 0;
    }
    if (!doall) {
      const run = new Run(cal);
      let data = readFile(file);
      if (data) {
        run.file = file;
        run.dir = undefined;
      } else data = run.fopen(file);
      if (data && run.parse(data)) ctx.out.write(cal.print());
      return 0;
    }
    mailAll(ctx, cal, file, dayname);
    return 0;
  },
});

/** Mktime: "dd[.mm[.yyyy]]" (sscanf "%d.%d.%d") at 00:00, the rest from today. */
function Mktime(s: string, now: number, zone: Zone): number {
  const tp = localtime(now, zone)!;
  const tm = { year: tp.year, mon: tp.mon, mday: tp.mday, hour: 0, min: 0, sec: 0, isdst: 0 };
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)(?:\.[ \t\n\v\f\r]*([+-]?[0-9]+)(?:\.[ \t\n\v\f\r]*([+-]?[0-9]+))?)?/.exec(s);
  if (m) {
    if (m[3] !== undefined) {
      let y = Number(m[3]);
      if (y > 1900) y -= 1900;
      tm.year = y + 1900;
    }
    if (m[2] !== undefined) tm.mon = Number(m[2]) - 1;
    tm.mday = Number(m[1]);
  }
  const r = mktime(tm, zone);
  return r ? r.t : -1;
}

function dumpdates(ctx: Ctx, cal: Calendar) {
  let y = -1, m = -1;
  for (const d of cal.days) {
    if (d.y !== y) {
      y = d.y;
      m = -1;
      ctx.out.write(`${String(y).padEnd(5)} (wday:${wday(y, 1, 1)})\n`);
    }
    if (d.m !== m) {
      m = d.m;
      ctx.out.write(`-- ${String(m).padEnd(5)} (julian:${cumdays(y)[m]! + 2}, dow:${wday(y, m, 1)})\n`);
    }
    ctx.out.write(`  -- ${String(d.d).padEnd(5)} (julian:${d.jday}, dow:${d.dow})\n`);
  }
}

function floattoday(year: number, f: number): string {
  const cum = cumdays(year);
  let i = 0;
  while (1 + cum[i]! < f) i++;
  const m = --i;
  const d = Math.floor(f - 1 - cum[i]!);
  return `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")} ${floattotime(f)}`;
}

/** -D moon|sun: the moon phases or the sun's turning points of the years shown. */
function dodebug(ctx: Ctx, cal: Calendar, what: string) {
  const out = ctx.out;
  out.write(`UTCOffset: ${fmtG(cal.utcOffset)}\neastlongitude: ${cal.eastLongitude}\n`);
  for (let year = cal.year1; year <= cal.year2; year++) {
    if (what === "moon") {
      const [full, nw] = fpom(year, cal.utcOffset);
      out.write(`Full moon ${year}:\t`);
      for (let i = 0; full[i]! >= 0; i++) out.write(`${fmtG(full[i]!)} (${floattoday(year, full[i]!)}) `);
      out.write(`\nNew moon ${year}:\t`);
      for (let i = 0; nw[i]! >= 0; i++) out.write(`${fmtG(nw[i]!)} (${floattoday(year, nw[i]!)}) `);
      out.write("\n");
    } else if (what === "sun") {
      const [e, s] = fequinoxsolstice(year, cal.utcOffset);
      out.write(`Sun in ${year}:\n`);
      out.write(`e[0] - ${fmtG(e[0]!)} (${floattoday(year, e[0]!)})\n`);
      out.write(`e[1] - ${fmtG(e[1]!)} (${floattoday(year, e[1]!)})\n`);
      out.write(`s[0] - ${fmtG(s[0]!)} (${floattoday(year, s[0]!)})\n`);
      out.write(`s[1] - ${fmtG(s[1]!)} (${floattoday(year, s[1]!)})\n`);
    } else return;
  }
}

/** -a: each user's calendar, mailed to the user when it has something to say. */
function mailAll(ctx: Ctx, cal: Calendar, file: string, dayname: string) {
  const cwd = getcwd();
  for (const line of (decode(readFile("/etc/passwd") ?? new Uint8Array(0))).split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || line.startsWith("#")) continue;
    const [name, , , , , dir] = f as [string, string, string, string, string, string];
    try {
      chdir(dir);
    } catch {
      continue;
    }
    const env = new Map(ctx.env);
    env.set("HOME", dir);
    const run = new Run(cal, env);
    let data = readFile(`${dir}/${file}`);
    if (!data) {
      if (!isDir(`${dir}/.calendar`) || readFile(`${dir}/.calendar/nomail`) !== undefined) continue;
      data = readFile(`${dir}/.calendar/${file}`);
      if (!data) continue;
    }
    run.file = file;
    const ok = run.parse(data);
    const text = cal.print(); // (also drops the events of a failed parse)
    if (!ok) continue;
    if (!text) continue;
    const mail = `From: "Reminder Service" <${name}>\nTo: <${name}>\nSubject: ${dayname}'s Calendar\nPrecedence: bulk\n\n${text}`;
    const tmp = `/tmp/_cal${Array.from(randomBytes(6), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("")}`;
    let fd = -1;
    try {
      fd = open(tmp, O.WRONLY | O.CREAT | O.EXCL, 0o600);
      writeAll(fd, encode(mail));
      close(fd);
      fd = open(tmp, O.RDONLY);
      spawnWait([SENDMAIL, "-i", "-t", "-F", '"Reminder Service"'], { stdin: fd });
    } catch (e) {
      warnx(ctx, `${SENDMAIL}: ${e instanceof SysError ? e.message : String(e)}`);
    } finally {
      if (fd >= 0) try { close(fd); } catch {}
      try { unlink(tmp); } catch {}
    }
  }
  try { chdir(cwd); } catch {}
}
