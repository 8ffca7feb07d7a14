// compat: the only module that touches the runtime (Bun today) and the OS.
// A synchronous, libc-shaped API. Paths and names are lossless strings (see bytes.ts):
// a string holding escaped bytes is encoded back to the exact bytes before it reaches the kernel.
import type * as FS from "node:fs";
import type { Pointer as FFIPointer } from "bun:ffi";
import { fs, os } from "./rt";
import { decode, encode, hasEscapes, latin1, cstr } from "./bytes";
import { SysError, toSysError, ERRNO, strerror, sysError } from "./errno";
import { libc, errno as cerrno, ptr, core } from "./ffi";


export { decode, encode, hasEscapes, byteLength, utf8SeqLen, latin1, unlatin1 } from "./bytes";
export { SysError, strerror, ERRNO, sysError } from "./errno";
export * from "./users";

/** The SysError for the errno a failed FFI call left behind. */
function lastError(syscall: string, e = cerrno()): SysError {
  return sysError(e, syscall);
}

type PathArg = string | Buffer;
function P(s: string): PathArg {
  return hasEscapes(s) ? Buffer.from(encode(s)) : s;
}
function sys<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw toSysError(e);
  }
}

// ---------- process ----------
let argvCache: string[] | undefined;
/**
 * The process's argv with every byte kept: argv[0] as invoked (e.g. "cat" or "./dist/bsdbox").
 * Bun decodes its argv with U+FFFD for invalid UTF-8; only then is the kernel's copy read.
 */
export function argv(): string[] {
  if (argvCache) return argvCache;
  const fast = [process.argv0, ...process.argv.slice(2)];
  if (!fast.some((a) => a.includes("\uFFFD"))) return (argvCache = fast);
  let raw: Uint8Array | undefined;
  try {
    raw = fs().readFileSync("/proc/self/cmdline");
  } catch {}
  if (raw && raw.length) {
    const out: string[] = [];
    let s = 0;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0) { out.push(decode(raw, s, i)); s = i + 1; }
    }
    if (s < raw.length) out.push(decode(raw, s, raw.length));
    // sanity: the kernel's view must have as many arguments as Bun's
    if (out.length === fast.length) return (argvCache = out);
  }
  return (argvCache = fast);
}

/** The initial environment in its original order, byte-exact (read from the kernel only when
 * the runtime's decoded copy shows a U+FFFD, i.e. may have lost bytes). */
export function environ(): [string, string][] {
  const env = process.env;
  const out: [string, string][] = [];
  let lossy = false;
  for (const k in env) {
    const v = env[k] ?? "";
    if (k.includes("\uFFFD") || v.includes("\uFFFD")) { lossy = true; break; }
    out.push([k, v]);
  }
  if (!lossy) return out;
  out.length = 0;
  let raw: Uint8Array;
  try {
    raw = fs().readFileSync("/proc/self/environ");
  } catch {
    return Object.entries(env).map(([k, v]) => [k, v ?? ""]);
  }
  let s = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === 0) {
      if (i > s) {
        const e = decode(raw, s, i);
        const eq = e.indexOf("=");
        if (eq > 0) out.push([e.slice(0, eq), e.slice(eq + 1)]);
        else if (eq < 0) out.push([e, ""]);
      }
      s = i + 1;
    }
  }
  return out;
}

export function exit(code: number): never {
  process.exit(code);
}
export const getpid = () => process.pid;
export const getppid = () => process.ppid;

/** Die by `sig` exactly like a C program would (default disposition), e.g. SIGPIPE on EPIPE. */
export function dieBySignal(sig: number): never {
  try {
    const c = libc();
    c.signal(sig, null);
    c.raise(sig);
  } catch {}
  process.exit(128 + sig);
}

export function kill(pid: number, sig: number | string): void {
  sys(() => process.kill(pid, sig as any));
}

/** Sleep synchronously; ms may be fractional. */
export function sleep(ms: number): void {
  if (ms <= 0) return;
  // Bun.sleepSync takes milliseconds; chunk to stay inside 32-bit timers
  while (ms > 0) {
    const step = Math.min(ms, 2 ** 31 - 1);
    Bun.sleepSync(step);
    ms -= step;
  }
}

/** Monotonic clock in nanoseconds. */
export const monotonicNs = () => process.hrtime.bigint();
/** Wall clock in milliseconds. */
export const nowMs = () => Date.now();

/**
 * Replace this process with `path` (execve). Byte-exact arguments and environment. Signal
 * dispositions the runtime changed (SIGPIPE, SIGXFSZ ignored) and the signal mask are reset
 * first, so the new program starts as it would from a C parent. Returns only by throwing.
 */
export function execve(path: string, args: string[], env: [string, string][]): never {
  const c = libc();
  const keep: Uint8Array[] = [];
  const vec = (list: string[]) => {
    const v = new BigUint64Array(list.length + 1);
    list.forEach((s, i) => {
      const z = cstr(s);
      keep.push(z);
      v[i] = BigInt(ptr(z));
    });
    return v;
  };
  const pathz = cstr(path);
  const av = vec(args);
  const ev = vec(env.map(([k, v]) => `${k}=${v}`));
  c.signal(13, null);
  c.signal(25, null);
  const empty = new BigUint64Array(16);
  c.sigprocmask(2 /* SIG_SETMASK */, ptr(empty), null);
  c.execve(ptr(pathz), ptr(av), ptr(ev));
  const err = lastError("execve");
  void keep;
  throw err;
}

/**
 * execvp(3) as musl does it: a name without '/' is looked up in PATH from `env` (default
 * "/usr/local/bin:/bin:/usr/bin"); EACCES is remembered while the search goes on; there is no
 * /bin/sh fallback for ENOEXEC. Returns only by throwing the final error.
 */
export function execvp(file: string, args: string[], env: [string, string][]): never {
  if (file === "") throw new SysError(2, "ENOENT", "execvp");
  if (file.includes("/")) execve(file, args, env);
  const path = env.find(([k]) => k === "PATH")?.[1] ?? "/usr/local/bin:/bin:/usr/bin";
  let eacces = false;
  for (const dir of path.split(":")) {
    try {
      execve(dir === "" ? file : `${dir}/${file}`, args, env);
    } catch (e) {
      const se = e as SysError;
      if (se.errno === 13) eacces = true;
      else if (se.errno !== 2 && se.errno !== 20) throw se;
    }
  }
  throw eacces ? new SysError(13, "EACCES", "execvp") : new SysError(2, "ENOENT", "execvp");
}

/** signal(sig, SIG_IGN): ignore a signal (tee -i, nohup). Inherited by exec'd programs. */
export function ignoreSignal(sig: number): void {
  libc().signal(sig, 1 as unknown as null);
}

/** Run `handler` when signal `name` ("SIGUSR1"...) arrives (while the event loop runs). */
export function onSignal(name: string, handler: () => void): void {
  process.on(name as NodeJS.Signals, handler);
}

/** Sleep without blocking the event loop, so signal handlers run meanwhile. */
export function sleepAsync(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

export interface SpawnResult { status: number; signal: number; }
/** Run a program and wait for it (stdio inherited unless given). */
export function spawnWait(argv: string[], opts: { env?: [string, string][]; cwd?: string; stdin?: number; stdout?: number; stderr?: number } = {}): SpawnResult {
  const env: Record<string, string> = {};
  for (const [k, v] of opts.env ?? environ()) env[k] = v;
  const r = Bun.spawnSync({
    cmd: argv,
    env,
    cwd: opts.cwd,
    stdio: [opts.stdin ?? "inherit", opts.stdout ?? "inherit", opts.stderr ?? "inherit"] as any,
  });
  const sig = r.signalCode ? (os().constants.signals as Record<string, number>)[r.signalCode] ?? 0 : 0;
  return { status: r.exitCode ?? 0, signal: sig };
}

/**
 * posix_spawnp(3) and wait: run `argv[0]` (looked up in PATH) with stdio inherited and return
 * how it ended; a program that cannot be started throws the SysError (ENOENT, EACCES...).
 */
export function spawnvp(argv: string[], env: [string, string][] = environ()): SpawnResult {
  try {
    return spawnWait(argv, { env });
  } catch (e) {
    throw toSysError(e);
  }
}

export function signalNumber(name: string): number | undefined {
  return (os().constants.signals as Record<string, number>)[name];
}
export function signalNames(): Record<string, number> {
  return os().constants.signals as Record<string, number>;
}

// ---------- file descriptors ----------
export const O = {
  // Linux open(2) flag values (x86-64, arm64 and the other "generic" ABIs)
  RDONLY: 0, WRONLY: 1, RDWR: 2, CREAT: 0o100, EXCL: 0o200, NOCTTY: 0o400, TRUNC: 0o1000,
  APPEND: 0o2000, NONBLOCK: 0o4000, SYNC: 0o4010000, DIRECTORY: 0o200000, NOFOLLOW: 0o400000, CLOEXEC: 0o2000000,
  /** O_PATH: a handle that only names the file (no read permission needed, no I/O): for fstat
   * and as the base of "/proc/self/fd/N/name" look-ups (shared/fts.ts). */
  PATH: 0o10000000,
};

// The descriptor calls go through the core FFI library (ffi.ts): node:fs would cost ~1 ms of
// start-up to every tool that reads or writes.
/** open(2); the descriptor is close-on-exec (as the runtime's own open makes it). */
export function open(path: string, flags: number, mode = 0o666): number {
  const fd = core().open(cpath(path), flags | O.CLOEXEC, mode);
  if (fd < 0) throw lastError("open");
  return fd;
}
export function close(fd: number): void {
  if (core().close(fd) !== 0) {
    const e = cerrno();
    if (e !== 4 /* EINTR: the descriptor is gone anyway */) throw sysError(e, "close");
  }
}
/** openat(2): `name` relative to the directory open as `dirfd` (a tree walk opens each
 * directory from its parent's descriptor; no path is resolved from the root). */
export function openAt(dirfd: number, name: string, flags: number, mode = 0o666): number {
  const fd = core().openat(dirfd, cpath(name), flags | O.CLOEXEC, mode);
  if (fd < 0) throw lastError("open");
  return fd;
}

/** read(2), or pread(2) at `pos`; retries EAGAIN (non-blocking descriptors inherited from a
 * parent) and EINTR. */
export function read(fd: number, buf: Uint8Array, off = 0, len = buf.length - off, pos: number | null = null): number {
  if (len <= 0) return 0;
  const c = core();
  for (;;) {
    const n = (pos === null ? c.read(fd, ptr(buf, off), len) : c.pread(fd, ptr(buf, off), len, pos)) as number;
    if (n >= 0) return n;
    const e = cerrno();
    if (e === 4) continue;
    if (e === 11) { Bun.sleepSync(1); continue; }
    throw lastError("read", e);
  }
}

/**
 * Write all of buf. A write to a closed pipe kills the process by SIGPIPE, as for a C tool
 * (status 141, nothing on stderr). Other errors throw.
 */
export function writeAll(fd: number, buf: Uint8Array, off = 0, len = buf.length - off): void {
  const end = off + len, c = core();
  while (off < end) {
    const n = c.write(fd, ptr(buf, off), end - off) as number;
    if (n >= 0) { off += n; continue; }
    const e = cerrno();
    if (e === 4) continue;
    if (e === 11) { Bun.sleepSync(1); continue; }
    if (e === 32) dieBySignal(13);
    throw lastError("write", e);
  }
}

/**
 * Copy up to `count` bytes from in_fd (a regular file, at its current offset) to out_fd in the
 * kernel (sendfile(2)). Returns bytes copied (0 at EOF), or -1 when sendfile cannot serve these
 * descriptors (the caller falls back to read/write). EPIPE kills by SIGPIPE like writeAll.
 */
export function sendfile(outFd: number, inFd: number, count: number): number {
  const c = libc();
  for (;;) {
    const n = Number(c.sendfile(outFd, inFd, null, count));
    if (n >= 0) return n;
    const e = cerrno();
    if (e === 4) continue;
    if (e === 11) { Bun.sleepSync(1); continue; }
    if (e === 32) dieBySignal(13);
    if (e === 22 || e === 38 || e === 29) return -1;
    throw lastError("sendfile", e);
  }
}

/**
 * Move up to `count` bytes from inFd to outFd in the kernel with splice(2) (one of them must be
 * a pipe). Returns bytes moved (0 at EOF), or -1 when splice cannot serve these descriptors.
 * EPIPE kills by SIGPIPE like writeAll.
 */
export function splice(inFd: number, outFd: number, count: number): number {
  const c = libc();
  for (;;) {
    const n = Number(c.splice(inFd, null, outFd, null, count, 0));
    if (n >= 0) return n;
    const e = cerrno();
    if (e === 4) continue;
    if (e === 11) { sleep(1); continue; }
    if (e === 32) dieBySignal(13);
    if (e === 22 || e === 38 || e === 29 || e === 9) return -1;
    throw lastError("splice", e);
  }
}

/** flock(2): op is LOCK_SH=1, LOCK_EX=2, LOCK_UN=8, |LOCK_NB=4. */
export function flock(fd: number, op: number): void {
  if (libc().flock(fd, op) !== 0) throw lastError("flock");
}

export function fsync(fd: number): void {
  sys(() => fs().fsyncSync(fd));
}
/** ftruncate(2); a bigint length reaches the whole off_t range (through FFI). */
export function ftruncate(fd: number, len: number | bigint): void {
  if (typeof len === "number") return sys(() => fs().ftruncateSync(fd, len));
  for (;;) {
    if (libc().ftruncate(fd, len) === 0) return;
    const e = cerrno();
    if (e !== 4) throw lastError("ftruncate", e);
  }
}

/** lseek(2) whence values; SEEK.DATA/SEEK.HOLE find a sparse file's data and holes (Linux). */
export const SEEK = { SET: 0, CUR: 1, END: 2, DATA: 3, HOLE: 4 };
/** lseek(2) through FFI (the whole off_t range). Throws the errno (ENXIO: no data/hole past
 * `off` for SEEK.DATA; EINVAL where the file system cannot say). */
export function lseek(fd: number, off: number | bigint, whence: number): number {
  const r = Number(libc().lseek(fd, BigInt(off), whence));
  if (r < 0) throw lastError("lseek");
  return r;
}
/**
 * copy_file_range(2): copy up to `len` bytes from inFd at offset `inOff` to outFd at `outOff`
 * in the kernel (neither file offset moves). Returns bytes copied (0 at the end of the input), or
 * -1 when the kernel cannot do it for these files (EXDEV, EINVAL, ENOSYS, EOPNOTSUPP: the caller
 * falls back to read/write). Other errors throw (ENOSPC, EIO...).
 */
export function copyFileRange(inFd: number, inOff: number, outFd: number, outOff: number, len: number): number {
  const io = new BigInt64Array([BigInt(inOff)]), oo = new BigInt64Array([BigInt(outOff)]);
  const c = libc();
  for (;;) {
    const n = Number(c.copy_file_range(inFd, ptr(io), outFd, ptr(oo), len, 0));
    if (n >= 0) return n;
    const e = cerrno();
    if (e === 4) continue;
    if (e === 18 || e === 22 || e === 38 || e === 95 || e === 9) return -1;
    throw lastError("copy_file_range", e);
  }
}
/** pwrite all of buf at file offset `pos` (the descriptor's own offset does not move). */
export function pwriteAll(fd: number, buf: Uint8Array, pos: number, off = 0, len = buf.length - off): void {
  const end = off + len, c = core();
  while (off < end) {
    const n = c.pwrite(fd, ptr(buf, off), end - off, pos) as number;
    if (n >= 0) { off += n; pos += n; continue; }
    const e = cerrno();
    if (e !== 4) throw lastError("write", e);
  }
}

export function isatty(fd: number): boolean {
  return core().isatty(fd) === 1;
}
/** Terminal size of fd, or undefined. */
export function winsize(fd: number): { rows: number; cols: number } | undefined {
  if (!isatty(fd)) return undefined;
  try {
    const buf = new Uint16Array(4);
    if (libc().ioctl(fd, 0x5413 /* TIOCGWINSZ */, ptr(buf)) === 0) return { rows: buf[0]!, cols: buf[1]! };
  } catch {}
  return undefined;
}
/** Name of the terminal on fd (ttyname(3)), or throws ENOTTY. */
export function ttyname(fd: number): string {
  if (!isatty(fd)) throw new SysError(25, "ENOTTY", "ttyname");
  return readlink(`/proc/self/fd/${fd}`);
}

// ---------- file system ----------
export interface Stat {
  dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number; rdev: number;
  size: number; blksize: number; blocks: number;
  atimeNs: bigint; mtimeNs: bigint; ctimeNs: bigint;
}
function conv(s: FS.BigIntStats): Stat {
  return {
    dev: Number(s.dev), ino: Number(s.ino), mode: Number(s.mode), nlink: Number(s.nlink),
    uid: Number(s.uid), gid: Number(s.gid), rdev: Number(s.rdev), size: Number(s.size),
    blksize: Number(s.blksize), blocks: Number(s.blocks),
    atimeNs: s.atimeNs, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs,
  };
}
// stat through statx(2): half the cost of the runtime's bigint stat, and exact nanoseconds.
// struct statx is the same on every architecture; dev/rdev are rebuilt with glibc's makedev.
// struct statx read through word views (the hosts are little-endian); a DataView's getters are
// calls that cost more than the system call while a walk's code is still cold
const sxBuf = new Uint8Array(256), sxU32 = new Uint32Array(sxBuf.buffer), sxI32 = new Int32Array(sxBuf.buffer);
const sxU16 = new Uint16Array(sxBuf.buffer);
const sxPath = new Uint8Array(4096);
const utf8 = new TextEncoder();
// glibc's makedev in doubles (exact below 2^53, as Number() of the 64-bit value would be)
const makedev = (ma: number, mi: number) =>
  ma < 4096 && mi < 256 ? ma * 256 + mi
    : (ma & 0xfff) * 256 + (mi & 0xff) + Math.floor(mi / 256) * 1048576 + Math.floor(ma / 4096) * 17592186044416;
/** A decoded struct statx. The times are kept as seconds and nanoseconds and become bigints only
 * when read: a tree walk that looks at names, types or sizes makes no bigint at all. */
class Statx implements Stat {
  dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number; rdev: number;
  size: number; blksize: number; blocks: number;
  private as: number; private an: number; private ms: number; private mn: number; private cs: number; private cn: number;
  constructor(u: Uint32Array, i: Int32Array, h: Uint16Array) {
    // byte offsets of struct statx / 4 (tv_sec is signed 64-bit: the high word carries the sign)
    this.dev = makedev(u[34]!, u[35]!);
    this.ino = u[8]! + u[9]! * 4294967296;
    this.mode = h[14]!;
    this.nlink = u[4]!;
    this.uid = u[5]!;
    this.gid = u[6]!;
    this.rdev = makedev(u[32]!, u[33]!);
    this.size = u[10]! + u[11]! * 4294967296;
    this.blksize = u[1]!;
    this.blocks = u[12]! + u[13]! * 4294967296;
    this.as = u[16]! + i[17]! * 4294967296; this.an = u[18]!;
    this.ms = u[28]! + i[29]! * 4294967296; this.mn = u[30]!;
    this.cs = u[24]! + i[25]! * 4294967296; this.cn = u[26]!;
  }
  get atimeNs() { return BigInt(this.as) * 1000000000n + BigInt(this.an); }
  get mtimeNs() { return BigInt(this.ms) * 1000000000n + BigInt(this.mn); }
  get ctimeNs() { return BigInt(this.cs) * 1000000000n + BigInt(this.cn); }
  set atimeNs(t: bigint) { this.as = Number(t / 1000000000n); this.an = Number(t % 1000000000n); }
  set mtimeNs(t: bigint) { this.ms = Number(t / 1000000000n); this.mn = Number(t % 1000000000n); }
  set ctimeNs(t: bigint) { this.cs = Number(t / 1000000000n); this.cn = Number(t % 1000000000n); }
}
// The addresses of the fixed buffers, taken once: ptr() costs a few microseconds a call while
// the code is cold, more than the system calls it serves. (JavaScriptCore's heap does not move
// objects, so an address stays valid while its array lives; these live as long as the process.)
let sxBufPtr: FFIPointer | undefined, sxPathPtr: FFIPointer | undefined;
/** the last path too long or too odd for sxPath, kept alive while its address is in use */
let cpathKeep: Uint8Array | undefined;
/** The address of `path` as a NUL-terminated C string, for a system call made at once: in a
 * buffer reused by every call when it fits (two native calls: a character loop costs more while
 * the code is cold). */
function cpath(path: string): FFIPointer {
  if (path.length * 3 < sxPath.length && !hasEscapes(path)) {
    sxPath[utf8.encodeInto(path, sxPath).written] = 0;
    return (sxPathPtr ??= ptr(sxPath));
  }
  return ptr((cpathKeep = cstr(path)));
}
function statx(dirfd: number, path: string, flags: number, syscall: string): Stat | undefined {
  const sx = core().statx;
  if (sx === null) return undefined;
  if (sx(dirfd, cpath(path), flags, 0x7ff /* STATX_BASIC_STATS */, (sxBufPtr ??= ptr(sxBuf))) !== 0) throw lastError(syscall);
  return new Statx(sxU32, sxI32, sxU16);
}
/** A plain copy of `st` with some fields replaced. (Use this, not `{ ...st }`: a Stat from statx
 * keeps its times behind getters, which an object spread does not copy.) */
export function statWith(st: Stat, o: Partial<Stat> = {}): Stat {
  return {
    dev: st.dev, ino: st.ino, mode: st.mode, nlink: st.nlink, uid: st.uid, gid: st.gid, rdev: st.rdev,
    size: st.size, blksize: st.blksize, blocks: st.blocks, atimeNs: st.atimeNs, mtimeNs: st.mtimeNs,
    ctimeNs: st.ctimeNs, ...o,
  };
}
const AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;
export function stat(path: string): Stat {
  return statx(AT_FDCWD, path, 0, "stat") ?? sys(() => conv(fs().statSync(P(path), { bigint: true })));
}
export function lstat(path: string): Stat {
  return statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, "lstat") ?? sys(() => conv(fs().lstatSync(P(path), { bigint: true })));
}
/** fstatat(2) relative to a directory descriptor (O_PATH is enough): `follow` false = lstat. */
export function statAt(dirfd: number, name: string, follow = false): Stat {
  const r = statx(dirfd, name, follow ? 0 : AT_SYMLINK_NOFOLLOW, follow ? "stat" : "lstat");
  if (r) return r;
  const path = `/proc/self/fd/${dirfd}/${name}`;
  return follow ? stat(path) : lstat(path);
}
export function fstat(fd: number): Stat {
  return statx(fd, "", AT_EMPTY_PATH, "fstat") ?? sys(() => conv(fs().fstatSync(fd, { bigint: true })));
}
export const S = {
  IFMT: 0o170000, IFSOCK: 0o140000, IFLNK: 0o120000, IFREG: 0o100000, IFBLK: 0o060000,
  IFDIR: 0o040000, IFCHR: 0o020000, IFIFO: 0o010000,
};
export const S_ISDIR = (m: number) => (m & S.IFMT) === S.IFDIR;
export const S_ISREG = (m: number) => (m & S.IFMT) === S.IFREG;
export const S_ISLNK = (m: number) => (m & S.IFMT) === S.IFLNK;
export const S_ISFIFO = (m: number) => (m & S.IFMT) === S.IFIFO;
export const S_ISCHR = (m: number) => (m & S.IFMT) === S.IFCHR;
export const S_ISBLK = (m: number) => (m & S.IFMT) === S.IFBLK;
export const S_ISSOCK = (m: number) => (m & S.IFMT) === S.IFSOCK;

/** access(2): mode is a mask of R_OK=4, W_OK=2, X_OK=1 (0 = exists). Uses the real ids. */
export function access(path: string, mode: number): boolean {
  try {
    fs().accessSync(P(path), mode);
    return true;
  } catch {
    return false;
  }
}
/** Like access() but reports why. */
export function accessErr(path: string, mode: number): SysError | undefined {
  try {
    fs().accessSync(P(path), mode);
    return undefined;
  } catch (e) {
    return toSysError(e);
  }
}

/** readdir without "." and "..", names byte-exact. */
export function readdir(path: string): string[] {
  return readdirTyped(path).names;
}
function readdirRuntime(path: string): string[] {
  return sys(() => (fs().readdirSync(P(path), { encoding: "buffer" }) as Buffer[]).map((b) => decode(b)));
}
/** d_type values of readdirTyped (as <dirent.h>): DT_UNKNOWN when the file system or the runtime
 * does not say. */
export const DT = { UNKNOWN: 0, FIFO: 1, CHR: 2, DIR: 4, BLK: 6, REG: 8, LNK: 10, SOCK: 12 };
/**
 * readdirTyped through the runtime, where the libc lacks getdents64. The runtime gives types only
 * with decoded names, so the directory is read twice and the types kept only where both reads
 * agree on the entry (else DT_UNKNOWN).
 */
function readdirTypesRuntime(path: string): { name: string; type: number }[] {
  const names = readdirRuntime(path);
  let typed: FS.Dirent[] = [];
  try {
    typed = fs().readdirSync(P(path), { withFileTypes: true }) as FS.Dirent[];
  } catch {}
  const same = typed.length === names.length;
  return names.map((name, i) => {
    const d = same ? typed[i] : undefined;
    let type = DT.UNKNOWN;
    if (d && (d.name === name || (hasEscapes(name) && d.name.includes("\uFFFD")))) {
      type = d.isDirectory() ? DT.DIR : d.isFile() ? DT.REG : d.isSymbolicLink() ? DT.LNK : d.isFIFO() ? DT.FIFO
        : d.isCharacterDevice() ? DT.CHR : d.isBlockDevice() ? DT.BLK : d.isSocket() ? DT.SOCK : DT.UNKNOWN;
    }
    return { name, type };
  });
}
/** What readdirTyped gives: `types[i]` is the DT_* value of `names[i]`; `ascii` says every name is
 * ASCII (so that the engine's string order is byte order). */
export interface Dirents { names: string[]; types: Uint8Array; ascii: boolean }
const nonAscii = (s: string): boolean => /[^\0-\x7f]/.test(s);
/** the core library when its libc has getdents64, else null */
function dirLib() {
  const c = core();
  return c.getdents64 === null ? null : (c as typeof c & { getdents64: NonNullable<typeof c.getdents64> });
}
/** What readdirRaw gives, in compat's own buffers (valid until the next readdir of any kind):
 * entry i's name is the NUL-terminated bytes at `data[name[i]]`, its DT_* value `types[i]`. */
export interface RawDirents { data: Uint8Array; name: Uint32Array; types: Uint8Array; count: number }
// getdents64 fills rdData from the start, one call's records behind the last's (the buffer grows
// so that a whole directory fits); the scan notes where each name starts and its type, and for
// readdirTyped copies the names behind each other, NUL-separated, into rdNames
let rdData = new Uint8Array(0), rdDataPtr = 0 as FFIPointer, rdNames = new Uint8Array(0);
let rdName = new Uint32Array(0), rdTypes = new Uint8Array(0);
/** what the last readRecords copied to rdNames: its length, and the OR of its bytes */
let rdNamesLen = 0, rdHigh = 0;
function readRecords(gdLib: NonNullable<ReturnType<typeof dirLib>>, fd: number, dots: boolean, copy: boolean): number {
  let k = 0, dn = 0, m = 0, high = 0;
  for (;;) {
    // room for a full 32 KiB read: a record holds at least 19 + 2 bytes, so < len / 8 entries
    if (rdData.length - dn < 32768) {
      const d = new Uint8Array(Math.max(65536, 2 * rdData.length));
      d.set(rdData.subarray(0, dn));
      rdData = d;
      rdDataPtr = ptr(d);
      const at = new Uint32Array(d.length >> 3);
      at.set(rdName.subarray(0, k));
      rdName = at;
      const t = new Uint8Array(at.length);
      t.set(rdTypes.subarray(0, k));
      rdTypes = t;
    }
    // (names are copied only for readdirTyped: a raw read makes no such buffer)
    if (copy && rdNames.length < rdData.length) {
      const names = new Uint8Array(rdData.length);
      names.set(rdNames.subarray(0, m));
      rdNames = names;
    }
    const n = gdLib.getdents64(fd, (rdDataPtr + dn) as FFIPointer, rdData.length - dn);
    if (n < 0) throw lastError("readdir");
    if (n === 0) break;
    const buf = rdData, nb = rdNames, at = rdName, types = rdTypes;
    for (let off = dn, end = dn + n; off < end; ) {
      const reclen = buf[off + 16]! | (buf[off + 17]! << 8);
      let s = off + 19;
      off += reclen;
      if (!dots && buf[s] === 46 && (buf[s + 1] === 0 || (buf[s + 1] === 46 && buf[s + 2] === 0))) continue;
      types[k] = buf[s - 1]!;
      at[k++] = s;
      if (!copy) continue;
      for (let c; (c = buf[s]!) !== 0; s++) {
        nb[m++] = c;
        high |= c;
      }
      nb[m++] = 0;
    }
    dn += n;
  }
  rdNamesLen = m;
  rdHigh = high;
  return k;
}
/**
 * readdir with each entry's d_type in one pass (fts and ls use it to skip stat(2) calls):
 * getdents64(2) through FFI, names byte-exact (decoded losslessly), without "." and "..".
 * `types[i]` is the DT_* value of `names[i]` (DT_UNKNOWN where the file system does not say).
 * Falls back to the runtime where the libc lacks getdents64.
 */
export function readdirTyped(path: string): Dirents {
  const gdLib = dirLib();
  if (gdLib === null) {
    const l = readdirTypesRuntime(path);
    const names = l.map((x) => x.name);
    return { names, types: Uint8Array.from(l, (x) => x.type), ascii: !names.some(nonAscii) };
  }
  return withDir(path, readdirTypedFd);
}
/** read(fd) on directory `path` opened for reading, closed after. */
function withDir<T>(path: string, read: (fd: number) => T): T {
  const fd = open(path, O.RDONLY | O.DIRECTORY);
  try {
    return read(fd);
  } finally {
    core().close(fd);
  }
}
/** readdirTyped on a directory opened for reading (O_RDONLY, not O_PATH), read from its current
 * position to the end; the descriptor stays open. */
export function readdirTypedFd(fd: number): Dirents {
  const gdLib = dirLib();
  if (gdLib === null) return readdirTyped(`/proc/self/fd/${fd}`);
  const k = readRecords(gdLib, fd, false, true);
  // names hold no NUL, and a NUL ends any UTF-8 sequence: decoding the lot is decoding each; the
  // engine splits it into strings (a loop of byte moves and one native split cost less, while the
  // code is cold, than a string and a call per name)
  const m = rdNamesLen - 1;
  const names = k === 0 ? [] : (rdHigh < 0x80 ? latin1(rdNames, 0, m) : decode(rdNames, 0, m)).split("\0");
  return { names, types: rdTypes.slice(0, k), ascii: rdHigh < 0x80 };
}
/**
 * A directory's entries as bytes, no string made (ls sorts and prints a plain listing from
 * them): getdents64(2) records in compat's buffers, with "." and ".." only when `dots`. Null
 * where the libc lacks getdents64 (use readdirTyped).
 */
export function readdirRaw(path: string, dots = false): RawDirents | null {
  const gdLib = dirLib();
  if (gdLib === null) return null;
  return withDir(path, (fd) => {
    // (the count first: reading may replace the buffers)
    const count = readRecords(gdLib, fd, dots, false);
    return { data: rdData, name: rdName, types: rdTypes, count };
  });
}
/** The size of extended attribute `name` of `path` (getxattr(2) with no buffer, symlinks
 * followed), or throws (ENODATA when the file has no such attribute, ENOTSUP where the file
 * system has none). */
export function getxattrSize(path: string, name: string): number {
  const r = getxattrLen(path, name);
  if (r < 0) throw sysError(-r, "getxattr");
  return r;
}
/** getxattrSize without the exception: the size, or -errno (ls asks every file for its ACL and
 * nearly every answer is ENODATA). */
const xattrNames = new Map<string, Uint8Array>();
export function getxattrLen(path: string, name: string): number {
  let n = xattrNames.get(name);
  if (!n) xattrNames.set(name, (n = cstr(name)));
  const r = Number(libc().getxattr(cpath(path), ptr(n), null, 0));
  return r < 0 ? -cerrno() : r;
}
export function readlink(path: string): string {
  return sys(() => decode(fs().readlinkSync(P(path), { encoding: "buffer" }) as Buffer));
}
export function symlink(target: string, path: string): void {
  sys(() => fs().symlinkSync(P(target), P(path)));
}
/** link(2): a new name for `existing`. A symlink as `existing` gets the new name itself, unless
 * `follow` (linkat(2) with AT_SYMLINK_FOLLOW: the name is made for the file the link points to). */
export function link(existing: string, path: string, follow = false): void {
  if (!follow) {
    sys(() => fs().linkSync(P(existing), P(path)));
    return;
  }
  const a = cstr(existing), b = cstr(path);
  if (libc().linkat(-100 /* AT_FDCWD */, ptr(a), -100, ptr(b), 0x400 /* AT_SYMLINK_FOLLOW */) !== 0) throw lastError("linkat");
}
/** realpath(3): the absolute path with every symlink, "." and ".." resolved, byte-exact. */
export function realpath(path: string): string {
  return sys(() => decode(fs().realpathSync.native(P(path), { encoding: "buffer" }) as Buffer));
}
export function rename(from: string, to: string): void {
  sys(() => fs().renameSync(P(from), P(to)));
}
export function unlink(path: string): void {
  sys(() => fs().unlinkSync(P(path)));
}
export function rmdir(path: string): void {
  sys(() => fs().rmdirSync(P(path)));
}
export function mkdir(path: string, mode = 0o777): void {
  sys(() => fs().mkdirSync(P(path), { mode }));
}
export function chmod(path: string, mode: number): void {
  sys(() => fs().chmodSync(P(path), mode));
}
/**
 * fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW) as musl and glibc do it on Linux: the
 * file is opened as an O_PATH|O_NOFOLLOW handle; a symbolic link (Linux gives links no mode)
 * throws ENOTSUP, anything else is changed through /proc/self/fd/N, so a name swapped for a
 * symlink between a stat and this call is never followed.
 */
export function lchmod(path: string, mode: number): void {
  const f = fs();
  const fd = sys(() => f.openSync(P(path), O.PATH | O.NOFOLLOW));
  try {
    if (sys(() => f.fstatSync(fd)).isSymbolicLink()) throw new SysError(95, "ENOTSUP", "fchmodat");
    sys(() => f.chmodSync(`/proc/self/fd/${fd}`, mode));
  } finally {
    f.closeSync(fd);
  }
}
export function fchmod(fd: number, mode: number): void {
  sys(() => fs().fchmodSync(fd, mode));
}
export function chown(path: string, uid: number, gid: number): void {
  sys(() => fs().chownSync(P(path), uid, gid));
}
export function lchown(path: string, uid: number, gid: number): void {
  sys(() => fs().lchownSync(P(path), uid, gid));
}
export function fchown(fd: number, uid: number, gid: number): void {
  sys(() => fs().fchownSync(fd, uid, gid));
}
/** A struct timespec: seconds, and nanoseconds or UTIME_NOW_NSEC / UTIME_OMIT_NSEC. */
export interface Timespec { sec: bigint; nsec: bigint }
export const UTIME_NOW_NSEC = 0x3fffffffn, UTIME_OMIT_NSEC = 0x3ffffffen;
/** utimensat(2) with raw timespecs, as C passes them (the kernel checks the ranges; the special
 * nsec values UTIME_NOW_NSEC/UTIME_OMIT_NSEC ignore tv_sec). Every time is representable,
 * including the nanoseconds just before the epoch. `follow` false acts on a symlink itself. */
export function utimensat(path: string, atime: Timespec, mtime: Timespec, follow = true): void {
  const ts = new BigInt64Array([atime.sec, atime.nsec, mtime.sec, mtime.nsec]);
  const p = cstr(path);
  if (libc().utimensat(-100 /* AT_FDCWD */, ptr(p), ptr(ts), follow ? 0 : 0x100) !== 0) throw lastError("utimensat");
}
/** A time in nanoseconds since the epoch, or "now" (UTIME_NOW) or "omit" (UTIME_OMIT). */
export type TimeNs = bigint | "now" | "omit";
function timespec(t: TimeNs): Timespec {
  if (t === "now") return { sec: 0n, nsec: UTIME_NOW_NSEC };
  if (t === "omit") return { sec: 0n, nsec: UTIME_OMIT_NSEC };
  let sec = t / 1000000000n, nsec = t % 1000000000n;
  if (nsec < 0n) { nsec += 1000000000n; sec -= 1n; }
  return { sec, nsec };
}
/** Set access and modification times, exact to the nanosecond (utimensat(2)); `follow` false
 * acts on a symlink itself. */
export function utimens(path: string, atime: TimeNs, mtime: TimeNs, follow = true): void {
  utimensat(path, timespec(atime), timespec(mtime), follow);
}
export const utimes = (path: string, atime: TimeNs, mtime: TimeNs) => utimens(path, atime, mtime, true);
export const lutimes = (path: string, atime: TimeNs, mtime: TimeNs) => utimens(path, atime, mtime, false);

/** mkfifo(3): a named pipe with `mode` (less the umask). */
export function mkfifo(path: string, mode = 0o666): void {
  const p = cstr(path);
  if (libc().mkfifo(ptr(p), mode) !== 0) throw lastError("mkfifo");
}
/** mknod(2): `mode` carries the file type (S.IFCHR, S.IFBLK, S.IFIFO...), `dev` the device. */
export function mknod(path: string, mode: number, dev: number | bigint = 0): void {
  const p = cstr(path);
  if (libc().mknod(ptr(p), mode, dev) !== 0) throw lastError("mknod");
}
/** The digest of a file's contents in lower-case hex ("sha1", "sha256", "sha512", "md5"). */
export function hashFile(alg: string, path: string): string {
  const h = hashInit(alg);
  if (!h) throw new SysError(22, "EINVAL", "hash");
  const fd = open(path, O.RDONLY);
  try {
    const buf = new Uint8Array(1 << 16);
    for (let n; (n = read(fd, buf)) > 0; ) hashUpdate(h, buf.subarray(0, n));
  } finally {
    close(fd);
  }
  return hashDigest(h);
}
/** A streaming digest in the runtime's native hasher, or undefined when the runtime lacks the
 * algorithm ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256");
 * callers then use shared/hash.ts. */
export interface HashHandle { readonly alg: string }
export function hashInit(alg: string): HashHandle | undefined {
  try {
    const h = new Bun.CryptoHasher(alg as any);
    return Object.assign(Object.create(null), { alg, h }) as HashHandle;
  } catch {
    return undefined;
  }
}
/** Feed a chunk to a digest from hashInit. */
export function hashUpdate(h: HashHandle, data: Uint8Array): void {
  (h as unknown as { h: Bun.CryptoHasher }).h.update(data);
}
/** The digest in lower-case hex; the handle must not be used afterwards. */
export function hashDigest(h: HashHandle): string {
  return (h as unknown as { h: Bun.CryptoHasher }).h.digest("hex");
}
/** chroot(2): make `path` the process's root directory (the working directory is not changed). */
export function chroot(path: string): void {
  const p = cstr(path);
  if (libc().chroot(ptr(p)) !== 0) throw lastError("chroot");
}
/** setgroups(2): the supplementary group list. */
export function setgroups(gids: number[]): void {
  const a = new Uint32Array(Math.max(1, gids.length));
  a.set(gids.map((g) => g >>> 0));
  if (libc().setgroups(gids.length, ptr(a)) !== 0) throw lastError("setgroups");
}
/** setgid(2) / setuid(2), as libc does them (for every thread of the process). */
export function setgid(gid: number): void {
  if (libc().setgid(gid >>> 0) !== 0) throw lastError("setgid");
}
export function setuid(uid: number): void {
  if (libc().setuid(uid >>> 0) !== 0) throw lastError("setuid");
}
/** unshare(2) with CLONE_* flags (CLONE_NEWUSER = 0x10000000). */
export function unshare(flags: number): void {
  if (libc().unshare(flags) !== 0) throw lastError("unshare");
}
/** sync(2): schedule every file system's dirty data for writing. */
export function sync(): void {
  libc().sync();
}
/** fallocate(2) flags (Linux). */
export const FALLOC = { KEEP_SIZE: 1, PUNCH_HOLE: 2, COLLAPSE_RANGE: 8, ZERO_RANGE: 16, INSERT_RANGE: 32 };
/** fallocate(2): allocate, or with FALLOC.PUNCH_HOLE|KEEP_SIZE deallocate, a byte range of fd. */
export function fallocate(fd: number, mode: number, offset: number | bigint, len: number | bigint): void {
  for (;;) {
    if (libc().fallocate(fd, mode, BigInt(offset), BigInt(len)) === 0) return;
    const e = cerrno();
    if (e !== 4) throw lastError("fallocate", e);
  }
}
/** Unpredictable bytes (the system's CSPRNG, as getrandom(2) gives them). */
export function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(b.subarray(i, Math.min(n, i + 65536)));
  return b;
}
export function umask(mask?: number): number {
  if (mask === undefined) {
    const old = process.umask(0);
    process.umask(old);
    return old;
  }
  return process.umask(mask);
}
/** Physical working directory (getcwd(3)), byte-exact. */
export function getcwd(): string {
  try {
    const b = fs().readlinkSync("/proc/self/cwd", { encoding: "buffer" }) as Buffer;
    const s = decode(b);
    if (s.startsWith("/") && !s.endsWith(" (deleted)")) return s;
  } catch {}
  return sys(() => process.cwd());
}
export function chdir(path: string): void {
  try {
    process.chdir(hasEscapes(path) ? (encode(path) as any) : path);
  } catch (e) {
    throw toSysError(e);
  }
}

// ---------- system information ----------
export function uname() {
  return {
    sysname: os().type(), nodename: os().hostname(), release: os().release(), version: os().version(),
    machine: machineName(),
  };
}
/** uname(2)'s machine through libc: the runtime's answer ignores the personality (linux32). */
function machineName(): string {
  try {
    return unameMachine();
  } catch {
    return os().machine();
  }
}
/** CPUs this process may run on (sched_getaffinity), and CPUs configured. */
export function cpuCount(): { online: number; available: number; configured: number } {
  let available = 0;
  try {
    const set = new Uint8Array(128);
    if (libc().sched_getaffinity(0, set.length, ptr(set)) === 0)
      for (const b of set) for (let x = b; x; x &= x - 1) available++;
  } catch {}
  const online = os().availableParallelism?.() ?? os().cpus().length;
  let configured = 0;
  try {
    configured = fs().readdirSync("/sys/devices/system/cpu").filter((n) => /^cpu\d+$/.test(n)).length;
  } catch {}
  return { online, available: available || online, configured: configured || os().cpus().length || online };
}

// dd, df, du: raw write, fdatasync, fd flags, statvfs, the mount table
export * from "./vfs";

// sort: native byte comparison (memcmp order, shorter prefix first) and the physical memory size
/** Compare two byte strings as memcmp(3) then length would (negative, 0, positive). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}
/** Total physical memory in bytes (sysconf(_SC_PHYS_PAGES) * page size). */
export function physMemory(): number {
  return os().totalmem();
}
/**
 * Collect garbage now (a program that bounds its memory, like sort -S, calls it when it has just
 * dropped a large working set; without it the engine may let garbage accumulate). Synchronous.
 */
export function collectGarbage(): void {
  if (typeof Bun !== "undefined") Bun.gc(true);
}

// grep -F: native byte-string search
/** The index of the first occurrence of `needle` in hay[from, end), or -1 (memmem(3)). */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0, end = hay.length): number {
  if (from > end) return -1;
  const b = Buffer.from(hay.buffer, hay.byteOffset, end);
  return b.indexOf(needle, from);
}

type BufferChecks = { isAscii(b: Uint8Array): boolean; isUtf8(b: Uint8Array): boolean };
let _checks: BufferChecks | undefined;
const checks = (): BufferChecks => (_checks ??= require("node:buffer") as BufferChecks);
/** Every byte is ASCII (a native vector loop). */
export function isAscii(b: Uint8Array): boolean {
  return b.length === 0 || checks().isAscii(b);
}
/** The bytes are valid UTF-8 (a native check). */
export function isUtf8(b: Uint8Array): boolean {
  return b.length === 0 || checks().isUtf8(b);
}

/** A view of `b` whose indexOf(needle: Uint8Array, from) is the native byte-string search (memmem(3));
 * make it once per buffer, not per search. */
export interface ByteSearch {
  indexOf(needle: Uint8Array, from: number): number;
}
export function byteSearch(b: Uint8Array): ByteSearch {
  return Buffer.from(b.buffer, b.byteOffset, b.length) as unknown as ByteSearch;
}
import { unameMachine } from "./linux";
export * from "./proc";
export * from "./sys";
export * from "./term";
export * from "./host";
export * from "./clock";
export * from "./mount";
export * from "./linux";
