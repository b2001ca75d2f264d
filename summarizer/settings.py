"""Every environment variable the package reads, in one place.

`Settings.from_env()` reads them once; the backends (`backends.resolve`),
the embedded model's files (`embedded`) and the result cache (`cache`) take
their values from it, and flags or arguments given explicitly win over it.

| variable | what |
|---|---|
| `SUMMARIZER_BACKEND` | `local` (default), `openai` or `compatible` |
| `SUMMARIZER_MODEL`, `SUMMARIZER_BASE_URL` | the model and any OpenAI-compatible server |
| `OPENAI_API_KEY` | for `openai` only: never sent to a `compatible` server |
| `SUMMARIZER_API_KEY` | the key of a `compatible` server, if it needs one |
| `SUMMARIZER_TIMEOUT` | seconds one request may take (600) |
| `SUMMARIZER_DEADLINE` | seconds one step may take, retries included (1800) |
| `SUMMARIZER_DOCUMENT_TIMEOUT` | seconds one document may take, every step included (no limit but the steps'; `--timeout`) |
| `SUMMARIZER_TRANSPORT_ATTEMPTS` | tries of one request on a transport failure (4) |
| `SUMMARIZER_REASKS` | re-asks after an invalid answer (0 embedded, 1 others) |
| `SUMMARIZER_CACHE_DIR` | the model file and the result cache (`$XDG_CACHE_HOME/summarizer`, `~/.cache/summarizer`) |
| `SUMMARIZER_RESULTS_CACHE` | the result cache file (`CACHE_DIR/results.sqlite`) |
| `SUMMARIZER_STEPS` | optional steps to ask too, by name, comma-separated (none; `kind`) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    """OpenAI's key, for the `openai` backend."""
    server_api_key: str | None = field(default=None, repr=False)
    """The key of a `compatible` server: OpenAI's key goes only to OpenAI's backend."""
    timeout: float = 600.0
    """Seconds one request may take: a long article on 2 cores needs minutes."""
    deadline: float = 1800.0
    """Seconds one step may take, retries and waits included."""
    document_timeout: float | None = None
    """Seconds one document may take, all its steps included; None: no limit but the steps'."""
    transport_attempts: int = 4
    reasks: int | None = None
    """Re-asks after an invalid answer; None: the backend's default."""
    cache_dir: Path = Path.home() / ".cache" / "summarizer"
    results_cache: Path | None = None
    """None: `cache_dir / "results.sqlite"`."""
    steps: tuple[str, ...] = ()
    """Optional steps asked besides the default ones (`steps.definitions.OPTIONAL_STEPS`)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings in `env` (default: the process environment); a value
        that is not a number where one is needed is a `ConfigError`."""
        env = os.environ if env is None else env

        def text(name: str) -> str | None:
            return env.get(name) or None

        def number(name: str, kind: type[int] | type[float], default: float | None) -> float | None:
            value = text(name)
            if value is None:
                return default
            try:
                return kind(value)
            except ValueError:
                raise ConfigError(f"{name}={value!r} is not a number") from None

        cache = text("SUMMARIZER_CACHE_DIR")
        xdg = text("XDG_CACHE_HOME")
        reasks = number("SUMMARIZER_REASKS", int, None)
        results = text("SUMMARIZER_RESULTS_CACHE")
        return cls(
            backend=text("SUMMARIZER_BACKEND"),
            model=text("SUMMARIZER_MODEL"),
            base_url=text("SUMMARIZER_BASE_URL"),
            api_key=text("OPENAI_API_KEY"),
            server_api_key=text("SUMMARIZER_API_KEY"),
            timeout=float(number("SUMMARIZER_TIMEOUT", float, cls.timeout) or cls.timeout),
            deadline=float(number("SUMMARIZER_DEADLINE", float, cls.deadline) or cls.deadline),
            document_timeout=number("SUMMARIZER_DOCUMENT_TIMEOUT", float, None),
            transport_attempts=int(number("SUMMARIZER_TRANSPORT_ATTEMPTS", int, cls.transport_attempts) or 1),
            reasks=None if reasks is None else int(reasks),
            cache_dir=Path(cache) if cache else (Path(xdg) / "summarizer" if xdg else cls.cache_dir),
            results_cache=Path(results) if results else None,
            steps=tuple(name.strip() for name in (text("SUMMARIZER_STEPS") or "").split(",") if name.strip()),
        )

    @property
    def results_file(self) -> Path:
        return self.results_cache or self.cache_dir / "results.sqlite"
