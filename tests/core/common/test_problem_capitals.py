"""Every problem message starts with a capital letter (issue 17 item 17), checked over the
whole catalogue: each message that starts a `Problem(path, message)` anywhere in app/ is
found in the source (through `.format`, an `if … else`, a variable or a helper of the same
module) and must read, in Portuguese, with its first letter uppercase.

A message may start with a placeholder, a quote or a digit ("{path} …", "“{{” …",
"24:00 …"): the value there is the user's (a file name keeps its case)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from app.i18n import _, ngettext

APP = Path(__file__).resolve().parents[3] / "app"
MARKERS = ("_", "N_")


def _heads(expr, funcs, assigns, depth=0) -> list[tuple[str, ...]]:
    """The msgids (a tuple: singular and plural for ngettext) that may start `expr`."""
    if depth > 5 or expr is None:
        return []
    again = depth + 1
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Name) and func.id in MARKERS + ("ngettext",):
            texts = [a.value for a in expr.args[:2] if isinstance(a, ast.Constant)]
            return [tuple(texts[:2] if func.id == "ngettext" else texts[:1])]
        if isinstance(func, ast.Attribute) and func.attr == "format":
            return _heads(func.value, funcs, assigns, again)
        if isinstance(func, ast.Name) and func.id in funcs:
            returns = [r for r in ast.walk(funcs[func.id]) if isinstance(r, ast.Return)]
            return [h for r in returns for h in _heads(r.value, funcs, {}, again)]
        return []
    if isinstance(expr, ast.Name):
        return [
            h for value in assigns.get(expr.id, []) for h in _heads(value, funcs, assigns, again)
        ]
    if isinstance(expr, ast.IfExp):
        return _heads(expr.body, funcs, assigns, again) + _heads(expr.orelse, funcs, assigns, again)
    if isinstance(expr, ast.BinOp):
        return _heads(expr.left, funcs, assigns, again)
    return []


def problem_messages() -> Iterator[tuple[str, tuple[str, ...]]]:
    """(where, msgids) for every message that starts a Problem in app/."""
    for path in sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        funcs = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        for scope in [tree, *funcs.values()]:
            assigns: dict[str, list[ast.expr]] = {}
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            assigns.setdefault(target.id, []).append(node.value)
            for node in ast.walk(scope):
                if not (isinstance(node.func, ast.Name) if isinstance(node, ast.Call) else False):
                    continue
                if node.func.id != "Problem":
                    continue
                message = node.args[1] if len(node.args) > 1 else None
                for keyword in node.keywords:
                    message = keyword.value if keyword.arg == "message" else message
                for msgids in _heads(message, funcs, assigns):
                    yield f"{path.relative_to(APP.parent)}:{node.lineno}", msgids


def shown(msgids: tuple[str, ...]) -> list[str]:
    """The Portuguese the user reads (both plural forms of an ngettext)."""
    if len(msgids) == 2:
        return [ngettext(*msgids, 1), ngettext(*msgids, 2)]
    return [_(msgids[0])]


def test_the_scan_finds_the_problems_of_every_wing():
    found = list(problem_messages())
    files = {where.split(":")[0] for where, _msgids in found}
    assert len(found) > 100
    for wing in ("common", "config", "schedule", "templates", "watcher", "instances"):
        assert any(f"app/core/{wing}/" in f for f in files), wing
    assert any(m == ("must be an integer",) for _w, m in found)  # through a variable too


def test_every_problem_message_starts_with_a_capital_letter():
    lower = sorted(
        {
            f"{where}: {text}"
            for where, msgids in problem_messages()
            for text in shown(msgids)
            if text[:1].isalpha() and not text[:1].isupper()
        }
    )
    assert lower == []
