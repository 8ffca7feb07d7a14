// Running an applet as a process: build the context, call main, turn the outcome into a status.
import { argv as sysArgv, environ, exit, isatty, SysError } from "@bsdbox/compat";
import { Exit, type Applet, type Ctx } from "./applet";
import { Writer } from "./io";

export function basename(p: string): string {
  const s = p.replace(/\/+$/, "");
  const i = s.lastIndexOf("/");
  return i < 0 ? s : s.slice(i + 1);
}

export function makeCtx(argv0: string, args: string[], env?: Map<string, string>): Ctx {
  const out = new Writer(1);
  if (isatty(1)) out.lineBuffered = true;
  const err = new Writer(2, 4096);
  err.unbuffered = true;
  return {
    prog: basename(argv0) || argv0,
    argv0,
    args,
    env: env ?? new Map(environ()),
    out,
    err,
    stdin: 0,
    status: 0,
  };
}

/** Run main and return the exit status; never throws. */
export function runApplet(applet: Applet, ctx: Ctx): number {
  let code: number;
  try {
    const r = applet.main(ctx);
    code = typeof r === "number" ? r : ctx.status;
  } catch (e) {
    if (e instanceof Exit) code = e.code;
    else code = internal(ctx, e);
  }
  try {
    ctx.out.flush();
  } catch (e) {
    if (e instanceof SysError) {
      try { ctx.err.write(`${ctx.prog}: stdout: ${e.message}\n`); } catch {}
      code = code || 1;
    } else code = internal(ctx, e);
  }
  return code;
}

function internal(ctx: Ctx, e: unknown): number {
  try {
    if (e instanceof SysError) {
      ctx.err.write(`${ctx.prog}: ${e.message}\n`);
      return 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    ctx.err.write(`bsdbox: internal error: ${ctx.prog}: ${msg}\n`);
    if (ctx.env.get("BSDBOX_DEBUG") === "1" && e instanceof Error && e.stack) ctx.err.write(e.stack + "\n");
  } catch {}
  return 70;
}

/** Process entry: the process exits with the applet's status. */
export function runProcess(applet: Applet, argv0: string, args: string[]): never {
  exit(runApplet(applet, makeCtx(argv0, args)));
}

export { sysArgv };
