// ionice — show or set the I/O scheduling class and priority (chimerautils' own tool,
// util-linux compatible). ionice [-t] [-c class] [-n level] -p pid... | -P pgid... | -u uid...
//                         ionice [-t] [-c class] [-n level] command [argument ...]
// getopt_long "+n:c:p:P:u:thV" (--classdata --class --pid --pgid --uid --ignore --help
// --version). class: none, realtime, best-effort, idle (any case) or a number; -n: level 0..7
// (default 4; none forces 0 and idle 7, with a warning when -n was given). Without -c/-n the
// priority of each process/group/user (or of ionice itself when nothing is named) is printed:
// "best-effort: prio 4", "idle". With them it is set through ioprio_set(2) (errors
// "ioprio_set failed: ..." status 1, silenced by -t), and a command then runs with it
// (execvp). The first -p/-P/-u value and any further operands are the targets.
import { defineApplet, Getopt, usage, err, errx, warnx, strtol, helpVersion } from "@bsdbox/shared";
import { ioprioGet, ioprioSet, IOPRIO, execvp } from "@bsdbox/compat";

const HELP = `Usage: ionice [OPTION]... -p PID...
       ionice [OPTION]... -P PGID...
       ionice [OPTION]... -u UID...
       ionice [OPTION]... COMMAND [ARGS]...

Show or change the I/O scheduling class and priority of a process.

      -c, --class=CLASS    name or number of the scheduling class,
                           0: none, 1: realtime, 2: best-effort, 3: idle
      -n, --classdata=NUM  priority (0..7) in the specified scheduling
                           class, only for realtime and best-effort
      -p, --pid=PID...     act on these already running processes
      -P, --pgid=PGID...   act on already running processes in these groups
      -u, --uid=UID...     act on already running processes of these users
      -t, --ignore         ignore failures
      -h, --help           display this help and exit
      -V, --version        output version information and exit
`;
const CLASSES = ["none", "realtime", "best-effort", "idle"];
const INT_MIN = -2147483648n, INT_MAX = 2147483647n;

/** The whole string as a C long (strtol base 10), or undefined. */
function whole(s: string): bigint | undefined {
  const r = strtol(s, 10);
  return r.digits && r.end === s.length ? r.value : undefined;
}

export default defineApplet({
  name: "ionice",
  main(ctx) {
    const g = new Getopt(ctx, "+n:c:p:P:u:thV", [
      { name: "classdata", has: 1, val: "n" },
      { name: "class", has: 1, val: "c" },
      { name: "pid", has: 1, val: "p" },
      { name: "pgid", has: 1, val: "P" },
      { name: "uid", has: 1, val: "u" },
      { name: "ignore", has: 0, val: "t" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    const hint = `Try '${ctx.prog} --help' for more information.`;
    let set = 0, ioc = IOPRIO.CLASS_BE as number, data = 4n, who = 0, which = 0, errarg = "";
    let ignore = false, help = false, version = false;
    for (let c; (c = g.next()) !== undefined; ) {
      const a = g.optarg!;
      switch (c) {
        case "n": {
          const v = whole(a);
          if (v === undefined) errx(ctx, 1, `invalid class data argument: ${a}`);
          data = BigInt.asUintN(64, v);
          set |= 1;
          break;
        }
        case "c": {
          if (/^[0-9]/.test(a)) {
            const v = whole(a);
            if (v === undefined || v > INT_MAX) errx(ctx, 1, `invalid class argument: ${a}`);
            ioc = Number(v);
          } else {
            const i = CLASSES.indexOf(a.toLowerCase());
            if (i < 0) errx(ctx, 1, `invalid class argument: ${a}`);
            ioc = i;
          }
          set |= 2;
          break;
        }
        case "p": case "P": case "u": {
          if (who) errx(ctx, 1, "specify one of -p, -P -u");
          const v = whole(a);
          if (v === undefined || v > INT_MAX || v < INT_MIN) errx(ctx, 1, `invalid -${c} argument`);
          which = Number(v);
          errarg = c;
          who = c === "p" ? IOPRIO.WHO_PROCESS : c === "P" ? IOPRIO.WHO_PGRP : IOPRIO.WHO_USER;
          break;
        }
        case "t": ignore = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, hint);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    switch (ioc) {
      case IOPRIO.CLASS_NONE:
        if (set & 1 && !ignore) warnx(ctx, "ignoring given class data for none class");
        data = 0n;
        break;
      case IOPRIO.CLASS_RT: case IOPRIO.CLASS_BE:
        break;
      case IOPRIO.CLASS_IDLE:
        if (set & 1 && !ignore) warnx(ctx, "ignoring given class data for idle class");
        data = 7n;
        break;
      default:
        if (!ignore) warnx(ctx, `unknown priority class ${ioc}`);
    }
    // IOPRIO_PRIO_VALUE: a class or level out of range gives the invalid class 7
    const prio = ioc < 0 || ioc >= 8 || data >= 8n ? 7 << IOPRIO.CLASS_SHIFT : (ioc << IOPRIO.CLASS_SHIFT) | Number(data);
    const setid = (w: number, id: number) => {
      try {
        ioprioSet(w, id, prio);
      } catch (e) {
        if (!ignore) err(ctx, 1, "ioprio_set failed", e);
      }
    };
    const print = (w: number, id: number) => {
      let p = 0;
      try {
        p = ioprioGet(w, id);
      } catch (e) {
        err(ctx, 1, "ioprio_get", e);
      }
      const cl = (p >> IOPRIO.CLASS_SHIFT) & 7;
      const name = CLASSES[cl] ?? "unknown";
      ctx.out.write(cl !== IOPRIO.CLASS_IDLE ? `${name}: prio ${p & 0x1fff}\n` : `${name}\n`);
    };
    const args = g.rest;
    if (!set && !which && args.length === 0) {
      print(IOPRIO.WHO_PROCESS, 0);
      return 0;
    }
    if (who) {
      const one = (id: number) => (set ? setid(who, id) : print(who, id));
      one(which);
      for (const a of args) {
        const v = whole(a);
        if (v === undefined || v > INT_MAX || v < INT_MIN) errx(ctx, 1, `invalid -${errarg} argument`);
        one(Number(v));
      }
      return 0;
    }
    if (args.length === 0) usage(ctx, `${ctx.prog}: bad usage\n${hint}`);
    setid(IOPRIO.WHO_PROCESS, 0);
    try {
      execvp(args[0]!, args, [...ctx.env]);
    } catch (e) {
      err(ctx, 1, "execvp", e);
    }
  },
});
