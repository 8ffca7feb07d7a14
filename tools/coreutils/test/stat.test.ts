import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh } from "@bsdbox/posix-tests";
import * as fs from "node:fs";

// fixed files: e empty, f "hello" 0640, l -> f, d directory, p fifo; times 2001-02-03 14:05:06 UTC
const SETUP = ": > e; printf hello > f; chmod 640 f; ln -s f l; mkdir d; mkfifo p; " +
  "touch -h -t 200102031405.06 e f l p; touch -a -t 199901020304.05 f; ";
const st = (cmd: string) => sh(SETUP + cmd);

test("-f: names, sizes, modes, sub-fields, types", () => {
  assert.is(st("stat -f '%N %z' e f").out, "e 0\nf 5\n");
  assert.is(st("stat -f '%Sp|%SHp|%SMp|%SLp' f").out, "-rw-r-----|rw-|r--|---\n");
  assert.is(st("stat -f '%p %Hp %Mp %Lp %#Op %Xp' f").out, "100640 10 0 640 0100640 81a0\n");
  assert.is(st("stat -f '%N %HT %T' f l d p").out, "f Regular File \nl Symbolic Link @\nd Directory /\np Fifo File |\n");
  assert.is(st("stat -f '%Y|%SY' l").out, "f| -> f\n");
  assert.is(st("stat -f '%l %Z' d").out.startsWith("2 "), true);
});

test("-f: flags, width, precision, numeric forms, simple escapes", () => {
  assert.is(st("stat -f '[%5z][%-5z][%05z][%+Dz][%#Xz][%#Oz][%.2SN][%6Sp]' f").out,
    "[    5][5    ][00005][+5][0x5][05][f][-rw-r-----]\n");
  assert.is(st("stat -f 'a%nb%tc%%d%@' f e").out, "a\nb\tc%d1\na\nb\tc%d2\n");
  assert.is(st("stat -f '%m %a %Dm %Xm' f").out, "981209106 915246245 981209106 3a7c1012\n");
});

test("times: -t, %F with precision and width, %S default format", () => {
  assert.is(st("stat -t '%Y-%m-%d %H:%M:%S' -f '%Sm|%Sa' f").out, "2001-02-03 14:05:06|1999-01-02 03:04:05\n");
  assert.is(st("stat -f '%.3Fm|%.0Fm|%Fm|%.12Fm|%15.1Fm' f").out,
    "981209106.000|981209106|981209106.000000000|981209106.000000000000|    981209106.0\n");
  assert.is(st("stat -f '%Sm' f").out, "Feb  3 14:05:06 2001\n");
});

test("-l, -F, -n, -L", () => {
  assert.is(st("stat -l f e").out, "-rw-r----- 1 root root 5 Feb  3 14:05:06 2001 f\n-rw-r--r-- 1 root root 0 Feb  3 14:05:06 2001 e\n".replace(/root root/g, () => {
    const u = sh("id -un").out.trim(), g = sh("id -gn").out.trim();
    return `${u} ${g}`;
  }));
  assert.match(st("stat -F l d p").out, /^l[rwx-]{9} .* l@ -> f\nd.* d\/\np.* p\|\n$/);
  assert.is(st("stat -n -f '%z' f e").out, "50");
  assert.is(st("ln -s nowhere dl; stat -L -f '%N %HT' dl l").out, "dl Symbolic Link\nl Regular File\n");
});

test("-r, -s, -x", () => {
  const r = st("stat -r f; stat -f '%d %i' f");
  const [raw, di] = r.out.split("\n");
  assert.ok(raw!.startsWith(di + " 0100640 1 "));
  assert.ok(raw!.endsWith(" 5 915246245 981209106 " + raw!.split(" ")[10] + " 4096 " + raw!.split(" ")[12] + " f") || raw!.includes(" 5 915246245 981209106 "));
  const s = st("stat -s f").out;
  assert.match(s, /^st_dev=\d+ st_ino=\d+ st_mode=0100640 st_nlink=1 st_uid=\d+ st_gid=\d+ st_rdev=0 st_size=5 st_atime=915246245 st_mtime=981209106 st_ctime=\d+ st_blksize=\d+ st_blocks=\d+\n$/);
  const x = st("stat -x f").out.split("\n");
  assert.is(x[0], '  File: "f"');
  assert.is(x[1], "  Size: 5            FileType: Regular File");
  assert.match(x[2]!, /^  Mode: \(0640\/-rw-r-----\)         Uid: \( *\d+\/ *\S+\)  Gid: \( *\d+\/ *\S+\)$/);
  assert.is(x[4], "Access: Sat Jan  2 03:04:05 1999");
  assert.is(x[5], "Modify: Sat Feb  3 14:05:06 2001");
  assert.is(x[7], " Birth: -");
});

test("standard input when there is no operand", () => {
  assert.is(st("stat -f '%N %HT' < f").out, "(stdin) Regular File\n");
});

test("errors: missing files, -q, bad formats, conflicting formats, usage", () => {
  const r = st("stat -f %z f nope e");
  assert.is(r.out, "5\n0\n");
  assert.is(r.err, "stat: nope: No such file or directory\n");
  assert.is(r.status, 1);
  const q = st("stat -q -f %z nope");
  assert.is(q.err, "");
  assert.is(q.status, 1);
  for (const [f, msg] of [["%W", "%W"], ["%Sz", "%Sz"], ["%Hz", "%Hz"], ["%B", "%B"], ["%Sd", "%Sd"], ["%Fz", "%Fz"], ["%MT", "%MT"]]) {
    const b = st(`stat -f 'x${f}' f`);
    assert.is(b.err, `stat: ${msg}: bad format\n`, f);
    assert.is(b.out, "x");
    assert.is(b.status, 1);
  }
  assert.is(st("stat -l -r f").err, "stat: can't use format 'l' with 'r'\n");
  assert.is(st("stat -F -x f").err, "stat: can't use format 'x' with -F\n");
  const u = run("stat", ["-y"]);
  assert.is(u.status, 1);
  assert.ok(u.err.endsWith("usage: stat [-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file|handle ...]\n"));
});

test("byte-exact names", () => {
  const d = sh("printf ab > \"$(printf 'x\\377')\"; stat -f '%N %z' \"$(printf 'x\\377')\"");
  assert.equal([...d.stdout], [0x78, 0xff, 0x20, 0x32, 0x0a]);
});

// ---- readlink (chimerautils' realpath program under the name readlink) and realpath ----
const TREE = "mkdir -p a/b; : > a/b/f; ln -s a/b/f l1; ln -s l1 l2; ln -s ../b a/b/up; ln -s nowhere dang; " +
  "ln -s loop1 loop2; ln -s loop2 loop1; ";
const t = (cmd: string) => sh(TREE + cmd);

test("readlink: link text, -n, -z, quiet by default, -v", () => {
  assert.is(t("readlink l1 l2 dang").out, "a/b/f\nl1\nnowhere\n");
  assert.is(t("readlink -n l1").out, "a/b/f");
  assert.is(t("readlink -n l1 l2").out, "a/b/f\nl1");
  assert.equal([...t("readlink -z l1").stdout], [...Buffer.from("a/b/f\0")]);
  const q = t("readlink a nope l1");
  assert.is(q.out, "a/b/f\n");
  assert.is(q.err, "");
  assert.is(q.status, 1);
  assert.is(t("readlink -v a").err, "readlink: : Invalid argument\n");
  const m = run("readlink");
  assert.is(m.err, "readlink: multiple arguments required\n");
  assert.is(m.status, 1);
});

test("readlink -f/-e/-m", () => {
  const r = t("readlink -f l2; readlink -e a/b/up/../b/f; readlink -m dang/x; readlink --canonicalize-existing l1");
  assert.is(r.out, `${fs.realpathSync(r.dir)}/a/b/f\n`.repeat(2) + "dang/x\n" + `${fs.realpathSync(r.dir)}/a/b/f\n`);
  const e = t("readlink -ve dang loop1");
  assert.is(e.err, "readlink: dang: No such file or directory\nreadlink: loop1: Symbolic link loop\n");
  assert.is(e.status, 1);
});

test("realpath: existing names, -e, -m, -s, -z, --relative-to, no operand", () => {
  const r = t("realpath . a/b/ l2 / // /../..");
  const d = fs.realpathSync(r.dir);
  assert.is(r.out, `${d}\n${d}/a/b\n${d}/a/b/f\n/\n/\n/\n`);
  const z = t("realpath");
  assert.is(z.out, `${fs.realpathSync(z.dir)}\n`);
  assert.is(t("realpath -m x/../y/./z").out, "y/z\n");
  const m = t("realpath -m a/nope/../c l1/x");
  assert.is(m.out, `${fs.realpathSync(m.dir)}/a/c\n${fs.realpathSync(m.dir)}/a/b/f/x\n`);
  assert.is(t("realpath -s l2 a/./b/../").out.replace(/^.*\/(bsdbox-t\.[^/]+)/gm, "T"), "T/l2\nT/a/\n");
  assert.is(t("realpath --relative-to=a a/b/f; realpath --relative-to=a/b/up a; realpath --relative-to=a/b a").out, "b/f\n..\n..\n");
  assert.equal(t("realpath -z a").stdout.at(-1), 0);
  const n = t("realpath a nope a/b/f/ loop1");
  assert.is(n.err, "realpath: nope: No such file or directory\nrealpath: a/b/f/: Not a directory\nrealpath: loop1: Symbolic link loop\n");
  assert.is(n.status, 1);
  assert.is(t("realpath -q nope").err, "");
  assert.is(t("realpath --relative-to=nope a").err, "realpath: nope: No such file or directory\n");
  const u = run("realpath", ["-x"]);
  assert.is(u.status, 1);
  assert.ok(u.err.includes("Usage: realpath [OPTION]... FILE...\n"));
  assert.ok(run("realpath", ["--help"]).out.startsWith("Usage: realpath [OPTION]... FILE...\nPrint the resolved absolute file name\n"));
});

test.run();
