import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import {
  Fts, FtsEnt, FTS_PHYSICAL, FTS_LOGICAL, FTS_COMFOLLOW, FTS_XDEV, FTS_SKIP, FTS_FOLLOW,
  FTS_D, FTS_DP, FTS_F, FTS_SL, FTS_SLNONE, FTS_DC, FTS_DNR, FTS_NS, FTS_DEFAULT,
} from "../src/fts";
import { decode, stat, lstat } from "@bsdbox/compat";

const NAMES: Record<number, string> = {
  [FTS_D]: "D", [FTS_DP]: "DP", [FTS_F]: "F", [FTS_SL]: "SL", [FTS_SLNONE]: "SLNONE", [FTS_DC]: "DC",
  [FTS_DNR]: "DNR", [FTS_NS]: "NS", [FTS_DEFAULT]: "DEFAULT",
};
const byName = (a: FtsEnt, b: FtsEnt) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const made: string[] = [];
process.on("exit", () => { for (const d of made) spawnSync("rm", ["-rf", d]); });
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "fts-"));
  fs.chmodSync(d, 0o755);
  made.push(d);
  return d;
}
/** Build a tree: "dir/" makes a directory, "name" a file, "name -> target" a symlink. */
function tree(root: string, spec: string[]): void {
  for (const s of spec) {
    const m = /^(.*) -> (.*)$/.exec(s);
    if (m) fs.symlinkSync(m[2]!, path.join(root, m[1]!));
    else if (s.endsWith("/")) fs.mkdirSync(path.join(root, s));
    else fs.writeFileSync(path.join(root, s), "");
  }
}
/** Walk and describe each visit as "INFO path level". */
function walk(roots: string[], opts: number, act?: (f: Fts, p: FtsEnt) => void, maxFds?: number): string[] {
  const f = new Fts(roots, opts, byName, maxFds);
  const out: string[] = [];
  for (let p; (p = f.read()); ) {
    out.push(`${NAMES[p.info] ?? p.info} ${p.path} ${p.level}${p.errno ? ` errno=${p.errno}` : ""}`);
    act?.(f, p);
  }
  return out;
}
function inDir<T>(dir: string, f: () => T): T {
  const old = process.cwd();
  process.chdir(dir);
  try {
    return f();
  } finally {
    process.chdir(old);
  }
}

test("pre-order and post-order, sorted, levels, paths as the user writes them", () => {
  const d = tmp();
  tree(d, ["t/", "t/b/", "t/b/x", "t/a", "t/c/", "t/e/", "t/e/f/", "t/e/f/g"]);
  inDir(d, () => {
    assert.equal(walk(["t"], FTS_PHYSICAL), [
      "D t 0", "F t/a 1", "D t/b 1", "F t/b/x 2", "DP t/b 1", "D t/c 1", "DP t/c 1",
      "D t/e 1", "D t/e/f 2", "F t/e/f/g 3", "DP t/e/f 2", "DP t/e 1", "DP t 0",
    ]);
    // one trailing slash of a root is not doubled; two are kept as fts does
    assert.equal(walk(["t/c/", "t/b//"], FTS_PHYSICAL), ["D t/b// 0", "F t/b//x 1", "DP t/b// 0", "D t/c/ 0", "DP t/c/ 0"]);
  });
});

test("directory order without a comparison; roots in argument order; accpath reaches the entry", () => {
  const d = tmp();
  tree(d, ["t/", "t/q", "t/a", "t/m/", "t/z", "u"]);
  inDir(d, () => {
    const want = fs.readdirSync("t");
    const f = new Fts(["u", "t"], FTS_PHYSICAL);
    const got: string[] = [];
    for (const p of f) {
      if (p.level === 1 && p.info !== FTS_DP) got.push(p.name);
      if (p.level === 0) assert.is(p.accpath, p.path);
      // the stat the walk gave is the file's own
      assert.is(lstat(p.accpath).ino, p.stat!.ino, p.path);
      assert.is(p.parent!.level, p.level - 1);
    }
    assert.equal(got, want);
    assert.equal(walk(["u", "t/q", "t/a"], FTS_PHYSICAL).slice(0, 3), ["F t/a 0", "F t/q 0", "F u 0"]);
    const g = new Fts(["u", "t/q", "t/a"], FTS_PHYSICAL);
    assert.equal([...g].map((p) => p.path), ["u", "t/q", "t/a"]);
  });
});

test("symlinks: -P keeps them, -H follows the roots only, -L follows all", () => {
  const d = tmp();
  tree(d, ["t/", "t/d/", "t/d/f", "t/l -> d", "t/n -> nowhere", "t/s -> d/f", "r -> t"]);
  inDir(d, () => {
    assert.equal(walk(["r", "t"], FTS_PHYSICAL), [
      "SL r 0", "D t 0", "D t/d 1", "F t/d/f 2", "DP t/d 1", "SL t/l 1", "SL t/n 1", "SL t/s 1", "DP t 0",
    ]);
    assert.equal(walk(["r"], FTS_PHYSICAL | FTS_COMFOLLOW), [
      "D r 0", "D r/d 1", "F r/d/f 2", "DP r/d 1", "SL r/l 1", "SL r/n 1", "SL r/s 1", "DP r 0",
    ]);
    assert.equal(walk(["r"], FTS_LOGICAL), [
      "D r 0", "D r/d 1", "F r/d/f 2", "DP r/d 1", "D r/l 1", "F r/l/f 2", "DP r/l 1", "SLNONE r/n 1", "F r/s 1", "DP r 0",
    ]);
    // FTS_SLNONE carries the link's own lstat; a dangling root too
    const f = new Fts(["t/n", "nope"], FTS_LOGICAL);
    const a = f.read()!;
    assert.is(a.info, FTS_SLNONE);
    assert.is(a.stat!.mode & 0o170000, 0o120000);
    const b = f.read()!;
    assert.is(b.info, FTS_NS);
    assert.is(b.errno, 2);
    assert.is(b.stat, undefined);
    assert.is(f.read(), null);
  });
});

test("a symlink given with a trailing slash is the directory (as lstat(2) sees it)", () => {
  const d = tmp();
  tree(d, ["t/", "t/f", "l -> t"]);
  inDir(d, () => assert.equal(walk(["l/"], FTS_PHYSICAL), ["D l/ 0", "F l/f 1", "DP l/ 0"]));
});

test("cycles: a directory that is its own ancestor is FTS_DC and not entered", () => {
  const d = tmp();
  tree(d, ["t/", "t/d/", "t/d/up -> ..", "t/d/self -> .", "t/d/f"]);
  inDir(d, () => {
    const f = new Fts(["t"], FTS_LOGICAL, byName);
    const seen: string[] = [];
    for (const p of f) {
      seen.push(`${NAMES[p.info]} ${p.path}`);
      if (p.info === FTS_DC) seen.push(`  cycle ${p.cycle!.path}`);
    }
    assert.equal(seen, ["D t", "D t/d", "F t/d/f", "DC t/d/self", "  cycle t/d", "DC t/d/up", "  cycle t", "DP t/d", "DP t"]);
  });
});

test("fts_set: FTS_SKIP gives FTS_DP at once, FTS_FOLLOW follows one link", () => {
  const d = tmp();
  tree(d, ["t/", "t/a/", "t/a/x", "t/b/", "t/b/y", "t/l -> b"]);
  inDir(d, () => {
    assert.equal(walk(["t"], FTS_PHYSICAL, (f, p) => { if (p.path === "t/a" && p.info === FTS_D) f.set(p, FTS_SKIP); }),
      ["D t 0", "D t/a 1", "DP t/a 1", "D t/b 1", "F t/b/y 2", "DP t/b 1", "SL t/l 1", "DP t 0"]);
    assert.equal(walk(["t"], FTS_PHYSICAL, (f, p) => { if (p.info === FTS_SL) f.set(p, FTS_FOLLOW); }).slice(-5),
      ["SL t/l 1", "D t/l 1", "F t/l/y 2", "DP t/l 1", "DP t 0"]);
    // skipping a root
    assert.equal(walk(["t"], FTS_PHYSICAL, (f, p) => f.set(p, FTS_SKIP)), ["D t 0", "DP t 0"]);
  });
});

test("errors are per entry and the walk goes on; an empty path is fts_open's ENOENT", () => {
  const d = tmp();
  tree(d, ["a", "b/", "b/c"]);
  inDir(d, () => {
    assert.equal(walk(["nope", "a", "b"], FTS_PHYSICAL), ["F a 0", "D b 0", "F b/c 1", "DP b 0", "NS nope 0 errno=2"]);
    assert.equal(walk(["a/x", "b"], FTS_PHYSICAL).slice(0, 1), ["NS a/x 0 errno=20"]);
    assert.throws(() => new Fts(["a", ""], FTS_PHYSICAL), (e: any) => e.errno === 2);
  });
});

test("FTS_XDEV: a mount point is visited but not entered", () => {
  // needs a mount below some directory: /dev/shm, /dev/pts or /dev/mqueue usually are
  const mp = ["/dev/shm", "/dev/pts", "/dev/mqueue"].find((m) => {
    try {
      return fs.statSync(m).dev !== fs.statSync("/dev").dev;
    } catch {
      return false;
    }
  });
  if (!mp) {
    console.log("  (skipped: no mount point below /dev to test FTS_XDEV with)");
    return;
  }
  const f = new Fts(["/dev"], FTS_PHYSICAL | FTS_XDEV);
  const seen: string[] = [];
  for (const p of f) if (p.path === mp || p.path.startsWith(mp + "/")) seen.push(`${NAMES[p.info]} ${p.path}`);
  assert.equal(seen, [`D ${mp}`, `DP ${mp}`]);
});

test("names keep every byte (invalid UTF-8)", () => {
  const d = tmp();
  const dir = Buffer.from([0x64, 0xff]);
  const file = Buffer.from([0x66, 0xc3, 0x28, 0x80]);
  fs.mkdirSync(Buffer.concat([Buffer.from(d + "/"), dir]));
  fs.writeFileSync(Buffer.concat([Buffer.from(d + "/"), dir, Buffer.from("/"), file]), "x");
  inDir(d, () => {
    const got = walk([decode(dir)], FTS_PHYSICAL);
    assert.equal(got, ["D d\udcff 0", "F d\udcff/f\udcc3(\udc80 1", "DP d\udcff 0"]);
    const f = new Fts([decode(dir)], FTS_PHYSICAL);
    f.read();
    const p = f.read()!;
    assert.is(p.name, decode(file));
    assert.is(stat(p.accpath).size, 1);
  });
});

test("unreadable directories: FTS_DNR with EACCES; unsearchable: children FTS_NS (as an unprivileged user)", () => {
  if (process.getuid?.() !== 0) {
    console.log("  (skipped: needs root to switch to an unprivileged user)");
    return;
  }
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
  if (!setpriv) {
    console.log("  (skipped: root reads mode-000 directories, and setpriv(1) is missing to drop privileges)");
    return;
  }
  const d = tmp();
  tree(d, ["t/", "t/noread/", "t/noread/x", "t/nosearch/", "t/nosearch/y", "t/ok"]);
  fs.chmodSync(path.join(d, "t/noread"), 0o300);
  fs.chmodSync(path.join(d, "t/nosearch"), 0o600);
  fs.chownSync(path.join(d, "t/nosearch"), 65534, 65534);
  const script = path.join(d, "walk.ts");
  fs.writeFileSync(script, `
    import { Fts, FTS_PHYSICAL } from ${JSON.stringify(path.resolve(import.meta.dir, "../src/fts.ts"))};
    const f = new Fts(["t"], FTS_PHYSICAL, (a, b) => (a.name < b.name ? -1 : 1));
    for (let p; (p = f.read()); ) console.log(p.info, p.path, p.errno);
  `);
  const r = spawnSync(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, script], { cwd: d, encoding: "utf8" });
  assert.is(r.stderr, "");
  assert.is(r.stdout,
    `${FTS_D} t 0\n${FTS_D} t/noread 0\n${FTS_DNR} t/noread 13\n${FTS_D} t/nosearch 0\n` +
    `${FTS_NS} t/nosearch/y 13\n${FTS_DP} t/nosearch 0\n${FTS_F} t/ok 0\n${FTS_DP} t 0\n`);
});

test("10,000 levels: iterative, paths far past PATH_MAX, at most maxFds descriptors", () => {
  const d = tmp();
  const N = 10000;
  // built through descriptors: chdir() would fail past PATH_MAX (getcwd)
  const O_PATH = 0o10000000;
  let fd = fs.openSync(d, O_PATH | fs.constants.O_DIRECTORY);
  for (let i = 0; i < N; i++) {
    fs.mkdirSync(`/proc/self/fd/${fd}/dd`);
    const next = fs.openSync(`/proc/self/fd/${fd}/dd`, O_PATH | fs.constants.O_DIRECTORY);
    fs.closeSync(fd);
    fd = next;
  }
  fs.writeFileSync(`/proc/self/fd/${fd}/leaf`, "deep");
  fs.closeSync(fd);
  try {
    const fdsBefore = fs.readdirSync("/proc/self/fd").length;
    let maxFds = 0, dirs = 0, dps = 0, leaf: FtsEnt | undefined, leafPathLen = 0;
    const f = new Fts([path.join(d, "dd")], FTS_PHYSICAL);
    const t0 = performance.now();
    for (let p; (p = f.read()); ) {
      if (p.info === FTS_D) dirs++;
      else if (p.info === FTS_DP) dps++;
      else if (p.info === FTS_F) {
        leaf = p;
        leafPathLen = Buffer.byteLength(p.path);
        // the entry can be used while it is the current one
        assert.is(stat(p.accpath).size, 4);
        maxFds = fs.readdirSync("/proc/self/fd").length - fdsBefore;
      } else assert.unreachable(`${p.info} ${p.errno} at level ${p.level}`);
    }
    const ms = performance.now() - t0;
    assert.is(dirs, N);
    assert.is(dps, N);
    assert.is(leaf!.level, N);
    assert.ok(leafPathLen > 4096 * 4, `path length ${leafPathLen}`);
    assert.ok(leaf!.path.endsWith("/dd/dd/leaf"));
    assert.ok(maxFds <= 66, `descriptors open: ${maxFds}`);
    assert.is(fs.readdirSync("/proc/self/fd").length, fdsBefore, "all closed at the end");
    assert.ok(ms < 20000, `took ${ms} ms`);
  } finally {
    spawnSync("rm", ["-rf", d]);
  }
});

test("few descriptors: a branching tree walks the same with maxFds 2 as with 64", () => {
  const d = tmp();
  const spec: string[] = ["r/"];
  // three levels of three directories, a file in each, plus a followed symlink in the middle
  const add = (p: string, depth: number) => {
    spec.push(`${p}/f`);
    if (!depth) return;
    for (const n of ["a", "b", "c"]) {
      spec.push(`${p}/${n}/`);
      add(`${p}/${n}`, depth - 1);
    }
  };
  add("r", 3);
  spec.push("r/b/b/l -> ../../c");
  tree(d, spec);
  inDir(d, () => {
    for (const mode of [FTS_PHYSICAL, FTS_LOGICAL]) {
      const wide = walk(["r"], mode);
      const narrow = walk(["r"], mode, undefined, 2);
      assert.ok(wide.length > 100);
      assert.equal(narrow, wide);
    }
  });
});

test.run();
