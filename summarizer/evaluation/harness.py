"""The eval harness's I/O: gold sets in, reports and a regression verdict out.

A dataset is a folder `eval/data/NAME/` with `docs/DOC.txt` and
`gold/DOC.json`. Predictions are saved summaries, `DOC.json` as written by
`summarize --out`, in `PRED/DATASET/` (or straight in `PRED/` when one
dataset is scored). Scoring itself is `summarizer.evaluation.evaluate` (pure); this
module finds files, builds the report, compares it with a baseline under
the tolerances in `eval/thresholds.toml` and appends to the history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from summarizer.evaluation import evaluate
from summarizer.schema import SCHEMA_VERSION
from summarizer.steps import prompts

REPORT_METRICS = (
    "overall",
    "is_incident_balanced",
    "is_incident",
    "event_type",
    "killed",
    "injured",
    "both_casualties",
    "date_text",
    "location",
    "country",
    *(f"{name}_f1" for name in evaluate.LIST_FIELDS),
    "abstention",
    "fact_recall",
    "evidence_precision",
    "claim_support",
    "grounding",
)
"""The metrics a report shows and the gate checks, most telling first."""

TRIVIAL = ("constant", "empty")
"""Answers that know nothing, scored beside the model on every group."""


@dataclass(frozen=True)
class Document:
    dataset: str
    name: str
    text_path: Path
    gold: Mapping[str, Any]

    @property
    def split(self) -> str:
        """`dev` (tune on it) or `test` (report on it only), from the gold file."""
        return str(self.gold.get("split") or "dev")


def datasets(data: Path, split: str | None = None) -> dict[str, list[Document]]:
    """Every labelled document under `data`: one dataset folder, or a folder
    of them; with `split`, only that split's documents."""
    folders = (
        [data] if (data / "gold").is_dir() else sorted(p for p in data.iterdir() if (p / "gold").is_dir())
    )
    if not folders:
        raise FileNotFoundError(f"{data}: no dataset here (expected gold/ and docs/ folders)")
    found: dict[str, list[Document]] = {}
    for folder in folders:
        docs = []
        for gold_path in sorted((folder / "gold").glob("*.json")):
            text_path = folder / "docs" / f"{gold_path.stem}.txt"
            if not text_path.is_file():
                raise FileNotFoundError(f"{gold_path}: its document {text_path} is missing")
            gold = _read_gold(gold_path, text_path)
            doc = Document(folder.name, gold_path.stem, text_path, gold)
            if split is None or doc.split == split:
                docs.append(doc)
        if docs:
            found[folder.name] = docs
    if not found:
        raise FileNotFoundError(f"{data}: no document of split {split!r} here")
    return found


class _GoldFact(BaseModel):
    model_config = ConfigDict(extra="allow")
    quote: str


class _Gold(BaseModel):
    """The least a gold file must be for scoring to read it (LABELLING.md has the rest)."""

    model_config = ConfigDict(extra="allow")
    is_incident: bool
    event_type: str
    split: Literal["dev", "test"] = "dev"
    key_facts: list[_GoldFact] = []


def _read_gold(path: Path, text_path: Path) -> dict[str, Any]:
    """A gold record, or a ValueError that names the file and what is wrong:
    its shape, or a key fact quoting text its document does not hold (fact
    recall would then be unreachable, silently)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = _Gold.model_validate(data)
    except (ValueError, ValidationError) as exc:
        raise ValueError(f"{path}: not a gold record: {_first_problem(exc)}") from None
    text = text_path.read_text(encoding="utf-8")
    for i, fact in enumerate(gold.key_facts):
        if fact.quote not in text:
            quote = fact.quote if len(fact.quote) < 60 else fact.quote[:57] + "..."
            raise ValueError(f"{path}: key_facts[{i}].quote is not in {text_path.name}: {quote!r}")
    return data  # type: ignore[no-any-return]


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "the whole file"
        return f"{where}: {str(error['msg']).removeprefix('Value error, ')}"
    return str(exc).splitlines()[0]


_Columns = TypeAdapter(dict[str, dict[str, Any]])
_Macro = TypeAdapter(dict[str, float | None])


def read_baseline(path: Path) -> dict[str, Any]:
    """A report.json to gate against, or a ValueError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a report is a JSON object")
        for column in _Columns.validate_python(data.get("datasets", {})).values():
            _Macro.validate_python(column.get("macro", {}))
    except (ValueError, ValidationError) as exc:
        raise ValueError(f"{path}: not an eval report: {_first_problem(exc)}") from None
    return data


def groups(found: Mapping[str, Sequence[Document]]) -> dict[str, list[Document]]:
    """What a report has a column for: each split over every dataset, then each dataset."""
    every = [doc for docs in found.values() for doc in docs]
    splits = sorted({doc.split for doc in every})
    by_split = {split: [d for d in every if d.split == split] for split in splits}
    return {**by_split, **{name: list(docs) for name, docs in found.items()}}


def prediction_path(predictions: Path, doc: Document) -> Path:
    nested = predictions / doc.dataset / f"{doc.name}.json"
    return nested if nested.is_file() else predictions / f"{doc.name}.json"


Scores = dict[str, float | None]


@dataclass(frozen=True)
class Scored:
    """One document's scores for the model and each trivial predictor."""

    model: Scores
    trivial: Mapping[str, Scores]
    missing: str | None = None
    """Why the model's prediction scored 0: absent, unreadable or stale."""
    seconds: float | None = None
    tokens: int | None = None
    values: Mapping[str, list[Any]] | None = None
    """Gold and predicted value of each field in `COMPARED`, for the report."""


COMPARED = ("is_incident", "event_type", "killed", "injured", "country", "city")
"""The fields whose gold and predicted values the report shows side by side."""


def compared(pred: evaluate.View, gold: evaluate.View) -> dict[str, list[Any]]:
    """[gold, predicted] for each field in `COMPARED`."""

    def value(view: evaluate.View, name: str) -> Any:
        return view.location.get(name) if name in ("country", "city") else getattr(view, name)

    return {name: [value(gold, name), value(pred, name)] for name in COMPARED}


def score_documents(
    docs: Sequence[Document], predictions: Path, pipeline: str | None = None
) -> dict[tuple[str, str], Scored]:
    """Each document's scores. A prediction counts only if it was made for the
    document's current text (its source_sha256) and, when `pipeline` is given,
    by that pipeline version; anything else scores 0 with the reason named."""
    texts = {(d.dataset, d.name): d.text_path.read_text(encoding="utf-8") for d in docs}
    golds = {(d.dataset, d.name): evaluate.from_gold(d.gold, texts[d.dataset, d.name]) for d in docs}
    constant = evaluate.constant_view(list(golds.values()), "")
    scored: dict[tuple[str, str], Scored] = {}
    for doc in docs:
        key = (doc.dataset, doc.name)
        text, gold = texts[key], golds[key]
        trivial = {
            "constant": evaluate.score(evaluate.quoting_whole(constant, text), gold, text),
            "empty": evaluate.score(evaluate.empty_view(), gold, text),
        }
        try:
            pred_data = json.loads(prediction_path(predictions, doc).read_text(encoding="utf-8"))
            pred = evaluate.from_prediction(pred_data)
            meta = pred_data.get("metadata") or {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            scored[key] = Scored(dict.fromkeys(REPORT_METRICS, 0.0), trivial, "no prediction")
            continue
        why = None
        if meta.get("source_sha256") != hashlib.sha256(text.encode("utf-8")).hexdigest():
            why = "stale: made for another text"
        elif pipeline is not None and meta.get("pipeline_version") != pipeline:
            why = f"stale: made by pipeline {str(meta.get('pipeline_version') or 'unknown')[:12]}"
        if why:
            scored[key] = Scored(dict.fromkeys(REPORT_METRICS, 0.0), trivial, why)
            continue
        usage = meta.get("usage") or {}
        scored[key] = Scored(
            evaluate.score(pred, gold, text),
            trivial,
            seconds=float(meta.get("seconds") or 0.0),
            tokens=int(usage.get("prompt_tokens") or 0) + int(usage.get("completion_tokens") or 0),
            values=compared(pred, gold),
        )
    return scored


def summarise_group(docs: Sequence[Document], scored: Mapping[tuple[str, str], Scored]) -> dict[str, Any]:
    """One report column: macro averages of the model and the trivial predictors."""
    rows = [scored[d.dataset, d.name] for d in docs]
    seconds = [r.seconds for r in rows if r.seconds is not None and r.missing is None]
    tokens = [r.tokens for r in rows if r.tokens is not None and r.missing is None]
    return {
        "documents": len(docs),
        "missing": {d.name: r.missing for d, r in zip(docs, rows, strict=True) if r.missing},
        "seconds_per_document": round(sum(seconds) / len(seconds), 1) if seconds else None,
        "tokens_per_document": round(sum(tokens) / len(tokens)) if tokens else None,
        "macro": evaluate.macro(r.model for r in rows),
        "trivial": {name: evaluate.macro(r.trivial[name] for r in rows) for name in TRIVIAL},
        "per_document": {d.name: r.model for d, r in zip(docs, rows, strict=True)},
        "values": {d.name: dict(r.values) for d, r in zip(docs, rows, strict=True) if r.values is not None},
    }


def score_all(
    found: Mapping[str, Sequence[Document]], predictions: Path, pipeline: str | None = None
) -> dict[str, dict[str, Any]]:
    """Every report column (splits, then datasets), scored once per document."""
    scored = score_documents([d for docs in found.values() for d in docs], predictions, pipeline)
    splits = {d.split for docs in found.values() for d in docs}
    return {
        name: {"kind": "split" if name in splits else "dataset", **summarise_group(docs, scored)}
        for name, docs in groups(found).items()
    }


def run_metadata(predictions: Path, saved: bool = False) -> dict[str, Any]:
    """Model and prompt as the saved predictions record them, plus the
    checkout; `saved`: the predictions were scored, not made, by this run."""
    models = set()
    versions = set()
    for path in sorted(predictions.rglob("*.json")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("metadata") or {}
        except (OSError, ValueError, AttributeError):
            continue
        models.add(f"{meta.get('backend', '?')}:{meta.get('model', '?')}")
        versions.add(meta.get("prompt_version") or "?")
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "schema_version": SCHEMA_VERSION,
        "prompt_name": prompts.PROMPT_NAME,
        "prompt_version": ", ".join(sorted(versions)) or prompts.template_hash(),
        "model": ", ".join(sorted(models)) or None,
        "run": f"scored the saved predictions in {predictions}" if saved else "ran the model",
    }


def _how_run(report: Mapping[str, Any]) -> str:
    """What the run did and how long it took: scoring saved predictions
    takes a second and is not a model's wall time."""
    run = report["metadata"].get("run") or "ran the model"
    return f"{run}, wall time {report['wall_seconds']:.0f} s"


def _git_commit() -> str | None:
    try:
        here = Path(__file__).resolve().parent  # the checkout of the code, wherever eval runs from
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True, timeout=10, cwd=here
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
            cwd=here,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}{'-dirty' if dirty else ''}"


# --- the gate -----------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    tolerance: float
    """The largest drop from the baseline that still passes."""
    floor: float
    """The lowest value that passes, whatever the baseline."""


TRIVIAL_MARGIN = 0.05
"""How far above the better trivial predictor a headline metric must be."""


class _Limits(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tolerance: float = 0.0
    floor: float = 0.0


class _ThresholdsFile(BaseModel):
    """`eval/thresholds.toml`: `[trivial]`, `[default]` and `[metrics.NAME]` tables."""

    model_config = ConfigDict(extra="forbid")
    trivial: dict[Literal["margin"], float] = {}
    default: _Limits = _Limits()
    metrics: dict[str, dict[str, float]] = {}


def _read_thresholds(path: Path) -> _ThresholdsFile:
    try:
        return _ThresholdsFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as exc:
        raise ValueError(f"{path}: not a thresholds file: {_first_problem(exc)}") from None


def thresholds(path: Path) -> dict[str, Threshold]:
    """Per-metric thresholds from TOML: `[default]` and `[metrics.NAME]` tables."""
    data = _read_thresholds(path)
    table = {}
    for metric in REPORT_METRICS:
        entry = {**data.default.model_dump(), **data.metrics.get(metric, {})}
        table[metric] = Threshold(float(entry.get("tolerance", 0.0)), float(entry.get("floor", 0.0)))
    return table


def trivial_margin(path: Path) -> float:
    """`[trivial] margin` from the thresholds file (default `TRIVIAL_MARGIN`)."""
    return float(_read_thresholds(path).trivial.get("margin", TRIVIAL_MARGIN))


@dataclass(frozen=True)
class Delta:
    dataset: str
    metric: str
    baseline: float | None
    current: float | None
    failure: str | None
    """Why this metric fails the gate, or None."""

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


def compare(
    report: Mapping[str, Any],
    baseline: Mapping[str, Any],
    limits: Mapping[str, Threshold],
    margin: float = TRIVIAL_MARGIN,
) -> list[Delta]:
    """Each metric of each report column against the baseline's tolerance; on
    each split (dev, test), each metric also against its floor, and each
    headline metric `margin` above the better trivial predictor (or
    perfect). Dataset columns (seeds, corpus, news) are there to see drift,
    not to gate on: three seeds cannot tell a model from a constant.
    Failures say why."""
    deltas = []
    for name, dataset in report["datasets"].items():
        base = baseline.get("datasets", {}).get(name, {}).get("macro", {})
        trivial = dataset.get("trivial", {})
        for metric in REPORT_METRICS:
            current = dataset["macro"].get(metric)
            before = base.get(metric)
            limit = limits.get(metric, Threshold(0.0, 0.0))
            failure = None
            best = max(
                ((v, t) for t in TRIVIAL if (v := trivial.get(t, {}).get(metric)) is not None),
                default=None,
            )
            if dataset.get("kind") == "split" and current is not None and current < limit.floor - 1e-9:
                failure = f"{current:.3f} is below the floor {limit.floor:.3f}"
            elif current is not None and before is not None and current < before - limit.tolerance - 1e-9:
                failure = (
                    f"dropped {before - current:.3f} from {before:.3f} (tolerance {limit.tolerance:.3f})"
                )
            elif current is None and before is not None:
                failure = "missing from this run"
            elif (
                dataset.get("kind") == "split"
                and metric in evaluate.HEADLINE_METRICS
                and best is not None
                and (current is None or current < min(best[0] + margin, 1.0) - 1e-9)
            ):
                shown = "-" if current is None else f"{current:.3f}"
                failure = (
                    f"{shown} is not clearly above the {best[1]} answer's {best[0]:.3f} (margin {margin:.2f})"
                )
            deltas.append(Delta(name, metric, before, current, failure))
    return deltas


# --- output --------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _fmt_change(delta: Delta) -> str:
    change = delta.change
    if change is None:
        return ""
    mark = " ✗" if delta.failure else ""
    return f" ({change:+.2f}{mark})"


def to_markdown(report: Mapping[str, Any], deltas: Sequence[Delta] = ()) -> str:
    """The report as a person reads it in a pull request."""
    meta = report["metadata"]
    names = list(report["datasets"])
    by_key = {(d.dataset, d.metric): d for d in deltas}
    lines = [
        "# Eval report",
        "",
        f"- model: `{meta['model']}`",
        f"- prompt: `{meta['prompt_name']}` `{str(meta['prompt_version'])[:12]}`, schema {meta['schema_version']}",
        f"- commit: `{meta['git_commit'] or 'not a git checkout'}`, date {meta['date']}, {_how_run(report)}",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for metric in REPORT_METRICS:
        cells = []
        for name in names:
            value = report["datasets"][name]["macro"].get(metric)
            delta = by_key.get((name, metric))
            cells.append(_fmt(value) + (_fmt_change(delta) if delta else ""))
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    for label, key in (
        ("seconds / document", "seconds_per_document"),
        ("tokens / document", "tokens_per_document"),
    ):
        lines.append(f"| {label} | " + " | ".join(str(report["datasets"][n][key]) for n in names) + " |")
    lines += ["", *trivial_table(report)]
    failures = [d for d in deltas if d.failure]
    if deltas:
        lines += ["", "## Gate", ""]
        lines += [f"- **{d.dataset} {d.metric}**: {d.failure}" for d in failures] or ["- passed"]
    for name in names:
        dataset = report["datasets"][name]
        cols = ("overall", "event_type", "killed", "injured", "fact_recall", "grounding")
        lines += [
            "",
            f"## {name}",
            "",
            "| document | " + " | ".join(cols) + " |",
            "|---|" + "---:|" * len(cols),
        ]
        for doc, scores in dataset["per_document"].items():
            reason = dataset["missing"].get(doc) if isinstance(dataset["missing"], dict) else None
            flag = f" ({reason})" if reason else ""
            lines.append(f"| {doc}{flag} | " + " | ".join(_fmt(scores.get(c)) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def trivial_table(report: Mapping[str, Any]) -> list[str]:
    """The headline metrics of the model beside a constant and an empty answer:
    a score means something only where the model is clearly above both."""
    names = list(report["datasets"])
    lines = [
        "## Model against answers that know nothing",
        "",
        "Each cell: model / constant / empty. The constant answer gives every field its most common "
        'gold value and one key fact quoting the whole text; the empty answer says "not an incident" '
        "and nothing else.",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for metric in evaluate.HEADLINE_METRICS:
        cells = []
        for name in names:
            data = report["datasets"][name]
            trivial = data.get("trivial", {})
            values = [data["macro"].get(metric), *(trivial.get(t, {}).get(metric) for t in TRIVIAL)]
            cells.append(" / ".join(_fmt(v) for v in values))
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return lines


def history_line(report: Mapping[str, Any], deltas: Sequence[Delta]) -> dict[str, Any]:
    """One line of `eval/history.jsonl`: enough to draw the trend of each score."""
    return {
        **{k: report["metadata"][k] for k in ("date", "git_commit", "model", "prompt_version")},
        "wall_seconds": report["wall_seconds"],
        "passed": not any(d.failure for d in deltas),
        "datasets": {
            name: {m: data["macro"].get(m) for m in REPORT_METRICS}
            for name, data in report["datasets"].items()
        },
    }


# --- the browsable report ---------------------------------------------------------

_REPORT_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f}
table{border-collapse:collapse;margin:8px 0 20px} td,th{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left} .up{color:#0a7d28} .down{color:#b26b00} .fail{color:#c00;font-weight:700}
.meta{color:#555} svg{background:#fafafa;border:1px solid #eee} td.diff{text-align:left;color:#555;font-size:13px}
"""


def _cell(value: float | None, delta: Delta | None) -> str:
    text = escape(_fmt(value))
    if delta is None or delta.change is None:
        return f"<td>{text}</td>"
    cls = "fail" if delta.failure else "up" if delta.change > 1e-9 else "down" if delta.change < -1e-9 else ""
    title = f" title='{escape(delta.failure)}'" if delta.failure else ""
    return f"<td class='{cls}'{title}>{text} <small>({delta.change:+.2f})</small></td>"


def trend_svg(history: Sequence[Mapping[str, Any]], width: int = 640, height: int = 200) -> str:
    """The overall score of each dataset over the runs in the history, as
    inline SVG: score on the y axis, each run's date on the x axis."""
    names = sorted({name for line in history for name in line.get("datasets", {})})
    if not history or not names:
        return "<p class='meta'>No history yet.</p>"
    colours = ["#1f6feb", "#d9480f", "#2f9e44", "#9c36b5"]
    step = (width - 60) / max(1, len(history) - 1)
    bottom = height - 40
    parts = [f"<svg width='{width}' height='{height}' role='img' aria-label='overall score per run'>"]
    parts.append(
        f"<text x='12' y='{bottom / 2:.0f}' font-size='11' transform='rotate(-90 12 {bottom / 2:.0f})' "
        "text-anchor='middle'>overall score</text>"
    )
    for y in (0.0, 0.5, 1.0):
        py = bottom - y * (bottom - 20)
        parts.append(f"<line x1='40' x2='{width - 10}' y1='{py:.1f}' y2='{py:.1f}' stroke='#ddd'/>")
        parts.append(f"<text x='18' y='{py + 4:.1f}' font-size='11'>{y:.1f}</text>")
    every = max(1, len(history) // 8)  # at most about eight dates under the axis
    for i, line in enumerate(history):
        if i % every == 0 or i == len(history) - 1:
            x = 40 + i * step
            label = escape(str(line.get("date") or f"run {i + 1}")[:10])
            parts.append(
                f"<text x='{x:.1f}' y='{bottom + 16}' font-size='10' text-anchor='middle'>{label}</text>"
            )
    parts.append(
        f"<text x='{width / 2:.0f}' y='{height - 4}' font-size='11' text-anchor='middle'>run (date)</text>"
    )
    for k, name in enumerate(names):
        points = [
            (40 + i * step, bottom - (line["datasets"][name].get("overall") or 0.0) * (bottom - 20))
            for i, line in enumerate(history)
            if name in line.get("datasets", {})
        ]
        colour = colours[k % len(colours)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='{path}'/>")
        parts += [f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='{colour}'/>" for x, y in points]
        parts.append(
            f"<text x='{width - 150}' y='{16 + 14 * k}' font-size='12' fill='{colour}'>{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(
    report: Mapping[str, Any],
    deltas: Sequence[Delta] = (),
    history: Sequence[Mapping[str, Any]] = (),
    views: Mapping[tuple[str, str], str] | None = None,
    baseline: Mapping[str, Any] | None = None,
) -> str:
    """report.html: the overall table with coloured deltas, per-document rows
    linking to each document's evidence view (with each score's change
    against the baseline, the metrics that failed the gate, and the gold and
    predicted values that differ), sortable and filterable, and the trend of
    the overall score."""
    meta = report["metadata"]
    names = list(report["datasets"])
    by_key = {(d.dataset, d.metric): d for d in deltas}
    head = "".join(f"<th>{escape(n)}</th>" for n in names)
    body = "".join(
        f"<tr><td>{escape(m)}</td>"
        + "".join(_cell(report["datasets"][n]["macro"].get(m), by_key.get((n, m))) for n in names)
        + "</tr>"
        for m in REPORT_METRICS
    )
    failures = [d for d in deltas if d.failure]
    gate = ""
    if deltas:
        items = "".join(
            f"<li class='fail'>{escape(d.dataset)} {escape(d.metric)}: {escape(d.failure or '')}</li>"
            for d in failures
        )
        gate = f"<h2>Gate</h2><ul>{items or '<li class=up>passed</li>'}</ul>"
    failing = [d.metric for d in failures if d.metric not in DOCUMENT_COLUMNS]
    sections = [
        _document_table(
            name, report["datasets"][name], (baseline or {}).get("datasets", {}).get(name), views, failing
        )
        for name in names
    ]
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Eval report</title>"
        f"<style>{_REPORT_STYLE}</style></head><body><h1>Eval report</h1>"
        f"<p class='meta'>model {escape(str(meta['model']))}; prompt {escape(str(meta['prompt_name']))} "
        f"{escape(str(meta['prompt_version'])[:12])}; schema {escape(str(meta['schema_version']))}; "
        f"commit {escape(str(meta['git_commit'] or 'not a git checkout'))}; {escape(str(meta['date']))}; "
        f"{escape(_how_run(report))}</p>"
        f"<table><tr><th>metric</th>{head}</tr>{body}</table>{gate}"
        f"<h2>Overall score over the runs in the history</h2>{trend_svg(history)}{''.join(sections)}"
        f"<script>{_REPORT_SCRIPT}</script></body></html>"
    )


DOCUMENT_COLUMNS = (
    "overall",
    "is_incident",
    "event_type",
    "killed",
    "injured",
    "location",
    "fact_recall",
    "grounding",
)
"""The per-document table's scores; a metric that failed the gate is added to them."""


def _document_table(
    name: str,
    group: Mapping[str, Any],
    base: Mapping[str, Any] | None,
    views: Mapping[tuple[str, str], str] | None,
    failing: Sequence[str],
) -> str:
    """One dataset's per-document rows: scores (and their change from the
    baseline's run of the same document), then what differs from gold."""
    cols = [*DOCUMENT_COLUMNS, *dict.fromkeys(failing)]
    before = (base or {}).get("per_document", {})
    missing = group["missing"] if isinstance(group["missing"], dict) else {}
    rows = []
    for doc, scores in group["per_document"].items():
        link = (views or {}).get((name, doc))
        label = f"<a href='{escape(link, quote=True)}'>{escape(doc)}</a>" if link else escape(doc)
        if reason := missing.get(doc):
            label += f" <span class='fail'>({escape(reason)})</span>"
        cells = "".join(_document_cell(scores.get(c), before.get(doc, {}).get(c)) for c in cols)
        rows.append(
            f"<tr><td>{label}</td>{cells}<td class='diff'>{escape(_differences(group, doc))}</td></tr>"
        )
    header = "".join(f"<th>{escape(c)}</th>" for c in cols)
    return (
        f"<h2>{escape(name)}</h2><p><input type='search' placeholder='filter rows' aria-label='filter {escape(name)}'>"
        " <small>click a heading to sort</small></p>"
        f"<table class='docs'><thead><tr><th>document</th>{header}<th>gold → predicted</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _document_cell(value: float | None, before: float | None) -> str:
    """A document's score, coloured and with its change when the baseline scored it otherwise."""
    text = escape(_fmt(value))
    if value is None or before is None or abs(value - before) < 1e-9:
        return f"<td data-v='{'' if value is None else value}'>{text}</td>"
    cls = "up" if value > before else "down"
    return f"<td class='{cls}' data-v='{value}'>{text} <small>({value - before:+.2f})</small></td>"


def _differences(group: Mapping[str, Any], doc: str) -> str:
    """ "killed 2 → 5; city Athens → none": the compared fields that differ."""
    values = group.get("values", {}).get(doc, {})
    return "; ".join(
        f"{field} {_shown(gold)} → {_shown(pred)}"
        for field, (gold, pred) in values.items()
        if gold != pred and not (field in ("country", "city") and gold is None)
    )


def _shown(value: Any) -> str:
    return "none" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


_REPORT_SCRIPT = """
document.querySelectorAll('table.docs').forEach(function (table) {
  var body = table.tBodies[0], filter = table.previousElementSibling.querySelector('input');
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    Array.from(body.rows).forEach(function (r) { r.hidden = q && r.textContent.toLowerCase().indexOf(q) < 0; });
  });
  Array.from(table.tHead.rows[0].cells).forEach(function (th, i) {
    th.tabIndex = 0; th.style.cursor = 'pointer';
    function sort() {
      var up = th.dataset.dir !== 'up'; th.dataset.dir = up ? 'up' : 'down';
      var key = function (r) { var c = r.cells[i], v = c.dataset.v; return v === undefined ? c.textContent : v === '' ? -1 : +v; };
      Array.from(body.rows).sort(function (a, b) { var x = key(a), y = key(b); return (x > y ? 1 : x < y ? -1 : 0) * (up ? 1 : -1); })
        .forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
});
"""
