// A name holding a newline, a leading dash and invalid UTF-8 survives cp -R, mv and ls -b.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sh } from "@bsdbox/posix-tests";

const NAME = Buffer.concat([Buffer.from("-x\nnew "), Buffer.from([0xff, 0xfe]), Buffer.from("end")]);
const SETUP = `mkdir src; n=$(printf -- '-x\\nnew \\377\\376endX'); n=\${n%X}; printf data > "src/$n"`;

test("cp -R, mv and ls -b keep every byte of an awkward name", () => {
  const r = sh(`${SETUP}; cp -R src copy && mv copy moved && ls -b moved`);
  assert.is(r.status, 0, r.err);
  assert.is(r.out, "-x\\nnew \\377\\376end\n");
  const names = fs.readdirSync(Buffer.from(path.join(r.dir, "moved")), { encoding: "buffer" }) as Buffer[];
  assert.is(names.length, 1);
  assert.equal(names[0], NAME);
  assert.is(fs.readFileSync(Buffer.concat([Buffer.from(path.join(r.dir, "moved") + "/"), NAME])).toString(), "data");
});

test("mv across file systems keeps the name too", () => {
  const shm = "/dev/shm";
  if (!fs.existsSync(shm) || fs.statSync(shm).dev === fs.statSync(os.tmpdir()).dev) {
    console.log("  (skipped: no second file system at /dev/shm)");
    return;
  }
  const r = sh(`${SETUP}; d=$(mktemp -d ${shm}/bsdbox-names.XXXXXX); mv src "$d/src" && ls -b "$d/src"; rm -r "$d"`);
  assert.is(r.status, 0, r.err);
  assert.is(r.out, "-x\\nnew \\377\\376end\n");
});

test.run();
