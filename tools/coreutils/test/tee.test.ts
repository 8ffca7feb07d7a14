import { test } from "uvu";
import { spawn } from "node:child_process";
import * as assert from "uvu/assert";
import { run, sh, implDir } from "@bsdbox/posix-tests";
import * as fs from "node:fs";
import * as path from "node:path";

test("copies to standard output and to every file", () => {
  const r = run("tee", ["f", "g"], { stdin: "data\n" });
  assert.is(r.out, "data\n");
  assert.is(r.status, 0);
  assert.is(r.err, "");
  assert.is(fs.readFileSync(path.join(r.dir, "f"), "utf8"), "data\n");
  assert.is(fs.readFileSync(path.join(r.dir, "g"), "utf8"), "data\n");
});

test("truncates by default, appends with -a", () => {
  let r = run("tee", ["f"], { stdin: "n\n", files: { f: "oldoldold\n" } });
  assert.is(fs.readFileSync(path.join(r.dir, "f"), "utf8"), "n\n");
  r = run("tee", ["-a", "f"], { stdin: "new\n", files: { f: "old\n" } });
  assert.is(r.out, "new\n");
  assert.is(fs.readFileSync(path.join(r.dir, "f"), "utf8"), "old\nnew\n");
});

test("no operands: a plain copy; '-' is a file name", () => {
  assert.is(run("tee", [], { stdin: "x\ny" }).out, "x\ny");
  const r = run("tee", ["-"], { stdin: "x\n" });
  assert.is(r.out, "x\n");
  assert.is(fs.readFileSync(path.join(r.dir, "-"), "utf8"), "x\n");
});

test("new files get mode 0666 & ~umask", () => {
  const r = sh("umask 027; echo hi | tee f >/dev/null; /usr/bin/stat -c %a f");
  assert.is(r.out, "640\n");
});

test("a file that cannot be opened is reported; the rest still get the data; status 1", () => {
  const r = sh("echo x | tee a nodir/f b; echo rc=$?; cat a b");
  assert.is(r.out, "x\nrc=1\nx\nx\n");
  assert.is(r.err, "tee: nodir/f: No such file or directory\n");
});

test("a write error is reported per file and the copy goes on", () => {
  const r = sh("echo x | tee /dev/full a; echo rc=$?; cat a");
  assert.is(r.out, "x\nrc=1\nx\n");
  assert.is(r.err, "tee: /dev/full: No space left on device\n");
});

test("binary data and a large input are copied exactly", () => {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const r = run("tee", ["f"], { stdin: all });
  assert.equal(r.stdout, all);
  assert.equal(fs.readFileSync(path.join(r.dir, "f")), all);
  const s = sh("head -c 3000000 /dev/urandom > big; tee c1 c2 < big | cmp - big && cmp big c1 && cmp big c2 && echo same");
  assert.is(s.out, "same\n");
});

test("-i ignores SIGINT; without -i SIGINT ends tee", async () => {
  const r = run("tee", ["-i", "-a", "f"], { stdin: "i\n" });
  assert.is(r.out, "i\n");
  assert.is(r.status, 0);
  // spawned directly (a shell would start a background job with SIGINT ignored already)
  const tee = (args: string[]) => new Promise<{ out: string; code: number | null; signal: string | null }>((done) => {
    const c = spawn(path.join(implDir(), "tee"), args, { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    c.stdout.on("data", (d) => (out += d));
    setTimeout(() => {
      c.kill("SIGINT");
      setTimeout(() => { c.stdin.end("after\n"); }, 200);
    }, 300);
    c.on("close", (code, signal) => done({ out, code, signal }));
  });
  assert.equal(await tee(["-i"]), { out: "after\n", code: 0, signal: null });
  const plain = await tee([]);
  assert.is(plain.signal, "SIGINT");
});

test("bad option: musl message and usage", () => {
  const r = sh("tee -Q");
  assert.is(r.err, "tee: unrecognized option: Q\nusage: tee [-ai] [file ...]\n");
  assert.is(r.status, 1);
});

test("a closed output pipe kills tee silently by SIGPIPE", () => {
  const r = sh("head -c 1000000 /dev/zero > z; (tee f < z; echo $? > st) | /usr/bin/head -c 1 > /dev/null; cat st");
  assert.is(r.out, "141\n");
  assert.is(r.err, "");
});

test.run();
