// The runtime's modules, loaded on first use: `true` needs none of them, and node:fs alone costs
// ~1 ms of start-up in the compiled binary (reads, writes, opens and closes go through the core
// FFI library instead: ffi.ts). compat files call fs().readSync(...) etc. and never import node:*
// or bun:ffi at their top level. Internal to compat: not re-exported.
import type * as FS from "node:fs";
import type * as OS from "node:os";
import type * as FFI from "bun:ffi";

let _fs: typeof FS | undefined, _os: typeof OS | undefined, _ffi: typeof FFI | undefined;
export const fs = (): typeof FS => (_fs ??= require("node:fs") as typeof FS);
export const os = (): typeof OS => (_os ??= require("node:os") as typeof OS);
export const ffi = (): typeof FFI => (_ffi ??= require("bun:ffi") as typeof FFI);
