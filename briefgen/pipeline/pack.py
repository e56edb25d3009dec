"""Pre-visit packs: the briefing, a one-page key-facts sheet, a manifest and a zip, for one name.

A pack ``OUT/NAME/`` holds ``briefing.docx``, ``briefing.pdf``, ``key-facts.pdf``, ``facts.json``
(the facts it states, see briefgen.view.facts) and ``manifest.json``; ``OUT/NAME.zip`` holds the same
five files. Files are written in that order, each atomically, the zip next and the manifest
last: a pack whose manifest is missing, or does not match its files, was interrupted and is
rebuilt rather than skipped.

A pack is a build with another plan (briefgen.pipeline.plan): the same load, render and write, with the
key-facts sheet, the manifest (briefgen.pipeline.record: the sha256 of every input, briefgen's version and
the options, and ``inputs_digest`` that sums them up) and the archive among its outputs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.data.assembly import load
from briefgen.data.catalog import Places
from briefgen.data.files import read_regular
from briefgen.pipeline import record
from briefgen.pipeline.builds import editions_asked
from briefgen.pipeline.notes import kept_notes, make_notes, warnings_of
from briefgen.pipeline.plan import Clock, Output, Plan, template_dir
from briefgen.pipeline.stages import context, prepare, render, write

MANIFEST = "manifest.json"
MAX_AGE = "12m"
"""The age past which a batch warns that a figure is stale (``build --max-age``'s default)."""
MAX_MANIFEST_BYTES = record.MAX_RECORD_BYTES
STEPS = ("load", "briefing.docx", "briefing.pdf", "key-facts.pdf", "write")
"""What a pack build reports progress on, in order."""
OUTPUTS = (Output("docx"), Output("pdf"), Output("pdf", "key-facts"))
"""The documents of a pack, in the order they are rendered and listed."""
DOCUMENTS = tuple(o.filename for o in OUTPUTS)


@dataclass(frozen=True)
class PackResult:
    """What building (or skipping) one pack did."""

    name: str
    status: str
    """``built``, ``up to date`` or ``failed``."""
    seconds: float = 0.0
    outputs: tuple[str, ...] = ()
    error: str = ""
    option: str | None = None
    """The command-line option the error is about (``BriefgenError.option``): the CLI names its flag."""
    exit_code: int = 0
    peak_rss_kb: int = 0
    warnings: tuple[str, ...] = ()
    """Dates a reader should know about (stale figures, a visit already past), one line each."""


def pack_plan(lang: str | None, template: str | None, date: dt.date | None = None, edition: str | None = None) -> Plan:
    """The plan of a pack: briefing in DOCX and PDF, the key-facts sheet, the manifest and the zip.

    ``date`` (``--date``) dates the documents (briefgen.view.dating). No forked child: a batch already
    keeps every core busy with one pack each. A pack rebuilt over an earlier one says what changed
    since (the section ``changes``). Without ``lang``, the pack is made in every language its visit
    asks for (``visit.languages``), else in every language its profile has complete text in
    (briefgen.data.translation.complete_languages): a briefing and a key-facts page each, in one
    manifest and zip. ``edition`` (``batch --edition``, checked): the editions made, whatever the visit names.
    """
    editions = editions_asked(edition)
    return Plan(
        OUTPUTS,
        MANIFEST,
        pack_options(lang, template, date, edition),
        archive=True,
        fork=False,
        changes=True,
        date=date,
        languages=(lang,) if lang else (),
        visit_languages=lang is None,
        editions=editions,
    )


def is_up_to_date(folder: Path, zip_path: Path, digest: str, base: Path | None = None) -> bool:
    """Whether the pack in ``folder`` was built from inputs with ``digest`` and is complete and intact.

    With ``base`` (the profiles folder), the images the manifest lists must be unchanged too.
    """
    return record.is_up_to_date(folder, MANIFEST, digest, zip_path, base)


def pack_warnings(folder: Path) -> tuple[str, ...]:
    """The date warnings the manifest in ``folder`` keeps (briefgen.pipeline.notes); none if it cannot be read."""
    try:
        kept = json.loads(read_regular(folder / MANIFEST, MAX_MANIFEST_BYTES))
    except (OSError, ValueError):
        return ()
    notes = kept_notes(kept, MAX_AGE)
    return tuple(warnings_of(notes)) if notes else ()


def build_pack(
    name: str,
    *,
    out: Path,
    places: Places,
    lang: str | None = None,
    template: str | None = None,
    on_step: Callable[[str], None] = lambda step: None,
    date: dt.date | None = None,
    edition: str | None = None,
) -> list[Path]:
    """Build the pack of profile or visit ``name`` into ``out/NAME/`` and ``out/NAME.zip``; return the files.

    The stages of a build (briefgen.pipeline.stages), with one record (the manifest) for all its languages
    and editions (``edition``: as ``batch --edition``; none, those its visit names).
    """
    on_step("load")
    plan = pack_plan(lang, template, date, edition)
    templates = template_dir(places, template, plan.formats())
    # 1. Load: each file read once.
    clock = Clock()
    loaded = load(name, places)
    clock.lap("load")
    # 2. Skip? No: the batch has decided this pack needs building, no second look at its manifest.
    (prepared,) = prepare(loaded, plan, out=out, templates=templates, force=True, clock=clock)
    # 3. Context: the views of its languages, and the warnings a batch prints, kept for its next run.
    context(prepared)
    notes = make_notes(
        name, loaded.merged, loaded.profile, day=prepared.day, max_age=MAX_AGE, gaps=[], asked=date is not None
    )
    notes["warnings"] = [*notes["warnings"], *prepared.notices]  # printed, and kept for a skipped run
    prepared.record = {**prepared.record, "notes": notes}
    # 4. Render, 5. write: the documents, the zip, the manifest last.
    return write(prepared, render(prepared, templates, on_step), out=out, on_step=on_step)


def pack_options(
    lang: str | None, template: str | None, date: dt.date | None = None, edition: str | None = None
) -> dict[str, Any]:
    """The options that shape a pack's bytes, as the manifest records them (``date``, ``edition``: when given)."""
    options: dict[str, Any] = {"lang": lang, "template": template or "default", "formats": list(DOCUMENTS)}
    if date is not None:
        options["date"] = date.isoformat()
    if edition is not None:
        options["edition"] = edition
    return options
