"""The pt_BR catalog is complete: every extracted string translated, placeholders kept."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "pt_BR" / "LC_MESSAGES" / "atende.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def extracted() -> set[str]:
    ids = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "app"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def catalog():
    with PO.open("rb") as fh:
        return read_po(fh, locale="pt_BR")


def test_every_source_string_is_translated():
    cat = catalog()
    missing = sorted(m for m in extracted() if not (cat.get(m) and cat.get(m).string))
    assert missing == [], f"untranslated strings: {missing}"


def test_translations_keep_placeholders():
    bad = []
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if text and sorted(PLACEHOLDER.findall(text)) != wanted:
                bad.append((ids[0], text))
    assert bad == []


def test_no_duplicate_entries_in_the_po_file():
    ids = re.findall(r'^msgid "(.+)"$', PO.read_text("utf-8"), flags=re.M)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_default_locale_is_portuguese():
    i18n.install()
    assert i18n._("Save") == "Salvar"
    assert i18n.format_duration(60) == "1 hora"
    assert i18n.format_duration(300) == "5 horas"
    assert i18n.format_duration(2880) == "2 dias"
    assert i18n.weekday_name(0) == "segunda-feira"


def test_argparse_speaks_portuguese(capsys):
    import pytest

    from app.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["export", "--bogus"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "uso:" in err and "argumentos não reconhecidos" in err


def _source_tree_copy(tmp_path):
    folder = tmp_path / "translations" / "pt_BR" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "atende.po").write_bytes(PO.read_bytes())
    return tmp_path / "translations", folder / "atende.mo"


def test_a_source_checkout_compiles_the_catalog_once_and_keeps_it(tmp_path, monkeypatch):
    directory, mo = _source_tree_copy(tmp_path)
    first = i18n.load_catalog("pt_BR", directory)
    assert first.gettext("&File") == "&Arquivo"
    assert mo.is_file()  # the next start reads it instead of compiling with Babel

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled the .po again")

    monkeypatch.setattr("babel.messages.pofile.read_po", no_compiling)
    again = i18n.load_catalog("pt_BR", directory)
    assert isinstance(again, gettext.GNUTranslations) and again.gettext("&File") == "&Arquivo"
    assert [p.name for p in mo.parent.iterdir()] == sorted(["atende.po", "atende.mo"])


def test_a_folder_that_cannot_be_written_still_gets_the_catalog(tmp_path, monkeypatch):
    directory, mo = _source_tree_copy(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert i18n.load_catalog("pt_BR", directory).gettext("&File") == "&Arquivo"
    assert not mo.exists()
