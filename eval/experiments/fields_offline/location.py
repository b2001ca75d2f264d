import json,glob,os,sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..'))
from summarizer.text import places
from summarizer.evaluation.evaluate import location_match, names_match
pred_dir=sys.argv[1]; split=sys.argv[2]; norm=len(sys.argv)>3
L=[0,0];C=[0,0]
for f in sorted(glob.glob(ROOT+'/eval/data/*/gold/*.json')):
    g=json.load(open(f))
    if g['split']!=split or not g['is_incident']: continue
    ds=f.split('/')[-3]; name=os.path.basename(f)
    p=f'{pred_dir}/{ds}/{name}'
    if not os.path.exists(p): continue
    pr=json.load(open(p)); loc=dict(pr['location'])
    if norm: loc['country'],loc['city']=places.normalise(loc.get('country'),loc.get('city'))
    if norm=='fill' or len(sys.argv)>4:
        text=open(ROOT+f'/eval/data/{ds}/docs/{name[:-5]}.txt').read()
        if not loc.get('country') and not loc.get('city'): loc['country'],loc['city'],_=places.mentioned(text)
        elif not loc.get('country'): loc['country']=places.mentioned(text)[0]
    gl=g['location']
    m=location_match(loc,gl)
    if m is not None: L[0]+=1; L[1]+=m
    if gl.get('country'):
        c=names_match(loc.get('country'),gl['country']); C[0]+=1; C[1]+=c
    print(name[:28].ljust(28), f"{m:.2f}" if m is not None else '-', {k:gl.get(k) for k in ('country','region','city','site')}, '||', {k:loc.get(k) for k in ('country','region','city','site')})
print(f'location {L[1]/L[0]:.2f} country {C[1]}/{C[0]}={C[1]/C[0]:.2f}')
