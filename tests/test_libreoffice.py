"""The DOCX opens in Word-like software: LibreOffice converts it to PDF without complaint (CI installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from .helpers import run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize("name", ["japan", "forum-quang-ninh"])
def test_libreoffice_converts_the_docx(tmp_path: Path, name: str) -> None:
    assert SOFFICE is not None
    code, _, err = run_cli(name, "--format", "docx", "--out", tmp_path)
    assert code == 0, err
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",  # its own profile: no lock, no first-run state
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(tmp_path / name / "briefing.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "pdf" / "briefing.pdf"
    assert converted.is_file(), result.stdout + result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(converted).pages)
    assert "DIFFUSION RESTREINTE" in text and "Quảng Ninh" in text and "Sources" in text
    assert len(PdfReader(converted).pages) >= 3
