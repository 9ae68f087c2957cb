"""Atomic writes, reading the user's text files, safe file names."""

from __future__ import annotations

import pytest

from app.core.common import files
from app.core.common.files import decode_text, read_text, safe_file_name, write_text_atomic


def test_atomic_write_replaces_whole_and_keeps_permissions(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old")
    path.chmod(0o640)
    write_text_atomic(path, "novo conteúdo ✓\n")
    assert path.read_text("utf-8") == "novo conteúdo ✓\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("old")

    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OSError):
        write_text_atomic(path, "x" * 10_000)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("olá".encode(), "olá"),
        (b"\xef\xbb\xbfol\xc3\xa1", "olá"),
    ],
)
def test_utf8_with_or_without_bom(data, expected):
    assert decode_text(data, "x.json") == (expected, [])


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("olá".encode("utf-16"), "está em UTF-16"),
        ("olá".encode("cp1252"), "não é um texto UTF-8 (byte 2); salve-o como UTF-8"),
    ],
)
def test_other_encodings_are_explained(data, fragment):
    text, [problem] = decode_text(data, "x.json")
    assert text is None
    assert problem.path == "arquivo" and fragment in problem.message


def test_a_missing_file_is_explained(tmp_path):
    text, [problem] = read_text(tmp_path / "nada.json")
    assert text is None and problem.path == "arquivo"
    assert problem.message.startswith("Não foi possível ler")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Loja Centro", "loja-centro"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("Açaí do Norte 🍇", "acai-do-norte"),
        ("...", "atende"),
        ("x" * 200, "x" * 60),
    ],
)
def test_safe_file_names(name, expected):
    assert safe_file_name(name) == expected
