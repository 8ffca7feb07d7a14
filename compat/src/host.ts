// The host's identity and the syslog transport: gethostname/sethostname, the host id, the raw
// supplementary group list, the process's security label, datagram sockets (the local syslog
// socket /dev/log and UDP to a remote syslogd, with getaddrinfo) and a shell command's output.
// One small libc table, opened on first use (hostname, hostid, id, logger, whereis).
import { ffi, fs } from "./rt";
import { encode, decode } from "./bytes";
import { SysError, ERRNO, sysError } from "./errno";

function openHost() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, u32, u64, i64 } = FFIType;
  return dlopen("libc.so.6", {
    gethostname: { args: [P, u64], returns: i32 },
    sethostname: { args: [P, u64], returns: i32 },
    getgroups: { args: [i32, P], returns: i32 },
    socket: { args: [i32, i32, i32], returns: i32 },
    connect: { args: [i32, P, u32], returns: i32 },
    bind: { args: [i32, P, u32], returns: i32 },
    send: { args: [i32, P, u64, i32], returns: i64 },
    sendto: { args: [i32, P, u64, i32, P, u32], returns: i64 },
    close: { args: [i32], returns: i32 },
    getaddrinfo: { args: [P, P, P, P], returns: i32 },
    freeaddrinfo: { args: [P], returns: FFIType.void },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let hostLib: ReturnType<typeof openHost> | undefined;
const H = () => (hostLib ??= openHost());

function errnoNow(): number {
  const p = H().__errno_location();
  return p ? ffi().read.i32(p, 0) : 0;
}
function sysErr(syscall: string, e = errnoNow()): SysError {
  return sysError(e, syscall);
}
function cz(s: string | Uint8Array): Uint8Array {
  const b = typeof s === "string" ? encode(s) : s;
  const z = new Uint8Array(b.length + 1);
  z.set(b);
  return z;
}

/** gethostname(2), byte-exact. */
export function gethostname(): string {
  const buf = new Uint8Array(256);
  if (H().gethostname(ffi().ptr(buf), buf.length) !== 0) throw sysErr("gethostname");
  const n = buf.indexOf(0);
  return decode(buf.subarray(0, n < 0 ? buf.length : n));
}
/** sethostname(2): needs privilege (EPERM otherwise). */
export function sethostname(name: string): void {
  const b = encode(name);
  const z = cz(b);
  if (H().sethostname(ffi().ptr(z), b.length) !== 0) throw sysErr("sethostname");
}

/** The 32-bit host id: /etc/hostid (4 bytes, native order, as glibc and zgenhostid write it),
 * else 0 (musl's gethostid()). */
export function gethostid(): number {
  try {
    const b = fs().readFileSync("/etc/hostid") as Uint8Array;
    if (b.length >= 4) return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) >>> 0;
  } catch {}
  return 0;
}

/** getgroups(2) as the kernel reports it (the effective gid is not added). */
export function getgroupsRaw(): number[] {
  const h = H();
  const n = h.getgroups(0, null);
  if (n <= 0) return [];
  const a = new Uint32Array(n + 1);
  const m = h.getgroups(a.length, ffi().ptr(a));
  return m > 0 ? Array.from(a.subarray(0, m)) : [];
}

/** The process's LSM security label (/proc/self/attr/current), or throws (EINVAL where no
 * security module labels processes). */
export function processLabel(): string {
  let b: Uint8Array;
  try {
    b = fs().readFileSync("/proc/self/attr/current") as Uint8Array;
  } catch (e) {
    const c = (e as { code?: string }).code ?? "EINVAL";
    throw new SysError(ERRNO[c] ?? 22, c, "read");
  }
  let n = b.length;
  while (n > 0 && (b[n - 1] === 0 || b[n - 1] === 10)) n--;
  if (n === 0) throw new SysError(22, "EINVAL", "read");
  return decode(b.subarray(0, n));
}

// ---------- datagram sockets ----------
const AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0o2000000;
/** ECONNREFUSED ECONNRESET ENOTCONN EPIPE: musl's syslog(3) reconnects once after these. */
const lost = (e: number) => e === 111 || e === 104 || e === 107 || e === 32;

function sunAddr(path: string): Uint8Array {
  const a = new Uint8Array(110);
  new DataView(a.buffer).setUint16(0, AF_UNIX, true);
  a.set(encode(path).subarray(0, 107), 2);
  return a;
}

/** A datagram connection to a local syslog socket, as musl's openlog/syslog keep it: the socket
 * is connected once; a send that finds the connection lost reconnects and tries once more. */
export interface LocalLog {
  /** Send one message; false when it could not be delivered (no socket, no listener). */
  send(msg: Uint8Array): boolean;
  close(): void;
}
export function openLocalLog(path = "/dev/log"): LocalLog {
  const h = H();
  const { ptr } = ffi();
  const addr = sunAddr(path);
  const fd = h.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd >= 0) h.connect(fd, ptr(addr), addr.length);
  return {
    send(msg) {
      if (fd < 0) return false;
      const b = msg.length ? msg : new Uint8Array(1);
      if (Number(h.send(fd, ptr(b), msg.length, 0)) >= 0) return true;
      if (!lost(errnoNow())) return false;
      if (h.connect(fd, ptr(addr), addr.length) < 0) return false;
      return Number(h.send(fd, ptr(b), msg.length, 0)) >= 0;
    },
    close() {
      if (fd >= 0) h.close(fd);
    },
  };
}

/** An address from getaddrinfo: its family and the raw struct sockaddr. */
export interface SockAddr { family: number; addr: Uint8Array }
/** getaddrinfo's failure: `code` is the EAI_* value, `message` musl's gai_strerror text. */
export class GaiError extends Error {
  constructor(public code: number, message: string) {
    super(message);
  }
}
const gaiText = (code: number): string => ({
  [-1]: "Invalid flags", [-2]: "Name does not resolve", [-3]: "Try again",
  [-4]: "Non-recoverable error", [-6]: "Unrecognized address family or invalid length",
  [-7]: "Unrecognized socket type", [-8]: "Unrecognized service", [-10]: "Out of memory",
  [-11]: "System error", [-12]: "Overflow",
} as Record<number, string>)[code] ?? "Unknown error";
export const EAI_SERVICE = -8;
/** Address families for resolveUdp: 0 = any, 4 = IPv4 only, 6 = IPv6 only. */
export function resolveUdp(host: string | null, service: string | null, family: 0 | 4 | 6, passive = false): SockAddr[] {
  const h = H();
  const { ptr, read, toArrayBuffer } = ffi();
  // struct addrinfo hints: flags, family, socktype, protocol (4 x int), then zeros
  const hints = new Int32Array(12);
  hints[0] = passive ? 1 /* AI_PASSIVE */ : 0;
  hints[1] = family === 4 ? AF_INET : family === 6 ? AF_INET6 : 0;
  hints[2] = SOCK_DGRAM;
  const hz = host === null ? null : cz(host);
  const sz = service === null ? null : cz(service);
  const res = new BigUint64Array(1);
  const rc = h.getaddrinfo(hz ? ptr(hz) : null, sz ? ptr(sz) : null, ptr(hints), ptr(res));
  if (rc !== 0) throw new GaiError(rc, gaiText(rc));
  const out: SockAddr[] = [];
  const head = Number(res[0]!);
  // struct addrinfo on LP64 Linux: int flags@0, family@4, socktype@8, protocol@12,
  // socklen_t addrlen@16, sockaddr *addr@24, char *canonname@32, addrinfo *next@40
  for (let p = head; p; p = Number(read.u64(p as any, 40))) {
    const fam = read.i32(p as any, 4);
    const len = read.u32(p as any, 16);
    const sa = Number(read.u64(p as any, 24));
    if (!sa || !len) continue;
    out.push({ family: fam, addr: new Uint8Array(toArrayBuffer(sa as any, 0, len)).slice() });
  }
  if (head) h.freeaddrinfo(head as any);
  return out;
}
/** A UDP socket of `family` (AF_INET 2 / AF_INET6 10), or -1 when the system refuses one. */
export function udpSocket(family: number): number {
  return H().socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}
/** bind(2) a socket to a local address. */
export function bindSocket(fd: number, a: SockAddr): void {
  if (H().bind(fd, ffi().ptr(a.addr), a.addr.length) !== 0) throw sysErr("bind");
}
/** sendto(2): bytes sent, or throws the errno. */
export function sendTo(fd: number, msg: Uint8Array, a: SockAddr): number {
  const b = msg.length ? msg : new Uint8Array(1);
  const n = Number(H().sendto(fd, ffi().ptr(b), msg.length, 0, ffi().ptr(a.addr), a.addr.length));
  if (n < 0) throw sysErr("sendto");
  return n;
}

/** Run a program (looked up in PATH) with `env`, its standard error inherited; its standard output
 * and exit status (what popen(3)/pclose(3) give). Throws when it cannot be started. */
export function commandOutput(argv: string[], env: [string, string][]): { out: Uint8Array; status: number } {
  const e: Record<string, string> = {};
  for (const [k, v] of env) e[k] = v;
  const r = Bun.spawnSync({ cmd: argv, env: e, stdio: ["inherit", "pipe", "inherit"] });
  return { out: new Uint8Array(r.stdout ?? new Uint8Array(0)), status: r.exitCode ?? 128 };
}
