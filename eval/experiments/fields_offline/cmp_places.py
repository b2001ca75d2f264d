"""Compare location/country/city between two prediction dirs on a subset: tuned | held | test | newtest."""
import json,glob,os,sys
sys.path.insert(0,'/work/main')
from summarizer.evaluation.evaluate import names_match, location_match
a,b,half=sys.argv[1],sys.argv[2],sys.argv[3]; verbose='-v' in sys.argv
def sub(n,G):
    if half=='test': return G.get('split')=='test'
    if half=='newtest': return G.get('split')=='test' and n[:3] in ('ta-','tb-','tc-')
    if half=='oldtest': return G.get('split')=='test' and n[:3] not in ('ta-','tb-','tc-')
    if G.get('split')!='dev': return False
    return (n[:2] in ('df','dg'))==(half=='held')
S={k:[0,0,0] for k in ('location','country','city')}
for ds in ['corpus','news','seeds']:
  for g in sorted(glob.glob(f'/work/main/eval/data/{ds}/gold/*.json')):
    n=os.path.basename(g); G=json.load(open(g))
    if not sub(n,G) or not G['is_incident']: continue
    pa,pb=f'{a}/{ds}/{n}',f'{b}/{ds}/{n}'
    if not (os.path.exists(pa) and os.path.exists(pb)): continue
    A=json.load(open(pa)).get('location') or {}; B=json.load(open(pb)).get('location') or {}
    gl=G['location']
    for k in S:
        if k=='location':
            x,y=location_match(A,gl),location_match(B,gl)
        else:
            if not gl.get(k): continue
            x,y=names_match(A.get(k),gl[k]),names_match(B.get(k),gl[k])
        if x is None: continue
        S[k][0]+=x; S[k][1]+=y; S[k][2]+=1
    if verbose and (A.get('country'),A.get('city'))!=(B.get('country'),B.get('city')):
        print(' ',n[:40],(A.get('country'),A.get('city')),'->',(B.get('country'),B.get('city')),'gold',(gl.get('country'),gl.get('city')))
for k,(x,y,n) in S.items(): print(f'{half} {k}: {x/n:.3f} -> {y/n:.3f} (n={n})' if n else f'{k}: none')
