// taskset — show or change the CPU affinity of a process (chimerautils' own tool, util-linux
// compatible). taskset [-a] [-c] mask|list command [argument ...]
//                  taskset [-a] [-c] -p [mask|list] pid
// getopt_long "+apchV" (--all-tasks --pid --cpu-list --help --version). -p takes the pid from
// the last argument; with a mask it prints "pid N's current affinity mask: 3", sets it, then
// "pid N's new affinity mask: 1"; without, only the current one. -c reads and prints CPU lists
// ("0-3,5,7-11:2": ranges, strides) instead of hexadecimal masks (an optional 0x, commas as in
// sysfs masks are skipped). -a applies to every thread in /proc/PID/task. Without -p the mask
// is set on taskset itself and the command replaces it (execvp). Masks are as wide as the
// kernel's (sched_getaffinity's answer); CPUs beyond it are ignored.
// Errors (status 1): "bad usage" with the --help hint, "invalid pid value", "invalid mask
// format", "could not parse cpu list", "invalid cpu range", "failed to get/set affinity for N:
// ...", "failed to open procfs for N: ...", "execvp: ...".
import { defineApplet, Getopt, usage, err, errx, strtol, helpVersion } from "@bsdbox/shared";
import { getAffinity, setAffinity, readdirTyped, DT, execvp, type Dirents } from "@bsdbox/compat";

const HELP = `Usage: taskset [OPTION]... [MASK|CPULIST] [PID|CMD [ARG]...]

Show or change the CPU affinity of a process.

      -a, --all-tasks  operate on all tasks/threads for the given PID
      -p, --pid        operate on an existing PID
      -c, --cpu-list   display/specify CPUs in a list format
      -h, --help       display this help and exit
      -V, --version    output version information and exit
`;

const isSet = (m: Uint8Array, i: number) => i >> 3 < m.length && (m[i >> 3]! >> (i & 7)) & 1;
const setBit = (m: Uint8Array, i: number) => {
  if (i >> 3 < m.length) m[i >> 3]! |= 1 << (i & 7);
};

function format(m: Uint8Array, list: boolean): string {
  const bits = m.length * 8;
  if (list) {
    const out: string[] = [];
    for (let i = 0; i < bits; i++) {
      if (!isSet(m, i)) continue;
      let j = i;
      while (j + 1 < bits && isSet(m, j + 1)) j++;
      out.push(j === i ? `${i}` : j === i + 1 ? `${i},${j}` : `${i}-${j}`);
      i = j;
    }
    return out.join(",");
  }
  let s = "";
  for (let i = m.length - 1; i >= 0; i--) s += m[i]!.toString(16).padStart(2, "0");
  return s.replace(/^0+/, "");
}

export default defineApplet({
  name: "taskset",
  main(ctx) {
    const g = new Getopt(ctx, "+apchV", [
      { name: "all-tasks", has: 0, val: "a" },
      { name: "pid", has: 0, val: "p" },
      { name: "cpu-list", has: 0, val: "c" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    const hint = `Try '${ctx.prog} --help' for more information.`;
    let all = false, list = false, help = false, version = false, pid = 0;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": all = true; break;
        case "p": {
          const last = g.argv[g.argv.length - 1]!;
          const r = strtol(last, 10);
          if (r.end !== last.length || !last.length) errx(ctx, 1, "invalid pid value");
          pid = Number(BigInt.asIntN(32, r.value));
          break;
        }
        case "c": list = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, hint);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    const args = g.rest;
    if ((!pid && args.length < 2) || (pid && (args.length < 1 || args.length > 2)))
      usage(ctx, `${ctx.prog}: bad usage\n${hint}`);

    let size = 0;
    try {
      size = getAffinity(0).length;
    } catch (e) {
      err(ctx, 1, "failed to get affinity for 0", e);
    }
    let want: Uint8Array | undefined;
    if (args.length > 1) {
      want = new Uint8Array(size);
      const s = args[0]!;
      if (list) {
        let i = 0;
        const num = (): number => {
          const m = /^[0-9]+/.exec(s.slice(i));
          if (!m) errx(ctx, 1, "could not parse cpu list");
          i += m[0].length;
          return Number(m[0]);
        };
        for (;;) {
          let a = num();
          if (s[i] === "-") {
            i++;
            const b = num();
            if (a > b) errx(ctx, 1, "invalid cpu range");
            let stride = 1;
            if (s[i] === ":") {
              i++;
              stride = num();
              if (!stride) errx(ctx, 1, "could not parse cpu list");
            }
            for (; a <= b && a < size * 8; a += stride) setBit(want, a);
          } else setBit(want, a);
          if (i === s.length) break;
          if (s[i] !== ",") errx(ctx, 1, "could not parse cpu list");
          i++;
        }
      } else {
        const h = s.startsWith("0x") ? s.slice(2) : s;
        let cpu = 0;
        for (let e = h.length - 1; e >= 0; e--) {
          if (h[e] === ",") continue;
          const v = parseInt(h[e]!, 16);
          if (Number.isNaN(v)) errx(ctx, 1, "invalid mask format");
          for (let b = 0; b < 4; b++) if (v & (1 << b)) setBit(want, cpu + b);
          cpu += 4;
        }
      }
    }

    const nm = list ? "list" : "mask";
    const one = (p: number) => {
      const get = () => {
        try {
          return getAffinity(p);
        } catch (e) {
          err(ctx, 1, `failed to get affinity for ${p}`, e);
        }
      };
      if (p) ctx.out.write(`pid ${p}'s current affinity ${nm}: ${format(get(), list)}\n`);
      if (!want) return;
      try {
        setAffinity(p, want);
      } catch (e) {
        err(ctx, 1, `failed to set affinity for ${p}`, e);
      }
      if (p) ctx.out.write(`pid ${p}'s new affinity ${nm}: ${format(get(), list)}\n`);
    };
    if (all && pid) {
      let d: Dirents;
      try {
        d = readdirTyped(`/proc/${pid}/task`);
      } catch (e) {
        err(ctx, 1, `failed to open procfs for ${pid}`, e);
      }
      d.names.forEach((n, i) => {
        if (d.types[i] === DT.DIR && /^[0-9]+$/.test(n)) one(Number(n));
      });
    } else one(pid);
    if (!pid) {
      ctx.out.flush();
      try {
        execvp(args[1]!, args.slice(1), [...ctx.env]);
      } catch (e) {
        err(ctx, 1, "execvp", e);
      }
    }
    return 0;
  },
});
