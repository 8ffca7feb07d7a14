// Child processes through posix_spawnp(3) and waitpid(2): byte-exact argv/envp, several children
// at once (xargs -P), the child's stdin redirected from a file, signal dispositions the runtime
// changed (SIGPIPE, SIGXFSZ) and the signal mask reset as a C parent would leave them.
import { ffi } from "./rt";
import { encode } from "./bytes";
import { SysError, sysError } from "./errno";

function openProc() {
  const { dlopen, FFIType } = ffi();
  const { i32, ptr: P, u32, i64, i16 } = FFIType;
  return dlopen("libc.so.6", {
    posix_spawnp: { args: [P, P, P, P, P, P], returns: i32 },
    posix_spawn_file_actions_init: { args: [P], returns: i32 },
    posix_spawn_file_actions_addopen: { args: [P, i32, P, i32, u32], returns: i32 },
    posix_spawn_file_actions_destroy: { args: [P], returns: i32 },
    posix_spawn_file_actions_addchdir_np: { args: [P, P], returns: i32 },
    posix_spawnattr_init: { args: [P], returns: i32 },
    posix_spawnattr_setflags: { args: [P, i16], returns: i32 },
    posix_spawnattr_setsigdefault: { args: [P, P], returns: i32 },
    posix_spawnattr_setsigmask: { args: [P, P], returns: i32 },
    waitpid: { args: [i32, P, i32], returns: i32 },
    sysconf: { args: [i32], returns: i64 },
    getrlimit: { args: [i32, P], returns: i32 },
    __errno_location: { args: [], returns: P },
  }).symbols;
}
let procLib: ReturnType<typeof openProc> | undefined;
const L = () => (procLib ??= openProc());

function errnoErr(e: number, syscall: string): SysError {
  return sysError(e, syscall);
}

/** A string argument as bytes: lossless strings are encoded; Uint8Array passes through. */
type Arg = string | Uint8Array;
function z(a: Arg): Uint8Array {
  const b = typeof a === "string" ? encode(a) : a;
  const r = new Uint8Array(b.length + 1);
  r.set(b);
  return r;
}

export interface Spawner {
  /** Start `args[0]` (looked up in PATH as posix_spawnp does) and return its pid; throws the
   * SysError when it cannot be started (ENOENT, EACCES, ENOEXEC...). `cwd`: the child's working
   * directory (find -execdir), entered before the program is looked up. */
  spawn(args: Arg[], cwd?: Arg): number;
}

/**
 * A reusable spawner: the environment vector and attributes are built once.
 * `stdin`: a path opened read-only as the child's descriptor 0 (undefined: inherited).
 * `sigdefault`: more signals set back to their default action in the child (timeout's signal).
 */
export function spawner(env: [string, string][], opts: { stdin?: string; sigdefault?: number[] } = {}): Spawner {
  const lib = L();
  const { ptr } = ffi();
  const keep: Uint8Array[] = [];
  const envv = new BigUint64Array(env.length + 1);
  const envb = env.map(([k, v]) => z(`${k}=${v}`));
  // (addresses are taken again at every call: the runtime may move a typed array's storage)
  const attr = new Uint8Array(1024);
  const fa = new Uint8Array(1024);
  lib.posix_spawnattr_init(ptr(attr));
  const sigdef = new Uint8Array(128);
  // 32 and 33 too: glibc's spawn would leave its two internal signals ignored across the exec
  for (const s of [13, 25, 32, 33, ...(opts.sigdefault ?? [])]) sigdef[(s - 1) >> 3]! |= 1 << ((s - 1) & 7);
  const empty = new Uint8Array(128);
  lib.posix_spawnattr_setsigdefault(ptr(attr), ptr(sigdef));
  lib.posix_spawnattr_setsigmask(ptr(attr), ptr(empty));
  lib.posix_spawnattr_setflags(ptr(attr), 0x04 | 0x08); // SETSIGDEF | SETSIGMASK
  let useFa = false;
  if (opts.stdin !== undefined) {
    lib.posix_spawn_file_actions_init(ptr(fa));
    const p = z(opts.stdin);
    keep.push(p);
    lib.posix_spawn_file_actions_addopen(ptr(fa), 0, ptr(p), 0 /* O_RDONLY */, 0);
    useFa = true;
  }
  const pidBuf = new Int32Array(1);
  const stdinPath = opts.stdin === undefined ? undefined : z(opts.stdin);
  return {
    spawn(args: Arg[], cwd?: Arg): number {
      // every argument NUL-terminated in one buffer; argv[i] = its address + offset (a batch
      // of -exec {} + or xargs holds thousands of names: no buffer, no bigint per name)
      let cap = 0;
      for (const a of args) cap += (typeof a === "string" ? 3 * a.length : a.length) + 1;
      const strs = new Uint8Array(cap);
      const offs = new Float64Array(args.length);
      let at = 0;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        offs[i] = at;
        if (typeof a !== "string") {
          strs.set(a, at);
          at += a.length;
        } else {
          let j = 0;
          for (; j < a.length; j++) {
            const c = a.charCodeAt(j);
            if (c > 0x7f) break;
            strs[at + j] = c;
          }
          if (j === a.length) at += j;
          else {
            const b = encode(a);
            strs.set(b, at);
            at += b.length;
          }
        }
        strs[at++] = 0;
      }
      const av = new Uint32Array(2 * (args.length + 1));
      const base = ptr(strs);
      for (let i = 0; i < args.length; i++) {
        const addr = base + offs[i]!;
        av[2 * i] = addr % 4294967296;
        av[2 * i + 1] = Math.floor(addr / 4294967296);
      }
      envb.forEach((b, i) => (envv[i] = BigInt(ptr(b))));
      // a working directory of its own: file actions made for this one call
      let own: Uint8Array | undefined;
      if (cwd !== undefined) {
        own = new Uint8Array(1024);
        lib.posix_spawn_file_actions_init(ptr(own));
        const d = z(cwd);
        keep.push(d);
        if (lib.posix_spawn_file_actions_addchdir_np(ptr(own), ptr(d)) !== 0) throw errnoErr(38, "posix_spawn");
        if (stdinPath) lib.posix_spawn_file_actions_addopen(ptr(own), 0, ptr(stdinPath), 0, 0);
      }
      const rc = lib.posix_spawnp(ptr(pidBuf), ptr(strs), own ? ptr(own) : useFa ? ptr(fa) : null, ptr(attr), ptr(av), ptr(envv));
      if (own) {
        lib.posix_spawn_file_actions_destroy(ptr(own));
        keep.pop();
      }
      void keep;
      if (rc !== 0) throw errnoErr(rc, "posix_spawnp");
      return pidBuf[0]!;
    },
  };
}

export interface WaitResult { pid: number; status: number; signal: number }
/**
 * waitpid(pid, &st, nohang ? WNOHANG : 0) restarted on EINTR: the child's exit status or the
 * signal that killed it; undefined when `nohang` and nothing has ended. Throws ECHILD etc.
 */
export function waitpid(pid: number, nohang = false): WaitResult | undefined {
  const lib = L();
  const { ptr, read } = ffi();
  const st = new Int32Array(1);
  for (;;) {
    const r = lib.waitpid(pid, ptr(st), nohang ? 1 : 0);
    if (r > 0) {
      const s = st[0]!;
      const sig = s & 0x7f;
      if (sig !== 0 && sig !== 0x7f) return { pid: r, status: 0, signal: sig };
      return { pid: r, status: (s >> 8) & 0xff, signal: 0 };
    }
    if (r === 0) return undefined;
    const e = read.i32(lib.__errno_location()!, 0);
    if (e === 4) continue;
    throw errnoErr(e, "waitpid");
  }
}

/** sysconf(_SC_ARG_MAX). */
export function argMax(): number {
  return Number(L().sysconf(0));
}

/** getrlimit(RLIMIT_NPROC) soft limit (Infinity when unlimited). */
export function nprocLimit(): number {
  const b = new BigUint64Array(2);
  if (L().getrlimit(6, ffi().ptr(b)) !== 0) return Infinity;
  return b[0]! === 0xffffffffffffffffn ? Infinity : Number(b[0]!);
}
