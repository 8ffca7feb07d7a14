// id → groups, whoami — return user identity.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/id.html  FreeBSD: id(1), groups(1), whoami(1)
// id [user] | -G [-n] [user] | -M | -P [user] | -d [user] | -g [-nr] [user] | -p [user] |
// -s [user] | -u [-nr] [user]; -a is ignored. `groups [user]` is `id -Gn`, `whoami` is `id -un`
// (both take no options). A user is a login name or, failing that, a numeric uid. Without a user
// the process's credentials are shown: euid/egid when they differ from the real ids, and the
// groups as FreeBSD's getgroups(2) gives them (the effective gid first, then the supplementary
// groups; Linux's list lacks the former); with a user, the primary group and the groups
// of /etc/group listing the user (getgrouplist order; only repeated neighbours are dropped).
// As chimerautils: -A (audit) and -c (login class) are dropped, -P prints the 7-field Linux
// passwd line, -M prints the LSM label of the process (/proc/self/attr/current).
import { defineApplet, Getopt, errx, err, usage as usageExit, type Ctx } from "@bsdbox/shared";
import {
  getpwnam, getpwuid, getgrgid, allGroups, getuid, geteuid, getgid, getegid, getgroupsRaw,
  processLabel, type Passwd,
} from "@bsdbox/compat";

const USAGE_ID = [
  "usage: id [user]",
  "       id -G [-n] [user]",
  "       id -M",
  "       id -P [user]",
  "       id -d [user]",
  "       id -g [-nr] [user]",
  "       id -p [user]",
  "       id -s [user]",
  "       id -u [-nr] [user]",
].join("\n");

export default defineApplet({
  name: "id",
  main(ctx) {
    const isGroups = ctx.prog === "groups", isWhoami = ctx.prog === "whoami";
    const usage = (): never => usageExit(ctx, isGroups ? "usage: groups [user]" : isWhoami ? "usage: whoami" : USAGE_ID);
    const f = { G: isGroups, M: false, P: false, d: false, g: false, n: isGroups || isWhoami, p: false, r: false, s: false, u: isWhoami };
    const g = new Getopt(ctx, isGroups || isWhoami ? "" : "GMPadgnprsu");
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "?") usage();
      if (c !== "a") (f as Record<string, boolean>)[c] = true;
    }
    const args = g.rest;
    if (isWhoami && args.length > 0) usage();
    if (f.M && args.length > 0) usage();
    const combo = +f.G + +f.M + +f.P + +f.g + +f.p + +f.u;
    if (combo + +f.d + +f.s > 1 || (combo === 0 && (f.n || f.r))) usage();

    const pw = args.length ? who(ctx, args[0]!) : undefined;
    const out = (s: string) => ctx.out.write(s + "\n");
    const grname = (gid: number) => getgrgid(gid)?.name;
    const self = (): Passwd => getpwuid(getuid()) ?? err(ctx, 1, "getpwuid", 0);

    if (f.g) {
      const id = pw ? pw.gid : f.r ? getgid() : getegid();
      out((f.n && grname(id)) || String(id));
    } else if (f.u) {
      const id = pw ? pw.uid : f.r ? getuid() : geteuid();
      out((f.n && getpwuid(id)?.name) || String(id));
    } else if (f.d) {
      out((pw ?? self()).dir);
    } else if (f.G) {
      out(groupList(pw, f.n));
    } else if (f.M) {
      let label: string;
      try {
        label = processLabel();
      } catch (e) {
        return err(ctx, 1, "mac_get_proc", e);
      }
      out(label);
    } else if (f.P) {
      const p = pw ?? self();
      out(`${p.name}:${p.passwd}:${p.uid}:${p.gid}:${p.gecos}:${p.dir}:${p.shell}`);
    } else if (f.p) {
      pretty(ctx, pw, out);
    } else if (f.s) {
      out((pw ?? self()).shell);
    } else {
      out(idLine(pw));
    }
    return 0;
  },
});

/** getpwnam, then the operand as a number (strtol, base 10) through getpwuid. */
function who(ctx: Ctx, u: string): Passwd {
  const p = getpwnam(u);
  if (p) return p;
  if (/^[\t\n\v\f\r ]*[+-]?[0-9]+$/.test(u)) {
    const q = getpwuid(Number(u.trim()));
    if (q) return q;
  }
  return errx(ctx, 1, `${u}: no such user`);
}

/** getgrouplist(3) as musl does it: the primary group, then every /etc/group entry naming the user. */
function groupsOf(pw: Passwd): number[] {
  const list = [pw.gid];
  for (const gr of allGroups()) if (gr.members.includes(pw.name)) list.push(gr.gid);
  return list;
}
/** The ids with repeated neighbours dropped, as FreeBSD's loops do. */
function uniqRuns(ids: number[]): number[] {
  return ids.filter((id, i) => i === 0 || ids[i - 1] !== id);
}

/** The process's groups as FreeBSD's getgroups(2) gives them: the effective gid first, then the
 * supplementary groups (Linux does not include the effective gid itself). */
function processGroups(): number[] {
  const egid = getegid();
  return [egid, ...getgroupsRaw().filter((g) => g !== egid)];
}

function groupList(pw: Passwd | undefined, names: boolean): string {
  const ids = uniqRuns(pw ? groupsOf(pw) : processGroups());
  return ids.map((id) => (names ? getgrgid(id)?.name ?? String(id) : String(id))).join(" ");
}

function idLine(pw: Passwd | undefined): string {
  const db = pw !== undefined;
  const uid = db ? pw!.uid : getuid();
  const gid = db ? pw!.gid : getgid();
  const who = db ? pw : getpwuid(uid);
  const ids = db ? groupsOf(pw!) : processGroups();
  const gname = (id: number) => {
    const n = getgrgid(id)?.name;
    return n === undefined ? "" : `(${n})`;
  };
  let s = who ? `uid=${uid}(${who.name})` : `uid=${uid}`;
  s += ` gid=${gid}${gname(gid)}`;
  if (!db) {
    const euid = geteuid();
    if (euid !== uid) {
      const e = getpwuid(euid);
      s += ` euid=${euid}${e ? `(${e.name})` : ""}`;
    }
    const egid = getegid();
    if (egid !== gid) s += ` egid=${egid}${gname(egid)}`;
  }
  const list = uniqRuns(ids);
  if (list.length) s += " groups=" + list.map((id) => `${id}${gname(id)}`).join(",");
  return s;
}

function pretty(ctx: Ctx, pw: Passwd | undefined, out: (s: string) => void): void {
  if (pw) {
    out(`uid\t${pw.name}`);
    out(`groups\t${groupList(pw, true)}`);
    return;
  }
  // musl's getlogin() is getenv("LOGNAME")
  const login = ctx.env.get("LOGNAME");
  if (login === undefined) err(ctx, 1, "getlogin", 0);
  const rid = getuid();
  const p = getpwuid(rid);
  if (!p || login !== p.name) out(`login\t${login}`);
  out(p ? `uid\t${p.name}` : `uid\t${rid}`);
  const eid = geteuid();
  if (eid !== rid) {
    const e = getpwuid(eid);
    out(e ? `euid\t${e.name}` : `euid\t${eid}`);
  }
  const rg = getgid();
  if (rg !== getegid()) {
    const n = getgrgid(rg)?.name;
    out(n !== undefined ? `rgid\t${n}` : `rgid\t${rg}`);
  }
  out(`groups\t${groupList(undefined, true)}`);
}
