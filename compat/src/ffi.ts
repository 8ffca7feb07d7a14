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
    __errno_location: { args: [], returns: P },
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
  const p = libc().__errno_location();
  return p ? ffi().read.i32(p, 0) : 0;
}

/** The address of a typed array, for pointer arguments. */
export const ptr = (a: Parameters<typeof FFI.ptr>[0]): FFI.Pointer => ffi().ptr(a);

/** A library with isatty alone: bun:ffi compiles a trampoline per symbol at dlopen time, so the
 * one call made by nearly every tool (is stdout a terminal?) gets its own tiny handle. */
export function dlopenIsatty() {
  const { dlopen, FFIType } = ffi();
  return dlopen("libc.so.6", { isatty: { args: [FFIType.i32], returns: FFIType.i32 } }).symbols;
}

/** statx(2) alone, for stat/lstat/fstat: one FFI call with exact nanoseconds and a layout that is
 * the same on every architecture. Undefined when the libc lacks it (glibc < 2.28). */
export function dlopenStatx() {
  const { dlopen, FFIType } = ffi();
  try {
    return dlopen("libc.so.6", {
      statx: { args: [FFIType.i32, FFIType.ptr, FFIType.i32, FFIType.u32, FFIType.ptr], returns: FFIType.i32 },
    }).symbols;
  } catch {
    return undefined;
  }
}

/** getdents64(2), for readdirTyped: names and d_type in one pass over a 64 KiB buffer; with the
 * open(2), openat(2) and close(2) around it (the runtime's openSync costs more than the read). */
export function dlopenGetdents() {
  const { dlopen, FFIType } = ffi();
  try {
    return dlopen("libc.so.6", {
      getdents64: { args: [FFIType.i32, FFIType.ptr, FFIType.u64], returns: FFIType.i32 },
      open: { args: [FFIType.ptr, FFIType.i32, FFIType.u32], returns: FFIType.i32 },
      openat: { args: [FFIType.i32, FFIType.ptr, FFIType.i32, FFIType.u32], returns: FFIType.i32 },
      close: { args: [FFIType.i32], returns: FFIType.i32 },
    }).symbols;
  } catch {
    return undefined;
  }
}
