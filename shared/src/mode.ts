// File modes as FreeBSD's libc handles them: setmode(3)/getmode(3) and strmode(3).
//
// setmode(text) compiles a mode operand once; getmode(set, old) applies it to a mode.
//   - octal: every character an octal digit, value at most 07777; it sets all of u/g/o rwx,
//     setuid, setgid and sticky outright.
//   - symbolic: clauses `[ugoa]*([-+=]([rwxXst]*|[ugo]))+` separated by commas.
//     No who letter: the bits are filtered by the umask (`+w` under umask 022 adds only u+w),
//     and `=` clears every permission before setting. `X` is execute when the original mode
//     (the one given to getmode, POSIX's "current (unmodified)" mode) is a directory or has an
//     execute bit. `s` and `t` are ignored for `o` alone. `u`, `g`, `o` after an operator copy
//     that class's bits as they are at that point.
//   BSD details kept: `=` with a who list clears setuid/setgid of that who but never the
//   sticky bit; copies (`g=u`) leave setuid/setgid alone; who-less copies honour the umask in
//   the bits they clear too.
//   Two plain bugs of FreeBSD's setmode.c are not copied: it compiles `-X` into the same step
//   as `+X` (so `chmod a-X` *adds* execute bits), and a who-less `t` narrows the clause to the
//   sticky bit (`+rt` sets only the sticky bit, `=t` clears nothing). Here `-X` removes and
//   `+rt` / `=t` mean what POSIX and the manual say (as `a+rt` under the umask / `a=t`).
// strmode(mode) is the 11-character `drwxr-xr-x ` column of ls -l (type, nine permission
// characters with s/S/t/T, and a trailing space where an ACL marker would go).
import { umask as sysUmask } from "@bsdbox/compat";

const S_ISUID = 0o4000, S_ISGID = 0o2000, S_ISTXT = 0o1000;
const S_IRWXU = 0o700, S_IRWXG = 0o070, S_IRWXO = 0o007;
const S_IFMT = 0o170000, S_IFDIR = 0o040000;
const STANDARD = S_ISUID | S_ISGID | S_IRWXU | S_IRWXG | S_IRWXO;
const XBITS = 0o111;

/** One step of a compiled mode. Copy steps ("u"/"g"/"o") carry which classes they write
 * (`classes`: 4 user, 2 group, 1 other) and whether they clear and/or set. */
type Cmd =
  | { op: "+" | "-" | "X" | "X-"; bits: number }
  | { op: "u" | "g" | "o"; bits: number; classes: number; clr: boolean; set: boolean };

/** A compiled mode: apply it with getmode(). */
export type ModeSet = readonly Cmd[];

/**
 * Compile a mode operand as setmode(3) does. `mask` is the umask that who-less clauses honour
 * (the process's umask unless given). Returns undefined for an invalid mode.
 */
export function setmode(text: string, mask?: number): ModeSet | undefined {
  if (text === "") return undefined;
  const notMask = ~(mask ?? sysUmask()) & 0o7777;
  const cmds: Cmd[] = [];

  // `sticky`: the clause named `t` (BSD adds S_ISTXT to the who list for that)
  const add = (op: string, who: number, arg: number | string, sticky = false) => {
    const st = sticky ? S_ISTXT : 0;
    switch (op) {
      case "=":
        cmds.push({ op: "-", bits: (who || STANDARD) | st });
        op = "+";
      // falls through
      case "+":
      case "-":
      case "X":
      case "X-":
        cmds.push({ op: op as "+" | "-" | "X" | "X-", bits: (who ? who | st : notMask) & (arg as number) });
        break;
      default: {
        const copy = op as "u" | "g" | "o";
        const classes = who ? (who & 0o400 ? 4 : 0) | (who & 0o040 ? 2 : 0) | (who & 0o004 ? 1 : 0) : 7;
        cmds.push({ op: copy, bits: who ? 0o7777 : notMask, classes, clr: arg !== "+", set: arg !== "-" });
      }
    }
  };

  const c0 = text.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    // strtol(p, &ep, 8) must consume everything, and only mode bits may be set
    if (!/^[0-7]+$/.test(text)) return undefined;
    const v = parseInt(text, 8);
    if (v & ~(STANDARD | S_ISTXT)) return undefined;
    add("=", STANDARD | S_ISTXT, v);
    return cmds;
  }

  let p = 0;
  let equalDone = false;
  for (;;) {
    let who = 0;
    for (;; p++) {
      const ch = text[p];
      if (ch === "a") who |= STANDARD;
      else if (ch === "u") who |= S_ISUID | S_IRWXU;
      else if (ch === "g") who |= S_ISGID | S_IRWXG;
      else if (ch === "o") who |= S_IRWXO;
      else break;
    }
    // one or more operations share the who list: u+r-w
    for (;;) {
      const op = text[p++];
      if (op !== "+" && op !== "-" && op !== "=") return undefined;
      if (op === "=") equalDone = false;
      let perm = 0, permX = 0, sticky = false;
      for (;; p++) {
        const ch = text[p];
        if (ch === "r") perm |= 0o444;
        else if (ch === "w") perm |= 0o222;
        else if (ch === "x") perm |= XBITS;
        else if (ch === "X") permX = XBITS;
        else if (ch === "s") {
          if (!who || who & ~S_IRWXO) perm |= S_ISUID | S_ISGID;
        } else if (ch === "t") {
          if (!who || who & ~S_IRWXO) {
            sticky = true;
            perm |= S_ISTXT;
          }
        } else if (ch === "u" || ch === "g" || ch === "o") {
          if (perm) {
            add(op, who, perm, sticky);
            perm = 0;
          }
          if (op === "=") equalDone = true;
          if (op === "+" && permX) {
            add("X", who, permX, sticky);
            permX = 0;
          }
          add(ch, who, op);
        } else {
          if (perm || (op === "=" && !equalDone)) {
            if (op === "=") equalDone = true;
            add(op, who, perm, sticky);
            perm = 0;
          }
          if (permX) add(op === "-" ? "X-" : "X", who, permX, sticky);
          break;
        }
      }
      if (p >= text.length || text[p] === ",") break;
    }
    if (p >= text.length) return cmds;
    p++; // the comma: another clause must follow
  }
}

/** Apply a compiled mode to `omode` (which may include the file type: X looks at it). */
export function getmode(set: ModeSet, omode: number): number {
  let m = omode;
  for (const c of set) {
    switch (c.op) {
      case "+": m |= c.bits; break;
      case "-": m &= ~c.bits; break;
      case "X":
        // the S_IFDIR bit, as BSD tests it (so block devices and sockets count too)
        if (omode & (S_IFDIR | XBITS)) m |= c.bits;
        break;
      case "X-":
        if (omode & (S_IFDIR | XBITS)) m &= ~c.bits;
        break;
      default: {
        const v = c.op === "u" ? (m & S_IRWXU) >> 6 : c.op === "g" ? (m & S_IRWXG) >> 3 : m & S_IRWXO;
        if (c.clr) {
          const clr = c.set ? 7 : v;
          if (c.classes & 4) m &= ~((clr << 6) & c.bits);
          if (c.classes & 2) m &= ~((clr << 3) & c.bits);
          if (c.classes & 1) m &= ~(clr & c.bits);
        }
        if (c.set) {
          if (c.classes & 4) m |= (v << 6) & c.bits;
          if (c.classes & 2) m |= (v << 3) & c.bits;
          if (c.classes & 1) m |= v & c.bits;
        }
      }
    }
  }
  return m;
}

/** Parse and apply in one go; undefined for an invalid mode. */
export function parseMode(text: string, omode: number, mask?: number): number | undefined {
  const set = setmode(text, mask);
  return set && getmode(set, omode);
}

/** strmode(3): "drwxr-xr-x " — type, permissions, and a trailing space (11 characters). */
export function strmode(mode: number): string {
  let t: string;
  switch (mode & S_IFMT) {
    case 0o040000: t = "d"; break;
    case 0o020000: t = "c"; break;
    case 0o060000: t = "b"; break;
    case 0o100000: t = "-"; break;
    case 0o120000: t = "l"; break;
    case 0o140000: t = "s"; break;
    case 0o010000: t = "p"; break;
    case 0o160000: t = "w"; break;
    default: t = "?";
  }
  const rw = (r: number, w: number) => (mode & r ? "r" : "-") + (mode & w ? "w" : "-");
  const x = (xb: number, special: number, on: string, off: string) =>
    mode & special ? (mode & xb ? on : off) : mode & xb ? "x" : "-";
  return (
    t +
    rw(0o400, 0o200) + x(0o100, S_ISUID, "s", "S") +
    rw(0o040, 0o020) + x(0o010, S_ISGID, "s", "S") +
    rw(0o004, 0o002) + x(0o001, S_ISTXT, "t", "T") +
    " "
  );
}
