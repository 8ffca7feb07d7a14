// script — make a typescript of a terminal session.
// FreeBSD: script(1) as chimerautils ports it (no filemon -f). Options "adeFkpqrT:t:": -a append,
// -d playback without pauses, -e accepted (the child's status is always returned), -F flush after
// every write (always the case here: the typescript is written unbuffered), -k record keys typed
// while the terminal does not echo, -p play back a -r recording, -q quiet, -r raw recording with
// time stamps, -t time flush interval (validated), -T fmt playback with time stamps.
// `script [file [command ...]]`: the child (command, or $SHELL -i, default /bin/sh) runs in a new
// session on a new pseudo-terminal that gets our terminal's settings and size; our terminal is
// put in raw mode meanwhile. Standard input need not be a terminal: at its end the pty's EOF
// character is sent once. The exit status is the child's (or its signal number). Differences:
// messages to stdout come in the order they happen (FreeBSD's stdio buffering can move them to
// the end when stdout is a pipe); a command that cannot be started is reported by script itself.
import { defineApplet, Getopt, usage, err, errx, warn, type Ctx, readAll } from "@bsdbox/shared";
import { strftime, localtime } from "@bsdbox/shared/strftime";
import {
  open, O, close, writeAll, fstat, stat, access, S_ISREG, sleep, nowMs, waitpid, T, tcgetattr,
  tcsetattr, cfmakeraw, getWinsize, setWinsize, openpt, setNonblock, poll, POLL, readRaw, writeRaw,
  spawnOnTty, type Termios, type Winsize, SysError,
} from "@bsdbox/compat";

const USAGE = "usage: script [-aeFkpqr] [-t time] [file [command ...]]\n       script -p [-deq] [-T fmt] [file]";
const EAGAIN = 11;

function ctime(sec: number): string {
  return strftime("%a %b %e %H:%M:%S %Y\n", localtime(sec)!);
}

export default defineApplet({
  name: "script",
  main(ctx) {
    const g = new Getopt(ctx, "adeFkpqrT:t:");
    let aflg = false, kflg = false, pflg = false, qflg = false, rawout = false, tflg = false, usesleep = true;
    let tstampFmt = "%n@ %s [%Y-%m-%d %T]%n";
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": aflg = true; break;
        case "d": usesleep = false; break;
        case "e": case "F": break;
        case "k": kflg = true; break;
        case "p": pflg = true; break;
        case "q": qflg = true; break;
        case "r": rawout = true; break;
        case "t": {
          const m = /^[\t\n\v\f\r ]*([+-]?[0-9]+)/.exec(g.optarg!);
          const n = m ? Number(m[1]) | 0 : 0;
          if (n < 0) err(ctx, 1, `invalid flush time ${n}`, 0);
          break;
        }
        case "T":
          tflg = pflg = true;
          if (g.optarg!.includes("%")) tstampFmt = g.optarg!;
          break;
        default: usage(ctx, USAGE);
      }
    }
    const args = g.rest;
    const fname = args.length ? args.shift()! : "typescript";
    let fd: number;
    try {
      fd = open(fname, pflg ? O.RDONLY : O.WRONLY | O.CREAT | (aflg ? O.APPEND : O.TRUNC), 0o666);
    } catch (e) {
      err(ctx, 1, fname, e);
    }
    if (pflg) return playback(ctx, fd, qflg, usesleep, tflg, tstampFmt);
    return record(ctx, fd, fname, args, { kflg, qflg, rawout });
  },
});

/** execvp's search of `name` in `path` (our environment's PATH, not the runtime's): the first
 * executable regular file, else the name itself (the spawn then reports why it fails). */
function lookPath(name: string, path = "/usr/local/bin:/bin:/usr/bin"): string {
  if (name.includes("/") || name === "") return name;
  for (const dir of path.split(":")) {
    const p = dir === "" ? name : `${dir}/${name}`;
    try {
      if (S_ISREG(stat(p).mode) && access(p, 1)) return p;
    } catch {}
  }
  return name;
}

/** A -r record: u64 length, u64 seconds, u32 microseconds, u32 direction, then the data. */
function stamp(fd: number, dir: string, data?: Uint8Array) {
  const ms = nowMs();
  const h = new Uint8Array(24 + (data?.length ?? 0));
  const v = new DataView(h.buffer);
  v.setBigUint64(0, BigInt(data?.length ?? 0), true);
  v.setBigUint64(8, BigInt(Math.floor(ms / 1000)), true);
  v.setUint32(16, (ms % 1000) * 1000, true);
  v.setUint32(20, dir.charCodeAt(0), true);
  if (data) h.set(data, 24);
  writeAll(fd, h);
}

function record(ctx: Ctx, fd: number, fname: string, cmd: string[], o: { kflg: boolean; qflg: boolean; rawout: boolean }): number {
  const out = ctx.out;
  let tt: Termios | undefined, win: Winsize | undefined;
  try {
    tt = tcgetattr(0);
    win = getWinsize(0);
  } catch (e) {
    if ((e as SysError).errno !== 25) err(ctx, 1, "tcgetattr/ioctl", e);
    tt = undefined;
  }
  const ttyflg = tt !== undefined;
  let pt: { master: number; slave: string };
  let slaveFd: number;
  try {
    pt = openpt();
    slaveFd = open(pt.slave, O.RDWR | O.NOCTTY);
    if (tt) tcsetattr(slaveFd, T.TCSANOW, tt);
    if (win) setWinsize(slaveFd, win);
    setNonblock(pt.master);
  } catch (e) {
    err(ctx, 1, "openpty", e);
  }
  const master = pt.master;
  let showexit = false;
  if (o.rawout) stamp(fd, "s");
  if (!o.qflg) {
    out.write(`Script started, output file is ${fname}\n`);
    out.flush();
    if (!o.rawout) {
      let head = `Script started on ${ctime(Math.floor(nowMs() / 1000))}`;
      if (cmd.length) {
        showexit = true;
        head += `Command: ${cmd.join(" ")}\n`;
      }
      writeAll(fd, new TextEncoder().encode(head));
    }
  }
  if (tt) {
    const rtt: Termios = { ...tt, cc: tt.cc.slice() };
    cfmakeraw(rtt);
    rtt.lflag &= ~T.ECHO;
    try {
      tcsetattr(0, T.TCSAFLUSH, rtt);
    } catch {}
  }

  const done = (eno: number): number => {
    if (tt) {
      try {
        tcsetattr(0, T.TCSAFLUSH, tt);
      } catch {}
    }
    if (o.rawout) stamp(fd, "e");
    if (!o.qflg) {
      if (!o.rawout) {
        let tail = "";
        if (showexit) tail += `\nCommand exit status: ${eno}`;
        tail += `\nScript done on ${ctime(Math.floor(nowMs() / 1000))}`;
        writeAll(fd, new TextEncoder().encode(tail));
      }
      out.write(`\nScript done, output file is ${fname}\n`);
    }
    close(fd);
    close(master);
    return eno;
  };

  const env: [string, string][] = [...ctx.env].filter(([k]) => k !== "SCRIPT");
  env.push(["SCRIPT", fname]);
  const shell = ctx.env.get("SHELL") ?? "/bin/sh";
  const argv = cmd.length ? cmd : [shell, "-i"];
  let child: number;
  try {
    child = spawnOnTty([lookPath(argv[0]!, ctx.env.get("PATH")), ...argv.slice(1)], env, pt.slave);
  } catch (e) {
    close(slaveFd);
    warn(ctx, argv[0]!, e);
    return done(1);
  }
  close(slaveFd);

  /** The pty's settings as the child sees them (the slave's), if it is still open. */
  const slaveAttr = (): Termios | undefined => {
    try {
      const s = open(pt.slave, O.RDWR | O.NOCTTY | O.NONBLOCK);
      try {
        return tcgetattr(s);
      } finally {
        close(s);
      }
    } catch {
      return undefined;
    }
  };

  const queue: Uint8Array[] = [];
  const ibuf = new Uint8Array(8192), obuf = new Uint8Array(65536);
  let readstdin = true;
  let lastWin = win;
  for (;;) {
    const fds: [number, number][] = [[master, POLL.IN | (queue.length ? POLL.OUT : 0)]];
    if (readstdin) fds.push([0, POLL.IN]);
    let timeout = -1;
    if (!readstdin && ttyflg) {
      timeout = 1000;
      readstdin = true;
    } else if (ttyflg) timeout = 250;
    const rev = poll(fds, timeout);
    if (ttyflg) {
      // window-size changes of our terminal go to the pty (its foreground group gets SIGWINCH)
      try {
        const w = getWinsize(0);
        if (!lastWin || w.row !== lastWin.row || w.col !== lastWin.col || w.xpixel !== lastWin.xpixel || w.ypixel !== lastWin.ypixel) {
          setWinsize(master, w);
          lastWin = w;
        }
      } catch {}
    }
    if (fds.length > 1 && rev[1]! & (POLL.IN | POLL.HUP | POLL.ERR)) {
      const n = readRaw(0, ibuf);
      if (n < 0 && n !== -EAGAIN) break;
      if (n === 0) {
        const st = slaveAttr();
        if (st && st.lflag & T.ICANON) queue.push(new Uint8Array([st.cc[T.VEOF]!])); // after what is pending
        readstdin = false;
      } else if (n > 0) {
        const data = ibuf.slice(0, n);
        if (o.rawout) stamp(fd, "i", data);
        queue.push(data);
      }
    }
    if (queue.length && rev[0]! & POLL.OUT) {
      while (queue.length) {
        const be = queue[0]!;
        const n = writeRaw(master, be);
        if (n < 0) {
          if (n === -EAGAIN) break;
          warn(ctx, "write master", -n);
          return done(1);
        }
        if (n === 0) break;
        if (o.kflg) {
          const st = slaveAttr();
          if (st && !(st.lflag & T.ECHO)) writeAll(fd, be.subarray(0, n));
        }
        if (n === be.length) queue.shift();
        else queue[0] = be.subarray(n);
      }
    }
    if (rev[0]! & (POLL.IN | POLL.HUP | POLL.ERR)) {
      const n = readRaw(master, obuf);
      if (n === -EAGAIN) continue;
      if (n <= 0) break;
      const data = obuf.subarray(0, n);
      out.flush();
      writeAll(1, data);
      if (o.rawout) stamp(fd, "o", data);
      else writeAll(fd, data);
    }
  }
  // finish(): the child's status, or the signal that ended it
  let e = 0;
  try {
    const w = waitpid(child);
    if (w) e = w.signal ? w.signal : w.status;
  } catch {}
  return done(e);
}

/** Play back a -r recording. */
function playback(ctx: Ctx, fd: number, qflg: boolean, usesleep: boolean, tflg: boolean, fmt: string): number {
  const out = ctx.out;
  const reg = S_ISREG(fstat(fd).mode);
  const all = readAll(fd);
  const size = all.length;
  const v = new DataView(all.buffer, all.byteOffset, size);
  let saved: Termios | undefined;
  const termreset = () => {
    if (saved) {
      try {
        tcsetattr(1, T.TCSADRAIN, saved);
      } catch {}
      saved = undefined;
    }
  };
  let tsi = 0, lclock = 0;
  try {
    for (let off = 0; off < size; ) {
      if (off + 24 > size) {
        if (reg) err(ctx, 1, "reading playback header", 0);
        break;
      }
      let dir = v.getUint32(off + 20, true);
      const le = dir <= 0xff;
      if (!le) dir = v.getUint32(off + 20, false);
      const len = Number(v.getBigUint64(off, le));
      const sec = Number(v.getBigUint64(off + 8, le));
      const usec = v.getUint32(off + 16, le);
      if (len > size - 24 - off) errx(ctx, 1, "invalid stamp");
      const tso = sec * 1e6 + usec;
      if (off === 0) tsi = tso;
      const data = all.subarray(off + 24, off + 24 + len);
      off += 24 + len;
      switch (String.fromCharCode(dir)) {
        case "s":
          if (!qflg) out.write(`Script started on ${ctime(sec)}`);
          tsi = tso;
          try {
            const t = tcgetattr(1);
            saved = t;
            const raw: Termios = { ...t, cc: t.cc.slice() };
            cfmakeraw(raw);
            raw.lflag |= T.ISIG;
            tcsetattr(1, T.TCSANOW, raw);
          } catch {}
          break;
        case "e":
          termreset();
          if (!qflg) out.write(`\nScript done on ${ctime(sec)}`);
          break;
        case "i":
          break;
        case "o":
          if (tflg) {
            if (len === 0) continue;
            if (sec - lclock > 0) out.write(strftime(fmt, localtime(sec)!));
            lclock = sec;
          } else {
            if (usesleep && tso > tsi) {
              out.flush();
              sleep((tso - tsi) / 1000);
            }
            tsi = tso;
          }
          out.flush();
          writeAll(1, data);
          break;
        default:
          errx(ctx, 1, "invalid direction");
      }
    }
  } finally {
    out.flush();
    termreset();
  }
  close(fd);
  return 0;
}
