"""End to end on the real embedded model: no cassette, no key, no network.

Takes one to two minutes on 2 cores. Skip with `-m "not embedded"`.
"""

from __future__ import annotations

import pytest

from summarizer import IncidentSummary, Summarizer
from summarizer.grounding import is_grounded
from tests.conftest import SEEDS

pytestmark = [pytest.mark.embedded, pytest.mark.block_network(allowed_hosts=["127.0.0.1"])]


def test_embedded_model_summarises_a_seed_article_fully_grounded():
    article = SEEDS / "004_1e3f006cf8d0cb73.txt"
    text = article.read_text(encoding="utf-8")
    with Summarizer() as s:
        result = s.summarize(article)
        server = s.backend._server
        assert server is not None and server.base_url is not None
        assert server.base_url.startswith("http://127.0.0.1:")
    assert server.process is None  # stopped with the summarizer
    IncidentSummary.model_validate_json(result.model_dump_json())
    assert result.is_incident
    assert result.metadata.backend == "local" and result.metadata.attempts >= 4
    evidence = result.evidence()
    assert len(evidence) >= 5
    assert all(is_grounded(e, text) for _, e in evidence)
