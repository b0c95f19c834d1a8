"""The package's import graph, every import counted (those inside functions too): no
cycle anywhere, and each layer imports only the layers below it. import-linter says the
same from pyproject.toml in .ci/run; this test holds it in every pytest run, and checks
the checker on graphs made up for it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "orientation"

# Top to bottom, as in pyproject.toml's [tool.importlinter] and docs/developpement.md.
LAYERS = (
    ("orientation.cli",),
    ("orientation.authoring",),
    ("orientation.writers",),
    ("orientation.views",),
    ("orientation.quiz",),
    ("orientation.results",),
    ("orientation.scoring",),
    ("orientation.content",),
    ("orientation.files", "orientation.output", "orientation.signals", "orientation.folders"),
    ("orientation.errors",),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str], name: str | None = None) -> set[str]:
    """The package's modules that *path* (module *name*) imports, wherever the import
    statement is."""
    name = module_name(path) if name is None else name
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                found.add(submodule if submodule in modules else origin)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), and the
    modules that import themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1 or module in graph.get(module, ()):
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def layer_of(module: str) -> int | None:
    for number, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer):
            return number
    return None


def _same_top(module: str, other: str) -> bool:
    """Whether two modules belong to the same entry of their layer (one package)."""
    return any(
        (module == top or module.startswith(top + "."))
        and (other == top or other.startswith(top + "."))
        for layer in LAYERS
        for top in layer
    )


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a layer above, or of a sibling in a layer of independent modules."""
    wrong = []
    for module, imported in sorted(graph.items()):
        mine = layer_of(module)
        for other in sorted(imported):
            theirs = layer_of(other)
            if mine is None or theirs is None:
                continue
            independent = len(LAYERS[mine]) > 1 and not _same_top(module, other)
            if theirs < mine or (theirs == mine and independent):
                wrong.append(f"{module} imports {other}")
    return wrong


def test_the_checker_finds_a_cycle_through_a_lazy_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_checker_reads_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        "def late():\n    from orientation.cli import app\n    import orientation.quiz\n",
        encoding="utf-8",
    )
    modules = {"orientation.cli", "orientation.cli.app", "orientation.quiz"}
    found = imports_of(source, modules, "orientation.probe")
    assert found == {"orientation.cli.app", "orientation.quiz"}


def test_the_checker_finds_an_upward_import() -> None:
    graph = {"orientation.scoring": {"orientation.views.parts"}, "orientation.views.parts": set()}
    assert upward_imports(graph) == ["orientation.scoring imports orientation.views.parts"]
    siblings = {"orientation.files": {"orientation.output"}, "orientation.output": set()}
    assert upward_imports(siblings) == ["orientation.files imports orientation.output"]


def test_no_import_cycle_in_the_package() -> None:
    assert cycles(import_graph()) == []


def test_each_layer_imports_only_the_layers_below() -> None:
    graph = import_graph()
    assert [m for m in graph if layer_of(m) is None] == [
        "orientation",
        "orientation.__main__",
    ]
    assert upward_imports(graph) == []


@pytest.mark.parametrize("package", ["content", "results", "views", "writers", "cli", "authoring"])
def test_a_package_holds_about_ten_modules_at_most(package: str) -> None:
    modules = [p for p in (PACKAGE / package).glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 11, sorted(p.name for p in modules)
