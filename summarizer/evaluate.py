"""Score summaries against hand-labelled gold files: pure functions.

A prediction and a gold label are first brought to one shape (`View`), so
every metric compares like with like and gold scored against itself is 1.0
by construction. Metrics that do not apply to a document (key facts of a
text that has none) are None and left out of averages.

Metrics (each 0..1):
- `is_incident`, `event_type`: exact.
- `killed`, `injured`: exact; null and 0 are different answers.
- `date_text`: normalised match (case, spacing, punctuation folded; one
  containing the other counts, "Friday" vs "on Friday").
- `location`: mean over country/region/city/site of a fuzzy match per field
  (both null is a match, one null is not).
- `perpetrators`, `claimed_by`, `targets`, `weapons`: F1 of a one-to-one
  fuzzy assignment (precision and recall are reported too).
- `fact_recall`: share of gold key facts whose quote span is overlapped by a
  predicted key-fact quote by at least half of the shorter span.
- `evidence_precision`: share of predicted key-fact quotes that overlap some
  gold key-fact quote that way.
- `grounding`: share of all predicted quotes whose offsets reproduce them in
  the source; anything under 1.0 is a bug.
- `overall`: the unweighted mean of the other metrics that apply, except
  grounding (a gate of its own) and the precision/recall halves of F1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from summarizer.grounding import normalise

LIST_FIELDS = ("perpetrators", "claimed_by", "targets", "weapons")
LOCATION_FIELDS = ("country", "region", "city", "site")
NAME_THRESHOLD = 80.0
"""rapidfuzz token-set score for two names to match ("Iran-aligned
militias" ~ "militias aligned with Iran")."""

OVERALL_METRICS = (
    "is_incident",
    "event_type",
    "killed",
    "injured",
    "date_text",
    "location",
    *(f"{name}_f1" for name in LIST_FIELDS),
    "fact_recall",
    "evidence_precision",
)

Span = tuple[int, int]


@dataclass(frozen=True)
class View:
    """What is scored, from a prediction or a gold file alike."""

    is_incident: bool
    event_type: str | None
    date_text: str | None
    location: Mapping[str, str | None]
    lists: Mapping[str, Sequence[str]]
    killed: int | None
    injured: int | None
    fact_spans: Sequence[Span]
    quotes: Sequence[tuple[str, int, int]] = field(default_factory=tuple)
    """Every quote with its offsets, for the grounding rate."""


def from_gold(gold: Mapping[str, Any], source: str) -> View:
    """A gold label as a View; its quotes are located verbatim in the source."""
    spans: list[Span] = []
    for fact in gold.get("key_facts", []):
        start = source.find(fact["quote"])
        if start < 0:
            raise ValueError(f"gold quote not in document: {fact['quote'][:60]!r}")
        spans.append((start, start + len(fact["quote"])))
    casualties = gold.get("casualties") or {}
    return View(
        is_incident=bool(gold["is_incident"]),
        event_type=gold.get("event_type"),
        date_text=gold.get("date_text"),
        location={k: (gold.get("location") or {}).get(k) for k in LOCATION_FIELDS},
        lists={name: list(gold.get(name) or []) for name in LIST_FIELDS},
        killed=casualties.get("killed"),
        injured=casualties.get("injured"),
        fact_spans=spans,
        quotes=[(source[s:e], s, e) for s, e in spans],
    )


def from_prediction(pred: Mapping[str, Any]) -> View:
    """A saved `IncidentSummary` (as JSON data) as a View."""
    location = pred.get("location") or {}
    casualties = pred.get("casualties") or {}
    fact_spans = [
        (e["start"], e["end"]) for fact in pred.get("key_facts", []) for e in fact.get("evidence", [])
    ]
    return View(
        is_incident=bool(pred.get("is_incident")),
        event_type=pred.get("event_type"),
        date_text=pred.get("date_text"),
        location={k: location.get(k) for k in LOCATION_FIELDS},
        lists={name: [item["name"] for item in pred.get(name) or []] for name in LIST_FIELDS},
        killed=casualties.get("killed"),
        injured=casualties.get("injured"),
        fact_spans=fact_spans,
        quotes=[(e["quote"], e["start"], e["end"]) for e in _all_evidence(pred)],
    )


def _all_evidence(value: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        if {"quote", "start", "end"} <= value.keys():
            yield value
            return
        for item in value.values():
            yield from _all_evidence(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_evidence(item)


def fold(text: str | None) -> str:
    """Case, accents, punctuation and spacing folded, for name comparison."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^(the|a|an)\s+", "", re.sub(r"[^\w\s]", " ", text).strip())
    return " ".join(text.split())


def names_match(a: str | None, b: str | None) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return fa == fb
    return fa == fb or fuzz.token_set_ratio(fa, fb) >= NAME_THRESHOLD


def exact(pred: object, gold: object) -> float:
    """1.0 when equal; None and 0 are different answers."""
    return 1.0 if pred == gold and type(pred) is type(gold) else 0.0


def date_text_match(pred: str | None, gold: str | None) -> float:
    if gold is None or pred is None:
        return 1.0 if pred is None and gold is None else 0.0
    p, g = normalise(pred)[0], normalise(gold)[0]
    return 1.0 if p and g and (p in g or g in p) else 0.0


def location_match(pred: Mapping[str, str | None], gold: Mapping[str, str | None]) -> float:
    return sum(1.0 if names_match(pred.get(k), gold.get(k)) else 0.0 for k in LOCATION_FIELDS) / len(
        LOCATION_FIELDS
    )


def list_prf(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 under a one-to-one greedy assignment, best pairs first."""
    if not pred and not gold:
        return 1.0, 1.0, 1.0
    pairs = sorted(
        (
            (fuzz.token_set_ratio(fold(p), fold(g)), i, j)
            for i, p in enumerate(pred)
            for j, g in enumerate(gold)
            if names_match(p, g)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    matched = len(used_p)
    precision = matched / len(pred) if pred else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overlaps(a: Span, b: Span) -> bool:
    """True when a and b share at least half of the shorter span."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and shared * 2 >= shorter


def fact_recall(pred: Sequence[Span], gold: Sequence[Span]) -> float | None:
    if not gold:
        return None
    return sum(any(overlaps(p, g) for p in pred) for g in gold) / len(gold)


def evidence_precision(pred: Sequence[Span], gold: Sequence[Span]) -> float | None:
    if not pred:
        return None if not gold else 0.0
    return sum(any(overlaps(p, g) for g in gold) for p in pred) / len(pred)


def grounding_rate(quotes: Sequence[tuple[str, int, int]], source: str) -> float | None:
    if not quotes:
        return None
    return sum(source[s:e] == q and e > s for q, s, e in quotes) / len(quotes)


def score(pred: View, gold: View, source: str) -> dict[str, float | None]:
    """Every metric for one document."""
    scores: dict[str, float | None] = {
        "is_incident": exact(pred.is_incident, gold.is_incident),
        "event_type": exact(pred.event_type, gold.event_type),
        "killed": exact(pred.killed, gold.killed),
        "injured": exact(pred.injured, gold.injured),
        "date_text": date_text_match(pred.date_text, gold.date_text),
        "location": location_match(pred.location, gold.location),
    }
    for name in LIST_FIELDS:
        p, r, f = list_prf(pred.lists[name], gold.lists[name])
        scores |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}
    scores["fact_recall"] = fact_recall(pred.fact_spans, gold.fact_spans)
    scores["evidence_precision"] = evidence_precision(pred.fact_spans, gold.fact_spans)
    scores["grounding"] = grounding_rate(pred.quotes, source)
    applicable = [v for k in OVERALL_METRICS if (v := scores[k]) is not None]
    scores["overall"] = sum(applicable) / len(applicable)
    return scores


def macro(per_document: Iterable[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Mean of each metric over the documents where it applies."""
    totals: dict[str, list[float]] = {}
    for doc in per_document:
        for key, value in doc.items():
            totals.setdefault(key, [])
            if value is not None:
                totals[key].append(value)
    return {k: (sum(v) / len(v) if v else None) for k, v in totals.items()}
