"""The builders of a visit's own sections, which ``briefgen.view.sections`` registers.

Purpose, asks, programme, delegation, interlocutors, protocol, follow-up, drafting: this module only
turns the schema into view data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from briefgen.data import schema
from briefgen.view import office_form, viewmodel
from briefgen.view.viewmodel import blocks

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
        return [viewmodel.Ask(i.fmt.text(a.ask), "" if i.partner_edition else i.fmt.text(a.reply)) for a in items]

    theirs = [] if i.partner_edition else i.plan.their_asks  # their likely asks are ours alone
    return {"asks": viewmodel.Asks(shown(i.plan.our_asks), shown(theirs))}


def programme(i: Input) -> Mapping[str, Any]:
    """The programme, each meeting with its own lines, questions and press line."""
    fmt = i.fmt
    ours = not i.partner_edition  # the lines to avoid and the defensive questions are ours alone
    result = []
    for p in i.plan.programme:
        questions = [viewmodel.Answer(fmt.text(q.question), fmt.text(q.answer)) for q in p.questions if ours]
        take, press = fmt.texts(p.lines_to_take), fmt.text(p.press_line)
        avoid = fmt.texts(p.lines_to_avoid) if ours else []
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
                fmt.text(c.promise),
                fmt.text(c.by),
                fmt.labels[f"status_{c.status}"],
                "" if i.partner_edition else fmt.text(c.note),  # our internal comment
            )
            for c in i.plan.follow_up
        ]
    }


def drafting(i: Input) -> Mapping[str, Any]:
    """What of the drafting block the closing block and the heading do not show (``office_form.drafting_left``)."""
    return {"drafting": viewmodel.Drafting(_lines(i.fmt, office_form.drafting_left(i)), [])}


# --------------------------------------------------------------------------- the visit's sections as blocks


def _facts(lines: list[viewmodel.Line]) -> blocks.Facts:
    return blocks.Facts(tuple(blocks.Fact(line.label, (line.value,)) for line in lines))


def _items(texts: list[str]) -> tuple[blocks.Inline, ...]:
    return tuple((t,) for t in texts)


def _cards(portraits: list[viewmodel.Portrait]) -> list[blocks.Block]:
    return [blocks.PeopleCards(tuple(blocks.card(p) for p in portraits))]


def purpose_blocks(i: Input) -> list[blocks.Block]:
    """The purpose paragraph, then the objectives."""
    p: viewmodel.Purpose = purpose(i)["purpose"]
    shown: list[blocks.Block] = [blocks.Paragraph((p.text,))] if p.text else []
    if p.objectives:
        shown += [blocks.Heading((i.labels["objectives"],)), blocks.Bullets(_items(p.objectives))]
    return shown


def asks_blocks(i: Input) -> list[blocks.Block]:
    """Our asks, then theirs, each a table of asks and replies."""
    a: viewmodel.Asks = asks(i)["asks"]
    columns: tuple[blocks.Column, ...] = (
        blocks.Column(i.labels["ask"], "ask"),
        blocks.Column(i.labels["reply"], "reply"),
    )
    if i.partner_edition:  # the replies we prepared are ours alone: the partner's edition shows our asks only
        columns = columns[:1]
    shown: list[blocks.Block] = []
    for key, items in (("our_asks", a.ours), ("their_asks", a.theirs)):
        if items:
            rows = tuple(blocks.Row(((x.ask,), (x.reply,))[: len(columns)]) for x in items)
            shown += [blocks.Heading((i.labels[key],)), blocks.Table("asks", columns, rows)]
    return shown


def programme_blocks(i: Input) -> list[blocks.Block]:
    """The programme as a table, then each briefed meeting with its lines, questions and press line."""
    labels, items = i.labels, programme(i)["programme"]
    columns = tuple(blocks.Column(labels[key], key) for key in ("day", "time", "item", "venue", "counterpart"))
    rows = tuple(blocks.Row(((p.day,), (p.time,), (p.item,), (p.venue,), (p.counterpart,))) for p in items)
    shown: list[blocks.Block] = [blocks.Table("programme", columns, rows)]
    briefed = [p for p in items if p.briefed]
    if briefed:
        shown.append(blocks.Heading((labels["meeting_lines"],)))
    for p in briefed:
        when = (p.day, " · ", p.time) if p.time else (p.day,)
        who = (" (", p.counterpart, ")") if p.counterpart else ()
        title = viewmodel.joined("", (*when, " — ", p.item, *who))
        meeting: list[blocks.Block] = [blocks.Heading((title,), level=3)]
        for key, lines in (("lines_to_take", p.lines_to_take), ("lines_to_avoid", p.lines_to_avoid)):
            if lines:
                meeting.append(blocks.Bullets(_items(lines), label=labels[key]))
        if p.questions:
            labelled = labels["labelled"]
            qa = tuple(
                blocks.Definition(
                    (viewmodel.formatted(labelled, label=labels["question"], value=q.question),),
                    (viewmodel.formatted(labelled, label=labels["answer"], value=q.answer),),
                )
                for q in p.questions
            )
            meeting.append(blocks.Definitions(qa, label=labels["questions"]))
        if p.press_line:
            meeting.append(blocks.Paragraph((p.press_line,), label=labels["press_line"], role="press"))
        shown.append(blocks.Group(tuple(meeting)))
    return shown


def points_blocks(name: str, *, ordered: bool) -> Callable[[Input], list[blocks.Block]]:
    """The builder of a list of plain texts of the visit (talking points: numbered; vigilance)."""
    return lambda i: [blocks.Bullets(_items(i.fmt.texts(getattr(i.plan, name))), ordered=ordered)]


def delegation_blocks(i: Input) -> list[blocks.Block]:
    """Our delegation, head first, each on a card."""
    return _cards(delegation(i)["delegation"])


def interlocutors_blocks(i: Input) -> list[blocks.Block]:
    """The partner's people the delegation meets, each on a card."""
    return _cards(interlocutors(i)["interlocutors"])


def protocol_blocks(i: Input) -> list[blocks.Block]:
    """Precedence, gifts, interpreters, dress; then the contacts on the spot."""
    p: viewmodel.Protocol = protocol(i)["protocol"]
    shown: list[blocks.Block] = [_facts(p.lines)] if p.lines else []
    if p.contacts:
        columns = tuple(blocks.Column(i.labels[key], key) for key in ("name", "role", "phone", "email"))
        rows = tuple(blocks.Row(((c.name,), (c.role,), (c.phone,), (c.email,))) for c in p.contacts)
        shown += [blocks.Heading((i.labels["contacts"],)), blocks.Table("contacts", columns, rows)]
    return shown


def follow_up_blocks(i: Input) -> list[blocks.Block]:
    """Earlier commitments and where they stand."""
    columns = tuple(blocks.Column(i.labels[key], key) for key in ("promise", "by", "status", "note"))
    rows = tuple(blocks.Row(((c.promise,), (c.by,), (c.status,), (c.note,))) for c in follow_up(i)["follow_up"])
    return [blocks.Table("follow-up", columns, rows)]


def drafting_blocks(i: Input) -> list[blocks.Block]:
    """The drafting block: labelled lines, then the distribution list (the closing block shows it: empty)."""
    d: viewmodel.Drafting = drafting(i)["drafting"]
    shown: list[blocks.Block] = [_facts(d.lines)]
    if d.distribution:
        shown.append(blocks.Bullets(_items(d.distribution), label=i.labels["distribution"]))
    return shown
