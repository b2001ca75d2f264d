"""Batches keep several requests in flight when asked, and lose nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import IncidentSummary, Summarizer, SummarizerError
from summarizer.batch import run_batch
from tests.fakeserver import scripted_server
from tests.test_pipeline import ARTICLE
from tests.test_resume import by_step

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _inputs(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        path = tmp_path / f"r{i}.txt"
        path.write_text(f"{ARTICLE}\n\nReport {i}.", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_batch_runs_requests_concurrently_and_writes_every_result(tmp_path: Path):
    inputs = _inputs(tmp_path, 8)
    with scripted_server(by_step) as (url, script), Summarizer(backend="local", base_url=url, model="m") as s:
        result = run_batch(s, inputs, tmp_path / "out", concurrency=4)
    assert script.max_in_flight == 4
    assert len(result.written) == 8 and not result.failed
    assert {
        IncidentSummary.model_validate_json(p.read_bytes()).metadata.usage.prompt_tokens
        for p in result.written
    } == {400}


def test_the_embedded_default_is_one_at_a_time(tmp_path: Path):
    inputs = _inputs(tmp_path, 3)
    with scripted_server(by_step) as (url, script), Summarizer(backend="local", base_url=url, model="m") as s:
        run_batch(s, inputs, tmp_path / "out")
    assert script.max_in_flight == 1


def test_summarize_many_keeps_order_and_returns_errors_in_place(tmp_path: Path):
    inputs = _inputs(tmp_path, 4)
    inputs.insert(2, str(tmp_path / "missing.txt"))
    with scripted_server(by_step) as (url, script), Summarizer(backend="local", base_url=url, model="m") as s:
        results = s.summarize_many(inputs, concurrency=3)
    assert isinstance(results[2], SummarizerError) and "no such file" in str(results[2])
    others = [r for i, r in enumerate(results) if i != 2]
    assert all(isinstance(r, IncidentSummary) for r in others)
    assert [r.metadata.source_name for r in others] == [p for i, p in enumerate(inputs) if i != 2]
    assert script.max_in_flight > 1


def test_a_bug_on_one_input_is_recorded_and_the_batch_goes_on(tmp_path: Path):
    """A summarizer that fails unexpectedly on one file (a stand-in for a bug)."""
    inputs = _inputs(tmp_path, 3)

    class Buggy(Summarizer):
        def summarize(self, source):  # type: ignore[no-untyped-def]
            if str(getattr(source, "name", "")).endswith("r1.txt"):
                raise RuntimeError("boom")
            return super().summarize(source)

    with scripted_server(by_step) as (url, _), Buggy(backend="local", base_url=url, model="m") as s:
        result = run_batch(s, inputs, tmp_path / "out")
    assert len(result.written) == 2
    [(name, error)] = result.failed
    assert name.endswith("r1.txt") and "internal error: RuntimeError: boom" in str(error)
    assert "internal error" in (tmp_path / "out" / "errors.jsonl").read_text()


def test_a_bug_on_one_input_does_not_lose_the_others_in_summarize_many(tmp_path: Path):
    inputs = _inputs(tmp_path, 3)

    class Buggy(Summarizer):
        def summarize(self, source):  # type: ignore[no-untyped-def]
            if str(source).endswith("r1.txt"):
                raise RuntimeError("boom")
            return super().summarize(source)

    with (
        scripted_server(by_step) as (url, _),
        Buggy(backend="local", base_url=url, model="m", cache=False) as s,
    ):
        results = s.summarize_many(inputs, concurrency=2)
    assert [type(r).__name__ for r in results] == ["IncidentSummary", "SummarizerError", "IncidentSummary"]
    assert "internal error: RuntimeError: boom" in str(results[1])


def test_summarize_many_stops_asking_a_dead_embedded_model(tmp_path: Path):
    from summarizer.errors import BackendError
    from summarizer.llm.backends import Backend, BackendConfig

    inputs = _inputs(tmp_path, 3)
    dead = Backend(BackendConfig("local", "m", "http://127.0.0.1:9/v1", transport_attempts=1, deadline=5))
    with Summarizer(backend=dead, cache=False) as s:
        results = s.summarize_many(inputs)
    assert all(isinstance(r, BackendError) for r in results)
    assert [("not attempted" in str(r)) for r in results] == [False, True, True]


def test_the_cli_and_batches_follow_the_same_rule_for_a_dead_embedded_model(tmp_path: Path):
    """One engine (`Summarizer.each`) for every loop over inputs: printed to
    stdout or written with --out, every input is reported, and once the
    embedded model is dead the rest are "not attempted", not silently dropped."""
    import json

    from summarizer.batch import run_batch
    from summarizer.cli import Format, _to_stdout
    from summarizer.llm.backends import Backend, BackendConfig

    inputs = [str(p) for p in _inputs(tmp_path, 3)]
    dead = Backend(BackendConfig("local", "m", "http://127.0.0.1:9/v1", transport_attempts=1, deadline=5))
    with Summarizer(backend=dead, cache=False) as s:
        done, failures = _to_stdout(s, inputs, Format.json, quiet=True)
        batch = run_batch(s, inputs, tmp_path / "out")
    assert done == 0 and [("not attempted" in str(f)) for f in failures] == [False, True, True]
    assert [("not attempted" in str(e)) for _, e in batch.failed] == [False, True, True]
    errors = (tmp_path / "out" / "errors.jsonl").read_text().splitlines()
    assert [json.loads(line)["input"] for line in errors] == inputs


def test_the_embedded_server_outlives_the_thread_that_started_it():
    """PR_SET_PDEATHSIG fires when the thread that started a child exits: a
    server started by a `summarize_many` worker died with that worker. Every
    server is started from one long-lived thread (`embedded.spawn`)."""
    import subprocess
    import sys
    import threading
    import time

    from summarizer.llm.embedded import _die_with_parent, spawn

    command = [sys.executable, "-c", "import time; time.sleep(30)"]
    started: dict[str, subprocess.Popen[bytes]] = {}

    def worker() -> None:
        started["direct"] = subprocess.Popen(command, preexec_fn=_die_with_parent)
        started["spawned"] = spawn(command)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    time.sleep(1.0)
    try:
        assert started["direct"].poll() is not None  # the old way: killed with its thread
        assert started["spawned"].poll() is None  # alive
    finally:
        for process in started.values():
            process.kill()
            process.wait()


def test_a_bug_on_one_input_does_not_stop_the_cli_printing_the_others(tmp_path: Path):
    """Without --out, an internal error on one input (a malformed answer the
    code did not expect) used to end the run; now it is that input's error."""
    from summarizer.cli import Format, _to_stdout

    inputs = _inputs(tmp_path, 2)

    class Buggy(Summarizer):
        def summarize(self, source):  # type: ignore[no-untyped-def]
            if str(source.name).endswith("r0.txt"):
                raise RuntimeError("choices is None")
            return super().summarize(source)

    with (
        scripted_server(by_step) as (url, _),
        Buggy(backend="local", base_url=url, model="m", cache=False) as s,
    ):
        done, failures = _to_stdout(s, inputs, Format.json, quiet=True)
    assert done == 1
    assert [str(f) for f in failures] == [f"{inputs[0]}: internal error: RuntimeError: choices is None"]


def test_summarize_many_reports_progress_after_each_input(tmp_path: Path):
    inputs = _inputs(tmp_path, 3)
    seen: list[tuple[int, int]] = []
    with scripted_server(by_step) as (url, _), Summarizer(backend="local", base_url=url, model="m") as s:
        results = s.summarize_many(inputs, progress=lambda done, total: seen.append((done, total)))
        bar = s.summarize_many(inputs[:1], progress=True)  # rich's bar: runs and returns alike
    assert seen == [(1, 3), (2, 3), (3, 3)] and all(isinstance(r, IncidentSummary) for r in results)
    assert isinstance(bar[0], IncidentSummary)
