"""A scripted OpenAI-compatible server on 127.0.0.1, for behaviours a real
model will not show on demand (a quote it invented, a figure it misread).

Its answers are hand-written fixtures, clearly named as such in each test;
they are never stored as cassettes.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def completion(content: dict[str, Any] | str, finish_reason: str = "stop") -> dict[str, Any]:
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "id": "scripted",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
    }


@dataclass
class Reply:
    body: dict[str, Any] | str | bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow or hung server)."""
    trickle: float = 0.0
    """Seconds between the body's bytes after the headers (a stalled server
    that never quite goes silent)."""


@dataclass
class Script:
    replies: list[Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    """Each request's headers, names lower-cased."""
    times: list[float] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    """The most requests the server was answering at once."""
    """time.monotonic() at each request's arrival."""


Responder = Callable[[dict[str, Any]], Reply]


@contextmanager
def scripted_server(
    replies: list[Reply | dict[str, Any]] | Responder,
) -> Iterator[tuple[str, Script]]:
    """Serve `replies` in order, or whatever `replies(request_body)` returns."""
    respond = replies if callable(replies) else None
    script = Script(
        [] if callable(replies) else [r if isinstance(r, Reply) else Reply(completion(r)) for r in replies]
    )

    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            with lock:
                script.in_flight += 1
                script.max_in_flight = max(script.max_in_flight, script.in_flight)
            self.answered = False
            try:
                self._answer()
            finally:
                self._done()

        def _done(self) -> None:
            """The request leaves the count once, before its answer is sent: a
            client that has its answer may send the next request at once."""
            with lock:
                if not self.answered:
                    script.in_flight -= 1
                    self.answered = True

        def _answer(self) -> None:
            length = int(self.headers.get("content-length", 0))
            script.times.append(time.monotonic())
            script.headers.append({k.lower(): v for k, v in self.headers.items()})
            script.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            if respond is not None:
                reply = respond(script.requests[-1])
            else:
                reply = script.replies.pop(0) if script.replies else Reply({"error": "script exhausted"}, 500)
            if reply.delay:
                time.sleep(reply.delay)
            raw = reply.body if isinstance(reply.body, (str, bytes)) else json.dumps(reply.body)
            data = raw.encode() if isinstance(raw, str) else raw
            self._done()
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if not reply.trickle:
                    self.wfile.write(data)  # the client may have given up (a timeout test)
                for byte in data if reply.trickle else b"":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.trickle)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", script
    finally:
        server.shutdown()
        server.server_close()
