// sed -i must replace a file atomically: a shell script runs a fixed, seeded sequence of 200
// in-place edits over 20 files (four of them a few MB, so that writing takes a while), and the
// test kills the script's whole process group with SIGKILL at random moments, several rounds.
// After each kill every file must be byte for byte what the edit sequence says: the file of the
// edit that was running (the script logs each edit's number before starting it) is either its
// state before that edit or after it, every other file is its state after all earlier edits.
// Backups (-i .bak) must hold an earlier state of their file; temporary files left behind by a
// killed sed are never taken for the files. The next round carries on from where the kill left.
//
// The edit commands come from the environment so that the same test can be pointed at another
// sed: SED_KILL_I0 (no backup, default "sed -i ''") and SED_KILL_IBAK (default "sed -i .bak").
// GNU sed, for example: BSDBOX_IMPL=/dir/with/gnu/sed SED_KILL_I0="sed -i" SED_KILL_IBAK="sed -i.bak".
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { implDir, tmpdir } from "../../../posix-tests/src/blackbox";

const I0 = process.env.SED_KILL_I0 ?? "sed -i ''";
const IBAK = process.env.SED_KILL_IBAK ?? "sed -i .bak";
const NFILES = 20, NEDITS = 200, LARGE = new Set([3, 8, 13, 18]);
const KILL_PHASE_MS = 8000;  // then the rest of the sequence runs to the end without a kill

let seed = 20240611;
const rnd = (n: number) => { // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
};
const WORDS = ["alpha", "beta", "gamma", "delta", "eps"];
const name = (i: number) => `f${String(i).padStart(2, "0")}`;

// initial contents: lines "L<n> w w w", 2-20 KB for most files, about 3 MB for the large ones
const initial: Buffer[] = [];
for (let i = 0; i < NFILES; i++) {
  const target = LARGE.has(i) ? 2_800_000 + rnd(400_000) : 2000 + rnd(18000);
  const parts: string[] = [];
  let size = 0;
  for (let n = 1; size < target; n++) {
    const line = `L${n} ${WORDS[rnd(5)]} ${WORDS[rnd(5)]} ${WORDS[rnd(5)]}\n`;
    parts.push(line);
    size += line.length;
  }
  initial.push(Buffer.from(parts.join("")));
}

// the edit sequence: s/A/B/g, s/A/B/ or s/$/Z/ on one file, with or without a backup
interface Edit { file: number; kind: "g" | "first" | "append"; a: string; b: string; bak: boolean }
const edits: Edit[] = [];
for (let k = 0; k < NEDITS; k++) {
  // the large files get one edit in eight, so the run stays short
  const file = rnd(8) === 0 ? [...LARGE][rnd(4)]! : (() => { let f; do f = rnd(NFILES); while (LARGE.has(f)); return f; })();
  const kind = (["g", "first", "append"] as const)[rnd(3)]!;
  const a = WORDS[rnd(5)]!;
  let b = WORDS[rnd(5)]!;
  if (b === a) b = WORDS[(WORDS.indexOf(a) + 1) % 5]!;
  edits.push({ file, kind, a: kind === "append" ? "$" : a, b: kind === "append" ? "qxz"[rnd(3)]! : b, bak: rnd(4) === 0 });
}
const script = (e: Edit) => (e.kind === "append" ? `s/$/${e.b}/` : `s/${e.a}/${e.b}/${e.kind === "g" ? "g" : ""}`);
const apply = (e: Edit, buf: Buffer): Buffer => {
  const lines = buf.toString("latin1").split("\n");
  const last = lines.pop(); // "" after the final newline
  const out = lines.map((l) => (e.kind === "append" ? l + e.b : e.kind === "g" ? l.split(e.a).join(e.b) : l.replace(e.a, e.b)));
  return Buffer.from(out.join("\n") + "\n" + last, "latin1");
};
const hash = (b: Buffer) => createHash("sha1").update(b).digest("hex");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Whether a process of the group can still run (zombies waiting for init to reap them cannot). */
function groupRunning(pgid: number): boolean {
  if (!fs.existsSync("/proc/self/stat")) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // state ppid pgrp ...
    if (Number(f[2]) === pgid && f[0] !== "Z" && f[0] !== "X") return true;
  }
  return false;
}
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (!groupRunning(pgid)) return;
    await sleep(5);
  }
  throw new Error(`process group ${pgid} still running after SIGKILL`);
}

/** Run edits from..NEDITS-1 in dir; kill the group after delay ms (or let it finish). */
async function round(dir: string, from: number, delay: number): Promise<{ killed: boolean; status: number | null; err: string }> {
  const lines = ["set -e"];
  for (let k = from; k < NEDITS; k++) {
    const e = edits[k]!;
    lines.push(`echo ${k} >> log`, `${e.bak ? IBAK : I0} '${script(e)}' ${name(e.file)}`);
  }
  fs.writeFileSync(path.join(dir, "run.sh"), lines.join("\n") + "\n");
  const child = spawn("/bin/sh", ["run.sh"], {
    cwd: dir, detached: true, stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: `${implDir()}:/usr/bin:/bin`, LC_ALL: "C.UTF-8", TZ: "UTC", HOME: dir },
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const done = new Promise<{ status: number | null; signal: string | null }>((res) => child.on("exit", (status, signal) => res({ status, signal })));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const alarm = new Promise<{ status: null; signal: null; timer: true }>((res) => (timer = setTimeout(() => res({ status: null, signal: null, timer: true }), delay)));
  const winner = await Promise.race([done.then((r) => ({ ...r, timer: false })), alarm]);
  clearTimeout(timer);
  if (!winner.timer) {
    await groupGone(child.pid!).catch(() => {});
    return { killed: false, status: winner.status, err };
  }
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {}
  const r = await done;
  await groupGone(child.pid!);
  return { killed: r.signal === "SIGKILL", status: r.status, err };
}

test("SIGKILL at random moments never leaves a half-edited file", async () => {
  const dir = tmpdir();
  const model = initial.map((b) => b);
  const seen = initial.map((b) => new Set([hash(b)])); // every state each file has had
  model.forEach((b, i) => fs.writeFileSync(path.join(dir, name(i)), b));
  let next = 0, kills = 0, midEdit = 0, leftovers = 0, rounds = 0;
  const start = Date.now();
  while (next < NEDITS) {
    fs.rmSync(path.join(dir, "log"), { force: true });
    const killing = Date.now() - start < KILL_PHASE_MS;
    const r = await round(dir, next, killing ? 20 + rnd(480) : 120_000);
    rounds++;
    if (!r.killed) assert.is(r.status, 0, `the edit script failed: ${r.err}`);
    kills += r.killed ? 1 : 0;
    const logFile = path.join(dir, "log");
    const log = (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "").split("\n").filter((l) => /^\d+$/.test(l)).map(Number);
    const last = log.length ? log[log.length - 1]! : next - 1;
    // edits next..last-1 have finished
    for (let k = next; k < last; k++) {
      const e = edits[k]!;
      model[e.file] = apply(e, model[e.file]!);
      seen[e.file]!.add(hash(model[e.file]!));
    }
    let resume = last + 1;
    for (let i = 0; i < NFILES; i++) {
      const p = path.join(dir, name(i));
      assert.ok(fs.existsSync(p), `${name(i)} is missing after round ${rounds} (edit ${last}: ${edits[last] && script(edits[last]!)} on ${edits[last] && name(edits[last]!.file)}${edits[last]?.bak ? " with a backup" : ""}); the directory holds ${fs.readdirSync(dir).join(" ")}`);
      const got = fs.readFileSync(p);
      if (last >= next && edits[last]!.file === i) {
        const before = model[i]!, after = apply(edits[last]!, before);
        const isBefore = got.equals(before), isAfter = got.equals(after);
        assert.ok(isBefore || isAfter, `${name(i)} after a kill during edit ${last} (${script(edits[last]!)}) is neither its old nor its new text (${got.length} bytes; old ${before.length}, new ${after.length})`);
        if (!r.killed) assert.ok(isAfter, `${name(i)}: edit ${last} (${script(edits[last]!)}) ran to the end but the file is unchanged`);
        if (isAfter) {
          model[i] = after;
          seen[i]!.add(hash(after));
        } else {
          resume = last; // the interrupted edit runs again next round
          if (r.killed) midEdit++;
        }
      } else {
        assert.ok(got.equals(model[i]!), `${name(i)} differs from its state after edit ${last - 1} (${got.length} bytes, want ${model[i]!.length})`);
      }
      const bak = p + ".bak";
      if (fs.existsSync(bak)) assert.ok(seen[i]!.has(hash(fs.readFileSync(bak))), `${name(i)}.bak is not an earlier state of ${name(i)}`);
    }
    // whatever else is in the directory is a killed sed's temporary file: drop it
    for (const f of fs.readdirSync(dir)) {
      if (/^f\d\d(\.bak)?$/.test(f) || f === "log" || f === "run.sh") continue;
      leftovers++;
      fs.rmSync(path.join(dir, f), { recursive: true, force: true });
    }
    next = resume;
  }
  console.log(`  ${rounds} rounds, ${kills} kills (${midEdit} left the running edit undone), ${leftovers} temporary files left by killed runs, ${((Date.now() - start) / 1000).toFixed(1)} s`);
  assert.ok(kills >= 5, `only ${kills} rounds were killed`);
  for (let i = 0; i < NFILES; i++) assert.ok(fs.readFileSync(path.join(dir, name(i))).equals(model[i]!), `${name(i)} at the end`);
});

test.run();
