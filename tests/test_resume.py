"""A batch killed with SIGKILL halfway and rerun loses nothing.

The batch runs as a real `summarize --out` process against a loopback
server that answers each step (hand-written fixtures) after a short delay;
the test kills it with SIGKILL once some results exist, reruns it, and
checks every result is present, valid and written once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.schema import IncidentSummary
from summarizer.text.grounding import is_grounded
from tests.fakeserver import Reply, completion, scripted_server
from tests.test_pipeline import ARTICLE, CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ANSWERS = {
    "ClassifyDraft": CLASSIFY,
    "DetailsDraft": DETAILS,
    "CasualtiesDraft": CASUALTIES,
    "KeyFactsDraft": FACTS,
}
FILES = 6


def by_step(request: dict) -> Reply:
    """Answer the step the request asks for, slowly enough to be killed mid-batch."""
    title = request["response_format"]["schema"]["title"]
    return Reply(completion(ANSWERS[title]), delay=0.1)


def batch(url: str, inputs: list[Path], out: Path) -> subprocess.Popen[bytes]:
    code = "from summarizer.cli import main; main()"
    args = [
        *map(str, inputs),
        "--out",
        str(out),
        "--backend",
        "local",
        "--base-url",
        url,
        "--model",
        "scripted",
    ]
    return subprocess.Popen([sys.executable, "-c", code, *args], stderr=subprocess.PIPE)


def test_sigkill_halfway_then_rerun_loses_nothing(tmp_path: Path):
    inputs = []
    for i in range(FILES):
        path = tmp_path / f"report{i}.txt"
        path.write_text(f"{ARTICLE}\n\nReport number {i}.", encoding="utf-8")
        inputs.append(path)
    out = tmp_path / "out"
    with scripted_server(by_step) as (url, script):
        first = batch(url, inputs, out)
        deadline = time.monotonic() + 60
        while len(list(out.glob("*.json"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        assert first.returncode == -signal.SIGKILL
        done_before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
        assert 2 <= len(done_before) < FILES, "the kill came too late to test resuming"
        calls_before = len(script.requests)

        second = batch(url, inputs, out)
        _, stderr = second.communicate(timeout=120)
        assert second.returncode == 0, stderr.decode()

    results = sorted(out.glob("*.json"))
    assert [p.stem for p in results] == [f"report{i}" for i in range(FILES)]
    for path in results:
        summary = IncidentSummary.model_validate_json(path.read_bytes())
        assert summary.is_incident and summary.metadata.source_name == str(tmp_path / f"{path.stem}.txt")
    for name, mtime in done_before.items():  # finished results were kept, not redone
        assert (out / name).stat().st_mtime_ns == mtime
    assert stderr.decode().count("already done") == len(done_before)
    assert len(script.requests) - calls_before == 4 * (FILES - len(done_before))
    assert not list(out.glob(".*.tmp")), "a temp file was left behind"


def test_a_saved_result_edited_so_its_quotes_moved_is_made_again(tmp_path: Path):
    (tmp_path / "r.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    saved = out / "r.json"
    with scripted_server(by_step) as (url, _):
        batch(url, [tmp_path / "r.txt"], out).communicate(timeout=120)
        saved.write_text(saved.read_text().replace('"start": ', '"start": 1'))  # the tampering
        _, stderr = batch(url, [tmp_path / "r.txt"], out).communicate(timeout=120)
    assert b"already done" not in stderr
    summary = IncidentSummary.model_validate_json(saved.read_bytes())
    assert all(is_grounded(e, ARTICLE) for _, e in summary.evidence())
