// flock — manage file locks from shell scripts (chimerautils' own tool, util-linux compatible).
// flock [-FhnsuVx] [-w timeout] [-o] [-E code] file|directory command [argument ...]
// flock [-FhnsuVx] [-w timeout] [-o] [-E code] file|directory -c command
// flock [-FhnsuVx] [-w timeout] [-E code] number
// getopt_long "+sexunw:FoE:hV" (--shared --exclusive --unlock --nonblocking/--nb --no-fork
// --timeout --close --conflict-exit-code --help --version). -c/--command is recognised only
// right after the file and takes exactly one command string, run as "$SHELL -c command"
// ($SHELL unset or empty: /bin/sh). The file is opened O_RDONLY|O_NOCTTY|O_CREAT (0666), a
// directory O_RDONLY; where flock(2) fails with EIO/EBADF (NFS) it is reopened read-write once.
// The command runs as a child that inherits the locked descriptor (as after fork), or replaces
// flock with -F; -o closes the descriptor in the command (the lock stays with flock).
// -w: wait at most that many seconds (fractions allowed; 0 = -n), polling; a conflict under
// -n or an expired -w exits 1 (or the -E code). Status: the command's (128+signal if killed);
// 64 usage ("path or file descriptor is required", "one command is required", "invalid
// timeout value"), 1 "invalid file descriptor: X", 66/71/73 "cannot open lock file F", 65/71
// flock(2) failures, 69 "failed to execute CMD" (71 for ENOMEM).
// Extensions of util-linux kept here: -o and -E; --timeout takes its argument.
import { defineApplet, Getopt, usage, err, errx, warn, helpVersion } from "@bsdbox/shared";
import {
  open, close, O, flock, access, execvp, spawner, waitpid, fdFlags, setCloexec, sleep, monotonicNs, SysError,
} from "@bsdbox/compat";

const HELP = `Usage: flock [OPTION]... <file>|<directory> <command> [<argument>...]
       flock [OPTION]... <file>|<directory> -c <command>
       flock [OPTION]... <file descriptor number>

Manage file locks from shell scripts.

      -s, --shared              get a shared lock
      -x, --exclusive           get an exclusive lock (default)
      -u, --unlock              remove a lock
      -n, --nonblocking         fail rather than wait
      -w, --timeout SECS        wait for at most SECS seconds
      -o, --close               close the lock file before running the command
      -E, --conflict-exit-code N  exit status on a conflict or timeout (default 1)
      -F, --no-fork             execute the command without forking
      -h, --help                display this help and exit
      -V, --version             output version information and exit
`;
const EX_USAGE = 64, EX_DATAERR = 65, EX_NOINPUT = 66, EX_UNAVAILABLE = 69, EX_OSERR = 71, EX_CANTCREAT = 73;
const LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
const EWOULDBLOCK = 11, EINTR = 4, EIO = 5, EBADF = 9, ENOLCK = 37, ENOMEM = 12;

export default defineApplet({
  name: "flock",
  main(ctx) {
    const g = new Getopt(ctx, "+sexunw:FoE:hV", [
      { name: "shared", has: 0, val: "s" },
      { name: "exclusive", has: 0, val: "x" },
      { name: "unlock", has: 0, val: "u" },
      { name: "nonblocking", has: 0, val: "n" },
      { name: "nb", has: 0, val: "n" },
      { name: "no-fork", has: 0, val: "F" },
      { name: "timeout", has: 1, val: "w" },
      { name: "close", has: 0, val: "o" },
      { name: "conflict-exit-code", has: 1, val: "E" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    let type = LOCK_EX, block = 0, doFork = true, closeFd = false, conflict = 1;
    let timeout = -1, help = false, version = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "s": type = LOCK_SH; break;
        case "e": case "x": type = LOCK_EX; break;
        case "u": type = LOCK_UN; break;
        case "n": block = LOCK_NB; break;
        case "F": doFork = false; break;
        case "o": closeFd = true; break;
        case "w": {
          const s = g.optarg!;
          if (!/^[0-9]+(\.[0-9]*)?$/.test(s) || Number(s) > 2147483647) {
            ctx.err.write(`${ctx.prog}: invalid timeout value\n`);
            return EX_USAGE;
          }
          timeout = Number(s);
          break;
        }
        case "E": {
          const s = g.optarg!;
          if (!/^[0-9]+$/.test(s) || Number(s) > 255) {
            ctx.err.write(`${ctx.prog}: invalid exit code\n`);
            return EX_USAGE;
          }
          conflict = Number(s);
          break;
        }
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, `Try '${ctx.prog} --help' for more information.`, EX_USAGE);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);

    const args = g.rest;
    let fname: string | undefined, cargv: string[] | undefined, fd = -1, oflags = 0;
    const openLock = (rw: boolean): number => {
      let flags = (rw ? O.RDWR : O.RDONLY) | O.NOCTTY;
      try {
        try {
          return open(fname!, flags | O.CREAT, 0o666);
        } catch (e) {
          if ((e as SysError).errno !== 21) throw e;
          flags = O.RDONLY | O.NOCTTY;
          return open(fname!, flags);
        }
      } catch (e) {
        const n = (e as SysError).errno;
        const code = n === 12 || n === 24 || n === 23 ? EX_OSERR : n === 30 || n === 28 ? EX_CANTCREAT : EX_NOINPUT;
        err(ctx, code, `cannot open lock file ${fname}`, e);
      } finally {
        oflags = flags;
      }
    };
    if (args.length > 1) {
      if (args[1] === "-c" || args[1] === "--command") {
        if (args.length !== 3) errx(ctx, EX_USAGE, "one command is required");
        const shell = ctx.env.get("SHELL");
        cargv = [shell ? shell : "/bin/sh", "-c", args[2]!];
      } else cargv = args.slice(1);
      fname = args[0]!;
      fd = openLock(false);
    } else if (args.length === 1) {
      const s = args[0]!;
      let ok = /^[0-9]+$/.test(s) && Number(s) <= 2147483647;
      if (ok) {
        try {
          fdFlags(Number(s));
        } catch {
          ok = false;
        }
      }
      if (!ok) errx(ctx, 1, `invalid file descriptor: ${s}`);
      fd = Number(s);
    } else errx(ctx, EX_USAGE, "path or file descriptor is required");

    if (timeout === 0) block = LOCK_NB;
    const deadline = timeout > 0 ? monotonicNs() + BigInt(Math.round(timeout * 1e9)) : 0n;
    let step = 1;
    for (;;) {
      try {
        flock(fd, type | (deadline ? LOCK_NB : block));
        break;
      } catch (e) {
        const n = (e as SysError).errno;
        if (n === EWOULDBLOCK) {
          if (!deadline || block) return conflict;
          const left = Number(deadline - monotonicNs()) / 1e6;
          if (left <= 0) return conflict;
          sleep(Math.min(step, left));
          step = Math.min(step * 2, 50);
          continue;
        }
        if (n === EINTR) continue;
        if ((n === EIO || n === EBADF) && !(oflags & O.RDWR) && type !== LOCK_SH && fname !== undefined
          && access(fname, 4 | 2)) {
          close(fd);
          fd = openLock(true);
          if (oflags & O.RDWR) continue;
        }
        warn(ctx, fname ?? String(fd), e);
        return n === ENOLCK || n === ENOMEM ? EX_OSERR : EX_DATAERR;
      }
    }
    if (!cargv) return 0;

    // the command holds the lock descriptor as a forked child would, unless -o
    if (fname !== undefined) setCloexec(fd, closeFd);
    const env = [...ctx.env];
    const failed = (e: unknown): never =>
      err(ctx, (e as SysError).errno === ENOMEM ? EX_OSERR : EX_UNAVAILABLE, `failed to execute ${cargv![0]}`, e);
    if (!doFork) {
      try {
        execvp(cargv[0]!, cargv, env);
      } catch (e) {
        failed(e);
      }
    }
    let pid = 0;
    try {
      pid = spawner(env).spawn(cargv);
    } catch (e) {
      failed(e);
    }
    if (fname !== undefined && !closeFd) setCloexec(fd, true);
    const r = waitpid(pid)!;
    return r.signal ? 128 + r.signal : r.status;
  },
});
