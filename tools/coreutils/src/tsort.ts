// tsort — topological sort of a directed graph given as pairs of node names.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/tsort.html  FreeBSD: tsort(1)
// Options (getopt "dlq"):  -d  debug output of the cycle search (on stdout)
//   -l  report the longest cycle, not the first found     -q  do not report cycles
// Input: names separated by C-locale white space (space \t \n \v \f \r), read as pairs "a b"
// (an arc a -> b; "a a" only declares a). At most one file operand ("-" is a file name); with
// none, standard input. An odd number of names is "odd data count" (status 1).
// Output order follows FreeBSD's algorithm exactly: nodes live in a list, newest first; each pass
// prints every node without incoming arcs; when none is left a cycle is reported on stderr
// ("tsort: cycle in data" then one "tsort: NAME" per member) and its start node is printed.
// Names are bytes; as in C, a name is cut at its first NUL byte. A read error (a directory)
// ends the input silently, as getc() does.
import { defineApplet, Getopt, usage, errx, err, warnx, type Ctx } from "@bsdbox/shared";
import { open, read, close, O, SysError } from "@bsdbox/compat";

const USAGE = "usage: tsort [-dlq] [file]";
const MARK = 1, ACYCLIC = 2, NODEST = 4;

interface Node {
  name: Uint8Array;
  prev: Node | null;
  next: Node | null;
  arcs: Node[];
  arcSet: Set<Node> | null;
  refcnt: number;
  flags: number;
}

export default defineApplet({
  name: "tsort",
  main(ctx) {
    const g = new Getopt(ctx, "dlq");
    let debug = false, longest = false, quiet = false;
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "d") debug = true;
      else if (c === "l") longest = true;
      else if (c === "q") quiet = true;
      else usage(ctx, USAGE);
    }
    const files = g.rest;
    if (files.length > 1) usage(ctx, USAGE);
    let fd = ctx.stdin;
    if (files.length === 1) {
      try {
        fd = open(files[0]!, O.RDONLY);
      } catch (e) {
        err(ctx, 1, files[0]!, e);
      }
    }
    const data = slurp(fd);
    if (fd !== ctx.stdin) try { close(fd); } catch {}

    const db = new Map<string, Node>();
    let graph = null as Node | null;
    const getNode = (name: Uint8Array, key: string): Node => {
      let n = db.get(key);
      if (n) return n;
      n = { name, prev: null, next: graph, arcs: [], arcSet: null, refcnt: 0, flags: 0 };
      if (graph) graph.prev = n;
      graph = n;
      db.set(key, n);
      return n;
    };
    // parse: tokens separated by isspace() in the C locale
    let pending: [Uint8Array, string] | null = null;
    const len = data.length;
    for (let i = 0; ; ) {
      while (i < len && isSpace(data[i]!)) i++;
      if (i >= len) break;
      const s = i;
      while (i < len && !isSpace(data[i]!)) i++;
      let tok = data.subarray(s, i);
      const z = tok.indexOf(0);
      if (z >= 0) tok = tok.subarray(0, z);
      const key = latin1(tok);
      if (!pending) {
        pending = [tok, key];
        continue;
      }
      const n1 = getNode(pending[0], pending[1]);
      pending = null;
      if (key === latin1(n1.name)) continue;
      const n2 = getNode(tok, key);
      if (n1.arcs.length > 16) {
        n1.arcSet ??= new Set(n1.arcs);
        if (n1.arcSet.has(n2)) continue;
        n1.arcSet.add(n2);
      } else if (n1.arcs.includes(n2)) continue;
      n1.arcs.push(n2);
      n2.refcnt++;
    }
    if (pending) errx(ctx, 1, "odd data count");

    const out = ctx.out;
    const remove = (n: Node) => {
      out.write(n.name);
      out.byte(10);
      for (const a of n.arcs) a.refcnt--;
      n.arcs = [];
      n.arcSet = null;
      if (n.prev) n.prev.next = n.next;
      else graph = n.next;
      if (n.next) n.next.prev = n.prev;
    };
    const clearCycle = () => {
      for (let n = graph; n; n = n.next) n.flags &= ~NODEST;
    };
    let cycleBuf: Node[] = [], longestCycle: Node[] = [];
    const enc = new TextEncoder();
    // find_cycle, iteratively (deep graphs would overflow the JS stack)
    const findCycle = (from: Node, to: Node): number => {
      interface Frame { node: Node; i: number; longestLen: number; depth: number; child: Node | null }
      if (from.flags & (NODEST | MARK | ACYCLIC)) return 0;
      from.flags |= MARK;
      const stack: Frame[] = [{ node: from, i: 0, longestLen: 0, depth: 0, child: null }];
      let ret = 0;
      for (;;) {
        const f = stack[stack.length - 1]!;
        if (f.child) {
          // returning from a recursive call with value ret
          const np = f.child;
          f.child = null;
          if (debug) out.write(concat(enc.encode(" ".repeat(f.depth) + " "), f.node.name, enc.encode("->"), to.name, enc.encode(` ${ret}\n`)));
          if (ret === 0) np.flags |= NODEST;
          if (ret > f.longestLen) f.longestLen = ret;
          if (ret > 0 && !longest) f.i = f.node.arcs.length;
        }
        let descended = false;
        while (f.i < f.node.arcs.length) {
          const np = f.node.arcs[f.i++]!;
          cycleBuf[f.depth] = np;
          if (np === to) {
            if (f.depth + 1 > f.longestLen) {
              f.longestLen = f.depth + 1;
              longestCycle = cycleBuf.slice(0, f.longestLen);
            }
          } else {
            if (np.flags & (MARK | ACYCLIC | NODEST)) continue;
            f.child = np;
            np.flags |= MARK;
            stack.push({ node: np, i: 0, longestLen: f.longestLen, depth: f.depth + 1, child: null });
            descended = true;
            break;
          }
        }
        if (descended) continue;
        f.node.flags &= ~MARK;
        ret = f.longestLen;
        stack.pop();
        if (!stack.length) return ret;
      }
    };

    while (graph) {
      let cnt;
      do {
        cnt = 0;
        for (let n: Node | null = graph, next; n; n = next) {
          next = n.next;
          if (n.refcnt === 0) {
            remove(n);
            cnt++;
          }
        }
      } while (graph && cnt);
      if (!graph) break;
      let n: Node | null;
      for (n = graph; n; n = n.next) {
        if (n.flags & ACYCLIC) continue;
        const c = findCycle(n, n);
        if (c) {
          if (!quiet) {
            warnx(ctx, "cycle in data");
            for (let i = 0; i < c; i++) warnName(ctx, longestCycle[i]!.name);
          }
          remove(n);
          clearCycle();
          break;
        }
        n.flags |= ACYCLIC;
        clearCycle();
      }
      if (!n) errx(ctx, 1, "internal error -- could not find cycle");
    }
    cycleBuf = [];
    return ctx.status;
  },
});

function warnName(ctx: Ctx, name: Uint8Array): void {
  ctx.err.write(`${ctx.prog}: `);
  ctx.err.write(name);
  ctx.err.write("\n");
  ctx.err.flush();
}

function isSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, i + 4096) as unknown as number[]);
  return s;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const r = new Uint8Array(n);
  n = 0;
  for (const p of parts) { r.set(p, n); n += p.length; }
  return r;
}

/** All of fd; a read error ends the input (getc() returns EOF). */
function slurp(fd: number): Uint8Array {
  let buf = new Uint8Array(1 << 16), len = 0;
  for (;;) {
    if (len === buf.length) {
      const nb = new Uint8Array(buf.length * 2);
      nb.set(buf);
      buf = nb;
    }
    let n: number;
    try {
      n = read(fd, buf, len, buf.length - len);
    } catch (e) {
      if (e instanceof SysError) break;
      throw e;
    }
    if (n === 0) break;
    len += n;
  }
  return buf.subarray(0, len);
}
