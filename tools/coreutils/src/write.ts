// write — send a message to another user.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/write.html  FreeBSD: write(1)
// `write user [tty]`: our own terminal (first of stdin, stdout, stderr) must allow messages;
// without tty the user's terminal with messages on and the latest access time is chosen (our
// own only when it is the only one). The greeting "Message from LOGIN@HOST on TTY at HH:MM ..."
// is followed by each line of standard input, NL sent as CR NL, characters neither printable nor
// space shown as <0xXX>; end of file or an interrupt/hangup sends "EOF". Root may write to
// terminals that refuse messages. The login name is $LOGNAME (musl's getlogin), else the user's.
import { defineApplet, Getopt, usage, err, errx, warn, warnx, encode, utf8Locale, type Ctx } from "@bsdbox/shared";
import { strftime, localtime } from "@bsdbox/shared/strftime";
import { readUtmp, UT } from "@bsdbox/shared/utmp";
import { iswprint } from "@bsdbox/shared/chars";
import { mbrtowc, iswspace } from "@bsdbox/shared/wchar";
import {
  open, O, isatty, ttyname, stat, getpwuid, getuid, uname, nowMs, writeAll, readRaw, poll, POLL,
  onSignal, sleepAsync,
} from "@bsdbox/compat";

const USAGE = "usage: write user [tty]";

/** stat /dev/tty: [messages allowed, access time] or undefined (warned when `show`). */
function termChk(ctx: Ctx, tty: string, show: boolean): [boolean, number] | undefined {
  try {
    const s = stat(`/dev/${tty}`);
    return [(s.mode & 0o020) !== 0, Number(s.atimeNs / 1000000n)];
  } catch (e) {
    if (show) warn(ctx, `/dev/${tty}`, e);
    return undefined;
  }
}

export default defineApplet({
  name: "write",
  async main(ctx) {
    const myuid = getuid();
    const login = ctx.env.get("LOGNAME") || getpwuid(myuid)?.name || "???";
    const g = new Getopt(ctx, "");
    while (g.next() !== undefined) usage(ctx, USAGE);
    const args = g.rest;

    const myfd = [0, 1, 2].find((fd) => isatty(fd));
    if (myfd === undefined) errx(ctx, 1, "can't find your tty");
    let mytty: string;
    try {
      mytty = ttyname(myfd);
    } catch {
      errx(ctx, 1, "can't find your tty's name");
    }
    if (mytty.startsWith("/dev/")) mytty = mytty.slice(5);
    const mine = termChk(ctx, mytty, true);
    if (!mine) return 1;
    if (!mine[0]) errx(ctx, 1, "you have write permission turned off");

    let tty: string;
    const recs = readUtmp();
    if (args.length === 1) {
      const user = args[0]!;
      let nlogged = 0, nttys = 0, best = 0, isMe = false;
      tty = "";
      for (const u of recs) {
        if (u.type !== UT.USER_PROCESS || u.user !== user) continue;
        ++nlogged;
        const c = termChk(ctx, u.line, false);
        if (!c) continue;
        if (myuid && !c[0]) continue;
        if (u.line === mytty.slice(0, 32)) {
          isMe = true;
          continue;
        }
        ++nttys;
        if (c[1] > best) {
          best = c[1];
          tty = u.line;
        }
      }
      if (nlogged === 0) errx(ctx, 1, `${user} is not logged in`);
      if (nttys === 0) {
        if (!isMe) errx(ctx, 1, `${user} has messages disabled`);
        tty = mytty;
      } else if (nttys > 1) warnx(ctx, `${user} is logged in more than once; writing to ${tty}`);
    } else if (args.length === 2) {
      const user = args[0]!;
      tty = args[1]!.startsWith("/dev/") ? args[1]!.slice(5) : args[1]!;
      if (!recs.some((u) => u.type === UT.USER_PROCESS && u.line === tty.slice(0, 32) && u.user === user))
        errx(ctx, 1, `${user} is not logged in on ${tty}`);
      const c = termChk(ctx, tty, true);
      if (!c) return 1;
      if (myuid && !c[0]) errx(ctx, 1, `${user} has messages disabled on ${tty}`);
    } else usage(ctx, USAGE);

    let fd: number;
    try {
      fd = open(`/dev/${tty}`, O.WRONLY | O.NOCTTY);
    } catch (e) {
      err(ctx, 1, `openat(/dev/${tty})`, e);
    }
    const say = (s: string) => writeAll(fd, encode(s));
    let stop = false;
    onSignal("SIGINT", () => (stop = true));
    onSignal("SIGHUP", () => (stop = true));
    const now = localtime(Math.floor(nowMs() / 1000))!;
    say(`\r\n\x07\x07\x07Message from ${login}@${uname().nodename} on ${mytty} at ${strftime("%H:%M", now)} ...\r\n`);

    const utf8 = utf8Locale(ctx.env);
    const buf = new Uint8Array(4096);
    let pend = new Uint8Array(0);
    for (;;) {
      if (stop) break;
      const r = poll([[ctx.stdin, POLL.IN]], 100);
      if (!r[0]) {
        await sleepAsync(0);
        continue;
      }
      const n = readRaw(ctx.stdin, buf);
      if (n === -11 || n === -4) continue;
      if (n <= 0) break;
      const all = new Uint8Array(pend.length + n);
      all.set(pend);
      all.set(buf.subarray(0, n), pend.length);
      // keep an incomplete UTF-8 sequence at the end for the next read
      let cut = all.length;
      for (let k = Math.max(0, all.length - 3); k < all.length; k++) {
        const c = all[k]!;
        const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
        if (utf8 && need && k + need > all.length) {
          cut = k;
          break;
        }
      }
      pend = all.slice(cut);
      say(visible(all.subarray(0, cut), utf8));
    }
    if (pend.length) say(visible(pend, utf8));
    say("EOF\r\n");
    return 0;
  },
});

/** wr_fputs: NL as CR NL, printable and space characters as they are, others as <0xXX>. */
function visible(b: Uint8Array, utf8: boolean): string {
  let s = "";
  for (let i = 0; i < b.length; ) {
    let [ch, len] = mbrtowc(b, i, utf8);
    let bad = false;
    if (len === 0) [ch, len] = [0, 1];
    else if (len < 0 || (!utf8 && ch >= 0xdf00)) [ch, len, bad] = [b[i]!, 1, true];
    i += len;
    if (ch === 10) s += "\r\n";
    else if (!bad && ch !== 0 && (iswprint(ch) || iswspace(ch))) s += String.fromCodePoint(ch);
    else s += `<0x${ch.toString(16).toUpperCase()}>`;
  }
  return s;
}
