// Terminals: termios and window size through ioctl(2) (struct termios2, so any baud rate is
// kept), line disciplines, pseudo-terminals (posix_openpt/grantpt/unlockpt/ptsname_r), poll(2),
// raw non-blocking read/write, and a child started as a session leader on a terminal (posix_spawn
// with POSIX_SPAWN_SETSID: glibc runs setsid before the file actions, so opening the slave as
// descriptor 0 makes it the controlling terminal). libc through its own lazily opened FFI table.
// Constants are Linux's generic ABI (x86-64, arm64, riscv...).
import { ffi } from "./rt";
import { decode, cstr } from "./bytes";
import { SysError, sysError } from "./errno";

function openLib() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, u32, i64, i16, u64 } = FFIType;
  return dlopen("libc.so.6", {
    ioctl: { args: [i32, u64, P], returns: i32 },
    posix_openpt: { args: [i32], returns: i32 },
    grantpt: { args: [i32], returns: i32 },
    unlockpt: { args: [i32], returns: i32 },
    ptsname_r: { args: [i32, P, u64], returns: i32 },
    poll: { args: [P, u64, i32], returns: i32 },
    read: { args: [i32, P, u64], returns: i64 },
    write: { args: [i32, P, u64], returns: i64 },
    fcntl: { args: [i32, i32, i64], returns: i32 },
    posix_spawnp: { args: [P, P, P, P, P, P], returns: i32 },
    posix_spawn_file_actions_init: { args: [P], returns: i32 },
    posix_spawn_file_actions_addopen: { args: [P, i32, P, i32, u32], returns: i32 },
    posix_spawn_file_actions_adddup2: { args: [P, i32, i32], returns: i32 },
    posix_spawn_file_actions_destroy: { args: [P], returns: i32 },
    posix_spawnattr_init: { args: [P], returns: i32 },
    posix_spawnattr_setflags: { args: [P, i16], returns: i32 },
    posix_spawnattr_setsigdefault: { args: [P, P], returns: i32 },
    posix_spawnattr_setsigmask: { args: [P, P], returns: i32 },
    _exit: { args: [i32], returns: FFIType.void },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let lib: ReturnType<typeof openLib> | undefined;
const L = () => (lib ??= openLib());
const ptr = (a: NodeJS.TypedArray) => ffi().ptr(a);
function errno(): number {
  const p = L().__errno_location();
  return p ? ffi().read.i32(p, 0) : 0;
}
function fail(syscall: string, e = errno()): SysError {
  return sysError(e, syscall);
}

/** <termios.h> for Linux: flag bits, c_cc indices, speed codes. */
export const T = {
  // c_iflag
  IGNBRK: 0o1, BRKINT: 0o2, IGNPAR: 0o4, PARMRK: 0o10, INPCK: 0o20, ISTRIP: 0o40, INLCR: 0o100,
  IGNCR: 0o200, ICRNL: 0o400, IUCLC: 0o1000, IXON: 0o2000, IXANY: 0o4000, IXOFF: 0o10000,
  IMAXBEL: 0o20000, IUTF8: 0o40000,
  // c_oflag
  OPOST: 0o1, OLCUC: 0o2, ONLCR: 0o4, OCRNL: 0o10, ONOCR: 0o20, ONLRET: 0o40, OFILL: 0o100,
  OFDEL: 0o200, TABDLY: 0o14000, TAB0: 0, TAB1: 0o4000, TAB2: 0o10000, TAB3: 0o14000,
  // c_cflag
  CBAUD: 0o10017, CSIZE: 0o60, CS5: 0, CS6: 0o20, CS7: 0o40, CS8: 0o60, CSTOPB: 0o100,
  CREAD: 0o200, PARENB: 0o400, PARODD: 0o1000, HUPCL: 0o2000, CLOCAL: 0o4000, BOTHER: 0o10000,
  CIBAUD: 0o2003600000, CMSPAR: 0o10000000000, CRTSCTS: 0o20000000000, IBSHIFT: 16,
  // c_lflag
  ISIG: 0o1, ICANON: 0o2, XCASE: 0o4, ECHO: 0o10, ECHOE: 0o20, ECHOK: 0o40, ECHONL: 0o100,
  NOFLSH: 0o200, TOSTOP: 0o400, ECHOCTL: 0o1000, ECHOPRT: 0o2000, ECHOKE: 0o4000,
  FLUSHO: 0o10000, PENDIN: 0o40000, IEXTEN: 0o100000, EXTPROC: 0o200000,
  // c_cc
  VINTR: 0, VQUIT: 1, VERASE: 2, VKILL: 3, VEOF: 4, VTIME: 5, VMIN: 6, VSWTC: 7, VSTART: 8,
  VSTOP: 9, VSUSP: 10, VEOL: 11, VREPRINT: 12, VDISCARD: 13, VWERASE: 14, VLNEXT: 15, VEOL2: 16,
  NCCS: 19,
  /** the c_cc value that disables a control character */
  VDISABLE: 0,
  // tcsetattr actions
  TCSANOW: 0, TCSADRAIN: 1, TCSAFLUSH: 2,
  // line disciplines
  N_TTY: 0, N_SLIP: 1, N_PPP: 3,
} as const;

/** The baud rates with a B* code; the code of rate i is i below 16, else CBAUDEX|(i-15). */
const BAUDS = [0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400,
  57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000,
  2500000, 3000000, 3500000, 4000000];
function codeOf(baud: number): number | undefined {
  const i = BAUDS.indexOf(baud);
  return i < 0 ? undefined : i < 16 ? i : 0o10000 | (i - 15);
}
function baudOf(code: number): number {
  if (code & 0o10000) return BAUDS[15 + (code & 0o17)] ?? 0;
  return BAUDS[code] ?? 0;
}

/** A terminal's settings (struct termios2): the speeds live in c_cflag as on Linux; `ispeed`
 * and `ospeed` carry the rate when the code is BOTHER (any other rate). */
export interface Termios {
  iflag: number; oflag: number; cflag: number; lflag: number; line: number;
  cc: Uint8Array; ispeed: number; ospeed: number;
}

const TCGETS2 = 0x802c542an, TCSETS2 = 0x402c542bn, TCGETS = 0x5401n;
const TIOCGWINSZ = 0x5413n, TIOCSWINSZ = 0x5414n, TIOCGETD = 0x5424n, TIOCSETD = 0x5423n;

/** tcgetattr(3); throws ENOTTY (or EBADF...) as a SysError. */
export function tcgetattr(fd: number): Termios {
  const b = new Uint8Array(44);
  const v = new DataView(b.buffer);
  if (L().ioctl(fd, TCGETS2, ptr(b)) !== 0) {
    const e = errno();
    if (e !== 22 && e !== 25) throw fail("tcgetattr", e);
    if (e === 25 || L().ioctl(fd, TCGETS, ptr(b)) !== 0) throw fail("tcgetattr");
    const cf = v.getUint32(8, true);
    v.setUint32(36, baudOf((cf >>> 16) & T.CBAUD) || baudOf(cf & T.CBAUD), true);
    v.setUint32(40, baudOf(cf & T.CBAUD), true);
  }
  return {
    iflag: v.getUint32(0, true), oflag: v.getUint32(4, true), cflag: v.getUint32(8, true),
    lflag: v.getUint32(12, true), line: b[16]!, cc: b.slice(17, 36),
    ispeed: v.getUint32(36, true), ospeed: v.getUint32(40, true),
  };
}

/** tcsetattr(3): `when` is T.TCSANOW, TCSADRAIN or TCSAFLUSH. */
export function tcsetattr(fd: number, when: number, t: Termios): void {
  const b = new Uint8Array(44);
  const v = new DataView(b.buffer);
  v.setUint32(0, t.iflag >>> 0, true);
  v.setUint32(4, t.oflag >>> 0, true);
  v.setUint32(8, t.cflag >>> 0, true);
  v.setUint32(12, t.lflag >>> 0, true);
  b[16] = t.line;
  b.set(t.cc.subarray(0, 19), 17);
  v.setUint32(36, t.ispeed >>> 0, true);
  v.setUint32(40, t.ospeed >>> 0, true);
  for (;;) {
    if (L().ioctl(fd, TCSETS2 + BigInt(when), ptr(b)) === 0) return;
    const e = errno();
    if (e !== 4) throw fail("tcsetattr", e);
  }
}

/** cfgetospeed/cfgetispeed as baud rates (an input rate of 0 in c_cflag means "as output"). */
export function cfgetospeed(t: Termios): number {
  const c = t.cflag & T.CBAUD;
  return c === T.BOTHER ? t.ospeed : baudOf(c);
}
export function cfgetispeed(t: Termios): number {
  const c = (t.cflag >>> T.IBSHIFT) & T.CBAUD;
  if (c === 0) return cfgetospeed(t);
  return c === T.BOTHER ? t.ispeed : baudOf(c);
}
/** Set the output rate (any rate: one without a B* code is stored as BOTHER). A rate equal to
 * the current one leaves the settings untouched. */
export function cfsetospeed(t: Termios, baud: number): void {
  if (baud === cfgetospeed(t) && (t.cflag & T.CBAUD) !== T.BOTHER) return;
  const code = codeOf(baud) ?? T.BOTHER;
  t.cflag = ((t.cflag & ~T.CBAUD) | code) >>> 0;
  t.ospeed = baud >>> 0;
}
/** Set the input rate; 0 makes it follow the output rate. */
export function cfsetispeed(t: Termios, baud: number): void {
  if (baud !== 0 && baud === cfgetispeed(t)) return;
  const code = baud === 0 ? 0 : codeOf(baud) ?? T.BOTHER;
  t.cflag = ((t.cflag & ~T.CIBAUD) | (code << T.IBSHIFT)) >>> 0;
  t.ispeed = baud >>> 0;
}

/** cfmakeraw(3) as FreeBSD's libc does it: no input or output processing, 8-bit characters,
 * reads return each byte (VMIN 1, VTIME 0). */
export function cfmakeraw(t: Termios): void {
  t.iflag &= ~(T.IMAXBEL | T.IXOFF | T.INPCK | T.BRKINT | T.PARMRK | T.ISTRIP | T.INLCR | T.IGNCR | T.ICRNL | T.IXON | T.IGNPAR);
  t.iflag |= T.IGNBRK;
  t.oflag &= ~T.OPOST;
  t.lflag &= ~(T.ECHO | T.ECHOE | T.ECHOK | T.ECHONL | T.ICANON | T.ISIG | T.IEXTEN | T.NOFLSH | T.TOSTOP | T.PENDIN);
  t.cflag = ((t.cflag & ~(T.CSIZE | T.PARENB)) | T.CS8 | T.CREAD) >>> 0;
  t.cc[T.VMIN] = 1;
  t.cc[T.VTIME] = 0;
}

export interface Winsize { row: number; col: number; xpixel: number; ypixel: number }
/** TIOCGWINSZ; throws on failure. */
export function getWinsize(fd: number): Winsize {
  const w = new Uint16Array(4);
  if (L().ioctl(fd, TIOCGWINSZ, ptr(w)) !== 0) throw fail("TIOCGWINSZ");
  return { row: w[0]!, col: w[1]!, xpixel: w[2]!, ypixel: w[3]! };
}
/** TIOCSWINSZ (the kernel sends SIGWINCH to the terminal's foreground group). */
export function setWinsize(fd: number, ws: Winsize): void {
  const w = new Uint16Array([ws.row, ws.col, ws.xpixel, ws.ypixel]);
  if (L().ioctl(fd, TIOCSWINSZ, ptr(w)) !== 0) throw fail("TIOCSWINSZ");
}
/** TIOCGETD / TIOCSETD: the line discipline number. */
export function getLineDisc(fd: number): number {
  const d = new Int32Array(1);
  if (L().ioctl(fd, TIOCGETD, ptr(d)) !== 0) throw fail("TIOCGETD");
  return d[0]!;
}
export function setLineDisc(fd: number, disc: number): void {
  const d = new Int32Array([disc]);
  if (L().ioctl(fd, TIOCSETD, ptr(d)) !== 0) throw fail("TIOCSETD");
}

/** A new pseudo-terminal: the master descriptor (close-on-exec, not our controlling terminal)
 * and the slave's path, granted and unlocked. */
export function openpt(): { master: number; slave: string } {
  const l = L();
  const m = l.posix_openpt(0o2 | 0o400 | 0o2000000); // O_RDWR | O_NOCTTY | O_CLOEXEC
  if (m < 0) throw fail("posix_openpt");
  const buf = new Uint8Array(256);
  if (l.grantpt(m) !== 0 || l.unlockpt(m) !== 0) throw fail("grantpt");
  const r = l.ptsname_r(m, ptr(buf), buf.length);
  if (r !== 0) throw fail("ptsname_r", r);
  return { master: m, slave: decode(buf, 0, buf.indexOf(0)) };
}

/** Add O_NONBLOCK to a descriptor (or remove it). */
export function setNonblock(fd: number, on = true): void {
  const l = L();
  const f = l.fcntl(fd, 3 /* F_GETFL */, 0n);
  if (f === -1) throw fail("fcntl");
  const nf = on ? f | 0o4000 : f & ~0o4000;
  if (l.fcntl(fd, 4 /* F_SETFL */, BigInt(nf)) === -1) throw fail("fcntl");
}

export const POLL = { IN: 1, PRI: 2, OUT: 4, ERR: 8, HUP: 16, NVAL: 32 };
/** poll(2) over [fd, events] pairs; returns the revents of each (all 0 on timeout). EINTR gives
 * all zeros too. `timeoutMs` -1 waits for ever. */
export function poll(fds: [number, number][], timeoutMs: number): number[] {
  const a = new Int32Array(fds.length * 2);
  fds.forEach(([fd, ev], i) => {
    a[i * 2] = fd;
    a[i * 2 + 1] = ev & 0xffff;
  });
  const n = L().poll(ptr(a), fds.length, timeoutMs);
  if (n < 0) {
    const e = errno();
    if (e === 4) return fds.map(() => 0);
    throw fail("poll", e);
  }
  return fds.map((_, i) => (a[i * 2 + 1]! >>> 16) & 0xffff);
}

/** One read(2): bytes read, 0 at end of file, or -errno (EAGAIN, EIO...). EINTR is retried. */
export function readRaw(fd: number, buf: Uint8Array, off = 0, len = buf.length - off): number {
  for (;;) {
    const n = Number(L().read(fd, ptr(buf.subarray(off, off + len)), len));
    if (n >= 0) return n;
    const e = errno();
    if (e !== 4) return -e;
  }
}
/** One write(2): bytes written or -errno (EAGAIN, EPIPE...); EINTR is retried. */
export function writeRaw(fd: number, buf: Uint8Array, off = 0, len = buf.length - off): number {
  if (len === 0) return 0;
  for (;;) {
    const n = Number(L().write(fd, ptr(buf.subarray(off, off + len)), len));
    if (n >= 0) return n;
    const e = errno();
    if (e !== 4) return -e;
  }
}

/**
 * Start `argv[0]` (looked up in PATH) in a new session whose controlling terminal is `tty`,
 * opened read-write as descriptors 0, 1 and 2. Signal dispositions the runtime changed are
 * reset and the mask emptied. Returns the pid; throws the SysError when it cannot start.
 */
export function spawnOnTty(argv: string[], env: [string, string][], tty: string): number {
  const l = L();
  const attr = new Uint8Array(1024), fa = new Uint8Array(1024);
  const pathz = cstr(tty);
  l.posix_spawnattr_init(ptr(attr));
  const sigdef = new Uint8Array(128);
  for (const s of [1, 2, 3, 13, 15, 20, 21, 22, 25, 28]) sigdef[(s - 1) >> 3]! |= 1 << ((s - 1) & 7);
  const empty = new Uint8Array(128);
  l.posix_spawnattr_setsigdefault(ptr(attr), ptr(sigdef));
  l.posix_spawnattr_setsigmask(ptr(attr), ptr(empty));
  l.posix_spawnattr_setflags(ptr(attr), 0x04 | 0x08 | 0x80); // SETSIGDEF | SETSIGMASK | SETSID
  l.posix_spawn_file_actions_init(ptr(fa));
  l.posix_spawn_file_actions_addopen(ptr(fa), 0, ptr(pathz), 2 /* O_RDWR */, 0);
  l.posix_spawn_file_actions_adddup2(ptr(fa), 0, 1);
  l.posix_spawn_file_actions_adddup2(ptr(fa), 0, 2);
  const bufs = argv.map(cstr);
  const av = new BigUint64Array(bufs.length + 1);
  bufs.forEach((b, i) => (av[i] = BigInt(ptr(b))));
  const envb = env.map(([k, v]) => cstr(`${k}=${v}`));
  const ev = new BigUint64Array(envb.length + 1);
  envb.forEach((b, i) => (ev[i] = BigInt(ptr(b))));
  const pid = new Int32Array(1);
  const rc = l.posix_spawnp(ptr(pid), ptr(bufs[0]!), ptr(fa), ptr(attr), ptr(av), ptr(ev));
  l.posix_spawn_file_actions_destroy(ptr(fa));
  void pathz;
  if (rc !== 0) throw fail("posix_spawnp", rc);
  return pid[0]!;
}

/** End the process now with `status` (_exit(2)), skipping the runtime's exit handlers: Bun's
 * put the terminal modes of descriptors 0-2 back to what they were at start-up, which would
 * undo what stty just set. Flush every output stream first. */
export function exitKeepingTerminal(status: number): never {
  L()._exit(status);
  throw new Error("_exit returned");
}
