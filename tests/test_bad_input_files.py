"""The catalogue of hostile input, round two (issue 18): what is given as a file.

`/dev/zero`, a FIFO, a folder or a file of gigabytes used to be read whole (or forever);
system refusals came out in English. Every case: exit 2, `arquivo: …` in Portuguese, every
table unchanged.
"""

from __future__ import annotations

import errno
import io
import os

import pytest

from app.cli import main
from app.core.common import files
from app.core.common.files import os_error_text, read_bytes, read_stdin
from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.watcher.chat_lines import MAX_CHATS_BYTES
from tests.faults import dump
from tests.test_bad_input import VALID, assert_reported

pytestmark = pytest.mark.sqlite_only("device files and pipes of this machine")


@pytest.fixture
def shop(db_path, clock):
    open_database(db_path)
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    close_database()


def _fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


def _huge(tmp_path, limit=files.MAX_INPUT_BYTES):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: takes no disk, reads as zeros
        fh.truncate(limit + 1)
    return str(path)


SOURCES = {
    "dev-zero": (lambda tmp: "/dev/zero", "não é um arquivo comum"),
    "fifo": (_fifo, "não é um arquivo comum"),
    "folder": (lambda tmp: str(tmp), "não é um arquivo comum"),
    "huge": (_huge, "tem mais de 64 MB"),
    "missing": (lambda tmp: str(tmp / "nao-existe.json"), "o arquivo não existe"),
}
COMMANDS = {
    "import": ["import"],
    "chats-import": ["chats", "import", "{file}", "--instance", "Loja Centro"],
    "templates-import": ["templates", "import", "{file}", "--instance", "Loja Centro"],
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_not_a_sane_regular_file_is_refused_unread(
    shop, db_path, tmp_path, capsys, command, source
):
    make, fragment = SOURCES[source]
    if source == "huge" and command == "chats-import":
        # Streamed: its cap is far higher, and told from the size, unread
        make, fragment = (lambda tmp: _huge(tmp, MAX_CHATS_BYTES)), "tem mais de 4096 MB"
    target = make(tmp_path)
    argv = [a.format(file=target) for a in COMMANDS[command]]
    if "{file}" not in COMMANDS[command]:
        argv.append(target)
    before = dump(db_path)
    try:
        code = main(["--db", str(db_path), *argv])
    finally:
        close_database()
    err = capsys.readouterr().err
    assert code == 2, err
    assert_reported(err, "arquivo", fragment)
    assert dump(db_path) == before


def test_standard_input_is_capped_too(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 11)))
    data, problems = read_stdin(limit=10)
    assert data is None and "stdin tem mais de" in problems[0].message


def test_the_limit_itself_is_read(tmp_path):
    path = tmp_path / "ok.json"
    path.write_bytes(b"x" * 10)
    assert read_bytes(path, limit=10) == (b"x" * 10, [])


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        (errno.ENOSPC, "o disco está cheio"),
        (errno.EISDIR, "é uma pasta"),
        (errno.ENOENT, "o arquivo não existe"),
        (errno.EACCES, "permissão negada"),
        (errno.EROFS, "somente leitura"),
        (9999, "erro do sistema 9999"),
    ],
)
def test_system_refusals_are_told_in_portuguese(number, fragment):
    assert fragment in os_error_text(OSError(number, "English text"))
    assert "English" not in os_error_text(OSError(number, "English text"))


# -- item 11: wide encodings, with or without a BOM, are named and refused --------------------

CONFIG = '{"format": "atende-config", "version": 2, "instances": []}\n'
CSV_TEXT = "título;atalho;categoria;conteúdo\r\nOi;/oi;;Olá!\r\n"
ENCODINGS = [
    ("utf-16-le", "UTF-16"),  # no BOM
    ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-32"),  # with its BOM, which starts like UTF-16's
    ("utf-32-le", "UTF-32"),
    ("utf-32-be", "UTF-32"),
]
WIDE_COMMANDS = {
    "import": (CONFIG, ["import", "{file}"]),
    "chats-import": (
        '{"external_id": "a"}\n',
        ["chats", "import", "{file}", "--instance", "Loja Centro"],
    ),
    "templates-import": (CSV_TEXT, ["templates", "import", "{file}", "--instance", "Loja Centro"]),
}


@pytest.mark.parametrize(("codec", "name"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("command", WIDE_COMMANDS)
def test_wide_encodings_are_named_and_refused(
    shop, db_path, tmp_path, capsys, command, codec, name
):
    text, argv = WIDE_COMMANDS[command]
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(codec))
    before = dump(db_path)
    try:
        code = main(["--db", str(db_path), *[a.format(file=path) for a in argv]])
    finally:
        close_database()
    err = capsys.readouterr().err
    assert code == 2, err
    assert_reported(err, "arquivo", f"está em {name}; salve-o como UTF-8")
    assert dump(db_path) == before


def test_utf16_with_its_bom_is_still_read_as_a_csv(shop, db_path, tmp_path, capsys):
    path = tmp_path / "mensagens.csv"
    path.write_bytes(CSV_TEXT.encode("utf-16"))
    try:
        code = main(
            ["--db", str(db_path), "templates", "import", str(path), "--instance", "Loja Centro"]
        )
    finally:
        close_database()
    assert code == 0, capsys.readouterr().err
