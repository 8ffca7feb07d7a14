// The real-time clock through libc (its own lazily opened FFI table): clock_gettime with
// nanoseconds (the runtime's Date has milliseconds only) and clock_settime (date(1) setting
// the time; needs CAP_SYS_TIME).
import { ffi } from "./rt";
import { SysError, sysError } from "./errno";

function openClock() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P } = FFIType;
  return dlopen("libc.so.6", {
    clock_gettime: { args: [i32, P], returns: i32 },
    clock_settime: { args: [i32, P], returns: i32 },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let lib: ReturnType<typeof openClock> | undefined;
const L = () => (lib ??= openClock());
const CLOCK_REALTIME = 0;

/** clock_gettime(CLOCK_REALTIME): seconds and nanoseconds since the epoch. */
export function realtime(): { sec: number; nsec: number } {
  const ts = new BigInt64Array(2);
  if (L().clock_gettime(CLOCK_REALTIME, ffi().ptr(ts)) !== 0) {
    const ms = Date.now();
    return { sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1e6 };
  }
  return { sec: Number(ts[0]), nsec: Number(ts[1]) };
}

/** clock_settime(CLOCK_REALTIME); throws the SysError (EPERM without the privilege). */
export function setRealtime(sec: number, nsec: number): void {
  const ts = new BigInt64Array([BigInt(sec), BigInt(nsec)]);
  if (L().clock_settime(CLOCK_REALTIME, ffi().ptr(ts)) !== 0) {
    const p = L().__errno_location();
    const e = p ? ffi().read.i32(p, 0) : 0;
    throw sysError(e, "clock_settime");
  }
}
