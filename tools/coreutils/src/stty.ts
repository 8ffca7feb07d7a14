// stty — set the options for a terminal device interface.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/stty.html  FreeBSD: stty(1)
// Options (only leading words made of "-aefg" are options, as FreeBSD): -a every setting, cchars
// as "name = value;" (POSIX); -e every setting, cchars in columns (BSD "all"); -g one restorable
// "gfmt1:..." word; -f file acts on file (opened O_NONBLOCK) instead of standard input.
// Operands, in FreeBSD's order of search: keywords (all cbreak cols columns cooked dec ek
// everything extproc ispeed new nl old ospeed raw rows sane size speed tty), control characters
// (discard eof eol eol2 erase intr kill lnext min quit reprint start stop susp time werase; brk
// flush rprnt), mode names (c/i/l/o flags and combinations), a number (both speeds), gfmt1:....
// Linux lacks FreeBSD's altwerase, nokerninfo/kerninfo, dsrflow/dtrflow/ctsflow/rtsflow/mdmbuf,
// rtsdtr, erase2, dsusp and status: those are not recognised and not printed. A speed with no
// B* code is kept as BOTHER (termios2). -g prints min and time in hex like every other cchar and
// reads them back in hex (FreeBSD reads them as decimal, so values over 9 did not round-trip).
import { defineApplet, Getopt, usage, err, errx, warn, warnx, encode, type Ctx } from "@bsdbox/shared";
import {
  open, O, isatty, fstat, T, tcgetattr, tcsetattr, cfgetispeed, cfgetospeed, cfsetispeed,
  cfsetospeed, getWinsize, setWinsize, getLineDisc, setLineDisc, cfmakeraw, exitKeepingTerminal, type Termios, type Winsize,
} from "@bsdbox/compat";

const USAGE = "usage: stty [-a | -e | -g] [-f file] [arguments]";
const enum FMT { NOTSET, GFLAG, BSD, POSIX }
const LINELENGTH = 72;
const ctrl = (c: string) => c.charCodeAt(0) & 0o37;

/** Displayed control characters: name, c_cc index, FreeBSD's default. */
const CCHARS1: [string, number, number][] = [
  ["discard", T.VDISCARD, ctrl("O")], ["eof", T.VEOF, ctrl("D")], ["eol", T.VEOL, T.VDISABLE],
  ["eol2", T.VEOL2, T.VDISABLE], ["erase", T.VERASE, 0o177], ["intr", T.VINTR, ctrl("C")],
  ["kill", T.VKILL, ctrl("U")], ["lnext", T.VLNEXT, ctrl("V")], ["min", T.VMIN, 1],
  ["quit", T.VQUIT, 0o34], ["reprint", T.VREPRINT, ctrl("R")], ["start", T.VSTART, ctrl("Q")],
  ["stop", T.VSTOP, ctrl("S")], ["susp", T.VSUSP, ctrl("Z")], ["time", T.VTIME, 0],
  ["werase", T.VWERASE, ctrl("W")],
];
/** Old aliases, recognised but never displayed. */
const CCHARS2: [string, number][] = [["brk", T.VEOL], ["flush", T.VDISCARD], ["rprnt", T.VREPRINT]];

type Mode = [string, number, number]; // name, bits set, bits cleared
const CMODES: Mode[] = [
  ["cs5", T.CS5, T.CSIZE], ["cs6", T.CS6, T.CSIZE], ["cs7", T.CS7, T.CSIZE], ["cs8", T.CS8, T.CSIZE],
  ["cstopb", T.CSTOPB, 0], ["-cstopb", 0, T.CSTOPB], ["cread", T.CREAD, 0], ["-cread", 0, T.CREAD],
  ["parenb", T.PARENB, 0], ["-parenb", 0, T.PARENB], ["parodd", T.PARODD, 0], ["-parodd", 0, T.PARODD],
  ["parity", T.PARENB | T.CS7, T.PARODD | T.CSIZE], ["-parity", T.CS8, T.PARODD | T.PARENB | T.CSIZE],
  ["evenp", T.PARENB | T.CS7, T.PARODD | T.CSIZE], ["-evenp", T.CS8, T.PARODD | T.PARENB | T.CSIZE],
  ["oddp", T.PARENB | T.CS7 | T.PARODD, T.CSIZE], ["-oddp", T.CS8, T.PARODD | T.PARENB | T.CSIZE],
  ["pass8", T.CS8, T.PARODD | T.PARENB | T.CSIZE], ["-pass8", T.PARENB | T.CS7, T.PARODD | T.CSIZE],
  ["hupcl", T.HUPCL, 0], ["-hupcl", 0, T.HUPCL], ["hup", T.HUPCL, 0], ["-hup", 0, T.HUPCL],
  ["clocal", T.CLOCAL, 0], ["-clocal", 0, T.CLOCAL], ["crtscts", T.CRTSCTS, 0], ["-crtscts", 0, T.CRTSCTS],
];
const IMODES: Mode[] = [
  ["ignbrk", T.IGNBRK, 0], ["-ignbrk", 0, T.IGNBRK], ["brkint", T.BRKINT, 0], ["-brkint", 0, T.BRKINT],
  ["ignpar", T.IGNPAR, 0], ["-ignpar", 0, T.IGNPAR], ["parmrk", T.PARMRK, 0], ["-parmrk", 0, T.PARMRK],
  ["inpck", T.INPCK, 0], ["-inpck", 0, T.INPCK], ["istrip", T.ISTRIP, 0], ["-istrip", 0, T.ISTRIP],
  ["inlcr", T.INLCR, 0], ["-inlcr", 0, T.INLCR], ["igncr", T.IGNCR, 0], ["-igncr", 0, T.IGNCR],
  ["icrnl", T.ICRNL, 0], ["-icrnl", 0, T.ICRNL], ["ixon", T.IXON, 0], ["-ixon", 0, T.IXON],
  ["flow", T.IXON, 0], ["-flow", 0, T.IXON], ["ixoff", T.IXOFF, 0], ["-ixoff", 0, T.IXOFF],
  ["tandem", T.IXOFF, 0], ["-tandem", 0, T.IXOFF], ["ixany", T.IXANY, 0], ["-ixany", 0, T.IXANY],
  ["decctlq", 0, T.IXANY], ["-decctlq", T.IXANY, 0], ["imaxbel", T.IMAXBEL, 0], ["-imaxbel", 0, T.IMAXBEL],
  ["iutf8", T.IUTF8, 0], ["-iutf8", 0, T.IUTF8],
];
const LMODES: Mode[] = [
  ["echo", T.ECHO, 0], ["-echo", 0, T.ECHO], ["echoe", T.ECHOE, 0], ["-echoe", 0, T.ECHOE],
  ["crterase", T.ECHOE, 0], ["-crterase", 0, T.ECHOE], ["crtbs", T.ECHOE, 0], ["-crtbs", 0, T.ECHOE],
  ["echok", T.ECHOK, 0], ["-echok", 0, T.ECHOK], ["echoke", T.ECHOKE, 0], ["-echoke", 0, T.ECHOKE],
  ["crtkill", T.ECHOKE, 0], ["-crtkill", 0, T.ECHOKE], ["iexten", T.IEXTEN, 0], ["-iexten", 0, T.IEXTEN],
  ["echonl", T.ECHONL, 0], ["-echonl", 0, T.ECHONL], ["echoctl", T.ECHOCTL, 0], ["-echoctl", 0, T.ECHOCTL],
  ["ctlecho", T.ECHOCTL, 0], ["-ctlecho", 0, T.ECHOCTL], ["echoprt", T.ECHOPRT, 0], ["-echoprt", 0, T.ECHOPRT],
  ["prterase", T.ECHOPRT, 0], ["-prterase", 0, T.ECHOPRT], ["isig", T.ISIG, 0], ["-isig", 0, T.ISIG],
  ["icanon", T.ICANON, 0], ["-icanon", 0, T.ICANON], ["noflsh", T.NOFLSH, 0], ["-noflsh", 0, T.NOFLSH],
  ["tostop", T.TOSTOP, 0], ["-tostop", 0, T.TOSTOP], ["flusho", T.FLUSHO, 0], ["-flusho", 0, T.FLUSHO],
  ["pendin", T.PENDIN, 0], ["-pendin", 0, T.PENDIN],
  ["crt", T.ECHOE | T.ECHOKE | T.ECHOCTL, T.ECHOK | T.ECHOPRT], ["-crt", T.ECHOK, T.ECHOE | T.ECHOKE | T.ECHOCTL],
  ["newcrt", T.ECHOE | T.ECHOKE | T.ECHOCTL, T.ECHOK | T.ECHOPRT], ["-newcrt", T.ECHOK, T.ECHOE | T.ECHOKE | T.ECHOCTL],
];
const OMODES: Mode[] = [
  ["opost", T.OPOST, 0], ["-opost", 0, T.OPOST], ["litout", 0, T.OPOST], ["-litout", T.OPOST, 0],
  ["onlcr", T.ONLCR, 0], ["-onlcr", 0, T.ONLCR], ["ocrnl", T.OCRNL, 0], ["-ocrnl", 0, T.OCRNL],
  ["tabs", T.TAB0, T.TABDLY], ["-tabs", T.TAB3, T.TABDLY], ["oxtabs", T.TAB3, T.TABDLY],
  ["-oxtabs", T.TAB0, T.TABDLY], ["tab0", T.TAB0, T.TABDLY], ["tab3", T.TAB3, T.TABDLY],
  ["onocr", T.ONOCR, 0], ["-onocr", 0, T.ONOCR], ["onlret", T.ONLRET, 0], ["-onlret", 0, T.ONLRET],
];

interface Info { ctx: Ctx; fd: number; ldisc: number; off: boolean; set: boolean; wset: boolean; t: Termios; win: Winsize }

export default defineApplet({
  name: "stty",
  main(ctx) {
    const g = new Getopt(ctx, "aef:g");
    g.opterr = false;
    let fmt = FMT.NOTSET, fd = ctx.stdin, file = "stdin";
    opts: while (g.optind < g.argv.length && /^[-aefg]*$/.test(g.argv[g.optind]!)) {
      const c = g.next();
      switch (c) {
        case "a": fmt = FMT.POSIX; break;
        case "e": fmt = FMT.BSD; break;
        case "g": fmt = FMT.GFLAG; break;
        case "f":
          try {
            fd = open(g.optarg!, O.RDONLY | O.NONBLOCK);
          } catch (e) {
            err(ctx, 1, g.optarg!, e);
          }
          file = g.optarg!;
          break;
        default: break opts;
      }
    }
    const args = g.argv.slice(g.optind);
    let t: Termios;
    try {
      t = tcgetattr(fd);
    } catch {
      errx(ctx, 1, `${file} isn't a terminal`);
    }
    const i: Info = { ctx, fd, ldisc: 0, off: false, set: false, wset: false, t, win: { row: 0, col: 0, xpixel: 0, ypixel: 0 } };
    try {
      i.ldisc = getLineDisc(fd);
    } catch (e) {
      err(ctx, 1, "TIOCGETD", e);
    }
    try {
      i.win = getWinsize(fd);
    } catch (e) {
      warn(ctx, "TIOCGWINSZ", e);
    }
    checkRedirect(ctx);

    if (fmt === FMT.GFLAG) gprint(i);
    else if (fmt !== FMT.NOTSET || args.length === 0) print(i, fmt);

    for (let k = 0; k < args.length; k++) {
      const a = args[k]!;
      const kk = ksearch(i, args, k);
      if (kk >= 0) { k = kk; continue; }
      const ck = csearch(i, args, k);
      if (ck >= 0) { k = ck; continue; }
      if (msearch(i, a)) continue;
      if (/^[0-9]/.test(a)) {
        const speed = Number(/^[0-9]+/.exec(a)![0]);
        cfsetospeed(i.t, speed);
        cfsetispeed(i.t, speed);
        i.set = true;
        continue;
      }
      if (a.startsWith("gfmt1")) {
        gread(i, a.slice(5));
        i.set = true;
        continue;
      }
      warnx(ctx, `illegal option -- ${a}`);
      usage(ctx, USAGE);
    }
    if (i.set) {
      try {
        tcsetattr(fd, T.TCSANOW, i.t);
      } catch (e) {
        err(ctx, 1, "tcsetattr", e);
      }
    }
    if (i.wset) {
      try {
        setWinsize(fd, i.win);
      } catch (e) {
        warn(ctx, "TIOCSWINSZ", e);
      }
    }
    if (i.set) {
      // the runtime would put descriptors 0-2 back in their start-up modes at exit
      ctx.out.flush();
      ctx.err.flush();
      exitKeepingTerminal(0);
    }
    return 0;
  },
});

/** "stty > /dev/othertty" by mistake: stdout and stderr are different terminals. */
function checkRedirect(ctx: Ctx) {
  try {
    if (isatty(1) && isatty(2) && fstat(1).rdev !== fstat(2).rdev)
      warnx(ctx, "stdout appears redirected, but stdin is the control descriptor");
  } catch {}
}

// ---- keywords ----
type KeyFn = (i: Info, arg?: string) => void;
const KEYS: Record<string, [KeyFn, number]> = {}; // flags: 1 needs an argument, 2 may be turned off
function keys() {
  if (Object.keys(KEYS).length) return KEYS;
  const all: KeyFn = (i) => print(i, FMT.BSD);
  Object.assign(KEYS, {
    all: [all, 0], everything: [all, 0],
    cbreak: [(i: Info) => {
      if (i.off) return sane(i);
      i.t.iflag |= T.BRKINT | T.IXON | T.IMAXBEL;
      i.t.oflag |= T.OPOST;
      i.t.lflag |= T.ISIG | T.IEXTEN;
      i.t.lflag &= ~T.ICANON;
      i.set = true;
    }, 2],
    cols: [columns, 1], columns: [columns, 1],
    cooked: [sane, 0], sane: [sane, 0],
    dec: [(i: Info) => {
      i.t.cc[T.VERASE] = 0o177;
      i.t.cc[T.VKILL] = ctrl("U");
      i.t.cc[T.VINTR] = ctrl("C");
      i.t.lflag &= ~T.ECHOPRT;
      i.t.lflag |= T.ECHOE | T.ECHOKE | T.ECHOCTL;
      i.t.iflag &= ~T.IXANY;
      i.set = true;
    }, 0],
    ek: [(i: Info) => {
      i.t.cc[T.VERASE] = 0o177;
      i.t.cc[T.VKILL] = ctrl("U");
      i.set = true;
    }, 0],
    extproc: [(i: Info) => {
      if (i.off) i.t.lflag &= ~T.EXTPROC;
      else i.t.lflag |= T.EXTPROC;
      i.set = true;
    }, 2],
    ispeed: [(i: Info, a?: string) => { cfsetispeed(i.t, atoi(a!)); i.set = true; }, 1],
    ospeed: [(i: Info, a?: string) => { cfsetospeed(i.t, atoi(a!)); i.set = true; }, 1],
    new: [tty, 0], old: [tty, 0], tty: [tty, 0],
    nl: [(i: Info) => {
      if (i.off) {
        i.t.iflag |= T.ICRNL;
        i.t.oflag |= T.ONLCR;
      } else {
        i.t.iflag &= ~T.ICRNL;
        i.t.oflag &= ~T.ONLCR;
      }
      i.set = true;
    }, 2],
    raw: [(i: Info) => {
      if (i.off) return sane(i);
      cfmakeraw(i.t);
      i.t.cflag = (i.t.cflag & ~(T.CSIZE | T.PARENB)) | T.CS8;
      i.set = true;
    }, 2],
    rows: [(i: Info, a?: string) => { i.win.row = atoi(a!) & 0xffff; i.wset = true; }, 1],
    size: [(i: Info) => i.ctx.out.write(`${i.win.row} ${i.win.col}\n`), 0],
    speed: [(i: Info) => i.ctx.out.write(`${cfgetospeed(i.t)}\n`), 0],
  });
  return KEYS;
}
function columns(i: Info, a?: string) {
  i.win.col = atoi(a!) & 0xffff;
  i.wset = true;
}
function tty(i: Info) {
  try {
    setLineDisc(i.fd, T.N_TTY);
  } catch (e) {
    err(i.ctx, 1, "TIOCSETD", e);
  }
}
/** FreeBSD's cfmakesane for the flags: speeds and control characters are kept, as are CLOCAL
 * and the user's preference flags in c_lflag. */
function sane(i: Info) {
  const t = i.t;
  t.cflag = (T.CREAD | T.CS8 | T.HUPCL | (t.cflag & (T.CLOCAL | T.CBAUD | T.CIBAUD))) >>> 0;
  t.iflag = T.BRKINT | T.ICRNL | T.IMAXBEL | T.IXON | T.IXANY | T.IUTF8;
  const keep = T.ECHOKE | T.ECHOE | T.ECHOK | T.ECHOPRT | T.ECHOCTL | T.TOSTOP | T.NOFLSH;
  t.lflag = T.ICANON | T.ISIG | T.IEXTEN | T.ECHO | T.ECHOE | T.ECHOKE | T.ECHOCTL | (t.lflag & keep);
  t.oflag = T.OPOST | T.ONLCR;
  i.set = true;
}
/** atoi(3): optional blanks and sign, then digits; 0 when there are none. */
function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?[0-9]+)/.exec(s);
  return m ? Number(m[1]) | 0 : 0;
}

/** A keyword at args[k]: returns the index of the last argument used, or -1. */
function ksearch(i: Info, args: string[], k: number): number {
  let name = args[k]!;
  i.off = name[0] === "-";
  if (i.off) name = name.slice(1);
  const key = Object.hasOwn(keys(), name) ? KEYS[name] : undefined;
  if (!key) return -1;
  if (!(key[1] & 2) && i.off) {
    warnx(i.ctx, `illegal option -- -${name}`);
    usage(i.ctx, USAGE);
  }
  let arg: string | undefined;
  if (key[1] & 1) {
    arg = args[++k];
    if (arg === undefined) {
      warnx(i.ctx, `option requires an argument -- ${name}`);
      usage(i.ctx, USAGE);
    }
  }
  key[0](i, arg);
  return k;
}

/** A control character name at args[k] and its value: the index of the value, or -1. */
function csearch(i: Info, args: string[], k: number): number {
  const name = args[k]!;
  const sub = CCHARS1.find((c) => c[0] === name)?.[1] ?? CCHARS2.find((c) => c[0] === name)?.[1];
  if (sub === undefined) return -1;
  const arg = args[++k];
  if (arg === undefined) {
    warnx(i.ctx, `option requires an argument -- ${name}`);
    usage(i.ctx, USAGE);
  }
  const b = encode(arg);
  if (arg === "undef" || arg === "<undef>") i.t.cc[sub] = T.VDISABLE;
  else if (sub === T.VMIN || sub === T.VTIME) {
    const m = /^[\t\n\v\f\r ]*[+-]?[0-9]*/.exec(arg)!;
    const digits = /[0-9]/.test(m[0]);
    const val = digits ? Number(m[0].trim()) : 0;
    const end = digits ? m[0].length : 0;
    if (val > 255) {
      warnx(i.ctx, `maximum option value is 255 -- ${name}`);
      usage(i.ctx, USAGE);
    }
    if (end !== arg.length) {
      warnx(i.ctx, `option requires a numeric argument -- ${name}`);
      usage(i.ctx, USAGE);
    }
    i.t.cc[sub] = val & 0xff;
  } else if (b[0] === 0x5e /* ^ */) {
    const c = b[1] ?? 0;
    i.t.cc[sub] = c === 0x3f ? 0o177 : c === 0x2d ? T.VDISABLE : c & 0o37;
  } else i.t.cc[sub] = b[0] ?? 0;
  i.set = true;
  return k;
}

function msearch(i: Info, name: string): boolean {
  const tables: [Mode[], "cflag" | "iflag" | "lflag" | "oflag"][] = [[CMODES, "cflag"], [IMODES, "iflag"], [LMODES, "lflag"], [OMODES, "oflag"]];
  for (const [tab, field] of tables) {
    const m = tab.find((x) => x[0] === name);
    if (m) {
      i.t[field] = ((i.t[field] & ~m[2]) | m[1]) >>> 0;
      i.set = true;
      return true;
    }
  }
  return false;
}

// ---- output ----
function ccval(sub: number, c: number): string {
  if (sub === T.VMIN || sub === T.VTIME) return String(c);
  if (c === T.VDISABLE) return "<undef>";
  let s = "";
  if (c & 0o200) {
    s = "M-";
    c &= 0o177;
  }
  if (c === 0o177) s += "^?";
  else if (c < 0o40) s += "^" + String.fromCharCode(c + 0x40);
  else s += String.fromCharCode(c);
  return s;
}

function print(i: Info, fmt: FMT) {
  const out = i.ctx.out;
  const t = i.t;
  let head = "";
  if (i.ldisc !== T.N_TTY)
    head += i.ldisc === T.N_SLIP ? "slip disc; " : i.ldisc === T.N_PPP ? "ppp disc; " : `#${i.ldisc} disc; `;
  const isp = cfgetispeed(t), osp = cfgetospeed(t);
  head += isp !== osp ? `ispeed ${isp} baud; ospeed ${osp} baud;` : `speed ${isp} baud;`;
  if (fmt >= FMT.BSD) head += ` ${i.win.row} rows; ${i.win.col} columns;`;
  out.write(head + "\n");

  let col = 0, label = "";
  const binit = (lb: string) => {
    if (col) {
      out.write("\n");
      col = 0;
    }
    label = lb;
  };
  const bput = (s: string) => {
    if (col === 0) {
      const x = `${label}: ${s}`;
      out.write(x);
      col = x.length;
    } else if (col + s.length > LINELENGTH) {
      out.write("\n\t" + s);
      col = s.length + 8;
    } else {
      out.write(" " + s);
      col += 1 + s.length;
    }
  };
  let tmp = 0;
  const put = (n: string, f: number, d: boolean) => {
    const on = (tmp & f) !== 0;
    if (fmt >= FMT.BSD || on !== d) bput(on ? n.slice(1) : n);
  };

  tmp = t.lflag;
  binit("lflags");
  put("-icanon", T.ICANON, true);
  put("-isig", T.ISIG, true);
  put("-iexten", T.IEXTEN, true);
  put("-echo", T.ECHO, true);
  put("-echoe", T.ECHOE, false);
  put("-echok", T.ECHOK, false);
  put("-echoke", T.ECHOKE, false);
  put("-echonl", T.ECHONL, false);
  put("-echoctl", T.ECHOCTL, false);
  put("-echoprt", T.ECHOPRT, false);
  put("-noflsh", T.NOFLSH, false);
  put("-tostop", T.TOSTOP, false);
  put("-flusho", T.FLUSHO, false);
  put("-pendin", T.PENDIN, false);
  put("-extproc", T.EXTPROC, false);

  tmp = t.iflag;
  binit("iflags");
  put("-istrip", T.ISTRIP, false);
  put("-icrnl", T.ICRNL, true);
  put("-inlcr", T.INLCR, false);
  put("-igncr", T.IGNCR, false);
  put("-ixon", T.IXON, true);
  put("-ixoff", T.IXOFF, false);
  put("-ixany", T.IXANY, true);
  put("-imaxbel", T.IMAXBEL, true);
  put("-ignbrk", T.IGNBRK, false);
  put("-brkint", T.BRKINT, true);
  put("-inpck", T.INPCK, false);
  put("-ignpar", T.IGNPAR, false);
  put("-parmrk", T.PARMRK, false);
  put("-iutf8", T.IUTF8, true);

  tmp = t.oflag;
  binit("oflags");
  put("-opost", T.OPOST, true);
  put("-onlcr", T.ONLCR, true);
  put("-ocrnl", T.OCRNL, false);
  if ((tmp & T.TABDLY) === T.TAB0) bput("tab0");
  else if ((tmp & T.TABDLY) === T.TAB3) bput("tab3");
  put("-onocr", T.ONOCR, false);
  put("-onlret", T.ONLRET, false);

  tmp = t.cflag;
  binit("cflags");
  put("-cread", T.CREAD, true);
  bput(["cs5", "cs6", "cs7", "cs8"][(tmp & T.CSIZE) >> 4]!);
  bput(tmp & T.PARENB ? "parenb" : "-parenb");
  put("-parodd", T.PARODD, false);
  put("-hupcl", T.HUPCL, true);
  put("-clocal", T.CLOCAL, false);
  put("-cstopb", T.CSTOPB, false);
  put("-crtscts", T.CRTSCTS, false);

  const cc = t.cc;
  if (fmt === FMT.POSIX) {
    binit("cchars");
    for (const [name, sub] of CCHARS1) bput(`${name} = ${ccval(sub, cc[sub]!)};`);
    binit("");
  } else {
    binit("");
    let b1 = "", b2 = "", cnt = 0;
    for (const [name, sub, def] of CCHARS1) {
      if (fmt !== FMT.BSD && cc[sub] === def) continue;
      b1 += name.padEnd(8);
      b2 += ccval(sub, cc[sub]!).padEnd(8);
      if (++cnt === LINELENGTH >> 3) {
        out.write(`${b1}\n${b2}\n`);
        cnt = 0;
        b1 = b2 = "";
      }
    }
    if (cnt) out.write(`${b1}\n${b2}\n`);
  }
}

function gprint(i: Info) {
  const t = i.t;
  const h = (n: number) => (n >>> 0).toString(16);
  let s = `gfmt1:cflag=${h(t.cflag)}:iflag=${h(t.iflag)}:lflag=${h(t.lflag)}:oflag=${h(t.oflag)}:`;
  for (const [name, sub] of CCHARS1) s += `${name}=${h(t.cc[sub]!)}:`;
  s += `ispeed=${cfgetispeed(t)}:ospeed=${cfgetospeed(t)}\n`;
  i.ctx.out.write(s);
}

/** strtoul(s, NULL, base) for base 10 or 16. */
function strtoul(s: string, base: 10 | 16): number {
  const m = base === 16 ? /^[\t\n\v\f\r ]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]*)/.exec(s)! : /^[\t\n\v\f\r ]*([+-]?)([0-9]*)/.exec(s)!;
  if (!m[2]) return 0;
  const v = parseInt(m[2], base);
  return (m[1] === "-" ? -v : v) >>> 0;
}

function gread(i: Info, s: string) {
  const gerr = (p?: string): never => errx(i.ctx, 1, p === undefined ? "illegal gfmt1 option" : `illegal gfmt1 option -- ${p}`);
  const colon = s.indexOf(":");
  if (colon < 0) gerr();
  const t = i.t;
  for (const p of s.slice(colon + 1).split(":")) {
    if (!p) break;
    const eq = p.indexOf("=");
    if (eq < 0) gerr(p);
    const name = p.slice(0, eq), val = p.slice(eq + 1);
    const tmp = strtoul(val, 16);
    switch (name) {
      case "cflag": t.cflag = tmp; continue;
      case "iflag": t.iflag = tmp; continue;
      case "lflag": t.lflag = tmp; continue;
      case "oflag": t.oflag = tmp; continue;
      case "ispeed": cfsetispeed(t, strtoul(val, 10)); continue;
      case "ospeed": cfsetospeed(t, strtoul(val, 10)); continue;
    }
    const c = CCHARS1.find((x) => x[0] === name);
    if (!c) return gerr(name);
    t.cc[c[1]] = tmp & 0xff;
  }
}
