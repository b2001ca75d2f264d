"""Docs the pipeline read as no incident: does code find a casualty figure (>0) in the lead?"""
import json, glob, os, sys
ROOT = os.environ.get("ROOT", "/work/main"); sys.path.insert(0, ROOT)
from summarizer.text import figures
from summarizer.text.grounding import sentences
pred_dir, sub = sys.argv[1], sys.argv[2]; lead = int(sys.argv[3]) if len(sys.argv) > 3 else 3
from collections import Counter
c = Counter()
for f in sorted(glob.glob(ROOT + "/eval/data/*/gold/*.json")):
    g = json.load(open(f)); name = os.path.basename(f)
    if g["split"] != "dev": continue
    if (sub == "held") != name.startswith(("df-", "dg-")): continue
    ds = f.split("/")[-3]; pr = json.load(open(f"{pred_dir}/{ds}/{name}"))
    text = open(f"{ROOT}/eval/data/{ds}/docs/{name[:-5]}.txt").read()
    spans = sentences(text); end = spans[min(lead, len(spans)) - 1][1]
    found = [x for x in figures.candidates(text[:end]) if x.count > 0]
    c[(g["is_incident"], pr["is_incident"], bool(found))] += 1
    if sub != "held" and not pr["is_incident"] and "-v" in sys.argv:
        print(g["is_incident"], name[:40], [(x.kind, x.count, x.sentence[:80]) for x in found])
print(sub, lead, {f"gold={k[0]} pred={k[1]} leadfig={k[2]}": v for k, v in sorted(c.items())})
