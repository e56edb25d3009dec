"""The resolved facts of a profile, in a stable form: what ``facts.json`` holds and ``briefgen diff`` compares.

Every build and every pack writes ``facts.json`` beside its documents: each key figure, claim,
pairing, agreement, event, person and date the briefing states, with its source and as-of date. The
facts are those the sections of the registry declare (``Section.facts``, ``briefgen.view.fact_items``).
The form is stable (keys sorted, no clock, no machine path), so the same profile gives the same bytes.

Each fact has an id that does not depend on its value, so that a corrected value is *changed*
rather than removed and added. The id rules:

- a figure: ``key_figures:LABEL`` (``national_context:GROUP/LABEL``), its label in the profile's language;
- a sentence (``framework``, ``summary``, ``priorities``, ``timeline``): the list and the source key, with
  its rank among the sentences of that list citing that source (``summary:tournant-2025#2``), since the
  sentence itself is what gets reworded;
- a pairing: ``partnerships:OUR_LOCALITY``; a person: ``people:NAME``; an agreement: ``agreements:SHORT``;
- the forum and the visit: ``forum`` and ``visit``.

Two facts that would share an id get ``#2``, ``#3``… in the order the profile lists them.
"""

from __future__ import annotations

import json
from typing import Any

from briefgen.data import schema
from briefgen.view.fact_items import Fact

FORMAT = 1
"""The version of the ``facts.json`` layout; a reader refuses any other."""
FILENAME = "facts.json"


def facts_of(profile: schema.Profile) -> dict[str, Fact]:
    """Every fact ``profile`` states, by stable id (see the module docstring), as the sections declare them."""
    from briefgen.view.sections import stated

    found: dict[str, Fact] = {}
    for item in stated(profile):
        key, n = item.id, 1
        while key in found:
            n += 1
            key = f"{item.id}#{n}"
        found[key] = {"id": key, **item.record}
    return dict(sorted(found.items()))


def facts_document(name: str, profile: schema.Profile, dated: str) -> dict[str, Any]:
    """The content of ``facts.json`` for profile or visit ``name``; ``dated`` is the document's date."""
    from briefgen.view.sections import newest_as_of

    newest = newest_as_of(profile)
    return {
        "format": FORMAT,
        "name": name,
        "language": profile.language,
        "dated": dated,
        "as_of": newest.iso if newest else None,
        "facts": facts_of(profile),
    }


def dumps(document: dict[str, Any]) -> bytes:
    """``document`` as stable JSON bytes: keys sorted, two-space indent, UTF-8, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def facts_bytes(name: str, profile: schema.Profile, dated: str | None = None) -> bytes:
    """The bytes of ``facts.json`` for ``name``, dated like its documents (``dated``; default: briefgen.view.dating)."""
    from briefgen.view.dating import document_timestamp

    return dumps(facts_document(name, profile, document_timestamp() if dated is None else dated))
