"""Render a Briefing into a Word document through a docxtpl template.

docxtpl (and with it python-docx and lxml) is imported inside ``render_docx`` only, so that
commands which render no DOCX never pay for loading it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

from briefgen.errors import RenderError, TemplateError
from briefgen.languages import word_language
from briefgen.render import Options, templating
from briefgen.render.marking import docx_languages, marked, unmarked
from briefgen.render.zips import fixed_zip
from briefgen.view.names import found_in_text
from briefgen.view.viewmodel import Briefing

if TYPE_CHECKING:
    import jinja2

# Word refuses core properties longer than this (python-docx raises ValueError).
_CORE_PROPERTY_MAX = 255


def render(briefing: Briefing, template_dir: Path, options: Options) -> bytes:
    """The ``docx`` format: ``template_dir/DOCUMENT.docx`` filled by docxtpl (briefgen.render registry)."""
    return render_docx(briefing, template_dir / f"{options.document}.docx", options.fonts)


def render_docx(briefing: Briefing, template: Path, added: tuple[Path, ...] = ()) -> bytes:
    """Render the briefing through the docxtpl ``template``; return the bytes of a .docx file.

    ``added``: the fonts a project adds (briefgen.data.fonts), named and embedded for the characters the
    template's fonts cannot draw (briefgen.render.docx_package).
    """
    import jinja2
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    from briefgen.render.docx_package import finish_package

    templating.inside(template.parent, template)
    tpl = DocxTemplate(template)
    try:
        tpl.init_docx()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(
            f"cannot read the template as a Word document ({exc}); "
            "give the path of a .docx file saved by Word or LibreOffice",
            file=str(template),
        ) from exc

    # StrictUndefined: a misspelt name is an error, not a silently empty paragraph.
    # autoescape: profile text is data; "<b>" or "&" must reach Word as characters, and
    # "{{ 7*7 }}" in a value is never evaluated (Jinja does not re-read its output anyway).
    # finalize: docxtpl turns "{_{", "}_}", "{_%" and "%_}" of the rendered XML into "{{", "}}", "{%"
    # and "%}" (for template authors); printed text therefore writes its braces as character
    # references, which that replacement cannot see and the XML parser reads back as braces.
    # And a name of the profile ("Việt Nam", "Quảng Ninh") is written with no-break spaces: Word never parts it.
    tie = _tying(briefing.names)
    text = functools.partial(_literal_braces, tie=tie)
    env = templating.environment(None, undefined=jinja2.StrictUndefined, autoescape=True, finalize=text)
    try:
        tpl.render(_with_images(tpl, briefing, template.parent, added, text, tie), env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{_part_name(tpl)}Jinja syntax error: {exc.message}{_near(exc)}; "
            "each Jinja tag must be typed in one go in Word (a tag split by formatting breaks it)",
            file=str(template),
        ) from exc
    except jinja2.UndefinedError as exc:
        names = ", ".join(sorted(briefing.template_vars()))
        raise TemplateError(
            f"{_part_name(tpl)}{exc.message}; a briefing template can use: {names} (see briefgen.view.viewmodel)",
            file=str(template),
        ) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{_part_name(tpl)}{templating.refused(exc) or exc}", file=str(template)) from exc
    except RenderError:  # the block writer's own (an unknown block kind): already one clear message
        raise
    except Exception as exc:  # docxtpl and lxml raise many kinds; the CLI shows one family
        raise RenderError(f"could not render {template.name}: {type(exc).__name__}: {exc}") from exc

    try:
        _set_metadata(tpl.docx, briefing)
        buffer = io.BytesIO()
        tpl.save(buffer)
        with zipfile.ZipFile(buffer) as package:
            entries = [(info.filename, package.read(info.filename)) for info in package.infolist()]
        entries = [(name, _languages_marked(name, data)) for name, data in entries]
        entries = finish_package(entries, _fonts(template.parent), added)
    except Exception as exc:
        raise RenderError(f"could not write the rendered {template.name}: {type(exc).__name__}: {exc}") from exc
    return fixed_zip(entries)


def _literal_braces(value: Any, tie: Callable[[str], str] = str) -> Any:
    """``value`` XML-escaped with ``{`` and ``}`` as character references; markup (``__html__``) as is.

    Text in another language than the document's is marked, for :func:`_languages_marked`; ``tie`` ties the
    names in it (:func:`_tying`).
    """
    from markupsafe import Markup, escape

    if hasattr(value, "__html__"):  # docxtpl's InlineImage, RichText, Listing: XML it built
        return value
    if not isinstance(value, str):
        value = str(value)
    return Markup(
        marked(value, lambda text: unmarked(str(escape(tie(text)))).replace("{", "&#123;").replace("}", "&#125;"))
    )


def _tying(names: tuple[str, ...]) -> Callable[[str], str]:
    """What ties each name of several words in a text into one piece, its spaces made no-break spaces.

    The PDF ties hyphens too (briefgen.render.html.names_whole); here they stay as written, so that the text
    Word searches and spell-checks is the profile's (Word breaks at a hyphen only when the word does not fit).
    """
    spaced = [n for n in names if " " in n]
    if not spaced:
        return str
    found = found_in_text(spaced)
    return lambda text: found.sub(lambda m: m[0].replace(" ", "\u00a0"), text)


def _languages_marked(name: str, data: bytes) -> bytes:
    """The story parts with marked text in runs of their own carrying ``w:lang`` (briefgen.render.marking)."""
    if name.startswith("word/") and name.endswith(".xml"):
        return docx_languages(data, word_language)
    return data


def _set_metadata(document: object, briefing: Briefing) -> None:
    """Set title, author and language in the file properties, and the language for proofing."""
    from docx.oxml.ns import qn

    from briefgen.render.docx_package import APPLICATION

    props = document.core_properties  # type: ignore[attr-defined]
    props.title = briefing.cover.title[:_CORE_PROPERTY_MAX]
    # The author is who issues the briefing; the program that last wrote the file is briefgen.
    props.author = briefing.cover.issuer[:_CORE_PROPERTY_MAX] or APPLICATION
    props.last_modified_by = APPLICATION
    props.language = briefing.lang
    if briefing.timestamp:
        stamp = dt.datetime.fromisoformat(briefing.timestamp)
        props.created = props.modified = stamp
    # The template's default run language (docDefaults) is what Word spell-checks against.
    styles = document.styles.element  # type: ignore[attr-defined]
    for lang in styles.findall(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"):
        lang.set(qn("w:val"), word_language(briefing.lang))


def _with_images(
    tpl: Any,
    briefing: Briefing,
    template_dir: Path,
    added: tuple[Path, ...] = (),
    text: Callable[[object], Any] = _literal_braces,
    tie: Callable[[str], str] = str,
) -> dict[str, Any]:
    """The template's names, Word-ready: the logo placed with its alt text, and ``body``, the sections.

    ``body`` is written by ``docx_blocks.DocxWriter`` when docxtpl prints it (``{{p body }}``), in the
    template's styles, with the images, hyperlinks and numbered lists the writer asks for made in this
    document.
    """
    from briefgen.render.docx_blocks import DocxWriter

    names = briefing.template_vars()
    if briefing.logo:
        from docx.shared import Mm

        names["logo"] = _Described(_picture(tpl, briefing.logo.data, Mm(20)), briefing.cover.issuer)
    writer = DocxWriter(_package(tpl, template_dir, added), text, tie)
    names["body"] = _Later(lambda: writer.sections(briefing.body))
    return names


def _package(tpl: Any, template_dir: Path, added: tuple[Path, ...] = ()) -> Any:
    """What the block writer needs of the document being made (``docx_blocks.Package``); ``added``: project fonts."""
    from briefgen.render.docx_blocks import Package, described

    document = tpl.docx
    section = document.sections[-1]
    text_width = int(section.page_width.twips - section.left_margin.twips - section.right_margin.twips)

    def picture(data: bytes, alt: str, width: int | None, height: int | None) -> str:
        part = document.part
        width, height = _pixel_size(data, width, height)
        inline = part.new_pic_inline(io.BytesIO(data), width, height)
        if inline.extent.cx > text_width * 635:  # no wider than the text
            inline = part.new_pic_inline(io.BytesIO(data), text_width * 635, None)
        return described(f"<w:r><w:drawing>{inline.xml}</w:drawing></w:r>", alt)

    def chart(block: Any) -> bytes:
        from briefgen.render.chart_png import png

        return png(block.chart, _fonts(template_dir), added=added)

    def restart_numbering() -> int:
        numbering = document.part.numbering_part.element
        style = document.styles.element.get_by_id("ListNumber")
        num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
        num_id = num_pr.numId.val if num_pr is not None and num_pr.numId is not None else None
        nums = [n for n in numbering.num_lst if n.numId == num_id]
        num = numbering.add_num(nums[0].abstractNumId.val if nums else 0)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    return Package(picture, chart, tpl.build_url_id, restart_numbering, text_width)


@dataclass(frozen=True)
class _Later:
    """Raw WordprocessingML made when the template prints it (images are placed in the part being rendered)."""

    make: Callable[[], str]

    def __html__(self) -> str:
        """The XML, as is (``_literal_braces`` passes markup through)."""
        return self.make()

    __str__ = __html__


def _picture(tpl: Any, data: bytes, height: int) -> Any:
    """A profile's image ``height`` high (EMU), as wide as its pixels make it (see :func:`_pixel_size`)."""
    from docxtpl import InlineImage

    width, high = _pixel_size(data, None, height)
    return InlineImage(tpl, io.BytesIO(data), width=width, height=high)


def _pixel_size(data: bytes, width: int | None, height: int | None) -> tuple[int | None, int | None]:
    """Both sides (EMU) of an image given one, from its pixels: its own resolution is not trusted.

    A PNG's ``pHYs`` (or a JPEG's density) of 10 pixels per metre, 0 or four billion is an absurd
    resolution that python-docx would size the picture from, or divide by (ZeroDivisionError). The
    resolution only matters here through the width-to-height ratio, so it is taken as unknown, the
    same on both axes: the ratio of the pixels, which is also what the PDF and HTML show. With
    neither side given, 96 pixels to the inch.
    """
    from docx.image.image import Image as DocxImage
    from docx.shared import Emu

    pixels = DocxImage.from_blob(data)
    across, down = max(1, pixels.px_width), max(1, pixels.px_height)
    if width is None and height is None:
        width = Emu(across * 914400 // 96)
    if height is None:
        assert width is not None
        return width, Emu(max(1, round(width * down / across)))
    if width is None:
        return Emu(max(1, round(height * across / down))), height
    return width, height


def _fonts(template_dir: Path) -> Path:
    """The template's fonts folder; a custom template without one draws and embeds the shipped fonts."""
    from briefgen.data.catalog import shipped

    fonts = template_dir / "fonts"
    return fonts if fonts.is_dir() else shipped("templates") / "fonts"


@dataclass(frozen=True)
class _Described:
    """An InlineImage that writes ``descr`` (Word's alt text) on its drawing."""

    image: Any
    descr: str

    def __html__(self) -> str:
        """The drawing's XML (docxtpl's), with the alt text on ``wp:docPr`` and ``pic:cNvPr``."""
        alt = quoteattr(self.descr)
        return re.sub(r"<(wp:docPr|pic:cNvPr) ", lambda m: f"<{m.group(1)} descr={alt} ", self.image._insert_image())

    __str__ = __html__


def _part_name(tpl: object) -> str:
    """Name the part (``word/header1.xml: ``) when an error is outside the body, where users look last."""
    part = getattr(tpl, "current_rendering_part", None)
    name = str(getattr(part, "partname", "")).lstrip("/")
    return "" if name in ("", "word/document.xml") else f"{name}: "


def _near(exc: jinja2.TemplateSyntaxError) -> str:
    """Quote the document text around a syntax error (docxtpl attaches it to the exception)."""
    lines = [line.strip() for line in getattr(exc, "docx_context", []) if line.strip()]
    text = " ".join(lines)
    if not text:
        return ""
    return f" near «{text[:120]}{'…' if len(text) > 120 else ''}»"
