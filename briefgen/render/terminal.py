"""Terminal writer: the briefing's sections as rich panels, each block kind drawn one way (``briefgen preview``).

:class:`TerminalWriter` walks the blocks of every section (``Briefing.body``, ``briefgen.view.viewmodel.blocks``), as
the DOCX, HTML and Markdown writers do, and never names a section: the preview says what the documents say.
Profile text goes through ``rich.text.Text``, never through console markup, so that a value like
``[bold]`` or ``<b>`` prints as written; and every string of the view model goes through
``briefgen.text.shown`` first, so that an escape sequence, a bidi override or a line break in a
profile shows as a visible escape instead of moving the cursor or setting the terminal title.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from briefgen.text import shown
from briefgen.view.viewmodel import Briefing, Chart, Ref
from briefgen.view.viewmodel import blocks as b

_T = TypeVar("_T")


def render_terminal(view: Briefing, console: Console) -> None:
    """Print ``view`` to ``console``: the cover, then each section of its body, in the documents' order."""
    view = _shown_all(view)
    cover = view.cover
    head = Text(justify="center")
    if cover.draft:
        head.append(cover.draft + "\n", style="bold red")
    head.append(cover.marking + "\n", style="bold red")
    if cover.kind:
        head.append(cover.kind + "\n", style="dim")
    head.append(cover.title + "\n", style="bold")
    head.append(f"{cover.partner} {cover.partner_native}".strip() + "\n")
    if cover.subtitle:
        head.append(cover.subtitle + "\n", style="italic")
    for line in cover.details:
        head.append(line + "\n")
    heading = cover.heading
    for line in _heading_lines(cover) if heading else [cover.issuer]:
        head.append(line + "\n")
    if cover.date:
        head.append(cover.date + "\n", style="bold")
    head.append(cover.info_as_of, style="dim")
    if cover.old_count:
        head.append("\n" + cover.old_count, style="bold")
    console.print(Panel(head, box=box.DOUBLE))

    if cover.draft:
        console.print(Text(cover.draft, style="bold red", justify="center"))
    writer = TerminalWriter()
    for section in view.body:
        console.print(
            Panel(writer.section(section), title=Text(section.title, style="bold"), title_align="left", box=box.ROUNDED)
        )
    if cover.closing:
        closing = Text()
        closing.append(cover.closing.label + "\n", style="bold")
        closing.append("".join(line + "\n" for line in cover.closing.recipients))
        if cover.closing.signer:
            closing.append(cover.closing.signer + "\n", style="bold")
        closing.append("\n".join(cover.closing.lines))
        console.print(Panel(closing, box=box.ROUNDED))


def _heading_lines(cover: Any) -> list[str]:
    """The issuer's heading as lines, in the documents' order (parent, issuer, reference, state, place and date)."""
    h = cover.heading
    lines = [h.parent, h.issuer, h.reference, *h.national, h.place_date, h.addressee, h.purpose]
    return [line for line in lines if line]


def _shown_all(value: _T) -> _T:
    """``value`` with every string in it (through dataclasses, lists, tuples and dicts) passed through ``shown``."""
    result: Any = value
    if isinstance(value, str):
        result = shown(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _shown_all(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        result = dataclasses.replace(value, **changes)
    elif isinstance(value, list | tuple):
        result = type(value)(_shown_all(v) for v in value)
    elif isinstance(value, dict):
        result = {k: _shown_all(v) for k, v in value.items()}
    return result  # type: ignore[no-any-return]


class TerminalWriter(b.Walker[RenderableType]):
    """Draws each block kind with rich: text, rules, tables and bars."""

    def section(self, section: b.Section) -> RenderableType:
        """The blocks of ``section``, one under the other."""
        return Group(*(self.visit(block) for block in section.blocks))

    def visit_heading(self, block: b.Heading) -> RenderableType:
        """A rule with the heading (level 2), or a bold line (deeper)."""
        text = _inline(block.text, "bold")
        return Rule(text, align="left") if block.level <= 2 else text

    def visit_paragraph(self, block: b.Paragraph) -> RenderableType:
        """Its label in bold, then its text; a legend dim, a press line in italics."""
        style = {"legend": "dim", "press": "italic"}.get(block.role, "")
        text = _inline(block.text, style)
        return Group(Text(block.label, style="bold"), text) if block.label else text

    def visit_bullets(self, block: b.Bullets) -> RenderableType:
        """``•`` or ``1.`` items under their bold label."""
        parts: list[RenderableType] = [Text(block.label, style="bold")] if block.label else []
        for number, item in enumerate(block.items, 1):
            parts.append(Text.assemble(f"{number}. " if block.ordered else "• ", _inline(item)))
        return Group(*parts)

    def visit_facts(self, block: b.Facts) -> RenderableType:
        """Label | value lines; a list value one ``•`` line per item."""
        return _facts(block.rows)

    def visit_definitions(self, block: b.Definitions) -> RenderableType:
        """Each term in bold, its definition indented under it."""
        parts: list[RenderableType] = [Text(block.label, style="bold")] if block.label else []
        for item in block.items:
            parts += [_inline(item.term, "bold"), Text.assemble("  ", _inline(item.definition))]
        return Group(*parts)

    def visit_figures(self, block: b.FiguresTable) -> RenderableType:
        """A four-column table on a wide screen, lines on a narrow one (:class:`_Figures`)."""
        return _Figures(block)

    def visit_table(self, block: b.Table) -> RenderableType:
        """A table under its column titles; a highlighted row starred."""
        table = _table(*(c.title for c in block.columns))
        for row in block.rows:
            cells = [_inline(cell) for cell in row.cells]
            if row.highlight and cells:
                cells[0] = Text.assemble(("★ ", "bold yellow"), cells[0])
            table.add_row(*cells)
        return table

    def visit_people(self, block: b.PeopleCards) -> RenderableType:
        """Each person: a rule with the name and source, lines, lists, the as-of date."""
        parts: list[RenderableType] = []
        for card in block.cards:
            parts += [Rule(_inline(b.inline(card.name, card.ref), "bold"), align="left"), _facts(card.lines)]
            parts += [self.visit_bullets(lst) for lst in card.lists]
            if card.as_of:
                parts.append(Text(card.as_of, style="dim"))
        return Group(*parts)

    def visit_quotation(self, block: b.Quotation) -> RenderableType:
        """The words in italics; the speaker, the source and a translation note under them."""
        source = b.inline("— " + block.speaker if block.speaker else "", block.ref)
        if block.translated and block.note:
            source = (*source, b.Span(block.note, "aside"))
        return Group(Text(block.text, style="italic"), _inline(source, "dim")) if source else Text(block.text, "italic")

    def visit_gap(self, block: b.Gap) -> RenderableType:
        """What the briefing lacks, in red."""
        return Text(block.text, style="italic red")

    def visit_image(self, block: b.Picture) -> RenderableType:
        """A terminal shows no image: its alt text, dim, in brackets."""
        return Text(f"[{block.alt}]", style="dim")

    def visit_chart(self, block: b.BarChart) -> RenderableType:
        """The chart as text bars (:func:`_chart`)."""
        return _chart(block.chart)

    def visit_sources(self, block: b.SourceList) -> RenderableType:
        """``[n] citation address``, the address a terminal hyperlink."""
        lines = []
        for s in block.entries:
            line = Text.assemble((f"[{s.number}] ", "cyan"), s.citation)
            if s.url:
                line.append(f" {s.url}", style=Style(link=s.url))
            lines.append(line)
        return Group(*lines)

    def visit_group(self, block: b.Group) -> RenderableType:
        """Its blocks, one under the other."""
        return Group(*(self.visit(child) for child in block.blocks))


def _inline(text: b.Inline, style: str = "") -> Text:
    """Inline runs as rich text: strong in bold, an aside dim in brackets, a reference cyan."""
    out = Text(style=style)
    for run in text:
        if isinstance(run, b.Span):
            if run.role == "strong":
                out.append(run.text, style="bold")
            else:
                out.append(f" ({run.text})", style="dim")
        elif isinstance(run, Ref):
            out.append_text(_ref(run))
        else:
            out.append(run)
    return out


def _ref(ref: Ref | None) -> Text:
    return Text(f" {ref.label}", style="cyan") if ref else Text("")


def _facts(rows: tuple[b.Fact, ...]) -> Table:
    """Label | value lines (bold labels); a list value one ``•`` line per item."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for fact in rows:
        value = _inline(fact.value)
        for item in fact.items:
            value.append("\n" if value else "")
            value.append_text(Text.assemble("• ", _inline(item)))
        if value:
            grid.add_row(Text(fact.label), value)
    return grid


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    for header in headers:
        table.add_column(header)
    return table


WIDE = 100
"""Below this width a table of figures is drawn as stacked lines, so that no label wraps word by word."""


class _Figures:
    """Figures as a four-column table on a wide screen, as ``label: value, as of (source)`` lines on a narrow one."""

    def __init__(self, block: b.FiguresTable) -> None:
        self.block = block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= WIDE:
            yield self._table()
            return
        for f in self.block.rows:
            line = Text(f.label, style="bold")
            if f.note:
                line.append(f" ({f.note})", style="dim")
            line.append(": ")
            line.append(f.value, style="bold")
            line.append(f" — {f.as_of}", style="dim")
            for mark in f.marks:
                line.append(f" ({mark})", style="yellow")
            line.append_text(_ref(f.ref))
            yield line

    def _table(self) -> Table:
        table = _table(*self.block.columns)
        for f in self.block.rows:
            label = Text(f.label)
            if f.note:
                label.append(f" ({f.note})", style="dim")
            as_of = Text(f.as_of)
            for mark in f.marks:
                as_of.append(f"\n{mark}", style="yellow")
            table.add_row(label, Text(f.value, style="bold"), as_of, _ref(f.ref))
        return table


_BAR_CELLS = 30
"""Cells of the longest bar of a text chart."""


def _chart(chart: Chart) -> RenderableType:
    """A chart as text: its title, then one row per bar (label, a bar of block cells from zero, value)."""
    from briefgen.render.charts import bar_cells

    grid = Table.grid(padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(width=_BAR_CELLS, no_wrap=True)
    grid.add_column(style="bold")
    for bar, cells in zip(chart.bars, bar_cells(chart, _BAR_CELLS), strict=True):
        grid.add_row(Text(bar.label), Text("█" * cells, style="blue"), Text(bar.text))
    return Group(Rule(Text(chart.title, style="bold"), align="left"), grid)
