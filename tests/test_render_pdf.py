"""The HTML and PDF renderers: render the fictional sample briefing, read the PDF back, check it."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont

from briefgen.errors import RenderError, TemplateError
from briefgen.render.html import render_html
from briefgen.render.pdf import render_pdf
from briefgen.view.viewmodel import Briefing
from tests.samples import HOSTILE, PARTNER_SECTIONS, sample_briefing

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
FONTS = TEMPLATES / "fonts"
JP_FILE = "NotoSansCJKjp-Regular.otf"
SHIPPED_FACES = {
    # PDF font name (WeasyPrint: CSS family + style) -> file in templates/fonts
    "Briefgen-Sans": "NotoSans-Regular.ttf",
    "Briefgen-Sans-Bold": "NotoSans-Bold.ttf",
    "Briefgen-Sans-Italic": "NotoSans-Italic.ttf",
    "Briefgen-Sans-Bold-Italic": "NotoSans-BoldItalic.ttf",
    "Briefgen-JP": JP_FILE,
    "Briefgen-JP-Bold": JP_FILE,
    "Briefgen-JP-Italic": JP_FILE,
    "Briefgen-JP-Bold-Italic": JP_FILE,
}
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return sample_briefing()


@pytest.fixture(scope="module")
def html(briefing: Briefing) -> str:
    return render_html(briefing, TEMPLATES)


@pytest.fixture(scope="module")
def pdf(html: str) -> bytes:
    return render_pdf(html, TEMPLATES)


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [unicodedata.normalize("NFC", page.extract_text() or "") for page in document.pages]


def _font_dicts(reader: pypdf.PdfReader) -> Iterator[pypdf.generic.DictionaryObject]:
    seen: set[str] = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if font["/BaseFont"] not in seen:
                seen.add(font["/BaseFont"])
                yield font


def _embedded_program(font: pypdf.generic.DictionaryObject) -> bytes | None:
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return bytes(descriptor[key].get_object().get_data())
    return None


def _base_name(pdf_font_name: str) -> str:
    """``/ABCDEF+Briefgen-Sans`` -> ``Briefgen-Sans``."""
    return pdf_font_name.lstrip("/").split("+", 1)[-1]


_CMAPS: dict[str, dict[int, str]] = {}


def _shipped_cmap(file: str) -> dict[int, str]:
    if file not in _CMAPS:
        _CMAPS[file] = TTFont(FONTS / file).getBestCmap()
    return _CMAPS[file]


def _font_problems(pdf: bytes) -> list[str]:
    """Every character drawn with a font that is not shipped, or that the shipped file lacks.

    WeasyPrint draws a character its chosen font lacks with an invented glyph id and then
    gives that font a custom encoding instead of Identity-H; text extraction loses such runs,
    so the encoding is checked too.
    """
    problems: list[str] = []
    for font in _font_dicts(pypdf.PdfReader(io.BytesIO(pdf))):
        if font.get("/Encoding") != "/Identity-H":
            problems.append(f"{font['/BaseFont']}: encoding {font.get('/Encoding')} (glyphs missing)")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for char in page.chars:
                name = _base_name(char["fontname"])
                if name not in SHIPPED_FACES:
                    problems.append(f"page {page.page_number}: {char['text']!r} drawn with {name}")
                    continue
                cmap = _shipped_cmap(SHIPPED_FACES[name])
                for codepoint in char["text"]:  # a ligature maps to several characters
                    if ord(codepoint) not in cmap:
                        problems.append(
                            f"page {page.page_number}: U+{ord(codepoint):04X} {codepoint!r} drawn with "
                            f"{name}, which {SHIPPED_FACES[name]} lacks"
                        )
    return problems


# ---- HTML -------------------------------------------------------------------------------------


def test_html_escapes_profile_text_and_sets_document_metadata(html: str, briefing: Briefing) -> None:
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert '<html lang="fr">' in html
    assert f"<title>{briefing.cover.title}</title>" in html
    assert f'<meta name="author" content="{briefing.cover.issuer}">' in html


def test_sections_appear_in_order_each_with_its_heading(html: str, briefing: Briefing) -> None:
    order = PARTNER_SECTIONS
    positions = [html.index(f'<h1 id="{key}">{briefing.labels[key]}</h1>') for key in order]
    assert positions == sorted(positions)


def test_empty_sections_are_left_out(briefing: Briefing) -> None:
    import dataclasses

    # As the context makes it: a section without content is neither in the body nor in ``sections``.
    gone = {"forum", "timeline", "national_context"}
    kept = [s for s in briefing.sections if s.id not in gone]
    body = [s for s in briefing.body if s.id not in gone]
    bare = dataclasses.replace(briefing, forum=None, timeline=[], national_context=[], sections=kept, body=body)
    html = render_html(bare, TEMPLATES)
    assert 'id="forum"' not in html
    assert 'id="timeline"' not in html
    assert 'id="national_context"' not in html
    assert 'id="summary"' in html


def test_template_syntax_error_names_file_and_line(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "briefing.html").write_text("<p>\n\n\n<p>{{ cover.title | }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_html(briefing, tmp_path)
    assert caught.value.file is not None and caught.value.file.endswith("briefing.html")
    assert caught.value.line == 4
    assert str(caught.value).startswith(f"{caught.value.file}:4: template syntax error:")


def test_undefined_name_names_file_and_line(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "briefing.html").write_text(
        "<h1>{{ cover.title }}</h1>\n\n<p>{{ cover.no_such_field }}</p>\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        render_html(briefing, tmp_path)
    assert caught.value.file == str(tmp_path / "briefing.html")
    assert caught.value.line == 3
    assert "no_such_field" in str(caught.value)


def test_missing_template_is_a_template_error(tmp_path: Path, briefing: Briefing) -> None:
    with pytest.raises(TemplateError, match="must contain briefing.html"):
        render_html(briefing, tmp_path)


# ---- PDF: text, structure, metadata ---------------------------------------------------------------


def test_importing_the_pdf_renderer_does_not_import_weasyprint() -> None:
    code = "import sys, briefgen.render.pdf; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_key_strings_are_in_the_pdf_text(page_texts: list[str]) -> None:
    text = "\n".join(page_texts)
    for expected in (
        "Quảng Ninh",
        "Đà Nẵng",
        "北海道",
        "鳥取",
        "架空国",
        "Nguyễn Văn Fictif",
        "Hà Nội",
        "« Thème fictif »",
    ):
        assert expected in text, expected
    # WeasyPrint draws U+202F as a space glyph; the text layer gives it back as a plain space.
    assert re.search("plus de 2[\u202f ]500", text)


def test_hostile_text_is_printed_literally(page_texts: list[str]) -> None:
    text = "\n".join(page_texts)
    assert HOSTILE in text
    for piece in ("{{ 7*7 }}", "<b>bold</b>", "A & B"):
        assert piece in text
    assert "49" not in text


def test_metadata_comes_from_the_html(reader: pypdf.PdfReader, briefing: Briefing) -> None:
    assert reader.metadata is not None
    assert reader.metadata.title == briefing.cover.title
    assert reader.metadata.author == briefing.cover.issuer
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_pages_are_a4(reader: pypdf.PdfReader) -> None:
    assert len(reader.pages) > 1
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


def test_every_page_carries_the_marking_and_its_number(page_texts: list[str], briefing: Briefing) -> None:
    total = len(page_texts)
    labels = briefing.labels
    for number, text in enumerate(page_texts, start=1):
        lines = text.splitlines()
        assert lines[0] == briefing.cover.marking, f"page {number}"
        assert lines[-1] == f"{briefing.cover.marking} · {labels['page']} {number} {labels['page_of']} {total}", (
            f"page {number}"
        )


def test_table_of_contents_gives_the_page_of_each_section(
    page_texts: list[str], reader: pypdf.PdfReader, briefing: Briefing
) -> None:
    toc_page = next(i for i, text in enumerate(page_texts) if briefing.labels["toc"] in text.splitlines())
    toc = page_texts[toc_page]
    for number, section in enumerate(briefing.sections, start=1):
        match = re.search(rf"^{number}\. {re.escape(section.title)} (\d+)$", toc, flags=re.MULTILINE)
        assert match, f"{section.title!r} not in the table of contents:\n{toc}"
        destination = reader.named_destinations[section.id]
        assert int(match.group(1)) == reader.get_destination_page_number(destination) + 1
        assert int(match.group(1)) > toc_page + 1


def test_refs_link_to_source_anchors(reader: pypdf.PdfReader, briefing: Briefing) -> None:
    internal: set[str] = set()
    external: set[str] = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                internal.add(str(annotation["/Dest"]))
            elif "/A" in annotation:
                external.add(str(annotation["/A"]["/URI"]))
    anchors = {source.anchor for source in briefing.sources}
    assert anchors <= set(reader.named_destinations)
    assert anchors <= internal
    assert {section.id for section in briefing.sections} <= internal
    assert external == {source.url for source in briefing.sources if source.url}


# ---- PDF: fonts --------------------------------------------------------------------------------


def test_fonts_are_embedded_and_are_the_shipped_ones(reader: pypdf.PdfReader) -> None:
    names = set()
    for font in _font_dicts(reader):
        name = _base_name(font["/BaseFont"])
        names.add(name)
        assert name in SHIPPED_FACES, name
        program = _embedded_program(font)
        assert program is not None, f"{name} is not embedded"
        embedded = TTFont(io.BytesIO(program))["name"].getDebugName(6)
        shipped = TTFont(FONTS / SHIPPED_FACES[name])["name"].getDebugName(6)
        assert embedded == shipped, name
    assert {"Briefgen-Sans", "Briefgen-Sans-Bold", "Briefgen-JP"} <= names


def test_every_character_is_drawn_with_a_shipped_font_that_has_it(pdf: bytes) -> None:
    assert _font_problems(pdf) == []


def test_glyph_check_catches_a_character_the_shipped_fonts_lack() -> None:
    html = (
        '<html><head><link rel="stylesheet" href="briefing.css"></head>'
        "<body><p>Quảng Ninh \u2713 <b>鈴木 \u2713</b></p></body></html>"
    )
    # Refused whether the machine has a font with a check mark (system font) or not (empty box).
    with pytest.raises(RenderError, match=r"would use the system font\(s\)|no shipped font can draw"):
        render_pdf(html, TEMPLATES)


# ---- PDF: resources ------------------------------------------------------------------------------


def _page_with_image(src: str) -> str:
    return f'<html><body><p>x</p><img src="{src}" alt=""></body></html>'


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/x.png", "file:///etc/passwd", "https://example.invalid/logo.png"],
)
def test_fetcher_refuses_resources_outside_the_template_folder(url: str) -> None:
    with pytest.raises(RenderError) as caught:
        render_pdf(_page_with_image(url), TEMPLATES)
    assert f"refused to fetch {url}" in str(caught.value)


def test_fetcher_refuses_relative_paths_that_leave_the_template_folder() -> None:
    with pytest.raises(RenderError, match=r"refused to fetch file://.*/pyproject\.toml"):
        render_pdf(_page_with_image("../pyproject.toml"), TEMPLATES)


def test_fetcher_allows_data_uris_and_template_files() -> None:
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
        "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    html = f'<html><head><link rel="stylesheet" href="briefing.css"></head><body><img src="{pixel}"></body></html>'
    assert render_pdf(html, TEMPLATES).startswith(b"%PDF-")


def test_missing_template_file_is_a_render_error_naming_it() -> None:
    with pytest.raises(RenderError, match=r"^could not fetch file://.*/templates/missing\.png: .*No such file"):
        render_pdf(_page_with_image("missing.png"), TEMPLATES)
