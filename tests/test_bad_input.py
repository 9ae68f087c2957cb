"""The catalogue of hostile input: every case gets a clear Portuguese message at a path, and
the database stays exactly as it was (a dump of every table compared before and after).

Config files go through the real CLI (`atende import`: read → decode → parse → validate →
write); form fields through core's `create_instance`/`update_instance` (what the instance
dialog calls). Every section in the registry gets the generic hostile values too, so the
pages added later join this catalogue without editing it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from app import i18n
from app.cli import main
from app.core.common.validation import ValidationError
from app.core.config.file_format import export_config, validate_config
from app.core.config.registry import all_sections
from app.core.instances.store import create_instance, update_instance
from app.core.storage.db import close_database, open_database
from tests.faults import dump

FIVE_MB = "x" * (5 * 1024 * 1024)
VALID = {
    "name": "Loja Nova",
    "phone": "+5511987654321",
    "plan": "intermediario",
    "timezone": "America/Sao_Paulo",
}


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[dict], Any]  # base config → dict (JSON-encoded), str (UTF-8) or bytes
    path: str
    fragment: str
    args: tuple[str, ...] = ()
    file: Callable[[Any], str] | None = None  # tmp_path → the path given to the CLI


def item(changes: dict) -> Callable[[dict], dict]:
    def make(data: dict) -> dict:
        data["instances"][0].update(changes)
        return data

    return make


def drop(key: str) -> Callable[[dict], dict]:
    def make(data: dict) -> dict:
        del data["instances"][0][key]
        return data

    return make


def top(changes: dict) -> Callable[[dict], dict]:
    return lambda data: {**data, **changes}


def text(fn: Callable[[str], str | bytes]) -> Callable[[dict], str | bytes]:
    return lambda data: fn(json.dumps(data, ensure_ascii=False))


def second_instance(name: str) -> Callable[[dict], dict]:
    def make(data: dict) -> dict:
        data["instances"].append({**data["instances"][0], "name": name})
        return data

    return make


NESTED = "[" * 100_000 + "]" * 100_000

CONFIG_CASES = [
    # -- the file itself: encodings, truncation, not JSON --------------------------------
    Case("truncated", text(lambda t: t[: len(t) // 2]), "arquivo", "JSON inválido na linha"),
    Case("empty-file", lambda d: "", "arquivo", "esperava-se um valor"),
    Case("not-json", lambda d: "isto não é JSON", "arquivo", "esperava-se um valor"),
    Case("trailing-garbage", text(lambda t: t + "}"), "arquivo", "mais conteúdo depois"),
    Case("utf16", text(lambda t: t.encode("utf-16")), "arquivo", "UTF-16"),
    Case(
        "cp1252",
        text(lambda t: t.replace("Loja Nova", "Açaí").encode("cp1252")),
        "arquivo",
        "não é um texto UTF-8",
    ),
    Case(
        "raw-nul-in-text",
        text(lambda t: t.replace("Loja Nova", "Loja\x00Nova")),
        "arquivo",
        "caractere de controle dentro de um texto",
    ),
    Case(
        "nan",
        text(lambda t: t.replace('"version": 2', '"version": NaN')),
        "arquivo",
        "NaN não é JSON válido",
    ),
    Case("deep-nesting", lambda d: NESTED, "arquivo", "aninhados demais"),
    Case(
        "huge-integer",
        text(lambda t: t.replace('"version": 2', '"version": ' + "9" * 5000)),
        "arquivo",
        "dígitos demais",
    ),
    Case(
        "duplicate-key",
        text(lambda t: t.replace('"plan":', '"plan": "basico", "plan":', 1)),
        "arquivo",
        "A chave “plan” aparece duas vezes",
    ),
    Case(
        "escaped-lone-surrogate",
        text(lambda t: t.replace("Loja Nova", "Loja \\ud800")),
        "instances[0].name",
        "caractere inválido",
    ),
    Case("raw-surrogate-bytes", item({"name": "Loja \ud800"}), "arquivo", "não é um texto UTF-8"),
    Case(
        "traversal-file-name",
        lambda d: d,
        "arquivo",
        "Não foi possível ler",
        file=lambda tmp: str(tmp / ".." / ".." / "nao-existe" / ".." / "config.json"),
    ),
    # -- the envelope ----------------------------------------------------------------------
    Case("top-level-array", lambda d: [d], "$", "Deve ser um objeto JSON"),
    Case("top-level-string", lambda d: '"atende"', "$", "Deve ser um objeto JSON"),
    Case("wrong-format", top({"format": "outro"}), "format", 'Deve ser "atende-config"'),
    Case("newer-version", top({"version": 3}), "version", "mais nova do que este Atende"),
    Case("version-as-text", top({"version": "1"}), "version", "número inteiro"),
    Case("version-bool", top({"version": True}), "version", "número inteiro"),
    Case("version-zero", top({"version": 0}), "version", "Deve ser 1"),
    Case("version-float", top({"version": 1.5}), "version", "número inteiro"),
    Case("unknown-top-key", top({"extra": 1}), "extra", "Chave desconhecida"),
    Case("instances-object", top({"instances": {}}), "instances", "Deve ser uma lista"),
    Case("instance-not-object", top({"instances": [42]}), "instances[0]", "objeto JSON"),
    # -- one instance's keys and values ----------------------------------------------------
    Case(
        "unknown-instance-key", item({"apelido": "x"}), "instances[0].apelido", "Chave desconhecida"
    ),
    Case("missing-phone", drop("phone"), "instances[0].phone", "Deve ser um texto"),
    Case(
        "missing-section",
        drop("prioritize_attendance"),
        "instances[0].prioritize_attendance",
        "Chave obrigatória ausente",
    ),
    Case("empty-name", item({"name": "   "}), "instances[0].name", "Informe um nome"),
    Case("long-name", item({"name": "L" * 61}), "instances[0].name", "no máximo 60"),
    Case("five-mb-name", item({"name": FIVE_MB}), "instances[0].name", "no máximo 60"),
    Case(
        "nul-in-name",
        item({"name": "Loja\u0000Nova"}),
        "instances[0].name",
        "caractere de controle invisível na posição 5",
    ),
    Case(
        "escape-in-name",
        item({"name": "Loja \x1b[31mNova"}),
        "instances[0].name",
        "caractere de controle",
    ),
    Case("name-number", item({"name": 123}), "instances[0].name", "Deve ser um texto"),
    Case("name-null", item({"name": None}), "instances[0].name", "Deve ser um texto"),
    Case(
        "duplicate-names",
        second_instance("  loja   NOVA "),
        "instances[1].name",
        "Repete o nome de instances[0]",
    ),
    Case(
        "existing-name",
        item({"name": "Loja Centro"}),
        "instances[0].name",
        "Já existe uma instância com este nome",
    ),
    Case("short-phone", item({"phone": "123"}), "instances[0].phone", "telefone brasileiro"),
    Case("emoji-phone", item({"phone": "🍕🍕🍕"}), "instances[0].phone", "telefone brasileiro"),
    Case(
        "foreign-phone",
        item({"phone": "+1 212 555 0100"}),
        "instances[0].phone",
        "telefone brasileiro",
    ),
    Case(
        "five-mb-phone",
        item({"phone": "9" * len(FIVE_MB)}),
        "instances[0].phone",
        "telefone brasileiro",
    ),
    Case(
        "sql-in-phone",
        item({"phone": "11 91234-5678'); DROP TABLE instance;--"}),
        "instances[0].phone",
        "telefone brasileiro",
    ),
    Case(
        "phone-number-type", item({"phone": 11912345678}), "instances[0].phone", "Deve ser um texto"
    ),
    Case("unknown-plan", item({"plan": "ouro"}), "instances[0].plan", "Plano desconhecido"),
    Case("plan-label", item({"plan": "Básico"}), "instances[0].plan", "Plano desconhecido"),
    Case(
        "sql-in-plan",
        item({"plan": "basico' OR '1'='1"}),
        "instances[0].plan",
        "Plano desconhecido",
    ),
    Case(
        "timezone-traversal",
        item({"timezone": "../../../../etc/passwd"}),
        "instances[0].timezone",
        "Fuso horário desconhecido",
    ),
    Case(
        "timezone-absolute",
        item({"timezone": "/etc/localtime"}),
        "instances[0].timezone",
        "Fuso horário desconhecido",
    ),
    Case(
        "timezone-five-mb",
        item({"timezone": FIVE_MB}),
        "instances[0].timezone",
        "Fuso horário desconhecido",
    ),
    Case(
        "timezone-nul",
        item({"timezone": "America/Sao_Paulo\x00"}),
        "instances[0].timezone",
        "Fuso horário desconhecido",
    ),
    Case(
        "prioritize-text",
        item({"prioritize_attendance": "true"}),
        "instances[0].prioritize_attendance",
        "Deve ser true ou false",
    ),
    Case(
        "prioritize-one",
        item({"prioritize_attendance": 1}),
        "instances[0].prioritize_attendance",
        "Deve ser true ou false",
    ),
    Case(
        "prioritize-null",
        item({"prioritize_attendance": None}),
        "instances[0].prioritize_attendance",
        "Deve ser true ou false",
    ),
    Case(
        "replace-still-validates",
        item({"name": "Loja Centro", "plan": "ouro"}),
        "instances[0].plan",
        "Plano desconhecido",
        args=("--replace",),
    ),
]


@pytest.fixture
def stored(db_path, clock):
    """A database holding "Loja Centro", closed; returns a valid config with "Loja Nova"
    whose sections carry the values a new instance exports (every registered section)."""
    open_database(db_path)
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    base = export_config()
    base["instances"][0]["name"] = "Loja Nova"
    close_database()
    return base


def encode(payload: Any) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogatepass")
    return json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")


def run_import(db_path, tmp_path, payload, args=(), file=None) -> int:
    path = tmp_path / "hostile.json"
    path.write_bytes(encode(payload))
    target = file(tmp_path) if file else str(path)
    try:
        return main(["--db", str(db_path), "import", *args, target])
    finally:
        close_database()


def assert_reported(err: str, path: str, fragment: str) -> None:
    lines = err.splitlines()
    assert any(line.startswith(f"{path}: ") and fragment in line for line in lines), (
        f"expected “{path}: …{fragment}…” in:\n{err[:2000]}"
    )


def test_the_catalogue_is_big_enough():
    assert len(CONFIG_CASES) + len(FORM_CASES) >= 40
    assert len({c.id for c in CONFIG_CASES}) == len(CONFIG_CASES)


def test_the_valid_base_imports(stored, db_path, tmp_path):
    """Control: without the hostile change the same file is accepted."""
    assert run_import(db_path, tmp_path, stored) == 0


@pytest.mark.parametrize("case", CONFIG_CASES, ids=lambda c: c.id)
def test_hostile_config_file(case, stored, db_path, tmp_path, capsys):
    payload = case.make(copy.deepcopy(stored))
    before = dump(db_path)
    code = run_import(db_path, tmp_path, payload, case.args, case.file)
    err = capsys.readouterr().err
    assert code == 2, err[:2000]
    assert_reported(err, case.path, case.fragment)
    assert dump(db_path) == before


GENERIC_SECTION_VALUES = [None, FIVE_MB, 12345, -1, {"chave_estranha": 1}, ["lista"]]


def section_cases() -> list[tuple[str, Any]]:
    return [(s.key, v) for s in all_sections() for v in GENERIC_SECTION_VALUES]


@pytest.mark.parametrize(
    ("key", "value"),
    section_cases(),
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else type(v).__name__,
)
def test_hostile_section_values(key, value, stored, db_path, tmp_path, capsys):
    data = copy.deepcopy(stored)
    data["instances"][0][key] = value
    before = dump(db_path)
    code = run_import(db_path, tmp_path, data)
    err = capsys.readouterr().err
    assert code == 2
    path = f"instances[0].{key}"
    assert any(line.startswith(path) for line in err.splitlines()), err[:2000]
    assert dump(db_path) == before
    open_database(db_path)
    try:
        portuguese = [p for p in validate_config(data) if p.path.startswith(path)]
        i18n.install("en")
        english = [p for p in validate_config(data) if p.path.startswith(path)]
    finally:
        i18n.install("pt_BR")
        close_database()
    assert [p.message for p in portuguese] != [p.message for p in english], "translated"


# -- form fields: what the instance dialog saves through core -------------------------------

FORM_CASES = [
    ("empty-name", {"name": ""}, "name", "Informe um nome"),
    ("spaces-name", {"name": " \t\n "}, "name", "Informe um nome"),
    ("long-name", {"name": "Ç" * 61}, "name", "no máximo 60"),
    ("five-mb-name", {"name": FIVE_MB}, "name", "no máximo 60"),
    ("nul-name", {"name": "\x00"}, "name", "caractere de controle"),
    ("bell-name", {"name": "Loja\x07"}, "name", "caractere de controle"),
    ("surrogate-name", {"name": "Loja \udc80"}, "name", "caractere de controle"),
    ("taken-name", {"name": "  LOJA centro "}, "name", "Já existe uma instância chamada"),
    ("letters-phone", {"phone": "abc"}, "phone", "telefone brasileiro"),
    ("blank-phone", {"phone": "   "}, "phone", "Informe o número"),
    ("emoji-phone", {"phone": "😀"}, "phone", "telefone brasileiro"),
    ("sql-phone", {"phone": "'; DELETE FROM instance; --"}, "phone", "telefone brasileiro"),
    ("landline-too-short", {"phone": "(11) 2555-12"}, "phone", "telefone brasileiro"),
    ("bad-plan", {"plan": "premium"}, "plan", "Plano desconhecido"),
    (
        "traversal-zone",
        {"timezone": "../zoneinfo/America/Sao_Paulo"},
        "timezone",
        "Fuso horário desconhecido",
    ),
    ("empty-zone", {"timezone": ""}, "timezone", "Fuso horário desconhecido"),
]


@pytest.mark.parametrize(
    ("case_id", "changes", "path", "fragment"), FORM_CASES, ids=[c[0] for c in FORM_CASES]
)
def test_hostile_instance_fields(case_id, changes, path, fragment, db, db_path, clock):
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    before = dump(db_path)
    with pytest.raises(ValidationError) as exc:
        create_instance({**VALID, **changes}, clock)
    assert any(p.path == path and fragment in p.message for p in exc.value.problems), (
        exc.value.problems
    )
    assert dump(db_path) == before


def test_renaming_onto_another_instance_is_refused(db, db_path, clock):
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    other = create_instance({**VALID, "name": "Loja Norte"}, clock)
    before = dump(db_path)
    with pytest.raises(ValidationError) as exc:
        update_instance(other, {**VALID, "name": "loja centro"}, clock)
    assert [p.path for p in exc.value.problems] == ["name"]
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "name",
    ["Robert'); DROP TABLE instance;--", "Pizzaria 🍕 do Zé", "名古屋 Sushi", "O'Brien & Filhos"],
)
def test_odd_but_valid_names_are_stored_verbatim_and_round_trip(name, db, db_path, clock):
    """Not errors: SQL-looking text, emoji and other scripts are data, nothing more."""
    create_instance({**VALID, "name": name}, clock)
    text = json.dumps(export_config(), ensure_ascii=False)
    assert name in text
    assert {"instance", "history_event", "schema_version"} <= set(dump(db_path))
