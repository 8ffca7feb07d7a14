import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as os from "node:os";
import { run, sh } from "@bsdbox/posix-tests";

const PERS = ["/bin/cat", "/proc/self/personality"];
const UNAME = fs.existsSync("/bin/uname") ? "/bin/uname" : "/usr/bin/uname";
const native = os.machine();

test("linux32/linux64 and setarch ARCH set the execution domain", () => {
  assert.is(run("linux32", PERS).out, "00000008\n");
  assert.is(run("setarch", ["linux32", ...PERS]).out, "00000008\n");
  assert.is(run("linux64", PERS).out, "00000000\n");
  assert.is(run("setarch", [native, ...PERS]).out, run("linux64", PERS).out);
  if (native === "x86_64") {
    assert.is(run("linux32", [UNAME, "-m"]).out, "i686\n");
    assert.is(run("setarch", ["i386", UNAME, "-m"]).out, "i686\n");
    assert.is(run("setarch", ["x86_64", UNAME, "-m"]).out, "x86_64\n");
  }
});

test("flags: -R -3 -B ... and --uname-2.6; -v says what it does", () => {
  assert.is(run("setarch", ["-R", ...PERS]).out, "00040000\n");
  assert.is(run("linux32", ["--addr-no-randomize", "-3", ...PERS]).out, "08040008\n");
  assert.is(run("setarch", ["--uname-2.6", UNAME, "-r"]).out.slice(0, 4), "2.6.");
  const v = run("setarch", ["linux32", "-v", "-R", "-L", "/bin/true"]);
  assert.is(v.out, "Switching on ADDR_NO_RANDOMIZE.\nSwitching on ADDR_COMPAT_LAYOUT.\nExecute command '/bin/true'.\n");
});

test("--list; no program: a login /bin/sh", () => {
  const l = run("setarch", ["--list"]).out.split("\n");
  for (const a of ["uname26", "linux32", "linux64", native]) assert.ok(l.includes(a), a);
  const s = run("linux32", [], { stdin: "echo $0; cat /proc/self/personality\n" });
  assert.is(s.out, "-sh\n00000008\n");
});

test("errors", () => {
  const cases: [string, string[], string][] = [
    ["setarch", [], "setarch: no architecture argument or personality flags specified\n"],
    ["setarch", ["vax", "true"], "setarch: vax: unrecognized architecture\n"],
    ["linux32", ["--list"], "linux32: invalid option '--list'\nTry 'linux32 --help' for more information.\n"],
    ["setarch", ["linux32", "no-such-cmd-xyz"], "setarch: execvp: No such file or directory\n"],
  ];
  for (const [tool, args, msg] of cases) {
    const r = run(tool, args);
    assert.is(r.status, 1, args.join(" "));
    assert.is(r.err, msg, args.join(" "));
  }
  const q = run("setarch", ["-Q"]);
  assert.is(q.status, 1);
  assert.match(q.err, /unrecognized option: Q\nTry 'setarch --help' for more information\.\n$/);
});

test.run();
