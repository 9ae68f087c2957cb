"""The File menu's dialogs: they show core's plan and collect choices, nothing else."""

from __future__ import annotations

from app.core.common.validation import Problem
from app.core.config.file_format import export_config
from app.core.config.registry import all_sections
from app.core.config.transfer import plan_import
from app.core.storage.models import Instance
from app.i18n import _
from app.ui.dialogs.config_dialogs import (
    KEEP_EXISTING,
    REPLACE_EXISTING,
    CopySectionsDialog,
    ExportScopeDialog,
    ImportSummaryDialog,
    ProblemsDialog,
    file_problems_intro,
)


def test_copy_dialog_offers_every_registered_section(db, make_instance, qtbot):
    centro, norte = make_instance("Loja Centro"), make_instance("Loja Norte")
    dialog = CopySectionsDialog(list(Instance.select().order_by(Instance.name)), norte.id)
    qtbot.addWidget(dialog)
    assert list(dialog.checks) == [s.key for s in all_sections()]
    assert [c.text() for c in dialog.checks.values()] == [_(s.title) for s in all_sections()]
    assert dialog.checks["prioritize_attendance"].text() == "Priorizar atendimento"
    assert all(c.isChecked() for c in dialog.checks.values())
    assert dialog.choice() == (norte.id, centro.id, [s.key for s in all_sections()])
    dialog.target.setCurrentIndex(dialog.target.findData(norte.id))
    assert not dialog.ok_button.isEnabled() and not dialog.same_warning.isHidden()
    dialog.target.setCurrentIndex(dialog.target.findData(centro.id))
    for check in dialog.checks.values():
        check.setChecked(False)
    assert not dialog.ok_button.isEnabled(), "nothing chosen, nothing to copy"
    dialog.checks["prioritize_attendance"].setChecked(True)
    assert dialog.ok_button.isEnabled()
    assert dialog.choice() == (norte.id, centro.id, ["prioritize_attendance"])


def test_summary_tree_and_the_replace_choice(db, make_instance, clock, qtbot):
    make_instance("Loja Centro", plan="basico")
    data = export_config()
    data["instances"][0]["plan"] = "avancado"
    dialog = ImportSummaryDialog("/tmp/config.json", plan_import(data, clock))
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    assert (top.text(0), top.text(1)) == ("Loja Centro", "configuração substituída")
    rows = {top.child(i).text(0): top.child(i).text(1) for i in range(top.childCount())}
    assert rows["Plano"] == "será alterada" and rows["Nome"] == "continua igual"
    assert dialog.replace_button.isVisibleTo(dialog)
    assert dialog.choice() == REPLACE_EXISTING and dialog.ok_button.isEnabled()
    dialog.keep_button.setChecked(True)
    assert dialog.choice() == KEEP_EXISTING
    assert not dialog.ok_button.isEnabled(), "keeping the only instance leaves nothing to do"


def test_summary_of_new_instances_has_no_replace_question(db, make_instance, clock, qtbot):
    make_instance("Loja Centro")
    data = export_config()
    data["instances"][0]["name"] = "Loja Nova"
    dialog = ImportSummaryDialog("/tmp/config.json", plan_import(data, clock))
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItem(0).text(1) == "será criada"
    assert not dialog.replace_button.isVisibleTo(dialog)
    assert dialog.ok_button.text() == "Importar configuração"


def test_export_scope_and_problems_dialogs(qtbot):
    scope = ExportScopeDialog("Loja Centro")
    qtbot.addWidget(scope)
    assert scope.current_button.text() == "Somente “Loja Centro”"
    assert not scope.only_current()
    scope.current_button.setChecked(True)
    assert scope.only_current()
    problems = [Problem("instances[0].plan", "Plano desconhecido")]
    dialog = ProblemsDialog(
        "O arquivo não foi importado", file_problems_intro("/tmp/c.json", 1), problems
    )
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text() == "instances[0].plan: Plano desconhecido"
    assert file_problems_intro("/tmp/c.json", 1) == (
        "/tmp/c.json tem 1 problema. Nada foi importado; corrija-o e tente de novo."
    )


def test_problems_in_words_keep_the_raw_path_as_tooltip(qtbot):
    from functools import partial

    from app.core.config.problem_words import describe_path

    data = {"instances": [{"name": "Loja Centro"}]}
    path = "instances[0].schedule.week.monday[1][1]"
    dialog = ProblemsDialog(
        "O arquivo não foi importado",
        "intro",
        [Problem(path, "use HH:MM")],
        describe=partial(describe_path, data=data),
    )
    qtbot.addWidget(dialog)
    item = dialog.list.item(0)
    assert item.text() == (
        "Loja Centro → Agenda de funcionamento → segunda-feira, 2º intervalo, fim: use HH:MM"
    )
    assert item.toolTip() == path


def test_import_summary_warnings_say_where_in_words(qtbot):
    from functools import partial

    from PySide6.QtWidgets import QLabel

    from app.core.config.problem_words import describe_path
    from app.core.config.transfer import ImportPlan

    warning = Problem("instances[0].auto_close", "nada será encerrado", warning=True)
    data = {"instances": [{"name": "Loja Centro"}]}
    dialog = ImportSummaryDialog(
        "/tmp/c.json", ImportPlan([], [warning]), describe=partial(describe_path, data=data)
    )
    qtbot.addWidget(dialog)
    [label] = [w for w in dialog.findChildren(QLabel) if w.text().startswith("⚠")]
    assert label.text() == "⚠ Loja Centro → Encerramento automático: nada será encerrado"
    assert label.toolTip() == "instances[0].auto_close"
