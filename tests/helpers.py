"""Test helpers: write a file tree from a dict, run the CLI."""

from __future__ import annotations

import hashlib
import io
import signal
import subprocess
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from briefgen.cli import app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
"""The FICTIONAL fixture profiles: ruritania, its visits strelsau-2026 and zenda-summit-2026 (see its README)."""


EXAMPLE = "example-quang-ninh-hokkaido-2027"
"""The shipped example visit (profiles/visits)."""

EXAMPLE_DRAFTED = "2026-12-07"
"""The day the example was drafted, a day well before the visit (19–22 April 2027)."""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` under ``root``; text is dedented."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run briefgen in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, env=env)
    return result.exit_code, result.stdout, result.stderr


def default_signals() -> None:
    """``preexec_fn`` for a child the test will interrupt: SIGINT back to its default.

    A shell starts a background job (``pytest ... &``) with SIGINT ignored, and a child inherits that; Python
    then installs no KeyboardInterrupt handler and the test's SIGINT would be lost.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """Kill ``process`` if it still runs and reap it: what a test calls in ``finally``."""
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


def pdf_text(pdf: Path, *, layout: bool = False) -> str:
    """A PDF's text, its pages separated by form feeds, as ``pdftotext`` gives it (``layout``: ``pdftotext -layout``).

    Read with pdfplumber, a dependency of briefgen itself, so that the suite needs nothing a fresh clone lacks
    (poppler-utils is not installed on a new user's machine, nor in CI). Reading a briefing takes about two
    seconds, and several test files read the same shared build (conftest ``japan_built``): the text is kept per
    test process, keyed by the file's bytes, so a file that changed is always read again.
    """
    data = pdf.read_bytes()
    key = (hashlib.sha256(data).hexdigest(), layout)
    if key not in _PDF_TEXTS:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as document:
            _PDF_TEXTS[key] = "\f".join((page.extract_text(layout=layout) or "") for page in document.pages) + "\f"
    return _PDF_TEXTS[key]


_PDF_TEXTS: dict[tuple[str, bool], str] = {}
"""``pdf_text``'s texts in this test process: {(SHA-256 of the PDF's bytes, layout): text}."""
