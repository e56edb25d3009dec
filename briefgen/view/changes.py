"""Which facts were added, changed or removed between two facts documents (``briefgen diff``, packs).

This module only compares and describes: the earlier facts are read (and checked) by
``briefgen.data.earlier``, the comparison is run by ``briefgen.pipeline.since`` and printed by
``briefgen.cli.reports``. Facts are matched by their stable id (see briefgen.view.facts): the same id
with another value, source or as-of date is *changed*. The result, :class:`Changes`, is plain data,
ready for the terminal, ``--json``, and the section "Changes since the pack of <date>" of a pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.languages import DEFAULT


@dataclass(frozen=True)
class Change:
    """One fact that differs: ``before`` is None when added, ``after`` None when removed."""

    id: str
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def status(self) -> str:
        """``added``, ``changed`` or ``removed``."""
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    def as_dict(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping (``diff --json``)."""
        return {"id": self.id, "kind": self.kind, "status": self.status, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Changes:
    """The differences between two sets of facts, each list sorted by fact id."""

    name: str
    since: str
    """Where the earlier facts came from (a path)."""
    since_dated: str | None
    """The date of the earlier build or pack, as its ``facts.json`` records it."""
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing differs."""
        return not (self.added or self.changed or self.removed)

    def as_dict(self) -> dict[str, Any]:
        """The whole comparison as a JSON-ready mapping."""
        return {
            "name": self.name,
            "since": self.since,
            "since_dated": self.since_dated,
            "added": [c.as_dict() for c in self.added],
            "changed": [c.as_dict() for c in self.changed],
            "removed": [c.as_dict() for c in self.removed],
        }


def compare(name: str, before: dict[str, Any], after: dict[str, Any], since: str = "") -> Changes:
    """The changes from facts document ``before`` to ``after`` (both as ``facts.json`` holds them)."""
    old, new = before["facts"], after["facts"]
    added = [Change(i, new[i]["kind"], None, new[i]) for i in sorted(new.keys() - old.keys())]
    removed = [Change(i, old[i]["kind"], old[i], None) for i in sorted(old.keys() - new.keys())]
    changed = [
        Change(i, new[i]["kind"], old[i], new[i]) for i in sorted(old.keys() & new.keys()) if _differs(old[i], new[i])
    ]
    return Changes(name, since, before.get("dated"), added, changed, removed)


def _differs(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return any(a.get(k) != b.get(k) for k in ("value", "as_of", "source"))


def describe(fact: dict[str, Any], lang: str = DEFAULT) -> str:
    """A fact's value on one line, text in ``lang`` when given, else as written: for the terminal."""
    value = fact.get("value") or {}
    if fact.get("kind") == "figure":
        parts = [_text(value.get("label"), lang) + ":"]
        if "value" in value:
            qualifier = value.get("qualifier", "exactly")
            number = _number(value["value"], lang)
            parts.append(number if qualifier == "exactly" else f"{qualifier.replace('_', ' ')} {number}")
        if value.get("unit"):
            parts.append(str(value["unit"]))
        if value.get("rank"):
            parts.append(f"(rank {value['rank']})")
        return " ".join(parts)
    shown = []
    for key, item in value.items():
        if isinstance(item, list):
            shown.append(f"{key}: {', '.join(_text(i, lang) for i in item)}")
        else:
            shown.append(_text(item, lang) if key in ("text", "name", "title") else f"{key}: {_text(item, lang)}")
    return "; ".join(shown)


def _number(value: Any, lang: str) -> str:
    """A figure's number as the documents write it in ``lang`` (``1 500 000``, not ``1.5e+06``)."""
    from briefgen.view.formatting import Formatter

    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    return Formatter(lang).number(value)


def origin(fact: dict[str, Any]) -> str:
    """Where a fact comes from and when it holds: ``as of 2025-11, source KEY``."""
    source = fact.get("source") or {}
    parts = [f"as of {fact['as_of']}"] if fact.get("as_of") else []
    if source:
        parts.append(f"source {source.get('key')}")
    return ", ".join(parts) or "no source"


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def changed_facts(earlier: dict[str, Any], now: dict[str, Any], fmt: Any) -> tuple[str, list[Any]]:
    """The title and the lines of the section "Changes since the pack of <date>", in ``fmt``'s language.

    ``earlier`` and ``now`` are facts documents (``facts.json``); ``fmt`` a briefgen.view.formatting.Formatter.
    """
    from briefgen.view.viewmodel import ChangedFact

    found = compare("", earlier, now)
    labels = fmt.labels
    lines = [
        ChangedFact(c.status, labels[f"change_{c.status}"], _stated(c.before, fmt), _stated(c.after, fmt))
        for c in (*found.added, *found.changed, *found.removed)
    ]
    return labels["changes"].format(date=_day(found.since_dated, fmt)), lines


def _stated(fact: dict[str, Any] | None, fmt: Any) -> str:
    """A fact on one line, with its as-of date and its source, for a document."""
    if fact is None:
        return ""
    text = describe(fact, fmt.lang)
    source = fact.get("source") or {}
    cited = ", ".join(_text(source[k], fmt.lang) for k in ("publisher", "title") if source.get(k))
    cited = cited or str(source.get("key", ""))
    as_of = _partial(fact.get("as_of"), fmt)
    if as_of or cited:
        return f"{text} ({fmt.labels['change_origin'].format(date=as_of or '—', source=cited or '—')})"
    return text


def _partial(iso: str | None, fmt: Any) -> str:
    from briefgen.data.schema import PartialDate

    if not iso:
        return ""
    parts = [int(p) for p in iso.split("-")]
    return str(
        fmt.partial(
            PartialDate(
                year=parts[0], month=parts[1] if len(parts) > 1 else None, day=parts[2] if len(parts) > 2 else None
            )
        )
    )


def _day(dated: str | None, fmt: Any) -> str:
    import datetime as dt

    if not dated:
        return "—"
    try:
        return str(fmt.date(dt.date.fromisoformat(dated[:10])))
    except ValueError:
        return dated
