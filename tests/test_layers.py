"""The package's layering (pyproject.toml, [tool.importlinter]) holds, and
names every module, so a new module has to be given its place."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import summarizer
from tests.conftest import ROOT


def test_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_every_module_has_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    placed = {name for layer in layers for name in re.findall(r"summarizer\.(\w+)", layer)}
    package = Path(summarizer.__file__).parent
    modules = {p.stem for p in package.glob("*.py")} - {"__init__"}
    modules |= {p.parent.name for p in package.glob("*/__init__.py")}
    assert modules == placed


def test_every_public_name_is_importable():
    """What `from summarizer import *` promises; a test to move with `__all__`."""
    assert summarizer.__all__ == [
        "SCHEMA_VERSION", "BackendError", "ConfigError", "EventType", "Evidence", "IncidentSummary", "InputError",
        "MatchKind", "ModelOutputError", "Summarizer", "SummarizerError", "summarize", "to_dataframe",
    ]  # fmt: skip
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None


def test_backend_kinds_differ_only_by_their_profiles():
    """Every kind has a profile, and no code asks which kind it runs on
    (`resolve`, which checks what each kind needs to be set up, reads the
    name it was given, not a config's kind)."""
    from summarizer.llm.backends import KINDS, PROFILES

    assert set(PROFILES) == set(KINDS)
    for path in Path(summarizer.__file__).parent.rglob("*.py"):
        assert not re.search(r"config\.kind\s*(==|!=|in\b)", path.read_text(encoding="utf-8")), path.name
