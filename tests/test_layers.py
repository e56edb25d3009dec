"""The stages import one way (cli -> pipeline -> render -> view -> data) and no modules import each other in a circle.

import-linter's two contracts in pyproject.toml; it reads every import statement, those inside functions too,
so neither a backward import nor a circle can hide in a function.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

pytest.importorskip("importlinter", reason="the test extra installs import-linter")

STAGES = ("cli", "pipeline", "render", "view", "data")


def test_the_layer_contract_is_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([str(lint)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def lint_a_copy_with(tmp_path: Path, path: str, added: str) -> subprocess.CompletedProcess[str]:
    """import-linter run on a copy of the package where ``path`` ends with ``added``."""
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "briefgen", copy / "briefgen", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    changed = copy / path
    changed.write_text(changed.read_text(encoding="utf-8") + added)
    lint = Path(sys.executable).parent / "lint-imports"
    env = dict(os.environ, PYTHONPATH=str(copy))
    return subprocess.run([str(lint)], cwd=copy, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "added",
    [
        "\nfrom briefgen.view import sections  # noqa\n",
        "\n\ndef _later() -> None:\n    from briefgen.view import sections  # noqa\n",
    ],
    ids=["at the top", "inside a function"],
)
def test_a_backward_import_breaks_it(tmp_path: Path, added: str) -> None:
    # A copy of the package where the data layer imports the view layer: the contract must fail.
    result = lint_a_copy_with(tmp_path, "briefgen/data/schema.py", added)
    assert result.returncode != 0
    assert "briefgen.data.schema -> briefgen.view.sections" in result.stdout


def test_a_circle_hidden_in_a_function_breaks_it(tmp_path: Path) -> None:
    # The catalog finds the profiles and 'briefgen new' writes into them: the catalog importing it back is a circle.
    added = "\n\ndef _later() -> None:\n    from briefgen.data import scaffold  # noqa\n"
    result = lint_a_copy_with(tmp_path, "briefgen/data/catalog.py", added)
    assert result.returncode != 0
    assert "No cycles are allowed in briefgen.data" in result.stdout


def test_every_module_of_the_package_is_in_a_stage_or_shared() -> None:
    shared = {"__init__", "__main__", "bootstrap", "errors", "text", "languages", "words", "docs"}
    top = {p.stem for p in (REPO / "briefgen").glob("*.py")}
    assert top <= shared, f"modules outside the stages: {sorted(top - shared)}"
    assert {p.name for p in (REPO / "briefgen").iterdir() if p.is_dir() and (p / "__init__.py").is_file()} >= set(
        STAGES
    )
