// renice — alter the priority of running processes.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/renice.html  FreeBSD: renice(8)
// renice priority [[-p] pid ...] [[-g] pgrp ...] [[-u] user ...]
// renice -n increment [[-p] pid ...] [[-g] pgrp ...] [[-u] user ...]
// Parsed by hand as FreeBSD's renice.c: -p, -g and -u switch how the following operands are
// read (process ids, process group ids, user names or uids) and may appear anywhere before a
// "--"; -n (once, before the priority) makes the number an increment to each target's current
// priority. The result is clamped to -20..20 and set with setpriority(2); each change is reported
// on stderr as "PID: old priority N, new priority M". A bad priority ends at once with status 1;
// a bad or failing target is reported ("renice: 12: getpriority: No such process") and the rest
// go on, status 1 at the end.
import { defineApplet, warnx, warn, usage, strtol, type Ctx } from "@bsdbox/shared";
import { getpriority, setpriority, getpwnam, PRIO } from "@bsdbox/compat";

const USAGE =
  "usage: renice priority [[-p] pid ...] [[-g] pgrp ...] [[-u] user ...]\n" +
  "       renice -n increment [[-p] pid ...] [[-g] pgrp ...] [[-u] user ...]";

/** getnum: strtol base 10, the whole string, within int. */
function getnum(ctx: Ctx, com: string, s: string): number | undefined {
  const r = strtol(s, 10);
  if (r.value < -(2n ** 31n) || r.value > 2n ** 31n - 1n) {
    warnx(ctx, `${com} argument ${s} is out of range.`);
    return undefined;
  }
  if (!r.digits || r.end !== s.length) {
    warnx(ctx, `${com} argument ${s} is invalid.`);
    return undefined;
  }
  return Number(r.value);
}

function donice(ctx: Ctx, which: number, who: number, prio: number, incr: boolean): number {
  let old: number;
  try {
    old = getpriority(which, who);
  } catch (e) {
    warn(ctx, `${who}: getpriority`, e);
    return 1;
  }
  if (incr) prio = (old + prio) | 0;
  prio = Math.min(PRIO.MAX, Math.max(PRIO.MIN, prio));
  try {
    setpriority(which, who, prio);
  } catch (e) {
    warn(ctx, `${who}: setpriority`, e);
    return 1;
  }
  ctx.err.write(`${who}: old priority ${old}, new priority ${prio}\n`);
  return 0;
}

export default defineApplet({
  name: "renice",
  main(ctx) {
    const args = ctx.args;
    let havedelim = false, haveprio = false, incr = false;
    let errs = 0, prio = 0, which: number = PRIO.PROCESS;
    for (let i = 0; i < args.length; i++) {
      let a = args[i]!;
      if (!havedelim) {
        if (a === "-g") { which = PRIO.PGRP; continue; }
        if (a === "-u") { which = PRIO.USER; continue; }
        if (a === "-p") { which = PRIO.PROCESS; continue; }
        if (a === "--") { havedelim = true; continue; }
        if (a === "-n") {
          // once only, before the priority, and something must follow
          if (haveprio || incr || args.length - i < 2) usage(ctx, USAGE);
          incr = true;
          a = args[++i]!;
        }
      }
      if (!haveprio) {
        const p = getnum(ctx, "priority", a);
        if (p === undefined) return 1;
        prio = p;
        haveprio = true;
        continue;
      }
      let who: number | undefined;
      if (which === PRIO.USER) {
        const pw = getpwnam(a);
        if (pw) who = pw.uid;
        else {
          who = getnum(ctx, "uid", a);
          if (who === undefined) { errs++; continue; }
          if (who < 0) { warnx(ctx, `${a}: bad value`); errs++; continue; }
        }
      } else {
        who = getnum(ctx, "pid", a);
        if (who === undefined) { errs++; continue; }
        if (who < 0) { warnx(ctx, `${a}: bad value`); errs++; continue; }
      }
      errs += donice(ctx, which, who, prio, incr);
    }
    if (!haveprio) usage(ctx, USAGE);
    return errs !== 0 ? 1 : 0;
  },
});
