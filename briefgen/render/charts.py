"""Horizontal bar charts drawn from the view model's chart data: the layout, and the SVG of HTML/PDF.

The view model holds what a chart says (``viewmodel.Chart``: labels, values as numbers and as
printed, alt text); each renderer draws it: SVG here for HTML and PDF, PNG in ``chart_png`` for
the DOCX, text in ``terminal``. No chart library: matplotlib alone costs half a second to import,
and a bar chart is a few rectangles and strings. SVG and PNG come from one layout (``layout``)
computed in millimetres, so the PDF and the Word document show the same chart. Every bar starts
at zero on one axis, and its length is its value over the largest value of the chart. Text widths are estimated
from character counts rather than measured, because the SVG is laid out without fonts at hand;
the estimate errs on the wide side so that text stays inside its column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from briefgen.view.viewmodel import Chart

# Geometry in millimetres; the SVG viewBox uses one user unit per millimetre.
WIDTH = 160.0
"""Width of an A4 text column."""
ROW = 8.0
LABEL_WIDTH = 50.0
TRACK_X = 52.0
VALUE_X = 114.0
"""Values stand in their own column, so that a long one ("33,69 milliards de dollars des États-Unis")
is printed whole on up to two lines, whatever its bar's length."""
GAP = 2.0
"""Between the track and the value column."""
TRACK_WIDTH = VALUE_X - GAP - TRACK_X
VALUE_WIDTH = WIDTH - VALUE_X
BAR_HEIGHT = 4.6
FONT_SIZE = 2.9
"""About 8.2 pt."""
LINE_HEIGHT = 3.4
TITLE_SIZE = 3.4
"""About 9.6 pt, bold."""
TITLE_LINE = 4.4
BOTTOM = 1.0
# Baseline offset that centres mixed-case text on a line: about half the cap height of Noto Sans.
CENTRE_SHIFT = 0.35

NAVY = "#1f3a5f"
TRACK_GREY = "#e6e9ee"
BLACK = "#000000"
WHITE = "#ffffff"
FONT_FAMILY = "Briefgen Sans, Briefgen JP, Briefgen Added"
"""The @font-face families of the HTML template, so WeasyPrint draws the SVG text with the shipped fonts."""


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
class Text:
    """A line of text placed on the chart: ``x`` is where ``anchor`` (start or end) sits, ``y`` the baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    anchor: str = "start"
    fill: str = BLACK


@dataclass(frozen=True)
class Row:
    """One bar as placed: its track, its bar, its label lines and its value."""

    top: float
    bar_width: float
    label: str
    """The whole label, for the row's tooltip."""
    text: str
    """The whole value, for the row's tooltip."""
    labels: list[Text]
    values: list[Text]
    """The value's lines, in the value column: one, or two for a long value."""


@dataclass(frozen=True)
class Layout:
    """Everything both renderers draw, in millimetres."""

    height: float
    title: list[Text]
    rows: list[Row]


def layout(chart: Chart) -> Layout:
    """Place the title, labels, bars and values of ``chart``; the largest value spans the whole track."""
    # Bold runs about 6 % wider than regular.
    title_lines = _wrap(_clean(chart.title), WIDTH / (TITLE_SIZE * 1.06), 2)
    title = [Text(0.0, TITLE_SIZE + i * TITLE_LINE, line, TITLE_SIZE, bold=True) for i, line in enumerate(title_lines)]
    top = (len(title_lines) * TITLE_LINE + 1.0) if title_lines else 0.0
    shift = CENTRE_SHIFT * FONT_SIZE
    rows: list[Row] = []
    top_value = max((bar.value for bar in chart.bars if math.isfinite(bar.value)), default=0.0)
    for bar in chart.bars:
        middle = top + ROW / 2
        label = _clean(bar.label)
        lines = _wrap(label, LABEL_WIDTH / FONT_SIZE, 2)
        first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + shift
        labels = [Text(0.0, first + i * LINE_HEIGHT, line, FONT_SIZE) for i, line in enumerate(lines)]
        fraction = bar.value / top_value if math.isfinite(bar.value) and top_value > 0 else 0.0
        width = TRACK_WIDTH * min(max(fraction, 0.0), 1.0)
        full = _clean(bar.text)
        rows.append(Row(top, width, label, full, labels, _value(full, middle + shift)))
        top += ROW
    return Layout(top + BOTTOM, title, rows)


def _value(text: str, middle: float) -> list[Text]:
    """The value in its column, on one line or two, ending with "…" only beyond two (the alt text has it whole)."""
    lines = _wrap(text, VALUE_WIDTH / FONT_SIZE, 2)
    first = middle - (len(lines) - 1) * LINE_HEIGHT / 2
    return [Text(VALUE_X, first + i * LINE_HEIGHT, line, FONT_SIZE) for i, line in enumerate(lines)]


def bar_cells(chart: Chart, cells: int) -> list[int]:
    """Each bar's length in text cells (terminal, Markdown): the largest takes ``cells``, any above zero one or more."""
    top = max((bar.value for bar in chart.bars if math.isfinite(bar.value)), default=0.0)
    if top <= 0:
        return [0] * len(chart.bars)
    return [max(1, round(cells * bar.value / top)) if bar.value > 0 else 0 for bar in chart.bars]


def _n(value: float) -> str:
    """A coordinate for SVG: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _svg_text(item: Text, cls: str) -> str:
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
    placed = layout(chart)
    alt = _clean(chart.alt or chart.title)
    height = _n(placed.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-{_escape(_clean(chart.id))}" class="chart"'
        f' width="160mm" height="{height}mm" viewBox="0 0 160 {height}"'
        f' role="img" aria-label="{_escape(alt)}" font-family="{FONT_FAMILY}"'
        f' font-size="{_n(FONT_SIZE)}" fill="{BLACK}">',
        # WeasyPrint takes the first <title> as the tagged PDF's figure /Alt: the alt text, stating every value.
        f"<title>{_escape(alt)}</title>",
    ]
    parts += [_svg_text(line, "title") for line in placed.title]
    for row in placed.rows:
        bar_y = _n(row.top + (ROW - BAR_HEIGHT) / 2)
        parts += [
            '<g class="row">',
            f"<title>{_escape(row.label)}: {_escape(row.text)}</title>",
            f'<rect class="track" x="{_n(TRACK_X)}" y="{bar_y}" width="{_n(TRACK_WIDTH)}"'
            f' height="{_n(BAR_HEIGHT)}" fill="{TRACK_GREY}"/>',
            f'<rect class="bar" x="{_n(TRACK_X)}" y="{bar_y}" width="{_n(row.bar_width)}"'
            f' height="{_n(BAR_HEIGHT)}" fill="{NAVY}"/>',
            *(_svg_text(line, "label") for line in row.labels),
            *(_svg_text(line, "value") for line in row.values),
            "</g>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)
