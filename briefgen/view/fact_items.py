"""The facts each section states, as ``facts.json`` records them and ``check`` dates them.

A section of the registry (``briefgen.view.sections``) names, in ``facts``, the function here that
lists its facts: each a ``Stated`` (its id, where it stands in the profile, its record). ``facts.json``
(``briefgen.view.facts``), ``diff`` (which compares two of them) and the stale-figure check
(``briefgen.view.checks``) read those lists through the registry, never a list of their own. The id
rules are in ``briefgen.view.facts``. This module imports neither the registry nor Babel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefgen.data import schema
from briefgen.data.loading import PathKey
from briefgen.data.translation import resolve

Fact = dict[str, Any]


@dataclass(frozen=True)
class Stated:
    """One fact a section states: its base id, its place in the profile, its record, its as-of date."""

    id: str
    """Its id before de-duplication (``key_figures:Commerce``); see ``briefgen.view.facts``."""
    path: PathKey
    """Where it stands in the merged profile (``("key_figures", 3)``), for ``file:line`` in a finding."""
    record: Fact
    """What ``facts.json`` holds for it: kind, value, as-of date (ISO), source."""
    as_of: schema.PartialDate | None = None

    @property
    def kind(self) -> str:
        """Its kind: ``figure``, a claim's list name (``summary``), ``partnership``, ``event``, ``person``."""
        return str(self.record["kind"])


def sentences(kind: str, claims: list[schema.Claim], p: schema.Profile) -> Iterator[Stated]:
    """Sourced sentences of the list ``kind``: id ``kind:SOURCE#RANK`` (the rank among those citing that source)."""
    counts: dict[str, int] = {}
    for i, claim in enumerate(claims):
        counts[claim.source] = counts.get(claim.source, 0) + 1
        # The rank is part of the base id, so that "#2" never collides with the de-duplication suffix.
        yield Stated(f"{kind}:{claim.source}#{counts[claim.source]}", (kind, i), _claim(kind, claim, p), claim.as_of)


def summary(p: schema.Profile) -> Iterator[Stated]:
    """The framework, then the summary's sentences."""
    if p.framework:
        yield Stated("framework", ("framework",), _claim("framework", p.framework, p), p.framework.as_of)
    yield from sentences("summary", p.summary, p)


def priorities(p: schema.Profile) -> Iterator[Stated]:
    """The priorities' sentences."""
    yield from sentences("priorities", p.priorities, p)


def key_figures(p: schema.Profile) -> Iterator[Stated]:
    """Each key figure: ``key_figures:LABEL``."""
    own = p.language
    for i, figure in enumerate(p.key_figures):
        yield Stated(
            f"key_figures:{resolve(figure.label, own, own)}", ("key_figures", i), _figure(figure, p), figure.as_of
        )


def national_context(p: schema.Profile) -> Iterator[Stated]:
    """Each figure of each theme: ``national_context:THEME/LABEL``."""
    own = p.language
    for g, group in enumerate(p.national_context):
        title = resolve(group.title, own, own)
        for i, figure in enumerate(group.figures):
            key = f"national_context:{title}/{resolve(figure.label, own, own)}"
            yield Stated(key, ("national_context", g, "figures", i), _figure(figure, p), figure.as_of)


def partnerships(p: schema.Profile) -> Iterator[Stated]:
    """Each pairing: ``partnerships:OUR_LOCALITY``."""
    own = p.language
    for i, pairing in enumerate(p.partnerships):
        value: dict[str, Any] = {"ours": _place(pairing.ours, own), "theirs": [_place(t, own) for t in pairing.theirs]}
        ours = resolve(pairing.ours.name, own, own)
        record = _fact("partnership", value, pairing.source, pairing.as_of, p)
        yield Stated(f"partnerships:{ours}", ("partnerships", i), record, pairing.as_of)


def agreements(p: schema.Profile) -> Iterator[Stated]:
    """Each agreement: ``agreements:SHORT``."""
    for i, agreement in enumerate(p.agreements):
        value = {"short": agreement.short, "name": agreement.name}
        record = _fact("agreement", value, agreement.source, None, p)
        yield Stated(f"agreements:{agreement.short}", ("agreements", i), record)


def timeline(p: schema.Profile) -> Iterator[Stated]:
    """Each event: ``timeline:SOURCE#RANK``."""
    counts: dict[str, int] = {}
    for i, event in enumerate(p.timeline):
        counts[event.source] = counts.get(event.source, 0) + 1
        value = {"text": event.text, "date": _day(event.date), "end": _day(event.end), "period": event.period}
        record = _fact("event", value, event.source, None, p)
        yield Stated(f"timeline:{event.source}#{counts[event.source]}", ("timeline", i), record)


def people(p: schema.Profile) -> Iterator[Stated]:
    """Each person: ``people:NAME``."""
    for i, person in enumerate(p.people):
        value = {"role": person.role, "side": person.side}
        record = _fact("person", value, person.source, person.as_of, p)
        yield Stated(f"people:{person.name}", ("people", i), record, person.as_of)


def forum(p: schema.Profile) -> Iterator[Stated]:
    """The forum: ``forum``."""
    if p.forum:
        f = p.forum
        value = {"name": f.name, "place": f.place, "when": f.when, "theme": f.theme}
        yield Stated("forum", ("forum",), _fact("forum", value, f.source, None, p))


def visit(p: schema.Profile) -> Iterator[Stated]:
    """The visit: ``visit``."""
    if p.visit:
        v = p.visit
        value = {"title": v.title, "date": _day(v.date), "end": _day(v.end), "period": v.period, "place": v.place}
        yield Stated("visit", ("visit",), _fact("visit", value, v.source, v.as_of, p), v.as_of)


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
