"""``briefgen init`` and project folders: found from the current directory upward, as git finds a repository.

The profiles written here are the skeletons briefgen writes itself (TODO placeholders), no facts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .helpers import REPO, run_cli, write_tree


def briefgen(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_init_then_new_list_and_build_from_a_subfolder(tmp_path: Path) -> None:
    made = briefgen("init", "desk", "--marking", "RESTREINT (test)", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "desk"
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == [
        "briefgen.toml",
        "out",
        "profiles",
        "profiles/defaults.yaml",
        "templates",
        "templates/README.md",
    ]
    assert 'marking = "RESTREINT (test)"' in (project / "briefgen.toml").read_text(encoding="utf-8")
    assert 'marking: "RESTREINT (test)"' in (project / "profiles/defaults.yaml").read_text(encoding="utf-8")

    deep = project / "notes" / "2026"
    deep.mkdir(parents=True)
    new = briefgen("new", "korea", cwd=deep)
    assert new.returncode == 0, new.stderr
    assert new.stdout.splitlines()[0] == str(project / "profiles" / "korea.yaml")
    assert briefgen("validate", "korea", cwd=deep).stdout == "ok: korea\n"

    listed = briefgen("list", cwd=deep)
    assert listed.returncode == 0, listed.stderr
    assert (
        listed.stdout.splitlines()[0] == f"Folder in use: {project / 'profiles'} (project {project / 'briefgen.toml'})"
    )
    assert "  korea  " in listed.stdout and "japan" not in listed.stdout

    # --out defaults to the project's out/, wherever the command runs.
    built = briefgen("build", "korea", "--format", "html", cwd=deep)
    assert built.returncode == 0, built.stderr
    assert built.stdout.split() == [str(project / "out" / "korea" / "briefing.html")]
    assert "RESTREINT (test)" in (project / "out" / "korea" / "briefing.html").read_text(encoding="utf-8")


def test_profiles_option_and_variable_win_over_the_project(tmp_path: Path) -> None:
    assert briefgen("init", cwd=tmp_path).returncode == 0
    given = tmp_path / "copy"
    shutil.copytree(REPO / "profiles", given)
    for listed in (
        briefgen("--profiles", given, "list", cwd=tmp_path),
        briefgen("list", cwd=tmp_path, env={"BRIEFGEN_PROFILES": str(given)}),
    ):
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.splitlines()[0] == f"Folder in use: {given} (given)"
        assert "japan" in listed.stdout
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside.mkdir()
    assert "(shipped examples)" in briefgen("list", cwd=outside).stdout.splitlines()[0]


def test_init_never_overwrites(tmp_path: Path) -> None:
    assert briefgen("init", cwd=tmp_path).returncode == 0
    again = briefgen("init", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr == (
        "error: briefgen.toml already exists: this folder is a briefgen project; edit that file instead\n"
    )


def test_unknown_or_wrong_key_in_briefgen_toml_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"briefgen.toml": 'out = "out"\n\nouts = "x"\nlanguages = ["fr", "de"]\ntemplate = 3\n'})
    (tmp_path / "profiles").mkdir()
    listed = briefgen("list", cwd=tmp_path)
    config = tmp_path / "briefgen.toml"
    assert listed.returncode == 2 and listed.stdout == ""
    assert listed.stderr.splitlines() == [
        f"error: {config}:3: outs: unknown key; did you mean 'out'?",
        f"error: {config}:4: languages: unknown language 'de': use fr, en, vi",
        f"error: {config}:5: template: expected a quoted text",
    ]


def test_new_refuses_to_write_into_an_installed_package(tmp_path: Path) -> None:
    installed = tmp_path / "lib" / "site-packages" / "briefgen" / "_shipped" / "profiles"
    installed.mkdir(parents=True)
    code, stdout, stderr = run_cli("--profiles", installed, "new", "korea")
    assert code == 2 and stdout == ""
    assert "inside the installed briefgen package, where briefgen never writes" in stderr
    assert "make a project folder with 'briefgen init DIR'" in stderr
    assert list(installed.iterdir()) == []
