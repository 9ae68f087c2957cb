"""The Portuguese error (or warning) shown right under a field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

from app.core.common.validation import Problem


class FieldError(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str | None, warning: bool = False) -> None:
        self.setObjectName("fieldWarning" if warning else "fieldError")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(message or "")
        self.setAccessibleName(message or "")
        self.setVisible(bool(message))


def problem_by_path(problems: Iterable[Problem]) -> dict[str, Problem]:
    """One problem per field: an error outranks a warning at the same path."""
    by_path: dict[str, Problem] = {}
    for problem in problems:
        if problem.path not in by_path or by_path[problem.path].warning:
            by_path[problem.path] = problem
    return by_path


def show_at_fields(labels: dict[str, FieldError], problems: Iterable[Problem]) -> None:
    """Each label says its field's problem (`problem_by_path`), or nothing."""
    by_path = problem_by_path(problems)
    for path, label in labels.items():
        problem = by_path.get(path)
        label.show_message(problem.message if problem else None, bool(problem and problem.warning))
