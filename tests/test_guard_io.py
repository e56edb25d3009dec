"""Input we read and output we write: links, non-files, multi-name builds, batch inputs.

Every profile here is a FICTIONAL fixture (tests/fixtures), copied into tmp_path.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from briefgen.pipeline.pack import is_up_to_date

from .helpers import REPO, run_cli

VISIT = "strelsau-2026"


@pytest.fixture
def profiles(profiles: Path) -> Path:
    """The FICTIONAL fixtures, with a second partner ``ruritania-2``."""
    folder = profiles
    shutil.copyfile(folder / "ruritania.yaml", folder / "ruritania-2.yaml")
    return folder


def test_build_refuses_an_output_folder_that_is_a_link(profiles: Path, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "ruritania").symlink_to(elsewhere)
    code, stdout, err = run_cli("--profiles", profiles, "build", "ruritania", "--format", "html", "--out", out)
    assert code == 1, err
    assert "out/ruritania: is a symbolic link; briefgen does not write through links" in err
    assert list(elsewhere.iterdir()) == []
    assert stdout == ""


def test_build_under_umask_077_is_not_world_readable(profiles: Path, tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        code, _, err = run_cli(
            "--profiles", profiles, "build", "ruritania", "--format", "html", "--out", tmp_path / "o"
        )
    finally:
        os.umask(previous)
    assert code == 0, err
    written = tmp_path / "o" / "ruritania" / "briefing.html"
    assert "Ruritanie" in written.read_text(encoding="utf-8")
    assert written.stat().st_mode & 0o077 == 0


def test_multi_name_build_reports_what_was_written_and_names_the_failure(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "ruritania-2" / "briefing.html").mkdir(parents=True)  # the second build cannot write its file
    code, stdout, err = run_cli(
        "--profiles", profiles, "build", "ruritania", "ruritania-2", "--format", "html", "--out", out
    )
    assert code == 1
    assert stdout.splitlines() == [str(out / "ruritania" / "briefing.html")]
    assert "Ruritanie" in (out / "ruritania" / "briefing.html").read_text(encoding="utf-8")
    assert err.startswith("error: ruritania-2: not built: "), err
    assert "ruritania-2/briefing.html: is a folder, not a file" in err


def test_ignored_files_are_reported_by_list_and_validate(profiles: Path) -> None:
    shutil.copyfile(profiles / "ruritania.yaml", profiles / "korea.yml")
    shutil.copyfile(profiles / "ruritania.yaml", profiles / "mon profil.yaml")
    shutil.copyfile(profiles / "visits" / f"{VISIT}.yaml", profiles / "visits" / "seoul.yml")
    for command in ("list", "validate"):
        code, _, err = run_cli("--profiles", profiles, command)
        assert code == 0, err
        lines = err.splitlines()
        assert f"warning: {profiles}/korea.yml: ignored: profile files end in '.yaml'; rename it korea.yaml" in lines
        assert f"warning: {profiles}/visits/seoul.yml: ignored: profile files end in '.yaml'; rename it seoul.yaml" in (
            lines
        )
        assert any(
            line.startswith(f"warning: {profiles}/mon profil.yaml: ignored: 'mon profil' is not") for line in lines
        )


def test_a_broken_visit_fails_its_pack_not_the_batch(profiles: Path, tmp_path: Path) -> None:
    (profiles / "visits" / "broken.yaml").symlink_to("nowhere.yaml")
    code, stdout, err = run_cli(
        "--profiles", profiles, "batch", "--all", "--jobs", "1", "--json", "--out", tmp_path / "o"
    )
    assert code == 1, err
    results = {r["name"]: r for r in json.loads(stdout)}
    assert results[VISIT]["status"] == "built"
    assert results["broken"]["status"] == "failed"
    assert "visits/broken.yaml: is a link to nothing or to itself, not a visit file" in results["broken"]["error"]
    assert (tmp_path / "o" / VISIT / "manifest.json").is_file()


def test_batch_does_not_hash_its_own_outputs_under_the_templates_folder(profiles: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates, ignore=shutil.ignore_patterns("__pycache__"))
    out = templates / "packs"
    args = ("--profiles", profiles, "--templates", templates, "batch", VISIT, "--jobs", "1", "--json", "--out", out)
    first = run_cli(*args)
    second = run_cli(*args)
    assert first[0] == 0 and second[0] == 0, first[2] + second[2]
    assert [r["status"] for r in json.loads(first[1])] == ["built"]
    assert [r["status"] for r in json.loads(second[1])] == ["up to date"]
    manifest = json.loads((out / VISIT / "manifest.json").read_text(encoding="utf-8"))
    assert not any(t["path"].startswith("packs/") for t in manifest["templates"])


@pytest.mark.parametrize("kind", ["pipe", "folder", "link_to_dev_zero"])
def test_a_previous_manifest_that_is_not_a_file_is_not_read(tmp_path: Path, kind: str) -> None:
    """A pipe would block for ever, /dev/zero would fill memory: the pack is simply not up to date."""
    folder = tmp_path / "out" / "pack"
    folder.mkdir(parents=True)
    manifest = folder / "manifest.json"
    if kind == "pipe":
        os.mkfifo(manifest)
    elif kind == "folder":
        manifest.mkdir()
    else:
        manifest.symlink_to("/dev/zero")
    answer: list[bool] = []
    worker = threading.Thread(target=lambda: answer.append(is_up_to_date(folder, tmp_path / "out" / "pack.zip", "x")))
    worker.daemon = True
    worker.start()
    worker.join(timeout=10)
    assert answer == [False], "is_up_to_date blocked or failed"


def test_batch_names_a_previous_output_that_is_a_pipe(profiles: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / VISIT).mkdir(parents=True)
    os.mkfifo(out / VISIT / "manifest.json")
    code, stdout, err = run_cli("--profiles", profiles, "batch", VISIT, "--jobs", "1", "--json", "--out", out)
    assert code == 1, err
    [result] = json.loads(stdout)
    assert result["status"] == "failed"
    assert f"{VISIT}/manifest.json: is a pipe, not a file; remove it" in result["error"]
