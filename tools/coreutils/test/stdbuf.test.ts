import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { run } from "@bsdbox/posix-tests";

const SHOW = ["/bin/sh", "-c", 'echo "${_STDBUF_I-unset}|${_STDBUF_O-unset}|${_STDBUF_E-unset}"'];

test("the modes go into _STDBUF_I/_STDBUF_O/_STDBUF_E; unset ones stay unset", () => {
  assert.is(run("stdbuf", ["-o", "L", "-e", "0", ...SHOW]).out, "unset|L|0\n");
  assert.is(run("stdbuf", ["-i0", ...SHOW]).out, "0|unset|unset\n");
});

test("a preload library is appended to LD_PRELOAD when one is installed", () => {
  const r = run("stdbuf", ["-oL", "/bin/sh", "-c", 'echo "${LD_PRELOAD-unset}"'], { env: { LD_PRELOAD: "/x.so" } });
  const libs = ["/usr/lib/libstdbuf.so", "/usr/libexec/coreutils/libstdbuf.so", "/usr/lib/coreutils/libstdbuf.so",
    "/usr/lib64/coreutils/libstdbuf.so", "/usr/local/libexec/coreutils/libstdbuf.so"];
  const lib = libs.find((p) => fs.existsSync(p));
  assert.is(r.out, lib ? `/x.so:${lib}\n` : "/x.so\n");
  if (lib && lib !== libs[0]) {
    // GNU's library takes byte counts only
    assert.is(run("stdbuf", ["-o", "4k", "-e", "B", ...SHOW]).out, "unset|4096|8192\n");
  }
});

test("no command: nothing, status 0; usage 1; not runnable 2", () => {
  const z = run("stdbuf", ["-o0"]);
  assert.is(z.status, 0);
  assert.is(z.out + z.err, "");
  const u = run("stdbuf", ["-x", "true"]);
  assert.is(u.status, 1);
  assert.match(u.err, /usage: stdbuf \[-e 0\|L\|B\|<sz>\] \[-i 0\|L\|B\|<sz>\] \[-o 0\|L\|B\|<sz>\] <cmd> \[args \.\.\.\]\n$/);
  const nf = run("stdbuf", ["no-such-cmd-xyz"]);
  assert.is(nf.status, 2);
  assert.is(nf.err, "stdbuf: no-such-cmd-xyz: No such file or directory\n");
});

test.run();
