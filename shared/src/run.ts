// Running an applet as a process: build the context, call main, turn the outcome into a status.
import { argv as sysArgv, environ, exit, SysError } from "@bsdbox/compat";
import { Exit, type Applet, type Ctx } from "./applet";
import { Writer } from "./io";

export function basename(p: string): string {
  const s = p.replace(/\/+$/, "");
  const i = s.lastIndexOf("/");
  return i < 0 ? s : s.slice(i + 1);
}

export function makeCtx(argv0: string, args: string[], env?: Map<string, string>): Ctx {
  const out = new Writer(1);
  const err = new Writer(2, 4096);
  err.lineBuffered = false;
  err.unbuffered = true;
  // the environment becomes a Map when a tool first looks at it (`true` never does)
  let lazyEnv = env;
  return {
    prog: basename(argv0) || argv0,
    argv0,
    args,
    get env(): Map<string, string> {
      return (lazyEnv ??= new Map(environ()));
    },
    set env(v: Map<string, string>) {
      lazyEnv = v;
    },
    out,
    err,
    stdin: 0,
    status: 0,
  };
}

/** Run main and return the exit status (a Promise for an asynchronous applet); never throws. */
export function runApplet(applet: Applet, ctx: Ctx): number | Promise<number> {
  let r: ReturnType<Applet["main"]>;
  try {
    r = applet.main(ctx);
  } catch (e) {
    return finish(ctx, e instanceof Exit ? e.code : internal(ctx, e));
  }
  if (r instanceof Promise)
    return r.then(
      (v) => finish(ctx, typeof v === "number" ? v : ctx.status),
      (e) => finish(ctx, e instanceof Exit ? e.code : internal(ctx, e)),
    );
  return finish(ctx, typeof r === "number" ? r : ctx.status);
}

function finish(ctx: Ctx, code: number): number {
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
export function runProcess(applet: Applet, argv0: string, args: string[]): void {
  const r = runApplet(applet, makeCtx(argv0, args));
  if (typeof r === "number") exit(r);
  else r.then(exit);
}

export { sysArgv };
