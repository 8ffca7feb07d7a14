import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const mode = (p: string) => fs.statSync(p).mode & 0o7777;
const USAGE = "usage: mktemp [-d] [-p tmpdir] [-q] [-t prefix] [-u] template ...\n       mktemp [-d] [-p tmpdir] [-q] [-u] -t prefix \n";

test("no operand: tmp.XXXXXXXXXX in TMPDIR, a 0600 file; -d a 0700 directory", () => {
  const t = tmpdir();
  const r = run("mktemp", [], { env: { TMPDIR: t } });
  assert.is(r.status, 0);
  assert.match(r.out, new RegExp(`^${t}/tmp\\.[0-9A-Za-z]{10}\\n$`));
  assert.is(mode(r.out.trim()), 0o600);
  assert.ok(fs.statSync(r.out.trim()).isFile());
  const d = run("mktemp", ["-d"], { env: { TMPDIR: t + "/" } });
  assert.match(d.out, new RegExp(`^${t}/tmp\\.[0-9A-Za-z]{10}\\n$`));
  assert.is(mode(d.out.trim()), 0o700);
});

test("templates: trailing X's only, several operands, names differ", () => {
  const r = sh("umask 000; mktemp a.XXXXXX aXXXb plain b.XXXXXXXXXXXXXXXXXXXX");
  assert.is(r.status, 0);
  const names = r.out.trim().split("\n");
  assert.match(names[0]!, /^a\.[0-9A-Za-z]{6}$/);
  assert.is(names[1], "aXXXb");
  assert.is(names[2], "plain");
  assert.match(names[3]!, /^b\.[0-9A-Za-z]{20}$/);
  for (const n of names) assert.is(mode(path.join(r.dir, n)), 0o600);
  const many = sh("for i in 1 2 3 4 5 6 7 8; do mktemp x.XXXXXXXX; done | sort -u | wc -l");
  assert.is(many.out.trim(), "8");
});

test("collisions cycle through the names; an existing plain name fails", () => {
  const r = sh("mktemp aX aX aX; echo rc=$?");
  assert.is(r.status, 0);
  assert.match(r.out, /^aX?[0-9A-Za-z]\naX?[0-9A-Za-z]\naX?[0-9A-Za-z]\nrc=0\n$/);
  const e = sh(": > plain; mktemp plain; echo rc=$?");
  assert.is(e.out, "rc=1\n");
  assert.is(e.err, "mktemp: mkstemp failed on plain: File exists\n");
  const d = sh("mkdir dd; mktemp -d dd; echo rc=$?");
  assert.is(d.err, "mktemp: mkdtemp failed on dd: File exists\n");
});

test("-t prefix: in the -p dir, else TMPDIR, else /tmp; -p with templates; --tmpdir without value is TMPDIR", () => {
  const t = tmpdir(), p = tmpdir();
  const a = run("mktemp", ["-t", "pfx", "-p", p], { env: { TMPDIR: t } });
  assert.match(a.out, new RegExp(`^${p}/pfx\\.[0-9A-Za-z]{10}\\n$`));
  const b = run("mktemp", ["-t", "pfx"], { env: { TMPDIR: t } });
  assert.match(b.out, new RegExp(`^${t}/pfx\\.[0-9A-Za-z]{10}\\n$`));
  const u = sh("unset TMPDIR; mktemp -u -t pfx");
  assert.match(u.out, /^\/tmp\/pfx\.[0-9A-Za-z]{10}\n$/);
  const c = run("mktemp", ["-p", p, "x.XXX"], { env: { TMPDIR: t } });
  assert.match(c.out, new RegExp(`^${p}/x\\.[0-9A-Za-z]{3}\\n$`));
  const d = run("mktemp", ["--tmpdir", "y.XXX"], { env: { TMPDIR: t } });
  assert.match(d.out, new RegExp(`^${t}/y\\.[0-9A-Za-z]{3}\\n$`));
  const e = run("mktemp", ["--tmpdir=" + p, "--directory", "z.XXX"]);
  assert.ok(fs.statSync(e.out.trim()).isDirectory());
  const f = run("mktemp", ["-u", "-t", "q"], { env: { TMPDIR: "" } });
  assert.match(f.out, /^\/q\.[0-9A-Za-z]{10}\n$/);
});

test("-u prints a name and leaves nothing; -q is silent but fails", () => {
  const r = sh("mktemp -u f.XXXX; mktemp -u -d d.XXXX; ls");
  assert.match(r.out, /^f\.[0-9A-Za-z]{4}\nd\.[0-9A-Za-z]{4}\n$/);
  const q = sh("mktemp -q nodir/x.XXXX; echo rc=$?; mktemp --quiet --dry-run nodir/y; echo rc=$?");
  assert.is(q.out, "rc=1\nrc=1\n");
  assert.is(q.err, "");
  const e = sh("mktemp nodir/x.XXXX a.X");
  assert.is(e.status, 1);
  assert.match(e.err, /^mktemp: mkstemp failed on nodir\/x\.[0-9A-Za-z]{4}: No such file or directory\n$/);
  assert.match(e.out, /^a\.[0-9A-Za-z]\n$/);
});

test("usage", () => {
  const r = run("mktemp", ["-Q"]);
  assert.is(r.status, 1);
  assert.ok(r.err.endsWith("mktemp: unrecognized option: Q\n" + USAGE));
  const l = run("mktemp", ["--dry", "--bogus"]);
  assert.is(l.status, 1);
  assert.match(l.err, /unrecognized option: bogus\n/);
});

test.run();
