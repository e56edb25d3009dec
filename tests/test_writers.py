"""Every writer handles every block kind; an unknown kind fails loudly; the terminal and key-facts writers' output.

The blocks are FICTIONAL (``tests/block_samples.py``). The DOCX writer's output is read back in
``tests/test_render_docx.py``; the HTML and Markdown writers' in their own tests.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest
from rich.console import Console

import briefgen.render
from briefgen.errors import RenderError
from briefgen.render.docx_blocks import DocxWriter
from briefgen.render.key_facts import POINTS, KeyFactsWriter, sheet
from briefgen.render.terminal import TerminalWriter, render_terminal
from briefgen.view.viewmodel import blocks as b
from tests.block_samples import R2, sample_body, with_body
from tests.samples import HOSTILE


def _walkers() -> set[type[b.Walker[object]]]:
    """Every writer class under ``briefgen.render`` that walks blocks (each module imported to find them)."""
    for module in pkgutil.iter_modules(briefgen.render.__path__):
        importlib.import_module(f"briefgen.render.{module.name}")
    found: set[type[b.Walker[object]]] = set()
    pending: list[type[b.Walker[object]]] = list(b.Walker.__subclasses__())
    while pending:
        cls = pending.pop()
        found.add(cls)
        pending += cls.__subclasses__()
    return found


def test_every_writer_handles_every_block_kind() -> None:
    walkers = _walkers()
    assert {DocxWriter, TerminalWriter, KeyFactsWriter} <= walkers
    for writer in walkers:
        assert writer.missing() == [], writer.__name__


def test_the_sample_holds_every_kind() -> None:
    kinds = {block.kind for section in sample_body() for block in b.walk(section.blocks)}
    assert kinds == set(b.KIND_NAMES)


@dataclasses.dataclass(frozen=True)
class _Marquee:
    """A block kind no writer knows."""

    kind = "marquee"


def _with_unknown_block() -> list[b.Section]:
    group = b.Group((b.Paragraph(("Avant",)), _Marquee()))  # type: ignore[arg-type]
    return [b.Section("summary", "La relation en bref", (group,), key_facts=True)]


def test_an_unknown_kind_fails_loudly_in_the_terminal() -> None:
    console = Console(width=120, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(b.UnknownBlock, match="TerminalWriter cannot draw a block of kind _Marquee") as raised:
        render_terminal(with_body(body=_with_unknown_block()), console)
    assert isinstance(raised.value, RenderError)  # the CLI shows it as one line, exit 1
    console.file.close()


def test_an_unknown_kind_fails_loudly_on_the_key_facts_page() -> None:
    with pytest.raises(b.UnknownBlock, match="KeyFactsWriter cannot draw a block of kind _Marquee"):
        sheet(with_body(body=_with_unknown_block()))


def _preview(width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    render_terminal(with_body(), console)
    console.file.close()
    return console.export_text()


def test_the_terminal_draws_every_kind() -> None:
    text = _preview(160)
    for expected in (
        "La relation en bref",  # a section's title on its panel
        "Relation fictive entre Quảng Ninh et 北海道. [1]",  # paragraph, reference
        HOSTILE,  # printed as written: no markup, no template
        "Une citation fictive.",  # quotation
        "— Personne fictive [1] (traduit du japonais)",
        "Forum fictif [1]",  # heading
        "Lieu",  # facts
        "• Volet deux",  # a list value of a fact
        "plus de 2\u202f500",  # figures
        "donnée ancienne fictive",  # a figure's mark
        "Montants fictifs",  # chart title, then its bars
        "2,5 milliards",
        "Événement fictif à Hà Nội (aparté fictif)",  # table, aside
        "★ 2025",  # a highlighted row
        "Nguyễn Văn Fictif",  # people card
        "• Carrière fictive",
        "[Emblème fictif]",  # an image as its alt text
        "Question : fictive ?",  # definitions (in a group)
        "  Réponse : fictive.",
        "1. Point fictif un",  # ordered bullets
        "2. Point fictif deux",
        "À compléter",  # gap
        "[1] Éditeur fictif, « Article fictif », 24 novembre 2025 https://example.invalid/a",  # sources
    ):
        assert expected in text, expected


def test_the_terminal_stacks_figures_on_a_narrow_screen() -> None:
    text = _preview(80)
    assert "Entreprises fictives: plus de 2\u202f500 — novembre 2025 [1]" in text
    assert "(donnée ancienne fictive)" in text


def test_the_key_facts_page_is_made_compact_kind_by_kind() -> None:
    body = sample_body()
    points = tuple((f"Point fictif {n}",) for n in range(1, POINTS + 3))
    body[6] = dataclasses.replace(body[6], blocks=(b.Bullets(points, ordered=True),))
    body[4] = dataclasses.replace(body[4], key_facts=True)  # people: cards and a picture
    view = sheet(with_body(body=body))
    assert [s.id for s in view.body] == ["key_figures", "timeline", "people", "talking_points", "sources"]
    figures, timeline, people, talking, sources = (s.blocks for s in view.body)
    assert [block.kind for block in figures] == ["figures"]  # its chart left out
    (table, legend) = timeline
    assert [row.cells[0] for row in table.rows] == [("2025",)]  # only the row the visit concerns
    assert legend.kind == "paragraph"
    assert people == (b.Bullets(((b.Span("Nguyễn Văn Fictif", "strong"), ", ", "Personnage fictif", R2),)),)
    assert talking == (b.Bullets(points[:POINTS], ordered=True),)
    # The notes the sheet cites, and only those, numbered as in the briefing.
    (source_list,) = sources
    assert [s.number for s in source_list.entries] == [1, 2]
    only_first = sheet(with_body(body=[body[3], body[9]]))  # the timeline's starred row cites note 2 only
    assert [s.number for s in only_first.body[-1].blocks[0].entries] == [2]


def test_a_table_without_marked_rows_keeps_them_all() -> None:
    table = b.Table("pairs", (b.Column("Nous", "ours"), b.Column("Eux", "theirs")), (b.Row((("A",), ("B",))),))
    assert KeyFactsWriter().visit(table) == table


def test_people_a_table_lists_get_no_second_line_nor_an_empty_heading() -> None:
    people = b.Table("people", (b.Column("Nom", "name"),), (b.Row((("Nguyễn Văn Fictif",),)),))
    card = b.Card("Nguyễn Văn Fictif", lines=(b.Fact("Fonction", ("Personnage fictif",)),))
    other = b.Card("Trần Thị Fictive")
    shown = (
        people,
        b.Heading(("Biographies",)),
        b.PeopleCards((card,)),
        b.Heading(("Autres",)),
        b.PeopleCards((card, other)),
    )
    compact = KeyFactsWriter().blocks(shown)
    assert compact == (people, b.Heading(("Autres",)), b.Bullets(((b.Span("Trần Thị Fictive", "strong"),),)))
