"""Headline macros over subsets (old 31 vs new 34 test docs) of a report's per-document scores. Usage: subset.py REPORT COL"""
import json,sys
r=json.load(open(sys.argv[1])); col=sys.argv[2]
rows=r['datasets'][col]['per_document']
keys=['overall','event_type','killed','injured','both_casualties','location','country','fact_recall','grounding']
def mean(v): v=[x for x in v if x is not None]; return sum(v)/len(v) if v else None
def macro(names):
    out={k:mean([rows[n].get(k) for n in names]) for k in keys}
    out['is_incident_balanced']=(mean([rows[n].get('incident_recall') for n in names])+mean([rows[n].get('nonincident_recall') for n in names]))/2
    return {k:(round(v,2) if v is not None else None) for k,v in out.items()}
new=[n for n in rows if n[:3] in ('ta-','tb-','tc-')]; old=[n for n in rows if n not in new]
print('old',len(old),macro(old)); print('new',len(new),macro(new)); print('all',len(rows),macro(list(rows)))
