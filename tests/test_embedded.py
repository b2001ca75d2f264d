"""End to end on the real embedded model: no cassette, no key, no network.

Takes one to two minutes on 2 cores. Skip with `-m "not embedded"`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer import IncidentSummary, Summarizer
from summarizer.text.grounding import is_grounded
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
    # the seed's gold (eval/data/seeds): a rocket attack with no casualties
    assert result.is_incident and result.event_type == "rocket_or_missile_attack"
    assert (result.casualties.killed, result.casualties.injured) == (0, 0)
    assert result.metadata.backend == "local" and result.metadata.attempts == 4  # four steps by default
    evidence = result.evidence()
    assert len(evidence) >= 5
    assert all(is_grounded(e, text) for _, e in evidence)


def _listening_addresses(port: int) -> set[str]:
    """Local addresses listening on `port`, from /proc/net/tcp (state 0A)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hexport = local.split(":")
                if state == "0A" and int(hexport, 16) == port:
                    found.add(address)
    return found


def test_embedded_server_binds_loopback_only_and_dies_with_a_killed_parent():
    code = (
        "import time\n"
        "from summarizer.llm.embedded import LocalServer\n"
        "s = LocalServer()\n"
        "print(s.start(), s.process.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        url, pid = parent.stdout.readline().split()
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text()
    finally:
        parent.kill()


def test_greedy_grammar_sampler_picks_the_same_tokens_as_llama_cpp_python():
    """summarizer.llm.llama_server checks only the best token against the
    grammar; on the real model its answer must be llama-cpp-python's, token
    for token."""
    import llama_cpp

    from summarizer.llm import llama_server
    from summarizer.llm.embedded import model_file
    from summarizer.steps.definitions import DETAILS
    from summarizer.steps.prompts import render

    llm = llama_cpp.Llama(model_path=str(model_file()), n_ctx=2048, n_threads=2, verbose=False)
    text = (SEEDS / "004_1e3f006cf8d0cb73.txt").read_text(encoding="utf-8")[:1200]
    request = {
        "messages": render(DETAILS, text),
        "response_format": {"type": "json_object", "schema": DETAILS.draft.model_json_schema()},
        "temperature": 0.0,
        "repeat_penalty": 1.1,  # the server's default
        "max_tokens": 80,
    }
    answers = {}
    try:
        for name in ("llama-cpp-python", "greedy grammar"):
            if name == "greedy grammar":
                llama_server.install()
            llm.reset()  # the prompt evaluated the same way both times
            answers[name] = llm.create_chat_completion(**request)["choices"][0]["message"]["content"]
    finally:
        llama_cpp.Llama._init_sampler = llama_server._llama_sampler
        llm.close()
    assert answers["greedy grammar"] == answers["llama-cpp-python"]
    assert answers["greedy grammar"].lstrip().startswith("{")
