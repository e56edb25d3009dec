"""Writing: atomic replacement, previous output intact on failure, no stray temporary files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from briefgen.errors import OutputError
from briefgen.output import write_atomic


def test_write_creates_folder_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out" / "japan" / "briefing.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["briefing.pdf"]


def test_failure_midway_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "briefing.docx"
    target.write_bytes(b"previous")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="briefing.docx: could not be written: No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.docx"]


def test_interrupt_midway_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"previous")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_output_path_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        write_atomic(tmp_path / "out" / "japan" / "briefing.pdf", b"x")


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(OutputError, match="cannot write here: Permission denied"):
        write_atomic(tmp_path / "briefing.pdf", b"x")
