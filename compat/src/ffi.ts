// libc through bun:ffi, opened on first use only (dlopen costs ~0.3 ms; most tools never need it).
import { ffi } from "./rt";
import type * as FFI from "bun:ffi";

type Lib = ReturnType<typeof open>;
let lib: Lib | undefined;

function open() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, u32, i64, u64 } = FFIType;
  return dlopen("libc.so.6", {
    signal: { args: [i32, P], returns: P }, // handler: null = SIG_DFL, 1 = SIG_IGN
    raise: { args: [i32], returns: i32 },
    sigprocmask: { args: [i32, P, P], returns: i32 },
    execve: { args: [P, P, P], returns: i32 },
    ttyname_r: { args: [i32, P, u32], returns: i32 },
    ioctl: { args: [i32, i64, P], returns: i32 },
    getpgrp: { args: [], returns: i32 },
    getppid: { args: [], returns: i32 },
    sched_getaffinity: { args: [i32, u32, P], returns: i32 },
    sendfile: { args: [i32, i32, P, u64], returns: i64 },
    splice: { args: [i32, P, i32, P, u64, u32], returns: i64 },
    flock: { args: [i32, i32], returns: i32 },
    linkat: { args: [i32, P, i32, P, i32], returns: i32 },
    utimensat: { args: [i32, P, P, i32], returns: i32 },
    getxattr: { args: [P, P, P, u64], returns: i64 },
    mkfifo: { args: [P, u32], returns: i32 },
    mknod: { args: [P, u32, u64], returns: i32 },
    sync: { args: [], returns: FFIType.void },
    fallocate: { args: [i32, i32, i64, i64], returns: i32 },
    ftruncate: { args: [i32, i64], returns: i32 },
    chroot: { args: [P], returns: i32 },
    setgroups: { args: [u64, P], returns: i32 },
    setgid: { args: [u32], returns: i32 },
    setuid: { args: [u32], returns: i32 },
    unshare: { args: [i32], returns: i32 },
    lseek: { args: [i32, i64, i32], returns: i64 },
    copy_file_range: { args: [i32, P, i32, P, u64, u32], returns: i64 },
  });
}

export function libc() {
  return (lib ??= open()).symbols;
}

export function errno(): number {
  const p = core().__errno_location();
  return p ? ffi().read.i32(p, 0) : 0;
}

/** The address of a typed array, for pointer arguments. */
export const ptr = (a: Parameters<typeof FFI.ptr>[0], byteOffset?: number): FFI.Pointer => ffi().ptr(a, byteOffset);

/**
 * The calls nearly every tool makes, in one library of their own: read(2), write(2), open(2),
 * close(2), isatty(3) and errno, with the tree walkers' getdents64(2), openat(2) and statx(2).
 * Loading node:fs costs ~1 ms of start-up; bun:ffi and this dlopen ~0.6 ms together (the
 * dlopen's own cost barely grows with its symbols, ~7 µs each, so one library beats several).
 * getdents64 and statx are missing from an old libc (glibc < 2.28/2.30): they are then null.
 */
export function dlopenCore() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, u32, i64, u64, i64_fast } = FFIType;
  const base = {
    read: { args: [i32, P, u64], returns: i64_fast },
    pread: { args: [i32, P, u64, i64], returns: i64_fast },
    write: { args: [i32, P, u64], returns: i64_fast },
    pwrite: { args: [i32, P, u64, i64], returns: i64_fast },
    open: { args: [P, i32, u32], returns: i32 },
    openat: { args: [i32, P, i32, u32], returns: i32 },
    close: { args: [i32], returns: i32 },
    isatty: { args: [i32], returns: i32 },
    __errno_location: { args: [], returns: P },
  } as const;
  const extra = {
    getdents64: { args: [i32, P, u64], returns: i32 },
    statx: { args: [i32, P, i32, u32, P], returns: i32 },
  } as const;
  type Full = ReturnType<typeof dlopen<typeof base & typeof extra>>["symbols"];
  type Core = Omit<Full, "getdents64" | "statx"> & { getdents64: Full["getdents64"] | null; statx: Full["statx"] | null };
  try {
    return dlopen("libc.so.6", { ...base, ...extra }).symbols as Core;
  } catch {
    return { ...dlopen("libc.so.6", base).symbols, getdents64: null, statx: null } as Core;
  }
}
let coreLib: ReturnType<typeof dlopenCore> | undefined;
/** The core library (dlopenCore), opened on first use. */
export const core = () => (coreLib ??= dlopenCore());
