// Path name pieces as musl's libgen does them (chimerautils links against musl).

/** dirname(3): "" -> ".", "a" -> ".", "/a" -> "/", "a//b//" -> "a", "//" -> "/". */
export function pathDirname(s: string): string {
  if (s === "") return ".";
  let i = s.length - 1;
  for (; s[i] === "/"; i--) if (!i) return "/";
  for (; s[i] !== "/"; i--) if (!i) return ".";
  for (; s[i] === "/"; i--) if (!i) return "/";
  return s.slice(0, i + 1);
}

/** basename(3): "" -> ".", "/" -> "/", "a/b//" -> "b". */
export function pathBasename(s: string): string {
  if (s === "") return ".";
  let i = s.length - 1;
  for (; i && s[i] === "/"; i--);
  const end = i + 1;
  for (; i && s[i - 1] !== "/"; i--);
  return s.slice(i, end);
}
