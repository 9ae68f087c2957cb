"""Mensagens predefinidas → canned responses: created, updated, equal, never deleted."""

from __future__ import annotations

from app.core.chatwoot.canned import CREATED, NOT_SENT, SAME, UPDATED, push_templates, translate
from app.core.storage.models import Template


def add(instance, shortcut, content, clock):
    Template.create(
        instance=instance,
        title=shortcut,
        shortcut=shortcut,
        content=content,
        created_at=clock.now(),
        updated_at=clock.now(),
    )


def test_translation_of_variables():
    text, missing = translate(
        "Olá {{primeiro_nome}}, aqui é {{ operador }} da {{empresa}}.", "Loja"
    )
    assert text == "Olá {{contact.first_name}}, aqui é {{agent.name}} da Loja."
    assert missing == []
    assert translate("{{saudacao}}, {{nome}}! {{data}} {{saudacao}}", "Loja")[1] == [
        "data",
        "saudacao",
    ]


def test_push_creates_updates_and_never_deletes(shop, clock):
    fake = shop.fake
    fake.state.canned[1] = {"id": 1, "account_id": 7, "short_code": "ola", "content": "velho"}
    fake.state.canned[2] = {"id": 2, "account_id": 7, "short_code": "deles", "content": "x"}
    add(shop.instance, "/ola", "Olá, {{nome}}!", clock)
    add(shop.instance, "/pix", "Nossa chave Pix: 123", clock)
    add(shop.instance, "/bomdia", "{{saudacao}}, {{nome}}!", clock)
    results = {r.shortcut: r for r in push_templates(shop.instance, shop.client)}
    assert {k: r.outcome for k, r in results.items()} == {
        "/bomdia": NOT_SENT,
        "/ola": UPDATED,
        "/pix": CREATED,
    }
    assert "{{saudacao}}" in results["/bomdia"].reason
    codes = {r["short_code"]: r["content"] for r in fake.state.canned.values()}
    assert codes == {"ola": "Olá, {{contact.name}}!", "deles": "x", "pix": "Nossa chave Pix: 123"}
    again = {r.shortcut: r.outcome for r in push_templates(shop.instance, shop.client)}
    assert again["/ola"] == again["/pix"] == SAME
