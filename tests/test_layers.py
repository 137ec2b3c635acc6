"""Guards on the layers: the core stays free of Qt and reportlab, the document free of widgets,
and no desktop module takes part in an import cycle.

Imports are read with :mod:`ast` (every ``import`` and ``from … import`` anywhere in a module,
including those inside functions and ``if TYPE_CHECKING:`` blocks), so a type-only import counts
and a word in a docstring does not.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> set[str]:
    """Every module named by an import statement in ``path`` (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".") if path.is_relative_to(ROOT) else []
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package[: len(package) - node.level + 1]
                base = ".".join([*prefix, base] if base else prefix)
            names.add(base)
            # ``from desktop.ui import style`` imports the module desktop.ui.style.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def offending(folder: str, banned: tuple[str, ...]) -> list[str]:
    found = []
    for path in python_files(folder):
        for name in sorted(imported_names(path)):
            if any(name == ban or name.startswith(ban + ".") for ban in banned):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_the_scan_sees_imports_in_functions_and_type_checking_blocks(tmp_path):
    source = tmp_path / "probe.py"
    source.write_text(
        '"""Mentions import PySide6 in text only."""\n'
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import PySide6.QtWidgets\n"
        "def f():\n    from reportlab.pdfgen import canvas\n"
    )
    names = imported_names(source)
    assert {"PySide6.QtWidgets", "reportlab.pdfgen", "reportlab.pdfgen.canvas"} <= names
    assert "PySide6" not in names


def test_core_imports_no_qt_and_no_reportlab():
    assert python_files("rrisk")
    assert offending("rrisk", ("PySide6", "reportlab", "desktop", "reports")) == []


def test_reports_import_no_qt():
    assert python_files("reports")
    assert offending("reports", ("PySide6", "desktop")) == []


def test_the_document_imports_nothing_from_qtwidgets():
    assert python_files("desktop/document")
    assert offending("desktop/document", ("PySide6.QtWidgets",)) == []


def desktop_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in python_files("desktop")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(path):
            if imported in modules and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_find_cycle_names_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_between_desktop_modules():
    graph = desktop_graph()
    assert "desktop.window.main_window" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_desktop_keeps_at_most_three_modules_at_its_top():
    top = sorted(path.name for path in (ROOT / "desktop").glob("*.py"))
    assert top == ["__init__.py", "app.py", "settings.py"]
