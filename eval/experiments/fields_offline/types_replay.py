"""Replay `eventtypes.classify` on saved predictions' title, summary and
event quote (a predicted non-incident keeps no quote: title and summary).

    python eval/experiments/fields_offline/types_replay.py PREDICTIONS DATA [name-prefixes] [-v] [--dev]
"""

import json
import sys
from pathlib import Path

from summarizer.text.eventtypes import classify

pred_dir, data = Path(sys.argv[1]), Path(sys.argv[2])
prefixes = tuple(sys.argv[3].split(",")) if len(sys.argv) > 3 and not sys.argv[3].startswith("-") else ("",)
preds = {p.stem: json.loads(p.read_text()) for p in pred_dir.rglob("*.json")}
ok = n = 0
inc, non = [0, 0], [0, 0]
for g in sorted(data.rglob("gold/*.json")):
    if g.stem not in preds or not g.stem.startswith(prefixes):
        continue
    gold, p = json.loads(g.read_text()), preds[g.stem]
    if "--dev" in sys.argv and gold.get("split") != "dev":
        continue
    t = classify(p["title"], p["summary"], *(e["quote"] for e in p.get("event_type_evidence", []))).value
    want = gold["event_type"] if gold["is_incident"] else "other"
    n += 1
    ok += t == want
    if want == "other":
        non[0] += 1
        non[1] += t == "other"
    else:
        inc[0] += 1
        inc[1] += t != "other"
    if t != want and "-v" in sys.argv:
        print(f"{g.stem[:40]:40} {want:25} {t:25} | {p['title'][:70]}")
balanced = (inc[1] / max(inc[0], 1) + non[1] / max(non[0], 1)) / 2
print(f"event_type {ok}/{n} = {ok / max(n, 1):.2f}; incidents {inc[1]}/{inc[0]}, non {non[1]}/{non[0]}, balanced {balanced:.2f}")
