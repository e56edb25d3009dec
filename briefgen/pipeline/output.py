"""Write: documents land in their folder atomically, or not at all.

Each file is written to a unique temporary file in the target folder, flushed to disk, then
renamed over the target. A rename within one folder is atomic, so a reader (or a second
briefgen running at the same time) sees either the previous complete file or the new complete
one, never a half-written file; unique temporaries mean two concurrent runs never write into
the same temporary. On any failure the temporary is removed and the previous file is untouched.

Unique temporaries and atomic renames keep every file whole, but not a folder consistent: two
runs writing one folder at the same time with different inputs (another profile folder, another
``--date``) could interleave their renames, A's documents, then B's documents and record, then
A's record, leaving one run's record beside the other's documents (seen 1 in 30). So the writers
of one folder are serialised: ``serialised(folder)`` holds an exclusive ``flock`` on the folder
itself over the rename phase and the record. This is why there is a lock now, and why it is this
one: the kernel drops an ``flock`` when its holder dies (SIGKILL, power loss), so there is no
stale lock to detect or clean up; the lock is on the folder's own descriptor (opened as every write
opens it, without following links), so no lock file appears among the outputs; and the second run
waits only for the first one's renames, not its rendering, then finishes with its own complete
set. (Where ``fcntl`` does not exist, Windows, folders are not serialised.)
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.data.files import describe
from briefgen.errors import OutputError, OutputFolderError


def write_atomic(target: Path, data: bytes, root: Path | None = None) -> None:
    """Replace ``target`` with ``data`` in one rename; raise OutputError if it cannot be done."""
    write_all({target: data}, root)


def write_all(files: dict[Path, bytes], root: Path | None = None) -> None:
    """Replace several files together: every temporary is written and flushed before any rename.

    A failure while writing (disk full, permission, interruption) removes the temporaries and
    leaves every previous file as it was, so a briefing's DOCX and PDF never come from two runs.

    ``root`` is the output folder the user chose (``--out``; the target's own folder when not
    given): it is opened as given, but no folder below it is followed if it is a symbolic link.
    Each folder is opened by a descriptor relative to its parent (``O_NOFOLLOW``), and the
    temporary is created and renamed relative to that descriptor, so a link swapped in between
    a check and a write cannot send the bytes elsewhere. A target that is itself a link is
    replaced by the file (a rename replaces the link, never writes through it). Files are
    created with mode 0666 and folders 0777, less the umask, as any other program's would be.
    """
    folders: dict[Path, int] = {}
    temporaries: list[tuple[int, str, Path]] = []
    try:
        for target, data in files.items():
            if target.parent not in folders:
                folders[target.parent] = _open_folder(root if root is not None else target.parent, target.parent)
            fd = folders[target.parent]
            temporaries.append((fd, _write_temporary(fd, target, data), target))
        for fd, temp, target in temporaries:
            os.replace(temp, target.name, src_dir_fd=fd, dst_dir_fd=fd)
    except BaseException as exc:
        for fd, temp, _ in temporaries:
            try:
                os.unlink(temp, dir_fd=fd)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            failed = temporaries[-1][2] if temporaries else next(iter(files))
            raise OutputError(f"{failed}: could not be written: {exc.strerror or exc}") from None
        raise
    finally:
        for fd in folders.values():
            os.close(fd)


@contextmanager
def serialised(folder: Path, root: Path | None = None) -> Iterator[None]:
    """Hold an exclusive lock on output ``folder`` (made if missing, reached as ``write_all`` reaches it) for the block.

    Other briefgen runs writing into the same folder wait at this point until the block ends; see
    the module docstring for why.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; writes stay whole, folders are not serialised
        yield
        return
    fd = _open_folder(root if root is not None else folder, folder)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _open_folder(root: Path, folder: Path) -> int:
    """A descriptor of ``folder``, made if missing, reached from ``root`` without following any link below it."""
    try:
        inner = folder.relative_to(root).parts
    except ValueError:
        raise OutputError(f"{folder}: is outside the output folder {root}") from None
    if ".." in inner:
        raise OutputError(f"{folder}: is outside the output folder {root}")
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (root, *root.parents) if p.exists() and not p.is_dir()), root)
        raise OutputFolderError(
            f"{blocker}: is a file, not a folder; choose another output folder", option="out"
        ) from None
    except OSError as exc:
        raise OutputError(f"{root}: cannot create the output folder: {exc.strerror or exc}") from None
    here = root
    for part in inner:
        here = here / part
        try:
            os.mkdir(part, 0o777, dir_fd=fd)
        except FileExistsError:
            pass
        except OSError as exc:
            os.close(fd)
            raise OutputError(f"{here}: cannot create the output folder: {exc.strerror or exc}") from None
        try:
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        except OSError as exc:
            kind = _kind(part, fd)
            os.close(fd)
            if kind == "a link":
                raise OutputError(
                    f"{here}: is a symbolic link; briefgen does not write through links: remove it "
                    "or choose another output folder",
                    option="out",
                ) from None
            if kind:
                raise OutputError(
                    f"{here}: is {kind}, not a folder; remove it or choose another output folder", option="out"
                ) from None
            raise OutputError(f"{here}: cannot open the output folder: {exc.strerror or exc}") from None
        os.close(fd)
        fd = child
    return fd


def _kind(name: str, folder_fd: int) -> str:
    """What ``name`` in the folder is when it is not a plain folder or file: ``a link``, ``a folder``..."""
    try:
        mode = os.lstat(name, dir_fd=folder_fd).st_mode
    except OSError:
        return ""
    return describe(mode)


def _write_temporary(folder_fd: int, target: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``target``, flushed to disk; return its name."""
    kind = _kind(target.name, folder_fd)
    if kind and kind != "a link":  # a link is replaced by the rename; anything else is the user's
        raise OutputError(f"{target}: is {kind}, not a file; remove it or choose another output folder", option="out")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        # The pid in the name lets a batch remove what a worker killed outright left behind.
        temp = f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(temp, flags, 0o666, dir_fd=folder_fd)  # the umask decides who may read it
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"{target.parent}: cannot write here: {exc.strerror or exc}") from None
    else:
        raise OutputError(f"{target.parent}: cannot write here: no free temporary name")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        try:
            os.unlink(temp, dir_fd=folder_fd)
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
