// Users and groups from /etc/passwd and /etc/group (as musl's getpwnam/getgrnam read them),
// and the process's credentials.
import { fs } from "./rt";
import { decode } from "./bytes";

export interface Passwd { name: string; passwd: string; uid: number; gid: number; gecos: string; dir: string; shell: string; }
export interface Group { name: string; passwd: string; gid: number; members: string[]; }

function lines(file: string): string[][] {
  let raw: Uint8Array;
  try {
    raw = fs().readFileSync(file);
  } catch {
    return [];
  }
  return decode(raw).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
}
let pw: Passwd[] | undefined, gr: Group[] | undefined;
function passwds(): Passwd[] {
  return (pw ??= lines("/etc/passwd").filter((f) => f.length >= 7).map((f) => ({
    name: f[0]!, passwd: f[1]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, dir: f[5]!, shell: f[6]!,
  })));
}
function groups(): Group[] {
  return (gr ??= lines("/etc/group").filter((f) => f.length >= 3).map((f) => ({
    name: f[0]!, passwd: f[1]!, gid: Number(f[2]), members: f[3] ? f[3].split(",").filter(Boolean) : [],
  })));
}
export const getpwnam = (name: string) => passwds().find((p) => p.name === name);
export const getpwuid = (uid: number) => passwds().find((p) => p.uid === uid);
export const getgrnam = (name: string) => groups().find((g) => g.name === name);
export const getgrgid = (gid: number) => groups().find((g) => g.gid === gid);
export const allGroups = () => groups();

export const getuid = () => process.getuid?.() ?? 0;
export const geteuid = () => process.geteuid?.() ?? 0;
export const getgid = () => process.getgid?.() ?? 0;
export const getegid = () => process.getegid?.() ?? 0;
export const getgroups = () => process.getgroups?.() ?? [];
