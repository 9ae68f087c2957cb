"""The problems shown under fields: one per field, an error before a warning."""

from __future__ import annotations

from app.core.common.validation import Problem
from app.ui.widgets.field_error import FieldError, show_at_fields


def test_an_error_outranks_a_warning_at_the_same_field(qtbot):
    labels = {"url": FieldError(), "token": FieldError(), "inbox": FieldError()}
    for label in labels.values():
        qtbot.addWidget(label)
    show_at_fields(
        labels,
        [
            Problem("url", "aviso", warning=True),
            Problem("url", "erro"),
            Problem("token", "só aviso", warning=True),
            Problem("elsewhere", "não mostrado"),
        ],
    )
    assert (labels["url"].text(), labels["url"].objectName()) == ("erro", "fieldError")
    assert (labels["token"].text(), labels["token"].objectName()) == ("só aviso", "fieldWarning")
    assert labels["inbox"].text() == "" and labels["inbox"].isHidden()
