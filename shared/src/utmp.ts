// The login records: glibc's utmp file (struct utmp, 384 bytes a record on every 64-bit and
// 32-bit Linux ABI glibc supports; little-endian here), as getutxent(3) reads it for who, users,
// wall and write. A missing or unreadable file holds no records.
//
//   for (const u of readUtmp()) if (u.type === UT.USER_PROCESS) ...
//
// Layout: ut_type i16 @0, ut_pid i32 @4, ut_line[32] @8, ut_id[4] @40, ut_user[32] @44,
// ut_host[256] @76, ut_exit @332, ut_session i32 @336, ut_tv {i32 sec, i32 usec} @340,
// ut_addr_v6[4] @348, reserved[20] @364. Strings end at the first NUL or fill their field.
import { open, close, O, decode } from "@bsdbox/compat";
import { readAll } from "./io";

export const UTMP_PATH = "/var/run/utmp";
export const UTMP_SIZE = 384;
export const UT = {
  EMPTY: 0, RUN_LVL: 1, BOOT_TIME: 2, NEW_TIME: 3, OLD_TIME: 4, INIT_PROCESS: 5,
  LOGIN_PROCESS: 6, USER_PROCESS: 7, DEAD_PROCESS: 8, ACCOUNTING: 9,
} as const;

export interface Utmp {
  type: number; pid: number; line: string; id: string; user: string; host: string;
  session: number; sec: number; usec: number;
}

function str(b: Uint8Array, off: number, len: number): string {
  let e = off;
  while (e < off + len && b[e] !== 0) e++;
  return decode(b, off, e);
}

/** The records in `data` (a trailing partial record is ignored, as glibc does). */
export function parseUtmp(data: Uint8Array): Utmp[] {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Utmp[] = [];
  for (let o = 0; o + UTMP_SIZE <= data.length; o += UTMP_SIZE) {
    out.push({
      type: v.getInt16(o, true), pid: v.getInt32(o + 4, true),
      line: str(data, o + 8, 32), id: str(data, o + 40, 4), user: str(data, o + 44, 32),
      host: str(data, o + 76, 256), session: v.getInt32(o + 336, true),
      sec: v.getInt32(o + 340, true), usec: v.getInt32(o + 344, true),
    });
  }
  return out;
}

/** The records of a utmp file (default /var/run/utmp); none when it cannot be read. */
export function readUtmp(path = UTMP_PATH): Utmp[] {
  let fd: number;
  try {
    fd = open(path, O.RDONLY);
  } catch {
    return [];
  }
  let all: Uint8Array;
  try {
    all = readAll(fd);
  } catch {
    return [];
  } finally {
    close(fd);
  }
  return parseUtmp(all);
}
