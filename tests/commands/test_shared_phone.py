"""`atende import` and `atende check` warn when one WhatsApp number is on two instances
(`aviso: caminho: mensagem` on stderr, exit 0: a warning, not an error)."""

from __future__ import annotations

import json

from tests.commands import cli_fixture
from tests.config_helpers import config, instance_config

atende = cli_fixture.atende  # the fixture, shared by the CLI tests


def test_import_and_check_warn_about_a_number_used_twice(db, atende, tmp_path):
    first = config(instance_config(name="Loja Centro", phone="(11) 91234-5678"))
    second = config(instance_config(name="Loja Bairro", phone="+55 11 91234-5678"))
    for name, data in (("first.json", first), ("second.json", second)):
        (tmp_path / name).write_text(json.dumps(data), "utf-8")
    code, _out, err = atende("import", str(tmp_path / "first.json"))
    assert code == 0 and "phone" not in err
    code, out, err = atende("import", str(tmp_path / "second.json"))
    assert code == 0, err
    assert "criada: Loja Bairro" in out
    assert (
        "aviso: instances[0].phone: Este número já é usado pela instância “Loja Centro”."
        in err.splitlines()
    )
    code, _out, err = atende("check")
    assert code == 0
    lines = err.splitlines()
    assert "aviso: Loja Bairro.phone: Este número já é usado pela instância “Loja Centro”." in lines
    assert "aviso: Loja Centro.phone: Este número já é usado pela instância “Loja Bairro”." in lines
