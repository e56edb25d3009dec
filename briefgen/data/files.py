"""Reading what we are given: only regular files, never blocking on a pipe, never following a link out.

The data layer reads profiles through here; the pipeline uses the same words for what it finds in --out.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from briefgen.errors import Problem, ProfileError

MAX_FILE_BYTES = 2 * 1024 * 1024
"""The largest profile file read (briefgen.data.loading: a hostile file costs bounded time and memory)."""


def describe(mode: int) -> str:
    """``a link``, ``a folder``, ``a pipe``, ``a device``, ``a socket``, or ``""`` for a regular file."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return ""


def open_regular(path: Path, *, follow: bool = False) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; else OSError, without blocking or reading.

    Opened with ``O_NONBLOCK`` and checked on the open descriptor, so a pipe never blocks and a
    device (``/dev/zero``) is never read. A link is refused unless ``follow``.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else os.O_NOFOLLOW)
    fd = os.open(path, flags)
    stream = os.fdopen(fd, "rb")
    kind = describe(os.fstat(fd).st_mode)
    if kind:
        stream.close()
        raise OSError(errno.EINVAL, f"is {kind}, not a file")
    return stream


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of regular file ``path`` (not a link), if at most ``limit``; else OSError."""
    with open_regular(path) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes")
    return data


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, in hex (a link is followed; a pipe or device is refused, not read)."""
    st = path.stat()
    return _cached_digest(str(path), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=512)
def _cached_digest(path: str, mtime_ns: int, size: int) -> str:
    # Keyed on mtime and size too: a batch hashes the same fonts for every pack, once, and a
    # build's glyph check and its record share the fonts' hashes.
    digest = hashlib.sha256()
    with open_regular(Path(path), follow=True) as f:  # a pipe must not block, a device never ends
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def display_path(path: Path) -> str:
    """The path as users should see it: relative to the working folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a profile file (a regular file, at most ``MAX_FILE_BYTES``), or ProfileError saying why not."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _problem(shown, "is a folder, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            # A pipe would block for ever, /dev/zero would never end.
            raise _problem(shown, "is not a regular file (a device, pipe or socket?); give a YAML file")
        size = info.st_size
        raw = b""
        if size <= MAX_FILE_BYTES:
            # Checked again on the open file, without blocking: it may have been swapped for a pipe.
            with open_regular(path, follow=True) as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)  # the file may grow after stat()
            size = len(raw)
        if size > MAX_FILE_BYTES:
            raise _problem(
                shown, f"the file is {size // 1024} KiB; profiles are limited to {MAX_FILE_BYTES // 1024} KiB"
            )
    except FileNotFoundError:
        raise _problem(shown, "no such file") from None
    except OSError as exc:
        raise _problem(shown, f"cannot be read: {exc.strerror or exc}") from None
    return raw


def _problem(shown: str, message: str) -> ProfileError:
    return ProfileError([Problem(shown, None, None, "", message)])
