"""What a build says besides its files: the dates a reader should know about, the fields left untranslated.

They are made with the documents and kept in the record beside them (``notes``), so that a
skipped (up-to-date) build prints the very lines the build that made its files printed, without
loading the profile again. The date warnings depend on ``--max-age``, which does not shape the
documents: notes kept for another age are made again from the profile (the documents stay).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from briefgen.errors import Problem

if TYPE_CHECKING:
    from briefgen.data.merging import Merged
    from briefgen.data.schema import Profile
    from briefgen.view.checks import Finding

_FIELDS = ("file", "line", "column", "path", "message")


def make_notes(
    name: str,
    merged: Merged,
    profile: Profile,
    *,
    day: dt.date | None,
    max_age: str,
    gaps: list[Finding],
    asked: bool = False,
) -> dict[str, Any]:
    """The notes of a build of ``name`` dated ``day``: its date warnings for ``max_age`` and its translation gaps.

    ``asked``: ``day`` is the one ``--date`` gave, which is then checked against the newest fact too.
    """
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.checks import date_warnings

    assert day is not None, "notes are made with the documents, which have their date"
    return {
        "max_age": max_age,
        "day": day.isoformat(),
        "warnings": date_warnings(name, merged, profile, day=day, max_age=max_age, asked=asked),
        "untranslated": [f.problem.as_dict() for f in gaps],
    }


def kept_notes(record: dict[str, Any] | None, max_age: str) -> dict[str, Any] | None:
    """The notes a record keeps, when they were made for ``max_age`` and read back whole; else None."""
    notes = record.get("notes") if isinstance(record, dict) else None
    if not isinstance(notes, dict) or notes.get("max_age") != max_age:
        return None
    warnings, untranslated = notes.get("warnings"), notes.get("untranslated")
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        return None
    if not isinstance(untranslated, list) or not all(isinstance(u, dict) for u in untranslated):
        return None
    return notes


def warnings_of(notes: dict[str, Any]) -> list[str]:
    """The date warnings of the notes, one line each."""
    return list(notes["warnings"])


def untranslated_of(notes: dict[str, Any]) -> list[Problem]:
    """The fields of the notes shown in the profile's language for want of a current translation."""
    return [Problem(*(entry.get(key) for key in _FIELDS)) for entry in notes["untranslated"]]
