// mcookie — generate magic cookies for xauth (chimerautils' own tool, util-linux compatible).
// mcookie [-v] [-f file]... [-m maxsize]   getopt_long "+f:m:vhV" (--file --max-size --verbose
// --help --version). Prints the first 128 bits of the MD5 digest of 128 random bytes (the
// system's CSPRNG) as 32 lower-case hex digits and a newline. -v tells on stderr where the
// bytes came from ("Got 128 bytes from getrandom() function").
// Extensions from util-linux kept here: -f file adds up to maxsize bytes (default 4096; -m takes
// K M G... suffixes) of each file ("-": standard input) to the digest before the random bytes;
// a file that cannot be opened is a warning ("cannot open F: ..."); -v: "Got N bytes from F".
import { defineApplet, Getopt, usage, errx, warn, expandNumber, helpVersion } from "@bsdbox/shared";
import { open, close, O, read, randomBytes, hashInit, hashUpdate, hashDigest } from "@bsdbox/compat";

const HELP = `Usage: mcookie [OPTION]...

Generate magic cookies for xauth.

      -f, --file FILE     use FILE as an additional source of randomness
      -m, --max-size NUM  read at most NUM bytes of each FILE (default 4096)
      -v, --verbose       explain what is being done
      -h, --help          display this help and exit
      -V, --version       output version information and exit
`;
const RANDOM_BYTES = 128;

export default defineApplet({
  name: "mcookie",
  main(ctx) {
    const g = new Getopt(ctx, "+f:m:vhV", [
      { name: "file", has: 1, val: "f" },
      { name: "max-size", has: 1, val: "m" },
      { name: "verbose", has: 0, val: "v" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    let verbose = false, help = false, version = false, max = 4096;
    const files: string[] = [];
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "f": files.push(g.optarg!); break;
        case "m": {
          const r = expandNumber(g.optarg!);
          if (r.error || r.value <= 0n || r.value > BigInt(Number.MAX_SAFE_INTEGER))
            errx(ctx, 1, `invalid argument of --max-size: ${g.optarg}`);
          max = Number(r.value);
          break;
        }
        case "v": verbose = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, `Try '${ctx.prog} --help' for more information.`);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    const h = hashInit("md5");
    if (!h) errx(ctx, 1, "could not init digest");
    for (const f of files) {
      let fd: number;
      try {
        fd = f === "-" ? ctx.stdin : open(f, O.RDONLY);
      } catch (e) {
        warn(ctx, `cannot open ${f}`, e);
        continue;
      }
      const buf = new Uint8Array(Math.min(max, 65536));
      let got = 0;
      try {
        for (let n; got < max && (n = read(fd, buf, 0, Math.min(buf.length, max - got))) > 0; got += n)
          hashUpdate(h, buf.subarray(0, n));
      } catch (e) {
        warn(ctx, f, e);
      }
      if (fd !== ctx.stdin) close(fd);
      if (verbose) {
        ctx.err.write(`Got ${got} bytes from ${f}\n`);
        ctx.err.flush();
      }
    }
    hashUpdate(h, randomBytes(RANDOM_BYTES));
    if (verbose) {
      ctx.err.write(`Got ${RANDOM_BYTES} bytes from getrandom() function\n`);
      ctx.err.flush();
    }
    ctx.out.write(hashDigest(h).slice(0, 32) + "\n");
    return 0;
  },
});
