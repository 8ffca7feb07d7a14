// ctrlaltdel — set the function of the Ctrl-Alt-Del combination (chimerautils' own tool,
// util-linux compatible). ctrlaltdel [hard|soft]   getopt_long "hV" (--help --version).
// Without an argument the current setting is read from /proc/sys/kernel/ctrl-alt-del and
// printed: "hard" (1: the kernel reboots at once) or "soft" (0: init gets SIGINT); another
// value prints "implicit hard" and warns "unexpected value in /proc/sys/kernel/ctrl-alt-del:
// V" (status 1). With one, only root may set it: reboot(2) with LINUX_REBOOT_CMD_CAD_ON (hard)
// or LINUX_REBOOT_CMD_CAD_OFF (soft). Errors (status 1): "cannot read /proc/...: ...", "you
// must be root to set the CAD behavior", "unknown argument: X", "reboot: ...".
import { defineApplet, Getopt, usage, err, errx, warnx, helpVersion } from "@bsdbox/shared";
import { open, close, read, O, geteuid, rebootCmd } from "@bsdbox/compat";

const HELP = `Usage: ctrlaltdel hard|soft

Set the function of the Ctrl-Alt-Del combination.

      -h, --help     display this help and exit
      -V, --version  output version information and exit
`;
const PPATH = "/proc/sys/kernel/ctrl-alt-del";
const CAD_ON = 0x89abcdef, CAD_OFF = 0;

export default defineApplet({
  name: "ctrlaltdel",
  main(ctx) {
    const g = new Getopt(ctx, "hV", [
      { name: "help", has: 0, val: "h" },
      { name: "version", has: 0, val: "V" },
    ]);
    let help = false, version = false;
    for (let c; (c = g.next()) !== undefined; ) {
      switch (c) {
        case "h": help = true; break;
        case "V": version = true; break;
        default: usage(ctx, `Try '${ctx.prog} --help' for more information.`);
      }
    }
    if (help || version) return helpVersion(ctx, version, HELP);
    const args = g.rest;
    if (args.length === 0) {
      let text = "", n = 0;
      const b = new Uint8Array(31);
      try {
        const fd = open(PPATH, O.RDONLY);
        n = read(fd, b);
        close(fd);
      } catch (e) {
        err(ctx, 1, `cannot read ${PPATH}`, e);
      }
      if (n === 0) err(ctx, 1, `cannot read ${PPATH}`, 0);
      const nl = b.subarray(0, n).indexOf(10);
      text = String.fromCharCode(...b.subarray(0, nl < 0 ? n : nl + 1));
      if (text === "0" || text === "0\n" || text === "1" || text === "1\n") {
        ctx.out.write(text[0] === "0" ? "soft\n" : "hard\n");
        return 0;
      }
      ctx.out.write("implicit hard\n");
      ctx.out.flush();
      warnx(ctx, `unexpected value in ${PPATH}: ${text.replace(/\n$/, "")}`);
      return 1;
    }
    if (geteuid() !== 0) errx(ctx, 1, "you must be root to set the CAD behavior");
    const cmd = args[0] === "hard" ? CAD_ON : args[0] === "soft" ? CAD_OFF : errx(ctx, 1, `unknown argument: ${args[0]}`);
    try {
      rebootCmd(cmd);
    } catch (e) {
      err(ctx, 1, "reboot", e);
    }
    return 0;
  },
});
