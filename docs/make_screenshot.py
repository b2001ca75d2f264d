"""Screenshot the evidence view of a saved result for the README:

    .venv/bin/python docs/make_screenshot.py RESULT.json

writes docs/evidence-view.html and docs/evidence-view.png (Debian's
chromium through Playwright, one field hovered so its quotes light up).
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from summarizer import IncidentSummary
from summarizer.render.view import evidence_page
from summarizer.text import sources

HERE = Path(__file__).resolve().parent


def main() -> None:
    summary = IncidentSummary.model_validate_json(Path(sys.argv[1]).read_bytes())
    text = sources.read(summary.metadata.source_name or "").text
    page = HERE / "evidence-view.html"
    page.write_text(evidence_page(summary, text), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        tab = browser.new_page(viewport={"width": 1400, "height": 860})
        tab.goto(page.as_uri())
        tab.locator("tr.field:not(.nospan)").nth(int(sys.argv[2]) if len(sys.argv) > 2 else 0).hover()
        tab.screenshot(path=str(HERE / "evidence-view.png"))
        browser.close()
    print(HERE / "evidence-view.png")


if __name__ == "__main__":
    main()
