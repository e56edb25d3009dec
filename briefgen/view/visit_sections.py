"""The builders of a visit's own sections, which ``briefgen.view.sections`` registers.

Purpose, asks, programme, delegation, interlocutors, protocol, follow-up, drafting: this module only
turns the schema into view data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from briefgen.data import schema
from briefgen.view import viewmodel

if TYPE_CHECKING:
    from briefgen.view.formatting import Formatter
    from briefgen.view.section_input import Input


def _lines(fmt: Formatter, pairs: list[tuple[str, Any]]) -> list[viewmodel.Line]:
    """The labelled lines whose value is given, in order; a value is text (translated) or a string."""
    result = []
    for key, value in pairs:
        text = value if isinstance(value, str) else fmt.text(value)
        if text:
            result.append(viewmodel.Line(fmt.labels[key], text))
    return result


def portrait(
    i: Input, name: str, role: schema.Text | None, bio: schema.Biography | None, organisation: Any = None
) -> viewmodel.Portrait:
    """Someone and their short biography, as labelled lines and lists, with their photo when there is one."""
    fmt = i.fmt
    bio = bio or schema.Biography()
    lines = _lines(
        fmt,
        [("role", role), ("organisation", organisation), ("post", bio.post), ("address", bio.address)],
    )
    lists = [
        viewmodel.Bullets(fmt.labels[key], fmt.texts(items))
        for key, items in (("career", bio.career), ("meetings", bio.meetings))
        if items
    ]
    return viewmodel.Portrait(name, lines, lists, i.photos.get(bio.photo or ""))


def purpose(i: Input) -> Mapping[str, Any]:
    """The purpose paragraph and the objectives."""
    return {"purpose": viewmodel.Purpose(i.fmt.text(i.plan.purpose), i.fmt.texts(i.plan.objectives))}


def asks(i: Input) -> Mapping[str, Any]:
    """Our asks and theirs, each with its reply."""

    def shown(items: list[schema.Ask]) -> list[viewmodel.Ask]:
        return [viewmodel.Ask(i.fmt.text(a.ask), i.fmt.text(a.reply)) for a in items]

    return {"asks": viewmodel.Asks(shown(i.plan.our_asks), shown(i.plan.their_asks))}


def programme(i: Input) -> Mapping[str, Any]:
    """The programme, each meeting with its own lines, questions and press line."""
    fmt = i.fmt
    result = []
    for p in i.plan.programme:
        questions = [viewmodel.Answer(fmt.text(q.question), fmt.text(q.answer)) for q in p.questions]
        take, avoid, press = fmt.texts(p.lines_to_take), fmt.texts(p.lines_to_avoid), fmt.text(p.press_line)
        result.append(
            viewmodel.ProgrammeItem(
                day=fmt.date(p.day) if isinstance(p.day, dt.date) else fmt.text(p.day),
                time=fmt.text(p.time),
                item=fmt.text(p.item),
                venue=fmt.text(p.venue),
                counterpart=", ".join(n for n in (p.counterpart, *p.counterparts) if n),
                lines_to_take=take,
                lines_to_avoid=avoid,
                questions=questions,
                press_line=press,
                briefed=bool(take or avoid or questions or press),
            )
        )
    return {"programme": result}


def delegation(i: Input) -> Mapping[str, Any]:
    """Our delegation, head first."""
    d = i.plan.delegation or schema.Delegation()
    people = ([d.head] if d.head else []) + d.members
    shown = [portrait(i, m.name, m.role, m.biography) for m in people]
    if d.head and shown:
        head = shown[0]
        role = viewmodel.Line(i.labels["head"], head.lines[0].value if head.lines else "")
        shown[0] = dataclasses.replace(head, lines=[role, *head.lines[1:]])
    return {"delegation": shown}


def interlocutors(i: Input) -> Mapping[str, Any]:
    """The partner's people the delegation meets."""
    return {"interlocutors": [portrait(i, p.name, p.role, p.biography, p.organisation) for p in i.plan.interlocutors]}


def protocol(i: Input) -> Mapping[str, Any]:
    """Precedence, gifts, interpreters, dress, contacts."""
    p, fmt = i.plan.protocol, i.fmt
    assert p is not None  # built only when present
    lines = _lines(
        fmt, [("precedence", p.precedence), ("gifts", p.gifts), ("interpreters", p.interpreters), ("dress", p.dress)]
    )
    contacts = [viewmodel.Contact(c.name, fmt.text(c.role), c.phone or "", c.email or "") for c in p.contacts]
    return {"protocol": viewmodel.Protocol(lines, contacts)}


def follow_up(i: Input) -> Mapping[str, Any]:
    """Earlier commitments and where they stand."""
    fmt = i.fmt
    return {
        "follow_up": [
            viewmodel.Commitment(
                fmt.text(c.promise), fmt.text(c.by), fmt.labels[f"status_{c.status}"], fmt.text(c.note)
            )
            for c in i.plan.follow_up
        ]
    }


def drafting(i: Input) -> Mapping[str, Any]:
    """The drafting block."""
    d, fmt = i.plan.drafting, i.fmt
    assert d is not None  # built only when present
    lines = _lines(
        fmt,
        [
            ("drafting_officer", d.officer),
            ("drafting_date", fmt.date(d.date)),
            ("clearance", ", ".join(d.clearance)),
            ("reference", d.reference or ""),
        ],
    )
    return {"drafting": viewmodel.Drafting(lines, fmt.texts(d.distribution))}
