// getopt(3) and getopt_long(3) with musl's exact semantics (src/misc/getopt.c, getopt_long.c):
// - plain getopt never permutes: the first operand ends the options (`rm x -f` removes "-f");
// - getopt_long permutes operands after options unless the option string starts with '+';
// - long options may be abbreviated to any unique prefix; `--name=value`, `--name value`;
// - messages: "ARGV0: unrecognized option: z", "ARGV0: option requires an argument: n",
//   "ARGV0: option is ambiguous: fo", "ARGV0: option does not take an argument: name";
// - "x::" takes an optional argument only when attached ("-xARG").
import type { Ctx } from "./applet";

export interface LongOpt {
  name: string;
  /** 0 no argument, 1 required, 2 optional (only as --name=value) */
  has: 0 | 1 | 2;
  /** what next() returns for it: usually the equivalent short option letter */
  val: string;
}

export class Getopt {
  /** index into argv (argv[0] is the program) of the next element to look at */
  optind = 1;
  optarg: string | undefined;
  /** the offending option character on '?' */
  optopt = "";
  /** print messages (opterr) */
  opterr = true;
  /** index of the matched long option */
  longindex = -1;
  private optpos = 0;
  readonly argv: string[];
  private readonly permute: boolean;
  private readonly colon: boolean;
  private readonly spec: string;

  constructor(private ctx: Ctx, optstring: string, private longopts?: LongOpt[], argv?: string[]) {
    this.argv = argv ?? [ctx.argv0, ...ctx.args];
    const lead = optstring[0] === "+" || optstring[0] === "-";
    this.permute = !!longopts && !lead;
    this.spec = lead ? optstring.slice(1) : optstring;
    this.colon = this.spec[0] === ":";
  }

  /** The operands left after option parsing. */
  get rest(): string[] {
    return this.argv.slice(this.optind);
  }

  private msg(text: string, what: string) {
    if (this.opterr && !this.colon) {
      this.ctx.err.write(`${this.argv[0]}${text}${what}\n`);
      this.ctx.err.flush();
    }
  }

  /** Next option: its letter (or long `val`), "?" on error, ":" for a missing argument with a
   * leading ':' in the spec, or undefined at the end of the options. */
  next(): string | undefined {
    if (!this.longopts) return this.short();
    const argv = this.argv;
    if (this.optind >= argv.length) return undefined;
    const skipped = this.optind;
    if (this.permute) {
      let i = this.optind;
      for (;; i++) {
        if (i >= argv.length) return undefined;
        const a = argv[i]!;
        if (a[0] === "-" && a.length > 1) break;
      }
      this.optind = i;
    }
    const resumed = this.optind;
    const ret = this.longCore();
    if (resumed > skipped) {
      const cnt = this.optind - resumed;
      const moved = argv.splice(resumed, cnt);
      argv.splice(skipped, 0, ...moved);
      this.optind = skipped + cnt;
    }
    return ret;
  }

  private longCore(): string | undefined {
    this.optarg = undefined;
    const argv = this.argv;
    const a = argv[this.optind]!;
    const lo = this.longopts!;
    if (a[0] === "-" && a[1] === "-" && a.length > 2) {
      const body = a.slice(2);
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      let cnt = 0, match = -1;
      for (let i = 0; i < lo.length; i++) {
        if (!lo[i]!.name.startsWith(name)) continue;
        match = i;
        if (lo[i]!.name.length === name.length) { cnt = 1; break; }
        cnt++;
      }
      if (cnt === 1) {
        const o = lo[match]!;
        this.optind++;
        this.longindex = match;
        if (eq >= 0) {
          if (!o.has) {
            this.optopt = o.val;
            this.msg(": option does not take an argument: ", o.name);
            return "?";
          }
          this.optarg = body.slice(eq + 1);
        } else if (o.has === 1) {
          if (this.optind >= argv.length) {
            this.optopt = o.val;
            if (this.colon) return ":";
            this.msg(": option requires an argument: ", o.name);
            return "?";
          }
          this.optarg = argv[this.optind++];
        }
        return o.val;
      }
      this.optopt = "";
      this.msg(cnt ? ": option is ambiguous: " : ": unrecognized option: ", body);
      this.optind++;
      return "?";
    }
    return this.short();
  }

  private short(): string | undefined {
    const argv = this.argv;
    this.optarg = undefined;
    if (this.optind >= argv.length) return undefined;
    const a = argv[this.optind]!;
    if (a[0] !== "-") return undefined;
    if (a.length === 1) return undefined;
    if (a[1] === "-" && a.length === 2) {
      this.optind++;
      return undefined;
    }
    if (!this.optpos) this.optpos++;
    const cp = a.codePointAt(this.optpos)!;
    const c = String.fromCodePoint(cp);
    this.optpos += c.length;
    if (this.optpos >= a.length) {
      this.optind++;
      this.optpos = 0;
    }
    const spec = this.spec;
    const i = c === ":" ? -1 : spec.indexOf(c);
    if (i < 0) {
      this.optopt = c;
      this.msg(": unrecognized option: ", c);
      return "?";
    }
    if (spec[i + c.length] === ":") {
      if (spec[i + c.length + 1] !== ":" || this.optpos) {
        if (this.optind >= argv.length) {
          this.optopt = c;
          if (this.colon) return ":";
          this.msg(": option requires an argument: ", c);
          return "?";
        }
        this.optarg = argv[this.optind++]!.slice(this.optpos);
        this.optpos = 0;
      }
    }
    return c;
  }
}
