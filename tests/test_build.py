"""``briefgen japan`` end to end: the shipped profile into real DOCX, PDF and HTML, read back."""

from __future__ import annotations

import functools
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from briefgen.errors import RenderError
from briefgen.pipeline import api

from .helpers import REPO, run_cli
from .test_reader_content import docx_sections, flat, pdf_sections

# Facts of the shipped Japan profile, as each language-neutral document must print them (fr).
KEY_FACTS = [
    "Note de synthèse — Japon",
    "DIFFUSION RESTREINTE",
    "Date des informations : 2025 – 19 janvier 2026",
    "Document établi le 31 décembre 2025",
    "plus de 2 500",
    "plus de 110",
    "51 Md VND",
    "33,69 Md USD",
    "27 novembre 2023",
    "Quảng Ninh",
    "Đà Nẵng",
    "北海道",
    "Accord de partenariat transpacifique global et progressiste",
    "Accompagner le développement",
]


def docx_text(path: Path) -> str:
    """All the text of a DOCX: body paragraphs, tables and headers."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    """The PDF's text in content-stream order, which keeps a wrapped table cell together (read once per content:
    each key fact below is looked for in the same briefing)."""
    return _text_of(path.read_bytes())


@functools.cache
def _text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def japan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Japan briefing built once through the CLI (typer's runner), in all three formats."""
    out = tmp_path_factory.mktemp("out")
    code, stdout, stderr = run_cli("japan", "--out", out, "--format", "docx,pdf,html")
    assert (code, stderr) == (0, "")
    folder = out / "japan"
    assert stdout.split() == [str(folder / n) for n in ("briefing.docx", "briefing.html", "briefing.pdf")]
    return folder


@pytest.mark.parametrize("fact", KEY_FACTS)
def test_docx_holds_the_key_facts(japan: Path, fact: str) -> None:
    assert fact in docx_text(japan / "briefing.docx").replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("fact", KEY_FACTS)
def test_pdf_holds_the_key_facts(japan: Path, fact: str) -> None:
    text = " ".join(pdf_text(japan / "briefing.pdf").split())
    assert fact in text.replace("\u202f", " ").replace("\xa0", " ")


def test_html_is_written_and_matches_the_pdf(japan: Path) -> None:
    # A name is tied into one piece (no-break spaces, word joiners around its hyphens): read it as written.
    html = (japan / "briefing.html").read_text(encoding="utf-8").replace("\xa0", " ").replace("\u2060", "")
    assert html.startswith("<!DOCTYPE html>") and 'lang="fr"' in html
    assert "北海道" in html and "Quảng Ninh" in html


def test_every_section_is_in_both_documents(japan: Path) -> None:
    """Each section heads a part of the body (DOCX Heading 1, PDF bookmark), not only a contents line."""
    titles = [flat(s.title) for s in api.briefing("japan").sections]
    assert len(titles) == 11  # with the annex of the relationship in detail
    assert [t for t in docx_sections(japan / "briefing.docx") if t in titles] == titles
    assert [t for t in pdf_sections(japan / "briefing.pdf") if t in titles] == titles


def test_real_process_from_another_folder(tmp_path: Path) -> None:
    """The installed command finds the shipped profiles and templates wherever it runs."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "japan", "--out", "briefings", "--format", "pdf"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "briefings/japan/briefing.pdf"
    assert "plus de 2 500" in pdf_text(elsewhere / "briefings/japan/briefing.pdf").replace("\u202f", " ")
    assert not (REPO / "briefings").exists()


def test_real_process_bad_name_exits_2_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "jpan"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: no profile or visit named 'jpan'") and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_render_failure_exits_1_and_keeps_previous_output(
    japan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = run_cli("japan", "--out", tmp_path)
    assert code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "japan").iterdir()}

    def broken(html: str, base: Path, variant: str | None = None) -> bytes:
        raise RenderError("PDF layout failed: simulated")

    monkeypatch.setattr("briefgen.render.pdf.render_pdf", broken)
    code, out, err = run_cli("japan", "--out", tmp_path, "--force")
    assert (code, out, err) == (1, "", "error: PDF layout failed: simulated\n")
    after = {p.name: p.read_bytes() for p in (tmp_path / "japan").iterdir()}
    assert after == before  # the DOCX was rendered but nothing was written: no half-updated pack


def test_output_folder_that_is_a_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a folder")
    code, _, err = run_cli("japan", "--out", tmp_path / "taken", "--format", "html")
    assert code == 2  # bad input (README, Exit codes)
    assert err.startswith("error: ") and "is a file, not a folder" in err
    assert (tmp_path / "taken").read_text() == "not a folder"


def test_written_html_renders_alone_with_plain_weasyprint(japan: Path, tmp_path: Path) -> None:
    """briefing.html carries its CSS, and its fonts by absolute address: plain WeasyPrint makes the same PDF."""
    weasyprint = Path(sys.executable).parent / "weasyprint"
    result = subprocess.run(
        [str(weasyprint), str(japan / "briefing.html"), str(tmp_path / "plain.pdf")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    plain, ours = PdfReader(tmp_path / "plain.pdf"), PdfReader(japan / "briefing.pdf")
    assert len(plain.pages) == len(ours.pages)
    assert pdf_text(tmp_path / "plain.pdf").split() == pdf_text(japan / "briefing.pdf").split()
