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
    language: str = ""
    """The language of the profile now (its first): what ``diff`` speaks when no ``--lang`` is given."""

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
    return Changes(name, since, before.get("dated"), added, changed, removed, str(after.get("language") or ""))


def _differs(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return any(a.get(k) != b.get(k) for k in ("value", "as_of", "source"))


def describe(fact: dict[str, Any], lang: str = DEFAULT) -> str:
    """A fact's value on one line, in ``lang``, its numbers written as the documents write them (``plus de 2 500``).

    A figure reads ``label: quantity — rank`` in the language's ``labelled`` form (briefgen.view.formatting);
    any other fact its values, each in ``lang``, joined by ``; `` (no field names: they are English words).
    """
    from briefgen.view.formatting import Formatter

    fmt = Formatter(lang)
    value = fact.get("value") or {}
    if fact.get("kind") == "figure":
        parts = [_text(value.get("label"), lang)]
        if isinstance(value.get("value"), int | float) and not isinstance(value.get("value"), bool):
            parts.append(fmt.quantity(_figure(value)))
        if isinstance(value.get("rank"), int) and not isinstance(value.get("rank"), bool) and value["rank"] > 0:
            parts.append(fmt.rank(value["rank"]))
        if len(parts) == 1:
            return parts[0]
        return fmt.labels["labelled"].format(label=parts[0], value=" — ".join(parts[1:]))
    shown = []
    for item in value.values():
        if isinstance(item, list):
            shown.append(", ".join(_text(i, lang) for i in item))
        else:
            shown.append(_text(item, lang))
    return "; ".join(s for s in shown if s)


def _figure(value: dict[str, Any]) -> Any:
    """A figure of ``facts.json`` as the Formatter reads one (value, unit, qualifier), not validated again."""
    from briefgen.data.schema import Figure

    qualifier = value.get("qualifier") if value.get("qualifier") in _QUALIFIERS else "exactly"
    unit = value.get("unit") if isinstance(value.get("unit"), str) else None
    fields: dict[str, Any] = {"value": value["value"], "unit": unit, "qualifier": qualifier}
    return Figure.model_construct(**fields)


_QUALIFIERS = ("exactly", "about", "nearly", "more_than", "at_least")


def report(changes: Changes, lang: str) -> list[tuple[str, str]]:
    """What ``diff`` and ``watch`` print of ``changes``, in ``lang`` alone: (status, line) pairs.

    The status is ``heading``, ``added``, ``changed``, ``removed`` or ``""`` (the lines under a fact and the
    counts), for the terminal to colour. Words, dates and numbers are the documents' (the section "Changes
    since the pack"): each fact with its as-of date and its source, a changed one as its old line then ``→``
    its new one.
    """
    from briefgen.view.formatting import Formatter

    fmt = Formatter(lang)
    labels = fmt.labels
    heading = labels["diff_since"].format(name=changes.name, since=changes.since)
    if changes.since_dated:
        heading += f" ({labels['diff_dated'].format(date=_day(changes.since_dated, fmt))})"
    lines = [("heading", heading)]
    if changes.empty:
        return [*lines, ("", labels["diff_none"])]
    marks = {"added": "+", "changed": "~", "removed": "-"}
    for change in (*changes.added, *changes.changed, *changes.removed):
        lines.append((change.status, f"{marks[change.status]} {labels[f'change_{change.status}']}  {change.id}"))
        if change.before is not None:
            lines.append(("", f"    {_stated(change.before, fmt)}"))
        if change.after is not None:
            lines.append(("", f"  {'→ ' if change.before is not None else '  '}{_stated(change.after, fmt)}"))
    counts = (
        labels["labelled"].format(label=labels[f"change_{status}"], value=len(found))
        for status, found in (("added", changes.added), ("changed", changes.changed), ("removed", changes.removed))
    )
    return [*lines, ("", ", ".join(counts))]


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
