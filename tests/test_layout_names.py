"""Names never break across lines: "Việt Nam", "Nguyễn Minh Hằng", "États-Unis" stay whole in the PDF.

The HTML writer ties each short name of the profile into one unbreakable piece (no-break spaces, word joiners
around its hyphens); ``check --layout`` reports a name broken inside a word or, for a short name, between its
words. The profile built here is FICTIONAL (tests/fixtures/ruritania.yaml with one paragraph of names added).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import briefgen
from briefgen.data.catalog import Places
from briefgen.render.html import names_whole
from briefgen.view.names import kept_whole, names

from .helpers import FIXTURES, REPO, run_cli

# Two-word and hyphenated names, over and over in a narrow column: without the fix, some fall at a line's end.
NAMES = ["Việt Nam", "Nguyễn Minh Hằng", "États-Unis", "Quảng Ninh"]
NAMES_TEXT = "Relation fictive avec " + ", ".join(NAMES * 6) + "."
NARROW = "main p, main li { width: 32mm; }"
UNFIXED = "main p, main li { word-break: break-all; }"
"""A stylesheet that breaks lines anywhere, names included: what check --layout must then report."""


def test_the_names_are_read_from_the_profile_and_the_short_ones_kept_whole() -> None:
    data = {
        "partner": {"name": {"fr": "États-Unis", "vi": "Hoa Kỳ"}},
        "people": [{"name": "Nguyễn Minh Hằng", "role": "Vice-ministre fictive"}],
        "forum": {"name": "Forum de coopération locale fictif entre les deux pays amis"},
        "summary": [{"text": {"fr": "Visite à Hô Chi Minh-Ville et relation Vietnam-Hoa Kỳ, Vice-Président."}}],
    }
    found = names(data)
    assert {"États-Unis", "Hoa Kỳ", "Nguyễn Minh Hằng", "Việt Nam", "Minh-Ville"} <= set(found)
    assert "Vietnam-Hoa" not in found and "Vice-Président" not in found  # two names joined, a title
    assert kept_whole("Nguyễn Thị Minh Hằng") and kept_whole("Việt Nam")
    assert not kept_whole("Forum de coopération locale fictif entre les deux pays amis")


def test_the_html_writer_ties_names_but_not_in_attributes_titles_or_charts() -> None:
    html = (
        '<title>Việt Nam</title><p title="Việt Nam">Le Việt Nam et les Vietnamiens</p>'
        "<svg><text>Việt Nam</text></svg><td>Japonais, Japon</td>"
    )
    assert names_whole(html, ("Việt Nam", "Japon")) == (
        '<title>Việt Nam</title><p title="Việt Nam">Le Việt\u00a0Nam et les Vietnamiens</p>'
        "<svg><text>Việt Nam</text></svg><td>Japonais, Japon</td>"
    )
    assert names_whole("<p>États-Unis</p>", ("États-Unis",)) == "<p>États\u2060-\u2060Unis</p>"


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("names") / "profiles"
    shutil.copytree(FIXTURES, folder)
    path = folder / "ruritania.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Relation fictive avec Quảng Ninh, Đà Nẵng et 北海道.", NAMES_TEXT, 1), "utf-8")
    person = "people:\n  - name: Nguyễn Minh Hằng\n    role: Vice-ministre fictive\n    side: vietnam\n"
    person += "    as_of: 2025-01-02\n    source: fict-src\n"
    path.write_text(path.read_text(encoding="utf-8").replace("people:\n", person, 1), "utf-8")
    return folder


def _name_faults(profiles: Path, tmp_path: Path, css: str) -> list[str]:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    with (templates / "briefing.css").open("a", encoding="utf-8") as sheet:
        sheet.write("\n" + css + "\n")
    out = tmp_path / "out"
    code, _, err = run_cli(
        "--profiles", profiles, "--templates", templates, "build", "ruritania", "--format", "pdf", "--out", out
    )  # fmt: skip
    assert code == 0, err
    found = briefgen.check_layout(["ruritania"], out=out, places=Places.find(profiles=profiles, templates=templates))
    return [str(f) for f in found if f.kind == "name"]


def test_check_layout_finds_names_broken_between_their_words_without_the_fix(profiles: Path, tmp_path: Path) -> None:
    broken = _name_faults(profiles, tmp_path, NARROW + "\n" + UNFIXED)
    assert any("'Việt Nam'" in f or "'Nguyễn Minh Hằng'" in f or "'Quảng Ninh'" in f for f in broken), broken
    assert all(": page " in f for f in broken)


def test_the_shipped_css_keeps_every_name_whole(profiles: Path, tmp_path: Path) -> None:
    assert _name_faults(profiles, tmp_path, NARROW) == []


def test_the_docx_writes_names_with_no_break_spaces(profiles: Path, tmp_path: Path) -> None:
    """Word and LibreOffice part a line at a space: the DOCX ties each name of several words as the PDF does."""
    from docx import Document

    out = tmp_path / "out"
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--format", "docx", "--out", out)
    assert code == 0, err
    text = "\n".join(p.text for p in Document(str(out / "ruritania" / "briefing.docx")).paragraphs)
    for name in ("Việt Nam", "Nguyễn Minh Hằng", "Quảng Ninh"):
        assert name.replace(" ", "\xa0") in text and name not in text, name
    assert "États-Unis" in text  # a hyphen stays as written: Word breaks there only when the word cannot fit


def test_a_docx_column_is_never_narrower_than_its_longest_word_or_name() -> None:
    from briefgen.render.docx_blocks import column_widths
    from briefgen.view.viewmodel import blocks

    titles = (("Day", "date"), ("Activity", "a"), ("Counterpart", "c"))
    columns = tuple(blocks.Column(title, key) for title, key in titles)
    long = "Working session with the Embassy of Viet Nam in Japan on the programme of the coming months"
    rows = (blocks.Row(("19 April 2027", long, "Obuchi Yuko")),)
    table = blocks.Table("programme", columns, rows)
    tie = lambda text: text.replace("Obuchi Yuko", "Obuchi\xa0Yuko")  # noqa: E731
    widths = column_widths(table, 6000, tie)  # in proportion alone, the last column would get 1,031 twips
    assert sum(widths) == 6000
    assert widths[2] >= len("Obuchi Yuko") * 105 + 230  # the tied name is one word: the widest of its column
    assert column_widths(table, 6000)[2] >= len("Counterpart") * 105 + 230  # untied, the title is the widest
