// pathchk — check pathnames.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pathchk.html  FreeBSD: pathchk(1)
// usage: pathchk [-pP] pathname ... Each operand is checked component by component: length
// against NAME_MAX (255 as musl's pathconf(3) reports it; _POSIX_NAME_MAX 14 with -p), whether
// the prefix so far can be looked up (any error but ENOENT fails), with -p only the portable
// characters [A-Za-z0-9._-]; then the whole length against PATH_MAX (4096; _POSIX_PATH_MAX 256
// with -p). -P (and -p) reject a component starting with '-'; -P rejects an empty pathname.
// One message per failing operand; status 1 when any failed. Lengths count bytes.
import { defineApplet, Getopt, usage, warnx, encode, decode } from "@bsdbox/shared";
import { stat, SysError } from "@bsdbox/compat";

const USAGE = "usage: pathchk [-p] pathname ...";
const SLASH = 0x2f;

export default defineApplet({
  name: "pathchk",
  main(ctx) {
    let p = false, P = false;
    const g = new Getopt(ctx, "pP");
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "p") p = true;
      else if (c === "P") P = true;
      else usage(ctx, USAGE);
    }
    const args = g.rest;
    if (!args.length) usage(ctx, USAGE);
    let status = 0;
    for (const a of args) if (!check(a)) status = 1;
    return status;

    function check(path: string): boolean {
      const b = encode(path);
      const bad = (msg: string) => (warnx(ctx, `${path}: ${msg}`), false);
      if (P && b.length === 0) return bad("empty pathname");
      if ((P || p) && (b[0] === 0x2d || path.includes("/-"))) return bad("contains a component starting with '-'");
      const nameMax = p ? 14 : 255;
      let i = 0;
      for (;;) {
        while (b[i] === SLASH) i++;
        let end = i;
        while (end < b.length && b[end] !== SLASH) end++;
        const comp = decode(b.subarray(i, end));
        if (end - i > nameMax) return bad(`${comp}: component too long (limit ${nameMax})`);
        if (!p) {
          const prefix = decode(b.subarray(0, end));
          try {
            stat(prefix);
          } catch (e) {
            if (!(e instanceof SysError)) throw e;
            if (e.errno !== 2) {
              // FreeBSD prints the prefix before this component ("%.*s", a negative precision
              // meaning the whole of it)
              const n = end - (end - i) - 1;
              return bad(`${n < 0 ? prefix : decode(b.subarray(0, n))}: ${e.message}`);
            }
          }
        } else {
          for (let k = i; k < end; k++) {
            const c = b[k]!;
            const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5f || c === 0x2d;
            if (!ok) return bad(`${comp}: component contains non-portable character \`${decode(b.subarray(k, k + 1))}'`);
          }
        }
        if (end >= b.length) break;
        i = end + 1;
      }
      const pathMax = p ? 256 : 4096;
      if (b.length >= pathMax) return bad(`path too long (limit ${pathMax - 1})`);
      return true;
    }
  },
});
