"""CSV import/export of predefined messages: encodings, separators, all-or-nothing."""

from __future__ import annotations

import pytest

from app.core.common.validation import ValidationError
from app.core.storage.models import HistoryEvent, Template
from app.core.templates import store as templates
from app.core.templates.csv_file import export_csv, import_csv, read_csv

PT = "título;atalho;categoria;conteúdo\r\n"


def messages(problems):
    return [str(p) for p in problems]


def test_utf8_with_bom_and_semicolons(make_instance, clock):
    loja = make_instance()
    data = (
        "\ufeff" + PT + 'Boas-vindas;/Ola;Geral;"{{saudacao}}, {{primeiro_nome}}!\n'
        'Tudo bem? 😀"\r\nPix;/pix;;Chave: 123\r\n'
    ).encode("utf-8")
    result = import_csv(loja, data, clock)
    assert (result.created, result.updated, result.warnings) == (2, 0, [])
    rows = templates.list_rows(loja.id)
    assert [(r.shortcut, r.category) for r in rows] == [("/ola", "Geral"), ("/pix", None)]
    assert rows[0].content == "{{saudacao}}, {{primeiro_nome}}!\nTudo bem? 😀"


def test_commas_and_english_header_in_any_order(make_instance, clock):
    loja = make_instance()
    data = b'shortcut,content,title\n/horario,"Abrimos 8h, fechamos 18h",Hor\xc3\xa1rio\n'
    result = import_csv(loja, data, clock)
    assert result.created == 1
    row = templates.list_rows(loja.id)[0]
    assert (row.title, row.content, row.category) == ("Horário", "Abrimos 8h, fechamos 18h", None)


def test_windows_1252_is_read_with_a_warning(make_instance, clock):
    loja = make_instance()
    text = "titulo;atalho;categoria;conteudo\r\nPromoção;/promo;Ofertas;Só hoje: pão de queijo\r\n"
    result = import_csv(loja, text.encode("cp1252"), clock)
    assert result.created == 1
    assert len(result.warnings) == 1 and "Windows-1252" in result.warnings[0].message
    row = templates.list_rows(loja.id)[0]
    assert (row.title, row.content) == ("Promoção", "Só hoje: pão de queijo")


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused(db):
    # 0x81 is undefined in Windows-1252 and invalid as a UTF-8 start byte.
    rows, problems = read_csv(PT.encode() + b"A;/a;;\x81\x81\r\n")
    assert rows == []
    assert messages(problems)[0].startswith("arquivo: Não é texto UTF-8 nem Windows-1252")


def test_a_binary_file_is_refused(db):
    _rows, problems = read_csv(b"PK\x03\x04\x00\x00 not a csv")
    assert "Não é um arquivo de texto CSV" in messages(problems)[0]


def test_utf16_with_bom_and_tabs(make_instance, clock):
    loja = make_instance()
    data = "título\tatalho\tcategoria\tconteúdo\r\nOi\t/oi\t\tOlá!\r\n".encode("utf-16")
    assert import_csv(loja, data, clock).created == 1


def test_a_malformed_file_saves_nothing_and_reports_every_line(make_instance, clock):
    loja = make_instance()
    templates.create_template(
        loja,
        {"title": "Antigo", "shortcut": "/antigo", "category": None, "content": "não mudar"},
        clock,
    )
    data = (
        PT
        + "Bom;/bom;;Tudo certo\r\n"  # line 2: fine
        + ";/sem-titulo;;Texto\r\n"  # line 3: no title
        + "Atalho ruim;ola;;Texto\r\n"  # line 4: shortcut without "/"
        + "Variável;/var;;Oi {{nme}}\r\n"  # line 5: unknown variable
        + "Repetido;/BOM;;De novo\r\n"  # line 6: repeats line 2
        + "Colunas;/col;;a;b\r\n"  # line 7: one column too many
        + "Antigo;/antigo;;mudou\r\n"
    ).encode()  # line 8: fine (an update)
    with pytest.raises(ValidationError) as exc:
        import_csv(loja, data, clock)
    assert messages(exc.value.problems) == [
        "linha 3: título: Informe um título.",
        "linha 4: atalho: Comece o atalho com “/”, ex.: /ola.",
        "linha 5: conteúdo: Variável desconhecida “nme” (linha 1, coluna 4): "
        "você quis dizer {{nome}}?",
        "linha 6: atalho: Repete o atalho da linha 2",
        "linha 7: Esperadas 4 colunas, encontradas 5",
    ]
    assert [r.shortcut for r in templates.list_rows(loja.id)] == ["/antigo"]
    assert Template.get(Template.shortcut == "/antigo").content == "não mudar"


def test_line_numbers_count_the_lines_of_multiline_cells(db):
    data = (PT + 'A;/a;;"uma\r\nduas\r\ntrês"\r\nB;b;;x\r\n').encode()
    _rows, problems = read_csv(data)
    assert messages(problems) == ["linha 5: atalho: Comece o atalho com “/”, ex.: /b."]


@pytest.mark.parametrize(
    "row, message",
    [
        ('A;/a;;"sem fim\r\n', "linha 2: CSV malformado: uma célula entre aspas não foi fechada"),
        (
            'A;/a;;"fim" errado\r\n',
            "linha 2: CSV malformado: há texto logo depois de fechar aspas; "
            "coloque a célula inteira entre aspas",
        ),
    ],
)
def test_broken_quotes_are_a_malformed_file(db, row, message):
    _rows, problems = read_csv((PT + row).encode())
    assert messages(problems) == [message]


def test_a_file_without_the_header_is_refused_once(db):
    _rows, problems = read_csv("Oi;/oi;;Olá\r\n".encode())
    assert messages(problems) == [
        "linha 1: A primeira linha deve ser o cabeçalho "
        "título;atalho;categoria;conteúdo (encontrado: “Oi;/oi;;Olá”)"
    ]


@pytest.mark.parametrize(
    "header, fragment",
    [
        ("título;atalho;conteúdo;preço", "Coluna desconhecida “preço”"),
        ("título;atalho;categoria", "Falta a coluna “conteúdo”"),
        ("título;atalho;atalho;conteúdo", "A coluna “atalho” aparece duas vezes"),
    ],
)
def test_header_problems(db, header, fragment):
    _rows, problems = read_csv(f"{header}\r\nA;/a;;b\r\n".encode())
    assert problems and all(str(p).startswith("linha 1: ") for p in problems)
    assert any(fragment in str(p) for p in problems)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "O arquivo está vazio"),
        (PT.encode(), "só o cabeçalho"),
    ],
)
def test_empty_files(db, data, fragment):
    _rows, problems = read_csv(data)
    assert fragment in messages(problems)[0]


def test_existing_shortcuts_are_updated_and_others_kept(make_instance, clock):
    loja = make_instance()
    for shortcut in ("/a", "/b", "/c"):
        templates.create_template(
            loja,
            {"title": shortcut, "shortcut": shortcut, "category": "Geral", "content": "velho"},
            clock,
        )
    data = (PT + "A novo;/A;geral;novo\r\n/b;/b;Geral;velho\r\nD;/d;;d\r\n").encode()
    result = import_csv(loja, data, clock)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    rows = {r.shortcut: r for r in templates.list_rows(loja.id)}
    assert sorted(rows) == ["/a", "/b", "/c", "/d"]
    assert (rows["/a"].title, rows["/a"].content) == ("A novo", "novo")
    assert rows["/a"].category == "Geral"  # same category typed in lowercase keeps spelling
    assert rows["/c"].content == "velho"
    event = HistoryEvent.select().order_by(HistoryEvent.id.desc()).get()
    assert event.summary == "Mensagens predefinidas importadas de CSV: 1 novas, 1 atualizadas"


def test_export_then_import_round_trips(make_instance, clock):
    loja = make_instance("Loja")
    copy = make_instance("Cópia")
    contents = [
        'Linha 1\nLinha "2"; com ponto e vírgula, e vírgula',
        "=1+1 não é fórmula",
        "Emoji 🎉\ttab",
    ]
    for i, content in enumerate(contents):
        templates.create_template(
            loja,
            {
                "title": f"T{i}",
                "shortcut": f"/t{i}",
                "category": "Cat" if i else None,
                "content": content,
            },
            clock,
        )
    data = export_csv(loja.id)
    assert data.startswith("\ufefftítulo;atalho;categoria;conteúdo\r\n".encode("utf-8"))
    import_csv(copy, data, clock)
    strip = [(r.title, r.shortcut, r.category, r.content) for r in templates.list_rows(loja.id)]
    assert [
        (r.title, r.shortcut, r.category, r.content) for r in templates.list_rows(copy.id)
    ] == strip
