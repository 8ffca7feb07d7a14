// logger — make entries in the system log.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/logger.html  FreeBSD: logger(1)
// usage: logger [-46Ais] [-f file] [-h host] [-P port] [-p pri] [-t tag] [-S addr:port] [message ...]
// The operands, joined by spaces into messages of at most 1022 bytes, or else each line of
// standard input (or of -f file, 1023 bytes at most per read), are logged with priority -p
// (facility.level or a number; default user.notice) and tag -t (default: the login name). Locally
// they go to /dev/log as musl's syslog(3) sends them: "<PRI>Mmm dd hh:mm:ss TAG[PID]: message\n"
// (UTC time; [PID] with -i); -s copies "TAG[PID]: message" to standard error; when nothing
// listens on /dev/log the message is lost silently, as syslog(3) loses it. With -h host the
// message "<PRI>Mmm dd hh:mm:ss HOST TAG: message" goes by UDP to host's port -P (service
// "syslog", else 514), from -S addr:port when given, to the first address that takes it (to
// all with -A); -4/-6 choose the address family; -H sets HOST (default: this host's name up to
// its first dot).
import { defineApplet, Getopt, usage, err, errx, warn, warnx, encode, type Ctx } from "@bsdbox/shared";
import {
  open, read, close, O, getpid, gethostname, nowMs, openLocalLog, resolveUdp, udpSocket,
  bindSocket, sendTo, GaiError, EAI_SERVICE, type SockAddr,
} from "@bsdbox/compat";

const USAGE = "usage: logger [-46Ais] [-f file] [-h host] [-P port] [-p pri] [-t tag]\n              [-S addr:port] [message ...]";
const FACILITIES: Record<string, number> = {
  auth: 4 << 3, authpriv: 10 << 3, cron: 9 << 3, daemon: 3 << 3, ftp: 11 << 3, kern: 0, lpr: 6 << 3,
  mail: 2 << 3, mark: 24 << 3, news: 7 << 3, security: 4 << 3, syslog: 5 << 3, user: 1 << 3,
  uucp: 8 << 3, local0: 16 << 3, local1: 17 << 3, local2: 18 << 3, local3: 19 << 3,
  local4: 20 << 3, local5: 21 << 3, local6: 22 << 3, local7: 23 << 3,
};
const LEVELS: Record<string, number> = {
  alert: 1, crit: 2, debug: 7, emerg: 0, err: 3, error: 3, info: 6, none: 0x10, notice: 5,
  panic: 0, warn: 4, warning: 4,
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A name of the table (any case) or a number (atoi: leading digits), else -1. */
function decodeName(name: string, table: Record<string, number>): number {
  if (/^[0-9]/.test(name)) return parseInt(name, 10);
  return table[name.toLowerCase()] ?? -1;
}
/** "facility.level" or "level" to a priority value. */
function pencode(ctx: Ctx, s: string): number {
  const dot = s.indexOf(".");
  let fac = 0, lev: string;
  if (dot >= 0) {
    const f = s.slice(0, dot);
    fac = decodeName(f, FACILITIES);
    if (fac < 0) errx(ctx, 1, `unknown facility name: ${f}`);
    lev = s.slice(dot + 1);
  } else lev = s;
  const l = decodeName(lev, LEVELS);
  if (l < 0) errx(ctx, 1, `unknown priority name: ${s}`);
  return (l & 7) | (fac & 0x3f8);
}

const pad2 = (n: number) => String(n).padStart(2, "0");
/** "%b %e %T" in the C locale. */
function stamp(utc: boolean): string {
  const d = new Date(nowMs());
  const [mo, da, h, mi, se] = utc
    ? [d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${MONTHS[mo]} ${String(da).padStart(2, " ")} ${pad2(h)}:${pad2(mi)}:${pad2(se)}`;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export default defineApplet({
  name: "logger",
  main(ctx) {
    let family: 0 | 4 | 6 = 0, all = false, pid = false, perror = false;
    let tag: string | undefined, host: string | undefined, hostname: string | undefined;
    let svc = "syslog", src: string | undefined, pristr: string | undefined, file: string | undefined;
    const g = new Getopt(ctx, "46Af:H:h:iP:p:S:st:");
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "4": family = 4; break;
        case "6": family = 6; break;
        case "A": all = true; break;
        case "f": file = g.optarg!; break;
        case "H": hostname = g.optarg!; break;
        case "h": host = g.optarg!; break;
        case "i": pid = true; break;
        case "P": svc = g.optarg!; break;
        case "p": pristr = g.optarg!; break;
        case "s": perror = true; break;
        case "S": src = g.optarg!; break;
        case "t": tag = g.optarg!; break;
        default: usage(ctx, USAGE);
      }
    }
    let inFd = ctx.stdin;
    if (file !== undefined) {
      try {
        inFd = open(file, O.RDONLY);
      } catch (e) {
        err(ctx, 1, file, e);
      }
    }
    const socks = host !== undefined ? udpSetup(ctx, src, host, svc, family) : undefined;
    if (host === undefined && src !== undefined) errx(ctx, 1, "-h option is missing.");
    let pri = 1 << 3 | 5;
    if (pristr !== undefined) pri = pencode(ctx, pristr);
    tag ??= ctx.env.get("LOGNAME"); // musl's getlogin()

    let send: (msg: Uint8Array) => void;
    let done = () => {};
    if (!socks) {
      // musl's openlog(tag, flags, 0) and syslog(pri, "%s", msg)
      const ident = encode(tag ?? "").subarray(0, 31);
      const log = openLocalLog();
      done = () => log.close();
      if (!(pri & 0x3f8)) pri |= 1 << 3; // a level alone: the user facility, as FreeBSD's syslog(3)
      send = (msg) => {
        if (pri & ~0x3ff) return;
        const head = encode(`<${pri}>${stamp(true)} `);
        const who = concat(ident, encode(pid ? `[${getpid()}]: ` : ": "));
        let body = concat(who, msg);
        if (head.length + body.length > 1023) body = body.subarray(0, 1023 - head.length);
        if (body.length === 0 || body[body.length - 1] !== 10) body = concat(body, new Uint8Array([10]));
        log.send(concat(head, body));
        if (perror) { ctx.err.write(body); ctx.err.flush(); }
      };
    } else {
      let hn = hostname;
      if (hn === undefined) {
        try {
          hn = gethostname();
        } catch {
          hn = "";
        }
        const dot = hn.indexOf(".");
        if (dot >= 0) hn = hn.slice(0, dot);
      }
      const head = encode(`<${pri}>${stamp(false)} ${hn} ${tag ?? "(null)"}: `);
      send = (msg) => {
        const line = concat(head, msg);
        let sent = -1, errno: unknown;
        for (const s of socks) {
          try {
            sent = sendTo(s.fd, line, s.addr);
          } catch (e) {
            sent = -1;
            errno = e;
          }
          if (sent === line.length && !all) break;
        }
        if (sent !== line.length) {
          if (sent === -1) warn(ctx, "sendto", errno);
          else warnx(ctx, `sendto: short send - ${sent} bytes`);
        }
      };
    }

    const args = g.rest;
    if (args.length) {
      // join the operands with spaces into messages as FreeBSD fills its 1024-byte buffer
      let buf: Uint8Array[] = [], len = 0;
      const flush = () => { if (buf.length) send(concat(...buf)); buf = []; len = 0; };
      for (const a of args) {
        const b = encode(a);
        if (len + b.length > 1022 && len > 0) flush();
        if (b.length > 1023) { send(b); continue; }
        if (len) { buf.push(new Uint8Array([32])); len++; }
        buf.push(b);
        len += b.length;
      }
      flush();
    } else {
      // fgets(buf, 1024): lines (with their newline) of at most 1023 bytes
      readLines(ctx, inFd, 1023, send);
    }
    done();
    if (file !== undefined) close(inFd);
    return 0;
  },
});

function readLines(ctx: Ctx, fd: number, max: number, each: (line: Uint8Array) => void): void {
  const buf = new Uint8Array(65536);
  let pend = new Uint8Array(0);
  for (;;) {
    let n: number;
    try {
      n = read(fd, buf);
    } catch (e) {
      return err(ctx, 1, "stdin", e);
    }
    let data = n > 0 ? concat(pend, buf.subarray(0, n)) : pend;
    let s = 0;
    for (;;) {
      const nl = data.indexOf(10, s);
      const end = nl >= 0 ? nl + 1 : -1;
      if (end >= 0 && end - s <= max) { each(data.subarray(s, end)); s = end; continue; }
      if (data.length - s >= max) { each(data.subarray(s, s + max)); s += max; continue; }
      break;
    }
    pend = data.slice(s);
    if (n <= 0) {
      if (pend.length) each(pend);
      return;
    }
  }
}

interface Sock { fd: number; addr: SockAddr }
function udpSetup(ctx: Ctx, src: string | undefined, dst: string, svc: string, family: 0 | 4 | 6): Sock[] {
  const srcAddr = new Map<number, SockAddr>();
  if (src !== undefined) {
    let p = src, hs = 0, hbuf: string | null = null, sbuf: string | null = null;
    if (p[0] === "[") {
      const close = p.indexOf("]");
      if (close < 0) errx(ctx, 1, `"]" not found in src addr`);
      const inner = p.slice(1, close);
      p = inner + p.slice(close + 1);
      hs = inner.length;
      hbuf = inner === "" ? null : inner;
      const rest = p.slice(hs);
      if (rest[0] === ":" && rest.length > 1) sbuf = rest.slice(1);
    } else if (p !== "") {
      const colon = p.indexOf(":");
      hbuf = colon === 0 ? null : colon > 0 ? p.slice(0, colon) : p;
      if (colon >= 0 && colon + 1 < p.length) sbuf = p.slice(colon + 1);
    }
    let list: SockAddr[];
    try {
      list = resolveUdp(hbuf, sbuf, family, true);
    } catch (e) {
      return errx(ctx, 1, `${(e as Error).message}: ${src}`);
    }
    for (const a of list) if ((a.family === 2 || a.family === 10) && !srcAddr.has(a.family)) srcAddr.set(a.family, a);
  }
  let res: SockAddr[];
  try {
    res = resolveUdp(dst, svc, family);
  } catch (e) {
    if (!(e instanceof GaiError)) throw e;
    let e2: unknown = e;
    if (e.code === EAI_SERVICE) {
      warnx(ctx, `${svc}/udp: unknown service`);
      try {
        res = resolveUdp(dst, "514", family);
        e2 = undefined;
      } catch (e3) {
        e2 = e3;
      }
    }
    if (e2 !== undefined) errx(ctx, 1, `${(e2 as Error).message}: ${dst}`);
  }
  const socks: Sock[] = [];
  for (const a of res!) {
    const fd = udpSocket(a.family);
    if (fd < 0) continue;
    if (src !== undefined && !srcAddr.has(a.family)) errx(ctx, 1, "address family mismatch");
    const from = srcAddr.get(a.family);
    if (from) {
      try {
        bindSocket(fd, from);
      } catch (e) {
        err(ctx, 1, "bind", e);
      }
    }
    socks.push({ fd, addr: a });
  }
  if (!socks.length) errx(ctx, 1, "socket");
  return socks;
}
