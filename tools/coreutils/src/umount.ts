// umount — unmount file systems.
// util-linux umount(8) (the subset issue 10 names; not in POSIX).
// umount [-flnRv] [-t types] dir|source ...     umount -a [-flnv] [-t types]
// An operand is looked up in /proc/self/mountinfo as a mount point (its canonical path), else
// as a mount source (the last mount of it); else it goes to umount2(2) as given. -l detaches
// (MNT_DETACH), -f forces (MNT_FORCE), -R unmounts the submounts first (deepest first, from the
// mount ids of mountinfo), -a every mount in reverse mountinfo order except the root, -t limits
// -a to types ("nonfs,proc" negates), -n is accepted (no /etc/mtab), -v reports each unmount
// ("umount: DIR unmounted"; "umount: DIR (SRC) unmounted" when named by its source).
// Errors as util-linux: "umount: DIR: target is busy.", "not mounted.", "no mount point
// specified."; status 32 when any unmount failed, 1 on usage errors.
import { defineApplet, Getopt, usage, type LongOpt } from "@bsdbox/shared";
import { umount2, mountinfo, MNT, SysError, strerror, realpath, getuid, type MountInfo } from "@bsdbox/compat";
import { matchFstype } from "@bsdbox/shared/mnt";

const USAGE = `usage: umount [-flnRv] [-t types] dir | device ...
       umount -a [-flnv] [-t types]`;
const EX_USAGE = 1, EX_FAIL = 32;

function explain(e: SysError): string {
  switch (e.errno) {
    case 22: return "not mounted";
    case 16: return "target is busy";
    case 2: return "no mount point specified";
    case 1: return getuid() !== 0 ? "must be superuser to unmount" : "permission denied";
    case 13: return "block devices are not permitted on filesystem";
  }
  return `umount(2) system call failed: ${strerror(e.errno)}`;
}

const LONG: LongOpt[] = [
  { name: "all", has: 0, val: "a" }, { name: "force", has: 0, val: "f" }, { name: "lazy", has: 0, val: "l" },
  { name: "no-mtab", has: 0, val: "n" }, { name: "recursive", has: 0, val: "R" }, { name: "types", has: 1, val: "t" },
  { name: "verbose", has: 0, val: "v" }, { name: "help", has: 0, val: "h" },
];

export default defineApplet({
  name: "umount",
  main(ctx) {
    const g = new Getopt(ctx, "afhlnRt:v", LONG);
    let all = false, recursive = false, verbose = false, flags = 0;
    let types: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": all = true; break;
        case "f": flags |= MNT.FORCE; break;
        case "l": flags |= MNT.DETACH; break;
        case "n": break;
        case "R": recursive = true; break;
        case "t": types = g.optarg!; break;
        case "v": verbose = true; break;
        case "h": ctx.out.write(USAGE + "\n"); return 0;
        default: usage(ctx, USAGE, EX_USAGE);
      }
    }
    const args = g.rest;
    if (all ? args.length > 0 : args.length === 0) usage(ctx, USAGE, EX_USAGE);
    let table: MountInfo[] = [];
    const reload = () => {
      try {
        table = mountinfo();
      } catch {
        table = [];
      }
    };
    reload();
    let status = 0;
    /** one umount2(2); false (after the message) when it failed */
    const one = (target: string, shown: string): boolean => {
      try {
        umount2(target, flags);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        ctx.out.flush();
        ctx.err.write(`umount: ${target}: ${explain(e)}.\n`);
        ctx.err.flush();
        status = EX_FAIL;
        return false;
      }
      if (verbose) ctx.out.write(`umount: ${shown} unmounted\n`);
      return true;
    };
    /** a mount and everything under it, children first (the last mounted first) */
    const tree = (m: MountInfo): boolean => {
      const kids = table.filter((k) => k.parent === m.id && k.id !== m.id);
      for (let i = kids.length - 1; i >= 0; i--) if (!tree(kids[i]!)) return false;
      return one(m.target, m.target);
    };

    if (all) {
      for (let i = table.length - 1; i >= 0; i--) {
        const m = table[i]!;
        if (m.target === "/" || !matchFstype(m.fstype, types)) continue;
        one(m.target, m.target);
      }
      return status;
    }
    for (const a of args) {
      let target = a;
      try {
        target = realpath(a);
      } catch {}
      let m: MountInfo | undefined;
      let bySource = false;
      for (let i = table.length - 1; i >= 0 && !m; i--) if (table[i]!.target === target) m = table[i];
      for (let i = table.length - 1; i >= 0 && !m; i--) {
        if (table[i]!.source === a || table[i]!.source === target) { m = table[i]; bySource = true; }
      }
      if (m && types !== undefined && !matchFstype(m.fstype, types)) continue;
      if (recursive) {
        if (!m) {
          ctx.err.write(`umount: ${target}: not mounted.\n`);
          status = EX_FAIL;
          continue;
        }
        tree(m);
      } else if (m) one(m.target, bySource ? `${m.target} (${a})` : m.target);
      else one(target, target);
      reload();
    }
    return status;
  },
});
