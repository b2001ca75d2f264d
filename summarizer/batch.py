"""Summarise many files into a directory without ever losing work.

Each result is written atomically as `DIR/NAME.json` (temp file, fsync,
rename), so a killed batch leaves whole files or none. Failures are appended
to `DIR/errors.jsonl` with the reason, and the batch goes on; an input that
succeeds on a rerun leaves that file. A rerun skips inputs whose result is
already there and still valid for the same input bytes, prompt and model, so
an interrupted batch resumes where it stopped; Ctrl-C stops it at once
(`Interrupted` says what was kept). A `NAME.json` of another input with the
same file name is never replaced, even by a batch running at the same time:
the new one is `NAME-2.json`. Nothing is deleted that this batch did not
write. `summarize --out` and `summarize eval` both run through `run_batch`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from summarizer.errors import OutputError, SummarizerError
from summarizer.render.records import how_made
from summarizer.schema import IncidentSummary
from summarizer.store import identity
from summarizer.text import sources
from summarizer.text.grounding import all_grounded

if TYPE_CHECKING:
    from summarizer.pipeline import Summarizer

ERRORS_FILE = "errors.jsonl"

Progress = Callable[[str], None]
Page = tuple[str, Callable[[IncidentSummary, str], str]]
"""A page beside each result: its suffix (".html") and its maker (summary, text)."""


@dataclass(frozen=True)
class Job:
    """One input of many: its position (from 1), its name as given, and its
    output stem (`_free_stems`) when it is written to a folder."""

    index: int
    name: str
    stem: str = ""


@dataclass
class BatchResult:
    """What a batch did: results written, reused from an earlier run, failed."""

    written: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)
    failed: list[tuple[str, SummarizerError]] = field(default_factory=list)
    cached: int = 0
    """Of `written`, how many came from the result cache (no model call)."""

    @property
    def done(self) -> int:
        """Inputs finished, however."""
        return len(self.written) + len(self.reused) + len(self.failed)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a batch: what it had done by then (all of it kept)."""

    def __init__(self, result: BatchResult, total: int) -> None:
        self.result = result
        self.total = total
        super().__init__()


def _count(result: BatchResult, kind: str, target: Path) -> None:
    (result.reused if kind == "kept" else result.written).append(target)
    result.cached += kind == "cached"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a crash never leaves half a file;
    the temp file is removed if the write fails (`OutputError`, naming `path`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False, encoding="utf-8"
        ) as tmp:
            try:
                tmp.write(text)
                tmp.flush()
                os.fsync(tmp.fileno())
                os.chmod(tmp.name, 0o644)  # a temp file starts private; a result is an ordinary file
                tmp.close()
                os.replace(tmp.name, path)
            except BaseException:
                Path(tmp.name).unlink(missing_ok=True)
                raise
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None


def writable_folder(out: Path) -> None:
    """Make sure results can be written to `out` before any model call:
    it is (or can be made) a folder, and a file can be created in it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except FileExistsError:
        raise OutputError("is a file, not a folder for results", source=str(out)) from None
    except OSError as exc:
        raise OutputError(f"cannot write results there ({exc.strerror or exc})", source=str(out)) from None


def _numbered(stem: str) -> Iterator[str]:
    """`stem`, then `stem-2`, `stem-3`, ...: the names an output may take."""
    yield stem
    yield from (f"{stem}-{n}" for n in itertools.count(2))


def _saved(path: Path) -> IncidentSummary | None:
    """The result saved at `path`; None when there is none (or not a valid one)."""
    try:
        return IncidentSummary.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None


def _source_of(path: Path) -> str | None:
    """The input a result file was made from; None when there is no result there."""
    saved = _saved(path)
    return saved.metadata.source_name if saved else None


def reusable(path: Path, source: sources.Source, summarizer: Summarizer) -> IncidentSummary | None:
    """The summary at `path` when it is a valid one of these bytes by this
    prompt and model, every quote still at its offsets; else None."""
    previous = _saved(path)
    if previous is None:
        return None
    meta = previous.metadata
    good = (
        meta.source_sha256 == source.sha256
        and all_grounded(previous, source.text)  # a result edited on disk is made again
        and meta.pipeline_version == identity.pipeline_version()
        and meta.prompt_version == summarizer.prompt_version
        and meta.model == summarizer.backend.model
    )
    return previous if good else None


def record_error(out: Path, name: str, error: SummarizerError) -> None:
    out.mkdir(parents=True, exist_ok=True)
    line = {
        "input": name,
        "error": type(error).__name__,
        "message": error.message,
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with (out / ERRORS_FILE).open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")


def run_batch(
    summarizer: Summarizer,
    names: Sequence[str],
    out: Path,
    progress: Progress | None = None,
    on_error: Callable[[str, SummarizerError], None] | None = None,
    concurrency: int | None = None,
    page: Page | None = None,
    on_done: Callable[[str, BatchResult], None] | None = None,
) -> BatchResult:
    """Summarise `names` into `out`; never raises for one bad input.

    Up to `concurrency` inputs are in flight at once (default: the backend's,
    1 for the embedded model, which answers one request at a time anyway).
    `progress` gets a line per input; `on_error` gets each failure as it
    happens (the CLI prints it even when quiet). `page`, when given, is the
    suffix and the maker (summary, text) of a page written beside each
    NAME.json, new or kept (`--format md` or `html`). `on_done(name, result so far)`
    is called after each input, in input order (a progress bar).
    """
    say = progress or (lambda _: None)
    failed = on_error or (lambda _name, _exc: None)
    result = BatchResult()
    writable_folder(out)

    finished: dict[str, tuple[str, Path]] = {}
    """Outcomes as the worker threads put them on disk: Ctrl-C can come after
    a result is written and before the loop below has taken it in order."""
    on_disk = threading.Lock()
    stopping = threading.Event()
    """Set on Ctrl-C, under `on_disk`: a worker still summarising then
    writes nothing, so what the message counts is what is on disk."""

    def summarise(job: Job) -> tuple[str, Path]:
        """Summarise one input into its NAME.json: ("written" | "cached" (from
        the result cache) | "kept" (an earlier result was still good), path)."""
        tag = f"[{job.index}/{len(names)}] {job.name}"
        target = out / f"{job.stem}.json"
        source = sources.read(job.name)
        if (kept := reusable(target, source, summarizer)) is not None:
            finished[job.name] = ("kept", target)
            say(f"{tag}: already done, kept {target}")
            if page is not None:
                _write_page(target, kept, source, page)
            return "kept", target
        say(f"{tag} ...")
        summary = summarizer.summarize(source)
        made = "cached" if summary.metadata.cached else "written"
        with on_disk:
            if stopping.is_set():
                raise KeyboardInterrupt  # stopped while this input was being summarised: nothing written
            target = _write_result(out, job, summary.model_dump_json(indent=2) + "\n")
            finished[job.name] = (made, target)
        if page is not None:
            _write_page(target, summary, source, page)
        say(f"{tag}: {how_made(summary.metadata)}, {len(summary.flags)} flags -> {target}")
        return made, target

    stems = _free_stems(out, names)
    jobs = [Job(i, name, stem) for i, (name, stem) in enumerate(zip(names, stems, strict=True), 1)]
    succeeded: set[str] = set()
    try:
        for job, outcome in summarizer.each(jobs, summarise, concurrency):
            if isinstance(outcome, SummarizerError):
                # This input's NAME.json from an earlier run is not its result
                # now (reusable() said so): remove it, or an eval would score it.
                target = out / f"{job.stem}.json"
                if target.is_file() and _source_of(target) == job.name:
                    target.unlink(missing_ok=True)
                record_error(out, job.name, outcome)
                result.failed.append((job.name, outcome))
                failed(job.name, outcome)
            else:
                _count(result, *outcome)
                succeeded.add(job.name)
            if on_done is not None:
                on_done(job.name, result)
    except KeyboardInterrupt:
        with on_disk:
            stopping.set()
            on_disk_now = list(finished.items())
        for name, outcome in on_disk_now:
            if name not in succeeded:  # on disk, not yet taken in: kept all the same
                _count(result, *outcome)
                succeeded.add(name)
        raise Interrupted(result, len(names)) from None
    finally:
        _forget_old_failures(out, succeeded)
    return result


def _write_result(out: Path, job: Job, text: str) -> Path:
    """Write an input's result as `STEM.json`, never over another input's:
    the file is put in place with a hard link, which fails if the name is
    taken, so a batch running at the same time with an input of the same
    file name gets `STEM-2.json` instead. A name holding this input's own
    earlier result is replaced."""
    staged = out / f".{job.stem}.json.{os.getpid()}.staged"
    write_atomic(staged, text)
    try:
        for candidate in _numbered(job.stem):
            target = out / f"{candidate}.json"
            try:
                os.link(staged, target)
                return target
            except FileExistsError:
                if _source_of(target) == job.name:
                    os.replace(staged, target)
                    return target
            except OSError as exc:
                raise OutputError(f"cannot write {target} ({exc.strerror or exc})") from None
        raise AssertionError("unreachable: the names never run out")
    finally:
        staged.unlink(missing_ok=True)


def _write_page(target: Path, summary: IncidentSummary, source: sources.Source, page: Page) -> None:
    suffix, make = page
    write_atomic(target.with_suffix(suffix), make(summary, source.text))


def _free_stems(out: Path, names: Sequence[str]) -> list[str]:
    """One output stem per input: the file's stem ("stdin" for `-`), numbered
    when two inputs share it, and moved on when `STEM.json` holds the result
    of another input with the same file name (`a/report.txt` after
    `b/report.txt`), so neither replaces the other; an input's own earlier
    result keeps its name."""
    bases: list[str] = []
    for name in names:
        stem = "stdin" if name == "-" else Path(name).stem
        bases.append(next(c for c in _numbered(stem) if c not in bases))
    taken = set(bases)
    free: list[str] = []
    for name, base in zip(names, bases, strict=True):
        candidate = next(
            c
            for c in _numbered(base)
            if (c == base or c not in taken) and _source_of(out / f"{c}.json") in (None, name)
        )
        taken.add(candidate)
        free.append(candidate)
    return free


def _forget_old_failures(out: Path, succeeded: set[str]) -> None:
    """Drop from errors.jsonl the earlier failures of inputs that now have a
    result: after a clean rerun it lists only what still fails."""
    path = out / ERRORS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError:
        return
    kept = [line for line in lines if _failed_input(line) not in succeeded]
    if len(kept) == len(lines):
        return
    if kept:
        write_atomic(path, "".join(kept))
    else:
        path.unlink(missing_ok=True)


def _failed_input(line: str) -> str | None:
    try:
        value = json.loads(line).get("input")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None
