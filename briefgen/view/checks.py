"""Checks before printing (``briefgen check``, ``build --strict``): what a careful reader would flag.

- stale: a figure whose as-of date is older than the allowed age (a year-only date counts as its
  last day, a month-only date as the month's last day: the most favourable reading);
- unsourced: a visit's objective, talking point or point of vigilance that states a figure while
  the visit names no source (everything else must name a source to pass validation);
- uncited: an entry of ``sources`` that nothing cites;
- untranslated: a text field with no version in the build language;
- stale, for a translation: its French source changed after ``translate import`` wrote it;
- gap: a section of the visit it leaves out altogether (``briefgen.view.sections.gaps``): a draft shows it
  "to be completed"; give its keys, or give them empty (``follow_up: []``) when there is nothing to say;
- placeholder: a ``TODO`` left in a value or a key (``briefgen new`` writes them).

``build --final`` refuses a document with a gap, a placeholder, or a field with no current text in
the build language (``unfinished`` and ``translation_findings``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.data.loading import PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.data.schema import PartialDate, Profile, Visit
from briefgen.data.translate import fields, problem
from briefgen.data.translation import own_language
from briefgen.data.validation import source_refs
from briefgen.errors import InputError, Problem
from briefgen.text import quoted

KINDS = ("stale", "unsourced", "uncited", "untranslated", "gap", "placeholder")
_TODO = re.compile(r"\bTODO\b")
_AGE = re.compile(r"^(\d{1,4})([dmy])$")
_NUMBER = re.compile(r"\d[\d\u202f\u00a0 .,]*\d|\d\s*%")
"""A figure: two digits or more (``45``, ``2 500``, ``2025``) or a percentage; ``point 1`` is not one."""


@dataclass(frozen=True)
class Finding:
    """One thing ``check`` lists."""

    kind: str
    """One of ``KINDS``."""
    problem: Problem

    def __str__(self) -> str:
        return f"{self.kind}: {self.problem}"

    def as_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready mapping."""
        return {"kind": self.kind, **self.problem.as_dict()}


def parse_age(text: str) -> tuple[int, str]:
    """``12m`` → (12, "m"): days, months or years; anything else is an InputError."""
    match = _AGE.match(text.strip())
    if not match:
        raise InputError(
            f"the maximum age {quoted(text)}: expected a number of days, months or years, such as 90d, 12m or 2y",
            option="max-age",
        )
    return int(match[1]), match[2]


def cutoff(today: dt.date, age: tuple[int, str]) -> dt.date:
    """The oldest as-of date still fresh on ``today``; an InputError if it falls before year 1."""
    n, unit = age
    try:
        if unit == "d":
            return today - dt.timedelta(days=n)
        months = today.year * 12 + today.month - 1 - (n if unit == "m" else 12 * n)
        year, month = divmod(months, 12)
        day = min(today.day, calendar.monthrange(year, month + 1)[1])
        return dt.date(year, month + 1, day)
    except (ValueError, OverflowError):
        raise InputError(
            f"the maximum age {n}{unit} from {today.isoformat()} reaches before the year 1; "
            "give a shorter age or a later date",
            option="max-age",
        ) from None


def findings(merged: Merged, profile: Profile, *, oldest: dt.date, lang: str | None, root: Path) -> list[Finding]:
    """Everything worth a reader's attention in one validated profile, in file order; ``root``: the profiles folder."""
    found = stale(merged, profile, oldest)

    visit = profile.visit
    if visit is not None and visit.source is None:
        for key in ("objectives", "talking_points", "vigilance"):
            for i, text in enumerate(getattr(visit, key)):
                values = [text] if isinstance(text, str) else list(text.values())
                if any(_NUMBER.search(v) for v in values):
                    message = "states a number but the visit names no source; add 'source:' and 'as_of:' to the visit"
                    found.append(_finding(merged, "unsourced", ("visit", key, i), message))

    cited = {key for _, key in source_refs(merged.data)}
    for key in profile.sources:
        if key not in cited:
            found.append(_finding(merged, "uncited", ("sources", key), "nothing cites this source"))

    if lang is not None:
        found += translation_findings(merged, lang, root)
    found += unfinished(merged, profile)
    found.sort(key=lambda f: (f.problem.file, f.problem.line or 0, f.problem.column or 0))
    return found


def translation_findings(merged: Merged, lang: str, root: Path) -> list[Finding]:
    """The fields with no current text in ``lang``: untranslated (missing) or stale (source changed since)."""
    own = own_language(merged)
    return [
        Finding("untranslated" if f.state == "missing" else "stale", problem(f, lang, own))
        for f in fields(merged, lang, root)
        if f.state != "current"
    ]


def unfinished(merged: Merged, profile: Profile) -> list[Finding]:
    """The visit's gaps and every ``TODO`` placeholder: what a final document may not have, in file order."""
    from briefgen.view.sections import gaps

    found = []
    for section in gaps(profile.visit):
        keys = " or ".join(f"'{k}'" for k in section.visit_keys)
        lists = [k for k in section.visit_keys if Visit.model_fields[k].default_factory is list]
        empty = f" (or '{lists[0]}: []' when there is nothing to say)" if lists else ""
        message = (
            f"the visit has no {section.id.replace('_', ' ')} section: add {keys}{empty}; "
            "a draft shows it to be completed"
        )
        found.append(_finding(merged, "gap", ("visit",), message))
    for path, text in _strings(merged.data, ()):
        if _TODO.search(text):
            message = f"placeholder {quoted(text)}: replace it with the fact from its source, or remove it"
            found.append(_finding(merged, "placeholder", path, message))
    found.sort(key=lambda f: (f.problem.file, f.problem.line or 0, f.problem.column or 0))
    return found


def _strings(data: object, path: PathKey) -> list[tuple[PathKey, str]]:
    """Every string of ``data`` (keys of mappings too), with the path of the value it names."""
    found: list[tuple[PathKey, str]] = []
    if isinstance(data, str):
        found.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and _TODO.search(key):
                found.append(((*path, key), key))
            found += _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _strings(value, (*path, i))
    return found


def stale(merged: Merged, profile: Profile, oldest: dt.date) -> list[Finding]:
    """The figures the sections state (key figures, national context…) whose as-of date is older than ``oldest``."""
    from briefgen.view.sections import stated

    figures = [(f.path, f.as_of) for f in stated(profile) if f.kind == "figure" and f.as_of is not None]
    return [
        _finding(merged, "stale", (*path, "as_of"), f"as of {as_of.iso}, older than {oldest.isoformat()}")
        for path, as_of in figures
        if _last_day(as_of) < oldest
    ]


def date_warnings(name: str, merged: Merged, profile: Profile, *, day: dt.date, max_age: str) -> list[str]:
    """What ``build`` warns about on the document's date ``day``: stale figures (one line), a past visit."""
    from briefgen.view.dating import period_is_past

    lines = []
    age = max_age.strip()
    old = stale(merged, profile, cutoff(day, parse_age(age)))
    if old:
        lines.append(
            f"{name}: {len(old)} figure(s) older than {age} on the document's date {day.isoformat()}, "
            f"the first: {old[0].problem}; list them with 'briefgen check {name} --max-age {age}'"
        )
    visit, when = profile.visit, day.isoformat()
    if visit is None:
        return lines
    last = visit.end or visit.date
    if last is not None and last < day:
        message = f"the visit ({last.isoformat()}) is already past on the document's date {when}; update its dates"
        lines.append(f"{name}: {_finding(merged, 'past', ('visit', 'end' if visit.end else 'date'), message).problem}")
    elif last is None and visit.period is not None and period_is_past(visit.period, day):
        text = visit.period if isinstance(visit.period, str) else visit.period.get(profile.language, "")
        message = (
            f"the visit's period {quoted(text)} is already past on the document's date {when}; "
            "give the visit its 'date' or update its 'period'"
        )
        lines.append(f"{name}: {_finding(merged, 'past', ('visit', 'period'), message).problem}")
    return lines


def _finding(merged: Merged, kind: str, path: PathKey, message: str) -> Finding:
    origin = merged.origin(path)
    return Finding(kind, Problem(origin.file, origin.line, origin.column, format_path(path), message))


def _last_day(date: PartialDate) -> dt.date:
    month = date.month or 12
    day = date.day or calendar.monthrange(date.year, month)[1]
    return dt.date(date.year, month, day)
