// Time zones as musl's libc reads them (src/time/__tz.c, mktime.c, __secs_to_tm.c,
// __tm_to_secs.c), without the JavaScript engine's Intl or local Date:
//
//   const z = loadZone(env.get("TZ"));       // parsed once per TZ value and cached
//   const tm = localtime(t, z)!;              // fields, gmtoff, isdst, abbreviation
//   mktime({ ...tm, mday: tm.mday + 40, isdst: -1 }, z)   // normalised, or undefined
//
// Which zone a TZ value names (musl 1.2.5's do_tzset):
// - unset: the file /etc/localtime; "" is UTC;
// - the "POSIX form" (a name followed by a sign or a digit, or the names UTC/GMT: "EST5EDT",
//   "<+0530>-5:30", "CET-1CEST,M3.5.0,M10.5.0/3", "UTC") is a rule string;
// - anything else, with an optional leading ':', is a zoneinfo file: an absolute path or one
//   starting with '.', or a name without '.' looked up in /usr/share/zoneinfo, /share/zoneinfo
//   and /etc/zoneinfo ("Europe/Berlin", "Japan");
// - a name that finds no TZif file is UTC.
// TZif v1 data (32-bit) or v2+ data (64-bit) is read; times at or after the last transition
// (and all times when there is one transition) follow the POSIX rule of the file's footer.
// musl's quirks are kept: names are cut to 6 characters (TZNAME_MAX), a rule string with DST
// and no rules ("EST5EDT") is always in DST, POSIX rules before 1970 can land a week late.
// Limits: seconds are JavaScript numbers, exact up to 2^53.
import { open, close, O, environ, decode } from "@bsdbox/compat";
import { readAll } from "./io";

/** struct tm, with the full year and the instant it stands for. */
export interface Tm {
  sec: number; min: number; hour: number; mday: number;
  /** 0-11 */ mon: number;
  /** the full year (not year-1900) */ year: number;
  /** 0 = Sunday */ wday: number;
  /** 0-365 */ yday: number;
  isdst: number;
  /** seconds east of UTC */ gmtoff: number;
  /** the zone abbreviation (tm_zone) */ zone: string;
  /** the time this was made from, seconds since the epoch (for %s) */ t: number;
}

/** The fields mktime reads: tm_isdst > 0 DST, 0 standard time, < 0 "find out". */
export interface TmFields {
  sec: number; min: number; hour: number; mday: number; mon: number; year: number; isdst: number;
}

/** A POSIX rule: [kind (0 = day of year from 0, 74 'J' = Julian day 1-365, 77 'M' = month,
 * week, weekday), a, b, c, time of day in seconds]. */
type Rule = number[];

export interface Zone {
  /** the TZ value as musl settled it: a rule string, or the file it read */
  readonly spec: string;
  /** TZif transitions (seconds since the epoch), undefined for a pure rule string */
  trans?: Float64Array;
  /** type index of each transition */
  idx?: Uint8Array;
  /** per type: UTC offset (seconds east), DST flag, abbreviation */
  toff?: Int32Array;
  tdst?: Uint8Array;
  tabbr?: string[];
  /** tzname[0], tzname[1] */
  names: [string, string];
  /** seconds west of UTC of standard time and of DST (POSIX `timezone` convention) */
  timezone: number;
  dstOff: number;
  daylight: boolean;
  r0: Rule;
  r1: Rule;
}

const TZNAME_MAX = 6;
const SEARCH = ["/usr/share/zoneinfo/", "/share/zoneinfo/", "/etc/zoneinfo/"];

const isdigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isalpha = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/** A cursor over a rule string (musl's `const char **p`). */
class Cur {
  p = 0;
  constructor(readonly s: string) {}
  get c(): string | undefined {
    return this.s[this.p];
  }
  int(): number {
    let x = 0;
    for (; isdigit(this.c); this.p++) x = (x * 10 + this.s.charCodeAt(this.p) - 48) >>> 0;
    return x | 0;
  }
  off(): number {
    let neg = false;
    if (this.c === "-") { this.p++; neg = true; } else if (this.c === "+") this.p++;
    let off = 3600 * this.int();
    if (this.c === ":") {
      this.p++;
      off += 60 * this.int();
      if (this.c === ":") { this.p++; off += this.int(); }
    }
    return neg ? -off : off;
  }
  name(): string {
    const s = this.s;
    let i = 0, start = this.p;
    if (s[this.p] === "<") {
      start = ++this.p;
      while (start + i < s.length && s[start + i] !== ">") i++;
      if (start + i < s.length) this.p++;
    } else {
      while (isalpha(s[start + i])) i++;
    }
    this.p += i;
    return s.slice(start, start + Math.min(i, TZNAME_MAX));
  }
  rule(): Rule {
    const r: Rule = [0, 0, 0, 0, 7200];
    const k = this.c;
    if (k !== "M") {
      if (k === "J") { r[0] = 74; this.p++; }
      r[1] = this.int();
    } else {
      r[0] = 77;
      this.p++; r[1] = this.int();
      this.p++; r[2] = this.int();
      this.p++; r[3] = this.int();
    }
    if (this.c === "/") { this.p++; r[4] = this.off(); }
    return r;
  }
}

/** The whole file, or undefined when it cannot be read (musl's __map_file). */
function readFile(path: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = open(path, O.RDONLY);
  } catch {
    return undefined;
  }
  try {
    const b = readAll(fd, (1 << 24) - 1);
    return b.length >= 1 << 24 ? undefined : b;
  } catch {
    return undefined;
  } finally {
    try { close(fd); } catch {}
  }
}

/** Fill in the POSIX part of a zone from a rule string (the end of do_tzset). */
function parseRule(z: Zone, s: string): void {
  const p = new Cur(s);
  z.names[0] = p.name();
  z.timezone = p.off();
  z.names[1] = p.name();
  if (z.names[1]) {
    z.daylight = true;
    z.dstOff = p.c === "+" || p.c === "-" || isdigit(p.c) ? p.off() : z.timezone - 3600;
  } else {
    z.daylight = false;
    z.dstOff = z.timezone;
  }
  if (p.c === ",") { p.p++; z.r0 = p.rule(); }
  if (p.c === ",") { p.p++; z.r1 = p.rule(); }
}

/** Read TZif data into z; false when the file is not TZif. */
function parseTzif(z: Zone, map: Uint8Array): boolean {
  if (map.length < 44 || map[0] !== 0x54 || map[1] !== 0x5a || map[2] !== 0x69 || map[3] !== 0x66) return false;
  const dv = new DataView(map.buffer, map.byteOffset, map.length);
  const r32 = (o: number) => dv.getUint32(o);
  let trans = 44, scale = 2;
  if (map[4] !== 0x31 && map[4] !== 0) {
    trans = 44 + 44 + r32(20) + r32(24) + 8 * r32(28) + 5 * r32(32) + 6 * r32(36) + r32(40);
    scale = 3;
  }
  if (trans > map.length) return false;
  const timecnt = r32(trans - 12), typecnt = r32(trans - 8), charcnt = r32(trans - 4);
  const index = trans + (timecnt << scale), types = index + timecnt, abbrevs = types + 6 * typecnt;
  if (abbrevs + charcnt > map.length || typecnt === 0) return false;
  z.trans = new Float64Array(timecnt);
  for (let i = 0; i < timecnt; i++) {
    z.trans[i] = scale === 3 ? Number(dv.getBigInt64(trans + 8 * i)) : dv.getInt32(trans + 4 * i);
  }
  z.idx = map.slice(index, types);
  for (let i = 0; i < timecnt; i++) if (z.idx[i]! >= typecnt) return false;
  z.toff = new Int32Array(typecnt);
  z.tdst = new Uint8Array(typecnt);
  z.tabbr = [];
  for (let i = 0; i < typecnt; i++) {
    z.toff[i] = dv.getInt32(types + 6 * i);
    z.tdst[i] = map[types + 6 * i + 4]!;
    const a = abbrevs + map[types + 6 * i + 5]!;
    let e = a;
    while (e < map.length && map[e] !== 0) e++;
    z.tabbr.push(decode(map, a, e));
  }
  if (map[map.length - 1] === 10) {
    let s = map.length - 2;
    while (s >= 0 && map[s] !== 10) s--;
    parseRule(z, decode(map, s + 1, map.length - 1));
  } else {
    // no footer: tzname from the types, no rules
    let n0: string | undefined, n1: string | undefined;
    z.daylight = false;
    z.timezone = z.dstOff = 0;
    for (let i = 0; i < typecnt; i++) {
      if (!z.tdst[i] && n0 === undefined) { n0 = z.tabbr[i]; z.timezone = -z.toff[i]!; }
      if (z.tdst[i] && n1 === undefined) { n1 = z.tabbr[i]; z.dstOff = -z.toff[i]!; z.daylight = true; }
    }
    n0 ??= n1 ?? "UTC";
    if (!z.daylight) { n1 = n0; z.dstOff = z.timezone; }
    z.names = [n0, n1 ?? ""];
  }
  return true;
}

function parseZone(tz: string): Zone {
  let s = tz;
  if (s.length > 4097) s = "UTC";
  const z: Zone = { spec: s, names: ["", ""], timezone: 0, dstOff: 0, daylight: false, r0: [0, 0, 0, 0, 0], r1: [0, 0, 0, 0, 0] };
  let posixForm = false;
  if (s[0] !== ":") {
    const p = new Cur(s);
    const name = p.name();
    if (p.p !== 0 && (p.c === "+" || p.c === "-" || isdigit(p.c) || name === "UTC" || name === "GMT")) posixForm = true;
  }
  if (!posixForm) {
    const n = s[0] === ":" ? s.slice(1) : s;
    let map: Uint8Array | undefined;
    if (n[0] === "/" || n[0] === ".") map = readFile(n);
    else if (n.length <= 255 && !n.includes(".")) for (const d of SEARCH) if ((map = readFile(d + n))) break;
    if (map && parseTzif(z, map)) return z;
    s = "UTC";
    (z as { spec: string }).spec = s;
    z.trans = z.idx = z.toff = z.tdst = z.tabbr = undefined;
  }
  parseRule(z, s);
  return z;
}

const zones = new Map<string, Zone>();

/** The zone for a value of TZ (undefined = unset), parsed once per process and value. */
export function loadZone(tz: string | undefined): Zone {
  const key = tz === undefined ? "/etc/localtime" : tz === "" ? "UTC" : tz;
  let z = zones.get(key);
  if (!z) zones.set(key, (z = parseZone(key)));
  return z;
}

let envZone: Zone | undefined;
/** The zone of the process's TZ as it started (what localtime(3) uses). */
export function localZone(): Zone {
  if (envZone) return envZone;
  let tz: string | undefined;
  for (const [k, v] of environ()) if (k === "TZ") tz = v;
  return (envZone = loadZone(tz));
}

// ---------- calendar arithmetic ----------

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 1-12). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** musl's __year_to_secs: seconds from the epoch to 1 January of 1900 + y. */
function yearToSecs(y: number): number {
  return daysFromCivil(1900 + y, 1, 1) * 86400;
}

const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
/** musl's __month_to_secs (month 0-11). */
function monthToSecs(m: number, leap: boolean): number {
  return (MONTH_START[m]! + (leap && m >= 2 ? 1 : 0)) * 86400;
}

/** musl's rule_to_secs: the rule's transition in year 1900 + y, as local seconds. */
function ruleToSecs(r: Rule, y: number): number {
  const leap = isLeap(1900 + y);
  let t = yearToSecs(y);
  if (r[0] !== 77) {
    let x = r[1]!;
    if (r[0] === 74 && (x < 60 || !leap)) x--;
    t += 86400 * x;
  } else {
    const m = r[1]!, d = r[3]!;
    let n = r[2]!;
    t += monthToSecs(m - 1, leap);
    // C's truncating remainder: before 1970 this is negative, as in musl
    const wday = Math.trunc(((t + 4 * 86400) % (7 * 86400)) / 86400);
    let days = d - wday;
    if (days < 0) days += 7;
    const dim = m === 2 ? 28 + (leap ? 1 : 0) : 30 + ((0xad5 >> (m - 1)) & 1);
    if (n === 5 && days + 28 >= dim) n = 4;
    t += 86400 * (days + 7 * (n - 1));
  }
  return t + r[4]!;
}

/** musl's scan_trans: the type in force at t (UTC, or local when `local`), or -1 for "use the
 * POSIX rule"; sets alt to a neighbouring type of the opposite DST status. */
function scanTrans(z: Zone, t: number, local: boolean, alt: { v: number }): number {
  const trans = z.trans!, index = z.idx!, toff = z.toff!, tdst = z.tdst!;
  let n = trans.length, a = 0;
  if (!n) {
    alt.v = 0;
    return 0;
  }
  let off = 0;
  while (n > 1) {
    const m = a + (n >> 1);
    if (local) off = toff[index[m - 1]!]!;
    if (t - off < trans[m]!) n >>= 1;
    else { a = m; n -= n >> 1; }
  }
  n = trans.length;
  if (a === n - 1) return -1;
  if (a === 0) {
    // before the first transition: the lowest-index standard-time type (or type 0)
    let j = 0;
    for (let i = tdst.length; i; i--) if (!tdst[i - 1]) j = i - 1;
    if (local) off = toff[j]!;
    if (t - off < trans[0]!) {
      alt.v = index[0]!;
      return j;
    }
  }
  if (a && tdst[index[a - 1]!] !== tdst[index[a]!]) alt.v = index[a - 1]!;
  else if (a + 1 < n && tdst[index[a + 1]!] !== tdst[index[a]!]) alt.v = index[a + 1]!;
  else alt.v = index[a]!;
  return index[a]!;
}

interface ZoneAt { isdst: number; off: number; opp: number; abbr: string }

/** musl's __secs_to_zone: the zone in force at t (UTC seconds, or local seconds when
 * `local`): DST flag, offset east, the opposite-DST offset, abbreviation. */
export function secsToZone(z: Zone, t: number, local: boolean): ZoneAt {
  if (z.trans) {
    const alt = { v: 0 };
    const i = scanTrans(z, t, local, alt);
    if (i !== -1) return { isdst: z.tdst![i]!, off: z.toff![i]!, opp: z.toff![alt.v]!, abbr: z.tabbr![i]! };
  }
  let dst = false;
  if (z.daylight) {
    let y = Math.trunc(t / 31556952) + 70;
    while (yearToSecs(y) > t) y--;
    while (yearToSecs(y + 1) < t) y++;
    let t0 = ruleToSecs(z.r0, y), t1 = ruleToSecs(z.r1, y);
    if (!local) {
      t0 += z.timezone;
      t1 += z.dstOff;
    }
    dst = t0 < t1 ? t >= t0 && t < t1 : !(t >= t1 && t < t0);
  }
  return dst
    ? { isdst: 1, off: -z.dstOff, opp: -z.timezone, abbr: z.names[1] }
    : { isdst: 0, off: -z.timezone, opp: -z.dstOff, abbr: z.names[0] };
}

const INT_MIN = -2147483648, INT_MAX = 2147483647;

/** musl's __secs_to_tm: broken-down time of t as if UTC, or undefined when the year does not
 * fit an int. */
function secsToTm(t: number, off = 0): Tm | undefined {
  if (!Number.isFinite(t) || t + off < INT_MIN * 31622400 || t + off > INT_MAX * 31622400) return undefined;
  // days and seconds of t, then the offset: t + off may not be exact near 2^53
  let days = Math.floor(t / 86400);
  let secs = t - days * 86400 + off;
  const d0 = Math.floor(secs / 86400);
  days += d0;
  secs -= d0 * 86400;
  // civil from days (Howard Hinnant's algorithm)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) return undefined;
  const mon = m - 1;
  return {
    sec: secs % 60, min: Math.floor(secs / 60) % 60, hour: Math.floor(secs / 3600), mday: d, mon, year: y,
    wday: (((days + 4) % 7) + 7) % 7, yday: MONTH_START[mon]! + d - 1 + (isLeap(y) && mon >= 2 ? 1 : 0),
    isdst: 0, gmtoff: 0, zone: "", t,
  };
}

/** musl's __tm_to_secs: seconds of a broken-down time taken as UTC, fields normalised linearly. */
function tmToSecs(tm: TmFields): number {
  let year = tm.year - 1900, month = tm.mon;
  if (month >= 12 || month < 0) {
    let adj = Math.trunc(month / 12);
    month %= 12;
    if (month < 0) { adj--; month += 12; }
    year += adj;
  }
  return yearToSecs(year) + monthToSecs(month, isLeap(1900 + year)) +
    86400 * (tm.mday - 1) + 3600 * tm.hour + 60 * tm.min + tm.sec;
}

/** gmtime(3): broken-down UTC time, or undefined out of range. */
export function gmtime(t: number): Tm | undefined {
  const tm = secsToTm(t);
  if (tm) tm.zone = "UTC";
  return tm;
}

/** localtime(3) in a zone (by default the process's TZ), or undefined out of range. */
export function localtime(t: number, zone: Zone = localZone()): Tm | undefined {
  if (!Number.isFinite(t) || t < INT_MIN * 31622400 || t > INT_MAX * 31622400) return undefined;
  const z = secsToZone(zone, t, false);
  const tm = secsToTm(t, z.off);
  if (!tm) return undefined;
  tm.isdst = z.isdst;
  tm.gmtoff = z.off;
  tm.zone = z.abbr;
  tm.t = t;
  return tm;
}

/** mktime(3) as musl: the fields are normalised, a tm_isdst hint that disagrees with the zone
 * moves the time by the difference of the two offsets, a time in a gap or overlap takes the
 * offset in force just before it. Returns the normalised time (its `t` the seconds), or
 * undefined on overflow. */
export function mktime(tm: TmFields, zone: Zone = localZone()): Tm | undefined {
  let t = tmToSecs(tm);
  const l = secsToZone(zone, t, true);
  if (tm.isdst >= 0 && l.isdst !== tm.isdst) t -= l.opp - l.off;
  t -= l.off;
  if (!Number.isFinite(t)) return undefined;
  return localtime(t, zone);
}

/** timegm(3): seconds of a broken-down UTC time (fields normalised), NaN out of range. */
export function timegm(tm: Omit<TmFields, "isdst">): number {
  const t = tmToSecs({ ...tm, isdst: 0 });
  return secsToTm(t) ? t : NaN;
}
