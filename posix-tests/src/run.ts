// posix-tests runner: run the conformance cases against any directory of tool symlinks.
//
//   bun posix-tests/src/run.ts IMPLBIN [--tools a,b] [--expected FILE] [--json FILE] [-v]
//
// A case (posix-tests/cases/TOOL.json, an array):
//   name     short id, unique in the file
//   section  the part of the specification it checks ("OPTIONS -n", "STDIN", "EXIT STATUS", ...)
//   kind     "posix" (default), "bsd" (FreeBSD deliberately differs; `why` says how) or "ext"
//   files    {name: text} created first;  setup: a shell command run with the host's tools
//   cmd      a dash command line run in a fresh temp dir with PATH=IMPLBIN only
//   stdin, env
//   stdout | stdout_b64, exit, stderr ("" empty, "*" any non-empty text, else exact text)
// Output: one FAIL line per failing case, a per-tool table, and "N passed, N failed".
// Cases named in --expected (lines "tool/name reason") fail as "expected" and are not counted
// as failures; the reasons are printed. --json FILE also writes every case's result (for
// scripts/conformance-report).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

interface Case {
  name: string; section: string; kind?: "posix" | "bsd" | "ext"; why?: string;
  files?: Record<string, string>; setup?: string; cmd: string; stdin?: string; env?: Record<string, string>;
  stdout?: string; stdout_b64?: string; exit?: number; stderr?: string;
}

const args = process.argv.slice(2);
let impl = "", tools: string[] = [], expectedFile = "", jsonFile = "", verbose = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--tools") tools = args[++i]!.split(",");
  else if (a === "--expected") expectedFile = args[++i]!;
  else if (a === "--json") jsonFile = args[++i]!;
  else if (a === "-v") verbose = true;
  else impl = a;
}
if (!impl || !fs.statSync(impl, { throwIfNoEntry: false })?.isDirectory()) {
  console.error("usage: run.ts IMPLBIN [--tools a,b] [--expected FILE] [--json FILE] [-v]");
  process.exit(2);
}
impl = fs.realpathSync(impl);
const expected = new Map<string, string>();
if (expectedFile && fs.existsSync(expectedFile)) {
  for (const line of fs.readFileSync(expectedFile, "utf8").split("\n")) {
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (m && !line.startsWith("#")) expected.set(m[1]!, m[2]!);
  }
}
const casedir = path.resolve(import.meta.dir, "../cases");
const files = fs.readdirSync(casedir).filter((f) => f.endsWith(".json")).sort()
  .filter((f) => !tools.length || tools.includes(f.slice(0, -5)));

if (!fs.statSync("/dev/null", { throwIfNoEntry: false })?.isCharacterDevice()) {
  console.log("/dev/null is not a character device on this host: the cases would read and write a file; restore it with: mknod -m 666 /dev/null c 1 3");
  process.exit(2);
}
let P = 0, F = 0, X = 0;
const table: string[] = [];
const xlist: string[] = [];
/** --json: tool -> one entry per case; `why` is absent when the case passed */
const results: Record<string, { name: string; section: string; kind: string; why?: string; expected?: string }[]> = {};
for (const file of files) {
  const tool = file.slice(0, -5);
  const cases: Case[] = JSON.parse(fs.readFileSync(path.join(casedir, file), "utf8"));
  let p = 0, f = 0, x = 0;
  const res = (results[tool] = [] as (typeof results)[string]);
  for (const c of cases) {
    const id = `${tool}/${c.name}`;
    const why = check(c);
    // an implementation under test must not damage the host: stop at the first case that did
    if (!fs.statSync("/dev/null", { throwIfNoEntry: false })?.isCharacterDevice()) {
      console.log(`STOP ${id}: /dev/null is no longer a character device after this case (the implementation replaced it); restore it with: mknod -m 666 /dev/null c 1 3`);
      process.exit(2);
    }
    res.push({ name: c.name, section: c.section, kind: c.kind ?? "posix", why, expected: why ? expected.get(id) : undefined });
    if (!why) { p++; continue; }
    if (expected.has(id)) { x++; xlist.push(`${id}: ${expected.get(id)}`); continue; }
    f++;
    console.log(`FAIL ${id} [${c.section}]: ${why}`);
    if (verbose) console.log(`      cmd: ${c.cmd}`);
  }
  P += p; F += f; X += x;
  table.push(`${tool.padEnd(10)} ${String(p).padStart(4)}/${String(p + f + x).padEnd(4)}${x ? ` (${x} expected)` : ""}`);
}
console.log("--- per tool (passed/total) ---");
console.log(table.join("\n"));
if (xlist.length) console.log("--- expected failures ---\n" + xlist.join("\n"));
if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(results));
console.log(`${P} passed, ${F} failed`);

function check(c: Case): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptest."));
  try {
    for (const [n, data] of Object.entries(c.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
      fs.writeFileSync(path.join(dir, n), data);
    }
    const base = { HOME: dir, TZ: "UTC", LC_ALL: "C.UTF-8", TERM: "dumb", COLUMNS: "80" };
    if (c.setup) {
      const s = spawnSync("/bin/sh", ["-c", c.setup], { cwd: dir, env: { ...base, PATH: "/usr/bin:/bin" } });
      if (s.status !== 0) return `setup failed: ${s.stderr}`;
    }
    const env: Record<string, string> = { PATH: impl, ...base };
    for (const [k, v] of Object.entries(c.env ?? {})) env[k] = v.replaceAll("@TMP@", dir);
    const r = spawnSync("/bin/sh", ["-c", c.cmd], { cwd: dir, env, input: c.stdin ?? "", timeout: 10_000, maxBuffer: 1 << 26 });
    if (r.error && (r.error as any).code === "ETIMEDOUT") return "timed out";
    const status = r.status ?? 128 + (os.constants.signals as any)[r.signal ?? ""];
    const out = r.stdout.toString("latin1").replaceAll(Buffer.from(dir).toString("latin1"), "@TMP@");
    const err = r.stderr.toString("utf8").replaceAll(dir, "@TMP@");
    const want = c.stdout_b64 !== undefined ? Buffer.from(c.stdout_b64, "base64").toString("latin1")
      : c.stdout !== undefined ? Buffer.from(c.stdout, "utf8").toString("latin1") : undefined;
    const why: string[] = [];
    if (c.exit !== undefined && status !== c.exit) why.push(`exit: expected ${c.exit} got ${status}`);
    if (want !== undefined && out !== want) why.push(`stdout: expected ${JSON.stringify(want)} got ${JSON.stringify(out)}`);
    if (c.stderr !== undefined) {
      if (c.stderr === "*" ? err === "" : c.stderr !== err) why.push(`stderr: expected ${c.stderr === "*" ? "a message" : JSON.stringify(c.stderr)} got ${JSON.stringify(err)}`);
    }
    return why.length ? why.join("; ").slice(0, 600) : undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
