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
- The context is ``Briefing.template_vars()`` (``briefgen.view.viewmodel``): every string is ready,
  so the template only loops and tests for emptiness. Fixed words come from ``labels``.
- Styles are real, named Word styles defined in ``docx_styles.py`` (no direct formatting in the
  body), so a reader can restyle the briefing in Word by editing styles.
- The body is the cover, the contents, then one ``{{p body }}`` paragraph: the renderer replaces it by
  the sections, each block kind written in this template's styles (``briefgen/render/docx_blocks.py``
  says which style draws which kind). The template names no section: restyling a kind here restyles
  it in every section.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Mm

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # docx_parts and docx_styles sit beside this file, also when a test loads it by path
    sys.path.insert(0, str(HERE))

from docx_parts import para, run, tag, v  # noqa: E402
from docx_styles import FONT_TABLE, NS, NUMBERING, R_NS, SETTINGS, STYLES, STYLES_WITH_EFFECTS, TEXT_WIDTH  # noqa: E402

from briefgen.render.docx_package import APP_XML  # noqa: E402
from briefgen.render.zips import refixed_zip  # noqa: E402

OUTPUT = HERE / "briefing.docx"

# --------------------------------------------------------------------------- document body


def _when(test: str, *body: str) -> list[str]:
    """``body`` only when the Jinja ``test`` holds."""
    return [tag(f"if {test}"), *body, tag("endif")]


def _table(*cells: tuple[int, list[str]]) -> str:
    """A table without borders, one row of cells (width in twips, paragraphs): a layout grid, not data."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width, _ in cells)
    row = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{"".join(ps)}</w:tc>' for w, ps in cells)
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{row}</w:tr></w:tbl>"
    )


# The "Office" styles draw the neutral form, the "Decree" ones Decree 30/2020's (Vietnamese): ``form`` is
# the styles' prefix, set once from ``cover.heading.official`` / ``cover.closing.official``.
def _styled(name: str) -> str:
    return f"{{{{ form }}}}{name}"


def _heading() -> list[str]:
    """The issuer's own form at the head of the cover (``cover.heading``, see briefgen.view.office_form)."""
    left = [
        *_when("cover.heading.parent", para(v("cover.heading.parent"), style=_styled(""))),
        para(v("cover.heading.issuer"), style=_styled("Issuer")),
        *_when("cover.heading.reference", para(v("cover.heading.reference"), style=_styled(""))),
    ]
    right = [
        tag("for line in cover.heading.national"),
        para(v("line"), style=_styled("{% if loop.last %}Motto{% else %}National{% endif %}")),
        tag("endfor"),
        *_when("cover.heading.place_date", para(v("cover.heading.place_date"), style=_styled("PlaceDate"))),
        para(style=_styled("Right")),  # a cell ends with a paragraph; an empty one when no line is given
    ]
    return [
        tag("if cover.heading"),
        tag("set form = 'Decree' if cover.heading.official else 'Office'"),
        _table((4300, left), (TEXT_WIDTH - 4300, right)),
        tag("endif"),
    ]


def _closing() -> list[str]:
    """Who receives a copy (left) and the drafting and clearance block (right): ``cover.closing``."""
    left = [
        para(v("cover.closing.label"), style=_styled("Label")),
        tag("for line in cover.closing.recipients"),
        para(v("line"), style=_styled("Line")),
        tag("endfor"),
    ]
    right = [
        *_when("cover.closing.signer", para(v("cover.closing.signer"), style=_styled("Signer"))),
        tag("for line in cover.closing.lines"),
        para(v("line"), style=_styled("Sign")),
        tag("endfor"),
        para(style=_styled("Sign")),
    ]
    return [
        tag("if cover.closing"),
        tag("set form = 'Closing' ~ ('Decree' if cover.closing.official else '')"),
        para(style="Normal"),
        _table((TEXT_WIDTH // 2, left), (TEXT_WIDTH - TEXT_WIDTH // 2, right)),
        tag("endif"),
    ]


def _cover() -> list[str]:
    """The first page: marking, the issuer's heading, title, partner, subtitle, dates; what the PDF's cover says."""
    return [
        tag("if cover.marking"),
        para(v("cover.marking"), style="CoverMarking"),
        tag("endif"),
        *_heading(),
        *_when("not cover.heading", para(v("cover.issuer"), style="CoverDetail")),
        tag("if logo"),
        para(v("logo"), style="CoverDetail"),
        tag("endif"),
        *_when("cover.kind", para(v("cover.kind"), style="CoverDetail")),
        tag("if cover.heading and cover.heading.official"),
        para(v("cover.title"), style="TitleDecree"),
        tag("else"),
        para(v("cover.title"), style="Title"),
        tag("endif"),
        # The partner's own name follows on the same line, as on the PDF's cover.
        para(
            v("cover.partner"),
            run("{% if cover.partner_native %} {% endif %}"),
            v("cover.partner_native"),
            style="CoverPartner",
        ),
        tag("if cover.subtitle"),
        para(v("cover.subtitle"), style="Subtitle"),
        tag("endif"),
        tag("for line in cover.details"),
        para(v("line"), style="CoverPartner"),
        tag("endfor"),
        *_when("cover.heading and cover.heading.addressee", para(v("cover.heading.addressee"), style="CoverAddressee")),
        *_when("cover.heading and cover.heading.purpose", para(v("cover.heading.purpose"), style="CoverDetail")),
        *_when("cover.fallback_note", para(v("cover.fallback_note"), style="CoverDetail")),
        *_when("cover.date", para(v("cover.date"), style="CoverDetail")),
        para(v("cover.info_as_of"), style="CoverDetail"),
        tag("if cover.old_count"),
        para(v("cover.old_count"), style="CoverDetail"),
        tag("endif"),
    ]


def _field_runs(kind: str, instruction: str = "") -> str:
    """The runs of a complex field's ``begin`` (with its instruction) and ``separate``, or its ``end``."""
    if kind == "end":
        return run(raw='<w:fldChar w:fldCharType="end"/>')
    return (
        run(raw='<w:fldChar w:fldCharType="begin"/>')
        + run(raw=f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>')
        + run(raw='<w:fldChar w:fldCharType="separate"/>')
    )


def _toc() -> list[str]:
    """The contents: one entry per section present, a link to its heading's bookmark and its page number.

    The entries are written out, not a TOC field, so the list is never empty or stale whatever opens the
    file. Each ends with a PAGEREF field to its heading's bookmark (``sec_ID``): the page numbers are
    unknown until a word processor lays the document out, and the field's written result is empty.
    LibreOffice computes each PAGEREF from its own layout on opening; Word updates them on opening
    because the settings ask it to (``w:updateFields``: Word first asks the reader whether to update
    the fields), and on printing.
    """
    entry = para(
        '<w:hyperlink w:anchor="sec_{{ s.id }}" w:history="1">',
        v("s.title"),
        run(raw="<w:tab/>"),
        _field_runs("begin", "PAGEREF sec_{{ s.id }} \\h"),
        _field_runs("end"),
        "</w:hyperlink>",
        style="TOC1",
    )
    return [
        para(v("labels.toc"), style="TOCHeading"),
        tag("for s in sections"),
        entry,
        tag("endfor"),
    ]


def _body() -> str:
    """The whole body: cover, contents, then the sections, which the renderer writes in place of ``{{p body }}``."""
    return "".join([*_cover(), *_toc(), para(run("{{p body }}")), *_closing()])


# --------------------------------------------------------------------------- header, footer


def _field(instruction: str) -> str:
    """A simple field (PAGE, NUMPAGES) with a placeholder result Word replaces."""
    return f'<w:fldSimple w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


# A draft says so in every page's header, in the document's language; a final document has no draft mark.
HEADER = para(
    v("cover.marking"),
    run("{% if cover.draft %}"),
    run("{% if cover.marking %} \u00b7 {% endif %}"),
    run("{{ cover.draft }}", rstyle="DraftMark"),
    run("{% endif %}"),
    style="Header",
)
FOOTER = para(
    v("cover.marking"),
    run("{% if cover.marking %} \u00b7 {% endif %}"),
    run("{{ labels.page }} "),
    _field("PAGE"),
    run(" {{ labels.page_of }} "),
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
        elif rel.reltype == RT.EXTENDED_PROPERTIES:  # python-docx's says "Microsoft Macintosh Word"
            rel.target_part._blob = APP_XML

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
    # Every page shows the marking in its header and footer. On the cover, the top one is the
    # cover's own marking line (its first paragraph): the first-page header stays empty, so the
    # marking is not printed twice at the top; the first-page footer has it, without a page number.
    section.different_first_page_header_footer = True
    _set_story(section.header, HEADER)
    # The cover's first-page header holds only the draft mark (a draft says so on every page).
    _set_story(
        section.first_page_header,
        para(
            run("{% if cover.draft %}"),
            run("{{ cover.draft }}", rstyle="DraftMark"),
            run("{% endif %}"),
            style="Header",
        ),
    )
    _set_story(section.footer, FOOTER)
    _set_story(section.first_page_footer, para(v("cover.marking"), style="Footer"))

    body = document.element.body
    sect_pr = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    for element in parse_xml(f'<w:body {NS} xmlns:r="{R_NS}">{_body()}</w:body>'):
        sect_pr.addprevious(element)

    buffer = io.BytesIO()
    document.save(buffer)
    return refixed_zip(buffer.getvalue())


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
