# Builds shared/test/tz-table.json: localtime(3) and mktime(3) cases run through musl
# (scripts/tz-oracle.c, built with `musl-gcc -O2 -static -o /tmp/tzo scripts/tz-oracle.c`).
# A dev-time tool: the tests only read the JSON.
#
# Instants: fixed ones (pre-1901, 1970, 2038, 2100, 3000...), and for zoneinfo zones the seconds
# around transitions, both from the file's table and, past it, from its POSIX footer (found by
# scanning 2040 and 2090 with Python's zoneinfo). mktime: the local times in and around those
# transitions' gaps and overlaps with tm_isdst -1, 0 and 1, and out-of-range fields.
# Seconds stay within 2^53 (tz.ts uses JavaScript numbers). Zones in TZif v3 files are left out: this oracle (musl 1.2.3) reads their 32-bit data only.
import json, os, random, subprocess, sys
from datetime import datetime, timedelta, timezone
import zoneinfo

random.seed(7)
ZONES = [
    "Europe/London", "Europe/Berlin", "Europe/Dublin", "America/New_York", "America/St_Johns",
    "Australia/Lord_Howe", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata",
    "Pacific/Chatham", "Asia/Tehran", "Africa/Casablanca", "Pacific/Apia", "Antarctica/Troll",
    "Etc/GMT+5", "UTC", "Japan", "America/Havana", "Asia/Kathmandu", "Pacific/Kiritimati",
    ":Europe/Paris", "/usr/share/zoneinfo/Europe/Rome",
]
RULES = [
    "EST5EDT", "EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3", "<+0530>-5:30",
    "AEST-10AEDT,M10.1.0,M4.1.0/3", "NZST-12NZDT,M9.5.0,M4.1.0/3", "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
    "IST-2IDT,M3.4.4/26,M10.5.0", "XST3XDT,J60,J300", "YST3YDT,60,300", "ABCDEFGHI5",
    "<ABCDEFGH>5", "UTC0", "GMT", "UTC", "JST-9", "Foo", "", "-", "Nonexistent/Zone", "Europe/Paris.",
]
FIXED = [-2**31 - 1, -5000000000, -2208988800, -1, 0, 1, 1000000000, 1234567890, 1710054000,
         2147483647, 2147483648, 4102444800, 10000000000, 32503680000, 253402300799,
         9007199254740991, -9007199254740991]


def zi_name(tz):
    t = tz.lstrip(":")
    if t.startswith("/usr/share/zoneinfo/"):
        t = t[len("/usr/share/zoneinfo/"):]
    return t


def transitions(tz):
    """UTC seconds of offset changes: from the TZif table and by scanning two footer years."""
    name = zi_name(tz)
    path = "/usr/share/zoneinfo/" + name
    out = []
    data = open(path, "rb").read()
    if data[4:5] == b"3":
        return None
    # v2 second block
    import struct
    def counts(o):
        return struct.unpack(">6l", data[o + 20:o + 44])
    c = counts(0)
    skip = 44 + c[0] + c[1] + 8 * c[2] + 5 * c[3] + 6 * c[4] + c[5]
    c2 = counts(skip)
    n = c2[3]
    base = skip + 44
    ts = list(struct.unpack(">%dq" % n, data[base:base + 8 * n]))
    if ts:
        picks = ts[:2] + ts[-2:] + random.sample(ts, min(6, len(ts)))
        out += picks
    z = zoneinfo.ZoneInfo(name)
    for year in (2040, 2090):
        t = int(datetime(year, 1, 1, tzinfo=timezone.utc).timestamp())
        prev = z.utcoffset(datetime.fromtimestamp(t, timezone.utc))
        for d in range(1, 367):
            t2 = t + 86400
            off = z.utcoffset(datetime.fromtimestamp(t2, timezone.utc))
            if off != prev:
                lo, hi = t, t2
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if z.utcoffset(datetime.fromtimestamp(mid, timezone.utc)) == prev:
                        lo = mid
                    else:
                        hi = mid
                out.append(hi)
            prev, t = off, t2
    return sorted(set(out))


L, M = [], []
for tz in ZONES + RULES:
    inst = list(FIXED)
    trans = None
    if tz in ZONES:
        trans = transitions(tz)
        if trans is None:
            continue
    else:
        # rule strings: scan the rule's years with the oracle's own answers later; sample days
        trans = []
        for year in (1965, 2024, 2090):
            t0 = int(datetime(year, 1, 1, tzinfo=timezone.utc).timestamp())
            trans += [t0 + random.randrange(366 * 86400) for d in range(16)]
    for t in trans:
        inst += [t - 1, t, t + 1] if tz in ZONES else [t]
    for t in sorted(set(inst)):
        L.append((tz, t))
    # mktime around the transitions, in local time (the oracle's localtime of t - 7200 ... t + 7200)
    for t in (trans[:2] + trans[-4:]) if tz in ZONES else trans[::8]:
        for dt in (-1, 0, 1800):
            M.append((tz, "@%d" % (t + dt)))
    for f in ["2024 14 1 12 0 0 -1", "2024 1 0 0 0 0 -1", "2024 0 -40 25 -1 60 -1",
              "2024 -13 31 0 0 -3600 -1", "1800 6 1 12 0 0 -1", "100000 11 31 23 59 59 -1",
              "-100000 0 1 0 0 0 -1", "285000000 0 1 0 0 0 -1", "2024 6 1 12 0 0 0",
              "2024 0 15 12 0 0 1", "1969 11 31 23 59 59 0", "2038 0 19 3 14 8 -1"]:
        M.append((tz, f))


def oracle(kind, rows):
    """Run rows through the oracle; TZ "" travels as EMPTY (strtok cannot see an empty field)."""
    inp = "".join("%s\t%s\t%s\n" % (kind, tz if tz != "" else "EMPTY", v) for tz, v in rows).encode()
    r = subprocess.run(["/tmp/tzo"], input=inp, capture_output=True, check=True)
    outs = r.stdout.decode().split("\n")[:-1]
    assert len(outs) == len(rows), (len(outs), len(rows))
    return outs


# resolve "@t" mktime rows into local fields with the oracle's localtime first
at = [(tz, v[1:]) for tz, v in M if v.startswith("@")]
loc = oracle("L", at)
Mrows = []
i = 0
for tz, v in M:
    if v.startswith("@"):
        o = loc[i].split(" ")
        i += 1
        if o[0] in ("NULL", "BAD"):
            continue
        for isdst in (-1, 0, 1):
            Mrows.append((tz, "%s %s %s %s %s %s %d" % (o[0], o[1], o[2], o[3], o[4], o[5], isdst)))
    else:
        Mrows.append((tz, v))
Mrows = list(dict.fromkeys(Mrows))
lout = oracle("L", L)
mout = oracle("M", Mrows)
table = {"localtime": {}, "mktime": {}}
for (tz, t), o in zip(L, lout):
    table["localtime"].setdefault(tz, []).append([t, o])
for (tz, f), o in zip(Mrows, mout):
    table["mktime"].setdefault(tz, []).append([f, o])
out = os.path.join(os.path.dirname(__file__), "..", "shared", "test", "tz-table.json")
with open(out, "w") as f:
    f.write("{\n")
    for i, (k, zones) in enumerate(table.items()):
        f.write('"%s": {\n' % k)
        f.write(",\n".join("%s: %s" % (json.dumps(tz), json.dumps(rows, separators=(",", ":"))) for tz, rows in zones.items()))
        f.write("\n}%s\n" % ("," if i == 0 else ""))
    f.write("}\n")
print(len(L), len(Mrows), file=sys.stderr)
