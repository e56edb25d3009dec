"""The date-time documents carry: fixed by their inputs, never by the clock (reproducible builds)."""

from __future__ import annotations

import datetime as dt
import os

from briefgen.errors import InputError
from briefgen.schema import Profile
from briefgen.text import quoted


def document_timestamp(profile: Profile) -> str:
    """The date-time documents carry: ``SOURCE_DATE_EPOCH`` when set, else the newest fact's date.

    Never the clock, so that the same inputs give the same bytes (reproducible builds).
    """
    from briefgen.sections import newest_as_of

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
            if seconds < 0:
                raise ValueError(seconds)
            moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(
                f"SOURCE_DATE_EPOCH={quoted(epoch)}: expected a number of seconds since 1970 (0 to 253402300799)"
            ) from None
    else:
        newest = newest_as_of(profile)
        if newest is None:
            return ""
        moment = dt.datetime(newest.year, newest.month or 1, newest.day or 1, tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
