"""Which code made a result: the pipeline version, and the one result key.

A cached answer, a resumed batch's `NAME.json` and a scored eval prediction
are only "the same result" when the text, the model, its settings *and the
code that turned the model's answers into a summary* are the same. The
prompt hash alone missed a change to grounding or merging, so the result
cache and `--out` resume returned answers the old code made. The pipeline
version hashes the package version, the prompt templates and the source of
every module that shapes a result (`RESULT_MODULES`); a test fails when a
module of the package is in neither that list nor `NOT_RESULT_MODULES`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from summarizer.schema import SCHEMA_VERSION
from summarizer.steps.prompts import template_dir

RESULT_MODULES = (
    "llm/backends", "llm/embedded", "llm/llama_server", "pipeline", "schema", "steps/definitions",
    "steps/prompts", "text/eventtypes", "text/figures", "text/grounding", "text/language", "text/parties",
    "text/places", "text/sources",
)  # fmt: skip
"""Modules whose code decides what a summary says, by path in the package."""

NOT_RESULT_MODULES = (
    "__init__", "batch", "cli", "errors", "evaluation/__init__", "evaluation/evaluate", "evaluation/harness",
    "evaluation/runner", "llm/__init__", "render/__init__", "render/records", "render/view", "settings",
    "steps/__init__", "store/__init__", "store/cache", "store/identity", "text/__init__",
)  # fmt: skip
"""Modules that only read, store, show or score summaries."""

_PACKAGE = Path(__file__).parents[1]


def package_version() -> str:
    try:
        return version("incident-summarizer")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


@cache
def pipeline_version() -> str:
    """sha256 of the package version, the prompt templates and the result modules' source."""
    digest = hashlib.sha256(package_version().encode())
    for name in RESULT_MODULES:
        digest.update(name.encode() + b"\0" + (_PACKAGE / f"{name}.py").read_bytes() + b"\0")
    templates = template_dir()
    for template in sorted(templates.rglob("*.j2")):
        digest.update(template.relative_to(templates).as_posix().encode() + b"\0" + template.read_bytes())
    return digest.hexdigest()


def result_key(source_sha256: str, model: str, backend: str, params: Mapping[str, Any]) -> str:
    """Everything a summary depends on, hashed: the cache's key and resume's test."""
    material = {
        "source": source_sha256,
        "pipeline": pipeline_version(),
        "schema": SCHEMA_VERSION,
        "model": model,
        "backend": backend,
        "params": dict(params),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
