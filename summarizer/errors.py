"""The errors a caller can act on: one small hierarchy, each naming its input.

The CLI prints `str(error)` as its one line and exits with `exit_code`.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = " ".join(message.split())  # always one line: the CLI prints it as one
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(SummarizerError):
    """The input cannot be read as text: missing, a directory, binary, empty."""

    exit_code = 2


class OutputError(SummarizerError):
    """A result cannot be written where it was asked to go: `--out` is a
    file or read-only, or `NAME.json` is a directory. For the whole batch
    (checked before any model call) a usage error; for one result, that
    input's failure, and the batch goes on."""

    exit_code = 2


class BackendError(SummarizerError):
    """The model could not be reached or started, or stopped answering."""


class ConfigError(BackendError):
    """The backend is set up wrong: an unknown kind, a missing key, URL,
    model or package. Fixing the command or the install fixes it; retrying
    does not (exit 2, like any usage error)."""

    exit_code = 2


class ModelOutputError(SummarizerError):
    """The model answered, but not with a usable summary after all retries."""
