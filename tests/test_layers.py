"""The stages import one way (cli -> pipeline -> render -> view -> data): import-linter's contract in pyproject.toml."""

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
    assert "1 kept, 0 broken" in result.stdout


def test_a_backward_import_breaks_it(tmp_path: Path) -> None:
    # A copy of the package where the data layer imports the view layer: the contract must fail.
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "briefgen", copy / "briefgen", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    schema = copy / "briefgen" / "data" / "schema.py"
    schema.write_text(schema.read_text(encoding="utf-8") + "\nfrom briefgen.view import sections  # noqa\n")
    lint = Path(sys.executable).parent / "lint-imports"
    env = dict(os.environ, PYTHONPATH=str(copy))
    result = subprocess.run([str(lint)], cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "briefgen.data.schema -> briefgen.view.sections" in result.stdout


def test_every_module_of_the_package_is_in_a_stage_or_shared() -> None:
    shared = {"__init__", "__main__", "bootstrap", "errors", "text", "languages", "words", "docs"}
    top = {p.stem for p in (REPO / "briefgen").glob("*.py")}
    assert top <= shared, f"modules outside the stages: {sorted(top - shared)}"
    assert {p.name for p in (REPO / "briefgen").iterdir() if p.is_dir() and (p / "__init__.py").is_file()} >= set(
        STAGES
    )
