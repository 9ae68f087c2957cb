"""The catalogue of hostile input, round two (issue 18): names and text that look alike.

"José" typed with a composed é (NFC) and with e + a combining accent (NFD) look identical:
they are one name, stored composed, wherever a name is typed (form, config file, --instance).
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from app.cli import main
from app.core.common.validation import ValidationError
from app.core.config import file_format
from app.core.config.file_format import export_config
from app.core.instances.store import (
    create_instance,
    delete_instance,
    get_by_name,
    update_instance,
)
from app.core.storage.db import close_database, open_database
from app.core.storage.models import Instance
from tests.faults import dump
from tests.test_bad_input import VALID, assert_reported

NFC = unicodedata.normalize("NFC", "Loja do José Açaí")
NFD = unicodedata.normalize("NFD", NFC)


def test_the_two_forms_differ_as_python_strings():
    assert NFC != NFD and len(NFD) > len(NFC)


def test_a_decomposed_name_is_stored_composed(db, clock):
    instance = create_instance({**VALID, "name": NFD}, clock)
    assert Instance.get_by_id(instance.id).name == NFC


def test_the_same_name_in_another_form_is_taken(db, db_path, clock):
    create_instance({**VALID, "name": NFC}, clock)
    before = dump(db_path)
    with pytest.raises(ValidationError) as exc:
        create_instance({**VALID, "name": NFD.upper()}, clock)
    assert [p.path for p in exc.value.problems] == ["name"]
    assert "Já existe uma instância chamada" in exc.value.problems[0].message
    assert dump(db_path) == before


def test_renaming_onto_the_other_form_of_a_name_is_refused(db, clock):
    create_instance({**VALID, "name": NFC}, clock)
    other = create_instance({**VALID, "name": "Loja Norte"}, clock)
    with pytest.raises(ValidationError):
        update_instance(other, {**VALID, "name": NFD}, clock)


def test_a_name_stored_decomposed_before_this_fix_is_still_found(db, clock):
    instance = create_instance({**VALID, "name": "Loja"}, clock)
    Instance.update(name=NFD).where(Instance.id == instance.id).execute()
    assert get_by_name(NFC).id == instance.id
    with pytest.raises(ValidationError):
        create_instance({**VALID, "name": NFC}, clock)


def test_instance_option_finds_the_name_in_either_form(db_path, clock, capsys):
    open_database(db_path)
    create_instance({**VALID, "name": NFC}, clock)
    close_database()
    try:
        assert main(["--db", str(db_path), "export", "--instance", NFD]) == 0
    finally:
        close_database()
    assert json.loads(capsys.readouterr().out)["instances"][0]["name"] == NFC


# -- the config file (`atende import`) --------------------------------------------------------


def config_with(*names: str, base: dict) -> dict:
    item = base["instances"][0]
    return {**base, "instances": [{**item, "name": name} for name in names]}


@pytest.fixture
def exported(db_path, clock):
    """A valid config file's data (one instance, "Modelo"), from a database now empty."""
    open_database(db_path)
    instance = create_instance({**VALID, "name": "Modelo"}, clock)
    base = export_config()
    delete_instance(instance, clock)
    close_database()
    return base


def import_file(db_path, tmp_path, data, *args) -> int:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    try:
        return main(["--db", str(db_path), "import", *args, str(path)])
    finally:
        close_database()


def test_one_name_written_two_ways_in_one_file_is_repeated(exported, db_path, tmp_path, capsys):
    before = dump(db_path)
    assert import_file(db_path, tmp_path, config_with(NFC, NFD, base=exported)) == 2
    assert_reported(capsys.readouterr().err, "instances[1].name", "Repete o nome de instances[0]")
    assert dump(db_path) == before


def test_a_file_naming_a_stored_instance_in_the_other_form_needs_replace(
    exported, db_path, tmp_path, capsys, clock
):
    open_database(db_path)
    create_instance({**VALID, "name": NFC}, clock)
    close_database()
    before = dump(db_path)
    assert import_file(db_path, tmp_path, config_with(NFD, base=exported)) == 2
    assert_reported(capsys.readouterr().err, "instances[0].name", "Já existe uma instância")
    assert dump(db_path) == before
    assert import_file(db_path, tmp_path, config_with(NFD, base=exported), "--replace") == 0
    open_database(db_path)
    try:
        assert [i.name for i in Instance.select()] == [NFC]
    finally:
        close_database()


# -- item 16: a name created while the file was being checked is not overwritten -------------


def test_a_name_created_meanwhile_is_refused_inside_the_write(
    exported, db, db_path, clock, monkeypatch
):
    real = file_format.validate_config

    def validate_then_another_desk_creates(data, **kwargs):
        problems = real(data, **kwargs)
        create_instance({**VALID, "name": "Loja Nova", "phone": "+5511900000000"}, clock)
        return problems

    monkeypatch.setattr(file_format, "validate_config", validate_then_another_desk_creates)
    with pytest.raises(ValidationError) as exc:
        file_format.import_config(config_with("Loja Nova", base=exported), clock)
    assert [p.path for p in exc.value.problems] == ["instances[0].name"]
    assert "--replace" in exc.value.problems[0].message
    [instance] = Instance.select()
    assert instance.phone == "+5511900000000"  # the other desk's instance, untouched
