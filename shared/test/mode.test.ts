import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setmode, getmode, parseMode, strmode } from "../src/mode";

const REG = 0o100000, DIR = 0o040000;
/** mode text applied to a regular file of mode `from` under `umask`: permission bits only */
const f = (text: string, from: number, umask = 0o022) => {
  const r = parseMode(text, REG | from, umask);
  return r === undefined ? undefined : r & 0o7777;
};
const d = (text: string, from: number, umask = 0o022) => {
  const r = parseMode(text, DIR | from, umask);
  return r === undefined ? undefined : r & 0o7777;
};

// [mode, from, umask, expected] for regular files. Every row was checked against the host's
// chmod (GNU coreutils 9.1) on a real file: these are the cases where POSIX leaves no room.
const AGREED: [string, number, number, number][] = [
  ["644", 0o777, 0o022, 0o644], ["0", 0o755, 0o022, 0o000], ["7777", 0o644, 0o022, 0o7777],
  ["1777", 0o644, 0o077, 0o1777], ["0755", 0o600, 0o022, 0o755], ["4711", 0o644, 0o022, 0o4711],
  ["u+x", 0o644, 0o022, 0o744], ["g-w", 0o777, 0o022, 0o757], ["o=r", 0o777, 0o022, 0o774],
  ["a=rwx", 0o000, 0o077, 0o777], ["a=", 0o755, 0o022, 0o000], ["o-rwx", 0o777, 0o022, 0o770],
  ["+x", 0o644, 0o022, 0o755], ["+x", 0o644, 0o077, 0o744], ["+w", 0o444, 0o022, 0o644],
  ["+w", 0o444, 0o002, 0o664], ["-w", 0o666, 0o022, 0o466], ["-r", 0o644, 0o000, 0o200],
  ["+r", 0o000, 0o027, 0o440], ["=r", 0o755, 0o022, 0o444], ["=r", 0o755, 0o077, 0o400],
  ["=", 0o755, 0o022, 0o000], ["=rwx", 0o000, 0o022, 0o755], ["=rw", 0o777, 0o002, 0o664],
  ["a+X", 0o644, 0o022, 0o644], ["a+X", 0o744, 0o022, 0o755], ["+X", 0o640, 0o022, 0o640],
  ["+X", 0o610, 0o022, 0o711], ["+X", 0o610, 0o077, 0o710], ["u+X,g+X", 0o601, 0o022, 0o711],
  ["u+s", 0o755, 0o022, 0o4755], ["g+s", 0o755, 0o022, 0o2755], ["+s", 0o755, 0o022, 0o6755],
  ["o+s", 0o755, 0o022, 0o755], ["u-s", 0o4755, 0o022, 0o755], ["+t", 0o755, 0o022, 0o1755],
  ["a+t", 0o644, 0o022, 0o1644], ["+t", 0o755, 0o777, 0o1755], ["u=rws", 0o000, 0o022, 0o4600],
  ["g=xs", 0o000, 0o022, 0o2010], ["u=rwx,g=rx,o=", 0o000, 0o022, 0o750],
  ["u=rwx,g=rx,o=r", 0o000, 0o022, 0o754], ["g=u", 0o640, 0o022, 0o660], ["o=g", 0o750, 0o022, 0o755],
  ["u=o", 0o751, 0o022, 0o151], ["go=u", 0o700, 0o022, 0o777], ["g+u", 0o640, 0o022, 0o660],
  ["o-u", 0o707, 0o022, 0o700], ["a-x,u+x", 0o777, 0o022, 0o766], ["u+r-w", 0o244, 0o022, 0o444],
  ["u+x-r", 0o644, 0o022, 0o344], ["u+x,g=u", 0o600, 0o022, 0o770], ["ug+w", 0o444, 0o022, 0o664],
  ["g=u-w", 0o740, 0o022, 0o750], ["u=g+x", 0o750, 0o022, 0o550], ["u=g+x", 0o740, 0o022, 0o540], ["a+rw", 0o000, 0o022, 0o666],
  ["ug=rwx,o=rx", 0o000, 0o022, 0o775], ["u+rwx,go-rwx", 0o644, 0o022, 0o700],
  ["o=u,g=o", 0o700, 0o022, 0o777], ["ugo+r", 0o000, 0o077, 0o444], ["u=r,u+w", 0o000, 0o022, 0o600],
  ["=u", 0o644, 0o000, 0o666], ["+X,-w", 0o744, 0o022, 0o555],
];

test("modes the host's chmod agrees on (regular files)", () => {
  for (const [m, from, umask, want] of AGREED) {
    assert.is(f(m, from, umask)?.toString(8), want.toString(8), `${m} on ${from.toString(8)} umask ${umask.toString(8)}`);
  }
});

test("directories: X applies, octal and symbolic modes", () => {
  assert.is(d("a+X", 0o644), 0o755);
  assert.is(d("+X", 0o600, 0o077), 0o700);
  assert.is(d("go-X", 0o755), 0o744);
  assert.is(d("u=rwX,go=rX", 0o000), 0o755);
  assert.is(d("1777", 0o755), 0o1777);
});

test("invalid modes", () => {
  for (const m of ["", "8", "08", "7778", "17777", "u", "+,", "u+r,", "u+q", ",u+r", "z",
    "u+r,,g+r", "0x1", "u=r ", " u=r", "ug", "-7", "+7", "u=g=o,", "a+rw,"]) {
    assert.is(setmode(m, 0o022), undefined, JSON.stringify(m));
  }
  assert.ok(setmode("a+rw+", 0o022), "a trailing operator with no permissions is an empty operation");
});

test("several operations share one who list; an empty operation is fine", () => {
  assert.is(f("u+r-w=x", 0o600), 0o100);
  assert.is(f("u+", 0o640), 0o640);
  assert.is(f("a-", 0o640), 0o640);
});

test("X looks at the original mode, as POSIX's 'current (unmodified)' mode", () => {
  // the host's GNU chmod looks at the mode as modified so far; BSD and POSIX do not
  assert.is(f("=rw,+X", 0o755), 0o755);
  assert.is(f("a+x,a-X", 0o644), 0o755);
  assert.is(f("a-X", 0o755), 0o644);
  assert.is(f("a-X", 0o644), 0o644);
  assert.is(d("-X", 0o755), 0o644);
  assert.is(f("=X", 0o100), 0o111);
  assert.is(f("=X", 0o600), 0o000);
});

test("BSD: = and copies keep setuid/setgid/sticky they do not name", () => {
  assert.is(f("a=", 0o1777), 0o1000);
  assert.is(f("=rwx", 0o1000), 0o1755);
  assert.is(f("a=rwx", 0o7000), 0o1777);
  assert.is(f("g=u", 0o2750), 0o2770);
  assert.is(f("u=g+x", 0o4755), 0o4555);
  // who-less copies honour the umask for what they clear as well
  assert.is(f("=u", 0o644, 0o077), 0o644);
});

test("s and t: ignored for o alone; t with u/g/a sets the sticky bit", () => {
  assert.is(f("o+t", 0o644), 0o644);
  assert.is(f("u+t", 0o644), 0o1644);
  assert.is(f("g-t", 0o1644), 0o644);
  assert.is(f("o+s", 0o644), 0o644);
  assert.is(f("a+s", 0o644), 0o6644);
  assert.is(f("g-s", 0o6755), 0o4755);
});

test("who-less t keeps the rest of the clause (FreeBSD bug not copied)", () => {
  assert.is(f("+rt", 0o600), 0o1644);
  assert.is(f("=t", 0o755), 0o1000);
  assert.is(f("-t", 0o1755), 0o755);
});

test("setmode compiles once, getmode applies to many", () => {
  const set = setmode("go-w,+X", 0o022)!;
  assert.is(getmode(set, REG | 0o666) & 0o7777, 0o644);
  assert.is(getmode(set, REG | 0o766) & 0o7777, 0o755);
  assert.is(getmode(set, DIR | 0o777), DIR | 0o755);
  // the file type is kept
  assert.is(getmode(setmode("0", 0)!, DIR | 0o755), DIR);
});

test("mkdir's use: symbolic modes relative to a=rwx", () => {
  assert.is(getmode(setmode("u=rwx,g=rx,o=", 0o022)!, 0o777), 0o750);
  assert.is(getmode(setmode("go-w", 0o022)!, 0o777), 0o755);
  assert.is(getmode(setmode("-w", 0o022)!, 0o777), 0o577);
  assert.is(getmode(setmode("=", 0o022)!, 0o777), 0o000);
});

test("strmode", () => {
  assert.is(strmode(DIR | 0o755), "drwxr-xr-x ");
  assert.is(strmode(REG | 0o644), "-rw-r--r-- ");
  assert.is(strmode(REG | 0o4755), "-rwsr-xr-x ");
  assert.is(strmode(REG | 0o4644), "-rwSr--r-- ");
  assert.is(strmode(REG | 0o2710), "-rwx--s--- ");
  assert.is(strmode(REG | 0o2700), "-rwx--S--- ");
  assert.is(strmode(DIR | 0o1777), "drwxrwxrwt ");
  assert.is(strmode(DIR | 0o1776), "drwxrwxrwT ");
  assert.is(strmode(0o120777), "lrwxrwxrwx ");
  assert.is(strmode(0o020620), "crw--w---- ");
  assert.is(strmode(0o060660), "brw-rw---- ");
  assert.is(strmode(0o010644), "prw-r--r-- ");
  assert.is(strmode(0o140755), "srwxr-xr-x ");
  assert.is(strmode(0o000000), "?--------- ");
  assert.is(strmode(REG | 0o7777).length, 11);
});

// Live check against the host's chmod, for the rows above (skipped without /bin/chmod).
test("the agreed rows still agree with the host's chmod", () => {
  if (!fs.existsSync("/bin/chmod")) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mode-test."));
  try {
    const file = path.join(dir, "x");
    fs.writeFileSync(file, "");
    for (const [m, from, umask, want] of AGREED) {
      fs.chmodSync(file, from);
      const r = spawnSync("/bin/sh", ["-c", `umask ${umask.toString(8)} && /bin/chmod -- '${m}' x`], { cwd: dir });
      assert.is(r.status, 0, `host chmod ${m}`);
      assert.is((fs.statSync(file).mode & 0o7777).toString(8), want.toString(8), `host: ${m} on ${from.toString(8)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
