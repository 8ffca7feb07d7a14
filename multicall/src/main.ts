// bsdbox entry point: dispatch on basename(argv[0]), or `bsdbox NAME args`.
import { sysArgv, basename, runProcess } from "@bsdbox/shared";
import { exit, readlink, symlink, link, unlink, lstat, mkdir, SysError, writeAll, encode } from "@bsdbox/compat";
import { applets } from "./applets";

const USAGE = `usage: bsdbox NAME [argument ...]
       bsdbox --list
       bsdbox --install [-H] DIR
`;

function say(fd: number, s: string) {
  writeAll(fd, encode(s));
}

function install(dir: string, hard: boolean): number {
  const exe = readlink("/proc/self/exe");
  try {
    mkdir(dir, 0o755);
  } catch (e) {
    if (!(e instanceof SysError && e.errno === 17)) {
      say(2, `bsdbox: ${dir}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  let status = 0;
  for (const name of Object.keys(applets)) {
    const dst = `${dir}/${name}`;
    try {
      try {
        lstat(dst);
        unlink(dst);
      } catch {}
      if (hard) link(exe, dst);
      else symlink(exe, dst);
    } catch (e) {
      say(2, `bsdbox: ${dst}: ${(e as Error).message}\n`);
      status = 1;
    }
  }
  return status;
}

function start(argv: string[]): void {
  let name = basename(argv[0] ?? "bsdbox");
  let argv0 = argv[0] ?? "bsdbox";
  let args = argv.slice(1);
  if (!Object.hasOwn(applets, name)) {
    // multicall form
    const first = args[0];
    if (first === undefined) {
      say(2, USAGE);
      exit(1);
    }
    if (first === "--list") {
      say(1, Object.keys(applets).join("\n") + "\n");
      exit(0);
    }
    if (first === "--help") {
      say(1, USAGE);
      exit(0);
    }
    if (first === "--install") {
      const rest = args.slice(1);
      const hard = rest[0] === "-H";
      if (hard) rest.shift();
      if (rest.length !== 1) {
        say(2, USAGE);
        exit(1);
      }
      exit(install(rest[0]!, hard));
    }
    name = basename(first);
    argv0 = first;
    args = args.slice(1);
    if (!Object.hasOwn(applets, name)) {
      say(2, `bsdbox: ${first}: applet not found\n`);
      exit(127);
    }
  }
  const m = applets[name]!();
  if (!(m instanceof Promise)) {
    runProcess(m.default, argv0, args);
    return;
  }
  m.then(
    (m) => runProcess(m.default, argv0, args),
    (e) => {
      say(2, `bsdbox: internal error: ${name}: ${(e as Error)?.message ?? e}\n`);
      exit(70);
    },
  );
}

start(sysArgv());
