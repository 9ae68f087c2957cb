"""Ajuda → Como usar o Atende (issue 17, item 22): a Portuguese guide inside the package, one
section per page, with the `make screenshots` pictures, opened by the menu and by F1."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QTextDocument

from app.ui.help_window import (
    PAGE_SECTIONS,
    SECTIONS,
    HelpWindow,
    guide_html,
    screenshots_dir,
)
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
IMAGES = re.compile(r'<img\s+src="([^"]+)"')


@pytest.fixture
def window(context, qtbot):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def guide_action(window: MainWindow):
    [action] = [a for a in window.help_menu.actions() if a.shortcut() == QKeySequence("F1")]
    return action


def section_of(help_window: HelpWindow) -> str:
    return help_window.contents.currentItem().data(Qt.ItemDataRole.UserRole)


def anchors(document: QTextDocument) -> set[str]:
    found: set[str] = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found.update(it.fragment().charFormat().anchorNames())
            it += 1
        block = block.next()
    return found


def test_the_help_menu_opens_the_guide_on_home_at_its_top(window, qtbot):
    action = guide_action(window)
    assert window.help_menu.actions().index(action) == 0, "before Sobre"
    action.trigger()
    guide = window.help_window
    assert guide is not None and guide.isVisible()
    assert "Como usar o Atende" in guide.browser.toPlainText()
    assert section_of(guide) == "instancias"
    qtbot.waitExposed(guide)
    assert guide.browser.verticalScrollBar().value() == 0, "the introduction shows first"


def test_every_section_is_in_the_guide_and_every_page_has_one(qtbot):
    guide = HelpWindow()
    qtbot.addWidget(guide)
    assert anchors(guide.browser.document()) == {anchor for anchor, _title in SECTIONS}
    assert set(PAGE_SECTIONS) == {spec.key for spec in PAGES}
    text = guide.browser.toPlainText()
    for _anchor, title in SECTIONS:
        assert title.split()[0] in text
    assert guide.contents.count() == len(SECTIONS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_picture_of_the_guide_loads(qtbot, scheme):
    sources = IMAGES.findall(guide_html())
    assert len(sources) >= 9, "one picture per page at least"
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.browser.setSearchPaths([str(screenshots_dir(scheme))])
    for source in sources:
        data = guide.browser.loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(source)
        )
        assert data is not None, source
        assert not QImage.fromData(data).isNull(), source
        shown = guide.browser.document().resource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(source)
        )
        assert isinstance(shown, QImage) and not shown.isNull(), source


def test_f1_opens_the_section_of_the_page_on_screen(window, make_instance, qtbot):
    instance = make_instance()
    window.enter_instance(instance.id)
    window.instance_view.show_page("schedule")
    qtbot.keyClick(window.instance_view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())
    assert section_of(window.help_window) == "agenda"
    window.instance_view.show_page("history")
    qtbot.keyClick(window.instance_view, Qt.Key.Key_F1)
    assert section_of(window.help_window) == "historico"


def test_choosing_a_section_scrolls_the_guide(qtbot):
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.resize(900, 600)
    guide.show()
    qtbot.waitExposed(guide)
    bar = guide.browser.verticalScrollBar()
    guide.show_section("backups")
    far = bar.value()
    guide.show_section("visao-geral")
    assert 0 < bar.value() < far


def test_the_guide_is_read_through_importlib_resources_and_shipped_by_wheel_and_bundle():
    from importlib import resources

    assert resources.files("app").joinpath("help", "guide_pt_BR.html").is_file()
    assert guide_html().startswith("<html>")
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]
    wheel = wheel["build"]["targets"]["wheel"]
    assert "app" in wheel["packages"], "app/help/ goes with the package"
    assert wheel["force-include"]["docs/screenshots"] == "app/help/screenshots"
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bundle_rules
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    bundled = {str(Path(dest) / Path(src).name) for src, dest in bundle_rules.help_datas(ROOT)}
    assert "app/help/guide_pt_BR.html" in bundled
    for source in IMAGES.findall(guide_html()):
        for scheme in ("light", "dark"):
            assert f"app/help/screenshots/{scheme}/{source}" in bundled
    assert "bundle_rules.help_datas(ROOT)" in (ROOT / "packaging/atende.spec").read_text()


def test_every_control_of_the_guide_has_an_accessible_name(qtbot):
    from tests.ui.accessibility import unnamed_widgets

    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.show()
    assert unnamed_widgets(guide) == []
