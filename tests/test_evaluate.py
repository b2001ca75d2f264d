"""Scoring: gold against itself is 1.0; each metric drops when it should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import evaluate
from summarizer.evaluate import from_gold, from_prediction, score
from tests.conftest import ROOT
from tests.golden import as_prediction

GOLD_FILES = sorted((ROOT / "eval" / "data").glob("*/gold/*.json"))
EVENT_TYPES = {"rocket_or_missile_attack", "air_or_drone_strike", "bombing", "shooting", "armed_clash",
               "attack", "arson_or_sabotage", "accident", "other"}  # fmt: skip


def _doc(gold_path: Path) -> tuple[dict, str]:
    text = (gold_path.parent.parent / "docs" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    return json.loads(gold_path.read_text(encoding="utf-8")), text


def test_every_document_has_a_gold_label():
    docs = sorted((ROOT / "eval" / "data").glob("*/docs/*.txt"))
    labelled = {(p.parent.parent.name, p.stem) for p in GOLD_FILES}
    assert len(docs) == 19
    assert {(p.parent.parent.name, p.stem) for p in docs} == labelled


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_quotes_are_verbatim_and_labels_well_formed(gold_path):
    gold, text = _doc(gold_path)
    for fact in gold["key_facts"]:
        assert fact["quote"] in text, fact["quote"]
    assert gold["event_type"] in EVENT_TYPES
    assert (5 <= len(gold["key_facts"]) <= 8) or not gold["is_incident"]
    for kind in ("killed", "injured"):
        value = gold["casualties"][kind]
        assert value is None or (isinstance(value, int) and value >= 0)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_scored_against_itself_is_perfect(gold_path):
    gold, text = _doc(gold_path)
    pred = json.loads(as_prediction(gold, text).model_dump_json())
    scores = score(from_prediction(pred), from_gold(gold, text), text)
    assert all(v == 1.0 for v in scores.values() if v is not None), scores


@pytest.fixture
def seed():
    gold, text = _doc(ROOT / "eval" / "data" / "seeds" / "gold" / "004_1e3f006cf8d0cb73.json")
    return gold, text, json.loads(as_prediction(gold, text).model_dump_json())


def _score(pred, gold, text):
    return score(from_prediction(pred), from_gold(gold, text), text)


def test_wrong_casualty_figure_lowers_killed(seed):
    gold, text, pred = seed
    pred["casualties"]["killed"] = (gold["casualties"]["killed"] or 0) + 3
    scores = _score(pred, gold, text)
    assert scores["killed"] == 0.0 and scores["injured"] == 1.0 and scores["overall"] < 1.0


def test_zero_is_not_null():
    assert evaluate.exact(0, None) == 0.0 and evaluate.exact(None, 0) == 0.0
    assert evaluate.exact(0, 0) == 1.0 and evaluate.exact(None, None) == 1.0
    assert evaluate.exact(False, 0) == 0.0


def test_missing_perpetrator_lowers_recall_not_precision():
    p, r, f = evaluate.list_prf(["Kataib Hezbollah"], ["Kataib Hezbollah", "Iran-aligned militias"])
    assert (p, r) == (1.0, 0.5) and f == pytest.approx(2 / 3)


def test_one_prediction_cannot_match_two_gold_items():
    p, r, _ = evaluate.list_prf(["rockets"], ["rockets", "Katyusha rockets"])
    assert (p, r) == (1.0, 0.5)


def test_names_match_fuzzily_but_not_loosely():
    assert evaluate.names_match("the US Embassy", "US embassy")
    assert evaluate.names_match("Iran-backed militias", "Iran backed militia")
    assert not evaluate.names_match("Taliban", "Islamic State")
    assert evaluate.names_match(None, None) and not evaluate.names_match("Iraq", None)


def test_shifted_quote_lowers_grounding(seed):
    gold, text, pred = seed
    ev = pred["key_facts"][0]["evidence"][0]
    ev["start"] += 1
    ev["end"] += 1
    assert _score(pred, gold, text)["grounding"] < 1.0


def test_fact_far_away_is_not_found(seed):
    gold, text, pred = seed
    pred["key_facts"] = pred["key_facts"][1:]
    scores = _score(pred, gold, text)
    n = len(gold["key_facts"])
    assert scores["fact_recall"] == pytest.approx((n - 1) / n)
    assert scores["evidence_precision"] == 1.0


def test_overlap_needs_half_of_the_shorter_span():
    assert evaluate.overlaps((0, 10), (5, 30))
    assert not evaluate.overlaps((0, 10), (6, 30))
    assert not evaluate.overlaps((0, 0), (0, 10))


def test_evidence_precision_counts_quotes_outside_gold(seed):
    gold, text, pred = seed
    far = len(text) - 20
    pred["key_facts"].append(
        {"claim": "x", "evidence": [{"quote": text[far:], "start": far, "end": len(text), "match": "exact"}]}
    )
    scores = _score(pred, gold, text)
    assert scores["evidence_precision"] < 1.0 and scores["fact_recall"] == 1.0


def test_wrong_event_type_and_incident_flag(seed):
    gold, text, pred = seed
    pred["event_type"] = "accident"
    pred["is_incident"] = False
    scores = _score(pred, gold, text)
    assert scores["event_type"] == 0.0 and scores["is_incident"] == 0.0


def test_date_text_normalised_and_location_per_field(seed):
    assert evaluate.date_text_match("on  Friday", "Friday") == 1.0
    assert evaluate.date_text_match("Monday", "Friday") == 0.0
    assert evaluate.date_text_match(None, "Friday") == 0.0
    gold = {"country": "Iraq", "region": None, "city": "Baghdad", "site": "US embassy"}
    assert evaluate.location_match(gold, gold) == 1.0
    assert evaluate.location_match({**gold, "city": "Basra"}, gold) == 0.75


def test_macro_skips_metrics_that_do_not_apply():
    assert evaluate.macro([{"a": 1.0, "b": None}, {"a": 0.0, "b": 0.5}]) == {"a": 0.5, "b": 0.5}
