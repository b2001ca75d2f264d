"""Score summaries against hand-labelled gold files: pure functions.

A prediction and a gold label are first brought to one shape (`View`), so
every metric compares like with like and gold scored against itself is 1.0
by construction. A metric that does not apply to a document is None and
left out of averages.

The metrics are built so that an answer that knows nothing scores low
(`constant_view` and `empty_view` are scored beside the model in every
report, and tests hold each metric to it):

- `is_incident`, `event_type`: exact. `is_incident_balanced` (per dataset)
  is the mean of the recall on incidents and on non-incidents, so saying
  "incident" to everything scores 0.5, not the incidents' share.
- `killed`, `injured`: exact, **only on documents whose gold gives a
  figure** (0 is a figure: "no casualties"). Agreeing that there is no
  figure is not a value: it counts in `abstention`.
- `date_text`: equal after normalising (case, spacing, punctuation, a
  leading "on"/"at"/"in") to the gold or one of its
  `date_text_alternatives`; never a substring test. Only where gold has one.
- `location`: share of the gold's named fields (country, region, city,
  site) the prediction names the same; `country` alone as well.
- `perpetrators`, `claimed_by`, `targets`, `weapons`: F1 of a one-to-one
  assignment of fuzzy-matching names, only where the gold list is not empty.
- `abstention`: share of the fields the gold leaves empty (no figure, no
  date, unnamed place parts, empty lists) that the prediction leaves empty
  too: a field the article cannot support must not be invented.
- `fact_recall`: share of gold key facts matched one-to-one by a predicted
  key-fact quote that covers at least half of the gold quote and is not
  oversized (at most `MAX_FACT_FACTOR` times the gold quote and
  `MAX_FACT_CHARS` long). `evidence_precision`: share of predicted key-fact
  quotes so matched.
- `claim_support`: share of predicted key facts whose claim's numbers and
  capitalised names all appear in its quotes (a light check that the claim
  says what its evidence says).
- `grounding`: share of all predicted quotes whose offsets reproduce them
  in the source; anything under 1.0 is a bug.
- `overall`: per document, the unweighted mean of `OVERALL_METRICS` that
  apply; per dataset, the mean of that.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

LIST_FIELDS = ("perpetrators", "claimed_by", "targets", "weapons")
LOCATION_FIELDS = ("country", "region", "city", "site")

NAME_THRESHOLD = 75.0
"""`name_score` (0-100) for two names to match: the Dice share of their
words that match one-to-one, in any order.

Word order and spelling variants pass ("militias aligned with Iran" ~
"Iran-aligned militias" 100, "Kata'ib Hizballah" ~ "Kataib Hezbollah" 100,
"German consulate general" ~ "German consulate" 80); a name that shares
only one word of two does not ("Iran" ~ "Iran-aligned militias" 50,
"North Korea" ~ "South Korea" 50, "of" ~ "Ministry of Defence" 50). The
pairs are in tests/test_evaluate.py."""

WORD_THRESHOLD = 75.0
"""rapidfuzz ratio for two words to be the same word spelt differently
("Hezbollah" ~ "Hizballah" 78, "gunman" ~ "gunmen" 83, not "north" ~ "south" 60)."""

MAX_FACT_FACTOR = 3.0
"""A predicted key-fact quote more than this many times the gold quote's
length earns no credit for it: quoting the whole article finds nothing."""

MAX_FACT_CHARS = 400
"""Nor does one longer than about two sentences of news prose."""

HEADLINE_METRICS = ("overall", "is_incident_balanced", "event_type", "killed", "injured", "fact_recall")
"""The metrics the gate holds clearly above the trivial predictors."""

OVERALL_METRICS = (
    "is_incident",
    "event_type",
    "killed",
    "injured",
    "date_text",
    "location",
    *(f"{name}_f1" for name in LIST_FIELDS),
    "abstention",
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
    date_alternatives: Sequence[str] = ()
    """Other wordings of the date that gold accepts."""
    claims: Sequence[tuple[str, str]] = ()
    """Each key fact's claim with the text of its quotes, for claim_support."""


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
        date_alternatives=tuple(gold.get("date_text_alternatives") or ()),
        claims=[(f["claim"], f["quote"]) for f in gold.get("key_facts", [])],
    )


def from_prediction(pred: Mapping[str, Any]) -> View:
    """A saved `IncidentSummary` (as JSON data) as a View."""
    location = pred.get("location") or {}
    casualties = pred.get("casualties") or {}
    facts = pred.get("key_facts") or []
    return View(
        is_incident=bool(pred.get("is_incident")),
        event_type=pred.get("event_type"),
        date_text=pred.get("date_text"),
        location={k: location.get(k) for k in LOCATION_FIELDS},
        lists={name: [item["name"] for item in pred.get(name) or []] for name in LIST_FIELDS},
        killed=casualties.get("killed"),
        injured=casualties.get("injured"),
        fact_spans=[(e["start"], e["end"]) for fact in facts for e in fact.get("evidence", [])],
        quotes=[(e["quote"], e["start"], e["end"]) for e in _all_evidence(pred)],
        claims=[
            (str(fact.get("claim") or ""), " ".join(e["quote"] for e in fact.get("evidence", [])))
            for fact in facts
        ],
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


# --- trivial predictors -------------------------------------------------------------


def empty_view() -> View:
    """An answer that knows nothing: not an incident, every field empty."""
    return View(
        is_incident=False,
        event_type="other",
        date_text=None,
        location=dict.fromkeys(LOCATION_FIELDS),
        lists={name: [] for name in LIST_FIELDS},
        killed=None,
        injured=None,
        fact_spans=(),
    )


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(values).most_common(1)
    return counted[0][0] if counted else None


def constant_view(golds: Sequence[View], source: str) -> View:
    """The same answer for every document: the majority answer to "incident?"
    and of event type, for every other field its most common value where gold
    gives one (so the constant never wins by leaving a field empty), and one
    key fact quoting the whole text."""
    constant = View(
        is_incident=bool(_most_common(g.is_incident for g in golds)),
        event_type=_most_common(g.event_type for g in golds),
        date_text=_most_common(g.date_text for g in golds if g.date_text),
        location={k: _most_common(v for g in golds if (v := g.location.get(k))) for k in LOCATION_FIELDS},
        lists={
            n: list(_most_common(tuple(g.lists[n]) for g in golds if g.lists[n]) or ()) for n in LIST_FIELDS
        },
        killed=_most_common(g.killed for g in golds if g.killed is not None),
        injured=_most_common(g.injured for g in golds if g.injured is not None),
        fact_spans=(),
    )
    return quoting_whole(constant, source)


def quoting_whole(view: View, source: str) -> View:
    """`view` with one key fact quoting the whole of `source`."""
    return replace(
        view, fact_spans=[(0, len(source))], quotes=[(source, 0, len(source))], claims=[(source, source)]
    )


# --- field matching -------------------------------------------------------------


def fold(text: str | None) -> str:
    """Case, accents, punctuation and spacing folded, for name comparison."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'\u2019]", "", text)  # "U.S." is "US", "Kata'ib" is "Kataib"
    text = re.sub(r"^(the|a|an)\s+", "", re.sub(r"[^\w\s]", " ", text).strip())
    return " ".join(text.split())


_FUNCTION_WORDS = frozenset(["a", "an", "and", "at", "for", "in", "near", "of", "on", "the", "to", "with"])


def _name_words(name: str | None) -> list[str]:
    """The words that tell a name apart: no function words, no one-letter
    particles ("Mazar-i-Sharif" ~ "Mazar-e-Sharif")."""
    return [w for w in fold(name).split() if w not in _FUNCTION_WORDS and len(w) > 1]


def name_score(a: str | None, b: str | None) -> float:
    """0-100: the Dice share of words two names have in common, a word
    matching another one-to-one when they are spelt alike (`WORD_THRESHOLD`),
    in any order."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return 100.0 if wa == wb else 0.0
    weights = np.array(
        [[1.0 if fuzz.ratio(x, y) >= WORD_THRESHOLD else 0.0 for y in wb] for x in wa], dtype=np.float64
    )
    return 200.0 * _assign(weights) / (len(wa) + len(wb))


def names_match(a: str | None, b: str | None) -> bool:
    return name_score(a, b) >= NAME_THRESHOLD


def exact(pred: object, gold: object) -> float:
    """1.0 when equal; None and 0 are different answers."""
    return 1.0 if pred == gold and type(pred) is type(gold) else 0.0


_DATE_LEAD = re.compile(r"^(?:on|at|in|during)\s+")


def _date_key(text: str) -> str:
    return _DATE_LEAD.sub("", fold(text))


def date_text_match(pred: str | None, gold: str | None, alternatives: Sequence[str] = ()) -> float | None:
    """1.0 when the prediction equals the gold date text or an alternative,
    once normalised; None when the gold gives no date."""
    if gold is None:
        return None
    if pred is None:
        return 0.0
    key = _date_key(pred)
    return 1.0 if key and any(key == _date_key(g) for g in (gold, *alternatives)) else 0.0


def location_match(pred: Mapping[str, str | None], gold: Mapping[str, str | None]) -> float | None:
    """Share of the gold's named place parts the prediction names alike."""
    named = [k for k in LOCATION_FIELDS if gold.get(k)]
    if not named:
        return None
    return sum(names_match(pred.get(k), gold.get(k)) for k in named) / len(named)


def _assign(weights: np.ndarray[Any, np.dtype[np.float64]]) -> int:
    """How many pairs a one-to-one assignment can match (weight > 0), most first."""
    if weights.size == 0:
        return 0
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return int(sum(weights[r, c] > 0 for r, c in zip(rows, cols, strict=True)))


def list_prf(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 under a one-to-one assignment of matching names."""
    if not pred and not gold:
        return 1.0, 1.0, 1.0
    weights = np.array(
        [[(1.0 + name_score(p, g) / 1000) if names_match(p, g) else 0.0 for g in gold] for p in pred],
        dtype=np.float64,
    ).reshape(len(pred), len(gold))
    matched = _assign(weights)
    precision = matched / len(pred) if pred else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def covers(pred: Span, gold: Span) -> bool:
    """True when the predicted quote covers at least half of the gold quote
    and is not oversized (see `MAX_FACT_FACTOR`, `MAX_FACT_CHARS`)."""
    length, gold_length = pred[1] - pred[0], gold[1] - gold[0]
    if length <= 0 or gold_length <= 0:
        return False
    if length > MAX_FACT_FACTOR * gold_length or length > MAX_FACT_CHARS:
        return False
    shared = min(pred[1], gold[1]) - max(pred[0], gold[0])
    return shared * 2 >= gold_length


def matched_facts(pred: Sequence[Span], gold: Sequence[Span]) -> int:
    """Gold key facts matched one-to-one by predicted quotes that cover them."""
    weights = np.array(
        [
            [1.0 + 0.001 * min(p[1], g[1]) - 0.001 * max(p[0], g[0]) if covers(p, g) else 0.0 for g in gold]
            for p in pred
        ],
        dtype=np.float64,
    ).reshape(len(pred), len(gold))
    return _assign(weights)


def fact_recall(pred: Sequence[Span], gold: Sequence[Span]) -> float | None:
    if not gold:
        return None
    return matched_facts(pred, gold) / len(gold)


def evidence_precision(pred: Sequence[Span], gold: Sequence[Span]) -> float | None:
    if not pred:
        return None if not gold else 0.0
    return matched_facts(pred, gold) / len(pred)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]+")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
}  # fmt: skip


def claim_supported(claim: str, quote: str) -> bool:
    """Every number and capitalised name (other than a sentence's first word)
    in the claim appears in the quote; a number may be spelt out there."""
    folded_quote = fold(quote)
    words = set(folded_quote.split())
    spelt = {_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS}
    digits = {n.replace(",", "") for n in _NUMBER.findall(quote)}
    for number in _NUMBER.findall(claim):
        if number.replace(",", "") not in digits | spelt:
            return False
    return all(fold(name) in folded_quote for name in _NAME.findall(claim))


def claim_support(claims: Sequence[tuple[str, str]]) -> float | None:
    if not claims:
        return None
    return sum(claim_supported(c, q) for c, q in claims) / len(claims)


def grounding_rate(quotes: Sequence[tuple[str, int, int]], source: str) -> float | None:
    if not quotes:
        return None
    return sum(source[s:e] == q and e > s for q, s, e in quotes) / len(quotes)


def abstention(pred: View, gold: View) -> float | None:
    """Share of the fields gold leaves empty that the prediction leaves empty."""
    empty = [
        *((pred.killed is None) for _ in [0] if gold.killed is None),
        *((pred.injured is None) for _ in [0] if gold.injured is None),
        *((pred.date_text is None) for _ in [0] if gold.date_text is None),
        *((not pred.location.get(k)) for k in LOCATION_FIELDS if not gold.location.get(k)),
        *((not pred.lists[n]) for n in LIST_FIELDS if not gold.lists[n]),
    ]
    return sum(empty) / len(empty) if empty else None


def _value(pred: int | None, gold: int | None) -> float | None:
    return None if gold is None else exact(pred, gold)


def score(pred: View, gold: View, source: str) -> dict[str, float | None]:
    """Every metric for one document."""
    scores: dict[str, float | None] = {
        "is_incident": exact(pred.is_incident, gold.is_incident),
        "incident_recall": exact(pred.is_incident, True) if gold.is_incident else None,
        "nonincident_recall": None if gold.is_incident else exact(pred.is_incident, False),
        "event_type": exact(pred.event_type, gold.event_type),
        "killed": _value(pred.killed, gold.killed),
        "injured": _value(pred.injured, gold.injured),
        "both_casualties": (
            None
            if gold.killed is None and gold.injured is None
            else exact((pred.killed, pred.injured), (gold.killed, gold.injured))
        ),
        "date_text": date_text_match(pred.date_text, gold.date_text, gold.date_alternatives),
        "location": location_match(pred.location, gold.location),
        "country": (
            None
            if not gold.location.get("country")
            else float(names_match(pred.location.get("country"), gold.location.get("country")))
        ),
    }
    for name in LIST_FIELDS:
        if gold.lists[name]:
            p, r, f = list_prf(pred.lists[name], gold.lists[name])
            scores |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}
        else:
            scores |= dict.fromkeys((f"{name}_precision", f"{name}_recall", f"{name}_f1"))
    scores["abstention"] = abstention(pred, gold)
    matched = matched_facts(pred.fact_spans, gold.fact_spans)
    scores["fact_recall"] = matched / len(gold.fact_spans) if gold.fact_spans else None
    scores["evidence_precision"] = (
        matched / len(pred.fact_spans) if pred.fact_spans else (0.0 if gold.fact_spans else None)
    )
    scores["claim_support"] = claim_support(pred.claims)
    scores["grounding"] = grounding_rate(pred.quotes, source)
    applicable = [v for k in OVERALL_METRICS if (v := scores[k]) is not None]
    scores["overall"] = sum(applicable) / len(applicable)
    return scores


def macro(per_document: Iterable[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Mean of each metric over the documents where it applies, plus
    `is_incident_balanced` (mean of the two recalls) where both apply."""
    totals: dict[str, list[float]] = {}
    for doc in per_document:
        for key, value in doc.items():
            totals.setdefault(key, [])
            if value is not None:
                totals[key].append(value)
    means = {k: (sum(v) / len(v) if v else None) for k, v in totals.items()}
    recalls = [means.get("incident_recall"), means.get("nonincident_recall")]
    present = [r for r in recalls if r is not None]
    if totals:
        means["is_incident_balanced"] = sum(present) / len(present) if present else None
    return means
