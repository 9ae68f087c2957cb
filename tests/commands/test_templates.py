"""`atende templates import|export` (CSV of predefined messages)."""

from __future__ import annotations

import pytest

from app.cli import main
from app.core.storage.models import HistoryEvent, Template
from app.core.templates import store as templates


@pytest.fixture
def loja(make_instance, clock):
    instance = make_instance("Loja Centro")
    templates.create_template(
        instance,
        {"title": "Boas-vindas", "shortcut": "/ola", "category": None, "content": "{{saudacao}}!"},
        clock,
    )
    return instance


def run(db_path, *args):
    return main(["--db", str(db_path), *args])


def test_templates_csv_export_and_import(loja, make_instance, db_path, tmp_path, capsys):
    make_instance("Filial")
    out = tmp_path / "mensagens.csv"
    assert run(db_path, "templates", "export", "--instance", "Loja Centro", "-o", str(out)) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert run(db_path, "templates", "import", str(out), "--instance", "Filial") == 0
    assert "1 novas, 0 atualizadas, 0 sem alteração" in capsys.readouterr().out
    assert Template.select().where(Template.shortcut == "/ola").count() == 2


def test_templates_import_of_a_bad_file_exits_2_and_writes_nothing(loja, db_path, tmp_path, capsys):
    bad = tmp_path / "ruim.csv"
    bad.write_text(
        "titulo;atalho;categoria;conteudo\nNovo;/novo;;ok\nX;sem-barra;;y\n", encoding="utf-8"
    )
    events = HistoryEvent.select().count()
    assert run(db_path, "templates", "import", str(bad), "--instance", "Loja Centro") == 2
    err = capsys.readouterr().err
    assert err == "linha 3: atalho: Comece o atalho com “/”, ex.: /sem-barra.\n"
    assert Template.select().count() == 1
    assert HistoryEvent.select().count() == events


def test_templates_import_of_a_missing_file_exits_2(loja, db_path, tmp_path, capsys):
    assert (
        run(db_path, "templates", "import", str(tmp_path / "x.csv"), "--instance", "Loja Centro")
        == 2
    )
    assert capsys.readouterr().err.startswith("arquivo: ")
