"""One pipeline for every build: a plan of outputs, run from files loaded once.

A build (``briefgen japan``) and a pack (``briefgen batch``) are the same run with different
plans: which documents in which formats, the name of the record written beside them, and
whether a zip of everything goes next to the folder. :func:`prepare` reads and checks
everything (layers assembled once, merged, validated, the view model made) and decides from the
record whether anything needs doing; :func:`execute` renders what the plan asks and writes it
all together (briefgen.pipeline.output: every temporary first, then every rename), the zip with the
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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats
from briefgen.data.catalog import Places, check_name
from briefgen.errors import InputError
from briefgen.pipeline.output import serialised, write_all, write_atomic
from briefgen.pipeline.record import image_entries, inputs_record, outputs_entries, read_up_to_date
from briefgen.render.zips import fixed_zip

if TYPE_CHECKING:
    from briefgen.data.merging import Merged
    from briefgen.data.schema import Profile
    from briefgen.view.viewmodel import Briefing

BUILD_RECORD = ".briefgen-build.json"
"""The record a build leaves in ``OUT/NAME/``: hidden, so that the folder shows the documents only."""


@dataclass(frozen=True)
class Output:
    """One document of a plan: a document of the template folder in one format."""

    format: str
    document: str = "briefing"
    lang: str = ""
    """Its language when it is not the profile's own (``""``): it names the file, ``briefing.en.pdf``."""

    @property
    def filename(self) -> str:
        """The file it is written to in ``OUT/NAME/``: ``briefing.pdf``, ``briefing.en.pdf``."""
        return suffixed(formats.get(self.format).filename(self.document), self.lang)


def suffixed(filename: str, lang: str) -> str:
    """``filename`` with ``lang`` before its extension (``briefing.en.pdf``); as is when ``lang`` is empty.

    The profile's own language keeps the plain names, so a build without ``--lang`` and one in
    the profile's language write the same files; every other language writes its own.
    """
    if not lang:
        return filename
    stem, dot, extension = filename.rpartition(".")
    return f"{stem}.{lang}.{extension}" if dot else f"{filename}.{lang}"


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
    """Render a DOCX in a forked child while this process lays out a PDF (briefgen.pipeline.forked)."""
    languages: tuple[str | None, ...] = (None,)
    """The languages asked for (None: the profile's own); each gets its own files (:func:`suffixed`)."""
    record_per_language: bool = False
    """One record per language (a build: ``.briefgen-build.en.json``), so that building one
    language never takes another's files for its own; else one record for all (a pack's manifest)."""
    changes: bool = False
    """Add the section of what changed since the earlier pack of the same name (``OUT/NAME.zip``)."""
    visit_languages: bool = False
    """A pack: made in the languages its visit asks for (``visit.languages``) when no language is given, else in
    every language its profile has complete text in."""
    date: dt.date | None = None
    """``--date``: the documents' date (briefgen.view.dating); the options show it too, so the digest covers it."""

    def formats(self) -> list[str]:
        """The formats the plan renders, each once."""
        return list(dict.fromkeys(o.format for o in self.outputs))

    def localised(self, own: str) -> Plan:
        """The plan for a profile written in ``own``: each output once per language, suffixed but for ``own``."""
        langs = list(dict.fromkeys("" if lang in (None, own) else lang for lang in self.languages))
        outputs = tuple(replace(o, lang=lang) for lang in langs for o in self.outputs)
        return replace(self, outputs=outputs, languages=tuple(lang or own for lang in langs))

    def per_language(self) -> list[Plan]:
        """A localised plan split into one plan per language, each with its record (a build's)."""
        if not self.record_per_language:
            return [self]
        plans = []
        suffixes = dict.fromkeys(o.lang for o in self.outputs)  # in the order of self.languages
        for suffix, lang in zip(suffixes, self.languages, strict=True):
            outputs = tuple(o for o in self.outputs if o.lang == suffix)
            record = suffixed(self.record, suffix)
            options = {**self.options, "lang": lang}
            plans.append(replace(self, outputs=outputs, languages=(lang,), record=record, options=options))
        return plans


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
    """The view of the plan's first language."""
    timings: dict[str, float] = field(default_factory=dict)
    views: dict[str, Briefing] = field(default_factory=dict)
    """The view of each language of the plan, by output suffix (``""``: the profile's own)."""
    day: dt.date | None = None
    """The documents' date (briefgen.view.dating), when they are to be made."""
    kept: dict[str, Any] | None = None
    """The record found beside the files, when they are up to date (its ``notes``: briefgen.pipeline.notes)."""
    notices: list[str] = field(default_factory=list)
    """What a reader should know that did not stop the run (an earlier pack whose facts could not be read)."""


def prepare(
    name: str,
    plan: Plan,
    *,
    out: Path,
    places: Places,
    templates: Path,
    lang: str | None = None,
    force: bool = False,
    since: Path | None = None,
) -> Prepared:
    """Load ``name`` once and decide: up to date (nothing else is done), or validated with its views made.

    ``lang`` (if given) replaces the plan's languages; the plan must keep one record for them all.
    The changes section compares with the facts of ``since`` (see :func:`prepare_each`).
    """
    plan = replace(plan, languages=(lang,)) if lang is not None else plan
    (prepared,) = prepare_each(name, replace(plan, record_per_language=False), out=out, places=places,
                               templates=templates, force=force, since=since)  # fmt: skip
    return prepared


def prepare_each(
    name: str,
    plan: Plan,
    *,
    out: Path,
    places: Places,
    templates: Path,
    force: bool = False,
    since: Path | None = None,
) -> list[Prepared]:
    """Load, merge and validate ``name`` once; one Prepared per record of the plan (per language for a build).

    Each is up to date (nothing more is done for it) or carries the views of its languages, made
    from the one validated profile. The changes section compares with the facts of ``since`` (a
    pack folder, zip or facts.json) when given, else, when the plan asks for it, with those of the
    earlier pack ``OUT/NAME.zip``, read here, before anything is replaced.
    """
    from briefgen.data.assembly import assemble
    from briefgen.data.merging import merge
    from briefgen.data.translation import own_language
    from briefgen.data.validation import images_of, validate
    from briefgen.view.dating import document_date

    clock = Clock()
    assembled = assemble(name, places)
    clock.lap("load")
    # Merged before the records are read: the profile's language names the files to compare.
    merged = merge(assembled.layers)
    own = own_language(merged)
    if plan.visit_languages and plan.languages == (None,):
        plan = replace(plan, languages=_visit_languages(merged) or plan.languages)
    folder, base = out / name, places.profiles
    zip_path = out / f"{name}.zip" if plan.archive else None
    clock.lap("merge")
    prepared = []
    for part in plan.localised(own).per_language():
        record = inputs_record(assembled.files, places.profiles, templates, part.options, out)
        kept = None if force else read_up_to_date(folder, part.record, record["inputs_digest"], zip_path, base)
        prepared.append(Prepared(name, part, folder, record, kept is not None, timings=clock.timings, kept=kept))
    clock.lap("load")
    if all(p.up_to_date for p in prepared):
        return prepared
    profile = validate(merged, places.profiles)
    images = image_entries(list(images_of(profile, base).values()), base)  # the record's: see read_up_to_date
    clock.lap("validate")
    earlier, notices = _earlier_facts(name, since, zip_path if plan.changes else None)
    final = bool(plan.options.get("final"))
    when = document_date(plan.date)
    for p in prepared:
        if not p.up_to_date:
            suffixes = dict.fromkeys(o.lang for o in p.plan.outputs)
            p.views = {
                s: view_of(profile, s or own, places.profiles, when.timestamp, earlier, final=final) for s in suffixes
            }
            p.merged, p.profile, p.view, p.day = merged, profile, next(iter(p.views.values())), when.day
            p.record = {**p.record, "images": images}
            p.notices = notices
    clock.lap("context")
    return prepared


def _visit_languages(merged: Merged) -> tuple[str | None, ...]:
    """The languages of a pack: those its visit asks for, else every one its profile is complete in.

    ``visit.languages`` is taken as written (validation checks it); without it, see
    briefgen.data.translation.complete_languages (the profile's own language first).
    """
    from briefgen.data.translation import complete_languages

    visit = merged.data.get("visit")
    asked = visit.get("languages") if isinstance(visit, dict) else None
    if isinstance(asked, list) and asked:
        return tuple(lang for lang in asked if isinstance(lang, str))
    return tuple(complete_languages(merged))


def _earlier_facts(name: str, since: Path | None, earlier_pack: Path | None) -> tuple[dict[str, Any] | None, list[str]]:
    """The facts to compare with, and a notice when the earlier pack's could not be read.

    ``since``, named by the caller, must be read (InputError otherwise). The earlier pack
    ``OUT/NAME.zip`` is looked at when there is one; a broken one is not a reason to stop the new pack,
    whose changes section is then left out, with one line saying why.
    """
    from briefgen.data.earlier import read_facts

    if since is not None:
        return read_facts(since, name), []
    if earlier_pack is None or not (earlier_pack.exists() or earlier_pack.is_symlink()):
        return None, []
    try:
        return read_facts(earlier_pack, name, given=False), []
    except InputError as exc:
        return None, [f"{name}: the changes since the earlier pack are left out: {exc.message}"]


def view_of(
    profile: Profile,
    lang: str | None,
    root: Path,
    timestamp: str,
    earlier: dict[str, Any] | None = None,
    *,
    final: bool = False,
) -> Briefing:
    """The view model of a validated profile in ``lang`` dated ``timestamp``, images read; a draft unless ``final``."""
    from briefgen.data.validation import images_of
    from briefgen.view.context import build_briefing

    images = {value: path.read_bytes() for value, path in images_of(profile, root).items()}
    logo = images.get(profile.partner.logo or "")
    return build_briefing(profile, lang, timestamp, logo=logo, earlier=earlier, final=final, photos=images)


def execute(
    prepared: Prepared, *, out: Path, templates: Path, on_step: Callable[[str], None] = lambda step: None
) -> list[Path]:
    """Render the plan's documents and write them with the zip, then the record; the files written."""
    from briefgen.view.facts import FILENAME as FACTS
    from briefgen.view.facts import facts_bytes

    assert prepared.view is not None, "an up-to-date run renders nothing"
    plan, name, folder = prepared.plan, prepared.name, prepared.folder
    clock = Clock(prepared.timings)
    views = prepared.views or {"": prepared.view}
    documents = render_all(views, templates, plan, on_step, clock)
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
    # its record, or with a stale one, is rebuilt by the next run. Another run writing this folder
    # waits (serialised): its documents never land between ours and our record.
    with serialised(folder, out):
        write_all(files, out)
        write_atomic(folder / plan.record, record, out)
    clock.lap("write")
    on_step("write")
    if plan.archive:
        return [*written, folder / plan.record, out / f"{name}.zip"]
    return written


def render_all(
    views: dict[str, Briefing], templates: Path, plan: Plan, on_step: Callable[[str], None], clock: Clock
) -> dict[str, bytes]:
    """The bytes of each output of the plan, by file name, in the plan's order; nothing is written.

    When two slow formats are wanted (DOCX and PDF) and a second core is there, the first is
    rendered in a forked child while this process makes the others (see briefgen.pipeline.forked).
    """
    from briefgen.pipeline import forked

    slow = [o for o in plan.outputs if formats.get(o.format).parallel]
    child_output = slow[0] if plan.fork and len(slow) > 1 and forked.available() else None
    child = None
    if child_output is not None:
        options = formats.Options(child_output.document, plan.pdf_variant)
        work = formats.get(child_output.format)
        view = views[child_output.lang]
        child = forked.Forked(lambda: work.render(view, templates, options), child_output.filename)
    documents: dict[str, bytes] = {}
    try:
        for output in plan.outputs:
            if output != child_output:
                options = formats.Options(output.document, plan.pdf_variant)
                documents[output.filename] = formats.get(output.format).render(views[output.lang], templates, options)
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
