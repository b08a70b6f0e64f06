"""The house stays built: one concern a module, each small enough to read, and no import cycles.

Read from the source with ast (nothing is imported): every module of
interview_signals/ stays within MODULE_LINES lines and every function body
within FUNCTION_LINES, and the modules' imports of one another form no cycle.
Imports under ``if TYPE_CHECKING:`` are only for the type checker and are left
out; an import inside a function is a cycle all the same when it runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import interview_signals

PACKAGE = Path(interview_signals.__file__).parent
MODULE_LINES = 600
FUNCTION_LINES = 60


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, for its __init__.py)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module and the modules of the package it imports."""
    known = modules(package)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif node.level == 0 and node.module:
                # `from a import b` imports a, or the module a.b when b is one
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module for a in node.names]
            else:
                raise AssertionError(f"{path}:{node.lineno}: a relative import; the package imports by full name")
            graph[name].update(target for target in targets if target in known and target != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def long_modules(package: Path = PACKAGE) -> list[str]:
    return [
        f"{name}: {lines} lines"
        for name, path in modules(package).items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    ]


def long_functions(package: Path = PACKAGE) -> list[str]:
    """Functions whose body (docstring included) is longer than FUNCTION_LINES lines."""
    found = []
    for name, path in modules(package).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.body[0].lineno + 1
                if lines > FUNCTION_LINES:
                    found.append(f"{name}.{node.name}: {lines} lines")
    return found


def test_the_package_imports_no_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_the_import_graph_sees_lazy_imports_and_leaves_type_checking_ones_out(tmp_path):
    package = tmp_path / "interview_signals"
    (package / "db").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "db" / "__init__.py").write_text("from interview_signals.db.history import History\n")
    (package / "db" / "history.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from interview_signals.core import x\n"
        "from interview_signals.db import merge\nclass History: ...\n"
    )
    (package / "db" / "merge.py").write_text("def f():\n    from interview_signals import core\n")
    (package / "core.py").write_text("from interview_signals.db import History\n")
    graph = import_graph(package)
    assert graph["interview_signals.db.history"] == {"interview_signals.db.merge"}
    assert graph["interview_signals.db.merge"] == {"interview_signals.core"}
    assert cycles(graph) == [
        ["interview_signals.core", "interview_signals.db", "interview_signals.db.history", "interview_signals.db.merge"]
    ]


def test_no_module_is_longer_than_the_limit():
    assert long_modules() == []


def test_no_function_is_longer_than_the_limit():
    assert long_functions() == []


# The layers of ARCHITECTURE.md, bottom up: a module imports only from its own layer or those below.
# A new module joins by being listed here, in the layer its concern belongs to.
# data (the catalog's TOML, shipped as interview_signals.data) is a package only in a regular install.
LAYERS: dict[int, tuple[str, ...]] = {
    1: ("data", "errors", "text", "words", "outcomes", "paths", "tomldata", "daysoff"),
    2: (
        "catalog",
        "answers",
        "scoring",
        "document",
        "shape",
        "followup",
        "calibration",
        "stats",
        "plain",
        "drafts",
        "calendar",
        "questions",
    ),
    3: ("interview", "application", "booking", "db", "transfer", "config", "files", "batch"),
    4: ("commands", "api"),
    5: (
        "cli",
        "board",
        "output",
        "report",
        "report_applications",
        "report_stats",
        "prompts",
        "formats",
        "completion",
        "__main__",
    ),
}


def layer_of(module: str) -> int | None:
    """A module's layer: its own entry, else its package's (db.schema is in db's layer)."""
    name = module.removeprefix("interview_signals.")
    for layer, names in LAYERS.items():
        if name in names or name.split(".")[0] in names:
            return layer
    return None


def test_every_module_has_a_layer():
    assert [m for m in modules() if m != "interview_signals" and layer_of(m) is None] == []


def test_imports_point_down_the_layers():
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in import_graph().items()
        for target in targets
        if module != "interview_signals" and (layer_of(target) or 0) > (layer_of(module) or 0)
    ]
    assert upward == []
