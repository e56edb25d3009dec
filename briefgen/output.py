"""Write: documents land in their folder atomically, or not at all.

Each file is written to a unique temporary file in the target folder, flushed to disk, then
renamed over the target. A rename within one folder is atomic, so a reader (or a second
briefgen running at the same time) sees either the previous complete file or the new complete
one, never a half-written file; unique temporaries mean two concurrent runs never write into
the same temporary. On any failure the temporary is removed and the previous file is untouched.

Concurrency is handled this way rather than with a lock file per pack folder: a lock left by a
killed process (SIGKILL, power loss) would need stale-lock detection, and would make the second
of two runs wait or fail, while unique temporaries and atomic renames let both finish. Since a
build's bytes depend only on its inputs, two runs on the same inputs leave identical files, and a
pack's manifest (written last) matches its files whichever run renamed last.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from briefgen.errors import OutputError


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one rename; raise OutputError if it cannot be done."""
    write_all({target: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Replace several files together: every temporary is written and flushed before any rename.

    A failure while writing (disk full, permission, interruption) removes the temporaries and
    leaves every previous file as it was, so a briefing's DOCX and PDF never come from two runs.
    """
    temporaries: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            temporaries.append((_write_temporary(target, data), target))
        for temp, target in temporaries:
            os.replace(temp, target)
    except BaseException as exc:
        for temp, _ in temporaries:
            try:
                os.unlink(temp)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            failed = temporaries[-1][1] if temporaries else next(iter(files))
            raise OutputError(f"{failed}: could not be written: {exc.strerror or exc}") from None
        raise


def _write_temporary(target: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``target``, flushed to disk; return its path."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise OutputError(f"{blocker}: is a file, not a folder; choose another --out") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror or exc}") from None
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; remove it or choose another --out")
    try:
        # The pid in the name lets a batch remove what a worker killed outright left behind.
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: could not be written: {exc.strerror or exc}") from None
        raise
    return temp


def remove_temporaries(folder: Path, pid: int) -> list[Path]:
    """Remove the temporaries process ``pid`` left in ``folder`` (it died before it could); return them."""
    removed = []
    for temp in folder.glob(f".*.{pid}.*.tmp"):
        try:
            temp.unlink()
            removed.append(temp)
        except FileNotFoundError:
            pass
    return removed


def fixed_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` entries, in the order given, with fixed dates and modes.

    Equal entries give equal bytes: DOCX files (python-docx stamps the current time), the
    shipped template and pack archives are all written through here, so manifests can hash them.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return buffer.getvalue()


def refixed_zip(data: bytes) -> bytes:
    """The zip ``data`` rewritten by :func:`fixed_zip`, its entries in their original order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return fixed_zip((info.filename, source.read(info.filename)) for info in source.infolist())
