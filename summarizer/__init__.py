"""Evidence-backed structured summaries of incident reports.

    from summarizer import summarize
    result = summarize("report.txt")          # or the text itself
    result.casualties.killed, result.key_facts[0].evidence[0].quote

Every claim carries `Evidence`: a verbatim span of the source with
character offsets, `source[start:end] == quote`.
"""

from summarizer.errors import BackendError, ConfigError, InputError, ModelOutputError, SummarizerError
from summarizer.pipeline import Summarizer, summarize
from summarizer.render import to_dataframe
from summarizer.schema import SCHEMA_VERSION, EventType, Evidence, IncidentSummary, MatchKind

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
