"""The fonts a project adds (briefgen.data.fonts) in a document: declared in its HTML for the PDF, named in its DOCX.

The shipped stylesheets end every font stack with the family :data:`FAMILY` (``"Briefgen Sans",
"Briefgen JP", "Briefgen Added"``), which they do not declare: a document of a project without added
fonts draws exactly as before. With added fonts, :func:`with_faces` declares that family in the
document itself, one ``@font-face`` per added font that draws a character of the document the
template's fonts cannot, as a ``data:`` URI of the font cut down to those characters (fontTools'
subsetter, layout features kept: Thai and Khmer need them to shape). Nothing is fetched from the
project's folder, and WeasyPrint still refuses any family the document does not declare
(briefgen.render.pdf), so no system font is used for what the added fonts lack either.

For the DOCX, :func:`assign` says which added font draws which of the document's characters the
template's fonts cannot (briefgen.render.docx_package names it on the runs and embeds its subset).
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

FAMILY = "Briefgen Added"
"""The font family the shipped stylesheets name last, declared by a document that needs an added font."""

_FACES = ((400, "normal"), (700, "normal"), (400, "italic"), (700, "italic"))
"""Each added font is declared for every weight and style: WeasyPrint cannot embolden or slant it properly."""


def assign(
    characters: Iterable[str], fonts: Sequence[Path], template_fonts: Path | None = None
) -> dict[Path, set[str]]:
    """Which added font draws which of ``characters`` the template's fonts cannot (the first font that has it)."""
    from briefgen.data.glyphs import drawable, font_coverage

    needed = {c for c in characters if not c.isspace() and not drawable(c, template_fonts)}
    found: dict[Path, set[str]] = {}
    for path in fonts:
        if not needed:
            break
        _, points = font_coverage(path)
        drawn = {c for c in needed if ord(c) in points}
        if drawn:
            found[path] = drawn
            needed -= drawn
    return found


def fonts_of(template_dir: Path) -> Path:
    """The fonts a template draws with: its ``fonts/`` folder, else (a template without one) the shipped fonts."""
    from briefgen.data.glyphs import shipped_fonts

    folder = template_dir / "fonts"
    return folder if folder.is_dir() else shipped_fonts()


def with_faces(html: str, fonts: Sequence[Path], template_fonts: Path | None = None) -> str:
    """``html`` with a ``<style>`` declaring :data:`FAMILY` for the added fonts it needs; as it is when it needs none.

    ``template_fonts``: the folder of the fonts the template draws with (:func:`fonts_of`; default: the shipped).
    """
    if not fonts:
        return html
    text = htmllib.unescape(re.sub(r"<[^>]*>", " ", html))
    rules = []
    for path, drawn in assign(set(text), fonts, template_fonts).items():
        src = _subset_uri(path, frozenset(ord(c) for c in drawn))
        rules += [
            f'@font-face {{ font-family: "{FAMILY}"; src: {src}; font-weight: {weight}; font-style: {style}; }}'
            for weight, style in _FACES
        ]
    if not rules:
        return html
    style = "<style>\n" + "\n".join(rules) + "\n</style>\n"
    head = html.find("</head>")
    return html[:head] + style + html[head:] if head >= 0 else style + html


def _subset_uri(path: Path, drawn: frozenset[int]) -> str:
    from briefgen.render.web_fonts import subset_uri

    info = path.stat()
    return subset_uri(path, info.st_size, info.st_mtime_ns, drawn)
