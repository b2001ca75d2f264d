"""Gold labels turned into the shape of a saved prediction, for scoring tests.

This is not model output: it is the gold file written as an
`IncidentSummary`, so that scoring gold against itself must give 1.0 and a
doctored copy must score lower.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eval.trivial import as_summary
from summarizer.evaluation.evaluate import from_gold
from summarizer.schema import IncidentSummary


def as_prediction(gold: Mapping[str, Any], text: str) -> IncidentSummary:
    return as_summary(from_gold(gold, text), text, "gold")
