"""The partner's sections: figures and their charts, pairings, agreements, timeline, people, sources, changes."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.view.viewmodel.common import Portrait, Ref


@dataclass(frozen=True)
class Figure:
    """One row of a figures table: what is counted, how much, as of when, from where."""

    label: str
    value: str
    as_of: str
    ref: Ref | None = None
    note: str = ""


@dataclass(frozen=True)
class FigureGroup:
    """Figures under a common sub-heading (national context, by theme)."""

    title: str
    figures: list[Figure]


@dataclass(frozen=True)
class Partnership:
    """One locality of ours and the partner localities the sources pair it with."""

    ours: str
    theirs: str
    highlight: bool = False
    """True when the visit focuses on one of these localities."""
    kind: str = ""
    """What kind of pairing, and since when (``jumelage, depuis 2013``); empty when not given."""
    as_of: str = ""
    """The date the source states the pairing at."""
    ref: Ref | None = None
    """The note of its source."""


@dataclass(frozen=True)
class Agreement:
    """A trade agreement both sides are party to."""

    short: str
    name: str
    ref: Ref | None = None
    signed: str = ""
    """When it was signed, formatted; empty when the profile does not say."""
    status: str = ""
    """Where it stands; empty when the profile does not say."""


@dataclass(frozen=True)
class Event:
    """A dated entry of the timeline."""

    date: str
    text: str
    ref: Ref | None = None


@dataclass(frozen=True)
class Person:
    """Someone the delegation may meet or hear of."""

    name: str
    role: str
    side: str
    ref: Ref | None = None
    highlight: bool = False
    """True when the person is a counterpart on the visit's programme."""
    biography: Portrait | None = None
    """Their short biography, when the profile gives one."""
    as_of: str = ""
    """When the source states the title (``role``), labelled: ``As at: November 2025``."""
    marks: tuple[str, ...] = ()
    """What the checks know about the title, printed with it (``†``: older than the age limit); empty when nothing."""


@dataclass(frozen=True)
class Forum:
    """The cooperation forum the relationship is organised around."""

    name: str
    when: str
    place: str
    organisers: str
    theme: str
    strands: list[str]
    ref: Ref | None = None


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it measures, its value as a number (for the bar's length) and as printed."""

    label: str
    """What the bar measures (the figure's label), or its as-of date in a series over time."""
    value: float
    """Exact (or approximate) and at least zero: a lower bound is never drawn as a bar."""
    text: str
    """The value as printed, e.g. ``2,5 milliards de dollars``."""


@dataclass(frozen=True)
class Chart:
    """A bar chart of comparable values of one unit (see ``briefgen.view.chart_data``); each format draws it."""

    id: str
    """``amounts-USD`` (headline amounts of one currency) or ``series-N`` (one figure over time)."""
    title: str
    """Its title, in the build language."""
    unit: str
    """The unit every bar is in, as printed (``dollars``, ``%``); empty for a count."""
    bars: list[Bar]
    """The bars, in the order they are drawn; every bar starts at zero on one axis."""
    alt: str
    """Alt text stating every value: the title, then each bar's label and value."""


@dataclass(frozen=True)
class Source:
    """One entry of the numbered sources list."""

    number: int
    anchor: str
    citation: str
    """Publisher, title, date, as one formatted line."""
    url: str = ""
    brief: str = ""
    """Publisher and date alone (``Báo Quốc Tế, 24 novembre 2025``): the key-facts page's note, the briefing
    giving the whole citation under the same number."""


@dataclass(frozen=True)
class ChangedFact:
    """One fact that differs from the earlier pack of the same visit (section ``changes``)."""

    status: str
    """``added``, ``changed`` or ``removed`` (for styles)."""
    label: str
    """The status as printed: ``New``, ``Changed``, ``Removed``."""
    before: str
    """The fact as the earlier pack stated it, with its as-of date and source (empty when added)."""
    after: str
    """The fact as this pack states it, with its as-of date and source (empty when removed)."""
