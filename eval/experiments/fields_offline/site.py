"""Replay: the site of an incident found by code in the model's own
location and event quotes (places.site), over saved predictions.

    python eval/experiments/fields_offline/site.py PREDICTIONS DATA [split] [-v]
"""

import json
import sys
from pathlib import Path

from summarizer.evaluation.evaluate import names_match
from summarizer.text import places

pred_dir, data = Path(sys.argv[1]), Path(sys.argv[2])
split = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("-") else None
preds = {p.stem: json.loads(p.read_text()) for p in pred_dir.rglob("*.json")}
right = named = wrong_when_none = none = before = 0
for g in sorted(data.rglob("gold/*.json")):
    gold = json.loads(g.read_text())
    if (split and gold.get("split") != split) or g.stem not in preds or not gold.get("is_incident", True):
        continue
    p = preds[g.stem]
    if not p.get("is_incident"):
        continue
    text = (g.parent.parent / "docs" / f"{g.stem}.txt").read_text(encoding="utf-8")
    loc = p["location"]
    quotes = [e["quote"] for e in loc.get("evidence", [])] + [e["quote"] for e in p.get("event_type_evidence", [])]
    found = places.site(quotes, text) if loc.get("site") is None else loc.get("site")
    want = (gold.get("location") or {}).get("site")
    if want:
        named += 1
        ok = names_match(found, want)
        right += ok
        before += names_match(loc.get("site"), want)
        if "-v" in sys.argv and not ok:
            print(f"MISS {g.stem[:40]} | gold {want!r} | found {found!r}")
    else:
        none += 1
        if found:
            wrong_when_none += 1
            if "-v" in sys.argv:
                print(f"INVENTED {g.stem[:40]} | found {found!r}")
print(f"site right {right}/{named} (before {before}); gold has no site {none}, invented on {wrong_when_none}")
