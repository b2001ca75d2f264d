"""Reading inputs: every way a file can be unreadable gets a one-line reason."""

import os

import pytest

from summarizer.errors import InputError
from summarizer.text.sources import MAX_BYTES, decode, read


def test_utf8_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Rockets hit the embassy \u2014 no casualties.", encoding="utf-8")
    src = read(f)
    assert src.encoding == "utf-8" and "\u2014" in src.text and src.name == str(f)


def test_utf8_bom_is_dropped():
    assert decode(b"\xef\xbb\xbfHello").text == "Hello"


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Bombe in Köln".encode("utf-16"))
    src = read(f)
    assert src.text == "Bombe in Köln" and src.encoding == "utf-16"


def test_cp1252_fallback_is_recorded(tmp_path):
    f = tmp_path / "win.txt"
    f.write_bytes("Caf\u00e9 \u201cattack\u201d".encode("cp1252"))
    src = read(f)
    assert src.text == "Caf\u00e9 \u201cattack\u201d" and src.encoding == "cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary"),
        (b"text with a \0 NUL byte", "binary"),
    ],
)
def test_unusable_bytes(tmp_path, data, reason):
    f = tmp_path / "bad.bin"
    f.write_bytes(data)
    with pytest.raises(InputError, match=reason) as info:
        read(f)
    assert str(f) in str(info.value) and "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permissions(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("x")
    f.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read(f)


def test_too_large(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="too large"):
        read(f)
