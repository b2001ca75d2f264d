"""Write a trivial predictor's answers as saved predictions:
`python eval/trivial.py constant|empty OUT_DIR [DATA_DIR]`.

The eval scores these predictors itself beside the model in every report;
this writes them as `OUT/DATASET/NAME.json` files like `summarize --out`
does, so the gate can be run on them and shown to fail:
`summarize eval --predictions OUT --baseline eval/baseline.json`.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from summarizer.evaluation import evaluate, harness
from summarizer.schema import (
    Casualties,
    Evidence,
    IncidentSummary,
    KeyFact,
    Location,
    MatchKind,
    Party,
    Perpetrator,
    RunMetadata,
    Weapon,
)  # fmt: skip
from summarizer.store.identity import pipeline_version


def as_summary(view: evaluate.View, text: str, kind: str) -> IncidentSummary:
    """A View written as an IncidentSummary, every quote at its offsets and
    each key fact with the View's claim (or `kind` when it has none)."""
    return IncidentSummary(
        is_incident=view.is_incident,
        title=kind,
        summary=kind,
        event_type=view.event_type,
        date_text=view.date_text,
        location=Location(**view.location),
        perpetrators=[Perpetrator(name=n, attribution="suspected") for n in view.lists["perpetrators"]],
        claimed_by=[Party(name=n) for n in view.lists["claimed_by"]],
        targets=[Party(name=n) for n in view.lists["targets"]],
        weapons=[Weapon(name=n) for n in view.lists["weapons"]],
        casualties=Casualties(killed=view.killed, injured=view.injured),
        key_facts=[
            KeyFact(claim=claim, evidence=[Evidence(quote=text[s:e], start=s, end=e, match=MatchKind.exact)])
            for (s, e), claim in zip(
                view.fact_spans, [c for c, _ in view.claims] or [kind] * len(view.fact_spans), strict=True
            )
        ],
        metadata=RunMetadata(
            model=kind,
            backend=kind,
            prompt_name=kind,
            prompt_hash="",
            pipeline_version=pipeline_version(),
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            source_chars=len(text),
        ),
    )


def main(argv: list[str]) -> int:
    kind, out = argv[0], Path(argv[1])
    data = Path(argv[2]) if len(argv) > 2 else Path(__file__).parent / "data"
    found = harness.datasets(data)
    every = [d for docs in found.values() for d in docs]
    texts = {(d.dataset, d.name): d.text_path.read_text(encoding="utf-8") for d in every}
    golds = [evaluate.from_gold(d.gold, texts[d.dataset, d.name]) for d in every]
    for doc in every:
        text = texts[doc.dataset, doc.name]
        view = evaluate.constant_view(golds, text) if kind == "constant" else evaluate.empty_view()
        path = out / doc.dataset / f"{doc.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(as_summary(view, text, kind).model_dump_json(indent=2) + "\n", encoding="utf-8")
    print(f"{len(every)} {kind} predictions in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
