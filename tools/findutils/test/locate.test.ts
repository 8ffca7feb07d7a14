import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";

const B = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const zeros = (n: number) => Buffer.alloc(n);
const lines = (ps: Buffer[]) => Buffer.concat(ps.flatMap((p) => [p, Buffer.from("\n")]));
const int32 = (v: number) => { const b = Buffer.alloc(4); b.writeInt32LE(v); return b; }; // x86-64/arm64 host order

// ---- an independent, plain reference of the format (locate.bigram | sort -nr | awk, locate.code) ----
function refTable(paths: Buffer[]): Buffer {
  const counts = new Map<string, number>();
  let prev: Buffer = Buffer.alloc(0);
  for (const p of paths) {
    let k = 0;
    while (k < p.length && k < prev.length && p[k] === prev[k]) k++;
    for (let i = k; i + 1 < p.length; i += 2) {
      if (p[i]! < 32 || p[i]! > 127 || p[i + 1]! < 32 || p[i + 1]! > 127) continue;
      const key = String.fromCharCode(p[i]!, p[i + 1]!);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    prev = p;
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1)).slice(0, 128);
  return B(top.map((e) => e[0]).join(""), zeros(256 - 2 * top.length));
}
function refEncode(paths: Buffer[], table: Buffer): Buffer {
  const code = new Map<string, number>();
  for (let i = 0; i < 256 && table[i] !== 0; i += 2) code.set(String.fromCharCode(table[i]!, table[i + 1]!), i / 2);
  const out: number[] = [...table];
  let prev: Buffer = Buffer.alloc(0), prevCount = 0;
  for (const raw of paths) {
    const p = Buffer.from(raw.map((b) => (b === 30 ? 63 : b)));
    let k = 0;
    while (k < p.length && k < prev.length && p[k] === prev[k]) k++;
    const d = k - prevCount + 14;
    prevCount = k;
    prev = p;
    if (d < 0 || d > 28) out.push(30, ...int32(d));
    else out.push(d);
    for (let i = k; i < p.length; ) {
      const c = i + 1 < p.length ? code.get(String.fromCharCode(p[i]!, p[i + 1]!)) : undefined;
      if (c !== undefined) { out.push(0x80 | c); i += 2; continue; }
      for (let j = 0; j < 2 && i < p.length; j++, i++) {
        if (p[i]! < 32 || p[i]! > 127) out.push(31);
        out.push(p[i]!);
      }
    }
  }
  return Buffer.from(out);
}
const byteSort = (a: Buffer, b: Buffer) => Buffer.compare(a, b);

// A database FreeBSD's locate.mklocatedb pipeline (locate.bigram | sort -nr | awk | locate.code,
// built from the FreeBSD sources) made from FIXTURE_LIST.
const FIXTURE_LIST = [
  "/", "/bin", "/bin/cat", "/bin/chmod", "/bin/cp", "/etc", "/etc/rc.conf", "/etc/rc.d", "/etc/rc.d/sshd",
  "/home/user/" + "deep/".repeat(8) + "file.txt", "/home/user/Documents", "/home/user/caf\xc3\xa9.txt",
  "/home/user/bad\xff\xfename", "/home/user/ctl\x1eX", "/usr/lib/libc.so.7", "/usr/lib/libm.so.5", "/usr/lib/libz.so.6",
  "/usr/share/man/man1/locate.1.gz", "/usr/share/man/man1/ls.1.gz", "/usr/src/usr.bin/locate/locate/fastfind.c",
  "/usr/src/usr.bin/locate/locate/locate.c", "/var/db/locate.database",
].map((s) => Buffer.from(s, "latin1"));
const FIXTURE_DB = Buffer.from(
  "cC9lcGVlZGVhdC9kci9vY2NhL2x0ZXNvc2hzZW1lbWFsb2xpaW5nemUvZS5iYTEuL3V6Lnh0dmF1c3R4dGx0ZnRhc3JzLnJjb2Rv" +
  "Lm50bmZuMW4vbS5sZWhvaG1maWV0ZGJkYWQuY3Vjb2MuYmliY2IvYXNhcmFtRG8vcy9yL2YvYy50LnMuYy5iLjYuNQAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA4vD7ZuEcCEEK2kDnAJr2MRvrW0pxJkD72MZAasjpiNhryzjqZzGJZkH/8f" +
  "/m67ZQ6IZh/DH6kunXQPnj9YDYOBhYKAg4GFgoCDgYWCgIOBhYKArqvBmgSchpG4kbfCpTcZqovGDpmLxQeMupSPqY+oiYeElZeT" +
  "Hh4AAACil5Me/////6OYocSSiYeElJCIir+5n5KyYx4nAAAAkIiKwx7w////m4awiYeElbGglo0=",
  "base64");

test("fixture: the reference database is what the reference pipeline makes", () => {
  // guards the fixture itself against the plain reference above
  const sorted = [...FIXTURE_LIST].sort(byteSort);
  assert.equal([...FIXTURE_DB], [...refEncode(sorted, refTable(sorted))]);
});

test("mklocatedb builds FreeBSD's exact bytes; locate reads FreeBSD's database", () => {
  const made = run("locate.mklocatedb", [], { stdin: lines([...FIXTURE_LIST].reverse()) }).stdout;
  assert.equal([...made], [...FIXTURE_DB]);
  const r = run("locate", ["-d", "fx.db", "-0", "/"], { files: { "fx.db": FIXTURE_DB } });
  const want = [...FIXTURE_LIST].sort(byteSort).map((p) => Buffer.from(p.map((b) => (b === 30 ? 63 : b))));
  assert.equal([...r.stdout], [...Buffer.concat(want.flatMap((p) => [p, Buffer.from([0])]))]);
});

test("hand-computed bytes: bigrams, 8-bit characters", () => {
  // "/ab": pairs "/a" (and "b" + newline); "/ac\xe9" shares "/a" and adds "c\xe9" (not printable)
  const db = run("locate.mklocatedb", [], { stdin: B("/ab\n/ac\xe9\n") }).stdout;
  assert.equal([...db], [...B("/a", zeros(254), [14, 0x80, 0x62, 16, 0x63, 31, 0xe9])]);
});

test("hand-computed bytes: count boundaries and the 4-byte escape (locate.code, no bigrams)", () => {
  const p1 = "/" + "a".repeat(200);
  const list = [
    "/k" + "x".repeat(13), // prefix 0: 14
    "/k" + "x".repeat(12) + "yz", // prefix 14: +14 -> 28, one byte
    "/k" + "x".repeat(12) + "y" + "w".repeat(15) + "q", // prefix 15: +1 -> 15
    "/k" + "x".repeat(12) + "y" + "w".repeat(15) + "r", // prefix 30: +15 -> 29, escaped
    "/k", // prefix 2: -28 -> escaped (-14)
    p1, // prefix 1: -1 -> 13
    p1 + "b", // prefix 201: +200 -> escaped 214
    "/c", // prefix 1: -200 -> escaped -186
    "/c/d", // prefix 2: +1 -> 15
    "/e", // prefix 1: -1 -> 13
    "/e\n", // newline is a line end: "/e" again, prefix 2: +1 -> 15, nothing after
  ];
  const r = run("locate.code", ["tbl"], { files: { tbl: "" }, stdin: list.join("\n") + "\n" });
  const want = B(zeros(256),
    [14], "/k" + "x".repeat(13),
    [28], "yz",
    [15], "w".repeat(15) + "q",
    [30], int32(29), "r",
    [30], int32(-14),
    [13], "a".repeat(200),
    [30], int32(214), "b",
    [30], int32(-186), "c",
    [15], "/d",
    [13], "e",
    [15]);
  assert.equal([...r.stdout], [...want]);
  // and locate decodes it (the last, empty record is the mmap reader's dropped tail; -s keeps it)
  const m = run("locate", ["-d", "db", "/"], { files: { db: r.stdout } });
  assert.is(m.out, list.slice(0, 10).join("\n") + "\n");
  const s = run("locate", ["-s", "-d", "db", "/"], { files: { db: r.stdout } });
  assert.is(s.out, list.slice(0, 10).join("\n") + "\n/e\n");
});

test("random lists: bytes equal the plain reference; locate gives the list back", () => {
  let seed = 12345;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const alpha = "abc/._-xyz/AB\xe9\xff\x01 ";
  for (let round = 0; round < 6; round++) {
    const set = new Map<string, Buffer>();
    let cur = "/";
    for (let i = 0; i < 300; i++) {
      // walk-like names: often extend or cut the previous one
      const cut = rnd(3) === 0 ? rnd(cur.length + 1) : cur.length;
      let s = cur.slice(0, Math.max(1, cut));
      for (let k = rnd(round === 5 ? 90 : 12); k >= 0; k--) s += alpha[rnd(alpha.length)];
      cur = s;
      set.set(s, Buffer.from(s, "latin1"));
    }
    const list = [...set.values()].sort(byteSort);
    const db = run("locate.mklocatedb", [], { stdin: lines(list) }).stdout;
    assert.equal([...db], [...refEncode(list, refTable(list))], `round ${round}`);
    const back = run("locate", ["-0", "-d", "db", "/"], { files: { db } }).stdout;
    assert.equal([...back], [...Buffer.concat(list.flatMap((p) => [p, Buffer.from([0])]))]);
  }
});

test("patterns: substring, glob over the whole path, -i, -c, several patterns", () => {
  const files = { "fx.db": FIXTURE_DB };
  const q = (...a: string[]) => run("locate", ["-d", "fx.db", ...a], { files });
  assert.is(q("rc.d").out, "/etc/rc.d\n/etc/rc.d/sshd\n");
  assert.is(q("*.c").out, "/usr/src/usr.bin/locate/locate/fastfind.c\n/usr/src/usr.bin/locate/locate/locate.c\n");
  assert.is(q("/bin/c?").out, "/bin/cp\n");
  assert.is(q("/bin/c*").out, "/bin/cat\n/bin/chmod\n/bin/cp\n");
  assert.is(q("*[0-9].gz").out, "/usr/share/man/man1/locate.1.gz\n/usr/share/man/man1/ls.1.gz\n");
  assert.is(q("lib?.so*").out, "");
  assert.is(q("*lib?.so*").out, "/usr/lib/libc.so.7\n/usr/lib/libm.so.5\n/usr/lib/libz.so.6\n");
  assert.is(q("documents").out, "");
  assert.is(q("-i", "documents").out, "/home/user/Documents\n");
  assert.is(q("-i", "*DOC*").out, "/home/user/Documents\n");
  assert.is(q("-c", "locate").out, "4\n");
  assert.is(q("-c", "sshd", "chmod", "nothing").out, "2\n");
  assert.is(q("sshd", "chmod").out, "/etc/rc.d/sshd\n/bin/chmod\n");
  assert.is(q("\\*").out, "");
  const u = q("caf\u00e9");
  assert.is(u.out, "/home/user/caf\u00e9.txt\n");
  const bad = run("locate", ["-d", "fx.db", Buffer.from("bad\xff", "latin1")], { files });
  assert.equal([...bad.stdout], [...Buffer.from("/home/user/bad\xff\xfename\n", "latin1")]);
  assert.is(q("*ctl?X").out, "/home/user/ctl?X\n"); // byte 30 is stored as '?'
});

test("-l limit, -0, -m/-s", () => {
  const files = { "fx.db": FIXTURE_DB };
  const r = run("locate", ["-d", "fx.db", "-l", "2", "/bin"], { files });
  assert.is(r.out, "/bin\n/bin/cat\n");
  assert.is(r.err, "locate: [show only 2 lines]\n");
  assert.is(r.status, 0);
  assert.is(run("locate", ["-d", "fx.db", "-l", "9", "/bin"], { files }).err, "");
  assert.is(run("locate", ["-d", "fx.db", "-l", "0", "/bin"], { files }).out.split("\n").length, 5);
  assert.is(run("locate", ["-d", "fx.db", "-0", "etc/"], { files }).out, "/etc/rc.conf\0/etc/rc.d\0/etc/rc.d/sshd\0");
  for (const o of ["-m", "-s"]) assert.is(run("locate", ["-d", "fx.db", o, "sshd"], { files }).out, "/etc/rc.d/sshd\n");
  const neg = run("locate", ["-l", "-1", "x"]);
  assert.is(neg.err, "locate: invalid argument for -l: '-1'\n");
  assert.is(neg.status, 1);
});

test("databases: colon lists, repeated -d, LOCATE_PATH, stdin", () => {
  const files = { "a.db": FIXTURE_DB, "b.db": run("locate.mklocatedb", [], { stdin: "/only/in/b\n/x/sshd\n" }).stdout };
  const q = (args: string[], env: Record<string, string> = {}, stdin?: Buffer) => run("locate", args, { files, env, stdin });
  assert.is(q(["-d", "a.db:b.db", "sshd"]).out, "/etc/rc.d/sshd\n/x/sshd\n");
  assert.is(q(["-d", "b.db", "-d", "a.db", "sshd"]).out, "/x/sshd\n/etc/rc.d/sshd\n");
  assert.is(q(["sshd"], { LOCATE_PATH: "b.db" }).out, "/x/sshd\n");
  assert.is(q(["-d", "a.db", "sshd"], { LOCATE_PATH: "b.db" }).out, "/etc/rc.d/sshd\n");
  assert.is(q(["-c", "-d", "a.db:b.db", "sshd", "only"]).out, "3\n");
  const s = q(["-d", "-", "sshd", "cat"], {}, FIXTURE_DB);
  assert.is(s.out, "/etc/rc.d/sshd\n");
  assert.is(s.err, "locate: read database from stdin, use only `sshd' as pattern\n");
  const e = q(["-d", "", "-d", "b.db", "only"]);
  assert.is(e.err, "locate: empty database name, ignored\n");
  assert.is(e.out, "/only/in/b\n");
});

test("-S statistics as FreeBSD prints them", () => {
  const r = run("locate", ["-S", "-d", "fx.db"], { files: { "fx.db": FIXTURE_DB } });
  assert.is(r.out, "\nDatabase: fx.db\n" +
    "Compression: Front: 65.08%, Bigram: 36.00%, Total: 97.73%\n" +
    "Filenames: 22, Characters: 441, Database size: 431\n" +
    "Bigram characters: 112, Integers: 4, 8-Bit characters: 4\n" +
    "Longest path: 59\n");
  assert.is(r.status, 0);
});

test("errors: missing, short, corrupt databases; usage", () => {
  const miss = run("locate", ["x"], { env: { LOCATE_PATH: "" } });
  assert.is(miss.err, "locate: the locate database '/var/db/locate.database' does not exist.\n\n" +
    "To create a new database, please run the following command as root:\n\n  /etc/periodic/weekly/310.locate\n\n");
  assert.is(miss.status, 1);
  const other = run("locate", ["-d", "nope.db", "x"]);
  assert.is(other.err, "locate: the locate database 'nope.db' does not exist.\n");
  const files = {
    short: zeros(255),
    hdr: B([1], FIXTURE_DB.subarray(1)),
    neg: B(zeros(256), [30], int32(-5000)),
    big: B(zeros(256), [30, 0xff, 0xff, 0xff, 0x7f]),
    cut: B(zeros(256), [30, 1, 0]),
  };
  const q = (db: string, ...o: string[]) => run("locate", [...o, "-d", db, "x"], { files });
  assert.is(q("short").err, "locate: the locate database 'short' is smaller than 256 bytes large.\n");
  assert.is(q("hdr").err, "locate: locate database header corrupt, bigram char outside 0, 32-127: 1\n");
  assert.is(q("neg").err, "locate: integer out of range: -4082 < -5000 < 4110\n");
  assert.is(q("big").err, "locate: corrupted database: big -143\n"); // network order: -129
  assert.is(q("cut").err, "locate: corrupted database: cut\n");
  assert.is(q("cut", "-s").err, "locate: corrupted database: cut -15\n");
  const d = tmpdir(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`dir/file-with-a-long-name-${i}`, ""])));
  const dir = run("locate", ["-d", "dir", "x"], { cwd: d });
  const dirSize = fs.statSync(`${d}/dir`).size;
  if (dirSize >= 256) {
    assert.is(dir.err, "locate: mmap ``dir'': No such device\n");
    assert.is(run("locate", ["-s", "-d", "dir", "x"], { cwd: d }).err, "locate: locate database header corrupt, bigram char outside 0, 32-127: -1\n");
  } else assert.is(dir.err, "locate: the locate database 'dir' is smaller than 256 bytes large.\n");
  for (const r of [q("short"), q("hdr"), q("neg"), q("cut"), dir]) assert.is(r.status, 1);
  const usage = "usage: locate [-0Scims] [-l limit] [-d database] pattern ...\n\n" +
    "default database: `/var/db/locate.database' or $LOCATE_PATH\n";
  const u = run("locate", []);
  assert.is(u.err, usage);
  assert.is(u.status, 1);
  assert.is(sh("locate -x y").err, "locate: unrecognized option: x\n" + usage);
});

// ---- locate.updatedb ----

/** The file system type of a directory, from the mount table (longest matching mount point). */
function fsType(dir: string): string {
  const real = fs.realpathSync(dir);
  let best = "", type = "";
  for (const line of fs.readFileSync("/proc/self/mountinfo", "latin1").split("\n")) {
    const f = line.split(" ");
    const sep = f.indexOf("-");
    if (sep < 0) continue;
    const mp = f[4]!.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
    if ((real === mp || real.startsWith(mp === "/" ? "/" : mp + "/")) && mp.length >= best.length) {
      best = mp;
      type = f[sep + 1]!;
    }
  }
  return type;
}

function tree(): string {
  const d = tmpdir();
  const mk = (p: string, isDir = false) => {
    const full = Buffer.concat([Buffer.from(d + "/"), Buffer.from(p, "latin1")]);
    if (isDir) fs.mkdirSync(full, { recursive: true });
    else fs.writeFileSync(full, "");
  };
  for (const x of ["t/b/c", "t/a", "t/.zfs/z", "t/skip/deeper", "t/a.d"]) mk(x, true);
  for (const x of ["t/b/c/f", "t/a/g", "t/a/sp ace", "t/a/nl\nx", "t/a/\xe9\xff", "t/.zfs/z/h", "t/skip/deeper/i", "t/a.d/j", "t/A"]) mk(x);
  fs.symlinkSync("b", path.join(d, "t/link"));
  return d;
}

test("updatedb: walk order, prunes, byte-exact names; round trip through locate", () => {
  const d = tree();
  const env = { FCODES: `${d}/db`, SEARCHPATHS: `${d}/t`, PRUNEPATHS: `${d}/t/ski?`, FILESYSTEMS: `nosuchfs ${fsType(d)}`, LOCATE_CONFIG: "/dev/null" };
  const r = run("locate.updatedb", [], { env, cwd: d });
  assert.is(r.err.replace(/>>> .*\n/g, ""), "");
  assert.is(r.status, 0);
  const back = run("locate", ["-0", "-d", `${d}/db`, "/"], { cwd: d }).stdout;
  // find -s order: the names of each directory sorted by bytes, a directory before its contents
  const names = ["", "/A", "/a", "/a/g", "/a/nl\nx", "/a/sp ace", "/a/\xe9\xff", "/a.d", "/a.d/j", "/b", "/b/c", "/b/c/f", "/link"];
  const want = Buffer.concat(names.map((n) => Buffer.concat([Buffer.from(`${d}/t`), Buffer.from(n, "latin1"), Buffer.from([0])])));
  assert.equal([...back], [...want]);
  // the bytes are those of the plain reference for that list
  const list = names.map((n) => Buffer.concat([Buffer.from(`${d}/t`), Buffer.from(n, "latin1")]));
  assert.equal([...fs.readFileSync(`${d}/db`)], [...refEncode(list, refTable(list))]);
});

test("updatedb: locate.rc (plain and shell), empty results, empty variables", () => {
  const d = tree();
  const ft = fsType(d);
  fs.writeFileSync(`${d}/plain.rc`, `# comment\nFCODES="${d}/p.db"\nSEARCHPATHS='${d}/t/b'  # roots\nPRUNEDIRS=\nFILESYSTEMS="${ft}"\n`);
  const p = run("locate.updatedb", [], { env: { LOCATE_CONFIG: `${d}/plain.rc`, FCODES: `${d}/ignored.db` }, cwd: d });
  assert.is(p.status, 0);
  assert.is(run("locate", ["-d", `${d}/p.db`, "/"]).out, `${d}/t/b\n${d}/t/b/c\n${d}/t/b/c/f\n`);
  assert.not.ok(fs.existsSync(`${d}/ignored.db`));
  // a configuration that needs a shell: variables from the environment, a loop
  fs.writeFileSync(`${d}/sh.rc`, `SEARCHPATHS=""\nfor x in a.d; do SEARCHPATHS="$SEARCHPATHS $BASE/t/$x"; done\nFILESYSTEMS=${ft}\n`);
  const s = run("locate.updatedb", [], { env: { LOCATE_CONFIG: `${d}/sh.rc`, BASE: d, FCODES: `${d}/s.db` }, cwd: d });
  assert.is(s.status, 0);
  assert.is(run("locate", ["-d", `${d}/s.db`, "/"]).out, `${d}/t/a.d\n${d}/t/a.d/j\n`);
  // nothing found: the database is left alone
  fs.writeFileSync(`${d}/keep.db`, "old");
  const e = run("locate.updatedb", [], { env: { LOCATE_CONFIG: "/dev/null", FCODES: `${d}/keep.db`, SEARCHPATHS: `${d}/t`, FILESYSTEMS: "nosuchfs" }, cwd: d });
  assert.is(e.err.replace(/>>> .*\n/g, ""), `updatedb: locate database ${d}/keep.db is empty\n`);
  assert.is(e.status, 1);
  assert.is(fs.readFileSync(`${d}/keep.db`, "latin1"), "old");
  for (const v of ["SEARCHPATHS", "FILESYSTEMS"]) {
    const x = run("locate.updatedb", [], { env: { LOCATE_CONFIG: "/dev/null", FCODES: `${d}/x.db`, [v]: "" }, cwd: d });
    assert.ok(x.err.endsWith(`locate.updatedb: empty variable ${v}\n`), x.err);
    assert.is(x.status, 1);
  }
});

test("concatdb joins databases", () => {
  const a = run("locate.mklocatedb", [], { stdin: "/a/1\n/a/2\n" }).stdout;
  const b = run("locate.mklocatedb", [], { stdin: "/b/1\n" }).stdout;
  const c = run("locate.concatdb", ["a", "b"], { files: { a, b } });
  const list = ["/a/1", "/a/2", "/b/1"].map((s) => Buffer.from(s));
  assert.equal([...c.stdout], [...refEncode(list, refTable(list))]);
  assert.is(run("locate.concatdb", ["a"]).out, "usage: concatdb databases1 ... databaseN > newdb\n");
});

test.run();
