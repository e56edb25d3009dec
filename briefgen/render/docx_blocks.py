"""The Word writer: each block kind of a section (``briefgen.view.viewmodel.blocks``) as WordprocessingML.

The template (``templates/briefing.docx``, made by ``templates/make_briefing_docx.py``) holds the cover,
the contents, the header and the footer, and one ``{{p body }}`` paragraph: ``briefgen.render.docx``
replaces that paragraph by what :class:`DocxWriter` writes for the sections, in the template's own
named styles, one way per block kind:

============  =====================================================================================
kind          Word
============  =====================================================================================
heading       ``Heading 2`` / ``Heading 3`` (the section's own title is ``Heading 1``, bookmarked
              ``sec_ID`` for the contents' links)
paragraph     ``Normal``, under its label in ``List Label``; a legend in ``Table Note``, a press line in ``Quote``
bullets       ``List Label`` then ``List Bullet`` or ``List Number`` (each numbered list from 1)
facts         a two-column ``Briefing Table`` without header: label | value (a list value as
              ``Table List Bullet``)
definitions   ``List Label``, then each term in ``Definition Term`` and its meaning in ``Definition``
figures       a four-column ``Briefing Table`` with a repeated header row; a figure's note under
              its label, its marks under its as-of date, in ``Table Note``
table         a ``Briefing Table`` with a repeated header row, columns as wide as their text needs;
              a highlighted row starred, the star explained by the legend the section gives
people        each person: name and note reference in ``Heading 2``, photo (``Photo``), lines as
              facts, lists as bullets, the as-of date in ``Table Note``
quotation     ``Quote``, then ``Quote Source``: the speaker, the note reference, the translation note
gap           ``To Be Completed``
image         ``Photo``, at most the text's width
chart         ``Chart``: the bar chart drawn as a PNG (``briefgen.render.chart_png``), its values as alt text
sources       ``Source Entry``: ``[n]`` bookmarked ``src_n``, the citation, the address as a hyperlink
group         its blocks, each paragraph kept with the next so the group stays on one page where it fits
============  =====================================================================================

Every table row is ``w:cantSplit`` and a header row ``w:tblHeader`` (repeated on each page); a table's
last row is kept with the legend that follows it (``w:keepNext``). A note
reference is a link to its source's bookmark: superscript (``Source Reference``) after text, plain in
a table cell of references alone (a source column). Text is written as the template's other values
are (``docx._literal_braces``): XML-escaped, braces as character references, text in another
language marked for its ``w:lang``.
This module imports neither docxtpl nor python-docx: images and hyperlinks come through the
:class:`Package` the renderer gives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from briefgen.view.viewmodel import Image, Ref
from briefgen.view.viewmodel import blocks as b

SOURCE_COL = 900
"""Twips of a table's source column: wide enough for ``[12]``."""
LABEL_COL = 2400
"""Twips of the label column of a facts table."""
STAR = "\u2605 "
"""Before the first cell of a highlighted row (what the visit concerns)."""


@dataclass(frozen=True)
class Package:
    """What the writer needs from the document being made: images, hyperlinks, list numbering, its width."""

    picture: Callable[[bytes, str, int | None, int | None], str]
    """``picture(data, alt, width_emu, height_emu)``: the ``w:drawing`` run of an image placed in the document."""
    chart: Callable[[b.BarChart], bytes]
    """A bar chart drawn as PNG bytes."""
    link: Callable[[str], str]
    """The relationship id of an external hyperlink to an address."""
    restart_numbering: Callable[[], int]
    """A new ``w:numId`` for a numbered list that starts again at 1."""
    text_width: int
    """Twips between the page's margins."""


class DocxWriter(b.Walker[str]):
    """Writes sections and their blocks as WordprocessingML (paragraphs and tables, as one string)."""

    def __init__(self, package: Package, text: Callable[[object], str], tie: Callable[[str], str] = str) -> None:
        """``text`` escapes a view string for WordprocessingML (``docx._literal_braces``); ``tie`` ties names."""
        self.package = package
        self._text = text
        self._tie = tie
        self._bookmark = 0
        self._numbered_lists = 0
        self._in_cell = False

    # ------------------------------------------------------------------ document

    def sections(self, sections: Iterable[b.Section]) -> str:
        """Every section: its bookmarked ``Heading 1``, then its blocks."""
        parts = []
        for section in sections:
            title = self._bookmarked(f"sec_{section.id}", self._run(section.title))
            parts.append(_para(title, style="Heading1"))
            parts.extend(self._drawn(section.blocks))
        return "".join(parts)

    def _drawn(self, shown: Sequence[b.Block]) -> list[str]:
        """Each block drawn; a table followed by its legend keeps its last row with it.

        As the PDF's ``p.legend { break-before: avoid }``: the † or ★ note never starts the next page alone.
        """
        drawn = [self.visit(block) for block in shown]
        for n, block in enumerate(shown[1:], 1):
            if isinstance(block, b.Paragraph) and block.role == "legend" and drawn[n - 1].endswith("</w:tbl>"):
                drawn[n - 1] = _last_row_kept(drawn[n - 1])
        return drawn

    # ------------------------------------------------------------------ inline

    def _run(self, text: object, rstyle: str = "") -> str:
        rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{self._text(text)}</w:t></w:r>'

    def _ref(self, ref: Ref) -> str:
        style = "" if self._in_cell else "SourceReference"
        return f'<w:hyperlink w:anchor="src_{ref.number}" w:history="1">{self._run(ref.label, style)}</w:hyperlink>'

    def inline(self, text: b.Inline) -> str:
        """The runs of inline text: strong in ``Strong``, an aside in brackets in ``Aside``, references linked."""
        runs = []
        for run in text:
            if isinstance(run, b.Span):
                if run.role == "strong":
                    runs.append(self._run(run.text, "Strong"))
                else:
                    runs.append(self._run(" (") + self._run(run.text, "Aside") + self._run(")"))
            elif isinstance(run, Ref):
                runs.append(self._ref(run))
            else:
                runs.append(self._run(run))
        return "".join(runs)

    def _bookmarked(self, name: str, runs: str) -> str:
        self._bookmark += 1
        number = self._bookmark
        return f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{runs}<w:bookmarkEnd w:id="{number}"/>'

    # ------------------------------------------------------------------ tables

    def _cell(self, width: int, *paragraphs: str) -> str:
        body = "".join(paragraphs) or _para("", style="TableText")
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'

    def _text_cell(self, width: int, text: b.Inline, style: str = "TableText") -> str:
        # A cell of references alone (a source column) prints them plain; after text they stay superscript.
        self._in_cell = all(isinstance(run, Ref) for run in text)
        try:
            return self._cell(width, _para(self.inline(text), style=style))
        finally:
            self._in_cell = False

    def _heading_row(self, widths: Sequence[int], titles: Sequence[str]) -> str:
        cells = (self._cell(w, _para(self._run(t), style="TableHeading")) for w, t in zip(widths, titles, strict=True))
        return _row("".join(cells), header=True)

    # ------------------------------------------------------------------ the kinds

    def visit_heading(self, block: b.Heading) -> str:
        """``Heading 2`` or deeper (``Heading 1`` is the section's)."""
        level = min(max(block.level, 2), 3)
        return _para(self.inline(block.text), style=f"Heading{level}")

    def visit_paragraph(self, block: b.Paragraph) -> str:
        """A paragraph, under its label."""
        style = {"legend": "TableNote", "press": "Quote"}.get(block.role, "")
        label = _para(self._run(block.label), style="ListLabel") if block.label else ""
        return label + _para(self.inline(block.text), style=style)

    def visit_bullets(self, block: b.Bullets) -> str:
        """A labelled list, bulleted or numbered; every numbered list starts at 1."""
        parts = [_para(self._run(block.label), style="ListLabel")] if block.label else []
        style, numbering = "ListBullet", ""
        if block.ordered:
            style = "ListNumber"
            self._numbered_lists += 1
            if self._numbered_lists > 1:  # the first one counts from the style's own list
                num = self.package.restart_numbering()
                numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
        parts += [_para(self.inline(item), style=style, ppr=numbering) for item in block.items]
        return "".join(parts)

    def _facts_rows(self, rows: Iterable[b.Fact]) -> list[str]:
        widths = (LABEL_COL, self.package.text_width - LABEL_COL)
        out = []
        for fact in rows:
            if fact.items:
                items = [_para(self.inline(item), style="TableListBullet") for item in fact.items]
                if fact.value:
                    items.insert(0, _para(self.inline(fact.value), style="TableText"))
                value = self._cell(widths[1], *items)
            else:
                value = self._text_cell(widths[1], fact.value)
            out.append(_row(self._text_cell(widths[0], (fact.label,)) + value))
        return out

    def visit_facts(self, block: b.Facts) -> str:
        """Label | value rows, without a header."""
        widths = (LABEL_COL, self.package.text_width - LABEL_COL)
        return _table(widths, self._facts_rows(block.rows), header=False)

    def visit_definitions(self, block: b.Definitions) -> str:
        """Its label, then each term and its definition."""
        parts = [_para(self._run(block.label), style="ListLabel")] if block.label else []
        for item in block.items:
            parts.append(_para(self.inline(item.term), style="DefinitionTerm"))
            parts.append(_para(self.inline(item.definition), style="Definition"))
        return "".join(parts)

    def visit_figures(self, block: b.FiguresTable) -> str:
        """Figure | value | as of | source, with a repeated header row."""
        rest = self.package.text_width - 4400 - 2400 - SOURCE_COL
        widths = (4400, 2400, rest, SOURCE_COL)
        rows = [self._heading_row(widths, block.columns)]
        for f in block.rows:
            label = [_para(self._run(f.label), style="TableText")]
            if f.note:
                label.append(_para(self._run(f.note), style="TableNote"))
            as_of = [_para(self._run(f.as_of), style="TableText")]
            as_of += [_para(self._run(mark), style="TableNote") for mark in f.marks]
            cells = self._cell(widths[0], *label) + self._text_cell(widths[1], (f.value,))
            cells += self._cell(widths[2], *as_of) + self._text_cell(widths[3], b.inline(f.ref))
            rows.append(_row(cells))
        return _table(widths, rows)

    def visit_table(self, block: b.Table) -> str:
        """Columns as wide as their text needs (a source column narrow), a repeated header row."""
        widths = column_widths(block, self.package.text_width, self._tie)
        rows = [self._heading_row(widths, [c.title for c in block.columns])]
        for row in block.rows:
            cells = list(row.cells)
            if row.highlight and cells:
                cells[0] = (STAR, *cells[0])
            rows.append(_row("".join(self._text_cell(w, c) for w, c in zip(widths, cells, strict=True))))
        return _table(widths, rows)

    def visit_people(self, block: b.PeopleCards) -> str:
        """Each card: name and source as ``Heading 2``, photo, lines, lists, as-of date."""
        parts = []
        for card in block.cards:
            parts.append(_para(self.inline(b.inline(card.name, card.ref)), style="Heading2"))
            if card.photo:
                parts.append(_para(self._picture(card.photo, card.name, height_mm=25), style="Photo"))
            if card.lines:
                widths = (LABEL_COL, self.package.text_width - LABEL_COL)
                parts.append(_table(widths, self._facts_rows(card.lines), header=False))
            parts += [self.visit_bullets(lst) for lst in card.lists]
            if card.as_of:
                parts.append(_para(self._run(card.as_of), style="TableNote"))
        return "".join(parts)

    def visit_quotation(self, block: b.Quotation) -> str:
        """The words in ``Quote``; who said them, where, and whether translated, in ``Quote Source``."""
        parts = [_para(self._run(block.text), style="Quote")]
        source = b.inline("\u2014 " + block.speaker if block.speaker else "", block.ref)
        if block.translated and block.note:
            source = (*source, b.Span(block.note, "aside"))
        if source:
            parts.append(_para(self.inline(source), style="QuoteSource"))
        return "".join(parts)

    def visit_gap(self, block: b.Gap) -> str:
        """What the briefing lacks, as it stands."""
        return _para(self._run(block.text), style="ToBeCompleted")

    def visit_image(self, block: b.Picture) -> str:
        """The image, no wider than the text."""
        return _para(self._picture(block.image, block.alt), style="Photo")

    def visit_chart(self, block: b.BarChart) -> str:
        """The chart as a PNG across the text's width; its values in the alt text."""
        emu = self.package.text_width * 635
        return _para(self.package.picture(self.package.chart(block), block.chart.alt, emu, None), style="Chart")

    def visit_sources(self, block: b.SourceList) -> str:
        """``[n]`` (the target of the references), the citation, the address as a hyperlink."""
        parts = []
        for s in block.entries:
            entry = self._bookmarked(f"src_{s.number}", self._run(f"[{s.number}]"))
            entry += "<w:r><w:tab/></w:r>" + self._run(s.citation)
            if s.url:
                rid = self.package.link(s.url)
                entry += self._run(" \u2014 ")
                entry += f'<w:hyperlink r:id="{rid}" w:history="1">{self._run(s.url, "Hyperlink")}</w:hyperlink>'
            parts.append(_para(entry, style="SourceEntry"))
        return "".join(parts)

    def visit_group(self, block: b.Group) -> str:
        """Its blocks, every paragraph but those of the last block kept with the next."""
        drawn = self._drawn(block.blocks)
        return "".join([*(_kept_with_next(x) for x in drawn[:-1]), *drawn[-1:]])

    # ------------------------------------------------------------------ images

    def _picture(self, image: Image, alt: str, height_mm: int | None = None) -> str:
        height = height_mm * 36000 if height_mm else None
        return self.package.picture(image.data, alt, None, height)


# ---------------------------------------------------------------------- XML pieces


def _para(runs: str, *, style: str = "", ppr: str = "") -> str:
    """One paragraph of ``style`` (``Normal`` when empty) holding ``runs``; ``ppr``: more properties."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style or "Normal"}"/>{ppr}</w:pPr>{runs}</w:p>'


def _row(cells: str, *, header: bool = False) -> str:
    """A row that never splits across pages; a header row repeats on each page."""
    repeat = "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>"


def _table(widths: Sequence[int], rows: Sequence[str], *, header: bool = True) -> str:
    """A ``Briefing Table`` of fixed column widths (twips)."""
    look = (
        '<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        if header
        else '<w:tblLook w:val="0680" w:firstRow="0" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="BriefingTable"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


_PSTYLE = re.compile(r'(<w:pStyle w:val="[^"]*"/>)(?!<w:keepNext/>)')


def _kept_with_next(xml: str) -> str:
    """``xml`` with every paragraph kept with the next (``w:keepNext`` follows ``w:pStyle`` in the schema)."""
    return _PSTYLE.sub(r"\1<w:keepNext/>", xml)


def _last_row_kept(table: str) -> str:
    """``table`` (ending ``</w:tbl>``) with the paragraphs of its last row kept with the next.

    Word then keeps that row on the page of what follows the table.
    """
    last = table.rindex("<w:tr>")
    return table[:last] + _kept_with_next(table[last:])


_MIN_WEIGHT, _MAX_WEIGHT = 8, 40
"""Bounds of a column's share, in characters: a short column stays readable, a long one does not crush the rest."""


def column_widths(table: b.Table, text_width: int, tie: Callable[[str], str] = str) -> list[int]:
    """Twips per column: a source column fixed, the others in proportion to their longest text (bounded).

    LibreOffice does not fit a Word table's columns to their content, so the writer does: the weight of a
    column is the length of its title's longest word and of its cells' text (their mean, and the
    longest word), between 8 and 40 characters. A column is then never narrower than its longest word
    (a name tied by ``tie`` counts as one), the widest columns giving up what it needs: no word, and no
    name, is cut at a cell's edge ("Counterpa / rt", "Obuchi Yuk / o").
    """
    weights: list[float] = []
    longest: list[int] = []
    fixed: dict[int, int] = {}
    for index, column in enumerate(table.columns):
        texts = [b.plain(row.cells[index]) for row in table.rows if index < len(row.cells)]
        words = [len(w) for t in [column.title, *texts] for w in tie(t).split(" ")] or [1]
        longest.append(max(words))
        if column.key == "source" and all(len(t) <= 6 for t in texts):
            fixed[index] = SOURCE_COL
            weights.append(0)
            continue
        mean = sum(len(t) for t in texts) / len(texts) if texts else 0
        weights.append(min(max(max(words), mean, _MIN_WEIGHT), _MAX_WEIGHT))
    free = text_width - sum(fixed.values())
    total = sum(weights) or 1
    widths = [fixed.get(i, int(free * w / total)) for i, w in enumerate(weights)]
    floors = [fixed.get(i, min(n * _TWIPS_PER_CHAR + _CELL_SIDES, free // 2)) for i, n in enumerate(longest)]
    short = sum(max(0, f - w) for f, w in zip(floors, widths, strict=True))
    slack = {i: w - f for i, (f, w) in enumerate(zip(floors, widths, strict=True)) if w > f and i not in fixed}
    if short and sum(slack.values()) >= short:
        given = sum(slack.values())
        widths = [
            max(f, w) - (int(short * slack[i] / given) if i in slack else 0)
            for i, (f, w) in enumerate(zip(floors, widths, strict=True))
        ]
    widths[-1] += text_width - sum(widths)  # rounding: the columns fill the text's width exactly
    return widths


_TWIPS_PER_CHAR, _CELL_SIDES = 105, 230
"""About a character of 9 pt table text (bold headings included), and a cell's left and right margins, in twips."""


def described(drawing_run: str, alt: str) -> str:
    """A drawing's XML with ``alt`` as its alt text (``descr`` of ``wp:docPr`` and ``pic:cNvPr``)."""
    value = quoteattr(alt)
    return re.sub(r"<(wp:docPr|pic:cNvPr) ", lambda m: f"<{m.group(1)} descr={value} ", drawing_run)
