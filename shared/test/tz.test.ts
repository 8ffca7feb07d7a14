// The zone library against musl: tz-table.json holds localtime(3) and mktime(3) answers recorded
// with scripts/tz-oracle.c built against musl (scripts/tz-table.py makes it), for zoneinfo
// zones (instants around transitions of the file's table and of its POSIX footer, pre-1901,
// 2038, far future) and POSIX rule strings. The zone files are the system's: a zone whose file
// is missing is skipped.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadZone, localtime, mktime, gmtime, timegm, type Tm } from "../src/tz";
import { strptime } from "../src/strptime";
import { strftime } from "../src/strftime";

interface Table {
  localtime: Record<string, [number, string][]>;
  mktime: Record<string, [string, string][]>;
}
const TABLE: Table = JSON.parse(fs.readFileSync(path.join(import.meta.dir, "tz-table.json"), "utf8"));

const show = (tm: Tm | undefined) =>
  tm ? `${tm.year} ${tm.mon} ${tm.mday} ${tm.hour} ${tm.min} ${tm.sec} ${tm.wday} ${tm.yday} ${tm.isdst} ${tm.gmtoff} ${tm.zone}` : "NULL";
const zoneOf = (tz: string) => loadZone(tz === "-" ? undefined : tz);
/** Zones named by a zoneinfo file that this system lacks are skipped. */
function present(tz: string): boolean {
  const n = tz.replace(/^:/, "");
  if (n === "Nonexistent/Zone" || !(n.includes("/") || /^[A-Z][a-z]+$/.test(n))) return true;
  return n === "Foo" || fs.existsSync(n.startsWith("/") ? n : `/usr/share/zoneinfo/${n}`);
}

test("localtime matches musl", () => {
  let n = 0;
  for (const [tz, rows] of Object.entries(TABLE.localtime)) {
    if (!present(tz)) continue;
    const z = zoneOf(tz);
    for (const [t, want] of rows) {
      assert.is(show(localtime(t, z)), want, `TZ=${JSON.stringify(tz)} t=${t}`);
      n++;
    }
  }
  assert.ok(n > 1000);
});

test("mktime matches musl: normalisation, gaps, overlaps, tm_isdst hints, overflow", () => {
  let n = 0;
  for (const [tz, rows] of Object.entries(TABLE.mktime)) {
    if (!present(tz)) continue;
    const z = zoneOf(tz);
    for (const [f, want] of rows) {
      const [year, mon, mday, hour, min, sec, isdst] = f.split(" ").map(Number) as number[];
      const r = mktime({ year: year!, mon: mon!, mday: mday!, hour: hour!, min: min!, sec: sec!, isdst: isdst! }, z);
      assert.is(r ? `t=${r.t} ${show(r)}` : "ERR", want, `TZ=${JSON.stringify(tz)} mktime(${f})`);
      n++;
    }
  }
  assert.ok(n > 1000);
});

test("gmtime and timegm", () => {
  assert.is(show(gmtime(0)), "1970 0 1 0 0 0 4 0 0 0 UTC");
  assert.is(show(gmtime(-1)), "1969 11 31 23 59 59 3 364 0 0 UTC");
  assert.is(show(gmtime(951782400)), "2000 1 29 0 0 0 2 59 0 0 UTC");
  assert.is(timegm({ year: 2000, mon: 1, mday: 30, hour: 0, min: 0, sec: 0 }), 951868800);
  assert.is(timegm({ year: 2001, mon: -1, mday: 1, hour: 0, min: 0, sec: -1 }), 975628799);
  assert.is(gmtime(1e20), undefined);
});

test("zones are cached per TZ value", () => {
  assert.is(loadZone("Europe/Berlin"), loadZone("Europe/Berlin"));
  assert.is(loadZone(""), loadZone("UTC"));
});

const base = (): Tm => ({ ...gmtime(0)!, isdst: -1 });

test("strptime: fields, literals, white space, what is left", () => {
  const utc = loadZone("UTC0");
  let tm = base();
  assert.is(strptime("2020-02-29 extra", "%Y-%m-%d", tm, utc), 10);
  assert.is(`${tm.year} ${tm.mon} ${tm.mday} ${tm.yday}`, "2020 1 29 59");
  tm = base();
  assert.is(strptime("  Sat,  3 feb 2001 14:05:06", " %a, %e %b %Y %T", tm, utc), 27);
  assert.is(strftime("%F %T %a", tm), "2001-02-03 14:05:06 Sat");
  tm = base();
  assert.is(strptime("2001-02-03", "%Y/%m/%d", tm, utc), -1);
  assert.is(strptime("13", "%m", base(), utc), -1);
  assert.is(strptime("Februar", "%B", (tm = base()), utc), 3);
  assert.is(tm.mon, 1);
  tm = base();
  assert.is(strptime("07:30:00 PM", "%r", tm, utc), 11);
  assert.is(tm.hour, 19);
  tm = base();
  assert.is(strptime("69 68", "%y", tm, utc), 2);
  assert.is(tm.year, 1969);
  assert.is(strptime("68", "%y", (tm = base()), utc), 2);
  assert.is(tm.year, 2068);
  assert.is(strptime("%", "%%", base(), utc), 1);
  assert.is(strptime("x", "%Q", base(), utc), -1);
});

test("strptime: %j and %U/%W fill in the date; %s %z %Z convert from UTC", () => {
  const utc = loadZone("UTC0");
  let tm = base();
  assert.is(strptime("2024 060", "%Y %j", tm, utc), 8);
  assert.is(`${tm.mon} ${tm.mday}`, "1 29");
  tm = base();
  strptime("2024 10 3", "%Y %U %w", tm, utc);
  assert.is(`${tm.mon} ${tm.mday} ${tm.wday}`, "2 13 3");
  const ny = loadZone("America/New_York");
  tm = base();
  assert.is(strptime("1710054000", "%s", tm, ny), 10);
  assert.is(strftime("%F %T %Z", tm), "2024-03-10 03:00:00 EDT");
  tm = base();
  assert.is(strptime("2024-01-01 12:00 +0530", "%Y-%m-%d %H:%M %z", tm, utc), 22);
  assert.is(strftime("%F %T", tm), "2024-01-01 06:30:00");
  tm = base();
  assert.is(strptime("EST", "%Z", tm, ny), 3);
  assert.is(tm.isdst, 0);
  assert.is(strptime("XYZ", "%Z", base(), ny), -1);
});

test.run();
