// Linux-specific calls for the util-linux tools (issue 10), through their own lazily-dlopen'd
// libc table: sessions (setsid, TIOCSCTTY, spawning into a new session), descriptor flags,
// I/O priorities (ioprio_get/set), CPU affinity, personality(2), reboot(2)'s Ctrl-Alt-Del
// switch, posix_fallocate(3), the BLKPG partition ioctl and FIFREEZE/FITHAW.
// Every call here acts on the calling thread where the kernel makes it per-thread
// (personality, affinity, I/O priority): the runtime runs JavaScript on the thread that then
// calls execve, so the program that replaces us inherits the setting.
import { ffi } from "./rt";
import { encode, decode } from "./bytes";
import { SysError, sysError } from "./errno";

function openLinux() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, i64, u64, i16 } = FFIType;
  return dlopen("libc.so.6", {
    setsid: { args: [], returns: i32 },
    getsid: { args: [i32], returns: i32 },
    getpgrp: { args: [], returns: i32 },
    getpid: { args: [], returns: i32 },
    ioctl: { args: [i32, u64, P], returns: i32 },
    fcntl: { args: [i32, i32, i64], returns: i32 },
    personality: { args: [u64], returns: i32 },
    syscall: { args: [i64, i64, i64, i64], returns: i64 },
    sched_setaffinity: { args: [i32, u64, P], returns: i32 },
    reboot: { args: [i32], returns: i32 },
    posix_fallocate: { args: [i32, i64, i64], returns: i32 },
    uname: { args: [P], returns: i32 },
    posix_spawnp: { args: [P, P, P, P, P, P], returns: i32 },
    posix_spawn: { args: [P, P, P, P, P, P], returns: i32 },
    posix_spawnattr_init: { args: [P], returns: i32 },
    posix_spawnattr_setflags: { args: [P, i16], returns: i32 },
    posix_spawnattr_setsigdefault: { args: [P, P], returns: i32 },
    posix_spawnattr_setsigmask: { args: [P, P], returns: i32 },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let linuxLib: ReturnType<typeof openLinux> | undefined;
const L = () => (linuxLib ??= openLinux());
const ptr = (a: Parameters<ReturnType<typeof ffi>["ptr"]>[0]) => ffi().ptr(a);

function errnoNow(): number {
  return ffi().read.i32(L().__errno_location()!, 0);
}
function fail(syscall: string, e = errnoNow()): SysError {
  return sysError(e, syscall);
}
function z(s: string): Uint8Array {
  const b = encode(s);
  const r = new Uint8Array(b.length + 1);
  r.set(b);
  return r;
}

/** System call numbers that differ between x86-64 and the generic table (arm64, riscv64...). */
function nr(name: "ioprio_set" | "ioprio_get" | "sched_getaffinity"): number {
  const x64 = process.arch === "x64";
  switch (name) {
    case "ioprio_set": return x64 ? 251 : 30;
    case "ioprio_get": return x64 ? 252 : 31;
    case "sched_getaffinity": return x64 ? 204 : 123;
  }
}

// ---------- sessions ----------
/** setsid(2): a new session and process group led by this process; returns the session id. */
export function setsid(): number {
  const r = L().setsid();
  if (r < 0) throw fail("setsid");
  return r;
}
/** getpgrp(2): this process's group. */
export function getpgrp(): number {
  return L().getpgrp();
}
/** getsid(2) of `pid` (0: this process). */
export function getsid(pid = 0): number {
  const r = L().getsid(pid);
  if (r < 0) throw fail("getsid");
  return r;
}
/** ioctl(fd, TIOCSCTTY, steal): make the terminal on fd the session's controlling terminal. */
export function setControllingTty(fd: number, steal: boolean): void {
  if (L().ioctl(fd, 0x540e, (steal ? 1 : 0) as never) !== 0) throw fail("ioctl");
}

/**
 * posix_spawnp(3) into a new session (POSIX_SPAWN_SETSID): `args[0]` is looked up in PATH
 * unless `path` names the program to run. Signal dispositions the runtime changed (SIGPIPE,
 * SIGXFSZ) and the signal mask are reset as a C parent leaves them. Returns the child's pid;
 * throws the SysError when the program cannot be started.
 */
export function spawnSession(args: string[], env: [string, string][], path?: string): number {
  const lib = L();
  const attr = new Uint8Array(1024);
  lib.posix_spawnattr_init(ptr(attr));
  const sigdef = new Uint8Array(128);
  for (const s of [13, 25, 32, 33]) sigdef[(s - 1) >> 3]! |= 1 << ((s - 1) & 7);
  const empty = new Uint8Array(128);
  lib.posix_spawnattr_setsigdefault(ptr(attr), ptr(sigdef));
  lib.posix_spawnattr_setsigmask(ptr(attr), ptr(empty));
  lib.posix_spawnattr_setflags(ptr(attr), 0x04 | 0x08 | 0x80); // SETSIGDEF | SETSIGMASK | SETSID
  const keep = [...args.map(z), ...env.map(([k, v]) => z(`${k}=${v}`))];
  const av = new BigUint64Array(args.length + 1);
  const ev = new BigUint64Array(env.length + 1);
  for (let i = 0; i < args.length; i++) av[i] = BigInt(ptr(keep[i]!));
  for (let i = 0; i < env.length; i++) ev[i] = BigInt(ptr(keep[args.length + i]!));
  const pid = new Int32Array(1);
  const file = path === undefined ? keep[0]! : z(path);
  const rc = path === undefined
    ? lib.posix_spawnp(ptr(pid), ptr(file), null, ptr(attr), ptr(av), ptr(ev))
    : lib.posix_spawn(ptr(pid), ptr(file), null, ptr(attr), ptr(av), ptr(ev));
  void keep;
  if (rc !== 0) throw fail("posix_spawn", rc);
  return pid[0]!;
}

// ---------- descriptors ----------
/** fcntl(fd, F_GETFD): the descriptor flags (FD_CLOEXEC = 1); throws EBADF for a closed one. */
export function fdFlags(fd: number): number {
  const r = L().fcntl(fd, 1 /* F_GETFD */, 0n);
  if (r < 0) throw fail("fcntl");
  return r;
}
/** Set or clear FD_CLOEXEC (the runtime opens every file close-on-exec). */
export function setCloexec(fd: number, on: boolean): void {
  const f = fdFlags(fd);
  if (L().fcntl(fd, 2 /* F_SETFD */, BigInt(on ? f | 1 : f & ~1)) < 0) throw fail("fcntl");
}

// ---------- I/O priority ----------
export const IOPRIO = {
  WHO_PROCESS: 1, WHO_PGRP: 2, WHO_USER: 3,
  CLASS_NONE: 0, CLASS_RT: 1, CLASS_BE: 2, CLASS_IDLE: 3, CLASS_SHIFT: 13,
} as const;
/** ioprio_get(2): the raw priority value (class << 13 | data). */
export function ioprioGet(which: number, who: number): number {
  const r = Number(L().syscall(nr("ioprio_get"), which, who, 0));
  if (r < 0) throw fail("ioprio_get");
  return r;
}
/** ioprio_set(2) with a raw priority value. */
export function ioprioSet(which: number, who: number, prio: number): void {
  if (Number(L().syscall(nr("ioprio_set"), which, who, prio)) < 0) throw fail("ioprio_set");
}

// ---------- CPU affinity ----------
/**
 * sched_getaffinity(2) as the kernel answers it: the mask of `pid` (0: the calling thread) in
 * the kernel's own size (bit i of byte j is CPU 8j+i). The buffer grows until the kernel's
 * mask fits.
 */
export function getAffinity(pid: number): Uint8Array {
  for (let size = 256; ; size *= 2) {
    const buf = new Uint8Array(size);
    const r = Number(L().syscall(nr("sched_getaffinity"), pid, size, ptr(buf)));
    if (r >= 0) return buf.slice(0, r);
    const e = errnoNow();
    if (e !== 22 || size >= 1 << 20) throw fail("sched_getaffinity", e);
  }
}
/** sched_setaffinity(2) for `pid` (0: the calling thread). */
export function setAffinity(pid: number, mask: Uint8Array): void {
  if (L().sched_setaffinity(pid, mask.length, ptr(mask)) !== 0) throw fail("sched_setaffinity");
}

// ---------- personality, uname, reboot ----------
export const PER = {
  LINUX: 0, LINUX32: 0x0008, UNAME26: 0x0020000, ADDR_NO_RANDOMIZE: 0x0040000,
  FDPIC_FUNCPTRS: 0x0080000, MMAP_PAGE_ZERO: 0x0100000, ADDR_COMPAT_LAYOUT: 0x0200000,
  READ_IMPLIES_EXEC: 0x0400000, ADDR_LIMIT_32BIT: 0x0800000, SHORT_INODE: 0x1000000,
  WHOLE_SECONDS: 0x2000000, STICKY_TIMEOUTS: 0x4000000, ADDR_LIMIT_3GB: 0x8000000,
} as const;
/** personality(2): set the calling thread's execution domain; returns the previous one
 * (0xffffffff only asks). */
export function personality(p: number): number {
  const r = L().personality(p >>> 0);
  if (r === -1) throw fail("personality");
  return r >>> 0;
}
/** uname(2)'s machine field as this thread sees it now (personality changes it). */
export function unameMachine(): string {
  const buf = new Uint8Array(65 * 6);
  if (L().uname(ptr(buf)) !== 0) throw fail("uname");
  const s = 65 * 4;
  let e = s;
  while (e < s + 65 && buf[e] !== 0) e++;
  return decode(buf, s, e);
}
/** reboot(2) with a LINUX_REBOOT_CMD_* value (CAD_ON 0x89abcdef, CAD_OFF 0). */
export function rebootCmd(cmd: number): void {
  if (L().reboot(cmd | 0) !== 0) throw fail("reboot");
}

// ---------- files and block devices ----------
/** posix_fallocate(3): allocate the range (the libc emulates it where fallocate(2) cannot). */
export function posixFallocate(fd: number, offset: number | bigint, len: number | bigint): void {
  for (;;) {
    const rc = L().posix_fallocate(fd, BigInt(offset), BigInt(len));
    if (rc === 0) return;
    if (rc !== 4) throw fail("posix_fallocate", rc);
  }
}

/** BLKPG operations. */
export const BLKPG = { ADD_PARTITION: 1, DEL_PARTITION: 2, RESIZE_PARTITION: 3 } as const;
/**
 * ioctl(fd, BLKPG, ...) on a whole-disk device: add, delete or resize partition `pno`; start
 * and length in bytes (struct blkpg_partition, names left empty).
 */
export function blkpg(fd: number, op: number, pno: number, start: bigint, length: bigint): void {
  // struct blkpg_partition { long long start, length; int pno; char devname[64], volname[64]; }
  const part = new ArrayBuffer(152);
  const pv = new DataView(part);
  pv.setBigInt64(0, start, true);
  pv.setBigInt64(8, length, true);
  pv.setInt32(16, pno, true);
  const partBytes = new Uint8Array(part);
  // struct blkpg_ioctl_arg { int op, flags, datalen; void *data; }
  const arg = new Uint8Array(24);
  const av = new DataView(arg.buffer);
  av.setInt32(0, op, true);
  av.setInt32(4, 0, true);
  av.setInt32(8, 152, true);
  av.setBigUint64(16, BigInt(ptr(partBytes)), true);
  if (L().ioctl(fd, 0x1269 /* BLKPG */, ptr(arg)) !== 0) throw fail("ioctl");
}

/** FIFREEZE (freeze true) or FITHAW on the file system holding the open file `fd`. */
export function fsFreeze(fd: number, freeze: boolean): void {
  if (L().ioctl(fd, freeze ? 0xc0045877 : 0xc0045878, 0 as never) !== 0) throw fail("ioctl");
}
