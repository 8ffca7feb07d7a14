// env — set the environment and run a utility, or print the environment.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/env.html  FreeBSD: env(1)
// Options (getopt "0C:iP:S:u:v", never permuted): -i or a lone "-" clears the environment;
// -0 ends printed entries with NUL (no utility allowed); -C dir changes directory before the
// exec; -P path searches the utility in path instead of $PATH; -S string splits string into
// arguments (quotes, \-escapes, ${VAR}; the result is parsed for more options); -u name unsets;
// -v reports what happens on stderr. name=value operands set variables; the utility replaces
// this process (execvp as musl: no /bin/sh fallback). Exit 125 on env's own errors before the
// exec, 126 when the utility cannot run, 127 when it is not found.
import { defineApplet, Getopt, usage, err, errx, warnx, type Ctx } from "@bsdbox/shared";
import { execvp, chdir, access, stat, S_ISREG, getuid } from "@bsdbox/compat";

const USAGE =
  "usage: env [-0iv] [-C workdir] [-L|-U user[/class]] [-P utilpath] [-S string]\n" +
  "           [-u name] [name=value ...] [utility [argument ...]]";

export default defineApplet({
  name: "env",
  main(ctx) {
    const g = new Getopt(ctx, "0C:iP:S:u:v");
    let clear = false, nul = false, verbose = 0;
    let altwd: string | undefined, altpath: string | undefined;
    const env = ctx.env;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "i": clear = true; break;
        case "0": nul = true; break;
        case "C": altwd = g.optarg; break;
        case "P": altpath = g.optarg; break;
        case "S": {
          const words = splitSpaces(ctx, g.optarg!, verbose);
          if (words) {
            // the split words are parsed again, ahead of the arguments not yet seen
            g.argv.splice(1, g.optind - 1, ...words);
            g.optind = 1;
          }
          break;
        }
        case "u": {
          const name = g.optarg!;
          if (verbose) ctx.err.write(`#env unset:\t${name}\n`);
          if (name === "" || name.includes("=")) err(ctx, 1, `unsetenv ${name}`, 22);
          env.delete(name);
          break;
        }
        case "v":
          verbose++;
          if (verbose > 1) ctx.err.write(`#env verbosity now at ${verbose}\n`);
          break;
        default:
          usage(ctx, USAGE);
      }
    }
    let args = g.rest;
    if (args[0] === "-") {
      clear = true;
      args = args.slice(1);
    }
    if (clear) {
      env.clear();
      if (verbose) ctx.err.write("#env clearing environ\n");
    }
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      const eq = a.indexOf("=");
      if (eq < 0) break;
      if (verbose) ctx.err.write(`#env setenv:\t${a}\n`);
      if (eq === 0) err(ctx, 1, `setenv ${a}`, 22);
      env.set(a.slice(0, eq), a.slice(eq + 1));
    }
    const cmd = args.slice(i);
    if (cmd.length) {
      if (nul) errx(ctx, 125, "cannot specify command with -0");
      if (altwd !== undefined) {
        try {
          chdir(altwd);
        } catch (e) {
          err(ctx, 125, `cannot change directory to '${altwd}'`, e);
        }
      }
      if (altpath !== undefined) cmd[0] = searchPaths(ctx, altpath, cmd[0]!, verbose);
      if (verbose) {
        ctx.err.write(`#env executing:\t${cmd[0]}\n`);
        cmd.forEach((a, n) => ctx.err.write(`#env    arg[${n}]=\t'${a}'\n`));
      }
      ctx.out.flush();
      try {
        execvp(cmd[0]!, cmd, [...env]);
      } catch (e) {
        err(ctx, (e as { errno?: number }).errno === 2 ? 127 : 126, cmd[0]!, e);
      }
    }
    if (altwd !== undefined) errx(ctx, 125, "must specify command with -C");
    if (altpath !== undefined) errx(ctx, 125, "must specify command with -P");
    const term = nul ? "\0" : "\n";
    for (const [k, v] of env) ctx.out.write(`${k}=${v}${term}`);
    return 0;
  },
});

// -P: find the utility in an alternate path list (FreeBSD search_paths)
function searchPaths(ctx: Ctx, path: string, file: string, verbose: number): string {
  if (file.includes("/")) return file;
  if (verbose > 1) ctx.err.write(`#env Searching:\t'${path}'\n#env  for file:\t'${file}'\n`);
  for (const d of path.split(":")) {
    const cand = `${d || "."}/${file}`;
    try {
      const st = stat(cand);
      if (access(cand, 1) && S_ISREG(st.mode) && (getuid() !== 0 || (st.mode & 0o111) !== 0)) {
        if (verbose > 1) ctx.err.write(`#env   matched:\t'${cand}'\n`);
        return cand;
      }
    } catch {}
  }
  err(ctx, 127, file, 2);
}

const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);

/** -S: FreeBSD split_spaces. Returns the new words, or undefined for an empty string. */
function splitSpaces(ctx: Ctx, str: string, verbose: number): string[] | undefined {
  let i = 0;
  while (isSpace(str[i])) i++;
  if (i >= str.length) return undefined;
  const words: string[] = [];
  let cur = "", inArg = false, inDq = false, inSq = false;
  let quoteStart = 0, quoteArg = "";
  const add = (s: string, forceNew = false) => {
    if (!inArg && (s !== "" || forceNew)) { inArg = true; cur = ""; }
    cur += s;
  };
  scan: for (; i < str.length; i++) {
    const ch = str[i]!;
    switch (ch) {
      case '"':
        if (inSq) add(ch);
        else if (inDq) inDq = false;
        else { add("", true); inDq = true; quoteStart = i; quoteArg = cur; }
        continue;
      case "'":
        if (inDq) add(ch);
        else if (inSq) inSq = false;
        else { add("", true); inSq = true; quoteStart = i; quoteArg = cur; }
        continue;
      case "$":
        if (inSq) { add(ch); continue; }
        {
          const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(str.slice(i));
          if (!m) errx(ctx, 1, `Only \${VARNAME} expansion is supported, error at: ${str.slice(i)}`);
          const v = ctx.env.get(m[1]!);
          if (verbose > 2) ctx.err.write(v ? `#env  expanding \${${m[1]}} into '${v}'\n` : `#env  replacing \${${m[1]}} with null string\n`);
          if (v) add(v);
          i += m[0].length - 1;
        }
        continue;
      case "\\": {
        if (inSq) {
          const n = str[i + 1];
          if (n === "'" || n === "\\") { add(n); i++; }
          else add(ch);
          continue;
        }
        const n = str[++i];
        switch (n) {
          case '"': case "#": case "$": case "'": case "\\": add(n); break;
          case "_":
            if (inDq) add(" ");
            else {
              if (inArg) words.push(cur);
              inArg = false;
              while (isSpace(str[i + 1])) i++;
            }
            break;
          case "c":
            if (inDq) errx(ctx, 1, "Sequence '\\c' is not allowed in quoted strings");
            break scan;
          case "f": add("\f"); break;
          case "n": add("\n"); break;
          case "r": add("\r"); break;
          case "t": add("\t"); break;
          case "v": add("\v"); break;
          default:
            if (isSpace(n)) add(n!);
            else errx(ctx, 1, `Invalid sequence '\\${n ?? ""}' in -S`);
        }
        continue;
      }
      default:
        if ((inDq || inSq) && inArg) add(ch);
        else if (isSpace(ch)) {
          if (inArg) words.push(cur);
          inArg = false;
          while (isSpace(str[i + 1])) i++;
        } else {
          if (!inArg && ch === "#") break scan;
          add(ch);
        }
    }
  }
  if (inDq || inSq) errx(ctx, 1, `No terminating quote for string: ${quoteArg}${str.slice(quoteStart)}`);
  if (inArg) words.push(cur);
  if (verbose > 1) {
    ctx.err.write(`#env  split -S:\t'${str.trimStart()}'\n`);
    words.forEach((w, n) => ctx.err.write(n === 0 ? `#env      into:\t'${w}'\n` : `#env          &\t'${w}'\n`));
  }
  return words;
}
