// locate.updatedb — update the locate database; with its helpers locate.mklocatedb,
// locate.concatdb, locate.bigram and locate.code (one module, told apart by the name).
// FreeBSD: locate.updatedb(8), usr.bin/locate (updatedb.sh, mklocatedb.sh, concatdb.sh,
// bigram/locate.bigram.c, code/locate.code.c), as chimerautils ships them (paths, file systems).
// The database format is in ./locatedb.ts; the scripts' pipelines are done in memory here.
//
// locate.updatedb (no options, no operands): warns when run as root (the list then shows every
// name to every user; FreeBSD's periodic job runs it as "nobody"). Reads $LOCATE_CONFIG
// (default /etc/locate.rc, a shell script: plain NAME=value lines are read directly, anything
// else is run by /bin/sh and its variables read back); its assignments override the
// environment. Variables: FCODES (database, default /var/db/locate.database), SEARCHPATHS ("/"),
// PRUNEPATHS ("/tmp /var/tmp", fnmatch patterns on whole paths), PRUNEDIRS (".zfs", patterns
// on directory names), FILESYSTEMS (the Linux disk file systems; others are not entered, and
// "local"/"rdonly" work as in find -fstype). It walks like `find -s $SEARCHPATHS ! ( -fstype
// ... ) -prune -or -path P -prune -or -name D -type d -prune -or -print 2>/dev/null`, keeps the
// names holding a '/', in walk order (mklocatedb -presort), and writes the database over FCODES
// (truncating it, as `cat tmp > $FCODES`). Errors: "$0: empty variable SEARCHPATHS" (or
// FILESYSTEMS); "updatedb: locate database FCODES is empty" when nothing was found (the file is
// left alone); status 1 then.
// locate.mklocatedb [-presort] < list > db: without -presort the lines are sorted (bytes) and
// made unique first. locate.concatdb db1 db2 ... > db: one database of the names of several.
// locate.bigram < list: "%4u %c%c" counts of the pairs; locate.code table < list > db.
// Deliberately different: names with a newline are kept whole (FreeBSD's line-based pipeline
// splits them); names of LOCATE_PATH_MAX (4096) bytes or more are left out (FreeBSD's locate
// then fails on the database); SEARCHPATHS/PRUNEPATHS words are not glob-expanded by a shell.
import { defineApplet, Getopt, errx, warnx, Exit, type Ctx, encode, strcmp, readAll } from "@bsdbox/shared";
import { fnmatch } from "@bsdbox/shared/fnmatch";
import { Fts, FTS_PHYSICAL, FTS_DP, FTS_DNR, FTS_ERR, FTS_NS, FTS_SKIP } from "@bsdbox/shared/fts";
import { open, close, read, writeAll, unlink, spawnWait, mounts, geteuid, getpid, randomBytes, O, S_ISDIR, S_ISREG, stat, access, SysError } from "@bsdbox/compat";
import { BigramCounter, DbEncoder, decodeDb, buildDb, NBG, ASCII_MIN, ASCII_MAX, type Fail } from "./locatedb";

const FCODES = "/var/db/locate.database";
const FILESYSTEMS = "ext2 ext3 ext4 xfs vfat exfat ntfs ntfs3 f2fs zfs btrfs reiserfs reiser4 jfs nilfs2 bcachefs";
const VARS = ["TMPDIR", "FCODES", "SEARCHPATHS", "PRUNEPATHS", "PRUNEDIRS", "FILESYSTEMS"];

/** Each line of the bytes (a last one without newline too), newline removed. */
function eachLine(data: Uint8Array, fn: (p: Uint8Array, n: number) => void): void {
  for (let s = 0; s < data.length; ) {
    let e = data.indexOf(10, s);
    if (e < 0) e = data.length;
    const line = data.subarray(s, e);
    fn(line, line.length);
    s = e + 1;
  }
}

/** mklocatedb -presort: encode the list without bigrams, take back (as `locate -d tmp /`) the
 * names holding a '/', then count the bigrams of those and encode them. */
function presort(feed: (add: (p: Uint8Array, n: number) => void) => void, fail: Fail): { db: Uint8Array; count: number } {
  const tmp = new DbEncoder(new Uint8Array(2 * NBG));
  feed((p, n) => tmp.add(p, n));
  const list = tmp.result();
  return buildDb((fn) => decodeDb(list, "tmp", false, fail, (path, len) => {
    const v = path.subarray(0, len);
    if (v.includes(47)) fn(v, len);
  }));
}

/** The plain `NAME=value` lines of a locate.rc, or undefined when it needs a shell. */
function parseRc(text: string): Map<string, string> | undefined {
  const vars = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) return undefined;
    let v = m[2]!, val: string;
    let q: RegExpExecArray | null;
    if ((q = /^"([^"$`\\]*)"/.exec(v)) || (q = /^'([^']*)'/.exec(v)) || (q = /^([A-Za-z0-9_\/.,:+%@=-]*)/.exec(v))) {
      val = q[1]!;
      v = v.slice(q[0].length);
    } else return undefined;
    if (!/^(\s+#.*|\s*)$/.test(v)) return undefined;
    vars.set(m[1]!, val);
  }
  return vars;
}

/** Source the configuration with /bin/sh and read the variables back. */
function sourceRc(ctx: Ctx, rc: string): Map<string, string> {
  const script = '. "$1" >&2 || exit 1\n' +
    `for v in ${VARS.join(" ")}; do eval "s=\\\${$v+x} val=\\\${$v-}"; [ -n "$s" ] && printf '%s=%s\\0' "$v" "$val"; done\nexit 0\n`;
  const tmpdir = ctx.env.get("TMPDIR") || "/tmp";
  const rnd = [...randomBytes(6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const name = `${tmpdir}/locate.updatedb.${getpid()}.${rnd}`;
  let fd: number;
  try {
    fd = open(name, O.RDWR | O.CREAT | O.EXCL, 0o600);
  } catch (e) {
    errx(ctx, 1, `${name}: ${(e as SysError).message}`);
  }
  try {
    unlink(name);
    const r = spawnWait(["/bin/sh", "-c", script, "sh", rc], { env: [...ctx.env], stdout: fd });
    if (r.status !== 0 || r.signal !== 0) throw new Exit(r.status || 1);
    const vars = new Map<string, string>();
    const all = new Uint8Array(1 << 20);
    const n = read(fd, all, 0, all.length, 0);
    const text = new TextDecoder().decode(all.subarray(0, n));
    for (const kv of text.split("\0")) {
      const i = kv.indexOf("=");
      if (i > 0) vars.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return vars;
  } finally {
    close(fd);
  }
}

function updatedb(ctx: Ctx): number {
  if (geteuid() === 0) {
    ctx.err.write(">>> WARNING\n>>> Executing updatedb as root.  This WILL reveal all filenames\n" +
      ">>> on your machine to all login users, which is a security risk.\n");
    ctx.err.flush();
  }
  const env = new Map(ctx.env);
  const rc = env.get("LOCATE_CONFIG") ?? "/etc/locate.rc";
  let isFile = false;
  try {
    isFile = S_ISREG(stat(rc).mode) && access(rc, 4);
  } catch {}
  if (isFile) {
    let text = "";
    try {
      const fd = open(rc, O.RDONLY);
      try { text = new TextDecoder().decode(readAll(fd)); } finally { close(fd); }
    } catch {}
    const vars = parseRc(text) ?? sourceRc(ctx, rc);
    for (const [k, v] of vars) env.set(k, v);
  }
  const fcodes = env.get("FCODES") || FCODES;
  const searchpaths = env.get("SEARCHPATHS") ?? "/";
  const prunepaths = env.get("PRUNEPATHS") ?? "/tmp /var/tmp";
  const prunedirs = env.get("PRUNEDIRS") ?? ".zfs";
  const filesystems = env.get("FILESYSTEMS") ?? FILESYSTEMS;
  const words = (s: string) => s.split(/[ \t\n]+/).filter((w) => w !== "");
  for (const [name, v] of [["SEARCHPATHS", searchpaths], ["FILESYSTEMS", filesystems]])
    if (v === "") {
      ctx.err.write(`${ctx.argv0}: empty variable ${name}\n`);
      return 1;
    }
  const roots = words(searchpaths), prunes = words(prunepaths), pdirs = words(prunedirs);
  const fsok = new Set(words(filesystems));

  // the mount table, for -fstype
  const devFs = new Map<number, { type: string; ro: boolean }>();
  try {
    for (const m of mounts()) devFs.set(m.dev, { type: m.fstype, ro: m.options.split(",").includes("ro") });
  } catch {}
  const REMOTE = ["nfs", "nfs4", "cifs", "smb3", "sshfs", "fuse.sshfs", "9p"];
  const fsCache = new Map<number, boolean>();
  const fsAllowed = (dev: number): boolean => {
    let ok = fsCache.get(dev);
    if (ok === undefined) {
      const m = devFs.get(dev);
      const t = m?.type ?? "";
      ok = fsok.has(t) || (fsok.has("local") && !REMOTE.includes(t)) || (fsok.has("rdonly") && !!m?.ro);
      fsCache.set(dev, ok);
    }
    return ok;
  };

  const fail: Fail = (m) => errx(ctx, 1, m);
  const { db, count } = presort((add) => {
    if (roots.length === 0) return;
    let fts: Fts;
    try {
      fts = new Fts(roots, FTS_PHYSICAL, (a, b) => strcmp(a.name, b.name));
    } catch {
      return; // find's complaint goes to /dev/null
    }
    try {
      for (let e; (e = fts.read()); ) {
        const info = e.info;
        if (info === FTS_DP || info === FTS_DNR || info === FTS_ERR || info === FTS_NS) continue;
        const st = e.stat!;
        if (!fsAllowed(st.dev)) { fts.set(e, FTS_SKIP); continue; }
        const path = e.path;
        if (prunes.length && prunes.some((p) => fnmatch(p, path, 0) === 0)) { fts.set(e, FTS_SKIP); continue; }
        if (pdirs.length && S_ISDIR(st.mode) && pdirs.some((d) => fnmatch(d, e!.name, 0) === 0)) { fts.set(e, FTS_SKIP); continue; }
        const b = encode(path);
        add(b, b.length);
      }
    } catch (e) {
      if (!(e instanceof SysError)) throw e; // fts_read failed: find stops, quietly
    }
  }, fail);
  if (count === 0) {
    warnx({ ...ctx, prog: "updatedb" }, `locate database ${fcodes} is empty`);
    return 1;
  }
  let fd: number;
  try {
    fd = open(fcodes, O.WRONLY | O.CREAT | O.TRUNC, 0o666);
  } catch (e) {
    errx(ctx, 1, `${fcodes}: ${(e as SysError).message}`);
  }
  try {
    writeAll(fd, db);
  } catch (e) {
    errx(ctx, 1, `${fcodes}: ${(e as SysError).message}`);
  } finally {
    close(fd);
  }
  return 0;
}

function mklocatedb(ctx: Ctx): number {
  let pre = false;
  const args = ctx.args;
  if (args[0] === "-presort") pre = true;
  const input = readAll(ctx.stdin);
  const fail: Fail = (m) => errx(ctx, 1, m);
  let db: Uint8Array;
  if (pre) db = presort((add) => eachLine(input, add), fail).db;
  else {
    // sort -u: byte order, duplicates once
    const lines: Uint8Array[] = [];
    eachLine(input, (p) => lines.push(p));
    lines.sort((a, b) => {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    });
    const uniq = lines.filter((l, i) => i === 0 || strcmpBytes(l, lines[i - 1]!) !== 0);
    db = buildDb((fn) => { for (const l of uniq) fn(l, l.length); }).db;
  }
  ctx.out.write(db);
  return 0;
}

function strcmpBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Read a database as `locate -d db /` would (its checks and messages). */
function readDb(ctx: Ctx, name: string): Uint8Array {
  let fd: number;
  try {
    if (stat(name).size < 2 * NBG) errx(ctx, 1, `the locate database '${name}' is smaller than ${2 * NBG} bytes large.`);
  } catch (e) {
    if (e instanceof Exit) throw e;
    errx(ctx, 1, `the locate database '${name}' does not exist.`);
  }
  try {
    fd = open(name, O.RDONLY);
  } catch (e) {
    errx(ctx, 1, `${name}: ${(e as SysError).message}`);
  }
  try { return readAll(fd); } finally { close(fd); }
}

function concatdb(ctx: Ctx): number {
  if (ctx.args.length < 2) {
    ctx.out.write("usage: concatdb databases1 ... databaseN > newdb\n");
    return 1;
  }
  const fail: Fail = (m) => errx(ctx, 1, m);
  const dbs = ctx.args.map((a) => readDb(ctx, a));
  const { db } = buildDb((fn) => {
    for (let i = 0; i < dbs.length; i++)
      decodeDb(dbs[i]!, ctx.args[i]!, false, fail, (path, len) => {
        const v = path.subarray(0, len);
        let n = v.indexOf(0);
        if (n < 0) n = len;
        if (v.subarray(0, n).includes(47)) fn(v, n);
      });
  });
  ctx.out.write(db);
  return 0;
}

function bigram(ctx: Ctx): number {
  const bc = new BigramCounter();
  eachLine(readAll(ctx.stdin), (p, n) => bc.add(p, n));
  const counts = bc.counts();
  for (let i = ASCII_MIN; i <= ASCII_MAX; i++)
    for (let j = ASCII_MIN; j <= ASCII_MAX; j++) {
      const n = counts[(i << 8) | j]!;
      if (n) ctx.out.write(`${String(n).padStart(4)} ${String.fromCharCode(i, j)}\n`);
    }
  return 0;
}

function code(ctx: Ctx): number {
  const CODE_USAGE = "usage: locate.code common_bigrams < list > squozen_list\n";
  const g = new Getopt(ctx, "");
  if (g.next() !== undefined || g.rest.length !== 1) {
    ctx.err.write(CODE_USAGE);
    return 1;
  }
  const file = g.rest[0]!;
  let fd: number;
  try {
    fd = open(file, O.RDONLY);
  } catch (e) {
    errx(ctx, 1, `${file}: ${(e as SysError).message}`);
  }
  let raw: Uint8Array;
  try { raw = readAll(fd); } finally { close(fd); }
  // fgets(bigrams, 257): up to 256 bytes, through the first newline
  let n = Math.min(raw.length, 2 * NBG);
  const nl = raw.subarray(0, n).indexOf(10);
  if (nl >= 0) n = nl + 1;
  const t = new Uint8Array(2 * NBG);
  t.set(raw.subarray(0, n));
  const enc = new DbEncoder(t);
  eachLine(readAll(ctx.stdin), (p, len) => enc.add(p, len));
  ctx.out.write(enc.result());
  return 0;
}

export default defineApplet({
  name: "locate.updatedb",
  main(ctx: Ctx): number {
    switch (ctx.prog) {
      case "locate.mklocatedb": return mklocatedb(ctx);
      case "locate.concatdb": return concatdb(ctx);
      case "locate.bigram": return bigram(ctx);
      case "locate.code": return code(ctx);
      default: return updatedb(ctx);
    }
  },
});
