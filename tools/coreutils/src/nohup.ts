// nohup — run a utility immune to hangups.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/nohup.html  FreeBSD: nohup(1)
// nohup [--] utility [arguments]   (getopt "": no options at all).
// If standard output is a terminal it is appended to ./nohup.out, or failing that to
// $HOME/nohup.out (created with mode 0600), and "appending output to FILE" goes to stderr; if
// standard error is a terminal it then goes where standard output goes. SIGHUP is ignored and the
// utility replaces this process (execvp as musl: PATH, no /bin/sh fallback), so the ignored
// SIGHUP is inherited. Exit 127 for usage, for "can't open a nohup.out file" and when the
// utility is not found; 126 when it was found but cannot be run; else the utility's status.
import { defineApplet, Getopt, usage, err, errx, byteLength } from "@bsdbox/shared";
import { execvp, isatty, open, O, dup2, ignoreSignal, SIG, SysError } from "@bsdbox/compat";

const USAGE = "usage: nohup [--] utility [arguments]";
const EXIT_NOEXEC = 126, EXIT_NOTFOUND = 127, EXIT_MISC = 127;
const FILENAME = "nohup.out", MAXPATHLEN = 1024;

export default defineApplet({
  name: "nohup",
  main(ctx) {
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE, EXIT_MISC);
    const cmd = g.rest;
    if (cmd.length < 1) usage(ctx, USAGE, EXIT_MISC);

    if (isatty(1)) {
      const flags = O.RDWR | O.CREAT | O.APPEND;
      let path = FILENAME;
      let fd = -1;
      try {
        fd = open(path, flags, 0o600);
      } catch {
        const home = ctx.env.get("HOME");
        if (home !== undefined && home !== "" && byteLength(`${home}/${FILENAME}`) < MAXPATHLEN) {
          path = `${home}/${FILENAME}`;
          try {
            fd = open(path, flags, 0o600);
          } catch {}
        }
      }
      if (fd < 0) errx(ctx, EXIT_MISC, "can't open a nohup.out file");
      try {
        dup2(fd, 1);
      } catch (e) {
        errx(ctx, EXIT_MISC, (e as SysError).message);
      }
      ctx.err.write(`appending output to ${path}\n`);
    }
    if (isatty(2)) {
      try {
        dup2(1, 2);
      } catch (e) {
        // may have just closed stderr
        err(ctx, EXIT_MISC, cmd[0]!, e);
      }
    }
    ignoreSignal(SIG.HUP);
    try {
      execvp(cmd[0]!, cmd, [...ctx.env]);
    } catch (e) {
      err(ctx, (e as SysError).errno === 2 ? EXIT_NOTFOUND : EXIT_NOEXEC, cmd[0]!, e);
    }
  },
});
