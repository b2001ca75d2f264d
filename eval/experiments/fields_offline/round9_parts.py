"""Macro metrics per part of the gold sets from one or more report.json files (round 9).

Usage: round9_parts.py REPORT [REPORT2 ...]; TEST=1 adds the test split.
Parts: `tuned` (dev read since round 1), `held`..`held5` (rounds 6-8's
held-out parts), `tune9` (dr/ds: round 9's tuning batch, failures may be
read), `held6` (dt/du: round 9's first held-out batch, measured once, then read
as a second tuning batch), `held7` (dv/dw: round 9's last held-out batch,
aggregates only).
Incident is balanced accuracy (mean of recall on incidents and on
non-incidents), as the eval reports it.
"""
import glob, json, os, sys

KEYS = ['overall', 'incident', 'event_type', 'killed', 'injured', 'both_casualties', 'location', 'country', 'fact_recall', 'grounding']
PARTS = {'df': 'held', 'dg': 'held', 'dh': 'new', 'di': 'new', 'dj': 'held2', 'dk': 'held2', 'dl': 'held3', 'dm': 'held3',
         'dn': 'held4', 'do': 'held4', 'dp': 'held5', 'dq': 'held5', 'dr': 'tune9', 'ds': 'tune9', 'dt': 'held6', 'du': 'held6', 'dv': 'held7', 'dw': 'held7'}
split = {}
for f in glob.glob('/work/main/eval/data/*/gold/*.json') + glob.glob('/tmp/r9/data-*/*/gold/*.json'):
    split[(f.split('/')[-3], os.path.basename(f)[:-5])] = json.load(open(f))['split']


def group(ds, n):
    if split.get((ds, n)) == 'test':
        return 'test'
    return PARTS.get(n[:2] if n[2:3] == '-' else '', 'tuned')


def mean(v):
    v = [x for x in v if x is not None]
    return sum(v) / len(v) if v else None


def macro(rep):
    r = json.load(open(rep))
    rows = {}
    for ds, d in r['datasets'].items():
        if ds in ('all', 'dev', 'test') or 'per_document' not in d:
            continue
        for n, row in d['per_document'].items():
            rows.setdefault(group(ds, n), {})[(ds, n)] = row
    out = {}
    for g, rs in rows.items():
        m = {k: mean([x.get(k) for x in rs.values()]) for k in KEYS if k != 'incident'}
        ir = mean([x.get('incident_recall') for x in rs.values()])
        nr = mean([x.get('nonincident_recall') for x in rs.values()])
        m['incident'] = ((ir or 0) + (nr if nr is not None else ir or 0)) / 2 if ir is not None else None
        m['n'] = len(rs)
        out[g] = m
    return out


reps = [macro(a) for a in sys.argv[1:]]
for g in ('tuned', 'held', 'new', 'held2', 'held3', 'held4', 'held5', 'tune9', 'held6', 'held7') + (('test',) if os.environ.get('TEST') else ()):
    if g not in reps[0]:
        continue
    print(f"{g:6s} n={reps[0][g]['n']}: " + "  ".join(
        f"{k[:8]} " + "/".join(f"{r[g][k]:.3f}" if r.get(g, {}).get(k) is not None else '-' for r in reps) for k in KEYS))
