"""The profile schema: one pydantic model, the single definition of what a profile may hold.

The docstring under each field is the profile reference (``briefgen new`` and the docs read it).
Numbers are data, never pre-formatted text: the context stage formats them for each language.

The models are in ``facts_schema`` (dates, texts, sources, the partner's facts) and ``visit_schema``
(the visit); every name is re-exported here, so ``schema.Visit`` and ``schema.Figure`` read as before.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from briefgen.data.facts_schema import (
    Agreement,
    AsOf,
    Biography,
    Claim,
    Event,
    Figure,
    FigureGroup,
    Forum,
    Language,
    Locality,
    PartialDate,
    Partner,
    Partnership,
    Person,
    Qualifier,
    Quotation,
    Quotes,
    Source,
    Sourced,
    Text,
    Translatable,
)
from briefgen.data.facts_schema import Model as _Model
from briefgen.data.office_schema import Office
from briefgen.data.visit_schema import (
    Ask,
    Commitment,
    Contact,
    Delegation,
    Drafting,
    Focus,
    Interlocutor,
    Member,
    ProgrammeItem,
    Protocol,
    Status,
    Visit,
)
from briefgen.languages import DEFAULT

__all__ = [
    "Agreement",
    "AsOf",
    "Ask",
    "Biography",
    "Claim",
    "Commitment",
    "Contact",
    "Delegation",
    "Drafting",
    "Event",
    "Figure",
    "FigureGroup",
    "Focus",
    "Forum",
    "Interlocutor",
    "Language",
    "Locality",
    "Member",
    "Office",
    "PartialDate",
    "Partner",
    "Partnership",
    "Person",
    "ProgrammeItem",
    "Protocol",
    "Qualifier",
    "Quotation",
    "Quotes",
    "Source",
    "Sourced",
    "Status",
    "Text",
    "Translatable",
    "Visit",
    "Profile",
]


class Profile(_Model):
    """A partner profile merged over the defaults: everything a briefing is made from."""

    language: Language = DEFAULT
    """Language the profile's text is written in, and the default build language."""
    issuer: Text
    """The issuing body printed on the cover and set as the documents' author."""
    marking: Text
    """Classification marking printed on the cover and on every page, as the office writes it."""
    office: Office | None = None
    """The issuing office's own form: parent body, province, national heading, reference pattern,
    place-and-date line, addressee and distribution (usually from the defaults layer)."""
    purpose: Text | None = None
    """A partner briefing's purpose line: why it is written and for whom (a visit says its own, ``visit.purpose``)."""
    drafting: Drafting | None = None
    """A partner briefing's drafting and clearance block (a visit's own ``visit.drafting`` wins)."""
    partner: Partner
    """Who the briefing is about."""
    framework: Claim | None = None
    """The name and standing of the bilateral relationship."""
    summary: list[Claim] = Field(default_factory=list)
    """The relationship at a glance: at most six short sourced points, printed as bullets (the longer
    account goes to ``narrative``)."""
    narrative: list[Claim] = Field(default_factory=list)
    """The relationship in detail: the longer sourced account, printed as an annex after the partner's sections."""
    forum: Forum | None = None
    """The local cooperation forum, when there is one."""
    key_figures: list[Figure] = Field(default_factory=list)
    """The partner's ranks and the headline figures of the relationship."""
    partnerships: list[Partnership] = Field(default_factory=list)
    """Locality pairings, exactly as the sources name them."""
    agreements: list[Agreement] = Field(default_factory=list)
    """Trade agreements both sides are party to."""
    timeline: list[Event] = Field(default_factory=list)
    """Dated events of the relationship."""
    people: list[Person] = Field(default_factory=list)
    """People the sources name."""
    priorities: list[Claim] = Field(default_factory=list)
    """Priority fields of cooperation."""
    orientations: list[Claim] = Field(default_factory=list)
    """What local external action is to concentrate on in the coming year, as the sources set it out."""
    national_context: list[FigureGroup] = Field(default_factory=list)
    """Vietnam's own figures that frame the visit (usually from the defaults layer)."""
    sources: dict[str, Source] = Field(default_factory=dict)
    """Every source cited, by key."""
    visit: Visit | None = None
    """The visit, when the briefing is built from a visit file."""

    @field_validator("summary")
    @classmethod
    def _glance(cls, points: list[Claim]) -> list[Claim]:
        if len(points) > SUMMARY_POINTS:
            raise ValueError(
                f"at most {SUMMARY_POINTS} points, a reader takes them in at a glance; got {len(points)}: "
                "keep the key ones and move the others to 'narrative' (the annex)"
            )
        return points


SUMMARY_POINTS = 6
"""The most points ``summary`` may hold."""
