// Black-box helpers for tests: run a tool from a directory of tool symlinks (the built
// dist/bsdbox installed with --install) in a fresh temporary directory, capture bytes.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(import.meta.dir, "../..");
export const BIN = path.join(ROOT, "dist/bsdbox");

let installed: string | undefined;
/** A directory holding one symlink per applet, made once per test process. */
export function implDir(): string {
  if (process.env.BSDBOX_IMPL) return process.env.BSDBOX_IMPL;
  if (installed) return installed;
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  installed = fs.mkdtempSync(path.join(os.tmpdir(), "bsdbox-bin."));
  fs.chmodSync(installed, 0o755); // tests that drop privileges must still reach the tools
  const r = spawnSync(BIN, ["--install", installed]);
  if (r.status !== 0) throw new Error(`bsdbox --install failed: ${r.stderr}`);
  process.on("exit", () => fs.rmSync(installed!, { recursive: true, force: true }));
  return installed;
}

export interface RunOpts {
  /** standard input (bytes or text) */
  stdin?: string | Uint8Array;
  /** files to create first: name -> content (directories are made as needed) */
  files?: Record<string, string | Uint8Array>;
  /** extra environment (PATH is the impl dir then /usr/bin:/bin unless given) */
  env?: Record<string, string>;
  /** run in this directory instead of a fresh one */
  cwd?: string;
  timeout?: number;
}
export interface Result {
  stdout: Buffer;
  stderr: Buffer;
  /** exit status, or 128+signal */
  status: number;
  out: string;
  err: string;
  /** the temp dir the command ran in (removed at process exit) */
  dir: string;
}

const dirs: string[] = [];
process.on("exit", () => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

export function tmpdir(files?: Record<string, string | Uint8Array>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "bsdbox-t."));
  dirs.push(d);
  for (const [name, data] of Object.entries(files ?? {})) {
    const p = path.join(d, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
  }
  return d;
}

const SIG: Record<string, number> = os.constants.signals as any;

function finish(r: ReturnType<typeof spawnSync>, dir: string): Result {
  const stdout = (r.stdout as Buffer) ?? Buffer.alloc(0);
  const stderr = (r.stderr as Buffer) ?? Buffer.alloc(0);
  const status = r.status ?? (r.signal ? 128 + (SIG[r.signal] ?? 0) : -1);
  return { stdout, stderr, status, out: stdout.toString("utf8"), err: stderr.toString("utf8"), dir };
}

function envFor(o: RunOpts, dir: string): Record<string, string> {
  return { PATH: `${implDir()}:/usr/bin:/bin`, HOME: dir, TZ: "UTC", LC_ALL: "C.UTF-8", ...(o.env ?? {}) };
}

/** Run one tool directly: run("cat", ["-n", "a"], {files: {a: "x\n"}}). Arguments may be Buffers. */
export function run(tool: string, args: (string | Buffer)[] = [], o: RunOpts = {}): Result {
  const dir = o.cwd ?? tmpdir(o.files);
  const exe = path.join(implDir(), tool);
  if (args.some((a) => typeof a !== "string")) {
    // the runtime's spawn takes only strings: build byte-exact arguments in a shell instead
    const lines = ["set --"];
    for (const a of args) {
      const b = typeof a === "string" ? Buffer.from(a) : a;
      const oct = [...b].map((c) => "\\" + c.toString(8).padStart(3, "0")).join("");
      lines.push(`v=$(printf '${oct}x'); set -- "$@" "\${v%x}"`);
    }
    lines.push(`exec '${exe}' "$@"`);
    return finish(spawnSync("/bin/sh", ["-c", lines.join("\n")], {
      cwd: dir, input: o.stdin ?? "", env: envFor(o, dir), timeout: o.timeout ?? 20000, maxBuffer: 1 << 30,
    }), dir);
  }
  const r = spawnSync(exe, args as string[], {
    cwd: dir, input: o.stdin ?? "", env: envFor(o, dir), timeout: o.timeout ?? 20000, maxBuffer: 1 << 30,
  });
  return finish(r, dir);
}

/** Run a shell command line (dash) with the tools first on PATH. */
export function sh(cmd: string, o: RunOpts = {}): Result {
  const dir = o.cwd ?? tmpdir(o.files);
  const r = spawnSync("/bin/sh", ["-c", cmd], {
    cwd: dir, input: o.stdin ?? "", env: envFor(o, dir), timeout: o.timeout ?? 20000, maxBuffer: 1 << 30,
  });
  return finish(r, dir);
}
