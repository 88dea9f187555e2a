"""Layout rules of the web app and the store (DESIGN.md): the store never imports the
web app; the web app, like the CLI, calls no engine function except through
``cscost._api`` (core types and constants for annotations and columns are fine); the
package data the app needs at run time is shipped."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.test_architecture import ENGINE, MODULES, _folder, _graph, _runtime_imports

ROOT = Path(__file__).resolve().parents[2]


def test_the_store_does_not_import_the_web_app() -> None:
    graph = {m: t for m, t in _graph().items() if _folder(m) == "store"}
    for module in (m for m in MODULES if _folder(m) == "store"):
        bad = {t for t in graph[module] if _folder(t) == "web"}
        assert not bad, f"{module} imports {sorted(bad)}"


def test_the_web_app_reaches_the_engine_only_through_the_api() -> None:
    for module in (m for m in MODULES if _folder(m) in ("web", "store")):
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in _runtime_imports(tree):
            if not isinstance(node, ast.ImportFrom) or _folder(node.module or "") not in ENGINE:
                continue
            for alias in node.names:
                assert alias.name[:1].isupper(), (
                    f"{module} imports {alias.name} from {node.module}: call cscost._api"
                )


def test_templates_migrations_and_static_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["cscost"]
    package = ROOT / "src" / "cscost"
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    for folder in ("web/templates", "web/static", "store/migrations"):
        for path in (package / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert path in shipped, f"{path.relative_to(package)} is not package data"
