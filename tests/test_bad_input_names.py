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
from app.core.instances.store import create_instance, get_by_name, update_instance
from app.core.storage.db import close_database, open_database
from app.core.storage.models import Instance
from tests.faults import dump
from tests.test_bad_input import VALID

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
