"""Experiment (2026-11-23): ask "attack, accident or no incident?" before the event type.

Classify step only, embedded model, the 16 corpus articles, run as
`.venv/bin/python eval/experiments/kind_first.py`. Result of the run:

    model event_type right: 5 of 16 (baseline pipeline: 3 of 16)
    kind right (attack / accident / no incident): 14 of 16 (wrong: 06 Rhine
      ship "attack", 16 markets report "attack")
    event_type derived from kind (accident -> accident, no_incident -> other,
      attack -> the model's type): 12 of 16

The model names the kind correctly but then answers event_type "other" for
accidents, so the pipeline should derive the type from the kind. Not yet in
the pipeline: it needs new cassettes and a new baseline (about 35 minutes).
"""

import json
import sys
import time
from pathlib import Path
from typing import Literal

from pydantic import Field

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from summarizer.llm.backends import Backend, BackendConfig
from summarizer.schema import EventType
from summarizer.steps import prompts
from summarizer.steps.definitions import CLASSIFY, Draft, Quote


class KindDraft(Draft):
    event_quote: Quote
    kind: Literal["attack", "accident", "no_incident"]
    event_type: EventType
    title: str = Field(max_length=120)


HINT = (
    '\nFirst set kind: "attack" if someone deliberately attacked people or places (bombs, rockets, shooting, drones, clashes), '
    '"accident" for an unintended crash, collision, derailment, fire or explosion, "no_incident" otherwise. '
    "Then choose event_type consistent with kind (accident -> accident, no_incident -> other)."
)
backend = Backend(BackendConfig("local"))
right = 0
rows = []
docs = sorted((Path(__file__).resolve().parents[1] / "data" / "corpus" / "docs").glob("*.txt"))
for doc in docs:
    gold = json.loads((doc.parent.parent / "gold" / f"{doc.stem}.json").read_text())
    text = doc.read_text(encoding="utf-8")
    messages = prompts.render(CLASSIFY, text[:6000])
    messages[1]["content"] += HINT
    started = time.time()
    answer = backend.extract(messages, KindDraft, source=text[:6000])
    d = answer.draft
    ok = d.event_type == gold["event_type"]
    right += ok
    print(
        doc.stem[:30],
        d.kind,
        d.event_type,
        "| gold",
        gold["event_type"],
        "OK" if ok else "",
        f"{time.time() - started:.0f}s",
        flush=True,
    )
print("right", right, "of", len(docs))
backend.close()
