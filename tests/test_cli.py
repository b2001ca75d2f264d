"""The command line's contract: one-line errors, exit codes, batches go on."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from tests.fakeserver import scripted_server
from tests.test_pipeline import CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def invoke(*args: str):
    return CliRunner().invoke(app(), list(args))


def test_help_has_examples():
    out = invoke("--help")
    assert out.exit_code == 0 and "Examples:" in out.stdout and "--base-url" in out.stdout


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    out = invoke(str(tmp_path / "nope.txt"))
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert lines == [f"summarize: {tmp_path / 'nope.txt'}: no such file"]
    assert "Traceback" not in out.output


def test_bad_backend_is_a_usage_error(tmp_path):
    out = invoke("x.txt", "--backend", "gemini")
    assert out.exit_code == 2 and "unknown backend" in out.stderr


def test_batch_goes_on_past_a_bad_file_and_exits_1(tmp_path):
    good = tmp_path / "good.txt"
    from tests.test_pipeline import ARTICLE

    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    outdir = tmp_path / "out"
    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, _):
        out = invoke(
            str(empty),
            str(good),
            "--out",
            str(outdir),
            "--backend",
            "local",
            "--base-url",
            url,
            "-q",
        )
    assert out.exit_code == 1
    assert f"summarize: {empty}: empty input" in out.stderr
    assert (outdir / "good.json").is_file() and not (outdir / "empty.json").exists()
