"""The walls of STYLE.md: app/core and the CLI never import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_sources_do_not_mention_qt():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app" / "core").rglob("*.py")
        if "PySide6" in p.read_text("utf-8") or "shiboken6" in p.read_text("utf-8")
    ]
    assert offenders == []


def test_importing_core_and_cli_loads_no_qt():
    modules = sorted(
        "app.core." + ".".join(p.relative_to(ROOT / "app" / "core").with_suffix("").parts)
        for p in (ROOT / "app" / "core").rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import app.cli\n"
        "app.cli.build_parser()\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- the house of STYLE.md: wings, arrows one way, small files ---------------------------

APP = ROOT / "app"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in APP.rglob("*.py")}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, inside a function?) for every import of `app` in the file, lazy
    ones and `importlib.import_module("app....")` included."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((a.name, inner) for a in child.names if a.name.startswith("app"))
            elif isinstance(child, ast.ImportFrom) and (child.module or "").startswith("app"):
                for alias in child.names:  # `from pkg import module` imports pkg.module
                    sub = f"{child.module}.{alias.name}"
                    found.append((sub if sub in MODULES else child.module, inner))
            elif (
                isinstance(child, ast.Call)
                and getattr(child.func, "attr", "") == "import_module"
                and child.args
                and isinstance(child.args[0], ast.Constant)
                and str(child.args[0].value).startswith("app")
            ):
                found.append((child.args[0].value, inner))
            visit(child, inner)

    visit(ast.parse(path.read_text("utf-8")), False)
    return found


def _circles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    graph = {
        name: sorted({m for m, _lazy in _imports(path) if m in MODULES and m != name})
        for name, path in MODULES.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return groups


def test_no_import_circle_inside_app():
    assert _circles() == []


def test_the_circle_finder_finds_a_lazy_circle(tmp_path, monkeypatch):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("import app.b\n")
    b.write_text("def later():\n    from app import a\n")
    monkeypatch.setitem(MODULES, "app.a", a)
    monkeypatch.setitem(MODULES, "app.b", b)
    assert ["app.a", "app.b"] in _circles()


def test_core_has_only_wings_at_its_top_level():
    top = sorted(p.name for p in (APP / "core").glob("*.py"))
    assert top == ["__init__.py"]
    for wing in (APP / "core").iterdir():
        if wing.is_dir() and wing.name != "__pycache__":
            doc = ast.get_docstring(ast.parse((wing / "__init__.py").read_text("utf-8")))
            assert doc and "\n" not in doc.strip(), f"{wing.name}: a one-line docstring"


def test_files_stay_small():
    big = {
        str(p.relative_to(ROOT)): n
        for p in APP.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 300
    }
    assert big == {}


def test_production_code_never_imports_the_demo():
    importers = [
        name
        for name, path in MODULES.items()
        if name.startswith("app.core") and any(m.startswith("app.demo") for m, _ in _imports(path))
    ]
    assert importers == []


# Imports inside functions stay only where start-up needs them, file by file, with the reason.
# A new one fails `test_lazy_imports_are_only_where_listed`: move it to the top of its module,
# or add the file here saying why the window or a command cannot pay for it up front.
FIRST_FRAME = (
    "the window's first frame is painted before the database layer, pages, dialogs, tray and "
    "demo load (packaging/smoke.sh times it; tests/ui/test_start_order.py checks it)"
)
ON_USE = (
    "what a window seldom needs loads on the click that needs it, not with every window "
    "(bench/memory.py; tests/ui/test_lean_window.py checks it)"
)
LAZY_IMPORTS: dict[str, str] = {
    "app/__main__.py": "a plain window launch loads neither argparse nor the commands, and a "
    "command loads no Qt",
    "app/cli.py": "the window only when no command is given: the CLI never imports Qt otherwise",
    "app/commands/connection.py": "the Chatwoot connector (httpx) only for the commands "
    "that talk to Chatwoot",
    "app/ui/app.py": FIRST_FRAME,
    "app/ui/home.py": FIRST_FRAME,
    "app/ui/main_window.py": FIRST_FRAME,
    "app/ui/startup.py": FIRST_FRAME,
    "app/ui/services/tray.py": "core.desktop needs the database, which opens after the first frame",
    "app/ui/services/crash.py": "the crash dialog builds Qt's namespace, which the first frame "
    "must not (tests/ui/test_start_order.py)",
    "app/ui/smoke.py": "loaded only under the packaging smoke test's environment variable",
    "app/ui/file_menu_entries.py": ON_USE,
    "app/ui/instance_view.py": ON_USE,
    "app/ui/services/chatwoot_worker.py": "the Chatwoot pull and delivery only once a "
    "connection exists: " + ON_USE,
}


def test_lazy_imports_are_only_where_listed():
    lazy = {
        str(path.relative_to(ROOT))
        for path in MODULES.values()
        if any(inner for _m, inner in _imports(path))
    }
    assert sorted(lazy - set(LAZY_IMPORTS)) == [], "lazy imports not listed (with a reason)"
    assert sorted(set(LAZY_IMPORTS) - lazy) == [], "listed but no longer lazy: drop the entry"
