// err(3)/warn(3) as FreeBSD's libc prints them: "prog: message[: strerror]".
import { SysError, strerror } from "@bsdbox/compat";
import { Exit, type Ctx } from "./applet";

function reason(e: unknown): string {
  if (e instanceof SysError) return e.message;
  if (typeof e === "number") return strerror(e);
  throw e;
}

/** warnx: "prog: msg" */
export function warnx(ctx: Ctx, msg: string): void {
  ctx.err.write(`${ctx.prog}: ${msg}\n`);
  ctx.err.flush();
}
/** warn: "prog: msg: strerror" (msg may be an operand). Sets no status; see warnOp. */
export function warn(ctx: Ctx, msg: string, e: unknown): void {
  warnx(ctx, `${msg}: ${reason(e)}`);
}
/** Report a failing operand and remember status 1, then go on. */
export function warnOp(ctx: Ctx, operand: string, e: unknown, status = 1): void {
  warn(ctx, operand, e);
  ctx.status = status;
}
/** err: print "prog: msg: strerror" and exit with code. */
export function err(ctx: Ctx, code: number, msg: string, e: unknown): never {
  warn(ctx, msg, e);
  throw new Exit(code);
}
/** errx: print "prog: msg" and exit with code. */
export function errx(ctx: Ctx, code: number, msg: string): never {
  warnx(ctx, msg);
  throw new Exit(code);
}
/** Print the usage text (one or more lines, no final newline needed) and exit. */
export function usage(ctx: Ctx, text: string, code = 1): never {
  ctx.err.write(text.endsWith("\n") ? text : text + "\n");
  ctx.err.flush();
  throw new Exit(code);
}
/** util-linux style --help / --version (chimerautils' own tools have both): print the help text,
 * or `PROG (bsdbox) VERSION`, on standard output; the status is 0. */
export function helpVersion(ctx: Ctx, version: boolean, help: string): number {
  ctx.out.write(version ? `${ctx.prog} (bsdbox) 0.1.0\n` : help);
  return 0;
}
