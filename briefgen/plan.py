"""One pipeline for every build: a plan of outputs, run from files loaded once.

A build (``briefgen japan``) and a pack (``briefgen batch``) are the same run with different
plans: which documents in which formats, the name of the record written beside them, and
whether a zip of everything goes next to the folder. :func:`prepare` reads and checks
everything (layers assembled once, merged, validated, the view model made) and decides from the
record whether anything needs doing; :func:`execute` renders what the plan asks and writes it
all together (briefgen.output: every temporary first, then every rename), the zip with the
documents, the record last.

The record's digest covers the inputs (profile layers, templates, fonts), briefgen's version and
the plan's options, so an unchanged run is skipped before anything is rendered; ``force``
rebuilds anyway.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats
from briefgen.assembly import assemble
from briefgen.catalog import Places, check_name
from briefgen.errors import InputError
from briefgen.facts import FILENAME as FACTS
from briefgen.facts import facts_bytes
from briefgen.merging import Merged, merge
from briefgen.output import fixed_zip, write_all, write_atomic
from briefgen.record import inputs_record, is_up_to_date, outputs_entries
from briefgen.schema import Profile

if TYPE_CHECKING:
    from briefgen.viewmodel import Briefing

BUILD_RECORD = ".briefgen-build.json"
"""The record a build leaves in ``OUT/NAME/``: hidden, so that the folder shows the documents only."""


@dataclass(frozen=True)
class Output:
    """One document of a plan: a document of the template folder in one format."""

    format: str
    document: str = "briefing"

    @property
    def filename(self) -> str:
        """The file it is written to in ``OUT/NAME/``."""
        return formats.get(self.format).filename(self.document)


@dataclass(frozen=True)
class Plan:
    """What a run writes for one name, and how it is recorded."""

    outputs: tuple[Output, ...]
    record: str
    """The record's file name in ``OUT/NAME/`` (written last)."""
    options: dict[str, Any]
    """What shapes the bytes besides the files, as the record shows it (its digest covers it)."""
    archive: bool = False
    """Also write ``OUT/NAME.zip`` holding the documents and the record."""
    pdf_variant: str | None = None
    fork: bool = True
    """Render a DOCX in a forked child while this process lays out a PDF (briefgen.forked)."""
    date: dt.date | None = None
    """``--date``: the documents' date (briefgen.dating); the options show it too, so the digest covers it."""

    def formats(self) -> list[str]:
        """The formats the plan renders, each once."""
        return list(dict.fromkeys(o.format for o in self.outputs))


@dataclass
class Prepared:
    """One name loaded, checked and compared with its record: ready to render, or up to date."""

    name: str
    plan: Plan
    folder: Path
    record: dict[str, Any]
    up_to_date: bool
    merged: Merged | None = None
    profile: Profile | None = None
    view: Briefing | None = None
    timings: dict[str, float] = field(default_factory=dict)
    day: dt.date | None = None
    """The documents' date (briefgen.dating), when they are to be made."""


def prepare(
    name: str,
    plan: Plan,
    *,
    out: Path,
    places: Places,
    templates: Path,
    lang: str | None = None,
    force: bool = False,
) -> Prepared:
    """Load ``name`` once and decide: up to date (nothing else is done), or validated with its view made."""
    from briefgen.dating import document_date
    from briefgen.validation import validate

    clock = Clock()
    assembled = assemble(name, places)
    record = inputs_record(assembled.files, places.profiles, templates, plan.options, out)
    folder = out / name
    zip_path = out / f"{name}.zip" if plan.archive else None
    clock.lap("load")
    if not force and is_up_to_date(folder, plan.record, record["inputs_digest"], zip_path):
        return Prepared(name, plan, folder, record, True, timings=clock.timings)
    merged = merge(assembled.layers)
    clock.lap("merge")
    profile = validate(merged, places.profiles)
    clock.lap("validate")
    when = document_date(plan.date)
    view = view_of(profile, lang, places.profiles, when.timestamp)
    clock.lap("context")
    return Prepared(name, plan, folder, record, False, merged, profile, view, clock.timings, when.day)


def view_of(profile: Profile, lang: str | None, root: Path, timestamp: str) -> Briefing:
    """The view model of a validated profile in ``lang``, dated ``timestamp``, with its logo's bytes read."""
    from briefgen.context import build_briefing
    from briefgen.validation import image_path

    logo = None
    if profile.partner.logo:
        path = image_path(profile.partner.logo, root)
        if isinstance(path, Path):  # validation has refused anything else
            logo = path.read_bytes()
    return build_briefing(profile, lang, timestamp, logo=logo)


def execute(
    prepared: Prepared, *, out: Path, templates: Path, on_step: Callable[[str], None] = lambda step: None
) -> list[Path]:
    """Render the plan's documents and write them with the zip, then the record; the files written."""
    assert prepared.view is not None, "an up-to-date run renders nothing"
    plan, name, folder = prepared.plan, prepared.name, prepared.folder
    clock = Clock(prepared.timings)
    documents = render_all(prepared.view, templates, plan, on_step, clock)
    assert prepared.profile is not None
    documents[FACTS] = facts_bytes(
        name, prepared.profile, prepared.view.timestamp
    )  # what ``briefgen diff`` compares with later
    entries = outputs_entries(documents)
    record = json.dumps({**prepared.record, "name": name, "outputs": entries}, ensure_ascii=False, indent=2).encode()
    files = {folder / filename: data for filename, data in documents.items()}
    written = list(files)
    if plan.archive:
        zip_path = out / f"{name}.zip"
        entries_in_zip = sorted({**documents, plan.record: record}.items())
        files[zip_path] = fixed_zip((f"{name}/{n}", d) for n, d in entries_in_zip)
    # The documents (and the zip) are replaced together; the record comes last: a folder without
    # its record, or with a stale one, is rebuilt by the next run.
    write_all(files, out)
    write_atomic(folder / plan.record, record, out)
    clock.lap("write")
    on_step("write")
    if plan.archive:
        return [*written, folder / plan.record, out / f"{name}.zip"]
    return written


def render_all(
    view: Briefing, templates: Path, plan: Plan, on_step: Callable[[str], None], clock: Clock
) -> dict[str, bytes]:
    """The bytes of each output of the plan, by file name, in the plan's order; nothing is written.

    When two slow formats are wanted (DOCX and PDF) and a second core is there, the first is
    rendered in a forked child while this process makes the others (see briefgen.forked).
    """
    from briefgen import forked

    slow = [o for o in plan.outputs if formats.get(o.format).parallel]
    child_output = slow[0] if plan.fork and len(slow) > 1 and forked.available() else None
    child = None
    if child_output is not None:
        options = formats.Options(child_output.document, plan.pdf_variant)
        work = formats.get(child_output.format)
        child = forked.Forked(lambda: work.render(view, templates, options), child_output.filename)
    documents: dict[str, bytes] = {}
    try:
        for output in plan.outputs:
            if output != child_output:
                options = formats.Options(output.document, plan.pdf_variant)
                documents[output.filename] = formats.get(output.format).render(view, templates, options)
                clock.lap(output.format if output.document == "briefing" else output.filename)
                on_step(output.filename)
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    if child is not None and child_output is not None:
        documents[child_output.filename] = child.result()
        clock.lap(f"{child_output.format} (waiting for the parallel process)")
        clock.timings[f"{child_output.format}, in a parallel process"] = child.seconds
        on_step(child_output.filename)
    return {o.filename: documents[o.filename] for o in plan.outputs}


def template_dir(places: Places, template: str | None, wanted: Sequence[str]) -> Path:
    """The folder of template ``template`` (``None`` or ``default``: the shipped one), checked for ``wanted``."""
    if template is None or template == "default":
        folder = places.templates
    else:
        check_name(template)
        folder = places.templates / template
        if not folder.is_dir():
            names = ", ".join(list_templates(places))
            raise InputError(f"no template named '{template}' in {places.templates} (templates found: {names})")
    provided = formats.provided_by(folder)
    missing = [f for f in wanted if f not in provided]
    if missing:
        needed = " and/or ".join(dict.fromkeys(t for f in formats.FORMATS for t in f.templates))
        raise InputError(
            f"{folder}: template '{template or 'default'}' provides no {', '.join(missing)} "
            f"(it has: {', '.join(provided) or 'nothing'}); a template folder holds {needed}"
        )
    return folder


def list_templates(places: Places) -> dict[str, list[str]]:
    """Template names and the formats each provides; ``default`` is the shipped one."""
    found = {"default": formats.provided_by(places.templates)}
    for folder in sorted(p for p in places.templates.iterdir() if p.is_dir()):
        provided = formats.provided_by(folder)
        if provided:
            found[folder.name] = provided
    return found


class Clock:
    """Adds the time since the last lap to ``timings[stage]`` (``build --timings``)."""

    def __init__(self, timings: dict[str, float] | None = None) -> None:
        self.timings = timings if timings is not None else {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Count the time since the last lap (or since the clock started) toward ``stage``."""
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now
