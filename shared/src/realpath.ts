// realpath(3) as musl resolves it in user space (lstat/readlink per component, no /proc), and
// the std::filesystem pieces chimerautils' realpath/readlink are built on (libc++ on Chimera):
// canonical, weakly_canonical, lexically_normal, lexically_relative.
//
//   realpath("a/../b")        -> "/cwd/b" or throws SysError (ENOENT, ENOTDIR, ELOOP, EACCES...)
//   weaklyCanonical("x/../y") -> "y/z"-style relative result when no prefix exists (libc++)
//
// Errors: a missing component ENOENT; a non-directory followed by "/" or ".." ENOTDIR; the
// 40th symbolic link ELOOP (SYMLOOP_MAX). "//" is "/".
import { lstat, stat, readlink, getcwd, SysError, S_ISLNK, S_ISDIR } from "@bsdbox/compat";

const SYMLOOP_MAX = 40;

/** musl's realpath(3). */
export function realpath(path: string): string {
  if (path === "") throw new SysError(2, "ENOENT", "realpath");
  let rest = path[0] === "/" ? path : `${getcwd()}/${path}`;
  const out: string[] = [];
  let links = 0, p = 0;
  while (p < rest.length) {
    if (rest[p] === "/") {
      // only at the start of rest (a new absolute base)
      out.length = 0;
      while (rest[p] === "/") p++;
      continue;
    }
    let e = rest.indexOf("/", p);
    if (e < 0) e = rest.length;
    const comp = rest.slice(p, e);
    let q = e;
    while (rest[q] === "/") q++;
    const slash = q > e;
    p = q;
    if (comp === ".") continue;
    const here = "/" + out.join("/");
    if (comp === "..") {
      if (out.length) {
        lstat(`${here}/..`);
        out.pop();
      }
      continue;
    }
    const full = out.length ? `${here}/${comp}` : `/${comp}`;
    const st = lstat(full);
    if (S_ISLNK(st.mode)) {
      if (++links === SYMLOOP_MAX) throw new SysError(40, "ELOOP", "realpath");
      const target = readlink(full);
      if (target === "") throw new SysError(2, "ENOENT", "realpath");
      // the link's text replaces the component; an absolute one restarts at the root
      rest = target + rest.slice(e);
      p = 0;
      continue;
    }
    if (slash && !S_ISDIR(st.mode)) throw new SysError(20, "ENOTDIR", "realpath");
    out.push(comp);
  }
  return "/" + out.join("/");
}

/** std::filesystem::canonical: the path made absolute against the working directory, then
 * realpath(3). */
export function canonical(path: string): string {
  if (path === "") throw new SysError(2, "ENOENT", "canonical");
  return realpath(path);
}

interface Elem { text: string; end: number; kind: "root" | "name" | "trail"; }
/** libc++'s path iteration: the root "/", each file name, and "" for trailing separators;
 * `end` is where the element's raw text ends in the string. */
function elements(p: string): Elem[] {
  const out: Elem[] = [];
  let i = 0;
  if (p[0] === "/") {
    while (p[i] === "/") i++;
    out.push({ text: "/", end: i, kind: "root" });
  }
  while (i < p.length) {
    let e = p.indexOf("/", i);
    if (e < 0) e = p.length;
    out.push({ text: p.slice(i, e), end: e, kind: "name" });
    i = e;
    while (p[i] === "/") i++;
    if (i > e && i >= p.length) out.push({ text: "", end: i, kind: "trail" });
  }
  return out;
}

/** path::operator/= for POSIX paths. */
function join(a: string, b: string): string {
  if (b[0] === "/") return b;
  if (a === "" ) return b;
  return a.endsWith("/") ? a + b : `${a}/${b}`;
}

/** path::lexically_normal (libc++). */
export function lexicallyNormal(p: string): string {
  if (p === "") return "";
  const parts: { t: string; k: string }[] = [];
  let maybeSep = false;
  for (const el of elements(p)) {
    const k = el.kind === "root" ? "root" : el.kind === "trail" ? "trail" : el.text === "." ? "dot" : el.text === ".." ? "dotdot" : "name";
    if (k === "name" || k === "root") {
      parts.push({ t: el.text, k });
      maybeSep = false;
    } else if (k === "dotdot") {
      const lastK = parts.length ? parts[parts.length - 1]!.k : "none";
      if (lastK === "name") parts.pop();
      else if (lastK !== "root") parts.push({ t: "..", k: "dotdot" });
      maybeSep = lastK === "name";
    } else maybeSep = true;
  }
  if (!parts.length) return ".";
  const needSep = maybeSep && parts[parts.length - 1]!.k === "name";
  let r = "";
  for (const x of parts) r = join(r, x.t);
  if (needSep && !r.endsWith("/")) r += "/";
  return r;
}

/** path::lexically_relative (libc++), "" where no relative path exists. */
export function lexicallyRelative(p: string, base: string): string {
  const a = elements(p), b = elements(base);
  const aRoot = a[0]?.kind === "root", bRoot = b[0]?.kind === "root";
  if (aRoot !== bRoot) return "";
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.kind === b[i]!.kind && a[i]!.text === b[i]!.text) i++;
  if (i >= a.length && i >= b.length) return ".";
  let n = 0;
  for (let j = i; j < b.length; j++) {
    const t = b[j]!.text;
    if (t === "..") n--;
    else if (t !== "." && t !== "" && b[j]!.kind !== "root") n++;
  }
  if (n < 0) return "";
  if (n === 0 && (i >= a.length || a[i]!.text === "")) return ".";
  let r = "";
  while (n--) r = join(r, "..");
  for (let j = i; j < a.length; j++) r = a[j]!.kind === "trail" ? (r.endsWith("/") || r === "" ? r : r + "/") : join(r, a[j]!.text);
  return r;
}

/** std::filesystem::weakly_canonical (libc++): canonical of the longest existing prefix, the
 * rest appended and lexically normalised. A prefix whose stat(2) fails other than with ENOENT
 * or ENOTDIR is an error. */
export function weaklyCanonical(p: string): string {
  if (p === "") return canonical(p);
  const els = elements(p);
  const dne: string[] = [];
  let result = "";
  let k = els.length - 1;
  for (; k >= 0; k--) {
    const tmp = p.slice(0, els[k]!.end);
    let exists = false;
    try {
      stat(tmp);
      exists = true;
    } catch (e) {
      if (!(e instanceof SysError) || (e.errno !== 2 && e.errno !== 20)) throw e;
    }
    if (exists) {
      try {
        result = canonical(tmp);
      } catch {
        result = "";
      }
      break;
    }
    dne.push(els[k]!.text);
  }
  if (k < 0) result = "";
  if (!dne.length) return result;
  for (let j = dne.length - 1; j >= 0; j--) result = dne[j] === "" ? (result === "" || result.endsWith("/") ? result : result + "/") : join(result, dne[j]!);
  return lexicallyNormal(result);
}
