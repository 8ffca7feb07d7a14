// stat — display file status.
// Not in POSIX. FreeBSD/NetBSD stat(1) as chimerautils builds it on Linux: no st_flags, st_gen,
// st_birthtime or devname(3), so %f %v %B are bad formats, %Sd/%Sr too, and -x ends with
// " Birth: -". (In chimerautils `readlink` is the separate GNU-style tool in realpath.ts.)
// Options (getopt "f:FlLnqrst:x"):
//   -f fmt  printf-like format: %[#+- 0][width][.prec][D|O|U|X|F|S][H|M|L]datum with datum one of
//           d i p l u g r a m c z b k Y T N R Z, plus %n %t %% %@ (operand number);
//   -l ls -lT style, -F (implies -l) adds the type character, -r raw numbers, -s shell
//   assignments, -x verbose (Linux-like, times as %c); one format only: "can't use format
//   'f' with 'l'"; -t timefmt strftime(3) format for %Sa/%Sm/%Sc (default "%b %e %T %Y");
//   -L stat(2) the file (lstat(2) when that fails with ENOENT), -n no final newline,
//   -q no message for a file that cannot be examined.
// No operand: standard input is examined (fstat(0)) under the name "(stdin)".
// A file that cannot be examined is reported (unless -q) and the rest go on; status 1 then.
// A bad format is fatal: "stat: %W: bad format", status 1, after what was already printed.
import { defineApplet, Getopt, usage, errx, warnOp, byteLength, encode, decode, type Ctx } from "@bsdbox/shared";
import { fmtInt, makeSpec } from "@bsdbox/shared/format";
import { strftime, localtime } from "@bsdbox/shared/strftime";
import { strmode } from "@bsdbox/shared/mode";
import { realpath } from "@bsdbox/shared/realpath";
import { stat, lstat, fstat, readlink, getpwuid, getgrgid, S, SysError, type Stat } from "@bsdbox/compat";

const USAGE = "usage: stat [-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file|handle ...]";
const DEF_FORMAT = '%d %i %Sp %l %Su %Sg %r %z "%Sa" "%Sm" "%Sc" %k %b %N';
const RAW_FORMAT = "%d %i %#p %l %u %g %r %z %a %m %c %k %b %N";
const LS_FORMAT = "%Sp %l %Su %Sg %Z %Sm %N%SY";
const LSF_FORMAT = "%Sp %l %Su %Sg %Z %Sm %N%T%SY";
const SHELL_FORMAT = "st_dev=%d st_ino=%i st_mode=%#p st_nlink=%l st_uid=%u st_gid=%g st_rdev=%r st_size=%z " +
  "st_atime=%a st_mtime=%m st_ctime=%c st_blksize=%k st_blocks=%b";
const LINUX_FORMAT = '  File: "%N"%n  Size: %-11z  FileType: %HT%n' +
  "  Mode: (%OMp%03OLp/%.10Sp)         Uid: (%5u/%8Su)  Gid: (%5g/%8Sg)%n" +
  "Device: %Hd,%Ld   Inode: %i    Links: %l%nAccess: %Sa%nModify: %Sm%nChange: %Sc%n Birth: -";
const TIME_FORMAT = "%b %e %T %Y";

// output forms
const F_DEC = 1, F_OCT = 2, F_UNS = 4, F_HEX = 8, F_FLOAT = 16, F_STR = 32;
const OFMT: Record<string, number> = { D: F_DEC, O: F_OCT, U: F_UNS, X: F_HEX, F: F_FLOAT, S: F_STR };
const DATA = "RdiplugramcBzbkfvYTNZ";
const U64 = (1n << 64n) - 1n;

interface Spec { flags: string; size: number; prec: number; ofmt: number; hilo: string; what: string; }

// Linux's major()/minor() of a 64-bit dev_t (glibc/musl encoding)
const major = (d: bigint) => Number(((d >> 32n) & 0xfffff000n) | ((d >> 8n) & 0xfffn));
const minor = (d: bigint) => Number(((d >> 12n) & 0xffffff00n) | (d & 0xffn));

class Stat1 {
  timefmt = TIME_FORMAT;
  linkfail = false;
  constructor(private ctx: Ctx) {}

  /** Print `fmt` for one file; returns nothing, throws Exit on a bad format. */
  output(st: Stat, file: string, fmt: string, fn: number, nonl: boolean): void {
    const out = this.ctx.out;
    let nl = true;
    const put = (s: string) => {
      if (s.length) {
        out.write(s);
        nl = s.charCodeAt(s.length - 1) === 10;
      }
    };
    let i = 0;
    while (i < fmt.length) {
      if (fmt[i] !== "%") {
        let j = fmt.indexOf("%", i);
        if (j < 0) j = fmt.length;
        put(fmt.slice(i, j));
        i = j;
        continue;
      }
      const start = i++;
      const c = fmt[i];
      if (c === "n") { put("\n"); i++; continue; }
      if (c === "t") { put("\t"); i++; continue; }
      if (c === "%") { put("%"); i++; continue; }
      if (c === "@") { put(String(fn)); i++; continue; }
      let flags = "";
      while (i < fmt.length && "# +0-".includes(fmt[i]!)) flags += fmt[i++];
      const bad = (): never => errx(this.ctx, 1, `${fmt.slice(start, i + 1)}: bad format`);
      let size = -1, prec = -1;
      if (/[0-9]/.test(fmt[i] ?? "")) {
        size = 0;
        while (/[0-9]/.test(fmt[i] ?? "")) {
          size = size * 10 + (fmt.charCodeAt(i++) - 48);
          if (size > 0x7fffffff) bad();
        }
      }
      if (fmt[i] === ".") {
        i++;
        prec = 0;
        while (/[0-9]/.test(fmt[i] ?? "")) {
          prec = prec * 10 + (fmt.charCodeAt(i++) - 48);
          if (prec > 0x7fffffff) bad();
        }
      }
      let ofmt = 0, hilo = "";
      if (fmt[i] !== undefined && OFMT[fmt[i]!]) ofmt = OFMT[fmt[i++]!]!;
      if (fmt[i] === "H" || fmt[i] === "M" || fmt[i] === "L") hilo = fmt[i++]!;
      const what = fmt[i];
      if (what === undefined || !DATA.includes(what)) bad();
      i++;
      put(this.format1(st, file, fmt.slice(start, i), { flags, size, prec, ofmt, hilo, what: what! }));
    }
    if (!nl && !nonl) out.write("\n");
  }

  /** %R and %Y: " -> target" as a string conversion, the bare target otherwise; "" (and the
   * link failure remembered) when the target cannot be read. */
  private linkText(target: () => string, asString: boolean): string {
    try {
      const t = " -> " + target();
      return asString ? t : t.slice(4);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      this.linkfail = true;
      return "";
    }
  }

  private format1(st: Stat, file: string, fmt: string, sp: Spec): string {
    const bad = (): never => errx(this.ctx, 1, `${fmt}: bad format`);
    let { ofmt, hilo } = sp;
    let data = 0n, sdata: string | undefined, formats = 0;
    let ts: [bigint, bigint] | undefined;
    switch (sp.what) {
      case "d":
      case "r": {
        data = BigInt(sp.what === "d" ? st.dev : st.rdev);
        if (hilo === "H") { data = BigInt(major(data)); hilo = ""; }
        else if (hilo === "L") { data = BigInt(minor(data & 0xffffffffn)); hilo = ""; }
        formats = F_DEC | F_OCT | F_UNS | F_HEX;
        ofmt ||= F_UNS;
        break;
      }
      case "i": data = BigInt(st.ino); formats = F_DEC | F_OCT | F_UNS | F_HEX; ofmt ||= F_UNS; break;
      case "p": {
        data = BigInt(st.mode);
        let m = strmode(st.mode);
        if (m.endsWith(" ")) m = m.slice(0, -1);
        if (hilo === "H") { data >>= 12n; m = m.slice(1, 4); hilo = ""; }
        else if (hilo === "M") { data = (data >> 9n) & 7n; m = m.slice(4, 7); hilo = ""; }
        else if (hilo === "L") { data &= 0o777n; m = m.slice(7, 10); hilo = ""; }
        sdata = m;
        formats = F_DEC | F_OCT | F_UNS | F_HEX | F_STR;
        ofmt ||= F_OCT;
        break;
      }
      case "l": data = BigInt(st.nlink); formats = F_DEC | F_OCT | F_UNS | F_HEX; ofmt ||= F_UNS; break;
      case "u": {
        data = BigInt(st.uid);
        sdata = getpwuid(st.uid)?.name ?? `(${st.uid})`;
        formats = F_DEC | F_OCT | F_UNS | F_HEX | F_STR;
        ofmt ||= F_UNS;
        break;
      }
      case "g": {
        data = BigInt(st.gid);
        sdata = getgrgid(st.gid)?.name ?? `(${st.gid})`;
        formats = F_DEC | F_OCT | F_UNS | F_HEX | F_STR;
        ofmt ||= F_UNS;
        break;
      }
      case "a":
      case "m":
      case "c": {
        const ns = sp.what === "a" ? st.atimeNs : sp.what === "m" ? st.mtimeNs : st.ctimeNs;
        let sec = ns / 1000000000n, nsec = ns % 1000000000n;
        if (nsec < 0n) { nsec += 1000000000n; sec -= 1n; }
        ts = [sec, nsec];
        data = sec;
        const tm = localtime(Number(sec)) ?? localtime(0)!;
        sdata = strftime(this.timefmt, tm);
        formats = F_DEC | F_OCT | F_UNS | F_HEX | F_FLOAT | F_STR;
        ofmt ||= F_DEC;
        break;
      }
      case "z": data = BigInt(st.size); formats = F_DEC | F_OCT | F_UNS | F_HEX; ofmt ||= F_UNS; break;
      case "b": data = BigInt(st.blocks); formats = F_DEC | F_OCT | F_UNS | F_HEX; ofmt ||= F_UNS; break;
      case "k": data = BigInt(st.blksize); formats = F_DEC | F_OCT | F_UNS | F_HEX; ofmt ||= F_UNS; break;
      case "R": {
        sdata = this.linkText(() => realpath(file), ofmt === F_STR);
        formats = F_STR;
        ofmt ||= F_STR;
        break;
      }
      case "Y": {
        if ((st.mode & S.IFMT) === S.IFLNK) {
          sdata = this.linkText(() => readlink(file), ofmt === F_STR);
        } else {
          this.linkfail = true;
          sdata = "";
        }
        formats = F_STR;
        ofmt ||= F_STR;
        break;
      }
      case "T": {
        const t = st.mode & S.IFMT;
        sdata = "";
        if (hilo === "" || hilo === "L") {
          if (t === S.IFIFO) sdata = "|";
          else if (t === S.IFDIR) sdata = "/";
          else if (t === S.IFREG) sdata = st.mode & 0o111 ? "*" : "";
          else if (t === S.IFLNK) sdata = "@";
          else if (t === S.IFSOCK) sdata = "=";
          hilo = "";
        } else if (hilo === "H") {
          sdata = t === S.IFIFO ? "Fifo File" : t === S.IFCHR ? "Character Device" : t === S.IFDIR ? "Directory"
            : t === S.IFBLK ? "Block Device" : t === S.IFREG ? "Regular File" : t === S.IFLNK ? "Symbolic Link"
            : t === S.IFSOCK ? "Socket" : "???";
          hilo = "";
        }
        formats = F_STR;
        ofmt ||= F_STR;
        break;
      }
      case "N": sdata = file; formats = F_STR; ofmt ||= F_STR; break;
      case "Z": {
        const t = st.mode & S.IFMT;
        if (t === S.IFCHR || t === S.IFBLK) {
          const hi = this.format1(st, file, fmt, { ...sp, hilo: "H", what: "r" });
          const lo = this.format1(st, file, fmt, { ...sp, hilo: "L", what: "r" });
          return `${hi},${lo}`;
        }
        return this.format1(st, file, fmt, { ...sp, hilo: "", what: "z" });
      }
      default: // B f v: no birth time, file flags or generation on Linux
        bad();
    }
    if (hilo !== "" || (ofmt & formats) === 0) bad();

    if (ofmt === F_FLOAT) {
      const [sec, nsec0] = ts!;
      let prec = sp.prec, size = sp.size;
      if (prec === 0) return fmtInt(sec, "d", makeSpec(sp.flags, Math.max(size, 0)));
      if (prec === -1) prec = 9;
      size -= prec + 1;
      let nsec = nsec0;
      for (let p = prec; p < 9; p++) nsec /= 10n;
      let s = fmtInt(sec, "d", makeSpec(sp.flags, Math.max(size, 0))) + "." +
        nsec.toString().padStart(Math.min(prec, 9), "0");
      if (prec > 9) s += "0".repeat(prec - 9);
      return s;
    }
    if (ofmt === F_STR) {
      if (sdata === undefined) bad();
      let s = sdata!;
      if (sp.prec >= 0 && byteLength(s) > sp.prec) s = decode(encode(s).subarray(0, sp.prec));
      const w = sp.size - byteLength(s);
      if (w > 0) s = sp.flags.includes("-") ? s + " ".repeat(w) : " ".repeat(w) + s;
      return s;
    }
    const conv = ofmt === F_DEC ? "d" : ofmt === F_OCT ? "o" : ofmt === F_UNS ? "u" : "x";
    const v = conv === "d" ? BigInt.asIntN(64, data & U64) : data & U64;
    return fmtInt(v, conv, makeSpec(sp.flags, Math.max(sp.size, 0), sp.prec));
  }
}

export default defineApplet({
  name: "stat",
  main(ctx) {
    const g = new Getopt(ctx, "f:FlLnqrst:x");
    let lsF = false, fmtchar = "", usestat = false, nonl = false, quiet = false;
    let statfmt = "";
    let timefmt: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "F": lsF = true; break;
        case "L": usestat = true; break;
        case "n": nonl = true; break;
        case "q": quiet = true; break;
        case "f":
        case "l":
        case "r":
        case "s":
        case "x":
          if (c === "f") statfmt = g.optarg!;
          if (fmtchar) errx(ctx, 1, `can't use format '${fmtchar}' with '${c}'`);
          fmtchar = c;
          break;
        case "t": timefmt = g.optarg!; break;
        default: usage(ctx, USAGE);
      }
    }
    const files = g.rest;
    if (!fmtchar) {
      if (lsF) fmtchar = "l";
      else { fmtchar = "f"; statfmt = DEF_FORMAT; }
    }
    if (lsF && fmtchar !== "l") errx(ctx, 1, `can't use format '${fmtchar}' with -F`);
    switch (fmtchar) {
      case "l": statfmt = lsF ? LSF_FORMAT : LS_FORMAT; break;
      case "r": statfmt = RAW_FORMAT; break;
      case "s": statfmt = SHELL_FORMAT; break;
      case "x": statfmt = LINUX_FORMAT; timefmt ??= "%c"; break;
    }
    const s = new Stat1(ctx);
    s.timefmt = timefmt ?? TIME_FORMAT;
    let fn = 1;
    let errs = 0;
    const todo = files.length ? files : [undefined];
    for (const f of todo) {
      const file = f ?? "(stdin)";
      let st: Stat | undefined;
      try {
        if (f === undefined) st = fstat(ctx.stdin);
        else if (usestat) {
          try {
            st = stat(f);
          } catch (e) {
            if (!(e instanceof SysError) || e.errno !== 2) throw e;
            try {
              st = lstat(f);
            } catch {
              throw new SysError(2, "ENOENT", "lstat");
            }
          }
        } else st = lstat(f);
      } catch (e) {
        errs = 1;
        s.linkfail = true;
        if (!quiet) warnOp(ctx, file, e);
      }
      if (st) s.output(st, file, statfmt, fn, nonl);
      fn++;
    }
    return errs;
  },
});
