"""The evidence view: self-contained, escaped, spans where the offsets say.

The browser test drives Debian's chromium (installed by bootstrap.sh dev)
through Playwright; where either is missing it is skipped with the reason.
It saves a screenshot to test-artifacts/evidence-view.png.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from summarizer.cli import view_app
from summarizer.render.view import evidence_page
from tests.conftest import ROOT
from tests.golden import as_prediction

GOLD = ROOT / "eval" / "data" / "seeds" / "gold" / "004_1e3f006cf8d0cb73.json"
DOC = ROOT / "eval" / "data" / "seeds" / "docs" / "004_1e3f006cf8d0cb73.txt"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _page(text: str | None = None):
    text = text or DOC.read_text(encoding="utf-8")
    summary = as_prediction(json.loads(GOLD.read_text(encoding="utf-8")), DOC.read_text(encoding="utf-8"))
    summary.title = "Rockets hit the US embassy in Baghdad"
    summary.summary = "The hand-labelled gold record of a seed article, shown as a summary."
    return summary, text, evidence_page(summary, text)


def test_page_is_self_contained_and_marks_match_their_offsets():
    summary, text, page = _page()
    assert "http://" not in page and "https://" not in page and "<link" not in page
    marks = re.findall(
        r"<mark data-ev='([^']*)' data-start='(\d+)' data-end='(\d+)'[^>]*>(.*?)</mark>", page, re.S
    )
    assert marks
    for _, start, end, body in marks:
        assert unescape(body) == text[int(start) : int(end)]
    covered = {(int(s), int(e)) for _, s, e, _ in marks}
    for _, evidence in summary.evidence():
        inside = [(s, e) for s, e in covered if evidence.start <= s and e <= evidence.end]
        assert sum(e - s for s, e in inside) == evidence.end - evidence.start


def test_article_markup_is_shown_as_text():
    hostile = DOC.read_text(encoding="utf-8") + "\n<script>alert('x')</script><img src=x onerror=alert(1)>"
    _, _, page = _page(hostile)
    assert "&lt;script&gt;alert" in page and "<img" not in page
    assert page.count("<script") == 2  # the evidence data and the page's own script


def test_view_command_writes_the_page_next_to_the_result(tmp_path: Path):
    summary, _, _ = _page()
    summary.metadata.source_name = str(DOC)
    summary.metadata.source_sha256 = hashlib.sha256(DOC.read_bytes()).hexdigest()
    saved = tmp_path / "004.json"
    saved.write_text(summary.model_dump_json(), encoding="utf-8")
    out = CliRunner().invoke(view_app(), [str(saved)])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "004.html").read_text().startswith("<!doctype html>")
    other = tmp_path / "other.txt"
    other.write_text("another text")
    bad = CliRunner().invoke(view_app(), [str(saved), "--source", str(other)])
    assert bad.exit_code == 2 and "sha256 differs" in bad.stderr


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (bootstrap.sh dev installs Debian's chromium)"
)
def test_evidence_view_in_a_real_browser(tmp_path: Path):
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (a dev dependency)"
    )
    summary, text, page = _page()
    path = tmp_path / "view.html"
    path.write_text(page, encoding="utf-8")
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(path.as_uri())
        # Every evidence span, read back from the rendered DOM, is the text its offsets name.
        spans = json.loads(tab.locator("#evidence").text_content() or "[]")
        assert len(spans) == len({e for _, e in summary.evidence()})
        for span in spans:
            shown = tab.evaluate(
                "id => [...document.querySelectorAll(`mark[data-ev~='${id}']`)].map(m => m.textContent).join('')",
                span["id"],
            )
            assert shown == text[span["start"] : span["end"]]
        # Pointing at a field lights its quotes.
        row = tab.locator("tr.field:not(.nospan)").first
        row.hover()
        lit = tab.evaluate("() => document.querySelectorAll('#article mark.on').length")
        assert lit >= 1
        row.blur()
        tab.mouse.move(0, 0)
        # Reached by keyboard: Tab focuses a field and lights its quotes.
        for _ in range(20):  # Tab from field to field until one with quotes
            tab.keyboard.press("Tab")
            if tab.evaluate("() => document.activeElement.matches('tr.field:not(.nospan)')"):
                break
        focused = tab.evaluate("() => document.activeElement.matches('tr.field')")
        assert focused and tab.evaluate("() => document.querySelectorAll('#article mark.on').length") >= 1
        # A mark names the fields it supports.
        titles = tab.evaluate("() => [...document.querySelectorAll('#article mark')].map(m => m.title)")
        assert titles and all(titles)
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "evidence-view.png"))
        # On a phone the fields sit above the article, not squeezed beside it.
        tab.set_viewport_size({"width": 390, "height": 800})
        fields = tab.locator("#fields").bounding_box()
        article = tab.locator("#article").bounding_box()
        assert fields and article and article["y"] >= fields["y"] + fields["height"] - 1
        browser.close()
    assert errors == []
    assert (ARTIFACTS / "evidence-view.png").stat().st_size > 10_000


def test_to_dataframe_has_a_row_per_document_and_keeps_failures():
    from summarizer import InputError, to_dataframe

    summary, _, _ = _page()
    frame = to_dataframe([summary, InputError("no such file", source="missing.txt")])
    assert frame.loc[0, "event_type"] == "rocket_or_missile_attack" and frame[
        "event_type"
    ].isna().tolist() == [False, True]
    assert frame.loc[0, "killed"] == 0 and frame["killed"].isna().tolist() == [False, True]
    assert frame.loc[1, "error"] == "no such file" and frame.loc[1, "source"] == "missing.txt"
    # one missing value (<NA>) everywhere; counts stay integers beside a failed row
    assert {str(frame[c].dtype) for c in ("killed", "key_facts", "flags")} == {"Int64"}
    assert str(frame["seconds"].dtype) == "Float64" and str(frame["cached"].dtype) == "boolean"
    assert all(frame.loc[1, c] is pd.NA for c in ("event_type", "killed", "key_facts", "cached", "country"))


def test_a_notebook_shows_a_summary_in_one_line_and_quotes_with_valid_tooltips():
    import html.parser

    summary, _, _ = _page()
    assert len(repr(summary)) < 300 and repr(summary).startswith("IncidentSummary(title=")
    titles: list[str] = []

    class Quotes(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "q":
                titles.append(dict(attrs)["title"])

    Quotes().feed(summary._repr_html_())
    assert titles and all(t.startswith("characters ") for t in titles)


def test_the_view_reads_as_words_once_and_right_to_left_where_the_text_is():
    summary, text, _ = _page()
    summary.location.city, summary.location.country = "Baghdad", "Iraq"
    summary.location.region, summary.location.site = "iraq", None
    page = evidence_page(summary, text)
    assert "rocket or missile attack" in page and "rocket_or_missile_attack</td>" not in page
    assert "Baghdad, iraq<" in page or "Baghdad, Iraq<" in page  # the country once
    assert "<section id='article' dir='auto'>" in page
    figures = [f for f in summary.casualties.figures]
    toll_rows = page.count(">Reported killed<")
    assert toll_rows == sum(
        1
        for f in figures
        if f.kind == "killed"
        and not (
            f.count == summary.casualties.killed and f.evidence[:1] == summary.casualties.killed_evidence[:1]
        )
    )
