"""Render briefing HTML to PDF bytes with WeasyPrint, fetching nothing outside the template folder.

WeasyPrint is imported inside :func:`render_pdf` so that importing this module stays cheap
(``--help``, ``validate`` and ``preview`` never load it).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import os
import pathlib
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from briefgen.errors import RenderError
from briefgen.render import Options

if TYPE_CHECKING:
    from briefgen.view.viewmodel import Briefing

VARIANTS = ("pdf/a-2b", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1")
"""The archival and accessibility variants ``--pdf-variant`` accepts (WeasyPrint produces them)."""


def render(briefing: Briefing, template_dir: pathlib.Path, options: Options) -> bytes:
    """The ``pdf`` format: the document's HTML laid out by WeasyPrint (briefgen.render registry)."""
    return from_source(source(briefing, template_dir, options), template_dir, options)


def warm() -> None:
    """What a PDF needs before its HTML exists: WeasyPrint imported, this process's font configuration made.

    A cold build runs it in a child forked ahead (briefgen.pipeline.forked.Ahead) while it makes the HTML.
    """
    importlib.import_module("weasyprint")
    _tag_languages()
    _font_config()


def warmed() -> bool:
    """Whether this process has imported WeasyPrint already (``watch`` after its first build)."""
    import sys

    return "weasyprint" in sys.modules


def source(briefing: Briefing, template_dir: pathlib.Path, options: Options) -> str:
    """The HTML :func:`from_source` lays out: the document's, made once when HTML is written too."""
    from briefgen.render.html import html_of

    html = html_of(briefing, template_dir, options.document)
    if options.fonts:
        from briefgen.render.added_fonts import fonts_of, with_faces

        html = with_faces(html, options.fonts, fonts_of(template_dir))
    return html


def from_source(html: str, template_dir: pathlib.Path, options: Options) -> bytes:
    """The PDF of the document's HTML (:func:`source`).

    A document whose ``<body>`` carries ``data-fit-pages="N"`` (the key-facts sheet: one page) is
    laid out again, each time with the next of its ``data-densities`` classes added to the body,
    until it fits N pages; the densest is kept even when it does not, rather than cutting content.
    """
    fit = _FIT.search(html)
    if fit is None:
        return render_pdf(html, template_dir, options.pdf_variant)
    pages, levels = int(fit["pages"]), ["", *fit["densities"].split()]
    for level in levels:
        body = fit[0].replace('class="', f'class="{level} ', 1) if level else fit[0]
        dense = html[: fit.start()] + body + html[fit.end() :]
        pdf, count = _render_counted(dense, template_dir, options.pdf_variant)
        if count <= pages or level == levels[-1]:
            return pdf
    raise AssertionError("unreachable")


_FIT = re.compile(r'<body class="[^"]*" data-fit-pages="(?P<pages>\d+)" data-densities="(?P<densities>[^"]*)">')


def render_pdf(html: str, base_url: pathlib.Path, variant: str | None = None) -> bytes:
    """Return the PDF of ``html``; relative URLs resolve against ``base_url`` (see :func:`_render_counted`)."""
    return _render_counted(html, base_url, variant)[0]


def _render_counted(html: str, base_url: pathlib.Path, variant: str | None = None) -> tuple[bytes, int]:
    """The PDF of ``html`` and its number of pages; relative URLs resolve against the folder ``base_url``.

    Only ``data:`` URIs and ``file:`` URLs inside that folder may be fetched; any other
    resource (network, other files) stops the rendering with a :class:`RenderError`.
    Title, author and language come from the HTML (``<title>``, ``<meta name="author">``,
    ``<html lang>``).
    """
    # Heavy import, only when a PDF is wanted.
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    _tag_languages()
    root = base_url.resolve()
    fetcher = _make_fetcher(weasyprint.URLFetcher, root)
    try:
        document = weasyprint.HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
        with _missing_glyphs() as missing:
            # Tagged PDF (structure for screen readers and reflow): measured on the Japan briefing,
            # same pages and layout, about 30 % more bytes, no measurable time.
            options = {"uncompressed_pdf": False, "pdf_tags": True, "pdf_variant": variant}
            rendered = document.render(font_config=_font_config(), **options)
            pdf = rendered.write_pdf(finisher=_finish, **options)
        stray = sorted({font.family for font in rendered.fonts.values()} - _declared_families(html, root))
        if stray:
            raise RenderError(
                f"the PDF would use the system font(s) {', '.join(stray)} for characters the template's "
                "fonts lack; add a font that has them to the template's fonts/ and its CSS, or change the text"
            )
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in dict.fromkeys(missing))
            raise RenderError(
                f"no shipped font can draw {shown}; the PDF would show empty boxes. "
                "Add a font that has it to the template's fonts/ and its CSS, or change the text"
            )
    except FatalURLFetchingError as exc:
        raise _refusal(fetcher.refused, exc) from exc
    except RenderError:
        raise
    except Exception as exc:
        raise RenderError(f"WeasyPrint failed: {type(exc).__name__}: {exc}") from exc
    if fetcher.refused:
        # Some WeasyPrint code paths (SVG content) swallow fetch errors; refuse anyway.
        raise _refusal(fetcher.refused, None)
    if pdf is None:  # write_pdf only returns None when given a target
        raise RenderError("WeasyPrint returned no PDF")
    return bytes(pdf), len(rendered.pages)


def _finish(document: Any, pdf: Any) -> None:
    """Complete WeasyPrint's structure tree: header scopes, and the language of marked text.

    WeasyPrint links data cells to headers (/Headers, /IDs) but writes no /Scope on the header
    cells themselves, which PDF/UA checkers (and some screen readers) look for first; and it
    writes the document's language only (catalog /Lang), so an element with its own ``lang``
    (text left in the profile's language, briefgen.render.marking) gets /Lang here.
    """
    import pydyf  # type: ignore[import-untyped]

    scopes = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}
    for page in document.pages:
        for box in page._page_box.descendants():
            mark = getattr(box, "mark", None)
            element = getattr(box, "element", None)
            if mark is None or element is None:
                continue
            if getattr(box, "element_tag", None) == "th" and "A" in mark:
                scope = scopes.get(element.get("scope", ""))
                if scope:
                    mark["A"]["Scope"] = scope
            lang = element.get("lang")
            if lang and getattr(box, "element_tag", None) not in ("html", "body"):
                mark["Lang"] = pydyf.String(lang)


def _tag_languages() -> None:
    """Make WeasyPrint's structure tree say /Lang for every element with its own ``lang``.

    WeasyPrint 70 writes the document's language only (catalog /Lang), so text left in the
    profile's language (``<span lang="fr">``, briefgen.render.marking) would be read by a screen
    reader as the document's. Its box-to-structure function is wrapped, once per process: each
    structure element made for a box whose HTML element has ``lang`` gets /Lang. With another
    WeasyPrint that has no such function, nothing is wrapped (tests/test_fallbacks.py notices).
    """
    import pydyf
    from weasyprint.pdf import tags  # type: ignore[import-untyped]

    build = getattr(tags, "_build_box_tree", None)
    if build is None or getattr(build, "briefgen_lang", False):
        return

    def with_lang(box: Any, *args: Any) -> Any:
        element = getattr(getattr(box, "_box", box), "element", None)
        lang = element.get("lang") if element is not None and element.tag not in ("html", "body") else None
        for made in build(box, *args):
            if lang and "Lang" not in made:
                made["Lang"] = pydyf.String(lang)
            yield made

    with_lang.briefgen_lang = True  # type: ignore[attr-defined]
    tags._build_box_tree = with_lang


_fonts: tuple[int, Any] | None = None
"""This process's WeasyPrint font configuration, with the pid that made it."""


def _declared_families(html: str, root: pathlib.Path) -> set[str]:
    """The @font-face families of the HTML and of the style sheets of the template folder."""
    texts = [html, *(p.read_text(encoding="utf-8", errors="replace") for p in root.glob("*.css"))]
    return {m.strip() for text in texts for m in _FONT_FACE_FAMILY.findall(text)}


_FONT_FACE_FAMILY = re.compile(r"@font-face\s*\{[^}]*?font-family\s*:\s*[\"']?([^;\"'}]+)")


def _font_config() -> Any:
    """One WeasyPrint font configuration per process, shared by every PDF it writes.

    Measured in a batch worker (a briefing and a key-facts page per pack): about a quarter less
    time per pack than a fresh configuration per document, with byte-identical PDFs and flat memory
    over 30 documents. A forked child makes its own: the one it inherited belongs to its parent.
    """
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    global _fonts
    if _fonts is None or _fonts[0] != os.getpid():
        if _fonts is not None:
            _disown(_fonts[1])
        else:
            atexit.register(release_fonts)
        _fonts = (os.getpid(), FontConfiguration())
    return _fonts[1]


def release_fonts() -> None:
    """Remove the temporary folder (``weasyprint-*``, ~15 MB of fonts) of this process's font configuration.

    WeasyPrint copies each ``@font-face`` font into a temporary folder and removes it only when its
    configuration is garbage-collected, which a cached configuration never is, and which a process
    leaving through ``os._exit`` (a multiprocessing worker) never runs. Run at exit, and by batch
    workers when they stop. A configuration inherited through ``fork`` is left to its owner.
    """
    global _fonts
    if _fonts is None or _fonts[0] != os.getpid():
        return
    config, _fonts = _fonts[1], None
    folder = getattr(config, "_folder", None)
    _disown(config)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _disown(config: Any) -> None:
    """Keep ``config``'s ``__del__`` from removing a folder this process must not (or already did) remove."""
    with contextlib.suppress(AttributeError):
        config._folder = None


@contextlib.contextmanager
def _missing_glyphs() -> Iterator[list[str]]:
    """Collect the characters WeasyPrint draws as .notdef (it only logs a warning for them)."""
    import logging

    missing: list[str] = []

    class _Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith(".notdef glyph rendered") and isinstance(record.args, tuple):
                missing.append(str(record.args[0]))

    logger = logging.getLogger("weasyprint")
    handler = _Watch(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield missing
    finally:
        logger.removeHandler(handler)


def _refusal(refused: list[str], exc: BaseException | None) -> RenderError:
    if refused:
        return RenderError(
            f"refused to fetch {refused[0]}: only data: URIs and files inside the "
            "template folder may be used; copy the resource into the template folder "
            "and refer to it with a relative URL"
        )
    # WeasyPrint's message is 'Error fetching "<url>"'; the cause says why.
    match = re.search(r'"(.*)"', str(exc))
    url = match.group(1) if match else "a resource"
    cause = exc.__cause__ if exc is not None and exc.__cause__ is not None else exc
    reason = getattr(cause, "reason", cause)  # URLError wraps the OSError
    return RenderError(f"could not fetch {url}: {reason}; check the path in the template")


def _make_fetcher(base: type[Any], root: pathlib.Path) -> Any:
    """Return an instance of a ``weasyprint.URLFetcher`` subclass that denies by default.

    The class is built here because the base class only exists once WeasyPrint is imported.
    ``fail_on_errors=True`` turns every failed fetch (refused or missing) into a fatal error
    instead of a warning and a blank space in the document.
    """

    class _TemplateFolderFetcher(base):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not _allowed(url, root):
                self.refused.append(url)
                raise ValueError(f"refused to fetch {url}")
            return super().fetch(url, headers)

    return _TemplateFolderFetcher()


def _allowed(url: str, root: pathlib.Path) -> bool:
    """Tell whether ``url`` is a ``data:`` URI or a ``file:`` URL of a file under ``root``."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return True
    if scheme != "file":
        return False
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    from urllib.request import url2pathname  # not at the top: checking --pdf-variant must stay cheap

    path = pathlib.Path(url2pathname(parts.path)).resolve()
    return path.is_relative_to(root)
