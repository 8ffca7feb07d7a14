// Opening operands the way the BSD tools do.
import { open, close, O, SysError, fstat, S_ISDIR } from "@bsdbox/compat";
import type { Ctx } from "./applet";
import { warnOp } from "./err";

/**
 * Open an input operand for reading. `dashIsStdin`: "-" means standard input (cat, tee…;
 * not head/tail/wc, which BSD treats as a file name). Reports the error and returns -1.
 */
export function openInput(ctx: Ctx, name: string, dashIsStdin = true): number {
  if (dashIsStdin && name === "-") return ctx.stdin;
  try {
    return open(name, O.RDONLY);
  } catch (e) {
    warnOp(ctx, name, e);
    return -1;
  }
}

export function closeInput(ctx: Ctx, fd: number): void {
  if (fd !== ctx.stdin && fd >= 0) {
    try { close(fd); } catch {}
  }
}

export function isDirFd(fd: number): boolean {
  try {
    return S_ISDIR(fstat(fd).mode);
  } catch {
    return false;
  }
}

export { SysError };

/**
 * The usual operand loop: call fn on each operand opened for reading, or on standard input (as
 * `stdinName`) when there is none. An operand that cannot be opened is reported (status 1) and
 * the loop goes on. `dashIsStdin`: "-" means standard input (false for the BSD tools that take
 * it as a file name).
 */
export function eachInput(ctx: Ctx, names: string[], fn: (fd: number, name: string) => void, dashIsStdin = false, stdinName = "stdin"): void {
  if (!names.length) {
    fn(ctx.stdin, stdinName);
    return;
  }
  for (const name of names) {
    const fd = openInput(ctx, name, dashIsStdin);
    if (fd < 0) continue;
    try {
      fn(fd, name === "-" && dashIsStdin ? stdinName : name);
    } finally {
      closeInput(ctx, fd);
    }
  }
}
