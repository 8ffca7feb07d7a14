// comm — select or reject lines common to two sorted files.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/comm.html  FreeBSD: comm(1)
// Options (getopt "123i"): -1, -2, -3 suppress column 1 (only in file1), 2 (only in file2),
//   3 (in both); -i compares case-insensitively (towlower on each character).
// Operands: file1 file2; "-" is standard input. Columns are indented by one tab per printed
//   column before them.
// BSD: lines are C strings (a NUL byte ends what is compared and printed). Lines are compared
//   as characters (code point order = byte order in C.UTF-8); when either line is not valid
//   UTF-8 the two are compared as bytes, without -i. A read error is fatal ("comm: f: Is a
//   directory", status 1).
import { defineApplet, Getopt, usage, err, utf8Locale, Reader } from "@bsdbox/shared";
import { open, O, SysError } from "@bsdbox/compat";

const USAGE = "usage: comm [-123i] file1 file2";
const fatal = new TextDecoder("utf-8", { fatal: true });

export default defineApplet({
  name: "comm",
  main(ctx) {
    const g = new Getopt(ctx, "123i");
    let f1 = true, f2 = true, f3 = true, iflag = false;
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "1": f1 = false; break;
        case "2": f2 = false; break;
        case "3": f3 = false; break;
        case "i": iflag = true; break;
        default: usage(ctx, USAGE);
      }
    }
    const ops = g.rest;
    if (ops.length !== 2) usage(ctx, USAGE);
    const utf8 = utf8Locale(ctx.env);
    let stdin: Reader | undefined;
    const file = (name: string): Reader => {
      if (name === "-") return (stdin ??= new Reader(ctx.stdin));
      try {
        return new Reader(open(name, O.RDONLY));
      } catch (e) {
        err(ctx, 1, name, e);
      }
    };
    const fp1 = file(ops[0]!), fp2 = file(ops[1]!);
    const tabs = ["", "\t", "\t\t"];
    let t = 0;
    const col1 = f1 ? tabs[t++] : undefined;
    const col2 = f2 ? tabs[t++] : undefined;
    const col3 = f3 ? tabs[t] : undefined;
    const out = ctx.out;
    const getline = (r: Reader, name: string): Uint8Array | null => {
      let l: Uint8Array | null;
      try {
        l = r.line();
      } catch (e) {
        if (e instanceof SysError) err(ctx, 1, name, e);
        throw e;
      }
      if (!l) return null;
      let n = l.indexOf(0);
      if (n < 0) n = l.length > 0 && l[l.length - 1] === 10 ? l.length - 1 : l.length;
      return l.subarray(0, n);
    };
    const show = (s: string, line: Uint8Array) => {
      out.write(s);
      out.write(line);
      out.byte(10);
    };
    const rest = (r: Reader, name: string, s: string, line: Uint8Array) => {
      for (let l: Uint8Array | null = line; l; l = getline(r, name)) show(s, l);
    };
    let l1: Uint8Array | null = null, l2: Uint8Array | null = null;
    let read1 = true, read2 = true;
    for (;;) {
      // the line kept from the previous round must survive the other file's read
      if (read1) l1 = getline(fp1, ops[0]!);
      if (read2) {
        if (fp1 === fp2 && l1) l1 = l1.slice();
        l2 = getline(fp2, ops[1]!);
      }
      if (!l1) {
        if (l2 && col2 !== undefined) rest(fp2, ops[1]!, col2, l2);
        break;
      }
      if (!l2) {
        if (col1 !== undefined) rest(fp1, ops[0]!, col1, l1);
        break;
      }
      const comp = compare(l1, l2, iflag, utf8);
      if (comp === 0) {
        read1 = read2 = true;
        if (col3 !== undefined) show(col3, l1);
      } else if (comp < 0) {
        read1 = true;
        read2 = false;
        if (col1 !== undefined) show(col1, l1);
      } else {
        read1 = false;
        read2 = true;
        if (col2 !== undefined) show(col2, l2);
      }
      // the kept line is a view into its reader's buffer, which the next read reuses
      if (!read1) l1 = l1.slice();
      if (!read2) l2 = l2.slice();
    }
    return 0;
  },
});

function strcmp(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}

/** wcscoll on the lowered characters (-i), or strcmp; code point order is byte order. */
function compare(a: Uint8Array, b: Uint8Array, iflag: boolean, utf8: boolean): number {
  if (!iflag) return strcmp(a, b);
  let x: number[], y: number[];
  if (!utf8) {
    x = Array.from(a, lowerByte);
    y = Array.from(b, lowerByte);
  } else {
    try {
      x = lowerCps(fatal.decode(a));
      y = lowerCps(fatal.decode(b));
    } catch {
      return strcmp(a, b);
    }
  }
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
  return x.length - y.length;
}

const lowerByte = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

function lowerCps(s: string): number[] {
  const r: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 128) { r.push(lowerByte(cp)); continue; }
    const l = cp === 0x130 ? "i" : ch.toLowerCase();
    r.push([...l].length === 1 ? l.codePointAt(0)! : cp);
  }
  return r;
}
