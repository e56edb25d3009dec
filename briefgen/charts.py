"""Horizontal bar charts drawn from data: SVG for the HTML/PDF renderer, PNG for the DOCX one.

No chart library: matplotlib alone costs half a second to import, and a bar chart is a few
rectangles and strings. Both outputs come from one layout (``_layout``) computed in
millimetres, so the PDF and the Word document show the same chart. Text widths are estimated
from character counts rather than measured, because the SVG is laid out without fonts at hand;
the estimate errs on the wide side so that text stays inside its column.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import RenderError

if TYPE_CHECKING:
    from PIL import ImageFont


@dataclass(frozen=True)
class Bar:
    """One bar: what is measured, how long the bar is, the value printed at its end."""

    label: str
    """Printed in the label column, wrapped onto two lines and cut with "…" beyond."""
    fraction: float
    """Bar length as a fraction of the full track, clamped to 0..1."""
    text: str
    """The value as printed, e.g. ``1er partenaire`` or ``plus de 2 500``."""


@dataclass(frozen=True)
class Chart:
    """A titled horizontal bar chart."""

    id: str
    """Short identifier (``ranks``): the SVG element is ``chart-<id>``."""
    title: str
    bars: list[Bar]


# Geometry in millimetres; the SVG viewBox uses one user unit per millimetre.
WIDTH = 160.0
"""Width of an A4 text column."""
ROW = 8.0
LABEL_WIDTH = 60.0
TRACK_X = 63.0
TRACK_WIDTH = WIDTH - TRACK_X
BAR_HEIGHT = 4.6
GAP = 1.5
"""Between the bar end and its value."""
FONT_SIZE = 2.9
"""About 8.2 pt."""
LINE_HEIGHT = 3.4
TITLE_SIZE = 3.4
"""About 9.6 pt, bold."""
TITLE_LINE = 4.4
BOTTOM = 1.0
COMPRESS_LEVEL = 1
"""zlib effort: level 6 saves a quarter of ~55 kB but doubles the encoding time."""
# Baseline offset that centres mixed-case text on a line: about half the cap height of Noto Sans.
CENTRE_SHIFT = 0.35

NAVY = "#1f3a5f"
TRACK_GREY = "#e6e9ee"
BLACK = "#000000"
WHITE = "#ffffff"
FONT_FAMILY = "Briefgen Sans, Briefgen JP"
"""The @font-face families of the HTML template, so WeasyPrint draws the SVG text with the shipped fonts."""

SANS = "NotoSans-Regular.ttf"
SANS_BOLD = "NotoSans-Bold.ttf"
JP = "NotoSansCJKjp-Regular.otf"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A code point no font maps (plane 15 private use): FreeType draws .notdef for it.
_UNMAPPED = "\U000ffffd"
_PROBE_PX = 24


def _escape(text: str) -> str:
    """``text`` safe in XML character data and in a double-quoted attribute."""
    # xml.sax.saxutils would do, but importing it pulls in urllib and costs ~40 ms.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _clean(text: str) -> str:
    """Text on one line with characters XML cannot carry removed; NFC so that fonts find precomposed letters."""
    return unicodedata.normalize("NFC", _XML_INVALID.sub("", " ".join(text.split())))


def _char_em(ch: str) -> float:
    """Estimated advance of one character in em, on the wide side for Noto Sans."""
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch == " ":
        return 0.27
    if ch in "mwMW%@&—…":
        return 1.0
    if ch.isupper():
        return 0.8
    return 0.62


def _em(text: str) -> float:
    """Estimated width of ``text`` in em."""
    return sum(_char_em(ch) for ch in text)


def _fit(text: str, max_em: float) -> int:
    """How many leading characters of ``text`` fit in ``max_em``; at least one, so that wrapping advances."""
    width = 0.0
    for i, ch in enumerate(text):
        width += _char_em(ch)
        if width > max_em and i > 0:
            return i
    return len(text)


def _ellipsize(line: str, max_em: float) -> str:
    """``line`` shortened until it fits in ``max_em`` with a trailing "…"."""
    while line and _em(line) + _char_em("…") > max_em:
        line = line[:-1]
        # A mark without its base letter would be drawn on the ellipsis.
        while line and unicodedata.combining(line[-1]):
            line = line[:-1]
    return line.rstrip() + "…"


def _wrap(text: str, max_em: float, max_lines: int) -> list[str]:
    """``text`` broken at spaces (or anywhere, for words too long and for Japanese) into lines of ``max_em``."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        if _em(rest) <= max_em:
            lines.append(rest)
            rest = ""
            break
        cut = _fit(rest, max_em)
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0:
            lines.append(rest[:space].rstrip())
            rest = rest[space + 1 :].lstrip()
        else:
            lines.append(rest[:cut])
            rest = rest[cut:].lstrip()
    if rest:
        lines[-1] = _ellipsize(lines[-1], max_em)
    return lines


@dataclass(frozen=True)
class _Text:
    """A line of text placed on the chart: ``x`` is where ``anchor`` (start or end) sits, ``y`` the baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    anchor: str = "start"
    fill: str = BLACK


@dataclass(frozen=True)
class _Row:
    """One bar as placed: its track, its bar, its label lines and its value."""

    top: float
    bar_width: float
    label: str
    """The whole label, for the row's tooltip."""
    text: str
    """The whole value, for the row's tooltip."""
    labels: list[_Text]
    value: _Text


@dataclass(frozen=True)
class _Layout:
    """Everything both renderers draw, in millimetres."""

    height: float
    title: list[_Text]
    rows: list[_Row]


def _layout(chart: Chart) -> _Layout:
    """Place the title, labels, bars and values of ``chart``."""
    # Bold runs about 6 % wider than regular.
    title_lines = _wrap(_clean(chart.title), WIDTH / (TITLE_SIZE * 1.06), 2)
    title = [_Text(0.0, TITLE_SIZE + i * TITLE_LINE, line, TITLE_SIZE, bold=True) for i, line in enumerate(title_lines)]
    top = (len(title_lines) * TITLE_LINE + 1.0) if title_lines else 0.0
    shift = CENTRE_SHIFT * FONT_SIZE
    # Capping the value at half the track guarantees it fits after the bar or inside it.
    max_value_em = (TRACK_WIDTH / 2 - GAP) / FONT_SIZE
    rows: list[_Row] = []
    for bar in chart.bars:
        middle = top + ROW / 2
        label = _clean(bar.label)
        lines = _wrap(label, LABEL_WIDTH / FONT_SIZE, 2)
        first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + shift
        labels = [_Text(0.0, first + i * LINE_HEIGHT, line, FONT_SIZE) for i, line in enumerate(lines)]
        fraction = bar.fraction if math.isfinite(bar.fraction) else 0.0
        width = TRACK_WIDTH * min(max(fraction, 0.0), 1.0)
        full = _clean(bar.text)
        text = _ellipsize(full, max_value_em) if _em(full) > max_value_em else full
        end = TRACK_X + width
        if end + GAP + _em(text) * FONT_SIZE <= WIDTH:
            value = _Text(end + GAP, middle + shift, text, FONT_SIZE)
        else:
            value = _Text(end - GAP, middle + shift, text, FONT_SIZE, anchor="end", fill=WHITE)
        rows.append(_Row(top, width, label, full, labels, value))
        top += ROW
    return _Layout(top + BOTTOM, title, rows)


def _n(value: float) -> str:
    """A coordinate for SVG: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _svg_text(item: _Text, cls: str) -> str:
    """One ``<text>`` element."""
    attrs = f'class="{cls}" x="{_n(item.x)}" y="{_n(item.y)}"'
    if item.anchor != "start":
        attrs += f' text-anchor="{item.anchor}"'
    if item.bold:
        attrs += ' font-weight="700"'
    if item.fill != BLACK:
        attrs += f' fill="{item.fill}"'
    if item.size != FONT_SIZE:
        attrs += f' font-size="{_n(item.size)}"'
    return f"<text {attrs}>{_escape(item.text)}</text>"


def svg(chart: Chart) -> str:
    """The chart as a standalone SVG element, 160 mm wide, every text escaped; safe to paste into HTML."""
    layout = _layout(chart)
    title = _clean(chart.title)
    height = _n(layout.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-{_escape(_clean(chart.id))}" class="chart"'
        f' width="160mm" height="{height}mm" viewBox="0 0 160 {height}"'
        f' role="img" aria-label="{_escape(title)}" font-family="{FONT_FAMILY}"'
        f' font-size="{_n(FONT_SIZE)}" fill="{BLACK}">',
        f"<title>{_escape(title)}</title>",
    ]
    parts += [_svg_text(line, "title") for line in layout.title]
    for row in layout.rows:
        bar_y = _n(row.top + (ROW - BAR_HEIGHT) / 2)
        parts += [
            '<g class="row">',
            f"<title>{_escape(row.label)}: {_escape(row.text)}</title>",
            f'<rect class="track" x="{_n(TRACK_X)}" y="{bar_y}" width="{_n(TRACK_WIDTH)}"'
            f' height="{_n(BAR_HEIGHT)}" fill="{TRACK_GREY}"/>',
            f'<rect class="bar" x="{_n(TRACK_X)}" y="{bar_y}" width="{_n(row.bar_width)}"'
            f' height="{_n(BAR_HEIGHT)}" fill="{NAVY}"/>',
            *(_svg_text(line, "label") for line in row.labels),
            _svg_text(row.value, "value"),
            "</g>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


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
def _font_for(text: str, fonts: Path, bold: bool = False) -> Path:
    """The font file that draws every character of ``text``: Noto Sans if it can, else the Japanese face."""
    sans = fonts / (SANS_BOLD if bold else SANS)
    # Every Noto Sans has printable ASCII; skipping its probes halves the first chart of a process.
    if text.isascii() and text.isprintable():
        return sans
    if all(unicodedata.combining(ch) or _has_glyph(sans, ch) for ch in text):
        return sans
    jp = fonts / JP
    if all(unicodedata.combining(ch) or _has_glyph(jp, ch) for ch in text):
        return jp
    # Neither covers it: draw with Noto Sans so the gap shows as .notdef boxes rather than in a wrong face.
    return sans


def _runs(text: str, fonts: Path, bold: bool) -> list[tuple[str, Path]]:
    """``text`` split into runs drawn with one font each; a combining mark stays with its base letter."""
    runs: list[tuple[str, Path]] = []
    for ch in text:
        if runs and (unicodedata.combining(ch) or _font_for(ch, fonts, bold) == runs[-1][1]):
            runs[-1] = (runs[-1][0] + ch, runs[-1][1])
        else:
            runs.append((ch, _font_for(ch, fonts, bold)))
    return runs


# The PNG is drawn in one 8-bit channel whose values index a palette of three colour ramps:
# grey track → black, black → white, white → navy. Every text sits on a single background
# (black on white or on the track, white on the bar), so Pillow's anti-aliasing, which blends
# the channel linearly between background and ink, stays on the ramp between those two colours.
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


def png(chart: Chart, fonts: Path, scale: int = 3) -> bytes:
    """The chart as PNG bytes at ``scale`` × 96 dpi, drawn with the TrueType fonts in ``fonts``; deterministic."""
    from PIL import Image, ImageDraw

    if scale < 1:
        raise ValueError(f"scale must be a whole number of at least 1, not {scale}")
    layout = _layout(chart)
    px = 96 / 25.4 * scale

    def at(mm: float) -> int:
        return round(mm * px)

    image = Image.new("L", (at(WIDTH), at(layout.height)), _INDEX[WHITE])
    draw = ImageDraw.Draw(image)

    def text(item: _Text) -> None:
        size = at(item.size)
        runs = [(run, _font(path, size)) for run, path in _runs(item.text, fonts, item.bold)]
        x = item.x * px
        if item.anchor == "end":
            x -= sum(font.getlength(run) for run, font in runs)
        for run, font in runs:
            # Drawing on the baseline ("ls") keeps runs of different fonts aligned.
            draw.text((x, item.y * px), run, font=font, fill=_INDEX[item.fill], anchor="ls")
            x += font.getlength(run)

    for line in layout.title:
        text(line)
    for row in layout.rows:
        # Whole pixels: an anti-aliased rectangle edge would blend colours off the ramps.
        top = at(row.top + (ROW - BAR_HEIGHT) / 2)
        bottom = at(row.top + (ROW + BAR_HEIGHT) / 2) - 1
        draw.rectangle((at(TRACK_X), top, at(WIDTH) - 1, bottom), fill=_INDEX[TRACK_GREY])
        if at(row.bar_width) > 0:
            draw.rectangle((at(TRACK_X), top, at(TRACK_X + row.bar_width) - 1, bottom), fill=_INDEX[NAVY])
        for line in row.labels:
            text(line)
        text(row.value)
    image.putpalette(_palette())
    out = io.BytesIO()
    # pHYs makes Word size the picture at 16 cm; Pillow writes no time chunk, so the bytes are stable.
    image.save(out, format="PNG", dpi=(96 * scale, 96 * scale), compress_level=COMPRESS_LEVEL)
    return out.getvalue()
