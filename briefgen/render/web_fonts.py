"""The fonts and images of a template's stylesheets as ``data:`` URIs, for the HTML written to ``briefing.html``.

``briefing.html`` must stand on its own, in a browser or in ``weasyprint briefing.html x.pdf``, and
name no file of the machine that built it. Each font a stylesheet refers to is therefore written
into it:

- a face of at most 256 KB (the four Noto Sans faces, 145 KB each) whole, as it is: reading and
  encoding it costs nothing measurable, where cutting it down costs about 0.1 s a face;
- a larger face (Noto Sans CJK, 3.6 MB) cut down to the characters of the document it draws
  (fontTools' subsetter: about 10 KB for the Japan briefing), in about 0.1–0.3 s;
- a face left with nothing to draw, because it has none of the document's characters or an earlier
  family draws them all (the Japanese face of a French briefing), is not embedded: its ``src``
  becomes ``local()`` of its family name, which costs nothing and names no path.

Other resources (an image) are written whole. This is for the written HTML only; the PDF is laid
out from the template folder itself, where WeasyPrint embeds the shipped fonts as it always did.
A cut-down face is kept per font file (its size and mtime) and character set for the life of the
process (``watch``, ``batch``).
"""

from __future__ import annotations

import base64
import functools
import io
import mimetypes
from pathlib import Path

_ALWAYS = "0123456789•◦▪–—…«»“”‘’ "
"""Characters a browser may draw that are not in the document's text: counters, list bullets, quotes."""

_FONT_SUFFIXES = (".ttf", ".otf", ".woff")

_WHOLE_FONT_BYTES = 256 * 1024
"""A font up to this size is embedded whole; a larger one is cut down to the document's characters."""

_MEDIA = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff"}


def sources(paths: list[Path], text: str) -> dict[Path, str]:
    """Each of ``paths`` (files of the template folder, already checked) as a CSS ``url(data:…)`` or ``local()``.

    Fonts are taken in the order the stylesheets name them: the first family draws every
    character it can, a later family only those the earlier ones lack (as the browser's
    ``font-family`` fallback will), and a face left with nothing to draw becomes ``local()``.
    """
    from briefgen.data.glyphs import font_coverage

    wanted = frozenset(text) | frozenset(_ALWAYS)
    found: dict[Path, str] = {}
    earlier: set[int] = set()  # what the families before the current one draw
    current: set[int] = set()
    family_now: str | None = None
    for path in dict.fromkeys(paths):
        if path.suffix.lower() not in _FONT_SUFFIXES:
            media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            found[path] = f'url("data:{media};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}")'
            continue
        family, points = font_coverage(path)
        if family != family_now:
            earlier |= current
            current, family_now = set(), family
        current |= points
        drawn = frozenset(ord(c) for c in wanted if ord(c) in points and ord(c) not in earlier)
        if not any(not chr(p).isspace() for p in drawn):
            found[path] = 'local("{}")'.format("".join(c for c in family if c.isprintable() and c not in '"\\'))
            continue
        info = path.stat()
        if info.st_size <= _WHOLE_FONT_BYTES:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            found[path] = f'url("data:{_MEDIA[path.suffix.lower()]};base64,{data}")'
        else:
            found[path] = subset_uri(path, info.st_size, info.st_mtime_ns, drawn)
    return found


@functools.lru_cache(maxsize=32)
def subset_uri(path: Path, size: int, mtime: int, drawn: frozenset[int]) -> str:
    """The font cut down to ``drawn``, in a ``url(data:…)`` (``size`` and ``mtime`` key the cache)."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()  # fontTools' default layout features: kerning, ligatures, marks
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(path, recalcTimestamp=False, lazy=True)  # lazy: only the glyphs kept are decompiled
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(drawn))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return f'url("data:{_MEDIA[path.suffix.lower()]};base64,{base64.b64encode(buffer.getvalue()).decode("ascii")}")'
