"""Build ``templates/briefing.docx``, the docxtpl template of the Word briefing.

Run ``.venv/bin/python templates/make_briefing_docx.py`` (it imports briefgen) after editing this
file and commit both: the
template is generated so that its styles, fields and Jinja tags stay reviewable as code. The
output is byte-for-byte reproducible (fixed zip dates, no creation date, parts written in the
same order), so an unchanged script gives an unchanged file.

How the template is written, and why:

- Every Jinja tag sits alone in one run, because docxtpl only sees tags that Word has not split.
- Conditional blocks and loops use docxtpl's ``{%p ...%}`` (paragraph) and ``{%tr ...%}`` (table
  row) tags: docxtpl deletes the paragraph or row holding the tag, so a section left out leaves
  no empty paragraph behind.
- The context is ``Briefing.template_vars()`` (``briefgen.viewmodel``): every string is ready,
  so the template only loops and tests for emptiness. Fixed words come from ``labels``.
- Styles are real, named Word styles defined here (no direct formatting in the body), so a
  reader can restyle the briefing in Word by editing styles.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Mm

from briefgen.output import refixed_zip

OUTPUT = Path(__file__).with_name("briefing.docx")

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'

# A4 with 2 cm side margins; TEXT_WIDTH (twips) is what the tables share between columns.
PAGE_WIDTH, PAGE_HEIGHT, SIDE_MARGIN = 11906, 16838, 1134
TEXT_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN

BODY_FONT = "Arial"
EAST_ASIA_FONT = "Yu Gothic"  # Word's own Japanese UI font, present on every Windows/macOS Word
ACCENT = "1F3864"  # dark navy, prints well in grey
RULE = "BFBFBF"

# --------------------------------------------------------------------------- styles.xml

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr>
      <w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{EAST_ASIA_FONT}" w:cs="{BODY_FONT}"/>
      <w:sz w:val="20"/><w:szCs w:val="20"/>
      <w:lang w:val="fr-FR" w:eastAsia="ja-JP" w:bidi="ar-SA"/>
    </w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr>
      <w:spacing w:after="120" w:line="264" w:lineRule="auto"/>
    </w:pPr></w:pPrDefault>
  </w:docDefaults>

  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
      <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Title">
    <w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="10"/><w:qFormat/>
    <w:pPr><w:spacing w:before="3600" w:after="240" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:kern w:val="28"/>
      <w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Subtitle">
    <w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="11"/><w:qFormat/>
    <w:pPr><w:spacing w:before="240" w:after="240"/></w:pPr>
    <w:rPr><w:color w:val="404040"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverMarking">
    <w:name w:val="Cover Marking"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/><w:spacing w:val="20"/>
      <w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverPartner">
    <w:name w:val="Cover Partner"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="60"/></w:pPr>
    <w:rPr><w:color w:val="{ACCENT}"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverDetail">
    <w:name w:val="Cover Detail"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="60"/></w:pPr>
    <w:rPr><w:color w:val="404040"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Heading1">
    <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/>
      <w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="{ACCENT}"/></w:pBdr>
      <w:spacing w:before="400" w:after="160" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading2">
    <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/>
      <w:spacing w:before="240" w:after="100" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="1"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="2E5597"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="TOCHeading">
    <w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:pageBreakBefore/><w:spacing w:before="0"/><w:outlineLvl w:val="9"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="TOC1">
    <w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
    <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>
      <w:spacing w:before="60" w:after="60"/></w:pPr>
    <w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="TOC2">
    <w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
    <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>
      <w:spacing w:after="40"/><w:ind w:left="284"/></w:pPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="ListBullet">
    <w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>
      <w:spacing w:after="60"/><w:ind w:left="357" w:hanging="357"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Chart">
    <w:name w:val="Chart"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListNumber">
    <w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr>
      <w:spacing w:after="60"/><w:ind w:left="357" w:hanging="357"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="SourceEntry">
    <w:name w:val="Source Entry"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>
      <w:spacing w:after="80"/><w:ind w:left="567" w:hanging="567"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">
    <w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableNote">
    <w:name w:val="Table Note"/><w:basedOn w:val="TableText"/><w:qFormat/>
    <w:pPr><w:spacing w:before="40"/></w:pPr>
    <w:rPr><w:i/><w:iCs/><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableHeading">
    <w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/><w:qFormat/>
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableListBullet">
    <w:name w:val="Table List Bullet"/><w:basedOn w:val="ListBullet"/><w:qFormat/>
    <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
      <w:ind w:left="227" w:hanging="227"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:customStyle="1" w:styleId="SourceReference">
    <w:name w:val="Source Reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:color w:val="2E5597"/><w:vertAlign w:val="superscript"/></w:rPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Header">
    <w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
    <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Footer">
    <w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
    <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>

  <w:style w:type="table" w:customStyle="1" w:styleId="BriefingTable">
    <w:name w:val="Briefing Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
    <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
    <w:tblPr>
      <w:tblBorders>
        <w:top w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
        <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      </w:tblBorders>
      <w:tblCellMar>
        <w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
        <w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
      </w:tblCellMar>
    </w:tblPr>
    <w:tblStylePr w:type="firstRow">
      <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>
      <w:trPr><w:tblHeader/></w:trPr>
      <w:tcPr>
        <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/></w:tcBorders>
        <w:shd w:val="clear" w:color="auto" w:fill="DCE3EF"/>
      </w:tcPr>
    </w:tblStylePr>
    <w:tblStylePr w:type="firstCol">
      <w:rPr><w:b/><w:bCs/></w:rPr>
    </w:tblStylePr>
  </w:style>
</w:styles>
"""

# One bullet list (numId 1, used by the List Bullet style) and one numbered list (numId 2, List
# Number, for talking points). The bullet is a plain "•" in the
# body font: the usual Symbol-font bullet renders as a box where Symbol is missing.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0">
      <w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>
      <w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>
      <w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:hint="default"/></w:rPr>
    </w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0">
      <w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber"/>
      <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>
    </w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>
"""

# updateFields makes Word refresh the TOC and NUMPAGES when the briefing is opened.
SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS}>
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="567"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:updateFields w:val="true"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
  </w:compat>
  <w:themeFontLang w:val="fr-FR" w:eastAsia="ja-JP"/>
</w:settings>
"""

FONT_TABLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts {NS}>
  <w:font w:name="{BODY_FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>
    <w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
  <w:font w:name="{EAST_ASIA_FONT}"><w:altName w:val="游ゴシック"/><w:panose1 w:val="020B0400000000000000"/>
    <w:charset w:val="80"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
"""

# --------------------------------------------------------------------------- body helpers


def _run(text: str = "", *, rstyle: str = "", raw: str = "") -> str:
    """One run: text (escaped; may be a Jinja tag) or raw inner XML (a field char, a tab)."""
    rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    inner = raw or f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:r>{rpr}{inner}</w:r>"


def _p(*runs: str, style: str = "", ppr: str = "") -> str:
    """One paragraph of the given style holding the given runs (XML strings)."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if pstyle or ppr else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def _tag(tag: str) -> str:
    """A paragraph holding only a docxtpl ``{%p ...%}`` tag; docxtpl removes it when rendering."""
    return _p(_run(f"{{%p {tag} %}}"))


def _ref(ref: str) -> str:
    """Runs printing ``ref`` (a Ref or None) as a superscript link to its source entry."""
    return (
        _run(f"{{% if {ref} %}}")
        + f'<w:hyperlink w:anchor="src_{{{{ {ref}.number }}}}" w:history="1">'
        + _run(f"{{{{ {ref}.label }}}}", rstyle="SourceReference")
        + "</w:hyperlink>"
        + _run("{% endif %}")
    )


def _bookmarked(name: str, bookmark_id: str, *runs: str) -> list[str]:
    """Runs wrapped in a bookmark, the target of internal links (TOC entries, references)."""
    return [
        f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>',
        *runs,
        f'<w:bookmarkEnd w:id="{bookmark_id}"/>',
    ]


def _heading1(key: str, bookmark_id: int) -> str:
    """The Heading 1 of section ``key``, bookmarked ``sec_<key>`` for the cached TOC links."""
    runs = _bookmarked(f"sec_{key}", str(bookmark_id), _run(f"{{{{ labels.{key} }}}}"))
    return _p(*runs, style="Heading1")


def _cell(width: int, *paragraphs: str, span: int = 1) -> str:
    """A table cell of ``width`` twips holding paragraphs (at least one, as Word requires)."""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    body = "".join(paragraphs) or _p(style="TableText")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{body}</w:tc>'


def _row(*cells: str, header: bool = False) -> str:
    """A table row; rows never split across pages, header rows repeat on each page."""
    repeat = "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{''.join(cells)}</w:tr>"


def _tag_row(tag: str, widths: list[int]) -> str:
    """A row holding only a docxtpl ``{%tr ...%}`` tag; docxtpl replaces the whole row by it."""
    return _row(_cell(sum(widths), _p(_run(f"{{%tr {tag} %}}"), style="TableText"), span=len(widths)))


def _table(widths: list[int], rows: list[str], *, header_row: bool = True) -> str:
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


def _text_cell(width: int, *runs: str) -> str:
    """A cell with one Table Text paragraph."""
    return _cell(width, _p(*runs, style="TableText"))


def _list_table(items: str, var: str, columns: list[tuple[str, int, list[str]]]) -> str:
    """A table with a header row of labels and one row per item of ``items``.

    ``columns`` lists (label key, width, runs of the cell); the runs use ``var``.
    """
    widths = [w for _, w, _ in columns]
    header = _row(
        *(_cell(w, _p(_run(f"{{{{ labels.{key} }}}}"), style="TableHeading")) for key, w, _ in columns),
        header=True,
    )
    body = _row(*(_text_cell(w, *runs) for _, w, runs in columns))
    return _table(widths, [header, _tag_row(f"for {var} in {items}", widths), body, _tag_row("endfor", widths)])


def _v(expr: str) -> str:
    """A run printing a Jinja expression."""
    return _run(f"{{{{ {expr} }}}}")


def _ref_label(ref: str) -> list[str]:
    """Runs printing ``ref`` (a Ref or None) as its plain label, for a table's source column."""
    return [_run(f"{{% if {ref} %}}"), _v(f"{ref}.label"), _run("{% endif %}")]


# --------------------------------------------------------------------------- document body

SOURCE_COL = 900  # wide enough for "[12]"


def _figures_table(items: str) -> str:
    """The figure | value | as of | source table, with a figure's note under its label."""
    widths = [4400, 2400, TEXT_WIDTH - 4400 - 2400 - SOURCE_COL, SOURCE_COL]
    header = _row(
        *(
            _cell(w, _p(_v(f"labels.{key}"), style="TableHeading"))
            for key, w in zip(("figure", "value", "as_of", "source"), widths, strict=True)
        ),
        header=True,
    )
    label_cell = _cell(
        widths[0],
        _p(_v("f.label"), style="TableText"),
        _tag("if f.note"),
        _p(_v("f.note"), style="TableNote"),
        _tag("endif"),
    )
    body = _row(
        label_cell,
        _text_cell(widths[1], _v("f.value")),
        _text_cell(widths[2], _v("f.as_of")),
        _text_cell(widths[3], *_ref_label("f.ref")),
    )
    return _table(widths, [header, _tag_row(f"for f in {items}", widths), body, _tag_row("endfor", widths)])


def _cover() -> list[str]:
    """The first page: marking, title, partner, subtitle, issuer, date of the information."""
    return [
        _tag("if cover.marking"),
        _p(_v("cover.marking"), style="CoverMarking"),
        _tag("endif"),
        _tag("if logo"),
        _p(_v("logo"), style="CoverDetail"),
        _tag("endif"),
        _p(_v("cover.title"), style="Title"),
        _p(_v("cover.partner"), style="CoverPartner"),
        _tag("if cover.partner_native"),
        _p(_v("cover.partner_native"), style="CoverPartner"),
        _tag("endif"),
        _tag("if cover.subtitle"),
        _p(_v("cover.subtitle"), style="Subtitle"),
        _tag("endif"),
        _tag("for line in cover.details"),
        _p(_v("line"), style="CoverPartner"),
        _tag("endfor"),
        _p(_v("cover.issuer"), style="CoverDetail"),
        _p(_v("cover.info_as_of"), style="CoverDetail"),
    ]


def _toc() -> list[str]:
    """The contents heading and a TOC field whose cached entries are the briefing's sections.

    Word rebuilds the field on opening (updateFields); until then, and in readers that never
    update fields, the cached entries (one link per section) stand in for it.
    """
    field_start = (
        _run("{% if loop.first %}")
        + _run(raw='<w:fldChar w:fldCharType="begin"/>')
        + _run(raw='<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>')
        + _run(raw='<w:fldChar w:fldCharType="separate"/>')
        + _run("{% endif %}")
    )
    field_end = _run("{% if loop.last %}") + _run(raw='<w:fldChar w:fldCharType="end"/>') + _run("{% endif %}")
    entry = _p(
        field_start,
        '<w:hyperlink w:anchor="sec_{{ s.id }}" w:history="1">',
        _v("s.title"),
        "</w:hyperlink>",
        field_end,
        style="TOC1",
    )
    return [
        _p(_v("labels.toc"), style="TOCHeading"),
        _tag("for s in sections"),
        entry,
        _tag("endfor"),
    ]


def _paragraphs_with_refs(key: str, style: str = "") -> list[str]:
    """Section ``key``: its Heading 1, then one paragraph per item, each with its reference."""
    return [
        _tag(f"for p in {key}"),
        _p(_v("p.text"), _ref("p.ref"), style=style),
        _tag("endfor"),
    ]


FACT_WIDTHS = [2400, TEXT_WIDTH - 2400]
"""A two-column table of facts: the label on the left, the value on the right."""


def _fact_row(condition: str, label: str, *value_cell: str) -> list[str]:
    """A label | value row, kept only when ``condition`` holds; ``value_cell`` defaults to its text."""
    widths = FACT_WIDTHS
    value = value_cell[0] if value_cell else _text_cell(widths[1], _v(condition))
    return [
        _tag_row(f"if {condition}", widths),
        _row(_text_cell(widths[0], _v(f"labels.{label}")), value),
        _tag_row("endif", widths),
    ]


def _bullets_cell(loop: str, *runs: str) -> str:
    """A value cell holding one bulleted paragraph per item of ``loop`` (``strand in forum.strands``)."""
    return _cell(FACT_WIDTHS[1], _tag(f"for {loop}"), _p(*runs, style="TableListBullet"), _tag("endfor"))


def _facts(obj: str, keys: tuple[str, ...], extra: list[str]) -> list[str]:
    """The facts table of ``obj`` (``forum`` or ``visit``): its plain fields, its strands, ``extra``, its source."""
    rows = [line for key in keys for line in _fact_row(f"{obj}.{key}", key)]
    rows += _fact_row(f"{obj}.strands", "strands", _bullets_cell(f"strand in {obj}.strands", _v("strand")))
    rows += extra
    rows += _fact_row(f"{obj}.ref", "source", _text_cell(FACT_WIDTHS[1], _v(f"{obj}.ref.label")))
    return [_table(FACT_WIDTHS, rows, header_row=False)]


def _forum() -> list[str]:
    """The forum: its name as Heading 2, then a two-column table of what, where, who."""
    return [_p(_v("forum.name"), style="Heading2"), *_facts("forum", ("when", "place", "organisers", "theme"), [])]


def _visit() -> list[str]:
    """The visit: its title as Heading 2, then a two-column table of when, where, who, what."""
    with_role = [_run("{% if m.role %}, "), _v("m.role"), _run("{% endif %}")]
    head = [_v("visit.head.name"), _run("{% if visit.head.role %}, "), _v("visit.head.role"), _run("{% endif %}")]
    extra = [
        *_fact_row("visit.head", "head", _text_cell(FACT_WIDTHS[1], *head)),
        *_fact_row("visit.members", "members", _bullets_cell("m in visit.members", _v("m.name"), *with_role)),
        *_fact_row("visit.focus_ours", "focus_ours"),
        *_fact_row("visit.focus_theirs", "focus_theirs"),
    ]
    return [_p(_v("visit.title"), style="Heading2"), *_facts("visit", ("when", "place", "organisers", "theme"), extra)]


def _items(key: str, style: str) -> list[str]:
    """One paragraph per string of the list ``key``."""
    return [_tag(f"for item in {key}"), _p(_v("item"), style=style), _tag("endfor")]


_STAR = "{% if x.highlight %}\u2605 {% endif %}"
"""A star before the rows the visit concerns (focus localities, people on the programme)."""


def _legend(items: str) -> list[str]:
    """The star's meaning, under a table that has starred rows."""
    return [
        _tag(f'if {items} | selectattr("highlight") | list'),
        _p(_v("labels.highlight_note"), style="TableNote"),
        _tag("endif"),
    ]


def _sources() -> list[str]:
    """The numbered sources, each bookmarked ``src_<n>`` as the target of reference links."""
    number = _run("[") + _v("s.number") + _run("]")
    entry = _p(
        *_bookmarked("src_{{ s.number }}", "{{ 1000 + s.number }}", *number),
        _run(raw="<w:tab/>"),
        _v("s.citation"),
        _run("{% if s.url %}"),
        _run(" \u2014 "),
        _v("s.url"),
        _run("{% endif %}"),
        style="SourceEntry",
    )
    return [_tag("for s in sources"), entry, _tag("endfor")]


def _body() -> str:
    """The whole body: cover, contents, then each section only when it has content."""
    w = TEXT_WIDTH
    sections: list[tuple[str, list[str]]] = [
        ("visit", _visit()),
        ("objectives", _items("objectives", "ListBullet")),
        (
            "programme",
            [
                _list_table(
                    "programme",
                    "x",
                    [
                        ("day", 1500, [_v("x.day")]),
                        ("time", 1100, [_v("x.time")]),
                        ("item", w - 1500 - 1100 - 1900 - 2200, [_v("x.item")]),
                        ("venue", 1900, [_v("x.venue")]),
                        ("counterpart", 2200, [_v("x.counterpart")]),
                    ],
                )
            ],
        ),
        ("talking_points", _items("talking_points", "ListNumber")),
        ("vigilance", _items("vigilance", "ListBullet")),
        ("summary", _paragraphs_with_refs("summary")),
        ("forum", _forum()),
        (
            "key_figures",
            [_figures_table("key_figures"), _tag("for c in charts"), _p(_v("c.image"), style="Chart"), _tag("endfor")],
        ),
        (
            "partnerships",
            [
                _list_table(
                    "partnerships",
                    "x",
                    [
                        ("ours", 3600, [_run(_STAR), _v("x.ours")]),
                        ("theirs", w - 3600, [_v("x.theirs")]),
                    ],
                ),
                *_legend("partnerships"),
            ],
        ),
        (
            "agreements",
            [
                _list_table(
                    "agreements",
                    "x",
                    [
                        ("short", 1700, [_v("x.short")]),
                        ("agreement", w - 1700 - SOURCE_COL, [_v("x.name")]),
                        ("source", SOURCE_COL, _ref_label("x.ref")),
                    ],
                )
            ],
        ),
        (
            "timeline",
            [
                _list_table(
                    "timeline",
                    "x",
                    [
                        ("date", 2200, [_v("x.date")]),
                        ("event", w - 2200 - SOURCE_COL, [_v("x.text")]),
                        ("source", SOURCE_COL, _ref_label("x.ref")),
                    ],
                )
            ],
        ),
        (
            "people",
            [
                _list_table(
                    "people",
                    "x",
                    [
                        ("name", 2800, [_run(_STAR), _v("x.name")]),
                        ("role", 3600, [_v("x.role")]),
                        ("side", w - 2800 - 3600 - SOURCE_COL, [_v("x.side")]),
                        ("source", SOURCE_COL, _ref_label("x.ref")),
                    ],
                )
            ],
        ),
        ("priorities", _paragraphs_with_refs("priorities", style="ListBullet")),
        (
            "national_context",
            [
                _tag("for g in national_context"),
                _p(_v("g.title"), style="Heading2"),
                _figures_table("g.figures"),
                _tag("endfor"),
            ],
        ),
        ("sources", _sources()),
    ]
    parts = _cover() + _toc()
    for number, (key, content) in enumerate(sections, start=1):
        parts += [_tag(f"if {key}"), _heading1(key, number), *content, _tag("endif")]
    return "".join(parts)


# --------------------------------------------------------------------------- header, footer


def _field(instruction: str) -> str:
    """A simple field (PAGE, NUMPAGES) with a placeholder result Word replaces."""
    return f'<w:fldSimple w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


HEADER = _p(_v("cover.marking"), style="Header")
FOOTER = _p(
    _v("cover.marking"),
    _run("{% if cover.marking %} \u00b7 {% endif %}"),
    _run("{{ labels.page }} "),
    _field("PAGE"),
    _run(" {{ labels.page_of }} "),
    _field("NUMPAGES"),
    style="Footer",
)


def _set_story(story: object, paragraph_xml: str) -> None:
    """Replace the content of a header or footer by one paragraph."""
    element = story._element  # type: ignore[attr-defined]
    for child in list(element):
        element.remove(child)
    element.append(parse_xml(f"<w:root {NS}>{paragraph_xml}</w:root>")[0])


# --------------------------------------------------------------------------- package


def build() -> bytes:
    """The template as the bytes of a .docx file; the same bytes on every run."""
    document = Document()
    part = document.part
    part._styles_part._element = parse_xml(STYLES.encode())
    part._settings_part._element = parse_xml(SETTINGS.encode())
    part.numbering_part._element = parse_xml(NUMBERING.encode())

    # Drop what python-docx's default template carries but the briefing does not use, so the
    # template holds only what this script defines.
    for rId, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, STYLES_WITH_EFFECTS, RT.WEB_SETTINGS):
            del part.rels[rId]
        elif rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = FONT_TABLE.encode()
    package_rels = part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rId]

    core = document.core_properties
    for name in ("title", "subject", "author", "comments", "keywords", "last_modified_by", "category"):
        setattr(core, name, "")
    core.language = "fr-FR"
    # No creation date: a template made today and one made next year must be the same file.
    for child in list(core._element):
        if child.tag.endswith(("}created", "}modified")):
            core._element.remove(child)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    # The cover shows the marking but no page number; every page shows it in header and footer.
    section.different_first_page_header_footer = True
    _set_story(section.header, HEADER)
    _set_story(section.first_page_header, HEADER)
    _set_story(section.footer, FOOTER)
    _set_story(section.first_page_footer, _p(_v("cover.marking"), style="Footer"))

    body = document.element.body
    sect_pr = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    for element in parse_xml(f"<w:body {NS}>{_body()}</w:body>"):
        sect_pr.addprevious(element)

    buffer = io.BytesIO()
    document.save(buffer)
    return refixed_zip(buffer.getvalue())


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
