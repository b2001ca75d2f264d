"""One result identity: a change to the pipeline's code misses the cache and
re-runs a resumed batch; a failed rerun leaves no stale result behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.batch import run_batch
from summarizer.store import identity
from tests.fakeserver import Reply, scripted_server
from tests.test_cache import GOOD
from tests.test_pipeline import ARTICLE

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def test_every_module_is_either_part_of_the_result_or_not():
    package = Path(identity.__file__).parents[1]
    modules = {p.relative_to(package).with_suffix("").as_posix() for p in package.rglob("*.py")}
    assert modules == set(identity.RESULT_MODULES) | set(identity.NOT_RESULT_MODULES)
    assert not set(identity.RESULT_MODULES) & set(identity.NOT_RESULT_MODULES)


def test_the_version_is_recorded_and_moves_the_key(monkeypatch: pytest.MonkeyPatch):
    before = identity.result_key("abc", "m", "local", {})
    monkeypatch.setattr(identity, "pipeline_version", lambda: "changed")
    assert identity.result_key("abc", "m", "local", {}) != before


def test_a_changed_pipeline_version_misses_the_cache(monkeypatch: pytest.MonkeyPatch):
    with scripted_server(GOOD + GOOD) as (url, script):
        with Summarizer(backend="local", base_url=url, model="scripted") as s:
            first = s.summarize(ARTICLE)
            assert first.metadata.pipeline_version == identity.pipeline_version()
            assert s.summarize(ARTICLE).metadata.cached and len(script.requests) == 4
            monkeypatch.setattr(identity, "pipeline_version", lambda: "a newer pipeline")
            again = s.summarize(ARTICLE)
        assert len(script.requests) == 8 and not again.metadata.cached
        assert again.metadata.pipeline_version == "a newer pipeline"


def test_a_resumed_batch_reruns_results_of_another_pipeline_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    article = tmp_path / "report.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    with scripted_server(GOOD + GOOD) as (url, script):
        with Summarizer(backend="local", base_url=url, model="scripted", cache=False) as s:
            assert run_batch(s, [str(article)], out).written
            assert run_batch(s, [str(article)], out).reused and len(script.requests) == 4
            monkeypatch.setattr(identity, "pipeline_version", lambda: "a newer pipeline")
            assert run_batch(s, [str(article)], out).written
        assert len(script.requests) == 8
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["metadata"]["pipeline_version"] == "a newer pipeline"


def test_a_failed_rerun_removes_the_stale_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    article = tmp_path / "report.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    broken = [Reply("not json", status=200)] * 8
    with (
        scripted_server(GOOD + broken) as (url, _),
        Summarizer(backend="local", base_url=url, model="scripted", cache=False) as s,
    ):
        assert run_batch(s, [str(article)], out).written
        monkeypatch.setattr(identity, "pipeline_version", lambda: "a newer pipeline")
        result = run_batch(s, [str(article)], out)
    assert result.failed and not (out / "report.json").exists()
    assert "report.txt" in (out / "errors.jsonl").read_text(encoding="utf-8")
