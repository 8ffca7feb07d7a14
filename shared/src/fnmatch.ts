// fnmatch(3): shell wildcard matching of a whole string, as musl implements it.
//   *  any run of characters; ?  any one character; [set] [!set] [^set] with ranges a-z,
//   classes [:alpha:] [:digit:] ..., and ']' first in the set standing for itself;
//   \c the character c itself (unless FNM_NOESCAPE). An unterminated '[' is an ordinary '['.
// Flags: FNM_NOESCAPE; FNM_PATHNAME ('/' matched only by a '/' in the pattern); FNM_PERIOD (a
// leading '.', or one after '/' under FNM_PATHNAME, only matched by a '.'); FNM_LEADING_DIR
// (the pattern may match a leading part followed by '/'); FNM_CASEFOLD.
// Characters are code points (the lossless strings of compat: invalid bytes are single
// characters U+DC80..U+DCFF, so they match '?' as in a C locale byte).
export const FNM_NOESCAPE = 1, FNM_PATHNAME = 2, FNM_PERIOD = 4, FNM_LEADING_DIR = 8, FNM_CASEFOLD = 16;
export const FNM_NOMATCH = 1;

const CLASSES: Record<string, (c: string) => boolean> = {
  alnum: (c) => /^[\p{L}\p{Nd}]$/u.test(c), alpha: (c) => /^\p{L}$/u.test(c), blank: (c) => c === " " || c === "\t",
  cntrl: (c) => /^\p{Cc}$/u.test(c), digit: (c) => c >= "0" && c <= "9", graph: (c) => !/^[\p{Cc}\p{Z}]$/u.test(c) && c !== " ",
  lower: (c) => /^\p{Ll}$/u.test(c), print: (c) => !/^\p{Cc}$/u.test(c), punct: (c) => /^[!-/:-@[-`{-~]$/.test(c),
  space: (c) => /^[ \t\n\v\f\r]$/.test(c), upper: (c) => /^\p{Lu}$/u.test(c), xdigit: (c) => /^[0-9A-Fa-f]$/.test(c),
};

/** Try to match a bracket expression at p[i] (just after '['): [matched, index after ']'], or
 * undefined when the bracket is not terminated (then '[' is literal). */
function bracket(p: string[], i: number, c: string, flags: number): [boolean, number] | undefined {
  let neg = false;
  if (p[i] === "!" || p[i] === "^") { neg = true; i++; }
  let ok = false, first = true;
  const fold = (x: string) => (flags & FNM_CASEFOLD ? x.toLowerCase() : x);
  const cc = fold(c);
  for (;;) {
    if (i >= p.length) return undefined;
    let a = p[i]!;
    if (a === "]" && !first) { i++; break; }
    first = false;
    if (a === "[" && p[i + 1] === ":") {
      const end = p.indexOf(":", i + 2);
      if (end > 0 && p[end + 1] === "]") {
        const name = p.slice(i + 2, end).join("");
        const f = CLASSES[name];
        if (f && (f(c) || (flags & FNM_CASEFOLD && (f(c.toLowerCase()) || f(c.toUpperCase()))))) ok = true;
        i = end + 2;
        continue;
      }
    }
    if (a === "\\" && !(flags & FNM_NOESCAPE) && i + 1 < p.length) a = p[++i]!;
    i++;
    if (p[i] === "-" && i + 1 < p.length && p[i + 1] !== "]") {
      let b = p[i + 1]!;
      i += 2;
      if (b === "\\" && !(flags & FNM_NOESCAPE) && i < p.length) b = p[i++]!;
      const lo = a.codePointAt(0)!, hi = b.codePointAt(0)!, x = c.codePointAt(0)!;
      if (x >= lo && x <= hi) ok = true;
      else if (flags & FNM_CASEFOLD) {
        for (const y of [c.toLowerCase(), c.toUpperCase()]) {
          const v = y.codePointAt(0)!;
          if (v >= lo && v <= hi) ok = true;
        }
      }
      continue;
    }
    if (fold(a) === cc) ok = true;
  }
  return [ok !== neg, i];
}

/** 0 when `string` matches `pattern`, FNM_NOMATCH (1) otherwise. */
export function fnmatch(pattern: string, string: string, flags = 0): number {
  const p = [...pattern], s = [...string];
  return match(p, 0, s, 0, flags) ? 0 : FNM_NOMATCH;
}

function match(p: string[], pi: number, s: string[], si: number, flags: number): boolean {
  // leading period
  const periodAt = (k: number) => !!(flags & FNM_PERIOD) && s[k] === "." && (k === 0 || (!!(flags & FNM_PATHNAME) && s[k - 1] === "/"));
  let starP = -1, starS = -1;
  for (;;) {
    if (pi < p.length) {
      const c = p[pi]!;
      if (c === "*") {
        if (periodAt(si)) { /* a '*' cannot match a leading period */ }
        else {
          while (p[pi] === "*") pi++;
          starP = pi;
          starS = si;
          continue;
        }
      } else if (si < s.length) {
        const sc = s[si]!;
        let ok = false, next = pi + 1;
        if (c === "?") ok = !(flags & FNM_PATHNAME && sc === "/") && !periodAt(si);
        else if (c === "[") {
          const r = flags & FNM_PATHNAME && sc === "/" ? undefined : periodAt(si) ? [false, pi + 1] as [boolean, number] : bracket(p, pi + 1, sc, flags);
          if (r) { ok = r[0]; next = r[1]; }
          else ok = sc === "[";
        } else {
          let lit = c;
          if (c === "\\" && !(flags & FNM_NOESCAPE) && pi + 1 < p.length) { lit = p[pi + 1]!; next = pi + 2; }
          ok = flags & FNM_CASEFOLD ? lit.toLowerCase() === sc.toLowerCase() : lit === sc;
        }
        if (ok) { pi = next; si++; continue; }
      }
    } else {
      if (si === s.length) return true;
      if (flags & FNM_LEADING_DIR && s[si] === "/") return true;
    }
    // backtrack: let the last '*' take one more character
    if (starP < 0 || starS >= s.length) return false;
    if (flags & FNM_PATHNAME && s[starS] === "/") return false;
    starS++;
    pi = starP;
    si = starS;
  }
}

/**
 * fnmatch(pattern, ·, flags) === 0 as a function made once for many subjects (find -name over a
 * tree). Patterns that are a literal with '*' only at its ends become string comparisons
 * (`*.c` is endsWith); the others are split once and matched as fnmatch does.
 */
export function fnmatcher(pattern: string, flags = 0): (s: string) => boolean {
  const p = [...pattern];
  const simple = !(flags & (FNM_PERIOD | FNM_PATHNAME | FNM_LEADING_DIR | FNM_CASEFOLD));
  if (simple) {
    let a = 0, b = p.length;
    while (a < b && p[a] === "*") a++;
    while (b > a && p[b - 1] === "*" && !(b - 2 >= a && p[b - 2] === "\\" && !(flags & FNM_NOESCAPE))) b--;
    const mid = p.slice(a, b);
    // (a literal with surrogates could match half of a pair: those go the general way)
    const lit = mid.join("");
    if (!mid.some((c) => c === "*" || c === "?" || c === "[" || c === "\\") && !/[\uD800-\uDFFF]/.test(lit)) {
      const lead = a > 0, trail = b < p.length;
      if (lead && trail) return (s) => s.includes(lit);
      if (lead) return (s) => s.endsWith(lit);
      if (trail) return (s) => s.startsWith(lit);
      return (s) => s === lit;
    }
  }
  return (s) => match(p, 0, [...s], 0, flags);
}
