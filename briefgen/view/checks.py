"""Checks before printing (``briefgen check``, ``build --strict``): what a careful reader would flag.

- stale: a figure or a person's title whose as-of date is older than the allowed age (see
  ``is_older``: a year-only or month-only date counts as what it says, the whole year or month, so it
  is old only once its last day is); a figure the profile accepts (``accepted_old``) is not listed;
- unsourced: a visit's objective, talking point or point of vigilance that states a figure while
  the visit names no source (everything else must name a source to pass validation);
- uncited: an entry of ``sources`` that nothing cites;
- untranslated: a text field with no version in the build language;
- stale, for a translation: its French source changed after ``translate import`` wrote it;
- gap: a section of the visit it leaves out altogether (``briefgen.view.sections.gaps``): a draft shows it
  "to be completed"; give its keys, or give them empty (``follow_up: []``) when there is nothing to say;
- placeholder: a ``TODO`` left in a value or a key (``briefgen new`` writes them), or in the comment
  ending a value's line (``value: 3  # TODO check``).

``build --final`` refuses (``final_findings``, ``translation_findings``), each with its file:line: a
gap, a placeholder, a field with no current text in the build language, a figure or title older than
``--max-age`` on the document's date and not accepted (``accepted_old``), a visit already past on
that date (``past``), and a briefing without its minimum: an issuer, a summary and at least one
sourced key figure (``incomplete``). No option silences any of them: a final document is complete.

``build --strict`` runs ``check`` with the build's ``--max-age`` and document date.

What the page shows of the age of the facts (a mark on each old figure or title, the cover's count,
the note "older than 12 months on 7 December 2026", the reason an old figure was kept) comes from
``age_marks``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.data.layout import DEFAULTS
from briefgen.data.loading import PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.data.schema import PartialDate, Profile, Text, Visit
from briefgen.data.translate import fields, problem
from briefgen.data.translation import own_language
from briefgen.data.validation import source_refs
from briefgen.errors import InputError, Problem
from briefgen.text import quoted
from briefgen.view.section_input import OLD_MARK, AgeMarks

KINDS = ("stale", "unsourced", "uncited", "untranslated", "gap", "placeholder", "past", "incomplete")
_TODO = re.compile(r"\bTODO\b")
_AGE = re.compile(r"^(\d{1,4})([dmy])$")
_UNITS = {"d": "duration-day", "m": "duration-month", "y": "duration-year"}
"""The CLDR unit of each ``--max-age`` unit, for the page's note."""
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
    for layer in merged.layers:
        for path, comment in layer.todo.items():
            origin = merged.origin(path)
            if (origin.file, origin.line) != (layer.file, layer.marks.get(path, (None,))[0]):
                continue  # a later layer replaced the value: its comment no longer speaks of it
            message = (
                f"its comment {quoted(comment)} marks it as a placeholder: "
                "check the value against its source, then remove the comment"
            )
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


@dataclass(frozen=True)
class DatedFact:
    """A figure or a person's title, with the date it holds at: what the age limit applies to."""

    path: PathKey
    """Where it is in the profile: ``("key_figures", 0)``, ``("people", 2)``."""
    kind: str
    """``figure`` or ``title``."""
    as_of: PartialDate
    accepted: Text | None = None
    """The profile's reason for keeping it although old (``Figure.accepted_old``); titles have none."""


def dated_facts(profile: Profile) -> list[DatedFact]:
    """Every figure and person's title the sections state (the registry's facts), in the documents' order."""
    # Deferred: the registry imports the section builders, which read this module's age rules.
    from briefgen.view.sections import stated

    facts = []
    for fact in stated(profile):
        if fact.as_of is None:
            continue
        if fact.kind == "figure":
            facts.append(DatedFact(fact.path, "figure", fact.as_of, _accepted_old(profile, fact.path)))
        elif fact.kind == "person":
            facts.append(DatedFact(fact.path, "title", fact.as_of))
    return facts


def _accepted_old(profile: Profile, path: PathKey) -> Text | None:
    """The profile's reason for keeping the figure at ``path`` although old (``Figure.accepted_old``)."""
    node: Any = profile
    for step in path:
        node = node[step] if isinstance(step, int) else getattr(node, str(step))
    reason = getattr(node, "accepted_old", None)
    return reason if reason is None or isinstance(reason, (str, dict)) else None


def is_older(as_of: PartialDate, oldest: dt.date) -> bool:
    """Whether a fact dated ``as_of`` is older than ``oldest`` (the ``cutoff`` of the age limit).

    A date counts as what it says: ``2025`` is the whole year 2025 and ``2025-11`` the whole month,
    so the fact may hold at any day of it and is older than ``oldest`` only when its latest possible
    day is: with 12 months on 2026-12-07 (``oldest`` 2025-12-07), ``2025-12-06`` is old, ``2025-12-07``
    is not; ``2025-11`` is old (30 November); ``2025`` and ``2025-12`` are not (31 December), until
    the document is dated 2027-01-01 or later.
    """
    return _last_day(as_of) < oldest


def old_facts(profile: Profile, oldest: dt.date) -> list[DatedFact]:
    """The figures and titles older than ``oldest`` (see ``is_older``), accepted ones included."""
    return [fact for fact in dated_facts(profile) if is_older(fact.as_of, oldest)]


def stale(merged: Merged, profile: Profile, oldest: dt.date, *, hint: str = "") -> list[Finding]:
    """The figures and people's titles older than ``oldest``, but for figures the profile accepts as old.

    ``hint`` (``build --final``) ends each message with how to settle it.
    """
    found = []
    for fact in old_facts(profile, oldest):
        if fact.accepted is not None:
            continue
        what = "title as of" if fact.kind == "title" else "as of"
        settle = ""
        if hint:
            settle = (
                "; check the title in a newer source and update its as_of and source"
                if fact.kind == "title"
                else "; give a newer figure from a source, or accept this one with 'accepted_old: REASON' "
                "(the document prints the reason)"
            )
        message = f"{what} {fact.as_of.iso}, older than {oldest.isoformat()}{hint}{settle}"
        found.append(_finding(merged, "stale", (*fact.path, "as_of"), message))
    return found


def final_findings(merged: Merged, profile: Profile, *, day: dt.date, max_age: str) -> list[Finding]:
    """What ``build --final`` refuses in a document dated ``day``, in file order (translations aside).

    Gaps and placeholders (``unfinished``), figures and titles older than ``max_age`` that the profile
    does not accept (``stale``), a visit already past (``past_visit``), a briefing without its minimum
    (``incomplete``).
    """
    hint = f" ({max_age.strip()} before the document's date {day.isoformat()})"
    old = stale(merged, profile, cutoff(day, parse_age(max_age)), hint=hint)
    past = past_visit(merged, profile, day)
    found = unfinished(merged, profile) + old + ([past] if past else []) + incomplete(merged, profile)
    found.sort(key=lambda f: (f.problem.file, f.problem.line or 0, f.problem.column or 0))
    return found


def incomplete(merged: Merged, profile: Profile) -> list[Finding]:
    """What a briefing lacks of its minimum: an issuer, a summary, at least one sourced key figure.

    Missing keys are pointed at the partner's ``partner:`` key, where the profile starts.
    """
    found = []
    issuer = [profile.issuer] if isinstance(profile.issuer, str) else list(profile.issuer.values())
    if not any(text.strip() for text in issuer):
        found.append(_finding(merged, "incomplete", ("issuer",), "the issuer is empty: name the issuing body"))
    if not profile.summary:
        message = "the briefing has no summary: add 'summary:' with at least one sourced sentence"
        found.append(_finding(merged, "incomplete", ("partner",), message, shown=("summary",)))
    if not profile.key_figures:
        message = "the briefing has no key figure: add 'key_figures:' with at least one figure and its source"
        found.append(_finding(merged, "incomplete", ("partner",), message, shown=("key_figures",)))
    return found


def past_visit(merged: Merged, profile: Profile, day: dt.date) -> Finding | None:
    """The visit's date, commitment or period, when it is already past on ``day``; else None."""
    from briefgen.view.dating import visit_past

    visit, when = profile.visit, day.isoformat()
    past = visit_past(visit, day) if visit is not None else None
    if visit is None or past is None:
        return None
    if past in ("date", "end"):
        last = visit.end or visit.date
        assert last is not None
        message = f"the visit ({last.isoformat()}) is already past on the document's date {when}; update its dates"
    elif past == "due":
        assert visit.due is not None
        message = (
            f"the visit's commitment (due {visit.due.iso}) is already past on the document's date {when}; "
            "give the visit its 'date' or the new commitment the sources give"
        )
    else:
        period = visit.period or ""
        text = period if isinstance(period, str) else period.get(profile.language, "")
        message = (
            f"the visit's period {quoted(text)} is already past on the document's date {when}; "
            "give the visit its 'date' or update its 'period'"
        )
    return _finding(merged, "past", ("visit", past), message)


def date_warnings(
    name: str, merged: Merged, profile: Profile, *, day: dt.date, max_age: str, asked: bool = False
) -> list[str]:
    """What ``build`` warns about on the document's date ``day``: stale facts, a past visit, an early ``--date``.

    ``asked``: ``day`` is the one ``--date`` gave, and a day before the newest fact warns (:func:`early_date`);
    a document dated by ``SOURCE_DATE_EPOCH`` or the clock is not second-guessed.

    One line each, short enough for a terminal of 100 columns, pointing at ``briefgen check`` for the
    detail. The stale line names the profile the old facts are in (a partner's, for the visits over
    it), so that a batch of several visits of one partner says it once.
    """
    lines = []
    age = max_age.strip()
    old = stale(merged, profile, cutoff(day, parse_age(age)))
    on = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if old:
        files = {f.problem.file for f in old}
        owner = Path(str(old[0].problem.file)).stem if len(files) == 1 and old[0].problem.file else name
        if owner == DEFAULTS:
            owner = name
        detail = "" if age == "12m" else f" --max-age {age}"
        lines.append(
            f"{owner}: {len(old)} {'fact' if len(old) == 1 else 'facts'} older than "
            f"{_age_words(age)} on {on}; "
            f"see 'briefgen check {owner}{detail}'"
        )
    past = past_visit(merged, profile, day)
    if past is not None:
        lines.append(f"{name}: {past.problem.path} is already past on {on}; see 'briefgen check {name}'")
    early = early_date(name, profile, day) if asked else ""
    if early:
        lines.append(early)
    return lines


def early_date(name: str, profile: Profile, day: dt.date) -> str:
    """A warning when ``day`` (the document's date, ``--date``) comes before its newest fact's as-of date; else "".

    A fact as of a month or a year counts from its first day: only a date certainly before it warns.
    """
    from briefgen.view.sections import newest_as_of  # the section registry reads this module

    newest = newest_as_of(profile)
    if newest is None or day >= dt.date(newest.year, newest.month or 1, newest.day or 1):
        return ""
    return f"{name}: dated {day.day} {_MONTHS[day.month - 1]} {day.year}, before its newest fact ({newest.iso})"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _age_words(age: str) -> str:
    """``12m`` → ``12 months``, ``90d`` → ``90 days``, ``1y`` → ``1 year``."""
    n, unit = parse_age(age)
    word = {"d": "day", "m": "month", "y": "year"}[unit]
    return f"{n} {word}{'' if n == 1 else 's'}"


def past_note(profile: Profile, *, day: dt.date, lang: str | None = None) -> str:
    """What the cover and the visit's heading print when the visit is past on ``day``, in ``lang``.

    ``Already past on 7 December 2026``; ``""`` for a partner briefing or a visit still ahead (``dating.visit_past``).
    """
    from briefgen.view.dating import visit_past
    from briefgen.view.formatting import Formatter

    if profile.visit is None or visit_past(profile.visit, day) is None:
        return ""
    fmt = Formatter(lang or profile.language, profile.language)
    return fmt.labels["visit_past"].format(date=fmt.date(day))


def age_marks(profile: Profile, *, day: dt.date, max_age: str, lang: str | None = None) -> AgeMarks:
    """The marks, count and note of the facts older than ``max_age`` on the document's date ``day``, in ``lang``.

    The writers mark each fact of ``old`` wherever it is shown and print ``note`` once per document (with the
    mark, after the first block carrying it) and ``count``, ending with the mark, on the cover. The age reads
    as the language writes a duration (CLDR units via Babel: ``12 months``, ``12 mois``, ``12 tháng``), the
    date as the document's other dates.
    """
    from babel.units import format_unit

    from briefgen.data.translation import resolve
    from briefgen.view.formatting import Formatter

    lang = lang or profile.language
    fmt = Formatter(lang, profile.language)
    n, unit = parse_age(max_age)
    age = format_unit(n, _UNITS[unit], "long", locale=fmt.locale)
    old = old_facts(profile, cutoff(day, (n, unit)))
    marks = {f.path: (resolve(f.accepted, lang, profile.language) if f.accepted else "") for f in old}
    if not old:
        return AgeMarks({}, "", "", fmt.labels["old_accepted"])
    when = fmt.date(day)
    form = fmt.locale.plural_form(len(old))
    pattern = fmt.labels.get(f"old_count_{form}", fmt.labels["old_count_other"])
    count = f"{pattern.format(count=len(old), age=age, date=when)} {OLD_MARK}"  # "…, marked †": the mark itself
    note = fmt.labels["old_note"].format(age=age, date=when)
    return AgeMarks(marks, count, note, fmt.labels["old_accepted"])


def _finding(merged: Merged, kind: str, path: PathKey, message: str, shown: PathKey | None = None) -> Finding:
    """A finding at the origin of ``path``, named ``shown`` (a key that is missing) when given."""
    origin = merged.origin(path)
    return Finding(kind, Problem(origin.file, origin.line, origin.column, format_path(shown or path), message))


def _last_day(date: PartialDate) -> dt.date:
    from briefgen.view.dating import last_day

    return last_day(date)
