"""Summaries for people: Markdown for terminals and pull requests, HTML and
DataFrames for notebooks."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from summarizer.errors import SummarizerError
from summarizer.schema import Evidence, IncidentSummary, RunMetadata

if TYPE_CHECKING:
    import pandas as pd


def _quotes(evidence: list[Evidence]) -> str:
    return " ".join(
        f"“{e.quote}” [{e.start}:{e.end}{'' if e.match == 'exact' else ', ' + e.match}]" for e in evidence
    )


def rows(s: IncidentSummary) -> list[tuple[str, str, list[Evidence]]]:
    loc = s.location
    parts: list[str] = []
    for part in (loc.site, loc.city, loc.region, loc.country):
        if part and part.casefold() not in {p.casefold() for p in parts}:
            parts.append(part)  # "Damascus, Syria", not "Damascus, Syria, Syria"
    place = ", ".join(parts)
    c = s.casualties
    kind = str(s.event_type).replace("_", " ") if s.event_type else "—"
    out: list[tuple[str, str, list[Evidence]]] = [
        ("Event type", kind, s.event_type_evidence),
        ("When", " / ".join(x for x in (s.date_text, s.date) if x) or "—", s.date_evidence),
        ("Where", place or "—", loc.evidence),
    ]
    out += [
        (
            f"Perpetrator ({p.attribution}{', by ' + p.attributed_by if p.attributed_by else ''})",
            p.name,
            p.evidence,
        )
        for p in s.perpetrators
    ]
    out += [("Claimed by", p.name, p.evidence) for p in s.claimed_by]
    out += [("Target", p.name, p.evidence) for p in s.targets]
    out += [
        ("Weapon", f"{w.name}{f' ×{w.count}' if w.count is not None else ''}", w.evidence) for w in s.weapons
    ]
    out += [
        ("Killed", "not stated" if c.killed is None else str(c.killed), c.killed_evidence),
        ("Injured", "not stated" if c.injured is None else str(c.injured), c.injured_evidence),
    ]
    toll = {("killed", c.killed, _at(c.killed_evidence)), ("injured", c.injured, _at(c.injured_evidence))}
    out += [
        (f"Reported {f.kind}", str(f.count), f.evidence)
        for f in c.figures
        if (f.kind, f.count, _at(f.evidence)) not in toll  # the toll's own figure is listed once
    ]
    out += [("Key fact", f.claim, f.evidence) for f in s.key_facts]
    return out


def _at(evidence: list[Evidence]) -> int | None:
    return evidence[0].start if evidence else None


def to_markdown(s: IncidentSummary) -> str:
    lines = [f"# {s.title}", "", s.summary, ""]
    if not s.is_incident:
        lines += ["*This text does not report an incident.*", ""]
    lines += ["| field | value | evidence |", "|---|---|---|"]
    for name, value, evidence in rows(s):
        cell = _quotes(evidence).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {name} | {value.replace('|', '/')} | {cell} |")
    if s.flags:
        lines += ["", "**Flags**", ""] + [f"- {flag}" for flag in s.flags]
    m = s.metadata
    lines += [
        "",
        f"<sub>{m.model} via {m.backend}, prompt {m.prompt_name} ({m.prompt_hash[:12]}), "
        f"schema {m.schema_version}, {how_made(m)}</sub>",
    ]
    return "\n".join(lines) + "\n"


def _quote_html(e: Evidence) -> str:
    """A quote, its tooltip saying where it sits and how it was found."""
    where = escape(f"characters {e.start} to {e.end}, {e.match}", quote=True)
    return f'<q title="{where}">{escape(e.quote)}</q> '


def to_html(s: IncidentSummary, source: str | None = None) -> str:
    """A compact table of fields with their quotes (the full evidence view is separate)."""
    body = "".join(
        f"<tr><th style='text-align:left'>{escape(n)}</th><td>{escape(v)}</td>"
        f"<td>{''.join(_quote_html(e) for e in ev)}</td></tr>"
        for n, v, ev in rows(s)
    )
    flags = "".join(f"<li>{escape(str(f))}</li>" for f in s.flags)
    return (
        f"<div><h3>{escape(s.title)}</h3><p>{escape(s.summary)}</p>"
        f"<table>{body}</table>{f'<ul>{flags}</ul>' if flags else ''}</div>"
    )


DATAFRAME_COLUMNS = (
    "source", "is_incident", "event_type", "date_text", "country", "city", "site", "perpetrators",
    "weapons", "killed", "injured", "key_facts", "flags", "seconds", "cached", "error",
)  # fmt: skip


def to_dataframe(results: Iterable[IncidentSummary | SummarizerError]) -> pd.DataFrame:
    """One row per document with the main fields, for a notebook.

    Takes what `Summarizer.summarize_many` returns: a failed input becomes a
    row with its `error` and the rest empty, so nothing silently disappears.
    """
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "to_dataframe needs pandas: pip install 'incident-summarizer[pandas]' (or pip install pandas)"
        ) from None
    records: list[dict[str, object]] = []
    for r in results:
        if isinstance(r, SummarizerError):
            records.append({"source": r.source, "error": r.message})
            continue
        records.append(
            {
                # a text given as a string has no file name: its hash names it
                "source": r.metadata.source_name or f"sha256:{r.metadata.source_sha256[:12]}",
                "is_incident": r.is_incident,
                "event_type": str(r.event_type) if r.event_type else None,
                "date_text": r.date_text,
                "country": r.location.country,
                "city": r.location.city,
                "site": r.location.site,
                "perpetrators": ", ".join(p.name for p in r.perpetrators),
                "weapons": ", ".join(w.name for w in r.weapons),
                "killed": r.casualties.killed,
                "injured": r.casualties.injured,
                "key_facts": len(r.key_facts),
                "flags": len(r.flags),
                "seconds": r.metadata.seconds,
                "cached": r.metadata.cached,
                "error": None,
            }
        )
    frame = pandas.DataFrame.from_records(records, columns=list(DATAFRAME_COLUMNS))
    # pandas' nullable types: a missing value is <NA> in every column, a
    # count stays an integer when another row failed, 0 stays 0.
    return frame.astype(DATAFRAME_TYPES)


DATAFRAME_TYPES = {
    **dict.fromkeys(("source", "event_type", "date_text", "country", "city", "site"), "string"),
    **dict.fromkeys(("perpetrators", "weapons", "error"), "string"),
    **dict.fromkeys(("is_incident", "cached"), "boolean"),
    **dict.fromkeys(("killed", "injured", "key_facts", "flags"), "Int64"),
    "seconds": "Float64",
}


IncidentSummary._html = to_html  # a notebook shows a summary as this table (`IncidentSummary._repr_html_`)


def how_made(m: RunMetadata) -> str:
    """What the result cost: its model calls, or that it came from the
    cache (a cache hit records the first run's tokens and seconds)."""
    if m.cached:
        return "from the cache"
    return f"{m.usage.total_tokens} tokens, {m.attempts} calls, {m.seconds:.1f} s"
