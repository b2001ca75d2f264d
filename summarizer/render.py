"""Summaries for people: Markdown for terminals and pull requests, HTML for notebooks."""

from __future__ import annotations

from html import escape

from summarizer.schema import Evidence, IncidentSummary


def _quotes(evidence: list[Evidence]) -> str:
    return " ".join(
        f"“{e.quote}” [{e.start}:{e.end}{'' if e.match == 'exact' else ', ' + e.match}]" for e in evidence
    )


def _rows(s: IncidentSummary) -> list[tuple[str, str, list[Evidence]]]:
    loc = s.location
    place = ", ".join(x for x in (loc.site, loc.city, loc.region, loc.country) if x)
    c = s.casualties
    rows: list[tuple[str, str, list[Evidence]]] = [
        ("Event type", str(s.event_type or "—"), s.event_type_evidence),
        ("When", " / ".join(x for x in (s.date_text, s.date) if x) or "—", s.date_evidence),
        ("Where", place or "—", loc.evidence),
    ]
    rows += [
        (
            f"Perpetrator ({p.attribution}{', by ' + p.attributed_by if p.attributed_by else ''})",
            p.name,
            p.evidence,
        )
        for p in s.perpetrators
    ]
    rows += [("Claimed by", p.name, p.evidence) for p in s.claimed_by]
    rows += [("Target", p.name, p.evidence) for p in s.targets]
    rows += [
        ("Weapon", f"{w.name}{f' ×{w.count}' if w.count is not None else ''}", w.evidence) for w in s.weapons
    ]
    rows += [
        ("Killed", "not stated" if c.killed is None else str(c.killed), c.killed_evidence),
        ("Injured", "not stated" if c.injured is None else str(c.injured), c.injured_evidence),
    ]
    rows += [(f"Reported {f.kind}", str(f.count), f.evidence) for f in c.figures]
    rows += [("Key fact", f.claim, f.evidence) for f in s.key_facts]
    return rows


def to_markdown(s: IncidentSummary) -> str:
    lines = [f"# {s.title}", "", s.summary, ""]
    if not s.is_incident:
        lines += ["*This text does not report an incident.*", ""]
    lines += ["| field | value | evidence |", "|---|---|---|"]
    for name, value, evidence in _rows(s):
        cell = _quotes(evidence).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {name} | {value.replace('|', '/')} | {cell} |")
    if s.flags:
        lines += ["", "**Flags**", ""] + [f"- {flag}" for flag in s.flags]
    m = s.metadata
    lines += [
        "",
        f"<sub>{m.model} via {m.backend}, prompt {m.prompt_name} ({m.prompt_hash[:12]}), "
        f"schema {m.schema_version}, {m.usage.total_tokens} tokens, {m.attempts} calls, {m.seconds:.1f} s</sub>",
    ]
    return "\n".join(lines) + "\n"


def to_html(s: IncidentSummary, source: str | None = None) -> str:
    """A compact table of fields with their quotes (the full evidence view is separate)."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{escape(n)}</th><td>{escape(v)}</td>"
        f"<td>{''.join(f'<q title={escape(repr((e.start, e.end, str(e.match))), quote=True)}>{escape(e.quote)}</q> ' for e in ev)}</td></tr>"
        for n, v, ev in _rows(s)
    )
    flags = "".join(f"<li>{escape(f)}</li>" for f in s.flags)
    return (
        f"<div><h3>{escape(s.title)}</h3><p>{escape(s.summary)}</p>"
        f"<table>{rows}</table>{f'<ul>{flags}</ul>' if flags else ''}</div>"
    )
