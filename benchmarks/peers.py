"""Peers on the same embedded llama.cpp server, same articles, side by side:
this project's pipeline, Google's langextract, and a naive baseline (one
instructor call with a whole-summary schema and no grounding).

Every request goes through a counting proxy on 127.0.0.1, so tokens are
counted the same way for all three. langextract runs in its own virtual
environment, `benchmarks/.peer-venv` (made on first use from PyPI).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer import Summarizer
from summarizer.llm.backends import Backend, BackendConfig
from summarizer.llm.embedded import MODEL_NAME, LocalServer

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


WARMUP = (
    Path(__file__).resolve().parent.parent
    / "eval"
    / "data"
    / "corpus"
    / "docs"
    / "08_terrigal-fireworks-bbc.txt"
)
"""Every system is warmed on this article before it is measured: none of
them is measured on it, and it shares no text with the seeds."""


@dataclass
class Measured:
    """One system on one article. `model_verbatim`: the model's own quote
    strings (before any grounding) that are substrings of the article;
    `shown_verbatim`: what the tool finally shows with offsets that
    reproduce it. Both out of `quotes`, every quote the model wrote."""

    seconds: float
    quotes: int
    model_verbatim: int
    shown: int
    shown_verbatim: int


def naive(url: str, text: str) -> Measured:
    """One call; no grounding, so what it shows is what the model wrote."""
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
    verbatim = sum(q in text for q in quotes)
    return Measured(seconds, len(quotes), verbatim, len(quotes), verbatim)


def ours(s: Summarizer, article: Path) -> Measured:
    """The pipeline: a quote the model copied exactly is `match: exact`; one it
    did not is grounded to the source's text (normalised, fuzzy) or dropped
    and flagged. Shown evidence always reproduces at its offsets."""
    result = s.summarize(article)
    text = article.read_text(encoding="utf-8")
    evidence = [e for _, e in result.evidence()]
    dropped = sum(f.kind in ("quote_not_found", "figure_not_stated") for f in result.flags)
    return Measured(
        result.metadata.seconds,
        len(evidence) + dropped,
        sum(e.match == "exact" for e in evidence),
        len(evidence),
        sum(text[e.start : e.end] == e.quote for e in evidence),
    )


def langextract(python: Path, url: str, article: Path) -> Measured:
    """langextract in its own environment; its seconds are timed inside the
    subprocess around `lx.extract`, as ours are around `summarize`."""
    out = subprocess.run(
        [str(python), str(HERE / "peer_langextract.py"), url, MODEL_NAME, str(article)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode != 0:
        raise RuntimeError((out.stderr.strip().splitlines() or ["no output"])[-1][:120])
    data = json.loads(out.stdout.strip().splitlines()[-1])
    found = data["extractions"]
    text = article.read_text(encoding="utf-8")
    return Measured(
        float(data["seconds"]),
        len(found),
        sum(e["text"] in text for e in found),
        sum(e["located"] for e in found),
        sum(e["verbatim"] for e in found),
    )


def peers(articles: list[Path]) -> dict[str, Any]:
    """Each system warmed once on `WARMUP`, then measured on `articles`.
    A failed article is counted: its time and tokens stay in the totals."""
    assert WARMUP not in articles
    rows: list[list[Any]] = []
    totals: dict[str, dict[str, float]] = {}
    python = peer_python()
    with LocalServer() as server:
        assert server.base_url is not None
        proxy = CountingProxy(server.base_url)
        url = proxy.url
        try:
            with Summarizer(backend="local", base_url=url, model=MODEL_NAME, cache=False) as s:
                systems: dict[str, Callable[[Path], Measured]] = {
                    "incident-summarizer": lambda a: ours(s, a),
                    "langextract": lambda a: langextract(python, url, a),
                    "naive instructor": lambda a: naive(url, a.read_text(encoding="utf-8")),
                }
                for name, run in systems.items():
                    with contextlib.suppress(Exception):
                        run(WARMUP)
                    proxy.take()
                    t = totals.setdefault(name, dict.fromkeys(
                        ("seconds", "tokens", "docs", "failed", "quotes", "model_verbatim", "shown", "shown_verbatim"), 0.0
                    ))  # fmt: skip
                    for article in articles:
                        started = time.perf_counter()
                        try:
                            m = run(article)
                        except Exception as exc:  # a peer's failure is a result, counted
                            requests, prompt, completion = proxy.take()
                            seconds = time.perf_counter() - started
                            rows.append([name, article.stem[:12], round(seconds, 1), requests,
                                         prompt + completion, f"failed: {exc}"[:80], "", ""])  # fmt: skip
                            t["seconds"] += seconds
                            t["tokens"] += prompt + completion
                            t["docs"] += 1
                            t["failed"] += 1
                            continue
                        requests, prompt, completion = proxy.take()
                        rows.append([name, article.stem[:12], round(m.seconds, 1), requests, prompt + completion,
                                     f"{m.model_verbatim}/{m.quotes}", f"{m.shown_verbatim}/{m.shown}", ""])  # fmt: skip
                        t["seconds"] += m.seconds
                        t["tokens"] += prompt + completion
                        t["docs"] += 1
                        for key in ("quotes", "model_verbatim", "shown", "shown_verbatim"):
                            t[key] += getattr(m, key)
        finally:
            proxy.close()
    from benchmarks.__main__ import table

    table(
        "5. Peers on the same embedded server (each warmed on one unmeasured article)",
        ["tool", "article", "seconds", "requests", "tokens", "model's quotes verbatim",
         "shown verbatim at offsets", ""],
        rows,
    )  # fmt: skip
    return {
        name: {
            "seconds_per_doc": round(t["seconds"] / t["docs"], 1) if t["docs"] else None,
            "tokens_per_doc": round(t["tokens"] / t["docs"]) if t["docs"] else None,
            "failed": int(t["failed"]),
            "model_verbatim_share": round(t["model_verbatim"] / t["quotes"], 3) if t["quotes"] else None,
            "shown_verbatim_share": round(t["shown_verbatim"] / t["shown"], 3) if t["shown"] else None,
        }
        for name, t in totals.items()
    }
