"""Faults and concurrency: a full disk, a renderer failing, two builds and two batches at once.

Each fault: a one-line error, exit 1, the previous files of the briefing intact, no temporary left.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from .helpers import REPO, run_cli


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.iterdir())
    }


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A first build of the Japan briefing, made once for the module: never changed, only copied."""
    out = tmp_path_factory.mktemp("first")
    code, _, err = run_cli("japan", "--out", out)
    assert code == 0, err
    return out / "japan"


@pytest.fixture
def previous(first_build: Path, tmp_path: Path) -> Path:
    """A first build of the Japan briefing (a copy of the module's, its build record included), which the faulty
    builds must leave as it is."""
    folder = tmp_path / "out" / "japan"
    shutil.copytree(first_build, folder)
    return folder


def test_disk_full_while_writing_the_second_file(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(previous)
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the DOCX is on disk as a temporary; the PDF finds the disk full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setenv("BRIEFGEN_NO_FORK", "1")  # the fault is injected in this process
    code, out, err = run_cli("japan", "--out", previous.parent, "--force")
    assert (code, out) == (1, "")
    assert err == f"error: {previous / 'briefing.pdf'}: could not be written: No space left on device\n"
    assert snapshot(previous) == before  # not even the DOCX was replaced


def test_output_folder_blocked_by_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file where the output folder should be")
    code, _, err = run_cli("japan", "--out", tmp_path / "out" / "sub")
    expected = f"error: {tmp_path / 'out'}: is a file, not a folder; choose another output folder (--out)\n"
    assert code == 2 and err == expected


def test_target_is_a_folder(previous: Path) -> None:
    (previous / "briefing.pdf").unlink()
    (previous / "briefing.pdf").mkdir()
    before = snapshot(previous)
    code, _, err = run_cli("japan", "--out", previous.parent, "--force")
    assert (
        code == 1
        and "briefing.pdf: is a folder, not a file; remove it or choose another output folder (--out)\n" in err
    )
    assert snapshot(previous) == before and not list(previous.glob(".*.tmp"))


def test_docx_renderer_failing_in_its_parallel_process(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The DOCX is rendered in a forked child: its failure still reaches the user as one line, exit 1."""

    def broken(view: object, template: Path, added: tuple[Path, ...] = ()) -> bytes:
        raise ValueError("simulated failure")

    monkeypatch.setattr("briefgen.render.docx.render_docx", broken)  # inherited by the fork
    before = snapshot(previous)
    code, _, err = run_cli("japan", "--out", previous.parent, "--force")
    assert code == 1
    assert err == "error: briefing.docx failed: ValueError: simulated failure\n"
    assert snapshot(previous) == before


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_builds_at_once_on_the_same_folder(tmp_path: Path) -> None:
    """Unique temporaries and atomic renames: both finish, and the files left are whole and valid."""
    out = tmp_path / "out"
    processes = [_spawn("japan", "--out", str(out)) for _ in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    folder = out / "japan"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".briefgen-build.json",
        "briefing.docx",
        "briefing.pdf",
        "facts.json",
    ]
    assert len(PdfReader(folder / "briefing.pdf").pages) >= 5
    tables = Document(str(folder / "briefing.docx")).tables
    assert "Quảng Ninh" in "\n".join(c.text.replace("\xa0", " ") for t in tables for r in t.rows for c in r.cells)


def test_two_batches_at_once_on_the_same_folder(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", profiles)
    text = (profiles / "visits" / "strelsau-2026.yaml").read_text(encoding="utf-8")
    (profiles / "visits" / "second.yaml").write_text(text.replace("Strelsau", "Zenda"), encoding="utf-8")
    out = tmp_path / "out"
    args = ("--profiles", str(profiles), "batch", "--all", "--force", "--jobs", "1", "--json", "--out", str(out))
    processes = [_spawn(*args) for _ in range(2)]
    for process in processes:
        stdout, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert {r["status"] for r in json.loads(stdout)} == {"built"}
    assert not list(out.rglob("*.tmp"))
    # Builds are reproducible, so whichever rename came last, each manifest matches its files.
    code, stdout, _ = run_cli("--profiles", profiles, "batch", "--all", "--json", "--out", out)
    assert code == 0 and {r["status"] for r in json.loads(stdout)} == {"up to date"}
