"""A build (``briefgen build``), top to bottom: load, skip?, context, render, write.

:func:`run_build` is the whole of it, one stage per step (the stages: briefgen.pipeline.stages),
every name read and checked before anything is written:

1. **load** each name once (briefgen.data.assembly.load: each file read once);
2. **skip?** compare each language's record with the files' digests (briefgen.pipeline.stages.prepare);
   when every one is up to date, and its record keeps the lines to print again
   (briefgen.pipeline.notes), the build ends there, having imported no model;
3. **check**: ``--strict`` refuses what ``check`` lists, ``--final`` what a final document cannot have;
4. **context** makes the views of each build to make, **render** their bytes, **write** them, the record last.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats_registry
from briefgen.data.assembly import Loaded, load
from briefgen.data.catalog import Places
from briefgen.errors import BriefgenError, BuildFailed, CheckError, FinalError, InputError, Problem
from briefgen.pipeline.notes import kept_notes, make_notes, untranslated_of, warnings_of
from briefgen.pipeline.plan import BUILD_RECORD, Clock, Output, Plan
from briefgen.pipeline.stages import Prepared, context, fork_ahead, no_fork_ahead, prepare, render, write
from briefgen.view.dating import document_date

if TYPE_CHECKING:  # the checks import the models: an up-to-date build needs neither
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
    languages: Sequence[str] = (),
    template: str | None = None,
    pdf_variant: str | None = None,
    final: bool = False,
    date: dt.date | None = None,
    edition: str | None = None,
    max_age: str = "12m",
) -> Plan:
    """The plan of ``briefgen build``: the briefing in each format asked for, in each language, a record each.

    ``languages``: codes, checked (none: the profile's own, known once it is loaded). ``edition="partner"``:
    the partner's edition, in files (and a record) of its own, ``briefing.partner.pdf``.
    """
    check_pdf_variant(pdf_variant)
    editions = editions_asked(edition)
    wanted = formats_registry.chosen(formats)
    options: dict[str, Any] = {
        "formats": [f.name for f in wanted],
        "lang": None,  # each record's own language (Plan.per_language)
        "template": template or "default",
        "pdf_variant": pdf_variant,
        "final": final,
        # The documents' date (briefgen.view.dating) shapes their bytes: --date, else SOURCE_DATE_EPOCH
        # when set. Without either, a build made on an earlier day is up to date and keeps its date.
        "date": date.isoformat() if date else None,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None,
        "max_age": max_age.strip(),  # the age beyond which the page marks a figure or title as old
    }
    outputs = tuple(Output(f.name) for f in wanted)
    return Plan(
        outputs, BUILD_RECORD, options, pdf_variant=pdf_variant, date=date, languages=tuple(languages),
        record_per_language=True, editions=editions,
    )  # fmt: skip


PARTNER = "partner"
EDITIONS = {"internal": ("",), PARTNER: (PARTNER,), "both": ("", PARTNER)}
"""``build --edition`` (and ``visit.edition``): ours, the partner's (without what is ours alone), or both."""


def editions_asked(edition: str | None) -> tuple[str, ...]:
    """The editions ``edition`` names, as ``Output.edition`` (``None``: none, the visit's or ours), checked."""
    if edition is None:
        return ()
    if edition not in EDITIONS:
        raise InputError(f"unknown edition '{edition}': use one of {', '.join(EDITIONS)}", option="edition")
    return EDITIONS[edition]


def check_pdf_variant(variant: str | None) -> None:
    """Refuse a PDF variant WeasyPrint is not asked to produce here."""
    # Deferred (heavy): WeasyPrint.
    from briefgen.render.pdf import VARIANTS

    if variant is not None and variant not in VARIANTS:
        raise InputError(f"unknown PDF variant '{variant}': use one of {', '.join(VARIANTS)}")


def run_build(
    names: Sequence[str],
    plan: Plan,
    *,
    out: Path,
    places: Places,
    templates: Path,
    force: bool = False,
    strict: bool = False,
    since: Path | None = None,
    max_age: str = "12m",
    asked: bool = False,
    timings: dict[str, float] | None = None,
    on_view: Callable[[str, Briefing], None] | None = None,
) -> list[Built]:
    """Build each name by ``plan`` into ``out/NAME/``: load, skip?, check, context, render, write (see the module).

    ``asked``: a language was asked for (``Built.lang`` then names it).
    """
    # 1. Load: each name's files read once; layers, merged data and profile made from them when asked.
    loaded, clocks = [], []
    for name in names:
        clocks.append(Clock())
        loaded.append(load(name, places))
        clocks[-1].lap("load")
    # 2. Skip? One Prepared per language, up to date when its record matches the files' digests.
    ready = [
        p
        for item, clock in zip(loaded, clocks, strict=True)
        for p in prepare(item, plan, out=out, templates=templates, force=force, clock=clock)
    ]
    kept = [kept_notes(p.kept, max_age) for p in ready]
    if not (strict or since) and all(p.up_to_date and k is not None for p, k in zip(ready, kept, strict=True)):
        return [_skipped(p, k or {}, asked) for p, k in zip(ready, kept, strict=True)]
    to_make = [p for p in ready if not p.up_to_date]
    if len(to_make) == 1:  # a child imports WeasyPrint meanwhile (briefgen.pipeline.forked.Ahead)
        fork_ahead(to_make[0], templates)
    else:
        no_fork_ahead()  # several builds: this process imports the renderer once for them all
    try:
        return _made(loaded, ready, plan, out=out, templates=templates, strict=strict, since=since, max_age=max_age,
                     asked=asked, timings=timings, on_view=on_view)  # fmt: skip
    finally:
        for p in to_make:
            if p.ahead is not None:
                p.ahead[1].cancel()  # it failed before its PDF was wanted (nothing when the PDF was taken)


def _made(
    loaded: list[Loaded],
    ready: list[Prepared],
    plan: Plan,
    *,
    out: Path,
    templates: Path,
    strict: bool,
    since: Path | None,
    max_age: str,
    asked: bool,
    timings: dict[str, float] | None,
    on_view: Callable[[str, Briefing], None] | None,
) -> list[Built]:
    """Steps 3 to 5 of :func:`run_build` for builds not all up to date: check, context, render and write."""
    # 3. Check: from here the profiles are validated (the models are imported).
    from briefgen.view.checks import parse_age

    parse_age(max_age)
    if strict:  # on the documents' own date, with the build's age limit: what the page will say
        day = document_date(plan.date).day
        found = [f for code in plan.languages or [None] for f in checked(loaded, lang=code, max_age=max_age, today=day)]
        if found:
            raise CheckError(found)
    # 4. Context: the views of every build to make, before anything is written.
    to_make = [p for p in ready if not p.up_to_date]
    for p in to_make:
        context(p, since=since)
    notes = _notes(ready, final=bool(plan.options.get("final")), max_age=max_age)
    # 5. Render and write each, the record last.
    built: list[Built] = []
    for p in ready:
        if p.up_to_date:
            built.append(_skipped(p, notes[id(p)], asked))
            continue
        if on_view is not None:
            on_view(p.name, next(iter(p.views.values())))
        try:
            files = write(p, render(p, templates), out=out)
        except BriefgenError as exc:
            if len(ready) == 1:
                raise
            raise BuildFailed(p.name, built, exc) from exc
        finally:
            _add(timings, p.timings)
        built.append(_built(p, files, notes[id(p)], asked))
    return built


def checked(
    loaded: Sequence[Loaded], *, lang: str | None = None, max_age: str = "12m", today: dt.date | None = None
) -> list[Finding]:
    """What ``briefgen check`` lists for the loaded names (``lang``: also the fields it lacks), each place once."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.checks import cutoff, findings, parse_age

    oldest = cutoff(today or dt.date.today(), parse_age(max_age))
    found: list[Finding] = []
    seen: set[tuple[str, int | None, int | None, str]] = set()  # str(finding) holds kind, path and message
    for item in loaded:
        for finding in findings(item.merged, item.profile, oldest=oldest, lang=lang, root=item.places.profiles):
            # A visit repeats its partner's findings; list each place in a file once.
            key = (finding.problem.file, finding.problem.line, finding.problem.column, str(finding))
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return found


def _notes(ready: Sequence[Prepared], *, final: bool, max_age: str) -> dict[int, dict[str, Any]]:
    """The notes of each prepared build, by ``id``; with ``final``, a FinalError if any to make is unfinished.

    A build to make gets new notes, also put in the record it will write; an up-to-date one
    keeps those of its record, or has them made again (another ``--max-age``, an older record).
    """
    to_make = [p for p in ready if not p.up_to_date]
    gaps = {id(p): _translation_gaps(p) for p in to_make}
    # A final build's options differ from a draft's, so an up-to-date final build had nothing to refuse.
    if final:
        # Deferred (heavy): the view imports the models (pydantic).
        from briefgen.view.checks import final_findings

        found: list[Finding] = []
        for p in to_make:
            assert p.day is not None, "a build to make has its date"
            found += final_findings(p.loaded.merged, p.loaded.profile, day=p.day, max_age=max_age) + gaps[id(p)]
        unique = list(dict.fromkeys(found))  # a visit repeats its partner's placeholders
        if unique:
            raise FinalError(unique)
        _refuse_internal(to_make)
    notes = {}
    for p in ready:
        if p.up_to_date:
            notes[id(p)] = kept_notes(p.kept, max_age) or _notes_again(p, max_age)
        else:
            made = make_notes(
                p.name,
                p.loaded.merged,
                p.loaded.profile,
                day=p.day,
                max_age=max_age,
                gaps=gaps[id(p)],
                asked=p.plan.date is not None,
            )
            p.record = {**p.record, "notes": made}
            notes[id(p)] = made
    return notes


def _refuse_internal(to_make: Sequence[Prepared]) -> None:
    """A final partner's edition showing what is ours alone (an internal section, our marking) is refused."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.context import internal_shown

    for p in to_make:
        for key in dict.fromkeys(o.view for o in p.plan.outputs if o.edition == PARTNER):
            shown = internal_shown((p.views or {})[key])
            if shown:
                raise InputError(
                    f"{p.name}: the partner's edition {(p.views or {})[key].lang} would show what is ours alone "
                    f"({', '.join(shown)}); nothing was built",
                    option="final",
                )


def _built(prepared: Prepared, files: list[Path], notes: dict[str, Any], asked: bool) -> Built:
    """The Built of a build just written; ``facts.json`` is for 'briefgen diff', not the reader."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.facts import FILENAME as FACTS

    folder = prepared.folder
    shown_files = [f for f in files if f.name != FACTS]
    lang = prepared.lang if asked else ""
    untranslated, warnings = untranslated_of(notes), warnings_of(notes)
    return Built(prepared.name, shown_files, untranslated, lang, folder / FACTS, folder=folder, warnings=warnings)


def _skipped(prepared: Prepared, notes: dict[str, Any], asked: bool) -> Built:
    """The Built of an up-to-date build: its files as they are, the lines its notes keep."""
    files = [prepared.folder / o.filename for o in prepared.plan.outputs]
    untranslated = untranslated_of(notes) if notes else []
    warnings = warnings_of(notes) if notes else []
    lang = prepared.lang if asked else ""
    return Built(
        prepared.name, files, untranslated, lang, status="up to date", folder=prepared.folder, warnings=warnings
    )


def _notes_again(prepared: Prepared, max_age: str) -> dict[str, Any]:
    """The notes of an up-to-date build, made again from its profile, for the date its documents bear."""
    kept = (prepared.kept or {}).get("notes")
    day = kept.get("day") if isinstance(kept, dict) else None
    try:
        when = dt.date.fromisoformat(day) if isinstance(day, str) else document_date(prepared.plan.date).day
    except ValueError:
        when = document_date(prepared.plan.date).day
    loaded = prepared.loaded
    return make_notes(
        prepared.name,
        loaded.merged,
        loaded.profile,
        day=when,
        max_age=max_age,
        gaps=_translation_gaps(prepared),
        asked=prepared.plan.date is not None,
    )


def _add(timings: dict[str, float] | None, stages: dict[str, float]) -> None:
    if timings is not None:
        for stage, seconds in stages.items():
            timings[stage] = timings.get(stage, 0.0) + seconds


def _translation_gaps(prepared: Prepared) -> list[Finding]:
    """The fields with no current text in the build's language (none when it is the profile's own)."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.checks import translation_findings

    loaded = prepared.loaded
    if prepared.lang == loaded.language:
        return []
    return translation_findings(loaded.merged, prepared.lang, loaded.places.profiles)
