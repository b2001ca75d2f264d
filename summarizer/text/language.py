"""The language a text is written in, for the rules that read its words.

The rules read vocabulary in the article's language (number words, city
names) or in English (the model's title), and the 1.5B model answers in
the article's language whatever it is told. py3langid (langid.py's model)
tells languages apart on a sentence or two, offline.
"""

from __future__ import annotations

from functools import lru_cache

import py3langid  # type: ignore[import-untyped]

SAMPLE = 1000
"""Characters read: an article's language shows in its first paragraph, and
py3langid's time grows with the text (a 10 KB article took longer than the
rules it serves)."""


@lru_cache(maxsize=64)
def language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is in ("en", "it", "ar"),
    read from its first `SAMPLE` characters."""
    code: str = py3langid.classify(text[:SAMPLE])[0]
    return code


def english(text: str) -> bool:
    """Whether `text` is in English; an empty text counts as English."""
    return not text.strip() or language(text) == "en"
