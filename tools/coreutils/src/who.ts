// who — display who is on the system.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/who.html  FreeBSD: who(1)
// Options "HTabmqsu": -H headings, -T terminal state (+ writable by others, - not, ? unknown),
// -a = -bTu plus every login, -b the last boot, -m (or the operands "am i" / "am I") only the
// terminal on standard input, -q names and a count, -s name/line/time only (drops -T and -u),
// -u idle time ("  .  " under a minute, "old" over a day). One operand names the login records
// file to read instead of /var/run/utmp (glibc's struct utmp layout; FreeBSD reads utmpx and
// insists on a name ending in "x", which Linux files do not have). A missing file lists nobody.
// Logins are listed only while their /dev line exists. Times: "%b %e %R", local time.
import { defineApplet, Getopt, usage, warnx, encode } from "@bsdbox/shared";
import { strftime, localtime } from "@bsdbox/shared/strftime";
import { readUtmp, UT, UTMP_PATH, type Utmp } from "@bsdbox/shared/utmp";
import { stat, ttyname, winsize, getpwuid, getuid, nowMs } from "@bsdbox/compat";

const USAGE = "usage: who [-abHmqsTu] [am I] [file]";
/** printf "%-*s": pad to `w` bytes, never truncate. */
const pad = (s: string, w: number) => s + " ".repeat(Math.max(0, w - encode(s).length));

export default defineApplet({
  name: "who",
  main(ctx) {
    const g = new Getopt(ctx, "HTabmqsu");
    let H = false, T = false, a = false, b = false, m = false, q = false, s = false, u = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "H": H = true; break;
        case "T": T = true; break;
        case "a": a = b = T = u = true; break;
        case "b": b = true; break;
        case "m": m = true; break;
        case "q": q = true; break;
        case "s": s = true; break;
        case "u": u = true; break;
        default: usage(ctx, USAGE);
      }
    }
    let args = g.rest;
    if (args.length >= 2 && args[0] === "am" && (args[1] === "i" || args[1] === "I")) {
      m = true;
      args = args.slice(2);
    }
    if (args.length > 1) usage(ctx, USAGE);
    const recs = readUtmp(args[0] ?? UTMP_PATH);
    const out = ctx.out;
    const now = Math.floor(nowMs() / 1000);

    const row = (ut: Utmp) => {
      let state = "?", idle = 0;
      if (T || u) {
        try {
          const sb = stat(`/dev/${ut.line}`);
          state = sb.mode & 0o022 ? "+" : "-";
          idle = now - Number(sb.mtimeNs / 1000000000n);
        } catch {}
      }
      let l = pad(ut.user, 16) + " ";
      if (T) l += state + " ";
      l += pad(ut.type === UT.BOOT_TIME ? "system boot" : ut.line, 12) + " ";
      const tm = localtime(ut.sec);
      l += pad(tm ? strftime("%b %e %R", tm) : "", 12) + " ";
      if (u) {
        if (idle < 60) l += "  .   ";
        else if (idle < 86400) l += `${String(Math.floor(idle / 3600)).padStart(2, "0")}:${String(Math.floor(idle / 60) % 60).padStart(2, "0")} `;
        else l += " old  ";
      }
      if (ut.host) l += `(${ut.host})`;
      out.write(l + "\n");
    };
    const ttyExists = (line: string) => {
      try {
        stat(`/dev/${line}`);
        return true;
      } catch {
        return false;
      }
    };

    if (q) {
      let ncols = 80;
      const cols = ctx.env.get("COLUMNS");
      const w = cols ? /^[\t\n\v\f\r ]*[+-]?[0-9]+$/.test(cols) ? Number(cols) : NaN : undefined;
      if (w !== undefined && (!(w > 0) || w > 2147483647)) warnx(ctx, "invalid COLUMNS environment variable ignored");
      if (w !== undefined && w > 0 && w <= 2147483647) ncols = w;
      else {
        const ws = winsize(1);
        if (ws) ncols = ws.cols;
      }
      let col = 0, num = 0;
      for (const ut of recs) {
        if (ut.type !== UT.USER_PROCESS) continue;
        out.write(pad(ut.user, 16));
        if (++col < Math.floor(ncols / 17)) out.write(" ");
        else {
          col = 0;
          out.write("\n");
        }
        num++;
      }
      if (col) out.write("\n");
      out.write(`# users = ${num}\n`);
      return 0;
    }
    if (s) T = u = false;
    if (H) out.write(pad("NAME", 16) + " " + (T ? "S " : "") + pad("LINE", 12) + " " + pad("TIME", 12) + " " + (u ? "IDLE  " : "") + pad("FROM", 16) + "\n");
    if (m) {
      let tty: string;
      try {
        tty = ttyname(0);
        if (tty.startsWith("/dev/")) tty = tty.slice(5);
      } catch {
        tty = "tty??";
      }
      const hit = recs.find((r) => (r.type === UT.LOGIN_PROCESS || r.type === UT.USER_PROCESS) && r.line === tty.slice(0, 32));
      if (hit && hit.type === UT.USER_PROCESS) row(hit);
      else row({ type: UT.EMPTY, pid: 0, line: "", id: "", user: getpwuid(getuid())?.name ?? "?", host: "", session: 0, sec: now, usec: 0 });
      return 0;
    }
    for (const ut of recs) {
      if ((a || !b) && ut.type === UT.USER_PROCESS) {
        if (ttyExists(ut.line)) row(ut);
      } else if (b && ut.type === UT.BOOT_TIME) row(ut);
    }
    return 0;
  },
});
