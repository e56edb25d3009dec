"""The CLI is a thin shell over the public API, and no module reaches for another's private names.

Read from the source (an AST scan), so that a new import breaking either rule fails here:
- ``briefgen/cli/`` imports only ``briefgen`` itself (the names ``briefgen.__all__`` exports), its own
  modules and the shared ones (errors, text, languages): no data, view, render or pipeline module;
- no module of ``briefgen/`` imports a name starting with ``_`` from another module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import briefgen

from .helpers import REPO

PACKAGE = REPO / "briefgen"
SHARED = {"briefgen", "briefgen.errors", "briefgen.text", "briefgen.languages"}
"""What the CLI may import besides its own modules: the public API and the modules every stage shares."""


def modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def cli_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Every briefgen module a CLI file imports, at any depth (inside functions too), with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "briefgen"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "briefgen":
            found.append((node.lineno, node.module))
    return found


def test_the_cli_imports_only_the_public_api_and_the_shared_modules() -> None:
    wrong = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path, tree in modules()
        if path.parent.name == "cli"
        for line, module in cli_imports(tree)
        if module not in SHARED and not module.startswith("briefgen.cli")
    ]
    assert wrong == []


def test_the_cli_uses_only_names_the_package_exports() -> None:
    exported = set(briefgen.__all__) | {m.split(".")[-1] for m in SHARED - {"briefgen"}} | {"cli"}
    wrong = []
    for path, tree in modules():
        if path.parent.name != "cli":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "briefgen":
                wrong += [f"{path.name}:{node.lineno}: {a.name}" for a in node.names if a.name not in exported]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "briefgen":
                if node.attr not in exported:
                    wrong.append(f"{path.name}:{node.lineno}: briefgen.{node.attr}")
    assert wrong == []


def test_no_module_imports_another_modules_private_names() -> None:
    wrong = [
        f"{path.relative_to(REPO)}:{node.lineno}: from {node.module} import {alias.name}"
        for path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "briefgen"
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert wrong == []


def test_every_exported_name_resolves() -> None:
    for name in briefgen.__all__:
        assert getattr(briefgen, name) is not None, name
