import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const CAL = [
  "01/05\tslash",
  "Jan 6\tmonth day",
  "7 Jan\tday month",
  "January 8\tfull name",
  "*/15\tevery month",
  "Jan/MonSecond\tsecond monday",
  "Jan/FriLast\tlast friday",
  "Mar/Sun-1\tlast sunday of march",
  "Fri\tevery friday",
  "2024/01/09\tonly in 2024",
  "2023/01/09\tonly in 2023",
  "1 10\ttwo lines",
  "\tcontinued",
  "not a date\tignored",
  "Easter\teaster",
  "Easter-2\tgood friday",
  "Paskha\tpaskha",
  "",
].join("\n");

test("date forms, variable dates marked '*', events of a day in file order", () => {
  const r = run("calendar", ["-f", "c", "-t", "5.1.2024", "-A", "14"], { files: { c: CAL } });
  assert.is(r.status, 0);
  assert.is(r.out, [
    "Jan  5 \tslash",
    "Jan  5*\tevery friday",
    "Jan  6 \tmonth day",
    "Jan  7 \tday month",
    "Jan  8 \tfull name",
    "Jan  8*\tsecond monday",
    "Jan  9 \tonly in 2024",
    "Jan 10 \ttwo lines\n\tcontinued",
    "Jan 12*\tevery friday",
    "Jan 15 \tevery month",
    "Jan 19*\tevery friday",
    "",
  ].join("\n"));
});

test("the default range: today and tomorrow, Friday through Monday; -B, -W, -F", () => {
  const f = { c: "01/04\tthu\n01/05\tfri\n01/06\tsat\n01/07\tsun\n01/08\tmon\n01/09\ttue\n" };
  const days = (args: string[]) => run("calendar", ["-f", "c", ...args], { files: f }).out.split("\n").filter(Boolean).map((l) => l.slice(8));
  assert.equal(days(["-t", "4.1.2024"]), ["thu", "fri"]);
  assert.equal(days(["-t", "5.1.2024"]), ["fri", "sat", "sun", "mon"]);
  assert.equal(days(["-t", "5.1.2024", "-W", "1"]), ["fri", "sat"]);
  assert.equal(days(["-t", "4.1.2024", "-F", "4"]), ["thu", "fri", "sat", "sun"]);
  assert.equal(days(["-t", "6.1.2024", "-B", "2", "-A", "0"]), ["thu", "fri", "sat"]);
  assert.is(run("calendar", ["-A", "-1"]).err, "calendar: number of days must be positive\n");
});

test("Easter, Paskha, last weekday of a month across a year boundary", () => {
  const r = run("calendar", ["-f", "c", "-t", "25.3.2024", "-A", "45"], { files: { c: CAL } });
  assert.ok(r.out.includes("Mar 29*\tgood friday\n"));
  assert.ok(r.out.includes("Mar 31*\teaster\n"));
  assert.ok(r.out.includes("Mar 31*\tlast sunday of march\n"));
  assert.ok(r.out.includes("May  5*\tpaskha\n"));
  const y = run("calendar", ["-f", "c", "-t", "30.12.2022", "-A", "12"], { files: { c: CAL } });
  assert.ok(y.out.includes("Jan  9 \tonly in 2023\n"));
  assert.not.ok(y.out.includes("only in 2024"));
  assert.ok(y.out.includes("Dec 30*\tevery friday\n"));
});

test("comments and the preprocessor: #define, #ifdef/#ifndef/#else, #undef", () => {
  const c = [
    "#define A", "1 1\tone // comment", "1 2\ttwo /* comment */", "/* multi", "1 3\tnot shown", "*/1 4\tfour",
    "#ifdef A", "1 5\tfive", "#else", "1 6\tnot six", "#endif", "#undef A", "#ifndef A", "1 7\tseven", "#endif",
    "1 8\thttp://x.org/y", "",
  ].join("\n");
  const r = run("calendar", ["-f", "c", "-t", "1.1.2024", "-A", "9"], { files: { c } });
  assert.is(r.out, "Jan  1 \tone\nJan  2 \ttwo\nJan  4 \tfour\nJan  5 \tfive\nJan  7 \tseven\nJan  8 \thttp://x.org/y\n");
  assert.is(r.err, "");
});

test("the file and #include are looked up in ~/.calendar; errors print nothing", () => {
  const r = sh("mkdir .calendar && printf '#include <inc>\\n1 2\\tmain\\n' > .calendar/calendar && " +
    "printf '1 3\\tincluded\\n' > .calendar/inc && calendar -t 2.1.2024");
  assert.is(r.out, "Jan  2 \tmain\nJan  3 \tincluded\n");
  const m = run("calendar", ["-f", "c", "-t", "2.1.2024"], { files: { c: "#include <nope>\n1 2\tx\n" } });
  assert.is(m.out, "");
  assert.is(m.status, 0);
  assert.is(m.err, 'calendar: can\'t open calendar file "nope"\n');
  const u = run("calendar", ["-f", "c", "-t", "2.1.2024"], { files: { c: "1 2\tx\n#bogus\n" } });
  assert.is(u.out, "");
  assert.is(u.err, 'calendar: Undefined pre-processor command "#bogus" in c line 2\n');
  const n = run("calendar", ["-t", "2.1.2024"]);
  assert.is(n.err, 'calendar: can\'t open calendar file "calendar"\n');
});

test("moon and sun: the time of day in parentheses", () => {
  const r = run("calendar", ["-f", "c", "-t", "1.1.2024", "-A", "365", "-U", "0"], {
    files: { c: "FullMoon\tfull\nMarEquinox\tequinox\nDecSolstice\tsolstice\n" },
  });
  assert.match(r.out, /^Jan 25\*\tfull \(17:5\d:\d\d\)$/m);
  assert.match(r.out, /^Mar 20\*\tequinox \(\d\d:\d\d:\d\d\)$/m);
  assert.match(r.out, /^Dec 21\*\tsolstice \(\d\d:\d\d:\d\d\)$/m);
  assert.is(r.out.split("\n").filter((l) => l.includes("full")).length, 12);
});

test("usage and -a without privilege", () => {
  const r = run("calendar", ["extra"]);
  assert.is(r.status, 1);
  assert.ok(r.err.startsWith("usage: calendar [-A days] [-a]"));
  if (process.getuid?.() !== 0) {
    const a = run("calendar", ["-a"]);
    assert.is(a.status, 1);
    assert.is(a.err, "calendar: Operation not permitted\n");
  }
});

test.run();
