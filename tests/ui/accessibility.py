"""Helpers of the accessibility walk: interactive widgets need a Portuguese accessibleName,
and every visible text comes from the pt_BR catalog, Babel, or the data on screen."""

from __future__ import annotations

import re
from functools import cache
from html import unescape

from babel.dates import get_day_names, get_month_names
from babel.messages.pofile import read_po
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.i18n import format_unit_count
from tests.test_i18n import PO

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)
# Parts that Qt builds inside a composite widget (a combo's popup and line edit, a spin
# box's editor, a calendar's buttons, a table's headers): the composite carries the name.
COMPOSITES = (QComboBox, QAbstractSpinBox, QCalendarWidget, QAbstractItemView)
BRAND = {"Atende", "WhatsApp", "Notificações Inteligentes", "CSV"}  # names, not words


@cache
def translations() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """The msgstr values, and a full-match pattern for those with placeholders."""
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="pt_BR")
    texts: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts.update(s for s in strings if s)
    patterns = []
    for text in texts:
        if re.search(r"\{[a-z_0-9]*\}|%\(", text):
            parts = re.split(r"\{[a-z_0-9]*\}|%\([a-z_]+\)[sd]", text)
            patterns.append(re.compile(".+?".join(re.escape(p) for p in parts) + r"\Z", re.S))
    return frozenset(strip_accelerator(t) for t in texts), tuple(patterns)


@cache
def babel_words() -> frozenset[str]:
    words: set[str] = {"de", "às", "em", "há"}
    for width in ("wide", "abbreviated"):
        for names in (get_day_names(width, locale="pt_BR"), get_month_names(width, locale="pt_BR")):
            for name in names.values():
                words.update(re.findall(r"[^\W\d_]+", str(name).lower()))
    for unit in ("minute", "hour", "day"):
        for n in (1, 2):
            words.update(re.findall(r"[^\W\d_]+", format_unit_count(n, unit)))
    return frozenset(words)


def qt_button_texts() -> frozenset[str]:
    """Qt's own dialog buttons, translated by qtbase_pt_BR.qm (SPEC §10)."""
    texts = set()
    box = QDialogButtonBox()
    for value in QDialogButtonBox.StandardButton:
        if value not in (
            QDialogButtonBox.StandardButton.NoButton,
            QDialogButtonBox.StandardButton.FirstButton,
            QDialogButtonBox.StandardButton.LastButton,
        ):
            box.addButton(value)
    texts.update(strip_accelerator(b.text()) for b in box.buttons())
    box.deleteLater()
    return frozenset(texts)


def strip_accelerator(text: str) -> str:
    return re.sub(r"&(?!&)", "", text)


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = re.sub(r"<br\s*/?>", "\n", text)
        text = unescape(re.sub(r"<[^>]+>", "", text))
    return strip_accelerator(text)


def text_is_known(text: str, data: set[str]) -> bool:
    """A visible line is a translation, a translation's pattern, Babel output or data."""
    exact, patterns = translations()
    text = text.strip()
    if not text or not re.search(r"[^\W\d_]", text):
        return True  # numbers, times, phone numbers, punctuation
    if text in exact or text in BRAND or text in data or text in qt_button_texts():
        return True
    if any(p.match(text) for p in patterns):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    if words and all(w in babel_words() for w in words):
        return True
    # A line made of data and translations glued by separators ("Loja — Atende").
    pieces = [p for p in re.split(r"\s+[—·|-]\s+|\n", text) if p.strip()]
    return len(pieces) > 1 and all(text_is_known(p, data) for p in pieces)


def unnamed_widgets(root: QWidget) -> list[str]:
    bad = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if any(isinstance(a, COMPOSITES) for a in ancestors(widget, root)):
            continue
        if not widget.accessibleName().strip():
            bad.append(describe(widget))
    return bad


def unknown_texts(root: QWidget, data: set[str]) -> list[str]:
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget.property("userContent"):  # shows what the user typed (a preview)
            continue
        texts = []
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if widget.isWindow() and widget.windowTitle():
            texts.append(widget.windowTitle())
        for text in texts:
            for line in plain(text).splitlines():
                if not text_is_known(line, data):
                    bad.append(f"{describe(widget)}: {line!r}")
    return bad


def ancestors(widget: QWidget, root: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parentWidget()


def describe(widget: QWidget) -> str:
    parent = widget.parentWidget()
    return f"{type(widget).__name__}({widget.objectName()!r}) in {type(parent).__name__}"


def database_strings() -> set[str]:
    """Every text stored in the database: names, phones, template titles, chat names…"""
    from app.core.storage.db import database

    found: set[str] = set()
    tables = database.get_tables()  # SQLite or PostgreSQL
    for table in tables:
        for row in database.execute_sql(f'SELECT * FROM "{table}"').fetchall():
            for value in row:
                if isinstance(value, str):
                    found.add(value)
                    found.update(line for line in value.splitlines())
    return found
