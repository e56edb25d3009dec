"""A font cut down to the characters a document uses, with TrueType outlines: what the DOCX embeds for Japanese.

Word's font embedding is made for TrueType outlines (``glyf``), not the CFF outlines of an
OpenType/CFF face such as Noto Sans CJK (see ``briefgen.render.docx_package``); and the whole
Japanese face is 3.6 MB for the dozen kanji a briefing names. So :func:`truetype_subset`

- keeps the glyphs of the given characters (and ``.notdef``), with the ``cmap``, every ``name``
  record and the ``OS/2`` table as they are (its Unicode and code page bits too: they describe the
  face, and font matching reads them);
- drops the layout tables (``GSUB``, ``GPOS``, ``BASE``, ``GDEF``), the vertical metrics (``vhea``,
  ``vmtx``, ``VORG``: a briefing sets no vertical text) and the CFF hints, which do not carry over;
- converts the cubic CFF outlines to quadratic TrueType ones (``Cu2QuPen`` into a ``TTGlyphPen``,
  as fontTools' ``Snippets/otf2ttf.py`` does; error at most 1 unit of the 1000-unit em);
- is deterministic: the ``head`` timestamps are the source font's, never the build's, so the same
  characters give the same bytes.

A subset costs under a tenth of a second (most of it reading the CFF); it is kept per font file
and character set for the life of the process (``batch`` and ``watch`` build many documents).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Tables a TrueType subset of a briefing's text does without: layout and vertical metrics (see above).
_DROPPED = ("GSUB", "GPOS", "BASE", "GDEF", "JSTF", "VORG", "vhea", "vmtx")

_LAYOUT = ("GSUB", "GPOS", "GDEF")
"""The layout tables an added font keeps: the shaping of Thai, Khmer and other complex scripts."""

# The maxp fields about TrueType instructions, which the converted outlines have none of.
_NO_INSTRUCTIONS = (
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
)

_MAX_ERROR = 1.0
"""How far (in font units) a quadratic curve may stray from the cubic one it replaces."""


def truetype_subset(font_file: Path, characters: Iterable[str], *, layout: bool = False) -> bytes:
    """The bytes of ``font_file`` cut down to ``characters`` it has, with TrueType (``glyf``) outlines.

    ``layout``: keep the layout tables (GSUB, GPOS, GDEF) and their features, for a script that shapes
    with them (Thai, Khmer: an added font, briefgen.data.fonts); the vertical metrics still go.
    """
    stat = font_file.stat()
    return _subset(str(font_file), stat.st_size, stat.st_mtime_ns, frozenset(characters), layout)


@functools.lru_cache(maxsize=32)
def _subset(path: str, size: int, mtime_ns: int, characters: frozenset[str], layout: bool = False) -> bytes:
    """:func:`truetype_subset`, cached per file version and character set (size and mtime name the version)."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(path, lazy=True, recalcTimestamp=False)
    for tag in _DROPPED:
        if tag in font and not (layout and tag in _LAYOUT):
            del font[tag]  # before subsetting: the subsetter would otherwise read them whole
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.layout_features = ["*"] if layout else []
    options.hinting = False  # CFF hints mean nothing to TrueType outlines
    options.desubroutinize = True
    options.notdef_outline = True
    options.prune_unicode_ranges = False
    options.prune_codepage_ranges = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    if "CFF " in font:
        _to_truetype(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _to_truetype(font: Any) -> None:
    """Replace the font's ``CFF `` table by ``glyf``/``loca`` with the same outlines, made quadratic."""
    from fontTools.pens.cu2quPen import Cu2QuPen  # type: ignore[import-untyped]
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    hmtx = font["hmtx"]
    for name in order:  # TrueType places a glyph by its left side bearing: make it the new outline's
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], glyph.xMin if glyph.numberOfContours else 0)
    maxp = newTable("maxp")  # version 1.0, TrueType's: the outline counts are recomputed on save
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    for field in _NO_INSTRUCTIONS:
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    font["post"].formatType = 3.0  # no glyph names: the CID-keyed ones mean nothing to a reader
    font.sfntVersion = "\0\1\0\0"
