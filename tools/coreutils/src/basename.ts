// basename — return the last component of a path name, optionally without a suffix.
// POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/basename.html  FreeBSD: basename(1)
// usage: basename string [suffix] | basename [-a] [-s suffix] string [...]
// -a: every operand is a string; -s suffix: strip suffix from each (implies several operands).
// An empty first operand prints an empty line and ends (FreeBSD). The suffix is removed only
// when it is not the whole name and ends on a character boundary (bytes with LC_ALL=C).
import { defineApplet, Getopt, usage, utf8Locale, encode, decode, pathBasename } from "@bsdbox/shared";

const USAGE = "usage: basename string [suffix]\n       basename [-a] [-s suffix] string [...]";

export default defineApplet({
  name: "basename",
  main(ctx) {
    const g = new Getopt(ctx, "as:");
    let aflag = false;
    let suffix: string | undefined;
    for (let c; (c = g.next()) !== undefined; ) {
      if (c === "a") aflag = true;
      else if (c === "s") suffix = g.optarg!;
      else usage(ctx, USAGE);
    }
    let args = g.rest;
    if (args.length < 1) usage(ctx, USAGE);
    if (args[0] === "") {
      ctx.out.write("\n");
      return 0;
    }
    if (suffix === undefined && !aflag && args.length === 2) {
      suffix = args[1]!;
      args = args.slice(0, 1);
    }
    const bytes = !utf8Locale(ctx.env);
    for (const a of args) {
      let p = pathBasename(a);
      if (suffix) p = strip(p, suffix, bytes);
      ctx.out.write(p + "\n");
    }
    return 0;
  },
});

function strip(p: string, suffix: string, bytes: boolean): string {
  if (!bytes) return p.length > suffix.length && p.endsWith(suffix) ? p.slice(0, -suffix.length) : p;
  // LC_ALL=C: every byte is a character, so the suffix may end inside a UTF-8 sequence
  const pb = encode(p), sb = encode(suffix);
  const off = pb.length - sb.length;
  if (off <= 0) return p;
  for (let i = 0; i < sb.length; i++) if (pb[off + i] !== sb[i]) return p;
  return decode(pb.subarray(0, off));
}
