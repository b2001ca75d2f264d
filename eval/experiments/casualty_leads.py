"""Round 7 experiment: point the casualties step at the sentences where code
found a casualty figure, instead of every sentence with a casualty word.

    python eval/experiments/casualty_leads.py TAPES eval --data DIR --no-cache -o OUT

The issue's lead for casualties is "the pipeline finds the candidate
figures first, and the model chooses among them". The smallest form of it
that changes one request only: the casualties step is shown the sentences
of code's candidates (`figures.candidates`) as its lead sentences, falling
back to today's when code found none. Every other request is the same as
recorded, so `tape.py extend` replays them and the model answers only the
changed casualties request (about 20 s a document on 2 cores). Use a copy
of the tapes: the new answers are added to them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer.steps.definitions import Step
from summarizer.text import figures

sys.path.insert(0, str(Path(__file__).parent))
import tape

_today = Step.lead_sentences


def _candidate_sentences(self: Step, text: str) -> list[str]:  # type: ignore[type-arg]
    if self.name != "casualties":
        return _today(self, text)
    found = list(dict.fromkeys(c.sentence for c in figures.candidates(text)))
    return found or _today(self, text)


if __name__ == "__main__":
    Step.lead_sentences = _candidate_sentences  # type: ignore[method-assign]
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    tape.main("extend", Path(sys.argv[1]), sys.argv[2:])
