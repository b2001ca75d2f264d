"""`summarize`: the command line.

Exit codes: 0 every input summarised; 1 some inputs failed (the others were
still written); 2 bad usage, or no input could be read. Errors are one line
on stderr naming the file, never a traceback.
"""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer import sources
from summarizer.errors import BackendError, InputError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.render import to_markdown
from summarizer.schema import IncidentSummary

EPILOG = """\
Examples:

  summarize examples/baghdad-embassy-2024.txt          JSON on stdout, embedded model

  summarize report.txt --format md                     Markdown for people

  cat report.txt | summarize -                          read standard input

  summarize --out results/ reports/*.txt               one NAME.json per input

  summarize report.txt --backend openai --model gpt-4o-mini     needs OPENAI_API_KEY

  summarize report.txt --base-url http://localhost:11434/v1 --model qwen2.5   Ollama etc.

Backend selection: flags > SUMMARIZER_BACKEND / SUMMARIZER_MODEL / SUMMARIZER_BASE_URL > local.
Exit codes: 0 all good, 1 some inputs failed, 2 usage error or no input readable.
"""


class Format(StrEnum):
    json = "json"
    md = "md"


def _fail(message: str) -> None:
    typer.echo(f"summarize: {message}", err=True)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
    ) as tmp:
        tmp.write(text)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, path)


def _render(result: IncidentSummary, fmt: Format) -> str:
    if fmt is Format.md:
        return to_markdown(result)
    return result.model_dump_json(indent=2) + "\n"


def summarize_command(
    files: Annotated[
        list[str],
        typer.Argument(help="Text files to summarise; - reads standard input.", show_default=False),
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help="json (default) or md.")] = Format.json,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write NAME.json per input into this directory."),
    ] = None,
    backend: Annotated[str | None, typer.Option(help="local (default), openai or compatible.")] = None,
    model: Annotated[str | None, typer.Option(help="Model name for the backend.")] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="Any OpenAI-compatible server, e.g. http://localhost:11434/v1."),
    ] = None,
    model_path: Annotated[Path | None, typer.Option(help="Another GGUF file for the local backend.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Summarise incident reports into JSON with every claim quoted from the source."""
    try:
        summarizer = Summarizer(backend=backend, model=model, base_url=base_url, model_path=model_path)
    except SummarizerError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    failures: list[SummarizerError] = []
    done = 0
    with summarizer:
        for i, name in enumerate(files, 1):
            try:
                source = sources.read(name)
                if not quiet:
                    typer.echo(f"[{i}/{len(files)}] {name} ...", err=True)
                result = summarizer.summarize(source)
            except BackendError as exc:
                _fail(f"{name}: {exc.message}")
                failures.append(exc)
                if summarizer.backend.config.kind == "local":
                    break  # the embedded model will not come back for the next file
                continue
            except SummarizerError as exc:
                _fail(str(exc) if exc.source else f"{name}: {exc}")
                failures.append(exc)
                continue
            done += 1
            if not quiet:
                typer.echo(
                    f"[{i}/{len(files)}] {name}: {result.metadata.seconds:.1f} s, "
                    f"{result.metadata.usage.total_tokens} tokens, {len(result.flags)} flags",
                    err=True,
                )
            if out is not None:
                stem = "stdin" if name == "-" else Path(name).stem
                write_atomic(out / f"{stem}.json", result.model_dump_json(indent=2) + "\n")
            else:
                sys.stdout.write(_render(result, format))
                sys.stdout.flush()
    if failures:
        all_unreadable = done == 0 and all(isinstance(f, InputError) for f in failures)
        raise typer.Exit(2 if all_unreadable else 1)


def app() -> typer.Typer:
    cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    cli.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})(summarize_command)
    return cli


def main() -> None:
    try:
        app()(prog_name="summarize")
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)
