// stdbuf — change the standard streams' buffering of a command.
// FreeBSD: stdbuf(1). Not in POSIX.
// stdbuf [-e 0|L|B|<sz>] [-i 0|L|B|<sz>] [-o 0|L|B|<sz>] <cmd> [args ...]   getopt "e:i:o:".
// As FreeBSD: the modes go into _STDBUF_E, _STDBUF_I and _STDBUF_O unchecked (0 unbuffered, L
// line buffered, B fully buffered, or a size with k/M/G), a preload library is appended to
// LD_PRELOAD, and the command replaces this process (execvp as musl). No command: exit 0;
// usage: exit 1; the command cannot be run: "stdbuf: cmd: ..." and exit 2 (stdbuf.c's err(2)).
// What it can do here: the buffering is applied by that library inside a dynamically linked C
// program when it starts (a constructor calling setvbuf); bsdbox has no library of its own, so
// the first one found is used:
//   /usr/lib/libstdbuf.so                 FreeBSD / chimerautils: takes the modes as given;
//   /usr/libexec/coreutils/libstdbuf.so   GNU coreutils (also /usr/lib/coreutils/,
//     /usr/lib64/coreutils/, /usr/local/libexec/coreutils/): it reads the same variables but
//     only 0, L or a byte count, so B becomes 8192 and k/M/G sizes are given in bytes.
// With neither, only the variables are set (an LD_PRELOAD naming a missing file would make the
// dynamic linker complain at every exec) and the command runs with its usual buffering.
// What it cannot do: change a static program, a program that does not use C stdio (bsdbox's own
// applets write through their own buffers), or one that sets its buffering itself.
import { defineApplet, Getopt, usage, err, strtol } from "@bsdbox/shared";
import { execvp, access } from "@bsdbox/compat";

const USAGE = "usage: stdbuf [-e 0|L|B|<sz>] [-i 0|L|B|<sz>] [-o 0|L|B|<sz>] <cmd> [args ...]";
const BSD_LIB = "/usr/lib/libstdbuf.so";
const GNU_LIBS = [
  "/usr/libexec/coreutils/libstdbuf.so",
  "/usr/lib/coreutils/libstdbuf.so",
  "/usr/lib64/coreutils/libstdbuf.so",
  "/usr/local/libexec/coreutils/libstdbuf.so",
];

/** A FreeBSD mode for GNU's libstdbuf: 0 and L as they are, B as BUFSIZ, sizes in bytes. */
function gnuMode(m: string): string {
  if (m === "0" || m === "L") return m;
  if (m === "B") return "8192";
  const r = strtol(m, 0);
  if (!r.digits || r.value <= 0n) return m;
  const mult: Record<string, bigint> = { "": 1n, k: 1024n, M: 1024n ** 2n, G: 1024n ** 3n };
  const unit = m.slice(r.end);
  return unit in mult ? String(r.value * mult[unit]!) : m;
}

export default defineApplet({
  name: "stdbuf",
  main(ctx) {
    const g = new Getopt(ctx, "e:i:o:");
    let ibuf: string | undefined, obuf: string | undefined, ebuf: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "e": ebuf = g.optarg!; break;
        case "i": ibuf = g.optarg!; break;
        case "o": obuf = g.optarg!; break;
        default: usage(ctx, USAGE);
      }
    }
    const cmd = g.rest;
    if (cmd.length === 0) return 0;

    let lib: string | undefined;
    let conv = (m: string) => m;
    if (access(BSD_LIB, 4)) lib = BSD_LIB;
    else {
      lib = GNU_LIBS.find((p) => access(p, 4));
      if (lib) conv = gnuMode;
    }
    const env = ctx.env;
    if (ibuf !== undefined) env.set("_STDBUF_I", conv(ibuf));
    if (obuf !== undefined) env.set("_STDBUF_O", conv(obuf));
    if (ebuf !== undefined) env.set("_STDBUF_E", conv(ebuf));
    if (lib) {
      const cur = env.get("LD_PRELOAD");
      env.set("LD_PRELOAD", cur === undefined ? lib : `${cur}:${lib}`);
    }
    ctx.out.flush();
    try {
      execvp(cmd[0]!, cmd, [...env]);
    } catch (e) {
      err(ctx, 2, cmd[0]!, e);
    }
  },
});
