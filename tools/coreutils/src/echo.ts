// echo — write arguments to standard output.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/echo.html  FreeBSD: echo(1)
// usage: echo [-n] [string ...]
// No getopt: only a first argument that is exactly "-n" is an option (no newline); "-e", "-E",
// "-nn", "--" and a later "-n" are printed as text. Backslashes are not interpreted, except
// that a last argument ending in "\c" loses those two characters and the newline (FreeBSD).
// Arguments are joined by single spaces and written byte for byte in one go (writev in C).
// A failed write prints "ARGV0: write: <strerror>" and exits 1; a closed pipe kills by SIGPIPE.
import { defineApplet, encode } from "@bsdbox/shared";
import { writeAll, SysError } from "@bsdbox/compat";

export default defineApplet({
  name: "echo",
  main(ctx) {
    let args = ctx.args;
    let nflag = false;
    if (args[0] === "-n") {
      nflag = true;
      args = args.slice(1);
    }
    const parts = args.map((a) => encode(a));
    const last = parts[parts.length - 1];
    if (last && last.length >= 2 && last[last.length - 2] === 92 && last[last.length - 1] === 99) {
      parts[parts.length - 1] = last.subarray(0, last.length - 2);
      nflag = true;
    }
    let size = nflag ? 0 : 1;
    for (const p of parts) size += p.length + 1;
    const buf = new Uint8Array(size);
    let o = 0;
    parts.forEach((p, i) => {
      buf.set(p, o);
      o += p.length;
      if (i < parts.length - 1) buf[o++] = 32;
    });
    if (!nflag) buf[o++] = 10;
    try {
      ctx.out.flush();
      if (o) writeAll(ctx.out.fd, buf, 0, o);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      // FreeBSD's errexit() names the program by argv[0] as invoked
      ctx.err.write(`${ctx.argv0}: write: ${e.message}\n`);
      return 1;
    }
    return 0;
  },
});
