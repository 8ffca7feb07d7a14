// mount — mount file systems, list the mount table.
// util-linux mount(8) (the subset issue 10 names; not in POSIX, not in FreeBSD's form).
// mount [-lv] [-t types]                       list /proc/self/mountinfo: "SRC on DIR type T (OPTS)"
// mount -a [-fnrvw] [-t types] [-O optlist] [-o opts] [-T fstab]   every fstab entry not yet
//                                              mounted and not noauto
// mount [-fnrvw] [-t type] [-o opts] SRC|DIR   the rest from fstab (or a remount/propagation change)
// mount [-fnrvw] [-t type] [-o opts] SRC DIR
// mount --bind|--rbind|--move (-B -R -M) OLD NEW;  mount --make-[r]{shared,slave,private,unbindable} DIR
// -o: bind rbind move remount ro rw [no]suid [no]dev [no]exec sync async dirsync [no]mand
// [no]atime [no]diratime [no]relatime [no]strictatime [no]lazytime [no]symfollow [no]iversion
// [r]{private,shared,slave,unbindable} defaults; userspace options (auto noauto user nouser users
// owner group nofail _netdev x-* comment=) are dropped; anything else goes to the file system as
// data ("size=10m,mode=755"). A remount starts from the mount's current flags; a bind mount with
// per-mount flags is bound, then remounted MS_REMOUNT|MS_BIND|flags. LABEL= UUID= PARTLABEL=
// PARTUUID= sources resolve through /dev/disk/by-*. No -t: the types of /etc/filesystems, then
// /proc/filesystems, are tried on a block device. -f: do everything but the system calls.
// Messages as util-linux: "mount: DIR: mount point does not exist." plus the dmesg hint after a
// failed mount(2); status 1 usage or permission, 32 failure, 64 some of -a mounted.
import { defineApplet, Getopt, usage, type Ctx, type LongOpt } from "@bsdbox/shared";
import {
  mount as sysMount, mountinfo, MS, SysError, strerror, realpath, stat, lstat, S_ISDIR, S_ISBLK, S_ISREG,
  getuid, type MountInfo,
} from "@bsdbox/compat";
import { readText, splitOptions, matchFstype, matchOptions, mergeOptions, safeText, parseFstab, udevEncode, type FstabEntry } from "@bsdbox/shared/mnt";

const USAGE = `usage: mount [-lv] [-t types]
       mount -a [-fnrvw] [-t types] [-O optlist] [-o options] [-T fstab]
       mount [-fnrvw] [-o options] [-t type] [-T fstab] device | dir
       mount [-fnrvw] [-o options] [-t type] device dir
       mount -B | -R | -M [-o options] olddir newdir
       mount --make-[r]shared | --make-[r]slave | --make-[r]private | --make-[r]unbindable dir`;
const EX_USAGE = 1, EX_FAIL = 32, EX_SOMEOK = 64;
const DMESG = "       dmesg(1) may have more information after failed mount system call.";

// option name -> [flags set, flags cleared]
const FLAGS: Record<string, [number, number]> = {
  ro: [MS.RDONLY, 0], rw: [0, MS.RDONLY], nosuid: [MS.NOSUID, 0], suid: [0, MS.NOSUID],
  nodev: [MS.NODEV, 0], dev: [0, MS.NODEV], noexec: [MS.NOEXEC, 0], exec: [0, MS.NOEXEC],
  sync: [MS.SYNCHRONOUS, 0], async: [0, MS.SYNCHRONOUS], dirsync: [MS.DIRSYNC, 0],
  mand: [MS.MANDLOCK, 0], nomand: [0, MS.MANDLOCK],
  noatime: [MS.NOATIME, MS.RELATIME | MS.STRICTATIME], atime: [0, MS.NOATIME],
  nodiratime: [MS.NODIRATIME, 0], diratime: [0, MS.NODIRATIME],
  relatime: [MS.RELATIME, MS.NOATIME | MS.STRICTATIME], norelatime: [0, MS.RELATIME],
  strictatime: [MS.STRICTATIME, MS.NOATIME | MS.RELATIME], nostrictatime: [0, MS.STRICTATIME],
  lazytime: [MS.LAZYTIME, 0], nolazytime: [0, MS.LAZYTIME],
  nosymfollow: [MS.NOSYMFOLLOW, 0], symfollow: [0, MS.NOSYMFOLLOW],
  iversion: [MS.I_VERSION, 0], noiversion: [0, MS.I_VERSION],
  silent: [MS.SILENT, 0], loud: [0, MS.SILENT], defaults: [0, 0],
};
/** the flags a bind remount can change (per-mount, not per-super-block) */
const PERMOUNT = MS.RDONLY | MS.NOSUID | MS.NODEV | MS.NOEXEC | MS.NOATIME | MS.NODIRATIME | MS.RELATIME | MS.STRICTATIME | MS.NOSYMFOLLOW;
const PROPAGATION: Record<string, number> = {
  private: MS.PRIVATE, shared: MS.SHARED, slave: MS.SLAVE, unbindable: MS.UNBINDABLE,
};
const USERSPACE = new Set(["auto", "noauto", "user", "nouser", "users", "owner", "noowner", "group", "nogroup", "nofail", "_netdev"]);

interface Parsed {
  set: number; clear: number; data: string[];
  bind: boolean; rec: boolean; move: boolean; remount: boolean;
  prop: number[]; nofail: boolean; any: boolean;
}
function parseOptions(list: string[]): Parsed {
  const p: Parsed = { set: 0, clear: 0, data: [], bind: false, rec: false, move: false, remount: false, prop: [], nofail: false, any: false };
  for (const o of list) {
    const f = FLAGS[o];
    if (f) {
      p.set = (p.set & ~f[1]) | f[0];
      p.clear = (p.clear & ~f[0]) | f[1];
      if (o !== "defaults") p.any = true;
    } else if (o === "bind") p.bind = true;
    else if (o === "rbind") p.bind = p.rec = true;
    else if (o === "move") p.move = true;
    else if (o === "remount") p.remount = true;
    else if (PROPAGATION[o] !== undefined) p.prop.push(PROPAGATION[o]!);
    else if (o[0] === "r" && PROPAGATION[o.slice(1)] !== undefined) p.prop.push(PROPAGATION[o.slice(1)]! | MS.REC);
    else if (USERSPACE.has(o)) { if (o === "nofail") p.nofail = true; }
    else if (/^x-/i.test(o) || o.startsWith("comment=")) continue;
    else p.data.push(o);
  }
  return p;
}
/** flags of a mountinfo line, as mount(2) would take them to keep it as it is */
function currentFlags(m: MountInfo): number {
  let f = 0;
  const opts = [...splitOptions(m.vfsOptions), ...splitOptions(m.fsOptions)];
  for (const o of opts) {
    const x = FLAGS[o];
    if (x && o !== "defaults") f = (f & ~x[1]) | x[0];
  }
  if (!(f & (MS.NOATIME | MS.RELATIME))) f |= MS.STRICTATIME;
  return f;
}
/** the lossless path as the kernel will see it, absolute when it exists */
function canon(p: string): string {
  try {
    return realpath(p);
  } catch {
    return p;
  }
}
function lastMount(table: MountInfo[] | undefined, target: string): MountInfo | undefined {
  if (!table) return undefined;
  for (let i = table.length - 1; i >= 0; i--) if (table[i]!.target === target) return table[i];
  return undefined;
}
function table(): MountInfo[] | undefined {
  try {
    return mountinfo();
  } catch {
    return undefined;
  }
}

class Failure {
  constructor(public msg: string, public status: number, public syscall = false) {}
}

interface Job { source?: string; target: string; fstype?: string; options: string[] }

/** "LABEL=x" etc. to the device node, through udev's /dev/disk/by-* links */
function resolveTag(src: string, target: string): string {
  const m = /^(LABEL|UUID|PARTLABEL|PARTUUID)=(.*)$/.exec(src);
  if (!m) return src;
  let v = m[2]!;
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0]!)) v = v.slice(1, -1);
  const dir = `/dev/disk/by-${m[1]!.toLowerCase()}`;
  const name = m[1] === "UUID" ? v.toLowerCase() : v;
  for (const cand of [`${dir}/${udevEncode(name)}`, `${dir}/${name}`]) {
    try {
      return realpath(cand);
    } catch {}
  }
  throw new Failure(`${target}: can't find ${src}.`, EX_USAGE);
}

/** The file-system types to try for a mount without -t: /etc/filesystems ("*" = go on with
 * /proc/filesystems), else /proc/filesystems without the nodev ones. */
function probeTypes(): string[] {
  const out: string[] = [];
  let more = true;
  try {
    more = false;
    for (const l of readText("/etc/filesystems").split("\n")) {
      const t = l.trim();
      if (t === "" || t.startsWith("#")) continue;
      if (t === "*") { more = true; break; }
      out.push(t);
    }
  } catch {
    more = true;
  }
  if (more) {
    try {
      for (const l of readText("/proc/filesystems").split("\n")) {
        if (l === "" || l.startsWith("nodev")) continue;
        const t = l.trim();
        if (!out.includes(t)) out.push(t);
      }
    } catch {}
  }
  return out;
}

/** util-linux's words for a failed mount(2) */
function explain(e: SysError, j: { source: string | null; target: string; fstype: string | null; flags: number; prop?: boolean; tbl?: MountInfo[] }): string {
  const src = j.source ?? "none";
  const exists = (p: string) => { try { lstat(p); return true; } catch { return false; } };
  const isDir = (p: string) => { try { return S_ISDIR(stat(p).mode); } catch { return false; } };
  switch (e.errno) {
    case 1: // EPERM
      if (getuid() !== 0) return "must be superuser to use mount";
      if (!isDir(j.target)) return "mount point is not a directory";
      return "permission denied";
    case 2: // ENOENT
      if (!exists(j.target)) return "mount point does not exist";
      if (j.source !== null && !(j.flags & MS.REMOUNT) && !exists(j.source)) return `special device ${src} does not exist`;
      break;
    case 20: // ENOTDIR
      if (!isDir(j.target) && !(j.flags & MS.BIND)) return "mount point is not a directory";
      if (j.source !== null) { try { stat(j.source); } catch (x) { if ((x as SysError).errno === 20) return `special device ${src} does not exist (a path prefix is not a directory)`; } }
      break;
    case 16: // EBUSY
      if (j.flags & MS.REMOUNT) return "mount point is busy";
      if (j.tbl?.some((m) => m.target === j.target && m.source === src)) return `${src} already mounted on ${j.target}`;
      return `${src} already mounted or mount point busy`;
    case 22: // EINVAL
      if (j.prop) return "not mount point or bad option";
      if (j.flags & MS.REMOUNT) return "mount point not mounted or bad option";
      if (j.flags & MS.MOVE) return "bad option; moving a mount residing under a shared mount is unsupported";
      if (j.flags & MS.BIND) break;
      return `wrong fs type, bad option, bad superblock on ${src}, missing codepage or helper program, or other error`;
    case 19: // ENODEV
      return j.fstype ? `unknown filesystem type '${j.fstype}'` : "unknown filesystem type";
    case 15: return `${src} is not a block device`;
    case 6: return `${src} is not a valid block device`;
    case 24: return "mount table full";
    case 5: return `can't read superblock on ${src}`;
    case 13:
    case 30:
      if (j.flags & MS.RDONLY) return `cannot mount ${src} read-only`;
      return `${src} is write-protected but explicit read-write mode requested`;
    case 123: return `no medium found on ${src}`;
  }
  return `mount(2) system call failed: ${strerror(e.errno)}`;
}

class Mounter {
  fake = false;
  verbose = false;
  constructor(private ctx: Ctx) {}
  say(s: string) {
    this.ctx.out.write(s + "\n");
  }
  /** one mount(2); a failure becomes the util-linux message */
  call(source: string | null, target: string, fstype: string | null, flags: number, data: string | null, prop = false) {
    if (this.fake) return;
    try {
      sysMount(source, target, fstype, flags, data);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      throw new Failure(`${target}: ${explain(e, { source, target, fstype, flags, prop, tbl: table() })}.`, e.errno === 1 && getuid() !== 0 ? EX_USAGE : EX_FAIL, true);
    }
  }
  propagate(target: string, prop: number[]) {
    for (const f of prop) this.call("none", target, null, f, null, true);
  }
  /** mount one job; throws a Failure */
  run(j: Job): void {
    const o = parseOptions(j.options);
    const target = canon(j.target);
    const data = o.data.length ? o.data.join(",") : null;
    if (o.move) {
      if (j.source === undefined) throw new Failure(`${target}: can't find in fstab.`, EX_USAGE);
      const src = canon(j.source);
      this.call(src, target, null, MS.MOVE, null);
      this.propagate(target, o.prop);
      if (this.verbose) this.say(`mount: ${src} moved to ${target}.`);
      return;
    }
    if (o.remount) {
      const cur = lastMount(table(), target);
      const base = cur ? currentFlags(cur) : 0;
      const flags = (base & ~o.clear) | o.set;
      if (o.bind) this.call(cur?.source ?? "none", target, null, MS.REMOUNT | MS.BIND | (flags & PERMOUNT), null);
      else this.call(cur?.source ?? "none", target, null, MS.REMOUNT | flags, data);
      this.propagate(target, o.prop);
      if (this.verbose) this.say(`mount: ${cur?.source ?? "none"} ${o.bind ? "bound on" : "mounted on"} ${target}.`);
      return;
    }
    if (j.source === undefined) {
      // propagation change alone
      this.propagate(target, o.prop);
      if (this.verbose) this.say(`mount: ${target} propagation flags changed.`);
      return;
    }
    if (o.bind) {
      const src = canon(resolveTag(j.source, target));
      this.call(src, target, null, MS.BIND | (o.rec ? MS.REC : 0), null);
      if ((o.set | o.clear) & PERMOUNT && !this.fake) {
        const cur = lastMount(table(), target);
        const base = cur ? currentFlags(cur) & PERMOUNT : 0;
        this.call("none", target, null, MS.REMOUNT | MS.BIND | (((base & ~o.clear) | o.set) & PERMOUNT), null);
      }
      this.propagate(target, o.prop);
      if (this.verbose) this.say(`mount: ${src} bound on ${target}.`);
      return;
    }
    let src = resolveTag(j.source, target);
    if (src.includes("/")) src = canon(src);
    else {
      // a device node or image named without a slash ("sda1" in /dev, "disk.img")
      try {
        const m = stat(src).mode;
        if (S_ISBLK(m) || S_ISREG(m)) src = canon(src);
      } catch {}
    }
    let types: string[];
    if (j.fstype !== undefined && j.fstype !== "auto") types = j.fstype.split(",").filter((t) => t !== "");
    else {
      let st;
      try {
        st = stat(src);
      } catch {
        throw new Failure(`${target}: special device ${src} does not exist.`, EX_FAIL);
      }
      if (!S_ISBLK(st.mode) && !S_ISREG(st.mode)) throw new Failure(`${target}: ${src} is not a block device.`, EX_FAIL);
      types = probeTypes();
      if (!types.length) throw new Failure(`${target}: can't find the file system type of ${src}.`, EX_FAIL);
    }
    let last: Failure | undefined;
    for (const t of types) {
      try {
        this.call(src, target, t, o.set, data);
        last = undefined;
        break;
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        last = e;
        // another type is worth a try only when this one was not it
        if (types.length === 1 || !/unknown filesystem type|wrong fs type|not a block device/.test(e.msg)) break;
      }
    }
    if (last) throw last;
    this.propagate(target, o.prop);
    if (this.verbose) this.say(`mount: ${src} mounted on ${target}.`);
  }
}

const LONG: LongOpt[] = [
  { name: "all", has: 0, val: "a" }, { name: "bind", has: 0, val: "B" }, { name: "rbind", has: 0, val: "R" },
  { name: "move", has: 0, val: "M" }, { name: "fake", has: 0, val: "f" }, { name: "help", has: 0, val: "h" },
  { name: "show-labels", has: 0, val: "l" }, { name: "no-mtab", has: 0, val: "n" }, { name: "options", has: 1, val: "o" },
  { name: "test-opts", has: 1, val: "O" }, { name: "read-only", has: 0, val: "r" }, { name: "types", has: 1, val: "t" },
  { name: "fstab", has: 1, val: "T" }, { name: "verbose", has: 0, val: "v" }, { name: "rw", has: 0, val: "w" },
  { name: "read-write", has: 0, val: "w" },
  ...["shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate", "runbindable"].map(
    (p): LongOpt => ({ name: `make-${p}`, has: 0, val: `P${p}` })),
];

export default defineApplet({
  name: "mount",
  main(ctx) {
    const g = new Getopt(ctx, "aBfhlMnO:o:Rrt:T:vw", LONG);
    let all = false, types: string | undefined, testOpts: string | undefined, fstabPath = "/etc/fstab";
    const m = new Mounter(ctx);
    const opts: string[] = []; // command-line options in order (-o, -r, -w, -B ...)
    let given = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "a": all = true; break;
        case "B": opts.push("bind"); given = true; break;
        case "R": opts.push("rbind"); given = true; break;
        case "M": opts.push("move"); given = true; break;
        case "f": m.fake = true; break;
        case "l": case "n": break;
        case "o": opts.push(...splitOptions(g.optarg!)); given = true; break;
        case "O": testOpts = g.optarg!; break;
        case "r": opts.push("ro"); given = true; break;
        case "w": opts.push("rw"); given = true; break;
        case "t": types = g.optarg!; break;
        case "T": fstabPath = g.optarg!; break;
        case "v": m.verbose = true; break;
        case "h": ctx.out.write(USAGE + "\n"); return 0;
        default:
          if (c.startsWith("P")) { opts.push(c.slice(1)); given = true; break; }
          usage(ctx, USAGE, EX_USAGE);
      }
    }
    const args = g.rest;
    const fail = (f: Failure) => {
      ctx.err.write(`mount: ${f.msg}\n${f.syscall ? DMESG + "\n" : ""}`);
      return f.status;
    };
    const fstab = (): FstabEntry[] => {
      try {
        return parseFstab(readText(fstabPath));
      } catch (e) {
        if (e instanceof SysError && e.errno === 2) return [];
        throw new Failure(`${fstabPath}: ${e instanceof SysError ? strerror(e.errno) : String(e)}`, EX_FAIL);
      }
    };
    try {
      if (all) {
        if (args.length) usage(ctx, USAGE, EX_USAGE);
        return mountAll(ctx, m, fstab(), types, testOpts, opts, fail);
      }
      if (args.length === 0) {
        if (given) usage(ctx, USAGE, EX_USAGE);
        const t = table();
        if (!t) throw new Failure("failed to read mount table: " + strerror(2), EX_FAIL);
        for (const e of t) {
          if (!matchFstype(e.fstype, types)) continue;
          ctx.out.write(`${safeText(e.source)} on ${safeText(e.target)} type ${e.fstype} (${mergeOptions(e.vfsOptions, e.fsOptions)})\n`);
        }
        return 0;
      }
      if (args.length > 2) usage(ctx, USAGE, EX_USAGE);
      if (args.length === 2) {
        m.run({ source: args[0]!, target: args[1]!, fstype: types, options: opts });
        return 0;
      }
      const one = args[0]!;
      const p = parseOptions(opts);
      if (p.remount || (p.prop.length && !p.bind && !p.move && !p.any && !p.data.length)) {
        m.run({ target: one, fstype: types, options: opts });
        return 0;
      }
      const list = fstab();
      const c = canon(one);
      const hit = list.find((e) => e.target === one || canon(e.target) === c) ?? list.find((e) => e.source === one || (e.source.includes("/") && canon(e.source) === c));
      if (!hit) throw new Failure(`${one}: can't find in ${fstabPath}.`, EX_USAGE);
      m.run({ source: hit.source, target: hit.target, fstype: types ?? hit.fstype, options: [...splitOptions(hit.options), ...opts] });
      return 0;
    } catch (e) {
      if (e instanceof Failure) return fail(e);
      throw e;
    }
  },
});

function mountAll(ctx: Ctx, m: Mounter, list: FstabEntry[], types: string | undefined, testOpts: string | undefined, opts: string[], fail: (f: Failure) => number): number {
  let ok = 0, bad = 0;
  const width = (s: string) => s.padEnd(25);
  for (const e of list) {
    const eo = splitOptions(e.options);
    if (eo.includes("noauto")) continue;
    if (e.fstype === "swap" || e.target === "none" || e.target === "swap") continue;
    if (!matchFstype(e.fstype, types) || !matchOptions(e.options, testOpts)) continue;
    const tgt = canon(e.target);
    const t = table() ?? [];
    const bind = eo.includes("bind") || eo.includes("rbind");
    let src = e.source;
    try {
      src = resolveTag(e.source, tgt);
    } catch {}
    if (src.includes("/")) src = canon(src);
    if (t.some((x) => x.target === tgt && (bind || x.source === src || x.fstype === e.fstype))) {
      if (m.verbose) ctx.out.write(`${width(e.target)}: already mounted\n`);
      continue;
    }
    try {
      const v = m.verbose;
      m.verbose = false;
      try {
        m.run({ source: e.source, target: e.target, fstype: e.fstype, options: [...eo, ...opts] });
      } finally {
        m.verbose = v;
      }
      if (m.verbose) ctx.out.write(`${width(e.target)}: successfully mounted\n`);
      ok++;
    } catch (x) {
      if (!(x instanceof Failure)) throw x;
      if (eo.includes("nofail")) continue;
      ctx.out.flush();
      fail(x);
      bad++;
    }
  }
  return bad === 0 ? 0 : ok === 0 ? EX_FAIL : EX_SOMEOK;
}
