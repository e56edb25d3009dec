"""``briefgen diff``: the facts of a profile now, compared with those of an earlier build or pack."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.data.catalog import Places

if TYPE_CHECKING:
    from briefgen.view.changes import Changes


def changes_since(
    name: str, since: Path | str | None = None, *, out: Path | str = "out", places: Places | None = None
) -> Changes:
    """What changed in profile ``name`` since ``since`` (pack folder, zip or facts.json), else since ``out/NAME``.

    The earlier facts are read and checked whole first (briefgen.data.earlier): a file that is not a
    facts.json briefgen wrote is one InputError naming it, before the profile is loaded.
    """
    from briefgen.data.assembly import assemble
    from briefgen.data.earlier import read_facts
    from briefgen.data.merging import merge
    from briefgen.data.validation import validate
    from briefgen.view.changes import compare
    from briefgen.view.facts import facts_document

    places = places or Places.find()
    where = Path(since) if since is not None else Path(out) / name
    profile = validate(merge(assemble(name, places).layers), places.profiles)
    before = read_facts(where, name, given=since is not None)
    after = facts_document(name, profile, "")
    return compare(name, before, after, str(where))
