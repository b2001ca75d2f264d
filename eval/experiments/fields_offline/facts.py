import json,glob,os,sys,bisect
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..'))
from summarizer.evaluation.evaluate import matched_facts
from summarizer.text.grounding import sentences, locate
pred_dir=sys.argv[1]; split=sys.argv[2]
def run(mode):
    R=[];P=[]
    for f in sorted(glob.glob(ROOT+'/eval/data/*/gold/*.json')):
        g=json.load(open(f))
        if g['split']!=split or not g['is_incident'] or not g['key_facts']: continue
        ds=f.split('/')[-3]; name=os.path.basename(f)
        p=f'{pred_dir}/{ds}/{name}'
        if not os.path.exists(p): continue
        pr=json.load(open(p)); text=open(ROOT+f'/eval/data/{ds}/docs/{name[:-5]}.txt').read()
        gold=[]
        for k in g['key_facts']:
            e=locate(k['quote'],text)
            if e: gold.append((e.start,e.end))
        pred=[(e['start'],e['end']) for k in pr['key_facts'] for e in k['evidence'][:1]]
        sents=sentences(text)
        if 'sent' in mode:
            starts=[s for s,_ in sents]
            new=[]
            for s,e in pred:
                i=bisect.bisect_right(starts,s)-1
                if i>=0 and sents[i][1]>=e: new.append(sents[i])
                else: new.append((s,e))
            pred=list(dict.fromkeys(new))
        if 'lead' in mode:
            for sp in sents[:int(mode[-1])]:
                if sp not in pred and len(pred)<8: pred.append(sp)
        R.append(matched_facts(pred,gold)/len(gold)); P.append(matched_facts(pred,gold)/max(1,len(pred)))
    print(f'{mode:12s} fact_recall {sum(R)/len(R):.2f} precision {sum(P)/len(P):.2f} n={len(R)}')
for m in ('model','sent','sentlead3','sentlead5','sentlead8'): run(m)
def leadonly(n):
    R=[]
    for f in sorted(glob.glob(ROOT+'/eval/data/*/gold/*.json')):
        g=json.load(open(f))
        if g['split']!=split or not g['is_incident'] or not g['key_facts']: continue
        ds=f.split('/')[-3]; name=os.path.basename(f)
        text=open(ROOT+f'/eval/data/{ds}/docs/{name[:-5]}.txt').read()
        gold=[(e.start,e.end) for k in g['key_facts'] if (e:=locate(k['quote'],text))]
        R.append(matched_facts(list(sentences(text)[:n]),gold)/len(gold))
    print(f'lead-only {n}: {sum(R)/len(R):.2f}')
for n in (3,5,8): leadonly(n)
def leadfirst(k,total=8):
    R=[];P=[]
    for f in sorted(glob.glob(ROOT+'/eval/data/*/gold/*.json')):
        g=json.load(open(f))
        if g['split']!=split or not g['is_incident'] or not g['key_facts']: continue
        ds=f.split('/')[-3]; name=os.path.basename(f)
        pr=json.load(open(f'{pred_dir}/{ds}/{name}')); text=open(ROOT+f'/eval/data/{ds}/docs/{name[:-5]}.txt').read()
        gold=[(e.start,e.end) for kf in g['key_facts'] if (e:=locate(kf['quote'],text))]
        sents=sentences(text); starts=[s for s,_ in sents]
        pred=list(sents[:k])
        for kf in pr['key_facts']:
            for e in kf['evidence'][:1]:
                i=bisect.bisect_right(starts,e['start'])-1
                sp=sents[i] if i>=0 and sents[i][1]>=e['end'] else (e['start'],e['end'])
                if sp not in pred and len(pred)<total: pred.append(sp)
        for sp in sents[k:]:
            if len(pred)>=total: break
            if sp not in pred: pred.append(sp)
        R.append(matched_facts(pred,gold)/len(gold)); P.append(matched_facts(pred,gold)/len(pred))
    print(f'lead{k} then model, {total}: {sum(R)/len(R):.2f} prec {sum(P)/len(P):.2f}')
for k in (1,2,3,4,5): leadfirst(k)
leadfirst(3,6)
