"""Dialogs of the File menu: what to export, a file's errors, what an import will change,
and which sections to copy to another instance. They only show and collect choices; the
work is done by core (see `app.ui.file_menu`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.validation import Problem
from app.core.config.registry import all_sections
from app.core.config.transfer import CREATE, ImportPlan
from app.core.storage.models import Instance
from app.i18n import _, ngettext
from app.ui.widgets.hint import hint_label

REPLACE_EXISTING = "replace"
KEEP_EXISTING = "keep"


def _dialog_layout(dialog: QDialog, title: str, intro: str) -> QVBoxLayout:
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(22, 18, 22, 16)
    layout.setSpacing(10)
    label = hint_label(intro)
    layout.addWidget(label)
    return layout


def _buttons(dialog: QDialog, ok_text: str, ok_name: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancelar plus the dialog's main button (returned, to enable or press it)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName("primary")
    ok.setAccessibleName(ok_name)
    ok.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


class ExportScopeDialog(QDialog):
    """All instances, or only the one the user is looking at."""

    def __init__(self, current_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _dialog_layout(
            self, _("Export configuration"), _("Which instances go into the file?")
        )
        self.setMinimumWidth(420)
        self.all_button = QRadioButton(_("All instances"))
        self.all_button.setAccessibleName(_("All instances"))
        self.current_button = QRadioButton(_("Only “{name}”").format(name=current_name))
        self.current_button.setAccessibleName(_("Only the current instance"))
        self.all_button.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.all_button, self.current_button):
            group.addButton(button)
            layout.addWidget(button)
        box, self.ok_button = _buttons(self, _("Choose the file…"), _("Choose the file"))
        layout.addWidget(box)

    def only_current(self) -> bool:
        return self.current_button.isChecked()


class ProblemsDialog(QDialog):
    """Every error of an input, one per line as `where: message`; nothing was written.

    `where` is the problem's path in words when `describe` reads it (a config file's
    `instances[0].phone` → "Loja Centro → Número do WhatsApp"), the raw path as its tooltip.
    """

    def __init__(
        self,
        title: str,
        intro: str,
        problems: list[Problem],
        parent: QWidget | None = None,
        describe: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        layout = _dialog_layout(self, title, intro)
        self.setMinimumSize(640, 340)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Problems found"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)  # a problem that wraps stays apart from the next
        for problem in problems:
            where = describe(problem.path) if describe else problem.path
            item = QListWidgetItem(f"{where}: {problem.message}")
            item.setToolTip(problem.path)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)


def file_problems_intro(path: str, count: int) -> str:
    return ngettext(
        "{path} has {count} problem. Nothing was imported; fix it and try again.",
        "{path} has {count} problems. Nothing was imported; fix them and try again.",
        count,
    ).format(path=path, count=count)


class ImportSummaryDialog(QDialog):
    """What the import will create and replace, per section; asks about existing names."""

    def __init__(
        self,
        path: str,
        plan: ImportPlan,
        parent: QWidget | None = None,
        describe: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        layout = _dialog_layout(
            self,
            _("Import configuration"),
            _(
                "Check what will change before importing {path}. Everything is imported "
                "together, or nothing is."
            ).format(path=path),
        )
        self.setMinimumSize(680, 520)
        counts = QLabel(
            ", ".join(
                [
                    ngettext("{n} new instance", "{n} new instances", len(plan.created)).format(
                        n=len(plan.created)
                    )
                    if plan.created
                    else _("no new instance"),
                    ngettext(
                        "{n} instance already exists",
                        "{n} instances already exist",
                        len(plan.replaced),
                    ).format(n=len(plan.replaced))
                    if plan.replaced
                    else _("none already exists"),
                ]
            ),
            objectName="cardTitle",
        )
        layout.addWidget(counts)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("What the import changes"))
        self.tree.setHeaderLabels([_("Instance and section"), _("What happens")])
        self.tree.setColumnWidth(0, 380)
        for item in plan.instances:
            top = QTreeWidgetItem([item.name, self._action_text(item)])
            self.tree.addTopLevelItem(top)
            for change in item.changes:
                state = _("will change") if change.changed else _("stays the same")
                child = QTreeWidgetItem([change.title, state])
                if change.changed:
                    font = child.font(1)
                    font.setBold(True)
                    child.setFont(1, font)
                top.addChild(child)
            top.setExpanded(item.action != CREATE and item.changed)
        layout.addWidget(self.tree, 1)
        for warning in plan.warnings:
            where = describe(warning.path) if describe else warning.path
            label = QLabel(f"⚠ {where}: {warning.message}", objectName="notice")
            label.setToolTip(warning.path)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.replace_button = QRadioButton(
            _(
                "Replace the configuration of the instances that already exist (their "
                "attendances are kept)"
            )
        )
        self.replace_button.setAccessibleName(_("Replace the existing instances"))
        self.keep_button = QRadioButton(
            _("Keep the existing instances as they are and import only the new ones")
        )
        self.keep_button.setAccessibleName(_("Keep the existing instances"))
        self.replace_button.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.replace_button, self.keep_button):
            group.addButton(button)
            button.setVisible(bool(plan.replaced))
            layout.addWidget(button)
        box, self.ok_button = _buttons(
            self, _("Import the configuration"), _("Import the configuration")
        )
        layout.addWidget(box)
        self.keep_button.toggled.connect(self._update)
        self._update()

    def _action_text(self, item) -> str:
        if item.action == CREATE:
            return _("will be created")
        if not item.changed:
            return _("nothing changes")
        return _("configuration replaced")

    def _update(self, *_args) -> None:
        nothing_left = self.keep_button.isChecked() and not self.plan.created
        self.ok_button.setEnabled(not nothing_left)

    def choice(self) -> str:
        return KEEP_EXISTING if self.keep_button.isChecked() else REPLACE_EXISTING


class CopySectionsDialog(QDialog):
    """From which instance, to which, and which sections (every registered section)."""

    def __init__(
        self, instances: list[Instance], source_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.instances = instances
        layout = _dialog_layout(
            self,
            _("Copy settings to another instance"),
            _(
                "The chosen sections replace those of the target instance. Attendances and "
                "history are not copied."
            ),
        )
        self.setMinimumWidth(500)
        form = QFormLayout()
        self.source = QComboBox()
        self.source.setAccessibleName(_("From the instance"))
        self.target = QComboBox()
        self.target.setAccessibleName(_("To the instance"))
        for instance in instances:
            self.source.addItem(instance.name, instance.id)
            self.target.addItem(instance.name, instance.id)
        form.addRow(_("From the instance"), self.source)
        form.addRow(_("To the instance"), self.target)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Sections to copy"), objectName="cardTitle"))
        self.checks: dict[str, QCheckBox] = {}
        for section in all_sections():
            check = QCheckBox(_(section.title))
            check.setAccessibleName(_(section.title))
            check.setChecked(True)
            check.toggled.connect(self._update)
            self.checks[section.key] = check
            layout.addWidget(check)
        self.same_warning = QLabel(_("Choose two different instances."), objectName="fieldError")
        layout.addWidget(self.same_warning)
        box, self.ok_button = _buttons(self, _("Copy the settings"), _("Copy the settings"))
        layout.addWidget(box)
        if source_id is not None:
            self.source.setCurrentIndex(max(0, self.source.findData(source_id)))
        self.target.setCurrentIndex(1 if self.source.currentIndex() == 0 else 0)
        self.source.currentIndexChanged.connect(self._update)
        self.target.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self, *_args) -> None:
        same = self.source.currentData() == self.target.currentData()
        self.same_warning.setVisible(same)
        self.ok_button.setEnabled(not same and bool(self.keys()))

    def keys(self) -> list[str]:
        return [key for key, check in self.checks.items() if check.isChecked()]

    def choice(self) -> tuple[int, int, list[str]]:
        return self.source.currentData(), self.target.currentData(), self.keys()
