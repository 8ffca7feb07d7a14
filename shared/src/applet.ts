// The applet contract: an applet is a function of a context that returns an exit status.
import { Writer } from "./io";

export type Env = Map<string, string>;

export interface Ctx {
  /** getprogname(): basename of how the tool was invoked ("cat", "[", "egrep"). */
  prog: string;
  /** argv[0] as invoked; musl's getopt prefixes its messages with it. */
  argv0: string;
  /** The arguments after argv[0]. */
  args: string[];
  env: Env;
  out: Writer;
  err: Writer;
  /** The descriptor of standard input. */
  stdin: number;
  /** Exit status accumulated by warnings on operands. */
  status: number;
}

export interface Applet {
  name: string;
  /** Synchronous as a rule; a tool that must wait for signals or timers may return a Promise. */
  main(ctx: Ctx): number | void | Promise<number | void>;
}

export function defineApplet(a: Applet): Applet {
  return a;
}

/** Thrown to end the applet with a status (err(), errx(), usage()). */
export class Exit {
  constructor(public code: number) {}
}
