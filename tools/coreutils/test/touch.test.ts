import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

const times = (dir: string, p: string, l = false) => {
  const s = (l ? fs.lstatSync : fs.statSync)(path.join(dir, p), { bigint: true });
  return [s.atimeNs, s.mtimeNs];
};
const sec = (n: number) => BigInt(n) * 1000000000n;
const USAGE = "usage: touch [-A [-][[hh]mm]SS] [-achm] [-r file] [-t [[CC]YY]MMDDhhmm[.SS]]\n       [-d YYYY-MM-DDThh:mm:SS[.frac][tz]] file ...\n";

test("creates files 0666 less the umask; existing ones get the current time", () => {
  const r = sh("umask 022; touch a b; : > old; touch -t 199001010000 old; touch old");
  assert.is(r.status, 0);
  assert.is(fs.statSync(path.join(r.dir, "a")).mode & 0o777, 0o644);
  assert.ok(times(r.dir, "old")[1]! > sec(1e9));
});

test("-t forms, local time from TZ (POSIX rule strings too), seconds and normalisation", () => {
  const r = sh("touch -t 200102031405.06 a; touch -t 0102031405 b; touch -t 7002031405 c; touch -t 200012312359.60 d; TZ=EST5 touch -t 200102031405 e; TZ=JST-9 touch -t 200102031405 f");
  assert.is(r.err, "");
  assert.equal(times(r.dir, "a"), [sec(981209106), sec(981209106)]);
  assert.is(times(r.dir, "b")[1], sec(981209100));
  assert.is(times(r.dir, "c")[1], sec(2901900));
  assert.is(times(r.dir, "d")[1], sec(978307200));
  assert.is(times(r.dir, "e")[1], sec(981227100));
  assert.is(times(r.dir, "f")[1], sec(981176700));
  // a DST rule: July is summer time in CET-1CEST
  sh("TZ=CET-1CEST,M3.5.0,M10.5.0/3 touch -t 200107011200 g", { cwd: r.dir });
  assert.is(times(r.dir, "g")[1], sec(993981600));
});

test("-t and -d errors exit 1 at once", () => {
  for (const t of ["2001020", "200102031405.6", "200102031405.066", "1"]) {
    const r = run("touch", ["-t", t, "f"]);
    assert.is(r.status, 1, t);
    assert.is(r.err, "touch: out of range or illegal time specification: [[CC]YY]MMDDhhmm[.SS]\n");
    assert.not.ok(fs.existsSync(path.join(r.dir, "f")));
  }
  for (const d of ["yesterday", "2001-02-03", "2001-13-03T01:02:03", "2001-02-03T14:05:06X", "1899-01-01T00:00:00"]) {
    const r = run("touch", ["-d", d, "f"]);
    assert.is(r.status, 1, d);
    assert.is(r.err, "touch: out of range or illegal time specification: YYYY-MM-DDThh:mm:SS[.frac][tz]\n");
  }
});

test("-d: T or blank, fraction to the nanosecond, Z for UTC", () => {
  const r = sh("touch -d 2001-02-03T14:05:06.123456789Z a; TZ=JST-9 touch -d '2001-02-03 14:05:06,5' b; touch -d 1969-12-31T23:59:59.999999999Z c");
  assert.is(r.err, "");
  assert.equal(times(r.dir, "a"), [sec(981209106) + 123456789n, sec(981209106) + 123456789n]);
  assert.is(times(r.dir, "b")[1], sec(981176706) + 500000000n);
  assert.is(times(r.dir, "c")[1], -1n);
});

test("-a, -m, -r (exact nanoseconds), -c", () => {
  const r = sh("touch -d 2001-01-01T00:00:00.000000007Z ref; touch -t 199001010000 a m; touch -a -r ref a; touch -m -r ref m; touch -c -r ref nope; touch -r ref new");
  assert.is(r.err, "");
  const ref = sec(978307200) + 7n, old = sec(631152000);
  assert.equal(times(r.dir, "a"), [ref, old]);
  assert.equal(times(r.dir, "m"), [old, ref]);
  assert.equal(times(r.dir, "new"), [ref, ref]);
  assert.not.ok(fs.existsSync(path.join(r.dir, "nope")));
  const e = run("touch", ["-r", "missing", "f"]);
  assert.is(e.status, 1);
  assert.is(e.err, "touch: missing: No such file or directory\n");
});

test("-A adjusts the given time once, or each file's own times (creating nothing)", () => {
  const r = sh("touch -t 200102031405.06 a b; touch -A -010203 a; touch -A 30 -t 200102031405 c; touch -A 05 nope; touch -m -A 1000 b");
  assert.is(r.err, "");
  assert.equal(times(r.dir, "a"), [sec(981209106 - 3723), sec(981209106 - 3723)]);
  assert.equal(times(r.dir, "c"), [sec(981209130), sec(981209130)]);
  assert.equal(times(r.dir, "b"), [sec(981209106), sec(981209106 + 600)]);
  assert.not.ok(fs.existsSync(path.join(r.dir, "nope")));
  const e = run("touch", ["-A", "123", "f"]);
  assert.is(e.status, 1);
  assert.is(e.err, "touch: Invalid offset spec, must be [-][[HH]MM]SS\n");
});

test("-h changes a symlink itself and never creates", () => {
  const r = sh("touch -t 199001010000 f; ln -s f l; touch -h -t 200102031405 l; touch -h dangling-none");
  assert.is(r.err, "");
  assert.is(times(r.dir, "f")[1], sec(631152000));
  assert.is(times(r.dir, "l", true)[1], sec(981209100));
  assert.not.ok(fs.existsSync(path.join(r.dir, "dangling-none")));
});

test("obsolete MMDDhhmm[yy] operand only with another operand", () => {
  const r = sh("touch 0203140501 f; touch 02031405 g; touch 12345678");
  assert.is(r.err, "");
  assert.is(times(r.dir, "f")[1], sec(981209100));
  assert.ok(fs.existsSync(path.join(r.dir, "12345678")));
  assert.not.ok(fs.existsSync(path.join(r.dir, "02031405")));
});

test("errors go on; usage", () => {
  const r = sh("touch nodir/f ok; echo rc=$?");
  assert.is(r.out, "rc=1\n");
  assert.is(r.err, "touch: nodir/f: No such file or directory\n");
  assert.ok(fs.existsSync(path.join(r.dir, "ok")));
  const u = run("touch", []);
  assert.is(u.status, 1);
  assert.is(u.err, USAGE);
  const q = run("touch", ["-Q", "f"]);
  assert.ok(q.err.endsWith("touch: unrecognized option: Q\n" + USAGE));
  assert.is(run("touch", ["-f", "x"]).status, 0);
});

test.run();
