// dd — convert and copy a file.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/dd.html  FreeBSD: dd(1)
// dd [operand ...]; operands name=value, no options (`dd --help` is "unknown operand --help"):
//   bs cbs conv count files fillchar ibs if iflag iseek obs of oflag oseek seek skip speed status.
//   Numbers: strtoumax (decimal, 0x hex, 0 octal; a leading '-' wraps), one suffix b (512) k m g
//   t p (powers of 1024) w (4), then 'x' (or 'X', '*') and another number to multiply: 1kx2.
//   Errors are "dd: OPER: invalid numeric value" / "illegal numeric value" / "Result not
//   representable", status 1. An operand given twice: "OPER: illegal argument combination or
//   already set". bs= with no conversion copies each input block as one write.
//   conv= ascii ebcdic ibm oldascii oldebcdic oldibm (tables of POSIX and of 32V) lcase ucase
//   block unblock (cbs-sized records) swab sync noerror notrunc osync sparse fsync fdatasync
//   pareven parodd parnone parset; iflag= fullblock direct; oflag= sync fsync direct;
//   status= none noxfer progress.
//   The summary on stderr, also after a fatal error in the copy and on SIGUSR1 (FreeBSD's
//   SIGINFO): "I+P records in", "I+P records out", "N odd length swab block(s)", "N truncated
//   block(s)", "N bytes transferred in S.SSSSSS secs (R bytes/sec)". status=progress rewrites
//   one line every second.
//   files=N > 1: Linux has no tape detection here, so it is "files is not supported for non-tape
//   devices" (as chimerautils). seek= on a non-seekable character device would use the tape
//   ioctl; that fails with ENOTTY, reported as "dd: NAME: Not a tty".
// Not done: SIGINT's summary before dying (the copy loop is synchronous).
import { defineApplet, errx, warnx, Exit, type Ctx } from "@bsdbox/shared";
import { humanizeNumber, HN } from "@bsdbox/shared";
import {
  open, close, read, fstat, lseek, ftruncate, fsync, fdatasync, addFdFlags, write, O, O_DIRECT, S_ISREG, S_ISCHR,
  S_ISBLK, SysError, strerror, onSignal, sleepAsync, monotonicNs, dieBySignal,
} from "@bsdbox/compat";

const SSIZE_MAX = 0x7fffffffffffffffn, U64 = (1n << 64n) - 1n;

// ---- conversion tables (POSIX P1003.2 tables 4-3/4-4; 32V ones differ in nine places) ----
const A2E_POSIX = Uint8Array.from([
  0o000, 0o001, 0o002, 0o003, 0o067, 0o055, 0o056, 0o057, 0o026, 0o005, 0o045, 0o013, 0o014, 0o015, 0o016, 0o017,
  0o020, 0o021, 0o022, 0o023, 0o074, 0o075, 0o062, 0o046, 0o030, 0o031, 0o077, 0o047, 0o034, 0o035, 0o036, 0o037,
  0o100, 0o132, 0o177, 0o173, 0o133, 0o154, 0o120, 0o175, 0o115, 0o135, 0o134, 0o116, 0o153, 0o140, 0o113, 0o141,
  0o360, 0o361, 0o362, 0o363, 0o364, 0o365, 0o366, 0o367, 0o370, 0o371, 0o172, 0o136, 0o114, 0o176, 0o156, 0o157,
  0o174, 0o301, 0o302, 0o303, 0o304, 0o305, 0o306, 0o307, 0o310, 0o311, 0o321, 0o322, 0o323, 0o324, 0o325, 0o326,
  0o327, 0o330, 0o331, 0o342, 0o343, 0o344, 0o345, 0o346, 0o347, 0o350, 0o351, 0o255, 0o340, 0o275, 0o232, 0o155,
  0o171, 0o201, 0o202, 0o203, 0o204, 0o205, 0o206, 0o207, 0o210, 0o211, 0o221, 0o222, 0o223, 0o224, 0o225, 0o226,
  0o227, 0o230, 0o231, 0o242, 0o243, 0o244, 0o245, 0o246, 0o247, 0o250, 0o251, 0o300, 0o117, 0o320, 0o137, 0o007,
  0o040, 0o041, 0o042, 0o043, 0o044, 0o025, 0o006, 0o027, 0o050, 0o051, 0o052, 0o053, 0o054, 0o011, 0o012, 0o033,
  0o060, 0o061, 0o032, 0o063, 0o064, 0o065, 0o066, 0o010, 0o070, 0o071, 0o072, 0o073, 0o004, 0o024, 0o076, 0o341,
  0o101, 0o102, 0o103, 0o104, 0o105, 0o106, 0o107, 0o110, 0o111, 0o121, 0o122, 0o123, 0o124, 0o125, 0o126, 0o127,
  0o130, 0o131, 0o142, 0o143, 0o144, 0o145, 0o146, 0o147, 0o150, 0o151, 0o160, 0o161, 0o162, 0o163, 0o164, 0o165,
  0o166, 0o167, 0o170, 0o200, 0o212, 0o213, 0o214, 0o215, 0o216, 0o217, 0o220, 0o152, 0o233, 0o234, 0o235, 0o236,
  0o237, 0o240, 0o252, 0o253, 0o254, 0o112, 0o256, 0o257, 0o260, 0o261, 0o262, 0o263, 0o264, 0o265, 0o266, 0o267,
  0o270, 0o271, 0o272, 0o273, 0o274, 0o241, 0o276, 0o277, 0o312, 0o313, 0o314, 0o315, 0o316, 0o317, 0o332, 0o333,
  0o334, 0o335, 0o336, 0o337, 0o352, 0o353, 0o354, 0o355, 0o356, 0o357, 0o372, 0o373, 0o374, 0o375, 0o376, 0o377,
]);
const patch = (t: Uint8Array, p: Record<number, number>) => {
  const r = t.slice();
  for (const k in p) r[k] = p[k]!;
  return r;
};
const invert = (t: Uint8Array) => {
  const r = new Uint8Array(256);
  for (let i = 0; i < 256; i++) r[t[i]!] = i;
  return r;
};
const IBM = { 0o136: 0o137, 0o176: 0o241, 0o313: 0o232, 0o325: 0o255, 0o345: 0o275 };
function table(name: string): Uint8Array {
  const a2e32 = () => patch(A2E_POSIX, { ...IBM, 0o41: 0o117, 0o133: 0o112, 0o135: 0o132, 0o174: 0o152 });
  switch (name) {
    case "ascii": return invert(A2E_POSIX);
    case "ebcdic": return A2E_POSIX;
    case "oldascii": return invert(a2e32());
    case "oldebcdic": return a2e32();
    default: return patch(A2E_POSIX, IBM); // ibm, oldibm: the same table
  }
}

const CONVS: Record<string, [set: string[], noset: string[], tab?: boolean]> = {
  ascii: [["ASCII"], ["EBCDIC"], true], block: [["BLOCK"], ["UNBLOCK"]], ebcdic: [["EBCDIC"], ["ASCII"], true],
  fdatasync: [["FDATASYNC"], []], fsync: [["FSYNC"], []], ibm: [["EBCDIC"], ["ASCII"], true],
  lcase: [["LCASE"], ["UCASE"]], noerror: [["NOERROR"], []], notrunc: [["NOTRUNC"], []],
  oldascii: [["ASCII"], ["EBCDIC"], true], oldebcdic: [["EBCDIC"], ["ASCII"], true], oldibm: [["EBCDIC"], ["ASCII"], true],
  osync: [["OSYNC"], ["BS"]], pareven: [["PAREVEN"], ["PARODD", "PARSET", "PARNONE"]],
  parnone: [["PARNONE"], ["PARODD", "PARSET", "PAREVEN"]], parodd: [["PARODD"], ["PAREVEN", "PARSET", "PARNONE"]],
  parset: [["PARSET"], ["PARODD", "PAREVEN", "PARNONE"]], sparse: [["SPARSE"], []], swab: [["SWAB"], []],
  sync: [["SYNC"], ["IFULLBLOCK"]], ucase: [["UCASE"], ["LCASE"]], unblock: [["UNBLOCK"], ["BLOCK"]],
};
// operand → [flag it sets, flags that must not be set yet]
const ARGS: Record<string, [string | null, string[]]> = {
  bs: ["BS", ["BS", "IBS", "OBS", "OSYNC"]], cbs: ["CBS", ["CBS"]], conv: [null, []], count: ["COUNT", ["COUNT"]],
  files: ["FILES", ["FILES"]], fillchar: ["FILL", ["FILL"]], ibs: ["IBS", ["BS", "IBS"]], if: ["IF", ["IF"]],
  iflag: [null, []], iseek: ["SKIP", ["SKIP"]], obs: ["OBS", ["BS", "OBS"]], of: ["OF", ["OF"]], oflag: [null, []],
  oseek: ["SEEK", ["SEEK"]], seek: ["SEEK", ["SEEK"]], skip: ["SKIP", ["SKIP"]], speed: [null, []],
  status: ["STATUS", ["STATUS"]],
};

interface IO { name: string; fd: number; dbsz: number; offset: bigint; trunc: boolean; chr: boolean; seek: boolean; pipe: boolean; noread: boolean }

export default defineApplet({
  name: "dd",
  async main(ctx) {
    const F = new Set<string>();
    const has = (...f: string[]) => f.some((x) => F.has(x));
    const inp: IO = { name: "", fd: 0, dbsz: 512, offset: 0n, trunc: false, chr: false, seek: false, pipe: false, noread: false };
    const out: IO = { ...inp };
    let cbsz = 0, cpyCnt = -1 /* unlimited */, filesCnt = 1n, fillChar = 0, speed = 0;
    let ctab: Uint8Array | undefined;
    let oper = "";

    // strtoumax/strtoimax(…, 0) then the suffix and 'x' products of get_num/get_off_t
    const getNum = (val: string, signed: boolean): bigint => {
      const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(val);
      if (!m) errx(ctx, 1, `${oper}: invalid numeric value`);
      const d = m[2]!;
      let num = BigInt(/^0[0-7]+$/.test(d) ? "0o" + d.slice(1) : d);
      const neg = m[1] === "-";
      if (signed) {
        if (neg ? num > 1n << 63n : num > SSIZE_MAX) errx(ctx, 1, `${oper}: ${strerror(34)}`);
        if (neg) num = -num;
      } else {
        if (num > U64) errx(ctx, 1, `${oper}: ${strerror(34)}`);
        if (neg) num = (U64 + 1n - num) & U64;
      }
      const wrap = (x: bigint) => (signed ? BigInt.asIntN(64, x) : BigInt.asUintN(64, x));
      let rest = val.slice(m[0].length);
      const MULT: Record<string, bigint> = { b: 512n, k: 1n << 10n, m: 1n << 20n, g: 1n << 30n, t: 1n << 40n, p: 1n << 50n, w: 4n };
      const mult = MULT[(rest[0] ?? "").toLowerCase()];
      const erange = () => errx(ctx, 1, `${oper}: ${strerror(34)}`);
      if (mult) {
        const prev = num;
        num = wrap(num * mult);
        if ((signed && prev > 0n !== num > 0n) || num / mult !== prev) erange();
        rest = rest.slice(1);
      }
      if (rest === "") return num;
      if (rest[0] === "x" || rest[0] === "X" || rest[0] === "*") {
        const m2 = getNum(rest.slice(1), signed);
        if (m2 === 0n) dieBySignal(8); // the C code divides by it: SIGFPE
        const prev = num;
        num = wrap(num * m2);
        if ((!signed || prev > 0n === num > 0n) && num / m2 === prev) return num;
        erange();
      }
      errx(ctx, 1, `${oper}: illegal numeric value`);
    };
    const size = (arg: string, what: string) => {
      const r = getNum(arg, false);
      if (r < 1n || r > SSIZE_MAX) errx(ctx, 1, `${what} must be between 1 and ${SSIZE_MAX}`);
      return Number(r);
    };

    for (const a of ctx.args) {
      const eq = a.indexOf("=");
      if (eq < 0) errx(ctx, 1, `unknown operand ${a}`);
      oper = a.slice(0, eq);
      const arg = a.slice(eq + 1);
      if (arg === "") errx(ctx, 1, `no value specified for ${oper}`);
      const ap = Object.hasOwn(ARGS, oper) ? ARGS[oper]! : undefined;
      if (!ap) errx(ctx, 1, `unknown operand ${oper}`);
      if (has(...ap[1])) errx(ctx, 1, `${oper}: illegal argument combination or already set`);
      if (ap[0]) F.add(ap[0]);
      switch (oper) {
        case "bs": inp.dbsz = out.dbsz = size(arg, "bs"); break;
        case "cbs": cbsz = size(arg, "cbs"); break;
        case "count": {
          const r = getNum(arg, false);
          if (r === U64) errx(ctx, 1, `${oper}: ${strerror(34)}`);
          cpyCnt = r === 0n ? 0 : Number(r);
          break;
        }
        case "files":
          filesCnt = getNum(arg, false);
          if (filesCnt < 1n) errx(ctx, 1, `files must be between 1 and ${U64}`);
          break;
        case "fillchar":
          if ([...arg].length !== 1 || new TextEncoder().encode(arg).length !== 1) errx(ctx, 1, "need exactly one fill char");
          fillChar = arg.charCodeAt(0);
          break;
        case "ibs": if (!F.has("BS")) inp.dbsz = size(arg, "ibs"); break;
        case "obs": if (!F.has("BS")) out.dbsz = size(arg, "obs"); break;
        case "if": inp.name = arg; break;
        case "of": out.name = arg; break;
        case "iseek": case "skip": inp.offset = getNum(arg, true); break;
        case "oseek": case "seek": out.offset = getNum(arg, true); break;
        case "speed": speed = Number(getNum(arg, false)); break;
        case "status":
          if (arg === "none") F.add("NOINFO");
          else if (arg === "noxfer") F.add("NOXFER");
          else if (arg === "progress") F.add("PROGRESS");
          else errx(ctx, 1, `unknown status ${arg}`);
          break;
        case "conv":
          for (const name of arg.split(",")) {
            const c = Object.hasOwn(CONVS, name) ? CONVS[name]! : undefined;
            if (!c) errx(ctx, 1, `unknown conversion ${name}`);
            if (has(...c[1])) errx(ctx, 1, `${name}: illegal conversion combination`);
            for (const f of c[0]) F.add(f);
            if (c[2]) ctab = table(name);
          }
          break;
        case "iflag":
          for (const name of arg.split(",")) {
            if (name === "direct") F.add("IDIRECT");
            else if (name === "fullblock") {
              if (F.has("SYNC")) errx(ctx, 1, `${name}: illegal conversion combination`);
              F.add("IFULLBLOCK");
            } else errx(ctx, 1, `unknown iflag ${name}`);
          }
          break;
        case "oflag":
          for (const name of arg.split(",")) {
            if (name === "direct") F.add("ODIRECT");
            else if (name === "fsync" || name === "sync") F.add("OFSYNC");
            else errx(ctx, 1, `unknown open flag ${name}`);
          }
          break;
      }
    }
    if (F.has("BS")) {
      if (has("BLOCK", "LCASE", "SWAB", "UCASE", "UNBLOCK")) F.delete("BS");
      if (F.has("BS") && has("IBS", "OBS")) warnx(ctx, "bs supersedes ibs and obs");
    }
    let mode: "def" | "block" | "unblock" = "def";
    if (has("BLOCK", "UNBLOCK")) {
      if (!F.has("CBS")) errx(ctx, 1, "record operations require cbs");
      mode = F.has("BLOCK") ? "block" : "unblock";
    } else if (F.has("CBS")) {
      if (F.has("ASCII")) { F.add("UNBLOCK"); mode = "unblock"; }
      else if (F.has("EBCDIC")) { F.add("BLOCK"); mode = "block"; }
      else errx(ctx, 1, "cbs meaningless if not doing record operations");
    }

    // ---- setup ----
    const syserr = (code: number, msg: string, e: unknown): never => {
      if (!(e instanceof SysError)) throw e;
      errx(ctx, code, `${msg}: ${e.message}`);
    };
    const fdtype = (io: IO) => {
      const st = (() => {
        try { return fstat(io.fd); } catch (e) { return syserr(1, io.name, e); }
      })();
      if (S_ISREG(st.mode)) io.trunc = true;
      if (S_ISCHR(st.mode) || S_ISBLK(st.mode)) {
        if (S_ISCHR(st.mode)) io.chr = true;
        if (S_ISBLK(st.mode)) io.seek = true;
        return;
      }
      try {
        lseek(io.fd, 0, 1);
        io.seek = true;
      } catch (e) {
        if (e instanceof SysError && e.errno === 29) io.pipe = true;
        else io.seek = true;
      }
    };
    if (!inp.name) { inp.name = "stdin"; inp.fd = ctx.stdin; }
    else {
      try { inp.fd = open(inp.name, O.RDONLY | (F.has("IDIRECT") ? O_DIRECT : 0)); } catch (e) { syserr(1, inp.name, e); }
    }
    fdtype(inp);
    if (filesCnt > 1n) errx(ctx, 1, "files is not supported for non-tape devices");
    if (!out.name) {
      out.fd = 1;
      out.name = "stdout";
      if (F.has("OFSYNC")) {
        try { addFdFlags(1, O.SYNC); } catch (e) { syserr(1, "unable to set fd flags for stdout", e); }
      }
    } else {
      const fl = O.CREAT | (has("SEEK", "NOTRUNC") ? 0 : O.TRUNC) | (F.has("OFSYNC") ? O.SYNC : 0) | (F.has("ODIRECT") ? O_DIRECT : 0);
      try {
        out.fd = open(out.name, O.RDWR | fl, 0o666);
      } catch {
        try {
          out.fd = open(out.name, O.WRONLY | fl, 0o666);
          out.noread = true;
        } catch (e) { syserr(1, out.name, e); }
      }
    }
    fdtype(out);

    const obs = out.dbsz, ibs = inp.dbsz;
    let inDb: Uint8Array, outDb: Uint8Array;
    try {
      if (mode === "def") outDb = inDb = new Uint8Array(obs + ibs - 1);
      else {
        inDb = new Uint8Array(Math.max(ibs, cbsz) + cbsz);
        outDb = new Uint8Array(obs + cbsz);
      }
    } catch {
      errx(ctx, 1, `${mode === "def" ? "input" : "output"} buffer: ${strerror(12)}`);
    }
    let inDbp = 0, inDbcnt = 0, inDbrcnt = 0, outDbp = 0, outDbcnt = 0;
    const st = { inFull: 0, inPart: 0, outFull: 0, outPart: 0, swab: 0, trunc: 0, bytes: 0 };
    let start = monotonicNs();
    let needSummary = false, needProgress = false, progressLen = 0;

    const secs = () => Math.max(Number(monotonicNs() - start) / 1e9, 1e-9);
    const fixed0 = (x: number) => {
      const f = Math.floor(x);
      return String(x - f === 0.5 ? (f % 2 === 0 ? f : f + 1) : Math.round(x));
    };
    const summary = () => {
      needSummary = false;
      if (F.has("NOINFO")) return;
      let s = F.has("PROGRESS") ? "\n" : "";
      const t = secs();
      s += `${st.inFull}+${st.inPart} records in\n${st.outFull}+${st.outPart} records out\n`;
      if (st.swab) s += `${st.swab} odd length swab ${st.swab === 1 ? "block" : "blocks"}\n`;
      if (st.trunc) s += `${st.trunc} truncated ${st.trunc === 1 ? "block" : "blocks"}\n`;
      if (!F.has("NOXFER")) s += `${st.bytes} bytes transferred in ${t.toFixed(6)} secs (${fixed0(st.bytes / t)} bytes/sec)\n`;
      ctx.err.write(s);
      ctx.err.flush();
    };
    const progress = () => {
      needProgress = false;
      const t = secs();
      const si = humanizeNumber(st.bytes, 8, "B", HN.AUTOSCALE, HN.DECIMAL | HN.DIVISOR_1000);
      const iec = humanizeNumber(st.bytes, 9, "B", HN.AUTOSCALE, HN.DECIMAL | HN.IEC_PREFIXES);
      const ps = humanizeNumber(Math.trunc(st.bytes / t), 8, "B", HN.AUTOSCALE, HN.DECIMAL | HN.DIVISOR_1000);
      const line = `  ${st.bytes} bytes (${si}, ${iec}) transferred ${t.toFixed(3)}s, ${ps}/s`;
      const text = line.padEnd(progressLen) + "\r";
      progressLen = new TextEncoder().encode(text).length - 1;
      ctx.err.write(text);
      ctx.err.flush();
    };
    const fatal = (msg: string, e: unknown): never => {
      if (!(e instanceof SysError)) throw e;
      warnx(ctx, `${msg}: ${e.message}`);
      throw new Exit(1);
    };

    const seekOffset = (io: IO): bigint => {
      const n = io.offset, sz = BigInt(io.dbsz);
      if (!io.chr && (n < 0n || n > SSIZE_MAX / sz)) errx(ctx, 1, `seek offsets cannot be larger than ${SSIZE_MAX}`);
      else if (io.chr && BigInt.asUintN(64, n) > U64 / sz) errx(ctx, 1, `seek offsets cannot be larger than ${U64}`);
      return BigInt.asIntN(64, BigInt.asUintN(64, n) * sz);
    };

    // SIGUSR1: the summary at the next block; progress: a line every second
    onSignal("SIGUSR1", () => { needSummary = true; });
    let timer: ReturnType<typeof setInterval> | undefined;
    let lastYield = Date.now(), iter = 0;
    const maybeYield = async () => {
      if ((++iter & 15) !== 0) return;
      const now = Date.now();
      if (now - lastYield < 50) return;
      lastYield = now;
      await sleepAsync(0);
    };

    if (inp.offset) {
      if (inp.seek) {
        try { lseek(inp.fd, seekOffset(inp), 1); } catch (e) { syserr(1, inp.name, e); }
      } else {
        if (inp.offset < 0n) errx(ctx, 1, "iseek/skip: illegal offset");
        let warned = false;
        for (let bcnt = ibs, cnt = inp.offset; cnt; ) {
          let nr = 0;
          try {
            nr = read(inp.fd, inDb, 0, bcnt);
          } catch (e) {
            if (F.has("NOERROR")) {
              if (!warned) { fatalWarn(e); warned = true; summary(); }
              continue;
            }
            syserr(1, inp.name, e);
          }
          if (nr === 0) errx(ctx, 1, "skip reached end of input");
          if (inp.pipe) {
            if (!(bcnt -= nr)) { bcnt = ibs; cnt--; }
          } else cnt--;
          if (needSummary) summary();
          if (needProgress) progress();
          await maybeYield();
        }
      }
    }
    function fatalWarn(e: unknown) {
      if (!(e instanceof SysError)) throw e;
      warnx(ctx, `${inp.name}: ${e.message}`);
    }
    if (out.offset) {
      if (out.seek || out.pipe) {
        try { lseek(out.fd, seekOffset(out), 1); } catch (e) { syserr(1, out.name, e); }
      } else {
        if (out.offset < 0n) errx(ctx, 1, "oseek/seek: illegal offset");
        errx(ctx, 1, `${out.name}: ${strerror(25)}`); // the tape ioctl (MTFSR/MTBSR) on a non-tape
      }
    }
    if (F.has("OF") && F.has("SEEK") && !F.has("NOTRUNC") && out.trunc) {
      try { ftruncate(out.fd, seekOffset(out)); } catch (e) { syserr(1, `truncating ${out.name}`, e); }
    }
    if (has("LCASE", "UCASE", "ASCII", "EBCDIC", "PAREVEN", "PARODD", "PARSET", "PARNONE")) {
      const parity = has("PAREVEN", "PARODD", "PARSET", "PARNONE");
      const t = new Uint8Array(256);
      for (let i = 0; i < 256; i++) t[i] = ctab ? ctab[i]! : i;
      if (parity && !F.has("ASCII")) for (let i = 200; i <= 255; i++) t[i] = t[i & 0x7f]!;
      if (F.has("LCASE")) for (let i = 0; i < 256; i++) t[i] = t[i]! >= 65 && t[i]! <= 90 ? t[i]! + 32 : t[i]!;
      else if (F.has("UCASE")) for (let i = 0; i < 256; i++) t[i] = t[i]! >= 97 && t[i]! <= 122 ? t[i]! - 32 : t[i]!;
      const par = (c: number) => { let p = 0; for (; c; c &= c - 1) p ^= 1; return p; };
      if (parity) for (let i = 0; i < 256; i++) t[i] = t[i]! & 0x7f;
      if (F.has("PARSET")) for (let i = 0; i < 256; i++) t[i] = t[i]! | 0x80;
      if (F.has("PAREVEN")) for (let i = 0; i < 256; i++) if (par(t[i]!)) t[i] = t[i]! | 0x80;
      if (F.has("PARODD")) for (let i = 0; i < 256; i++) if (!par(t[i]!)) t[i] = t[i]! | 0x80;
      ctab = t;
    } else ctab = undefined;
    start = monotonicNs();
    if (F.has("PROGRESS")) timer = setInterval(() => { needProgress = true; }, 1000);

    // ---- output ----
    let pending = 0, seekOff = 0, warnedShort = false;
    const sparseOn = F.has("SPARSE");
    const isZero = (b: Uint8Array, a: number, n: number) => {
      if (n <= 0) return false;
      for (let i = a; i < a + n; i++) if (b[i]) return false;
      return true;
    };
    const ddOut = (force: boolean) => {
      let outp = 0;
      for (let n = force ? outDbcnt : obs; ; n = obs) {
        let cnt = n;
        do {
          const sparse = sparseOn && isZero(outDb, outp, cnt);
          let nw = 0;
          if (sparse && !force) {
            pending += cnt;
            nw = cnt;
          } else {
            if (pending !== 0) {
              try { seekOff = lseek(out.fd, pending, 1); } catch (e) { fatalCode2(e); }
              pending = 0;
            }
            if (!cnt) return;
            try { nw = write(out.fd, outDb, outp, cnt); } catch (e) { fatal(out.name, e); }
            seekOff = 0;
          }
          if (nw <= 0) errx(ctx, 1, `${out.name}: end of device`);
          outp += nw;
          st.bytes += nw;
          if (nw === n && n === obs) st.outFull++;
          else st.outPart++;
          if (nw !== cnt && out.chr && !warnedShort) {
            warnedShort = true;
            warnx(ctx, `${out.name}: short write on character device`);
          }
          cnt -= nw;
        } while (cnt !== 0);
        if ((outDbcnt -= n) < obs) break;
      }
      if (outDbcnt) outDb.copyWithin(0, outDbp - outDbcnt, outDbp);
      outDbp = outDbcnt;
    };
    function fatalCode2(e: unknown): never {
      if (!(e instanceof SysError)) throw e;
      warnx(ctx, `${out.name}: seek error creating sparse file: ${e.message}`);
      throw new Exit(2);
    }

    // ---- conversions ----
    const def = () => {
      if (ctab) for (let i = inDbp - inDbrcnt; i < inDbp; i++) inDb[i] = ctab[inDb[i]!]!;
      outDbp = inDbp;
      outDbcnt = inDbcnt;
      if (inDbcnt >= obs) {
        ddOut(false);
        inDbp = outDbp;
        inDbcnt = outDbcnt;
      }
    };
    let intrunc = false;
    const SP = () => (ctab ? ctab[32]! : 32);
    const block = () => {
      if (intrunc) {
        let ip = 0, cnt = inDbrcnt;
        for (; cnt && inDb[ip++] !== 10; --cnt);
        if (!cnt) { inDbcnt = 0; inDbp = 0; return; }
        intrunc = false;
        inDbcnt = cnt - 1;
        inDbp = ip + cnt - 1;
      }
      let ch = 0, ip = inDbp - inDbcnt, op = outDbp;
      while (inDbcnt) {
        const maxlen = Math.min(cbsz, inDbcnt);
        let cnt = 0;
        for (; cnt < maxlen && (ch = inDb[ip++]!) !== 10; ++cnt) outDb[op++] = ctab ? ctab[ch]! : ch;
        if (ch !== 10 && inDbcnt < cbsz) {
          inDb.copyWithin(0, inDbp - inDbcnt, inDbp);
          break;
        }
        inDbcnt -= cnt;
        if (ch === 10) --inDbcnt;
        if (cnt < cbsz) outDb.fill(SP(), op, op + cbsz - cnt);
        else {
          if (!inDbcnt || inDb[ip] !== 10) ++st.trunc;
          for (; inDbcnt && inDb[ip++] !== 10; --inDbcnt);
          if (!inDbcnt) intrunc = true;
          else --inDbcnt;
        }
        outDbp += cbsz;
        if ((outDbcnt += cbsz) >= obs) ddOut(false);
        op = outDbp;
      }
      inDbp = inDbcnt;
    };
    const unblock = () => {
      if (ctab) for (let i = inDbp - inDbrcnt; i < inDbp; i++) inDb[i] = ctab[inDb[i]!]!;
      let ip = 0;
      for (; inDbcnt >= cbsz; ip += cbsz, inDbcnt -= cbsz) {
        let t = ip + cbsz - 1;
        while (t >= ip && inDb[t] === 32) --t;
        if (t >= ip) {
          const cnt = t - ip + 1;
          outDb.set(inDb.subarray(ip, ip + cnt), outDbp);
          outDbp += cnt;
          outDbcnt += cnt;
        }
        outDb[outDbp++] = 10;
        if (++outDbcnt >= obs) ddOut(false);
      }
      if (inDbcnt) inDb.copyWithin(0, inDbp - inDbcnt, inDbp);
      inDbp = inDbcnt;
    };

    // ---- the copy ----
    const inFlagsOnlyBs = F.has("BS") && [...F].every((f) => ["BS", "NOERROR", "NOTRUNC", "SYNC"].includes(f));
    let tPrev = 0, tSleep = 0;
    const fillByte = F.has("FILL") ? fillChar : has("BLOCK", "UNBLOCK") ? 32 : 0;
    let ok = false;
    try {
      copy: for (;;) {
        if (cpyCnt === 0) break;
        if (cpyCnt > 0 && st.inFull + st.inPart >= cpyCnt) break;
        if (speed > 0) {
          const now = secs();
          const tIo = now - tPrev - tSleep;
          tSleep = ibs / speed - tIo;
          if (tSleep > 0) await sleepAsync(tSleep * 1000);
          else tSleep = 0;
          tPrev = now;
        }
        if (F.has("SYNC")) inDb.fill(fillByte, inDbp, inDbp + ibs);
        inDbrcnt = 0;
        for (;;) {
          let n: number;
          try {
            n = read(inp.fd, inDb, inDbp + inDbrcnt, ibs - inDbrcnt);
          } catch (e) {
            if (!(e instanceof SysError)) throw e;
            if (!F.has("NOERROR")) fatal(inp.name, e);
            warnx(ctx, `${inp.name}: ${e.message}`);
            summary();
            if (inp.seek) {
              let off = 1;
              try { off = lseek(inp.fd, ibs, 1); } catch {}
              if (off) warnx(ctx, `${inp.name}: ${e.message}`);
            }
            if (!F.has("SYNC")) continue copy;
            n = -1;
          }
          if (n === 0 && inDbrcnt === 0) break copy;
          if (F.has("SYNC")) n = ibs;
          inDbrcnt += n;
          if (inDbrcnt === ibs) st.inFull++;
          else if (F.has("IFULLBLOCK") && n !== 0) continue;
          else st.inPart++;
          break;
        }
        inDbcnt += inDbrcnt;
        if (inFlagsOnlyBs) {
          outDbcnt = inDbcnt;
          ddOut(true);
          inDbcnt = 0;
        } else {
          if (F.has("SWAB")) {
            let n = inDbrcnt;
            if (n & 1) { st.swab++; n--; }
            for (let i = inDbp; n > 1; i += 2, n -= 2) {
              const t = inDb[i]!;
              inDb[i] = inDb[i + 1]!;
              inDb[i + 1] = t;
            }
          }
          inDbp += inDbrcnt;
          if (mode === "def") def();
          else if (mode === "block") block();
          else unblock();
        }
        if (needSummary) summary();
        if (needProgress) progress();
        await maybeYield();
      }
      // dd_close
      if (mode === "def") { if (inDbcnt) outDbcnt = inDbcnt; }
      else if (mode === "block") {
        if (inDbcnt) {
          ++st.trunc;
          outDb.set(inDb.subarray(inDbp - inDbcnt, inDbp), outDbp);
          outDb.fill(SP(), outDbp + inDbcnt, outDbp + cbsz);
          outDbcnt += cbsz;
        }
      } else if (inDbcnt) {
        warnx(ctx, `${inp.name}: short input record`);
        let t = inDbcnt - 1;
        while (t >= 0 && inDb[t] === 32) --t;
        if (t >= 0) {
          outDb.set(inDb.subarray(0, t + 1), outDbp);
          outDbp += t + 1;
          outDbcnt += t + 1;
        }
        ++outDbcnt;
        outDb[outDbp++] = 10;
      }
      if (F.has("OSYNC") && outDbcnt && outDbcnt < obs) {
        outDb.fill(fillByte, outDbp, outDbp + obs - outDbcnt);
        outDbcnt = obs;
      }
      if (outDbcnt || pending) ddOut(true);
      if (seekOff > 0 && out.trunc) {
        try { ftruncate(out.fd, seekOff); } catch (e) { fatal(`truncating ${out.name}`, e); }
      }
      if (F.has("FSYNC")) {
        try { fsync(out.fd); } catch (e) { fatal(`fsyncing ${out.name}`, e); }
      } else if (F.has("FDATASYNC")) {
        try { fdatasync(out.fd); } catch (e) { fatal(`fdatasyncing ${out.name}`, e); }
      }
      try { close(out.fd); } catch (e) { if (!(e instanceof SysError) || e.errno !== 4) fatal("close", e); }
      ok = true;
    } finally {
      if (timer) clearInterval(timer);
      summary();
    }
    void ok;
    return 0;
  },
});
