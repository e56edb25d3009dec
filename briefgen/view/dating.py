"""The document's own date, and the warnings ``build`` gives about dates.

Which date a document carries (its cover, its DOCX and PDF properties, ``facts.json``; the zip
entries' dates stay fixed separately), in this order of precedence:

1. ``--date YYYY-MM-DD`` on ``build``, ``batch`` or ``preview``;
2. else ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC), when set: reproducible builds;
3. else the day of the build (the machine's local date).

The properties' date-time is that day at 00:00 UTC, or the exact ``SOURCE_DATE_EPOCH`` moment:
never the clock's time of day, so that two builds on the same day, or any two builds under the
same ``--date`` or ``SOURCE_DATE_EPOCH``, give the same bytes.

The facts' as-of range (the cover's "facts as of … – …", ``briefgen list``) runs over the as-of dates
of the facts the sections show (``briefgen.view.sections.as_of_range``, by the rule of ``span``), never
over the document's date nor a source's publication date.

A visit is past on the document's date (``visit_past``) when its last day is before it, when the
last day its commitment allows (``due``) is, or when every year its period names is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.errors import InputError
from briefgen.text import quoted

if TYPE_CHECKING:  # the schema is loaded only by the commands that read profiles
    from briefgen.data.schema import PartialDate, Visit

_MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class DocumentDate:
    """The day a document is dated, and the ISO date-time its properties carry."""

    day: dt.date
    timestamp: str
    """ISO 8601, UTC: ``2026-01-24T00:00:00Z``."""


def parse_date_option(text: str | None) -> dt.date | None:
    """``--date 2026-01-24`` as a date (``None`` when not given); anything else is an InputError."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise InputError(f"the document's date {quoted(text)}: {exc}", option="date") from None
        raise InputError(
            f"the document's date {quoted(text)}: expected YYYY-MM-DD, such as 2026-01-24", option="date"
        ) from None


def document_date(
    given: dt.date | None = None, environ: Mapping[str, str] | None = None, today: dt.date | None = None
) -> DocumentDate:
    """The document's date: ``given`` (``--date``), else ``SOURCE_DATE_EPOCH``, else ``today`` (the build day)."""
    import os

    if given is not None:
        return DocumentDate(given, _midnight(given))
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
            if not 0 <= seconds <= _MAX_EPOCH:
                raise ValueError(seconds)
            moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(
                f"SOURCE_DATE_EPOCH={quoted(epoch)}: expected a number of seconds since 1970 (0 to {_MAX_EPOCH})"
            ) from None
        return DocumentDate(moment.date(), moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    day = today or dt.date.today()
    return DocumentDate(day, _midnight(day))


def document_timestamp(given: dt.date | None = None) -> str:
    """The ISO date-time the documents' properties carry (``document_date(given).timestamp``)."""
    return document_date(given).timestamp


def _midnight(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def period_is_past(period: Mapping[str, str] | str, day: dt.date) -> bool:
    """Whether a visit's period as text (``by the end of 2025``) lies wholly before ``day``'s year.

    Only the years written in it are read: a period that names no year, or names ``day``'s year
    or a later one, is not known to be past.
    """
    texts = [period] if isinstance(period, str) else list(period.values())
    years = [int(y) for text in texts for y in _YEAR.findall(text)]
    return bool(years) and max(years) < day.year


def first_day(date: PartialDate) -> dt.date:
    """The earliest day a partial date may mean: ``2025`` → 2025-01-01, ``2025-11`` → 2025-11-01."""
    return dt.date(date.year, date.month or 1, date.day or 1)


def last_day(date: PartialDate) -> dt.date:
    """The latest day a partial date may mean: ``2025`` → 2025-12-31, ``2025-11`` → 2025-11-30."""
    import calendar

    month = date.month or 12
    return dt.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


def span(dates: Iterable[PartialDate]) -> tuple[PartialDate, PartialDate] | None:
    """The oldest and newest of ``dates`` (``None`` when there are none), each counting as what it says.

    ``2025`` is the whole year: the range starts at the date whose first possible day is earliest and
    ends at the one whose last possible day is latest, so ``2025`` and ``2025-06-01`` span ``2025`` to
    ``2025`` (the year may hold facts of December), and ``2024-12`` and ``2025`` span ``2024-12`` to
    ``2025``. Of dates that begin (or end) on the same day, the most precise is shown at that end.
    """
    found = list(dates)
    if not found:
        return None
    oldest = min(found, key=lambda d: (first_day(d), d.day is None, d.month is None))
    newest = max(found, key=lambda d: (last_day(d), d.month is not None, d.day is not None))
    return oldest, newest


def visit_past(visit: Visit, day: dt.date) -> str | None:
    """Which field of ``visit`` makes it past on ``day`` (``end``, ``date``, ``due`` or ``period``), or None.

    A fixed date wins: the visit is past when its last day (``end``, else ``date``) is before ``day``.
    Without one, a commitment is past when the last day it allows (``due``, counted as what it says:
    ``2025`` to 31 December) is before ``day``; a period when every year it names is (``period_is_past``).
    """
    last = visit.end or visit.date
    if last is not None:
        return ("end" if visit.end else "date") if last < day else None
    if visit.due is not None:
        return "due" if last_day(visit.due) < day else None
    if visit.period is not None and period_is_past(visit.period, day):
        return "period"
    return None
