// timeout — run a command with a time limit.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/timeout.html  FreeBSD: timeout(1)
// timeout [-f] [-k time] [-p] [-s signal] [-v] duration command [arg ...]
// getopt_long "+fhk:ps:v"; --foreground --help --kill-after --preserve-status --signal --verbose.
// A duration is a strtod number (fractions, exponents, hex) with an optional unit s, m, h or d;
// 0 means no limit. -s takes a number 1..64 or a name (TERM, SIGTERM, any case, RTMIN+n).
// The command is started (posix_spawnp: no /bin/sh fallback) with the signal to send reset to
// its default action. Unless -f, timeout becomes the child subreaper (prctl, Linux's stand-in
// for FreeBSD's procctl(PROC_REAP_ACQUIRE)): a signal goes to every descendant (read from
// /proc, as PROC_REAP_KILL does), and timeout waits until all of them are gone, not just the
// command. With -f only the command itself is signalled and waited for.
// When the limit is reached the signal (default TERM) is sent, then SIGCONT; with -k, SIGKILL
// follows after that second duration. Signals timeout receives are passed on the same way (a
// terminating one — HUP INT QUIT TERM USR1 USR2 PIPE ALRM XCPU... — also arms -k; SIGALRM counts
// as the time limit); SIGTTIN/SIGTTOU are ignored.
// Exit: 124 when the time limit was reached (unless -p); the command's status; when the command
// was killed by a signal, timeout kills itself with it (no core file), so the caller sees the same
// wait status; 125 bad duration or signal, 126 command found but not runnable, 127 not found, 1
// usage. -v reports each step on stderr.
// Not caught (they stay fatal to timeout itself): the fault signals ILL TRAP ABRT BUS FPE SEGV SYS
// and the real-time ones, which the runtime does not let a program handle.
import { defineApplet, Getopt, usage, err, errx, warn, warnx, type Ctx, type LongOpt } from "@bsdbox/shared";
import { strtod } from "@bsdbox/shared/format";
import {
  spawner, waitpid, onSignal, ignoreSignal, monotonicNs, sendSignal, signalName, signalByName,
  NSIG, SIG, setChildSubreaper, childWaiter, descendants, killSelf, getpid, SysError, type WaitResult,
} from "@bsdbox/compat";

const USAGE =
  "Usage: timeout [-f | --foreground] [-k time | --kill-after time] [-p | --preserve-status] " +
  "[-s signal | --signal signal]  [-v | --verbose] <duration> <command> [arg ...]";
const LONG: LongOpt[] = [
  { name: "foreground", has: 0, val: "f" },
  { name: "help", has: 0, val: "h" },
  { name: "kill-after", has: 1, val: "k" },
  { name: "preserve-status", has: 0, val: "p" },
  { name: "signal", has: 1, val: "s" },
  { name: "verbose", has: 0, val: "v" },
];
const EXIT_TIMEOUT = 124, EXIT_INVALID = 125, EXIT_CMD_ERROR = 126, EXIT_CMD_NOENT = 127;

/** Signals whose default action ends a process: receiving one arms the second kill. */
const TERMINATING = new Set<number>([
  SIG.HUP, SIG.INT, SIG.QUIT, SIG.ILL, SIG.TRAP, SIG.ABRT, SIG.FPE, SIG.BUS, SIG.SEGV, SIG.SYS,
  SIG.PIPE, SIG.TERM, SIG.XCPU, SIG.XFSZ, SIG.VTALRM, SIG.PROF, SIG.USR1, SIG.USR2, SIG.STKFLT,
  SIG.IO, SIG.PWR,
]);
/** The ones the runtime lets us catch (everything but KILL STOP CONT TTIN TTOU CHLD, the fault
 * signals and the real-time ones). */
const CATCH = [
  SIG.HUP, SIG.INT, SIG.QUIT, SIG.USR1, SIG.USR2, SIG.PIPE, SIG.ALRM, SIG.TERM, SIG.STKFLT,
  SIG.TSTP, SIG.URG, SIG.XCPU, SIG.XFSZ, SIG.VTALRM, SIG.PROF, SIG.WINCH, SIG.IO, SIG.PWR,
];

/** A duration in seconds: strtod, then at most one unit letter. */
function parseDuration(ctx: Ctx, s: string): number {
  const { value, end } = strtod(s);
  if (end === 0) errx(ctx, EXIT_INVALID, "duration is not a number");
  const suffix = s.slice(end);
  if (suffix === "") return value;
  if (suffix.length > 1) errx(ctx, EXIT_INVALID, "duration unit suffix too long");
  const mult = ({ s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[suffix];
  if (mult === undefined) errx(ctx, EXIT_INVALID, "duration unit suffix invalid");
  const r = value * mult;
  if (r < 0 || r >= 100000000) errx(ctx, EXIT_INVALID, "duration out of range");
  return r;
}

/** setitimer's view of a duration: whole seconds plus whole microseconds, in ns; 0 = no timer. */
function intervalNs(iv: number): bigint {
  if (!(iv > 0)) return 0n;
  if (!Number.isFinite(iv) || iv >= 2 ** 53) return 0n; // beyond any clock: never fires
  const sec = Math.trunc(iv);
  const usec = Math.trunc((iv - sec) * 1e6);
  return BigInt(sec) * 1_000_000_000n + BigInt(usec) * 1000n;
}

function parseSignal(ctx: Ctx, s: string): number {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    if (n >= 1 && n <= NSIG - 1) return n;
  }
  const n = signalByName(s);
  if (n > 0) return n;
  errx(ctx, EXIT_INVALID, "invalid signal");
}

const sname = (n: number) => signalName(n) ?? String(n);

export default defineApplet({
  name: "timeout",
  async main(ctx) {
    const g = new Getopt(ctx, "+fhk:ps:v", LONG);
    let foreground = false, preserve = false, verbose = false;
    let doSecondKill = false, secondKill = 0, killsig: number = SIG.TERM;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "f": foreground = true; break;
        case "k": doSecondKill = true; secondKill = parseDuration(ctx, g.optarg!); break;
        case "p": preserve = true; break;
        case "s": killsig = parseSignal(ctx, g.optarg!); break;
        case "v": verbose = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const argv = g.rest;
    if (argv.length < 2) usage(ctx, USAGE);
    const firstKill = parseDuration(ctx, argv[0]!);
    const cmd = argv.slice(1);
    const command = cmd[0]!;
    const log = (msg: string) => {
      if (verbose) warnx(ctx, msg);
    };

    const self = getpid();
    if (!foreground) {
      try {
        setChildSubreaper(true);
      } catch (e) {
        err(ctx, 1, "prctl(PR_SET_CHILD_SUBREAPER)", e);
      }
    }

    // the child starts with the signal to send at its default action, the rest as inherited
    ctx.out.flush();
    let pid: number;
    try {
      const dfl = killsig !== SIG.KILL && killsig !== SIG.STOP ? [killsig] : [];
      pid = spawner([...ctx.env], { sigdefault: dfl }).spawn(cmd);
    } catch (e) {
      warn(ctx, `exec(${command})`, e);
      return (e as SysError).errno === 2 ? EXIT_CMD_NOENT : EXIT_CMD_ERROR;
    }

    // signals received from now on are noted and handled by the loop below
    const pending: number[] = [];
    let alarm = false;
    for (const s of CATCH) {
      onSignal(`SIG${signalName(s)}`, () => {
        if (s === SIG.ALRM && s !== killsig) alarm = true;
        else pending.push(s);
      });
    }
    ignoreSignal(SIG.TTIN);
    ignoreSignal(SIG.TTOU);

    /** Signal every descendant (repeated until no new one turns up); how many were reached. */
    const signalTree = (sig: number): number => {
      const seen = new Set<number>();
      let n = 0;
      for (let round = 0; round < 16; round++) {
        const fresh = descendants(self).filter((p) => !seen.has(p));
        if (!fresh.length) break;
        for (const p of fresh) {
          seen.add(p);
          try {
            sendSignal(p, sig);
            n++;
          } catch {}
        }
      }
      return n;
    };
    const sendSig = (sig: number) => {
      log(`sending signal ${sname(sig)}(${sig}) to command '${command}'`);
      if (foreground) {
        try {
          sendSignal(pid, sig);
        } catch (e) {
          if ((e as SysError).errno !== 3) warn(ctx, `kill(${pid}, ${sname(sig)})`, e);
        }
      } else {
        log(`signaled ${signalTree(sig)} processes`);
      }
      // a stopped command must see the signal: SIGCONT follows (POSIX.1-2024)
      if (sig !== SIG.KILL && sig !== SIG.STOP && sig !== SIG.CONT) {
        log(`sending signal ${sname(SIG.CONT)}(${SIG.CONT}) to command '${command}'`);
        if (foreground) {
          try {
            sendSignal(pid, SIG.CONT);
          } catch {}
        } else signalTree(SIG.CONT);
      }
    };
    const logEnd = (what: string, r: WaitResult) =>
      log(r.signal ? `${what}: pid=${r.pid}, sig=${r.signal}` : `${what}: pid=${r.pid}, exit=${r.status}`);

    let deadline: bigint | undefined;
    const arm = (iv: number) => {
      const ns = intervalNs(iv);
      deadline = ns > 0n ? monotonicNs() + ns : undefined;
    };
    arm(firstKill);

    let timedout = false, child: WaitResult | undefined;
    const waitChild = childWaiter(pid);
    const waitOrphans = childWaiter();
    try {
      for (;;) {
        // collect whatever has ended: the command, or (as subreaper) orphaned descendants
        let none = false;
        for (;;) {
          let r: WaitResult | undefined;
          try {
            r = waitpid(-1, true);
          } catch {
            none = true; // ECHILD: no children left at all
            break;
          }
          if (!r) break;
          if (r.pid === pid) {
            child = r;
            logEnd("child terminated", r);
          } else logEnd("collected zombie", r);
        }
        if (child && (foreground || none)) break;

        if (deadline !== undefined && monotonicNs() >= deadline) {
          deadline = undefined;
          alarm = true;
        }
        if (alarm || pending.length) {
          let sig: number;
          if (alarm) {
            alarm = false;
            sig = killsig;
            timedout = true;
            log("time limit reached or received SIGALRM");
          } else {
            sig = pending.shift()!;
            if (sig !== killsig && !TERMINATING.has(sig)) {
              // any other signal is passed on as it is
              log(`received signal ${sname(sig)}(${sig})`);
              sendSig(sig);
              continue;
            }
            log(`received terminating signal ${sname(sig)}(${sig})`);
          }
          sendSig(sig);
          if (doSecondKill) {
            arm(secondKill);
            doSecondKill = false;
            killsig = SIG.KILL;
          }
          continue;
        }
        const left = deadline === undefined ? 50 : Number(deadline - monotonicNs()) / 1e6;
        await (child ? waitOrphans : waitChild).pause(left);
      }
    } finally {
      waitChild.close();
    }

    if (!foreground) {
      try {
        setChildSubreaper(false);
      } catch {}
    }
    if (timedout && !preserve) return EXIT_TIMEOUT;
    if (child!.signal) {
      const sig = child!.signal;
      log(`killing self with signal ${sname(sig)}(${sig})`);
      ctx.out.flush();
      killSelf(sig);
      errx(ctx, 128 + sig, `signal ${sname(sig)}(${sig}) failed to kill self`);
    }
    return child!.status;
  },
});
