// whereis — locate programs, their manual pages and sources.
// FreeBSD: whereis(1), with chimerautils' search lists. usage: whereis [-abmqsux] [-BMS dir ... -f]
// program ... For each name (a leading path, an "s." prefix, a ",v" suffix and a .z .Z .gz .bz2
// suffix are stripped) print "name: binary manual source", each part the first match (all with
// -a). Binaries: a regular executable file named so in /bin:/usr/bin:/sbin:/usr/sbin,
// /usr/libexec and $PATH (or the -B list); manual pages: `man -S1:8:6 -w` (`man -a -w` with -a)
// over the `man -w` path (or the -M list, passed as MANPATH); sources: a directory of that name
// under /usr/src (or the -S list), else, unless -x, a `locate` hit one level below one. -b -m -s
// restrict the search (default all three), -q omits the "name:" label, -u prints only names for
// which something was not found. -B/-M/-S take directories (colon lists allowed) up to the next
// -B, -M, -S or -f; after -f the options end. Exit 0; 64 for usage, 65 with nothing to search.
import { defineApplet, Getopt, usage, errx, err, byteLength, decode } from "@bsdbox/shared";
import { stat, S_ISREG, S_ISDIR, commandOutput } from "@bsdbox/compat";

const USAGE = "usage: whereis [-abmqsux] [-BMS dir ... -f] program ...";
const STDPATH = "/bin:/usr/bin:/sbin:/usr/sbin"; // musl's _PATH_STDPATH
const LIBEXEC = "/usr/libexec";
const SOURCES = "/usr/src";
const MANMATCH = /^.* [(]source: (.*)[)]$/;

/** Add the non-empty, not yet listed parts of a colon list. */
function decolonify(s: string, list: string[]): void {
  for (const part of s.split(":")) if (part && !list.includes(part)) list.push(part);
}

export default defineApplet({
  name: "whereis",
  main(ctx) {
    const o = { a: false, b: false, m: false, q: false, s: false, u: false, x: false };
    let bindirs: string[] | undefined, mandirs: string[] | undefined, srcdirs: string[] | undefined;
    const g = new Getopt(ctx, "BMSabfmqsux");
    const argv = g.argv;
    options: for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "B": case "M": case "S": {
          const list: string[] = [];
          while (g.optind < argv.length && !["-f", "-B", "-M", "-S"].includes(argv[g.optind]!)) decolonify(argv[g.optind++]!, list);
          if (c === "B") bindirs = list;
          else if (c === "M") mandirs = list;
          else srcdirs = list;
          break;
        }
        case "f":
          break options;
        case "a": case "b": case "m": case "q": case "s": case "u": case "x":
          o[c] = true;
          break;
        default:
          usage(ctx, USAGE, 64);
      }
    }
    const query = argv.slice(g.optind);
    if (!query.length) usage(ctx, USAGE, 64);

    const env = [...ctx.env];
    const sh = (script: string, ...args: string[]) => commandOutput(["/bin/sh", "-c", script, "sh", ...args], env);
    const lines = (b: Uint8Array) => decode(b).split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);

    if (!o.b && !o.m && !o.s) o.b = o.m = o.s = true;
    if (!bindirs) {
      bindirs = [];
      decolonify(STDPATH, bindirs);
      bindirs.push(LIBEXEC);
      const path = ctx.env.get("PATH");
      if (path !== undefined) decolonify(path, bindirs);
    }
    if (!mandirs) {
      let r;
      try {
        r = sh("command -v man > /dev/null && man -w || :");
      } catch (e) {
        return err(ctx, 71, "cannot execute manpath command", e);
      }
      if (r.status !== 0) errx(ctx, 71, "error processing manpath results");
      mandirs = [];
      decolonify(lines(r.out)[0] ?? "", mandirs);
    }
    if (!srcdirs) {
      srcdirs = [];
      decolonify(SOURCES, srcdirs);
    }
    if (!mandirs.length) o.m = false;
    if (!bindirs.length) o.b = false;
    if (!srcdirs.length) o.s = false;
    if (!o.m && !o.b && !o.s) errx(ctx, 65, "no directories to search");
    const manEnv = (): [string, string][] => [...env.filter(([k]) => k !== "MANPATH"), ["MANPATH", mandirs!.join(":")]];

    for (let name of query) {
      const slash = name.lastIndexOf("/");
      if (slash >= 0) name = name.slice(slash + 1);
      if (byteLength(name) > 2 && name.startsWith("s.")) name = name.slice(2);
      if (byteLength(name) > 2 && name.endsWith(",v")) name = name.slice(0, -2);
      const n = byteLength(name);
      if (n > 2 && (name.endsWith(".z") || name.endsWith(".Z"))) name = name.slice(0, -2);
      else if (n > 3 && name.endsWith(".gz")) name = name.slice(0, -3);
      else if (n > 4 && name.endsWith(".bz2")) name = name.slice(0, -4);

      let unusual = false;
      const bin: string[] = [], man: string[] = [], src: string[] = [];
      if (o.b) {
        for (const d of bindirs) {
          const p = `${d}/${name}`;
          try {
            const st = stat(p);
            if (S_ISREG(st.mode) && st.mode & 0o111) {
              bin.push(p);
              if (!o.a) break;
            }
          } catch {}
        }
        if (!bin.length) unusual = true;
      }
      if (o.m) {
        let r;
        try {
          r = commandOutput(["/bin/sh", "-c", o.a ? 'man -a -w "$1" 2>/dev/null' : 'man -S1:8:6 -w "$1" 2>/dev/null', "sh", name], manEnv());
        } catch {
          r = undefined;
        }
        for (const l of r ? lines(r.out) : []) {
          const m = MANMATCH.exec(l);
          man.push(m && m[1]!.length > 0 ? m[1]! : l);
          if (!o.a) break;
        }
        if (!man.length) unusual = true;
      }
      if (o.s) {
        for (const d of srcdirs) {
          const p = `${d}/${name}`;
          try {
            if (S_ISDIR(stat(p).mode)) {
              src.push(p);
              if (!o.a) break;
            }
          } catch {}
        }
        if (!o.x && (!src.length || o.a)) {
          let r;
          try {
            r = sh('locate "*/$1" 2>/dev/null', name);
          } catch {
            r = undefined;
          }
          const res = srcdirs.map((d) => new RegExp("^" + d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "/[^/]+/"));
          for (const l of r ? lines(r.out) : []) {
            if (src.length && !o.a) break;
            for (const re of res) {
              if (src.length && !o.a) break;
              if (re.test(l)) src.push(l);
            }
          }
        }
        if (!src.length) unusual = true;
      }
      if (o.u && !unusual) continue;
      const parts: string[] = [];
      if (!o.q) parts.push(`${name}:`);
      if (bin.length) parts.push(bin.join(" "));
      if (man.length) parts.push(man.join(" "));
      if (src.length) parts.push(src.join(" "));
      if (parts.length) ctx.out.write(parts.join(" ") + "\n");
    }
    return 0;
  },
});
