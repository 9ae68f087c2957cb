"""The config file of SPEC §9: strict, all-or-nothing, canonical."""

from __future__ import annotations

import copy

import pytest

from app.core.common.validation import ValidationError
from app.core.config import file_format as config_file
from app.core.storage.models import Instance


def valid_config(db=None):
    """A valid file built from what this version exports (so new sections join in)."""
    from datetime import UTC, datetime

    from app.core.common.clock import FixedClock
    from app.core.instances.store import create_instance

    clock = FixedClock(datetime(2025, 1, 1, tzinfo=UTC))
    inst = create_instance(
        {
            "name": "Modelo",
            "phone": "+5511912345678",
            "plan": "avancado",
            "timezone": "America/Sao_Paulo",
        },
        clock,
    )
    data = config_file.export_config()
    inst.delete_instance()
    item = data["instances"][0]
    item.update({"name": "Loja Centro", "prioritize_attendance": True})
    second = copy.deepcopy(item)
    second.update(
        {
            "name": "Açaí do Norte",
            "phone": "+5592991234567",
            "plan": "basico",
            "timezone": "America/Manaus",
            "prioritize_attendance": False,
        }
    )
    data["instances"] = [item, second]
    return data


def test_round_trip_is_byte_identical(db, clock):
    data = valid_config()
    result = config_file.import_config(data, clock)
    assert sorted(result.created) == ["Açaí do Norte", "Loja Centro"]
    first = config_file.dumps(config_file.export_config())
    assert first.endswith("}\n") and "\\u" not in first
    assert first.index("Açaí do Norte") < first.index("Loja Centro")  # sorted by name
    for inst in Instance.select():
        inst.delete_instance()
    config_file.import_config(__import__("json").loads(first), clock)
    assert config_file.dumps(config_file.export_config()) == first


def paths(exc):
    return [p.path for p in exc.value.problems]


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(version=3), "version"),
        (lambda d: d.update(version="1"), "version"),
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d.pop("instances"), "instances"),
        (lambda d: d["instances"][0].update(colour="red"), "instances[0].colour"),
        (lambda d: d["instances"][0].pop("phone"), "instances[0].phone"),
        (lambda d: d["instances"][0].update(phone="12"), "instances[0].phone"),
        (lambda d: d["instances"][1].update(plan="gold"), "instances[1].plan"),
        (lambda d: d["instances"][1].update(timezone="Nowhere"), "instances[1].timezone"),
        (
            lambda d: d["instances"][0].update(prioritize_attendance="yes"),
            "instances[0].prioritize_attendance",
        ),
        (lambda d: d["instances"][1].update(name="loja centro"), "instances[1].name"),
        (lambda d: d.update(instances={}), "instances"),
        (lambda d: d["instances"].append(5), "instances[2]"),
    ],
)
def test_bad_files_name_the_path_and_write_nothing(db, clock, mutate, path):
    data = valid_config()
    mutate(data)
    with pytest.raises(ValidationError) as exc:
        config_file.import_config(data, clock)
    assert path in paths(exc)
    assert Instance.select().count() == 0


def test_existing_name_needs_replace_and_replace_keeps_it_single(db, clock):
    data = valid_config()
    config_file.import_config(data, clock)
    with pytest.raises(ValidationError) as exc:
        config_file.import_config(data, clock)
    assert "instances[0].name" in paths(exc)
    data["instances"][0]["plan"] = "intermediario"
    result = config_file.import_config(data, clock, replace=True)
    assert sorted(result.replaced) == ["Açaí do Norte", "Loja Centro"]
    assert Instance.select().count() == 2
    assert Instance.get(Instance.name == "Loja Centro").plan == "intermediario"


def test_prioritize_on_basico_imports_with_a_warning(db, clock):
    data = valid_config()
    data["instances"][1]["prioritize_attendance"] = True  # Açaí is on Básico
    result = config_file.import_config(data, clock)
    assert [w.path for w in result.warnings] == ["instances[1].prioritize_attendance"]
    assert Instance.get(Instance.name == "Açaí do Norte").prioritize_attendance is True


def test_parse_errors_give_line_and_column():
    data, problems = config_file.parse_text('{"format": "atende-config",\n  "version": }')
    assert data is None
    assert problems[0].path == "arquivo"
    assert "linha 2, coluna 14" in problems[0].message
