// Process control through libc (bun:ffi, its own lazily-dlopen'd table): signals by number with
// exact errno (kill), priorities (getpriority/setpriority), the child subreaper (prctl), wait4
// with rusage, pidfd_open + poll to wait for a child without starving the runtime's signal
// handlers, setrlimit, dup2, and the Linux signal table (names as FreeBSD's sys_signame prints
// them, without "SIG").
import { ffi, fs } from "./rt";
import { SysError, sysError } from "./errno";

function openSys() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, u64, i64 } = FFIType;
  return dlopen("libc.so.6", {
    kill: { args: [i32, i32], returns: i32 },
    getpid: { args: [], returns: i32 },
    getpriority: { args: [i32, u64], returns: i32 },
    setpriority: { args: [i32, u64, i32], returns: i32 },
    prctl: { args: [i32, u64, u64, u64, u64], returns: i32 },
    wait4: { args: [i32, P, i32, P], returns: i32 },
    getrusage: { args: [i32, P], returns: i32 },
    syscall: { args: [i64, i64, i64], returns: i64 },
    poll: { args: [P, u64, i32], returns: i32 },
    setrlimit: { args: [i32, P], returns: i32 },
    dup2: { args: [i32, i32], returns: i32 },
    signal: { args: [i32, P], returns: P },
    sigprocmask: { args: [i32, P, P], returns: i32 },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let sysLib: ReturnType<typeof openSys> | undefined;
const L = () => (sysLib ??= openSys());

function errnoOf(): number {
  return ffi().read.i32(L().__errno_location()!, 0);
}
function setErrno(v: number): void {
  new Int32Array(ffi().toArrayBuffer(L().__errno_location()!, 0, 4))[0] = v;
}
function fail(syscall: string, e = errnoOf()): SysError {
  return sysError(e, syscall);
}

// ---------- signals ----------
/** Linux (generic ABI: x86, arm, riscv...) signal names 1..31, as kill -l lists them. */
const SIGNAMES = [
  "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
  "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
  "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];
const ALIASES: Record<string, number> = { IOT: 6, CLD: 17, POLL: 29 };
/** NSIG: signals are 1..NSIG-1 (32..64 are the real-time ones). */
export const NSIG = 65;
/** glibc's SIGRTMIN/SIGRTMAX (it keeps 32 and 33 for itself). */
export const SIGRTMIN = 34, SIGRTMAX = 64;
export const SIG = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11,
  USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20,
  TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29,
  PWR: 30, SYS: 31,
} as const;

/** The name of signal `n` without "SIG" ("TERM"; "RTMIN+2" for real-time ones), or undefined. */
export function signalName(n: number): string | undefined {
  if (n >= 1 && n < SIGNAMES.length) return SIGNAMES[n];
  if (n === SIGRTMIN) return "RTMIN";
  if (n === SIGRTMAX) return "RTMAX";
  if (n > SIGRTMIN && n < SIGRTMAX) return n - SIGRTMIN <= (SIGRTMAX - SIGRTMIN) / 2 ? `RTMIN+${n - SIGRTMIN}` : `RTMAX-${SIGRTMAX - n}`;
  return undefined;
}

/** A signal name to its number: "TERM", "SIGTERM", any case, aliases IOT/CLD/POLL, RTMIN+n,
 * RTMAX-n; -1 when unknown (no numbers: callers decide whether a number is allowed). */
export function signalByName(name: string): number {
  let s = name.toUpperCase();
  if (s.startsWith("SIG")) s = s.slice(3);
  if (s === "") return -1;
  const i = SIGNAMES.indexOf(s);
  if (i > 0) return i;
  if (Object.hasOwn(ALIASES, s)) return ALIASES[s]!;
  const m = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(s);
  if (m) {
    const off = m[3] === undefined ? 0 : Number(m[3]);
    if (m[3] !== undefined && ((m[1] === "MIN") !== (m[2] === "+"))) return -1;
    const n = m[1] === "MIN" ? SIGRTMIN + off : SIGRTMAX - off;
    return n >= SIGRTMIN && n <= SIGRTMAX ? n : -1;
  }
  return -1;
}

/** kill(2) with a signal number; negative pids are process groups. Throws the SysError. */
export function sendSignal(pid: number, sig: number): void {
  if (L().kill(pid, sig) !== 0) throw fail("kill");
}

/** Set `sig` back to its default action (SIG_DFL). */
export function defaultSignal(sig: number): void {
  L().signal(sig, null);
}

/**
 * End this process by `sig` the way a C program reproduces a child's wait status: default
 * action, signal unblocked, no core file (RLIMIT_CORE 0). Returns only if the signal did not
 * end the process (an ignored-by-default signal, or SIGSTOP and a later SIGCONT).
 */
export function killSelf(sig: number): void {
  const c = L();
  c.signal(sig, null);
  const set = new BigUint64Array(16);
  set[0] = 1n << BigInt(sig - 1);
  c.sigprocmask(1 /* SIG_UNBLOCK */, ffi().ptr(set), null);
  try {
    setrlimit(4 /* RLIMIT_CORE */, 0n, 0n);
  } catch {}
  c.kill(c.getpid(), sig);
}

// ---------- priorities ----------
export const PRIO = { PROCESS: 0, PGRP: 1, USER: 2, MIN: -20, MAX: 20 } as const;

/** getpriority(2) (-1 is a valid answer: errno decides). */
export function getpriority(which: number, who: number): number {
  setErrno(0);
  const r = L().getpriority(which, who);
  if (r === -1) {
    const e = errnoOf();
    if (e !== 0) throw fail("getpriority", e);
  }
  return r;
}
export function setpriority(which: number, who: number, prio: number): void {
  if (L().setpriority(which, who, prio) !== 0) throw fail("setpriority");
}

// ---------- children ----------
/** prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are reparented to this process. */
export function setChildSubreaper(on: boolean): void {
  if (L().prctl(36, on ? 1 : 0, 0, 0, 0) !== 0) throw fail("prctl");
}

export interface Rusage {
  utimeUs: number; stimeUs: number;
  maxrss: number; ixrss: number; idrss: number; isrss: number; minflt: number; majflt: number;
  nswap: number; inblock: number; oublock: number; msgsnd: number; msgrcv: number;
  nsignals: number; nvcsw: number; nivcsw: number;
}
function rusageOf(ru: BigInt64Array): Rusage {
  const n = (i: number) => Number(ru[i]!);
  return {
    utimeUs: n(0) * 1e6 + n(1), stimeUs: n(2) * 1e6 + n(3),
    maxrss: n(4), ixrss: n(5), idrss: n(6), isrss: n(7), minflt: n(8), majflt: n(9),
    nswap: n(10), inblock: n(11), oublock: n(12), msgsnd: n(13), msgrcv: n(14),
    nsignals: n(15), nvcsw: n(16), nivcsw: n(17),
  };
}

/** getrusage(2): who = 0 self, -1 the children waited for. */
export function getrusage(who: number): Rusage {
  const ru = new BigInt64Array(18);
  if (L().getrusage(who, ffi().ptr(ru)) !== 0) throw fail("getrusage");
  return rusageOf(ru);
}

export interface Wait4Result { pid: number; status: number; signal: number; core: boolean; rusage: Rusage }

/**
 * wait4(pid, &st, nohang ? WNOHANG : 0, &ru) restarted on EINTR: how the child ended and its
 * resource usage; undefined when `nohang` and nothing has ended. Throws ECHILD etc.
 */
export function wait4(pid: number, nohang = false): Wait4Result | undefined {
  const { ptr } = ffi();
  const st = new Int32Array(1);
  const ru = new BigInt64Array(18);
  for (;;) {
    const r = L().wait4(pid, ptr(st), nohang ? 1 : 0, ptr(ru));
    if (r > 0) {
      const s = st[0]!;
      const sig = s & 0x7f;
      const rusage = rusageOf(ru);
      if (sig !== 0 && sig !== 0x7f) return { pid: r, status: 0, signal: sig, core: (s & 0x80) !== 0, rusage };
      return { pid: r, status: (s >> 8) & 0xff, signal: 0, core: false, rusage };
    }
    if (r === 0) return undefined;
    const e = errnoOf();
    if (e === 4) continue;
    throw fail("wait4", e);
  }
}

/**
 * A way to wait for child `pid` in slices while the runtime's signal handlers (onSignal) keep
 * running: `pause(ms)` blocks at most min(ms, 50) ms in poll(2) on a pidfd (it returns as soon
 * as the child ends), then gives the event loop a turn. Without pidfd_open (Linux < 5.3) it
 * sleeps in growing steps instead. `pid` undefined: no child to watch (growing sleeps).
 */
export function childWaiter(pid?: number): { pause(ms: number): Promise<void>; close(): void } {
  const c = L();
  const { ptr } = ffi();
  let fd = -1;
  if (pid !== undefined) {
    const r = Number(c.syscall(434 /* pidfd_open */, pid, 0));
    if (r >= 0) fd = r;
  }
  const pfd = new Int32Array(2);
  let step = 1;
  const turn = () => new Promise<void>((r) => setTimeout(r, 0));
  return {
    async pause(ms: number) {
      const t = Math.max(0, Math.min(ms, 50));
      if (fd >= 0) {
        pfd[0] = fd;
        pfd[1] = 1; // events = POLLIN, revents = 0
        c.poll(ptr(pfd), 1, Math.ceil(t));
        await turn();
      } else {
        const s = Math.min(t, step);
        step = Math.min(step * 2, 50);
        await new Promise<void>((r) => setTimeout(r, s));
      }
    },
    close() {
      if (fd >= 0) {
        try { fs().closeSync(fd); } catch {}
        fd = -1;
      }
    },
  };
}

/**
 * Every descendant of process `root` (children, their children...), read from /proc: the pids
 * whose parent chain leads to `root`. A snapshot: callers that signal a tree repeat it.
 */
export function descendants(root: number): number[] {
  const kids = new Map<number, number[]>();
  let names: string[];
  try {
    names = fs().readdirSync("/proc");
  } catch {
    return [];
  }
  const buf = new Uint8Array(512);
  for (const n of names) {
    const c0 = n.charCodeAt(0);
    if (c0 < 48 || c0 > 57) continue;
    let fd: number;
    try {
      fd = fs().openSync(`/proc/${n}/stat`, "r");
    } catch {
      continue;
    }
    let len = 0;
    try {
      len = fs().readSync(fd, buf, 0, buf.length, null);
    } catch {}
    fs().closeSync(fd);
    // "pid (comm) state ppid ...": comm may hold anything, so look after the last ')'
    let rp = -1;
    for (let i = len - 1; i >= 0; i--) if (buf[i] === 41) { rp = i; break; }
    if (rp < 0) continue;
    let i = rp + 2;
    while (i < len && buf[i] !== 32) i++;
    i++;
    let ppid = 0;
    for (; i < len && buf[i]! >= 48 && buf[i]! <= 57; i++) ppid = ppid * 10 + buf[i]! - 48;
    const pid = Number(n);
    const list = kids.get(ppid);
    if (list) list.push(pid);
    else kids.set(ppid, [pid]);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    for (const k of kids.get(todo.pop()!) ?? []) {
      out.push(k);
      todo.push(k);
    }
  }
  return out;
}

// ---------- descriptors and limits ----------
/** setrlimit(2); RLIM_INFINITY is 2^64-1. */
export function setrlimit(resource: number, soft: bigint, hard: bigint): void {
  const b = new BigUint64Array([soft, hard]);
  if (L().setrlimit(resource, ffi().ptr(b)) !== 0) throw fail("setrlimit");
}

/** dup2(2). */
export function dup2(from: number, to: number): void {
  for (;;) {
    if (L().dup2(from, to) >= 0) return;
    const e = errnoOf();
    if (e !== 4) throw fail("dup2", e);
  }
}
