"""Locate a model's quote in the source text: one ladder, pure functions.

Small models rarely copy perfectly: they write "U. S." for "U.S.", straight
quotes for curly ones, change case, or drop a word. So a quote is looked for
exactly, then with those differences normalised away, then by fuzzy
alignment, and last as the one sentence of the source that holds every word
of a short paraphrase ("no casualties" for "no reported casualties").
Whatever rung matches, the span returned is the *source's* text, so
`source[start:end] == quote` always holds for evidence we emit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from summarizer.schema import Evidence, IncidentSummary, MatchKind

FUZZY_THRESHOLD = 85.0
"""Minimum rapidfuzz partial-ratio score (0-100) for a fuzzy match, computed
on the normalised strings.

85 accepts a sentence with one word changed in form ("The attack occurred at
approximately 4 a.m." for "The attack, occurring at approximately 4 a.m.",
89) and rejects a rewording ("U. S. diplomatic personnel stationed in Iraq"
for "the diplomatic personnel stationed in Iraq", 61). Numbers must agree
exactly on top of the score: "12 people" never matches "two people" or "2".
"""

MIN_FUZZY_CHARS = 20
"""Quotes shorter than this (after normalising) must match exactly or
normalised: a short string aligns "fuzzily" with almost anything."""

SENTENCE_WORD_SHARE = 1.0
"""The sentence rung needs this share of the quote's words in one sentence.
All of them: a paraphrase that adds a word of its own is not evidence."""

SENTENCE_MAX_WORDS = 6

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
    }
)

_DIGITS = re.compile(
    r"\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|hundred|thousand|dozen"
)
"""Numbers, as digits or English words, in normalised (spaceless) text."""
_TRIM = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:\u2026"


@lru_cache(maxsize=16)
def normalise(text: str) -> tuple[str, npt.NDArray[np.intp]]:
    """Fold `text` for matching, keeping a map back to the original.

    Returns the folded string and, for each of its characters, the index of
    the source character it came from. Whitespace is dropped entirely, so
    "U. S." and "U.S." fold to the same string. Cached: a document's quotes
    are located one after another in the same source (do not mutate the list).
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if not len(codes):
        return "", np.zeros(0, dtype=np.intp)
    present = np.flatnonzero(np.bincount(codes))
    table = {int(code): _fold_char(chr(code)) for code in present}
    # Each character folds to zero, one or a few ("ß" -> "ss"): per code point,
    # how many and which, gathered for the whole text at once.
    width = max(1, *(len(out) for out in table.values()))
    folded_of = np.zeros((int(present[-1]) + 1, width), dtype=np.uint32)
    length_of = np.zeros(int(present[-1]) + 1, dtype=np.intp)
    for code, out in table.items():
        length_of[code] = len(out)
        folded_of[code, : len(out)] = [ord(ch) for ch in out]
    lengths = length_of[codes]
    index = np.flatnonzero(lengths)  # source positions that fold to something
    folded = folded_of[codes[index], 0]
    multi = np.flatnonzero(lengths[index] > 1)
    if len(multi):  # rare ("ß"): insert each one's further characters after its first
        extra = lengths[index[multi]] - 1
        within = 1 + np.arange(int(extra.sum())) - np.repeat(np.cumsum(extra) - extra, extra)
        at = np.repeat(multi + 1, extra)
        folded = np.insert(folded, at, folded_of[np.repeat(codes[index[multi]], extra), within])
        index = np.insert(index, at, np.repeat(index[multi], extra))
    return folded.tobytes().decode("utf-32-le"), index


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return ""
    folded = unicodedata.normalize("NFKC", ch).translate(_TRANSLATE).casefold()
    return "".join(out for out in folded if not out.isspace())


ANCHOR_CHARS = 8
"""Fuzzy search looks near exact 8-character pieces of the quote first: a
quote with a word or two changed keeps some, and aligning a window is far
cheaper than aligning against a whole long text."""


def _align(folded_quote: str, folded_source: str) -> tuple[int, int] | None:
    """Best fuzzy alignment of the quote in the source, as (start, end)."""
    n = len(folded_quote)
    votes: Counter[int] = Counter()
    starts = range(0, max(1, n - ANCHOR_CHARS + 1), ANCHOR_CHARS)
    for at in [starts[i * len(starts) // 6] for i in range(min(6, len(starts)))]:  # six, spread out
        piece = folded_quote[at : at + ANCHOR_CHARS]
        hit, hits = folded_source.find(piece), 0
        while hit >= 0 and hits < 8:
            votes[max(0, hit - at) // n] += 1  # where the quote would start, in quote-sized buckets
            hit, hits = folded_source.find(piece, hit + 1), hits + 1
    # The places most anchors agree on; a window spans the bucket and its neighbours.
    candidates = [
        (max(0, (b - 1) * n), folded_source[max(0, (b - 1) * n) : (b + 2) * n])
        for b, _ in votes.most_common(4)
    ]
    if not candidates:
        candidates = [(0, folded_source)]
    best: tuple[float, int, int] | None = None
    for offset, window in candidates:
        found = fuzz.partial_ratio_alignment(folded_quote, window, score_cutoff=FUZZY_THRESHOLD)
        if (
            found is not None
            and found.dest_end > found.dest_start
            and (best is None or found.score > best[0])
        ):
            best = (found.score, offset + found.dest_start, offset + found.dest_end)
    return (best[1], best[2]) if best else None


def _clean(quote: str) -> str:
    """Strip what models wrap quotes in: quote marks, ellipses, stray punctuation."""
    quote = quote.strip().replace("...", "\u2026")
    return quote.strip(_TRIM)


def evidence_at(source: str, start: int, end: int, match: MatchKind) -> Evidence:
    """The evidence of `source[start:end]`: its quote is always the source's text."""
    return Evidence(quote=source[start:end], start=start, end=end, match=match)


def locate(quote: str, source: str) -> Evidence | None:
    """Find `quote` in `source`; the first occurrence wins.

    Returns evidence carrying the source's own text, or None when no rung of
    the ladder (exact, normalised, fuzzy) finds it.
    """
    if not quote or not quote.strip():
        return None
    start = source.find(quote)
    if start >= 0:
        return evidence_at(source, start, start + len(quote), MatchKind.exact)
    cleaned = _clean(quote)
    if not cleaned:
        return None
    start = source.find(cleaned) if cleaned != quote else -1
    if start >= 0:
        return evidence_at(source, start, start + len(cleaned), MatchKind.exact)

    folded_source, index = normalise(source)
    folded_quote, _ = normalise(cleaned)
    if not folded_quote:
        return None
    at = folded_source.find(folded_quote)
    if at >= 0:
        end = int(index[at + len(folded_quote) - 1]) + 1
        return evidence_at(source, int(index[at]), end, MatchKind.normalised)

    if len(folded_quote) < MIN_FUZZY_CHARS:
        return _sentence(cleaned, source)
    aligned = _align(folded_quote, folded_source)
    if aligned is None:
        return _sentence(cleaned, source)
    start, end = int(index[aligned[0]]), int(index[aligned[1] - 1]) + 1
    if _DIGITS.findall(folded_quote) != _DIGITS.findall(folded_source[aligned[0] : aligned[1]]):
        return _sentence(cleaned, source)
    start, end = _whole_words(source, start, end)
    if end <= start:
        return _sentence(cleaned, source)
    return evidence_at(source, start, end, MatchKind.fuzzy)


def _whole_words(source: str, start: int, end: int) -> tuple[int, int]:
    """Snap a fuzzy span to whole words: drop a word fragment it starts in
    (the tail of the word before), finish the word it ends in, trim spaces."""
    if start > 0 and source[start - 1].isalnum() and source[start].isalnum():
        while start < end and not source[start].isspace():
            start += 1
    while end < len(source) and end > 0 and source[end - 1].isalnum() and source[end].isalnum():
        end += 1
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


_SENTENCE = re.compile(r"[^\n]+?(?:[.!?\u061f\u3002](?=\s+[^\s\w]*[A-Z\u0600-\u06ff])|$)", re.M)
"""A sentence: up to an end mark followed by a capital (or Arabic letter), or a line end."""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold())


@lru_cache(maxsize=64)
def sentences(source: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, without surrounding whitespace.
    Cached: each step of a document asks again for the same text."""
    spans = []
    for m in _SENTENCE.finditer(source):
        text = m.group()
        lead = len(text) - len(text.lstrip())
        if text.strip():
            spans.append((m.start() + lead, m.start() + len(text.rstrip())))
    return tuple(spans)


def _sentence(quote: str, source: str) -> Evidence | None:
    """The shortest sentence holding every word of `quote` (two to six words:
    a longer quote that fuzzy alignment missed is no paraphrase of one sentence)."""
    wanted = _words(quote)
    if not 2 <= len(wanted) <= SENTENCE_MAX_WORDS:
        return None
    best: tuple[int, int] | None = None
    for start, end in sentences(source):
        have = set(_words(source[start:end]))
        share = sum(w in have for w in wanted) / len(wanted)
        if share >= SENTENCE_WORD_SHARE and (best is None or end - start < best[1] - best[0]):
            best = (start, end)
    return evidence_at(source, *best, MatchKind.fuzzy) if best else None


def is_grounded(evidence: Evidence, source: str) -> bool:
    """True when the evidence's offsets reproduce its quote in `source`."""
    return source[evidence.start : evidence.end] == evidence.quote and evidence.end > evidence.start


def all_grounded(summary: IncidentSummary, source: str) -> bool:
    """True when every quote of `summary` sits at its offsets in `source`:
    checked before a cached or saved result is served again, so a result
    edited on disk is not passed off as verbatim."""
    return all(is_grounded(evidence, source) for _, evidence in summary.evidence())


def shift(evidence: Evidence, offset: int) -> Evidence:
    """Move evidence found in a chunk to offsets in the whole text."""
    return evidence.model_copy(update={"start": evidence.start + offset, "end": evidence.end + offset})
