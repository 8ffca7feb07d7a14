import { test } from "uvu";
import * as assert from "uvu/assert";
import { sh, run } from "@bsdbox/posix-tests";

const LIST = 'for f in $(ls | sort); do echo "$f $(wc -l < $f | tr -d " ") $(wc -c < $f | tr -d " ")"; done';

test("lines (default 1000, -l, -NUM), prefix, stdin", () => {
  assert.is(sh(`/usr/bin/seq 1 2500 > f; split f; ${LIST}`).out, "f 2500 11393\nxaa 1000 3893\nxab 1000 5000\nxac 500 2500\n");
  assert.is(sh(`/usr/bin/seq 1 5 > f; split -l 2 f p.; ${LIST}`).out, "f 5 10\np.aa 2 4\np.ab 2 4\np.ac 1 2\n");
  assert.is(sh(`/usr/bin/seq 1 5 > f; split -3 f; ${LIST}`).out, "f 5 10\nxaa 3 6\nxab 2 4\n");
  assert.is(sh(`/usr/bin/seq 1 5 | split -l 4 - s; ${LIST}`).out, "saa 4 8\nsab 1 2\n");
});

test("-b, -n, -d, -a, unterminated last line", () => {
  assert.is(sh(`printf 'abcdefghij' > f; split -b 4 f; ${LIST}`).out, "f 0 10\nxaa 0 4\nxab 0 4\nxac 0 2\n");
  assert.is(sh(`printf 'abcdefghij' > f; split -n 3 f; ${LIST}`).out, "f 0 10\nxaa 0 3\nxab 0 3\nxac 0 4\n");
  assert.is(sh(`/usr/bin/seq 1 3 > f; split -d -a 3 -l 1 f; ls`).out, "f\nx000\nx001\nx002\n");
  assert.is(sh("printf '1\\n2\\n3' > f; split -l 2 f; cat xab").out, "3");
});

test("-p: extended regular expressions against whole lines", () => {
  assert.is(sh(`printf 'a\\n#b\\nc\\n#d\\n' > f; split -p '^#' f; ${LIST}`).out, "f 4 10\nxaa 1 2\nxab 2 5\nxac 1 3\n");
  assert.is(sh(`printf 'x1\\nab\\nx22\\n' > f; split -p 'x(1|2{2})$' f; ${LIST}`).out, "f 3 10\nxaa 3 10\n"); // $ is after the newline
  assert.is(sh(`printf 'x1\\nab\\nx22\\n' > f; split -p 'x(1|2{2})' f; ${LIST}`).out, "f 3 10\nxaa 2 6\nxab 1 4\n");
  assert.is(sh(`printf 'a\\nb[c\\nd\\n' > f; split -p '[[]' f; ${LIST}`).out, "f 3 8\nxaa 1 2\nxab 2 6\n");
  const e = run("split", ["-p", "a(", "f"], { files: { f: "x\n" } });
  assert.is(e.status, 64);
});

test("suffix auto-extension, -a limits, -c continue", () => {
  assert.is(sh("/usr/bin/seq 1 700 > f; split -l 1 f; ls | sed -n '650,653p'").out, "xyy\nxyz\nxzaaa\nxzaab\n");
  const r = sh("/usr/bin/seq 1 30 > f; split -a 1 -l 1 f; echo rc=$?; ls | wc -l");
  assert.is(r.out.replace(/ +/g, ""), "rc=65\n27\n");
  assert.is(r.err, "split: too many files\n");
  assert.is(sh(`/usr/bin/seq 1 4 > f; : > xaa; split -c -l 2 f; ${LIST}`).out, "f 4 8\nxaa 0 0\nxab 2 4\nxac 2 4\n");
});

test("errors", () => {
  const m = run("split", ["nope"]);
  assert.is(m.err, "split: nope: No such file or directory\n");
  assert.is(m.status, 66);
  const z = run("split", ["-l", "0", "f"], { files: { f: "a\n" } });
  assert.is(z.err, "split: 0: line count is too small\n");
  assert.is(z.status, 64);
  assert.is(run("split", ["-l", "1", "-b", "2", "f"], { files: { f: "a\n" } }).status, 64);
  assert.is(run("split", ["f", "b", "c"], { files: { f: "a\n" } }).status, 64);
});

test.run();
