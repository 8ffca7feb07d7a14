// The runtime's modules, loaded on first use: `true` needs none of them, and node:fs alone costs
// ~1 ms of start-up in the compiled binary (reads, writes, opens and closes go through the core
// FFI library instead: ffi.ts). compat files call fs().readSync(...) etc. and never import node:*
// or bun:ffi at their top level. Internal to compat: not re-exported.
import type * as FS from "node:fs";
import type * as OS from "node:os";
import type * as FFI from "bun:ffi";

let _fs: typeof FS | undefined, _os: typeof OS | undefined, _ffi: FFIModule | undefined;
export const fs = (): typeof FS => (_fs ??= require("node:fs") as typeof FS);
export const os = (): typeof OS => (_os ??= require("node:os") as typeof OS);

/** The part of bun:ffi that compat uses. */
export type FFIModule = Pick<typeof FFI, "dlopen" | "FFIType" | "ptr" | "read" | "toArrayBuffer">;
export const ffi = (): FFIModule => (_ffi ??= nativeFFI() ?? (require("bun:ffi") as typeof FFI));

/**
 * bun:ffi's type codes (src/js/bun/ffi.ts of the pinned Bun; a test compares them with the
 * module's own table).
 */
export const FFI_TYPES = {
  i8: 1, u8: 2, i16: 3, u16: 4, i32: 5, u32: 6, i64: 7, u64: 8, f64: 9, f32: 10, bool: 11, ptr: 12,
  void: 13, cstring: 14, i64_fast: 15, u64_fast: 16,
} as const;

/**
 * bun:ffi without its module: the runtime's native FFI object (`Bun.FFI`) that the module wraps.
 * Loading bun:ffi costs ~0.6 ms of start-up, and its dlopen compiles a JavaScript wrapper per
 * function (`new Function`) that coerces each argument (numbers to bigints for the 64-bit types)
 * and adds three calls to every FFI call. The native functions take numbers, bigints, typed
 * arrays and null as they are (a test in compat.test.ts checks each integer type at its limits).
 * Undefined when the runtime has no such object: then bun:ffi itself is used.
 */
function nativeFFI(): FFIModule | undefined {
  const n = (globalThis as { Bun?: { FFI?: NativeFFI } }).Bun?.FFI;
  if (!n || typeof n.dlopen !== "function" || typeof n.ptr !== "function" || !n.read) return undefined;
  const dlopen = (path: string, defs: Record<string, { args?: readonly number[]; returns?: number }>) => {
    const r = n.dlopen(path, defs);
    if (r instanceof Error) throw r;
    return r;
  };
  return {
    dlopen: dlopen as unknown as FFIModule["dlopen"],
    FFIType: FFI_TYPES as unknown as FFIModule["FFIType"],
    ptr: ((a: unknown, off?: number) => (off === undefined ? n.ptr(a) : n.ptr(a, off))) as FFIModule["ptr"],
    read: n.read as FFIModule["read"],
    toArrayBuffer: n.toArrayBuffer as FFIModule["toArrayBuffer"],
  };
}
interface NativeFFI {
  dlopen(path: string, defs: Record<string, { args?: readonly number[]; returns?: number }>): unknown;
  ptr(a: unknown, off?: number): number;
  read: unknown;
  toArrayBuffer: unknown;
}
