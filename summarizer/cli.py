"""`summarize`: the command line.

Exit codes: 0 every input summarised; 1 some inputs failed (the others were
still written); 2 bad usage, no input could be read, or a backend set up
wrong (`ConfigError`). Errors are one line
on stderr naming the file, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from typer.core import TyperArgument, TyperCommand, TyperGroup

from summarizer.batch import BatchResult, Interrupted, Job, Page, run_batch, write_atomic
from summarizer.errors import InputError, OutputError, SummarizerError
from summarizer.render.records import how_made, to_markdown
from summarizer.render.view import evidence_page
from summarizer.schema import Cite, IncidentSummary
from summarizer.store.identity import package_version, pipeline_version
from summarizer.text import sources

if TYPE_CHECKING:
    from summarizer.pipeline import Summarizer

# The model's client (the OpenAI SDK) and the scorer (scipy) load in the
# commands that use them, so that --help and a bad option answer at once.

EPILOG = """\

Examples:


  summarize examples/baghdad-embassy-2024.txt          JSON on stdout, embedded model


  summarize report.txt --format md                     Markdown for people


  cat report.txt | summarize -                          read standard input


  summarize a.txt b.txt                                JSON Lines: one record a line


  summarize --out results/ reports/*.txt               one NAME.json per input (-f html adds NAME.html)


  summarize report.txt -o report.html                  the evidence view; the suffix names the format


  summarize report.txt --backend openai --model gpt-4o-mini     needs OPENAI_API_KEY


  summarize report.txt --base-url http://localhost:11434/v1 --model qwen2.5   Ollama etc.


Scoring against the gold sets: summarize eval --help
The evidence view of a saved result: summarize view --help
A file named like a command: summarize run eval   (run is the default command)


Backend selection: flags > SUMMARIZER_BACKEND / SUMMARIZER_MODEL / SUMMARIZER_BASE_URL > local.
Exit codes: 0 all good, 1 some inputs failed, 2 usage error, no input readable, or backend set up wrong.
"""


CITE_HELP = "How the model gives evidence: quote (copies it) or sentence (cites its number)."
TIMEOUT_HELP = (
    "Seconds one document may take, all its steps and retries included, however the server answers "
    "(default: SUMMARIZER_DOCUMENT_TIMEOUT, else each step's own 1800)."
)


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"


def _fail(message: str) -> None:
    typer.echo(f"summarize: {_printable(message)}", err=True)


def _printable(line: str) -> str:
    """A line as the terminal should show it: a file name's newline or
    escape sequence written as `\\n` or `\\x1b`, never acted on."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], line)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _render(result: IncidentSummary, fmt: Format, text: str) -> str:
    if fmt is Format.md:
        return to_markdown(result)
    if fmt is Format.html:
        return evidence_page(result, text)
    return result.model_dump_json(indent=2) + "\n"


def _page(fmt: Format) -> Page:
    """The page beside each NAME.json in a batch: NAME.md or NAME.html."""
    return f".{fmt.value}", lambda result, text: _render(result, fmt, text)


def _print(output: str, fmt: Format) -> None:
    """Markdown is rendered with rich on a terminal and left plain in a pipe."""
    if fmt is Format.md and sys.stdout.isatty():
        Console().print(Markdown(output))
        return
    sys.stdout.write(output)
    sys.stdout.flush()


def summarize_command(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE", help="Text files to summarise; - reads standard input.", show_default=False
        ),
    ],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="json (default), md, or html (the evidence view).")
    ] = Format.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="A folder: NAME.json per input (and NAME.md or NAME.html with --format); "
            "or, for one input, a file ending .json, .md or .html.",
        ),
    ] = None,
    backend: Annotated[
        str | None, typer.Option(metavar="NAME", help="local (default), openai or compatible.")
    ] = None,
    model: Annotated[str | None, typer.Option(metavar="NAME", help="Model name for the backend.")] = None,
    base_url: Annotated[
        str | None,
        typer.Option(metavar="URL", help="Any OpenAI-compatible server, e.g. http://localhost:11434/v1."),
    ] = None,
    model_path: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Another GGUF file for the local backend.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ask the model even for a text seen before.")
    ] = False,
    concurrency: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            min=1,
            help="Inputs in flight at once with --out (default: 1 embedded, 8 openai, 4 other).",
        ),
    ] = None,
    cite: Annotated[Cite | None, typer.Option(help=CITE_HELP)] = None,
    timeout: Annotated[float | None, typer.Option(metavar="SECONDS", min=1, help=TIMEOUT_HELP)] = None,
) -> None:
    """Summarise incident reports into JSON with every claim quoted from the source."""
    page = out is not None and out.suffix.lower() in SUFFIXES and not out.is_dir()
    if page and len(files) > 1:
        _fail(f"--out {out}: names one file; several inputs need a folder (--out DIR)")
        raise typer.Exit(2)
    if page and out is not None and format is Format.json:
        format = SUFFIXES[out.suffix.lower()]
    if out is None and format is Format.html and len(files) > 1:
        _fail("several inputs make several pages: write them with --out DIR --format html")
        raise typer.Exit(2)
    summarizer = _open_summarizer(backend, model, base_url, model_path, no_cache, cite, timeout)
    with _stops_on_ctrl_c(), summarizer:
        if page and out is not None:
            done, failures = _to_file(summarizer, files[0], format, out, quiet)
        elif out is not None:
            started = time.monotonic()
            try:
                with _batch_progress(summarizer, len(files), quiet) as (lines, advance):
                    batch = run_batch(
                        summarizer,
                        files,
                        out,
                        progress=lines,
                        on_error=_report,
                        concurrency=concurrency,
                        page=None if format is Format.json else _page(format),
                        on_done=advance,
                    )
            except OutputError as exc:  # the folder itself, before any model call
                _fail(str(exc))
                raise typer.Exit(2) from None
            if not quiet:
                _note(
                    f"done in {time.monotonic() - started:.0f} s: {len(batch.written)} written"
                    f" ({batch.cached} from the cache), {len(batch.reused)} kept from an earlier run,"
                    f" {len(batch.failed)} failed -> {out}"
                )
            done = len(batch.written) + len(batch.reused)
            failures = [exc for _, exc in batch.failed]
        else:
            done, failures = _to_stdout(summarizer, files, format, quiet)
    if failures:
        # 2 when nothing was done and every failure is a usage error (no input
        # readable, a backend set up wrong): each error's `exit_code`.
        usage = done == 0 and all(f.exit_code == 2 for f in failures)
        raise typer.Exit(2 if usage else 1)


SUFFIXES = {".json": Format.json, ".md": Format.md, ".html": Format.html}
"""`--out` ending so names one file, in that format."""


def _to_file(
    summarizer: Summarizer, name: str, fmt: Format, target: Path, quiet: bool
) -> tuple[int, list[SummarizerError]]:
    """One input into one file (`-o page.html`), written atomically."""
    try:
        source = sources.read(name)
        if not quiet:
            _note(f"{name} ...")
        result = summarizer.summarize(source)
        write_atomic(target, _render(result, fmt, source.text))
    except SummarizerError as exc:
        _report(name, exc)
        return 0, [exc]
    if not quiet:
        _note(f"{name}: {how_made(result.metadata)}, {len(result.flags)} flags -> {target}")
    return 1, []


def _open_summarizer(
    backend: str | None,
    model: str | None,
    base_url: str | None,
    model_path: Path | None,
    no_cache: bool,
    cite: Cite | None,
    timeout: float | None = None,
) -> Summarizer:
    """The configured summarizer, or a one-line usage error and exit 2."""
    from summarizer.pipeline import Summarizer

    try:
        return Summarizer(
            backend=backend,
            model=model,
            base_url=base_url,
            model_path=model_path,
            cache=not no_cache,
            cite=cite,
            timeout=timeout,
        )
    except SummarizerError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None


@contextlib.contextmanager
def _stops_on_ctrl_c() -> Iterator[None]:
    """Ctrl-C: say what was kept and exit 130 at once. Wrapped round a
    command whose summarizer is closed inside it, so the model server is
    gone by then; exiting without waiting for worker threads still blocked
    on a request is then safe (Typer's own exit would wait for them)."""
    try:
        yield
    except Interrupted as stop:
        done = stop.result
        kept = len(done.written) + len(done.reused)
        _fail(
            f"interrupted: {kept} of {stop.total} results kept, {len(done.failed)} failed,"
            f" {stop.total - done.done} not done; the same command resumes"
        )
        _exit_now(130)
    except KeyboardInterrupt:
        _fail("interrupted")
        _exit_now(130)


def _exit_now(code: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@contextlib.contextmanager
def _batch_progress(
    summarizer: Summarizer, total: int, quiet: bool
) -> Iterator[tuple[Callable[[str], None] | None, Callable[[str, BatchResult], None] | None]]:
    """How a batch shows its progress on stderr: a rich progress bar (count,
    elapsed, time left, the input and step being asked) on a terminal; a
    line per input in a pipe or a log; nothing with --quiet."""
    if quiet:
        yield None, None
        return
    if not sys.stderr.isatty():
        yield _note, None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("summarising", total=total)

        def advance(name: str, result: BatchResult) -> None:
            bar.update(task, completed=result.done)

        def step(name: str, step: str) -> None:
            bar.update(task, description=f"{_printable(Path(name).name)[:32]}: {step}")

        summarizer.on_step = step
        try:
            yield None, advance
        finally:
            summarizer.on_step = None


def _note(line: str) -> None:
    typer.echo(_printable(line), err=True)


def _report(name: str, exc: SummarizerError) -> None:
    _fail(f"{name}: {exc.message}")


def _to_stdout(
    summarizer: Summarizer, files: list[str], fmt: Format, quiet: bool
) -> tuple[int, list[SummarizerError]]:
    """Print each summary as it is made (`Summarizer.each`: an input's error
    is its own; after the embedded model dies the rest are not attempted)."""
    failures: list[SummarizerError] = []
    done = 0

    def one(job: Job) -> tuple[sources.Source, IncidentSummary]:
        source = sources.read(job.name)
        if not quiet:
            _note(f"[{job.index}/{len(files)}] {job.name} ...")
        return source, summarizer.summarize(source)

    jobs = [Job(i, name) for i, name in enumerate(files, 1)]
    for job, outcome in summarizer.each(jobs, one, concurrency=1):
        i, name = job.index, job.name
        if isinstance(outcome, SummarizerError):
            _report(name, outcome)
            failures.append(outcome)
            continue
        source, result = outcome
        done += 1
        if not quiet:
            _note(f"[{i}/{len(files)}] {name}: {how_made(result.metadata)}, {len(result.flags)} flags")
        if fmt is Format.json and len(files) > 1:
            # JSON Lines: one record a line, what pandas.read_json(lines=True) and jq read
            _print(result.model_dump_json() + "\n", fmt)
        else:
            _print(_render(result, fmt, source.text), fmt)
    return done, failures


EVAL_EPILOG = """\

Examples:


  summarize eval                                        run the embedded model over eval/data, print the table


  summarize eval --data eval/data/seeds --predictions results/    score saved outputs, no model


  summarize eval --out eval/runs/today --baseline eval/baseline.json    the regression gate


Exit codes: 0 scored (and no regression), 2 usage error or unreadable gold set,
3 a metric fell below its floor or dropped more than its tolerance from the baseline
(eval/thresholds.toml).
"""


def eval_command(
    data: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="A dataset folder, or a folder of them (default: eval/data)."),
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Score saved NAME.json outputs (from summarize --out) instead of running a model.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="Write report.json, report.md and the model's predictions here.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(metavar="FILE", help="A report.json to compare with: the gate.")
    ] = None,
    thresholds: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Per-metric tolerance and floor for the gate (default: eval/thresholds.toml).",
        ),
    ] = None,
    history: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Append one JSON line per run to this file.")
    ] = None,
    backend: Annotated[
        str | None, typer.Option(metavar="NAME", help="local (default), openai or compatible.")
    ] = None,
    model: Annotated[str | None, typer.Option(metavar="NAME", help="Model name for the backend.")] = None,
    base_url: Annotated[str | None, typer.Option(metavar="URL", help="Any OpenAI-compatible server.")] = None,
    model_path: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Another GGUF file for the local backend.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Run the model even on texts seen before.")
    ] = False,
    concurrency: Annotated[
        int | None,
        typer.Option(metavar="N", min=1, help="Documents in flight at once (default: the backend's)."),
    ] = None,
    cite: Annotated[Cite | None, typer.Option(help=CITE_HELP)] = None,
    split: Annotated[
        str | None,
        typer.Option(metavar="SPLIT", help="Only this split of the gold sets: dev (tune on it) or test."),
    ] = None,
    any_pipeline: Annotated[
        bool,
        typer.Option(
            "--any-pipeline",
            help="With --predictions: also score predictions an older version of the code made "
            "(to rescore an archived run). Without it they score 0, named in the report.",
        ),
    ] = False,
    timeout: Annotated[float | None, typer.Option(metavar="SECONDS", min=1, help=TIMEOUT_HELP)] = None,
) -> None:
    """Score summaries against the hand-labelled gold sets; with --baseline, gate on regressions."""
    from summarizer import evaluation

    summarizer = (
        _open_summarizer(backend, model, base_url, model_path, no_cache, cite, timeout)
        if predictions is None
        else None
    )
    with _stops_on_ctrl_c():
        try:
            result = evaluation.run(
                data or evaluation.DEFAULT_DATA,
                summarizer=summarizer,
                predictions=predictions,
                out=out,
                baseline=baseline,
                thresholds=thresholds or evaluation.DEFAULT_THRESHOLDS,
                history=history,
                split=split,
                any_pipeline=any_pipeline,
                concurrency=concurrency,
                progress=None if quiet else _note,
                on_error=_report,
            )
        except OutputError as exc:
            _fail(str(exc))
            raise typer.Exit(2) from None
        except (OSError, ValueError) as exc:
            _fail(f"eval: {exc}")
            raise typer.Exit(2) from None
        finally:
            if summarizer is not None:
                summarizer.close()
    sys.stdout.write(result.markdown)
    for d in result.failures:
        _fail(f"eval: regression in {d.dataset} {d.metric}: {d.failure}")
    if result.failures:
        raise typer.Exit(3)


VIEW_EPILOG = """\

Examples:


  summarize view results/report.json                   writes results/report.html


  summarize view results/report.json --source report.txt -o page.html


The source text is found through the result's metadata.source_name unless
--source is given; its sha256 must match the result's.
Exit codes: 0 written, 2 unreadable result or source, or a source that does not match.
"""


def view_command(
    result: Annotated[
        Path, typer.Argument(metavar="RESULT", help="A saved summary (NAME.json from summarize --out).")
    ],
    source: Annotated[
        Path | None, typer.Option(metavar="FILE", help="The text it summarises (default: as recorded).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="PATH", help="Where to write the page (default: NAME.html)."),
    ] = None,
) -> None:
    """Write the evidence view of a saved summary: one self-contained HTML page."""
    try:
        saved = sources.read(result)  # a regular file, read with the size cap
        summary = IncidentSummary.model_validate_json(saved.text)
    except InputError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    except ValueError as exc:
        _fail(f"{result}: not a readable summary ({type(exc).__name__})")
        raise typer.Exit(2) from None
    name = str(source) if source else summary.metadata.source_name
    try:
        if not name or name == "<stdin>":
            raise InputError("the result does not record its source file; pass --source", source=str(result))
        text = sources.read(name)
    except InputError as exc:
        hint = "" if source else f" (the source recorded in {result}; pass --source)"
        _fail(f"{exc}{hint}")
        raise typer.Exit(2) from None
    if text.sha256 != summary.metadata.source_sha256:
        _fail(f"{name}: not the text {result} summarises (sha256 differs)")
        raise typer.Exit(2)
    target = out or result.with_suffix(".html")
    try:
        write_atomic(target, evidence_page(summary, text.text))
    except OutputError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    typer.echo(str(target))


def _typer(command: Any, epilog: str) -> typer.Typer:
    cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    cli.command(cls=_Command, epilog=epilog, context_settings=SETTINGS)(command)
    return cli


SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 120}
"""Every command: -h as well as --help, and help as wide as the terminal up to 120 columns."""


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: Typer 0.29 adds the Python
    type to it in --help ("FILE <list[str]>"), which means nothing to a user."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Command(TyperCommand):
    """A command whose arguments are shown as `_Argument`s (Typer builds
    them itself and offers no hook for their class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


class _Commands(TyperGroup):
    """`summarize eval`, `summarize view`, and `run` for anything else, the
    default command as in simonw/llm (`prompt`). A file named like a command
    is summarised by naming the default: `summarize run eval`.
    (click-default-group does this for click, but Typer 0.29 carries its own
    copy of click, which that package's group cannot be mixed with.)"""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        own = ("-h", "--help", "--install-completion", "--show-completion")
        if not args or (args[0] not in self.commands and args[0] not in own):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def cli() -> typer.Typer:
    """The whole command line: `run` (the default), `eval` and `view`."""
    group = typer.Typer(
        cls=_Commands,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings=SETTINGS,
        help="Summarise incident reports into JSON with every claim quoted from the source.",
        epilog="summarize FILE... is summarize run FILE...; summarize COMMAND --help for each command.",
    )
    group.command("run", cls=_Command, epilog=EPILOG, context_settings=SETTINGS)(summarize_command)
    group.command("eval", cls=_Command, epilog=EVAL_EPILOG, context_settings=SETTINGS)(eval_command)
    group.command("view", cls=_Command, epilog=VIEW_EPILOG, context_settings=SETTINGS)(view_command)
    return group


def app() -> typer.Typer:
    """`summarize FILE...` alone (tests drive it)."""
    return _typer(summarize_command, EPILOG)


def view_app() -> typer.Typer:
    """`summarize view ...`."""
    return _typer(view_command, VIEW_EPILOG)


def eval_app() -> typer.Typer:
    """`summarize eval ...`."""
    return _typer(eval_command, EVAL_EPILOG)


def main() -> None:
    """`summarize eval ...` is the harness, `summarize view ...` the evidence
    view; anything else summarises files (`cli`).

    `--verbose` (anywhere) logs each step at debug level and shows the
    traceback of an internal error; `--version` prints the version."""
    args = sys.argv[1:]
    verbose = "--verbose" in args
    args = [a for a in args if a != "--verbose"]
    if args[:1] == ["--version"]:
        print(f"summarize {package_version()} (pipeline {pipeline_version()[:12]})")
        return
    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s", stream=sys.stderr)
    try:
        cli()(args=args, prog_name="summarize")
    except KeyboardInterrupt:
        _fail("interrupted")
        _exit_now(130)
    except Exception as exc:  # a bug: still one line, and a non-zero exit
        if verbose:
            traceback.print_exc()
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (please report it{'' if verbose else '; --verbose shows where'})"
        )
        sys.exit(1)
