import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

// a private tree: bin dirs with executables, a source tree, no manual pages (-M to an empty dir)
const files = {
  "b1/prog": "#!/bin/sh\n", "b2/prog": "#!/bin/sh\n", "b2/plain": "data\n", "b2/dir/.keep": "",
  "src/prog/main.c": "", "src2/prog/x.c": "", "src/other/.keep": "", "man/.keep": "",
};
const setup = "/bin/chmod +x b1/prog b2/prog; ";

test("-b with -B: the first regular executable, all of them with -a", () => {
  assert.is(sh(setup + "whereis -b -B b1 b2 -f prog plain dir", { files }).out, "prog: b1/prog\nplain:\ndir:\n");
  assert.is(sh(setup + "whereis -ab -B b1:b2 -f prog", { files }).out, "prog: b1/prog b2/prog\n");
  assert.is(sh(setup + "whereis -qb -B b2 -f prog", { files }).out, "b2/prog\n");
  assert.is(sh(setup + "whereis -qb -B b2 -f nothing", { files }).out, "");
});

test("-s with -S: a directory of the name; -x skips locate", () => {
  assert.is(sh("whereis -sx -S src src2 -f prog other none", { files }).out, "prog: src/prog\nother: src/other\nnone:\n");
  assert.is(sh("whereis -asx -S src src2 -f prog", { files }).out, "prog: src/prog src2/prog\n");
});

test("all kinds at once; -u prints only names with something missing", () => {
  const r = sh(setup + "whereis -x -B b1 -M man -S src -f prog", { files });
  assert.is(r.out, "prog: b1/prog src/prog\n");
  assert.is(sh(setup + "whereis -u -bx -B b1 -S src -f prog nothing", { files }).out, "nothing:\n");
  assert.is(sh(setup + "whereis -u -bsx -B b1 -S src -f prog", { files }).out, "");
});

test("names lose a leading path, s. and ,v and compression suffixes", () => {
  assert.is(sh(setup + "whereis -b -B b1 -f /x/y/prog s.prog prog,v prog.gz prog.Z prog.bz2", { files }).out,
    "prog: b1/prog\n".repeat(6));
});

test("the default binary path holds /bin and $PATH", () => {
  const r = sh(setup + "PATH=$PWD/b2:$PATH whereis -b sh prog", { files });
  assert.match(r.out, /^sh: \/bin\/sh\n/);
  assert.match(r.out, /\nprog: .*\/b2\/prog\n$/);
});

test("usage: no program, unknown option (status 64); nothing to search (65)", () => {
  for (const a of [[], ["-b"], ["-Z", "x"]]) {
    const r = run("whereis", a);
    assert.is(r.status, 64, a.join(" "));
    assert.ok(r.err.endsWith("usage: whereis [-abmqsux] [-BMS dir ... -f] program ...\n"));
  }
  const n = run("whereis", ["-b", "-B", "-f", "x"]);
  assert.is(n.status, 65);
  assert.is(n.err, "whereis: no directories to search\n");
});

test.run();
