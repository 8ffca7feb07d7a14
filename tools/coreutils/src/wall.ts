// wall — write a message to users.
// FreeBSD: wall(1). Options "g:n": -g group limits the message to members of group (repeatable;
// an unknown group is warned about); -n (root only, for shutdown) leaves out the banner. The
// message is the file operand or standard input, framed as FreeBSD frames it: every line padded
// to 79 columns and ended by CR LF, long lines folded at 79, characters that are neither printable
// nor space (nor BEL or BS) shown as <0xXX> (as are bytes that are not valid in the locale).
// It goes to the /dev line of every login record (/var/run/utmp) whose line exists; terminals we
// may not open (EACCES, EBUSY: messages refused, "mesg n") are skipped silently. A terminal that
// does not take the whole message at once gets up to 5 minutes (FreeBSD finishes in a child).
import { defineApplet, Getopt, usage, err, warnx, encode, utf8Locale, readAll } from "@bsdbox/shared";
import { strftime, localtime } from "@bsdbox/shared/strftime";
import { readUtmp, UT } from "@bsdbox/shared/utmp";
import { iswprint } from "@bsdbox/shared/chars";
import { mbrtowc, iswspace } from "@bsdbox/shared/wchar";
import {
  open, close, O, stat, ttyname, getpwnam, getpwuid, getgrnam, getgrgid, getuid, geteuid, uname,
  nowMs, strerror, writeRaw, poll, POLL, SysError,
} from "@bsdbox/compat";

const USAGE = "usage: wall [-g group] [file]";

export default defineApplet({
  name: "wall",
  main(ctx) {
    const g = new Getopt(ctx, "g:n");
    let nobanner = false;
    const groups: { name: string; gid: number }[] = [];
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "n") {
        if (geteuid() === 0) nobanner = true;
      } else if (c === "g") groups.unshift({ name: g.optarg!, gid: -1 });
      else usage(ctx, USAGE);
    }
    const args = g.rest;
    if (args.length > 1) usage(ctx, USAGE);
    for (const gr of groups) {
      const e = getgrnam(gr.name);
      if (e) gr.gid = e.gid;
      else warnx(ctx, `${gr.name}: no such group`);
    }

    let msg = "";
    if (!nobanner) {
      let tty: string;
      try {
        tty = ttyname(2);
      } catch {
        tty = "no tty";
      }
      const whom = ctx.env.get("LOGNAME") || getpwuid(getuid())?.name || "???";
      const now = Math.floor(nowMs() / 1000);
      const lt = localtime(now)!;
      const fit = (s: string) => (s.length > 79 ? s.slice(0, 79) : s.padEnd(79));
      msg += "\r" + " ".repeat(79) + "\r\n";
      msg += fit(`Broadcast Message from ${whom}@${uname().nodename}`) + "\x07\x07\r\n";
      msg += fit(`        (${tty}) at ${lt.hour}:${String(lt.min).padStart(2, "0")} ${strftime("%Z", lt)}...`) + "\r\n";
    }
    msg += " ".repeat(79) + "\r\n";

    let fd = ctx.stdin;
    if (args[0] !== undefined) {
      try {
        fd = open(args[0], O.RDONLY);
      } catch (e) {
        err(ctx, 1, `can't read ${args[0]}`, e);
      }
    }
    msg += frame(readAll(fd), utf8Locale(ctx.env));
    msg += " ".repeat(79) + "\r\n";
    const data = encode(msg);

    for (const ut of readUtmp()) {
      if (ut.type !== UT.USER_PROCESS) continue;
      try {
        stat(`/dev/${ut.line}`);
      } catch {
        continue;
      }
      if (groups.length) {
        const pw = getpwnam(ut.user);
        if (!pw) continue;
        const inGroup = groups.some((gr) => gr.gid !== -1 && (gr.gid === pw.gid || (getgrgid(gr.gid)?.members.includes(ut.user) ?? false)));
        if (!inGroup) continue;
      }
      const p = ttymsg(data, ut.line, 300);
      if (p) warnx(ctx, p);
    }
    return 0;
  },
});

/** The message body as FreeBSD's makemsg frames it (the column count carries over lines). */
function frame(b: Uint8Array, utf8: boolean): string {
  let out = "", cnt = 0;
  const nl = () => {
    out += "\r\n";
    cnt = 0;
  };
  for (let i = 0; i < b.length; ) {
    let [ch, len] = mbrtowc(b, i, utf8);
    let bad = false;
    if (len === 0) [ch, len] = [0, 1];
    else if (len < 0 || (!utf8 && ch >= 0xdf00)) [ch, len, bad] = [b[i]!, 1, true];
    i += len;
    if (ch === 13) {
      out += "\r";
      cnt = 0;
      continue;
    }
    if (ch === 10) {
      out += " ".repeat(Math.max(0, 79 - cnt)) + "\r\n";
      cnt = Math.max(cnt, 79);
      continue;
    }
    if (cnt === 79) nl();
    if (!bad && ch !== 0 && (iswprint(ch) || iswspace(ch) || ch === 7 || ch === 8)) out += String.fromCodePoint(ch);
    else {
      for (const c of `<0x${ch.toString(16).toUpperCase()}>`) {
        out += c;
        if (++cnt === 79) nl();
      }
      cnt--;
    }
    cnt++;
  }
  return out;
}

/** Write `data` to /dev/line: null when done or refused, else the complaint. */
function ttymsg(data: Uint8Array, line: string, tmout: number): string | null {
  const device = `/dev/${line}`;
  let p = line;
  if (p.startsWith("pts/")) p = p.slice(4);
  if (p.includes("/")) return `Too many '/' in "${device}"`;
  let fd: number;
  try {
    fd = open(device, O.WRONLY | O.NONBLOCK | O.NOCTTY);
  } catch (e) {
    const n = (e as SysError).errno;
    if (n === 16 || n === 13) return null;
    return `${device}: ${strerror(n)}`;
  }
  try {
    const until = nowMs() + tmout * 1000;
    for (let off = 0; off < data.length; ) {
      const n = writeRaw(fd, data, off);
      if (n >= 0) {
        off += n;
        continue;
      }
      if (n === -11) {
        const left = until - nowMs();
        if (left <= 0) return null;
        poll([[fd, POLL.OUT]], Math.min(left, 1000));
        continue;
      }
      if (n === -19 || n === -5) break;
      return `${device}: ${strerror(-n)}`;
    }
  } finally {
    close(fd);
  }
  return null;
}
