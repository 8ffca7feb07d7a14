import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const USAGE = `usage: date [-jnRu] [-I[date|hours|minutes|seconds|ns]] [-f input_fmt]
            [ -z output_zone ] [-r filename|seconds] [-v[+|-]val[y|m|w|d|H|M|S]]
            [[[[[[cc]yy]mm]dd]HH]MM[.SS] | new_date] [+output_fmt]
`;

const date = (args: string[], tz = "UTC") => run("date", args, { env: { TZ: tz } });

test("zoneinfo zones: DST, 30-minute DST, numeric abbreviations, footer rules past 2037, LMT", () => {
  const cases: [string, number, string, string][] = [
    ["Europe/London", 1719835200, "Mon Jul  1 13:00:00 BST 2024", "+0100"],
    ["Europe/London", 1704110400, "Mon Jan  1 12:00:00 GMT 2024", "+0000"],
    ["Australia/Lord_Howe", 1704067200, "Mon Jan  1 11:00:00 +11 2024", "+1100"],
    ["Australia/Lord_Howe", 1719792000, "Mon Jul  1 10:30:00 +1030 2024", "+1030"],
    ["Australia/Lord_Howe", 1712415600, "Sun Apr  7 01:30:00 +1030 2024", "+1030"],
    ["America/Sao_Paulo", 1719835200, "Mon Jul  1 09:00:00 -03 2024", "-0300"],
    ["America/Sao_Paulo", 600000000, "Thu Jan  5 08:40:00 -02 1989", "-0200"],
    ["Asia/Kolkata", 0, "Thu Jan  1 05:30:00 IST 1970", "+0530"],
    ["America/New_York", 4118000000, "Tue Jun 29 20:53:20 EDT 2100", "-0400"],
    ["America/New_York", 4133000000, "Mon Dec 20 10:33:20 EST 2100", "-0500"],
    ["Europe/Berlin", 7258118400, "Wed Jan  1 01:00:00 CET 2200", "+0100"],
    ["Europe/Berlin", -5000000000, "Tue Jul 23 16:00:08 LMT 1811", "+0053"],
    ["America/New_York", -2208988800, "Sun Dec 31 19:00:00 EST 1899", "-0500"],
  ];
  for (const [tz, t, want, off] of cases) {
    const r = date(["-r", String(t), "+%+|%z"], tz);
    assert.is(r.out, `${want}|${off}\n`, `TZ=${tz} -r ${t}`);
  }
});

test("the DST change in New York, second by second", () => {
  assert.is(date(["-r", "1710053999"], "America/New_York").out, "Sun Mar 10 01:59:59 EST 2024\n");
  assert.is(date(["-r", "1710054000"], "America/New_York").out, "Sun Mar 10 03:00:00 EDT 2024\n");
  assert.is(date(["-r", "1730613600", "+%T %Z"], "America/New_York").out, "01:00:00 EST\n");
  assert.is(date(["-r", "1730613599", "+%T %Z"], "America/New_York").out, "01:59:59 EDT\n");
});

test("TZ forms: ':name', absolute path, POSIX rules, unknown names and empty are UTC, unset is /etc/localtime", () => {
  const t = ["-r", "1719835200", "+%H:%M %Z"];
  assert.is(date(t, ":Europe/Berlin").out, "14:00 CEST\n");
  assert.is(date(t, "/usr/share/zoneinfo/Asia/Tokyo").out, "21:00 JST\n");
  assert.is(date(t, "CET-1CEST,M3.5.0,M10.5.0/3").out, "14:00 CEST\n");
  assert.is(date(t, "<-0330>3:30").out, "08:30 -0330\n");
  assert.is(date(t, "No/Such_Zone").out, "12:00 UTC\n");
  assert.is(date(t, "").out, "12:00 UTC\n");
  const unset = sh("unset TZ; date -r 1719835200 '+%H:%M'; TZ=/etc/localtime date -r 1719835200 '+%H:%M'");
  const [a, b] = unset.out.split("\n");
  assert.is(a, b);
});

test("-u, -z output zone, -r file and seconds (base 0)", () => {
  assert.is(date(["-u", "-r", "0"], "Asia/Tokyo").out, "Thu Jan  1 00:00:00 UTC 1970\n");
  assert.is(date(["-r", "0", "-z", "Asia/Tokyo", "+%F %T %Z"], "America/New_York").out, "1970-01-01 09:00:00 JST\n");
  // -z changes only the output: the operand is read in TZ
  assert.is(date(["-j", "-z", "UTC", "202401011200", "+%H"], "Asia/Tokyo").out, "03\n");
  assert.is(date(["-r", "0x10", "+%s"]).out, "16\n");
  assert.is(date(["-r", "010", "+%s"]).out, "8\n");
  const f = sh("touch -d 2001-02-03T14:05:06.5Z f; date -r f '+%F %T.%N'");
  assert.is(f.out, "2001-02-03 14:05:06.500000000\n");
  const bad = date(["-r", "nope"]);
  assert.is(bad.status, 1);
  assert.is(bad.err, USAGE);
});

test("formats: every conversion, %N, E/O modifiers, padding flags, a lone %", () => {
  const r = date(["-r", "1234567890", "+%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%k|%l|%m|%M|%n|%p|%r|%R|%s|%S|%t|%T|%u|%U|%v|%V|%w|%W|%x|%X|%y|%Y|%z|%Z|%%|%+"]);
  assert.is(r.out, "Fri|Friday|Feb|February|Fri Feb 13 23:31:30 2009|20|13|02/13/09|13|2009-02-13|09|2009|Feb|23|11|044|23|11|02|31|\n|PM|11:31:30 PM|23:31|1234567890|30|\t|23:31:30|5|06|13-Feb-2009|07|5|06|02/13/09|23:31:30|09|2009|+0000|UTC|%|Fri Feb 13 23:31:30 UTC 2009\n");
  assert.is(date(["-r", "0", "+%N|%%N|%-N|%Ey|%OH|%EEy|%-d|%_m|%0e|%-_d|x%"]).out, "000000000|%N|N|70|00|Ey|1| 1|01|_d|x%\n");
  assert.is(date(["-r", "-62135596800", "+%Y|%C|%y"]).out, "0001|00|01\n");
  assert.is(date(["-r", "253402300800", "+%Y"]).out, "10000\n");
});

test("-I and -R", () => {
  const t = ["-r", "1234567890"];
  assert.is(date([...t, "-I"], "Asia/Kolkata").out, "2009-02-14\n");
  assert.is(date([...t, "-Ihours"], "Asia/Kolkata").out, "2009-02-14T05+05:30\n");
  assert.is(date([...t, "-Iminutes"], "America/St_Johns").out, "2009-02-13T20:01-03:30\n");
  assert.is(date([...t, "-Iseconds"]).out, "2009-02-13T23:31:30+00:00\n");
  assert.is(date([...t, "-Ins"]).out, "2009-02-13T23:31:30,000000000+00:00\n");
  assert.is(date([...t, "-R"], "Europe/Berlin").out, "Sat, 14 Feb 2009 00:31:30 +0100\n");
  assert.is(date([...t, "-R", "+%Y"]).out, "2009\n");
  let r = date(["-Iweeks"]);
  assert.equal([r.status, r.err], [1, "date: invalid argument 'weeks' for -I\n"]);
  r = date(["-I", "-R"]);
  assert.equal([r.status, r.err], [1, "date: multiple output formats specified\n"]);
  r = date(["-I", "+%F"]);
  assert.equal([r.status, r.err], [1, "date: multiple output formats specified\n"]);
});

test("-j with [[[[[cc]yy]mm]dd]HH]MM[.ss]: missing fields from now, yy < 69 is 20yy", () => {
  assert.is(date(["-j", "200102031405.06", "+%F %T"]).out, "2001-02-03 14:05:06\n");
  assert.is(date(["-j", "6902031405", "+%Y"]).out, "1969\n");
  assert.is(date(["-j", "6802031405", "+%Y"]).out, "2068\n");
  assert.is(date(["-r", "1234567890", "-j", "1405", "+%F %T"]).out, "2009-02-13 14:05:00\n");
  assert.is(date(["-r", "1234567890", "-j", "0101.59", "+%F %T"]).out, "2009-02-13 01:01:59\n");
  // month 00 and day 00 are normalised by mktime
  assert.is(date(["-j", "200100001200", "+%F"]).out, "2000-11-30\n");
  for (const bad of ["1", "123", "2001020314056", "1405.1", "1405.5.5", "14a5", "2460", "1299", "1260", "201213010000"]) {
    const r = date(["-j", bad]);
    assert.is(r.status, 1, bad);
    assert.is(r.err, "date: illegal time format\n" + USAGE, bad);
    assert.is(r.out, "");
  }
});

test("-j in a DST gap and overlap (musl's mktime)", () => {
  // 02:30 does not exist on 2024-03-10 in New York: musl takes the offset after the gap
  // (EDT) for the local time, which lands an hour earlier, in EST
  assert.is(date(["-j", "202403100230", "+%T %Z"], "America/New_York").out, "01:30:00 EST\n");
  // 01:30 happens twice on 2024-11-03: the first (EDT)
  assert.is(date(["-j", "202411030130", "+%T %Z %s"], "America/New_York").out, "01:30:00 EDT 1730611800\n");
});

test("-f input format (strptime): fields, %s, %z, leftovers, failures", () => {
  assert.is(date(["-j", "-f", "%Y-%m-%d %H:%M:%S", "2020-02-29 12:34:56", "+%F %T %a %j"]).out, "2020-02-29 12:34:56 Sat 060\n");
  assert.is(date(["-j", "-f", "%s", "1710054000", "+%F %T %Z"], "America/New_York").out, "2024-03-10 03:00:00 EDT\n");
  assert.is(date(["-j", "-f", "%F %T %z", "2024-01-01 12:00:00 -0130", "+%T"], "UTC").out, "13:30:00\n");
  assert.is(date(["-j", "-f", "%d %b %Y %T", "3 FEBRUARY 2001 14:05:06", "+%F %T"]).out, "2001-02-03 14:05:06\n");
  assert.is(date(["-j", "-f", "%Y %j %T", "2024 366 00:00:00", "+%F"]).out, "2024-12-31\n");
  let r = date(["-j", "-f", "%Y", "2020 extra", "+%Y"]);
  assert.equal([r.out, r.err, r.status], ["2020\n", "Warning: Ignoring 6 extraneous characters in date string ( extra)\n", 0]);
  r = date(["-j", "-f", "%Y-%m-%d", "2020-13-01"]);
  assert.is(r.status, 1);
  assert.is(r.err, "Failed conversion of ``2020-13-01'' using format ``%Y-%m-%d''\ndate: illegal time format\n" + USAGE);
  r = date(["-j", "-f", "%Y"]);
  assert.equal([r.status, r.err], [1, USAGE]);
});

test("-v: months clamp to the month's end, years keep the day and let mktime normalise", () => {
  const v = (args: string[], input: string, tz = "UTC") =>
    date(["-j", ...args, "-f", "%Y-%m-%d %T", input, "+%F %T"], tz).out.trim();
  assert.is(v(["-v+1y"], "2024-02-29 00:00:00"), "2025-03-01 00:00:00");
  assert.is(date(["-j", "-v+1y", "-f", "%Y%m%d", "20240229", "+%F"]).out, "2025-03-01\n");
  assert.is(v(["-v+1m"], "2021-01-31 00:00:00"), "2021-02-28 00:00:00");
  assert.is(v(["-v-1m"], "2024-03-31 10:00:00"), "2024-02-29 10:00:00");
  assert.is(v(["-v+13m"], "2024-01-31 10:00:00"), "2025-02-28 10:00:00");
  assert.is(v(["-v-25m"], "2024-01-15 10:00:00"), "2021-12-15 10:00:00");
  assert.is(v(["-v+1d"], "2024-02-28 23:00:00"), "2024-02-29 23:00:00");
  assert.is(v(["-v-1d"], "2024-03-01 00:00:00"), "2024-02-29 00:00:00");
  assert.is(v(["-v+2w"], "2024-12-25 00:00:00"), "2025-01-08 00:00:00");
  assert.is(v(["-v+25H", "-v-61M", "-v+3601S"], "2024-12-31 23:00:00"), "2025-01-01 23:59:01");
  assert.is(v(["-v1d", "-v3m", "-v2030y", "-v12H", "-v0M", "-v0S"], "2024-05-31 23:59:59"), "2030-03-01 12:00:00");
  assert.is(v(["-v5y"], "2024-05-31 00:00:00"), "2005-05-31 00:00:00");
  assert.is(v(["-v80y"], "2024-05-31 00:00:00"), "1980-05-31 00:00:00");
});

test("-v: weekday and month names", () => {
  const v = (arg: string, input: string) => date(["-j", arg, "-f", "%F", input, "+%F %a"]).out.trim();
  // 2024-03-31 is a Sunday
  assert.is(v("-vmon", "2024-03-31"), "2024-04-01 Mon");
  assert.is(v("-v+mon", "2024-03-31"), "2024-04-01 Mon");
  assert.is(v("-v-mon", "2024-03-31"), "2024-03-25 Mon");
  assert.is(v("-vSUNDAY", "2024-03-31"), "2024-03-31 Sun");
  assert.is(v("-v+sun", "2024-03-31"), "2024-03-31 Sun");
  assert.is(v("-vsat", "2024-03-31"), "2024-04-06 Sat");
  assert.is(v("-vfeb", "2024-03-31"), "2024-02-29 Thu");
  assert.is(v("-v+feb", "2024-03-31"), "2025-02-28 Fri");
  assert.is(v("-v-feb", "2024-03-31"), "2024-02-29 Thu");
  assert.is(v("-v+dec", "2024-03-31"), "2024-12-31 Tue");
  assert.is(v("-v-apr", "2024-03-31"), "2023-04-30 Sun");
});

test("-v across DST: hours count elapsed time, days keep the wall clock", () => {
  const ny = "America/New_York";
  const at = ["-r", "1710046800"]; // 2024-03-10 00:00:00 EST
  assert.is(date([...at, "-v+3H", "+%F %T %Z"], ny).out, "2024-03-10 04:00:00 EDT\n");
  assert.is(date([...at, "-v+1d", "+%F %T %Z"], ny).out, "2024-03-11 00:00:00 EDT\n");
  assert.is(date([...at, "-v+150M", "+%F %T %Z"], ny).out, "2024-03-10 03:30:00 EDT\n");
  // absolute values take the wall clock: 02:00 is in the gap, mktime makes it 01:00 EST
  assert.is(date([...at, "-v2H", "-v30M", "+%F %T %Z"], ny).out, "2024-03-10 01:30:00 EST\n");
});

test("-v errors: bad units, values and names; usage status 1", () => {
  for (const bad of ["x", "+", "1x", "+1q", "-1", "13m", "0d", "32d", "24H", "60M", "60S", "7w", "xyz", "mo", "+-1d"]) {
    const r = date(["-r", "0", `-v${bad}`]);
    assert.is(r.status, 1, bad);
    assert.is(r.err, `${bad}: Cannot apply date adjustment\n${USAGE}`, bad);
  }
});

test("errors: unknown option, invalid time, setting the clock without privilege", () => {
  let r = sh("date -Q");
  assert.equal([r.status, r.out, r.err], [1, "", "date: unrecognized option: Q\n" + USAGE]);
  r = date(["-r", "99999999999999999999"]);
  assert.equal([r.status, r.err], [1, "date: invalid time\n"]);
  // without CAP_SYS_TIME: run as nobody when we can (never try to set the clock for real)
  const p = sh("command -v setpriv >/dev/null && [ $(id -u) = 0 ] && echo yes");
  if (p.out === "yes\n") {
    r = sh("setpriv --reuid=65534 --regid=65534 --clear-groups date 203001010000; echo rc=$?");
    assert.is(r.out, "rc=1\n");
    assert.is(r.err, "date: clock_settime: Operation not permitted\n");
  } else if (sh("[ $(id -u) != 0 ] && echo user").out === "user\n") {
    r = sh("date 203001010000; echo rc=$?");
    assert.is(r.out, "rc=1\n");
    assert.is(r.err, "date: clock_settime: Operation not permitted\n");
  }
});

test("-n is accepted; operands after the format are read; extra operands ignored", () => {
  assert.is(date(["-n", "-j", "-r", "0", "+%s"]).out, "0\n");
  assert.is(date(["-j", "+%F", "200102031405", "ignored"]).out, "2001-02-03\n");
  assert.is(date(["-j", "200102031405", "+%F", "ignored"]).out, "2001-02-03\n");
});

test("now: the clock, with nanoseconds for %N", () => {
  const r = date(["+%s %N"]);
  const [s, ns] = r.out.trim().split(" ");
  assert.ok(Math.abs(Number(s) - Date.now() / 1000) < 30);
  assert.match(ns!, /^\d{9}$/);
});

test.run();
