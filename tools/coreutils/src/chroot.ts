// chroot — run a command with another root directory.
// FreeBSD: chroot(8). Not in POSIX.
// chroot [-g group] [-G group,group,...] [-u user] [-n] newroot [command [arg ...]]
// getopt "G:g:u:n". -g sets the group id, -G the supplementary groups (comma-separated, empty
// items skipped), -u the user id: each a name (looked up before the chroot, in the old root's
// database) or a number (strtoul base 0; a number followed by junk is looked up as a name).
// An empty -u/-g/-G argument is a usage error. -n first moves into a new user namespace
// (unshare(CLONE_NEWUSER)) so that an unprivileged user may chroot.
// Then chdir(newroot) and chroot("."), setgroups, setgid, setuid in that order, and the command
// replaces the process (execvp as musl: PATH of the environment, no /bin/sh fallback); without
// a command, "$SHELL -i" ($SHELL unset: /bin/sh -i).
// Every failure is err(3) with status 1: "chroot: no such group `x'", "chroot: no such user
// `x'", "chroot: DIR: No such file or directory", "chroot: setgroups: ...", "chroot: CMD: No
// such file or directory" (status 1 even then: chroot.c does not use 126/127). Usage: status 1.
import { defineApplet, Getopt, usage, err, errx, strtol } from "@bsdbox/shared";
import { chdir, chroot, setgroups, setgid, setuid, unshare, execvp, getgrnam, getpwnam } from "@bsdbox/compat";

const USAGE = "usage: chroot [-g group] [-G group,group,...] [-u user] [-n] newroot [command]";
const CLONE_NEWUSER = 0x10000000, NGROUPS_MAX = 65536;

/** A leading digit, then strtoul base 0 of the whole string; else undefined (a name). */
function numeric(s: string): number | undefined {
  if (!/^[0-9]/.test(s)) return undefined;
  const r = strtol(s, 0);
  if (r.end !== s.length) return undefined;
  return Number(BigInt.asUintN(32, r.value));
}

export default defineApplet({
  name: "chroot",
  main(ctx) {
    const g = new Getopt(ctx, "G:g:u:n");
    let user: string | undefined, group: string | undefined, grouplist: string | undefined;
    let nonprivileged = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "u": user = g.optarg!; if (user === "") usage(ctx, USAGE); break;
        case "g": group = g.optarg!; if (group === "") usage(ctx, USAGE); break;
        case "G": grouplist = g.optarg!; if (grouplist === "") usage(ctx, USAGE); break;
        case "n": nonprivileged = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const argv = g.rest;
    if (argv.length < 1) usage(ctx, USAGE);

    let gid = 0, uid = 0;
    if (group !== undefined) {
      const n = numeric(group);
      if (n !== undefined) gid = n;
      else gid = getgrnam(group)?.gid ?? errx(ctx, 1, `no such group \`${group}'`);
    }
    const gids: number[] = [];
    if (grouplist !== undefined) {
      for (const p of grouplist.split(",")) {
        if (p === "") continue;
        if (gids.length >= NGROUPS_MAX + 1) errx(ctx, 1, "too many supplementary groups provided");
        const n = numeric(p);
        gids.push(n !== undefined ? n : getgrnam(p)?.gid ?? errx(ctx, 1, `no such group \`${p}'`));
      }
    }
    if (user !== undefined) {
      const n = numeric(user);
      if (n !== undefined) uid = n;
      else uid = getpwnam(user)?.uid ?? errx(ctx, 1, `no such user \`${user}'`);
    }
    // everything the exec needs is read now: the new root may have no /proc, no libc
    const env = [...ctx.env];
    const shell = ctx.env.get("SHELL") ?? "/bin/sh";
    if (nonprivileged) {
      try {
        unshare(CLONE_NEWUSER);
      } catch (e) {
        err(ctx, 1, "unshare", e);
      }
    }
    try {
      chdir(argv[0]!);
      chroot(".");
    } catch (e) {
      err(ctx, 1, argv[0]!, e);
    }
    const step = (what: string, f: () => void) => {
      try {
        f();
      } catch (e) {
        err(ctx, 1, what, e);
      }
    };
    if (gids.length) step("setgroups", () => setgroups(gids));
    if (group !== undefined) step("setgid", () => setgid(gid));
    if (user !== undefined) step("setuid", () => setuid(uid));

    ctx.out.flush();
    if (argv.length > 1) {
      try {
        execvp(argv[1]!, argv.slice(1), env);
      } catch (e) {
        err(ctx, 1, argv[1]!, e);
      }
    }
    try {
      execvp(shell, [shell, "-i"], env);
    } catch (e) {
      err(ctx, 1, shell, e);
    }
  },
});
