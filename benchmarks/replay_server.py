"""A loopback OpenAI-compatible server that answers each step with the
embedded model's recorded answer for seed article 004, after a fixed delay.

Runs as its own process (so the benchmark's CPU figures are the project's
alone): `python -m benchmarks.replay_server --delay 0.3` prints its URL.
GET /stats gives the number of completions served.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASSETTE = ROOT / "cassettes" / "test_recorded" / "test_seed_article_gives_a_valid_grounded_summary.yaml"
ARTICLE = ROOT / "tests" / "data" / "seeds" / "004_1e3f006cf8d0cb73.txt"


def recorded_answers() -> dict[str, str]:
    """The last recorded response body for each step's schema title."""
    answers: dict[str, str] = {}
    for interaction in yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))["interactions"]:
        request = json.loads(interaction["request"]["body"])
        title = request["response_format"]["schema"]["title"]
        answers[title] = interaction["response"]["body"]["string"]
    return answers


class ThreadedServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def serve(delay: float) -> None:
    answers = recorded_answers()
    served = 0
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one segment, sent at once: otherwise Nagle's
        # algorithm and delayed ACKs add ~40 ms to every answer.
        disable_nagle_algorithm = True
        wbufsize = 1 << 16

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, body: str, status: int = 200) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._send(json.dumps({"served": served}))

        def do_POST(self) -> None:
            nonlocal served
            request: dict[str, Any] = json.loads(self.rfile.read(int(self.headers["content-length"])))
            time.sleep(delay)
            with lock:
                served += 1
            self._send(answers[request["response_format"]["schema"]["title"]])

    server = ThreadedServer(("127.0.0.1", 0), Handler)
    print(f"http://127.0.0.1:{server.server_address[1]}/v1", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.3)
    serve(parser.parse_args().delay)
