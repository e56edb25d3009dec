"""Open a built document in the desktop's viewer (``briefgen build --open``).

Opening is a convenience: when no viewer can be found or it fails, the caller prints a note and the
build still succeeds. On Windows ``os.startfile``; on macOS ``open``; elsewhere ``xdg-open``, looked up
on PATH (a test puts a fake one there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PREFERRED = (".pdf", ".html", ".docx", ".md")
"""Which of a build's files is opened: the first of these suffixes present."""


def document_to_open(files: Sequence[Path | str]) -> Path | None:
    """The document of one build that a reader wants to see first (the PDF, if there is one)."""
    paths = [Path(f) for f in files]
    for suffix in PREFERRED:
        for path in paths:
            if path.suffix == suffix:
                return path
    return None


def open_in_viewer(path: Path) -> str | None:
    """Open ``path`` in the desktop's viewer; return None when done, else why it could not be opened."""
    if sys.platform == "win32":  # pragma: no cover - not run on our CI
        try:
            os.startfile(path)  # type: ignore[attr-defined]
        except OSError as exc:
            return f"the viewer could not be started ({exc.strerror})"
        return None
    name = "open" if sys.platform == "darwin" else "xdg-open"
    program = shutil.which(name)
    if program is None:
        return f"no '{name}' command on this system to open it with"
    try:
        done = subprocess.run(
            [program, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"'{name}' could not be run ({exc})"
    if done.returncode != 0:
        return f"'{name}' failed (exit {done.returncode})"
    return None
