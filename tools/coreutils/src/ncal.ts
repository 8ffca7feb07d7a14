// ncal, cal — display a calendar and the date of Easter.
// POSIX (cal): https://pubs.opengroup.org/onlinepubs/9799919799/utilities/cal.html  FreeBSD: ncal(1)
// usage: cal [-3hjy] [-A n] [-B n] [-NCM] [[month] year]   cal [-3hj] [-m month] [year]
//        ncal [-3hJjpwy] [-A n] [-B n] [-s cc] [-NCM] [[month] year]   ncal [-hJeo] [year]
// A port of FreeBSD's usr.bin/ncal (ncal.c) with lib/libcalendar's day arithmetic:
// - day numbers count from March 1st of year 0; jdate/gdate and ndaysj/ndaysg convert, and
//   ndaysg itself is Julian up to 1582-10-04 (Pope Gregory's switch);
// - `cal` (any name starting "cal", or -C) prints the traditional layout, weeks in rows from
//   Sunday (-M: Monday), three months a row (two with -j), switching calendars as Great Britain
//   did (1752-09-02 is followed by 1752-09-14); `ncal` (or -N) prints weekdays in rows, four
//   months a row (three with -j), switching where the locale's country did (LC_ALL, LC_TIME,
//   LANG "..._CC..."; default US, the same date as GB), -s CC another country, -J never (Julian);
// - -e/-o print Easter (Gregorian / Orthodox; Orthodox before 1583), -J with -o in Julian dates;
//   -p lists the switch dates; -w adds ISO week numbers (ncal); -j days of the year;
// - -y a whole year, -3 the months around one, -A/-B n months after/before, -m month
//   (a number, a name, or NUMf / NUMp for the following / preceding one);
// - today is highlighted when stdout is a terminal (standout from terminfo, else
//   underline by "_\b"), unless -h; -H yyyy-mm-dd and -d yyyy-mm stand in for today.
// Exit 64 (EX_USAGE) with the usage text, or with a message for conflicting options.
// Differences: only the C locale's names and date order; like FreeBSD (not chimerautils 14),
// the traditional layout highlights only on a terminal too, and -M is accepted.
import { defineApplet, Getopt, errx, usage, type Ctx } from "@bsdbox/shared";
import { strftime } from "@bsdbox/shared/strftime";
import { loadZone, localtime, type Tm } from "@bsdbox/shared/tz";
import { readTerminfo, stripDelays } from "@bsdbox/shared/terminfo";
import { isatty, nowMs } from "@bsdbox/compat";

const USAGE = `Usage: cal [general options] [-hjy] [[month] year]
       cal [general options] [-hj] [-m month] [year]
       ncal [general options] [-hJjpwy] [-s country_code] [[month] year]
       ncal [general options] [-hJeo] [year]
General options: [-NCM3] [-A months] [-B months]
For debug the highlighting: [-H yyyy-mm-dd] [-d yyyy-mm]`;
const EX_USAGE = 64;

interface D { y: number; m: number; d: number }

/** Country, name, last day of the Julian calendar. */
const SWITCHES: [string, string, number, number, number][] = [
  ["AL", "Albania", 1912, 11, 30], ["AT", "Austria", 1583, 10, 5], ["AU", "Australia", 1752, 9, 2],
  ["BE", "Belgium", 1582, 12, 14], ["BG", "Bulgaria", 1916, 3, 31], ["CA", "Canada", 1752, 9, 2],
  ["CH", "Switzerland", 1655, 2, 28], ["CN", "China", 1911, 12, 18], ["CZ", "Czech Republic", 1584, 1, 6],
  ["DE", "Germany", 1700, 2, 18], ["DK", "Denmark", 1700, 2, 18], ["ES", "Spain", 1582, 10, 4],
  ["FI", "Finland", 1753, 2, 17], ["FR", "France", 1582, 12, 9], ["GB", "United Kingdom", 1752, 9, 2],
  ["GR", "Greece", 1924, 3, 9], ["HU", "Hungary", 1587, 10, 21], ["IS", "Iceland", 1700, 11, 16],
  ["IT", "Italy", 1582, 10, 4], ["JP", "Japan", 1918, 12, 18], ["LI", "Lithuania", 1918, 2, 1],
  ["LU", "Luxembourg", 1582, 12, 14], ["LV", "Latvia", 1918, 2, 1], ["NL", "Netherlands", 1582, 12, 14],
  ["NO", "Norway", 1700, 2, 18], ["PL", "Poland", 1582, 10, 4], ["PT", "Portugal", 1582, 10, 4],
  ["RO", "Romania", 1919, 3, 31], ["RU", "Russia", 1918, 1, 31], ["SI", "Slovenia", 1919, 3, 4],
  ["SE", "Sweden", 1753, 2, 17], ["TR", "Turkey", 1926, 12, 18], ["US", "United States", 1752, 9, 2],
  ["YU", "Yugoslavia", 1919, 3, 4],
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
// weekday names Monday first, as mkweekdays() cuts "%a" to two columns
const WDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

// ---------- lib/libcalendar ----------
const idiv = (a: number, b: number) => Math.trunc(a / b);
// days before each month of a year that starts on March 1st; month1s: 1582 without Oct 5-14
const MONTH1 = [0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337];
const MONTH1S = [0, 31, 61, 92, 122, 153, 184, 214, 235, 265, 296, 327];

/** Internal representation: the year starts March 1st, months and days count from 0. */
function date2idt(dt: D): D | undefined {
  const idt = dt.m > 2 ? { y: dt.y, m: dt.m - 3, d: dt.d - 1 } : { y: dt.y - 1, m: dt.m + 9, d: dt.d - 1 };
  return idt.m < 0 || idt.m > 11 || idt.y < 0 ? undefined : idt;
}
const idt2date = (idt: D): D =>
  idt.m < 10 ? { y: idt.y, m: idt.m + 3, d: idt.d + 1 } : { y: idt.y + 1, m: idt.m - 9, d: idt.d + 1 };
const ndaysji = (idt: D) => idt.d + MONTH1[idt.m]! + idt.y * 365 + idiv(idt.y, 4);
const JSWITCH = ndaysji({ y: 1582, m: 7, d: 3 });
function ndaysgi(idt: D): number {
  let nd = ndaysji(idt);
  if (idt.y >= 1600) nd = nd - 10 - idiv(idt.y - 1600, 100) + idiv(idt.y - 1600, 400);
  else if (nd > JSWITCH) nd -= 10;
  return nd;
}
/** Day number of a Julian date (-1 for an impossible one). */
function ndaysj(dt: D): number {
  const idt = date2idt(dt);
  return idt ? ndaysji(idt) : -1;
}
/** Day number of a Gregorian date (Julian up to 1582-10-04). */
function ndaysg(dt: D): number {
  const idt = date2idt(dt);
  return idt ? ndaysgi(idt) : -1;
}
function jdate(nd: number): D {
  const idt = { y: idiv(nd, 365), m: 0, d: 0 };
  let r;
  while ((r = ndaysji(idt)) > nd) idt.y--;
  r = nd - r;
  for (idt.m = 11; MONTH1[idt.m]! > r; idt.m--);
  idt.d = r - MONTH1[idt.m]!;
  return idt2date(idt);
}
function gdate(nd: number): D {
  const idt = { y: idiv(nd, 365), m: 0, d: 0 };
  let r;
  while ((r = ndaysgi(idt)) > nd) idt.y--;
  r = nd - r;
  const t = idt.y === 1582 ? MONTH1S : MONTH1;
  for (idt.m = 11; t[idt.m]! > r; idt.m--);
  idt.d = r - t[idt.m]!;
  if (idt.y === 1582 && idt.m === 7 && 3 < idt.d) idt.d += 10;
  return idt2date(idt);
}
const NMONDAY = ndaysgi({ y: 1997, m: 8, d: 16 }); // 1997-11-17, a Monday
/** 0 = Monday ... 6 = Sunday */
function weekday(nd: number): number {
  const r = (nd - NMONDAY) % 7;
  return r < 0 ? r + 7 : r;
}
/** The first day of ISO week 1 of year y. */
function firstweek(y: number): number {
  const nd = ndaysgi({ y: y - 1, m: 10, d: 0 });
  const wd = weekday(nd);
  return wd > 3 ? nd - wd + 7 : nd - wd;
}
function week(nd: number): number {
  let y = gdate(nd).y + 1, fw;
  while (nd < (fw = firstweek(y))) y--;
  return idiv(nd - fw, 7) + 1;
}
/** Easter Sunday in the Gregorian calendar (Oudin). */
function easterg(y: number): D {
  const n = y % 19, c = idiv(y, 100), k = idiv(c - 17, 25);
  let i = (c - idiv(c, 4) - idiv(c - k, 3) + 19 * n + 15) % 30;
  i = i - idiv(i, 28) * (1 - idiv(i, 28) * idiv(29, i + 1) * idiv(21 - n, 11));
  const j = (y + idiv(y, 4) + i + 2 - c + idiv(c, 4)) % 7;
  const l = i - j;
  const m = 3 + idiv(l + 40, 44);
  return { y, m, d: l + 28 - 31 * idiv(m, 4) };
}
/** Day number of Orthodox Easter (Julian calendar). */
function easterodn(y: number): number {
  const mc = [5, 25, 13, 2, 22, 10, 30, 18, 7, 27, 15, 4, 24, 12, 1, 21, 9, 29, 17];
  const ns = [6, 5, 4, 3, 2, 1, 7];
  const d = mc[y % 19]!;
  const dn = ndaysj({ y, m: d < 21 ? 4 : 3, d });
  return dn + ns[weekday(dn)]!;
}

// ---------- ncal ----------
/** A leading decimal integer as strtol/atoi read it (0 when there is none). */
function cint(s: string | undefined): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s ?? "");
  return m ? Number(m[1]) : 0;
}
/** The day-of-month (3 columns) or day-of-year (4 columns) cell for n, blank for 0. */
const cell = (n: number, dw: number) => (n === 0 ? "" : String(n)).padStart(dw);

interface MonthLines { name: string; lines: string[]; extra: number[]; weeks: string }

class Cal {
  nswitch = 0;          // last Julian day of the ncal layout (0: never switch)
  nswitchb = 0;         // last Julian day of the cal layout
  highlightdate = -1;
  nohighlight = false;
  weeks = false;
  monday = false;
  hl?: (s: string) => [string, number];
  constructor(private ctx: Ctx) {}

  sndaysr(d: D) {
    if (this.nswitch !== 0) return this.nswitch < ndaysj(d) ? ndaysg(d) : ndaysj(d);
    return ndaysg(d);
  }
  sndaysb(d: D) {
    return this.nswitchb < ndaysj(d) ? ndaysg(d) : ndaysj(d);
  }
  sdater(nd: number) {
    return this.nswitch < nd ? gdate(nd) : jdate(nd);
  }
  sdateb(nd: number) {
    return this.nswitchb < nd ? gdate(nd) : jdate(nd);
  }
  /** The first day that exists in month m of year y (the month may have lost days). */
  firstday(y: number, m: number) {
    let nd = this.sndaysr({ y, m, d: 1 });
    for (;;) {
      const dt = this.sdater(nd);
      if ((dt.m >= m && dt.y === y) || dt.y > y) return nd;
      nd++;
    }
  }

  /** A day cell, highlighted when it is today and stdout is a terminal. */
  day(j: number, n: number, dw: number): [string, number] {
    const s = cell(n, dw);
    if (j !== this.highlightdate || this.nohighlight || !isatty(1)) return [s, 0];
    this.hl ??= highlighter(this.ctx);
    return this.hl(s);
  }

  mkmonthr(y: number, m: number, jd: boolean): MonthLines {
    const first = this.firstday(y, m + 1);
    const last = m === 11 ? this.firstday(y + 1, 1) : this.firstday(y, m + 2);
    const jan1 = jd ? this.firstday(y, 1) : 0;
    const firstm = first - weekday(first);
    const dw = jd ? 4 : 3;
    const ml: MonthLines = { name: MONTHS[m]!, lines: [], extra: [], weeks: "" };
    for (let i = 0; i !== 7; i++) {
      let s = "", l = 0;
      for (let j = firstm + i; j < last; j += 7) {
        if (j >= first) {
          const [c, x] = this.day(j, jd ? j - jan1 + 1 : this.sdater(j).d, dw);
          s += c;
          if (x) l = x;
        } else s += " ".repeat(dw);
      }
      ml.lines.push(s);
      ml.extra.push(l);
    }
    if (this.weeks)
      for (let j = firstm; j < last; j += 7) ml.weeks += j <= this.nswitch ? " ".repeat(dw) : cell(week(j), dw);
    return ml;
  }

  mkmonthb(y: number, m: number, jd: boolean): MonthLines {
    const dw = jd ? 4 : 3;
    const first = this.sndaysb({ y, m: m + 1, d: 1 });
    const last = this.sndaysb(m === 11 ? { y: y + 1, m: 1, d: 1 } : { y, m: m + 2, d: 1 });
    const jan1 = jd ? this.sndaysb({ y, m: 1, d: 1 }) : 0;
    const firsts = this.monday ? first - weekday(first) : first - ((weekday(first) + 1) % 7);
    const ml: MonthLines = { name: MONTHS[m]!, lines: [], extra: [], weeks: "" };
    for (let i = 0; i !== 6; i++) {
      let s = "", l = 0, k = 0;
      for (let j = firsts + 7 * i; j < last && k !== dw * 7; j++, k += dw) {
        if (j >= first) {
          const [c, x] = this.day(j, jd ? j - jan1 + 1 : this.sdateb(j).d, dw);
          s += c;
          if (x) l = x;
        } else s += " ".repeat(dw);
      }
      ml.lines.push(s.slice(1)); // printed without its leading blank
      ml.extra.push(l);
    }
    return ml;
  }

  /** The traditional layout: months side by side, weeks in rows. */
  monthrangeb(y: number, m: number, jd: boolean, before: number, after: number) {
    const out = this.ctx.out;
    const mpl = jd ? 2 : 3, mw = jd ? 27 : 20, wdss = mpl === 2 ? " " : "";
    while (before !== 0) {
      if (--m === 0) { m = 12; y--; }
      before--;
      after++;
    }
    const m1 = y * 12 + m - 1, m2 = m1 + after;
    const names = this.monday ? WDAYS : [WDAYS[6]!, ...WDAYS.slice(0, 6)];
    const wline = names.map((n) => `${wdss}${n} `).join("") + " ";
    const header = after >= mpl - 1 && (m1 % 12) % mpl === 0;
    let prevyear = -1;
    for (let mm = m1; mm <= m2; mm += mpl) {
      const row: MonthLines[] = [];
      for (let i = 0; i !== mpl && mm + i <= m2; i++) row.push(this.mkmonthb(Math.floor((mm + i) / 12), (mm + i) % 12, jd));
      if (mm !== m1) out.write("\n");
      const yy = Math.floor(mm / 12);
      if (header && yy !== prevyear) {
        out.write(center(String(yy), mpl * mw) + "\n");
        prevyear = yy;
      }
      let s = "";
      row.forEach((ml, i) => {
        const t = header ? ml.name : `${ml.name} ${Math.floor((mm + i) / 12)}`;
        s += center(t, mw).padEnd(mw) + "  ";
      });
      out.write(s + "\n");
      out.write(wline.repeat(row.length) + "\n");
      for (let i = 0; i !== 6; i++) {
        let s = "";
        for (const ml of row) s += ml.lines[i]!.padEnd(mw + ml.extra[i]!) + "  ";
        out.write(s + "\n");
      }
    }
  }

  /** The ncal layout: weekdays in rows, weeks in columns. */
  monthranger(y: number, m: number, jd: boolean, before: number, after: number) {
    const out = this.ctx.out;
    const mpl = jd ? 3 : 4, mw = jd ? 24 : 18;
    while (before !== 0) {
      if (--m === 0) { m = 12; y--; }
      before--;
      after++;
    }
    const m1 = y * 12 + m - 1, m2 = m1 + after;
    const header = after >= mpl - 1 && (m1 % 12) % mpl === 0;
    let prevyear = -1;
    for (let mm = m1; mm <= m2; mm += mpl) {
      const row: MonthLines[] = [];
      for (let i = 0; i !== mpl && mm + i <= m2; i++) row.push(this.mkmonthr(Math.floor((mm + i) / 12), (mm + i) % 12, jd));
      if (mm !== m1) out.write("\n");
      const yy = Math.floor(mm / 12);
      if (header && yy !== prevyear) {
        out.write(center(String(yy), mpl * mw) + "\n");
        prevyear = yy;
      }
      let s = "    ";
      row.forEach((ml, i) => {
        if (header) s += ml.name.padEnd(mw);
        else s += ml.name + " " + String(Math.floor((mm + i) / 12)).padEnd(mw - ml.name.length - 1);
      });
      out.write(s + "\n");
      for (let i = 0; i !== 7; i++) {
        let s = WDAYS[i]!;
        for (const ml of row) s += ml.lines[i]!.padEnd(mw + ml.extra[i]!);
        out.write(s + "\n");
      }
      if (this.weeks) {
        let s = "  ";
        for (const ml of row) s += ml.weeks.padEnd(mw);
        out.write(s + "\n");
      }
    }
  }
}

/** Leading blanks that center t in w columns (nothing after it). */
const center = (t: string, w: number) => " ".repeat(Math.max(0, idiv(w - t.length, 2))) + t;

/** How today is marked: standout from terminfo, else "_\b" before each character. */
function highlighter(ctx: Ctx): (s: string) => [string, number] {
  const term = ctx.env.get("TERM");
  const ti = term ? readTerminfo(ctx.env, term) : undefined;
  const so = ti?.str(35), se = ti?.str(43);
  if (so !== undefined && se !== undefined) {
    const a = stripDelays(so), b = stripDelays(se);
    return (s) => [" " + a + s.slice(1) + b, a.length + b.length];
  }
  return (s) => {
    let r = " ";
    for (const c of s.slice(1)) r += "_\b" + c;
    return [r, 2 * (s.length - 1)];
  };
}

/** -m and the month operand: a number (NUMf next, NUMp previous such month) or a name. */
function parsemonth(s: string, cur: { m: number; y: number }): boolean {
  const mt = /^[ \t\n\v\f\r]*[+-]?[0-9]+/.exec(s);
  if (mt) {
    const nm = Number(mt[0]);
    const rest = s.slice(mt[0].length);
    let ny = cur.y;
    if (rest === "") { /* no special action */ }
    else if (rest[0] === "f" || rest[0] === "F") { if (nm <= cur.m) ny++; }
    else if (rest[0] === "p" || rest[0] === "P") { if (nm >= cur.m) ny--; }
    else return false;
    if (nm < 1 || nm > 12) return false;
    cur.m = nm;
    cur.y = ny;
    return true;
  }
  // strptime %B / %b: a full or abbreviated name, any case, at the start
  const ls = s.toLowerCase();
  for (let i = 0; i < 12; i++) {
    const full = MONTHS[i]!.toLowerCase();
    if (ls.startsWith(full) || ls.startsWith(full.slice(0, 3))) {
      cur.m = i + 1;
      return true;
    }
  }
  return false;
}

/** The switch the locale's country made (setlocale(LC_TIME) "..._CC..."), default US. */
function localeSwitch(env: Map<string, string>): number {
  let loc = env.get("LC_ALL") || env.get("LC_TIME") || env.get("LANG") || "C";
  if (["C", "POSIX", "ASCII", "US-ASCII"].includes(loc)) loc = "_US";
  for (let i = 0; i < SWITCHES.length; i++) {
    const at = loc.indexOf(SWITCHES[i]![0]);
    if (at >= 0 && loc[at - 1] === "_") return i;
  }
  return SWITCHES.findIndex((s) => s[0] === "US");
}

export default defineApplet({
  name: "ncal",
  main(ctx) {
    const c = new Cal(ctx);
    const bad = () => usage(ctx, USAGE, EX_USAGE);
    const dft = localeSwitch(ctx.env);
    const sw = (i: number) => ndaysj({ y: SWITCHES[i]![2], m: SWITCHES[i]![3], d: SWITCHES[i]![4] });
    c.nswitch = sw(dft);
    let backward = ctx.prog.startsWith("cal");
    if (backward) c.nswitchb = ndaysj({ y: 1752, m: 9, d: 2 });

    let wholeyear = false, juliancal = false, julianday = false, orthodox = false, easter = false;
    let three = false, after = 0, before = 0, specmonth = false, givenmonth = false, givenyear = false;
    let today: string | undefined, month: string | undefined, hldate: string | undefined;
    const g = new Getopt(ctx, "3A:B:Cd:eH:hjJm:MNops:wy");
    for (let o; (o = g.next()) !== undefined;) {
      const arg = g.optarg ?? "";
      switch (o) {
        case "3": three = true; break;
        case "A":
          if (after > 0) errx(ctx, EX_USAGE, "Double -A specified");
          after = cint(arg);
          if (after <= 0) errx(ctx, EX_USAGE, "Argument to -A must be positive");
          break;
        case "B":
          if (before > 0) errx(ctx, EX_USAGE, "Double -B specified");
          before = cint(arg);
          if (before <= 0) errx(ctx, EX_USAGE, "Argument to -B must be positive");
          break;
        case "J":
          if (backward) bad();
          c.nswitch = ndaysj({ y: 10000, m: 1, d: 1 });
          juliancal = true;
          break;
        case "C": backward = true; break;
        case "N": backward = false; break;
        case "M": c.monday = true; break;
        case "d": today = arg; break;
        case "H": hldate = arg; break;
        case "h": c.nohighlight = true; break;
        case "e":
          if (backward) bad();
          easter = true;
          break;
        case "j": julianday = true; break;
        case "m":
          if (specmonth) errx(ctx, EX_USAGE, "Double -m specified");
          month = arg;
          specmonth = true;
          break;
        case "o":
          if (backward) bad();
          orthodox = easter = true;
          break;
        case "p":
          if (backward) bad();
          printcc(ctx, dft);
          return 0;
        case "s": {
          if (backward) bad();
          const i = SWITCHES.findIndex((s) => s[0] === arg);
          if (i < 0) errx(ctx, EX_USAGE, `${arg}: invalid country code`);
          c.nswitch = sw(i);
          break;
        }
        case "w":
          if (backward) bad();
          c.weeks = true;
          break;
        case "y": wholeyear = true; break;
        default: bad();
      }
    }
    const args = g.rest;
    const zone = loadZone(ctx.env.get("TZ"));
    const now = localtime(Math.floor(nowMs() / 1000), zone) as Tm;
    const cur = { m: 0, y: 0 };
    switch (args.length) {
      case 2:
        if (easter) bad();
        month = args[0]!;
        givenmonth = true;
        cur.m = cint(month);
      // falls through
      case 1: {
        const ys = args[args.length - 1]!;
        cur.y = cint(ys);
        if (cur.y < 1 || cur.y > 9999) errx(ctx, EX_USAGE, `year \`${ys}' not in range 1..9999`);
        givenyear = true;
        break;
      }
      case 0:
        if (today !== undefined) {
          cur.y = cint(today);
          cur.m = cint(today.slice(5));
        } else {
          cur.y = now.year;
          cur.m = now.mon + 1;
        }
        break;
      default: bad();
    }
    if (month !== undefined && !parsemonth(month, cur))
      errx(ctx, EX_USAGE, `${month} is neither a month number (1..12) nor a name`);

    if (three && (after || before)) errx(ctx, EX_USAGE, "-3 together with -A and -B is not supported.");
    if (three && wholeyear) errx(ctx, EX_USAGE, "-3 together with -y is not supported.");
    if (three && givenyear && !(givenmonth || specmonth))
      errx(ctx, EX_USAGE, "-3 together with a given year but no given month is not supported.");
    if (specmonth && givenmonth) errx(ctx, EX_USAGE, "-m together with a given month is not supported.");
    if (wholeyear && specmonth) errx(ctx, EX_USAGE, "-y together with -m is not supported.");
    if (wholeyear && givenmonth) errx(ctx, EX_USAGE, "-y together a given month is not supported.");
    if (wholeyear && (before > 0 || after > 0)) errx(ctx, EX_USAGE, "-y together a -A or -B is not supported.");

    let b = -1, a = -1;
    if (wholeyear || (givenyear && !(givenmonth || specmonth))) {
      cur.m = 1;
      b = 0;
      a = 11;
    }
    if ((givenyear && givenmonth) || specmonth) b = a = 0;
    if (before) b = before;
    if (after) a = after;
    if (three) b = a = 1;
    if (a === -1) a = 0;
    if (b === -1) b = 0;

    const hl = hldate !== undefined
      ? { y: cint(hldate), m: cint(hldate.slice(5)), d: cint(hldate.slice(8)) }
      : { y: now.year, m: now.mon + 1, d: now.mday };
    c.highlightdate = c.sndaysb(hl);

    if (easter) printeaster(ctx, cur.y, juliancal, orthodox);
    else if (backward) c.monthrangeb(cur.y, cur.m, julianday, b, a);
    else c.monthranger(cur.y, cur.m, julianday, b, a);
    return 0;
  },
});

/** -p: the switch dates of all countries, two columns, the default marked '*'. */
function printcc(ctx: Ctx, dft: number) {
  const f = (i: number) => {
    const [cc, nm, y, m, d] = SWITCHES[i]!;
    return `${i === dft ? "*" : " "}${cc} ${nm.padEnd(15)}${String(y).padStart(4)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  };
  const n = SWITCHES.length, m = (n + 1) >> 1, h = n >> 1;
  for (let p = 0; p < h; p++) ctx.out.write(`${f(p)}     ${f(p + m)}\n`);
  if (m !== h) ctx.out.write(f(h) + "\n");
}

/** -e / -o: the date of Easter Sunday, "%B %e %Y". */
function printeaster(ctx: Ctx, y: number, julian: boolean, orthodox: boolean) {
  if (y < 1583) orthodox = true;
  const dt = orthodox ? (julian ? jdate(easterodn(y)) : gdate(easterodn(y))) : easterg(y);
  const tm: Tm = {
    sec: 0, min: 0, hour: 0, mday: dt.d, mon: dt.m - 1, year: dt.y, wday: 0, yday: 0,
    isdst: 0, gmtoff: 0, zone: "", t: 0,
  };
  ctx.out.write(strftime("%B %e %Y", tm) + "\n");
}
