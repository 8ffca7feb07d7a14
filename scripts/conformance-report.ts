// scripts/conformance-report: run posix-tests against bsdbox, the host's GNU tools and Debian's
// busybox, and write docs/conformance.md (one row per utility, one column per implementation,
// and every bsdbox failure with its reason). Run through the wrapper `scripts/conformance-report`.
//
//   scripts/conformance-report [--no-install] [--out FILE]
//
// bsdbox: dist/bsdbox installed into a temporary directory of symlinks (build first).
// GNU:    a directory of symlinks to the host's /usr/bin and /bin programs of the same names.
// busybox: its applets linked into a directory; installed with apt-get when missing (as root, or
//          through sudo) unless --no-install; a missing busybox leaves its column empty.
// A tool an implementation lacks fails its cases there (the shell reports status 127).
// Exit status: 0, or 1 when bsdbox passes fewer cases than another implementation for a utility.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(import.meta.dir, "..");
const argv = process.argv.slice(2);
let out = path.join(ROOT, "docs/conformance.md");
let install = true;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--no-install") install = false;
  else if (argv[i] === "--out") out = path.resolve(argv[++i]!);
  else {
    console.error("usage: conformance-report [--no-install] [--out FILE]");
    process.exit(2);
  }
}

// The utilities POSIX.1-2024 (XCU) specifies, for the POSIX column (builtins such as cd are
// left out: bsdbox ships only standalone programs).
const XCU = new Set(`admin alias ar asa at awk basename batch bc bg c17 cal cat cflow chgrp chmod chown cksum
cmp comm command compress cp crontab csplit ctags cut cxref date dd delta df diff dirname du echo ed
env ex expand expr false fc fg file find fold fuser gencat get getconf getopts gettext grep hash head
iconv id ipcrm ipcs jobs join kill lex link ln locale localedef logger logname lp ls m4 mailx make
man mesg mkdir mkfifo msgfmt mv newgrp ngettext nice nl nm nohup od paste patch pathchk pax pr printf
prs ps pwd read readlink realpath renice rm rmdel rmdir sact sccs sed sh sleep sort split strings
strip stty tabs tail talk tee test time timeout touch tput tr true tsort tty type ulimit umask
unalias uname uncompress unexpand unget uniq unlink uucp uudecode uuencode uustat uux val vi wait
wc what who write xargs xgettext yacc zcat`.split(/\s+/));

const caseDir = path.join(ROOT, "posix-tests/cases");
const tools = fs.readdirSync(caseDir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conformance."));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string): { status: number; out: string } {
  const r = spawnSync("/bin/sh", ["-c", cmd], { encoding: "utf8" });
  return { status: r.status ?? 1, out: (r.stdout ?? "") + (r.stderr ?? "") };
}

// --- the three implementations ---
interface Impl { key: string; title: string; dir?: string; version: string }
const impls: Impl[] = [];

const bin = path.join(ROOT, "dist/bsdbox");
if (!fs.existsSync(bin)) {
  console.error(`${bin} is missing: run npm run build first`);
  process.exit(2);
}
{
  const dir = path.join(tmp, "bsdbox");
  const r = spawnSync(bin, ["--install", dir]);
  if (r.status !== 0) throw new Error(`bsdbox --install: ${r.stderr}`);
  const rev = sh(`git -C '${ROOT}' rev-parse --short HEAD`).out.trim();
  impls.push({ key: "bsdbox", title: "bsdbox", dir, version: `bsdbox ${rev}` });
}
{
  // every name a case may call: the tools under test plus bsdbox's applets (helpers in pipelines)
  const names = new Set([...tools, ...spawnSync(bin, ["--list"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean)]);
  const dir = path.join(tmp, "gnu");
  fs.mkdirSync(dir);
  for (const n of names) {
    for (const d of ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]) {
      const p = path.join(d, n);
      if (fs.existsSync(p)) {
        fs.symlinkSync(p, path.join(dir, n));
        break;
      }
    }
  }
  const ver = (t: string) => sh(`'${dir}/${t}' --version 2>/dev/null | head -n1`).out.trim().replace(`${dir}/`, "");
  impls.push({ key: "gnu", title: "GNU (host)", dir, version: [ver("ls"), ver("find"), ver("diff"), ver("sed"), ver("grep")].filter(Boolean).join("; ") });
}
{
  let bb = sh("command -v busybox").out.trim();
  if (!bb && install) {
    const root = process.getuid?.() === 0;
    const apt = "DEBIAN_FRONTEND=noninteractive apt-get install -y busybox || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y busybox)";
    const r = sh(root ? apt : `sudo -n sh -c '${apt}'`);
    if (r.status !== 0) console.error(`busybox could not be installed:\n${r.out.slice(-500)}`);
    bb = sh("command -v busybox").out.trim();
  }
  if (bb) {
    const dir = path.join(tmp, "busybox");
    fs.mkdirSync(dir);
    for (const n of spawnSync(bb, ["--list"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean)) fs.symlinkSync(bb, path.join(dir, n));
    impls.push({ key: "busybox", title: "busybox", dir, version: sh(`'${bb}' 2>&1 | head -n1`).out.trim() });
  } else {
    impls.push({ key: "busybox", title: "busybox", version: "not available" });
  }
}

// --- run the suite against each ---
type Res = Record<string, { name: string; section: string; kind: string; why?: string; expected?: string }[]>;
const results: Record<string, Res> = {};
for (const im of impls) {
  if (!im.dir) continue;
  const json = path.join(tmp, `${im.key}.json`);
  const extra = im.key === "bsdbox" ? ["--expected", path.join(ROOT, "posix-tests/expected-failures.txt")] : [];
  console.error(`running the suite against ${im.title} ...`);
  spawnSync(process.execPath, [path.join(ROOT, "posix-tests/src/run.ts"), im.dir, "--json", json, ...extra], { stdio: ["ignore", "ignore", "inherit"] });
  results[im.key] = JSON.parse(fs.readFileSync(json, "utf8"));
}

// --- docs/conformance.md ---
const passed = (k: string, t: string) => results[k]?.[t]?.filter((c) => !c.why).length;
const L: string[] = [];
L.push("# posix-tests: conformance report", "");
L.push("Generated by `scripts/conformance-report` (do not edit by hand). Each cell is cases passed / cases.");
L.push("The cases are written from POSIX.1-2024; cases marked `bsd` expect FreeBSD's deliberate");
L.push("differences and `ext` cases test BSD extensions, so other implementations are expected to fail");
L.push("some of those. \"POSIX\" marks the utilities XCU specifies. A tool an implementation does not");
L.push("have fails all its cases there.", "");
L.push("| implementation | version |", "|---|---|");
for (const im of impls) L.push(`| ${im.title} | ${im.version.replaceAll("|", "\\|")} |`);
L.push("");
const head = ["utility", "POSIX", "cases", "posix/bsd/ext", ...impls.map((i) => i.title)];
L.push(`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i < 2 ? "---" : "--:")).join("|")}|`);
const totals = new Map<string, number>();
let nCases = 0;
const behind: string[] = [];
for (const t of tools) {
  const cases: { kind?: string }[] = JSON.parse(fs.readFileSync(path.join(caseDir, `${t}.json`), "utf8"));
  const n = cases.length;
  nCases += n;
  const kinds = ["posix", "bsd", "ext"].map((k) => cases.filter((c) => (c.kind ?? "posix") === k).length).join("/");
  const cells = impls.map((im) => {
    const p = passed(im.key, t);
    if (p === undefined) return "–";
    totals.set(im.key, (totals.get(im.key) ?? 0) + p);
    return p === n ? `**${p}/${n}**` : `${p}/${n}`;
  });
  const mine = passed("bsdbox", t) ?? 0;
  for (const im of impls) if ((passed(im.key, t) ?? 0) > mine) behind.push(`${t}: ${im.title} ${passed(im.key, t)} > bsdbox ${mine}`);
  L.push(`| ${t} | ${XCU.has(t) ? "yes" : ""} | ${n} | ${kinds} | ${cells.join(" | ")} |`);
}
L.push(`| **all** | | ${nCases} | | ${impls.map((im) => (results[im.key] ? `${totals.get(im.key)}/${nCases}` : "–")).join(" | ")} |`);
L.push("");
if (behind.length) L.push("## Utilities where bsdbox passes fewer cases than another implementation", "", ...behind.map((b) => `- ${b}`), "");

const mine = results.bsdbox!;
const fails: string[] = [], xfails: string[] = [];
for (const t of tools) {
  for (const c of mine[t] ?? []) {
    if (!c.why) continue;
    if (c.expected) xfails.push(`- \`${t}/${c.name}\` [${c.section}]: ${c.expected}`);
    else fails.push(`- \`${t}/${c.name}\` [${c.section}]: ${c.why.replaceAll("\n", " ").slice(0, 300)}`);
  }
}
L.push("## bsdbox failures", "");
L.push(`Listed in posix-tests/expected-failures.txt (${xfails.length}, each with its reason):`, "");
L.push(...(xfails.length ? xfails : ["- none"]), "");
L.push(`Not listed (these fail \`npm test\`) (${fails.length}):`, "");
L.push(...(fails.length ? fails : ["- none"]), "");
const small = tools.filter((t) => XCU.has(t)).filter((t) => (mine[t]?.length ?? 0) < 10);
if (small.length) L.push("## POSIX utilities with fewer than 10 cases", "", ...small.map((t) => `- ${t}: ${mine[t]?.length ?? 0}`), "");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, L.join("\n"));
console.error(`wrote ${path.relative(process.cwd(), out)}: ${tools.length} utilities, ${nCases} cases; ` +
  impls.map((im) => `${im.title} ${results[im.key] ? totals.get(im.key) : "–"}`).join(", "));
if (behind.length) {
  console.error(`bsdbox is behind on ${behind.length} utilities:\n${behind.join("\n")}`);
  process.exit(1);
}
