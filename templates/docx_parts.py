"""The XML pieces the Word template is written with: runs, paragraphs, tables, Jinja tags.

``make_briefing_docx.py`` and the section partials (``sections/ID.docx.py``) build the body of
``briefing.docx`` from these. Every Jinja tag sits alone in one run (docxtpl only sees tags Word has
not split); ``tag`` and ``tag_row`` write docxtpl's paragraph and row tags, which docxtpl removes
with their paragraph or row, so a section left out leaves nothing behind.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx_styles import TEXT_WIDTH


def run(text: str = "", *, rstyle: str = "", raw: str = "") -> str:
    """One run: text (escaped; may be a Jinja tag) or raw inner XML (a field char, a tab)."""
    rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    inner = raw or f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:r>{rpr}{inner}</w:r>"


def para(*runs: str, style: str = "", ppr: str = "") -> str:
    """One paragraph of the given style holding the given runs (XML strings)."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if pstyle or ppr else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def tag(tag: str) -> str:
    """A paragraph holding only a docxtpl ``{%p ...%}`` tag; docxtpl removes it when rendering."""
    return para(run(f"{{%p {tag} %}}"))


def ref(ref: str) -> str:
    """Runs printing ``ref`` (a Ref or None) as a superscript link to its source entry."""
    return (
        run(f"{{% if {ref} %}}")
        + f'<w:hyperlink w:anchor="src_{{{{ {ref}.number }}}}" w:history="1">'
        + run(f"{{{{ {ref}.label }}}}", rstyle="SourceReference")
        + "</w:hyperlink>"
        + run("{% endif %}")
    )


def bookmarked(name: str, bookmark_id: str, *runs: str) -> list[str]:
    """Runs wrapped in a bookmark, the target of internal links (TOC entries, references)."""
    return [
        f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>',
        *runs,
        f'<w:bookmarkEnd w:id="{bookmark_id}"/>',
    ]


def heading1(key: str, bookmark_id: int) -> str:
    """The Heading 1 of section ``key``, bookmarked ``sec_<key>`` for the cached TOC links."""
    runs = bookmarked(f"sec_{key}", str(bookmark_id), run(f"{{{{ labels.{key} }}}}"))
    return para(*runs, style="Heading1")


def cell(width: int, *paragraphs: str, span: int = 1) -> str:
    """A table cell of ``width`` twips holding paragraphs (at least one, as Word requires)."""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    body = "".join(paragraphs) or para(style="TableText")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{body}</w:tc>'


def row(*cells: str, header: bool = False) -> str:
    """A table row; rows never split across pages, header rows repeat on each page."""
    repeat = "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{''.join(cells)}</w:tr>"


def tag_row(tag: str, widths: list[int]) -> str:
    """A row holding only a docxtpl ``{%tr ...%}`` tag; docxtpl replaces the whole row by it."""
    return row(cell(sum(widths), para(run(f"{{%tr {tag} %}}"), style="TableText"), span=len(widths)))


def table(widths: list[int], rows: list[str], *, header_row: bool = True) -> str:
    """A Briefing Table; ``header_row`` says whether its first row is a (repeating) header."""
    look = (
        '<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        if header_row
        else '<w:tblLook w:val="0680" w:firstRow="0" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="BriefingTable"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def text_cell(width: int, *runs: str) -> str:
    """A cell with one Table Text paragraph."""
    return cell(width, para(*runs, style="TableText"))


def list_table(items: str, var: str, columns: list[tuple[str, int, list[str]]]) -> str:
    """A table with a header row of labels and one row per item of ``items``.

    ``columns`` lists (label key, width, runs of the cell); the runs use ``var``.
    """
    widths = [w for _, w, _ in columns]
    header = row(
        *(cell(w, para(run(f"{{{{ labels.{key} }}}}"), style="TableHeading")) for key, w, _ in columns),
        header=True,
    )
    body = row(*(text_cell(w, *runs) for _, w, runs in columns))
    return table(widths, [header, tag_row(f"for {var} in {items}", widths), body, tag_row("endfor", widths)])


def v(expr: str) -> str:
    """A run printing a Jinja expression."""
    return run(f"{{{{ {expr} }}}}")


def ref_label(ref: str) -> list[str]:
    """Runs printing ``ref`` (a Ref or None) as its plain label, for a table's source column."""
    return [run(f"{{% if {ref} %}}"), v(f"{ref}.label"), run("{% endif %}")]


SOURCE_COL = 900  # wide enough for "[12]"


def figures_table(items: str) -> str:
    """The figure | value | as of | source table, with a figure's note under its label."""
    widths = [4400, 2400, TEXT_WIDTH - 4400 - 2400 - SOURCE_COL, SOURCE_COL]
    header = row(
        *(
            cell(w, para(v(f"labels.{key}"), style="TableHeading"))
            for key, w in zip(("figure", "value", "as_of", "source"), widths, strict=True)
        ),
        header=True,
    )
    label_cell = cell(
        widths[0],
        para(v("f.label"), style="TableText"),
        tag("if f.note"),
        para(v("f.note"), style="TableNote"),
        tag("endif"),
    )
    body = row(
        label_cell,
        text_cell(widths[1], v("f.value")),
        text_cell(widths[2], v("f.as_of")),
        text_cell(widths[3], *ref_label("f.ref")),
    )
    return table(widths, [header, tag_row(f"for f in {items}", widths), body, tag_row("endfor", widths)])


def paragraphs_with_refs(key: str, style: str = "") -> list[str]:
    """Section ``key``: its Heading 1, then one paragraph per item, each with its reference."""
    return [
        tag(f"for p in {key}"),
        para(v("p.text"), ref("p.ref"), style=style),
        tag("endfor"),
    ]


FACT_WIDTHS = [2400, TEXT_WIDTH - 2400]
"""A two-column table of facts: the label on the left, the value on the right."""


def fact_row(condition: str, label: str, *value_cell: str) -> list[str]:
    """A label | value row, kept only when ``condition`` holds; ``value_cell`` defaults to its text."""
    widths = FACT_WIDTHS
    value = value_cell[0] if value_cell else text_cell(widths[1], v(condition))
    return [
        tag_row(f"if {condition}", widths),
        row(text_cell(widths[0], v(f"labels.{label}")), value),
        tag_row("endif", widths),
    ]


def bullets_cell(loop: str, *runs: str) -> str:
    """A value cell holding one bulleted paragraph per item of ``loop`` (``strand in forum.strands``)."""
    return cell(FACT_WIDTHS[1], tag(f"for {loop}"), para(*runs, style="TableListBullet"), tag("endfor"))


def facts(obj: str, keys: tuple[str, ...], extra: list[str]) -> list[str]:
    """The facts table of ``obj`` (``forum`` or ``visit``): its plain fields, its strands, ``extra``, its source."""
    rows = [line for key in keys for line in fact_row(f"{obj}.{key}", key)]
    rows += fact_row(f"{obj}.strands", "strands", bullets_cell(f"strand in {obj}.strands", v("strand")))
    rows += extra
    rows += fact_row(f"{obj}.ref", "source", text_cell(FACT_WIDTHS[1], v(f"{obj}.ref.label")))
    return [table(FACT_WIDTHS, rows, header_row=False)]


def items(key: str, style: str) -> list[str]:
    """One paragraph per string of the list ``key``."""
    return [tag(f"for item in {key}"), para(v("item"), style=style), tag("endfor")]


STAR = "{% if x.highlight %}\u2605 {% endif %}"
"""A star before the rows the visit concerns (focus localities, people on the programme)."""


def legend(items: str) -> list[str]:
    """The star's meaning, under a table that has starred rows."""
    return [
        tag(f'if {items} | selectattr("highlight") | list'),
        para(v("labels.highlight_note"), style="TableNote"),
        tag("endif"),
    ]


def lines_table(lines: str) -> str:
    """A label | value table of ``lines`` (a list of ``viewmodel.Line``)."""
    widths = FACT_WIDTHS
    body = row(text_cell(widths[0], v("l.label")), text_cell(widths[1], v("l.value")))
    return table(widths, [tag_row(f"for l in {lines}", widths), body, tag_row("endfor", widths)], header_row=False)


def labelled_list(label: str, items: str) -> list[str]:
    """A bold label paragraph (a Jinja expression), then one bullet per item of ``items``."""
    return [
        tag(f"if {items}"),
        para(v(label), style="ListLabel"),
        tag(f"for item in {items}"),
        para(v("item"), style="ListBullet"),
        tag("endfor"),
        tag("endif"),
    ]


def portraits(items: str) -> list[str]:
    """Each person of ``items`` (``viewmodel.Portrait``): name as Heading 2, photo, labelled lines, labelled lists."""
    return [
        tag(f"for p in {items}"),
        para(v("p.name"), style="Heading2"),
        tag("if p.photo"),
        para(v("p | photo"), style="Photo"),
        tag("endif"),
        tag("if p.lines"),
        lines_table("p.lines"),
        tag("endif"),
        tag("for b in p.lists"),
        para(v("b.label"), style="ListLabel"),
        tag("for item in b.items"),
        para(v("item"), style="ListBullet"),
        tag("endfor"),
        tag("endfor"),
        tag("endfor"),
    ]
