// setsid — run a program in a new session (chimerautils' own tool, util-linux compatible).
// setsid [-c] [-f] [-w] program [argument ...]   getopt_long "+cfwhV": --ctty --fork --wait
// --help --version. A process-group leader cannot call setsid(2), so then (or always with -f)
// the program is started in a new session as a child: with Bun there is no fork, so the child
// is spawned with POSIX_SPAWN_SETSID; without -w we exit 0 at once, with -w we wait and exit
// with its status (killed by a signal: "child process N exited unexpectedly", status = the
// signal number). Otherwise setsid(2) is called here and the program replaces this process.
// -c makes standard input the controlling terminal (ioctl TIOCSCTTY, stealing it if allowed);
// a spawned child cannot run an ioctl between setsid and exec, so with -c the child is this
// binary again, marked by BSDBOX_SETSID_CTTY in its environment (removed before the exec).
// Errors: "no command specified", "setsid", "ioctl", "execvp" (err(3) texts), status 1;
// an unknown option: getopt's message, "Try 'setsid --help' for more information.", status 1.
import { defineApplet, Getopt, usage, err, errx, helpVersion } from "@bsdbox/shared";
import { execvp, getpid, getpgrp, setsid, setControllingTty, spawnSession, waitpid, readlink } from "@bsdbox/compat";

const HELP = `Usage: setsid [OPTION]... PROGRAM [ARGUMENT]...

Run a program in a new session.

      -c, --ctty     make the current terminal the controlling terminal
      -f, --fork     always run the program as a child process
      -w, --wait     wait for the program and exit with its status
      -h, --help     display this help and exit
      -V, --version  output version information and exit
`;
const MARK = "BSDBOX_SETSID_CTTY";

export default defineApplet({
  name: "setsid",
  main(ctx) {
    const g = new Getopt(ctx, "+cfwhV", [
      { name: "ctty", has: 0, val: "c" },
      { name: "fork", has: 0, val: "f" },
      { name: "wait", has: 0, val: "w" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    let ctty = false, dofork = false, dowait = false, help = false, version = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "c": ctty = true; break;
        case "f": dofork = true; break;
        case "w": dowait = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, `Try '${ctx.prog} --help' for more information.`);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    const cmd = g.rest;
    if (cmd.length < 1) errx(ctx, 1, "no command specified");

    const child = ctx.env.get(MARK) === "1";
    const env = [...ctx.env].filter(([k]) => !(child && k === MARK));
    if (!child && (dofork || getpgrp() === getpid())) {
      let pid: number;
      try {
        pid = ctty
          ? spawnSession(["setsid", "-c", "--", ...cmd], [...env, [MARK, "1"]], readlink("/proc/self/exe"))
          : spawnSession(cmd, env);
      } catch (e) {
        err(ctx, 1, "execvp", e);
      }
      if (!dowait) return 0;
      const r = waitpid(pid)!;
      if (r.signal) errx(ctx, r.signal, `child process ${pid} exited unexpectedly`);
      return r.status;
    }
    if (!child) {
      try {
        setsid();
      } catch (e) {
        err(ctx, 1, "setsid", e);
      }
    }
    if (ctty) {
      try {
        setControllingTty(0, true);
      } catch (e) {
        err(ctx, 1, "ioctl", e);
      }
    }
    try {
      execvp(cmd[0]!, cmd, env);
    } catch (e) {
      err(ctx, 1, "execvp", e);
    }
  },
});
