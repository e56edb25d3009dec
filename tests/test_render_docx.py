"""The Word renderer: render the fictional sample briefing (its body of every block kind), read the .docx back."""

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
from docx.table import _Row

from briefgen.errors import TemplateError
from briefgen.render.docx import render_docx
from briefgen.view.viewmodel import Briefing
from briefgen.view.viewmodel import blocks as b
from tests.block_samples import sample_body, with_body
from tests.samples import HOSTILE, sample_briefing

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "briefing.docx"


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
    """Indexes of top-level body paragraphs with no text, field or drawing: template residue."""
    blank = []
    for index, p in enumerate(document.element.body.iterchildren(qn("w:p"))):
        has_text = any((t.text or "").strip() for t in p.iter(qn("w:t")))
        has_field = next(p.iter(qn("w:fldChar")), None) is not None
        has_drawing = next(p.iter(qn("w:drawing")), None) is not None
        if not has_text and not has_field and not has_drawing:
            blank.append(index)
    return blank


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(with_body(), TEMPLATE)


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
        "Fictional text left in English",
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
    first = document.paragraphs[:6]
    # In the PDF's order: the issuer above the title, the partner's own name on the partner's line.
    assert [p.text for p in first] == [
        cover.marking,
        cover.issuer,
        cover.title,
        f"{cover.partner} {cover.partner_native}",
        cover.subtitle,
        cover.info_as_of,
    ]
    assert first[0].style.font.bold
    assert first[2].style.name == "Title"
    # The contents start on a new page.
    toc_heading = document.paragraphs[6]
    assert toc_heading.text == "Sommaire"
    assert toc_heading.style.paragraph_format.page_break_before


def test_sections_have_heading1_in_order(document: Document) -> None:
    assert _styled(document, "Heading 1") == [s.title for s in sample_body()]
    assert _styled(document, "Heading 2") == ["Forum fictif[1]", "Nguyễn Văn Fictif[2]"]
    assert _styled(document, "Heading 3") == ["11 mai 2026 — Entretien fictif"]


def test_toc_entries_are_written_out(rendered: bytes, document: Document) -> None:
    # No TOC field: the entries are written out, each with a PAGEREF field for its page number that
    # Word updates on opening (updateFields); see test_render_docx_package.test_contents_are_filled_without_a_field.
    assert "TOC \\o" not in _part_xml(rendered, "word/document.xml")
    assert [t.rstrip("\t") for t in _styled(document, "toc 1")] == [s.title for s in sample_body()]
    assert "updateFields" in _part_xml(rendered, "word/settings.xml")


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
        ["Date", "Événement", "Source"],
    ]
    for table in tables:  # a header row repeats on each page; no row splits across pages
        for number, row in enumerate(table.rows):
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            assert (row._tr.trPr.find(qn("w:tblHeader")) is not None) == (table in headed and number == 0)
    figures, events = headed
    assert [c.text for c in figures.rows[1].cells] == [
        "Entreprises fictives",
        "plus de 2\u202f500",
        "novembre 2025",
        "[1]",
    ]
    # A figure without a note keeps one paragraph; one with a note gets a Table Note under it, its marks too.
    assert len(figures.rows[1].cells[0].paragraphs) == 1
    assert [p.style.name for p in figures.rows[2].cells[0].paragraphs] == ["Table Text", "Table Note"]
    assert [p.text for p in figures.rows[2].cells[2].paragraphs] == ["2025", "donnée ancienne fictive"]
    # A highlighted row is starred; an aside follows its text in brackets; a lone reference is plain.
    assert [c.text for c in events.rows[1].cells] == [
        "27 novembre 2023",
        "Événement fictif à Hà Nội (aparté fictif)",
        "[1]",
    ]
    assert events.rows[2].cells[0].text == "\u2605 2025"
    assert 'w:val="SourceReference"' not in events.rows[1].cells[2]._tc.xml
    # The columns fill the text's width; the source column is the narrow one.
    widths = [int(c.get(qn("w:w"))) for c in events._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert sum(widths) == 9638 and widths[2] == min(widths)


def test_forum_table_and_lists(document: Document) -> None:
    forum = document.tables[0]
    assert [c.text for c in forum.columns[0].cells] == ["Lieu", "Contenus"]
    strands = forum.rows[1].cells[1].paragraphs
    assert [p.text for p in strands] == ["Volet un", "Volet deux"]
    assert all(p.style.base_style.name == "List Bullet" for p in strands)
    assert _styled(document, "List Bullet") == ["Carrière fictive", "Ligne fictive à tenir"]
    assert _styled(document, "List Label") == ["Parcours", "À dire", "Questions", "Élément presse"]


def test_numbered_lists_each_start_at_one(rendered: bytes, document: Document) -> None:
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["Point fictif un", "Point fictif deux", "Vigilance fictive"]
    # The first list counts with the style's numbering; the second gets a numbering of its own from 1.
    own = [p._p.pPr.numPr for p in numbered]
    assert own[0] is None and own[1] is None
    num_id = own[2].numId.val
    numbering = _part_xml(rendered, "word/numbering.xml")
    assert f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="1"/>' in numbering
    assert '<w:startOverride w:val="1"/>' in numbering


def test_every_other_kind_in_its_style(rendered: bytes, document: Document) -> None:
    assert _styled(document, "Quote") == ["Une citation fictive.", "Élément presse fictif"]
    assert _styled(document, "Quote Source") == ["— Personne fictive[1] (traduit du japonais)"]
    assert _styled(document, "Definition Term") == ["Question : fictive ?"]
    assert _styled(document, "Definition") == ["Réponse : fictive."]
    assert _styled(document, "To Be Completed") == ["À compléter"]
    assert _styled(document, "Table Note") == ["★ : ce que la visite concerne (fictif)", "novembre 2025"]
    # A photo, a picture and a chart, each with its alt text; the chart says every value.
    xml = _part_xml(rendered, "word/document.xml")
    for alt in ("Nguyễn Văn Fictif", "Emblème fictif", "Montants fictifs : Aide fictive 2,5 milliards"):
        assert f'descr="{alt}' in xml
    assert (
        len([p for p in document.paragraphs if p.style.name in ("Photo", "Chart") and "graphicData" in p._p.xml]) == 3
    )
    names = zipfile.ZipFile(io.BytesIO(rendered)).namelist()
    assert len([n for n in names if n.startswith("word/media/")]) == 2  # the photo's bytes once, the chart
    # Strong text, and text in another language on a run of its own with its w:lang.
    assert '<w:rStyle w:val="Strong"/>' in xml
    assert '<w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">Fictional text left in English' in xml


def test_group_is_kept_together(document: Document) -> None:
    texts = [p.text for p in document.paragraphs]
    start, end = texts.index("11 mai 2026 — Entretien fictif"), texts.index("Élément presse fictif")
    kept = [p.paragraph_format.keep_with_next for p in document.paragraphs[start : end + 1]]
    assert kept[:-2] == [True] * (len(kept) - 2)  # every block but the last kept with the next
    assert document.paragraphs[end].paragraph_format.keep_with_next is None


def test_a_table_keeps_its_last_row_with_its_legend(document: Document) -> None:
    """The events table is followed by its ★ legend: the paragraphs of its last row are kept with the next
    (``w:keepNext``), so Word never leaves the legend alone at the top of the next page (the PDF's
    ``p.legend { break-before: avoid }``); its other rows, and a table without a legend, are not."""
    figures, events = (t for t in document.tables if t.rows[0].cells[0].text in ("Indicateur", "Date"))
    body = list(document.element.body.iterchildren())
    after = body[body.index(events._tbl) + 1]
    assert "".join(t.text or "" for t in after.iter(qn("w:t"))) == "★ : ce que la visite concerne (fictif)"

    def kept(row: _Row) -> list[bool]:
        return [p.paragraph_format.keep_with_next is True for cell in row.cells for p in cell.paragraphs]

    assert all(kept(events.rows[-1])) and kept(events.rows[-1])
    assert not any(flag for row in events.rows[:-1] for flag in kept(row))
    assert not any(flag for row in figures.rows for flag in kept(row))


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
    body = [s for s in sample_body() if s.id not in ("people", "forum")]
    document = _render(with_body(body=body))
    headings = _styled(document, "Heading 1")
    assert "Personnalités" not in headings and "Forum" not in headings
    assert len(headings) == len(sample_body()) - 2
    assert "Forum fictif" not in _all_text(document)
    assert len(document.tables) == 2  # the figures and the events; no forum facts, no card lines
    assert _blank_body_paragraphs(document) == []


def test_cover_only_briefing_has_no_residue() -> None:
    full = sample_briefing()
    cover = dataclasses.replace(full.cover, partner_native="", subtitle="")
    document = _render(Briefing(lang="fr", labels=full.labels, cover=cover, sections=[]))
    assert [p.text for p in document.paragraphs] == [
        cover.marking,
        cover.issuer,
        cover.title,
        cover.partner,
        cover.info_as_of,
        "Sommaire",
    ]
    assert document.tables == []
    assert _blank_body_paragraphs(document) == []


def test_missing_refs_print_nothing() -> None:
    body = [
        b.Section("summary", "La relation en bref", (b.Paragraph(b.inline("Sans source", None)),)),
        b.Section(
            "key_figures",
            "Chiffres clés",
            (b.FiguresTable(("Indicateur", "Valeur", "À jour au", "Source"), (b.FigureRow("Chiffre", "1", "2025"),)),),
        ),
        b.Section("priorities", "Domaines prioritaires", (b.Bullets((b.inline("Priorité sans source", None),)),)),
    ]
    document = _render(with_body(body=body))
    assert "Sans source" in _styled(document, "Normal")
    assert _styled(document, "List Bullet") == ["Priorité sans source"]
    assert [c.text for c in document.tables[0].rows[1].cells] == ["Chiffre", "1", "2025", ""]


def test_an_unknown_block_kind_fails_loudly() -> None:
    @dataclasses.dataclass(frozen=True)
    class Marquee:
        kind = "marquee"

    body = [b.Section("summary", "La relation en bref", (Marquee(),))]  # type: ignore[arg-type]
    with pytest.raises(b.UnknownBlock, match="cannot draw a block of kind Marquee"):
        render_docx(with_body(body=body), TEMPLATE)


def test_output_is_reproducible(rendered: bytes) -> None:
    assert render_docx(with_body(), TEMPLATE) == rendered


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
