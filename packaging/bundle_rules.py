"""What goes into the PyInstaller bundle, as plain functions the spec and the tests share.

The spec (`atende.spec`) collects with PyInstaller's hooks and then filters the result here:
Qt modules, plugins and translations the app never loads, Babel locales other than the
ones Atende speaks, and the phone-number geocoding data Atende never asks for. Keeping the
rules in one importable module lets `tests/test_packaging.py` check them without a build.

No PyInstaller and no Qt import here: the tests import this file in the normal venv.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# Python modules the bundle must not carry. Qt: the app uses QtCore, QtGui, QtWidgets, QtSvg
# (the SVG icon) and keeps QtNetwork (PySide6 links every module against it, and on Windows
# the single-instance door is its QLocalServer: app/ui/services/door.py).
EXCLUDED_MODULES = [
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDataVisualization",
    "PySide6.QtDesigner",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtHelp",
    "PySide6.QtHttpServer",
    "PySide6.QtLocation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtPrintSupport",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtSvgWidgets",
    "PySide6.QtTest",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtXml",
    "PySide6.scripts",
    # phonenumbers: Atende parses and formats; it never geocodes or names carriers (40 MB).
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    # No network use: the stdlib's TLS (5 MB of OpenSSL) and readline stay out; the modules
    # that mention them import them inside try/except ImportError.
    "ssl",
    "_ssl",
    "readline",
    # babel.messages tries pkg_resources; bundling it adds PyInstaller's pkg_resources
    # runtime hook, which imports it (≈ 80 ms) at every start.
    "pkg_resources",
    "setuptools",
    # Reached only from `if __name__ == "__main__"` blocks (phonenumbers → doctest → unittest
    # → asyncio → multiprocessing, whose runtime hook would run at every start).
    "doctest",
    "pdb",
    "unittest",
    "pydoc",
    # typing_extensions (for Babel's type hints) names asyncio inside a function Atende never
    # calls; asyncio → concurrent.futures → multiprocessing would add the multiprocessing
    # runtime hook, run at every start.
    "asyncio",
    "multiprocessing",
    # Development tools that must never ride along.
    "tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "IPython",
    "pydoc_data",
]

# Qt shared libraries that nothing kept needs (pulled in only by plugins dropped below).
_DROPPED_QT_LIBS = re.compile(
    r"(Qt6|Qt)(Pdf|Qml\w*|Quick\w*|Labs\w*|Lottie\w*|VirtualKeyboard\w*|OpenGLWidgets|"
    r"Designer\w*|Help|Multimedia\w*|Sql|Test|UiTools|WaylandCompositor|"
    r"WaylandEgl\w*|WlShellIntegration|EglFS\w*|EglFsKms\w*|Xml|SvgWidgets|PrintSupport)"
    r"(\.so|\.dll|\.dylib|\.framework|d?\.\d|$)",
)

# Plugin folders kept, and inside some of them only the named plugins (by substring).
_KEPT_PLUGIN_DIRS = {
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa", "qdirect2d"),
    "platformthemes": ("qxdgdesktopportal",),
    "platforminputcontexts": None,
    "imageformats": ("qsvg", "qico", "qgif", "qjpeg", "qicns"),
    "iconengines": ("qsvgicon",),
    "styles": None,
    "xcbglintegrations": None,
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "generic": None,
}

# Babel: the locales Atende formats in (and their parents), plus the global data.
BABEL_LOCALES = ("root", "pt", "pt_BR", "en")
# Qt's own translations: the dialog buttons in Portuguese.
QT_TRANSLATIONS = ("qtbase_pt_BR.qm",)
# holidays: the holiday names of Brazil (and of B3, its stock exchange) in every language.
HOLIDAY_CATALOGS = ("BR.mo", "BVMF.mo")


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def keep_data(dest: str) -> bool:
    """Whether the data file that would land at `dest` (bundle-relative) is kept."""
    parts = _parts(dest)
    name = parts[-1]
    if parts[:2] == ("babel", "locale-data"):
        return Path(name).stem in BABEL_LOCALES
    if "translations" in parts and parts[0] in ("PySide6", "PyQt6"):
        return name in QT_TRANSLATIONS
    if parts[:2] == ("holidays", "locale"):
        return name in HOLIDAY_CATALOGS
    if parts[0] == "PySide6" and name.endswith((".pyi", ".typed")):
        return False
    return keep_binary(dest)


def keep_binary(dest: str) -> bool:
    """Whether the shared library or Qt plugin that would land at `dest` is kept."""
    parts = _parts(dest)
    name = parts[-1]
    if "plugins" in parts:
        index = parts.index("plugins")
        if index + 2 > len(parts) - 1:  # not inside a plugin-type folder
            return True
        kind = parts[index + 1]
        if kind not in _KEPT_PLUGIN_DIRS:
            return False
        wanted = _KEPT_PLUGIN_DIRS[kind]
        return wanted is None or any(w in name for w in wanted)
    if name.startswith(("libQt6", "Qt6", "Qt")) or ".framework" in dest:
        stem = name[3:] if name.startswith("lib") else name
        if _DROPPED_QT_LIBS.match(stem):
            return False
    return True


def _is_root(entry: tuple[str, str, str]) -> bool:
    dest, _src, kind = entry
    parts = _parts(dest)
    return kind == "EXTENSION" or "plugins" in parts or parts[-1].startswith("libpython")


def unreachable_libraries(
    binaries: list[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str]]
) -> set[str]:
    """The shared libraries that no kept extension module, plugin or libpython links to.

    PyInstaller analysed the dependencies of every plugin before `keep_binary` dropped some,
    so the libraries only those plugins needed (GTK, Cairo, Pango for the GTK theme) are
    still listed. `imports_of(source_path)` gives a binary's link-time dependency names.
    Returns bundle destinations, for `without()`.
    """
    by_name = {
        _parts(dest)[-1]: (dest, src)
        for dest, src, kind in binaries
        if kind in ("BINARY", "EXTENSION")
    }
    reached: set[str] = set()
    pending = [
        (dest, src)
        for dest, src, kind in binaries
        if kind in ("BINARY", "EXTENSION") and _is_root((dest, src, kind))
    ]
    while pending:
        dest, src = pending.pop()
        if dest in reached:
            continue
        reached.add(dest)
        for name in imports_of(src):
            found = by_name.get(PurePosixPath(name.replace("\\", "/")).name)
            if found and found[0] not in reached:
                pending.append(found)
    return {dest for dest, _src, kind in binaries if kind == "BINARY" and dest not in reached}


def without(toc: list[tuple[str, str, str]], dropped: set[str]) -> list[tuple[str, str, str]]:
    """`toc` less the `dropped` destinations and the symlinks that point to them."""
    return [
        (dest, src, kind)
        for dest, src, kind in toc
        if dest not in dropped and not (kind == "SYMLINK" and src in dropped)
    ]


def compile_catalogs(translations: Path, out: Path) -> list[tuple[str, str]]:
    """Compile every `<locale>/LC_MESSAGES/*.po` under `translations` into `out`.

    Returns PyInstaller `datas` pairs (file, bundle folder) that put each `.mo` where
    `app/paths.py` looks in a frozen app: `app/translations/<locale>/LC_MESSAGES/`.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    datas = []
    for po in sorted(translations.glob("*/LC_MESSAGES/*.po")):
        locale = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        mo = out / locale / "LC_MESSAGES" / po.with_suffix(".mo").name
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        datas.append((str(mo), f"app/translations/{locale}/LC_MESSAGES"))
    return datas


def resource_datas(
    resources: Path, dest: str = "app/resources", pattern: str = "*"
) -> list[tuple[str, str]]:
    """`resources/**` → `app/resources/**` inside the bundle (where the wheel puts them too),
    sub-folders such as `icons/` included; `dest` and `pattern` serve other folders."""
    return [
        (str(p), str(Path(dest) / p.parent.relative_to(resources)))
        for p in sorted(resources.rglob(pattern))
        if p.is_file()
    ]


def help_datas(root: Path) -> list[tuple[str, str]]:
    """The guide of Ajuda → Como usar o Atende (`app/help/*.html`: data, not modules) and
    its pictures (`docs/screenshots/` → `app/help/screenshots/`, as in the wheel)."""
    return resource_datas(root / "app" / "help", "app/help", "*.html") + resource_datas(
        root / "docs" / "screenshots", "app/help/screenshots", "*.png"
    )


def project_version(pyproject: Path) -> str:
    """The version in `pyproject.toml`: the one source of the app's version."""
    import tomllib

    with pyproject.open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])
