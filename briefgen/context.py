"""Context: a validated Profile becomes the view model, every number and date formatted for a language.

This is the only stage that formats (Babel) and translates labels. The sections come from the
registry (``briefgen.sections``), which also numbers the sources: ``[1]`` is the first reference
a reader meets.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from briefgen import schema, viewmodel
from briefgen.formatting import Formatter, Sources
from briefgen.sections import Input, build_sections, newest_as_of

_NO_VISIT = schema.Visit(title="", period="")
"""Stands in for the visit of a partner briefing: no focus, no programme, nothing to add."""


def build_briefing(
    profile: schema.Profile,
    lang: str | None = None,
    timestamp: str = "",
    logo: bytes | None = None,
    *,
    final: bool = False,
    photos: Mapping[str, bytes] | None = None,
) -> viewmodel.Briefing:
    """The view model of ``profile`` in ``lang`` (default: the profile's own language).

    ``timestamp`` (ISO 8601) dates the documents; the caller chooses it so that this stays a
    pure function of its arguments. A document that is not ``final`` is a draft, marked so on every page.
    ``logo`` and ``photos`` (by the path the profile gives) are the images' bytes, read by the caller.
    """
    fmt = Formatter(lang or profile.language, profile.language)
    labels = fmt.labels
    partner = fmt.text(profile.partner.name)
    shown, fields = build_sections(
        Input(
            profile,
            fmt,
            Sources(profile.sources),
            profile.visit or _NO_VISIT,
            partner,
            {path: _data_uri(data) for path, data in (photos or {}).items()},
        )
    )
    visit: viewmodel.Visit | None = fields.get("visit")

    newest = newest_as_of(profile)
    details = []
    if visit:
        details = [line for line in (visit.when, visit.place) if line]
        if visit.head:
            details.append(labels["labelled"].format(label=labels["head"], value=visit.head.line))
    cover = viewmodel.Cover(
        title=visit.title if visit else labels["briefing_on"].format(partner=partner),
        partner=partner,
        partner_native=profile.partner.native or "",
        subtitle=fmt.text(profile.framework.text) if profile.framework else "",
        issuer=fmt.text(profile.issuer),
        marking=fmt.text(profile.marking),
        info_as_of=labels["info_as_of"].format(date=fmt.partial(newest)) if newest else "",
        details=details,
        draft="" if final else labels["draft"],
    )
    return viewmodel.Briefing(
        lang=fmt.lang,
        labels=dict(labels),
        cover=cover,
        sections=[viewmodel.Section(s.id, labels[s.id], gap) for s, gap in shown],
        gaps=[s.id for s, gap in shown if gap],
        timestamp=timestamp,
        logo=_data_uri(logo) if logo else "",
        **fields,
    )


def _data_uri(image: bytes) -> str:
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(image).decode('ascii')}"
