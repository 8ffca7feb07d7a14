// time — time a simple command.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/time.html  FreeBSD: time(1)
// time [-al] [-h | -p] [-o file] utility [argument ...]   getopt "ahlo:p".
// Runs the utility (posix_spawnp: PATH, no /bin/sh fallback), waits for it with wait4(2) and
// writes to stderr (-o file: to file, truncated; with -a appended) the elapsed real time
// (monotonic clock) and the user and system CPU time of the utility:
//   default  "%9d.%02d real %9d.%02d user %9d.%02d sys"
//   -p       "real %d.%02d\nuser %d.%02d\nsys %d.%02d" (POSIX)
//   -h       "\t[Nd][Nh][Nm]S.CCs real\t... user\t... sys" (human)
// -l adds the rusage block ("%10ld  maximum resident set size" ...; Linux leaves the shared,
// unshared-data and stack sizes at 0). SIGINT and SIGQUIT are ignored while waiting;
// SIGUSR1 (FreeBSD's SIGINFO) prints the times so far on stdout. A utility that cannot be
// started is reported ("time: x: No such file or directory") and timed with status 127 (not
// found) or 126. A utility killed by a signal gives "command terminated abnormally", then time
// kills itself with that signal (no core file); else its exit status. No operands: exit 0.
// The radix character is always ".".
import { defineApplet, Getopt, usage, err, warn, warnx, type Ctx } from "@bsdbox/shared";
import {
  spawner, wait4, childWaiter, getrusage, ignoreSignal, onSignal, monotonicNs, killSelf, open, O,
  writeAll, encode, SIG, SysError, type Rusage,
} from "@bsdbox/compat";

const USAGE = "usage: time [-al] [-h | -p] [-o file] utility [argument ...]";
const ZERO: Rusage = {
  utimeUs: 0, stimeUs: 0, maxrss: 0, ixrss: 0, idrss: 0, isrss: 0, minflt: 0, majflt: 0, nswap: 0,
  inblock: 0, oublock: 0, msgsnd: 0, msgrcv: 0, nsignals: 0, nvcsw: 0, nivcsw: 0,
};

const pad = (n: number, w: number) => String(n).padStart(w, " ");
const cs = (us: number) => String(Math.floor((us % 1e6) / 1e4)).padStart(2, "0");
const secs = (us: number) => Math.floor(us / 1e6);

function humantime(us: number): string {
  let sec = secs(us);
  const days = Math.floor(sec / 86400);
  sec %= 86400;
  const hrs = Math.floor(sec / 3600);
  sec %= 3600;
  const mins = Math.floor(sec / 60);
  sec %= 60;
  return `\t${days ? `${days}d` : ""}${hrs ? `${hrs}h` : ""}${mins ? `${mins}m` : ""}${sec}.${cs(us)}s`;
}

function showtime(mode: "p" | "h" | "", realUs: number, ru: Rusage): string {
  const u = ru.utimeUs, s = ru.stimeUs;
  if (mode === "p")
    return `real ${secs(realUs)}.${cs(realUs)}\nuser ${secs(u)}.${cs(u)}\nsys ${secs(s)}.${cs(s)}\n`;
  if (mode === "h") return `${humantime(realUs)} real\t${humantime(u)} user\t${humantime(s)} sys\n`;
  return `${pad(secs(realUs), 9)}.${cs(realUs)} real ${pad(secs(u), 9)}.${cs(u)} user ${pad(secs(s), 9)}.${cs(s)} sys\n`;
}

function rusageBlock(ru: Rusage): string {
  // the averages divide by statistics-clock ticks; Linux reports those three fields as 0
  const hz = 100;
  const ticks = Math.floor((hz * (ru.utimeUs + ru.stimeUs)) / 1e6) || 1;
  const rows: [number, string][] = [
    [ru.maxrss, "maximum resident set size"],
    [Math.trunc(ru.ixrss / ticks), "average shared memory size"],
    [Math.trunc(ru.idrss / ticks), "average unshared data size"],
    [Math.trunc(ru.isrss / ticks), "average unshared stack size"],
    [ru.minflt, "page reclaims"],
    [ru.majflt, "page faults"],
    [ru.nswap, "swaps"],
    [ru.inblock, "block input operations"],
    [ru.oublock, "block output operations"],
    [ru.msgsnd, "messages sent"],
    [ru.msgrcv, "messages received"],
    [ru.nsignals, "signals received"],
    [ru.nvcsw, "voluntary context switches"],
    [ru.nivcsw, "involuntary context switches"],
  ];
  return rows.map(([v, what]) => `${pad(v, 10)}  ${what}\n`).join("");
}

export default defineApplet({
  name: "time",
  async main(ctx: Ctx) {
    const g = new Getopt(ctx, "ahlo:p");
    let aflag = false, lflag = false, mode: "p" | "h" | "" = "";
    let hflag = false, pflag = false;
    let ofn: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": aflag = true; break;
        case "h": hflag = true; break;
        case "l": lflag = true; break;
        case "o": ofn = g.optarg!; break;
        case "p": pflag = true; break;
        default: usage(ctx, USAGE);
      }
    }
    mode = pflag ? "p" : hflag ? "h" : "";
    const cmd = g.rest;
    if (cmd.length === 0) return 0;

    let outFd = -1;
    if (ofn !== undefined) {
      try {
        outFd = open(ofn, O.WRONLY | O.CREAT | (aflag ? O.APPEND : O.TRUNC), 0o666);
      } catch (e) {
        err(ctx, 1, ofn, e);
      }
    }
    const emit = (s: string) => {
      if (outFd >= 0) writeAll(outFd, encode(s));
      else {
        ctx.err.write(s);
        ctx.err.flush();
      }
    };

    ctx.out.flush();
    const before = monotonicNs();
    let pid = -1, failed = 0;
    try {
      pid = spawner([...ctx.env]).spawn(cmd);
    } catch (e) {
      // what the forked child would have said before exiting
      warn(ctx, cmd[0]!, e);
      failed = (e as SysError).errno === 2 ? 127 : 126;
    }
    ignoreSignal(SIG.INT);
    ignoreSignal(SIG.QUIT);
    onSignal("SIGUSR1", () => {
      let ru = ZERO;
      try {
        ru = getrusage(-1);
      } catch {}
      ctx.out.write(showtime(mode, Number(monotonicNs() - before) / 1e3, ru));
      ctx.out.flush();
    });

    let status = failed, signal = 0, ru = ZERO;
    if (pid > 0) {
      const w = childWaiter(pid);
      try {
        for (;;) {
          const r = wait4(pid, true);
          if (r) {
            status = r.status;
            signal = r.signal;
            ru = r.rusage;
            break;
          }
          await w.pause(50);
        }
      } finally {
        w.close();
      }
    }
    const realUs = Number(monotonicNs() - before) / 1e3;
    if (signal) warnx(ctx, "command terminated abnormally");
    emit(showtime(mode, realUs, ru));
    if (lflag) emit(rusageBlock(ru));
    if (signal) {
      ctx.out.flush();
      killSelf(signal);
      return 1;
    }
    return status;
  },
});
