// The applet table: static data, name -> lazy loader. Nothing runs at start-up but the one
// applet asked for. Personalities (several names, one module) map to the same loader; the
// applet tells them apart by ctx.prog.
import type { Applet } from "@bsdbox/shared";

type Loader = () => Promise<{ default: Applet }>;

export const applets: Record<string, Loader> = {
  "[": () => import("@bsdbox/coreutils/test"),
  basename: () => import("@bsdbox/coreutils/basename"),
  cat: () => import("@bsdbox/coreutils/cat"),
  chmod: () => import("@bsdbox/coreutils/chmod"),
  dir: () => import("@bsdbox/coreutils/ls"),
  dirname: () => import("@bsdbox/coreutils/dirname"),
  echo: () => import("@bsdbox/coreutils/echo"),
  env: () => import("@bsdbox/coreutils/env"),
  expr: () => import("@bsdbox/coreutils/expr"),
  false: () => import("@bsdbox/coreutils/false"),
  head: () => import("@bsdbox/coreutils/head"),
  link: () => import("@bsdbox/coreutils/ln"),
  ln: () => import("@bsdbox/coreutils/ln"),
  logname: () => import("@bsdbox/coreutils/logname"),
  ls: () => import("@bsdbox/coreutils/ls"),
  mkdir: () => import("@bsdbox/coreutils/mkdir"),
  nproc: () => import("@bsdbox/coreutils/nproc"),
  printenv: () => import("@bsdbox/coreutils/printenv"),
  printf: () => import("@bsdbox/coreutils/printf"),
  pwd: () => import("@bsdbox/coreutils/pwd"),
  rm: () => import("@bsdbox/coreutils/rm"),
  rmdir: () => import("@bsdbox/coreutils/rmdir"),
  seq: () => import("@bsdbox/coreutils/seq"),
  sleep: () => import("@bsdbox/coreutils/sleep"),
  tail: () => import("@bsdbox/coreutils/tail"),
  tee: () => import("@bsdbox/coreutils/tee"),
  test: () => import("@bsdbox/coreutils/test"),
  true: () => import("@bsdbox/coreutils/true"),
  tty: () => import("@bsdbox/coreutils/tty"),
  uname: () => import("@bsdbox/coreutils/uname"),
  unlink: () => import("@bsdbox/coreutils/rm"),
  vdir: () => import("@bsdbox/coreutils/ls"),
  wc: () => import("@bsdbox/coreutils/wc"),
  yes: () => import("@bsdbox/coreutils/yes"),
};
