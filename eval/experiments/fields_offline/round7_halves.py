"""Macro metrics per group (tuned dev, held-out dev, test, new dev) from a report.json. Usage: halves.py REPORT [REPORT2]"""
import json,sys,glob,os
KEYS=['overall','event_type','killed','injured','both_casualties','location','country','fact_recall','grounding']
split={}
for f in glob.glob('/work/main/eval/data/*/gold/*.json')+glob.glob('/tmp/r7/data/*/gold/*.json'):
    split[(f.split('/')[-3],os.path.basename(f)[:-5])]=json.load(open(f))['split']
def group(ds,n):
    s=split.get((ds,n))
    if s=='test': return 'test'
    if n[:3] in ('df-','dg-'): return 'held'
    if n[:3] in ('dh-','di-'): return 'new'
    if n[:3] in ('dj-','dk-'): return 'held2'
    if n[:3] in ('dl-','dm-'): return 'held3'
    if n[:3] in ('dn-','do-'): return 'held4'
    if n[:3] in ('dp-','dq-'): return 'held5'
    return 'tuned'
def mean(v): v=[x for x in v if x is not None]; return sum(v)/len(v) if v else None
def macro(rep):
    r=json.load(open(rep)); rows={}
    for ds,d in r['datasets'].items():
        if ds in ('all','dev','test') or 'per_document' not in d: continue
        for n,row in d['per_document'].items(): rows.setdefault(group(ds,n),{})[(ds,n)]=row
    out={}
    for g,rs in rows.items():
        m={k:mean([x.get(k) for x in rs.values()]) for k in KEYS}
        ir=mean([x.get('incident_recall') for x in rs.values()]); nr=mean([x.get('nonincident_recall') for x in rs.values()])
        m['incident']=((ir or 0)+(nr if nr is not None else ir or 0))/2 if ir is not None else None
        m['n']=len(rs); out[g]=m
    return out
reps=[macro(a) for a in sys.argv[1:]]
import os
for g in ("tuned","held","new","held2","held3","held4","held5")+(("test",) if os.environ.get("TEST") else ()):
    if g not in reps[0]: continue
    print(f"{g:6s} n={reps[0][g]['n']}: "+"  ".join(f"{k[:8]} "+"/".join(f"{r[g][k]:.3f}" if r[g].get(k) is not None else '-' for r in reps) for k in ['overall','incident','event_type','killed','injured','both_casualties','location','country','fact_recall','grounding']))
