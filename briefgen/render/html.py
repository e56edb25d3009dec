"""Render a briefing view model to HTML with the Jinja2 template of a template folder.

The view model holds chart data and image bytes; this renderer draws them for the browser and
WeasyPrint through two filters templates use: ``chart | svg`` (the chart as inline SVG, vector in
the PDF, its alt text as ``aria-label`` and ``<title>``, which WeasyPrint makes the tagged PDF's
figure description) and ``image | data_uri`` (an image's bytes as a ``data:`` URI: the logo, a photo).
"""

from __future__ import annotations

import base64
import functools
import html as htmllib
import pathlib
import re
import traceback

import jinja2
from markupsafe import Markup, escape

from briefgen.errors import TemplateError
from briefgen.render import Options, charts, key_facts, templating
from briefgen.render.marking import html_spans, marked, unmarked
from briefgen.view.names import found_in_text
from briefgen.view.viewmodel import Briefing, Chart, Image, blocks

TEMPLATE_NAME = "briefing.html"
"""The template file every template folder provides for HTML and PDF output."""
BLOCKS_NAME = "blocks.html"
"""The template whose macros draw each kind of block (``briefgen.view.viewmodel.blocks``), one macro per kind."""


def drawn_kinds(template_dir: pathlib.Path) -> set[str]:
    """The block kinds the folder's ``blocks.html`` has a macro for."""
    module = _environment(template_dir).get_template(BLOCKS_NAME).module
    return {name for name in blocks.KIND_NAMES if callable(getattr(module, name, None))}


def _check_kinds(briefing: Briefing, template_dir: pathlib.Path) -> None:
    """Refuse a block no macro draws, before anything is rendered (an unknown kind fails loudly).

    A folder without ``blocks.html`` (a template written before blocks) draws no block: nothing to check.
    """
    if not (template_dir / BLOCKS_NAME).is_file():
        return
    drawn = drawn_kinds(template_dir)
    for section in briefing.body:
        for block in blocks.walk(section.blocks):
            if getattr(block, "kind", None) not in drawn:
                raise blocks.UnknownBlock(
                    f"no macro draws a block of kind {type(block).__name__} (section {section.id!r}); "
                    f"add a macro {getattr(block, 'kind', '?')!r} to {template_dir / BLOCKS_NAME}"
                )


@functools.lru_cache(maxsize=8)
def _environment(template_dir: pathlib.Path) -> jinja2.Environment:
    # One per folder and process: a batch worker compiles each template once, not once per pack.
    env = templating.environment(
        template_dir,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["svg"] = svg_markup
    env.filters["data_uri"] = data_uri
    return env


def svg_markup(chart: Chart) -> Markup:
    """The chart as inline SVG, safe to paste: ``briefgen.render.charts`` escapes every text it writes."""
    return Markup(charts.svg(chart))


def data_uri(image: Image) -> str:
    """An image of the view model as a ``data:`` URI, the way HTML and WeasyPrint take it."""
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


def _finalize(value: object) -> object:
    """Text in another language than the document's is marked (briefgen.render.marking).

    An image printed as it is (``src="{{ p.photo }}"``, as templates written before images were
    bytes do) prints as its ``data:`` URI.
    """
    if isinstance(value, Image):
        return data_uri(value)
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(marked(value, lambda text: unmarked(str(escape(text)))))
    return value


def render_html(briefing: Briefing, template_dir: pathlib.Path, name: str = TEMPLATE_NAME) -> str:
    """Return the briefing as an HTML document, from ``template_dir/NAME`` (``briefing.html``)."""
    env = _environment(template_dir)
    try:
        template = env.get_template(name)
        _check_kinds(briefing, template_dir)
        return names_whole(html_spans(template.render(briefing.template_vars())), briefing.names)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            file=exc.filename or str(template_dir / (exc.name or name)),
            line=exc.lineno,
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {exc.name!r} not found in {template_dir}; a template folder must contain {name}",
            file=str(template_dir / str(exc.name)),
        ) from exc
    except jinja2.TemplateError as exc:
        file, line = template_location(exc, template_dir)
        raise TemplateError(
            f"{exc.message or type(exc).__name__} (the briefing has no such name; "
            "see briefgen.view.viewmodel.Briefing for what templates may use)"
            if isinstance(exc, jinja2.UndefinedError)
            else templating.refused(exc) or f"template error: {exc.message or type(exc).__name__}",
            file=file,
            line=line,
        ) from exc


_TEXT_PART = re.compile(r"(<(title|style|script|textarea|svg)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
"""A tag, or an element whose text holds no HTML markup (a chart's SVG neither): what :func:`names_whole` leaves."""


def names_whole(html: str, names: tuple[str, ...]) -> str:
    """The rendered HTML with each of ``names`` in the text tied into one unbreakable piece.

    Only text between tags is touched (never an attribute, a ``<title>``, a stylesheet or an SVG); a name inside a
    longer word is not one (``Japon`` in ``Japonais``). Its spaces become no-break spaces and each hyphen is held
    by word joiners (U+2060), so "Việt Nam" and "États-Unis" never break across lines, and a PDF's text still
    reads them as written. Characters, not a ``white-space: nowrap`` span: WeasyPrint misplaces a line break
    before such an inline box (Kozea/WeasyPrint#1614: "Hơn" alone on its line, the rest on the next).
    """
    if not names:
        return html
    found = found_in_text(str(escape(n)) for n in names)
    parts = _TEXT_PART.split(html)
    out = []
    # split() with two groups yields: text, whole match, inner group, text, …
    for i in range(0, len(parts), 3):
        out.append(found.sub(lambda m: _unbroken(m[0]), parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def _unbroken(name: str) -> str:
    """``name`` with no-break spaces, and its hyphens held by word joiners: no line break inside it."""
    return name.replace(" ", "\u00a0").replace("-", "\u2060-\u2060")


def template_location(exc: BaseException, template_dir: pathlib.Path) -> tuple[str | None, int | None]:
    """Return the innermost template file and line in the traceback of ``exc``.

    Jinja rewrites tracebacks so that frames of compiled templates carry the template's
    path as their file name and the template's line as their line number.
    """
    root = template_dir.resolve()
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        try:
            pathlib.Path(frame.filename).resolve().relative_to(root)
        except (ValueError, OSError):
            continue
        found = (frame.filename, frame.lineno)
    return found


_last: tuple[Briefing, pathlib.Path, str, str] | None = None


def html_of(briefing: Briefing, template_dir: pathlib.Path, document: str = "briefing") -> str:
    """The HTML of ``document`` for this very view, made once when both HTML and PDF are wanted."""
    global _last
    name = f"{document}.html"
    if _last is not None and _last[0] is briefing and _last[1] == template_dir and _last[2] == name:
        return _last[3]
    # The key-facts page draws the same blocks, each made compact for one page (briefgen.render.key_facts).
    view = key_facts.sheet(briefing) if document == "key-facts" else briefing
    html = render_html(view, template_dir, name)
    _last = (briefing, template_dir, name, html)
    return html


def render(briefing: Briefing, template_dir: pathlib.Path, options: Options) -> bytes:
    """The ``html`` format: the document as a web page standing on its own (briefgen.render registry)."""
    html = html_of(briefing, template_dir, options.document)
    if options.fonts:
        from briefgen.render.added_fonts import fonts_of, with_faces

        html = with_faces(html, options.fonts, fonts_of(template_dir))
    return standalone(html, template_dir).encode("utf-8")


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"/:]+\.css)">')
_CSS_URL = re.compile(r'url\("([^":]+)"\)')


def standalone(html: str, template_dir: pathlib.Path) -> str:
    """The HTML as written to ``briefing.html``, standing on its own and naming no file of this machine.

    Its stylesheets are inlined, and the fonts and images they name are written into it as ``data:``
    URIs (fonts cut down to the document's characters: briefgen.render.web_fonts), so that a
    browser, or ``weasyprint briefing.html x.pdf``, renders the same document anywhere. A stylesheet
    or resource that is a link leading outside the template folder is refused (briefgen.render.templating).
    """
    from briefgen.render import web_fonts

    try:
        sheets = {
            name: templating.inside(template_dir, template_dir / name).read_text(encoding="utf-8")
            for name in dict.fromkeys(_STYLESHEET.findall(html))
        }
        used = [
            templating.inside(template_dir, template_dir / u) for css in sheets.values() for u in _CSS_URL.findall(css)
        ]
        text = htmllib.unescape(re.sub(r"<[^>]*>", " ", html)) + "".join(sheets.values())
        uris = web_fonts.sources(used, text)
    except (OSError, UnicodeDecodeError) as exc:
        where = getattr(exc, "filename", None)
        raise TemplateError(f"a stylesheet, or a file it names, cannot be read: {exc}", file=where) from None

    def inline(match: re.Match[str]) -> str:
        css = _CSS_URL.sub(lambda m: uris[template_dir / m[1]], sheets[match[1]])
        return f"<style>\n{css}</style>"

    return _STYLESHEET.sub(inline, html)
