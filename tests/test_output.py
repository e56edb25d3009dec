"""Writing: atomic replacement, previous output intact on failure, no stray temporary files."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from briefgen.errors import OutputError
from briefgen.output import write_all, write_atomic


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


@pytest.mark.parametrize("fault", ["fsync", "open"])
def test_a_failure_on_the_second_file_leaves_the_first_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    """write_all renames nothing until every temporary is written: DOCX and PDF come from one run."""
    docx, pdf = tmp_path / "briefing.docx", tmp_path / "briefing.pdf"
    docx.write_bytes(b"previous docx")
    pdf.write_bytes(b"previous pdf")
    calls: list[object] = []
    if fault == "fsync":
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            calls.append(fd)
            if len(calls) == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
    else:
        real_mkstemp = tempfile.mkstemp

        def mkstemp(**kwargs: str) -> tuple[int, str]:
            calls.append(kwargs)
            if len(calls) == 2:
                raise OSError(errno.EACCES, os.strerror(errno.EACCES))
            return real_mkstemp(**kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(OutputError, match="could not be written|cannot write here"):
        write_all({docx: b"new docx", pdf: b"new pdf"})
    assert len(calls) == 2  # the fault did hit the second file
    assert (docx.read_bytes(), pdf.read_bytes()) == (b"previous docx", b"previous pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.docx", "briefing.pdf"]
