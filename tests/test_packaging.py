"""The installers' recipe, checked without building: the spec's collection logic (run against
stand-ins for PyInstaller), the trimming rules, the desktop entry, the Debian control file,
the icon containers and the single version number. `packaging/smoke.sh` builds for real."""

from __future__ import annotations

import configparser
import functools
import gettext
import re
import struct
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import build_linux  # noqa: E402
import bundle_rules  # noqa: E402
import render_icons  # noqa: E402


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


# --- the spec, run against stand-ins ------------------------------------------------------


class Recorder:
    """Stands for Analysis, EXE, COLLECT…: records its arguments, holds sample TOCs."""

    def __init__(self, kind, calls, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs
        calls.append((kind, args, kwargs))
        self.datas = SAMPLE_DATAS + [(dest, src, "DATA") for src, dest in kwargs.get("datas", [])]
        self.binaries = list(SAMPLE_BINARIES)
        self.pure, self.scripts = [], []


SAMPLE_DATAS = [
    ("babel/locale-data/pt_BR.dat", "/x", "DATA"),
    ("babel/locale-data/de.dat", "/x", "DATA"),
    ("babel/global.dat", "/x", "DATA"),
    ("PySide6/Qt/translations/qtbase_pt_BR.qm", "/x", "DATA"),
    ("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"),
    ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
]
SAMPLE_BINARIES = [
    ("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", "/src/libQt6Pdf.so.6", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
]
SAMPLE_IMPORTS = {
    "/src/QtCore.abi3.so": ["libQt6Core.so.6"],
    "/src/libqgtk3.so": ["libcairo.so.2"],
}


@pytest.fixture
def spec_run(tmp_path, monkeypatch):
    """Execute packaging/atende.spec with PyInstaller's names replaced by recorders."""
    calls: list = []
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [f"<all of {name}>"]
    hooks.collect_data_files = lambda name: [(f"<data of {name}>", name)]
    hooks.copy_metadata = lambda name: [(f"<metadata of {name}>", f"{name}.dist-info")]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda src: [(n, None) for n in SAMPLE_IMPORTS.get(src, [])]
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.depend"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", bindepend)
    monkeypatch.setattr(sys, "path", list(sys.path))
    names = {
        kind: functools.partial(Recorder, kind, calls)
        for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    }
    namespace = {"SPECPATH": str(PACKAGING), "workpath": str(tmp_path), **names}
    exec(compile((PACKAGING / "atende.spec").read_text("utf-8"), "atende.spec", "exec"), namespace)
    return namespace, calls


def test_spec_collects_every_app_module_and_the_lazy_data(spec_run):
    _namespace, calls = spec_run
    analysis = next(kwargs for name, _a, kwargs in calls if name == "Analysis")
    hidden = analysis["hiddenimports"]
    for package in ("app", "app.core.storage.migrations", "holidays", "phonenumbers.data"):
        assert f"<all of {package}>" in hidden
    assert "tzdata" in hidden and "PySide6.QtSvg" in hidden
    assert analysis["excludes"] == bundle_rules.EXCLUDED_MODULES
    assert analysis["hookspath"] == [str(PACKAGING / "hooks")]
    datas = dict((Path(src).name, dest) for src, dest in analysis["datas"])
    assert datas["atende.mo"] == "app/translations/pt_BR/LC_MESSAGES"
    assert datas["style.qss"] == datas["atende.svg"] == "app/resources"
    assert "<metadata of atende>" in datas and "<data of holidays>" in datas


def test_spec_compiles_the_catalog_into_the_build_folder(spec_run, tmp_path):
    mo = tmp_path / "catalogs" / "pt_BR" / "LC_MESSAGES" / "atende.mo"
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Name") == "Nome"


def test_spec_trims_what_the_hooks_collected(spec_run):
    namespace, _calls = spec_run
    a = namespace["a"]
    kept = {dest for dest, _src, _kind in a.datas + a.binaries}
    assert {
        "babel/locale-data/pt_BR.dat",
        "babel/global.dat",
        "PySide6/Qt/translations/qtbase_pt_BR.qm",
        "PySide6/QtCore.abi3.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
    } <= kept
    assert not kept & {
        "babel/locale-data/de.dat",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "libQt6Pdf.so.6",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    }
    if sys.platform.startswith("linux"):
        assert "libcairo.so.2" not in kept  # needed only by the dropped GTK theme
    assert namespace["coll"].kwargs["name"] == "atende"


def test_spec_executable_is_the_console_script_name(spec_run):
    _namespace, calls = spec_run
    names = [kwargs["name"] for name, _a, kwargs in calls if name == "EXE"]
    script = next(iter(pyproject()["project"]["scripts"]))
    assert names == ([script] if sys.platform != "win32" else ["Atende", "atende-cli"])


# --- trimming rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/pt.dat", True),
        ("babel/locale-data/fr_CA.dat", False),
        ("holidays/locale/pt_BR/LC_MESSAGES/BR.mo", True),
        ("holidays/locale/pt_BR/LC_MESSAGES/US.mo", False),
        ("tzdata/zoneinfo/America/Sao_Paulo", True),
        ("app/translations/pt_BR/LC_MESSAGES/atende.mo", True),
        ("PySide6/Qt/translations/qt_help_pt_BR.qm", False),
        ("PySide6/translations/qtbase_pt_BR.qm", True),  # Windows wheel layout
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", True),
        ("PySide6/Qt/lib/libQt6SvgWidgets.so.6", False),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", False),
        ("PySide6/Qt6Pdf.dll", False),
        ("PySide6/Qt6Core.dll", True),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", True),
    ],
)
def test_keep_rules(dest, kept):
    assert bundle_rules.keep_data(dest) is kept


def test_excluded_modules_spare_what_the_app_imports():
    excluded = set(bundle_rules.EXCLUDED_MODULES)
    needed = {
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "PySide6.QtSvg",
        "PySide6.QtNetwork",
        "phonenumbers",
        "phonenumbers.data",
        "sqlite3",
        "zoneinfo",
    }
    assert not needed & excluded
    assert {
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtWebEngineCore",
        "PySide6.QtPdf",
        "PySide6.QtMultimedia",
        "PySide6.Qt3DCore",
        "phonenumbers.geodata",
    } <= excluded
    used = set()
    for path in (ROOT / "app").rglob("*.py"):
        used |= set(re.findall(r"^\s*(?:from|import) ([\w.]+)", path.read_text("utf-8"), re.M))
    assert not {m for m in used if m in excluded or m.split(".")[0] in excluded}


def test_unreachable_libraries_follow_links_from_extensions_and_kept_plugins():
    binaries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui", "EXTENSION"),
        ("libQt6Gui.so.6", "/s/libQt6Gui", "BINARY"),
        ("libpng16.so.16", "/s/libpng", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/qxcb", "BINARY"),
        ("libxcb-cursor.so.0", "/s/xcbcursor", "BINARY"),
        ("libpango-1.0.so.0", "/s/pango", "BINARY"),
        ("libpango.so", "libpango-1.0.so.0", "SYMLINK"),
    ]
    imports = {
        "/s/QtGui": ["libQt6Gui.so.6"],
        "/s/libQt6Gui": ["/usr/lib/libpng16.so.16"],
        "/s/qxcb": ["libxcb-cursor.so.0"],
    }
    dropped = bundle_rules.unreachable_libraries(binaries, lambda src: imports.get(src, []))
    assert dropped == {"libpango-1.0.so.0"}
    kept = bundle_rules.without(binaries, dropped)
    assert [d for d, _s, _k in kept] == [d for d, _s, _k in binaries[:5]]


def test_phonenumbers_hook_replaces_the_one_that_takes_48_mb():
    text = (PACKAGING / "hooks" / "hook-phonenumbers.py").read_text("utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert 'collect_submodules("phonenumbers.data")' in code
    assert "geodata" not in code and "carrier" not in code


# --- identity: version, desktop entry, Debian control, icons ------------------------------


def test_one_version_everywhere():
    from importlib.metadata import version

    import app

    declared = pyproject()["project"]["version"]
    assert bundle_rules.project_version(ROOT / "pyproject.toml") == declared
    assert version("atende") == declared == app.__version__
    assert f"Version: {declared}\n" in build_linux.control(declared, "amd64", 10)


def test_desktop_entry_is_valid_and_in_office():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(ROOT / "resources" / "atende.desktop", encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    entry = parser["Desktop Entry"]
    for key in ("Type", "Name", "Comment", "Exec", "Icon", "Terminal", "Categories"):
        assert entry.get(key), key
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";") and entry["Categories"].endswith(";")
    assert entry["Exec"].split()[0] in pyproject()["project"]["scripts"]
    assert entry["Icon"] == render_icons.NAME
    known = {
        "Type",
        "Version",
        "Name",
        "GenericName",
        "Comment",
        "Icon",
        "Exec",
        "Terminal",
        "Categories",
        "Keywords",
        "StartupWMClass",
        "StartupNotify",
        "MimeType",
    }
    assert set(entry) <= known | {k for k in entry if "[" in k}


def test_debian_control_has_the_required_fields():
    text = build_linux.control("1.2.3", "amd64", 4321)
    fields = dict(re.findall(r"^([A-Z][\w-]*): (.*)$", text, re.M))
    for key in (
        "Package",
        "Version",
        "Architecture",
        "Maintainer",
        "Installed-Size",
        "Depends",
        "Description",
    ):
        assert fields.get(key), key
    assert fields["Package"] == "atende" and fields["Installed-Size"] == "4321"
    assert re.match(r"libc6 \(>= \d+\.\d+\)", fields["Depends"])
    body = text.split("Description: ", 1)[1].splitlines()[1:]
    assert body and all(line.startswith(" ") for line in body)


def test_ico_and_icns_wrap_each_png_with_the_right_sizes():
    pngs = {16: b"\x89PNG16", 256: b"\x89PNG256"}
    ico = render_icons.ico_bytes(pngs)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 2)
    width, _h, _c, _r, _p, _b, size, offset = struct.unpack("<BBBBHHII", ico[22:38])
    assert width == 0 and ico[offset : offset + size] == b"\x89PNG256"  # 0 means 256
    icns = render_icons.icns_bytes({16: b"a", 32: b"bb"})
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns[8:12] == b"icp4" and icns[16:17] == b"a" and icns[17:21] == b"icp5"


def test_icon_renders_from_the_svg(qapp):
    from PySide6.QtGui import QColor, QImage

    png = render_icons.render_png(ROOT / "resources" / "atende.svg", 64)
    image = QImage.fromData(png, "PNG")
    assert image.width() == image.height() == 64
    assert image.pixelColor(6, 32) == QColor("#128c7e")  # the green frame
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corner stays transparent


def test_windows_installer_ships_the_spec_output():
    iss = (PACKAGING / "atende.iss").read_text("utf-8")
    spec = (PACKAGING / "atende.spec").read_text("utf-8")
    assert 'name="Atende" if windows' in spec and 'name="atende-cli"' in spec
    assert r'Source: "..\dist\atende\*"' in iss  # COLLECT's folder
    assert iss.count(r'Filename: "{app}\Atende.exe"') == 3  # two shortcuts and "launch"
    assert r"SetupIconFile=..\build\icons\atende.ico" in iss
    assert "BrazilianPortuguese.isl" in iss


def test_every_resource_file_is_bundled_where_the_app_looks_for_it():
    """The app reads `app/resources/<relative path>` (icons live in a sub-folder)."""
    datas = bundle_rules.resource_datas(ROOT / "resources")
    bundled = {str(Path(dest) / Path(src).name) for src, dest in datas}
    expected = {
        str(Path("app/resources") / p.relative_to(ROOT / "resources"))
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    }
    assert bundled == expected
    assert "app/resources/icons/plus.svg" in bundled


def test_the_debian_description_is_in_portuguese():
    """Issue 17 item 15: what `apt show atende` and the software centre show."""
    text = build_linux.control("1.2.3", "amd64", 10)
    synopsis, *body = text.split("Description: ", 1)[1].splitlines()
    assert synopsis.startswith("Configure o atendimento") and len(synopsis) < 80
    words = " ".join([synopsis, *body])
    assert "Interface em português do Brasil." in words
    for english in ("Configure the", "business hours", "Interface in", "attendances"):
        assert english not in words
