"""Render a briefing as Markdown (GitHub-flavoured) to paste into an e-mail or a chat.

The template ``briefing.md`` draws the cover and prints each section of ``body`` with the filter
``section``: :class:`MarkdownWriter` walks its blocks (``briefgen.view.blocks``), one ``visit_KIND``
per kind, and never names a section; a template folder may draw one named section its own way with
``sections/ID.md`` (it receives ``section`` beside the briefing's names). Every value a template
prints with ``{{ }}``, and every text the writer prints, is escaped for Markdown (:func:`escape`)
unless marked :class:`Raw` (the ``raw`` filter): a profile's text cannot break a table (``|``),
start a heading or a list, emphasise, link, or inject HTML (``<``). References print as ``[3]`` and
the sources as a numbered list. A chart is drawn as a table whose middle column is a bar of block
characters, after the figures table that states the same values; images are left out.
"""

from __future__ import annotations

import functools
import pathlib
import re
from typing import Any

import jinja2

from briefgen.errors import TemplateError
from briefgen.render import Options
from briefgen.view import blocks
from briefgen.view.viewmodel import Bar, Briefing, Chart

# Every character that means something inline in CommonMark or GFM (tables, strikethrough).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
# An entity (&amp; &#60;) would be decoded; a lone & ("R&D") is left alone.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What starts a block at the beginning of a line: a list item, a quote, a setext underline.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_URL = re.compile(r"https?://[^\s<>\"'`]+")


class Raw(str):
    """Text a template marks as Markdown already (a reference ``[3]``, an autolink): not escaped."""


def escape(text: str) -> str:
    """``text`` as literal Markdown: one line, every special character backslash-escaped."""
    flat = " ".join(text.split())  # a newline would end a table row or start a block
    flat = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", flat))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def _finalize(value: Any) -> Any:
    if isinstance(value, Raw) or not isinstance(value, str):
        return value
    return escape(value)


_BAR_CELLS = 20
"""Block characters of the longest bar of a chart in Markdown."""


def _bars(chart: Chart) -> list[tuple[Bar, str]]:
    """Each bar of ``chart`` with its length drawn as block characters, the largest ``_BAR_CELLS`` long."""
    from briefgen.render.charts import bar_cells

    return [(bar, "█" * cells) for bar, cells in zip(chart.bars, bar_cells(chart, _BAR_CELLS), strict=True)]


def _url(value: str) -> str:
    """An address as an autolink ``<https://…>``, or escaped text when it is not a plain web address."""
    return Raw(f"<{value}>") if _URL.fullmatch(value) else escape(value)


class MarkdownWriter(blocks.Walker[str]):
    """Draws blocks as Markdown: each block one string, blocks separated by a blank line."""

    def runs(self, text: blocks.Inline) -> str:
        """Inline text: escaped runs, ``**strong**``, asides in brackets, references ``[3]``."""
        out = []
        for run in text:
            if isinstance(run, blocks.Span):
                out.append(f"**{escape(run.text)}**" if run.role == "strong" else f" ({escape(run.text)})")
            elif isinstance(run, blocks.NoteRef):
                out.append(f" {run.label}" if out else run.label)
            else:
                out.append(escape(run))
        return "".join(out)

    def draw(self, items: tuple[blocks.Block, ...]) -> str:
        """Blocks one after the other, a blank line between them (a block with nothing to show drops out).

        Labelled lists, definitions and paragraphs print as items ``- **label**: …`` of one list, so
        consecutive ones follow each other without a blank line (which would make the list loose).
        """
        out, last = "", False
        for block in items:
            text = self.visit(block)
            if not text:
                continue
            labelled = isinstance(block, blocks.Bullets | blocks.Definitions | blocks.Paragraph) and bool(block.label)
            out += ("\n" if labelled and last else "\n\n") + text if out else text
            last = labelled
        return out

    def _list(self, label: str, items: list[str]) -> str:
        """``- **label**:`` and the items under it, indented."""
        return "\n".join([f"- **{escape(label)}**:", *(f"  - {item}" for item in items)])

    def visit_heading(self, b: blocks.Heading) -> str:
        """A heading, one level below the section's ``##``."""
        return f"{'#' * (b.level + 1)} {self.runs(b.text)}"

    def visit_paragraph(self, b: blocks.Paragraph) -> str:
        """A paragraph; a labelled one as a list item ``- **label**: text``."""
        return f"- **{escape(b.label)}**: {self.runs(b.text)}" if b.label else self.runs(b.text)

    def visit_bullets(self, b: blocks.Bullets) -> str:
        """A list, numbered when ordered; a labelled one nested under ``- **label**:``."""
        if b.label:
            return self._list(b.label, [self.runs(i) for i in b.items])
        return "\n".join(f"{f'{n}.' if b.ordered else '-'} {self.runs(i)}" for n, i in enumerate(b.items, 1))

    def visit_facts(self, b: blocks.Facts) -> str:
        """Labelled values as list items."""
        lines = []
        for f in b.rows:
            if f.items:
                lines.append(self._list(f.label, [self.runs(i) for i in f.items]))
            else:
                lines.append(f"- **{escape(f.label)}**: {self.runs(f.value)}")
        return "\n".join(lines)

    def visit_definitions(self, b: blocks.Definitions) -> str:
        """Terms with their definitions on the next line."""
        items = [f"{self.runs(d.term)}\n    {self.runs(d.definition)}" for d in b.items]
        return self._list(b.label, items) if b.label else "\n".join(f"- {i}" for i in items)

    def visit_figures(self, b: blocks.FiguresTable) -> str:
        """A figures table, the value column right-aligned."""
        rows = [
            [
                escape(r.label) + (f" ({escape(r.note)})" if r.note else ""),
                escape(r.value),
                " ".join(escape(x) for x in (r.as_of, *r.marks) if x),
                r.ref.label if r.ref else "",
            ]
            for r in b.rows
        ]
        return _table([escape(c) for c in b.columns], ["---", "--:", "---", "---"], rows)

    def visit_table(self, b: blocks.Table) -> str:
        """A table, highlighted rows starred."""
        rows = [
            [("★ " if n == 0 and row.highlight else "") + self.runs(cell) for n, cell in enumerate(row.cells)]
            for row in b.rows
        ]
        return _table([escape(c.title) for c in b.columns], ["---"] * len(b.columns), rows)

    def visit_people(self, b: blocks.PeopleCards) -> str:
        """Each person under a heading of their own, with their labelled lines and lists."""
        cards = []
        for card in b.cards:
            lines = [f"- **{escape(f.label)}**: {self.runs(f.value)}" for f in card.lines]
            lines += [self._list(lst.label, [self.runs(i) for i in lst.items]) for lst in card.lists]
            if card.as_of:
                lines.append(f"- {escape(card.as_of)}")
            ref = f" {card.ref.label}" if card.ref else ""
            cards.append("\n\n".join(part for part in (f"### {escape(card.name)}{ref}", "\n".join(lines)) if part))
        return "\n\n".join(cards)

    def visit_quotation(self, b: blocks.Quotation) -> str:
        """A block quotation, the speaker and the note under it."""
        said = " ".join(
            x
            for x in (f"— {escape(b.speaker)}" if b.speaker else "", b.ref.label if b.ref else "", escape(b.note))
            if x
        )
        return f"> {escape(b.text)}" + (f"\n>\n> {said}" if said else "")

    def visit_gap(self, b: blocks.Gap) -> str:
        """What is to be completed, in italics."""
        return f"*{escape(b.text)}*"

    def visit_image(self, b: blocks.Picture) -> str:
        """Nothing: Markdown to paste into a message carries no image."""
        return ""

    def visit_chart(self, b: blocks.BarChart) -> str:
        """The chart as a table whose middle column draws each bar."""
        chart = b.chart
        rows = [[escape(bar.label), cells, escape(bar.text)] for bar, cells in _bars(chart)]
        figure, value = self.labels
        return f"**{escape(chart.title)}**\n\n" + _table(
            [escape(figure), "", escape(value)], ["---", "---", "--:"], rows
        )

    def visit_sources(self, b: blocks.SourceList) -> str:
        """The numbered sources, a tight numbered list."""
        return "\n".join(f"{s.number}. {escape(s.citation)}" + (f" {_url(s.url)}" if s.url else "") for s in b.entries)

    def visit_group(self, b: blocks.Group) -> str:
        """The blocks of the group."""
        return self.draw(b.blocks)

    def __init__(self, labels: tuple[str, str] = ("", "")) -> None:
        """``labels``: the titles of a chart's label and value columns."""
        self.labels = labels


def _table(head: list[str], align: list[str], rows: list[list[str]]) -> str:
    """A GFM table; cells are Markdown already."""
    lines = [" ".join(["|", *(f"{h} |" if h else "|" for h in head)]), "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _section_filter(template_dir: pathlib.Path) -> Any:
    """The ``section`` filter of a folder's environment: a section as Markdown, its blocks walked."""

    @jinja2.pass_context
    def section(context: Any, s: blocks.Section) -> Raw:
        override = f"sections/{s.id}.md"
        if (template_dir / override).is_file():
            env = context.environment
            return Raw(env.get_template(override).render({**context.get_all(), "section": s}).strip())
        labels = context["labels"]
        writer = MarkdownWriter((labels["figure"], labels["value"]))
        return Raw(f"## {escape(s.title)}\n\n{writer.draw(s.blocks)}")

    return section


@functools.lru_cache(maxsize=8)
def _environment(template_dir: pathlib.Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["raw"] = Raw
    env.filters["url"] = _url
    env.filters["md"] = escape
    env.filters["bars"] = _bars
    env.filters["section"] = _section_filter(template_dir)
    return env


def render_markdown(briefing: Briefing, template_dir: pathlib.Path, document: str = "briefing") -> str:
    """The briefing as Markdown text, from ``template_dir/DOCUMENT.md``."""
    name = f"{document}.md"
    try:
        text = _environment(template_dir).get_template(name).render(briefing.template_vars())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}", file=exc.filename or str(template_dir / name), line=exc.lineno
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {exc.name!r} not found in {template_dir}; a template folder must contain {name}",
            file=str(template_dir / str(exc.name)),
        ) from exc
    except jinja2.TemplateError as exc:
        from briefgen.render.html import _template_location

        file, line = _template_location(exc, template_dir)
        raise TemplateError(f"template error: {exc.message or type(exc).__name__}", file=file, line=line) from exc
    # Partials leave blank lines where a section ends; one blank line between blocks is enough.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render(briefing: Briefing, template_dir: pathlib.Path, options: Options) -> bytes:
    """The ``md`` format: the document as UTF-8 Markdown (briefgen.render registry)."""
    return render_markdown(briefing, template_dir, options.document).encode("utf-8")
