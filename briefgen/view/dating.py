"""The document's own date, and the warnings ``build`` gives about dates.

Which date a document carries (its cover, its DOCX and PDF properties, ``facts.json``; the zip
entries' dates stay fixed separately), in this order of precedence:

1. ``--date YYYY-MM-DD`` on ``build``, ``batch`` or ``preview``;
2. else ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC), when set: reproducible builds;
3. else the day of the build (the machine's local date).

The properties' date-time is that day at 00:00 UTC, or the exact ``SOURCE_DATE_EPOCH`` moment:
never the clock's time of day, so that two builds on the same day, or any two builds under the
same ``--date`` or ``SOURCE_DATE_EPOCH``, give the same bytes.

The facts' as-of range (the cover's "facts as of … – …") is computed from the section registry
(``briefgen.view.sections.as_of_range``), never from the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from briefgen.errors import InputError
from briefgen.text import quoted

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
    except ValueError:
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
