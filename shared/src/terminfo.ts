// Compiled terminfo entries (term(5), the legacy and the 32-bit number format), looked up as
// ncurses does: $TERMINFO, $HOME/.terminfo, $TERMINFO_DIRS, then /etc/terminfo, /lib/terminfo,
// /usr/share/terminfo, /usr/lib/terminfo; in each, DIR/c/NAME or DIR/hex(c)/NAME. A name that is
// empty or holds a '/' is never found. Capabilities are read by their index in the standard
// arrays (ncurses <term.h>: Booleans[15] over_strike, Strings[36] enter_underline_mode, ...);
// strings come back one char per byte. Used by ls (colours) and ul (underlining).
import { stat, open, close, O, S_ISREG, SysError } from "@bsdbox/compat";
import { readAll } from "./io";

export interface Terminfo {
  /** the names line ("xterm|xterm terminal emulator") */
  names: string;
  /** boolean capability `idx` */
  flag(idx: number): boolean;
  /** numeric capability `idx`, or -1 when absent */
  num(idx: number): number;
  /** string capability `idx`, or undefined when absent or cancelled */
  str(idx: number): string | undefined;
}

/** The directories searched for compiled entries, in order. */
export function terminfoDirs(env: Map<string, string>): string[] {
  const dirs: string[] = [];
  const ti = env.get("TERMINFO");
  if (ti) dirs.push(ti);
  const home = env.get("HOME");
  if (home) dirs.push(`${home}/.terminfo`);
  for (const d of (env.get("TERMINFO_DIRS") ?? "").split(":")) if (d) dirs.push(d);
  dirs.push("/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo");
  return dirs;
}

function candidates(env: Map<string, string>, term: string): string[] {
  if (term === "" || term.includes("/")) return [];
  const out: string[] = [];
  for (const d of terminfoDirs(env))
    for (const sub of [term[0]!, term.charCodeAt(0).toString(16)]) out.push(`${d}/${sub}/${term}`);
  return out;
}

/** Whether a compiled entry for `term` exists (a regular file), readable or not. */
export function terminfoExists(env: Map<string, string>, term: string): boolean {
  for (const p of candidates(env, term)) {
    try {
      if (S_ISREG(stat(p).mode)) return true;
    } catch {}
  }
  return false;
}

/** The compiled entry for `term`, or undefined when there is none or it is malformed. */
export function readTerminfo(env: Map<string, string>, term: string): Terminfo | undefined {
  let data: Uint8Array | undefined;
  for (const p of candidates(env, term)) {
    try {
      data = readFileBytes(p);
      break;
    } catch {}
  }
  if (!data || data.length < 12) return undefined;
  const d = data;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const magic = v.getUint16(0, true);
  if (magic !== 0o432 && magic !== 0o1036) return undefined;
  const numSize = magic === 0o432 ? 2 : 4;
  const nameSize = v.getUint16(2, true), boolCount = v.getUint16(4, true), numCount = v.getUint16(6, true);
  const strCount = v.getUint16(8, true), tableSize = v.getUint16(10, true);
  const boolOff = 12 + nameSize;
  let off = boolOff + boolCount;
  if (off & 1) off++;
  const numOff = off;
  off += numCount * numSize;
  const strOff = off, table = strOff + strCount * 2;
  if (table + tableSize > d.length) return undefined;
  let nameEnd = 12;
  while (nameEnd < boolOff && d[nameEnd] !== 0) nameEnd++;
  return {
    names: String.fromCharCode(...d.subarray(12, nameEnd)),
    flag: (idx) => idx < boolCount && d[boolOff + idx] === 1,
    num: (idx) => {
      if (idx >= numCount) return -1;
      const n = numSize === 2 ? v.getInt16(numOff + idx * 2, true) : v.getInt32(numOff + idx * 4, true);
      return n < 0 ? -1 : n;
    },
    str: (idx) => {
      if (idx >= strCount) return undefined;
      const o = v.getInt16(strOff + idx * 2, true);
      if (o < 0 || o >= tableSize) return undefined;
      let e = table + o;
      while (e < d.length && d[e] !== 0) e++;
      return String.fromCharCode(...d.subarray(table + o, e));
    },
  };
}

function readFileBytes(path: string): Uint8Array {
  const st = stat(path);
  if (!S_ISREG(st.mode)) throw new SysError(21, "EISDIR", "open");
  const fd = open(path, O.RDONLY);
  try {
    return readAll(fd);
  } finally {
    close(fd);
  }
}

/** tputs without a baud rate: $<..> padding is dropped. */
export const stripDelays = (s: string) => s.replace(/\$<[0-9.*/]*>/g, "");

/** tparm(cap, p1) for the subset of terminfo parameter language colour strings use. */
export function tparm(cap: string, p1: number): string {
  let out = "";
  const stack: number[] = [];
  const params = [p1, 0, 0, 0, 0, 0, 0, 0, 0];
  const pop = () => stack.pop() ?? 0;
  // evaluate with %? %t %e %; by skipping
  for (let i = 0; i < cap.length; i++) {
    const c = cap[i]!;
    if (c !== "%") { out += c; continue; }
    const k = cap[++i];
    switch (k) {
      case "%": out += "%"; break;
      case "p": stack.push(params[Number(cap[++i]) - 1] ?? 0); break;
      case "d": out += String(pop()); break;
      case "c": out += String.fromCharCode(pop()); break;
      case "{": {
        const e = cap.indexOf("}", i);
        stack.push(Number(cap.slice(i + 1, e)));
        i = e;
        break;
      }
      case "'": stack.push(cap.charCodeAt(i + 1)); i += 2; break;
      case "+": { const b = pop(), a = pop(); stack.push(a + b); break; }
      case "-": { const b = pop(), a = pop(); stack.push(a - b); break; }
      case "*": { const b = pop(), a = pop(); stack.push(a * b); break; }
      case "/": { const b = pop(), a = pop(); stack.push(b ? Math.trunc(a / b) : 0); break; }
      case "m": { const b = pop(), a = pop(); stack.push(b ? a % b : 0); break; }
      case "<": { const b = pop(), a = pop(); stack.push(a < b ? 1 : 0); break; }
      case ">": { const b = pop(), a = pop(); stack.push(a > b ? 1 : 0); break; }
      case "=": { const b = pop(), a = pop(); stack.push(a === b ? 1 : 0); break; }
      case "&": { const b = pop(), a = pop(); stack.push(a & b); break; }
      case "|": { const b = pop(), a = pop(); stack.push(a | b); break; }
      case "A": { const b = pop(), a = pop(); stack.push(a && b ? 1 : 0); break; }
      case "O": { const b = pop(), a = pop(); stack.push(a || b ? 1 : 0); break; }
      case "!": stack.push(pop() ? 0 : 1); break;
      case "i": params[0]!++; params[1]!++; break;
      case "?": break;
      case "t": {
        if (!pop()) {
          // skip to the matching %e or %; at this nesting level
          let depth = 0;
          for (i++; i < cap.length; i++) {
            if (cap[i] !== "%") continue;
            const n = cap[++i];
            if (n === "?") depth++;
            else if (n === ";") { if (depth-- === 0) break; }
            else if (n === "e" && depth === 0) break;
          }
        }
        break;
      }
      case "e": {
        // reached the end of a taken branch: skip to the matching %;
        let depth = 0;
        for (i++; i < cap.length; i++) {
          if (cap[i] !== "%") continue;
          const n = cap[++i];
          if (n === "?") depth++;
          else if (n === ";") { if (depth-- === 0) break; }
        }
        break;
      }
      case ";": break;
      default: break;
    }
  }
  return out;
}

