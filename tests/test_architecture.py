"""The layout rules of DESIGN.md (Architecture), checked on the source: a rule that is
only written down is soon broken.

- the core (model, demand, staffing, pricing, evaluate, decide, reconcile) never imports
  an adapter (io, report, cli, web, store);
- io never imports evaluate or decide;
- nothing in the core takes a ``lang``: the core returns codes, report words them;
- no import circle between modules (imports under ``TYPE_CHECKING`` do not count);
- no source module over 400 lines;
- the CLI reaches the engine only through ``cscost._api``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "cscost"
CORE = ("model", "demand", "staffing", "pricing", "evaluate", "decide", "reconcile")
ADAPTERS = ("io", "report", "cli", "web", "store")
ENGINE = ("demand", "staffing", "pricing", "evaluate", "decide", "reconcile")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements outside ``if TYPE_CHECKING:`` blocks (lazy ones included)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skip:
            yield node


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The cscost modules an import statement loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("cscost")]
    base = node.module or ""
    if node.level:
        package = module.split(".")[: -node.level] if node.level else []
        base = ".".join([*package, base] if base else package)
    if not base.startswith("cscost"):
        return []
    submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
    # `from package import module` loads the module (its package's __init__ runs first
    # for any import, so that edge is no circle); `from package import name`, the package.
    return submodules if len(submodules) == len(node.names) else [base, *submodules]


@cache
def _graph() -> dict[str, set[str]]:
    """Each module's runtime imports of cscost modules: parsed once per process (every
    case of the parametrized core test reads it; nothing changes it)."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = {t for node in _runtime_imports(tree) for t in _imported(module, node)}
        graph[module] = {t for t in targets if t in MODULES and t != module}
    return graph


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _folder(m) in CORE))
def test_the_core_imports_no_adapter(module: str) -> None:
    bad = {t for t in _graph()[module] if _folder(t) in ADAPTERS}
    assert not bad, f"{module} imports {sorted(bad)}"


def test_io_imports_neither_evaluate_nor_decide() -> None:
    graph = _graph()
    for module in (m for m in MODULES if _folder(m) == "io"):
        bad = {t for t in graph[module] if _folder(t) in ("evaluate", "decide")}
        assert not bad, f"{module} imports {sorted(bad)}"


def test_nothing_in_the_core_takes_a_lang() -> None:
    for module, path in MODULES.items():
        if _folder(module) not in CORE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args
                names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
                assert "lang" not in names, f"{module}.{node.name} takes lang"


def test_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = stack[stack.index(target) :] + [target]
                raise AssertionError("import circle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_no_module_over_400_lines() -> None:
    long = {
        m: n
        for m, p in MODULES.items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, long


def test_the_cli_reaches_the_engine_only_through_the_api() -> None:
    """CLI modules may name core types (annotations) but call no engine function directly."""
    graph = _graph()
    for module in (m for m in MODULES if _folder(m) == "cli"):
        path = MODULES[module]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _runtime_imports(tree):
            if not isinstance(node, ast.ImportFrom) or _folder(node.module or "") not in ENGINE:
                continue
            for alias in node.names:
                assert alias.name[:1].isupper(), (
                    f"{module} imports {alias.name} from {node.module}: call cscost._api instead"
                )
        assert graph[module] is not None
