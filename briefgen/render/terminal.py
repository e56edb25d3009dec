"""Terminal renderer: the briefing's sections as rich panels and tables (``briefgen preview``).

Profile text goes through ``rich.text.Text``, never through console markup, so that a value like
``[bold]`` or ``<b>`` prints as written; and every string of the view model goes through
``briefgen.text.shown`` first, so that an escape sequence, a bidi override or a line break in a
profile shows as a visible escape instead of moving the cursor or setting the terminal title.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from briefgen.text import shown
from briefgen.view.viewmodel import Briefing, Bullets, Chart, Figure, Line, Portrait, Ref

_T = TypeVar("_T")


def render_terminal(view: Briefing, console: Console) -> None:
    """Print ``view`` to ``console``, section by section, in the documents' order."""
    view = _shown_all(view)
    cover = view.cover
    head = Text(justify="center")
    if cover.draft:
        head.append(cover.draft + "\n", style="bold red")
    head.append(cover.marking + "\n", style="bold red")
    head.append(cover.title + "\n", style="bold")
    head.append(f"{cover.partner} {cover.partner_native}".strip() + "\n")
    if cover.subtitle:
        head.append(cover.subtitle + "\n", style="italic")
    for line in cover.details:
        head.append(line + "\n")
    head.append(cover.issuer + "\n")
    if cover.date:
        head.append(cover.date + "\n", style="bold")
    head.append(cover.info_as_of, style="dim")
    console.print(Panel(head, box=box.DOUBLE))

    if cover.draft:
        console.print(Text(cover.draft, style="bold red", justify="center"))
    for section in view.sections:
        body = Text(view.labels["to_be_completed"], style="italic red") if section.gap else _SECTIONS[section.id](view)
        console.print(Panel(body, title=Text(section.title, style="bold"), title_align="left", box=box.ROUNDED))


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


def _ref(ref: Ref | None) -> Text:
    return Text(f" {ref.label}", style="cyan") if ref else Text("")


def _facts(rows: list[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in rows:
        if value:
            grid.add_row(Text(label), Text(value))
    return grid


def _visit(view: Briefing) -> RenderableType:
    v, labels = view.visit, view.labels
    assert v is not None  # the section exists only in a visit briefing
    rows = [
        (labels["when"], v.when),
        (labels["planned"], v.planned),
        (labels["place"], v.place),
        (labels["organisers"], v.organisers),
        (labels["theme"], v.theme),
        (labels["focus_ours"], v.focus_ours),
        (labels["focus_theirs"], v.focus_theirs),
    ]
    parts: list[RenderableType] = [Text.assemble((v.title, "bold"), _ref(v.ref)), _facts(rows)]
    parts += [Text.assemble("• ", strand) for strand in v.strands]
    return Group(*parts)


def _bullets(items: list[str], numbered: bool = False) -> RenderableType:
    return Group(*(Text.assemble(f"{i}. " if numbered else "• ", item) for i, item in enumerate(items, 1)))


def _changes(view: Briefing) -> RenderableType:
    styles = {"added": "green", "changed": "yellow", "removed": "red"}
    lines = []
    for change in view.changes:
        line = Text.assemble((change.label, f"bold {styles.get(change.status, '')}".strip()), " — ")
        line.append(
            f"{change.before} → {change.after}" if change.before and change.after else change.before or change.after
        )
        lines.append(line)
    return Group(*lines)


def _programme(view: Briefing) -> RenderableType:
    labels = view.labels
    table = _table(labels["day"], labels["time"], labels["item"], labels["venue"], labels["counterpart"])
    for line in view.programme:
        table.add_row(
            Text(line.day, style="bold"), Text(line.time), Text(line.item), Text(line.venue), Text(line.counterpart)
        )
    parts: list[RenderableType] = [table]
    for line in (m for m in view.programme if m.briefed):
        title = " ".join(p for p in (line.day, line.time, "—", line.item) if p)
        parts.append(
            Rule(Text(title + (f" ({line.counterpart})" if line.counterpart else ""), style="bold"), align="left")
        )
        parts += _lists(
            [
                Bullets(labels["lines_to_take"], line.lines_to_take),
                Bullets(labels["lines_to_avoid"], line.lines_to_avoid),
            ]
        )
        if line.questions:
            parts.append(Text(labels["questions"], style="bold"))
            for qa in line.questions:
                parts.append(Text(labels["labelled"].format(label=labels["question"], value=qa.question), style="bold"))
                parts.append(Text("  " + labels["labelled"].format(label=labels["answer"], value=qa.answer)))
        if line.press_line:
            parts.append(Text(labels["labelled"].format(label=labels["press_line"], value=line.press_line)))
    return Group(*parts)


def _lists(lists: list[Bullets]) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for b in lists:
        if b.items:
            parts.append(Text(b.label, style="bold"))
            parts += [Text.assemble("• ", item) for item in b.items]
    return parts


def _lines(lines: list[Line]) -> RenderableType:
    return _facts([(line.label, line.value) for line in lines])


def _portraits(portraits: list[Portrait]) -> RenderableType:
    parts: list[RenderableType] = []
    for p in portraits:
        parts += [Rule(Text(p.name, style="bold"), align="left"), _lines(p.lines), *_lists(p.lists)]
    return Group(*parts)


def _purpose(view: Briefing) -> RenderableType:
    p = view.purpose
    assert p is not None  # drawn only when present
    return Group(Text(p.text), *_lists([Bullets(view.labels["objectives"], p.objectives)]))


def _asks(view: Briefing) -> RenderableType:
    a, labels = view.asks, view.labels
    assert a is not None  # drawn only when present
    parts: list[RenderableType] = []
    for key, items in (("our_asks", a.ours), ("their_asks", a.theirs)):
        if items:
            table = _table(labels["ask"], labels["reply"])
            for ask in items:
                table.add_row(Text(ask.ask), Text(ask.reply))
            parts += [Text(labels[key], style="bold"), table]
    return Group(*parts)


def _protocol(view: Briefing) -> RenderableType:
    p, labels = view.protocol, view.labels
    assert p is not None  # drawn only when present
    parts: list[RenderableType] = [_lines(p.lines)]
    if p.contacts:
        table = _table(labels["name"], labels["role"], labels["phone"], labels["email"])
        for c in p.contacts:
            table.add_row(Text(c.name, style="bold"), Text(c.role), Text(c.phone), Text(c.email))
        parts += [Text(labels["contacts"], style="bold"), table]
    return Group(*parts)


def _follow_up(view: Briefing) -> RenderableType:
    labels = view.labels
    table = _table(labels["promise"], labels["by"], labels["status"], labels["note"])
    for c in view.follow_up:
        table.add_row(Text(c.promise), Text(c.by), Text(c.status, style="bold"), Text(c.note))
    return table


def _drafting(view: Briefing) -> RenderableType:
    d = view.drafting
    assert d is not None  # drawn only when present
    return Group(_lines(d.lines), *_lists([Bullets(view.labels["distribution"], d.distribution)]))


def _star(text: str, highlight: bool) -> Text:
    return Text(f"★ {text}", style="bold yellow") if highlight else Text(text)


def _summary(view: Briefing) -> RenderableType:
    return Group(*(Text.assemble(p.text, _ref(p.ref)) for p in view.summary))


def _forum(view: Briefing) -> RenderableType:
    f, labels = view.forum, view.labels
    assert f is not None  # the section exists only when the profile has a forum
    parts: list[RenderableType] = [Text.assemble((f.name, "bold"), _ref(f.ref))]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, value in (("when", f.when), ("place", f.place), ("organisers", f.organisers), ("theme", f.theme)):
        if value:
            grid.add_row(Text(labels[key]), Text(value))
    parts.append(grid)
    parts += [Text.assemble("• ", strand) for strand in f.strands]
    return Group(*parts)


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    for header in headers:
        table.add_column(header)
    return table


WIDE = 100
"""Below this width a table of figures is drawn as stacked lines, so that no label wraps word by word."""


class _Figures:
    """Figures as a four-column table on a wide screen, as ``label: value, as of (source)`` lines on a narrow one."""

    def __init__(self, view: Briefing, figures: list[Figure]) -> None:
        self.view, self.figures = view, figures

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= WIDE:
            yield self._table()
            return
        for f in self.figures:
            line = Text(f.label, style="bold")
            if f.note:
                line.append(f" ({f.note})", style="dim")
            line.append(": ")
            line.append(f.value, style="bold")
            line.append(f" — {f.as_of}", style="dim")
            line.append_text(_ref(f.ref))
            yield line

    def _table(self) -> Table:
        labels = self.view.labels
        table = _table(labels["figure"], labels["value"], labels["as_of"], labels["source"])
        for f in self.figures:
            label = Text(f.label)
            if f.note:
                label.append(f" ({f.note})", style="dim")
            table.add_row(label, Text(f.value, style="bold"), Text(f.as_of), _ref(f.ref))
        return table


def _figures_table(view: Briefing, figures: list[Figure]) -> RenderableType:
    return _Figures(view, figures)


def _key_figures(view: Briefing) -> RenderableType:
    return Group(_figures_table(view, view.key_figures), *(_chart(c) for c in view.charts))


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


def _partnerships(view: Briefing) -> RenderableType:
    table = _table(view.labels["ours"], view.labels["theirs"])
    for p in view.partnerships:
        theirs = Text(p.theirs)
        if p.kind:
            theirs.append(f" ({p.kind})", style="dim")
        table.add_row(_star(p.ours, p.highlight), theirs)
    return table


def _agreements(view: Briefing) -> RenderableType:
    table = _table(view.labels["short"], view.labels["agreement"], view.labels["source"])
    for a in view.agreements:
        name = Text(a.name)
        for key, value in (("signed", a.signed), ("status", a.status)):
            if value:
                name.append(" · " + view.labels["labelled"].format(label=view.labels[key], value=value), style="dim")
        table.add_row(Text(a.short, style="bold"), name, _ref(a.ref))
    return table


def _timeline(view: Briefing) -> RenderableType:
    table = _table(view.labels["date"], view.labels["event"], view.labels["source"])
    for e in view.timeline:
        table.add_row(Text(e.date, style="bold"), Text(e.text), _ref(e.ref))
    return table


def _people(view: Briefing) -> RenderableType:
    labels = view.labels
    table = _table(labels["name"], labels["role"], labels["side"], labels["source"])
    for p in view.people:
        table.add_row(_star(p.name, p.highlight), Text(p.role), Text(p.side), _ref(p.ref))
    bios = [p.biography for p in view.people if p.biography]
    if bios:
        return Group(table, Text(labels["biographies"], style="bold"), _portraits(bios))
    return table


def _priorities(view: Briefing) -> RenderableType:
    return Group(*(Text.assemble("• ", p.text, _ref(p.ref)) for p in view.priorities))


def _national_context(view: Briefing) -> RenderableType:
    parts: list[RenderableType] = []
    for group in view.national_context:
        parts.append(Rule(Text(group.title, style="bold"), align="left"))
        parts.append(_figures_table(view, group.figures))
    return Group(*parts)


def _sources(view: Briefing) -> RenderableType:
    lines = []
    for s in view.sources:
        line = Text.assemble((f"[{s.number}] ", "cyan"), s.citation)
        if s.url:
            line.append(f" {s.url}", style=Style(link=s.url))
        lines.append(line)
    return Group(*lines)


_SECTIONS: dict[str, Callable[[Briefing], RenderableType]] = {
    "visit": _visit,
    "changes": _changes,
    "purpose": _purpose,
    "asks": _asks,
    "programme": _programme,
    "talking_points": lambda view: _bullets(view.talking_points, numbered=True),
    "vigilance": lambda view: _bullets(view.vigilance),
    "delegation": lambda view: _portraits(view.delegation),
    "interlocutors": lambda view: _portraits(view.interlocutors),
    "protocol": _protocol,
    "follow_up": _follow_up,
    "summary": _summary,
    "forum": _forum,
    "key_figures": _key_figures,
    "partnerships": _partnerships,
    "agreements": _agreements,
    "timeline": _timeline,
    "people": _people,
    "priorities": _priorities,
    "national_context": _national_context,
    "sources": _sources,
    "drafting": _drafting,
}
"""How each section of the registry (``briefgen.view.sections.SECTIONS``) is drawn, by section id.

A test checks that every declared section has its function here."""
