import json,glob,os,sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..'))
from summarizer.text.eventtypes import classify
pred_dir=sys.argv[1]; split=sys.argv[2]; mode=sys.argv[3] if len(sys.argv)>3 else 'ts'
ok=n=0; inc=[0,0]; non=[0,0]
for f in sorted(glob.glob(ROOT+'/eval/data/*/gold/*.json')):
    g=json.load(open(f))
    if g['split']!=split: continue
    ds=f.split('/')[-3]; name=os.path.basename(f)
    p=f'{pred_dir}/{ds}/{name}'
    if not os.path.exists(p): continue
    pr=json.load(open(p))
    text=pr['title']+'. '+pr['summary']
    if 'q' in mode: text+=' '+' '.join(e['quote'] for e in pr.get('event_type_evidence',[]))
    t=classify(pr["title"], pr["summary"], *([e["quote"] for e in pr.get("event_type_evidence",[])] if "q" in mode else [])).value
    gt=g['event_type'] if g['is_incident'] else 'other'
    n+=1; ok+= t==gt
    if gt=='other': non[0]+=1; non[1]+= t=='other'
    else: inc[0]+=1; inc[1]+= t!='other'
    if t!=gt: print(name[:30].ljust(30), gt.ljust(25), t.ljust(25), '|', pr['title'][:70])
print(f'event_type {ok}/{n}={ok/n:.2f}  incidents {inc[1]}/{inc[0]} non {non[1]}/{non[0]} balanced {(inc[1]/inc[0]+non[1]/non[0])/2:.2f}')
