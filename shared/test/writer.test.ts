import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { open, close, O } from "@bsdbox/compat";
import { Writer } from "../src/io";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "writer."));
let n = 0;
/** What `use` wrote through a Writer of `size` bytes to a fresh file. */
function written(use: (w: Writer) => void, size?: number): number[] {
  const f = path.join(dir, `f${n++}`);
  const fd = open(f, O.WRONLY | O.CREAT | O.TRUNC);
  const w = new Writer(fd, size);
  use(w);
  w.flush();
  close(fd);
  return [...fs.readFileSync(f)];
}
const bytes = (s: string) => [...Buffer.from(s, "utf8")];

test("a Writer that is never written to writes nothing", () => {
  assert.equal(written(() => {}), []);
});

test("write2 writes both strings and the separator, ASCII or not", () => {
  assert.equal(written((w) => w.write2("./d1/", "f2", 10)), bytes("./d1/f2\n"));
  assert.equal(written((w) => w.write2("./é/", "f", 0)), [...bytes("./é/f"), 0]);
  assert.equal(written((w) => w.write2("./d/", "naïve", 10)), bytes("./d/naïve\n"));
  // a name of lossless escapes (invalid UTF-8 bytes 0xff 0xfe) is written as those bytes
  assert.equal(written((w) => w.write2("./", "\udcff\udcfe", 10)), [0x2e, 0x2f, 0xff, 0xfe, 10]);
  const long = "x".repeat(300);
  assert.equal(written((w) => w.write2("./", long, 10)), bytes(`./${long}\n`));
});

test("write2 keeps the order of writes around it when the buffer fills", () => {
  const want: number[] = [];
  const got = written((w) => {
    for (let i = 0; i < 50; i++) {
      w.write("<");
      w.write2(`d${i}/`, `f${i}`, 10);
      want.push(...bytes(`<d${i}/f${i}\n`));
    }
  }, 16);
  assert.equal(got, want);
});

test("write2 after the tool set line buffering flushes at the newline", () => {
  const f = path.join(dir, `lb${n++}`);
  const fd = open(f, O.WRONLY | O.CREAT | O.TRUNC);
  const w = new Writer(fd);
  w.lineBuffered = true;
  w.write("x");
  assert.equal([...fs.readFileSync(f)], []);
  w.write2("a/", "b", 10);
  // no flush(): the newline must have sent it
  assert.equal([...fs.readFileSync(f)], bytes("xa/b\n"));
  w.write2("c/", "d", 0);
  assert.equal([...fs.readFileSync(f)], bytes("xa/b\n"));
  w.flush();
  close(fd);
  assert.equal([...fs.readFileSync(f)], [...bytes("xa/b\nc/d"), 0]);
});

test.run();
