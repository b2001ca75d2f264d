"""Check gold files against LABELLING.md's format: `python eval/check_gold.py [DATASET_DIR ...]`.

Standard library only, so labellers can run it before the project is installed.
Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EVENT_TYPES = {
    "rocket_or_missile_attack",
    "air_or_drone_strike",
    "bombing",
    "shooting",
    "armed_clash",
    "attack",
    "arson_or_sabotage",
    "accident",
    "other",
}
REQUIRED = {
    "is_incident",
    "event_type",
    "date_text",
    "location",
    "perpetrators",
    "claimed_by",
    "targets",
    "weapons",
    "casualties",
    "casualty_notes",
    "key_facts",
    "same_incident_as",
}
LIST_FIELDS = ("perpetrators", "claimed_by", "targets", "weapons", "same_incident_as")


def problems(dataset: Path) -> list[str]:
    """Every way the dataset's gold breaks the format rules, one string each."""
    out: list[str] = []
    docs = {p.stem: p for p in (dataset / "docs").glob("*.txt")}
    golds = {p.stem: p for p in (dataset / "gold").glob("*.json")}
    for name in sorted(docs.keys() - golds.keys()):
        out.append(f"{dataset.name}/{name}: document has no gold")
    for name in sorted(golds.keys() - docs.keys()):
        out.append(f"{dataset.name}/{name}: gold has no document")
    for name in sorted(docs.keys() & golds.keys()):
        where = f"{dataset.name}/{name}"
        text = docs[name].read_text(encoding="utf-8")
        try:
            gold = json.loads(golds[name].read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            out.append(f"{where}: gold is not JSON: {exc}")
            continue
        missing = REQUIRED - gold.keys()
        if missing:
            out.append(f"{where}: missing keys {sorted(missing)}")
            continue
        if gold["event_type"] not in EVENT_TYPES:
            out.append(f"{where}: event_type {gold['event_type']!r} not in the vocabulary")
        if (gold["event_type"] == "other") != (gold["is_incident"] is False):
            out.append(f"{where}: event_type 'other' goes with is_incident false, and only then")
        for field in LIST_FIELDS:
            if not isinstance(gold[field], list) or not all(isinstance(v, str) for v in gold[field]):
                out.append(f"{where}: {field} must be a list of strings")
        for other in gold["same_incident_as"]:
            if other not in docs:
                out.append(f"{where}: same_incident_as names {other!r}, not a document here")
        cas = gold["casualties"]
        for key in ("killed", "injured"):
            if cas.get(key) is not None and not isinstance(cas.get(key), int):
                out.append(f"{where}: casualties.{key} must be an integer or null")
        for alt in [gold["date_text"], *gold.get("date_text_alternatives", [])]:
            if alt is not None and alt not in text:
                out.append(f"{where}: date text {alt!r} is not verbatim in the document")
        for i, fact in enumerate(gold["key_facts"]):
            if fact.get("quote", "") not in text:
                out.append(f"{where}: key_facts[{i}] quote is not verbatim: {fact.get('quote', '')[:60]!r}")
        if not gold["is_incident"] and gold["key_facts"]:
            out.append(f"{where}: a non-incident has key_facts []")
    return out


def main(argv: list[str]) -> int:
    root = Path(__file__).parent / "data"
    datasets = [Path(a) for a in argv] or sorted(p for p in root.iterdir() if (p / "docs").is_dir())
    found = [line for d in datasets for line in problems(d)]
    print("\n".join(found) or f"ok: {', '.join(d.name for d in datasets)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
