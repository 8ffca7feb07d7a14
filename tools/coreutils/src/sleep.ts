// sleep — suspend execution for an interval.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/sleep.html  FreeBSD: sleep(1)
// usage: sleep number[unit] [...]: the operands are added up; a number is anything strtod
// reads (fractions, exponents, hex), unit s (default), m, h or d. Intervals below 1 ns return
// at once; above INT_MAX seconds, or an unparsable operand, is a usage error. No options.
// SIGUSR1 (FreeBSD's SIGINFO) reports "about N second(s) left out of the original M".
import { defineApplet, Getopt, usage, warnx } from "@bsdbox/shared";
import { strtod } from "@bsdbox/shared/format";
import { onSignal, sleepAsync, monotonicNs } from "@bsdbox/compat";

const USAGE = "usage: sleep number[unit] [...]\nUnit can be 's' (seconds, the default), m (minutes), h (hours), or d (days).";
const MULT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export default defineApplet({
  name: "sleep",
  async main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE);
    const args = g.rest;
    if (args.length < 1) usage(ctx, USAGE);
    let seconds = 0;
    for (const a of args) seconds += parse(ctx, a);
    if (!(seconds <= 2147483647)) usage(ctx, USAGE);
    if (seconds < 1e-9) return 0;
    const original = Math.trunc(seconds);
    const end = monotonicNs() + BigInt(Math.round(seconds * 1e9));
    onSignal("SIGUSR1", () => {
      const left = Number(end - monotonicNs()) / 1e9;
      warnx(ctx, `about ${Math.max(0, Math.trunc(left))} second(s) left out of the original ${original}`);
    });
    for (;;) {
      const left = Number(end - monotonicNs()) / 1e6;
      if (left <= 0) return 0;
      await sleepAsync(Math.min(left, 2 ** 31 - 1));
    }
  },
});

// sscanf(arg, "%lf%c%c"): a number, then at most one unit character
function parse(ctx: Parameters<typeof warnx>[0], arg: string): number {
  const { value, end } = strtod(arg);
  if (end > 0 && !Number.isNaN(value)) {
    const rest = arg.slice(end);
    if (rest === "") return value;
    if (rest.length === 1 && MULT[rest]) return value * MULT[rest]!;
  }
  warnx(ctx, `invalid time interval: ${arg}`);
  return Infinity;
}
