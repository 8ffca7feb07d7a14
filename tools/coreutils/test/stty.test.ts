import { test } from "uvu";
import * as assert from "uvu/assert";
import { sh, run } from "@bsdbox/posix-tests";

// stty needs a terminal: every case runs inside our own script(1), fed from a pipe or /dev/null.
const inPty = (cmd: string) => sh(`script -q ts sh -c '${cmd}' </dev/null; echo "rc=$?"`, { env: { SHELL: "/bin/sh" } });
const lines = (s: string) => s.replace(/\r\n/g, "\n");

test("-a on a pseudo-terminal prints every field, FreeBSD layout", () => {
  const out = lines(inPty("stty -a").out);
  assert.match(out, /^speed \d+ baud; \d+ rows; \d+ columns;\n/);
  for (const f of ["icanon", "isig", "iexten", "echo", "echoe", "echok", "echoke", "echonl", "echoctl", "echoprt",
    "noflsh", "tostop", "flusho", "pendin", "extproc"]) assert.match(out, new RegExp(`(^lflags:|\\s)-?${f}(\\s|$)`, "m"), f);
  for (const f of ["istrip", "icrnl", "inlcr", "igncr", "ixon", "ixoff", "ixany", "imaxbel", "ignbrk", "brkint", "inpck",
    "ignpar", "parmrk", "iutf8"]) assert.match(out, new RegExp(`\\s-?${f}(\\s|$)`), f);
  assert.match(out, /\noflags: -?opost -?onlcr -?ocrnl tab[03] -?onocr -?onlret\n/);
  assert.match(out, /\ncflags: -?cread cs[5-8] -?parenb -?parodd -?hupcl -?clocal -?cstopb -?crtscts\n/);
  for (const c of ["discard", "eof", "eol", "eol2", "erase", "intr", "kill", "lnext", "min", "quit", "reprint", "start",
    "stop", "susp", "time", "werase"]) assert.match(out, new RegExp(`\\s${c} = [^;]+;`), c);
  // continuation lines start with a tab and no line is longer than 72 + tab
  for (const l of out.split("\n")) assert.ok(l.length <= 80, l);
  assert.match(out, /\n\t/);
  assert.match(out, /rc=0\n$/);
});

test("-e: cchars in columns of eight; no argument: only what differs", () => {
  const out = lines(inPty("stty -e; echo ---; stty intr ^A min 3; stty").out);
  const [e, d] = out.split("---\n");
  assert.match(e!, /\ndiscard eof     eol     eol2    erase   intr    kill    lnext   min     \n/);
  assert.match(e!, /\n\^O      \^D      <undef> <undef> \^\?      \^C      \^U      \^V      1       \n/);
  assert.match(d!, /^speed \d+ baud;\n/);
  assert.match(d!, /\nintr    min     \n\^A      3       \n/);
});

test("settings stick and -g round-trips through stty $(stty -g)", () => {
  const r = inPty('old=$(stty -g); stty raw -echo min 10 time 5 erase ^H kill undef 19200; new=$(stty -g); ' +
    'echo "$new"; stty "$old"; [ "$(stty -g)" = "$old" ] && echo restored; stty "$new"; [ "$(stty -g)" = "$new" ] && echo again');
  const out = lines(r.out);
  assert.match(out, /^gfmt1:cflag=[0-9a-f]+:iflag=[0-9a-f]+:lflag=[0-9a-f]+:oflag=[0-9a-f]+:discard=f:eof=4:/);
  assert.match(out, /:erase=8:/);
  assert.match(out, /:kill=0:/);
  assert.match(out, /:min=a:/);
  assert.match(out, /:time=5:/);
  assert.match(out, /:ispeed=19200:ospeed=19200\n/);
  assert.match(out, /\nrestored\nagain\nrc=0\n$/);
});

test("combinations, size, speed, rows/cols", () => {
  const out = lines(inPty("stty rows 33 cols 99; stty size; stty 9600; stty speed; stty -icanon -isig nl; stty; stty sane; stty").out);
  assert.match(out, /^33 99\n9600\n/);
  assert.match(out, /lflags: -icanon -isig /);
  assert.match(out, /iflags: -icrnl /);
  assert.match(out, /oflags: -onlcr /);
  // after sane the iflags and lflags lines are back to the defaults (not printed)
  const last = out.split("speed 9600 baud;\n").pop()!;
  assert.not.match(last, /icanon|isig|icrnl/);
});

test("errors: not a terminal, bad arguments, -f", () => {
  let r = run("stty", [], { stdin: "" });
  assert.is(r.status, 1);
  assert.is(r.err, "stty: stdin isn't a terminal\n");
  r = run("stty", ["-f", "nonexistent"]);
  assert.is(r.status, 1);
  assert.is(r.err, "stty: nonexistent: No such file or directory\n");
  r = run("stty", ["-f", "/dev/null"]);
  assert.is(r.err, "stty: /dev/null isn't a terminal\n");
  const e = inPty("stty bogus 2>&1; stty min 2>&1; stty min 300 2>&1; stty time x 2>&1; stty -sane 2>&1; stty gfmt1:what=1 2>&1");
  const t = lines(e.out);
  const U = "usage: stty [-a | -e | -g] [-f file] [arguments]\n";
  assert.ok(t.includes("stty: illegal option -- bogus\n" + U), t);
  assert.ok(t.includes("stty: option requires an argument -- min\n" + U), t);
  assert.ok(t.includes("stty: maximum option value is 255 -- min\n" + U), t);
  assert.ok(t.includes("stty: option requires a numeric argument -- time\n" + U), t);
  assert.ok(t.includes("stty: illegal option -- -sane\n" + U), t);
  assert.ok(t.includes("stty: illegal gfmt1 option -- what\n"), t);
});

test.run();
