"""The issuer's own form on the page (issue 21 §3) and the DOCX cover saying what the PDF's says (§4).

Read back from the built files, in fr, en and vi, for the shipped example visit and the Japan briefing:
the national heading only in Vietnamese, the parent body above the office, the number and symbol, the
place-and-date line (day and month padded in Vietnamese, as Decree 30/2020/NĐ-CP writes it), the
addressee, the recipients ("Nơi nhận:", "- …;", "- Lưu: VT, ….") and the drafting and clearance block.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .helpers import EXAMPLE, EXAMPLE_DRAFTED, pdf_text

LANGS = ("fr", "en", "vi")
DAY = EXAMPLE_DRAFTED
SUFFIX = {"fr": "", "en": ".en", "vi": ".vi"}
"""The example visit and Japan are written in French: the other languages' files carry a suffix."""

PARENT = {
    "fr": "Comité populaire de la province de Quảng Ninh",
    "en": "People's Committee of Quảng Ninh Province",
    "vi": "UBND TỈNH QUẢNG NINH",
}
ISSUER = {"fr": "Service des affaires extérieures", "en": "Department of Foreign Affairs", "vi": "SỞ NGOẠI VỤ"}
PLACE_DATE = {
    "fr": "Quảng Ninh, le 7 décembre 2026",
    "en": "Quảng Ninh, 7 December 2026",
    "vi": "Quảng Ninh, ngày 07 tháng 12 năm 2026",
}
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
NATIONAL_ELSEWHERE = ("SOCIALIST REPUBLIC", "RÉPUBLIQUE SOCIALISTE", "Independence", "Indépendance")
REFERENCE = {"fr": "Réf. : ", "en": "Ref.: ", "vi": "Số: "}
RECIPIENTS = {"fr": "Destinataires :", "en": "Distribution:", "vi": "Nơi nhận:"}


@pytest.fixture(scope="module")
def built(japan_built: tuple[Path, dict[str, str]], example_pack: Path) -> dict[str, Path]:
    """{name: the folder of its briefings in fr, en and vi, DOCX and PDF}: the session's shared builds (conftest).

    The example visit's are its pack's, made on DAY (``batch`` writes a visit's briefings byte for byte as
    ``build --lang fr,en,vi --date DAY`` does); Japan's are dated by SOURCE_DATE_EPOCH, which none of the Japan
    checks below reads (its cover's date line is not checked; the drafting and clearance dates are the profile's).
    """
    return {EXAMPLE: example_pack / EXAMPLE, "japan": japan_built[0] / "japan"}


def _pdf(built: dict[str, Path], name: str, lang: str) -> Any:
    import pdfplumber

    return pdfplumber.open(built[name] / f"briefing{SUFFIX[lang]}.pdf")


def _pages(built: dict[str, Path], name: str, lang: str) -> list[str]:
    """Each page's text, flattened (read once a process: helpers.pdf_text)."""
    return [_flat(page) for page in pdf_text(built[name] / f"briefing{SUFFIX[lang]}.pdf").split("\f")[:-1]]


def _top(page: Any, phrase: str) -> float:
    """How far down the page ``phrase`` first stands."""
    found = page.search(re.escape(phrase), regex=True)
    assert found, f"{phrase!r} not on page {page.page_number}"
    return float(found[0]["top"])


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_heading_is_the_issuers_form(built: dict[str, Path], lang: str) -> None:
    with _pdf(built, EXAMPLE, lang) as pdf:
        cover = pdf.pages[0]
        text = _flat(cover.extract_text())
        # The office under its parent body, the number and symbol under them.
        assert _top(cover, PARENT[lang]) < _top(cover, ISSUER[lang]) < _top(cover, REFERENCE[lang])
        assert f"{REFERENCE[lang]}[EXAMPLE] …/BC-SNgV" in text  # the visit's own reference
        assert PLACE_DATE[lang] in text
        if lang == "vi":
            # Decree 30: the national heading over the motto, over the place-and-date line, the title in capitals.
            assert _top(cover, NATIONAL[0]) < _top(cover, NATIONAL[1]) < _top(cover, PLACE_DATE[lang])
            assert "Kính gửi: Đồng chí Phó Chủ tịch UBND tỉnh, Trưởng đoàn công tác" in text
            assert "[VÍ DỤ] CHUYẾN CÔNG TÁC" in text
        else:
            assert not any(word in text for word in (*NATIONAL, *NATIONAL_ELSEWHERE))
        assert "{number}" not in text and "None" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_closes_with_the_recipients_and_the_drafting_block(built: dict[str, Path], lang: str) -> None:
    pages = _pages(built, "japan", lang)
    first, text = pages[0], pages[-1]
    # A partner briefing: the office's pattern, unnumbered; the purpose line; the office's addressee.
    assert f"{REFERENCE[lang]}…/BC-SNgV" in first
    assert {"fr": "Objet : Informer", "en": "Purpose: To brief", "vi": "Mục đích: Cung cấp"}[lang] in first
    assert {"fr": "À l'attention de", "en": "To: The Chairman", "vi": "Kính gửi: Đồng chí Chủ tịch"}[lang] in first
    assert RECIPIENTS[lang] in text
    cleared = {"fr": "Date du visa : 8 décembre 2026", "en": "Date cleared: 8 December 2026"}
    if lang == "vi":
        with _pdf(built, "japan", lang) as pdf:
            last = pdf.pages[-1]
            lines = (RECIPIENTS[lang], "- Lãnh đạo UBND tỉnh;", "- Lưu: VT, Sở Ngoại vụ.")
            tops = [_top(last, line) for line in lines]
        assert tops == sorted(tops)
        assert "[VÍ DỤ] GIÁM ĐỐC SỞ NGOẠI VỤ" in text  # the signatory, upper case
        assert "Ngày duyệt: 08 tháng 12 năm 2026" in text
    else:
        assert cleared[lang] in text
    assert OFFICER[lang] in text


OFFICER = {
    "fr": "[EXEMPLE] Chargé de mission Japon",
    "en": "[EXAMPLE] Japan desk officer",
    "vi": "[VÍ DỤ] Chuyên viên phụ trách",
}
"""The drafting officer, in each language (as far as its first line in the closing block's column): a role
marked as an example in that language's words."""


def _cover_paragraphs(document: Any) -> list[Any]:
    """The DOCX cover's paragraphs, those of its heading table included, in reading order."""
    body = document.element.body
    found = []
    for child in body.iterchildren():
        for paragraph in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
            from docx.text.paragraph import Paragraph

            shown = Paragraph(paragraph, document._body)
            if shown.style.name == "TOC Heading":
                return found
            found.append(shown)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_docx_heading_and_closing_tables(built: dict[str, Path], lang: str) -> None:
    document = Document(str(built[EXAMPLE] / f"briefing{SUFFIX[lang]}.docx"))
    heading, closing = document.tables[0], document.tables[-1]
    # A name is written with no-break spaces (it never breaks): read as written.
    left, right = ([p.text.replace("\xa0", " ") for p in cell.paragraphs if p.text] for cell in heading.rows[0].cells)
    assert left == [PARENT[lang], ISSUER[lang], f"{REFERENCE[lang]}[EXAMPLE] …/BC-SNgV"]
    assert right == ([*NATIONAL, PLACE_DATE[lang]] if lang == "vi" else [PLACE_DATE[lang]])
    issuer = heading.rows[0].cells[0].paragraphs[1]
    if lang == "vi":
        assert issuer.style.name == "Decree Issuer" and issuer.style.font.bold
        assert _aligned(issuer.style) == WD_ALIGN_PARAGRAPH.CENTER
        assert heading.rows[0].cells[1].paragraphs[2].style.font.italic  # the place-and-date line
    else:
        assert issuer.style.name == "Office Issuer"
    cells = closing.rows[0].cells
    recipients, signature = ([p.text.replace("\xa0", " ") for p in cell.paragraphs if p.text] for cell in cells)
    assert recipients[0] == RECIPIENTS[lang]
    if lang == "vi":
        assert recipients[1:] == [
            "- Trưởng đoàn và các thành viên Đoàn;",
            "- Đại sứ quán Việt Nam tại Nhật Bản;",
            "- Lưu: VT, Sở Ngoại vụ.",
        ]
    assert any(OFFICER[lang] in line for line in signature), signature


def _aligned(style: Any) -> Any:
    """A paragraph style's alignment, its own or the one it inherits."""
    while style is not None and style.paragraph_format.alignment is None:
        style = style.base_style
    return style.paragraph_format.alignment if style is not None else None


def _words(text: str) -> Counter[str]:
    return Counter(text.casefold().split())


@pytest.mark.parametrize("name", [EXAMPLE, "japan"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_docx_cover_says_what_the_pdf_cover_says(built: dict[str, Path], name: str, lang: str) -> None:
    """Word for word (upper case aside): only the running marks and the page number are the PDF's own."""
    document = Document(str(built[name] / f"briefing{SUFFIX[lang]}.docx"))
    docx_words = _words(" ".join(p.text for p in _cover_paragraphs(document)))
    pdf_words = _words(pdf_text(built[name] / f"briefing{SUFFIX[lang]}.pdf").split("\f")[0])
    assert docx_words - pdf_words == Counter()
    section = document.sections[0]
    stories = (section.header, section.footer, section.first_page_header, section.first_page_footer)
    running = set(_words(" ".join(p.text for story in stories for p in story.paragraphs)))
    left = pdf_words - docx_words
    assert all(word.isdigit() or word in running for word in left), left


DRAFTING_TITLE = {"fr": "Rédaction et diffusion", "en": "Drafting and distribution", "vi": "Soạn thảo và phát hành"}
"""The drafting section's title, which a pack whose closing block shows the drafting block does not print."""


def _docx_text(path: Path) -> str:
    """Every paragraph of the DOCX's body, those in tables included, in order."""
    document = Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in document.element.body.iter(f"{w}p"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_drafting_block_is_shown_once_in_the_closing(built: dict[str, Path], lang: str) -> None:
    """The closing block shows the officer, the clearance and the recipients; the drafting section, which
    repeated them (and the reference the heading carries), is left out: each is printed once, in PDF and DOCX."""
    pages = _pages(built, EXAMPLE, lang)
    docx_text = _flat(_docx_text(built[EXAMPLE] / f"briefing{SUFFIX[lang]}.docx"))
    for name, text in (("pdf", " ".join(pages)), ("docx", docx_text)):
        assert text.count(OFFICER[lang]) == 1, name
        assert text.count(RECIPIENTS[lang]) == 1, name
        assert text.count("[EXAMPLE] …/BC-SNgV") == 1, name  # under the issuer, at the top
        assert DRAFTING_TITLE[lang] not in text, name
    assert OFFICER[lang] in pages[-1] and RECIPIENTS[lang] in pages[-1]  # they close the document
