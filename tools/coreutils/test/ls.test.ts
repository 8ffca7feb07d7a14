import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, sh, tmpdir, implDir } from "@bsdbox/posix-tests";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// Host tools by absolute path for set-ups (bsdbox may lack them); dates fixed in UTC.
const T = "/usr/bin/touch -h -d '2001-02-03 14:05:06'";
const FIX = `: > alpha; : > beta; : > .dot; printf 12345 > five; printf 1234567890 > ten; mkdir sub; : > sub/inner;
ln -s alpha link; ln -s nowhere dangling; ${T} alpha .dot link dangling sub/inner sub;
/usr/bin/touch -d '1999-12-31 23:59:59' beta; /usr/bin/touch -d '2015-06-07 11:22:33' five; /usr/bin/touch -d '2000-01-01 00:00' ten`;
const isRoot = process.getuid?.() === 0;
const hasSetpriv = fs.existsSync("/usr/bin/setpriv");
const hasScript = fs.existsSync("/usr/bin/script");
/** as an unprivileged user (root lists dot files without -a, and reads any directory) */
const asNobody = (cmd: string) => `/bin/chmod 755 .; /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '${cmd}'`;
/** run on a pseudo-terminal: output with \r\n turned back into \n */
function onTty(cmd: string, env: Record<string, string> = {}): string {
  const dir = tmpdir();
  const r = spawnSync("/usr/bin/script", ["-qc", cmd, "/dev/null"], {
    cwd: dir, env: { PATH: `${implDir()}:/usr/bin:/bin`, TZ: "UTC", LC_ALL: "C.UTF-8", ...env },
  });
  return r.stdout.toString("latin1").replace(/\r\n/g, "\n");
}

test("default: one name per line when not a terminal, sorted by bytes; root sees dot files", () => {
  const r = sh(`${FIX}; ls; ls -1`);
  const list = (isRoot ? ".dot\n" : "") + "alpha\nbeta\ndangling\nfive\nlink\nsub\nten\n";
  assert.is(r.out, list + list);
  assert.is(r.status, 0);
  assert.is(sh(": > .x; : > y; ls -I").out, "y\n");
  assert.is(sh(": > .x; : > y; ls -a").out, ".\n..\n.x\ny\n");
  assert.is(sh(": > .x; : > y; ls -A").out, ".x\ny\n");
  if (isRoot && hasSetpriv) assert.is(sh(`: > .x; : > y; ${asNobody("ls")}`).out, "y\n");
});

test("names sort by their bytes: invalid UTF-8, characters above U+FFFF and U+E000-U+FFFF; -r reverses; -R too", () => {
  const octal = ["B", "a", "\\303\\251", "\\357\\274\\241", "\\360\\237\\230\\200", "\\377", "a\\377", "a\\360\\237\\230\\200", "a\\357\\274\\241"];
  const mk = octal.map((n) => `/usr/bin/touch "d/$(printf '${n}')"`).join("; ");
  const r = sh(`mkdir d; ${mk}; ls d | /usr/bin/od -An -c; ls -r d | /usr/bin/od -An -c; ls -R | /usr/bin/od -An -c`);
  const fwd = ["B", "a", "a\xef\xbc\xa1", "a\xf0\x9f\x98\x80", "a\xff", "\xc3\xa9", "\xef\xbc\xa1", "\xf0\x9f\x98\x80", "\xff"];
  const od = (l: string[]) => spawnSync("/usr/bin/od", ["-An", "-c"], { input: Buffer.from(l.join("\n") + "\n", "latin1") }).stdout.toString("latin1");
  assert.is(r.out, od(fwd) + od(fwd.slice().reverse()) + od(["d", "", "./d:", ...fwd]));
});

test("-l: modes, links, owner and group, sizes, old dates, symlink targets; total only for directories", () => {
  const r = sh(`${FIX}; ls -l alpha five link dangling; ls -ln alpha; ls -lg alpha; ls -l sub`);
  const u = isRoot ? "root" : String(process.getuid?.());
  const own = isRoot ? "root root" : "";
  if (isRoot) {
    assert.is(r.out,
      `-rw-r--r--  1 ${own} 0 Feb  3  2001 alpha\n` +
      `lrwxrwxrwx  1 ${own} 7 Feb  3  2001 dangling -> nowhere\n` +
      `-rw-r--r--  1 ${own} 5 Jun  7  2015 five\n` +
      `lrwxrwxrwx  1 ${own} 5 Feb  3  2001 link -> alpha\n` +
      "-rw-r--r--  1 0 0 0 Feb  3  2001 alpha\n" +
      `-rw-r--r--  1 ${u} 0 Feb  3  2001 alpha\n` +
      "total 0\n" +
      `-rw-r--r--  1 ${own} 0 Feb  3  2001 inner\n`);
  }
  const m = sh(`: > a; : > b; : > c; : > d; /bin/chmod 4755 a; /bin/chmod 2644 b; /bin/chmod 1777 c; /bin/chmod 0 d; mkfifo p; ${T} a b c d p; ls -ln`);
  const id = `${process.getuid?.()} ${process.getgid?.()}`;
  assert.is(m.out,
    "total 0\n" +
    `-rwsr-xr-x  1 ${id} 0 Feb  3  2001 a\n` +
    `-rw-r-Sr--  1 ${id} 0 Feb  3  2001 b\n` +
    `-rwxrwxrwt  1 ${id} 0 Feb  3  2001 c\n` +
    `----------  1 ${id} 0 Feb  3  2001 d\n` +
    `prw-r--r--  1 ${id} 0 Feb  3  2001 p\n`);
});

test("-l: recent files show the time, old and future ones the year; -T, -D, -u, -c", () => {
  const now = Math.floor(Date.now() / 1000);
  const fmt = (t: number, recent: boolean) => {
    const d = new Date(t * 1000);
    const mon = d.toUTCString().slice(8, 11);
    const day = String(d.getUTCDate()).padStart(2);
    const hm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    return recent ? `${mon} ${day} ${hm}` : `${mon} ${day}  ${d.getUTCFullYear()}`;
  };
  const recent = now - 3600, future = now + 400 * 86400;
  const r = sh(`: > a; : > b; /usr/bin/touch -d @${recent} a; /usr/bin/touch -d @${future} b; ls -ln a b`);
  const id = `${process.getuid?.()} ${process.getgid?.()}`;
  assert.is(r.out, `-rw-r--r--  1 ${id} 0 ${fmt(recent, true)} a\n-rw-r--r--  1 ${id} 0 ${fmt(future, false)} b\n`);
  const t = sh(`: > a; ${T} a; ls -lnT a; ls -ln -D '%Y-%m-%d %H:%M:%S|%s|%j|%a %A %B|%p %I|%%|%Q' a`);
  assert.is(t.out,
    `-rw-r--r--  1 ${id} 0 Feb  3 14:05:06 2001 a\n` +
    `-rw-r--r--  1 ${id} 0 2001-02-03 14:05:06|981209106|034|Sat Saturday February|PM 02|%|Q a\n`);
  const u = sh(": > a; /usr/bin/touch -a -d '1995-01-02 03:04' a; /usr/bin/touch -m -d '2001-02-03 14:05' a; ls -lnu a; ls -lnc a");
  assert.match(u.out, /^-rw-r--r--  1 \d+ \d+ 0 Jan  2  1995 a\n-rw-r--r--  1 \d+ \d+ 0 /);
  // the time zone comes from TZ
  assert.is(sh(`: > a; ${T} a; ls -ln -D '%H:%M %Z' a`, { env: { TZ: "UTC" } }).out, `-rw-r--r--  1 ${id} 0 14:05 UTC a\n`);
  assert.is(sh(`: > a; ${T} a; TZ=Asia/Tokyo ls -ln -D '%H:%M %z' a`).out, `-rw-r--r--  1 ${id} 0 23:05 +0900 a\n`);
});

test("sorting: -t (ties by name), -S, -r, -u, -v, -f, -y; operands: files before directories", () => {
  const r = sh(`${FIX}; ls -t; ls -S; ls -r; ls -tr`);
  const t = (isRoot ? "" : "") + "five\n" + (isRoot ? ".dot\n" : "") + "alpha\ndangling\nlink\nsub\nten\nbeta\n";
  const S = "sub\nten\ndangling\nfive\nlink\n" + (isRoot ? ".dot\n" : "") + "alpha\nbeta\n";
  const rev = "ten\nsub\nlink\nfive\ndangling\nbeta\nalpha\n" + (isRoot ? ".dot\n" : "");
  const tr = "beta\nten\nsub\nlink\ndangling\nalpha\n" + (isRoot ? ".dot\n" : "") + "five\n";
  assert.is(r.out, t + S + rev + tr);
  assert.is(sh(`: > a; : > b; : > c; ${T} a b c; ls -t; ls -ty`).out, "a\nb\nc\nc\nb\na\n");
  assert.is(sh(": > a; : > b; /usr/bin/touch -a -d 1995-01-01 a; /usr/bin/touch -a -d 1996-01-01 b; ls -tu").out, "b\na\n");
  assert.is(sh(": > f10; : > f9; : > f1; : > f02; : > f1a; ls -v; ls -vr").out, "f02\nf1\nf1a\nf9\nf10\nf10\nf9\nf1a\nf1\nf02\n");
  assert.is(sh(": > a; : > b; ls -f | LC_ALL=C /usr/bin/sort").out, ".\n..\na\nb\n");
  assert.is(sh(`${FIX}; ls sub alpha beta`).out, "alpha\nbeta\n\nsub:\ninner\n");
  assert.is(sh("mkdir d e; : > d/x; ls e d").out, "d:\nx\n\ne:\n");
  assert.is(sh("mkdir d; : > z; : > a; ls --group-directories-first; ls --group-directories=last").out, "d\na\nz\na\nz\nd\n");
  const g = sh("ls --group-directories=middle");
  assert.is(g.status, 2);
  assert.is(g.err, "ls: unsupported --group-directories value 'middle' (must be first or last)\n");
});

test("-C, -x, -m: column layout from COLUMNS (tabs of 8), stream with commas", () => {
  const files = "for i in $(seq 1 40); do : > file$i; done";
  const c = sh(`${files}; ls -C`);
  assert.is(c.out.split("\n")[0], "file1\tfile13\tfile17\tfile20\tfile24\tfile28\tfile31\tfile35\tfile39\tfile6");
  assert.is(c.out.split("\n").length, 5);
  const x = sh(`${files}; ls -x`);
  assert.is(x.out.split("\n")[3], "file37\tfile38\tfile39\tfile4\tfile40\tfile5\tfile6\tfile7\tfile8\tfile9");
  assert.is(sh(`${files}; COLUMNS=30 ls -C | head -2`).out, "file1\tfile22\tfile35\nfile10\tfile23\tfile36\n");
  assert.is(sh("for i in 1 2 3 4 5; do : > very_long_file_name_number_$i; done; ls -C").out,
    "very_long_file_name_number_1\tvery_long_file_name_number_4\nvery_long_file_name_number_2\tvery_long_file_name_number_5\nvery_long_file_name_number_3\n");
  const m = sh("for i in $(seq 1 30); do : > name$i; done; ls -m");
  assert.is(m.out,
    "name1, name10, name11, name12, name13, name14, name15, name16, name17, name18, \n" +
    "name19, name2, name20, name21, name22, name23, name24, name25, name26, name27, \n" +
    "name28, name29, name3, name30, name4, name5, name6, name7, name8, name9\n");
  // -C then -1 (and the other way): the last one wins
  assert.is(sh(": > a; : > b; ls -C -1; ls -1 -C").out, "a\nb\na\tb\n");
  // -s and -i widen the columns; a total for -s in columns
  const cs = sh(": > a; printf x > b; ls -Cs");
  const bb = fs.statSync(path.join(cs.dir, "b")).blocks;
  assert.is(cs.out, `total ${bb}\n0 a\t${bb} b\n`);
});

test("-s, -k, -h, -, and BLOCKSIZE", () => {
  const r = sh("printf x > small; ls -s small; ls -sk small; BLOCKSIZE=1k ls -s small; BLOCKSIZE=1x ls -s small; BLOCKSIZE=4096 ls -s small");
  const n = fs.statSync(path.join(r.dir, "small")).blocks;
  const k = Math.ceil(n / 2);
  assert.is(r.out, `${n} small\n${k} small\n${k} small\n${n} small\n${Math.ceil(n / 8)} small\n`);
  assert.is(r.err, "ls: 1x: unknown blocksize\n");
  const h = sh(`head -c 2500000 /dev/zero > big; printf x > small; ${T} big small; ls -lnh big small`);
  const id = `${process.getuid?.()} ${process.getgid?.()}`;
  assert.is(h.out, `-rw-r--r--  1 ${id}  2.4M Feb  3  2001 big\n-rw-r--r--  1 ${id}    1B Feb  3  2001 small\n`);
  // musl's printf ignores the ' flag: -, only widens the size column
  const t = sh(`head -c 1234567 /dev/zero > a; ${T} a; ls -ln, a`);
  assert.is(t.out, `-rw-r--r--  1 ${id}   1234567 Feb  3  2001 a\n`);
  assert.match(sh("printf 1234 > a; mkdir d; printf x > d/f; ls -lh d").out, /^total \d+(\.\d)? ?[KB]+\n/);
});

test("-i, -F, -p, -d, symlinks and -H/-L/-P", () => {
  const ino = fs.statSync; void ino;
  const r = sh(`${FIX}; mkfifo p; : > x; /bin/chmod +x x; ls -F; ls -p sub`);
  assert.is(r.out, (isRoot ? ".dot\n" : "") + "alpha\nbeta\ndangling@\nfive\nlink@\np|\nsub/\nten\nx*\ninner\n");
  assert.is(sh(`${FIX}; ls -d sub; ls -dF sub link`).out, "sub\nlink@\nsub/\n");
  assert.is(sh(`${FIX}; ls link; ls -H link; ls -lL link | cut -c1-10`).out, "link\nlink\n-rw-r--r--\n");
  assert.is(sh("mkdir d; : > d/f; ln -s d dl; ls dl; ls -P dl; ls dl/; ls -F dl; ls -L -F dl").out, "f\ndl\nf\ndl@\nf\n");
  assert.match(sh("mkdir d; ln -s d dl; ls -l dl").out, /^lrwxrwxrwx .* dl -> d\n$/);
  const i = sh(": > a; ls -i a");
  assert.is(i.out, `${fs.statSync(path.join(i.dir, "a")).ino} a\n`);
  // devices: the device number in hex
  assert.match(sh("ls -l /dev/null").out, /^crw-rw-rw-  1 \S+ +\S+ +0x103 .* \/dev\/null\n$/);
});

test("a directory of many entries (several getdents reads) with long common prefixes, in byte order", () => {
  // 3,000 names of up to ~70 bytes (~200 KiB of records): prefixes shared over 4, 8, 40 bytes,
  // names that are prefixes of others, high bytes; a few subdirectories that -R enters
  const mk = `i=0; while [ $i -lt 600 ]; do for p in lib libfoo.so. x${"y".repeat(40)} "$(printf '\\303\\251')" a; do : > "d/$p$i"; done; i=$((i+1)); done`;
  const r = sh(`mkdir d; ${mk}; mkdir d/libfoo.so.5z d/a; : > d/a/in; ls d > fwd; ls -r d > rev; ls -R d > rec;
    ls d | /usr/bin/wc -l; LC_ALL=C /usr/bin/sort fwd | /usr/bin/cmp - fwd && LC_ALL=C /usr/bin/sort -r fwd | /usr/bin/cmp - rev && echo sorted`);
  assert.is(r.out, "3002\nsorted\n");
  const rec = fs.readFileSync(path.join(r.dir, "rec"), "latin1");
  assert.ok(rec.startsWith(fs.readFileSync(path.join(r.dir, "fwd"), "latin1") + "\nd/a:\nin\n\nd/libfoo.so.5z:\n"), rec.slice(-80));
});

test("-R: each directory after its parent's listing, with its path; hidden ones only with -a/-A", () => {
  const r = sh("mkdir -p a/b/c .h; : > a/f; : > a/b/g; ls -RI");
  assert.is(r.out, "a\n\n./a:\nb\nf\n\n./a/b:\nc\ng\n\n./a/b/c:\n");
  assert.is(sh("mkdir -p a/b; : > a/b/g; ls -R a").out, "b\n\na/b:\ng\n");
  assert.is(sh("mkdir -p a/b; : > a/b/g; ls -lR a | sed 's/ [A-Z][a-z][a-z] .* / DATE /'").out.split("\n")[3], "a/b:");
  // -d turns off -R
  assert.is(sh("mkdir -p a/b; ls -Rd a").out, "a\n");
  // -L follows symlinks into directories, and notices cycles
  const c = sh("mkdir -p a/b; ln -s .. a/b/up; ls -RL a");
  assert.is(c.out, "b\n\na/b:\nup\n");
  assert.is(c.err, "ls: up: directory causes a cycle\n");
});

test("errors: missing operands reported, the others listed, status 1; unreadable directories", () => {
  const r = sh(`${FIX}; ls nope alpha`);
  assert.is(r.out, "alpha\n");
  assert.is(r.err, "ls: nope: No such file or directory\n");
  assert.is(r.status, 1);
  const e = run("ls", [""]);
  assert.is(e.err, "ls: fts_open: No such file or directory\n");
  assert.is(e.status, 1);
  if (isRoot && hasSetpriv) {
    const u = sh(`mkdir u; /bin/chmod 700 u; : > v; ${asNobody("ls -R; echo rc=$?")}`);
    assert.is(u.out, "u\nv\n\n./u:\nrc=1\n");
    assert.is(u.err, "ls: ./u: Permission denied\n");
    const l = sh(`mkdir u; /bin/chmod 700 u; ${asNobody("ls -l u; echo rc=$?")}`);
    assert.is(l.out, "total 0\nrc=1\n");
    assert.is(l.err, "ls: u: Permission denied\n");
    // readable, not searchable: the names are listed, the directories among them cannot be
    // stat'ed (warned about, hidden ones too, and left out) and are not entered
    const s = sh(`mkdir -p r/sub r/.h; : > r/f; /bin/chmod 744 r; ${asNobody("ls -R r; ls -rR r; echo rc=$?")}`);
    assert.is(s.out, "f\nf\nrc=1\n");
    assert.is(s.err, "ls: .h: Permission denied\nls: sub: Permission denied\nls: sub: Permission denied\nls: .h: Permission denied\n");
  }
});

test("usage: unknown options, -X, bad --color", () => {
  const r = run("ls", ["-J"]);
  assert.is(r.status, 1);
  assert.match(r.err, /unrecognized option: J\nusage: ls \[-ABCFGHILPRSTZabcdfghiklmnopqrstuvwxy1,\] \[--color=when\] \[-D format\] \[--group-directories=\] \[file \.\.\.\]\n$/);
  const x = run("ls", ["-X"]);
  assert.is(x.status, 1);
  assert.match(x.err, /^usage: ls /);
  const c = run("ls", ["--color=pink"]);
  assert.is(c.status, 2);
  assert.is(c.err, "ls: unsupported --color value 'pink' (must be always, auto, or never)\n");
});

test("names: -q ?, -b C escapes, -B octal, -w raw; invalid UTF-8 kept byte for byte", () => {
  const mk = `/usr/bin/touch "$(printf 'a\\tb')" "$(printf 'c\\001d')" 'sp ace' 'q"uote' 'back\\slash'`;
  assert.is(sh(`${mk}; ls -b`).out, 'a\\tb\nback\\\\slash\nc\\001d\nq\\"uote\nsp ace\n');
  assert.is(sh(`${mk}; ls -B`).out, "a\\011b\nback\\134slash\nc\\001d\nq\\042uote\nsp ace\n");
  assert.is(sh(`${mk}; ls -q`).out, "a?b\nback\\slash\nc?d\nq\"uote\nsp ace\n");
  assert.is(sh(`${mk}; ls -w`).out, 'a\tb\nback\\slash\nc\x01d\nq"uote\nsp ace\n');
  const dir = tmpdir();
  const name = Buffer.from([0x78, 0xff, 0xc3, 0xa9, 0x79]);
  fs.writeFileSync(path.join(dir, name.toString("latin1")), "");
  fs.renameSync(path.join(dir, name.toString("latin1")), Buffer.concat([Buffer.from(dir + "/"), name]) as any);
  const raw = run("ls", [], { cwd: dir });
  assert.equal(raw.stdout, Buffer.concat([name, Buffer.from("\n")]));
  assert.is(run("ls", ["-q"], { cwd: dir }).out, "x?éy\n");
  assert.is(run("ls", ["-b"], { cwd: dir }).out, "x\\377éy\n");
  assert.is(run("ls", ["-q"], { cwd: dir, env: { LC_ALL: "C" } }).out, "x???y\n");
  assert.is(run("ls", ["-B"], { cwd: dir, env: { LC_ALL: "C" } }).out, "x\\377\\303\\251y\n");
  // operands too: the name given, as given
  assert.equal(run("ls", [Buffer.concat([Buffer.from(dir + "/"), name])]).stdout, Buffer.concat([Buffer.from(dir + "/"), name, Buffer.from("\n")]));
  // multi-byte names take their display width in columns, their byte length for the column width
  assert.is(sh("/usr/bin/touch été zebra apple 日本; ls -C").out, "apple\tzebra\tété\t日本\n");
});

test("colour: --color=always without TERM gives plain ANSI; CLICOLOR_FORCE; LSCOLORS; never", () => {
  const setup = `mkdir d; : > f; : > x; /bin/chmod 755 x; ln -s f l; mkfifo p`;
  const a = sh(`${setup}; ls --color=always`, { env: { TERM: "" } });
  assert.is(a.out.replace(/\x1b/g, "E"), "E[;34mdE[m\nf\nE[;35mlE[m\nE[;33mpE[m\nE[;31mxE[m\n");
  const env = { CLICOLOR: "", CLICOLOR_FORCE: "1" };
  // -G / CLICOLOR need TERM to find the terminal's sequences: without one there is no colour
  assert.is(sh(`${setup}; env -u TERM ls -G`, { env }).out, "d\nf\nl\np\nx\n");
  const l = sh(`${setup}; env -u TERM LSCOLORS=Bxcx ls --color d l`);
  assert.is(l.out.replace(/\x1b/g, "E"), "E[;32mlE[m\n\nd:\n");
  const b = sh(`${setup}; env -u TERM LSCOLORS=Bx ls --color -d d`);
  assert.is(b.out.replace(/\x1b/g, "E"), "E[1;31mdE[m\n");
  const w = sh(`${setup}; env -u TERM LSCOLORS=1x ls --color -d d`);
  assert.is(w.err, "ls: LSCOLORS should use characters a-h instead of 0-9 (see the manual page)\n");
  assert.is(sh(`${setup}; ls --color=never`).out, "d\nf\nl\np\nx\n");
  // colour sequences do not count for the columns; spaces instead of tabs
  assert.is(sh(`${setup}; env -u TERM ls --color -C`).out.replace(/\x1b\[[;0-9]*m/g, ""), "d f l p x\n");
  // with a terminal description (xterm), its sequences
  const x = sh(`${setup}; TERM=xterm ls --color -d d`);
  if (fs.existsSync("/usr/share/terminfo/x/xterm") || fs.existsSync("/lib/terminfo/x/xterm"))
    assert.is(x.out.replace(/\x1b/g, "E"), "E[34mdE[39;49mE(BE[m\n");
});

test("terminal defaults: -C and -q when stdout is a terminal; COLUMNS", () => {
  if (!hasScript) return;
  const out = onTty(`: > "$(printf 'a\\tb')"; : > c; ls -I`);
  assert.is(out, "a?b\tc\n");
  assert.is(onTty(`for i in 1 2 3 4; do : > file_$i; done; COLUMNS=16 ls -I`), "file_1\tfile_3\nfile_2\tfile_4\n");
});

test("-l: a + after the mode of a file with an extended ACL", () => {
  if (!fs.existsSync("/usr/bin/python3")) return;
  const py = `import os, struct
def e(t, p, i=0xffffffff): return struct.pack('<HHI', t, p, i)
os.setxattr('acl', 'system.posix_acl_access', struct.pack('<I', 2) + e(1, 6) + e(2, 4, 65534) + e(4, 4) + e(16, 4) + e(32, 4))
os.setxattr('dacl', 'system.posix_acl_default', struct.pack('<I', 2) + e(1, 6) + e(4, 4) + e(32, 4))`;
  const r = sh(`: > acl; : > plain; mkdir dacl dplain; /usr/bin/python3 -c "${py}" 2>/dev/null || exit 0; ls -ln acl plain | cut -c1-12; ls -lnd dacl dplain | cut -c1-12`);
  // a directory with only a default ACL has one too
  if (r.out) assert.is(r.out, "-rw-r--r--+ \n-rw-r--r--  \ndrwxr-xr-x+ \ndrwxr-xr-x  \n");
});

test("dir and vdir: ls -C -b and ls -l -b", () => {
  const d = sh(`/usr/bin/touch "$(printf 'a\\tb')" c; dir; ${T} c; vdir -n c`);
  const id = `${process.getuid?.()} ${process.getgid?.()}`;
  assert.is(d.out, `a\\tb\tc\n-rw-r--r--  1 ${id} 0 Feb  3  2001 c\n`);
});

test.run();
