// kill — terminate or signal processes.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/kill.html  FreeBSD: kill(1)
// kill [-s signal_name] pid ...   kill -l [exit_status]   kill -signal_name pid ...
// kill -signal_number pid ...
// Parsed by hand as bin/kill/kill.c does: only the first argument may be an option. -l alone
// lists the signal names (Linux 1..31) on one line; -l N prints the name of signal N (N >= 128 is
// taken as an exit status, N - 128). -s name / -name take a name in any case, with or without
// "SIG" (IOT CLD POLL RTMIN+n RTMAX-n too); -s 0 and -0 test for existence; -N is any number.
// An argument starting with "--" after that is skipped, so "kill -- -PGID" signals a process
// group (negative pids are process groups, -1 is every process we may signal).
// Errors: "kill: PID: No such process" (status 1, the other pids are still signalled);
// "illegal process id: x", "illegal signal number: x", an unknown signal (the list follows on
// stderr) and usage all exit 2.
import { defineApplet, Exit, errx, warnOp, usage as usageText, strtol, type Ctx } from "@bsdbox/shared";
import { sendSignal, signalName, signalByName, NSIG, SIG } from "@bsdbox/compat";

const USAGE =
  "usage: kill [-s signal_name] pid ...\n" +
  "       kill -l [exit_status]\n" +
  "       kill -signal_name pid ...\n" +
  "       kill -signal_number pid ...";

const usage = (ctx: Ctx): never => usageText(ctx, USAGE, 2);

function signalList(): string {
  const names: string[] = [];
  for (let n = 1; n <= SIG.SYS; n++) names.push(signalName(n)!);
  return names.join(" ") + "\n";
}

function nosig(ctx: Ctx, name: string): never {
  ctx.err.write(`${ctx.prog}: unknown signal ${name}; valid signals:\n${signalList()}`);
  ctx.err.flush();
  throw new Exit(2);
}

/** strtol base 10 of the whole string as a C long; undefined when junk follows or no digits. */
function number(s: string): bigint | undefined {
  const r = strtol(s, 10);
  if (!r.digits || r.end !== s.length) return undefined;
  const max = 2n ** 63n - 1n;
  return r.value > max ? max : r.value < -max - 1n ? -max - 1n : r.value;
}

export default defineApplet({
  name: "kill",
  main(ctx) {
    let args = ctx.args;
    if (args.length < 1) usage(ctx);
    let numsig: number = SIG.TERM;

    if (args[0] === "-l") {
      args = args.slice(1);
      if (args.length > 1) usage(ctx);
      if (args.length === 1) {
        const a = args[0]!;
        if (!/^[0-9]/.test(a)) usage(ctx);
        const v = number(a);
        if (v === undefined) errx(ctx, 2, `illegal signal number: ${a}`);
        let n = Number(BigInt.asIntN(32, v));
        if (n >= 128) n -= 128;
        if (n <= 0 || n >= NSIG || signalName(n) === undefined) nosig(ctx, a);
        ctx.out.write(`${signalName(n)}\n`);
        return 0;
      }
      ctx.out.write(signalList());
      return 0;
    }

    if (args[0] === "-s") {
      args = args.slice(1);
      if (args.length < 1) {
        ctx.err.write(`${ctx.prog}: option requires an argument -- s\n`);
        usage(ctx);
      }
      if (args[0] !== "0") {
        numsig = signalByName(args[0]!);
        if (numsig < 0) nosig(ctx, args[0]!);
      } else numsig = 0;
      args = args.slice(1);
    } else if (args[0]![0] === "-" && args[0]![1] !== "-") {
      const s = args[0]!.slice(1);
      if (/^[A-Za-z]/.test(s)) {
        numsig = signalByName(s);
        if (numsig < 0) nosig(ctx, s);
      } else if (/^[0-9]/.test(s)) {
        const v = number(s);
        if (v === undefined) errx(ctx, 2, `illegal signal number: ${s}`);
        numsig = Number(BigInt.asIntN(32, v));
        if (numsig < 0) nosig(ctx, s);
      } else nosig(ctx, s);
      args = args.slice(1);
    }

    if (args.length > 0 && args[0]!.startsWith("--")) args = args.slice(1);
    if (args.length === 0) usage(ctx);

    for (const a of args) {
      const v = number(a);
      if (v === undefined || v !== BigInt.asIntN(32, v)) errx(ctx, 2, `illegal process id: ${a}`);
      try {
        sendSignal(Number(v), numsig);
      } catch (e) {
        warnOp(ctx, a, e);
      }
    }
    return ctx.status;
  },
});
