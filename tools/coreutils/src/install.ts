// install, binstall — copy files and set their attributes (FreeBSD xinstall as chimerautils has it).
// FreeBSD: install(1). Not in POSIX.
// The name decides the dialect: "binstall" is the BSD one, every other name the GNU-flavoured one.
//   install:  getopt "B:bCcDdg:l:m:o:pSst:Tv"   -D creates the target's parent directories,
//             -t dir is the target directory, -T: the last operand is never a directory.
//   binstall: getopt "B:bCcD:dg:h:l:M:m:o:pSsT:Uv"  -D destdir and -T tags only matter to the
//             metalog (-M file: one mtree(8) line per installed file/dir/link, appended);
//             -h digest (none, sha1, sha256, sha512) adds a checksum to those lines; -U
//             (unprivileged): owner and group are not looked up nor set, only the metalog
//             records them, and chmod keeps only the rwx bits.
// Forms: install [opts] file1 file2 / file1 ... fileN directory / -t directory file ... /
//   -d directory ... (every missing component made with 0755 then the last one chown'ed and
//   chmod'ed to -m, default 0755; -v prints "install: mkdir D").
// Files: copied into a temporary "INS@XXXXXX" next to the target, which then replaces the
//   target by rename(2), so a failing copy never destroys the old file. -C (and -p) compare
//   first and leave an identical target alone (its mode and owner are still fixed); -c is
//   accepted and ignored. -b keeps the old target as NAME.old (-B suffix), by link(2) before
//   the rename. -p gives the target the source's access and modification times. -S fsyncs the
//   copy before the rename. -s runs $STRIPBIN (default `strip` from PATH) as
//   "strip -o TEMP SOURCE", falling back to a copy stripped in place; "install: spawn strip:
//   No such file or directory" (71) when it cannot be run, "strip command strip failed on TEMP"
//   (70) when it fails; DONTSTRIP in the environment turns -s off with a warning.
//   -m mode: octal or symbolic (shared/mode.ts; +X counts as executable only under -d), default
//   0755; -o/-g owner and group by name or number ("unknown user X" / "unknown group X", 1).
//   A failing chown is a warning for install, fatal (the target removed) for binstall.
//   -l linkflags: s symbolic, h hard, m mixed (hard, symbolic across file systems), a absolute,
//   r relative; a link made over an existing name goes through a "NAME.inst.XXXXXX" temporary.
//   -v prints "install: FROM -> TO" (and "install: TO -> TO.old", "install: link/symlink ...").
// Exit statuses are sysexits(3): 64 usage, 70 software, 71 OS error, 73 cannot create; 1 for a
// bad -l letter or unknown user/group. The first error ends the run (err(3)).
// Not done: file flags (-f, absent from chimerautils too), -N dbdir; the metalog is locked with
// flock(2) where FreeBSD uses an fcntl lock; its names are escaped with a small vis(3).
import { defineApplet, Getopt, usage, err, errx, warn, warnx, strtol, type Ctx } from "@bsdbox/shared";
import { setmode, getmode } from "@bsdbox/shared/mode";
import {
  stat, lstat, fstat, open, close, read, writeAll, fsync, rename, unlink, link, symlink, rmdir, mkdir,
  chown, chmod, fchown, fchmod, utimens, realpath, getpwnam, getgrnam, randomBytes, spawnvp, hashFile,
  flock, O, S_ISDIR, S_ISREG, S_ISLNK, SysError, ERRNO, strerror, type Stat,
} from "@bsdbox/compat";

const EX_USAGE = 64, EX_SOFTWARE = 70, EX_OSERR = 71, EX_CANTCREAT = 73, EX_TEMPFAIL = 75;
const LN_ABSOLUTE = 1, LN_RELATIVE = 2, LN_HARD = 4, LN_SYMBOLIC = 8, LN_MIXED = 16;
const S_IFDIR = 0o040000, ALLPERMS = 0o7777, NOID = -1, MAX_CMP_SIZE = 16 * 1024 * 1024;
const USAGE =
  "usage: install [-bCcDpSsTv] [-g group] [-m mode] [-o owner]\n" +
  "               [-B suffix] [-l linkflags] [-N dbdir]\n" +
  "               file1 file2\n" +
  "       install [-bCcDpSsv] [-g group] [-m mode] [-o owner]\n" +
  "               [-B suffix] [-l linkflags] [-N dbdir]\n" +
  "               file1 ... fileN directory\n" +
  "       install [-bCcDpSsv] [-g group] [-m mode] [-o owner]\n" +
  "               [-B suffix] [-l linkflags] [-N dbdir] -t directory\n" +
  "               file1 ... fileN\n" +
  "       install -d [-v] [-g group] [-m mode] [-N dbdir] [-o owner]\n" +
  "               directory ...\n";

/** strtoul(3) of the whole string (any value, wrapped to 32 bits as id_t), or undefined. */
function parseid(s: string): number | undefined {
  const r = strtol(s, 10);
  if (!r.digits || r.end !== s.length) return undefined;
  if (r.value > 0xffffffffffffffffn || -r.value > 0xffffffffffffffffn) return undefined;
  return Number(BigInt.asUintN(32, r.value));
}

/** strsnvis(3) enough for the metalog: octal escapes (VIS_OCTAL) or C style (VIS_CSTYLE) for
 * unprintable bytes and the characters in " \t\n\\#". */
function vis(s: string, cstyle: boolean): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const special = " \t\n\\#".includes(ch);
    if (!special && c > 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0) && !(c >= 0xdc80 && c <= 0xdcff)) { out += ch; continue; }
    const b = c >= 0xdc80 && c <= 0xdcff ? c - 0xdc00 : c;
    if (cstyle) {
      const m: Record<string, string> = { "\n": "\\n", "\t": "\\t", " ": "\\s", "\\": "\\\\", "\0": "\\0" };
      if (m[ch]) { out += m[ch]; continue; }
    }
    out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out;
}

export default defineApplet({
  name: "install",
  main(ctx) {
    const gnumode = ctx.prog !== "binstall";
    const g = new Getopt(ctx, gnumode ? "B:bCcDdg:l:m:o:pSst:Tv" : "B:bCcD:dg:h:l:M:m:o:pSsT:Uv");
    let dobackup = false, docompare = false, dodir = false, dolink = 0, dopreserve = false;
    let dostrip = false, dounpriv = false, dopdir = false, safecopy = false, verbose = false;
    let haveoptM = false, haveoptO = false, haveoptG = false, notarg = false;
    let suffix = ".old", group: string | undefined, owner: string | undefined;
    let destdir: string | undefined, digest: string | undefined, metafile: string | undefined;
    let tags: string | undefined, targdir: string | undefined;
    let set: ReturnType<typeof setmode>;
    let mode = 0o755;
    for (let c; (c = g.next()) !== undefined; ) {
      const a = g.optarg!;
      switch (c) {
        case "B": suffix = a; dobackup = true; break;
        case "b": dobackup = true; break;
        case "C": docompare = true; break;
        case "c": break;
        case "D": if (gnumode) dopdir = true; else destdir = a; break;
        case "d": dodir = true; break;
        case "g": haveoptG = true; group = a; break;
        case "h": digest = a; break;
        case "l":
          for (const ch of a) {
            switch (ch) {
              case "s": dolink = (dolink & ~(LN_HARD | LN_MIXED)) | LN_SYMBOLIC; break;
              case "h": dolink = (dolink & ~(LN_SYMBOLIC | LN_MIXED)) | LN_HARD; break;
              case "m": dolink = (dolink & ~(LN_SYMBOLIC | LN_HARD)) | LN_MIXED; break;
              case "a": dolink = (dolink & ~LN_RELATIVE) | LN_ABSOLUTE; break;
              case "r": dolink = (dolink & ~LN_ABSOLUTE) | LN_RELATIVE; break;
              default: errx(ctx, 1, `${ch}: invalid link type`);
            }
          }
          break;
        case "M": metafile = a; break;
        case "m":
          haveoptM = true;
          if (!(set = setmode(a))) errx(ctx, EX_USAGE, `invalid file mode: ${a}`);
          break;
        case "o": haveoptO = true; owner = a; break;
        case "p": docompare = dopreserve = true; break;
        case "S": safecopy = true; break;
        case "s": dostrip = true; break;
        case "t":
          targdir = a;
          if (notarg) errx(ctx, EX_USAGE, "cannot combine -T and -t");
          break;
        case "T":
          if (gnumode) {
            notarg = true;
            if (targdir !== undefined) errx(ctx, EX_USAGE, "cannot combine -T and -t");
          } else tags = a;
          break;
        case "U": dounpriv = true; break;
        case "v": verbose = true; break;
        default: usage(ctx, USAGE, EX_USAGE);
      }
    }
    let argv = g.rest;
    if (dostrip && dodir) { warnx(ctx, "-d and -s may not be specified together"); usage(ctx, USAGE, EX_USAGE); }
    if (dopdir && dodir) { warnx(ctx, "-d and -D may not be specified together"); usage(ctx, USAGE, EX_USAGE); }
    if (targdir !== undefined && dodir) { warnx(ctx, "-d and -t may not be specified together"); usage(ctx, USAGE, EX_USAGE); }
    if (set) mode = getmode(set, dodir ? S_IFDIR : 0) & ~S_IFDIR;
    if (ctx.env.has("DONTSTRIP")) {
      warnx(ctx, "DONTSTRIP set - will not strip installed binaries");
      dostrip = false;
    }
    if (argv.length === 0 || (argv.length === 1 && !dodir && targdir === undefined)) usage(ctx, USAGE, EX_USAGE);

    let digestAlg: string | undefined;
    if (digest !== undefined) {
      if (["sha1", "sha256", "sha512"].includes(digest)) digestAlg = digest;
      else if (digest !== "none") { warnx(ctx, `unknown digest \`${digest}'`); usage(ctx, USAGE, EX_USAGE); }
    }

    let gid = NOID, uid = NOID;
    if (group !== undefined && !dounpriv) {
      const gr = getgrnam(group);
      gid = gr ? gr.gid : parseid(group) ?? errx(ctx, 1, `unknown group ${group}`);
    }
    if (owner !== undefined && !dounpriv) {
      const pw = getpwnam(owner);
      uid = pw ? pw.uid : parseid(owner) ?? errx(ctx, 1, `unknown user ${owner}`);
    }
    if (uid === 0xffffffff) uid = NOID;
    if (gid === 0xffffffff) gid = NOID;

    let metafd = -1;
    if (metafile !== undefined) {
      try {
        metafd = open(metafile, O.WRONLY | O.CREAT | O.APPEND, 0o666);
      } catch (e) {
        warn(ctx, `open ${metafile}`, e);
      }
    } else digestAlg = undefined;

    const say = (s: string) => ctx.out.write(s + "\n");
    const fail = (code: number, msg: string, e: unknown): never => {
      ctx.out.flush();
      err(ctx, code, msg, e);
    };
    const failx = (code: number, msg: string): never => {
      ctx.out.flush();
      errx(ctx, code, msg);
    };
    const digestOf = (path: string) => {
      if (!digestAlg) return undefined;
      try {
        return hashFile(digestAlg, path);
      } catch {
        return undefined;
      }
    };

    // ---- the metalog ----
    const metadataLog = (path: string, type: string, timeNs: bigint | undefined, slink?: string, dres?: string, size = 0,
      m = mode, own = owner, grp = group) => {
      if (metafd < 0) return;
      let p = path;
      if (destdir !== undefined && p.startsWith(destdir) && (p[destdir.length] === "/" || p.length === destdir.length))
        p = p.slice(destdir.length);
      p = vis(p.replace(/^\/+/, ""), false);
      let line = `.${p ? "/" : ""}${p} type=${type}`;
      if (own !== undefined) line += ` uname=${own}`;
      if (grp !== undefined) line += ` gname=${grp}`;
      line += ` mode=${m ? "0" + m.toString(8) : "0"}`;
      if (slink !== undefined) line += ` link=${vis(slink, true)}`;
      if (type === "file") line += ` size=${size}`;
      if (timeNs !== undefined && dopreserve)
        line += ` time=${timeNs / 1000000000n}.${String(timeNs % 1000000000n).padStart(9, "0")}`;
      if (dres && digest) line += ` ${digest}=${dres}`;
      if (tags !== undefined) line += ` tags=${tags}`;
      try {
        flock(metafd, 2);
        writeAll(metafd, new TextEncoder().encode(line + "\n"));
        flock(metafd, 8);
      } catch (e) {
        warn(ctx, `can't lock ${metafile}`, e);
      }
    };

    // ---- directories ----
    const installDir = (path: string, dmode: number) => {
      for (let i = 0; ; i++) {
        if (i < path.length && !(i > 0 && path[i] === "/")) continue;
        const part = path.slice(0, i);
        let tried = false;
        for (;;) {
          let st: Stat | undefined;
          try {
            st = stat(part);
          } catch (e) {
            if (!(e instanceof SysError)) throw e;
            if (e.errno !== ERRNO.ENOENT || tried) fail(EX_OSERR, `stat ${part}`, e);
            try {
              mkdir(part, 0o755);
            } catch (e2) {
              tried = true;
              if (e2 instanceof SysError && e2.errno === ERRNO.EEXIST) continue;
              fail(EX_OSERR, `mkdir ${part}`, e2);
            }
            if (verbose) say(`install: mkdir ${part}`);
          }
          if (st && !S_ISDIR(st.mode)) failx(EX_OSERR, `${part} exists but is not a directory`);
          break;
        }
        if (i >= path.length) break;
      }
      if (!dounpriv) {
        if (gid !== NOID || uid !== NOID) {
          try {
            chown(path, uid, gid);
          } catch (e) {
            warn(ctx, `chown ${uid >>> 0}:${gid >>> 0} ${path}`, e);
          }
        }
        try {
          chmod(path, dmode);
        } catch (e) {
          warn(ctx, `chmod ${dmode.toString(8)} ${path}`, e);
        }
      }
      metadataLog(path, "dir", undefined);
    };

    // ---- temporary names ----
    const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const mkstemp = (template: string): { fd: number; name: string } => {
      for (let tries = 0; ; tries++) {
        const r = randomBytes(6);
        let name = template.slice(0, -6);
        for (const b of r) name += LETTERS[b % LETTERS.length];
        try {
          return { fd: open(name, O.RDWR | O.CREAT | O.EXCL, 0o600), name };
        } catch (e) {
          if (!(e instanceof SysError) || e.errno !== ERRNO.EEXIST || tries > 100) throw Object.assign(e as object, { tmpl: name });
        }
      }
    };
    const quietMktemp = (template: string): string => {
      let t;
      try {
        t = mkstemp(template);
      } catch (e) {
        return fail(EX_OSERR, `${template}: mktemp`, e);
      }
      close(t.fd);
      try {
        unlink(t.name);
      } catch (e) {
        fail(EX_OSERR, `unlink ${t.name}`, e);
      }
      return t.name;
    };

    // ---- links ----
    const doLink = (from: string, to: string, target: Stat | undefined): SysError | undefined => {
      try {
        if (target) {
          const tmpl = quietMktemp(`${to}.inst.XXXXXX`);
          link(from, tmpl);
          if (target.mode & S_IFDIR) {
            try {
              rmdir(to);
            } catch (e) {
              try { unlink(tmpl); } catch {}
              fail(EX_OSERR, to, e);
            }
          }
          if (verbose) say(`install: link ${from} -> ${to}`);
          try {
            rename(tmpl, to);
          } finally {
            try { unlink(tmpl); } catch {}
          }
        } else {
          if (verbose) say(`install: link ${from} -> ${to}`);
          link(from, to);
        }
      } catch (e) {
        if (e instanceof SysError) return e;
        throw e;
      }
      return undefined;
    };
    const doSymlink = (from: string, to: string, target: Stat | undefined) => {
      if (target) {
        const tmpl = quietMktemp(`${to}.inst.XXXXXX`);
        try {
          symlink(from, tmpl);
        } catch (e) {
          fail(EX_OSERR, `symlink ${from} -> ${tmpl}`, e);
        }
        if (target.mode & S_IFDIR) {
          try {
            rmdir(to);
          } catch (e) {
            try { unlink(tmpl); } catch {}
            fail(EX_OSERR, to, e);
          }
        }
        if (verbose) say(`install: symlink ${from} -> ${to}`);
        try {
          rename(tmpl, to);
        } catch (e) {
          try { unlink(tmpl); } catch {}
          fail(EX_OSERR, `${to}: rename`, e);
        }
      } else {
        if (verbose) say(`install: symlink ${from} -> ${to}`);
        try {
          symlink(from, to);
        } catch (e) {
          fail(EX_OSERR, `symlink ${from} -> ${to}`, e);
        }
      }
    };
    const real = (p: string) => {
      try {
        return realpath(p);
      } catch (e) {
        return fail(EX_OSERR, `${p}: realpath`, e);
      }
    };
    const makelink = (from: string, to: string, target: Stat | undefined) => {
      if (dolink & (LN_HARD | LN_MIXED)) {
        const e = doLink(from, to, target);
        if (e) {
          if (dolink & LN_HARD || e.errno !== ERRNO.EXDEV) fail(EX_OSERR, `link ${from} -> ${to}`, e);
        } else {
          let st: Stat;
          try {
            st = stat(to);
          } catch (e2) {
            return fail(EX_OSERR, `${to}: stat`, e2);
          }
          if (S_ISREG(st.mode))
            metadataLog(to, "file", undefined, undefined, digestOf(from), st.size,
              haveoptM ? mode : st.mode & 0o777, haveoptO ? owner : undefined, haveoptG ? group : undefined);
          return;
        }
      }
      if (dolink & LN_ABSOLUTE) {
        const src = real(from);
        doSymlink(src, to, target);
        metadataLog(to, "link", undefined, src);
        return;
      }
      if (dolink & LN_RELATIVE) {
        if (!from.startsWith("/")) {
          doSymlink(from, to, target);
          metadataLog(to, "link", undefined, from);
          return;
        }
        const src = real(from);
        const slash = to.lastIndexOf("/");
        let dst: string;
        if (slash < 0) dst = "./";
        else if (slash === 0) dst = "/";
        else {
          // dirname(3) of the name, then realpath
          const dir = to.slice(0, slash).replace(/\/+$/, "") || "/";
          dst = real(dir);
          if (dst !== "/") dst += "/";
        }
        dst += to.slice(slash + 1);
        // trim the common leading components
        let i = 0;
        while (i < src.length && i < dst.length && src[i] === dst[i]) i++;
        let s = i, d = i;
        if (i > 0 && (src[i - 1] !== "/" || dst[i - 1] !== "/")) { s--; d--; }
        while (s > 0 && src[s] !== "/") { s--; d--; }
        let lnk = "";
        for (d++; d < dst.length; d++) if (dst[d] === "/") lnk += "../";
        lnk += src.slice(s + 1);
        doSymlink(lnk, to, target);
        metadataLog(to, "link", undefined, lnk);
        return;
      }
      doSymlink(from, to, target);
      metadataLog(to, "link", undefined, from);
    };

    // ---- strip(1) ----
    const strip = (toName: string, toFd: number, fromName: string | undefined): boolean => {
      const bin = ctx.env.get("STRIPBIN") ?? "strip";
      const args = fromName === undefined ? [bin, toName] : [bin, "-o", toName, fromName.startsWith("-") ? `./${fromName}` : fromName];
      let r;
      try {
        ctx.out.flush();
        r = spawnvp(args, [...ctx.env]);
      } catch (e) {
        try { unlink(toName); } catch {}
        const se = e as SysError;
        fail(se.errno === ERRNO.EAGAIN || se.errno === ERRNO.ENOMEM ? EX_TEMPFAIL : EX_OSERR, `spawn ${bin}`, e);
      }
      if (r!.status !== 0 || r!.signal !== 0) {
        if (fromName !== undefined) return false;
        try { unlink(toName); } catch {}
        failx(EX_SOFTWARE, `strip command ${bin} failed on ${toName}`);
      }
      if (fromName !== undefined && safecopy) {
        try {
          fsync(toFd);
        } catch (e) {
          try { unlink(toName); } catch {}
          fail(EX_OSERR, `fsync failed for ${toName}`, e);
        }
      }
      return true;
    };

    // ---- compare and copy ----
    const buf1 = new Uint8Array(1 << 20), buf2 = new Uint8Array(1 << 20);
    /** true when the two files differ (or are too large to bother). */
    const differ = (fromFd: number, fromLen: number, toFd: number, toLen: number): boolean => {
      if (fromLen !== toLen) return true;
      if (fromLen > MAX_CMP_SIZE) return true;
      let pos = 0;
      for (;;) {
        let n1: number, n2: number;
        try {
          n1 = read(fromFd, buf1, 0, buf1.length, pos);
          if (n1 === 0) return false;
          n2 = read(toFd, buf2, 0, n1, pos);
        } catch {
          return true;
        }
        if (n1 !== n2) return true;
        for (let i = 0; i < n1; i++) if (buf1[i] !== buf2[i]) return true;
        pos += n1;
      }
    };
    const copy = (fromFd: number, fromName: string, toFd: number, toName: string) => {
      let pos = 0;
      for (;;) {
        let n: number;
        try {
          n = read(fromFd, buf1, 0, buf1.length, pos);
        } catch (e) {
          try { unlink(toName); } catch {}
          return fail(EX_OSERR, fromName, e);
        }
        if (n === 0) break;
        try {
          writeAll(toFd, buf1, 0, n);
        } catch (e) {
          try { unlink(toName); } catch {}
          fail(EX_OSERR, toName, e);
        }
        pos += n;
      }
      if (safecopy) {
        try {
          fsync(toFd);
        } catch (e) {
          try { unlink(toName); } catch {}
          fail(EX_OSERR, `fsync failed for ${toName}`, e);
        }
      }
    };
    const openRd = (name: string, what = name) => {
      try {
        return open(name, O.RDONLY);
      } catch (e) {
        return fail(EX_OSERR, what, e);
      }
    };

    // ---- one file ----
    const install = (fromName: string, toName: string, intoDir: boolean) => {
      let fromSt: Stat | undefined;
      let devnull = false;
      if (intoDir || fromName !== "/dev/null") {
        if (!dolink) {
          try {
            fromSt = stat(fromName);
          } catch (e) {
            fail(EX_OSERR, fromName, e);
          }
          if (!S_ISREG(fromSt!.mode)) failx(EX_OSERR, `${fromName}: not a regular file`);
        }
        if (intoDir) {
          const s = fromName.lastIndexOf("/");
          toName = toName + (toName.endsWith("/") ? "" : "/") + (s >= 0 ? fromName.slice(s + 1) : fromName);
        }
      } else devnull = true;
      if (toName === "") failx(EX_USAGE, "destination cannot be an empty string");

      let toSt: Stat | undefined;
      try {
        toSt = lstat(toName);
      } catch {}
      if (dolink) return makelink(fromName, toName, toSt);
      if (toSt && !S_ISREG(toSt.mode) && !S_ISLNK(toSt.mode)) failx(EX_CANTCREAT, `${toName}: not a regular file or symlink`);

      const fromFd = devnull ? -1 : openRd(fromName);
      let toFd = -1, filesMatch = false, stripped = false, tempfile = "", dres: string | undefined;
      if (docompare && !dostrip && toSt && S_ISREG(toSt.mode)) {
        toFd = openRd(toName);
        filesMatch = devnull ? toSt.size === 0 : !differ(fromFd, fromSt!.size, toFd, toSt.size);
        if (filesMatch && digestAlg) dres = digestOf(toName);
        if (!filesMatch) close(toFd);
      }
      if (!filesMatch) {
        const slash = toName.lastIndexOf("/");
        const template = toName.slice(0, slash + 1) + "INS@XXXXXX";
        try {
          const t = mkstemp(template);
          toFd = t.fd;
          tempfile = t.name;
        } catch (e) {
          fail(EX_OSERR, (e as { tmpl?: string }).tmpl ?? template, e);
        }
        if (!devnull) {
          if (dostrip) stripped = strip(tempfile, toFd, fromName);
          if (!stripped) {
            copy(fromFd, fromName, toFd, tempfile);
            dres = digestOf(tempfile);
          }
        }
      }
      if (dostrip) {
        if (!stripped) strip(tempfile, toFd, undefined);
        close(toFd);
        toFd = openRd(tempfile, `stripping ${toName}`);
      }
      if (docompare && dostrip && toSt && S_ISREG(toSt.mode)) {
        const tempFd = toFd;
        toFd = openRd(toName);
        let tempSt: Stat;
        try {
          tempSt = fstat(tempFd);
        } catch (e) {
          try { unlink(tempfile); } catch {}
          return fail(EX_OSERR, tempfile, e);
        }
        if (!differ(tempFd, tempSt.size, toFd, toSt.size)) {
          if (toSt.nlink !== 1) {
            try { utimens(tempfile, toSt.atimeNs, toSt.mtimeNs); } catch {}
          } else {
            filesMatch = true;
            try { unlink(tempfile); } catch {}
          }
          dres = digestOf(toName);
          close(tempFd);
        }
      } else if (dostrip) dres = digestOf(tempfile);

      if (!filesMatch) {
        if (toSt && dobackup) {
          const backup = toName + suffix;
          if (verbose) say(`install: ${toName} -> ${backup}`);
          try {
            unlink(backup);
          } catch (e) {
            if (!(e instanceof SysError) || e.errno !== ERRNO.ENOENT) {
              try { unlink(tempfile); } catch {}
              fail(EX_OSERR, `unlink: ${backup}`, e);
            }
          }
          try {
            link(toName, backup);
          } catch (e) {
            try { unlink(tempfile); } catch {}
            fail(EX_OSERR, `link: ${toName} to ${backup}`, e);
          }
        }
        if (verbose) say(`install: ${fromName} -> ${toName}`);
        try {
          rename(tempfile, toName);
        } catch (e) {
          try { unlink(tempfile); } catch {}
          fail(EX_OSERR, `rename: ${tempfile} to ${toName}`, e);
        }
        close(toFd);
        toFd = openRd(toName);
      }
      if (dopreserve && !filesMatch && !devnull) {
        try { utimens(toName, fromSt!.atimeNs, fromSt!.mtimeNs); } catch {}
      }
      let st: Stat;
      try {
        st = fstat(toFd);
      } catch (e) {
        try { unlink(toName); } catch {}
        return fail(EX_OSERR, toName, e);
      }
      // chown first: it may clear the set-id bits
      if (!dounpriv && ((gid !== NOID && gid !== st.gid) || (uid !== NOID && uid !== st.uid))) {
        try {
          fchown(toFd, uid, gid);
        } catch (e) {
          if (!gnumode) {
            try { unlink(toName); } catch {}
            fail(EX_OSERR, `${toName}: chown/chgrp`, e);
          } else warn(ctx, `${toName}: chown/chgrp`, e);
        }
      }
      if (mode !== (st.mode & ALLPERMS)) {
        try {
          fchmod(toFd, dounpriv ? mode & 0o777 : mode);
        } catch (e) {
          try { unlink(toName); } catch {}
          fail(EX_OSERR, `${toName}: chmod`, e);
        }
      }
      close(toFd);
      if (!devnull) close(fromFd);
      metadataLog(toName, "file", fromSt?.mtimeNs, undefined, dres, st.size);
    };

    // ---- the forms ----
    if (dodir) {
      for (const d of argv) installDir(d, mode);
      return 0;
    }
    if (dopdir) {
      const dmode = 0o755;
      if (targdir !== undefined) installDir(targdir, dmode);
      else {
        const last = argv[argv.length - 1]!;
        const s = last.lastIndexOf("/");
        if (s > 0) installDir(last.slice(0, s), dmode);
      }
    }
    const toName = targdir ?? argv[argv.length - 1]!;
    let toSt: Stat | undefined, noTarget: SysError | undefined;
    try {
      toSt = stat(toName);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      noTarget = e;
    }
    if (toSt && S_ISDIR(toSt.mode)) {
      if (notarg) failx(EX_OSERR, `cannot overwrite directory '${toName}' with non-directory`);
      if (dolink & LN_SYMBOLIC) {
        let l: Stat;
        try {
          l = lstat(toName);
        } catch (e) {
          return fail(EX_OSERR, `${toName} vanished`, e);
        }
        if (S_ISLNK(l.mode)) {
          if (argv.length !== 2) failx(EX_CANTCREAT, `${toName}: ${strerror(ERRNO.ENOTDIR!)}`);
          install(argv[0]!, toName, false);
          return 0;
        }
      }
      const files = targdir !== undefined ? argv : argv.slice(0, -1);
      for (const f of files) install(f, toName, true);
      return 0;
    } else if (targdir !== undefined) {
      fail(EX_OSERR, `failed to access '${targdir}'`, noTarget ?? new SysError(ERRNO.ENOTDIR!, "ENOTDIR"));
    }
    if (argv.length !== 2) {
      if (noTarget) warnx(ctx, `target directory \`${argv[argv.length - 1]}' does not exist`);
      else warnx(ctx, `target \`${argv[argv.length - 1]}' is not a directory`);
      usage(ctx, USAGE, EX_USAGE);
    }
    if (toSt && !dolink) {
      let fromSt: Stat;
      try {
        fromSt = stat(argv[0]!);
      } catch (e) {
        return fail(EX_OSERR, argv[0]!, e);
      }
      if (!S_ISREG(toSt.mode)) failx(EX_CANTCREAT, `${toName}: not a regular file`);
      if (toSt.dev === fromSt.dev && toSt.ino === fromSt.ino) failx(EX_USAGE, `${argv[0]} and ${toName} are the same file`);
    }
    install(argv[0]!, toName, false);
    argv = [];
    return 0;
  },
});
