"""The README tells the truth: its sample profile validates, its error example is what we print,
and every command has help text and appears in it (an idea from sqlite-utils' test_docs.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import typer

from briefgen.cli import app

from .helpers import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def _block(language: str, after: str = "") -> str:
    start = README.index(after) if after else 0
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(README, start)
    assert match, f"no ```{language} block after {after!r}"
    return match.group(1)


def test_quick_start_is_exactly_two_commands() -> None:
    commands = _block("", "## Quick start").strip().splitlines()
    assert commands == ["python3 -m briefgen.bootstrap briefgen japan", "python3 -m briefgen.bootstrap pytest"]
    # CI runs that very command (the locked run, which decides), then tries the newest versions.
    assert commands[1] in (REPO / ".ci/run").read_text().splitlines()


def _sample(tmp_path: Path) -> Path:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copy(REPO / "profiles/defaults.yaml", profiles)
    return profiles


def test_sample_profile_is_valid(tmp_path: Path) -> None:
    profiles = _sample(tmp_path)
    (profiles / "sample.yaml").write_text(_block("yaml"), encoding="utf-8")
    assert run_cli("--profiles", profiles, "validate", "sample") == (0, "ok: sample\n", "")


def test_error_example_is_what_validate_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = _sample(tmp_path)
    broken = (
        _block("yaml")
        .replace("value: 2500", "value: beaucoup")
        .replace("at_least\n    as_of:", "at_least\n    as_fo:")
        .replace("source: baoquocte-2025-11-24\n\nsources", "source: baoquocte-2025\n\nsources")
    )
    (profiles / "broken.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("--profiles", "profiles", "validate", "broken")
    start = README.index("$ briefgen validate broken\n")
    expected = README[start : README.index("```", start)].split("\n", 1)[1]
    assert code == 2 and err == expected


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    for name in _commands():
        code, out, _ = run_cli(name, "--help")
        assert code == 0 and "Example: briefgen" in out, name
        assert f"`briefgen {name}" in README, f"command {name} is not in the README"


def test_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _block("python", "## Python API").replace("/tmp/", f"{tmp_path}/")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert (tmp_path / "briefings/japan/briefing.pdf").is_file()
    assert (tmp_path / "packs/forum-quang-ninh/manifest.json").is_file()
    assert [r.status for r in namespace["packs"]] == ["built"]  # type: ignore[attr-defined]
