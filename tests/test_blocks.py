"""The document model: every block kind is drawn by every writer, and a kind a writer lacks fails loudly.

Like Sphinx's check that a translator has a ``visit_`` per node: the kinds are enumerated from
``briefgen.view.viewmodel.blocks.KINDS``; the writers are the HTML template's macros (``templates/blocks.html``)
and every ``blocks.Walker`` subclass the render package defines. A briefing holding one block of each
kind (FICTIONAL content) is drawn in HTML and Markdown and each block's words are read back.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from dataclasses import dataclass
from typing import ClassVar

import pytest

import briefgen.render
from briefgen.render.html import drawn_kinds, render_html
from briefgen.render.markdown import MarkdownWriter, render_markdown
from briefgen.view.viewmodel import Bar, Briefing, Chart, Cover, Image, Ref, Source, blocks
from tests.helpers import REPO

TEMPLATES = REPO / "templates"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
NOTE = Ref(1, "src-1")


def writers() -> list[type[blocks.Walker[object]]]:
    """Every Walker subclass of the render package (DOCX, terminal, key facts, Markdown...)."""
    for module in pkgutil.iter_modules(briefgen.render.__path__):
        importlib.import_module(f"briefgen.render.{module.name}")
    found: list[type[blocks.Walker[object]]] = []
    stack = list(blocks.Walker.__subclasses__())
    while stack:
        cls = stack.pop()
        stack += cls.__subclasses__()
        if cls.__module__.startswith("briefgen."):
            found.append(cls)
    return found


def test_the_kinds_are_a_closed_set_with_one_name_each() -> None:
    assert len(set(blocks.KIND_NAMES)) == len(blocks.KINDS)
    assert all(dataclasses.is_dataclass(k) and k.__dataclass_params__.frozen for k in blocks.KINDS)  # type: ignore[attr-defined]


def test_every_writer_handles_every_kind() -> None:
    found = writers()
    assert MarkdownWriter in found
    for writer in found:
        assert writer.missing() == [], f"{writer.__name__} draws no {writer.missing()}"
    assert drawn_kinds(TEMPLATES) == set(blocks.KIND_NAMES), "templates/blocks.html lacks a macro"


def every_kind() -> tuple[blocks.Block, ...]:
    """One block of each kind, its words FICTIONAL and unique."""
    chart = Chart("amounts-USD", "Graphique fictif", "dollars", [Bar("Barre fictive", 2.0, "2 dollars")], "alt")
    return (
        blocks.Heading(("Titre fictif", NOTE)),
        blocks.Paragraph(("Paragraphe fictif", blocks.Span("en gras fictif", "strong"), NOTE)),
        blocks.Bullets((("Puce fictive",),), label="Liste fictive"),
        blocks.Facts((blocks.Fact("Clé fictive", ("Valeur fictive",), (("Brin fictif",),)),)),
        blocks.Definitions((blocks.Definition(("Question fictive",), ("Réponse fictive",)),), label="QR fictives"),
        blocks.FiguresTable(
            ("Chiffre", "Valeur", "Date", "Source"), (blocks.FigureRow("Indicateur fictif", "42", "2025", NOTE),)
        ),
        blocks.Table(
            "events",
            (blocks.Column("Date", "date"), blocks.Column("Fait", "event")),
            (blocks.Row((("2025",), ("Fait fictif", blocks.Span("précision fictive", "aside"), NOTE)), True),),
        ),
        blocks.PeopleCards(
            (blocks.Card("Personne fictive", (blocks.Fact("Rôle", ("Rôle fictif",)),), photo=Image(PNG, "image/png")),)
        ),
        blocks.Quotation("Citation fictive", "Orateur fictif", NOTE, translated=True, note="traduit, fictif"),
        blocks.Gap("Lacune fictive"),
        blocks.Picture(Image(PNG, "image/png"), "Image fictive"),
        blocks.BarChart(chart),
        blocks.SourceList((Source(1, "src-1", "Source fictive"),)),
        blocks.Group(
            (blocks.Heading(("Réunion fictive",), level=3), blocks.Paragraph(("Presse fictive",), role="press"))
        ),
    )


WORDS = {
    "heading": "Titre fictif",
    "paragraph": "en gras fictif",
    "bullets": "Puce fictive",
    "facts": "Brin fictif",
    "definitions": "Réponse fictive",
    "figures": "Indicateur fictif",
    "table": "précision fictive",
    "people": "Rôle fictif",
    "quotation": "Orateur fictif",
    "gap": "Lacune fictive",
    "image": "Image fictive",
    "chart": "Barre fictive",
    "sources": "Source fictive",
    "group": "Presse fictive",
}


def view(*content: blocks.Block) -> Briefing:
    """A FICTIONAL briefing of one section holding ``content``."""
    from briefgen import languages

    labels = dict(languages.labels("fr"))
    cover = Cover("Titre", "Partenaire", "", "", "Émetteur", "Marquage", "")
    return Briefing("fr", labels, cover, [], body=[blocks.Section("fictive", "Section fictive", content)])


def test_html_draws_every_kind() -> None:
    assert set(WORDS) == set(blocks.KIND_NAMES)
    html = render_html(view(*every_kind()), TEMPLATES)
    main = html[html.index("<main>") :]
    for kind, words in WORDS.items():
        assert words in main, kind
    assert '<h1 id="fictive">Section fictive</h1>' in main


def test_markdown_draws_every_kind_but_images() -> None:
    text = render_markdown(view(*every_kind()), TEMPLATES)
    for kind, words in WORDS.items():
        if kind != "image":
            assert words in text, kind
    assert "## Section fictive" in text and "| ★ 2025 | Fait fictif (précision fictive) [1] |" in text


@dataclass(frozen=True)
class Stranger:
    """A block kind no writer knows (FICTIONAL)."""

    kind: ClassVar[str] = "stranger"
    text: str


def test_a_kind_a_writer_lacks_fails_loudly() -> None:
    stranger = view(Stranger("?"))  # type: ignore[arg-type]
    with pytest.raises(blocks.UnknownBlock, match=r"no macro draws a block of kind Stranger .*blocks\.html"):
        render_html(stranger, TEMPLATES)
    with pytest.raises(blocks.UnknownBlock, match="MarkdownWriter cannot draw a block of kind Stranger"):
        render_markdown(stranger, TEMPLATES)


def test_a_template_may_draw_one_named_section_its_own_way(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    folder = Path(str(tmp_path)) / "templates"
    shutil.copytree(TEMPLATES, folder)
    (folder / "sections").mkdir(exist_ok=True)
    (folder / "sections" / "fictive.html").write_text('<section class="own"><h1 id="fictive">À ma façon</h1></section>')
    (folder / "sections" / "fictive.md").write_text("## À ma façon ({{ section.blocks | length }} blocs)")
    content = (blocks.Paragraph(("Paragraphe fictif",)),)
    html = render_html(view(*content), folder)
    assert "À ma façon" in html and "Paragraphe fictif" not in html
    assert "## À ma façon (1 blocs)" in render_markdown(view(*content), folder)
    assert re.search(r"Paragraphe fictif", render_html(view(*content), TEMPLATES))


def test_a_mark_is_noted_once_after_the_first_block_that_carries_it() -> None:
    """The note explaining † follows the first block with the mark, in whichever section; its copies go."""
    note = blocks.Paragraph(("† Older than 12 months (FICTIONAL).",), role="legend")
    plain_table = blocks.FiguresTable(("a", "b", "c", "d"), (blocks.FigureRow("Fictional", "1", "2025"),))
    marked = blocks.FiguresTable(("a", "b", "c", "d"), (blocks.FigureRow("Fictional", "2", "2024", marks=("†",)),))
    people = blocks.Table(
        "people", (blocks.Column("Name", "name"),), (blocks.Row((("X", blocks.Span("2024 †", "aside")),)),)
    )
    sections = [
        blocks.Section("one", "One", (plain_table, note)),
        blocks.Section("two", "Two", (blocks.Heading(("Fictional",)), marked, note, people, note)),
    ]
    shown = blocks.noted_once(sections, note, "†")
    assert shown[0].blocks == (plain_table,)
    assert shown[1].blocks == (blocks.Heading(("Fictional",)), marked, note, people)
    # A mark carried only inside a span (a person's as-of date) is found too; no mark, no note.
    assert blocks.noted_once([blocks.Section("p", "P", (people,))], note, "†")[0].blocks == (people, note)
    assert blocks.noted_once([blocks.Section("p", "P", (plain_table, note))], note, "†")[0].blocks == (plain_table,)
