// Mounts (issue 10): mount(2), umount2(2), pivot_root(2), the mount table with its ids and
// propagation fields (/proc/self/mountinfo), and the few *at calls switch_root needs to empty
// the old root through a directory descriptor (the old root is no longer reachable by name).
// libc calls go through their own small bun:ffi handle, opened on first use.
import { fs, ffi } from "./rt";
import { decode, cstr } from "./bytes";
import { SysError, sysError } from "./errno";

function openLib() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, i64, u32 } = FFIType;
  return dlopen("libc.so.6", {
    mount: { args: [P, P, P, i64, P], returns: i32 },
    umount2: { args: [P, i32], returns: i32 },
    syscall: { args: [i64, P, P], returns: i64 },
    fstatfs: { args: [i32, P], returns: i32 },
    openat: { args: [i32, P, i32, u32], returns: i32 },
    unlinkat: { args: [i32, P, i32], returns: i32 },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let lib: ReturnType<typeof openLib> | undefined;
const L = () => (lib ??= openLib());

function fail(syscall: string): SysError {
  const p = L().__errno_location();
  const e = p ? ffi().read.i32(p, 0) : 0;
  return sysError(e, syscall);
}
const ptr = (a: Uint8Array) => ffi().ptr(a);

/** mount(2) flags (Linux, every ABI). */
export const MS = {
  RDONLY: 1, NOSUID: 2, NODEV: 4, NOEXEC: 8, SYNCHRONOUS: 16, REMOUNT: 32, MANDLOCK: 64,
  DIRSYNC: 128, NOSYMFOLLOW: 256, NOATIME: 1024, NODIRATIME: 2048, BIND: 4096, MOVE: 8192,
  REC: 16384, SILENT: 32768, POSIXACL: 1 << 16, UNBINDABLE: 1 << 17, PRIVATE: 1 << 18,
  SLAVE: 1 << 19, SHARED: 1 << 20, RELATIME: 1 << 21, I_VERSION: 1 << 23, STRICTATIME: 1 << 24,
  LAZYTIME: 1 << 25,
};
/** umount2(2) flags. */
export const MNT = { FORCE: 1, DETACH: 2, EXPIRE: 4, NOFOLLOW: 8 };

/** mount(2). `source`, `fstype` and `data` may be null (bind, move, remount, propagation). */
export function mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void {
  const s = source === null ? null : cstr(source), t = cstr(target);
  const f = fstype === null ? null : cstr(fstype), d = data === null ? null : cstr(data);
  const r = L().mount(s && ptr(s), ptr(t), f && ptr(f), BigInt(flags >>> 0), d && ptr(d));
  if (r !== 0) throw fail("mount");
}
/** umount2(2) with MNT.* flags. */
export function umount2(target: string, flags = 0): void {
  const t = cstr(target);
  if (L().umount2(ptr(t), flags) !== 0) throw fail("umount2");
}
/** pivot_root(2) (glibc has no wrapper: the raw system call). */
export function pivotRoot(newRoot: string, putOld: string): void {
  const a = cstr(newRoot), b = cstr(putOld);
  const nr = process.arch === "x64" ? 155n : process.arch === "arm64" || process.arch === "riscv64" ? 41n : -1n;
  if (nr < 0n) throw new SysError(38, "ENOSYS", "pivot_root");
  if (Number(L().syscall(nr, ptr(a), ptr(b))) !== 0) throw fail("pivot_root");
}
/** f_type of fstatfs(2): the file system's magic number (TMPFS 0x01021994, RAMFS 0x858458f6). */
export function fstatfsType(fd: number): number {
  const b = new BigInt64Array(16);
  if (L().fstatfs(fd, ffi().ptr(b)) !== 0) throw fail("fstatfs");
  return Number(BigInt.asUintN(32, b[0]!));
}
export const FS_MAGIC = { TMPFS: 0x01021994, RAMFS: 0x858458f6 };
/** openat(2) relative to a directory descriptor (flags O.*). */
export function openat(dirfd: number, name: string, flags: number): number {
  const n = cstr(name);
  const r = L().openat(dirfd, ptr(n), flags | 0o2000000 /* O_CLOEXEC */, 0);
  if (r < 0) throw fail("openat");
  return r;
}
/** unlinkat(2); `dir` removes a directory (AT_REMOVEDIR). */
export function unlinkat(dirfd: number, name: string, dir: boolean): void {
  const n = cstr(name);
  if (L().unlinkat(dirfd, ptr(n), dir ? 0x200 : 0) !== 0) throw fail("unlinkat");
}

export interface MountInfo {
  id: number;
  parent: number;
  /** "major:minor" of the file system */
  dev: string;
  /** the directory of the file system that is mounted here ("/" unless a bind of a subtree) */
  root: string;
  target: string;
  /** per-mount options ("rw,nosuid,relatime") */
  vfsOptions: string;
  /** optional fields ("shared:1", "master:2", "propagate_from:3", "unbindable") */
  optional: string[];
  fstype: string;
  source: string;
  /** per-super-block options ("rw,size=10240k,mode=755") */
  fsOptions: string;
}
/** The mount table of process `pid` (default this one) from /proc/PID/mountinfo, octal
 * escapes (\040 ...) undone, byte-exact. Throws when /proc is not mounted. */
export function mountinfo(pid: number | "self" = "self"): MountInfo[] {
  let raw: Uint8Array;
  try {
    raw = fs().readFileSync(`/proc/${pid}/mountinfo`);
  } catch (e) {
    const se = e as { errno?: number; code?: string };
    throw new SysError(Math.abs(se.errno ?? 2), se.code ?? "ENOENT", "open");
  }
  const field = (a: number, e: number) => {
    const out = new Uint8Array(e - a);
    let n = 0;
    for (let i = a; i < e; i++) {
      const c = raw[i]!;
      if (c === 92 && i + 3 < e) {
        const d1 = raw[i + 1]! - 48, d2 = raw[i + 2]! - 48, d3 = raw[i + 3]! - 48;
        if (d1 >= 0 && d1 < 4 && d2 >= 0 && d2 < 8 && d3 >= 0 && d3 < 8) {
          out[n++] = d1 * 64 + d2 * 8 + d3;
          i += 3;
          continue;
        }
      }
      out[n++] = c;
    }
    return decode(out, 0, n);
  };
  const list: MountInfo[] = [];
  for (let s = 0, i; s < raw.length; s = i + 1) {
    i = raw.indexOf(10, s);
    if (i < 0) i = raw.length;
    const f: [number, number][] = [];
    for (let a = s, j = s; j <= i; j++) {
      if (j === i || raw[j] === 32) {
        if (j > a) f.push([a, j]);
        a = j + 1;
      }
    }
    const sep = f.findIndex(([a, e]) => e - a === 1 && raw[a] === 45);
    if (sep < 6 || f.length < sep + 3) continue;
    const g = (k: number) => field(f[k]![0], f[k]![1]);
    list.push({
      id: Number(g(0)), parent: Number(g(1)), dev: g(2), root: g(3), target: g(4), vfsOptions: g(5),
      optional: f.slice(6, sep).map(([a, e]) => field(a, e)),
      fstype: g(sep + 1), source: g(sep + 2), fsOptions: f.length > sep + 3 ? g(sep + 3) : "",
    });
  }
  return list;
}
