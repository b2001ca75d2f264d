"""Place failures of the dev parts one may read. Usage: round8_placeerr.py PRED tuned,new"""
import json,glob,os,sys
pred=sys.argv[1]; groups=sys.argv[2].split(',')
HELD=('df-','dg-','dj-','dk-','dl-','dm-','dn-','do-','dp-','dq-')
for f in sorted(glob.glob('eval/data/*/gold/*.json')):
    g=json.load(open(f)); ds=f.split('/')[-3]; n=os.path.basename(f)
    if g['split']!='dev' or n[:3] in HELD or not g['is_incident']: continue
    grp='new' if n[:3] in ('dh-','di-') else 'tuned'
    if grp not in groups: continue
    p=json.load(open(f'{pred}/{ds}/{n}'))
    gl=g['location'] or {}; pl=(p.get('location') or {})
    def v(x): return x if not isinstance(x,dict) else x.get('value', x.get('name'))
    row={k:(gl.get(k), v(pl.get(k))) for k in ('country','region','city','site')}
    if any((a or '')!=(b or '') for a,b in row.values()):
        print(n[:45], ' | '.join(f"{k}: {a!r}->{b!r}" for k,(a,b) in row.items() if (a or '')!=(b or '')))
