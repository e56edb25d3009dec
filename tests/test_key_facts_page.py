"""The key-facts page uses its one page: the example pack's sheet fits one A4 page at 9 pt or more, leaves no
quarter of it blank and carries DRAFT, in fr, en and vi; ``check --layout`` fails on a sheet that runs over or
leaves its page a quarter blank. Also the sheet's own choices: no one twice, no line the header already gives,
brief notes."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber
import pytest

import briefgen
from briefgen.render import Options, key_facts
from briefgen.render.layout_check import faults
from briefgen.render.pdf import render
from briefgen.view.viewmodel import blocks as b

from .helpers import EXAMPLE, REPO

DRAFT = {"fr": "PROJET", "en": "DRAFT", "vi": "DỰ THẢO"}
# Templates made to break the rule: a sheet made to run over, and one whose sections are hidden.
OVER = "body.key-facts li, body.key-facts tr { line-height: 3; }"
BLANK = "body.key-facts section { display: none; }"


def _sheet(lang: str, css: str = "", tmp_path: Path | None = None) -> bytes:
    templates = REPO / "templates"
    if css:
        assert tmp_path is not None
        templates = tmp_path / "templates"
        shutil.copytree(REPO / "templates", templates)
        with (templates / "key-facts.css").open("a", encoding="utf-8") as sheet:
            sheet.write("\n" + css + "\n")
    view = briefgen.briefing(EXAMPLE, lang=lang)
    return render(view, templates, Options(document="key-facts"))


@pytest.mark.parametrize("lang", ["fr", "en", "vi"])
def test_the_example_sheet_fills_one_page_at_nine_points_with_draft(example_pack: Path, lang: str) -> None:
    # The sheet of the example's pack (conftest.example_pack: made once for the whole run, on its drafting day).
    pdf = (example_pack / EXAMPLE / ("key-facts.pdf" if lang == "fr" else f"key-facts.{lang}.pdf")).read_bytes()
    assert faults(pdf, "key-facts.pdf", sheet=True) == []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        (page,) = doc.pages
        body = [c for c in page.chars if 18 * 72 / 25.4 < c["top"] < 280 * 72 / 25.4]
        lowest = max(c["bottom"] for c in body) / (72 / 25.4)
        assert DRAFT[lang] in (page.extract_text() or "")
    assert {c["text"] for c in body if c["size"] < 8.95} <= set("0123456789[],– ")  # notes' calls only
    assert lowest > 17.5 + 0.75 * (280.5 - 17.5), lowest  # no quarter of the page blank


def test_check_layout_fails_on_a_sheet_that_runs_onto_a_second_page(tmp_path: Path) -> None:
    found = faults(_sheet("fr", OVER, tmp_path), "key-facts.pdf", sheet=True)
    assert [(f.kind, f.page) for f in found if f.kind == "sheet"] == [("sheet", 2)], [str(f) for f in found]
    assert "runs onto" in str(next(f for f in found if f.kind == "sheet"))


def test_check_layout_fails_on_a_sheet_that_leaves_a_quarter_blank(tmp_path: Path) -> None:
    found = faults(_sheet("fr", BLANK, tmp_path), "key-facts.pdf", sheet=True)
    (fault,) = [f for f in found if f.kind == "sheet"]
    assert fault.page == 1 and "of its page blank (at most 25%)" in str(fault)


def test_the_sheet_gives_no_one_twice_no_header_line_again_and_brief_notes() -> None:
    view = briefgen.briefing(EXAMPLE)
    sheet = key_facts.sheet(view)
    text = repr(sheet.body)
    # Obuchi Yuko: one line among the interlocutors, no row of the people's table again.
    assert text.count("'Obuchi Yuko'") == 1
    assert "people" not in [s.id for s in sheet.body]
    # The visit's date and place are in the header; its labelled lines do not repeat them, and keep the source.
    (visit,) = [s for s in sheet.body if s.id == "visit"]
    facts = [block for block in visit.blocks if isinstance(block, b.Facts)][0]
    assert all(
        b.plain(tuple(r for r in row.value if not isinstance(r, b.Ref))) not in view.cover.details for row in facts.rows
    )
    assert any(isinstance(run, b.Ref) for run in facts.rows[0].value)
    assert not any(isinstance(block, b.Heading) for block in visit.blocks)  # the title is the sheet's own
    # Notes: publisher and date, the briefing having the whole citation under the same number.
    (notes,) = sheet.body[-1].blocks
    assert isinstance(notes, b.SourceList)
    assert [s.citation for s in notes.entries][0] == "Báo Quốc Tế, 24 novembre 2025"
    assert all(s.url == "" for s in notes.entries)
