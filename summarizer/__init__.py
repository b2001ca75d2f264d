"""Evidence-backed structured summaries of incident reports.

    from summarizer import summarize
    result = summarize("report.txt")          # or the text itself
    result.casualties.killed, result.key_facts[0].evidence[0].quote

Every claim carries `Evidence`: a verbatim span of the source with
character offsets, `source[start:end] == quote`.

The names below are imported when first used (PEP 562), so that
`summarize --help` does not wait for the OpenAI SDK and scipy to load.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.errors import BackendError, ConfigError, InputError, ModelOutputError, SummarizerError
    from summarizer.pipeline import Summarizer, summarize
    from summarizer.render.records import to_dataframe
    from summarizer.schema import SCHEMA_VERSION, EventType, Evidence, IncidentSummary, MatchKind

_HOME = {
    "SCHEMA_VERSION": "schema",
    "BackendError": "errors",
    "ConfigError": "errors",
    "EventType": "schema",
    "Evidence": "schema",
    "IncidentSummary": "schema",
    "InputError": "errors",
    "MatchKind": "schema",
    "ModelOutputError": "errors",
    "Summarizer": "pipeline",
    "SummarizerError": "errors",
    "summarize": "pipeline",
    "to_dataframe": "render.records",
}
"""Each public name and the module that defines it."""

__all__ = [
    "SCHEMA_VERSION",
    "BackendError",
    "ConfigError",
    "EventType",
    "Evidence",
    "IncidentSummary",
    "InputError",
    "MatchKind",
    "ModelOutputError",
    "Summarizer",
    "SummarizerError",
    "summarize",
    "to_dataframe",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"summarizer.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
