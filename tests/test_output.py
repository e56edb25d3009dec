"""Writing: atomic replacement, previous output intact on failure, no stray temporary files."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from briefgen.errors import OutputError
from briefgen.pipeline.output import write_all, write_atomic


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

    def interrupted(src: str, dst: str, **kwargs: object) -> None:
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
    real_open = os.open

    def denied(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(OutputError, match="cannot write here: Permission denied"):
        write_atomic(tmp_path / "briefing.pdf", b"x")


# Output stays inside --out: no link below OUT is followed, files respect the umask.


def test_folder_on_the_way_that_is_a_link_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "japan").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="out/japan: is a symbolic link; briefgen does not write through links"):
        write_all({out / "japan" / "briefing.pdf": b"x"}, out)
    assert list(elsewhere.iterdir()) == []


def test_deeper_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (out / "a").mkdir(parents=True)
    elsewhere.mkdir()
    (out / "a" / "b").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="out/a/b: is a symbolic link"):
        write_all({out / "a" / "b" / "c" / "briefing.pdf": b"x"}, out)
    assert list(elsewhere.iterdir()) == []


def test_file_that_is_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    out, secret = tmp_path / "out", tmp_path / "secret.txt"
    (out / "japan").mkdir(parents=True)
    secret.write_bytes(b"keep me")
    (out / "japan" / "briefing.pdf").symlink_to(secret)
    write_all({out / "japan" / "briefing.pdf": b"new"}, out)
    assert secret.read_bytes() == b"keep me"
    assert not (out / "japan" / "briefing.pdf").is_symlink()
    assert (out / "japan" / "briefing.pdf").read_bytes() == b"new"


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_target_that_is_not_a_file_is_named(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out" / "briefing.pdf"
    target.parent.mkdir()
    target.mkdir() if kind == "folder" else os.mkfifo(target)
    with pytest.raises(OutputError, match=f"out/briefing.pdf: is a {kind}, not a file; remove it"):
        write_all({target: b"x"}, tmp_path / "out")


def test_files_and_folders_respect_the_umask(tmp_path: Path) -> None:
    """A restricted briefing must not become world-readable: umask 077 gives 0600 files, 0700 folders."""
    previous = os.umask(0o077)
    try:
        write_all({tmp_path / "out" / "japan" / "briefing.pdf": b"x"}, tmp_path / "out")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out" / "japan" / "briefing.pdf").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "out" / "japan").stat().st_mode) == 0o700


def test_default_umask_gives_readable_files(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "briefing.pdf", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "briefing.pdf").stat().st_mode) == 0o644


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
        real_open = os.open

        def open_(path: str, flags: int, *args: object, **kwargs: object) -> int:
            if flags & os.O_CREAT:  # a temporary being created
                calls.append(path)
                if len(calls) == 2:
                    raise OSError(errno.EACCES, os.strerror(errno.EACCES))
            return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", open_)
    with pytest.raises(OutputError, match="could not be written|cannot write here"):
        write_all({docx: b"new docx", pdf: b"new pdf"})
    assert len(calls) == 2  # the fault did hit the second file
    assert (docx.read_bytes(), pdf.read_bytes()) == (b"previous docx", b"previous pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.docx", "briefing.pdf"]
