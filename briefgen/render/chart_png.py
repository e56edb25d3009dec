"""A chart of the view model drawn as a PNG image, for the DOCX renderer.

The layout is ``charts.layout``, the one the SVG of the PDF uses, so both documents show the same
chart. The drawing is deterministic (no time chunk, fixed fonts and layout engine), so the
DOCX stays byte-for-byte reproducible.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import RenderError
from briefgen.render.charts import (
    BAR_HEIGHT,
    BLACK,
    NAVY,
    ROW,
    TRACK_GREY,
    TRACK_WIDTH,
    TRACK_X,
    WHITE,
    WIDTH,
    Text,
    layout,
)
from briefgen.view.viewmodel import Chart

if TYPE_CHECKING:
    from PIL import ImageFont

SANS = "NotoSans-Regular.ttf"
SANS_BOLD = "NotoSans-Bold.ttf"
JP = "NotoSansCJKjp-Regular.otf"
COMPRESS_LEVEL = 1
"""zlib effort: level 6 saves a quarter of ~55 kB but doubles the encoding time."""
# A code point no font maps (plane 15 private use): FreeType draws .notdef for it.
_UNMAPPED = "\U000ffffd"
_PROBE_PX = 24


@functools.lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A loaded font; FreeType faces are cheap to keep and slow-ish to open."""
    from PIL import ImageFont

    try:
        # The basic layout engine gives the same pixels whether or not libraqm is installed.
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    except OSError as exc:
        raise RenderError(
            f"cannot open the chart font {path}: {exc}; the fonts folder must hold {SANS}, {SANS_BOLD} and {JP}"
        ) from exc


def _probe(path: Path, ch: str) -> bytes:
    """The pixels of ``ch`` drawn alone at a fixed size."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (_PROBE_PX * 3, _PROBE_PX * 3))
    ImageDraw.Draw(image).text((_PROBE_PX, _PROBE_PX), ch, font=_font(path, _PROBE_PX), fill=255)
    return image.tobytes()


@functools.lru_cache(maxsize=4096)
def _has_glyph(path: Path, ch: str) -> bool:
    """Whether the font maps ``ch``: FreeType draws the .notdef box for a character it lacks.

    Pillow exposes no cmap lookup, and reading the cmap with fontTools would add a runtime dependency
    and ~80 ms of import; comparing with the drawing of an unmapped character costs ~30 µs per
    character, once (cached). tests/test_charts.py checks the answer against the fonts' cmaps.
    """
    return _probe(path, ch) != _notdef(path)


@functools.lru_cache(maxsize=8)
def _notdef(path: Path) -> bytes:
    """The pixels of the font's .notdef glyph."""
    return _probe(path, _UNMAPPED)


@functools.lru_cache(maxsize=4096)
def _font_for(text: str, fonts: Path, bold: bool = False, added: tuple[Path, ...] = ()) -> Path:
    """The font file that draws every character of ``text``: Noto Sans if it can, else the Japanese face.

    ``added``: the fonts a project adds (briefgen.data.fonts), tried after the template's, in order.
    """
    sans = fonts / (SANS_BOLD if bold else SANS)
    # Every Noto Sans has printable ASCII; skipping its probes halves the first chart of a process.
    if text.isascii() and text.isprintable():
        return sans
    if all(unicodedata.combining(ch) or _has_glyph(sans, ch) for ch in text):
        return sans
    jp = fonts / JP
    if all(unicodedata.combining(ch) or _has_glyph(jp, ch) for ch in text):
        return jp
    for font in added:
        if all(unicodedata.combining(ch) or _has_glyph(font, ch) for ch in text):
            return font
    # Neither covers it: draw with Noto Sans so the gap shows as .notdef boxes rather than in a wrong face.
    return sans


def _runs(text: str, fonts: Path, bold: bool, added: tuple[Path, ...] = ()) -> list[tuple[str, Path]]:
    """``text`` split into runs drawn with one font each; a combining mark stays with its base letter."""
    runs: list[tuple[str, Path]] = []
    for ch in text:
        if runs and (unicodedata.combining(ch) or _font_for(ch, fonts, bold, added) == runs[-1][1]):
            runs[-1] = (runs[-1][0] + ch, runs[-1][1])
        else:
            runs.append((ch, _font_for(ch, fonts, bold, added)))
    return runs


# The PNG is drawn in one 8-bit channel whose values index a palette of three colour ramps:
# grey track → black, black → white, white → navy. Every text is black on white (labels, values and
# the title stand beside the bars, never on them), so Pillow's anti-aliasing, which blends the
# channel linearly between background and ink, stays on the black → white ramp.
# A palette PNG encodes about five times faster than RGB, which keeps the chart within budget.
_INDEX = {TRACK_GREY: 0, BLACK: 85, WHITE: 170, NAVY: 255}


@functools.lru_cache(maxsize=1)
def _palette() -> bytes:
    """The 256 RGB entries of the three ramps between the indices of ``_INDEX``."""
    stops = sorted((index, bytes.fromhex(colour[1:])) for colour, index in _INDEX.items())
    out = bytearray()
    for (lo, start), (hi, end) in zip(stops, stops[1:], strict=False):
        for i in range(lo, hi):
            t = (i - lo) / (hi - lo)
            out += bytes(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
    return bytes(out + stops[-1][1])


def png(chart: Chart, fonts: Path, scale: int = 3, added: tuple[Path, ...] = ()) -> bytes:
    """The chart as PNG bytes at ``scale`` × 96 dpi, drawn with the TrueType fonts in ``fonts``; deterministic.

    ``added``: the fonts a project adds, for the characters the template's fonts lack (briefgen.data.fonts).
    """
    from PIL import Image, ImageDraw

    if scale < 1:
        raise ValueError(f"scale must be a whole number of at least 1, not {scale}")
    placed = layout(chart)
    px = 96 / 25.4 * scale

    def at(mm: float) -> int:
        return round(mm * px)

    image = Image.new("L", (at(WIDTH), at(placed.height)), _INDEX[WHITE])
    draw = ImageDraw.Draw(image)

    def text(item: Text) -> None:
        size = at(item.size)
        runs = [(run, _font(path, size)) for run, path in _runs(item.text, fonts, item.bold, added)]
        x = item.x * px
        if item.anchor == "end":
            x -= sum(font.getlength(run) for run, font in runs)
        for run, font in runs:
            # Drawing on the baseline ("ls") keeps runs of different fonts aligned.
            draw.text((x, item.y * px), run, font=font, fill=_INDEX[item.fill], anchor="ls")
            x += font.getlength(run)

    for line in placed.title:
        text(line)
    for row in placed.rows:
        # Whole pixels: an anti-aliased rectangle edge would blend colours off the ramps.
        top = at(row.top + (ROW - BAR_HEIGHT) / 2)
        bottom = at(row.top + (ROW + BAR_HEIGHT) / 2) - 1
        draw.rectangle((at(TRACK_X), top, at(TRACK_X + TRACK_WIDTH) - 1, bottom), fill=_INDEX[TRACK_GREY])
        if at(row.bar_width) > 0:
            draw.rectangle((at(TRACK_X), top, at(TRACK_X + row.bar_width) - 1, bottom), fill=_INDEX[NAVY])
        for line in row.labels:
            text(line)
        for line in row.values:
            text(line)
    image.putpalette(_palette())
    out = io.BytesIO()
    # pHYs makes Word size the picture at 16 cm; Pillow writes no time chunk, so the bytes are stable.
    image.save(out, format="PNG", dpi=(96 * scale, 96 * scale), compress_level=COMPRESS_LEVEL)
    return out.getvalue()
