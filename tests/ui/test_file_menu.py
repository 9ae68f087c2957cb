"""The File menu: export, import with a summary, copy settings, restore a backup."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.config.file_format import dumps, export_config
from app.core.config.transfer import CREATE, REPLACE
from app.core.storage.backup import backup_database, list_backups
from app.core.storage.models import Instance
from app.ui.context import AppContext
from app.ui.dialogs.config_dialogs import KEEP_EXISTING, REPLACE_EXISTING
from app.ui.main_window import MainWindow
from tests.faults import dump, fill_disk


class Answers:
    """Records what the menu asked and shows, and answers its questions."""

    def __init__(self, actions, **answers):
        self.problems: list[tuple[str, str, list]] = []
        self.messages: list[tuple[str, str, QMessageBox.Icon]] = []
        self.plans = []
        self.answers = answers
        self.words = []  # how the window reads each problem's path
        actions.show_problems = lambda title, intro, problems, words=None: (
            self.problems.append((title, intro, problems)),
            self.words.append([words(p.path) for p in problems] if words else None),
        )
        actions.show_message = lambda title, text, icon: self.messages.append((title, text, icon))
        actions.confirm_import = self._confirm_import
        actions.confirm = lambda title, text, action: answers.get("confirm", True)
        actions.ask_save_path = lambda default: answers["save_path"](default)
        actions.ask_export_scope = lambda name: answers.get("only_current", False)

    def _confirm_import(self, path, plan, words=None):
        self.plans.append(plan)
        self.warning_words = [words(w.path) for w in plan.warnings] if words else None
        return self.answers.get("import_choice", REPLACE_EXISTING)


@pytest.fixture
def window(qtbot, db, db_path, clock):
    win = MainWindow(AppContext(clock, db_path))
    qtbot.addWidget(win)
    return win


def menu_texts(win) -> list[str]:
    menu = win.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_file_menu_offers_its_actions_in_portuguese(window):
    assert window.menuBar().actions()[0].text() == "&Arquivo"
    assert menu_texts(window) == [
        "&Exportar configuração…",
        "&Importar configuração…",
        "Importar &atendimentos…",
        "&Copiar configurações para outra instância…",
        "&Restaurar backup…",
        "&Banco de dados…",
        "&Sair",
    ]


def test_export_all_or_only_the_current_instance(window, make_instance, tmp_path):
    make_instance("Loja Centro")
    make_instance("../../Loja Norte")
    window.home.reload()
    chosen = []
    answers = Answers(
        window.file_actions,
        only_current=True,
        save_path=lambda default: chosen.append(default) or str(tmp_path / "one.json"),
    )
    window.home.table.selectRow(0)  # "../../Loja Norte" sorts first
    window.file_actions.export_config()
    assert chosen == ["loja-norte.json"], "a name never becomes a path"
    data = json.loads((tmp_path / "one.json").read_text("utf-8"))
    assert [i["name"] for i in data["instances"]] == ["../../Loja Norte"]
    answers.answers["only_current"] = False
    answers.answers["save_path"] = lambda default: str(tmp_path / "all.json")
    window.file_actions.export_config()
    assert (tmp_path / "all.json").read_text("utf-8") == dumps(export_config())


def test_export_to_an_unwritable_place_says_so(window, make_instance, tmp_path):
    answers = Answers(window.file_actions)
    assert not window.file_actions.export_to(tmp_path / "missing" / "x.json")
    assert "Nada foi gravado" in answers.messages[0][1]


def write_config(tmp_path, data) -> object:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_file_with_errors_lists_them_all_and_writes_nothing(
    window, make_instance, tmp_path, db_path
):
    make_instance("Loja Centro")
    data = export_config()
    data["instances"][0]["plan"] = "ouro"
    data["instances"][0]["phone"] = "123"
    before = dump(db_path)
    answers = Answers(window.file_actions)
    assert not window.file_actions.import_from(write_config(tmp_path, data))
    title, intro, problems = answers.problems[0]
    assert title == "O arquivo não foi importado"
    assert "tem 2 problemas. Nada foi importado" in intro
    assert [p.path for p in problems] == ["instances[0].phone", "instances[0].plan"]
    # The window says where in words (issue 17 item 14); the CLI keeps the paths.
    assert answers.words[0] == ["Loja Centro → Número do WhatsApp", "Loja Centro → Plano"]
    assert answers.plans == [], "no summary for a bad file"
    assert dump(db_path) == before


def test_a_file_in_utf16_is_explained(window, tmp_path):
    path = tmp_path / "config.json"
    path.write_bytes(json.dumps(export_config()).encode("utf-16"))
    answers = Answers(window.file_actions)
    window.file_actions.import_from(path)
    [problem] = answers.problems[0][2]
    assert problem.path == "arquivo" and "UTF-16" in problem.message


def test_import_shows_the_plan_then_replaces(window, make_instance, tmp_path, clock):
    make_instance("Loja Centro", plan="basico")
    data = export_config()
    data["instances"][0]["plan"] = "avancado"
    data["instances"].append({**data["instances"][0], "name": "Loja Nova"})
    answers = Answers(window.file_actions)
    with_signal = []
    window.context.instances_changed.connect(lambda: with_signal.append(True))
    assert window.file_actions.import_from(write_config(tmp_path, data))
    [plan] = answers.plans
    assert [(p.name, p.action) for p in plan.instances] == [
        ("Loja Centro", REPLACE),
        ("Loja Nova", CREATE),
    ]
    assert Instance.get(Instance.name == "Loja Centro").plan == "avancado"
    assert [r.name for r in window.home.model.rows] == ["Loja Centro", "Loja Nova"]
    assert with_signal
    assert window.statusBar().currentMessage() == (
        "Configuração importada: 1 instância criada, 1 substituída."
    )


def test_keeping_the_existing_instances_imports_only_the_new_ones(window, make_instance, tmp_path):
    make_instance("Loja Centro", plan="basico")
    data = export_config()
    data["instances"][0]["plan"] = "avancado"
    data["instances"].append({**data["instances"][0], "name": "Loja Nova"})
    Answers(window.file_actions, import_choice=KEEP_EXISTING)
    assert window.file_actions.import_from(write_config(tmp_path, data))
    assert Instance.get(Instance.name == "Loja Centro").plan == "basico"
    assert Instance.get(Instance.name == "Loja Nova").plan == "avancado"


def test_cancelling_the_summary_writes_nothing(window, make_instance, tmp_path, db_path):
    make_instance("Loja Centro")
    data = export_config()
    data["instances"][0]["timezone"] = "America/Manaus"
    before = dump(db_path)
    Answers(window.file_actions, import_choice=None)
    assert not window.file_actions.import_from(write_config(tmp_path, data))
    assert dump(db_path) == before


@pytest.mark.sqlite_only("a full SQLite file, or restoring its backups")
def test_a_full_disk_during_import_is_explained_and_rolled_back(
    window, db, make_instance, tmp_path, db_path
):
    make_instance("Loja Centro")
    data = export_config()
    for n in range(300):
        data["instances"].append({**data["instances"][0], "name": f"Filial {n}"})
    before = dump(db_path)
    answers = Answers(window.file_actions)
    fill_disk(db, spare_pages=1)
    assert not window.file_actions.import_from(write_config(tmp_path, data))
    assert answers.messages[-1][1] == (
        "O disco está cheio: nada foi salvo. Libere espaço e tente de novo."
    )
    assert answers.messages[-1][2] == QMessageBox.Icon.Critical
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert dump(db_path) == before


def test_unsaved_changes_on_the_open_page_can_stop_an_import(
    window, make_instance, tmp_path, db_path
):
    instance = make_instance("Loja Centro", plan="avancado")
    window.enter_instance(instance.id)
    window.instance_view.show_page("priority")  # the view opens on Visão geral
    page = window.instance_view.current_page()
    page.switch.setChecked(not page.switch.isChecked())
    assert page.has_unsaved_changes()
    page.ask_unsaved = lambda: QMessageBox.StandardButton.Cancel
    data = export_config()
    data["instances"][0]["timezone"] = "America/Manaus"
    before = dump(db_path)
    answers = Answers(window.file_actions)
    assert not window.file_actions.import_from(write_config(tmp_path, data))
    assert answers.plans == []
    assert dump(db_path) == before


def test_import_into_the_open_instance_shows_the_new_values(window, make_instance, tmp_path):
    instance = make_instance("Loja Centro", plan="avancado")
    window.enter_instance(instance.id)
    window.instance_view.show_page("priority")
    data = export_config()
    data["instances"][0]["prioritize_attendance"] = True
    Answers(window.file_actions)
    assert window.file_actions.import_from(write_config(tmp_path, data))
    assert window.instance_view is not None and window.instance_view.instance_id == instance.id
    assert window.instance_view.current_page().switch.isChecked()


def test_copy_settings_between_instances(window, make_instance):
    source = make_instance("Loja Centro")
    target = make_instance("Loja Norte")
    source.prioritize_attendance = True
    source.save()
    answers = Answers(window.file_actions)
    asked = []
    window.file_actions.ask_copy = lambda instances, current: (
        asked.append(([i.name for i in instances], current))
        or (source.id, target.id, ["prioritize_attendance"])
    )
    window.home.reload(source.id)
    window.file_actions.copy_settings()
    assert asked == [(["Loja Centro", "Loja Norte"], source.id)]
    assert Instance.get_by_id(target.id).prioritize_attendance is True
    assert answers.messages[-1][1] == ("Configurações copiadas de “Loja Centro” para “Loja Norte”.")


def test_copy_needs_two_instances(window, make_instance):
    make_instance("Loja Centro")
    answers = Answers(window.file_actions)
    window.file_actions.ask_copy = lambda *a: pytest.fail("no dialog with one instance")
    window.file_actions.copy_settings()
    assert "segunda instância" in answers.messages[0][1]


@pytest.mark.sqlite_only("a full SQLite file, or restoring its backups")
def test_restore_a_backup_and_see_it(window, make_instance, db_path, clock):
    make_instance("Loja Centro")
    saved = backup_database(db_path, "daily", clock.now() - timedelta(hours=1))
    make_instance("Loja Norte")
    window.home.reload()
    answers = Answers(window.file_actions)
    [backup] = list_backups(db_path)
    assert window.file_actions.restore(backup)
    assert [r.name for r in window.home.model.rows] == ["Loja Centro"]
    assert "foi restaurado" in answers.messages[-1][1]
    assert {b.reason for b in list_backups(db_path)} == {"daily", "before-restore"}
    assert saved.exists()


@pytest.mark.sqlite_only("a full SQLite file, or restoring its backups")
def test_declining_the_restore_changes_nothing(window, make_instance, db_path, clock):
    make_instance("Loja Centro")
    backup_database(db_path, "daily", clock.now())
    make_instance("Loja Norte")
    before = dump(db_path)
    Answers(window.file_actions, confirm=False)
    assert not window.file_actions.restore(list_backups(db_path)[0])
    assert dump(db_path) == before


@pytest.mark.sqlite_only("a full SQLite file, or restoring its backups")
def test_the_watcher_rests_while_the_file_is_replaced(
    window, make_instance, db_path, clock, monkeypatch
):
    import app.ui.file_menu as file_menu

    make_instance("Loja Centro")
    backup_database(db_path, "daily", clock.now())
    events: list[str] = []

    class RecordingWatcher:
        def pause(self):
            events.append("pause")

        def resume(self):
            events.append("resume")

    window.context.watcher = RecordingWatcher()
    real = file_menu.restore_backup
    monkeypatch.setattr(
        file_menu, "restore_backup", lambda *args: events.append("restore") or real(*args)
    )
    Answers(window.file_actions)
    assert window.file_actions.restore(list_backups(db_path)[0])
    assert events == ["pause", "restore", "resume"]
