"""The key-facts writer: a pack's one-page sheet made of the same blocks as the briefing, each kind made compact.

:func:`sheet` walks the blocks of the sections the registry marks ``key_facts`` (``blocks.Section.key_facts``)
and keeps of each *kind* what a one-page sheet carried into a meeting needs; it never names a section:

============  =====================================================================================
kind          on the key-facts page
============  =====================================================================================
bullets       a numbered list (points, most important first): its first five; a bulleted one whole
table         the rows the visit concerns (highlighted, starred) when there are any; else every row
people        one line per person: name, their first line (role), the note reference; none for a person
              a table above in the section already lists
table         (of people) no row for a person the sheet already gives a line: no one twice on one page
chart, image  left out: the sheet has the figures themselves, and no room for pictures
quotation     left out: the briefing quotes the words (marked when translated); the sheet keeps the facts
group         its blocks, each made compact
sources       left out: the sheet ends with the notes its own blocks cite, numbered as in the briefing, each
              brief (publisher, date: the briefing has the whole citation and its address)
facts         without a line whose value the sheet's header gives already (the visit's date, its place)
other kinds   as they are (paragraph, definitions, figures, gap); a heading too,
              unless nothing is left under it; a legend too, unless the table it explains is left out
============  =====================================================================================

The note explaining a mark (``Briefing.mark_notes``: † for a figure older than the age limit) is printed once
on the sheet too, after its first block carrying the mark. The result is the view with ``body`` holding those
compact sections and, last, a ``sources`` section listing only the notes they cite, so that
``templates/key-facts.html`` draws ``body`` with the briefing's own block macros (``blocks.html``), in
``key-facts.css``'s tighter styles. Pure data: no template, no I/O.
"""

from __future__ import annotations

import dataclasses

from briefgen.view.viewmodel import Briefing
from briefgen.view.viewmodel import blocks as b

POINTS = 5
"""How many items of a numbered list the sheet keeps."""


class KeyFactsWriter(b.Walker[b.Block | None]):
    """Makes each block compact for the one-page sheet; ``None``: the block is left out."""

    def __init__(self, header: tuple[str, ...] = (), title: str = "") -> None:
        self.title = title
        """The sheet's title: a heading repeating it goes, its note calls carried to the labelled lines under it."""
        self.listed: set[str] = set()
        """The people the sheet already shows a line for, by name (in this section or one above)."""
        self.header = set(header)
        """What the sheet's header already says (the visit's date and place): a labelled line repeating it goes."""

    def blocks(self, shown: tuple[b.Block, ...]) -> tuple[b.Block, ...]:
        """The compact form of ``shown``, without the blocks left out.

        Rules across blocks: no one twice on the sheet (a person a table above already lists, by the name
        in its first column, gets no line of their own again, and a table of people drops the rows of those
        already given a line); a legend whose table is left out goes; a heading left with nothing under it too.
        """
        kept: list[b.Block] = []
        dropped = False
        shown = self._title_once(shown)
        for block in shown:
            if isinstance(block, b.Paragraph) and block.role == "legend" and dropped:
                continue
            dropped = False
            if isinstance(block, b.PeopleCards):
                block = dataclasses.replace(block, cards=tuple(c for c in block.cards if c.name not in self.listed))
                if not block.cards:
                    continue
                self.listed |= {c.name for c in block.cards}
            compact = self.visit(block)
            if isinstance(compact, b.Table) and compact.name == "people":
                rows = tuple(r for r in compact.rows if not (r.cells and _name(r.cells[0]) in self.listed))
                compact = dataclasses.replace(compact, rows=rows) if rows else None
            if compact is None:
                dropped = isinstance(block, b.Table | b.FiguresTable)
                continue
            if isinstance(compact, b.Table):
                self.listed |= {_name(row.cells[0]) for row in compact.rows if row.cells}
            kept.append(compact)
        return tuple(block for index, block in enumerate(kept) if not _empty_heading(block, kept[index + 1 :]))

    def _title_once(self, shown: tuple[b.Block, ...]) -> tuple[b.Block, ...]:
        """``shown`` without a heading that repeats the sheet's title, its note calls on the labelled lines below."""
        blocks = list(shown)
        for index, block in enumerate(blocks[:-1]):
            following = blocks[index + 1]
            if not (isinstance(block, b.Heading) and isinstance(following, b.Facts) and following.rows):
                continue
            refs = tuple(run for run in block.text if isinstance(run, b.NoteRef))
            if b.plain(_words(block.text)) == self.title:
                first, *rest = following.rows
                carried = dataclasses.replace(first, value=(*first.value, *refs))
                blocks[index + 1] = dataclasses.replace(following, rows=(carried, *rest))
                blocks[index] = None  # type: ignore[call-overload]
        return tuple(block for block in blocks if block is not None)

    def visit_heading(self, block: b.Heading) -> b.Block | None:
        """As it is."""
        return block

    def visit_paragraph(self, block: b.Paragraph) -> b.Block | None:
        """As it is."""
        return block

    def visit_bullets(self, block: b.Bullets) -> b.Block | None:
        """A numbered list cut to its first :data:`POINTS` items."""
        return dataclasses.replace(block, items=block.items[:POINTS]) if block.ordered else block

    def visit_facts(self, block: b.Facts) -> b.Block | None:
        """Without the lines the header gives (the date, the place), nor a list under a fact (a forum's strands).

        The briefing gives the strands; the sheet, one line a fact, keeps to one page. Their note calls go to the
        first line kept, so that the facts keep their source.
        """
        kept = [row for row in block.rows if not row.items and b.plain(_words(row.value)) not in self.header]
        if not kept:
            return None
        refs = tuple(run for row in block.rows if row not in kept for run in row.value if isinstance(run, b.NoteRef))
        kept[0] = dataclasses.replace(kept[0], value=(*kept[0].value, *(r for r in refs if r not in kept[0].value)))
        return dataclasses.replace(block, rows=tuple(kept))

    def visit_definitions(self, block: b.Definitions) -> b.Block | None:
        """As it is."""
        return block

    def visit_figures(self, block: b.FiguresTable) -> b.Block | None:
        """As it is: the figures are what the sheet is for."""
        return block

    def visit_table(self, block: b.Table) -> b.Block | None:
        """Only the rows the visit concerns, when some are marked."""
        concerned = tuple(row for row in block.rows if row.highlight)
        return dataclasses.replace(block, rows=concerned) if concerned else block

    def visit_people(self, block: b.PeopleCards) -> b.Block | None:
        """One line per person: the name in bold, the first line's value, the reference."""
        lines = []
        for card in block.cards:
            detail = card.lines[0].value if card.lines else ()
            lines.append(b.inline(b.Span(card.name, "strong"), ", " if detail else "", *detail, card.ref))
        return b.Bullets(tuple(lines))

    def visit_quotation(self, block: b.Quotation) -> b.Block | None:
        """Left out: the briefing quotes the words; the sheet has the facts that report them."""
        return None

    def visit_gap(self, block: b.Gap) -> b.Block | None:
        """As it is (a key-facts section has content: a gap never reaches the sheet, but says so if it does)."""
        return block

    def visit_image(self, block: b.Picture) -> b.Block | None:
        """Left out."""
        return None

    def visit_chart(self, block: b.BarChart) -> b.Block | None:
        """Left out: the figures table above it has the values."""
        return None

    def visit_sources(self, block: b.SourceList) -> b.Block | None:
        """Left out: :func:`sheet` lists the notes the sheet itself cites."""
        return None

    def visit_group(self, block: b.Group) -> b.Block | None:
        """Its blocks, each made compact; left out when none is left."""
        inner = self.blocks(block.blocks)
        return dataclasses.replace(block, blocks=inner) if inner else None


def _words(text: b.Inline) -> b.Inline:
    """``text`` without its note calls."""
    return tuple(run for run in text if not isinstance(run, b.NoteRef))


def _name(cell: b.Inline) -> str:
    """The name in a people table's first cell, without the star of a highlighted row."""
    return b.plain(cell).removeprefix("★").strip()


def _empty_heading(block: b.Block, after: list[b.Block]) -> bool:
    """Whether ``block`` is a heading with nothing under it: the next block is a heading as high, or none."""
    if not isinstance(block, b.Heading):
        return False
    following = after[0] if after else None
    return following is None or (isinstance(following, b.Heading) and following.level <= block.level)


def sheet(briefing: Briefing) -> Briefing:
    """The view of the key-facts page: its sections' blocks made compact, then the notes they cite."""
    writer = KeyFactsWriter(header=tuple(briefing.cover.details), title=briefing.cover.title)
    body = []
    for section in briefing.body:
        if section.key_facts and not section.gap:
            shown = writer.blocks(section.blocks)
            if shown:
                body.append(dataclasses.replace(section, blocks=shown))
    for mark, note in briefing.mark_notes.items():
        body = b.noted_once(body, note, mark)
    cited = b.refs(block for section in body for block in section.blocks)
    listed = (block for section in briefing.body for block in b.walk(section.blocks))
    entries = [entry for block in listed if isinstance(block, b.SourceList) for entry in block.entries]
    # Each note brief (publisher, date): the briefing gives the whole citation and address under the same number.
    sources = tuple(
        dataclasses.replace(s, citation=s.brief, url="") if s.brief else s for s in entries if s.number in cited
    )
    if sources:
        body.append(b.Section("sources", briefing.labels["sources"], (b.SourceList(sources),)))
    return dataclasses.replace(briefing, body=body)
