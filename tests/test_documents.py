"""The documents as professional documents: PDF outline, metadata, tags, links, variants, glyphs;
DOCX properties and footer; template checks; the generated template reference."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

import briefgen

from .helpers import REPO, run_cli


@pytest.fixture(scope="module")
def japan(japan_built: tuple[Path, dict[str, str]]) -> Path:
    """The Japan briefing in French, DOCX and PDF, as ``briefgen japan`` makes it (built once, conftest.japan_built)."""
    return japan_built[0] / "japan"


def test_pdf_outline_matches_the_headings(japan: Path) -> None:
    reader = PdfReader(japan / "briefing.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    sections = [s.title for s in briefgen.briefing("japan").sections]
    assert [t for t in titles if t in sections] == sections  # every section, in order
    assert titles[0] == "La relation en bref"


def test_pdf_metadata_language_and_tags(japan: Path) -> None:
    reader = PdfReader(japan / "briefing.pdf")
    assert reader.metadata is not None
    assert reader.metadata["/Title"] == "Note de synthèse — Japon"
    assert reader.metadata["/Author"] == "Service des affaires extérieures"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged PDF


def test_pdf_links_to_sources_and_addresses(japan: Path) -> None:
    reader = PdfReader(japan / "briefing.pdf")
    uris, internal = [], 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
            elif annotation.get_object().get("/Dest") is not None or (action and action.get("/S") == "/GoTo"):
                internal += 1
    assert any(u.startswith("https://baoquocte.vn/") for u in uris)
    assert internal > 30  # the table of contents and every [n] reference


def test_pdf_a_3b_variant(tmp_path: Path) -> None:
    code, _, err = run_cli("japan", "--format", "pdf", "--pdf-variant", "pdf/a-3b", "--out", tmp_path)
    assert code == 0, err
    reader = PdfReader(tmp_path / "japan/briefing.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="3"', xmp) and re.search(r'pdfaid:conformance="B"', xmp)
    assert "/OutputIntents" in reader.trailer["/Root"]
    code, _, err = run_cli("japan", "--pdf-variant", "pdf/x-9", "--out", tmp_path)
    assert code == 2 and "unknown PDF variant 'pdf/x-9'" in err


def test_a_character_no_shipped_font_has_is_a_build_error(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", profiles)
    text = (profiles / "ruritania.yaml").read_text(encoding="utf-8")
    (profiles / "ruritania.yaml").write_text(text.replace("Relation fictive", "Relation 𝄞 fictive"), encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--format", "pdf", "--out", tmp_path / "out")
    assert code == 2  # refused at validate, before any rendering
    assert "ruritania.yaml:6:5: summary[0].text: no font draws '𝄞' (U+1D11E, MUSICAL SYMBOL G CLEF); add one" in err
    assert not (tmp_path / "out" / "ruritania" / "briefing.pdf").exists()


def test_docx_properties_and_marking_in_header_and_footer(japan: Path) -> None:
    document = Document(str(japan / "briefing.docx"))
    core = document.core_properties
    assert (core.title, core.author, core.language) == (
        "Note de synthèse — Japon",
        "Service des affaires extérieures",
        "fr",
    )
    assert core.created is not None and core.created.date().isoformat() == "2025-12-31"  # tests/conftest.py
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "DIFFUSION RESTREINTE · PROJET"  # a draft says so on every page
    assert section.footer.paragraphs[0].text.startswith("DIFFUSION RESTREINTE · page ")
    with zipfile.ZipFile(japan / "briefing.docx") as archive:
        settings = archive.read("word/settings.xml").decode()
        body = archive.read("word/document.xml").decode()
    # The contents are written out as links to the headings, each with a PAGEREF field for its page number,
    # which Word updates on opening (after asking the reader) and LibreOffice computes from its layout.
    assert '<w:updateFields w:val="true"/>' in settings and "<w:embedTrueTypeFonts/>" in settings
    assert 'w:anchor="sec_summary"' in body and 'w:val="Heading1"' in body and "PAGEREF sec_summary" in body


def _templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "templates", folder)  # fonts too: a link leading outside the folder is refused
    return folder


def test_validate_templates_finds_a_tag_split_across_runs(tmp_path: Path) -> None:
    templates = _templates(tmp_path)
    custom = templates / "split"
    custom.mkdir()
    with zipfile.ZipFile(templates / "briefing.docx") as src, zipfile.ZipFile(custom / "briefing.docx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                whole = b'<w:r><w:t xml:space="preserve">{{ cover.title }}</w:t></w:r>'
                split = (
                    b'<w:r><w:t xml:space="preserve">{{ cover.ti</w:t></w:r>'
                    b'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">tle }}</w:t></w:r>'
                )
                assert whole in data
                data = data.replace(whole, split)
            dst.writestr(item, data)
    code, out, err = run_cli("--templates", templates, "validate", "japan", "--templates")
    assert code == 2
    assert "ok: template default" in out
    assert f"error: {custom / 'briefing.docx'}:word/document.xml: paragraph " in err
    assert "a template tag is split across Word runs near «{{ cover.title }}»" in err


def test_validate_templates_names_the_line_of_an_unknown_name(tmp_path: Path) -> None:
    templates = _templates(tmp_path)
    custom = templates / "typo"
    custom.mkdir()
    html = (templates / "briefing.html").read_text(encoding="utf-8")
    line = html.splitlines().index("<main>") + 1
    (custom / "briefing.html").write_text(html.replace("<main>", "<main>{{ cover.titel }}", 1), encoding="utf-8")
    code, _, err = run_cli("--templates", templates, "validate", "--templates")
    assert code == 2
    assert (
        f"error: {custom / 'briefing.html'}:{line}: 'briefgen.view.viewmodel.Cover object' has no attribute 'titel'"
        in err
    )
    code, _, err = run_cli(
        "--templates", templates, "japan", "--template", "typo", "--format", "pdf", "--out", tmp_path
    )
    assert code == 1 and f"{custom / 'briefing.html'}:{line}:" in err


def test_the_template_reference_is_up_to_date() -> None:
    tool = REPO / "docs" / "tools" / "templates_doc.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    for name in ("key_figures", "talking_points", "cover", "highlight", "labels"):
        assert f"`{name}`" in page
    assert "`{{ chart | svg }}`" in page and "`{{ logo | data_uri }}`" in page and "`c.image`" in page


def test_timings_name_each_stage(tmp_path: Path) -> None:
    code, out, err = run_cli("japan", "--out", tmp_path, "--timings")
    assert code == 0 and out.split() == [str(tmp_path / "japan/briefing.docx"), str(tmp_path / "japan/briefing.pdf")]
    stages = [line.split()[1] for line in err.splitlines() if line.startswith("timing: ")]
    for stage in ("load", "merge", "validate", "context", "pdf", "write"):
        assert stage in stages
    assert all(re.search(r"\d+\.\d ms$", line) for line in err.splitlines() if line.startswith("timing: "))
