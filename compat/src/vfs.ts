// File-system and raw-descriptor calls for dd, df and du: a single write(2) that reports short
// writes, fdatasync(2), the O_SYNC/O_DIRECT file-status flags, statvfs(3), and the mount table
// from /proc/self/mountinfo. libc calls go through their own small bun:ffi handle, opened on
// first use.
import { fs, ffi } from "./rt";
import { decode, cstr } from "./bytes";
import { SysError, toSysError, sysError } from "./errno";
import { errno as cerrno, ptr, libc as mainLibc } from "./ffi";

let lib: ReturnType<typeof openLib> | undefined;
function openLib() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, i64 } = FFIType;
  return dlopen("libc.so.6", {
    fdatasync: { args: [i32], returns: i32 },
    fcntl: { args: [i32, i32, i64], returns: i32 },
    statvfs: { args: [P, P], returns: i32 },
  }).symbols;
}
const L = () => (lib ??= openLib());

function fail(syscall: string, e = cerrno()): SysError {
  return sysError(e, syscall);
}

/** O_DIRECT (x86-64 and most ABIs; arm64 uses 0o200000). */
export const O_DIRECT = 0o40000;

/**
 * One write(2) of up to `len` bytes: returns how many were written (a short count is not
 * retried, as dd must see it). EINTR is retried; EPIPE kills by SIGPIPE like a C tool.
 */
export function write(fd: number, buf: Uint8Array, off = 0, len = buf.length - off): number {
  for (;;) {
    try {
      return fs().writeSync(fd, buf, off, len);
    } catch (e) {
      const se = toSysError(e);
      if (se.errno === 4) continue;
      if (se.errno === 32) {
        try {
          const c = mainLibc();
          c.signal(13, null);
          c.raise(13);
        } catch {}
        process.exit(141);
      }
      throw se;
    }
  }
}

export function fdatasync(fd: number): void {
  if (L().fdatasync(fd) !== 0) throw fail("fdatasync");
}

/** Add file-status flags (O_SYNC, O_APPEND, O_DIRECT...) to an open descriptor (F_GETFL/F_SETFL). */
export function addFdFlags(fd: number, flags: number): void {
  const f = L().fcntl(fd, 3 /* F_GETFL */, 0n);
  if (f === -1) throw fail("fcntl");
  if (L().fcntl(fd, 4 /* F_SETFL */, BigInt(f | flags)) === -1) throw fail("fcntl");
}

export interface StatVfs {
  bsize: number; frsize: number; blocks: number; bfree: number; bavail: number;
  files: number; ffree: number; favail: number; fsid: bigint; flag: number; namemax: number;
}
/** statvfs(3) of the file system holding `path` (struct statvfs of the 64-bit Linux ABIs). */
export function statvfs(path: string): StatVfs {
  const p = cstr(path);
  const b = new BigUint64Array(14);
  if (L().statvfs(ptr(p), ptr(b)) !== 0) throw fail("statvfs");
  const n = (i: number) => Number(b[i]!);
  return {
    bsize: n(0), frsize: n(1), blocks: n(2), bfree: n(3), bavail: n(4), files: n(5), ffree: n(6),
    favail: n(7), fsid: b[8]!, flag: n(9), namemax: n(10),
  };
}

export interface MountEnt {
  /** the mounted device or source ("/dev/sda1", "tmpfs") */
  source: string;
  /** where it is mounted */
  target: string;
  fstype: string;
  /** mount options, per-mount and per-super-block joined by "," */
  options: string;
  /** st_dev of the mount, as stat(2) gives it */
  dev: number;
}
/** The mount table: /proc/self/mountinfo (octal escapes such as \040 undone), else /proc/mounts. */
export function mounts(): MountEnt[] {
  const unesc = (s: Uint8Array, a: number, e: number) => {
    const out: number[] = [];
    for (let i = a; i < e; i++) {
      if (s[i] === 92 && i + 3 < e && /^[0-7]{3}$/.test(String.fromCharCode(s[i + 1]!, s[i + 2]!, s[i + 3]!))) {
        out.push(parseInt(String.fromCharCode(s[i + 1]!, s[i + 2]!, s[i + 3]!), 8) & 255);
        i += 3;
      } else out.push(s[i]!);
    }
    return decode(Uint8Array.from(out));
  };
  const fields = (raw: Uint8Array, a: number, e: number) => {
    const f: [number, number][] = [];
    let s = a;
    for (let i = a; i <= e; i++) {
      if (i === e || raw[i] === 32) {
        if (i > s) f.push([s, i]);
        s = i + 1;
      }
    }
    return f;
  };
  const out: MountEnt[] = [];
  let raw: Uint8Array;
  try {
    raw = fs().readFileSync("/proc/self/mountinfo");
  } catch {
    raw = fs().readFileSync("/proc/mounts");
    for (let s = 0, i; s < raw.length; s = i + 1) {
      i = raw.indexOf(10, s);
      if (i < 0) i = raw.length;
      const f = fields(raw, s, i);
      if (f.length < 4) continue;
      const g = (k: number) => unesc(raw, f[k]![0], f[k]![1]);
      out.push({ source: g(0), target: g(1), fstype: g(2), options: g(3), dev: -1 });
    }
    return out;
  }
  for (let s = 0, i; s < raw.length; s = i + 1) {
    i = raw.indexOf(10, s);
    if (i < 0) i = raw.length;
    const f = fields(raw, s, i);
    const g = (k: number) => unesc(raw, f[k]![0], f[k]![1]);
    const sep = f.findIndex(([a, e]) => e - a === 1 && raw[a] === 45 /* - */);
    if (sep < 6 || f.length < sep + 3) continue;
    const [maj, min] = g(2).split(":").map(Number) as [number, number];
    // the kernel's st_dev encoding (new_encode_dev as glibc's makedev)
    const dev = (min & 0xff) + (maj & 0xfff) * 256 + Math.floor(min / 256) * 2 ** 20 + Math.floor(maj / 4096) * 2 ** 44;
    const opts = g(5) + (f.length > sep + 3 ? "," + g(sep + 3) : "");
    out.push({ source: g(sep + 2), target: g(4), fstype: g(sep + 1), options: opts, dev });
  }
  return out;
}
