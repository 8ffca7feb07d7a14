// nice — run a utility with an altered scheduling priority.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/nice.html  FreeBSD: nice(1)
// nice [-n increment] utility [argument ...]   getopt "n:" (never permuted).
// The obsolescent forms -number and --number (a negative increment) are rewritten to -nnumber
// first. The increment (default 10) is a strtol number added to the current niceness and set
// with setpriority(2), which clamps it to -20..19; a failure (an unprivileged negative
// increment) is only a warning. Then the utility replaces this process (execvp as musl: PATH, no
// /bin/sh fallback). Exit 1 for usage or a bad increment ("nice: x: invalid nice value"), 127
// when the utility is not found, 126 when it cannot be run, else the utility's own status.
import { defineApplet, Getopt, usage, err, errx, warn, strtol } from "@bsdbox/shared";
import { execvp, getpriority, setpriority, PRIO, SysError } from "@bsdbox/compat";

const USAGE = "usage: nice [-n increment] utility [argument ...]";

export default defineApplet({
  name: "nice",
  main(ctx) {
    const argv = [ctx.argv0, ...ctx.args];
    const a1 = argv[1];
    if (a1 !== undefined && a1[0] === "-" && (a1[1] === "-" || /^[0-9]$/.test(a1[1] ?? "")) && a1 !== "--")
      argv[1] = `-n${a1.slice(1)}`;
    const g = new Getopt(ctx, "n:", undefined, argv);
    let niceness = 10;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "n": {
          const s = g.optarg!;
          const r = strtol(s, 10);
          if (!r.digits || r.end !== s.length || r.value < -(2n ** 31n) || r.value > 2n ** 31n - 1n)
            errx(ctx, 1, `${s}: invalid nice value`);
          niceness = Number(r.value);
          break;
        }
        default:
          usage(ctx, USAGE);
      }
    }
    const cmd = g.rest;
    if (cmd.length === 0) usage(ctx, USAGE);
    let cur: number | undefined;
    try {
      cur = getpriority(PRIO.PROCESS, 0);
    } catch (e) {
      warn(ctx, "getpriority", e);
    }
    if (cur !== undefined) {
      // the long sum passed as an int, as nice.c does (setpriority clamps to the valid range)
      const want = (niceness + cur) | 0;
      try {
        setpriority(PRIO.PROCESS, 0, want);
      } catch (e) {
        warn(ctx, "setpriority", e);
      }
    }
    ctx.out.flush();
    try {
      execvp(cmd[0]!, cmd, [...ctx.env]);
    } catch (e) {
      err(ctx, (e as SysError).errno === 2 ? 127 : 126, cmd[0]!, e);
    }
  },
});
