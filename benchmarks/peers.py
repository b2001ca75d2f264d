"""Peers on the same embedded llama.cpp server, same articles, side by side:
this project's pipeline, Google's langextract, and a naive baseline (one
instructor call with a whole-summary schema and no grounding).

Every request goes through a counting proxy on 127.0.0.1, so tokens are
counted the same way for all three. langextract runs in its own virtual
environment, `benchmarks/.peer-venv` (made on first use from PyPI).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer import Summarizer
from summarizer.backends import Backend, BackendConfig
from summarizer.embedded import MODEL_NAME, LocalServer

HERE = Path(__file__).resolve().parent
PEER_VENV = HERE / ".peer-venv"
PEER_REQUIREMENTS = ["langextract==1.7.1", "openai>=1.50,<3"]


class CountingProxy:
    """Forwards chat completions to `upstream`, adding up their token usage."""

    def __init__(self, upstream: str) -> None:
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.requests = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                request = urllib.request.Request(
                    upstream.removesuffix("/v1") + self.path,
                    data=body,
                    headers={"content-type": "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=900) as response:
                        status, data = response.status, response.read()
                except urllib.error.HTTPError as exc:
                    status, data = exc.code, exc.read()
                try:
                    usage = json.loads(data).get("usage") or {}
                except ValueError:
                    usage = {}
                proxy.requests += 1
                proxy.prompt_tokens += usage.get("prompt_tokens", 0)
                proxy.completion_tokens += usage.get("completion_tokens", 0)
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def take(self) -> tuple[int, int, int]:
        """(requests, prompt tokens, completion tokens) since the last call."""
        counts = (self.requests, self.prompt_tokens, self.completion_tokens)
        self.requests = self.prompt_tokens = self.completion_tokens = 0
        return counts

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def peer_python() -> Path:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PEER_REQUIREMENTS], check=True)
    return python


class NaiveQuote(BaseModel):
    quote: str = Field(max_length=300)


class NaiveSummary(BaseModel):
    """Everything in one schema, as a first attempt would ask for it."""

    event_type: str
    title: str
    date_text: str | None
    location: str | None
    perpetrators: list[str] = Field(max_length=3)
    weapons: list[str] = Field(max_length=3)
    killed: int | None
    injured: int | None
    key_facts: list[NaiveQuote] = Field(max_length=8)
    evidence: list[NaiveQuote] = Field(max_length=8)


def naive(url: str, text: str) -> tuple[float, int, int]:
    """One call; returns (seconds, quotes, verbatim quotes)."""
    backend = Backend(BackendConfig("local", MODEL_NAME, url))
    messages = [
        {
            "role": "system",
            "content": "Summarise the incident this news article reports, in JSON. Quote the article exactly.",
        },
        {"role": "user", "content": text},
    ]
    started = time.perf_counter()
    answer = backend.extract(messages, NaiveSummary, source=text)
    seconds = time.perf_counter() - started
    draft = answer.draft
    assert isinstance(draft, NaiveSummary)
    quotes = [q.quote for q in [*draft.key_facts, *draft.evidence]]
    return seconds, len(quotes), sum(q in text for q in quotes)


def peers(articles: list[Path]) -> dict[str, Any]:
    rows: list[list[Any]] = []
    totals: dict[str, dict[str, float]] = {}

    def add(
        name: str, article: Path, seconds: float, counts: tuple[int, int, int], items: int, grounded: int
    ) -> None:
        requests, prompt, completion = counts
        rows.append(
            [name, article.stem[:12], round(seconds, 1), requests, prompt + completion, items, grounded]
        )
        t = totals.setdefault(name, {"seconds": 0.0, "tokens": 0, "items": 0, "grounded": 0, "docs": 0})
        t["seconds"] += seconds
        t["tokens"] += prompt + completion
        t["items"] += items
        t["grounded"] += grounded
        t["docs"] += 1

    python = peer_python()
    with LocalServer() as server:
        assert server.base_url is not None
        proxy = CountingProxy(server.base_url)
        try:
            with Summarizer(backend="local", base_url=proxy.url, model=MODEL_NAME, cache=False) as s:
                # Warm the server on an article not measured: its system prompt is then
                # cached, as in normal use, but no measured article's text is.
                from benchmarks.__main__ import ARTICLE

                s.summarize(ARTICLE if ARTICLE not in articles else articles[-1])
                proxy.take()
                for article in articles:
                    result = s.summarize(article)
                    text = article.read_text(encoding="utf-8")
                    evidence = result.evidence()
                    ok = sum(text[e.start : e.end] == e.quote for _, e in evidence)
                    add(
                        "incident-summarizer",
                        article,
                        result.metadata.seconds,
                        proxy.take(),
                        len(evidence),
                        ok,
                    )
            for article in articles:
                started = time.perf_counter()
                out = subprocess.run(
                    [str(python), str(HERE / "peer_langextract.py"), proxy.url, MODEL_NAME, str(article)],
                    capture_output=True,
                    text=True,
                    timeout=1800,
                )
                seconds = time.perf_counter() - started
                if out.returncode != 0:
                    last = (out.stderr.strip().splitlines() or ["no output"])[-1]
                    rows.append(["langextract", article.stem[:12], "failed", last[:80], "", "", ""])
                    continue
                found = json.loads(out.stdout.strip().splitlines()[-1])["extractions"]
                add(
                    "langextract",
                    article,
                    seconds,
                    proxy.take(),
                    len(found),
                    sum(e["verbatim"] for e in found),
                )
            for article in articles:
                text = article.read_text(encoding="utf-8")
                seconds, quotes, verbatim = naive(proxy.url, text)
                add("naive instructor", article, seconds, proxy.take(), quotes, verbatim)
        finally:
            proxy.close()
    from benchmarks.__main__ import table

    table(
        "5. Peers on the same embedded server",
        ["tool", "article", "seconds", "requests", "tokens", "evidence items", "verbatim in source"],
        rows,
    )
    return {
        name: {
            "seconds_per_doc": round(t["seconds"] / t["docs"], 1),
            "tokens_per_doc": round(t["tokens"] / t["docs"]),
            "grounded_share": round(t["grounded"] / t["items"], 3) if t["items"] else None,
        }
        for name, t in totals.items()
    }
