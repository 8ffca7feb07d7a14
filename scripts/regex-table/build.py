# Builds shared/test/regex-table.json: runs every case of cases.py through musl's regcomp/regexec
# (scripts/regex-oracle.c, built with `musl-gcc -O2 -static -o /tmp/reo scripts/regex-oracle.c`) and
# merges the recorded POSIX/bsdbox differences. A dev-time tool: the tests only read the JSON.
import json, re, subprocess, base64, sys
import os
exec(open(os.path.join(os.path.dirname(__file__), 'cases.py')).read())

def unesc(s):
    out = bytearray(); i = 0
    b = s.encode('latin-1')
    while i < len(b):
        if b[i:i+2] == b'\\n': out += b'\n'; i += 2
        elif b[i:i+2] == b'\\t': out += b'\t'; i += 2
        elif b[i:i+2] == b'\\\\': out += b'\\'; i += 2
        elif b[i:i+2] == b'\\x' and re.fullmatch(rb'[0-9a-fA-F]{2}', b[i+2:i+4]) and int(b[i+2:i+4], 16):
            out.append(int(b[i+2:i+4], 16)); i += 4
        else: out.append(b[i]); i += 1
    return bytes(out)

def run(lines):
    inp = ''.join('%s\t%s\t%s\n' % l for l in lines).encode('latin-1')
    r = subprocess.run(['/tmp/reo'], input=inp, capture_output=True, check=True)
    outs = r.stdout.decode().split('\n')[:-1]
    assert len(outs) == len(lines), (len(outs), len(lines))
    return [parse(o) for o in outs]

def parse(o):
    if o.startswith('ERR\t'): return {"error": o[4:]}
    if o == 'NOMATCH': return None
    assert o.startswith('MATCH\t'), o
    res = []
    for p in o[6:].split(' '):
        a, b = map(int, p.split(','))
        res.append(None if a == -1 else [a, b])
    return res

coll = re.compile(r'\[([.=])(.)\1\]')
lines, extra = [], []
for f, p, s, o in C:
    lines.append((f or '-', p, s))
res = run(lines)
# automatic overrides: single-character [. .] / [= =], which musl rejects
ov = {}
for k, (f, p, s, o) in enumerate(C):
    pu = p.encode('latin-1').decode('utf-8', 'surrogateescape')
    if o is None and res[k] == {"error": "Unknown collating element"} and coll.search(pu) and not re.search(r'\[[.=]', coll.sub('', pu)):
        o = {"as": coll.sub(lambda m: m.group(2), pu).encode('utf-8', 'surrogateescape').decode('latin-1'), "note": "musl rejects collating symbols and equivalence classes (Unknown collating element); bsdbox supports the single-character [. .] and [= =] POSIX specifies (in C.UTF-8 an equivalence class holds just its character)"}
    if o is None and res[k] == {"error": "Invalid contents of {}"} and re.search(r'\{,[0-9]', p):
        o = {"as": re.sub(r'\{,([0-9])', r'{0,\1', p), "note": "musl rejects {,n} (Invalid contents of {}); bsdbox reads it as {0,n} (POSIX leaves it undefined)"}
    if o is None and (f, p, s) in OVR:
        o = {"expect": OVR[(f, p, s)][0], "note": OVR[(f, p, s)][1]}
    if o: ov[k] = o
asl = [(C[k][0] or '-', o["as"], C[k][2]) for k, o in ov.items() if "as" in o]
asr = dict(zip([k for k, o in ov.items() if "as" in o], run(asl)))

table = []
seen = set()
for k, (f, p, s, o) in enumerate(C):
    key = (f, p, s)
    if key in seen: continue
    seen.add(key)
    pb, sb = unesc(p), unesc(s)
    e = {}
    try: e["re"] = pb.decode('utf-8')
    except UnicodeDecodeError: e["re_b64"] = base64.b64encode(pb).decode()
    e["flags"] = f
    try: e["subject"] = sb.decode('utf-8')
    except UnicodeDecodeError: e["subject_b64"] = base64.b64encode(sb).decode()
    if k in ov:
        o = ov[k]
        want = asr[k] if "as" in o else o["expect"]
        assert want != res[k], ("override agrees with musl", key)
        if want != res[k]:
            e["expect"] = want; e["musl"] = res[k]; e["note"] = o["note"]
        else:
            e["expect"] = res[k]; print("override agrees with musl:", key, file=sys.stderr)
    else:
        e["expect"] = res[k]
    table.append(e)

def fmt(e):
    return json.dumps(e, ensure_ascii=False, separators=(', ', ': '))
with open('/work/main/shared/test/regex-table.json', 'w') as fh:
    fh.write('[\n' + ',\n'.join(fmt(e) for e in table) + '\n]\n')
print(len(table), "cases", file=sys.stderr)
used = {(f, p, s) for f, p, s, o in C}
assert all(k in used for k in OVR), [k for k in OVR if k not in used]
for e in table:
    if "musl" in e: print("DIFF", e["flags"], e.get("re", e.get("re_b64")), "|", e.get("subject", e.get("subject_b64")), "expect", json.dumps(e["expect"]), "musl", json.dumps(e["musl"]), file=sys.stderr)
