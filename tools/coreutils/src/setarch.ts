// setarch, linux32, linux64 — change the reported architecture and personality flags
// (chimerautils' own tool, util-linux compatible).
// setarch [arch] [-RFZLXBIST3v] [--4gb] [--uname-2.6] [program [argument ...]]
// setarch --list;   linux32|linux64 [options] [program [argument ...]]
// A first argument not starting with '-' is the architecture (as if it were argv[0]); called as
// linux32/linux64 the name is the architecture and --list is refused. getopt_long
// "+RFZLXBIST3vhV". Architectures: uname26, linux32, linux64 and this machine's family (on
// x86-64: i386 i486 i586 i686 athlon x86_64; on arm64: armv7l armv8l armh arm arm64 aarch64...);
// an unknown machine is added under its own name with the word size of
// /sys/kernel/address_bits. personality(2) is set to the domain | the flags (tried twice), then
// uname's machine must match the domain's (i386 and arm accept any of their family), and the
// program replaces this process (execvp), or "-sh" (a login /bin/sh) without one. -v prints
// "Switching on FLAG." for each flag option after it and "Execute command 'P'.".
// Errors (status 1): "no architecture argument or personality flags specified", "A:
// unrecognized architecture", "failed to set personality to A: ...", "could not set
// architecture to A", "execvp: ..."; an unknown option adds the --help hint.
import { defineApplet, Getopt, usage, err, errx, type LongOpt } from "@bsdbox/shared";
import { personality, PER, unameMachine, execvp, execve, open, close, read, O } from "@bsdbox/compat";

interface Domain { pval: number; tarch: string; rarch?: string }

function domains(): Domain[] {
  const d: Domain[] = [
    { pval: PER.UNAME26, tarch: "uname26" },
    { pval: PER.LINUX32, tarch: "linux32" },
    { pval: PER.LINUX, tarch: "linux64" },
  ];
  const add = (pval: number, rarch: string, ...names: string[]) => names.forEach((tarch) => d.push({ pval, tarch, rarch }));
  const machine = unameMachine();
  const fam = machine === "x86_64" || /^i[3-6]86$/.test(machine) ? "x86"
    : machine === "aarch64" || machine.startsWith("arm") ? "arm"
    : machine.startsWith("ppc64") || machine.startsWith("ppc") ? "ppc"
    : machine.startsWith("s390") ? "s390" : machine.startsWith("sparc") ? "sparc"
    : machine.startsWith("mips") ? "mips" : machine.startsWith("parisc") ? "parisc" : "";
  switch (fam) {
    case "arm":
      add(PER.LINUX32, "arm", "armv7l", "armv8l", "armh", "arm");
      add(PER.LINUX, "aarch64", "arm64", "aarch64");
      break;
    case "ppc":
      if (machine.endsWith("le")) {
        add(PER.LINUX32, "ppcle", "ppc32", "ppc", "ppc32le", "ppcle");
        add(PER.LINUX, "ppc64le", "ppc64le");
      } else {
        add(PER.LINUX32, "ppc", "ppc32", "ppc");
        add(PER.LINUX, "ppc64", "ppc64", "ppc64pseries", "ppc64iseries");
      }
      break;
    case "s390": add(PER.LINUX32, "s390", "s390"); add(PER.LINUX, "s390x", "s390x"); break;
    case "sparc":
      add(PER.LINUX32, "sparc", "sparc", "sparc32bash", "sparc32");
      add(PER.LINUX, "sparc64", "sparc64");
      break;
    case "mips": add(PER.LINUX32, "mips", "mips32", "mips"); add(PER.LINUX, "mips64", "mips64"); break;
    case "parisc":
      add(PER.LINUX32, "parisc", "parisc32", "parisc");
      add(PER.LINUX, "parisc64", "parisc64");
      break;
    case "x86":
      add(PER.LINUX32, "i386", "i386", "i486", "i586", "i686", "athlon");
      add(PER.LINUX, "x86_64", "x86_64");
      break;
  }
  if (!d.some((x) => x.tarch === machine)) {
    // a machine this table does not know: its own name, with the kernel's word size
    let ws = 64;
    try {
      const fd = open("/sys/kernel/address_bits", O.RDONLY);
      const b = new Uint8Array(2);
      const n = read(fd, b);
      close(fd);
      if (n === 2 && b[0] === 0x33 && b[1] === 0x32) ws = 32;
    } catch {}
    d.push({ pval: ws === 32 ? PER.LINUX32 : PER.LINUX, tarch: machine, rarch: machine });
  }
  return d;
}

const FLAGS: [string, string, keyof typeof PER][] = [
  ["R", "addr-no-randomize", "ADDR_NO_RANDOMIZE"], ["F", "fdpic-funcptrs", "FDPIC_FUNCPTRS"],
  ["Z", "mmap-page-zero", "MMAP_PAGE_ZERO"], ["L", "addr-compat-layout", "ADDR_COMPAT_LAYOUT"],
  ["X", "read-implies-exec", "READ_IMPLIES_EXEC"], ["B", "32bit", "ADDR_LIMIT_32BIT"],
  ["I", "short-inode", "SHORT_INODE"], ["S", "whole-seconds", "WHOLE_SECONDS"],
  ["T", "sticky-timeouts", "STICKY_TIMEOUTS"], ["3", "3gb", "ADDR_LIMIT_3GB"],
  ["uname-2.6", "uname-2.6", "UNAME26"],
];

const HELP = `
Change the reported architecture and personality flags.

      -B, --32bit               turn on ADDR_LIMIT_32BIT
      -F, --fdpic-funcptrs      make function pointers point to descriptors
      -I, --short-inode         turn on SHORT_INODE
      -L, --addr-compat-layout  change the way virtual memory is allocated
      -R, --addr-no-randomize   disable randomization of virtual address space
      -S, --whole-seconds       turn on WHOLE_SECONDS
      -T, --sticky-timeouts     turn on STICKY_TIMEOUTS
      -X, --read-implies-exec   turn on READ_IMPLIES_EXEC
      -Z, --mmap-page-zero      turn on MMAP_PAGE_ZERO
      -3, --3gb                 limit the used address space to 3GB
          --4gb                 ignored (for compatibility)
          --uname-2.6           pretend we are 2.6 kernel
      -v, --verbose             say what is being done
      -h, --help                display this help and exit
      -V, --version             output version information and exit
`;

export default defineApplet({
  name: "setarch",
  main(ctx) {
    const hint = `Try '${ctx.prog} --help' for more information.`;
    let args = ctx.args;
    let arch: string | undefined = ctx.prog;
    const wrapped = ctx.prog !== "setarch";
    if (!wrapped) {
      if (args.length > 0 && !args[0]!.startsWith("-")) {
        arch = args[0]!;
        args = args.slice(1);
      } else arch = undefined;
    }
    const longs: LongOpt[] = [
      ...FLAGS.map(([val, name]) => ({ name, has: 0 as const, val })),
      { name: "4gb", has: 0, val: "4gb" },
      { name: "list", has: 0, val: "list" },
      { name: "verbose", has: 0, val: "v" },
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ];
    const g = new Getopt(ctx, "+RFZLXBIST3vhV", longs, [ctx.argv0, ...args]);
    let verbose = false, help = false, version = false, options = 0;
    for (let c; (c = g.next()) !== undefined; ) {
      const f = FLAGS.find(([v]) => v === c);
      if (f) {
        options |= PER[f[2]];
        if (verbose) ctx.out.write(`Switching on ${f[2]}.\n`);
        continue;
      }
      switch (c) {
        case "v": verbose = true; break;
        case "h": help = true; break;
        case "V": version = true; break;
        case "4gb": break;
        case "list":
          if (!wrapped) {
            for (const d of domains()) ctx.out.write(`${d.tarch}\n`);
            return 0;
          }
          usage(ctx, `${ctx.prog}: invalid option '--list'\n${hint}`);
        default: usage(ctx, hint);
      }
    }
    if (help) {
      ctx.out.write(`Usage: ${ctx.prog}${wrapped ? "" : " [ARCH]"} [OPTION]... [PROGRAM [OPTION]...]\n${HELP}`);
      if (!wrapped) ctx.out.write("          --list                list settable architectures and exit\n");
      return 0;
    }
    if (version) {
      ctx.out.write(`${ctx.prog} (bsdbox) 0.1.0\n`);
      return 0;
    }
    if (arch === undefined && !options) errx(ctx, 1, "no architecture argument or personality flags specified");
    const rest = g.rest;
    const table = arch === undefined ? [] : domains();
    const tgt = arch === undefined ? undefined : table.find((d) => d.tarch === arch);
    if (arch !== undefined && !tgt) errx(ctx, 1, `${arch}: unrecognized architecture`);
    const pers = (tgt?.pval ?? 0) | options;
    try {
      personality(pers);
    } catch {
      try {
        personality(pers);
      } catch (e) {
        err(ctx, 1, `failed to set personality to ${arch ?? "(null)"}`, e);
      }
    }
    if (tgt?.rarch) {
      const m = unameMachine();
      const ok = m === tgt.rarch
        || ((tgt.rarch === "i386" || tgt.rarch === "arm") && table.some((d) => d.rarch === tgt.rarch && d.tarch === m));
      if (!ok) errx(ctx, 1, `could not set architecture to ${arch}`);
    }
    const env = [...ctx.env];
    if (rest.length) {
      if (verbose) ctx.out.write(`Execute command '${rest[0]}'.\n`);
      ctx.out.flush();
      try {
        execvp(rest[0]!, rest, env);
      } catch (e) {
        err(ctx, 1, "execvp", e);
      }
    }
    ctx.out.flush();
    try {
      execve("/bin/sh", ["-sh"], env);
    } catch (e) {
      err(ctx, 1, "execl", e);
    }
  },
});
