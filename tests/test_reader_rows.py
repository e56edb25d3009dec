"""Row by row against the profile, not the view model: a figure keeps its note, a person keeps their side.

The section-by-section tests (test_reader_content.py) compare each format with the view model, so a
bug in building the view model itself (a note dropped, the sides swapped) passes them: the view model
and every document agree with each other. These tests take the expected text from the validated
profile, in each language, and look for it in the right row of the HTML (what the PDF is made of;
other tests hold the PDF to its HTML), the DOCX, the Markdown and the terminal preview. Also here:
the Markdown's citation numbers, and each document's declared language. Each hole was found by
bench/mutants.py (mutants 17, 18, 27, 28 and 35 survived the tests before this file), and each test was
seen to fail with its mutant planted.
"""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import briefgen
from briefgen.data.catalog import Places
from briefgen.data.schema import Profile

from .helpers import FIXTURES, run_cli

LANGS = ("fr", "en", "vi")
VISIT = "zenda-summit-2026"  # the complete FICTIONAL visit
VIET_NAM = {"fr": "Viet Nam", "en": "Viet Nam", "vi": "Việt Nam"}  # the preview's, documents' side label


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def profile() -> Profile:
    return briefgen.load_profile("japan")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Japan briefing in every language and every file format, in one folder."""
    out = tmp_path_factory.mktemp("rows")
    code, _, err = run_cli("build", "japan", "--lang", ",".join(LANGS), "--format", "docx,html,md", "--out", out)
    assert code == 0, err
    return out / "japan"


def suffix(lang: str) -> str:
    return "" if lang == "fr" else f".{lang}"


class Rows(html.parser.HTMLParser):
    """The text of each cell of each table row of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(flat("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_rows(path: Path) -> list[list[str]]:
    parser = Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


def docx_rows(path: Path) -> list[list[str]]:
    rows = []
    for table in Document(str(path)).tables:
        for row in table.rows:
            rows.append([flat(cell.text) for cell in row.cells])
    return rows


def markdown_rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            rows.append([flat(cell) for cell in line.strip().strip("|").split(" | ")])
    return rows


def preview_rows(lang: str) -> list[list[str]]:
    code, out, err = run_cli("preview", "japan", "--lang", lang, env={"COLUMNS": "400", "NO_COLOR": "1"})
    assert code == 0, err
    return [[flat(cell) for cell in line.strip("│ ").split("  ") if cell.strip()] for line in out.splitlines()]


def rows_of(built: Path, lang: str) -> dict[str, list[list[str]]]:
    return {
        "html": html_rows(built / f"briefing{suffix(lang)}.html"),
        "docx": docx_rows(built / f"briefing{suffix(lang)}.docx"),
        "md": markdown_rows(built / f"briefing{suffix(lang)}.md"),
        "preview": preview_rows(lang),
    }


def the_row(rows: list[list[str]], first: str, where: str) -> list[str]:
    found = [row for row in rows if row and row[0].startswith(first)]
    assert found, f"{where}: no table row starts with {first!r}"
    return found[0]


@pytest.mark.parametrize("lang", LANGS)
def test_each_person_is_on_their_own_side_in_every_format(built: Path, profile: Profile, lang: str) -> None:
    assert {p.side for p in profile.people} == {"partner", "vietnam"}  # the test means something only with both
    for fmt, rows in rows_of(built, lang).items():
        for person in profile.people:
            side = VIET_NAM[lang] if person.side == "vietnam" else profile.partner.name[lang]
            row = the_row(rows, flat(person.name), f"{fmt} {lang}")
            assert side in row, f"{fmt} {lang}: {person.name} should be on the side {side!r}: {row}"


def figure_notes(profile: Profile, lang: str) -> list[str]:
    figures = [*profile.key_figures, *(f for block in profile.national_context or [] for f in block.figures)]
    notes = [flat(f.note[lang]) for f in figures if f.note]
    assert notes, "the Japan profile has figures with notes"
    return notes


@pytest.mark.parametrize("lang", LANGS)
def test_each_figure_keeps_its_note_in_every_format(built: Path, profile: Profile, lang: str) -> None:
    notes = figure_notes(profile, lang)
    texts = {
        "docx": flat(" ".join(" ".join(row) for row in docx_rows(built / f"briefing{suffix(lang)}.docx"))),
        "md": flat((built / f"briefing{suffix(lang)}.md").read_text(encoding="utf-8")),
        "html": flat(" ".join(" ".join(row) for row in html_rows(built / f"briefing{suffix(lang)}.html"))),
        "preview": flat(" ".join(" ".join(row) for row in preview_rows(lang))),
    }
    for note in notes:
        for fmt, text in texts.items():
            assert note in text, f"{fmt} {lang}: the note {note!r} is missing"


def test_every_citation_prints_its_number_in_the_markdown(built: Path) -> None:
    """As the PDF and DOCX tests of test_reader_content.py do: one "[n]" per citation of the view model."""
    from .test_reader_content import MARKER, citations

    view = briefgen.briefing("japan", lang="fr")
    text = (built / "briefing.md").read_text(encoding="utf-8")
    body = text[: text.rindex("\n## ")]  # the sources list numbers its entries "1.", not "[1]"
    assert sorted(int(n) for n in MARKER.findall(body)) == sorted(r.number for r in citations(view.body))


WORD_TAG = {"fr": "fr-FR", "en": "en-GB", "vi": "vi-VN"}


@pytest.mark.parametrize("lang", LANGS)
def test_each_document_declares_its_own_language(built: Path, lang: str) -> None:
    """The HTML's <html lang>, and the DOCX's default w:lang, are the document's language, not French."""
    page = (built / f"briefing{suffix(lang)}.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    styles = Document(str(built / f"briefing{suffix(lang)}.docx")).styles.element
    defaults = styles.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert defaults and defaults[0].get(qn("w:val")) == WORD_TAG[lang]


def french(value: object) -> str:
    """A profile text (plain, or by language) in French, the fixture's language."""
    return flat(value if isinstance(value, str) else value["fr"])  # type: ignore[index]


@pytest.fixture(scope="module")
def visit_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete FICTIONAL visit, every file format, in one folder."""
    out = tmp_path_factory.mktemp("visit")
    code, _, err = run_cli("--profiles", FIXTURES, "build", VISIT, "--format", "docx,html,md", "--out", out)
    assert code == 0, err
    return out / VISIT


def test_each_meeting_keeps_its_lines_questions_and_press_line_in_every_format(visit_built: Path) -> None:
    """Every line to take and to avoid, defensive question and answer, press line: from the visit file."""
    visit = briefgen.load_profile(VISIT, places=Places.find(FIXTURES)).visit
    assert visit is not None
    expected = []
    for meeting in visit.programme:
        expected += [french(line) for line in [*meeting.lines_to_take, *meeting.lines_to_avoid]]
        expected += [french(text) for q in meeting.questions for text in (q.question, q.answer)]
        expected += [french(meeting.press_line)] if meeting.press_line else []
    assert len(expected) >= 4, "the fixture visit briefs its meetings"
    code, preview, err = run_cli("--profiles", FIXTURES, "preview", VISIT, env={"COLUMNS": "400", "NO_COLOR": "1"})
    assert code == 0, err
    texts = {
        "html": flat(
            html.unescape(re.sub(r"<[^>]+>", " ", (visit_built / "briefing.html").read_text(encoding="utf-8")))
        ),
        "docx": flat(" ".join(p.text for p in Document(str(visit_built / "briefing.docx")).paragraphs))
        + flat(" ".join(" ".join(row) for row in docx_rows(visit_built / "briefing.docx"))),
        "md": flat((visit_built / "briefing.md").read_text(encoding="utf-8")),
        "preview": flat(preview.replace("│", " ")),
    }
    for line in expected:
        for fmt, text in texts.items():
            assert line in text, f"{fmt}: {line!r} is missing"
