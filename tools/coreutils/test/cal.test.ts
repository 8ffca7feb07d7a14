import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

const lines = (s: string) => s.split("\n");

test("cal 2 2024: the traditional layout, padded to 20 columns plus two", () => {
  const r = run("cal", ["2", "2024"]);
  assert.is(r.status, 0);
  assert.is(r.out, [
    "   February 2024      ",
    "Su Mo Tu We Th Fr Sa  ",
    "             1  2  3  ",
    " 4  5  6  7  8  9 10  ",
    "11 12 13 14 15 16 17  ",
    "18 19 20 21 22 23 24  ",
    "25 26 27 28 29        ",
    "                      ",
    "",
  ].join("\n"));
  assert.is(r.err, "");
});

test("a month given by name or with -m is the same month", () => {
  const a = run("cal", ["2", "2024"]).out;
  assert.is(run("cal", ["-m", "feb", "2024"]).out, a);
  assert.is(run("cal", ["-m", "February", "2024"]).out, a);
});

test("cal 9 1752: Great Britain's switch, Sep 2 is followed by Sep 14", () => {
  const o = lines(run("cal", ["9", "1752"]).out);
  assert.is(o[0], "   September 1752     ");
  assert.is(o[2], "       1  2 14 15 16  ");
  assert.is(o[3], "17 18 19 20 21 22 23  ");
});

test("ncal: weekdays in rows; -J the Julian calendar (13 days behind in 2024)", () => {
  const g = lines(run("ncal", ["2", "2024"]).out);
  assert.is(g[0], "    February 2024     ");
  assert.is(g[1], "Mo     5 12 19 26   ");
  assert.is(g[4], "Th  1  8 15 22 29   ");
  const j = lines(run("ncal", ["-J", "2", "2024"]).out);
  assert.is(j[1], "Mo     6 13 20 27   ");
  assert.is(j[3], "We  1  8 15 22 29   ");
  assert.is(j.length, 9);
});

test("ncal -s: the country's switch date (Germany dropped Feb 19-28 1700)", () => {
  const o = run("ncal", ["-s", "DE", "2", "1700"]).out;
  assert.ok(o.includes(" 18"));
  assert.not.ok(/\b19\b/.test(o));
  assert.is(run("ncal", ["-s", "XX", "2", "1700"]).err, "ncal: XX: invalid country code\n");
  assert.ok(run("ncal", ["-p"]).out.includes("*US United States  1752-09-02"));
});

test("-j: days of the year; -w: ISO week numbers", () => {
  const j = lines(run("cal", ["-j", "3", "2024"]).out);
  assert.is(j[1], " Su  Mo  Tu  We  Th  Fr  Sa  ");
  assert.is(j[2]!.trim(), "61  62");
  assert.is(j[7]!.trim(), "91");
  const w = lines(run("ncal", ["-w", "1", "2021"]).out);
  assert.is(w[8], "   53  1  2  3  4   ");
});

test("-3, -A, -B, -d: months around one; the year header for a whole row from a quarter", () => {
  const t = lines(run("cal", ["-3", "-d", "2024-01"]).out);
  assert.is(t[0], "   December 2023          January 2024         February 2024      ");
  const ab = lines(run("cal", ["-B", "1", "-A", "1", "-d", "2024-02"]).out);
  assert.is(ab[0], "                            2024");
  assert.is(ab[1], "      January               February               March          ");
  const n = lines(run("ncal", ["-A", "2", "-d", "2024-06"]).out);
  assert.is(n[0], "    June 2024         July 2024         August 2024       ");
});

test("cal YEAR and -y: twelve months under a centered year", () => {
  const o = run("cal", ["2024"]).out;
  assert.is(lines(o)[0], "                            2024");
  for (const m of ["January", "June", "December"]) assert.ok(o.includes(m));
  assert.not.ok(o.includes("December 2024"));
  assert.is(lines(o).length, 1 + 4 * 8 + 3 + 1);
  assert.is(run("ncal", ["-y", "-d", "2024-05"]).out, run("ncal", ["2024"]).out);
});

test("-e / -o: the date of Easter, Gregorian and Orthodox", () => {
  const e = (a: string[]) => run("ncal", a).out;
  assert.is(e(["-e", "2024"]), "March 31 2024\n");
  assert.is(e(["-e", "2000"]), "April 23 2000\n");
  assert.is(e(["-e", "1818"]), "March 22 1818\n");
  assert.is(e(["-e", "2026"]), "April  5 2026\n");
  assert.is(e(["-o", "2024"]), "May  5 2024\n");
  assert.is(e(["-o", "-J", "2024"]), "April 22 2024\n");
});

test("no highlighting when stdout is no terminal", () => {
  const o = run("cal", ["-H", "2024-02-14", "2", "2024"]).out + run("ncal", ["-H", "2024-02-14", "2", "2024"]).out;
  assert.not.ok(o.includes("\b") || o.includes("\x1b"));
});

test("errors: EX_USAGE (64) with the usage text or a message", () => {
  let r = run("cal", ["13", "2024"]);
  assert.is(r.status, 64);
  assert.is(r.err, "cal: 13 is neither a month number (1..12) nor a name\n");
  r = run("cal", ["0"]);
  assert.is(r.status, 64);
  assert.is(r.err, "cal: year `0' not in range 1..9999\n");
  r = run("cal", ["-e"]);
  assert.is(r.status, 64);
  assert.ok(r.err.startsWith("Usage: cal [general options]"));
  r = run("cal", ["-3", "-y"]);
  assert.is(r.err, "cal: -3 together with -y is not supported.\n");
  assert.is(run("cal", ["1", "2", "3"]).status, 64);
  assert.is(run("ncal", ["-A", "0"]).err, "ncal: Argument to -A must be positive\n");
});

test.run();
