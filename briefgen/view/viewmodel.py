"""The view model: what every renderer receives, as ready-to-print strings.

The context stage (``briefgen.view.context``) is the only producer of these objects. Renderers
(DOCX, HTML/PDF, terminal) only loop over them and test them for emptiness: every number,
date and label here is already formatted and translated for the build language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


class Text(str):
    """A profile's text shown in another language than the document's (a translation is missing).

    It is a ``str`` like any other, so templates print and test it as usual; ``lang`` says which
    language it is in, and the HTML/PDF and DOCX renderers mark it so (``<span lang>``,
    ``w:lang``), for screen readers and spell-checkers. Text in the document's own language is
    a plain ``str``. Building a string from it (``str.format``, ``+``) gives a plain ``str``.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> Text:
        """``text``, written in ``lang``."""
        self = super().__new__(cls, text)
        self.lang = lang
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its language (a batch sends views between processes)."""
        return Text, (str(self), self.lang)


def language_of(value: object) -> str | None:
    """The language of a view-model string when it differs from the document's, else None."""
    return value.lang if isinstance(value, Text) else None


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
    kind: str = ""
    """What kind of pairing, and since when (``jumelage, depuis 2013``); empty when not given."""


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
class Line:
    """A labelled value, printed ``label: value`` or as one row of a two-column table."""

    label: str
    value: str


@dataclass(frozen=True)
class Bullets:
    """A labelled list (career points, earlier meetings, lines to take)."""

    label: str
    items: list[str]


@dataclass(frozen=True)
class Image:
    """An image a profile names (the partner's emblem, a biography photo): its bytes; each format places it."""

    data: bytes
    """The PNG or JPEG file's bytes, as read."""
    media_type: str
    """``image/png`` or ``image/jpeg``."""


@dataclass(frozen=True)
class Portrait:
    """Someone with their short biography: a heading, labelled lines, labelled lists."""

    name: str
    lines: list[Line]
    """Role, organisation, current post, form of address: only those given."""
    lists: list[Bullets]
    """Career points and earlier meetings with us: only those given."""
    photo: Image | None = None
    """Their photo; HTML: ``{{ p.photo | data_uri }}``, DOCX: ``{{ p | photo }}`` (its alt text the name)."""


@dataclass(frozen=True)
class Purpose:
    """Why the visit takes place and what it should achieve."""

    text: str
    objectives: list[str]


@dataclass(frozen=True)
class Ask:
    """One ask and the suggested reply (or how to press it)."""

    ask: str
    reply: str


@dataclass(frozen=True)
class Asks:
    """Our asks and their likely asks."""

    ours: list[Ask]
    theirs: list[Ask]


@dataclass(frozen=True)
class Answer:
    """A defensive question and its answer."""

    question: str
    answer: str


@dataclass(frozen=True)
class Contact:
    """A contact on the spot."""

    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class Protocol:
    """Protocol and logistics."""

    lines: list[Line]
    """Precedence, gifts, interpreters, dress: only those given."""
    contacts: list[Contact]


@dataclass(frozen=True)
class Commitment:
    """An earlier commitment and where it stands."""

    promise: str
    by: str
    status: str
    """Translated: done, in progress, pending, dropped."""
    note: str


@dataclass(frozen=True)
class Drafting:
    """The drafting block: drafting officer, date, clearance, reference, distribution."""

    lines: list[Line]
    distribution: list[str]


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
    """Everyone the delegation meets there, joined."""
    lines_to_take: list[str] = field(default_factory=list)
    lines_to_avoid: list[str] = field(default_factory=list)
    questions: list[Answer] = field(default_factory=list)
    """Defensive questions and answers."""
    press_line: str = ""
    briefed: bool = False
    """True when the meeting carries lines, questions or a press line (drawn after the table)."""


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


@dataclass(frozen=True)
class Section:
    """A section present in this briefing, for the table of contents."""

    id: str
    title: str
    gap: bool = False
    """True when the visit lacks this section: a draft shows it "to be completed"."""


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
    """The document's own date, labelled: ``Document dated 24 January 2026`` (see ``briefgen.view.dating``)."""
    details: list[str] = field(default_factory=list)
    """Lines under the title of a visit briefing: dates, place, head of delegation."""
    fallback_note: str = ""
    """When some text lacks a translation: the sentence saying which parts are in which language
    (``Some passages are in French: …``); empty when everything is in the document's language."""
    draft: str = ""
    """``DRAFT`` in the build language on a draft, on every page; empty on a final document."""


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
    purpose: Purpose | None = None
    """Why the visit takes place, and its objectives."""
    asks: Asks | None = None
    """Our asks and their likely asks, each with a suggested reply."""
    programme: list[ProgrammeItem] = field(default_factory=list)
    """The visit's programme."""
    talking_points: list[str] = field(default_factory=list)
    """Points to make, most important first."""
    vigilance: list[str] = field(default_factory=list)
    """Points of vigilance."""
    changes: list[ChangedFact] = field(default_factory=list)
    """What differs from the earlier pack of the same visit (packs only; its title, ``labels.changes``,
    names that pack's date)."""
    key_facts: list[Section] = field(default_factory=list)
    """The sections present that the key-facts page shows (``key_facts`` in the section registry), in order."""
    key_facts_sources: list[Source] = field(default_factory=list)
    """The sources the key-facts sections cite, numbered as in the briefing."""
    delegation: list[Portrait] = field(default_factory=list)
    """Our delegation, head first, with biographies."""
    interlocutors: list[Portrait] = field(default_factory=list)
    """Whom the delegation meets on the partner's side, with biographies."""
    protocol: Protocol | None = None
    """Protocol and logistics."""
    follow_up: list[Commitment] = field(default_factory=list)
    """Earlier commitments and where they stand."""
    drafting: Drafting | None = None
    """Who drafted, cleared and receives the briefing."""
    gaps: list[str] = field(default_factory=list)
    """Ids of the visit's sections it lacks, shown "to be completed" (``labels.to_be_completed``)."""
    logo: Image | None = None
    """The partner's emblem; HTML: ``{{ logo | data_uri }}``, DOCX: ``{{ logo }}`` (the placed image)."""
    timestamp: str = ""
    """ISO 8601 date-time the documents are dated with (``--date``, ``SOURCE_DATE_EPOCH`` or the build day)."""

    def template_vars(self) -> dict[str, Any]:
        """The top-level names templates see: one per field of this class."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
