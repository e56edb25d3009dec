"""The document as a whole: its cover, its contents and ``Briefing``, every name a template sees."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from briefgen.view.viewmodel import blocks
from briefgen.view.viewmodel.common import Image, Paragraph, Portrait
from briefgen.view.viewmodel.partner import (
    Agreement,
    ChangedFact,
    Chart,
    Event,
    Figure,
    FigureGroup,
    Forum,
    Partnership,
    Person,
    Source,
)
from briefgen.view.viewmodel.visit import Asks, Commitment, Drafting, ProgrammeItem, Protocol, Purpose, Visit


@dataclass(frozen=True)
class Section:
    """A section present in this briefing, for the table of contents."""

    id: str
    title: str
    gap: bool = False
    """True when the visit lacks this section: a draft shows it "to be completed"."""


@dataclass(frozen=True)
class Heading:
    """The head of the first page in the issuer's own form (``office:`` in the profiles).

    In Vietnamese, Decree 30/2020/NĐ-CP's presentation of an internal note: left, the parent body over the
    issuing body (upper case) and the number and symbol; right, the national heading and the place-and-date
    line. In French and English the same information in a neutral form, without the national heading.
    A field the office does not give is empty, and not drawn.
    """

    parent: str
    """The body the issuer belongs to (``UBND TỈNH QUẢNG NINH``)."""
    issuer: str
    """The issuing body, upper case in Vietnamese (``SỞ NGOẠI VỤ``)."""
    reference: str
    """The number and symbol, labelled (``Số: …/BC-SNgV``; ``Ref.: …/BC-SNgV``)."""
    national: list[str] = field(default_factory=list)
    """The national heading, one entry per line: Vietnamese documents only."""
    place_date: str = ""
    """``Quảng Ninh, ngày 07 tháng 12 năm 2026``; ``Quảng Ninh, 7 December 2026``."""
    addressee: str = ""
    """Whom the note is addressed to, labelled (``Kính gửi: …``); not in the partner's edition."""
    purpose: str = ""
    """A partner briefing's purpose line, labelled (a visit's purpose is its first section)."""
    official: bool = False
    """Drawn in Decree 30's form (Vietnamese): bold upper-case bodies, rules under them, the date in italics."""


@dataclass(frozen=True)
class Closing:
    """The foot of the last page: who receives a copy (left), the drafting and clearance block (right).

    Left out of the partner's edition, and when the profile gives neither a distribution nor a drafting block.
    """

    label: str
    """``Nơi nhận:``; ``Distribution:``."""
    recipients: list[str]
    """Who receives a copy, in order; in Vietnamese as the decree writes them (``- …;``, the last ``- Lưu: VT, ….``)."""
    signer: str = ""
    """Who cleared the note last, upper case (Vietnamese documents, which close with the signatory)."""
    lines: list[str] = field(default_factory=list)
    """Labelled lines: drafting officer, date drafted, cleared by, date cleared."""
    official: bool = False
    """Drawn in Decree 30's form (Vietnamese): the label in bold italics, the signatory in bold."""


@dataclass(frozen=True)
class Cover:
    """What the first page shows."""

    title: str
    """The visit's title, or ``Briefing note — Japan`` (labels.briefing_on) for a partner's briefing."""
    partner: str
    partner_native: str
    subtitle: str
    issuer: str
    marking: str
    info_as_of: str
    """The range of the facts' as-of dates, labelled: ``Information as at 24 November 2025 – 19 January 2026``."""
    date: str = ""
    """The document's own date, labelled: ``Date: 24 January 2026`` (see ``briefgen.view.dating``)."""
    details: list[str] = field(default_factory=list)
    """Lines under the title of a visit briefing: dates, place, head of delegation."""
    fallback_note: str = ""
    """When some text lacks a translation: the sentence saying which parts are in which language
    (``Parts of this document are in French: they have not been translated yet.``); empty when everything
    is in the document's language."""
    draft: str = ""
    """``DRAFT`` in the build language on a draft, on every page; empty on a final document."""
    reference: str = ""
    """The drafting block's reference, labelled (``Reference FICT-2026-001``); empty when none is given."""
    kind: str = ""
    """The kind of document, over the title when the title does not say it: ``Visit briefing``
    (labels.visit_briefing) for a visit; empty for a partner's briefing, whose title says it."""
    old_count: str = ""
    """How many figures and titles are older than the age limit on the document's date, and marked
    (``2 figures or titles older than 12 months on 7 December 2026, marked``); empty when none is."""
    heading: Heading | None = None
    """The issuer's own form at the head of the first page (``office:``); None when the office gives none."""
    closing: Closing | None = None
    """The distribution and the drafting and clearance block at the end of the document, when given."""


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
    body: list[blocks.Section] = field(default_factory=list)
    """The sections present, in order, each as its blocks (``briefgen.view.viewmodel.blocks``): what writers walk."""
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
    mark_notes: dict[str, blocks.Paragraph] = field(default_factory=dict)
    """Each mark the checks print (``†``: older than the age limit) with the note explaining it, which ``body``
    carries once, after the first block with the mark; the key-facts page places it again among its own blocks."""
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
    names: tuple[str, ...] = ()
    """The profile's short names (countries, currencies, people, places: ``Việt Nam``, ``États-Unis``), longest
    first, that no line may break inside (briefgen.view.names): the HTML writer ties each into one piece
    (no-break spaces, word joiners around its hyphens)."""

    def template_vars(self) -> dict[str, Any]:
        """The top-level names templates see: one per field of this class."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
