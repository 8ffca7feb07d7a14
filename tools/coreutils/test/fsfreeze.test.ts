import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "@bsdbox/posix-tests";

// Freezing is never tried here (it would stop every writer of the file system); thawing a file
// system that is not frozen is harmless and fails.
test("usage errors", () => {
  const cases: [string[], string][] = [
    [["."], "fsfreeze: you must specify either --freeze or --unfreeze\n"],
    [["-u"], "fsfreeze: no mountpoint specified\n"],
    [["-u", "a", "b"], "fsfreeze: too many arguments\nTry 'fsfreeze --help' for more information.\n"],
    [["--unfreeze", "/nonexistent"], "fsfreeze: cannot open /nonexistent: No such file or directory\n"],
  ];
  for (const [args, msg] of cases) {
    const r = run("fsfreeze", args);
    assert.is(r.status, 1, args.join(" "));
    assert.is(r.err, msg);
  }
  const q = run("fsfreeze", ["-Q"]);
  assert.is(q.status, 1);
  assert.match(q.err, /unrecognized option: Q\nTry 'fsfreeze --help' for more information\.\n$/);
  assert.match(run("fsfreeze", ["--help"]).out, /^Usage: fsfreeze /);
});

test("thawing a file system that is not frozen: the ioctl's error", () => {
  const r = run("fsfreeze", ["-u", "."]);
  assert.is(r.status, 1);
  assert.match(r.err, /^fsfreeze: ioctl: (Invalid argument|Operation not permitted|Not supported|Not a tty)\n$/);
});

test.run();
