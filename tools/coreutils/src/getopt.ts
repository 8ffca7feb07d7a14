// getopt — parse command options (the old BSD getopt(1), not util-linux's).
// FreeBSD: getopt(1). usage: getopt optstring [arg ...]. The arguments are parsed with getopt(3)
// against optstring and printed canonically: each option as " -x" (or " -x arg"), then " --"
// and the remaining operands, on one line; status 1 when getopt(3) reported an error (its
// message goes to standard error), else 0. Nothing is quoted. An optstring beginning with '-'
// reports each operand met before the end of options as option \1 with the operand as argument
// (musl's getopt(3)); ':' first silences the messages and reports a missing argument as -:.
import { defineApplet, Getopt } from "@bsdbox/shared";

export default defineApplet({
  name: "getopt",
  main(ctx) {
    let status = 0, line = "";
    if (ctx.args.length >= 1) {
      const spec = ctx.args[0]!;
      const g = new Getopt(ctx, spec);
      g.optind = 2;
      const argv = g.argv;
      for (;;) {
        if (spec[0] === "-" && g.optind < argv.length && argv[g.optind]![0] !== "-") {
          line += ` -\x01 ${argv[g.optind++]}`;
          continue;
        }
        const c = g.next();
        if (c === undefined) break;
        if (c === "?") status = 1;
        else line += g.optarg !== undefined ? ` -${c} ${g.optarg}` : ` -${c}`;
      }
      line += " --";
      for (const a of argv.slice(g.optind)) line += ` ${a}`;
    } else line = " --";
    ctx.out.write(line + "\n");
    return status;
  },
});
