"""Which key figures make an honest chart, and its data: the rule a careful reader would keep.

A chart shows values on one axis from zero, so it must only hold values that one axis can carry:

- **one quantity**: a chart is either one figure over time (a *series*: the same label and unit at
  different as-of dates, drawn in date order) or *amounts* of one currency (money is money, so the
  ODA, the trade and the investment of one currency compare). Counts of different things ("more than
  110 agreements", "2,500 firms") and percentages of different wholes never share an axis: they
  chart only as a series of one label;
- **exact values**: a bar's length claims a value. A lower bound (``more_than``, ``at_least``) or an
  upper one (``nearly``) is left out of every chart: an open-ended value drawn as a bar would read as
  exact, and a marked open end would still put its length next to exact ones. ``about`` draws,
  since its text says so. A negative value is left out too (a bar from zero would hide its sign);
- **no ranks**: a rank is an order, not a quantity; as a bar length it would need a hidden scale
  (a figure with a value and a rank may chart its value, never its rank);
- **several values**: at least ``MIN_BARS`` of them; fewer are read faster in the table, which
  always holds every figure anyway.

Where no group qualifies (the shipped Japan profile: ranks and lower-bound counts of different
things), there is no chart and the table alone tells it. Every chart carries alt text that states
each value, in the build language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.data import schema
from briefgen.view import viewmodel

if TYPE_CHECKING:
    from briefgen.view.formatting import Formatter

MIN_BARS = 3
"""The fewest values a chart shows."""

DRAWN_QUALIFIERS = frozenset({"exactly", "about"})
"""Qualifiers whose value a bar's length may claim."""


def drawable(figure: schema.Figure) -> bool:
    """Whether ``figure``'s value may be a bar: exact or about, not negative (a rank beside it is not drawn)."""
    return figure.value is not None and figure.qualifier in DRAWN_QUALIFIERS and figure.value >= 0


def build_charts(figures: Sequence[schema.Figure], fmt: Formatter) -> list[viewmodel.Chart]:
    """The honest charts of ``figures``: each series over time first, then the amounts of each currency."""
    drawn = [f for f in figures if drawable(f)]
    series: dict[tuple[str, str], list[schema.Figure]] = {}
    for figure in drawn:
        series.setdefault((fmt.text(figure.label), figure.unit or ""), []).append(figure)
    charts: list[viewmodel.Chart] = []
    in_series: set[int] = set()
    for (label, unit), members in series.items():
        dates = {f.as_of.iso for f in members}
        if len(members) >= MIN_BARS and len(dates) == len(members):
            members = sorted(members, key=lambda f: (f.as_of.year, f.as_of.month or 0, f.as_of.day or 0))
            bars = [viewmodel.Bar(fmt.partial(f.as_of), f.value or 0.0, fmt.quantity(f)) for f in members]
            charts.append(_chart(f"series-{len(charts) + 1}", label, _unit(unit, fmt), bars, fmt))
            in_series.update(id(f) for f in members)
    currencies: dict[str, list[schema.Figure]] = {}
    for figure in drawn:
        if id(figure) not in in_series and figure.unit and figure.unit != "percent":
            currencies.setdefault(figure.unit, []).append(figure)
    for code, members in currencies.items():
        if len(members) >= MIN_BARS:
            bars = [viewmodel.Bar(fmt.text(f.label), f.value or 0.0, fmt.quantity(f)) for f in members]
            charts.append(_chart(f"amounts-{code}", fmt.labels["chart_amounts"], _unit(code, fmt), bars, fmt))
    return charts


def _unit(unit: str, fmt: Formatter) -> str:
    """The unit as printed: ``%``, a currency's name (Babel's, in the plural), or nothing for a count."""
    from babel.numbers import get_currency_name

    if unit == "percent":
        return "%"
    return get_currency_name(unit, count=2, locale=fmt.locale) if unit else ""


def _chart(id: str, title: str, unit: str, bars: list[viewmodel.Bar], fmt: Formatter) -> viewmodel.Chart:
    """A chart with its alt text: the title, then every bar's label and value."""
    labelled = fmt.labels["labelled"]
    values = "; ".join(labelled.format(label=bar.label, value=bar.text) for bar in bars)
    return viewmodel.Chart(id, title, unit, bars, labelled.format(label=title, value=values))
