"""Arabic-script words of the readable dev articles that GeoNames alternates would take for cities (dropped idea: most are common words). Usage: round8_arabic_cities.py"""
import glob,os,json,re,sys
sys.path.insert(0,'/work/main')
from summarizer.text import places as P
idx={}
for c in P._geonames_cities():
    for a in c.get('alternatenames',[]):
        if P._ARABIC_WORD.fullmatch(a.replace(' ','')) or re.search('[\u0600-\u06ff]',a):
            k=P._key(a)
            if len(k)>=3:
                idx.setdefault(k,[]).append((c['name'],c['countrycode'],c['population']))
print(len(idx))
HELD=('df-','dg-','dj-','dk-','dl-','dm-','dn-','do-','dp-','dq-')
for f in sorted(glob.glob('eval/data/*/docs/*.txt')):
    n=os.path.basename(f); g=json.load(open(f.replace('/docs/','/gold/')[:-4]+'.json'))
    if g['split']!='dev' or n[:3] in HELD: continue
    t=open(f).read()
    if not re.search('[\u0600-\u06ff]{3}',t): continue
    hits=[]
    for start,words in P._arabic_names(t):
        for k in range(len(words),0,-1):
            key=P._key(' '.join(words[:k]))
            if key in idx:
                best=max(idx[key],key=lambda x:x[2]); hits.append((' '.join(words[:k]),best[0],best[1],best[2])); break
    print(n[:40], (g['location'] or {}).get('country'), hits[:8])
