// The test driver behind `npm test`: unit and black-box test files (uvu), the posix-tests
// conformance cases, and the reference corpus for the tools that have landed. Ends with the
// line "N passed, N failed".
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(import.meta.dir, "..");
const BIN = path.join(ROOT, "dist/bsdbox");
let passed = 0, failed = 0;
const problems: string[] = [];

function testFiles(): string[] {
  const out: string[] = [];
  const dirs = ["compat", "shared", "multicall", ...fs.readdirSync(path.join(ROOT, "tools")).map((t) => `tools/${t}`)];
  for (const d of dirs) {
    const td = path.join(ROOT, d, "test");
    if (!fs.existsSync(td)) continue;
    for (const f of fs.readdirSync(td).sort()) if (f.endsWith(".test.ts")) out.push(path.join(d, "test", f));
  }
  return out;
}

if (!fs.existsSync(BIN)) {
  console.log(`${BIN} is missing: run npm run build`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const impl = fs.mkdtempSync(path.join(os.tmpdir(), "bsdbox-impl."));
fs.chmodSync(impl, 0o755); // tests that drop privileges must still reach the tools
{
  const r = spawnSync(BIN, ["--install", impl]);
  if (r.status !== 0) {
    console.log(`bsdbox --install failed: ${r.stderr}`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
const env = { ...process.env, BSDBOX_IMPL: impl };
const only = process.argv.slice(2);

// 1. uvu test files, each in its own process
for (const f of testFiles()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const r = spawnSync(process.execPath, [f], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 1 << 28, timeout: 600_000 });
  const text = (r.stdout ?? "") + (r.stderr ?? "");
  const total = Number(/Total:\s+(\d+)/.exec(text)?.[1] ?? NaN);
  const pass = Number(/Passed:\s+(\d+)/.exec(text)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(pass)) {
    failed++;
    problems.push(`${f}: did not run to the end (status ${r.status})\n${text.slice(-3000)}`);
    console.log(`FAIL ${f}: no summary`);
    continue;
  }
  passed += pass;
  failed += total - pass;
  console.log(`${total === pass ? "ok  " : "FAIL"} ${f}: ${pass}/${total}`);
  if (total !== pass || r.status !== 0) problems.push(`${f}:\n${text.slice(0, 20000)}`);
}

// 2. posix-tests against the built binary
if (!only.length || only.includes("posix")) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "posix-tests/src/run.ts"), impl, "--expected", path.join(ROOT, "posix-tests/expected-failures.txt")], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const text = (r.stdout ?? "") + (r.stderr ?? "");
  const m = /^(\d+) passed, (\d+) failed/m.exec(text);
  if (!m) {
    failed++;
    problems.push(`posix-tests did not finish:\n${text.slice(-3000)}`);
  } else {
    passed += Number(m[1]);
    failed += Number(m[2]);
    console.log(`${m[2] === "0" ? "ok  " : "FAIL"} posix-tests: ${m[1]}/${Number(m[1]) + Number(m[2])}`);
    if (m[2] !== "0") problems.push(text.split("\n").filter((l) => l.startsWith("FAIL")).join("\n"));
  }
}

// 3. the reference corpus (../shared/corpus) for the tools that have landed
const corpus = path.resolve(ROOT, "../shared/corpus/run");
if ((!only.length || only.includes("corpus")) && fs.existsSync(corpus)) {
  const tools = fs.readFileSync(path.join(ROOT, "posix-tests/corpus-tools.txt"), "utf8").split(/\s+/).filter(Boolean);
  const expected = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(ROOT, "posix-tests/corpus-expected-failures.txt"), "utf8").split("\n")) {
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (m && !line.startsWith("#")) expected.set(m[1]!, m[2]!);
  }
  const r = spawnSync("bash", [corpus, impl, "--tools", tools.join(",")], { encoding: "utf8", maxBuffer: 1 << 28 });
  const text = r.stdout ?? "";
  const m = /^(\d+) passed, (\d+) failed/m.exec(text);
  if (!m) {
    failed++;
    problems.push(`corpus run did not finish:\n${text.slice(-2000)}${r.stderr}`);
  } else {
    const fails = text.split("\n").filter((l) => l.startsWith("FAIL "));
    let unexpected = 0, known = 0;
    for (const l of fails) {
      const id = /^FAIL (\S+?):/.exec(l)?.[1] ?? "";
      if (expected.has(id)) known++;
      else { unexpected++; problems.push(`corpus: ${l}`); }
    }
    passed += Number(m[1]) + known;
    failed += unexpected;
    console.log(`${unexpected ? "FAIL" : "ok  "} corpus (${tools.length} tools): ${m[1]} passed, ${known} expected differences, ${unexpected} unexpected failures`);
  }
} else if (!only.length) {
  console.log("note: ../shared/corpus not found beside the checkout; reference corpus skipped");
}

fs.rmSync(impl, { recursive: true, force: true });
if (problems.length) console.log("\n--- failures ---\n" + problems.join("\n\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
