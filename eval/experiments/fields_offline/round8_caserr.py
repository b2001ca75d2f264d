"""Casualty and incident failures of the dev parts one may read (tuned part, dh/di). Usage: round8_caserr.py PRED tuned,new"""
import json,glob,os,sys
sys.path.insert(0,'/work/main')
from summarizer.text.figures import candidates
pred=sys.argv[1]; groups=sys.argv[2].split(',')
HELD=('df-','dg-','dj-','dk-','dl-','dm-','dn-','do-','dp-','dq-')
for f in sorted(glob.glob('eval/data/*/gold/*.json')):
    g=json.load(open(f)); ds=f.split('/')[-3]; n=os.path.basename(f)
    if g['split']!='dev' or n[:3] in HELD: continue
    grp='new' if n[:3] in ('dh-','di-') else 'tuned'
    if grp not in groups: continue
    p=json.load(open(f'{pred}/{ds}/{n}'))
    gc=g.get('casualties') or {}; pc=p['casualties']
    bad=[]
    for k in ('killed','injured'):
        if gc.get(k) is not None and pc.get(k)!=gc.get(k): bad.append(f"{k} gold {gc.get(k)} got {pc.get(k)}")
        if gc.get(k) is None and pc.get(k) is not None: bad.append(f"{k} gold None got {pc.get(k)} (abst)")
    if g['is_incident']!=p['is_incident']: bad.append(f"INCIDENT gold {g['is_incident']} got {p['is_incident']}")
    if bad:
        text=open(f'eval/data/{ds}/docs/{n[:-5]}.txt').read()
        print(n[:50], '|', '; '.join(bad), '| cands', [(c.kind,c.count) for c in candidates(text)][:6])
