// errno numbers (Linux) and musl's strerror texts. The names are the ones Node/Bun put in `code`.
export const ERRNO: Record<string, number> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9,
  ECHILD: 10, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, ENOTBLK: 15, EBUSY: 16, EEXIST: 17,
  EXDEV: 18, ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25,
  ETXTBSY: 26, EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30, EMLINK: 31, EPIPE: 32, EDOM: 33,
  ERANGE: 34, EDEADLK: 35, ENAMETOOLONG: 36, ENOLCK: 37, ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40,
  ENOMSG: 42, EIDRM: 43, ENODATA: 61, ETIME: 62, EOVERFLOW: 75, EILSEQ: 84, ENOTSOCK: 88,
  EDESTADDRREQ: 89, EMSGSIZE: 90, EPROTOTYPE: 91, ENOPROTOOPT: 92, EPROTONOSUPPORT: 93,
  EOPNOTSUPP: 95, EAFNOSUPPORT: 97, EADDRINUSE: 98, EADDRNOTAVAIL: 99, ENETDOWN: 100,
  ENETUNREACH: 101, ECONNABORTED: 103, ECONNRESET: 104, ENOBUFS: 105, EISCONN: 106,
  ENOTCONN: 107, ETIMEDOUT: 110, ECONNREFUSED: 111, EHOSTUNREACH: 113, EALREADY: 114,
  EINPROGRESS: 115, ESTALE: 116, EDQUOT: 122, ECANCELED: 125,
};
ERRNO.ENOTSUP = 95;
ERRNO.EWOULDBLOCK = 11;

// musl src/errno/__strerror.h
const TEXT: Record<number, string> = {
  0: "No error information", 1: "Operation not permitted", 2: "No such file or directory",
  3: "No such process", 4: "Interrupted system call", 5: "I/O error", 6: "No such device or address",
  7: "Argument list too long", 8: "Exec format error", 9: "Bad file descriptor",
  10: "No child process", 11: "Resource temporarily unavailable", 12: "Out of memory",
  13: "Permission denied", 14: "Bad address", 15: "Block device required", 16: "Resource busy",
  17: "File exists", 18: "Cross-device link", 19: "No such device", 20: "Not a directory",
  21: "Is a directory", 22: "Invalid argument", 23: "Too many open files in system",
  24: "No file descriptors available", 25: "Not a tty", 26: "Text file busy",
  27: "File too large", 28: "No space left on device", 29: "Invalid seek",
  30: "Read-only file system", 31: "Too many links", 32: "Broken pipe",
  33: "Domain error", 34: "Result not representable", 35: "Resource deadlock would occur",
  36: "Filename too long", 37: "No locks available", 38: "Function not implemented",
  39: "Directory not empty", 40: "Symbolic link loop", 42: "No message of desired type",
  43: "Identifier removed", 61: "No data available", 62: "Device timeout",
  75: "Value too large for data type", 84: "Illegal byte sequence", 88: "Not a socket",
  89: "Destination address required", 90: "Message too large", 91: "Protocol wrong type for socket",
  92: "Protocol not available", 93: "Protocol not supported", 95: "Not supported",
  97: "Address family not supported by protocol", 98: "Address in use",
  99: "Address not available", 100: "Network is down", 101: "Network unreachable",
  103: "Connection aborted", 104: "Connection reset by peer", 105: "No buffer space available",
  106: "Socket is connected", 107: "Socket not connected", 110: "Operation timed out",
  111: "Connection refused", 113: "Host is unreachable", 114: "Operation already in progress",
  115: "Operation in progress", 116: "Stale file handle", 122: "Quota exceeded",
  125: "Operation canceled",
};

export function strerror(errno: number): string {
  return TEXT[errno] ?? "No error information";
}

/** A failed system call: `errno` is the Linux number, `code` its symbolic name. */
export class SysError extends Error {
  constructor(public errno: number, public code: string, public syscall = "") {
    super(strerror(errno));
  }
}

/** Turn whatever a runtime call threw into a SysError (or rethrow a real bug). */
export function toSysError(e: unknown): SysError {
  if (e instanceof SysError) return e;
  const x = e as { code?: unknown; errno?: unknown; syscall?: unknown };
  if (x && typeof x.code === "string" && x.code in ERRNO) {
    return new SysError(ERRNO[x.code]!, x.code, typeof x.syscall === "string" ? x.syscall : "");
  }
  if (x && typeof x.errno === "number" && x.errno !== 0) {
    return sysError(Math.abs(x.errno));
  }
  throw e;
}

/** The SysError for errno value `e` (its symbolic code looked up), as a failed call reports it. */
export function sysError(e: number, syscall = ""): SysError {
  const code = Object.keys(ERRNO).find((k) => ERRNO[k] === e) ?? "EUNKNOWN";
  return new SysError(e, code, syscall);
}
