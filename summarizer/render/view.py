"""The evidence view: one self-contained HTML page per summary.

Fields on the left, the article on the right with every evidence span
highlighted; pointing at (or clicking) a field lights up its quotes in the
article and scrolls to the first. Fuzzy matches are marked apart, and so are
fields whose evidence was dropped (`flags`). No external assets, and every
piece of text is escaped, so an article containing `<script>` shows as text.
"""

from __future__ import annotations

import json
import re
from html import escape
from itertools import pairwise

from summarizer.render.records import how_made, rows
from summarizer.schema import Evidence, IncidentSummary

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
header h1{font-size:20px;margin:0 0 4px} header p{margin:0;color:#444}
main{display:grid;grid-template-columns:minmax(320px,2fr) 3fr;gap:0;height:calc(100vh - 110px)}
@media (max-width:800px){main{grid-template-columns:1fr;height:auto}#fields{border-right:0;border-bottom:1px solid #ddd}}
.legend{font-size:12px;color:#555;margin-top:4px} .legend mark{padding:0 4px}
#fields,#article{overflow:auto;padding:12px 20px}
#fields{border-right:1px solid #ddd;background:#fff}
table{border-collapse:collapse;width:100%;table-layout:fixed} td,th{padding:5px 6px;vertical-align:top;text-align:left}
tr.field{cursor:pointer;border-bottom:1px solid #eee} tr.field:hover,tr.field.on{background:#fff4c2}
tr.field:focus{outline:2px solid #e69500;outline-offset:-2px}
tr.nospan td{color:#777} .kind{color:#666;font-weight:600;width:38%;overflow-wrap:anywhere}
.badge{font-size:11px;border-radius:3px;padding:0 4px;margin-left:4px;background:#eee;color:#333}
.badge.fuzzy{background:#e8dcff} .badge.flag{background:#ffd9d9}
#article{white-space:pre-wrap;font-family:Georgia,serif}
mark{background:#fff0a8;border-radius:2px;padding:0 1px}
mark.fuzzy{background:#eee4ff;border-bottom:2px dashed #7a4cd9}
mark.on{background:#ffc400;outline:2px solid #e69500}
ul.flags{color:#a00;font-size:13px;padding-left:18px} footer{font-size:12px;color:#666;padding:6px 20px}
"""

SCRIPT = """
const marks = id => document.querySelectorAll('mark[data-ev~="' + id + '"]');
function light(row, on) {
  for (const id of (row.dataset.ev || '').split(' ').filter(Boolean)) {
    marks(id).forEach(m => m.classList.toggle('on', on));
  }
  row.classList.toggle('on', on);
}
function show(row) {
  const id = (row.dataset.ev || '').split(' ').filter(Boolean)[0];
  const first = id && marks(id)[0];
  if (first) first.scrollIntoView({behavior: 'smooth', block: 'center'});
}
document.querySelectorAll('tr.field').forEach(row => {
  row.addEventListener('mouseenter', () => light(row, true));
  row.addEventListener('mouseleave', () => light(row, false));
  row.addEventListener('focus', () => light(row, true));
  row.addEventListener('blur', () => light(row, false));
  row.addEventListener('click', () => show(row));
  row.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(row); } });
});
"""


LEGEND = (
    "<p class='legend'><mark>quoted</mark> evidence of a field (point at a mark to see which) · "
    "<mark class='fuzzy'>fuzzy</mark> found by a near match · <mark class='on'>lit</mark> the field "
    "you point at or reach with Tab</p>"
)


def _segments(text: str, spans: list[tuple[int, int, str, bool]], fields: dict[str, list[str]]) -> str:
    """The article as HTML: plain text, and <mark> runs where evidence lies.

    Spans may overlap, so the text is cut at every span boundary and each
    piece is marked with the ids of all evidence covering it, and titled
    with the fields that evidence supports."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        covering = [(i, fuzzy) for s, e, i, fuzzy in spans if s <= a and b <= e]
        piece = escape(text[a:b])
        if covering:
            ids = " ".join(i for i, _ in covering)
            cls = " class='fuzzy'" if all(f for _, f in covering) else ""
            names = list(dict.fromkeys(name for i, _ in covering for name in fields.get(i, [])))
            title = escape("; ".join(names), quote=True)
            out.append(
                f"<mark data-ev='{ids}' data-start='{a}' data-end='{b}' title=\"{title}\"{cls}>{piece}</mark>"
            )
        else:
            out.append(piece)
    return "".join(out)


def evidence_page(summary: IncidentSummary, text: str) -> str:
    """The whole page for `summary` of `text`, as one HTML string."""
    spans: list[tuple[int, int, str, bool]] = []
    ids: dict[Evidence, str] = {}
    for _, item in summary.evidence():
        if item not in ids and text[item.start : item.end] == item.quote:
            ids[item] = f"e{len(ids)}"
            spans.append((item.start, item.end, ids[item], item.match == "fuzzy"))
    flagged = {issue.top for issue in summary.flags}
    lines = []
    fields: dict[str, list[str]] = {}
    for name, value, evidence in rows(summary):
        refs = " ".join(ids[e] for e in evidence if e in ids)
        for e in evidence:
            if e in ids:
                fields.setdefault(ids[e], []).append(name)
        badges = "".join("<span class='badge fuzzy'>fuzzy</span>" for e in evidence if e.match == "fuzzy")
        if not evidence and _field_key(name) in flagged:
            badges += "<span class='badge flag'>evidence dropped</span>"
        cls = "field" if refs else "field nospan"
        lines.append(
            f"<tr class='{cls}' data-ev='{refs}' tabindex='0'><td class='kind'>{escape(name)}</td>"
            f"<td dir='auto'>{escape(value)}{badges}</td></tr>"
        )
    for path, item in summary.evidence():  # evidence no row lists (a figure the toll repeats)
        if item in ids and ids[item] not in fields:
            fields[ids[item]] = [re.sub(r"\[\d+\]|_evidence", "", path).replace(".", " ").replace("_", " ")]
    flags = "".join(f"<li>{escape(str(f))}</li>" for f in summary.flags)
    meta = summary.metadata
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(summary.title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1 dir='auto'>{escape(summary.title)}</h1><p dir='auto'>{escape(summary.summary)}</p>"
        f"{LEGEND}</header>"
        f"<main><section id='fields'><table>{''.join(lines)}</table>"
        f"{f'<ul class=flags>{flags}</ul>' if flags else ''}</section>"
        f"<section id='article' dir='auto'>{_segments(text, spans, fields)}</section></main>"
        f"<footer>{escape(meta.model)} via {escape(meta.backend)}, prompt {escape(meta.prompt_name)}, "
        f"schema {escape(meta.schema_version)}, {escape(how_made(meta))}</footer>"
        f"<script type='application/json' id='evidence'>{_json_for_script(spans)}</script>"
        f"<script>{SCRIPT}</script></body></html>"
    )


def _field_key(row_name: str) -> str:
    """The flag prefix a row corresponds to ("Killed" -> "casualties")."""
    key = row_name.lower().split(" (", 1)[0]
    return {
        "event type": "event_type",
        "when": "date_text",
        "where": "location",
        "perpetrator": "perpetrators",
        "claimed by": "claimed_by",
        "target": "targets",
        "weapon": "weapons",
        "killed": "casualties",
        "injured": "casualties",
        "key fact": "key_facts",
    }.get(key, key)


def _json_for_script(spans: list[tuple[int, int, str, bool]]) -> str:
    """Evidence offsets for tests and tools, safe inside a <script> element."""
    data = [{"id": i, "start": s, "end": e, "fuzzy": f} for s, e, i, f in spans]
    return json.dumps(data).replace("<", "\\u003c")
