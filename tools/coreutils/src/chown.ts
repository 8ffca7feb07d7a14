// chown, chgrp — change file owner and group.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/chown.html
//        https://pubs.opengroup.org/onlinepubs/9799919799/utilities/chgrp.html   FreeBSD: chown(8)
// chown [-fhvx] [-R [-H | -L | -P]] owner[:group] file ...   chown ... :group file ...
// chgrp [-fhvx] [-R [-H | -L | -P]] group file ...            getopt "HLPRfhvx" (one module,
// the personality is ctx.prog).
//   owner/group: a name from the user/group database, else a decimal number (strtoul: blanks
//   and a sign are accepted, anything after the digits is "N: illegal user name" / "illegal
//   group name", status 1, before any file is touched). The group is looked up first. "owner:"
//   and ":group" leave the other id alone. "owner.group" is NOT split (chimerautils builds
//   without SUPPORT_DOT): it is looked up as a user name, so `chown 1.2 f` fails.
//   -R recurses (shared/fts.ts), changing each directory after its contents (at FTS_DP); -H
//   follows symlinks named as operands, -L every symlink, -P (the default under -R) none: a
//   symlink met under -P has the link itself changed (lchown). Without -R operands are followed
//   unless -h (then links themselves are changed). -R with -h and -H/-L: "the -RH and -h options
//   may not be specified together". -x stays on the operands' file systems (FTS_XDEV).
//   A file already owned as asked is skipped (and not listed by -v). -f: a failing chown(2) is
//   not reported and does not set the status (a missing operand still is). -v prints each
//   changed name; -vv adds "uid:gid -> uid:gid" (chgrp: "gid -> gid").
//   EPERM for a non-root user asking only for a group gives, once, "you are not a member of
//   group G" when the user is not in G.
// Every operand is tried; status 1 if any failed. An empty operand is fts_open's ENOENT: the
// whole run stops (`chown: No such file or directory`, as err(1, NULL)). Usage errors exit 1.
// Not done: the SIGINFO (SIGUSR1) progress line.
import { defineApplet, Getopt, usage, err, errx, warnx, strtol, type Ctx } from "@bsdbox/shared";
import { Fts, FTS_COMFOLLOW, FTS_ROOTLEVEL, FTS_D, FTS_PHYSICAL, FTS_LOGICAL, FTS_XDEV, FTS_SKIP, FTS_DNR, FTS_ERR, FTS_NS, type FtsEnt } from "@bsdbox/shared/fts";
import { chown, lchown, getpwnam, getgrnam, geteuid, getgroups, strerror, SysError } from "@bsdbox/compat";

const USAGE_CHOWN =
  "usage: chown [-fhvx] [-R [-H | -L | -P]] owner[:group] file ...\n" +
  "       chown [-fhvx] [-R [-H | -L | -P]] :group file ...";
const USAGE_CHGRP = "usage: chgrp [-fhvx] [-R [-H | -L | -P]] group file ...";
const NOID = -1, UID_MAX = 0xffffffffn, EPERM = 1;

/** strtoul(3) base 10 of the whole string: the value, or undefined on junk or overflow. */
function numericId(s: string): number | undefined {
  const r = strtol(s, 10);
  if (!r.digits || r.end !== s.length) return undefined;
  let v = r.value;
  if (v < 0n) {
    if (-v > 0xffffffffffffffffn) return undefined;
    v = (1n << 64n) + v; // strtoul negates in unsigned long
  }
  if (v > UID_MAX) return undefined;
  return Number(v);
}

export default defineApplet({
  name: "chown",
  main(ctx) {
    const ischown = ctx.prog === "chown";
    const USAGE = ischown ? USAGE_CHOWN : USAGE_CHGRP;
    const g = new Getopt(ctx, "HLPRfhvx");
    let H = false, L = false, R = false, f = false, h = false, v = 0, x = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "H": H = true; L = false; break;
        case "L": L = true; H = false; break;
        case "P": H = L = false; break;
        case "R": R = true; break;
        case "f": f = true; break;
        case "h": h = true; break;
        case "v": v++; break;
        case "x": x = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const args = g.rest;
    if (args.length < 2) usage(ctx, USAGE);

    let options: number;
    if (R) {
      if (h && (H || L)) errx(ctx, 1, `the -R${H ? "H" : "L"} and -h options may not be specified together`);
      options = L ? FTS_LOGICAL : FTS_PHYSICAL | (H ? FTS_COMFOLLOW : 0);
    } else options = h ? FTS_PHYSICAL : FTS_LOGICAL;
    if (x) options |= FTS_XDEV;

    let uid = NOID, gid = NOID, gname = "";
    const spec = args[0]!;
    const aGid = (s: string) => {
      if (s === "") return;
      gname = s;
      const gr = getgrnam(s);
      gid = gr ? gr.gid : numericId(s) ?? errx(ctx, 1, `${s}: illegal group name`);
    };
    if (ischown) {
      const colon = spec.indexOf(":");
      let user = spec;
      if (colon >= 0) {
        user = spec.slice(0, colon);
        aGid(spec.slice(colon + 1));
      }
      if (user !== "") {
        const pw = getpwnam(user);
        uid = pw ? pw.uid : numericId(user) ?? errx(ctx, 1, `${user}: illegal user name`);
      }
    } else aGid(spec);
    // (uid_t)-1 and (gid_t)-1 given as numbers mean "leave alone", as for the kernel
    if (uid === 0xffffffff) uid = NOID;
    if (gid === 0xffffffff) gid = NOID;

    let fts: Fts;
    try {
      fts = new Fts(args.slice(1), options);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      errx(ctx, 1, e.message);
    }
    let groupChecked = false;
    const chownerr = (p: FtsEnt, e: SysError) => {
      if (e.errno === EPERM && gid !== NOID && !groupChecked && geteuid() !== 0 && (uid === NOID)) {
        groupChecked = true;
        if (!getgroups().includes(gid)) {
          warnx(ctx, `you are not a member of group ${gname}`);
          return;
        }
      }
      warnx(ctx, `${p.path}: ${e.message}`);
    };
    for (;;) {
      let p;
      try {
        p = fts.read();
      } catch (e) {
        err(ctx, 1, "fts_read", e);
      }
      if (!p) break;
      const follow = !!(options & FTS_LOGICAL) || (!!(options & FTS_COMFOLLOW) && p.level === FTS_ROOTLEVEL);
      switch (p.info) {
        case FTS_D: // changed at FTS_DP
          if (!R) fts.set(p, FTS_SKIP);
          continue;
        case FTS_DNR:
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          ctx.status = 1;
          break;
        case FTS_ERR:
        case FTS_NS:
          warnx(ctx, `${p.path}: ${strerror(p.errno)}`);
          ctx.status = 1;
          continue;
      }
      const st = p.stat!;
      if ((uid === NOID || uid === st.uid) && (gid === NOID || gid === st.gid)) continue;
      let failed: SysError | undefined;
      try {
        if (follow) chown(p.accpath, uid, gid);
        else lchown(p.accpath, uid, gid);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        failed = e;
      }
      if (failed && !f) {
        chownerr(p, failed);
        ctx.status = 1;
      } else if (v) printInfo(ctx, p, v, ischown, uid, gid);
    }
    return ctx.status;
  },
});

function printInfo(ctx: Ctx, p: FtsEnt, v: number, ischown: boolean, uid: number, gid: number): void {
  let line = p.path;
  if (v > 1) {
    const st = p.stat!;
    const nu = uid === NOID ? st.uid : uid, ng = gid === NOID ? st.gid : gid;
    line += ischown ? `: ${st.uid}:${st.gid} -> ${nu}:${ng}` : `: ${st.gid} -> ${ng}`;
  }
  ctx.out.write(line + "\n");
}
