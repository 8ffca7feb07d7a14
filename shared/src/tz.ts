// Local time for a TZ value as musl reads it, for mktime(3). musl treats a TZ without '/' and
// not starting with ':' as a POSIX rule string (std offset [dst [offset] [,start[/time],end[/time]]],
// e.g. "EST5", "JST-9", "CET-1CEST,M3.5.0,M10.5.0/3", "<+03>-3"; "UTC", "" and anything it cannot
// read as an offset are UTC); the JavaScript engine does not read those strings, so they are
// interpreted here. Zoneinfo names (Europe/Berlin) and an unset TZ are left to the engine.
//
//   mktime(env.get("TZ"), 2001, 1, 3, 14, 5, 6)   // month 0-11, fields normalised as C does

interface Rule { kind: "M" | "J" | "n"; a: number; b: number; c: number; time: number }
interface Posix { std: number; dst: number; daylight: boolean; r0?: Rule; r1?: Rule }

/** The POSIX TZ rule musl would use for `tz`, or undefined when the engine's zone applies. */
export function posixTz(tz: string | undefined): Posix | undefined {
  if (tz === undefined || tz.startsWith(":")) return undefined;
  const slash = tz.indexOf("/");
  if (slash >= 0 && !tz.slice(0, slash).includes(",")) return undefined;
  let i = 0;
  const name = () => {
    const s = i;
    if (tz[i] === "<") {
      while (i < tz.length && tz[i] !== ">") i++;
      if (i < tz.length) i++;
      return i - s;
    }
    while (i < tz.length && /[A-Za-z]/.test(tz[i]!)) i++;
    return i - s;
  };
  const int = () => {
    let x = 0;
    for (; i < tz.length && tz[i]! >= "0" && tz[i]! <= "9"; i++) x = x * 10 + tz.charCodeAt(i) - 48;
    return x;
  };
  const off = () => {
    let neg = false;
    if (tz[i] === "-") { i++; neg = true; } else if (tz[i] === "+") i++;
    let o = 3600 * int();
    if (tz[i] === ":") {
      i++;
      o += 60 * int();
      if (tz[i] === ":") { i++; o += int(); }
    }
    return neg ? -o : o;
  };
  const rule = (): Rule => {
    const r: Rule = { kind: "n", a: 0, b: 0, c: 0, time: 7200 };
    if (tz[i] === "M") {
      r.kind = "M";
      i++; r.a = int(); i++; r.b = int(); i++; r.c = int();
    } else {
      if (tz[i] === "J") { r.kind = "J"; i++; }
      r.a = int();
    }
    if (tz[i] === "/") { i++; r.time = off(); }
    return r;
  };
  name();
  const std = off();
  const daylight = name() > 0;
  const dst = daylight ? (tz[i] === "+" || tz[i] === "-" || /[0-9]/.test(tz[i] ?? "") ? off() : std - 3600) : std;
  const p: Posix = { std, dst, daylight };
  if (tz[i] === ",") { i++; p.r0 = rule(); }
  if (tz[i] === ",") { i++; p.r1 = rule(); }
  return p;
}

const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Seconds (as UTC) of a rule's transition in `year`, in the local time it is given in. */
function ruleSecs(r: Rule | undefined, year: number): number {
  let t = Date.UTC(year, 0, 1) / 1000;
  if (!r) return t;
  if (r.kind !== "M") {
    let x = r.a;
    if (r.kind === "J" && (x < 60 || !leap(year))) x--;
    t += 86400 * x;
  } else {
    const m = r.a;
    let n = r.b;
    t = Date.UTC(year, m - 1, 1) / 1000;
    const wday = Math.floor((((t + 4 * 86400) % (7 * 86400)) + 7 * 86400) % (7 * 86400) / 86400);
    let days = r.c - wday;
    if (days < 0) days += 7;
    const dim = new Date(Date.UTC(year, m, 0)).getUTCDate();
    if (n === 5 && days + 28 >= dim) n = 4;
    t += 86400 * (days + 7 * (n - 1));
  }
  return t + r.time;
}

/** mktime(3) with tm_isdst = -1: seconds since the epoch of a local time (NaN out of range). */
export function mktime(tz: string | undefined, year: number, mon: number, mday: number, hour: number, min: number, sec: number): number {
  const p = posixTz(tz);
  const d = new Date(0);
  if (!p) {
    d.setFullYear(year, mon, mday);
    d.setHours(hour, min, sec, 0);
    return Math.floor(d.getTime() / 1000);
  }
  d.setUTCFullYear(year, mon, mday);
  d.setUTCHours(hour, min, sec, 0);
  const t = d.getTime() / 1000;
  if (Number.isNaN(t)) return NaN;
  let isdst = false;
  if (p.daylight) {
    const y = d.getUTCFullYear();
    const t0 = ruleSecs(p.r0, y), t1 = ruleSecs(p.r1, y);
    isdst = t0 < t1 ? t >= t0 && t < t1 : !(t >= t1 && t < t0);
  }
  return t + (isdst ? p.dst : p.std);
}

/** timegm(3): seconds since the epoch of a UTC time (NaN out of range). */
export function timegm(year: number, mon: number, mday: number, hour: number, min: number, sec: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, mon, mday);
  d.setUTCHours(hour, min, sec, 0);
  return d.getTime() / 1000;
}
