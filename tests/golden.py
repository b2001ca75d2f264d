"""Gold labels turned into the shape of a saved prediction, for scoring tests.

This is not model output: it is the gold file written as an
`IncidentSummary`, so that scoring gold against itself must give 1.0 and a
doctored copy must score lower.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from summarizer.identity import pipeline_version
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
)


def evidence(quote: str, text: str) -> list[Evidence]:
    start = text.index(quote)
    return [Evidence(quote=quote, start=start, end=start + len(quote), match=MatchKind.exact)]


def as_prediction(gold: Mapping[str, Any], text: str) -> IncidentSummary:
    casualties = gold.get("casualties") or {}
    return IncidentSummary(
        is_incident=gold["is_incident"],
        title="gold",
        summary="gold",
        event_type=gold.get("event_type"),
        date_text=gold.get("date_text"),
        location=Location(**(gold.get("location") or {})),
        perpetrators=[Perpetrator(name=n, attribution="suspected") for n in gold.get("perpetrators", [])],
        claimed_by=[Party(name=n) for n in gold.get("claimed_by", [])],
        targets=[Party(name=n) for n in gold.get("targets", [])],
        weapons=[Weapon(name=n) for n in gold.get("weapons", [])],
        casualties=Casualties(killed=casualties.get("killed"), injured=casualties.get("injured")),
        key_facts=[KeyFact(claim=f["claim"], evidence=evidence(f["quote"], text)) for f in gold["key_facts"]],
        metadata=RunMetadata(
            model="gold",
            backend="gold",
            prompt_name="gold",
            prompt_hash="",
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            pipeline_version=pipeline_version(),
            source_chars=len(text),
        ),
    )
