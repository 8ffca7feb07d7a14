// nproc — print the number of processors (chimerautils' GNU-compatible nproc).
// Long options only: --all (configured CPUs, sysconf(_SC_NPROCESSORS_CONF)), --ignore=N
// (subtract N, at least 1 remains), --help, --version. Default: CPUs in the affinity mask.
// Usage errors exit 64 (EX_USAGE).
import { defineApplet, Getopt, usage, errx, strtonum } from "@bsdbox/shared";
import { cpuCount } from "@bsdbox/compat";

const HELP = "usage: nproc [--all] [--ignore=count]\n       nproc --help\n       nproc --version";

export default defineApplet({
  name: "nproc",
  main(ctx) {
    const g = new Getopt(ctx, "", [
      { name: "all", has: 0, val: "A" },
      { name: "ignore", has: 1, val: "I" },
      { name: "version", has: 0, val: "V" },
      { name: "help", has: 0, val: "H" },
    ]);
    let all = false, ignore = 0;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "A": all = true; break;
        case "I": {
          const r = strtonum(g.optarg!, 0, 2147483647);
          if (r.error) errx(ctx, 1, `bad ignore count: ${r.error}`);
          ignore = r.value;
          break;
        }
        case "V": ctx.out.write("nproc (neither_GNU nor_coreutils) 8.32\n"); return 0;
        case "H": usage(ctx, HELP, 0);
        default: usage(ctx, HELP, 64);
      }
    }
    if (g.rest.length) usage(ctx, HELP, 64);
    const n = all ? cpuCount().configured : cpuCount().available;
    ctx.out.write(`${ignore >= n ? 1 : n - ignore}\n`);
    return 0;
  },
});
