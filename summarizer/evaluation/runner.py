"""The whole eval as one call: `summarizer.evaluation.run(...)`.

What `summarize eval` does, callable from a notebook or the nightly job:
find the gold sets, run a summarizer over them (or read saved predictions),
score, compare with a baseline under the thresholds, and write the report
files. The CLI is a thin wrapper over this; scoring is `evaluate` (pure)
and the files and gate are `harness`, beside this module.

>>> from summarizer import evaluation                     # doctest: +SKIP
>>> result = evaluation.run(predictions=Path("runs/1/predictions"), split="dev")
>>> result.report["datasets"]["dev"]["macro"]["event_type"]
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from summarizer.batch import run_batch, write_atomic
from summarizer.errors import SummarizerError
from summarizer.evaluation import harness
from summarizer.pipeline import Summarizer
from summarizer.render.view import evidence_page
from summarizer.schema import IncidentSummary
from summarizer.store.identity import pipeline_version

DEFAULT_DATA = Path("eval/data")
DEFAULT_THRESHOLDS = Path("eval/thresholds.toml")
CHECKOUT = Path(__file__).resolve().parents[2]
"""The repository this package runs from (an editable install), where the
default gold sets and thresholds live."""


def located(path: Path, option: str) -> Path:
    """`path` as given when it exists; a default relative path not found
    here is looked up in the checkout, so `summarize eval` works from any
    folder. Else a one-line error naming the option."""
    if path.exists():
        return path
    if not path.is_absolute() and (CHECKOUT / path).exists():
        return CHECKOUT / path
    raise FileNotFoundError(f"{option} {path}: not found (run from the repository root or pass {option})")


class GroupReport(TypedDict):
    """One report column (a split or a dataset): see `harness.summarise_group`."""

    kind: str
    documents: int
    missing: dict[str, str]
    seconds_per_document: float | None
    tokens_per_document: int | None
    macro: dict[str, float | None]
    trivial: dict[str, dict[str, float | None]]
    per_document: dict[str, dict[str, float | None]]
    values: dict[str, dict[str, list[Any]]]
    """Per document: [gold, predicted] of each field in `harness.COMPARED`."""


class Report(TypedDict, total=False):
    """`report.json`: run metadata, wall time, a column per split and dataset,
    and the gate's verdict per metric when a baseline was given."""

    metadata: dict[str, Any]
    wall_seconds: float
    datasets: dict[str, GroupReport]
    gate: list[dict[str, Any]]


@dataclass
class Evaluation:
    """What one eval produced: the report, the gate's deltas and the Markdown."""

    report: Report
    deltas: list[harness.Delta] = field(default_factory=list)
    markdown: str = ""

    @property
    def failures(self) -> list[harness.Delta]:
        """The metrics that fail the gate (empty without a baseline)."""
        return [d for d in self.deltas if d.failure]


def run(
    data: Path = DEFAULT_DATA,
    *,
    summarizer: Summarizer | None = None,
    predictions: Path | None = None,
    out: Path | None = None,
    baseline: Path | None = None,
    thresholds: Path = DEFAULT_THRESHOLDS,
    history: Path | None = None,
    split: str | None = None,
    any_pipeline: bool = False,
    concurrency: int | None = None,
    progress: Callable[[str], None] | None = None,
    on_error: Callable[[str, SummarizerError], None] | None = None,
) -> Evaluation:
    """Score `summarizer` (or the saved `predictions`) on the gold sets in
    `data`, only `split` if given. With `out`: report.json, report.md,
    report.html, the predictions and an evidence view per document there.
    With `baseline`: the gate (`Evaluation.failures`). Saved predictions
    made by another pipeline version score 0 unless `any_pipeline`.
    Raises OSError or ValueError for unreadable data, thresholds or baseline."""
    started = time.monotonic()
    data = located(data, "--data")
    if baseline:
        thresholds = located(thresholds, "--thresholds")
    found = harness.datasets(data, split)
    limits = harness.thresholds(thresholds) if baseline else {}
    margin = harness.trivial_margin(thresholds) if baseline else harness.TRIVIAL_MARGIN
    base = harness.read_baseline(baseline) if baseline else {}
    if predictions is None and summarizer is None:
        raise ValueError("give a summarizer to run, or saved predictions to score")
    if predictions is not None and not predictions.is_dir():
        raise FileNotFoundError(f"{predictions}: no such folder of predictions")
    with tempfile.TemporaryDirectory(prefix="summarize-eval-") as scratch:
        pred_dir = predictions
        if pred_dir is None:
            assert summarizer is not None
            pred_dir = (out / "predictions") if out else Path(scratch)
            for name, docs in found.items():
                run_batch(
                    summarizer,
                    [str(d.text_path) for d in docs],
                    pred_dir / name,
                    progress=progress,
                    on_error=on_error,
                    concurrency=concurrency,
                )
        report: Report = {
            "metadata": harness.run_metadata(pred_dir, saved=predictions is not None),
            "wall_seconds": round(time.monotonic() - started, 1),
            "datasets": harness.score_all(  # type: ignore[typeddict-item]
                found, pred_dir, None if predictions is not None and any_pipeline else pipeline_version()
            ),
        }
        views = _write_views(found, pred_dir, out / "views") if out is not None else {}
    deltas = harness.compare(report, base, limits, margin) if baseline else []
    result = Evaluation(report, deltas, harness.to_markdown(report, deltas))
    if out is not None:
        report["gate"] = [vars(d) for d in deltas]
        write_atomic(out / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        write_atomic(out / "report.md", result.markdown)
    past: list[dict[str, Any]] = []
    if history is not None:
        history.parent.mkdir(parents=True, exist_ok=True)
        with history.open("a", encoding="utf-8") as f:
            f.write(json.dumps(harness.history_line(report, deltas), ensure_ascii=False) + "\n")
        past = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines() if line.strip()]
    if out is not None:
        write_atomic(out / "report.html", harness.to_html(report, deltas, past, views, base))
    return result


def _write_views(
    found: dict[str, list[harness.Document]], predictions: Path, views: Path
) -> dict[tuple[str, str], str]:
    """An evidence view per scored document, for report.html to link to."""
    links = {}
    for name, docs in found.items():
        for doc in docs:
            try:
                summary = IncidentSummary.model_validate_json(
                    harness.prediction_path(predictions, doc).read_bytes()
                )
            except (OSError, ValueError):
                continue
            page = views / name / f"{doc.name}.html"
            write_atomic(page, evidence_page(summary, doc.text_path.read_text(encoding="utf-8")))
            links[(name, doc.name)] = f"views/{name}/{doc.name}.html"
    return links
