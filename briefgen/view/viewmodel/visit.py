"""A visit's sections: the visit, its purpose, asks, programme, delegation, protocol, follow-up and drafting."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.view.viewmodel.common import Line, Ref


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
    commitment: str = ""
    """A planning commitment the sources give instead of a date (``by the end of 2025``), shown under
    ``labels.commitment``, never under a date."""
    past: str = ""
    """``Already past on 7 December 2026`` when the visit is past on the document's date; else empty."""


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
class Answer:
    """A defensive question and its answer."""

    question: str
    answer: str


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
    """What of the drafting block the closing block and the heading do not show (a reference without a heading)."""

    lines: list[Line]
    distribution: list[str]
