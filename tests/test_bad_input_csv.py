"""The catalogue of hostile input, templates CSV: `atende templates import FILE --instance`.

Same contract as `test_bad_input.py`: a Portuguese message at the line and column (or at
`arquivo`), exit 2, and every table unchanged.
"""

from __future__ import annotations

import csv
import io

import pytest

from app.cli import main
from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.templates.csv_file import export_csv, import_csv
from app.core.templates.store import create_template, list_rows
from tests.faults import dump
from tests.test_bad_input import FIVE_MB, VALID, assert_reported

HEADER = "título;atalho;categoria;conteúdo\r\n"


def row(title="Boas-vindas", shortcut="/ola", category="Geral", content="Olá, {{nome}}!"):
    return f"{title};{shortcut};{category};{content}\r\n"


CSV_CASES = [
    ("empty-file", b"", "arquivo", "vazio"),
    ("header-only", HEADER.encode(), "arquivo", "só o cabeçalho"),
    ("wrong-header", b"a;b;c\r\nx;y;z\r\n", "linha 1", "deve ser o cabeçalho"),
    (
        "repeated-column",
        b"titulo;atalho;atalho;conteudo\r\nx;/a;/b;c\r\n",
        "linha 1",
        "aparece duas vezes",
    ),
    (
        "extra-cell",
        (HEADER + row().rstrip() + ";extra\r\n").encode(),
        "linha 2",
        "Esperadas 4 colunas",
    ),
    ("unclosed-quote", (HEADER + 'Oi;/oi;Geral;"abc\r\n').encode(), "linha 2", "não foi fechada"),
    (
        "five-mb-cell",
        (HEADER + row(content=FIVE_MB)).encode(),
        "linha 2",
        "mais de 131.072 caracteres",
    ),
    (
        "long-content",
        (HEADER + row(content="x" * 4097)).encode(),
        "linha 2: conteúdo",
        "no máximo 4.096",
    ),
    (
        "shortcut-without-slash",
        (HEADER + row(shortcut="ola")).encode(),
        "linha 2: atalho",
        "Comece o atalho com “/”",
    ),
    (
        "shortcut-traversal",
        (HEADER + row(shortcut="/../../etc")).encode(),
        "linha 2: atalho",
        "Use só letras a–z",
    ),
    (
        "sql-shortcut",
        (HEADER + row(shortcut="/x' OR '1'='1")).encode(),
        "linha 2: atalho",
        "Use só letras a–z",
    ),
    (
        "bell-in-content",
        (HEADER + row(content="Olá\x07")).encode(),
        "linha 2: conteúdo",
        "Caractere de controle",
    ),
    (
        "unknown-variable",
        (HEADER + row(content="Oi {{nme}}")).encode(),
        "linha 2: conteúdo",
        "você quis dizer {{nome}}",
    ),
    (
        "unbalanced-braces",
        (HEADER + row(content="Oi {{nome")).encode(),
        "linha 2: conteúdo",
        "sem “}}”",
    ),
    ("empty-title", (HEADER + row(title="")).encode(), "linha 2: título", "Informe um título"),
    (
        "repeated-shortcut",
        (HEADER + row() + row(shortcut="/OLA")).encode(),
        "linha 3: atalho",
        "Repete o atalho da linha 2",
    ),
    ("binary-file", b"PK\x03\x04\x00\x00binary xlsx", "arquivo", "Não é um arquivo de texto CSV"),
    ("not-text", bytes([0x81, 0x8D, 0x8F, 0x90]) * 4, "arquivo", "nem Windows-1252"),
]


@pytest.fixture
def shop(db_path, clock):
    open_database(db_path)
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    close_database()


def run_templates_import(db_path, tmp_path, payload: bytes) -> int:
    path = tmp_path / "mensagens.csv"
    path.write_bytes(payload)
    try:
        return main(
            ["--db", str(db_path), "templates", "import", str(path), "--instance", "Loja Centro"]
        )
    finally:
        close_database()


def test_the_valid_csv_imports(shop, db_path, tmp_path):
    """Control: the row the cases start from is accepted."""
    assert run_templates_import(db_path, tmp_path, (HEADER + row()).encode()) == 0


@pytest.mark.parametrize(
    ("case_id", "payload", "path", "fragment"), CSV_CASES, ids=[c[0] for c in CSV_CASES]
)
def test_hostile_templates_csv(case_id, payload, path, fragment, shop, db_path, tmp_path, capsys):
    before = dump(db_path)
    code = run_templates_import(db_path, tmp_path, payload)
    err = capsys.readouterr().err
    assert code == 2, err[:2000]
    assert_reported(err, path, fragment)
    assert dump(db_path) == before


# -- formulas (issue 18, item 4): the export never hands a spreadsheet a formula to run ------

FORMULAS = [
    ('=HYPERLINK("http://x";"clique")', "=2+3", "=1+1 é a soma"),
    ("+55 atendimento", "+VIP", "+ligue já"),
    ("-10% hoje", "-", "- item um"),
    ("@time", "@equipe", "@SUM(1+1)"),
    ("'=já protegido", "''=x", "'-aspas"),
]


def test_formula_cells_are_exported_as_text_and_imported_back_unchanged(db, clock):
    source = create_instance({**VALID, "name": "Loja Centro"}, clock)
    for n, (title, category, content) in enumerate(FORMULAS):
        create_template(
            source,
            {"title": title, "shortcut": f"/f{n}", "category": category, "content": content},
            clock,
        )
    create_template(
        source,
        {"title": "Oi", "shortcut": "/oi", "category": None, "content": "a=b, 'citação'"},
        clock,
    )
    data = export_csv(source.id)
    for cells in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"):
        if cells[1] != "/oi" and cells[0] != "título":
            assert all(cell.startswith("'") for cell in cells if cell[:1] != "/"), cells
    assert "\r\nOi;/oi;;a=b, 'citação'\r\n" in data.decode("utf-8-sig")  # nothing to protect
    copy = create_instance({**VALID, "name": "Loja Cópia"}, clock)
    import_csv(copy, data, clock)
    assert export_csv(copy.id) == data
    stored = {r.shortcut: (r.title, r.category, r.content) for r in list_rows(copy.id)}
    assert stored["/f0"] == FORMULAS[0] and stored["/f4"] == FORMULAS[4]


def test_a_hand_made_protected_cell_imports_without_its_mark(db, clock):
    shop = create_instance({**VALID, "name": "Loja Centro"}, clock)
    import_csv(shop, (HEADER + row(title="'=Promoção", content="'+10%")).encode(), clock)
    [template] = list_rows(shop.id)
    assert (template.title, template.content) == ("=Promoção", "+10%")
