"""The visit: what a delegation head needs, from its purpose to its drafting block.

Purpose, asks, programme with lines to take, delegation, interlocutors, protocol, follow-up, drafting.

Part of the profile schema (``briefgen.data.schema``, which re-exports every name).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from briefgen.data.facts_schema import AsOf, Biography, Language, Quotation, Quotes, Text
from briefgen.data.facts_schema import Model as _Model


class Member(_Model):
    """A member of our delegation."""

    name: str
    """Full name."""
    role: Text | None = None
    """Their title or role in the delegation."""
    biography: Biography | None = None
    """Their short biography."""


class Interlocutor(_Model):
    """Someone of the partner's side the delegation meets."""

    name: str
    """Full name, as they write it."""
    role: Text | None = None
    """Their title."""
    organisation: Text | None = None
    """The body they speak for (prefecture, ministry, company)."""
    biography: Biography | None = None
    """Their short biography."""


class Delegation(_Model):
    """Who travels: the head of delegation and the members."""

    head: Member | None = None
    """The head of delegation."""
    members: list[Member] = Field(default_factory=list)
    """The other members, in protocol order."""


class Focus(_Model):
    """The localities the visit is about; their partnerships are highlighted in the briefing."""

    ours: list[str] = Field(default_factory=list)
    """Our localities, by a name they have under ``partnerships``: their name in any language, or their
    ``native`` one, spelt as there (case aside); the briefing shows each in the build language."""
    theirs: list[str] = Field(default_factory=list)
    """The partner's localities, by a name they have under ``partnerships`` (any language, or ``native``)."""


class Answer(_Model):
    """A question the other side or the press may ask, and the reply to give."""

    question: Text
    """The question, as it may be put."""
    answer: Text
    """The reply to give."""


class ProgrammeItem(_Model):
    """One line of the visit's programme."""

    day: dt.date | str
    """The day (``2025-12-04``), or a label when the date is not fixed yet (``Jour 1``)."""
    time: Text | None = None
    """The time or time slot (``09:00``, ``09:00–10:30``)."""
    item: Text
    """What happens."""
    venue: Text | None = None
    """Where."""
    counterpart: str | None = None
    """Whom the delegation meets (one name); a name listed under ``people`` is highlighted there."""
    counterparts: list[str] = Field(default_factory=list)
    """Whom the delegation meets, when several; printed after ``counterpart``."""
    lines_to_take: list[Text] = Field(default_factory=list)
    """What to say at this meeting, most important first."""
    lines_to_avoid: list[Text] = Field(default_factory=list)
    """What not to say or commit to at this meeting."""
    questions: list[Answer] = Field(default_factory=list)
    """Defensive questions and answers: what they may ask, and the reply."""
    press_line: Text | None = None
    """The line for the press after this meeting."""


class Ask(_Model):
    """Something one side asks of the other, and what to reply."""

    ask: Text
    """What is asked, in one sentence."""
    reply: Text | None = None
    """The suggested reply or position (for our asks: what we offer in return, or how to press it)."""


class Contact(_Model):
    """Someone to call on the spot: at our embassy or consulate, or at the host's."""

    name: str
    """Full name."""
    role: Text | None = None
    """Their post (``Premier secrétaire, ambassade du Viet Nam à Tokyo``)."""
    phone: str | None = None
    """Telephone number, in international form."""
    email: str | None = None
    """E-mail address."""


class Protocol(_Model):
    """Protocol and logistics of the visit."""

    precedence: Text | None = None
    """Order of precedence, seating, who speaks when."""
    gifts: Text | None = None
    """Gifts to give and what to expect in return."""
    interpreters: Text | None = None
    """Who interprets, in which languages, for which meetings."""
    dress: Text | None = None
    """Dress code, per occasion when it differs."""
    contacts: list[Contact] = Field(default_factory=list)
    """Contacts at our embassy or consulate (and the host's liaison officer)."""


Status = Literal["done", "in_progress", "pending", "dropped"]


class Commitment(_Model):
    """A commitment made at an earlier meeting, and where it stands."""

    promise: Text
    """What was promised."""
    by: Text
    """Who promised it (which side, which person), and when."""
    status: Status
    """done, in_progress, pending or dropped."""
    note: Text | None = None
    """What has happened since, or what to say about it."""


class Drafting(_Model):
    """Who drafted the briefing, who cleared it, who receives it."""

    officer: Text
    """The drafting officer (name, and unit when useful), in each language the briefing is made in."""
    date: dt.date
    """The date of the draft."""
    clearance: list[Text] = Field(default_factory=list)
    """Who cleared it, in order (the last signs a Vietnamese note, Decree 30's form)."""
    cleared_on: dt.date | None = None
    """The date the last clearance was given."""
    reference: str | None = None
    """The reference number of the note."""
    distribution: list[Text] = Field(default_factory=list)
    """Who receives it."""


class Visit(_Model):
    """A delegation visit: what a visit file (``profiles/visits/NAME.yaml``) adds to its partner's profile."""

    title: Text
    """The visit's title, as on the invitation."""
    date: dt.date | None = None
    """The first day, when fixed."""
    end: dt.date | None = None
    """The last day, for a visit over several days."""
    period: Text | None = None
    """An approximate period when no date is fixed (``fin 2025``); never invent a date."""
    commitment: Text | None = None
    """A planning commitment the sources give instead of a date or a period, in their words
    (``d'ici la fin de l'année 2025``): printed as a commitment, never under "Date" nor as a dated
    event; give ``due`` with it."""
    due: AsOf | None = None
    """The last date the ``commitment`` allows (``2025`` for "by the end of 2025"): from the day after
    its last day (a year counts to its 31 December) the visit is past."""
    place: Text | None = None
    """Where the visit takes place."""
    organisers: list[Text] = Field(default_factory=list)
    """Who organises it."""
    theme: Text | None = None
    """Its theme, as announced; a translated theme says it is one (``(traduction)``)."""
    theme_quotation: Quotation | None = None
    """The theme as the source prints it, verbatim in the source's language (``also``: the other wording
    the source gives), and its translations, marked as such."""
    strands: list[Text] = Field(default_factory=list)
    """The content strands of its programme, as announced."""
    delegation: Delegation | None = None
    """Who travels."""
    focus: Focus = Field(default_factory=Focus)
    """The localities on each side the visit is about."""
    languages: list[Language] = Field(default_factory=list)
    """The languages its pre-visit pack is made in (``[fr, en]``): a briefing and a key-facts page in each,
    the profile's own language without a suffix, the others as ``briefing.en.pdf``; default: every language
    in which the visit, its partner profile and the defaults have complete text (``briefgen check --lang``)."""
    edition: Literal["internal", "partner", "both"] | None = None
    """Which edition its documents are made in when ``build --edition`` does not say: ours (``internal``, the
    default), the partner's (``partner``: without what is ours alone, ``briefing.partner.pdf``), or ``both``,
    side by side; a pre-visit pack holds the editions it names."""
    purpose: Text | None = None
    """Why the visit takes place, in one paragraph."""
    objectives: list[Text] = Field(default_factory=list)
    """What the delegation wants to achieve."""
    our_asks: list[Ask] = Field(default_factory=list)
    """What we ask of them, each with how to press it."""
    their_asks: list[Ask] = Field(default_factory=list)
    """What they are likely to ask of us, each with the suggested reply."""
    programme: list[ProgrammeItem] = Field(default_factory=list)
    """The programme, in order; each meeting may carry its own lines, questions and press line."""
    talking_points: list[Text] = Field(default_factory=list)
    """Lines to take throughout the visit, most important first (the first five go on the key-facts page)."""
    vigilance: list[Text] = Field(default_factory=list)
    """Points of vigilance throughout the visit: risks, sensitive subjects, things not to say."""
    interlocutors: list[Interlocutor] = Field(default_factory=list)
    """Whom the delegation meets on the partner's side, in order of precedence."""
    protocol: Protocol | None = None
    """Protocol and logistics."""
    follow_up: list[Commitment] = Field(default_factory=list)
    """Commitments made at earlier meetings and where they stand; ``follow_up: []`` says there are none."""
    drafting: Drafting | None = None
    """Who drafted, cleared and receives the briefing."""
    source: str | None = None
    """Key of an entry of ``sources`` for what the visit file states from a published source."""
    as_of: AsOf | None = None
    """The date the sourced details hold at."""
    quote: Quotes = Field(default_factory=list)
    """Short excerpts of ``source`` that state the visit's sourced details, word for word in its language."""

    @model_validator(mode="after")
    def _dated(self) -> Visit:
        if self.date is None and self.period is None and self.commitment is None:
            raise ValueError(
                "a visit needs a 'date' or, when no date is fixed yet, a 'period' such as 'fin 2025' "
                "or a 'commitment' such as 'by the end of 2025' with its 'due' date"
            )
        if (self.commitment is None) != (self.due is None):
            raise ValueError(
                "a 'commitment' comes with its 'due' date (2025 for 'by the end of 2025'), "
                "and 'due' with a 'commitment'"
            )
        if self.end is not None and (self.date is None or self.end < self.date):
            raise ValueError("'end' must come with a 'date' and not before it")
        if self.source is not None and self.as_of is None:
            raise ValueError("a visit that names a 'source' needs the 'as_of' date its details hold at")
        return self
