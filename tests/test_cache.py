"""The result cache: a rerun of the same inputs makes zero model calls."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from summarizer import Summarizer
from summarizer.cli import app
from tests.fakeserver import scripted_server
from tests.test_pipeline import ARTICLE, CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
GOOD = [CLASSIFY, DETAILS, CASUALTIES, FACTS]


def test_second_summary_of_the_same_text_is_served_from_the_cache():
    with scripted_server(GOOD) as (url, script):
        with Summarizer(backend="local", base_url=url, model="scripted") as s:
            first = s.summarize(ARTICLE)
        with Summarizer(backend="local", base_url=url, model="scripted") as s:  # a new process, same file
            second = s.summarize(ARTICLE)
        assert len(script.requests) == 4
    assert second.metadata.cached and not first.metadata.cached
    assert second.model_dump(exclude={"metadata"}) == first.model_dump(exclude={"metadata"})


@pytest.mark.parametrize("change", ["text", "model", "no_cache"])
def test_a_different_text_model_or_no_cache_asks_the_model(change):
    with scripted_server(GOOD + GOOD) as (url, script):
        with Summarizer(backend="local", base_url=url, model="scripted") as s:
            s.summarize(ARTICLE)
        model = "other" if change == "model" else "scripted"
        text = ARTICLE + " More." if change == "text" else ARTICLE
        with Summarizer(backend="local", base_url=url, model=model, cache=change != "no_cache") as s:
            result = s.summarize(text)
        assert len(script.requests) == 8 and not result.metadata.cached


def test_cli_no_cache_flag(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with scripted_server(GOOD) as (url, script):
        args = [str(article), "--backend", "local", "--base-url", url, "-q"]
        assert CliRunner().invoke(app(), args).exit_code == 0
        assert CliRunner().invoke(app(), args).exit_code == 0
        assert len(script.requests) == 4
        assert CliRunner().invoke(app(), [*args, "--no-cache"]).exit_code == 1  # the script is spent


def test_a_cache_that_cannot_be_opened_is_skipped(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with (
        scripted_server(GOOD) as (url, _),
        Summarizer(backend="local", base_url=url, model="scripted", cache=blocker / "results.sqlite") as s,
    ):
        assert s.cache is None
        assert s.summarize(ARTICLE).is_incident


def test_a_cached_result_edited_so_its_quotes_moved_is_asked_anew(tmp_path):
    """A cache entry whose offsets no longer reproduce its quotes is not
    served as verbatim: the model is asked again."""
    db = tmp_path / "results.sqlite"
    with scripted_server(GOOD + GOOD) as (url, script):
        with Summarizer(backend="local", base_url=url, model="scripted", cache=db) as s:
            s.summarize(ARTICLE)
            with s.cache._db as conn:  # the tampering: every start offset moved by one
                conn.execute("UPDATE summaries SET json = replace(json, '\"start\":', '\"start\":1')")
        with Summarizer(backend="local", base_url=url, model="scripted", cache=db) as s:
            again = s.summarize(ARTICLE)
        assert len(script.requests) == 8 and not again.metadata.cached
