"""The sidebar of an instance names its time zone in Portuguese, the IANA name as tooltip."""

from __future__ import annotations

from app.ui.main_window import MainWindow


def test_the_sidebar_names_the_zone_in_portuguese(qtbot, context, make_instance):
    instance = make_instance("Loja Norte", timezone="America/Manaus")
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.enter_instance(instance.id)
    meta = window.instance_view.meta_label
    assert meta.text().splitlines()[-1] == "Horário do Amazonas (Manaus)"
    assert "America/Manaus" not in meta.text()
    assert meta.toolTip() == "America/Manaus"
