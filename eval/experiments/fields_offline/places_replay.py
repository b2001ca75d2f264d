"""Replay the place rules of the pipeline (`pipeline._place`) over saved
predictions: the model's country, region, city and quotes as it gave them
are not saved apart, so this re-runs the rules on the saved location (which
already passed them once; re-running is idempotent for country and city)
and prints per-field accuracy.

    python eval/experiments/fields_offline/places_replay.py PREDICTIONS DATA [split] [-v]
"""

import json
import sys
from pathlib import Path

from summarizer.evaluation.evaluate import names_match
from summarizer.pipeline import _place
from summarizer.schema import IncidentSummary

pred_dir, data = Path(sys.argv[1]), Path(sys.argv[2])
split = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("-") else None
preds = {p.stem: p for p in pred_dir.rglob("*.json")}
stats: dict[str, list[int]] = {}
for g in sorted(data.rglob("gold/*.json")):
    gold = json.loads(g.read_text())
    if (split and gold.get("split") != split) or g.stem not in preds:
        continue
    s = IncidentSummary.model_validate_json(preds[g.stem].read_text())
    if not s.is_incident:
        continue
    text = (g.parent.parent / "docs" / f"{g.stem}.txt").read_text(encoding="utf-8")
    _place(s.location, text, [e.quote for e in s.event_type_evidence])
    gl = gold.get("location") or {}
    for k in ("country", "region", "city", "site"):
        found = getattr(s.location, k)
        if gl.get(k):
            ok = names_match(found, gl[k])
            st = stats.setdefault(k, [0, 0, 0]); st[0] += ok; st[1] += 1
            if "-v" in sys.argv and not ok:
                print(f"MISS {k} {g.stem[:40]} | gold {gl[k]!r} | found {found!r}")
        elif found:
            stats.setdefault(k, [0, 0, 0])[2] += 1
            if "-v" in sys.argv:
                print(f"INVENTED {k} {g.stem[:40]} | found {found!r}")
for k, (a, n, inv) in stats.items():
    print(f"{k}: {a}/{n} = {a / max(n, 1):.2f}; named where gold has none: {inv}")
