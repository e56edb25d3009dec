"""The DOCX holds its own: fonts embedded, hyperlinks, alt text, properties, honest tables, a filled contents list.

Each test reads the rendered .docx back (python-docx and the zip's XML) from the fictional sample briefing.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from fontTools.pens.areaPen import AreaPen
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image, ImageDraw, ImageFont

from briefgen.render import font_subset
from briefgen.render.docx import render_docx
from briefgen.render.docx_package import obfuscate
from briefgen.view import viewmodel
from briefgen.view.viewmodel import Bar, Briefing, Chart, blocks
from tests.block_samples import sample_body, with_body
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "briefing.docx"
FONTS = ROOT / "templates" / "fonts"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _illustrated() -> Briefing:
    """The sample body with a logo and a (fictional) chart, besides the sample's photo and picture."""
    bars = [Bar("Montant fictif A", 2.0, "2 dollars"), Bar("Montant fictif B", 3.0, "3 dollars")]
    alt = "Montants fictifs : Montant fictif A : 2 dollars; Montant fictif B : 3 dollars"
    chart = Chart("amounts-USD", "Montants fictifs", "dollars", bars, alt)
    body = sample_body()
    body[2] = dataclasses.replace(body[2], blocks=(body[2].blocks[0], blocks.BarChart(chart)))
    return dataclasses.replace(with_body(body=body), logo=viewmodel.Image(_logo(), "image/png"), charts=[chart])


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(_illustrated(), TEMPLATE)


@pytest.fixture(scope="module")
def document(rendered: bytes) -> Document:
    return docx.Document(io.BytesIO(rendered))


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def _embedded(data: bytes) -> dict[tuple[str, str], bytes]:
    """(family, embed element) -> the font file, de-obfuscated with its key."""
    fonts = _part(data, "word/fontTable.xml")
    rels = {r.get("Id"): r.get("Target") for r in _part(data, "word/_rels/fontTable.xml.rels")}
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for font in fonts.iter(f"{{{W}}}font"):
            for embed in font:
                if etree.QName(embed).localname.startswith("embed"):
                    blob = z.read("word/" + rels[embed.get(f"{{{R}}}id")])
                    key = embed.get(f"{{{W}}}fontKey")
                    out[(font.get(f"{{{W}}}name"), etree.QName(embed).localname)] = obfuscate(blob, key)
    return out


def test_the_noto_faces_are_embedded_obfuscated(rendered: bytes) -> None:
    embedded = _embedded(rendered)
    assert set(embedded) == {
        ("Noto Sans", "embedRegular"),
        ("Noto Sans", "embedBold"),
        ("Noto Sans", "embedItalic"),
        ("Noto Sans", "embedBoldItalic"),
        ("Noto Sans CJK JP", "embedRegular"),
    }
    assert embedded[("Noto Sans", "embedBold")] == (FONTS / "NotoSans-Bold.ttf").read_bytes()
    assert embedded[("Noto Sans", "embedBoldItalic")] == (FONTS / "NotoSans-BoldItalic.ttf").read_bytes()  # whole
    for (family, _), data in embedded.items():  # the family Word matches by is the font's own
        assert TTFont(io.BytesIO(data), lazy=True)["name"].getDebugName(1) == family
    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        stored = z.read("word/fonts/font1.odttf")
    assert stored[:32] != (FONTS / "NotoSans-Regular.ttf").read_bytes()[:32]  # obfuscated, not plain
    settings = _part(rendered, "word/settings.xml")
    assert settings.find(f"{{{W}}}embedTrueTypeFonts") is not None
    types = _part(rendered, "[Content_Types].xml")
    assert any(d.get("Extension") == "odttf" for d in types)
    styles = etree.tostring(_part(rendered, "word/styles.xml")).decode()
    assert 'w:ascii="Noto Sans"' in styles and 'w:eastAsia="Noto Sans CJK JP"' in styles


def _text(data: bytes) -> set[str]:
    """The characters of a .docx's text: the w:t of its body, headers, footers and notes."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        stories = [
            n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", n)
        ]
        return {c for name in stories for t in etree.fromstring(z.read(name)).iter(f"{{{W}}}t") for c in t.text or ""}


def _cjk(characters: set[str]) -> set[str]:
    return {c for c in characters if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"}


def _embed_elements(data: bytes) -> dict[str, list[etree._Element]]:
    """Family -> its w:embed* elements in the font table."""
    table = _part(data, "word/fontTable.xml")
    return {
        f.get(f"{{{W}}}name"): [e for e in f if etree.QName(e).localname.startswith("embed")]
        for f in table.iter(f"{{{W}}}font")
    }


def test_the_japanese_face_is_a_truetype_subset_of_the_text(rendered: bytes) -> None:
    """Word loads TrueType outlines: the CFF face becomes glyf outlines, cut to the document's characters."""
    data = _embedded(rendered)[("Noto Sans CJK JP", "embedRegular")]
    font = TTFont(io.BytesIO(data))
    assert "glyf" in font and "CFF " not in font and font.sfntVersion == "\0\1\0\0"
    covered = set(map(chr, font.getBestCmap()))
    text = _text(rendered)
    assert _cjk(text) and _cjk(text) <= covered  # every kanji of the text
    assert _cjk(covered) == _cjk(text)  # and no other
    ascii_ = set(map(chr, range(0x20, 0x7F)))
    assert covered <= text | ascii_  # beyond the text, only ASCII: for editing, and LibreOffice wants 26 glyphs
    assert ascii_ <= covered
    source = TTFont(FONTS / "NotoSansCJKjp-Regular.otf", lazy=True)
    for record in source["name"].names:  # the names Word matches the font by, all kept
        assert font["name"].getName(record.nameID, record.platformID, record.platEncID, record.langID) is not None
    assert font["OS/2"].ulCodePageRange1 == source["OS/2"].ulCodePageRange1  # the JIS bit Word looks at
    assert (font["head"].created, font["head"].modified) == (source["head"].created, source["head"].modified)
    assert len(data) < 40_000
    # The same outlines, turned clockwise as TrueType wants them (CFF runs counter-clockwise).
    for char in _cjk(text):
        converted, original = _area(font, char), _area(source, char)
        assert converted < 0 < original and abs(converted + original) < 0.01 * original, char
    # FreeType draws the converted outline: ink where the kanji is.
    face = ImageFont.truetype(io.BytesIO(data), 48)
    image = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(image).text((4, 4), "北", font=face, fill=255)
    assert sum(image.histogram()[128:]) > 200


def _area(font: TTFont, char: str) -> float:
    """The signed area of a character's outline: positive when its contours run counter-clockwise."""
    glyphs = font.getGlyphSet()
    pen = AreaPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    return float(pen.value)


def test_the_font_table_marks_only_the_subset(rendered: bytes) -> None:
    embeds = _embed_elements(rendered)
    (japanese,) = embeds["Noto Sans CJK JP"]
    assert japanese.get(f"{{{W}}}subsetted") == "1"
    assert len(embeds["Noto Sans"]) == 4
    assert all(e.get(f"{{{W}}}subsetted") is None for e in embeds["Noto Sans"])  # whole: editable in Word


def test_the_japanese_subset_follows_the_text() -> None:
    """Another text, another subset (the process cache is per character set), and the same text, the same bytes."""
    osaka = blocks.Section("partnerships", "Coopération", (blocks.Paragraph(("Osaka (大阪)",)),))
    # The sample's own Japanese (北海道) is in its summary and its timeline: both left out.
    other = with_body(body=[osaka, *(s for s in sample_body() if s.id not in ("summary", "timeline"))])
    data = _embedded(render_docx(other, TEMPLATE))[("Noto Sans CJK JP", "embedRegular")]
    covered = set(map(chr, TTFont(io.BytesIO(data)).getBestCmap()))
    assert {"大", "阪"} <= covered and "北" not in covered


def test_the_japan_briefing_embeds_a_small_japanese_face(tmp_path: Path) -> None:
    """The shipped Japan briefing: its Japanese face is tens of kilobytes, not 3.6 MB, and covers its kanji."""
    code, _, err = run_cli("japan", "--format", "docx", "--date", "2026-01-20", "--out", tmp_path / "a")
    assert code == 0, err
    first = (tmp_path / "a" / "japan" / "briefing.docx").read_bytes()
    data = _embedded(first)[("Noto Sans CJK JP", "embedRegular")]
    assert "CFF " not in TTFont(io.BytesIO(data)) and len(data) < 100_000
    covered = set(map(chr, TTFont(io.BytesIO(data)).getBestCmap()))
    assert {"大", "阪", "北", "海", "道"} <= _cjk(_text(first)) == _cjk(covered)
    assert len(first) < 1_000_000  # the whole DOCX: the four Latin faces are most of it
    font_subset._subset.cache_clear()  # a fresh subset, as a new process would make
    code, _, err = run_cli("japan", "--format", "docx", "--date", "2026-01-20", "--out", tmp_path / "b")
    assert code == 0, err
    assert (tmp_path / "b" / "japan" / "briefing.docx").read_bytes() == first


def test_the_japanese_face_is_left_out_without_japanese_text() -> None:
    data = render_docx(_without_cjk(with_body()), TEMPLATE)
    families = {family for family, _ in _embedded(data)}
    assert families == {"Noto Sans"}


def _without_cjk(briefing: object) -> object:
    """The sample with every CJK character replaced (a dataclass tree of strings and lists)."""

    def clean(value: object) -> object:
        if isinstance(value, str):
            return "".join("x" if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else ch for ch in value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value, **{f.name: clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            )
        return value

    return clean(briefing)


def test_source_addresses_are_real_hyperlinks(rendered: bytes, document: Document) -> None:
    rels = document.part.rels
    links = [
        h
        for h in document.element.body.iter(qn("w:hyperlink"))
        if h.get(qn("r:id")) is not None and rels[h.get(qn("r:id"))].reltype == HYPERLINK
    ]
    assert [rels[h.get(qn("r:id"))].target_ref for h in links] == ["https://example.invalid/a"]
    assert rels[links[0].get(qn("r:id"))].is_external
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "https://example.invalid/a"
    assert links[0].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "Hyperlink"


def test_images_have_alt_text(document: Document) -> None:
    described = [d.get("descr") for d in document.element.body.iter(f"{{{WP}}}docPr")]
    briefing = _illustrated()
    assert described[0] == briefing.cover.issuer  # the logo
    # The chart says every value (the view model's alt text); the photo names its person; a picture its alt.
    assert described[1:] == [briefing.charts[0].alt, "Nguyễn Văn Fictif", "Emblème fictif"]


def test_document_properties_name_briefgen(rendered: bytes, document: Document) -> None:
    app = _part(rendered, "docProps/app.xml")
    assert [e.text for e in app if etree.QName(e).localname == "Application"] == ["briefgen"]
    assert b"Microsoft" not in etree.tostring(app)
    props = document.core_properties
    assert props.last_modified_by == "briefgen"
    assert props.author == "Bureau fictif des affaires extérieures"  # who issues it, not a program
    template_app = _part(TEMPLATE.read_bytes(), "docProps/app.xml")
    assert [e.text for e in template_app if etree.QName(e).localname == "Application"] == ["briefgen"]


def test_only_header_rows_repeat(rendered: bytes, document: Document) -> None:
    styles = _part(rendered, "word/styles.xml")
    style = next(s for s in styles.iter(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == "BriefingTable")
    assert not list(style.iter(f"{{{W}}}tblHeader")), "the table style must not make first rows headers"
    for table in document.tables:
        for row in table.rows:
            repeats = row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
            heading = all(p.style.name == "Table Heading" for c in row.cells for p in c.paragraphs)
            assert repeats == heading, [c.text for c in row.cells]
    facts = next(t for t in document.tables if t.rows[0].cells[0].text == "Lieu")  # the forum's facts: first row data
    assert facts._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "0"


def test_contents_are_filled_without_a_field(rendered: bytes, document: Document) -> None:
    """The entries are written out (no TOC field); each ends with a PAGEREF field to its heading's bookmark,
    which LibreOffice computes on opening and Word updates on opening (``updateFields``) and printing."""
    body = document.element.body
    instructions = [i.text.strip() for i in body.iter(qn("w:instrText"))]
    assert not any(i.startswith("TOC") for i in instructions)
    assert not list(body.iter(qn("w:fldSimple")))
    assert _part(rendered, "word/settings.xml").find(f"{{{W}}}updateFields").get(qn("w:val")) == "true"
    entries = [p for p in document.paragraphs if p.style.name == "toc 1"]
    assert [p.text.rstrip("\t") for p in entries] == [s.title for s in sample_body()]
    assert instructions == [f"PAGEREF sec_{s.id} \\h" for s in sample_body()]
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    for entry, section in zip(entries, sample_body(), strict=True):
        (link,) = entry._p.iter(qn("w:hyperlink"))
        assert link.get(qn("w:anchor")) == f"sec_{section.id}" in bookmarks


def test_embedding_keeps_the_output_reproducible(rendered: bytes) -> None:
    font_subset._subset.cache_clear()  # the Japanese subset made again, not taken from the cache
    again = render_docx(_illustrated(), TEMPLATE)
    assert again == rendered
