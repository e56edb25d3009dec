"""The view model: what every renderer receives, as ready-to-print strings.

The context stage (``briefgen.context``) is the only producer of these objects. Renderers
(DOCX, HTML/PDF, terminal) only loop over them and test them for emptiness: every number,
date and label here is already formatted and translated for the build language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Ref:
    """A numbered reference to an entry of the sources list."""

    number: int
    """1-based number, in order of first use in the briefing."""
    anchor: str
    """Identifier of the source entry in HTML (``src-3``), for internal links."""

    @property
    def label(self) -> str:
        """The reference as printed after a claim: ``[3]``."""
        return f"[{self.number}]"


@dataclass(frozen=True)
class Paragraph:
    """A sourced sentence or paragraph of text."""

    text: str
    ref: Ref | None = None


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


@dataclass(frozen=True)
class Agreement:
    """A trade agreement both sides are party to."""

    short: str
    name: str
    ref: Ref | None = None


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
class Member:
    """A member of the delegation."""

    name: str
    role: str
    line: str
    """Name and role joined as printed (``Name, role``; the name alone without a role)."""


@dataclass(frozen=True)
class ProgrammeItem:
    """One line of the programme."""

    day: str
    time: str
    item: str
    venue: str
    counterpart: str


@dataclass(frozen=True)
class Visit:
    """The visit a briefing prepares (only in a visit briefing)."""

    title: str
    when: str
    """Its dates, when fixed; empty when only a planned period is known."""
    place: str
    organisers: str
    theme: str
    strands: list[str]
    head: Member | None
    members: list[Member]
    focus_ours: str
    focus_theirs: str
    ref: Ref | None = None
    planned: str = ""
    """The period it is planned for, as written (``by the end of 2025``), when no date is fixed:
    a commitment, shown under ``labels.planned``, never as a date."""


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
    """A bar chart of comparable values of one unit (see ``briefgen.chart_data``); each format draws it."""

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


@dataclass(frozen=True)
class Section:
    """A section present in this briefing, for the table of contents."""

    id: str
    title: str


@dataclass(frozen=True)
class Cover:
    """What the first page shows."""

    title: str
    partner: str
    partner_native: str
    subtitle: str
    issuer: str
    marking: str
    info_as_of: str
    """The range of the facts' as-of dates, labelled: ``Facts as of 24 November 2025 – 19 January 2026``."""
    date: str = ""
    """The document's own date, labelled: ``Document dated 24 January 2026`` (see ``briefgen.dating``)."""
    details: list[str] = field(default_factory=list)
    """Lines under the title of a visit briefing: dates, place, head of delegation."""


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing template may use. Empty lists mean: leave the section out."""

    lang: str
    """The build language: a code of ``briefgen.languages.LANGUAGES`` (for ``<html lang>``)."""
    labels: dict[str, str]
    """Every fixed word in the build language; see the list at the end of this page."""
    cover: Cover
    """What the first page shows."""
    sections: list[Section]
    """The sections present, in order, for the table of contents."""
    summary: list[Paragraph] = field(default_factory=list)
    """The relationship in brief, the framework line first."""
    forum: Forum | None = None
    """The partner's cooperation forum (left out of a visit to that very forum)."""
    key_figures: list[Figure] = field(default_factory=list)
    """Ranks and headline figures."""
    charts: list[Chart] = field(default_factory=list)
    """Key-figure charts where the data supports one (often none); HTML: ``{{ chart | svg }}``, DOCX: ``c.image``."""
    partnerships: list[Partnership] = field(default_factory=list)
    """Locality pairings; ``highlight`` marks those of the visit's focus localities."""
    agreements: list[Agreement] = field(default_factory=list)
    """Trade agreements."""
    timeline: list[Event] = field(default_factory=list)
    """Dated events, in the profile's order."""
    people: list[Person] = field(default_factory=list)
    """People; ``highlight`` marks the visit's counterparts."""
    priorities: list[Paragraph] = field(default_factory=list)
    """Priority fields of cooperation."""
    national_context: list[FigureGroup] = field(default_factory=list)
    """Vietnam's own figures, by theme."""
    sources: list[Source] = field(default_factory=list)
    """The numbered sources, in order of first citation."""
    visit: Visit | None = None
    """The visit (visit briefings only)."""
    objectives: list[str] = field(default_factory=list)
    """The visit's objectives."""
    programme: list[ProgrammeItem] = field(default_factory=list)
    """The visit's programme."""
    talking_points: list[str] = field(default_factory=list)
    """Points to make, most important first."""
    vigilance: list[str] = field(default_factory=list)
    """Points of vigilance."""
    logo: bytes = b""
    """The partner's emblem: the PNG or JPEG file's bytes; HTML: ``{{ logo | data_uri }}``, DOCX: the image."""
    timestamp: str = ""
    """ISO 8601 date-time the documents are dated with (``--date``, ``SOURCE_DATE_EPOCH`` or the build day)."""

    def template_vars(self) -> dict[str, Any]:
        """The top-level names templates see: one per field of this class."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
