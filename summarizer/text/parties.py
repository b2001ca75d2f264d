"""Who did it and who claimed it, checked against the article's words: pure functions.

The 1.5B model fills `perpetrators` with "unknown" when the article names
nobody, and `claimed_by` with whoever a sentence names ("the six Golden Dawn
deputies", "the special services"), while it leaves out the Taliban of
"The Taliban claimed responsibility" (dev, round 4 answers: none of its 8
claimants was one, and it found none of the 5 the gold names). A claim is a
thing an article says in a few set phrases in every language, so code can
check it: a claimant stands only where its sentence says someone claimed
the act.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(
    r"(unknown|unidentified|none|nobody|no one|n/?a|not (specified|stated|mentioned|named|known|given))",
    re.IGNORECASE,
)
"""A name that names nobody: the model's filler for an empty list."""

CLAIM = re.compile(
    r"\b(claim|took|take|takes|taken|taking|assum|accept|admit)\w* (full |sole )?(the )?responsibility"
    r"|\bclaims? of (responsibility|attribution)"
    r"|\bclaimed (the |this |that )?(\w+ ){0,2}(attack|bombing|blast|strike|killing|shooting|assault|explosion|raid|ambush)s?\b"
    r"|\brevendiqu\w*|\breivindic\w*|\brivendic\w*|\bbekenn\w*|\bbekannt\w* sich|\bsich \w* ?bekannt"
    r"|\bübern\w* .{0,30}Verantwortung|взял\w* на себя|ответственност\w* за (теракт|нападени|взрыв|атак|убийств|обстрел)"
    r"|تبن[ىت]|مسؤولي\w* عن|\bopge[eë]ist\b",
    re.IGNORECASE,
)
"""Words that say someone claimed an act, in the gold sets' languages
(en, fr, es, pt, it, de, ru, ar, nl): "claimed responsibility",
"revendiqué", "reivindicó", "bekannte sich", "взяла на себя
ответственность", "تبنى". "The attack claimed ten lives", "the government
claimed the drones were ...", "responsible for training" are no claims."""


def is_placeholder(name: str) -> bool:
    """Whether `name` names nobody ("unknown", "N/A", "not specified")."""
    return PLACEHOLDER.fullmatch(name.strip(" .")) is not None


def claims(sentence: str) -> bool:
    """Whether `sentence` says someone claimed the act."""
    return CLAIM.search(sentence) is not None
