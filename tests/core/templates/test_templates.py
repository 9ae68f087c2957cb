"""Mensagens predefinidas: uniqueness, create/edit/duplicate/delete, search, config."""

from __future__ import annotations

import pytest

from app.core.common.validation import ValidationError
from app.core.config.file_format import dumps, export_config, import_config, validate_config
from app.core.storage.models import HistoryEvent, Template
from app.core.templates import store as templates
from app.core.templates.search import matching, search_key
from tests.config_helpers import config, instance_config

GOOD = {
    "title": "Boas-vindas",
    "shortcut": "/ola",
    "category": "Geral",
    "content": "{{saudacao}}, {{primeiro_nome}}!",
}


# --- uniqueness and categories in the database ---------------------------------------------


def test_shortcut_is_unique_per_instance_ignoring_case(make_instance, clock):
    loja = make_instance("Loja")
    other = make_instance("Outra")
    templates.create_template(loja, GOOD, clock)
    with pytest.raises(ValidationError) as exc:
        templates.create_template(loja, {**GOOD, "shortcut": "/OLA"}, clock)
    assert [p.path for p in exc.value.problems] == ["shortcut"]
    assert "Outra mensagem já usa /ola" in exc.value.problems[0].message
    # Another instance may use the same shortcut.
    templates.create_template(other, {**GOOD, "shortcut": "/Ola"}, clock)
    assert Template.select().count() == 2


def test_editing_a_template_may_keep_its_own_shortcut(make_instance, clock):
    loja = make_instance()
    template = templates.create_template(loja, GOOD, clock)
    assert templates.update_template(template, {**GOOD, "shortcut": "/OLA", "title": "Oi"}, clock)
    assert Template.get_by_id(template.id).title == "Oi"


def test_a_category_typed_differently_joins_the_existing_one(make_instance, clock):
    loja = make_instance()
    templates.create_template(loja, {**GOOD, "category": "Promoção"}, clock)
    second = templates.create_template(
        loja, {**GOOD, "shortcut": "/b", "category": "PROMOCAO"}, clock
    )
    assert second.category == "Promoção"
    assert templates.categories(loja.id) == ["Promoção"]


# --- create / edit / duplicate / delete ------------------------------------------------------


def test_crud_records_history_events(make_instance, clock):
    loja = make_instance()
    template = templates.create_template(loja, GOOD, clock)
    assert not templates.update_template(template, dict(GOOD), clock)  # nothing changed
    assert templates.update_template(template, {**GOOD, "content": "Oi!"}, clock)
    templates.delete_template(template, clock)
    events = list(
        HistoryEvent.select().where(HistoryEvent.section == "templates").order_by(HistoryEvent.id)
    )
    assert [e.summary for e in events] == [
        "Mensagem predefinida criada: /ola (Boas-vindas)",
        "Mensagem predefinida /ola alterada: conteúdo",
        "Mensagem predefinida excluída: /ola (Boas-vindas)",
    ]
    assert Template.select().count() == 0


def test_a_refused_edit_writes_nothing(make_instance, clock):
    loja = make_instance()
    template = templates.create_template(loja, GOOD, clock)
    with pytest.raises(ValidationError):
        templates.update_template(template, {**GOOD, "title": "", "content": "{{x"}, clock)
    stored = Template.get_by_id(template.id)
    assert (stored.title, stored.content) == (GOOD["title"], GOOD["content"])


def test_duplicate_gets_a_free_shortcut_and_a_copy_title(make_instance, clock):
    loja = make_instance()
    original = templates.create_template(loja, {**GOOD, "title": "x" * 60}, clock)
    first = templates.duplicate_template(original, clock)
    second = templates.duplicate_template(original, clock)
    assert (first.shortcut, second.shortcut) == ("/ola-2", "/ola-3")
    assert first.title.endswith(" (cópia)") and len(first.title) == 60
    assert first.content == original.content and first.category == original.category


def test_duplicate_of_a_30_character_shortcut_stays_within_the_limit(make_instance, clock):
    loja = make_instance()
    original = templates.create_template(loja, {**GOOD, "shortcut": "/" + "a" * 30}, clock)
    copy = templates.duplicate_template(original, clock)
    assert copy.shortcut == "/" + "a" * 28 + "-2"


# --- search --------------------------------------------------------------------------------


def test_search_ignores_case_and_accents_in_title_shortcut_and_content(make_instance, clock):
    loja = make_instance()
    templates.create_template(
        loja, {**GOOD, "title": "Promoção", "shortcut": "/promo", "content": "Desconto"}, clock
    )
    templates.create_template(
        loja,
        {
            **GOOD,
            "title": "Pix",
            "shortcut": "/pix",
            "content": "Chave: CNPJ. Não esqueça o comprovante",
        },
        clock,
    )
    templates.create_template(
        loja,
        {**GOOD, "title": "Horário", "shortcut": "/horario", "content": "Abrimos às 8h"},
        clock,
    )
    rows = templates.list_rows(loja.id)
    keys = [search_key(r) for r in rows]

    def found(query):
        return [rows[i].shortcut for i in matching(keys, query)]

    assert found("PROMOCAO") == ["/promo"]
    assert found("horário") == ["/horario"]
    assert found("/PI") == ["/pix"]
    assert found("nao esqueca") == ["/pix"]  # every word, any order
    assert found("comprovante chave") == ["/pix"]
    assert found("  ") == ["/horario", "/pix", "/promo"]
    assert found("inexistente") == []


# --- config file (SPEC §9 `templates`) ---------------------------------------------------------


def instance_json(templates_value):
    return config(instance_config(templates=templates_value))


def test_config_round_trip_is_byte_identical_and_sorted_by_shortcut(db, clock, tmp_path):
    from app.core.storage.db import close_database, open_database

    data = instance_json(
        [
            {
                "title": "Pix",
                "shortcut": "/PIX",
                "category": None,
                "content": "Chave:\r\n```123```",
            },
            {
                "title": "Boas-vindas",
                "shortcut": "/ola",
                "category": "Geral",
                "content": "{{saudacao}}, {{primeiro_nome}}! 😀",
            },
        ]
    )
    assert validate_config(data) == []
    import_config(data, clock)
    first = dumps(export_config())
    exported = export_config()["instances"][0]["templates"]
    assert [t["shortcut"] for t in exported] == ["/ola", "/pix"]
    assert exported[1] == {
        "title": "Pix",
        "shortcut": "/pix",
        "category": None,
        "content": "Chave:\n```123```",
    }
    close_database()
    open_database(tmp_path / "other.sqlite3")
    import json

    import_config(json.loads(first), clock)
    assert dumps(export_config()) == first


def test_config_replace_replaces_the_templates(make_instance, clock):
    loja = make_instance("Loja Centro")
    templates.create_template(loja, GOOD, clock)
    import_config(instance_json([{**GOOD, "shortcut": "/novo"}]), clock, replace=True)
    assert [r.shortcut for r in templates.list_rows(loja.id)] == ["/novo"]


def test_config_validation_names_the_json_path(db):
    base = "instances[0].templates"
    problems = validate_config(
        instance_json(
            [
                {**GOOD, "extra": 1},
                {"title": "Sem conteúdo", "shortcut": "/x", "category": None},
                {**GOOD, "shortcut": "/OLA"},
                {**GOOD, "shortcut": "/y", "content": "{{nme}}", "category": 5},
                "texto",
            ]
        )
    )
    found = {p.path: p.message for p in problems}
    assert found[f"{base}[0].extra"] == "Chave desconhecida"
    assert found[f"{base}[1].content"] == "Chave obrigatória ausente"
    assert found[f"{base}[2].shortcut"] == f"Repete o atalho de {base}[0]"
    assert "você quis dizer {{nome}}" in found[f"{base}[3].content"]
    assert found[f"{base}[3].category"] == "Deve ser um texto"
    assert found[f"{base}[4]"] == "Deve ser um objeto JSON"
    assert len(problems) == 6
    assert validate_config(instance_json({"a": 1}))[0].path == base


def test_import_of_a_bad_templates_list_writes_nothing(db, clock):
    data = instance_json([GOOD, {**GOOD, "shortcut": "/ola"}])
    with pytest.raises(ValidationError):
        import_config(data, clock)
    assert Template.select().count() == 0


def test_duplicating_an_instance_copies_its_templates(make_instance, clock):
    from app.core.config.transfer import duplicate_instance

    loja = make_instance()
    templates.create_template(loja, GOOD, clock)
    copy = duplicate_instance(loja, clock)
    assert [r.shortcut for r in templates.list_rows(copy.id)] == ["/ola"]


def test_demo_instances_get_valid_templates(db, clock):
    from app.core.storage.models import Instance
    from app.demo.instances import populate_if_empty

    populate_if_empty(clock)
    for instance in Instance.select():
        shortcuts = [r.shortcut for r in templates.list_rows(instance.id)]
        assert {"/ola", "/horario", "/pix", "/tchau"} <= set(shortcuts)
        assert 6 <= len(shortcuts) <= 8
