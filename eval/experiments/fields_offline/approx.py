"""Post-process saved records with the current code's last-stage rules (parties, places), for documents with no tape.
Usage: approx.py SRC_PRED_DIR DST_PRED_DIR"""
import json,glob,os,sys
from summarizer.schema import IncidentSummary
from summarizer import pipeline
src,dst=sys.argv[1],sys.argv[2]
for f in glob.glob(src+'/*/*.json'):
    rel=os.path.relpath(f,src); ds=rel.split('/')[0]; stem=os.path.basename(f)[:-5]
    s=IncidentSummary.model_validate_json(open(f).read())
    if s.is_incident:
        text=open(f'/work/main/eval/data/{ds}/docs/{stem}.txt',encoding='utf-8').read()
        s.flags.extend(pipeline._check_parties(s,text))
        pipeline._place(s.location,text,[e.quote for e in s.event_type_evidence])
    os.makedirs(os.path.dirname(os.path.join(dst,rel)),exist_ok=True)
    open(os.path.join(dst,rel),'w').write(s.model_dump_json(indent=2))
