"""``briefgen diff``: which facts were added, changed or removed since a build or a pack.

The earlier facts come from ``OUT/NAME/facts.json`` (the last build or pack), or from what
``--since`` names: a pack folder, a pack's zip, or a ``facts.json`` file. Facts are matched by
their stable id (see briefgen.view.facts): the same id with another value, source or as-of date is
*changed*. The result, :class:`Changes`, is plain data, ready for the terminal, ``--json``, and
the section "Changes since the pack of <date>" that a pack will print (``briefgen.changes_since`` compares).
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import InputError
from briefgen.languages import DEFAULT
from briefgen.view import facts as factsmod

_MAX_BYTES = 16 << 20


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


def read_facts(where: Path, name: str, *, given: bool = True) -> dict[str, Any]:
    """The facts document in a pack folder, a pack's zip, or a ``facts.json`` file; InputError if none.

    ``given``: ``where`` is the earlier pack the caller named (option ``since``), not the last build's folder.
    """
    origin = _Origin(str(where), "since" if given else None)
    if where.is_dir():
        path = where / factsmod.FILENAME
        if not path.is_file():
            hint = "give a pack folder, a pack's zip or a facts.json" if given else f"build it first: briefgen {name}"
            raise origin.error(f"no {factsmod.FILENAME} in this folder; {hint}")
        return _parsed(_read(path, origin), origin)
    if not where.is_file():
        if given:
            raise origin.error("no such file or folder; give a pack folder, a pack's zip or a facts.json")
        raise InputError(
            f"no earlier build of '{name}' in {where}: build it first (briefgen {name}) or name an earlier pack",
            option="since",
        )
    if zipfile.is_zipfile(where):
        return _parsed(_from_zip(where, origin), origin)
    return _parsed(_read(where, origin), origin)


@dataclass(frozen=True)
class _Origin:
    """Where the earlier facts are read from, and the option that named it (``since``), for the errors."""

    where: str
    option: str | None

    def error(self, message: str) -> InputError:
        """``WHERE: message``, about the option that named it."""
        return InputError(f"{self.where}: {message}", option=self.option)


def _read(path: Path, origin: _Origin) -> bytes:
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise origin.error(f"larger than {_MAX_BYTES >> 20} MiB; not a facts.json")
        return path.read_bytes()
    except OSError as exc:
        raise origin.error(f"cannot be read ({exc.strerror or exc})") from None


def _from_zip(path: Path, origin: _Origin) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if Path(i.filename).name == factsmod.FILENAME]
            if len(members) != 1:
                raise origin.error(f"the zip holds no {factsmod.FILENAME} (a pack made before facts.json?)")
            if members[0].file_size > _MAX_BYTES:
                raise origin.error(f"its {factsmod.FILENAME} is larger than {_MAX_BYTES >> 20} MiB")
            return archive.read(members[0])
    except (OSError, zipfile.BadZipFile) as exc:
        raise origin.error(f"cannot be read as a zip ({exc})") from None


def _parsed(data: bytes, origin: _Origin) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise origin.error("not JSON; expected a facts.json written by briefgen") from None
    facts = document.get("facts") if isinstance(document, dict) else None
    if not isinstance(facts, dict) or not all(isinstance(f, dict) and "kind" in f for f in facts.values()):
        raise origin.error("not a facts.json written by briefgen (no 'facts' mapping)")
    if document.get("format") != factsmod.FORMAT:
        found = document.get("format")
        raise origin.error(f"facts.json format {found!r}; this briefgen reads format {factsmod.FORMAT}")
    return dict(document)


def describe(fact: dict[str, Any], lang: str = DEFAULT) -> str:
    """A fact's value on one line, text in ``lang`` when given, else as written: for the terminal."""
    value = fact.get("value") or {}
    if fact.get("kind") == "figure":
        parts = [_text(value.get("label"), lang) + ":"]
        if "value" in value:
            qualifier = value.get("qualifier", "exactly")
            number = f"{value['value']:g}"
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


def print_changes(changes: Changes, console: Any, lang: str = DEFAULT) -> None:
    """Print ``changes`` with rich: a heading, then one block per added, changed and removed fact."""
    from rich.text import Text

    heading = Text(f"{changes.name}: changes since {changes.since}", style="bold")
    if changes.since_dated:
        heading.append(f" (dated {changes.since_dated})", style="dim")
    console.print(heading)
    if changes.empty:
        console.print(Text("no change in the facts"))
        return
    for change in changes.added:
        assert change.after is not None
        console.print(Text(f"+ added    {change.id}", style="green"))
        console.print(Text(f"    {describe(change.after, lang)}  [{origin(change.after)}]"))
    for change in changes.changed:
        assert change.before is not None and change.after is not None
        console.print(Text(f"~ changed  {change.id}", style="yellow"))
        console.print(Text(f"    was {describe(change.before, lang)}  [{origin(change.before)}]"))
        console.print(Text(f"    now {describe(change.after, lang)}  [{origin(change.after)}]"))
    for change in changes.removed:
        assert change.before is not None
        console.print(Text(f"- removed  {change.id}", style="red"))
        console.print(Text(f"    {describe(change.before, lang)}  [{origin(change.before)}]"))
    counts = f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed"
    console.print(Text(counts))


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
    cited = ", ".join(str(source[k]) for k in ("publisher", "title") if source.get(k)) or str(source.get("key", ""))
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
