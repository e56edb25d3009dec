"""The DOCX opens in Word-like software: LibreOffice converts it to PDF without complaint (CI installs it)."""

from __future__ import annotations

import os
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
    # A name is written with no-break spaces (it never breaks): read as written.
    text = " ".join(page.extract_text() for page in PdfReader(converted).pages).replace("\xa0", " ")
    assert "DIFFUSION RESTREINTE" in text and "Quảng Ninh" in text and "Sources" in text
    assert len(PdfReader(converted).pages) >= 3


# A fontconfig set-up without any Noto the machine may have, so that only the fonts embedded in
# the DOCX can draw Noto: the test then proves the embedding, not the machine.
_NO_SYSTEM_NOTO = """<?xml version="1.0"?>
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>/usr/*oto*</glob><glob>/usr/*NOTO*</glob><glob>/opt/*</glob></rejectfont></selectfont>
</fontconfig>
"""


def _pdf_fonts(pdf: Path) -> dict[int, set[str]]:
    """Page number -> the base names of the fonts the page draws with (subset prefixes removed)."""
    fonts = {}
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        resources = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        fonts[number] = {str(f.get_object()["/BaseFont"]).split("+", 1)[-1] for f in resources.values()}
    return fonts


def _font_programs(pdf: Path) -> dict[str, set[str]]:
    """Base name (subset prefix removed) -> the kinds of font program the PDF embeds for it (/FontFile2...)."""
    programs: dict[str, set[str]] = {}
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for ref in resources.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            kinds = (
                {key for key in descriptor.get_object() if str(key).startswith("/FontFile")} if descriptor else set()
            )
            programs.setdefault(name, set()).update(kinds)
    return programs


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize("lang", ["fr", "vi"])
def test_libreoffice_draws_with_the_embedded_fonts(tmp_path: Path, lang: str) -> None:
    """Japanese and Vietnamese draw in the embedded Noto faces on a machine without them: no fallback."""
    assert SOFFICE is not None
    code, _, err = run_cli("japan", "--format", "docx", "--lang", lang, "--out", tmp_path)
    assert code == 0, err
    (docx_file,) = (tmp_path / "japan").glob("*.docx")
    (tmp_path / "fonts.conf").write_text(_NO_SYSTEM_NOTO, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(docx_file),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "pdf" / f"{docx_file.stem}.pdf"
    fonts = _pdf_fonts(converted)
    used = set().union(*fonts.values())
    assert used and all(name.startswith("NotoSans") for name in used), used  # no DejaVu, no Liberation
    pages = [page.extract_text().replace("\xa0", " ") for page in PdfReader(converted).pages]  # names: no-break spaces
    japanese = [n for n, text in enumerate(pages, start=1) if "北海道" in text]
    vietnamese = [n for n, text in enumerate(pages, start=1) if "Quảng Ninh" in text]
    assert japanese and vietnamese
    assert all(any(f.startswith("NotoSansCJKjp") for f in fonts[n]) for n in japanese)
    # Drawn from the embedded TrueType subset (glyf outlines become a FontFile2), not from a CFF face.
    programs = {name: kinds for name, kinds in _font_programs(converted).items() if name.startswith("NotoSansCJKjp")}
    assert programs and all(kinds == {"/FontFile2"} for kinds in programs.values()), programs
    assert all("NotoSans-Regular" in fonts[n] for n in vietnamese)


def _to_pdf(docx_file: Path, folder: Path) -> Path:
    """``docx_file`` converted by LibreOffice, with its own profile, into ``folder``."""
    assert SOFFICE is not None
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    command = [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx_file)]
    subprocess.run(command, capture_output=True, check=True, timeout=180)
    return folder / f"{docx_file.stem}.pdf"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_shows_the_contents_page_numbers(tmp_path: Path) -> None:
    """Each entry of the contents ends with the page its section starts on, as LibreOffice lays it out."""
    import re

    code, _, err = run_cli("japan", "--format", "docx", "--lang", "en", "--out", tmp_path)
    assert code == 0, err
    converted = _to_pdf(tmp_path / "japan" / "briefing.en.docx", tmp_path / "pdf")
    pages = [page.extract_text().replace("\xa0", " ") for page in PdfReader(converted).pages]  # names: no-break spaces
    entries = re.findall(r"^(\S[^\n.]*?)\.{4,}\s*(\d+)\s*$", pages[1], flags=re.MULTILINE)
    assert len(entries) >= 8 and "Sources" in [title for title, _ in entries], pages[1]
    for title, number in entries:
        heading = re.compile(rf"^{re.escape(title)}\s*$", re.MULTILINE)
        starts = [n for n, text in enumerate(pages, start=1) if n > 1 and heading.search(text)]
        assert starts and int(number) == starts[0], (title, number, starts)
