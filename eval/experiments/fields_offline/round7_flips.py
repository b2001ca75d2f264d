"""Which dev docs' incident/type a classify variant changes (tuned + new listed; held-out counted only)."""
import json,glob,os,sys,importlib
sys.path.insert(0,'/work/main')
from summarizer.text import eventtypes
from summarizer.text.grounding import locate
gold={}
for f in glob.glob('/work/main/eval/data/*/gold/*.json'):
    gold[f.split('/')[-3]+'/'+os.path.basename(f)[:-5]]=json.load(open(f))
last={}
for line in open('/tmp/r7/classify.jsonl'):
    d=json.loads(line); last[d['doc']]=d['answer']   # the re-asked answer (in English) is the later one
def run(fn):
    out={}
    for doc,ans in last.items():
        a=json.loads(ans); g=gold[doc]
        text=open(f"/work/main/eval/data/{doc.split('/')[0]}/docs/{doc.split('/')[1]}.txt").read()
        q=a.get('event_quote') or ''
        found=locate(q,text) if q else None
        out[doc]=fn(a['title'],a['summary'],*( [found.quote] if found else []))
    return out
def group(doc):
    g=gold[doc]; n=doc.split('/')[1]
    if g['split']=='test': return 'test'
    if n[:3] in ('df-','dg-'): return 'held'
    return 'new' if n[:3] in ('dh-','di-') else 'held2' if n[:3] in ('dj-','dk-') else 'tuned'
base=run(eventtypes.classify)
# check against predictions
bad=0
for doc,t in base.items():
    p=f"/tmp/r7/rep4/predictions/{doc}.json"
    if os.path.exists(p) and json.load(open(p))['event_type']!=t.value: bad+=1
print('mismatch with replay', bad)
def compare(variant,label):
    v=run(variant); stats={}
    for doc in base:
        grp=group(doc); g=gold[doc]
        if grp=='test': continue
        b,a=base[doc].value,v[doc].value
        s=stats.setdefault(grp,[0,0,0,0])  # type right before, after, incident right before, after
        s[0]+=b==g['event_type']; s[1]+=a==g['event_type']
        s[2]+=(b!='other')==g['is_incident']; s[3]+=(a!='other')==g['is_incident']
        if b!=a and grp in ('tuned','new'): print('  ',label,doc[:50],'gold',g['event_type'],b,'->',a)
    print(label,{k:f"type {s[0]}->{s[1]} inc {s[2]}->{s[3]}" for k,s in stats.items()})
