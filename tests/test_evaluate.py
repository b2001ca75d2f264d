"""Scoring: gold against itself is 1.0; each metric drops when it should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import check_gold
from summarizer.evaluation import evaluate
from summarizer.evaluation.evaluate import from_gold, from_prediction, score
from tests.conftest import ROOT
from tests.golden import as_prediction

GOLD_FILES = sorted((ROOT / "eval" / "data").glob("*/gold/*.json"))
EVENT_TYPES = {"rocket_or_missile_attack", "air_or_drone_strike", "bombing", "shooting", "armed_clash",
               "attack", "arson_or_sabotage", "accident", "other"}  # fmt: skip


def _doc(gold_path: Path) -> tuple[dict, str]:
    text = (gold_path.parent.parent / "docs" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    return json.loads(gold_path.read_text(encoding="utf-8")), text


def test_every_document_has_a_gold_label_and_every_gold_file_is_well_formed():
    docs = sorted((ROOT / "eval" / "data").glob("*/docs/*.txt"))
    labelled = {(p.parent.parent.name, p.stem) for p in GOLD_FILES}
    assert len(docs) >= 19
    assert {(p.parent.parent.name, p.stem) for p in docs} == labelled
    datasets = sorted({p.parent.parent for p in GOLD_FILES})
    assert [line for d in datasets for line in check_gold.problems(d)] == []


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_quotes_are_verbatim_and_labels_well_formed(gold_path):
    gold, text = _doc(gold_path)
    for fact in gold["key_facts"]:
        assert fact["quote"] in text, fact["quote"]
    assert gold["event_type"] in EVENT_TYPES
    assert (1 <= len(gold["key_facts"]) <= 8) or not gold["is_incident"]  # fewer than 5 in a short article
    for kind in ("killed", "injured"):
        value = gold["casualties"][kind]
        assert value is None or (isinstance(value, int) and value >= 0)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_scored_against_itself_is_perfect(gold_path):
    gold, text = _doc(gold_path)
    pred = json.loads(as_prediction(gold, text).model_dump_json())
    scores = score(from_prediction(pred), from_gold(gold, text), text)
    # claim_support checks a claim against its own quote, not against gold:
    # a labeller's claim may name what the quote only implies.
    assert all(v == 1.0 for k, v in scores.items() if v is not None and k != "claim_support"), scores


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


def test_a_quote_covers_a_fact_with_half_of_it_and_is_not_oversized():
    assert evaluate.covers((0, 20), (10, 30))  # half of the gold quote
    assert not evaluate.covers((0, 20), (11, 31))
    assert not evaluate.covers((0, 0), (0, 10))
    assert evaluate.covers((0, 30), (0, 10)) and not evaluate.covers((0, 31), (0, 10))  # 3x the gold
    assert not evaluate.covers((0, 500), (0, 200))  # over two sentences


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
    assert evaluate.date_text_match(None, None) is None  # no date to get right
    gold = {"country": "Iraq", "region": None, "city": "Baghdad", "site": "US embassy"}
    assert evaluate.location_match(gold, gold) == 1.0
    assert evaluate.location_match({**gold, "city": "Basra"}, gold) == pytest.approx(2 / 3)
    assert evaluate.location_match({**gold, "region": "Anbar"}, gold) == 1.0  # extra part: abstention


def test_macro_skips_metrics_that_do_not_apply():
    assert evaluate.macro([{"a": 1.0, "b": None}, {"a": 0.0, "b": 0.5}]) == {
        "a": 0.5,
        "b": 0.5,
        "is_incident_balanced": None,
    }


# --- metrics that cannot be gamed -------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Iran-aligned militias", "militias aligned with Iran", True),
        ("Iran backed militia", "Iran-backed militias", True),
        ("Kata'ib Hizballah", "Kataib Hezbollah", True),
        ("the US Embassy", "U.S. embassy", True),
        ("German consulate general", "German consulate", True),
        ("Mazar-i-Sharif", "Mazar-e-Sharif", True),
        ("gunmen", "gunman", True),
        ("Iran", "Iran-aligned militias", False),
        ("of", "Ministry of Defence", False),
        ("North Korea", "South Korea", False),
        ("Islamic State", "Islamic Jihad", False),
        ("Ministry of Defence", "Ministry of Interior", False),
        ("Taliban", "Islamic State", False),
        ("rockets", "Katyusha rockets", False),
    ],
)
def test_names_match_by_words_not_by_any_subset(a, b, same):
    assert evaluate.names_match(a, b) is same and evaluate.names_match(b, a) is same


def test_a_date_is_never_matched_as_a_substring():
    assert evaluate.date_text_match("a", "Friday, around 4 a.m.") == 0.0
    assert evaluate.date_text_match("Friday", "Friday, around 4 a.m.") == 0.0
    assert evaluate.date_text_match("Friday", "Friday, around 4 a.m.", ["on Friday"]) == 1.0
    assert evaluate.date_text_match("Friday, around 4 A.M.", "Friday, around 4 a.m.") == 1.0


def test_one_whole_article_quote_finds_no_fact(seed):
    gold, text, pred = seed
    pred["key_facts"] = [
        {"claim": "x", "evidence": [{"quote": text, "start": 0, "end": len(text), "match": "exact"}]}
    ]
    scores = _score(pred, gold, text)
    assert scores["fact_recall"] == 0.0 and scores["evidence_precision"] == 0.0


def test_one_quote_serves_one_gold_fact_only():
    assert evaluate.fact_recall([(0, 20)], [(0, 10), (10, 20)]) == 0.5
    assert evaluate.fact_recall([(0, 10), (10, 20)], [(0, 10), (10, 20)]) == 1.0
    assert evaluate.evidence_precision([(0, 10), (0, 10)], [(0, 10)]) == 0.5


def test_agreeing_there_is_no_figure_is_not_a_right_figure(seed):
    gold, text, pred = seed
    gold = {**gold, "casualties": {"killed": None, "injured": 0}}
    pred["casualties"] = {"killed": None, "injured": None, "figures": []}
    scores = _score(pred, gold, text)
    assert scores["killed"] is None  # no figure in gold: not a value to get right
    assert scores["injured"] == 0.0
    assert 0.0 < scores["abstention"] <= 1.0


def test_an_invented_field_lowers_abstention(seed):
    gold, text, pred = seed
    gold = {**gold, "claimed_by": []}
    pred["claimed_by"] = []
    before = _score(pred, gold, text)["abstention"]
    pred["claimed_by"] = [{"name": "Islamic State", "evidence": []}]
    assert _score(pred, gold, text)["abstention"] < before


def test_a_claim_must_state_what_its_quote_says():
    quote = "killing at least four civilians and wounding 120 people in Mazar-i-Sharif"
    assert evaluate.claim_supported("Four civilians were killed in Mazar-i-Sharif.", quote)
    assert evaluate.claim_supported("At least 4 people died.", quote)
    assert not evaluate.claim_supported("Four civilians were killed and 300 wounded.", quote)
    assert not evaluate.claim_supported("The attack in Kabul killed four.", quote)


def _all_golds():
    docs = [(json.loads(p.read_text(encoding="utf-8")), _doc(p)[1]) for p in GOLD_FILES]
    return [(evaluate.from_gold(g, t), t) for g, t in docs]


def _trivial_macro(kind: str) -> dict:
    golds = _all_golds()
    views = [g for g, _ in golds]
    rows = [
        score(evaluate.constant_view(views, t) if kind == "constant" else evaluate.empty_view(), g, t)
        for g, t in golds
    ]
    return evaluate.macro(rows)


@pytest.mark.parametrize("kind", ["constant", "empty"])
@pytest.mark.parametrize(
    "metric",
    ["overall", "is_incident_balanced", "event_type", "killed", "injured", "both_casualties", "date_text",
     "location", "country", "perpetrators_f1", "claimed_by_f1", "targets_f1", "weapons_f1", "fact_recall",
     "evidence_precision"],
)  # fmt: skip
def test_an_answer_that_knows_nothing_scores_low(kind, metric):
    """Over every gold file, a constant or empty answer is far below gold
    scored as a prediction (1.0) on every metric but abstention, which the
    empty answer gets right by saying nothing."""
    value = _trivial_macro(kind)[metric]
    assert value is None or value <= 0.6, (kind, metric, value)


def test_the_constant_answer_does_not_abstain():
    assert _trivial_macro("constant")["abstention"] < 0.8


PERTURBATIONS = {
    "is_incident": lambda p, t: p.update(is_incident=False),
    "event_type": lambda p, t: p.update(event_type="accident"),
    "killed": lambda p, t: p["casualties"].update(killed=97),
    "injured": lambda p, t: p["casualties"].update(injured=None),
    "both_casualties": lambda p, t: p["casualties"].update(killed=97),
    "date_text": lambda p, t: p.update(date_text="last year"),
    "location": lambda p, t: p.update(location={**p["location"], "city": "Basra"}),
    "country": lambda p, t: p.update(location={**p["location"], "country": "Syria"}),
    "perpetrators_f1": lambda p, t: p.update(perpetrators=[]),
    "targets_f1": lambda p, t: p["targets"].append({"name": "a school", "evidence": []}),
    "weapons_f1": lambda p, t: p.update(weapons=[{"name": "knives", "evidence": []}]),
    "abstention": lambda p, t: p.update(claimed_by=[{"name": "Islamic State", "evidence": []}]),
    "fact_recall": lambda p, t: p.update(key_facts=p["key_facts"][2:]),
    "evidence_precision": lambda p, t: p["key_facts"].append(
        {
            "claim": "x",
            "evidence": [{"quote": t[-15:], "start": len(t) - 15, "end": len(t), "match": "exact"}],
        }
    ),
    "claim_support": lambda p, t: [f.update(claim="In 1999 it hit Mosul.") for f in p["key_facts"]],
    "grounding": lambda p, t: p["key_facts"][0]["evidence"][0].update(start=1),
    "overall": lambda p, t: p.update(event_type="accident"),
}


@pytest.mark.parametrize("metric", sorted(PERTURBATIONS))
def test_every_metric_drops_when_its_field_goes_wrong(metric, seed):
    gold, text, pred = seed
    assert gold["casualties"]["injured"] is not None and gold["perpetrators"] and not gold["claimed_by"]
    before = _score(pred, gold, text)[metric]
    PERTURBATIONS[metric](pred, text)
    after = _score(pred, gold, text)[metric]
    assert before is not None and after is not None and after < before, (before, after)
