import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";

const TEN = Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join("");
const nl = (n: number) => "\n".repeat(n);

test("default page: header with the file's date, 56 lines of text, trailer", () => {
  const r = sh("printf 'a\\nb\\n' > f; touch -t 200102031405 f; pr f", { env: { TZ: "UTC" } });
  assert.is(r.out, "\n\nFeb  3 14:05 2001 f Page 1\n\n\na\nb\n" + nl(54 + 5));
  const h = sh("printf 'a\\n' > f; touch -t 200102031405 f; pr -h TITLE -l 12 f", { env: { TZ: "UTC" } });
  assert.is(h.out, "\n\nFeb  3 14:05 2001 TITLE Page 1\n\n\na\n" + nl(1 + 5));
});

test("-l, +page, several pages and files", () => {
  const r = sh("printf 'A\\nB\\nC\\n' > a; touch -t 200102031405 a; pr -l 12 +2 a", { env: { TZ: "UTC" } });
  assert.is(r.out, "\n\nFeb  3 14:05 2001 a Page 2\n\n\nC\n" + nl(1 + 5));
  // 10 lines or fewer: no header or trailer
  assert.is(run("pr", ["-l", "3"], { stdin: "1\n2\n3\n4\n" }).out, "1\n2\n3\n4\n");
});

test("-t, -d, -n, -o, -F", () => {
  assert.is(run("pr", ["-t"], { stdin: "a\nb" }).out, "a\nb\n");
  assert.is(run("pr", ["-t", "-d"], { stdin: "a\nb\n" }).out, "a\n\nb\n\n");
  assert.is(run("pr", ["-t", "-n"], { stdin: "a\nb\n" }).out, "    1\ta\n    2\tb\n");
  assert.is(run("pr", ["-t", "-n:3"], { stdin: "a\n" }).out, "  1:a\n");
  assert.is(run("pr", ["-t", "-o", "2"], { stdin: "a\n" }).out, "  a\n");
  assert.is(run("pr", ["-t", "-F"], { stdin: "a\n" }).out, "a\n\f");
});

test("columns: down, across, -s, -w, truncation", () => {
  assert.is(run("pr", ["-2", "-t"], { stdin: TEN }).out,
    "line 1\t\t\t\t    line 6\nline 2\t\t\t\t    line 7\nline 3\t\t\t\t    line 8\nline 4\t\t\t\t    line 9\nline 5\t\t\t\t    line 10\n");
  assert.is(run("pr", ["-3", "-a", "-t", "-s,"], { stdin: "1\n2\n3\n4\n" }).out, "1,2,3\n4\n");
  assert.is(run("pr", ["-2", "-t", "-w", "20"], { stdin: "abcdefghijklmnop\nqrstuvwxyz0123456\n" }).out, "abcdefghi qrstuvwxy\n");
});

test("-m merges files side by side", () => {
  const r = run("pr", ["-m", "-t", "a", "b"], { files: { a: "a1\na2\n", b: "b1\n" } });
  assert.is(r.out, "a1\t\t\t\t    b1\na2\n");
});

test("-e and -i: expand input tabs, contract output spaces", () => {
  assert.is(run("pr", ["-t", "-e4"], { stdin: "a\tb\n" }).out, "a   b\n");
  assert.is(run("pr", ["-t", "-i"], { stdin: "a               b\n" }).out, "a\t\tb\n");
  assert.is(run("pr", ["-t", "-i,4"], { stdin: "a       b\n" }).out, "a,,b\n");
});

test("bytes pass through", () => {
  const r = run("pr", ["-t"], { stdin: new Uint8Array([0xff, 0, 0x0d, 0x0a]) });
  assert.equal([...r.stdout], [0xff, 0, 0x0d, 0x0a]);
});

test("errors: unopenable files, -r, bad options", () => {
  let r = run("pr", ["nope"]);
  assert.is(r.err, "pr: cannot open nope, No such file or directory\n");
  assert.is(r.status, 1);
  r = run("pr", ["-r", "nope"]);
  assert.is(r.err, "");
  assert.is(r.status, 1);
  r = run("pr", ["-t", "nope", "a"], { files: { a: "x\n" } });
  assert.is(r.out, "x\n");
  assert.is(r.status, 1);
  const USAGE = "usage: pr [+page] [-col] [-adFfmprt] [-e[ch][gap]] [-h header]\n" +
    "          [-i[ch][gap]] [-l line] [-n[ch][width]] [-o offset]\n" +
    "          [-L locale] [-s[ch]] [-w width] [-] [file ...]\n";
  for (const [a, msg] of [
    [["-z"], "pr: illegal option -- z\n"], [["-0"], "pr: -columns must be 1 or more\n"],
    [["+0"], "pr: +page number must be 1 or more\n"], [["+t"], "pr: illegal '+' delimiter with option -- t\n"],
    [["-l", "x"], "pr: number of lines must be 1 or more\n"], [["-w", "0"], "pr: -w width must be 1 or more \n"],
    [["-a"], "pr: -a flag requires multiple columns\n"], [["-ex,"], "pr: invalid value for -e ,\n"],
    [["-sab"], "pr: invalid value for -s b\n"], [["-2", "-w", "2"], "pr: page width is too small for 2 columns\n"],
    [["-l"], "pr: option requires an argument -- l\n"],
  ] as [string[], string][]) {
    const e = run("pr", a, { stdin: "" });
    assert.is(e.err, msg + USAGE, a.join(" "));
    assert.is(e.status, 1, a.join(" "));
  }
});

test.run();
