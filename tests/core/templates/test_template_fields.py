"""Field rules of a predefined message: title, shortcut, category and content."""

from __future__ import annotations

import pytest

from app.core.templates.fields import clean_template

GOOD = {
    "title": "Boas-vindas",
    "shortcut": "/ola",
    "category": "Geral",
    "content": "{{saudacao}}, {{primeiro_nome}}!",
}


def problems_of(**changes):
    problems, clean = clean_template({**GOOD, **changes})
    return {p.path: p.message for p in problems}, clean


# --- title -------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["A", "x" * 60, "  Boas-vindas  ", "Promoção de março 🎉"])
def test_good_titles(title):
    found, clean = problems_of(title=title)
    assert found == {}
    assert clean["title"] == title.strip()


@pytest.mark.parametrize(
    "title, fragment",
    [
        ("", "Informe um título"),
        ("   ", "Informe um título"),
        ("x" * 61, "no máximo 60"),
        ("duas\nlinhas", "única linha"),
        ("tab\there", "única linha"),
        (None, "texto"),
        (12, "texto"),
    ],
)
def test_bad_titles(title, fragment):
    found, _clean = problems_of(title=title)
    assert fragment in found["title"]


# --- shortcut ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shortcut, stored",
    [
        ("/ola", "/ola"),
        ("/OLA", "/ola"),
        (" /Pix-2025_novo ", "/pix-2025_novo"),
        ("/" + "a" * 30, "/" + "a" * 30),
        ("/1", "/1"),
    ],
)
def test_good_shortcuts_are_stored_lowercase(shortcut, stored):
    found, clean = problems_of(shortcut=shortcut)
    assert found == {}
    assert clean["shortcut"] == stored


@pytest.mark.parametrize(
    "shortcut, fragment",
    [
        ("", "Informe um atalho"),
        ("/", "Informe um atalho"),
        ("ola", "Comece o atalho com “/”, ex.: /ola"),
        ("/" + "a" * 31, "no máximo 30 caracteres depois da “/” (agora 31)"),
        ("/olá", "Sugestão: /ola"),
        ("/bom dia", "Sugestão: /bom-dia"),
        ("/a/b", "Use só letras a–z"),
        ("/ponto.final", "Use só letras a–z"),
        (None, "texto"),
    ],
)
def test_bad_shortcuts(shortcut, fragment):
    found, _clean = problems_of(shortcut=shortcut)
    assert fragment in found["shortcut"]


# --- category ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "category, stored",
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("x" * 40, "x" * 40),
        (" Vendas ", "Vendas"),
    ],
)
def test_good_categories(category, stored):
    found, clean = problems_of(category=category)
    assert found == {}
    assert clean["category"] == stored


@pytest.mark.parametrize(
    "category, fragment",
    [
        ("x" * 41, "no máximo 40"),
        ("a\nb", "única linha"),
        (3, "texto"),
    ],
)
def test_bad_categories(category, fragment):
    found, _clean = problems_of(category=category)
    assert fragment in found["category"]


# --- content -----------------------------------------------------------------------------


def test_content_of_exactly_4096_characters_is_accepted_and_4097_is_not():
    found, clean = problems_of(content="a" * 4096)
    assert found == {} and len(clean["content"]) == 4096
    found, clean = problems_of(content="a" * 4097)
    assert "no máximo 4.096 caracteres (agora 4.097)" in found["content"]
    assert clean["content"] is None


def test_content_length_counts_python_characters_and_emoji_are_welcome():
    # "👍🏽" is two code points: it counts 2, as Python's len does.
    text = "👍🏽" * 2048
    found, clean = problems_of(content=text)
    assert found == {} and clean["content"] == text
    found, _clean = problems_of(content=text + "!")
    assert "agora 4.097" in found["content"]


@pytest.mark.parametrize("content", ["", "   ", "\n\n"])
def test_empty_content_is_refused(content):
    found, _clean = problems_of(content=content)
    assert "Escreva a mensagem" in found["content"]


def test_crlf_and_lone_cr_become_lf_and_tabs_are_kept():
    found, clean = problems_of(content="linha 1\r\nlinha 2\rlinha 3\tfim")
    assert found == {}
    assert clean["content"] == "linha 1\nlinha 2\nlinha 3\tfim"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_with_their_position(char):
    found, _clean = problems_of(content=f"Olá\nab{char}c")
    assert "Caractere de controle inválido (linha 2, coluna 3)" in found["content"]


def test_an_unknown_variable_suggests_the_closest_known_one():
    found, _clean = problems_of(content="Oi {{nme}}")
    assert found["content"] == (
        "Variável desconhecida “nme” (linha 1, coluna 4): você quis dizer {{nome}}?"
    )
    found, _clean = problems_of(content="{{ Primeiro Nome }}")
    assert "você quis dizer {{primeiro_nome}}" in found["content"]
    found, _clean = problems_of(content="{{xyzzy}}")
    assert "conhecidas: nome, primeiro_nome" in found["content"]


def test_variables_may_have_spaces_inside_the_braces():
    found, _clean = problems_of(content="{{ nome }} e {{hora}}")
    assert found == {}


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("Olá {{nome", "“{{” sem “}}” (linha 1, coluna 5)"),
        ("Olá nome}}", "“}}” sem “{{” (linha 1, coluna 9)"),
        ("{{}}", "Variável vazia"),
    ],
)
def test_unbalanced_braces_are_errors(content, fragment):
    found, _clean = problems_of(content=content)
    assert fragment in found["content"]


def test_single_braces_are_plain_text():
    found, _clean = problems_of(content="Use {chave} ou }{ sem problema")
    assert found == {}
