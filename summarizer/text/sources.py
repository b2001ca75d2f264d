"""Read an input into text, or say exactly why it cannot be read.

Every failure is an `InputError` naming the file: the CLI prints it as one
line and goes on with the next file.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 5_000_000
"""Inputs larger than this are refused: a report that long is not an article,
and summarising it on the embedded model would take hours."""


@dataclass(frozen=True)
class Source:
    text: str
    name: str | None = None
    encoding: str = "utf-8"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def decode(data: bytes, name: str | None = None) -> Source:
    """Bytes to text: BOMs honoured, UTF-8 preferred, cp1252 as the named fallback."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name, encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} text ({exc.reason})", source=name) from exc
    if b"\0" in data or data[:5] == b"%PDF-" or data[:8] == b"\x89PNG\r\n\x1a\n":
        raise InputError("binary file, not text", source=name)
    try:
        return _checked(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), name, "cp1252")
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"), name, "latin-1")


CONTROL_SHARE = 0.01
"""Text with more control characters than this (other than tab, newline,
carriage return, form feed) is binary data, even with its NULs removed:
random bytes hold about 11 %, a real article none."""


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _checked(text: str, name: str | None, encoding: str) -> Source:
    if not text.strip():
        raise InputError("empty input (nothing but whitespace)", source=name)
    if len(_CONTROL.findall(text)) > CONTROL_SHARE * len(text):
        raise InputError("binary file, not text", source=name)
    return Source(text=text, name=name, encoding=encoding)


def read(path: str | Path) -> Source:
    """Read a file, or `-` for standard input."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"too large (the limit is {MAX_BYTES:,} bytes)", source="<stdin>")
        return decode(data, "<stdin>")
    file = Path(path)
    try:
        mode = file.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, not a file", source=name)
        if not stat.S_ISREG(mode):
            # A pipe with no writer would wait forever, /dev/zero never ends.
            raise InputError(
                "not a regular file (pipe it to standard input: cat ... | summarize -)", source=name
            )
        with file.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the size as read, not as stat says: a file may grow
        if len(data) > MAX_BYTES:
            raise InputError(f"too large (the limit is {MAX_BYTES:,} bytes)", source=name)
    except FileNotFoundError as exc:
        raise InputError("no such file", source=name) from exc
    except PermissionError as exc:
        raise InputError("permission denied", source=name) from exc
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", source=name) from exc
    return decode(data, name)
