"""Shared fixtures: recorded model traffic and the embedded model's server.

Cassettes under `cassettes/` are real traffic with the embedded model. To
record them again (needs the embedded model, several minutes):

    .venv/bin/python -m pytest --record-mode=rewrite -m vcr

Matching ignores host and port (the server picks a free port each time) and
compares the request body, so a changed prompt or schema fails loudly
instead of replaying a stale answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
SECRET_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "cookie",
    "set-cookie",
]


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    return {
        "match_on": ["method", "path", "body"],
        "filter_headers": SECRET_HEADERS,
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__.split(".")[-1])


@pytest.fixture(scope="session")
def recording(pytestconfig: pytest.Config) -> bool:
    return pytestconfig.getoption("--record-mode") not in (None, "none")


@pytest.fixture(scope="session")
def model_url(recording: bool) -> Iterator[str]:
    """The embedded model's server when recording; any URL when replaying."""
    if not recording:
        yield "http://127.0.0.1:9/v1"
        return
    from summarizer.llm.embedded import LocalServer

    with LocalServer() as server:
        assert server.base_url is not None
        yield server.base_url


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty result cache of its own."""
    monkeypatch.setenv("SUMMARIZER_RESULTS_CACHE", str(tmp_path / "results.sqlite"))
