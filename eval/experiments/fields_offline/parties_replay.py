"""Apply pipeline._check_parties to saved records; perpetrators/claimed_by F1 before/after. Usage: PRED half"""
import json,glob,os,sys
sys.path.insert(0,'/work/main')
from summarizer.schema import IncidentSummary
from summarizer.evaluation.evaluate import list_prf
from summarizer import pipeline
base,half=sys.argv[1],sys.argv[2]; v='-v' in sys.argv
def sub(n,G):
    if half=='test': return G.get('split')=='test'
    if G.get('split')!='dev': return False
    return (n[:2] in ('df','dg'))==(half=='held')
S={}
for ds in ['corpus','news','seeds']:
  for g in sorted(glob.glob(f'/work/main/eval/data/{ds}/gold/*.json')):
    n=os.path.basename(g); G=json.load(open(g))
    if not sub(n,G) or not G['is_incident']: continue
    p=f'{base}/{ds}/{n}'
    if not os.path.exists(p): continue
    s=IncidentSummary.model_validate_json(open(p).read())
    if not s.is_incident: continue
    text=open(f'/work/main/eval/data/{ds}/docs/{n[:-5]}.txt',encoding='utf-8').read()
    before={f:[x.name for x in getattr(s,f)] for f in ('perpetrators','claimed_by','targets','weapons')}
    pipeline._check_parties(s,text)
    after={f:[x.name for x in getattr(s,f)] for f in ('perpetrators','claimed_by','targets','weapons')}
    for f in before:
        if not before[f] and not after[f] and not G[f]: continue  # the metric's convention checked below
        b=list_prf(before[f],G[f])[2]; a=list_prf(after[f],G[f])[2]
        S.setdefault(f,[0,0,0]); S[f][0]+=b; S[f][1]+=a; S[f][2]+=1
        if v and before[f]!=after[f]: print(' ',n[:35],f,before[f],'->',after[f],'gold',G[f])
for f,(b,a,n) in S.items(): print(f'{half} {f}: F1 {b/n:.3f} -> {a/n:.3f} over {n} docs')
