"""`summarize eval` over saved predictions: reports and the regression gate."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import eval_app
from summarizer.evaluation import harness
from tests.conftest import ROOT
from tests.golden import as_prediction

SEEDS = ROOT / "eval" / "data" / "seeds"
THRESHOLDS = ROOT / "eval" / "thresholds.toml"


@pytest.fixture
def perfect(tmp_path: Path) -> Path:
    """The seed gold labels saved as predictions, as `summarize --out` would."""
    out = tmp_path / "pred"
    out.mkdir()
    for doc in harness.datasets(SEEDS)["seeds"]:
        text = doc.text_path.read_text(encoding="utf-8")
        (out / f"{doc.name}.json").write_text(
            as_prediction(doc.gold, text).model_dump_json(), encoding="utf-8"
        )
    return out


def _eval(*args: str):
    return CliRunner().invoke(eval_app(), ["--data", str(SEEDS), "--thresholds", str(THRESHOLDS), *args])


def test_eval_of_gold_writes_perfect_reports(perfect: Path, tmp_path: Path):
    result = _eval("--predictions", str(perfect), "--out", str(tmp_path / "report"))
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    macro = report["datasets"]["seeds"]["macro"]
    # claim_support checks each claim against its own quote; the labellers' claims may name what
    # their quote only implies ("Baghdad" for "Iraq's capital"), so it is not 1.0 by construction.
    assert all(
        macro[m] == 1.0 for m in harness.REPORT_METRICS if macro.get(m) is not None and m != "claim_support"
    )
    assert report["metadata"]["schema_version"] and report["metadata"]["prompt_version"]
    md = (tmp_path / "report" / "report.md").read_text()
    assert "| overall | 1.00 |" in md and md in result.stdout


def _doctored(perfect: Path, tmp_path: Path, killed: int, country: str | None = None) -> Path:
    """The perfect predictions scored as a baseline (in tmp_path/base), and a
    copy with every killed figure (and country) made wrong."""
    assert _eval("--predictions", str(perfect), "--out", str(tmp_path / "base")).exit_code == 0
    doctored = tmp_path / "doctored"
    shutil.copytree(perfect, doctored)
    for path in doctored.glob("*.json"):
        data = json.loads(path.read_text())
        data["casualties"]["killed"] = killed
        if country is not None:
            data["location"]["country"] = country
        path.write_text(json.dumps(data))
    return doctored


def test_gate_names_the_metric_that_regressed(perfect: Path, tmp_path: Path):
    doctored = _doctored(perfect, tmp_path, killed=99)
    history = tmp_path / "history.jsonl"
    result = _eval("--predictions", str(doctored), "--baseline", str(tmp_path / "base" / "report.json"),
                   "--history", str(history))  # fmt: skip
    assert result.exit_code == 3
    assert "regression in seeds killed" in result.stderr
    assert "**seeds killed**" in result.stdout
    line = json.loads(history.read_text().splitlines()[-1])
    assert line["passed"] is False and line["datasets"]["seeds"]["killed"] == 0.0


def test_gate_passes_an_unchanged_run(perfect: Path, tmp_path: Path):
    assert _eval("--predictions", str(perfect), "--out", str(tmp_path / "base")).exit_code == 0
    result = _eval("--predictions", str(perfect), "--baseline", str(tmp_path / "base" / "report.json"))
    assert result.exit_code == 0, result.output
    assert "- passed" in result.stdout


def test_missing_prediction_scores_zero(perfect: Path, tmp_path: Path):
    gone = next(perfect.glob("*.json"))
    gone.unlink()
    result = _eval("--predictions", str(perfect), "--out", str(tmp_path / "r"))
    assert result.exit_code == 0 and "(no prediction)" in result.stdout
    seeds = json.loads((tmp_path / "r" / "report.json").read_text())["datasets"]["seeds"]
    assert seeds["missing"] == {gone.stem: "no prediction"}
    assert all(v == 0.0 for v in seeds["per_document"][gone.stem].values())
    assert seeds["macro"]["overall"] == pytest.approx(2 / 3)


def test_a_prediction_for_another_text_or_pipeline_scores_zero(perfect: Path, tmp_path: Path):
    first, second = sorted(perfect.glob("*.json"))[:2]
    data = json.loads(first.read_text())
    data["metadata"]["source_sha256"] = "0" * 64  # made for an earlier version of the document
    first.write_text(json.dumps(data))
    data = json.loads(second.read_text())
    data["metadata"]["pipeline_version"] = "an older pipeline"
    second.write_text(json.dumps(data))
    result = _eval("--predictions", str(perfect))
    assert "(stale: made for another text)" in result.stdout
    assert "(stale: made by pipeline an older pip)" in result.stdout
    # an archived run may be rescored on purpose; a changed text never counts
    result = _eval("--predictions", str(perfect), "--any-pipeline")
    assert "(stale: made for another text)" in result.stdout and "older" not in result.stdout


def test_the_gate_fails_an_answer_that_knows_nothing(tmp_path: Path):
    """Constant and empty predictions, written as files, fail the gate on
    their own: no baseline figure is needed to tell them from a model."""
    from eval import trivial

    empty_baseline = tmp_path / "baseline.json"
    empty_baseline.write_text("{}")
    data = ROOT / "eval" / "data"
    for kind in ("constant", "empty"):
        assert trivial.main([kind, str(tmp_path / kind), str(data)]) == 0
        result = CliRunner().invoke(
            eval_app(),
            ["--data", str(data), "--predictions", str(tmp_path / kind), "--baseline", str(empty_baseline),
             "--thresholds", str(THRESHOLDS)],
        )  # fmt: skip
        assert result.exit_code == 3, result.output
        for split in ("dev", "test"):
            assert f"regression in {split} overall" in result.stderr
            assert f"regression in {split} fact_recall" in result.stderr


def test_shifted_quote_fails_the_grounding_floor(perfect: Path, tmp_path: Path):
    assert _eval("--predictions", str(perfect), "--out", str(tmp_path / "base")).exit_code == 0
    path = next(perfect.glob("*.json"))
    data = json.loads(path.read_text())
    data["key_facts"][0]["evidence"][0]["start"] += 2
    path.write_text(json.dumps(data))
    result = _eval("--predictions", str(perfect), "--baseline", str(tmp_path / "base" / "report.json"))
    assert result.exit_code == 3 and "seeds grounding" in result.stderr


def test_not_a_dataset_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(eval_app(), ["--data", str(tmp_path)])
    assert result.exit_code == 2 and "no dataset here" in result.stderr


def test_scoring_the_checked_in_predictions_reproduces_the_baseline(tmp_path: Path):
    """eval/baseline/predictions are the embedded model's outputs behind
    eval/baseline.json: scoring them again gives the same figures, and the
    gate passes against itself."""
    baseline = ROOT / "eval" / "baseline.json"
    result = CliRunner().invoke(
        eval_app(),
        [
            "--data", str(ROOT / "eval" / "data"),
            "--predictions", str(ROOT / "eval" / "baseline" / "predictions"),
            "--any-pipeline",  # an archived run: rescoring must reproduce its figures exactly
            "--baseline", str(baseline),
            "--thresholds", str(THRESHOLDS),
            "--out", str(tmp_path),
        ],
    )  # fmt: skip
    # The baseline (issue 16's pipeline) passes the gate against itself: above every floor
    # and clearly above the trivial answers on both splits.
    assert result.exit_code == 0, result.stderr
    again = json.loads((tmp_path / "report.json").read_text())
    expected = json.loads(baseline.read_text())
    assert set(again["datasets"]) == set(expected["datasets"]) >= {"dev", "test", "seeds", "corpus", "news"}
    for name, column in expected["datasets"].items():
        assert again["datasets"][name]["missing"] == column["missing"] == {}
        for metric in harness.REPORT_METRICS:
            assert again["datasets"][name]["macro"][metric] == pytest.approx(column["macro"][metric])
        for answer in harness.TRIVIAL:
            assert again["datasets"][name]["trivial"][answer] == pytest.approx(column["trivial"][answer])


def test_report_html_links_views_colours_deltas_and_draws_the_trend(perfect: Path, tmp_path: Path):
    history = tmp_path / "history.jsonl"
    assert (
        _eval(
            "--predictions", str(perfect), "--out", str(tmp_path / "base"), "--history", str(history)
        ).exit_code
        == 0
    )
    path = next(perfect.glob("*.json"))
    data = json.loads(path.read_text())
    data["casualties"]["killed"] = 7
    path.write_text(json.dumps(data))
    out = tmp_path / "run"
    result = _eval("--predictions", str(perfect), "--out", str(out), "--history", str(history),
                   "--baseline", str(tmp_path / "base" / "report.json"))  # fmt: skip
    assert result.exit_code == 3
    page = (out / "report.html").read_text()
    # one line per report column (the dev split and the seeds dataset), one point per run
    assert "<svg" in page and page.count("<polyline") == 2 and page.count("<circle") == 4
    assert "class='fail'" in page and "seeds killed" in page
    links = re.findall(r"href='(views/seeds/[^']+\.html)'", page)
    assert len(links) == 3 and all((out / link).is_file() for link in links)


def test_split_scores_only_that_split(tmp_path: Path):
    from eval import trivial

    data = ROOT / "eval" / "data"
    assert trivial.main(["empty", str(tmp_path / "empty"), str(data)]) == 0
    result = CliRunner().invoke(
        eval_app(),
        ["--data", str(data), "--predictions", str(tmp_path / "empty"), "--split", "test", "--out", str(tmp_path / "r")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    tests = [d for docs in harness.datasets(data).values() for d in docs if d.split == "test"]
    assert report["datasets"]["test"]["documents"] == len(tests) > 20
    assert "dev" not in report["datasets"] and "seeds" not in report["datasets"]  # no seed is in test


def test_the_eval_runs_from_python_with_the_gate(perfect: Path, tmp_path: Path):
    """`summarizer.evaluation.run` is the whole eval without the CLI: a
    notebook or the nightly job gets the report, the deltas and the verdict."""
    from summarizer import evaluation

    base = evaluation.run(SEEDS, predictions=perfect, out=tmp_path / "base", thresholds=THRESHOLDS)
    assert base.report["datasets"]["seeds"]["macro"]["event_type"] == 1.0 and base.failures == []
    assert (tmp_path / "base" / "report.html").is_file()
    for path in perfect.glob("*.json"):
        data = json.loads(path.read_text())
        data["event_type"] = "accident"
        path.write_text(json.dumps(data))
    worse = evaluation.run(
        SEEDS, predictions=perfect, baseline=tmp_path / "base" / "report.json", thresholds=THRESHOLDS
    )
    assert worse.report["datasets"]["seeds"]["macro"]["event_type"] == 0.0
    assert {(d.dataset, d.metric) for d in worse.failures} >= {("seeds", "event_type")}
    with pytest.raises(ValueError, match="summarizer"):
        evaluation.run(SEEDS, thresholds=THRESHOLDS)


@pytest.mark.parametrize(
    ("what", "content", "message"),
    [
        ("gold", "[]", "not a gold record: the whole file: Input should be a valid dictionary"),
        ("gold", '{"event_type": "other"}', "not a gold record: is_incident: Field required"),
        ("gold", '{"is_incident": true, "event_type": "bombing", "key_facts": [{"claim": "c", "quote": "Not in it."}]}',
         "key_facts[0].quote is not in 000_40f9b4c6e0f9e881.txt: 'Not in it.'"),
        ("baseline", "[]", "not an eval report: a report is a JSON object"),
        ("baseline", '{"datasets": {"dev": {"macro": {"overall": "high"}}}}', "not an eval report: overall:"),
        ("thresholds", "default = 3", "not a thresholds file: default:"),
        ("predictions", None, "no such folder of predictions"),
    ],
)  # fmt: skip
def test_eval_files_of_the_wrong_shape_are_usage_errors_naming_the_file(
    tmp_path, perfect, what, content, message
):
    """A gold, baseline or thresholds file of the wrong shape, or a mistyped
    predictions folder, is one line naming the file and exit 2 (it was an
    internal error, or an all-zero table with exit 0)."""
    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    thresholds = tmp_path / "thresholds.toml"
    thresholds.write_text(THRESHOLDS.read_text())
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{}")
    predictions = perfect
    bad = {"gold": data / "seeds" / "gold" / "000_40f9b4c6e0f9e881.json", "baseline": baseline,
           "thresholds": thresholds, "predictions": tmp_path / "typo"}[what]  # fmt: skip
    if content is not None:
        bad.write_text(content)
    else:
        predictions = bad
    result = CliRunner().invoke(
        eval_app(),
        ["--data", str(data), "--predictions", str(predictions), "--baseline", str(baseline),
         "--thresholds", str(thresholds)],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert line.startswith(f"summarize: eval: {bad}: ") and message in line and "\n" not in line


def test_the_trend_chart_names_its_axes_and_dates_its_runs():
    from summarizer.evaluation.harness import trend_svg

    history = [
        {"date": f"2026-11-{day:02d}T02:00:00+00:00", "datasets": {"dev": {"overall": 0.4 + day / 100}}}
        for day in range(1, 4)
    ]
    svg = trend_svg(history)
    assert ">overall score</text>" in svg and ">run (date)</text>" in svg
    assert all(f">2026-11-{day:02d}</text>" in svg for day in range(1, 4))
    assert svg.count("<circle") == 3


def test_report_html_rows_show_the_failing_metric_the_change_and_what_differs(perfect: Path, tmp_path: Path):
    doctored = _doctored(perfect, tmp_path, killed=99, country="Narnia")
    result = _eval("--predictions", str(doctored), "--baseline", str(tmp_path / "base" / "report.json"),
                   "--out", str(tmp_path / "run"))  # fmt: skip
    assert result.exit_code == 3  # killed, both_casualties and country fall
    page = (tmp_path / "run" / "report.html").read_text()
    table = page[page.index("<h2>seeds</h2>") :]
    header = re.search(r"<thead>(.*?)</thead>", table).group(1)
    assert "<th>country</th>" in header and "<th>both_casualties</th>" in header  # the failing metrics
    assert "<td class='down' data-v='0.0'>0.00 <small>(-1.00)</small></td>" in table  # killed per document
    assert re.search(r"killed \d+ → 99; country \w[\w ]* → Narnia", table)
    assert "<input type='search'" in table and "sort" in page  # filter and sort
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    values = next(iter(report["datasets"]["seeds"]["values"].values()))
    assert values["killed"][1] == 99 and values["country"] == [values["country"][0], "Narnia"]
