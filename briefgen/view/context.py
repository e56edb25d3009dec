"""Context: a validated Profile becomes the view model, every number and date formatted for a language.

This is the only stage that formats (Babel) and translates labels. The sections come from the
registry (``briefgen.view.sections``), which also numbers the sources: ``[1]`` is the first reference
a reader meets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from briefgen.data import schema
from briefgen.view import office_form, viewmodel
from briefgen.view.facts import facts_document
from briefgen.view.formatting import Formatter, Sources
from briefgen.view.names import kept_whole, names
from briefgen.view.section_input import OLD_MARK
from briefgen.view.sections import (
    INTERNAL,
    Input,
    Section,
    as_of_range,
    build_sections,
    key_facts_refs,
    newest_as_of,
    section_words,
)
from briefgen.view.viewmodel import blocks

_NO_VISIT = schema.Visit(title="", period="")
"""Stands in for the visit of a partner briefing: no focus, no programme, nothing to add."""


def build_briefing(
    profile: schema.Profile,
    lang: str | None = None,
    timestamp: str = "",
    logo: bytes | None = None,
    earlier: Mapping[str, Any] | None = None,
    *,
    final: bool = False,
    photos: Mapping[str, bytes] | None = None,
    edition: str = "",
    max_age: str = "12m",
) -> viewmodel.Briefing:
    """The view model of ``profile`` in ``lang`` (default: the profile's own language).

    ``timestamp`` (ISO 8601) dates the documents, and its day is the cover's document date; the
    caller chooses it (``briefgen.view.dating``) so that this stays a pure function of its arguments.
    ``earlier``, the facts of an earlier pack (``facts.json``), adds the section of what changed since.
    A document that is not ``final`` is a draft, marked so on every page. ``logo`` and ``photos`` (by the
    path the profile gives) are the images' bytes, read by the caller. ``edition="partner"``: the partner's
    edition, without what is ours alone (``Section.internal``), marked "Edition for the partner" instead of ours.
    Each figure or title older than ``max_age`` on the document's date carries a mark (``checks.age_marks``),
    counted on the cover and explained once, after the first block that carries it.
    """
    from briefgen.view.checks import age_marks, past_note

    day = dt.date.fromisoformat(timestamp[:10]) if timestamp else None
    fmt = Formatter(lang or profile.language, profile.language)
    fmt.labels.update(section_words(fmt.lang))
    labels = dict(fmt.labels)
    partner = fmt.text(profile.partner.name)
    given = Input(
        profile,
        fmt,
        Sources(profile.sources),
        profile.visit or _NO_VISIT,
        partner,
        earlier=earlier,
        current=facts_document("", profile, "", newest_as_of(profile)) if earlier is not None else None,
        photos={path: _image(data) for path, data in (photos or {}).items()},
        partner_edition=edition == PARTNER,
        ages=age_marks(profile, day=day, max_age=max_age, lang=fmt.lang) if day else None,
        past=past_note(profile, day=day, lang=fmt.lang) if day else "",
    )
    shown, fields = build_sections(given)
    present = [s for s, _ in shown]
    filled = [s for s, gap in shown if not gap]  # a gap has no view data: nothing for the key-facts page
    labels.update({s.id: s.title(given) for s in present if s.title})
    numbers = key_facts_refs(filled, given)
    body = [_section(s, gap, given, labels) for s, gap in shown]
    note = given.age_note()
    return viewmodel.Briefing(
        lang=fmt.lang,
        labels=labels,
        cover=_cover(given, labels, fields.get("visit"), timestamp, final=final),
        sections=[viewmodel.Section(s.id, labels[s.id], gap) for s, gap in shown],
        body=blocks.noted_once(body, note, OLD_MARK) if note else body,
        mark_notes={OLD_MARK: note} if note else {},
        gaps=[s.id for s, gap in shown if gap],
        key_facts=[viewmodel.Section(s.id, labels[s.id]) for s in filled if s.key_facts],
        key_facts_sources=[s for s in fields.get("sources", []) if s.number in numbers],
        timestamp=timestamp,
        logo=_image(logo) if logo else None,
        names=tuple(n for n in names(profile.model_dump()) if kept_whole(n)),
        **fields,
    )


PARTNER = "partner"
"""The edition the partner may read (``build --edition partner``); the internal one is the default."""


def internal_shown(briefing: viewmodel.Briefing) -> list[str]:
    """What a partner's edition shows that is ours alone: its internal sections, and our marking.

    ``build --final`` refuses a partner's edition that shows any (``Section.internal``).
    """
    found = [s.id for s in briefing.body if s.id in INTERNAL]
    return found + (["marking"] if briefing.cover.marking != briefing.labels["partner_edition"] else [])


def _section(section: Section, gap: bool, given: Input, labels: Mapping[str, str]) -> blocks.Section:
    """A section as blocks: what its builder makes of the profile, or a gap "to be completed"."""
    if gap:
        content: tuple[blocks.Block, ...] = (blocks.Gap(labels["to_be_completed"]),)
    else:
        assert section.content is not None, f"section {section.id} has no content builder"
        content = tuple(section.content(given))
    return blocks.Section(section.id, labels[section.id], content, gap=gap, key_facts=section.key_facts)


def _image(data: bytes) -> viewmodel.Image:
    """A PNG or JPEG file's bytes (validation admits no other kind) with their media type."""
    return viewmodel.Image(data, "image/png" if data.startswith(b"\x89PNG") else "image/jpeg")


def _cover(
    given: Input,
    labels: Mapping[str, str],
    visit: viewmodel.Visit | None,
    timestamp: str,
    *,
    final: bool,
) -> viewmodel.Cover:
    """What the first page shows: the visit's title and details, or "Briefing on PARTNER"; dates, marking."""
    profile, fmt, partner = given.profile, given.fmt, given.partner
    drafting = office_form.drafting_of(profile)
    reference = drafting.reference if drafting and drafting.reference else ""
    day = dt.date.fromisoformat(timestamp[:10]) if timestamp else None
    title = visit.title if visit else viewmodel.formatted(labels["briefing_on"], partner=partner)
    kind = labels["visit_briefing"] if visit else labels["briefing"]
    return viewmodel.Cover(
        title=title,
        kind="" if kind.casefold() in str(title).casefold() else kind,
        partner=partner,
        partner_native=profile.partner.native or "",
        subtitle=fmt.text(profile.framework.text) if profile.framework else "",
        issuer=fmt.text(profile.issuer),
        # Ours is not for the partner: the partner's edition is marked as such, on the cover and every page.
        marking=labels["partner_edition"] if given.partner_edition else fmt.text(profile.marking),
        info_as_of=_facts_as_of(profile, fmt),
        date=labels["document_date"].format(date=fmt.date(day)) if day else "",
        details=_visit_details(visit, labels, given.past) if visit else [],
        fallback_note=fmt.fallback_note(),
        draft="" if final else labels["draft"],
        reference=f"{labels['reference']} {reference}" if reference else "",
        old_count=given.ages.count if given.ages else "",
        heading=office_form.heading(given, labels, day),
        closing=office_form.closing(given, labels),
    )


def _visit_details(visit: viewmodel.Visit, labels: Mapping[str, str], past: str = "") -> list[str]:
    """The lines under a visit's title: dates (or period, or commitment), past or not, place, head of delegation."""
    labelled = labels["labelled"]
    planned = viewmodel.formatted(labelled, label=labels["planned"], value=visit.planned) if visit.planned else ""
    commitment = (
        viewmodel.formatted(labelled, label=labels["commitment"], value=visit.commitment) if visit.commitment else ""
    )
    details = [line for line in (visit.when, planned, commitment, past, visit.place) if line]
    if visit.head:
        details.append(viewmodel.formatted(labelled, label=labels["head"], value=visit.head.line))
    return details


def _facts_as_of(profile: schema.Profile, fmt: Formatter) -> str:
    """``Information as at 24 November 2025 – 19 January 2026``: the oldest and newest as-of dates (one when equal)."""
    found = as_of_range(profile)
    if found is None:
        return ""
    oldest, newest = (fmt.partial(d) for d in found)
    text = newest if oldest == newest else f"{oldest} – {newest}"
    return fmt.labels["info_as_of"].format(range=text)
