"""Batches whose output folder is hostile, shared or interrupted lose
nothing and stop cleanly: a folder that cannot be written is one line and
exit 2 before any model call; one unwritable result is that input's
failure; another batch's temp files and another input's same-named result
are left alone; Ctrl-C stops a concurrent batch at once and says what was
kept; a clean rerun clears errors.jsonl of what now succeeds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import IncidentSummary
from summarizer.cli import app, cli
from tests.fakeserver import Reply, completion, scripted_server
from tests.test_pipeline import ARTICLE
from tests.test_resume import ANSWERS, by_step

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _inputs(folder: Path, n: int, stem: str = "r") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{stem}{i}.txt"
        path.write_text(f"{ARTICLE}\n\nReport {i} in {folder.name}.", encoding="utf-8")
        paths.append(path)
    return paths


def _batch(url: str, inputs: list[Path], out: Path, *more: str):
    args = [*map(str, inputs), "--out", str(out), "--backend", "local", "--base-url", url, "--model", "m"]
    return CliRunner().invoke(app(), [*args, "-q", *more])


def test_an_out_folder_that_is_a_file_is_one_line_and_no_model_call(tmp_path: Path):
    inputs = _inputs(tmp_path, 2)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("<p>mine</p>")
    with scripted_server(by_step) as (url, script):
        out = _batch(url, inputs, not_a_folder)
    assert out.exit_code == 2, out.output
    assert out.stderr.splitlines() == [f"summarize: {not_a_folder}: is a file, not a folder for results"]
    assert script.requests == [] and not_a_folder.read_text() == "<p>mine</p>"


def test_a_read_only_out_folder_is_one_line_and_no_model_call(tmp_path: Path):
    """Root writes anywhere, so root drops its effective uid for the run."""
    inputs = _inputs(tmp_path, 1)
    for path in (tmp_path, *inputs):
        path.chmod(0o755 if path.is_dir() else 0o644)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    root = os.geteuid() == 0
    with scripted_server(by_step) as (url, script):
        if root:
            os.seteuid(65534)
        try:
            out = _batch(url, inputs, locked)
        finally:
            if root:
                os.seteuid(0)
    assert out.exit_code == 2, out.output
    assert out.stderr.splitlines() == [f"summarize: {locked}: cannot write results there (Permission denied)"]
    assert script.requests == []


def test_a_result_that_cannot_be_written_fails_that_input_and_the_batch_goes_on(tmp_path: Path):
    inputs = _inputs(tmp_path, 3)
    long_name = tmp_path / ("x" * 245 + ".txt")  # a name the folder takes, NAME.json's temp file not
    long_name.write_text(ARTICLE, encoding="utf-8")
    out_dir = tmp_path / "out"
    with scripted_server(by_step) as (url, _):
        out = _batch(url, [inputs[0], long_name, *inputs[1:]], out_dir)
    assert out.exit_code == 1
    assert len(out.stderr.splitlines()) == 1 and "File name too long" in out.stderr
    assert sorted(p.name for p in out_dir.glob("*.json")) == ["r0.json", "r1.json", "r2.json"]
    (recorded,) = [json.loads(line) for line in (out_dir / "errors.jsonl").read_text().splitlines()]
    assert recorded["input"] == str(long_name) and recorded["error"] == "OutputError"
    assert not [p for p in out_dir.iterdir() if p.name.startswith(".")], "a temp file was left behind"


def test_a_folder_in_the_way_of_a_result_moves_it_aside_not_over(tmp_path: Path):
    inputs = _inputs(tmp_path, 2)
    out_dir = tmp_path / "out"
    (out_dir / "r1.json").mkdir(parents=True)  # in the way of r1's result
    with scripted_server(by_step) as (url, _):
        assert _batch(url, inputs, out_dir).exit_code == 0
    assert (out_dir / "r1.json").is_dir() and (out_dir / "r1-2.json").is_file()


def test_view_to_a_folder_is_one_line(tmp_path: Path):
    (source,) = _inputs(tmp_path, 1)
    with scripted_server(by_step) as (url, _):
        assert _batch(url, [source], tmp_path / "out").exit_code == 0
    out = CliRunner().invoke(cli(), ["view", str(tmp_path / "out" / "r0.json"), "-o", str(tmp_path)])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [f"summarize: cannot write {tmp_path} (Is a directory)"]


def test_another_batchs_temp_files_are_left_alone(tmp_path: Path):
    inputs = _inputs(tmp_path, 2)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    theirs = out_dir / ".r0.json.abc123.tmp"  # another batch, mid-write into the same folder
    theirs.write_text("half a result")
    with scripted_server(by_step) as (url, _):
        assert _batch(url, inputs, out_dir).exit_code == 0
    assert theirs.read_text() == "half a result"


def test_results_of_two_inputs_with_the_same_file_name_both_stay(tmp_path: Path):
    (a,) = _inputs(tmp_path / "dA", 1, stem="report")
    (b,) = _inputs(tmp_path / "dB", 1, stem="report")
    out_dir = tmp_path / "out"
    with scripted_server(by_step) as (url, script):
        assert _batch(url, [a], out_dir).exit_code == 0
        assert _batch(url, [b], out_dir).exit_code == 0
        calls = len(script.requests)
        assert _batch(url, [a], out_dir).exit_code == 0  # a rerun finds its own result
        assert len(script.requests) == calls
    sources = {
        p.name: IncidentSummary.model_validate_json(p.read_bytes()).metadata.source_name
        for p in out_dir.glob("*.json")
    }
    assert sources == {"report0.json": str(a), "report0-2.json": str(b)}


def test_a_clean_rerun_clears_the_failures_that_now_succeed(tmp_path: Path):
    inputs = _inputs(tmp_path, 2)
    missing = tmp_path / "later.txt"
    out_dir = tmp_path / "out"
    with scripted_server(by_step) as (url, _):
        assert _batch(url, [*inputs, missing], out_dir).exit_code == 1
        assert [json.loads(x)["input"] for x in (out_dir / "errors.jsonl").read_text().splitlines()] == [
            str(missing)
        ]
        missing.write_text(ARTICLE, encoding="utf-8")
        assert _batch(url, [*inputs, missing], out_dir).exit_code == 0
    assert not (out_dir / "errors.jsonl").exists()


def test_ctrl_c_stops_a_concurrent_batch_at_once_and_says_what_was_kept(tmp_path: Path):
    inputs = _inputs(tmp_path, 12)
    out_dir = tmp_path / "out"

    def slow(request: dict) -> Reply:
        return Reply(completion(ANSWERS[request["response_format"]["schema"]["title"]]), delay=0.4)

    with scripted_server(slow) as (url, script):
        code = "from summarizer.cli import main; main()"
        args = [
            *map(str, inputs),
            "--out",
            str(out_dir),
            "--backend",
            "local",
            "--base-url",
            url,
            "--model",
            "m",
        ]
        args += ["--concurrency", "3"]

        # As in a terminal: a shell's background job (CI started with `&`)
        # inherits SIGINT ignored, and Python then never raises KeyboardInterrupt.
        def as_in_a_terminal() -> None:
            signal.signal(signal.SIGINT, signal.SIG_DFL)

        batch = subprocess.Popen(
            [sys.executable, "-c", code, *args], stderr=subprocess.PIPE, preexec_fn=as_in_a_terminal
        )
        deadline = time.monotonic() + 60
        while not list(out_dir.glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(batch.pid, signal.SIGINT)
        stopped = time.monotonic()
        _, stderr = batch.communicate(timeout=30)
        waited = time.monotonic() - stopped
        calls = len(script.requests)
    kept = len(list(out_dir.glob("*.json")))
    assert batch.returncode == 130, stderr.decode()
    assert waited < 5, f"took {waited:.1f} s to stop"
    assert calls < 4 * len(inputs) - 8, "queued inputs were still sent to the model"
    assert f"interrupted: {kept} of {len(inputs)} results kept" in stderr.decode(), stderr.decode()


def test_two_batches_writing_into_one_folder_at_once_lose_nothing(tmp_path: Path):
    a = _inputs(tmp_path / "a", 3, stem="a")
    b = _inputs(tmp_path / "b", 3, stem="b")
    same = _inputs(tmp_path / "c", 1, stem="report") + _inputs(tmp_path / "d", 1, stem="report")
    out_dir = tmp_path / "out"
    code = "from summarizer.cli import main; main()"
    with scripted_server(by_step) as (url, _):
        server = ["--backend", "local", "--base-url", url, "--model", "m", "-q", "-o", str(out_dir)]
        batches = [
            subprocess.Popen([sys.executable, "-c", code, *map(str, inputs), *server])
            for inputs in ([*a, same[0]], [*b, same[1]])
        ]
        assert [p.wait(timeout=120) for p in batches] == [0, 0]
    sources = sorted(
        IncidentSummary.model_validate_json(p.read_bytes()).metadata.source_name or ""
        for p in out_dir.glob("*.json")
    )
    assert sources == sorted(map(str, a + b + same))  # eight inputs, eight results, none replaced
    assert not list(out_dir.glob(".*.tmp"))
