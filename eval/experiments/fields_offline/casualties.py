import json,glob,os,sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..'))
from summarizer.text.figures import candidates
from summarizer.text.grounding import sentences
pred_dir=sys.argv[1]; split=sys.argv[2]; verbose=len(sys.argv)>3
rows=[]
for f in sorted(glob.glob(ROOT+'/eval/data/*/gold/*.json')):
    g=json.load(open(f))
    if g['split']!=split or not g['is_incident']: continue
    ds=f.split('/')[-3]; name=os.path.basename(f)
    p=f'{pred_dir}/{ds}/{name}'
    if not os.path.exists(p): continue
    pr=json.load(open(p)); text=open(ROOT+f'/eval/data/{ds}/docs/{name[:-5]}.txt').read()
    cands=candidates(text)
    sents=sentences(text)
    rows.append((name,g['casualties'],pr['casualties'],cands,sents,text))
def strat(fn,label):
    res={'killed':[0,0,0,0],'injured':[0,0,0,0]}
    both=[0,0]
    for name,gc,pc,cands,sents,text in rows:
        ok_both=True
        for k in ('killed','injured'):
            v=fn(k,pc,cands,sents)
            gv=gc.get(k)
            if gv is not None:
                res[k][0]+=1; res[k][1]+= v==gv
            else:
                res[k][2]+=1; res[k][3]+= v is None
            ok_both &= v==gv
            if verbose and v!=gv and label==verbose_label: print('  ',name[:30],k,'gold',gv,'got',v,[(c.kind,c.count) for c in cands][:8])
        both[0]+=1; both[1]+=ok_both
    print(f"{label:28s} killed {res['killed'][1]}/{res['killed'][0]}={res['killed'][1]/res['killed'][0]:.2f} injured {res['injured'][1]}/{res['injured'][0]}={res['injured'][1]/res['injured'][0]:.2f} abst {res['killed'][3]+res['injured'][3]}/{res['killed'][2]+res['injured'][2]} both {both[1]}/{both[0]}={both[1]/both[0]:.2f}")
verbose_label=sys.argv[3] if verbose else None
def lead(n):
    def fn(k,pc,cands,sents):
        lim=sents[min(n,len(sents))-1][1] if sents else 0
        cs=[c.count for c in cands if c.kind==k and c.start<lim]
        return max(cs) if cs else None
    return fn
def first(k,pc,cands,sents):
    cs=[c.count for c in cands if c.kind==k]; return cs[0] if cs else None
model=lambda k,pc,c,s: pc.get(k)
strat(model,'model')
for n in (2,3,5,8,100): strat(lead(n),f'code max lead{n}')
strat(first,'code first')
def hyb(n):
    def fn(k,pc,cands,sents):
        m=pc.get(k); return m if m is not None else lead(n)(k,pc,cands,sents)
    return fn
def hmax(n):
    def fn(k,pc,cands,sents):
        m=pc.get(k); c=lead(n)(k,pc,cands,sents)
        return max([x for x in (m,c) if x is not None], default=None)
    return fn
for n in (3,5,8): strat(hyb(n),f'model else lead{n}'); strat(hmax(n),f'max(model,lead{n})')
def cf_else_model(k,pc,cands,sents):
    m=pc.get(k)
    if m==0: return 0
    c=first(k,pc,cands,sents)
    return c if c is not None else m
strat(cf_else_model,'zero|codefirst|model')
def model_in_cands(k,pc,cands,sents):
    m=pc.get(k)
    if m==0: return 0
    cs=[c.count for c in cands if c.kind==k]
    if m is not None and m in cs: return m
    return cs[0] if cs else m
strat(model_in_cands,'zero|model-if-cand|codefirst')
def model_in_lead(n):
    def fn(k,pc,cands,sents):
        m=pc.get(k)
        if m==0: return 0
        lim=sents[min(n,len(sents))-1][1] if sents else 0
        cs=[c.count for c in cands if c.kind==k]
        if m is not None and m in [c.count for c in cands if c.kind==k and c.start<lim]: return m
        return cs[0] if cs else m
    return fn
for n in (3,5,8): strat(model_in_lead(n),f'zero|model-if-cand-lead{n}|codefirst')
def model_in_lead_ge(n):
    def fn(k,pc,cands,sents):
        m=pc.get(k)
        if m==0: return 0
        lim=sents[min(n,len(sents))-1][1] if sents else 0
        cs=[c.count for c in cands if c.kind==k]
        if m is not None and cs and m>=cs[0] and m in [c.count for c in cands if c.kind==k and c.start<lim]: return m
        return cs[0] if cs else m
    return fn
strat(model_in_lead_ge(5),f'zero|model-if-cand-lead5->=first|codefirst')
