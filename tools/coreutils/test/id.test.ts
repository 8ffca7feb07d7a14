import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { run } from "@bsdbox/posix-tests";

// the user and group databases as the test reads them, to check id against
const passwd = readFileSync("/etc/passwd", "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
const group = readFileSync("/etc/group", "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
const userName = (uid: number) => passwd.find((f) => Number(f[2]) === uid)?.[0];
const groupName = (gid: number) => group.find((f) => Number(f[2]) === gid)?.[0];
const uid = process.getuid!(), gid = process.getgid!();
const USAGE = "usage: id [user]\n       id -G [-n] [user]\n       id -M\n       id -P [user]\n       id -d [user]\n       id -g [-nr] [user]\n       id -p [user]\n       id -s [user]\n       id -u [-nr] [user]\n";

test("-u -g -r print the process's ids; -n their names", () => {
  assert.is(run("id", ["-u"]).out, `${uid}\n`);
  assert.is(run("id", ["-g"]).out, `${gid}\n`);
  assert.is(run("id", ["-ur"]).out, `${uid}\n`);
  assert.is(run("id", ["-un"]).out, `${userName(uid) ?? uid}\n`);
  assert.is(run("id", ["-gn"]).out, `${groupName(gid) ?? gid}\n`);
});

test("a named user: the primary group, then the groups listing the user", () => {
  const pw = passwd[0]!;
  const [name, , u, g] = pw;
  const gids = [Number(g)];
  for (const gr of group) if ((gr[3] ?? "").split(",").includes(name!)) gids.push(Number(gr[2]));
  const list = gids.filter((x, i) => i === 0 || gids[i - 1] !== x);
  const gn = (x: number) => (groupName(x) !== undefined ? `(${groupName(x)})` : "");
  assert.is(run("id", [name!]).out, `uid=${u}(${name}) gid=${g}${gn(Number(g))} groups=${list.map((x) => `${x}${gn(x)}`).join(",")}\n`);
  assert.is(run("id", ["-G", name!]).out, list.join(" ") + "\n");
  assert.is(run("groups", [name!]).out, list.map((x) => groupName(x) ?? String(x)).join(" ") + "\n");
  assert.is(run("id", ["-u", name!]).out, `${u}\n`);
  assert.is(run("id", ["-P", name!]).out, pw.slice(0, 7).join(":") + "\n");
  assert.is(run("id", ["-d", name!]).out, `${pw[5]}\n`);
  assert.is(run("id", ["-s", name!]).out, `${pw[6]}\n`);
  assert.is(run("id", ["-p", name!]).out, `uid\t${name}\ngroups\t${list.map((x) => groupName(x) ?? String(x)).join(" ")}\n`);
  // a number names a user by uid when no login name matches
  assert.is(run("id", ["-un", u!]).out, `${name}\n`);
});

test("the process's line starts with uid and gid; the effective gid leads the groups", () => {
  const out = run("id").out;
  const un = userName(uid), gn = groupName(gid);
  assert.ok(out.startsWith(`uid=${uid}${un ? `(${un})` : ""} gid=${gid}${gn ? `(${gn})` : ""} groups=${process.getegid!()}`), out);
  assert.is(run("id", ["-G"]).out.split(" ")[0]!.trim(), String(process.getegid!()));
});

test("whoami and groups are personalities without options", () => {
  assert.is(run("whoami").out, run("id", ["-un"]).out);
  assert.is(run("groups").out, run("id", ["-Gn"]).out);
  const w = run("whoami", ["x"]);
  assert.is(w.status, 1);
  assert.is(w.err, "usage: whoami\n");
  const g = run("groups", ["-n"]);
  assert.is(g.status, 1);
  assert.ok(g.err.endsWith("usage: groups [user]\n"));
});

test("unknown users and conflicting options", () => {
  const r = run("id", ["nosuchuserxyz"]);
  assert.is(r.status, 1);
  assert.is(r.err, "id: nosuchuserxyz: no such user\n");
  for (const a of [["-n"], ["-r"], ["-u", "-g"], ["-d", "-s"], ["-u", "-d"], ["-M", "root"], ["-Q"]]) {
    const u = run("id", a);
    assert.is(u.status, 1, a.join(" "));
    assert.ok(u.err.endsWith(USAGE), a.join(" "));
    assert.is(u.out, "");
  }
  assert.is(run("id", ["-a", "-u"]).out, `${uid}\n`);
});

test("-p without a user takes the login name from LOGNAME (musl's getlogin)", () => {
  const r = run("id", ["-p"], { env: { LOGNAME: "someone-else" } });
  assert.ok(r.out.startsWith(`login\tsomeone-else\nuid\t${userName(uid) ?? uid}\n`), r.out);
  assert.ok(r.out.includes("\ngroups\t"));
  const n = run("id", ["-p"], { env: { LOGNAME: userName(uid) ?? "x" } });
  if (userName(uid)) assert.ok(n.out.startsWith(`uid\t${userName(uid)}\n`), n.out);
});

test.run();
