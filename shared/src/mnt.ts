// Mount-table helpers shared by mount and umount (util-linux/libmount semantics): file-system
// type lists with the "no" prefix, option lists (-O), fstab parsing, merging the per-mount and
// per-super-block options of a mountinfo line, and the "?" for control characters in listings.
import { open, close, decode, O } from "@bsdbox/compat";
import { readAll } from "./io";

/** A whole file as a lossless string. */
export function readText(path: string): string {
  const fd = open(path, O.RDONLY);
  try {
    return decode(readAll(fd));
  } finally {
    close(fd);
  }
}

/** Split a comma-separated option string; commas inside double quotes do not split. */
export function splitOptions(s: string): string[] {
  const out: string[] = [];
  let cur = "", q = false;
  for (const c of s) {
    if (c === '"') q = !q;
    if (c === "," && !q) {
      if (cur !== "") out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur !== "") out.push(cur);
  return out;
}

/**
 * libmount's mnt_match_fstype: does `type` match the list `pattern` ("ext4,vfat", "nonfs,proc")?
 * A leading "no" negates the whole list; a "no" item excludes that type. Case-insensitive.
 */
export function matchFstype(type: string, pattern: string | undefined): boolean {
  if (pattern === undefined) return true;
  let no = false;
  let p = pattern;
  if (p.startsWith("no")) { no = true; p = p.slice(2); }
  const t = type.toLowerCase();
  for (const item of p.split(",")) {
    const i = item.toLowerCase();
    if (i.startsWith("no") && i.slice(2) === t) return false;
    if (i === t) return !no;
  }
  return no;
}

/**
 * libmount's mnt_match_options: every item of `pattern` must hold for `options`: "opt" (or
 * "opt=val") present, "noopt" absent; "+noauto" matches the literal option "noauto".
 */
export function matchOptions(options: string, pattern: string | undefined): boolean {
  if (pattern === undefined) return true;
  const have = splitOptions(options);
  for (let item of splitOptions(pattern)) {
    let no = false;
    if (item.startsWith("+")) item = item.slice(1);
    else if (item.startsWith("no")) { no = true; item = item.slice(2); }
    const found = have.some((o) => o === item || (!item.includes("=") && o.startsWith(item + "=")));
    if (found === no) return false;
  }
  return true;
}

/** The options a listing shows for a mountinfo line: libmount's merge of the per-mount and
 * super-block strings (one leading "ro" or "rw": ro if either says so). */
export function mergeOptions(vfs: string, fs: string): string {
  if (vfs === fs || fs === "") return vfs;
  const all = [...splitOptions(vfs), ...splitOptions(fs)];
  const ro = all.includes("ro");
  const rest = all.filter((o) => o !== "rw" && o !== "ro");
  return [ro ? "ro" : "rw", ...rest].join(",");
}

/** Control characters shown as "?" (util-linux's safe_fputs for mount listings). */
export function safeText(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, "?");
}

export interface FstabEntry { source: string; target: string; fstype: string; options: string; freq: number; passno: number }
/** fstab(5): blank and '#' lines skipped, fields split by blanks, octal escapes (\040) undone. */
export function parseFstab(text: string): FstabEntry[] {
  const out: FstabEntry[] = [];
  const unesc = (s: string) => s.replace(/\\([0-3][0-7][0-7])/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const f = t.split(/[ \t]+/).map(unesc);
    if (f.length < 2) continue;
    out.push({
      source: f[0]!, target: f[1]!, fstype: f[2] ?? "auto", options: f[3] ?? "defaults",
      freq: Number(f[4] ?? 0) || 0, passno: Number(f[5] ?? 0) || 0,
    });
  }
  return out;
}

/** udev's encoding of a LABEL/UUID for its /dev/disk/by-* link name: bytes other than
 * [0-9A-Za-z#+-.:=@_] and UTF-8 sequences become \xHH. */
export function udevEncode(s: string): string {
  let out = "";
  for (const c of s) {
    if (/[0-9A-Za-z#+\-.:=@_]/.test(c) || c.charCodeAt(0) > 0x7f && !/[\udc80-\udcff]/.test(c)) out += c;
    else if (/[\udc80-\udcff]/.test(c)) out += "\\x" + (c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, "0");
    else out += "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0");
  }
  return out;
}
