import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { run, sh, tmpdir, implDir } from "@bsdbox/posix-tests";

// Helpers in python3: a datagram listener that runs a command and prints what it received, each
// datagram in brackets, then the command's status. UDP on 127.0.0.1 (PORT in the command is
// replaced by the port), or a unix socket at a path.
const dir = tmpdir();
const LISTEN = `${dir}/listen.py`;
writeFileSync(LISTEN, `
import socket, sys, subprocess
kind, where = sys.argv[1], sys.argv[2]
if kind == "udp":
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
    where = str(s.getsockname()[1])
else:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(where)
r = subprocess.run([a.replace("PORT", where) for a in sys.argv[3:]])
s.settimeout(0.5)
try:
    while True:
        sys.stdout.buffer.write(b"[" + s.recv(65536) + b"]")
except socket.timeout:
    pass
sys.stdout.buffer.write(b"rc=%d\\n" % r.returncode)
`);
const python = spawnSync("python3", ["-c", "import socket"]).status === 0;
const L = `${implDir()}/logger`;
const STAMP = "[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]";

function udp(args: string[], stdin = ""): string {
  return sh(`python3 ${LISTEN} udp - ${L} ${args.map((a) => `'${a}'`).join(" ")}`, { stdin }).out;
}

test("-h: UDP datagrams '<PRI>stamp HOST TAG: message', operands joined by spaces", () => {
  if (!python) return console.log("  (skipped: python3 is not available)");
  assert.match(udp(["-h", "127.0.0.1", "-P", "PORT", "-t", "tg", "-H", "hh", "-p", "local3.err", "a", "b"]),
    new RegExp(`^\\[<155>${STAMP} hh tg: a b\\]rc=0\\n$`));
  assert.match(udp(["-h", "127.0.0.1", "-P", "PORT", "-t", "t", "-H", "h", "-p", "daemon.7", "x"]), /^\[<31>.* h t: x\]rc=0\n$/);
  assert.match(udp(["-h", "127.0.0.1", "-P", "PORT", "-t", "t", "-H", "h", "-p", "12", "x"]), /^\[<4>/);
});

test("-h: standard input line by line (each with its newline), -f file", () => {
  if (!python) return console.log("  (skipped: python3 is not available)");
  assert.match(udp(["-4", "-h", "127.0.0.1", "-P", "PORT", "-t", "t", "-H", "h"], "l1\nl2\n"),
    new RegExp(`^\\[<13>${STAMP} h t: l1\\n\\]\\[<13>${STAMP} h t: l2\\n\\]rc=0\\n$`));
  const d = tmpdir({ msgs: "one\n" });
  assert.match(udp(["-f", `${d}/msgs`, "-h", "127.0.0.1", "-P", "PORT", "-t", "t", "-H", "h"]), /: one\n\]rc=0\n$/);
});

test("local: musl's syslog(3) datagram on /dev/log; -s copies to stderr; no listener is silent", () => {
  const q = run("logger", ["-t", "x", "m"]);
  assert.is(q.status, 0);
  const s = run("logger", ["-s", "-t", "tag", "hello"]);
  assert.is(s.err, "tag: hello\n");
  const i = run("logger", ["-is", "-t", "tag", "hello"]);
  assert.match(i.err, /^tag\[\d+\]: hello\n$/);
  if (!python || spawnSync("unshare", ["-m", "true"]).status !== 0)
    return console.log("  (skipped /dev/log delivery: needs python3 and unshare -m)");
  // a private mount namespace with an empty /dev, where the helper binds /dev/log
  const r = sh(`unshare -m sh -c 'mount -t tmpfs none /dev && python3 ${LISTEN} unix /dev/log ${L} -i -t tag -p local0.info hello world'`);
  assert.match(r.out, new RegExp(`^\\[<134>${STAMP} tag\\[\\d+\\]: hello world\\n\\]rc=0\\n$`));
  const n = sh(`unshare -m sh -c 'mount -t tmpfs none /dev && printf "a\\\\n\\\\nb" | LOGNAME=me python3 ${LISTEN} unix /dev/log ${L} -p err'`);
  assert.match(n.out, new RegExp(`^\\[<11>${STAMP} me: a\\n\\]\\[<11>${STAMP} me: \\n\\]\\[<11>${STAMP} me: b\\n\\]rc=0\\n$`));
});

test("errors", () => {
  const f = run("logger", ["-p", "foo.bar", "x"]);
  assert.is(f.status, 1);
  assert.is(f.err, "logger: unknown facility name: foo\n");
  assert.is(run("logger", ["-p", "user.bar", "x"]).err, "logger: unknown priority name: user.bar\n");
  assert.is(run("logger", ["-S", "1.2.3.4:5", "x"]).err, "logger: -h option is missing.\n");
  assert.is(run("logger", ["-f", "/nonexistent/x"]).err, "logger: /nonexistent/x: No such file or directory\n");
  const u = run("logger", ["-z"]);
  assert.is(u.status, 1);
  assert.ok(u.err.endsWith("usage: logger [-46Ais] [-f file] [-h host] [-P port] [-p pri] [-t tag]\n              [-S addr:port] [message ...]\n"));
  const h = run("logger", ["-h", "no-such-host.invalid", "x"]);
  assert.is(h.status, 1);
  assert.match(h.err, /^logger: .*: no-such-host\.invalid\n$/);
});

test.run();
