"""The resolved facts of a profile, in a stable form: what ``facts.json`` holds and ``briefgen diff`` compares.

Every build and every pack writes ``facts.json`` beside its documents: each key figure, claim,
pairing, agreement, event, person and date the briefing states, with its source and as-of date.
The form is stable (keys sorted, no clock, no machine path), so the same profile gives the same bytes.

Each fact has an id that does not depend on its value, so that a corrected value is *changed*
rather than removed and added. The id rules:

- a figure: ``key_figures:LABEL`` (``national_context:GROUP/LABEL``), its label in the profile's language;
- a sentence (``framework``, ``summary``, ``priorities``, ``timeline``): the list and the source key, with
  its rank among the sentences of that list citing that source (``summary:tournant-2025#2``), since the
  sentence itself is what gets reworded;
- a pairing: ``partnerships:OUR_LOCALITY``; a person: ``people:NAME``; an agreement: ``agreements:SHORT``;
- the forum and the visit: ``forum`` and ``visit``.

Two facts that would share an id get ``#2``, ``#3``… in the order the profile lists them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from briefgen.data import schema
from briefgen.data.earlier import FILENAME as FILENAME
from briefgen.data.earlier import FORMAT as FORMAT
from briefgen.data.translation import resolve

Fact = dict[str, Any]


def facts_of(profile: schema.Profile) -> dict[str, Fact]:
    """Every fact ``profile`` states, by stable id (see the module docstring)."""
    found: dict[str, Fact] = {}
    for base, fact in _facts(profile):
        key, n = base, 1
        while key in found:
            n += 1
            key = f"{base}#{n}"
        found[key] = {"id": key, **fact}
    return dict(sorted(found.items()))


def facts_document(name: str, profile: schema.Profile, dated: str) -> dict[str, Any]:
    """The content of ``facts.json`` for profile or visit ``name``; ``dated`` is the document's date."""
    from briefgen.view.sections import newest_as_of

    newest = newest_as_of(profile)
    return {
        "format": FORMAT,
        "name": name,
        "language": profile.language,
        "dated": dated,
        "as_of": newest.iso if newest else None,
        "facts": facts_of(profile),
    }


def dumps(document: dict[str, Any]) -> bytes:
    """``document`` as stable JSON bytes: keys sorted, two-space indent, UTF-8, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def facts_bytes(name: str, profile: schema.Profile, dated: str | None = None) -> bytes:
    """The bytes of ``facts.json`` for ``name``, dated like its documents (``dated``; default: briefgen.view.dating)."""
    from briefgen.view.dating import document_timestamp

    return dumps(facts_document(name, profile, document_timestamp() if dated is None else dated))


def _facts(p: schema.Profile) -> Iterator[tuple[str, Fact]]:
    own = p.language
    if p.framework:
        yield "framework", _claim("framework", p.framework, p)
    yield from _sentences("summary", p.summary, p)
    yield from _sentences("priorities", p.priorities, p)
    for figure in p.key_figures:
        yield f"key_figures:{resolve(figure.label, own, own)}", _figure(figure, p)
    for group in p.national_context:
        title = resolve(group.title, own, own)
        for figure in group.figures:
            yield f"national_context:{title}/{resolve(figure.label, own, own)}", _figure(figure, p)
    for pairing in p.partnerships:
        value: dict[str, Any] = {"ours": _place(pairing.ours, own), "theirs": [_place(t, own) for t in pairing.theirs]}
        ours = resolve(pairing.ours.name, own, own)
        yield f"partnerships:{ours}", _fact("partnership", value, pairing.source, pairing.as_of, p)
    for agreement in p.agreements:
        value = {"short": agreement.short, "name": agreement.name}
        yield f"agreements:{agreement.short}", _fact("agreement", value, agreement.source, None, p)
    counts: dict[str, int] = {}
    for event in p.timeline:
        counts[event.source] = counts.get(event.source, 0) + 1
        value = {"text": event.text, "date": _day(event.date), "end": _day(event.end), "period": event.period}
        yield f"timeline:{event.source}#{counts[event.source]}", _fact("event", value, event.source, None, p)
    for person in p.people:
        value = {"role": person.role, "side": person.side}
        yield f"people:{person.name}", _fact("person", value, person.source, person.as_of, p)
    if p.forum:
        f = p.forum
        value = {"name": f.name, "place": f.place, "when": f.when, "theme": f.theme}
        yield "forum", _fact("forum", value, f.source, None, p)
    if p.visit:
        v = p.visit
        value = {"title": v.title, "date": _day(v.date), "end": _day(v.end), "period": v.period, "place": v.place}
        yield "visit", _fact("visit", value, v.source, v.as_of, p)


def _sentences(kind: str, claims: list[schema.Claim], p: schema.Profile) -> Iterator[tuple[str, Fact]]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.source] = counts.get(claim.source, 0) + 1
        # The rank is part of the base id, so that "#2" never collides with the de-duplication suffix.
        yield f"{kind}:{claim.source}#{counts[claim.source]}", _claim(kind, claim, p)


def _claim(kind: str, claim: schema.Claim, p: schema.Profile) -> Fact:
    return _fact("claim", {"text": claim.text}, claim.source, claim.as_of, p, section=kind)


def _figure(figure: schema.Figure, p: schema.Profile) -> Fact:
    value = {
        "label": figure.label,
        "value": figure.value,
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "rank": figure.rank,
        "note": figure.note,
    }
    return _fact("figure", value, figure.source, figure.as_of, p)


def _fact(
    kind: str,
    value: dict[str, Any],
    source: str | None,
    as_of: schema.PartialDate | None,
    p: schema.Profile,
    section: str | None = None,
) -> Fact:
    """One fact: its kind, its value (``None`` entries left out), its source and its as-of date."""
    fact: Fact = {
        "kind": section or kind,
        "value": {k: _plain(v) for k, v in value.items() if v is not None},
        "as_of": as_of.iso if as_of else None,
        "source": _source(source, p),
    }
    return fact


def _source(key: str | None, p: schema.Profile) -> dict[str, Any] | None:
    if key is None:
        return None
    entry = p.sources.get(key)
    if entry is None:  # validation refuses this; keep the key rather than fail here
        return {"key": key}
    found = {"key": key, "title": entry.title, "publisher": entry.publisher, "date": entry.date, "url": entry.url}
    return {k: v.iso if isinstance(v, schema.PartialDate) else v for k, v in found.items() if v is not None}


def _plain(value: Any) -> Any:
    """Text as written (a string, or a mapping of languages sorted), lists item by item."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _place(locality: schema.Locality, own: str) -> str:
    """The locality in the profile's language, with its native name where that differs (as the documents)."""
    name = resolve(locality.name, own, own)
    return f"{name} ({locality.native})" if locality.native and locality.native != name else name


def _day(day: Any) -> str | None:
    return day.isoformat() if day is not None else None
