"""A persistent, content-addressed cache of summaries.

A summary is a pure function of the source bytes, the pipeline's code and
prompts, the schema, the model and its generation parameters (temperature
0, fixed seed), so a rerun of the same inputs needs no model call at all.
The key is `identity.result_key`, the sha256 of exactly those; the store is one SQLite file under the cache directory
(`$SUMMARIZER_CACHE_DIR`, else `~/.cache/summarizer`), safe to share across
threads and processes. Delete the file to empty it; `--no-cache` bypasses it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from pydantic import ValidationError

from summarizer.schema import IncidentSummary
from summarizer.settings import Settings

FILE_NAME = "results.sqlite"


def default_path() -> Path:
    """`$SUMMARIZER_RESULTS_CACHE` if set, else results.sqlite in the cache directory (`settings`)."""
    return Settings.from_env().results_file


class Cache:
    """Summaries by key, in SQLite."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS summaries (key TEXT PRIMARY KEY, json TEXT NOT NULL)"
            )

    @classmethod
    def open(cls, path: Path) -> Cache | None:
        """The cache at `path`, or None when it cannot be opened (a read-only
        home, a locked file): a summary never fails for want of a cache."""
        try:
            return cls(path)
        except (OSError, sqlite3.Error):
            return None

    def get(self, cache_key: str) -> IncidentSummary | None:
        try:
            with self._lock:
                row = self._db.execute("SELECT json FROM summaries WHERE key = ?", (cache_key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            return IncidentSummary.model_validate_json(row[0])
        except ValidationError:
            return None  # written by another schema: treat as a miss, it will be replaced

    def put(self, cache_key: str, summary: IncidentSummary) -> None:
        with contextlib.suppress(sqlite3.Error), self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO summaries (key, json) VALUES (?, ?)",
                (cache_key, summary.model_dump_json()),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
