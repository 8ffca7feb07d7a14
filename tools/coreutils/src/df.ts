// df — report free disk space.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/df.html  FreeBSD: df(1)
// df [-b | -g | -H | -h | -k | -m | -P] [-acilT] [-t type] [-,] [file | filesystem ...];
// getopt_long "+abcgHhiklmPt:T," with --si (= -H), as chimerautils builds it for Linux:
//   The mount table is /proc/self/mountinfo (entries with the "ignore" option left out), each
//   mount point statvfs(3)'d (one failing with EACCES/EPERM is skipped, any other error is
//   "df: statvfs: ..." status 1). File systems of zero blocks are shown only with -a.
//   Sizes are f_blocks/f_bfree/f_bavail times f_bsize in BLOCKSIZE units (getbsize: 512 by
//   default); -k 1024, -m 1m, -g 1g, -b/-P 512 (each sets BLOCKSIZE; -P after -k keeps 1024);
//   -h / -H (--si): humanize_number, powers of 1024 / 1000. Columns are as wide as their widest
//   value: "Filesystem [Type] SIZE-blocks Used Avail Capacity [iused ifree %iused] Mounted on".
//   -i adds inode columns; -T the type; -l only local file systems (not nfs, nfs4, smb, cifs);
//   -t list (one only; "no" in front excludes); -c a "total" line; -, widens the number
//   columns for thousands separators, which the C.UTF-8 locale does not have (none printed).
//   Operands: the file system holding each file (by st_dev, or a name equal to the device or
//   the mount point); a missing file is "df: NAME: strerror", a character device "NAME: not
//   mounted", status 1. Usage errors exit 64.
// --libxo (shared/xo.ts, as chimerautils' df.c): container "storage-system-information", list
//   "filesystem" of {name (key), type with -T, total-blocks, used-blocks, available-blocks (or
//   blocks, used, available: humanized text with a value="" attribute of bytes in XML),
//   used-percent, inodes-used, inodes-free, inodes-used-percent with -i, mounted-on}; the -c
//   total is one more "filesystem" list after the first one closes. Titles are text only.
//   A bad --libxo option: libxo's message, status 1. Widths of names count columns (libxo).
// Reference deviation: chimerautils' -c leaves the total's device name NULL (it prints
// "(null)" or crashes); bsdbox prints "total" as FreeBSD does.
import { defineApplet, Getopt, usage, errx, warnx, getbsize, humanizeNumber, HN, byteLength } from "@bsdbox/shared";
import { xoParseArgs, xoDefault } from "@bsdbox/shared/xo";
import { mounts, statvfs, stat, S_ISCHR, SysError } from "@bsdbox/compat";

const USAGE = "usage: df [-b | -g | -H | -h | -k | -m | -P] [-acilnT] [-t type] [-,]\n          [file | filesystem ...]";
const UNITS_SI = 1, UNITS_2 = 2;

interface Mnt {
  from: string; on: string; type: string; bsize: number; blocks: number; bfree: number; bavail: number;
  files: number; ffree: number; dev: number; selected: boolean;
}

/** getbsize(3)'s header text ("512-blocks", "1024-blocks", "1M-blocks"), without its warnings. */
function bsizeHeader(p: string | undefined): string {
  if (p === undefined || p === "") return "512-blocks";
  const m = /^[ \t\n\v\f\r]*[+-]?\d+/.exec(p);
  let n = m ? Number(m[0]) : 0;
  const end = m ? p.slice(m[0].length) : p;
  if (n < 0) return "512-blocks";
  if (n === 0) n = 1;
  const MAXB = 1024 ** 3;
  let form = "", max = MAXB, mul = 1;
  switch (end.length > 1 ? "?" : end) {
    case "G": case "g": form = "G"; max = 1; mul = MAXB; break;
    case "K": case "k": form = "K"; max = MAXB / 1024; mul = 1024; break;
    case "M": case "m": form = "M"; max = MAXB / 1024 ** 2; mul = 1024 ** 2; break;
    case "": break;
    default: n = 512;
  }
  if (n > max) n = max;
  if (n * mul < 512) return "512-blocks";
  return `${n}${form}-blocks`;
}

const width = (v: bigint) => {
  let len = 0;
  if (v <= 0n) { v = -v; len++; }
  for (; v > 0n; v /= 10n) len++;
  return len;
};
export default defineApplet({
  name: "df",
  main(ctx) {
    const argv = xoParseArgs(ctx, [ctx.argv0, ...ctx.args]);
    if (argv === -1) return 1;
    const xo = xoDefault(ctx);
    const env = ctx.env;
    const g = new Getopt(ctx, "+abcgHhiklmPt:T,", [{ name: "si", has: 0, val: "H" }], argv);
    let a = false, c = false, hflag = 0, i = false, kflag = 0, T = false, thousands = false;
    let vfsL: string[] | undefined, skipL = false, vfsT: string[] | undefined, skipT = false;
    const makelist = (s: string): [string[], boolean] => (s.startsWith("no") ? [s.slice(2).split(","), true] : [s.split(","), false]);
    for (let ch; (ch = g.next()) !== undefined; ) {
      switch (ch) {
        case "a": a = true; break;
        case "b": case "P":
          if (kflag) break;
          env.set("BLOCKSIZE", "512");
          hflag = 0;
          break;
        case "c": c = true; break;
        case "g": env.set("BLOCKSIZE", "1g"); hflag = 0; break;
        case "H": hflag = UNITS_SI; break;
        case "h": hflag = UNITS_2; break;
        case "i": i = true; break;
        case "k": kflag++; env.set("BLOCKSIZE", "1024"); hflag = 0; break;
        case "l":
          if (!vfsL) [vfsL, skipL] = makelist("nonfs,nfs4,smb,cifs");
          break;
        case "m": env.set("BLOCKSIZE", "1m"); hflag = 0; break;
        case "t":
          if (vfsT) xo.errx(1, "only one -t option may be specified");
          [vfsT, skipT] = makelist(g.optarg!);
          break;
        case "T": T = true; break;
        case ",": thousands = true; break;
        default: usage(ctx, USAGE, 64);
      }
    }
    const operands = g.rest;
    // checkvfsname: 0 = selected
    const inList = (t: string, list: string[] | undefined, skip: boolean) => (!list ? false : list.includes(t) ? skip : !skip);
    const deselected = (t: string) => {
      if (vfsT) {
        let r = inList(t, vfsT, skipT);
        if (vfsL && inList(t, vfsL, skipL) === skipT) r = skipT;
        return r;
      }
      return inList(t, vfsL, skipL);
    };

    const list: Mnt[] = [];
    for (const m of mounts()) {
      if (m.options.split(",").includes("ignore")) continue;
      if ((vfsL || vfsT) && deselected(m.fstype)) continue;
      let sv, st;
      try {
        sv = statvfs(m.target);
        st = stat(m.target);
      } catch (e) {
        if (e instanceof SysError && (e.errno === 13 || e.errno === 1)) continue;
        if (e instanceof SysError) errx(ctx, 1, `statvfs: ${e.message}`);
        throw e;
      }
      list.push({
        from: m.source, on: m.target, type: m.fstype, bsize: sv.bsize, blocks: sv.blocks, bfree: sv.bfree,
        bavail: sv.bavail, files: sv.files, ffree: sv.ffree, dev: st.dev, selected: true,
      });
    }
    xo.openContainer("storage-system-information");
    xo.openList("filesystem");
    if (operands.length) for (const m of list) m.selected = false;
    for (const op of operands) {
      let st;
      try {
        st = stat(op);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        xo.warn(op, e);
        ctx.status = 1;
        continue;
      }
      if (S_ISCHR(st.mode)) {
        xo.warnx(`${op}: not mounted`);
        ctx.status = 1;
        continue;
      }
      for (const m of list) {
        if ((st.dev === m.dev || m.from === op || m.on === op) && !deselected(m.type)) {
          m.selected = true;
          break;
        }
      }
    }

    const fsbtoblk = (num: number, fsbs: number, bs: number) => (BigInt(num) * BigInt(fsbs)) / BigInt(bs);
    const mw = { from: 0, type: 0, total: 0, used: 0, avail: 0, iused: 0, ifree: 0 };
    const total: Mnt = { from: "total", on: "", type: "", bsize: 512, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, dev: 0, selected: true };
    const shown = list.filter((m) => (a || m.blocks > 0) && m.selected);
    let bsW = 0;
    for (const m of shown) {
      if (!bsW) bsW = getbsize(env.get("BLOCKSIZE"), (msg) => warnx(ctx, msg));
      mw.from = Math.max(mw.from, byteLength(m.from));
      mw.type = Math.max(mw.type, byteLength(m.type));
      mw.total = Math.max(mw.total, width(fsbtoblk(m.blocks, m.bsize, bsW)));
      mw.used = Math.max(mw.used, width(fsbtoblk(m.blocks - m.bfree, m.bsize, bsW)));
      mw.avail = Math.max(mw.avail, width(fsbtoblk(m.bavail, m.bsize, bsW)));
      mw.iused = Math.max(mw.iused, width(BigInt(m.files - m.ffree)));
      mw.ifree = Math.max(mw.ifree, width(BigInt(m.ffree)));
      if (c) {
        const k = Math.trunc(m.bsize / total.bsize);
        total.blocks += m.blocks * k;
        total.bfree += m.bfree * k;
        total.bavail += m.bavail * k;
        total.files += m.files;
        total.ffree += m.ffree;
      }
    }
    let times = 0, blocksize = 512;
    const hnFlags = () => HN.B | HN.NOSPACE | HN.DECIMAL | (hflag === UNITS_SI ? HN.DIVISOR_1000 : 0);
    // prthumanval / prthumanvalinode: humanize_number into 5 bytes, with the exact value as an
    // XML attribute
    const prthumanval = (fmt: string, bytes: number, flags: number) => {
      const buf = humanizeNumber(bytes, 6 - (bytes < 0 ? 0 : 1), "", HN.AUTOSCALE, flags);
      xo.attr("value", "%lld", bytes);
      xo.emit(fmt, buf);
    };
    const prtstat = (m: Mnt) => {
      if (++times === 1) {
        mw.from = Math.max(mw.from, 10);
        mw.type = Math.max(mw.type, 4);
        if (thousands) {
          mw.total += Math.trunc((mw.total - 1) / 3);
          mw.used += Math.trunc((mw.used - 1) / 3);
          mw.avail += Math.trunc((mw.avail - 1) / 3);
          mw.iused += Math.trunc((mw.iused - 1) / 3);
          mw.ifree += Math.trunc((mw.ifree - 1) / 3);
        }
        let header: string;
        if (hflag) {
          header = "   Size";
          mw.total = mw.used = mw.avail = 7;
        } else {
          blocksize = getbsize(env.get("BLOCKSIZE"), (msg) => warnx(ctx, msg));
          header = bsizeHeader(env.get("BLOCKSIZE"));
          mw.total = Math.max(mw.total, header.length);
        }
        mw.used = Math.max(mw.used, 4);
        mw.avail = Math.max(mw.avail, 5);
        xo.emit("{T:/%-*s}", mw.from, "Filesystem");
        if (T) xo.emit("  {T:/%-*s}", mw.type, "Type");
        xo.emit(" {T:/%*s} {T:/%*s} {T:/%*s} {T:Capacity}", mw.total, header, mw.used, "Used", mw.avail, "Avail");
        if (i) {
          mw.iused = Math.max(hflag ? 0 : mw.iused, 7);
          mw.ifree = Math.max(hflag ? 0 : mw.ifree, 5);
          xo.emit(" {T:/%*s} {T:/%*s} {T:%iused}", mw.iused - 2, "iused", mw.ifree, "ifree");
        }
        xo.emit("  {T:Mounted on}\n");
      }
      xo.openInstance("filesystem");
      if (m.bsize === 0) {
        xo.warnx(`File system ${m.on} does not have a block size, assuming 512.`);
        m.bsize = 512;
      }
      xo.emit("{tk:name/%-*s}", mw.from, m.from);
      if (T) xo.emit("  {:type/%-*s}", mw.type, m.type);
      let used = m.blocks - m.bfree;
      const availblks = m.bavail + used;
      if (hflag) {
        prthumanval("  {:blocks/%6s}", m.blocks * m.bsize, hnFlags());
        prthumanval("  {:used/%6s}", used * m.bsize, hnFlags());
        prthumanval("  {:available/%6s}", m.bavail * m.bsize, hnFlags());
      } else {
        xo.emit(thousands
          ? " {t:total-blocks/%*j'd} {t:used-blocks/%*j'd} {t:available-blocks/%*j'd}"
          : " {t:total-blocks/%*jd} {t:used-blocks/%*jd} {t:available-blocks/%*jd}",
        mw.total, fsbtoblk(m.blocks, m.bsize, blocksize), mw.used, fsbtoblk(used, m.bsize, blocksize),
        mw.avail, fsbtoblk(m.bavail, m.bsize, blocksize));
      }
      xo.emit("   {:used-percent/%5.0f}{U:%%}", availblks === 0 ? 100.0 : (used / availblks) * 100.0);
      if (i) {
        const inodes = m.files;
        used = inodes - m.ffree;
        if (hflag) {
          const inodeFlags = HN.NOSPACE | HN.DECIMAL | HN.DIVISOR_1000;
          xo.emit("  ");
          prthumanval(" {:inodes-used/%5s}", used, inodeFlags);
          prthumanval(" {:inodes-free/%5s}", m.ffree, inodeFlags);
        } else {
          xo.emit(thousands ? " {:inodes-used/%*j'd} {:inodes-free/%*j'd}" : " {:inodes-used/%*jd} {:inodes-free/%*jd}",
            mw.iused, used, mw.ifree, m.ffree);
        }
        xo.emit(" {:inodes-used-percent/%4.0f}{U:%%} ", inodes === 0 ? 100.0 : (used / inodes) * 100.0);
      } else xo.emit("  ");
      if (m.from !== "total") xo.emit("{:mounted-on}", m.on);
      xo.emit("\n");
      xo.closeInstance("filesystem");
    };
    for (const m of shown) prtstat(m);
    xo.closeList("filesystem");
    if (c) prtstat(total);
    xo.closeContainer("storage-system-information");
    xo.finish();
    return ctx.status;
  },
});


