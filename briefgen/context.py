"""Context: a validated Profile becomes the view model, every number and date formatted for a language.

This is the only stage that formats (Babel) and translates labels. The sections come from the
registry (``briefgen.sections``), which also numbers the sources: ``[1]`` is the first reference
a reader meets.
"""

from __future__ import annotations

import datetime as dt

from briefgen import schema, viewmodel
from briefgen.formatting import Formatter, Sources
from briefgen.sections import Input, as_of_range, build_sections

_NO_VISIT = schema.Visit(title="", period="")
"""Stands in for the visit of a partner briefing: no focus, no programme, nothing to add."""


def build_briefing(
    profile: schema.Profile, lang: str | None = None, timestamp: str = "", logo: bytes | None = None
) -> viewmodel.Briefing:
    """The view model of ``profile`` in ``lang`` (default: the profile's own language).

    ``timestamp`` (ISO 8601) dates the documents, and its day is the cover's document date; the
    caller chooses it (``briefgen.dating``) so that this stays a pure function of its arguments.
    """
    fmt = Formatter(lang or profile.language, profile.language)
    labels = fmt.labels
    partner = fmt.text(profile.partner.name)
    shown, fields = build_sections(Input(profile, fmt, Sources(profile.sources), profile.visit or _NO_VISIT, partner))
    visit: viewmodel.Visit | None = fields.get("visit")

    details = []
    if visit:
        planned = labels["labelled"].format(label=labels["planned"], value=visit.planned) if visit.planned else ""
        details = [line for line in (visit.when, planned, visit.place) if line]
        if visit.head:
            details.append(labels["labelled"].format(label=labels["head"], value=visit.head.line))
    cover = viewmodel.Cover(
        title=visit.title if visit else labels["briefing_on"].format(partner=partner),
        partner=partner,
        partner_native=profile.partner.native or "",
        subtitle=fmt.text(profile.framework.text) if profile.framework else "",
        issuer=fmt.text(profile.issuer),
        marking=fmt.text(profile.marking),
        info_as_of=_facts_as_of(profile, fmt),
        date=labels["document_date"].format(date=fmt.date(dt.date.fromisoformat(timestamp[:10]))) if timestamp else "",
        details=details,
    )
    return viewmodel.Briefing(
        lang=fmt.lang,
        labels=dict(labels),
        cover=cover,
        sections=[viewmodel.Section(s.id, labels[s.id]) for s in shown],
        timestamp=timestamp,
        logo=logo or b"",
        **fields,
    )


def _facts_as_of(profile: schema.Profile, fmt: Formatter) -> str:
    """``Facts as of 24 November 2025 – 19 January 2026``: the oldest and newest as-of dates (one when equal)."""
    found = as_of_range(profile)
    if found is None:
        return ""
    oldest, newest = (fmt.partial(d) for d in found)
    text = newest if oldest == newest else f"{oldest} – {newest}"
    return fmt.labels["info_as_of"].format(range=text)
