"""Inter-labeller agreement: `python eval/agreement.py FIRST_GOLD_DIR SECOND_GOLD_DIR DOCS_DIR [...]`.

Compares two independent labellings of the same documents field by field
with the eval's own matching rules (summarizer.evaluation.evaluate), so "agree" means
what "right" means when the model is scored. Arguments come in triples
(first labeller's gold folder, second's, the documents); prints a Markdown
table of agreement per field and lists every disagreement.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from summarizer.evaluation import evaluate

FIELDS = ("is_incident", "event_type", "killed", "injured", "date_text", "country", "city",
          "perpetrators", "claimed_by", "targets", "weapons", "key facts (one-to-one)")  # fmt: skip


def compare(a: dict, b: dict, text: str) -> dict[str, float | None]:
    va, vb = evaluate.from_gold(a, text), evaluate.from_gold(b, text)
    out: dict[str, float | None] = {
        "is_incident": evaluate.exact(va.is_incident, vb.is_incident),
        "event_type": evaluate.exact(va.event_type, vb.event_type),
        "killed": evaluate.exact(va.killed, vb.killed),
        "injured": evaluate.exact(va.injured, vb.injured),
        "date_text": (
            1.0 if va.date_text is None and vb.date_text is None
            else evaluate.date_text_match(va.date_text, vb.date_text, vb.date_alternatives) or
            evaluate.date_text_match(vb.date_text, va.date_text, va.date_alternatives) or 0.0
        ),
        "country": float(evaluate.names_match(va.location["country"], vb.location["country"])),
        "city": float(evaluate.names_match(va.location["city"], vb.location["city"])),
    }  # fmt: skip
    for name in evaluate.LIST_FIELDS:
        out[name] = evaluate.list_prf(va.lists[name], vb.lists[name])[2]
    if va.fact_spans or vb.fact_spans:
        matched = evaluate.matched_facts(va.fact_spans, vb.fact_spans)
        out["key facts (one-to-one)"] = 2 * matched / (len(va.fact_spans) + len(vb.fact_spans))
    else:
        out["key facts (one-to-one)"] = None
    return out


def main(argv: list[str]) -> int:
    rows: dict[str, dict[str, float | None]] = {}
    golds: dict[str, tuple[dict, dict]] = {}
    for first, second, docs in zip(argv[0::3], argv[1::3], argv[2::3], strict=True):
        for path in sorted(Path(second).glob("*.json")):
            a = json.loads((Path(first) / path.name).read_text(encoding="utf-8"))
            b = json.loads(path.read_text(encoding="utf-8"))
            text = (Path(docs) / f"{path.stem}.txt").read_text(encoding="utf-8")
            rows[path.stem] = compare(a, b, text)
            golds[path.stem] = (a, b)
    print(f"{len(rows)} documents labelled twice\n")
    print("| field | agreement |\n|---|---:|")
    for name in FIELDS:
        values = [v for r in rows.values() if (v := r[name]) is not None]
        print(f"| {name} | {sum(values) / len(values):.2f} |" if values else f"| {name} | - |")
    print("\nDisagreements (first / second):")
    for stem, row in rows.items():
        a, b = golds[stem]
        for name in FIELDS[:7]:
            if row[name] == 0.0:
                if name in ("killed", "injured"):
                    va, vb = a["casualties"][name], b["casualties"][name]
                elif name in ("country", "city"):
                    va, vb = (a.get("location") or {}).get(name), (b.get("location") or {}).get(name)
                else:
                    va, vb = a.get(name), b.get(name)
                print(f"- {stem}: {name}: {va!r} / {vb!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
