"""The steps of ``briefgen.build`` (briefgen.pipeline.api): its plan, the skip, the checks before writing, the run.

In order: :func:`build_plan` (what to write), :func:`all_skipped` (everything up to date, told
from file bytes: briefgen.pipeline.fresh), then, once every name is prepared
(briefgen.pipeline.plan), :func:`note_all` (refuse an unfinished final build; the warnings and
translation gaps each build prints, kept in its record: briefgen.pipeline.notes) and :func:`run_all`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats_registry
from briefgen.data.catalog import Places
from briefgen.errors import BriefgenError, BuildFailed, FinalError, InputError, Problem
from briefgen.pipeline.notes import kept_notes, make_notes, untranslated_of, warnings_of
from briefgen.pipeline.plan import BUILD_RECORD, Output, Plan, Prepared

if TYPE_CHECKING:
    from briefgen.data.merging import Merged
    from briefgen.view.checks import Finding
    from briefgen.view.viewmodel import Briefing


@dataclass(frozen=True)
class Built:
    """The files one build wrote."""

    name: str
    files: list[Path]
    untranslated: list[Problem] = field(default_factory=list)
    """Text fields shown in the profile's language because the build language has none (or a stale one)."""
    lang: str = ""
    """The build language, when one was asked for."""
    facts: Path | None = None
    """The ``facts.json`` written with the documents (see briefgen.view.facts); not one of ``files``."""
    status: str = "built"
    """``built``, or ``up to date`` when its inputs had not changed and nothing was written."""
    folder: Path | None = None
    """The folder its files are in."""
    warnings: list[str] = field(default_factory=list)
    """Dates a reader should know about: stale figures (one line), a visit already past."""


def build_plan(
    formats: Iterable[str],
    *,
    lang: str | None = None,
    template: str | None = None,
    pdf_variant: str | None = None,
    final: bool = False,
    date: dt.date | None = None,
) -> Plan:
    """The plan of ``briefgen build``: the briefing in each format asked for, and its record."""
    check_pdf_variant(pdf_variant)
    wanted = formats_registry.chosen(formats)
    options: dict[str, Any] = {
        "formats": [f.name for f in wanted],
        "lang": lang,
        "template": template or "default",
        "pdf_variant": pdf_variant,
        "final": final,
        # The documents' date (briefgen.view.dating) shapes their bytes: --date, else SOURCE_DATE_EPOCH
        # when set. Without either, a build made on an earlier day is up to date and keeps its date.
        "date": date.isoformat() if date else None,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None,
    }
    return Plan(tuple(Output(f.name) for f in wanted), BUILD_RECORD, options, pdf_variant=pdf_variant, date=date)


def check_pdf_variant(variant: str | None) -> None:
    """Refuse a PDF variant WeasyPrint is not asked to produce here."""
    from briefgen.render.pdf import VARIANTS

    if variant is not None and variant not in VARIANTS:
        raise InputError(f"unknown PDF variant '{variant}': use one of {', '.join(VARIANTS)}")


def all_skipped(
    names: Sequence[str], plan: Plan, *, out: Path, places: Places, templates: Path, max_age: str, asked: bool
) -> list[Built] | None:
    """Every name's Built when every one is up to date, told from file bytes alone; None when that cannot be told."""
    from briefgen.pipeline.fresh import fresh_each

    built = []
    for name in names:
        ready = fresh_each(name, plan, out=out, places=places, templates=templates, max_age=max_age)
        if ready is None:
            return None
        built += [_skipped(p, kept_notes(p.kept, max_age) or {}, asked) for p in ready]
    return built


def note_all(ready: Sequence[Prepared], *, final: bool, max_age: str, places: Places) -> dict[int, dict[str, Any]]:
    """The notes of each prepared build, by ``id``; with ``final``, a FinalError if any is unfinished.

    A build to make gets new notes, also put in the record it will write; an up-to-date one
    keeps those of its record, or has them made again (another ``--max-age``, an older record).
    """
    gaps = {id(p): _translation_gaps(p.merged, p.plan.languages[0], places) for p in ready if p.merged is not None}
    # A final build's options differ from a draft's, so an up-to-date final build had nothing to refuse.
    if final:
        _refuse_unfinished(ready, gaps, max_age)
    notes = {}
    for p in ready:
        if p.merged is not None and p.profile is not None:
            made = make_notes(p.name, p.merged, p.profile, day=p.day, max_age=max_age, gaps=gaps[id(p)])
            p.record = {**p.record, "notes": made}
            notes[id(p)] = made
        else:
            notes[id(p)] = kept_notes(p.kept, max_age) or _notes_again(p, max_age, places)
    return notes


def run_all(
    ready: Sequence[Prepared],
    notes: dict[int, dict[str, Any]],
    *,
    out: Path,
    templates: Path,
    asked: bool,
    timings: dict[str, float] | None = None,
    on_view: Callable[[str, Briefing], None] | None = None,
) -> list[Built]:
    """Render and write each prepared build that is not up to date; one Built each, in order."""
    from briefgen.pipeline.plan import execute
    from briefgen.view.facts import FILENAME as FACTS

    built: list[Built] = []
    for prepared in ready:
        note = notes[id(prepared)]
        if prepared.up_to_date:
            built.append(_skipped(prepared, note, asked))
            continue
        if on_view is not None and prepared.view is not None:
            on_view(prepared.name, prepared.view)
        try:
            files = execute(prepared, out=out, templates=templates)
        except BriefgenError as exc:
            if len(ready) == 1:
                raise
            raise BuildFailed(prepared.name, built, exc) from exc
        finally:
            _add(timings, prepared.timings)
        folder = prepared.folder
        shown_files = [f for f in files if f.name != FACTS]  # facts.json is for 'briefgen diff', not the reader
        lang = _shown_lang(prepared, asked)
        untranslated, warnings = untranslated_of(note), warnings_of(note)
        built.append(
            Built(prepared.name, shown_files, untranslated, lang, folder / FACTS, folder=folder, warnings=warnings)
        )
    return built


def _skipped(prepared: Prepared, notes: dict[str, Any], asked: bool) -> Built:
    """The Built of an up-to-date build: its files as they are, the lines its notes keep."""
    files = [prepared.folder / o.filename for o in prepared.plan.outputs]
    untranslated = untranslated_of(notes) if notes else []
    warnings = warnings_of(notes) if notes else []
    lang = _shown_lang(prepared, asked)
    return Built(
        prepared.name, files, untranslated, lang, status="up to date", folder=prepared.folder, warnings=warnings
    )


def _shown_lang(prepared: Prepared, asked: bool) -> str:
    return (prepared.plan.languages[0] or "") if asked else ""


def _notes_again(prepared: Prepared, max_age: str, places: Places) -> dict[str, Any]:
    """The notes of an up-to-date build, made again from its profile, for the date its documents bear."""
    from briefgen.data.assembly import assemble
    from briefgen.data.merging import merge
    from briefgen.data.validation import validate
    from briefgen.view.dating import document_date

    merged = merge(assemble(prepared.name, places).layers)
    profile = validate(merged, places.profiles)
    kept = (prepared.kept or {}).get("notes")
    day = kept.get("day") if isinstance(kept, dict) else None
    try:
        when = dt.date.fromisoformat(day) if isinstance(day, str) else document_date(prepared.plan.date).day
    except ValueError:
        when = document_date(prepared.plan.date).day
    gaps = _translation_gaps(merged, prepared.plan.languages[0], places)
    return make_notes(prepared.name, merged, profile, day=when, max_age=max_age, gaps=gaps)


def _add(timings: dict[str, float] | None, stages: dict[str, float]) -> None:
    if timings is not None:
        for stage, seconds in stages.items():
            timings[stage] = timings.get(stage, 0.0) + seconds


def _translation_gaps(merged: Merged, lang: str | None, places: Places) -> list[Finding]:
    """The fields with no current text in ``lang`` (none when building in the profile's language)."""
    from briefgen.view.checks import translation_findings

    return translation_findings(merged, lang, places.profiles) if lang else []


def _refuse_unfinished(ready: Sequence[Prepared], translation: dict[int, list[Finding]], max_age: str) -> None:
    """A FinalError listing what a final document may not have, on each document's date.

    That is ``briefgen.view.checks.final_findings`` and every missing or stale translation of the names to build.
    """
    from briefgen.view.checks import final_findings

    found: list[Finding] = []
    for prepared in ready:
        if prepared.merged is None or prepared.profile is None:
            continue  # up to date: its record says it was built final, so it had none
        assert prepared.day is not None, "a build to make has its date"
        found += final_findings(prepared.merged, prepared.profile, day=prepared.day, max_age=max_age)
        found += translation.get(id(prepared), [])
    unique = list(dict.fromkeys(found))  # a visit repeats its partner's placeholders
    if unique:
        raise FinalError(unique)
