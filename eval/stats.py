"""What the gold sets hold, per split: `python eval/stats.py [DATA_DIR]`.

Counts per event type, language, length band, non-incident kind and
same-incident groups, for `dev`, `test` and both, as Markdown tables.
Standard library only; reads `eval/data/*/gold/*.json` and the documents.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

EVENT_TYPES = ("accident", "shooting", "bombing", "air_or_drone_strike", "armed_clash", "attack",
               "arson_or_sabotage", "rocket_or_missile_attack", "other")  # fmt: skip
BANDS = ((0, 1000, "< 1 KB"), (1000, 3000, "1-3 KB"), (3000, 6000, "3-6 KB"), (6000, 10000, "6-10 KB"),
         (10000, 10**9, "> 10 KB"))  # fmt: skip


def load(data: Path) -> list[dict]:
    docs = []
    for gold_path in sorted(data.glob("*/gold/*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (gold_path.parent.parent / "docs" / f"{gold_path.stem}.txt").read_bytes()
        docs.append(
            {**gold, "dataset": gold_path.parent.parent.name, "name": gold_path.stem, "bytes": len(text)}
        )
    return docs


def groups(docs: list[dict]) -> list[frozenset[str]]:
    """Same-incident groups: connected documents by `same_incident_as`, two or more."""
    found: set[frozenset[str]] = set()
    for d in docs:
        if d["same_incident_as"]:
            found.add(
                frozenset(
                    [f"{d['dataset']}/{d['name']}", *(f"{d['dataset']}/{n}" for n in d["same_incident_as"])]
                )
            )
    return sorted(found, key=sorted)


def table(title: str, rows: list[str], counts: dict[str, Counter]) -> str:
    cols = ["dev", "test", "all"]
    lines = [f"| {title} | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for row in rows:
        lines.append(f"| {row} | " + " | ".join(str(counts[c][row]) for c in cols) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    data = Path(argv[0]) if argv else Path(__file__).parent / "data"
    docs = load(data)
    by: dict[str, dict[str, Counter]] = {k: {"dev": Counter(), "test": Counter(), "all": Counter()}
                                        for k in ("type", "lang", "band", "kind", "dataset")}  # fmt: skip
    for d in docs:
        split = d.get("split", "dev")
        band = next(label for lo, hi, label in BANDS if lo <= d["bytes"] < hi)
        keys = {"type": d["event_type"], "lang": d.get("language", "en"), "band": band,
                "kind": d.get("kind_of_text", "unrecorded") if not d["is_incident"] else None,
                "dataset": d["dataset"]}  # fmt: skip
        for what, key in keys.items():
            if key is not None:
                by[what][split][key] += 1
                by[what]["all"][key] += 1
    total = Counter(d.get("split", "dev") for d in docs)
    print(f"{len(docs)} documents: dev {total['dev']}, test {total['test']}\n")
    print(table("event type", list(EVENT_TYPES), by["type"]) + "\n")
    print(table("language", sorted(by["lang"]["all"]), by["lang"]) + "\n")
    print(table("length", [label for _, _, label in BANDS], by["band"]) + "\n")
    print(table("non-incident kind", sorted(by["kind"]["all"]), by["kind"]) + "\n")
    print(table("dataset", sorted(by["dataset"]["all"]), by["dataset"]) + "\n")
    found = groups(docs)
    split_of = {f"{d['dataset']}/{d['name']}": d.get("split", "dev") for d in docs}
    print(f"{len(found)} same-incident groups:\n")
    for group in found:
        splits = {split_of.get(n, "?") for n in group}
        print(f"- {', '.join(sorted(group))} ({'/'.join(sorted(splits))})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
