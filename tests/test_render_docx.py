"""The Word renderer: render the fictional sample briefing, read the .docx back, check it."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from briefgen.errors import TemplateError
from briefgen.render.docx import render_docx
from briefgen.view.viewmodel import Briefing, Figure, Paragraph
from tests.samples import HOSTILE, PARTNER_SECTIONS, sample_briefing

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "briefing.docx"
SECTION_ORDER = PARTNER_SECTIONS


def _open(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def _render(briefing: Briefing) -> Document:
    return _open(render_docx(briefing, TEMPLATE))


def _part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def _styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def _all_text(document: Document) -> str:
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def _blank_body_paragraphs(document: Document) -> list[int]:
    """Indexes of top-level body paragraphs with no text and no field: template residue."""
    blank = []
    for index, p in enumerate(document.element.body.iterchildren(qn("w:p"))):
        has_text = any((t.text or "").strip() for t in p.iter(qn("w:t")))
        has_field = next(p.iter(qn("w:fldChar")), None) is not None
        if not has_text and not has_field:
            blank.append(index)
    return blank


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(sample_briefing(), TEMPLATE)


@pytest.fixture(scope="module")
def document(rendered: bytes) -> Document:
    return _open(rendered)


def test_text_comes_out_literally(document: Document) -> None:
    text = _all_text(document)
    for expected in (
        "Quảng Ninh",
        "北海道",
        "架空国",
        "Đà Nẵng",
        "Nguyễn Văn Fictif",
        "{{ 7*7 }}",
        "<b>bold</b>",
        "A & B",
        "{% raw %}",
        HOSTILE,
    ):
        assert expected in text
    assert "49" not in text
    assert "&amp;" not in text and "&lt;" not in text
    assert [p.text for p in document.paragraphs if HOSTILE in p.text] == [HOSTILE + "[2]"]


def test_no_template_tag_is_left(document: Document) -> None:
    text = _all_text(document)
    assert "{%p" not in text and "{%tr" not in text and "{% if" not in text


def test_cover(document: Document) -> None:
    cover = sample_briefing().cover
    first = document.paragraphs[:7]
    assert [p.text for p in first] == [
        cover.marking,
        cover.title,
        cover.partner,
        cover.partner_native,
        cover.subtitle,
        cover.issuer,
        cover.info_as_of,
    ]
    assert first[0].style.font.bold
    assert first[1].style.name == "Title"
    # The contents start on a new page.
    toc_heading = document.paragraphs[7]
    assert toc_heading.text == "Sommaire"
    assert toc_heading.style.paragraph_format.page_break_before


def test_sections_have_heading1_in_order(document: Document) -> None:
    labels = sample_briefing().labels
    assert _styled(document, "Heading 1") == [labels[key] for key in SECTION_ORDER]
    assert _styled(document, "Heading 2") == ["Forum fictif", "Thème fictif"]


def test_toc_entries_are_written_out(rendered: bytes, document: Document) -> None:
    # No TOC field, no updateFields: see test_render_docx_package.test_contents_are_filled_without_a_field.
    assert "TOC \\o" not in _part_xml(rendered, "word/document.xml")
    assert _styled(document, "toc 1") == [s.title for s in sample_briefing().sections]
    assert "updateFields" not in _part_xml(rendered, "word/settings.xml")


def test_internal_links_point_at_bookmarks(document: Document) -> None:
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("r:id")) is None}
    assert {"src_1", "src_2", "sec_summary", "sec_sources"} <= bookmarks
    assert anchors and anchors <= bookmarks
    ids = [b.get(qn("w:id")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))


def test_tables(document: Document) -> None:
    tables = document.tables
    assert all(t.style.name == "Briefing Table" for t in tables)
    headed = [t for t in tables if t._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "1"]
    assert [[c.text for c in t.rows[0].cells] for t in headed] == [
        ["Indicateur", "Valeur", "À jour au", "Source"],
        ["Collectivité vietnamienne", "Collectivités partenaires"],
        ["Sigle", "Accord", "Source"],
        ["Date", "Événement", "Source"],
        ["Nom", "Fonction", "Partie", "Source"],
        ["Indicateur", "Valeur", "À jour au", "Source"],
    ]
    for table in headed:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    figures = headed[0]
    assert [c.text for c in figures.rows[1].cells] == [
        "Entreprises fictives",
        "plus de 2\u202f500",
        "novembre 2025",
        "[1]",
    ]
    # A figure without a note keeps one paragraph; one with a note gets a Table Note under it.
    assert len(figures.rows[1].cells[0].paragraphs) == 1
    assert [p.style.name for p in figures.rows[2].cells[0].paragraphs] == ["Table Text", "Table Note"]


def test_forum_table_and_lists(document: Document) -> None:
    forum = document.tables[0]
    assert [c.text for c in forum.columns[0].cells] == ["Date", "Lieu", "Organisateurs", "Thème", "Contenus", "Source"]
    strands = forum.rows[4].cells[1].paragraphs
    assert [p.text for p in strands] == ["Volet un", "Volet deux"]
    assert all(p.style.base_style.name == "List Bullet" for p in strands)
    assert _styled(document, "List Bullet") == ["Priorité fictive[1]"]


def test_sources(document: Document) -> None:
    assert _styled(document, "Source Entry") == [
        "[1]\tÉditeur fictif, « Article fictif », 24 novembre 2025 — https://example.invalid/a",
        "[2]\tAutre éditeur fictif, « Second article », 19 janvier 2026",
    ]


def test_header_footer_and_fonts(rendered: bytes) -> None:
    names = zipfile.ZipFile(io.BytesIO(rendered)).namelist()
    headers = [_part_xml(rendered, n) for n in names if n.startswith("word/header")]
    footers = [_part_xml(rendered, n) for n in names if n.startswith("word/footer")]
    assert headers and any("DIFFUSION RESTREINTE" in h for h in headers)  # not the cover's: see test_dates
    page_footer = next(f for f in footers if "NUMPAGES" in f)
    assert 'w:instr=" PAGE "' in page_footer and 'w:instr=" NUMPAGES "' in page_footer
    assert ">page </w:t>" in page_footer and "> / </w:t>" in page_footer
    styles = _part_xml(rendered, "word/styles.xml")
    assert 'w:ascii="Noto Sans"' in styles and 'w:eastAsia="Noto Sans CJK JP"' in styles
    assert '<w:lang w:val="fr-FR"' in styles


def test_marking_in_header_is_escaped() -> None:
    briefing = sample_briefing()
    briefing = dataclasses.replace(briefing, cover=dataclasses.replace(briefing.cover, marking="A & B <i>{{ x }}"))
    data = render_docx(briefing, TEMPLATE)
    header = _open(data).sections[0].header
    assert header.paragraphs[0].text == "A & B <i>{{ x }}"


def test_core_properties(document: Document) -> None:
    props = document.core_properties
    assert props.title == "Note de synthèse — Pays fictif"
    assert props.author == "Bureau fictif des affaires extérieures"
    assert props.language == "fr"


def test_language_follows_the_briefing() -> None:
    data = render_docx(dataclasses.replace(sample_briefing(), lang="vi"), TEMPLATE)
    assert _open(data).core_properties.language == "vi"
    assert '<w:lang w:val="vi-VN"' in _part_xml(data, "word/styles.xml")


def test_empty_sections_leave_nothing_behind() -> None:
    full = sample_briefing()
    briefing = dataclasses.replace(full, people=[], forum=None, sections=[s for s in full.sections if s.id != "people"])
    document = _render(briefing)
    headings = _styled(document, "Heading 1")
    assert "Personnalités" not in headings and "Forum" not in headings
    assert len(headings) == len(SECTION_ORDER) - 2
    assert "Forum fictif" not in _all_text(document)
    assert len(document.tables) == 5  # 7 minus the forum and people tables
    assert _blank_body_paragraphs(document) == []


def test_cover_only_briefing_has_no_residue() -> None:
    full = sample_briefing()
    cover = dataclasses.replace(full.cover, partner_native="", subtitle="")
    document = _render(Briefing(lang="fr", labels=full.labels, cover=cover, sections=[]))
    assert [p.text for p in document.paragraphs] == [
        cover.marking,
        cover.title,
        cover.partner,
        cover.issuer,
        cover.info_as_of,
        "Sommaire",
    ]
    assert document.tables == []
    assert _blank_body_paragraphs(document) == []


def test_missing_refs_print_nothing() -> None:
    full = sample_briefing()
    briefing = dataclasses.replace(
        full,
        summary=[Paragraph("Sans source")],
        key_figures=[Figure("Chiffre", "1", "2025")],
        priorities=[Paragraph("Priorité sans source")],
    )
    document = _render(briefing)
    assert "Sans source" in _styled(document, "Normal")
    assert _styled(document, "List Bullet") == ["Priorité sans source"]
    assert [c.text for c in document.tables[1].rows[1].cells] == ["Chiffre", "1", "2025", ""]


def test_output_is_reproducible(rendered: bytes) -> None:
    assert render_docx(sample_briefing(), TEMPLATE) == rendered


def _template_with(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "bad.docx"
    document.save(str(path))
    return path


def test_unknown_variable_is_a_template_error(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{{ labels.summary }} {{ nope }}")
    with pytest.raises(TemplateError, match="'nope' is undefined") as info:
        render_docx(sample_briefing(), template)
    assert info.value.file == str(template)
    assert "cover, delegation, drafting, follow_up, forum, gaps, interlocutors, key_facts" in str(info.value)


def test_unknown_label_is_a_template_error(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{{ labels.nope }}")
    with pytest.raises(TemplateError, match="no attribute 'nope'"):
        render_docx(sample_briefing(), template)


def test_syntax_error_is_a_template_error(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{% if cover %}never closed")
    with pytest.raises(TemplateError, match="Jinja syntax error"):
        render_docx(sample_briefing(), template)


def test_unreadable_template_is_a_template_error(tmp_path: Path) -> None:
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("plain text")
    with pytest.raises(TemplateError, match="cannot read the template"):
        render_docx(sample_briefing(), not_docx)
    with pytest.raises(TemplateError, match="cannot read the template"):
        render_docx(sample_briefing(), tmp_path / "missing.docx")


def test_committed_template_matches_its_script() -> None:
    spec = importlib.util.spec_from_file_location("make_briefing_docx", ROOT / "templates" / "make_briefing_docx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == TEMPLATE.read_bytes(), "run: python templates/make_briefing_docx.py"


def test_importing_the_renderer_does_not_load_docxtpl() -> None:
    code = "import sys, briefgen.render.docx; print('docxtpl' in sys.modules, 'docx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
