// md5, sha1, sha224, sha256, sha384, sha512, sha512t224, sha512t256 — message digests; the same
// names ending in "sum" (md5sum, sha256sum, ...) are the GNU-compatible personalities. Not POSIX.
// FreeBSD md5(1) as chimerautils ships it. The algorithm comes from the name invoked
// (a prefix match without the "sum"; unknown names use MD5).
// BSD mode (getopt_long "bc:pqrs:tx"; long: check= passthrough quiet reverse string= time-trial
//   self-test): "MD5 (file) = hex"; standard input (only without operands) prints the bare digest;
//   -c HEX compare (mismatch: " [ Failed ]", exit 2), -p copy standard input to standard output,
//   -q bare digest, -r "hex file", -s STRING digest a string (ignored when files are given),
//   -t time trial, -x self test (compares the native and the portable implementations), -b no-op.
// GNU mode (getopt_long "bctwz"; long: binary check help ignore-missing quiet status strict tag
//   text version warn zero): "hex  file" ("hex *file" with -b), --tag BSD lines, -c checks lists
//   ("hex  name" or "ALG (name) = hex"; standard input without operands): "name: OK|FAILED",
//   -w warn about malformed lines, --status, --quiet, --strict, --ignore-missing, -z NUL ends
//   output lines.
// "-" is standard input (FreeBSD 15). An operand starting with '*', ' ', 'U' or '^' that does not exist names the file after that
//   character and sets the input mode (binary, text, universal newlines, '0'/'1' bits), as BSD.
// Deviation: `-c` with no list operand reads the list from standard input (as FreeBSD 15; the
//   14.x source printed usage). Digests: compat's native hasher, else @bsdbox/shared/hash.
import { defineApplet, Getopt, usage, warnx, warn, errx, encode, Exit, type Ctx, type LongOpt } from "@bsdbox/shared";
import { open, close, read, lstat, O, SysError, hashInit, hashUpdate, hashDigest, monotonicNs, decode } from "@bsdbox/compat";
import { createHash, type Digest } from "@bsdbox/shared/hash";

interface Alg { prog: string; name: string; id: string; }
const ALGS: Alg[] = [
  { prog: "md5", name: "MD5", id: "md5" },
  { prog: "sha1", name: "SHA1", id: "sha1" },
  { prog: "sha224", name: "SHA224", id: "sha224" },
  { prog: "sha256", name: "SHA256", id: "sha256" },
  { prog: "sha384", name: "SHA384", id: "sha384" },
  { prog: "sha512", name: "SHA512", id: "sha512" },
  { prog: "sha512t224", name: "SHA512t224", id: "sha512-224" },
  { prog: "sha512t256", name: "SHA512t256", id: "sha512-256" },
];
const HEXLEN: Record<string, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128, "sha512-224": 56, "sha512-256": 64 };
const VERSION = "14.3.1";
const TESTS = ["", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
  "MD5 has not yet (2001-09-03) been broken, but sufficient attacks have been made that its security is in some doubt"];

const L = (name: string, has: 0 | 1 | 2): LongOpt => ({ name, has, val: "\u0100" + name });
const BSD_LONG = [L("check", 1), L("passthrough", 0), L("quiet", 0), L("reverse", 0), L("string", 1), L("time-trial", 0), L("self-test", 0)];
const GNU_LONG = ["binary", "check", "help", "ignore-missing", "quiet", "status", "strict", "tag", "text", "version", "warn", "zero"].map((n) => L(n, 0));

/** A streaming digest: native when compat has it, else the portable one. */
function newDigest(id: string): Digest {
  const h = hashInit(id);
  if (h) return { update: (d) => hashUpdate(h, d), digest: () => hashDigest(h) };
  return createHash(id)!;
}

interface St {
  ctx: Ctx; alg: Alg; gnu: boolean; inMode: string; outMode: "bare" | "tagged" | "reverse" | "gnu";
  cflag: boolean; pflag: boolean; qflag: boolean; sflag: boolean; wflag: boolean; strict: boolean;
  ignoreMissing: boolean; check: string | undefined; checksFailed: number; failed: boolean; endl: string;
  malformed: number;
}

export default defineApplet({
  name: "md5",
  main(ctx) {
    const prog = ctx.prog;
    let len = prog.length;
    const gnu = len > 3 && prog.endsWith("sum");
    if (gnu) len -= 3;
    const key = prog.slice(0, len).toLowerCase();
    const alg = ALGS.find((a) => a.prog.slice(0, len) === key && (a.prog.length >= len)) ?? ALGS[0]!;
    const st: St = {
      ctx, alg, gnu, inMode: gnu ? " " : "*", outMode: gnu ? "gnu" : "tagged", cflag: false, pflag: false,
      qflag: false, sflag: false, wflag: false, strict: false, ignoreMissing: false, check: undefined,
      checksFailed: 0, failed: false, endl: "\n", malformed: 0,
    };
    const USAGE = gnu ? `usage: ${alg.prog}sum [-bctwz] [files ...]`
      : `usage: ${alg.prog} [-pqrtx] [-c string] [-s string] [files ...]`;
    const g = new Getopt(ctx, gnu ? "bctwz" : "bc:pqrs:tx", gnu ? GNU_LONG : BSD_LONG);
    let string: string | undefined, skip = false;
    for (let ch; (ch = g.next()) !== undefined; ) {
      const o = ch.length > 1 ? ch.slice(1) : ch;
      switch (o) {
        case "b": case "binary": if (gnu) st.inMode = "*"; break;
        case "c": case "check": st.cflag = true; if (!gnu) st.check = g.optarg; break;
        case "p": case "passthrough": st.pflag = true; break;
        case "q": case "quiet": st.outMode = "bare"; st.qflag = true; break;
        case "r": case "reverse": if (!st.qflag) st.outMode = "reverse"; break;
        case "status": st.sflag = true; break;
        case "strict": st.strict = true; break;
        case "s": case "string": st.outMode = "bare"; string = g.optarg; break;
        case "tag": st.outMode = "tagged"; break;
        case "t": case "time-trial": case "text":
          if (!gnu) { timeTrial(st); skip = true; } else st.inMode = " ";
          break;
        case "version":
          ctx.out.write(`${gnu ? `${prog} (FreeBSD) ` : ""}${VERSION}\n`);
          return 0;
        case "w": case "warn": st.wflag = true; break;
        case "x": case "self-test": selfTest(st); skip = true; break;
        case "z": case "zero": st.endl = "\0"; break;
        case "ignore-missing": st.ignoreMissing = true; break;
        default: usage(ctx, USAGE);
      }
    }
    let files = g.rest;
    let recs: { sum: string; name: string }[] | undefined;
    if (st.cflag && gnu) {
      recs = [];
      if (!files.length) files = ["-"];
      for (const f of files) readList(st, f, recs);
      files = recs.map((r) => r.name);
    }
    if (files.length) {
      for (let i = 0; i < files.length; i++) {
        let name = files[i]!;
        if ("* U^".includes(name[0] ?? "x")) {
          try {
            lstat(name);
          } catch {
            st.inMode = name[0]!;
            name = name.slice(1);
          }
        }
        let fd = ctx.stdin;
        if (name !== "-") try {
          fd = open(name, O.RDONLY);
        } catch (e) {
          if (!(e instanceof SysError)) throw e;
          if (e.errno !== 2 || !(st.cflag && st.ignoreMissing)) {
            warn(ctx, name, e);
            st.failed = true;
          }
          continue;
        }
        if (recs) st.check = recs[i]!.sum;
        let p: string | undefined;
        try {
          p = input(st, fd, false);
        } catch (e) {
          if (!(e instanceof SysError)) throw e;
          warn(ctx, name, e);
          st.failed = true;
          continue;
        } finally {
          if (fd !== ctx.stdin) close(fd);
        }
        output(st, p, name);
      }
    } else if (!st.cflag && string === undefined && !skip) {
      if (!gnu) st.outMode = "bare";
      let p: string;
      try {
        p = input(st, ctx.stdin, st.pflag);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        warn(ctx, "-", e);
        return 1;
      }
      output(st, p, "-");
    } else if (string !== undefined) {
      const d = newDigest(alg.id);
      d.update(encode(string));
      output(st, d.digest(), string);
    }
    if (st.cflag && gnu) {
      if (!st.sflag && st.malformed > 1) warnx(ctx, `WARNING: ${st.malformed} lines are improperly formatted`);
      else if (!st.sflag && st.malformed > 0) warnx(ctx, `WARNING: ${st.malformed} line is improperly formatted`);
      if (!st.sflag && st.checksFailed > 1) warnx(ctx, `WARNING: ${st.checksFailed} computed checksums did NOT match`);
      else if (!st.sflag && st.checksFailed > 0) warnx(ctx, `WARNING: ${st.checksFailed} computed checksum did NOT match`);
      if (st.checksFailed || (st.strict && st.malformed)) return 1;
    }
    if (st.failed) return 1;
    return st.checksFailed ? 2 : 0;
  },
});

const HEXCH = new Uint8Array(256);
for (const c of "0123456789ABCDEFabcdef") HEXCH[c.charCodeAt(0)] = 1;
const enc = (s: string) => encode(s);

/** Read one checksum list ("-": standard input) into recs, as FreeBSD's gnu_check. */
function readList(st: St, file: string, recs: { sum: string; name: string }[]): void {
  let fd = st.ctx.stdin;
  if (file !== "-") {
    try {
      fd = open(file, O.RDONLY);
    } catch (e) {
      warn(st.ctx, file, e);
      throw new Exit(1);
    }
  }
  const chunks: Uint8Array[] = [];
  const buf = new Uint8Array(1 << 16);
  try {
    for (let n; (n = read(fd, buf)) > 0; ) chunks.push(buf.slice(0, n));
  } finally {
    if (fd !== st.ctx.stdin) close(fd);
  }
  let total = 0;
  for (const c of chunks) total += c.length;
  const all = new Uint8Array(total);
  total = 0;
  for (const c of chunks) { all.set(c, total); total += c.length; }
  const dname = enc(st.alg.name);
  const hl = HEXLEN[st.alg.id]!;
  const dec = decodeBytes;
  let lineno = 0;
  for (let s = 0; s < all.length; ) {
    let e = all.indexOf(10, s);
    const next = e < 0 ? all.length : e + 1;
    if (e < 0) e = all.length;
    lineno++;
    // a C string: it ends at the first NUL
    const z = all.subarray(s, e).indexOf(0);
    const line = z >= 0 ? all.subarray(s, s + z) : all.subarray(s, e);
    s = next;
    const n = line.length;
    const hexRun = (from: number) => { let k = from; while (k < n && HEXCH[line[k]!]) k++; return k - from; };
    let ok = false;
    if (n >= dname.length + hl + 6 && dname.every((b, k) => line[k] === b) && line[dname.length] === 32 &&
      line[dname.length + 1] === 40 && line[n - hl - 4] === 41 && line[n - hl - 3] === 32 && line[n - hl - 2] === 61 &&
      line[n - hl - 1] === 32 && hexRun(n - hl) === hl) {
      recs.push({ sum: dec(line.subarray(n - hl)), name: dec(line.subarray(dname.length + 2, n - hl - 4)) });
      ok = true;
    } else if (n >= hl + 3 && hexRun(0) === hl && line[hl] === 32) {
      recs.push({ sum: dec(line.subarray(0, hl)), name: dec(line.subarray(hl + 1)) });
      ok = true;
    }
    if (!ok) {
      if (st.wflag) warnx(st.ctx, `${file}: ${lineno}: improperly formatted ${st.alg.name} checksum line`);
      st.malformed++;
    }
  }
}

function decodeBytes(b: Uint8Array): string {
  return decode(b, 0, b.length);
}

/** Digest a descriptor in the current input mode; `tee` copies what is digested to stdout. */
function input(st: St, fd: number, tee: boolean): string {
  const d = newDigest(st.alg.id);
  const out = st.ctx.out;
  const buf = new Uint8Array(1 << 16);
  const mode = st.inMode;
  let cr = false;
  const NL = new Uint8Array([10]);
  // bits mode: FreeBSD restarts its bit count at each 4096-byte fread block
  let blockFill = 0, bits = 0, byte = 0;
  const one = new Uint8Array(1);
  for (;;) {
    const n = read(fd, buf);
    if (n === 0) break;
    const v = buf.subarray(0, n);
    if (mode === "*" || mode === " ") {
      if (tee) out.write(v);
      d.update(v);
    } else if (mode === "U") {
      let p = 0;
      while (p < n) {
        if (cr) {
          if (v[p] === 10) p++;
          if (tee) out.byte(10);
          d.update(NL);
          cr = false;
        }
        let q = v.indexOf(13, p);
        if (q < 0) q = n;
        if (q > p) {
          if (tee) out.write(v.subarray(p, q));
          d.update(v.subarray(p, q));
        }
        if (q < n) { cr = true; q++; }
        p = q;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (blockFill === 0) bits = byte = 0;
        blockFill = (blockFill + 1) & 4095;
        const c = v[i]!;
        if (c === 48 || c === 49) {
          byte = ((byte << 1) | (c - 48)) & 255;
          if (++bits === 8) {
            if (tee) out.byte(byte);
            one[0] = byte;
            d.update(one);
            bits = byte = 0;
          }
        }
      }
    }
  }
  if (cr) {
    if (tee) out.byte(10);
    d.update(NL);
  }
  if (mode === "^" && bits !== 0) errx(st.ctx, 1, "input length was not a multiple of 8");
  return d.digest();
}

function output(st: St, p: string, name: string): void {
  const out = st.ctx.out;
  let failed = false;
  if (st.cflag && st.gnu) {
    failed = st.check!.toLowerCase() !== p;
    if (!st.sflag && (!st.qflag || failed)) out.write(`${name}: ${failed ? "FAILED" : "OK"}${st.endl}`);
  } else {
    switch (st.outMode) {
      case "bare": out.write(p); break;
      case "gnu": out.write(`${p} ${st.inMode}${name}`); break;
      case "reverse": out.write(`${p} ${name}`); break;
      case "tagged": out.write(`${st.alg.name} (${name}) = ${p}`); break;
    }
    if (st.check !== undefined) {
      failed = st.check.toLowerCase() !== p;
      if (!st.qflag && failed) out.write(" [ Failed ]");
    }
    out.write(st.endl);
  }
  if (failed) st.checksFailed++;
}

/** -x: digest the reference strings with the native hasher and the portable code; both must agree. */
function selfTest(st: St): void {
  const out = st.ctx.out;
  out.write(`${st.alg.name} test suite:\n`);
  for (const t of TESTS) {
    const a = newDigest(st.alg.id), b = createHash(st.alg.id)!;
    a.update(enc(t));
    b.update(enc(t));
    const h = a.digest();
    out.write(`${st.alg.name} ("${t}") = ${h}`);
    if (h === b.digest()) out.write(" - verified correct\n");
    else {
      out.write(" - INCORRECT RESULT!\n");
      st.failed = true;
    }
  }
}

/** -t: digest 100000 blocks of 10000 bytes and report the speed. */
function timeTrial(st: St): void {
  const out = st.ctx.out;
  out.write(`${st.alg.name} time trial. Digesting 100000 10000-byte blocks ...`);
  out.flush();
  const block = new Uint8Array(10000).map((_, i) => i & 255);
  const t0 = monotonicNs();
  const d = newDigest(st.alg.id);
  for (let i = 0; i < 100000; i++) d.update(block);
  const p = d.digest();
  const secs = Number(monotonicNs() - t0) / 1e9;
  out.write(` done\nDigest = ${p}\nTime = ${secs.toFixed(6)} seconds\n`);
  out.write(`Speed = ${(1e9 / secs / (1 << 20)).toFixed(6)} MiB/second\n`);
}
