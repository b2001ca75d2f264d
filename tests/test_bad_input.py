"""Bad input through the CLI: one line naming the file and the problem,
exit code 2 when nothing could be read, 1 in a batch that goes on, no
traceback, and the batch's errors.jsonl records each.

`pytest -k bad_input` runs them all; each kind is in its test id.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app, cli
from summarizer.text.sources import MAX_BYTES
from tests.fakeserver import scripted_server
from tests.test_pipeline import ARTICLE, CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

BAD = {
    "missing": (None, "no such file"),
    "directory": ("dir", "is a directory, not a file"),
    "empty": (b"", "empty input"),
    "whitespace_only": (b" \n\t\n  ", "empty input"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file, not text"),
    "png": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", "binary file, not text"),
    "nul_bytes": (b"Rockets hit\0 the embassy", "binary file, not text"),
    "too_large": (b"a" * (MAX_BYTES + 1), "too large"),
}


def make(tmp_path: Path, kind: str) -> Path:
    content, _ = BAD[kind]
    path = tmp_path / f"{kind}.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_alone_is_one_line_and_exit_2(tmp_path: Path, kind: str):
    path = make(tmp_path, kind)
    out = CliRunner().invoke(app(), [str(path), "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [f"summarize: {path}: {out.stderr.split(': ', 2)[2].strip()}"]
    assert BAD[kind][1] in out.stderr and "Traceback" not in out.output


def test_bad_input_batch_goes_on_and_records_every_failure(tmp_path: Path):
    bad = [make(tmp_path, kind) for kind in BAD]
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    outdir = tmp_path / "out"
    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, _):
        args = [
            *map(str, bad[:4]),
            str(good),
            *map(str, bad[4:]),
            "--out",
            str(outdir),
            "--backend",
            "local",
            "--base-url",
            url,
        ]
        out = CliRunner().invoke(app(), [*args, "--model", "scripted", "-q"])
    assert out.exit_code == 1
    assert len(out.stderr.splitlines()) == len(BAD)
    recorded = [json.loads(line) for line in (outdir / "errors.jsonl").read_text().splitlines()]
    assert [r["input"] for r in recorded] == [str(p) for p in bad]
    assert sorted(p.name for p in outdir.glob("*.json")) == ["good.json"]


@pytest.mark.parametrize(
    ("kind", "data", "encoding"),
    [
        ("cp1252", "Caf\u00e9 \u201cattack\u201d: rockets hit the embassy.".encode("cp1252"), "cp1252"),
        ("latin1", "Anschlag in K\u00f6ln \u00bbheute\u00ab: Rakete.".encode("latin-1"), "cp1252"),
        ("utf16_bom", "Rakete trifft Botschaft in K\u00f6ln.".encode("utf-16"), "utf-16"),
    ],
)
def test_bad_input_other_encodings_are_decoded_and_said(
    tmp_path: Path, kind: str, data: bytes, encoding: str
):
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(data)
    classify = {"event_quote": "Rakete", "title": "A weather report", "summary": "Rain is expected."}
    with scripted_server([classify]) as (url, _):
        out = CliRunner().invoke(
            app(), [str(path), "--backend", "local", "--base-url", url, "--model", "m", "-q"]
        )
    assert out.exit_code == 0, out.output
    meta = json.loads(out.stdout)["metadata"]
    assert meta["encoding"] == encoding


def test_bad_input_unreadable_permissions():
    """Root reads any file, so root drops its effective uid for the read."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    secret = folder / "secret.txt"
    secret.write_text(ARTICLE)
    secret.chmod(0)
    root = os.geteuid() == 0
    if root:
        os.seteuid(65534)
    try:
        out = CliRunner().invoke(app(), [str(secret), "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    finally:
        if root:
            os.seteuid(0)
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [f"summarize: {secret}: permission denied"]


def test_bad_input_a_pipe_or_device_is_refused_at_once(tmp_path: Path):
    """A FIFO with no writer used to hang forever, /dev/zero to eat memory:
    only regular files (and `-`) are read, and never past the size limit."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        out = CliRunner().invoke(app(), [path, "-q"])
        assert out.exit_code == 2, out.output
        assert (
            out.stderr.strip()
            == f"summarize: {path}: not a regular file (pipe it to standard input: cat ... | summarize -)"
        )


def test_bad_input_random_bytes_without_nuls_are_binary(tmp_path: Path):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(b for b in random.Random(7).randbytes(20_000) if b))
    out = CliRunner().invoke(app(), [str(noise), "-q"])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [f"summarize: {noise}: binary file, not text"]


def test_bad_input_a_file_name_with_a_newline_or_escape_is_one_printable_line(tmp_path: Path):
    name = tmp_path / "two\nlines\x1b[31m.txt"
    out = CliRunner().invoke(app(), [str(name), "-q"])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [f"summarize: {tmp_path}/two\\nlines\\x1b[31m.txt: no such file"]


def test_bad_input_view_of_a_pipe_or_device_is_refused_at_once(tmp_path: Path):
    fifo = tmp_path / "result.json"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        out = CliRunner().invoke(cli(), ["view", path])
        assert out.exit_code == 2, out.output
        assert out.stderr.startswith(f"summarize: {path}: not a regular file")
