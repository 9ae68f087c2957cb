"""Time zones named as Brazilians say them (Babel, pt_BR), the IANA name as the detail."""

from __future__ import annotations

import pytest

from app.core.instances.timezones import brazilian_zones
from app.core.instances.zone_names import (
    fold,
    search_key,
    zone_choices,
    zone_from_text,
    zone_label,
    zone_labels,
)


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("America/Sao_Paulo", "Horário de Brasília (São Paulo)"),
        ("America/Manaus", "Horário do Amazonas (Manaus)"),
        ("America/Cuiaba", "Horário do Amazonas (Cuiabá)"),
        ("America/Noronha", "Horário de Fernando de Noronha"),
        ("America/Rio_Branco", "Horário do Acre (Rio Branco)"),
        ("America/Belem", "Horário de Brasília (Belém)"),
        ("Europe/Lisbon", "Horário da Europa Ocidental (Lisboa)"),
        ("America/Argentina/Buenos_Aires", "Horário Argentina (Buenos Aires)"),
        ("UTC", "UTC"),  # CLDR places it nowhere: the IANA name itself
    ],
)
def test_zone_labels_in_portuguese(zone, label):
    assert zone_label(zone) == label


def test_brazil_comes_first_sao_paulo_then_brasilia_time():
    choices = zone_choices()
    zones = [zone for zone, _label in choices]
    brazil = set(brazilian_zones())
    assert zones[0] == "America/Sao_Paulo"
    assert set(zones[: len(brazil)]) == brazil
    labels = [label for _zone, label in choices[: len(brazil)]]
    on_brasilia = [label.startswith("Horário de Brasília") for label in labels]
    assert on_brasilia == sorted(on_brasilia, reverse=True)  # all of Brasília time first
    assert labels.index("Horário do Acre (Eirunepé)") < labels.index("Horário do Amazonas (Manaus)")


def test_every_choice_has_its_own_label_and_no_alias_is_offered():
    choices = zone_choices()
    labels = [label for _zone, label in choices]
    assert len(labels) == len(set(labels))
    zones = {zone for zone, _label in choices}
    assert "Brazil/East" not in zones and "US/Pacific" not in zones
    assert {"Europe/Lisbon", "Asia/Tokyo", "UTC"} <= zones
    assert choices[-1] == ("UTC", "UTC")  # known only by its IANA name: after the named


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Horário do Acre (Rio Branco)", "America/Rio_Branco"),
        ("horário do amazonas (manaus)", "America/Manaus"),
        ("America/Cuiaba", "America/Cuiaba"),
        ("america/noronha", "America/Noronha"),
        (" America/Sao_Paulo ", "America/Sao_Paulo"),
        ("Brazil/East", "Brazil/East"),  # an alias stays valid when typed
        ("Lua/Cratera", "Lua/Cratera"),  # unknown: left for the validation to refuse
    ],
)
def test_typed_or_picked_text_gives_the_iana_name(typed, zone):
    assert zone_from_text(typed) == zone


def test_search_finds_by_name_city_or_iana_without_accents():
    key = search_key("America/Sao_Paulo")
    for typed in ("brasilia", "são paulo", "sao paulo", "america/sao", "sao_paulo"):
        assert fold(typed) in key
    assert "São Paulo" in key and "America/Sao_Paulo" in key  # as typed, accents and all
    assert fold("cuiaba") in search_key("America/Cuiaba")


def test_babels_global_data_is_let_go_once_the_names_are_known():
    """2 MiB the window would otherwise keep for its whole life (bench/memory.py)."""
    import babel.core
    from babel.core import get_global

    get_global("zone_aliases")
    assert babel.core._global_data is not None
    labels = zone_labels(["America/Manaus", "Asia/Tokyo"])
    assert labels == {
        "America/Manaus": "Horário do Amazonas (Manaus)",
        "Asia/Tokyo": "Horário do Japão (Tóquio)",
    }
    assert babel.core._global_data is None
    assert zone_label("Africa/Lagos") == "Horário da África Ocidental (Lagos)"
    assert babel.core._global_data is None
    assert zone_choices()[0] == ("America/Sao_Paulo", "Horário de Brasília (São Paulo)")
    assert babel.core._global_data is None
    assert get_global("zone_aliases")["UTC"] == "Etc/UTC", "Babel reads it again when asked"
