import { test } from "uvu";
import * as assert from "uvu/assert";
import { strftime, gmtime, localtime, loadZone } from "../src/strftime";
import { wcwidth } from "../src/wcwidth";

// 2001-02-03 14:05:06 UTC, a Saturday, day 34 of the year
const T = 981209106;
const tm = gmtime(T)!;

test("numeric conversions with their C padding", () => {
  assert.is(strftime("%Y-%m-%d %H:%M:%S", tm), "2001-02-03 14:05:06");
  assert.is(strftime("%e|%k|%l|%I|%j|%y|%C|%u|%w", tm), " 3|14| 2|02|034|01|20|6|6");
  assert.is(strftime("%D %F %R %T %r", tm), "02/03/01 2001-02-03 14:05 14:05:06 02:05:06 PM");
  assert.is(strftime("%s", tm), "981209106");
});

test("names in the C locale; %c %x %X %v %+", () => {
  assert.is(strftime("%a %A %b %h %B %p", tm), "Sat Saturday Feb Feb February PM");
  assert.is(strftime("%c", tm), "Sat Feb  3 14:05:06 2001");
  assert.is(strftime("%x|%X|%v", tm), "02/03/01|14:05:06| 3-Feb-2001");
  assert.is(strftime("%+", tm), "Sat Feb  3 14:05:06 UTC 2001");
});

test("week numbers: %U %W %V %G %g", () => {
  assert.is(strftime("%U %W %V %G %g", tm), "04 05 05 2001 01");
  // 2021-01-01 is a Friday: ISO week 53 of 2020
  const ny = gmtime(Date.UTC(2021, 0, 1) / 1000)!;
  assert.is(strftime("%U %W %V %G %g", ny), "00 00 53 2020 20");
  // 2024-12-30 is a Monday: ISO week 1 of 2025
  const eoy = gmtime(Date.UTC(2024, 11, 30) / 1000)!;
  assert.is(strftime("%V %G", eoy), "01 2025");
});

test("padding flags, E/O modifiers, %% %n %t, unknown conversions, a lone %", () => {
  assert.is(strftime("%-d|%_d|%0e|%-j|%_H", tm), "3| 3|03|34|14");
  assert.is(strftime("%Ey %OH", tm), "01 14");
  assert.is(strftime("%%|%n|%t|%Q|x%", tm), "%|\n|\t|Q|x%");
});

test("time zones: %z %Z in UTC; localtime in a zone", () => {
  assert.is(strftime("%z %Z", tm), "+0000 UTC");
  const lt = localtime(T, loadZone("Asia/Kolkata"))!;
  assert.is(strftime("%F %T %z %Z", lt), "2001-02-03 19:35:06 +0530 IST");
  assert.is(strftime("%+", localtime(T, loadZone("<-0330>3:30"))!), "Sat Feb  3 10:35:06 -0330 2001");
  assert.is(strftime("%z", { ...tm, gmtoff: -(3 * 3600 + 30 * 60) }), "-0330");
  assert.is(strftime("%z", { ...tm, gmtoff: 9 * 3600 }), "+0900");
});

test("years: four digits and more, FreeBSD's century form", () => {
  assert.is(strftime("%Y", gmtime(Date.UTC(999, 0, 1) / 1000)!), "0999");
  assert.is(strftime("%Y", gmtime(Date.UTC(12345, 0, 1) / 1000)!), "12345");
  assert.is(gmtime(1e20), undefined);
});

test("wcwidth as musl", () => {
  assert.is(wcwidth(0x41), 1);
  assert.is(wcwidth(0), 0);
  assert.is(wcwidth(7), -1);
  assert.is(wcwidth(0xe9), 1);
  assert.is(wcwidth(0x301), 0);
  assert.is(wcwidth(0x65e5), 2);
  assert.is(wcwidth(0xac00), 2);
  assert.is(wcwidth(0x1f600), 2);
  assert.is(wcwidth(0x20000), 2);
  assert.is(wcwidth(0xfffe), -1);
  assert.is(wcwidth(0x200b), 0);
});

test.run();
