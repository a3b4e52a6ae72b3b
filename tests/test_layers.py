"""The import rules of docs/architecture.md, read from the code: every ``import`` of a
brandkit module (at the top of a file or inside a function) goes down the layer order or
stays in its layer, and no chain of imports comes back to where it started."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "brandkit"

# Bottom to top: a module may import from its own layer and the ones before it.
LAYERS: list[tuple[str, ...]] = [
    # What everything may use: the message table and errors, plain records, the two safe
    # ways to write bytes, the user cache, sharing work between two processes, the command
    # that installs an optional extra.
    ("brandkit.__init__", "brandkit.messages", "brandkit.errors", "brandkit.record",
     "brandkit.files", "brandkit.cache", "brandkit.parallel", "brandkit.extras"),
    ("brandkit.text",),  # text helpers: no knowledge of the profile
    ("brandkit.profile",),  # load and validate what the user wrote (theme.yaml too)
    # render: the shared parts, then the output families (which do not import each
    # other), then the table of families in brandkit/render/__init__.py.
    ("brandkit.render.page", "brandkit.render.ui", "brandkit.render.meta",
     "brandkit.render.images", "brandkit.render.qr", "brandkit.render.vcard", "brandkit.render.weasy",
     "brandkit.render.templates", "brandkit.render.units", "brandkit.render.renderer",
     "brandkit.render.reuse", "brandkit.render.resume"),
    ("brandkit.render.site", "brandkit.render.card", "brandkit.render.kit",
     "brandkit.render.exchange"),
    ("brandkit.render.__init__",),
    ("brandkit.output",),  # the one place files are written
    ("brandkit.build", "brandkit.scaffold", "brandkit.workflow", "brandkit.deploy",
     "brandkit.importer", "brandkit.export"),
    ("brandkit.changes", "brandkit.watch"),
    ("brandkit.serve",),
    ("brandkit.cli", "brandkit.__main__"),
]
FAMILIES = ("brandkit.render.site", "brandkit.render.card", "brandkit.render.kit",
            "brandkit.render.exchange")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(name: str) -> str:
    """A module's own name: ``brandkit.render`` is ``brandkit.render.__init__``."""
    return name + ".__init__" if name + ".__init__" in MODULES else name


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """The brandkit modules ``module`` imports, with their lines; ``if TYPE_CHECKING:``
    blocks left out (type hints only: nothing is imported when the code runs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.rsplit(".", 1)[0]
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((_target(alias.name), node.lineno) for alias in node.names
                         if alias.name.split(".")[0] == "brandkit")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            if base.split(".")[0] == "brandkit":
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.append((_target(sub) if _target(sub) in MODULES else _target(base),
                                  node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _layer(module: str) -> int:
    best, where = -1, -1
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, where = len(prefix), i
    assert where >= 0, f"{module} is in no layer: add it to LAYERS and docs/architecture.md"
    return where


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_imports_go_down_the_layers() -> None:
    wrong = [f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {module} imports {target}"
             for module, targets in GRAPH.items() for target, line in targets
             if _layer(target) > _layer(module)]
    assert wrong == []


def test_output_families_do_not_import_each_other() -> None:
    def family(module: str) -> str | None:
        return next((f for f in FAMILIES if module == f + ".__init__" or module.startswith(f + ".")), None)

    wrong = [f"{module} imports {target}" for module, targets in GRAPH.items()
             for target, _ in targets
             if family(module) and family(target) and family(module) != family(target)]
    assert wrong == []


def test_no_import_comes_back_round() -> None:
    """No cycle among modules (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def connect(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target, _ in GRAPH.get(module, []):
            if target == module:
                continue
            if target not in index:
                connect(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            connect(module)
    assert circles == []


def test_the_rules_catch_what_they_should(tmp_path: Path) -> None:
    """The reader sees imports inside functions and relative ones; it skips type hints."""
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from brandkit.cli import run\n"
                      "def f():\n    from brandkit.build import build\n"
                      "    from . import parallel\n", encoding="utf-8")
    assert _imports("brandkit.m", source) == [("brandkit.build", 5), ("brandkit.parallel", 6)]
    assert _layer("brandkit.render.card.layout") > _layer("brandkit.render.units")
    assert _layer("brandkit.build") > _layer("brandkit.output") > _layer("brandkit.render.__init__")
