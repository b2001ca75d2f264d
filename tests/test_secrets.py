"""Secrets never leak: not in outputs, errors, logs, batch files or cassettes."""

from __future__ import annotations

import logging
import re

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from tests.conftest import ROOT
from tests.fakeserver import Reply, scripted_server
from tests.test_pipeline import ARTICLE, CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

KEY = "sk-test-DO-NOT-LEAK-4f9a2c7e1b"
SECRET_PATTERNS = re.compile(r"sk-[A-Za-z0-9_-]{8,}|Bearer\s+\S+|api[-_]key\W+\S{8,}", re.IGNORECASE)


def _everything_written(tmp_path, out, caplog) -> str:
    files = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())
    return out.stdout + out.stderr + files + caplog.text


@pytest.mark.parametrize(
    "replies",
    [
        [CLASSIFY, DETAILS, CASUALTIES, FACTS],
        [Reply({"error": {"message": "Incorrect API key provided"}}, status=401)],
    ],
    ids=["success", "http_401"],
)
def test_api_key_is_sent_but_never_written(tmp_path, monkeypatch, caplog, replies):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with scripted_server(replies) as (url, _):
        out = CliRunner().invoke(
            app(), [str(article), "--backend", "openai", "--base-url", url, "--out", str(tmp_path / "out")]
        )
    assert KEY not in _everything_written(tmp_path, out, caplog)
    assert out.exit_code in (0, 1)


def test_the_key_reaches_the_server(monkeypatch):
    """The counterpart of the test above: the key is really in use."""
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    from summarizer import Summarizer

    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, script):
        with Summarizer(backend="openai", base_url=url) as s:
            s.summarize(ARTICLE)
        assert script.headers[0].get("authorization") == f"Bearer {KEY}"


def test_cassettes_hold_no_secrets():
    cassettes = list((ROOT / "cassettes").rglob("*.yaml"))
    assert cassettes, "no cassettes recorded"
    for path in cassettes:
        text = path.read_text(encoding="utf-8")
        assert not SECRET_PATTERNS.search(text), path
        assert "authorization" not in text.lower(), path


def test_the_openai_key_never_goes_to_another_server(monkeypatch):
    """A `compatible` server (a third party, a test stub) gets only the key
    named for it (`SUMMARIZER_API_KEY`), never the user's OpenAI key. (The
    scripted answers are not tool calls, so the run fails: only the request
    headers matter here.)"""
    import contextlib

    from summarizer import Summarizer, SummarizerError

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with scripted_server([CLASSIFY] * 8) as (url, script):
        for server_key in (None, "server-key"):
            if server_key:
                monkeypatch.setenv("SUMMARIZER_API_KEY", server_key)
            with (
                Summarizer(backend="compatible", base_url=url, model="m", cache=False) as s,
                contextlib.suppress(SummarizerError),
            ):
                s.summarize(ARTICLE)
        sent = [h.get("authorization") for h in script.headers]
    assert sent and all(KEY not in str(a) for a in sent)
    assert sent[-1] == "Bearer server-key"
