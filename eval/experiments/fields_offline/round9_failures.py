"""Field failures of round 9's tuning batches only: dr/ds, and dt/du once they
had been measured as held out (round 9 log, section 4); dv/dw and test are refused.

Usage: round9_failures.py PRED_DIR PREFIX[,PREFIX] [TAPES]
"""
import glob, hashlib, json, os, sys

import yaml

pred, prefixes = sys.argv[1], sys.argv[2].split(',')
tapes = sys.argv[3] if len(sys.argv) > 3 else None
assert all(p in ('dr', 'ds', 'dt', 'du') for p in prefixes), 'only the tuning batch may be read'
for f in sorted(glob.glob('/work/main/eval/data/news/gold/*.json')):
    n = os.path.basename(f)
    if n[:2] not in prefixes:
        continue
    g = json.load(open(f))
    p = json.load(open(f'{pred}/news/{n}'))
    text = open(f'/work/main/eval/data/news/docs/{n[:-5]}.txt').read()
    out = []
    if g['is_incident'] != p['is_incident']:
        out.append(f"INCIDENT {g['is_incident']}->{p['is_incident']}")
    if g['event_type'] != p['event_type']:
        out.append(f"type {g['event_type']}->{p['event_type']}")
    for k in ('killed', 'injured'):
        gv, pv = g['casualties'].get(k), p['casualties'].get(k)
        if g['is_incident'] and gv != pv:
            out.append(f"{k} {gv}->{pv}")
    for k in ('country', 'region', 'city'):
        gv, pv = g['location'].get(k), (p.get('location') or {}).get(k)
        if g['is_incident'] and (gv or '') != (pv or ''):
            out.append(f"{k} {gv!r}->{pv!r}")
    print(f"== {n[:60]} [{g['language']}] " + ' | '.join(out))
    if tapes:
        sha = hashlib.sha256(text.encode()).hexdigest()
        t = f'{tapes}/{sha}.yaml'
        if os.path.exists(t):
            for it in yaml.safe_load(open(t))['interactions'][:2]:
                ans = json.loads(it['response']['body']['string'])['choices'][0]['message']['content']
                print('   model:', ans[:400].replace('\n', ' '))
