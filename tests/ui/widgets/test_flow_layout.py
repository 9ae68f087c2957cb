"""The flow layout wraps its items instead of widening its parent."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from app.ui.widgets.flow_layout import FlowLayout


def test_items_wrap_to_the_width_and_the_minimum_is_the_widest_item(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = FlowLayout(holder, spacing=6)
    buttons = [QPushButton(text) for text in ("30 minutos", "1 hora", "12 horas", "7 dias") * 2]
    for button in buttons:
        layout.addWidget(button)
    widest = max(b.sizeHint().width() for b in buttons)
    assert layout.minimumSize().width() == widest
    one_line = sum(b.sizeHint().width() + 6 for b in buttons)
    tall, flat = layout.heightForWidth(widest), layout.heightForWidth(one_line)
    row = max(b.sizeHint().height() for b in buttons)
    assert flat == row  # everything on one line
    assert tall == len(buttons) * row + (len(buttons) - 1) * 6  # one item a line
    holder.resize(one_line // 2, tall)
    holder.show()
    qtbot.waitUntil(lambda: buttons[-1].y() > 0)
    assert {b.y() for b in buttons} == {0, row + 6}  # two lines at half the width
    assert all(b.geometry().right() < holder.width() for b in buttons)
