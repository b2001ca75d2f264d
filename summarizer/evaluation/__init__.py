"""The eval: scoring (`evaluate`, pure functions), report files and the gate
(`harness`), and the whole run as one call (`runner`, re-exported here as
`summarizer.evaluation.run`).

The runner's names load when first used (PEP 562): scoring and the report
do not reach the model (pyproject.toml, [tool.importlinter]), and importing
them should not load the pipeline and the OpenAI SDK either.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.evaluation.runner import (
        CHECKOUT,
        DEFAULT_DATA,
        DEFAULT_THRESHOLDS,
        Evaluation,
        GroupReport,
        Report,
        located,
        run,
    )

__all__ = [
    "CHECKOUT",
    "DEFAULT_DATA",
    "DEFAULT_THRESHOLDS",
    "Evaluation",
    "GroupReport",
    "Report",
    "located",
    "run",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'summarizer.evaluation' has no attribute {name!r}")
    value = getattr(importlib.import_module("summarizer.evaluation.runner"), name)
    globals()[name] = value
    return value
