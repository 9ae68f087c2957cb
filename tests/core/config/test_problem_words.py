"""Problem paths in words for the window (issue 17 item 14); the CLI keeps the raw paths."""

from __future__ import annotations

import copy

import pytest

from app.core.common.validation import errors
from app.core.config import file_format
from app.core.config.problem_words import describe_path
from tests.core.config.test_config_file import valid_config

DATA = {
    "instances": [
        {
            "name": "Loja Centro",
            "schedule": {"special_dates": [{"date": "2025-12-24"}, {"date": "24/12"}]},
            "templates": [{"title": "Boas-vindas"}, {"title": ""}],
        },
        {"phone": "x"},
    ]
}

TABLE = [
    (
        "instances[0].schedule.week.monday[1][1]",
        "Loja Centro → Agenda de funcionamento → segunda-feira, 2º intervalo, fim",
    ),
    (
        "instances[0].schedule.week.sunday[0][0]",
        "Loja Centro → Agenda de funcionamento → domingo, 1º intervalo, início",
    ),
    (
        "instances[0].schedule.week.friday[2]",
        "Loja Centro → Agenda de funcionamento → sexta-feira, 3º intervalo",
    ),
    ("instances[0].schedule.week.friday", "Loja Centro → Agenda de funcionamento → sexta-feira"),
    ("instances[0].schedule.week", "Loja Centro → Agenda de funcionamento → Semana"),
    ("instances[0].schedule.enabled", "Loja Centro → Agenda de funcionamento → Chave da agenda"),
    (
        "instances[0].schedule.holidays.country",
        "Loja Centro → Agenda de funcionamento → Feriados → País",
    ),
    (
        "instances[0].schedule.holidays.subdivision",
        "Loja Centro → Agenda de funcionamento → Feriados → Estado",
    ),
    (
        "instances[0].schedule.special_dates[0].intervals[0][1]",
        "Loja Centro → Agenda de funcionamento → data especial 24/12/2025, 1º intervalo, fim",
    ),
    (
        "instances[0].schedule.special_dates[1].date",
        "Loja Centro → Agenda de funcionamento → data especial 2, data",
    ),
    ("instances[0].schedule", "Loja Centro → Agenda de funcionamento"),
    ("instances[0].name", "Loja Centro → Nome"),
    ("instances[0].phone", "Loja Centro → Número do WhatsApp"),
    ("instances[0].plan", "Loja Centro → Plano"),
    ("instances[0].timezone", "Loja Centro → Fuso horário"),
    ("instances[0].prioritize_attendance", "Loja Centro → Priorizar atendimento"),
    ("instances[1].phone", "Instância 2 → Número do WhatsApp"),
    ("instances[7]", "Instância 8"),
    (
        "instances[0].auto_close.timeout_minutes",
        "Loja Centro → Encerramento automático → Tempo limite",
    ),
    (
        "instances[0].auto_close.warning.minutes_before",
        "Loja Centro → Encerramento automático → Aviso antes de encerrar → "
        "Minutos antes do encerramento",
    ),
    (
        "instances[0].auto_close.warning.message",
        "Loja Centro → Encerramento automático → Aviso antes de encerrar → Mensagem de aviso",
    ),
    (
        "instances[0].templates[0].shortcut",
        "Loja Centro → Mensagens predefinidas → mensagem “Boas-vindas”, Atalho",
    ),
    (
        "instances[0].templates[1].content",
        "Loja Centro → Mensagens predefinidas → mensagem 2, Texto",
    ),
    ("instances[0].colour", "Loja Centro → “colour”"),
    ("instances[0].auto_close.typo_key", "Loja Centro → Encerramento automático → “typo_key”"),
    ("$", "O arquivo"),
    ("arquivo", "O arquivo"),
    ("format", "Formato do arquivo"),
    ("version", "Versão do arquivo"),
    ("instances", "Lista de instâncias"),
]


@pytest.mark.parametrize(("path", "words"), TABLE)
def test_path_in_words(path, words):
    assert describe_path(path, DATA) == words


def test_a_section_path_of_one_instance():
    """Copying settings to an instance tells the section's own paths."""
    assert describe_path("schedule.week.tuesday[0][0]") == (
        "Agenda de funcionamento → terça-feira, 1º intervalo, início"
    )
    assert describe_path("auto_close.timeout_minutes") == "Encerramento automático → Tempo limite"
    assert describe_path("templates[0].title", [{"title": "Pix"}]) == (
        "Mensagens predefinidas → mensagem “Pix”, Título"
    )


def test_without_the_file_positions_are_named():
    assert describe_path("instances[2].templates[0].title") == (
        "Instância 3 → Mensagens predefinidas → mensagem 1, Título"
    )


def broken_config(db) -> dict:
    """A file with an error in every field the validation looks at."""
    data = valid_config(db)
    item = data["instances"][0]
    item.update({"phone": "12", "plan": "ouro", "timezone": "Lua/Base", "extra": 1})
    item["prioritize_attendance"] = "sim"
    item["auto_close"].update(
        {
            "enabled": "yes",
            "timeout_minutes": 0,
            "close_assigned_by_operator": 1,
            "closing_message": "{{nome",
            "count": "lunar",
            "warning": {"minutes_before": "5", "message": 3},
        }
    )
    item["schedule"] = {
        "enabled": "no",
        "week": {
            "monday": [["08:00", "12:00"], ["11:00", "25:00"]],
            "tuesday": [["18:00", "08:00"]],
            "wednesday": "all day",
            "thursday": [["8", "x"]],
            "friday": [],
            "saturday": [["08:00"]],
            "sunday": [],
        },
        "holidays": {"country": "AR", "subdivision": "ZZ"},
        "special_dates": [{"date": "2025-02-30", "intervals": [["09:00", "08:00"]]}, 3],
    }
    item["templates"] = [
        {"title": "", "shortcut": "sem barra", "category": 5, "content": ""},
        {"title": "Dois", "shortcut": "/a", "category": None, "content": "{{nada}}"},
        "x",
    ]
    second = copy.deepcopy(data["instances"][1])
    second["name"] = item["name"]
    data["instances"].append(second)
    return data


def test_every_problem_of_a_broken_file_reads_as_words(db):
    data = broken_config(db)
    problems = errors(file_format.validate_config(data, replace=True))
    assert len(problems) >= 25
    for problem in problems:
        words = describe_path(problem.path, data)
        assert "[" not in words and "instances" not in words, (problem.path, words)
        if "unknown key" not in problem.message and "desconhecida" not in problem.message:
            assert "“" not in words or "mensagem “" in words, (problem.path, words)
        assert words.startswith(("Loja Centro", "Açaí do Norte")), (problem.path, words)
