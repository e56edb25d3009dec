"""The library behind the CLI: every command is one call of a function here.

    >>> import briefgen
    >>> briefgen.build(["japan"], out="out")          # doctest: +SKIP
    [Built(name='japan', files=[PosixPath('out/japan/briefing.docx'), ...])]

Everything is read and checked before anything is written; renderers are imported only when a
format asks for them, so that validating or previewing never loads WeasyPrint or docxtpl.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats_registry
from briefgen.data.assembly import assemble, layers_for
from briefgen.data.catalog import Places
from briefgen.data.loading import Layer
from briefgen.data.merging import Merged, merge
from briefgen.data.schema import Profile
from briefgen.data.translation import resolve
from briefgen.errors import BriefgenError, BuildFailed, CheckError, FinalError, InputError, Problem, ProfileError
from briefgen.languages import LANGUAGES
from briefgen.pipeline.plan import BUILD_RECORD, Output, Plan, Prepared, list_templates, template_dir
from briefgen.text import shown
from briefgen.view.checks import Finding
from briefgen.view.dating import document_timestamp

if TYPE_CHECKING:  # the view model (and its charts) only matter to commands that render
    from briefgen.data.translate import Coverage
    from briefgen.view.viewmodel import Briefing

__all__ = ["document_timestamp", "list_templates", "template_dir"]  # re-exported: their home moved

DEFAULT_FORMATS = formats_registry.DEFAULT


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


@dataclass(frozen=True)
class Report:
    """The outcome of validating one profile."""

    target: str
    files: list[str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the profile is valid."""
        return not self.problems


@dataclass(frozen=True)
class ProfileInfo:
    """One line of ``briefgen list``: a partner profile or a visit."""

    name: str
    partner: str
    as_of: str
    problem: str = ""
    kind: str = "partner"
    """``partner`` or ``visit``."""
    visit: str = ""
    """For a visit: its title."""
    dates: str = ""
    """For a visit: its dates or period, as the briefing prints them."""


def load_profile(name: str, places: Places | None = None) -> Profile:
    """The validated profile or visit ``name``: its files loaded, merged in order and checked."""
    places = places or Places.find()
    return _validated(assemble(name, places).layers, places.profiles)


def _merged(name: str, places: Places) -> tuple[Merged, Profile]:
    from briefgen.data.validation import validate as validate_merged

    merged = merge(assemble(name, places).layers)
    return merged, validate_merged(merged, places.profiles)


def input_files(name: str, places: Places | None = None) -> list[Path]:
    """The files profile or visit ``name`` is made of, in merge order (defaults, partner, visit)."""
    from briefgen.data.assembly import input_files as files_of

    return files_of(name, places or Places.find())


def briefing(
    name: str, *, lang: str | None = None, places: Places | None = None, date: dt.date | None = None
) -> Briefing:
    """The view model of profile ``name`` in ``lang``, dated ``date`` (see ``briefgen.view.dating``)."""
    check_lang(lang)
    places = places or Places.find()
    from briefgen.pipeline.plan import view_of

    return view_of(load_profile(name, places), lang, places.profiles, document_timestamp(date))


def build(
    names: Sequence[str],
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    lang: str | Sequence[str] | None = None,
    out: Path | str = "out",
    template: str | None = None,
    strict: bool = False,
    final: bool = False,
    pdf_variant: str | None = None,
    force: bool = False,
    places: Places | None = None,
    timings: dict[str, float] | None = None,
    on_view: Callable[[str, Briefing], None] | None = None,
    since: Path | None = None,
    date: dt.date | None = None,
    max_age: str = "12m",
) -> list[Built]:
    """Build the briefing of each name into ``out/NAME/``; all inputs are checked before writing.

    ``lang`` is one language or several (``"fr,en,vi"``): each name is read and validated once and
    built in each. The profile's own language writes ``briefing.pdf``, another ``briefing.en.pdf``
    (briefgen.pipeline.plan.suffixed), each language with its own record, so none overwrites another's.

    A name whose inputs (profile files, templates, fonts, options, briefgen's version) and
    outputs are unchanged since its last build is skipped (status ``up to date``) unless
    ``force``; the record of each build is ``out/NAME/.briefgen-build.json`` (briefgen.pipeline.record).
    ``timings``, when given, receives the seconds spent in each stage (``build --timings``).
    ``on_view``, when given, receives each name's view model before rendering (``watch`` previews it).
    Every build also writes ``OUT/NAME/facts.json`` (briefgen.view.facts), the facts it used.
    ``date`` dates the documents (``briefgen.view.dating``); on that date, each ``Built`` lists figures
    older than ``max_age`` and a visit already past as ``warnings``.

    With ``strict``, anything ``check`` would list (stale figures, unsourced claims, uncited
    sources, untranslated fields) stops the build with a CheckError before anything is rendered.
    ``since`` (a pack folder, zip or facts.json) adds the section of what changed since those facts.

    Without ``final`` a document is a draft: "DRAFT" on every page, the visit's gaps shown "to be
    completed". With ``final``, a gap, a ``TODO`` placeholder or a field with no current text in
    ``lang`` stops the build with a FinalError (exit 2), listing them all with file:line; no DRAFT mark.
    """
    from briefgen.pipeline.plan import execute, prepare_each
    from briefgen.view.checks import date_warnings, parse_age
    from briefgen.view.facts import FILENAME as FACTS

    places = places or Places.find()
    langs = languages_asked(lang)
    parse_age(max_age)
    plan = build_plan(formats, lang=None, template=template, pdf_variant=pdf_variant, final=final, date=date)
    plan = replace(plan, languages=tuple(langs), record_per_language=True)
    templates = template_dir(places, template, plan.formats())
    if strict:
        found = [f for code in langs for f in check(names, lang=code, places=places)]
        if found:
            raise CheckError(found)
    root = Path(out)
    # Each name is read and checked once, whatever the number of languages: one Prepared per language.
    ready = [
        p
        for n in names
        for p in prepare_each(n, plan, out=root, places=places, templates=templates, force=force, since=since)
    ]
    # A final build's options differ from a draft's, so an up-to-date final build had nothing to refuse.
    gaps = {id(p): _translation_gaps(p.merged, p.plan.languages[0], places) for p in ready if p.merged is not None}
    if final:
        _refuse_unfinished(ready, gaps)
    built: list[Built] = []
    for prepared in ready:
        name = prepared.name
        shown_lang = (prepared.plan.languages[0] or "") if lang else ""
        if prepared.up_to_date:
            files = [prepared.folder / o.filename for o in prepared.plan.outputs]
            built.append(Built(name, files, lang=shown_lang, status="up to date", folder=prepared.folder))
            continue
        if on_view is not None and prepared.view is not None:
            on_view(name, prepared.view)
        try:
            files = execute(prepared, out=root, templates=templates)
        except BriefgenError as exc:
            if len(ready) == 1:
                raise
            raise BuildFailed(name, built, exc) from exc
        finally:
            _add(timings, prepared.timings)
        folder = prepared.folder
        shown_files = [f for f in files if f.name != FACTS]  # facts.json is for 'briefgen diff', not the reader
        shown_gaps = [f.problem for f in gaps.get(id(prepared), [])]
        assert prepared.merged is not None and prepared.profile is not None and prepared.day is not None
        dated = date_warnings(name, prepared.merged, prepared.profile, day=prepared.day, max_age=max_age)
        built.append(Built(name, shown_files, shown_gaps, shown_lang, folder / FACTS, folder=folder, warnings=dated))
    return built


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


def _add(timings: dict[str, float] | None, stages: dict[str, float]) -> None:
    if timings is not None:
        for stage, seconds in stages.items():
            timings[stage] = timings.get(stage, 0.0) + seconds


def _translation_gaps(merged: Merged, lang: str | None, places: Places) -> list[Finding]:
    """The fields with no current text in ``lang`` (none when building in the profile's language)."""
    from briefgen.view.checks import translation_findings

    return translation_findings(merged, lang, places.profiles) if lang else []


def _refuse_unfinished(ready: Sequence[Prepared], translation: dict[int, list[Finding]]) -> None:
    """A FinalError listing every gap, placeholder and missing or stale translation of the names to build."""
    from briefgen.view.checks import unfinished

    found: list[Finding] = []
    for prepared in ready:
        if prepared.merged is None or prepared.profile is None:
            continue  # up to date: its record says it was built final, so it had none
        found += unfinished(prepared.merged, prepared.profile) + translation.get(id(prepared), [])
    unique = list(dict.fromkeys(found))  # a visit repeats its partner's placeholders
    if unique:
        raise FinalError(unique)


def translation_coverage(names: Sequence[str], lang: str, places: Places | None = None) -> Coverage:
    """How many translatable fields of the profiles (every one when ``names`` is empty) have current ``lang`` text."""
    from briefgen.data.translate import coverage, fields

    places = places or Places.find()
    check_lang(lang)
    found = []
    for name in names or places.partner_names() + places.visit_names():
        merged, _ = _merged(name, places)
        found += fields(merged, lang, places.profiles)
    return coverage(found, lang)


def check(
    names: Sequence[str] = (),
    *,
    lang: str | None = None,
    max_age: str = "12m",
    today: dt.date | None = None,
    places: Places | None = None,
) -> list[Finding]:
    """What a careful reader would flag in each profile or visit (every one when ``names`` is empty)."""
    from briefgen.view.checks import cutoff, findings, parse_age

    places = places or Places.find()
    check_lang(lang)
    oldest = cutoff(today or dt.date.today(), parse_age(max_age))
    found: list[Finding] = []
    seen: set[tuple[str, int | None, int | None, str]] = set()  # str(finding) holds kind, path and message
    for name in names or places.partner_names() + places.visit_names():
        merged, profile = _merged(name, places)
        for finding in findings(merged, profile, oldest=oldest, lang=lang, root=places.profiles):
            # A visit repeats its partner's findings; list each place in a file once.
            key = (finding.problem.file, finding.problem.line, finding.problem.column, str(finding))
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return found


def validate(targets: Sequence[str] = (), places: Places | None = None) -> list[Report]:
    """Check profiles without rendering: names, paths to YAML files, or every partner when empty."""
    places = places or Places.find()
    reports = []
    for target in targets or places.partner_names() + places.visit_names():
        files: list[str] = []
        problems: list[Problem] = []
        try:
            layers = layers_for(target, places)
            files = [layer.file for layer in layers]
            _validated(layers, places.profiles)
        except ProfileError as exc:
            problems = exc.problems
        except InputError as exc:
            problems = [Problem(shown(target), None, None, "", exc.message)]
        reports.append(Report(shown(target), files, problems))
    return reports


def list_profiles(places: Places | None = None) -> list[ProfileInfo]:
    """The partner profiles and visits found, each with its partner, newest as-of date and dates."""
    from briefgen.view.sections import newest_as_of

    places = places or Places.find()
    infos = []
    for kind, names in (("partner", places.partner_names()), ("visit", places.visit_names())):
        for name in names:
            try:
                profile = load_profile(name, places)
            except InputError as exc:
                problem = exc.problems[0] if isinstance(exc, ProfileError) else exc.message
                infos.append(ProfileInfo(name, "", "", f"invalid: {problem}", kind))
                continue
            newest = newest_as_of(profile)
            partner = resolve(profile.partner.name, profile.language, profile.language)
            info = ProfileInfo(name, partner, newest.iso if newest else "", kind=kind)
            if profile.visit:
                v = profile.visit
                own = profile.language
                # ISO dates, or the period as written: a listing need not load Babel.
                dates = "..".join(d.isoformat() for d in (v.date, v.end) if d) or resolve(v.period or "", own, own)
                info = ProfileInfo(**{**vars(info), "visit": resolve(v.title, own, own), "dates": dates})
            infos.append(info)
    return infos


def validate_templates(places: Places | None = None) -> list[Report]:
    """Check every template: no docxtpl tag split across Word runs, no name the context lacks."""
    from briefgen.render.template_check import render_errors, split_tags

    places = places or Places.find()
    partners = places.partner_names()
    view = briefing(partners[0], places=places) if partners else None
    reports = []
    for name, formats in list_templates(places).items():
        folder = template_dir(places, name, [])
        problems: list[Problem] = []
        if "docx" in formats:
            problems += split_tags(folder / "briefing.docx")
        if view is not None and not problems:
            problems += render_errors(folder, formats, view)
        reports.append(Report(f"template {name}", [str(folder)], problems))
    return reports


def _validated(layers: Sequence[Layer], root: Path) -> Profile:
    from briefgen.data.validation import validate as validate_merged

    return validate_merged(merge(layers), root)


def check_pdf_variant(variant: str | None) -> None:
    """Refuse a PDF variant WeasyPrint is not asked to produce here."""
    from briefgen.render.pdf import VARIANTS

    if variant is not None and variant not in VARIANTS:
        raise InputError(f"unknown PDF variant '{variant}': use one of {', '.join(VARIANTS)}")


def languages_asked(lang: str | Sequence[str] | None) -> list[str | None]:
    """The build languages asked for (``"fr,en,vi"`` or a list), each checked; ``[None]``: the profile's own."""
    if lang is None:
        return [None]
    codes = [c.strip() for c in (lang.split(",") if isinstance(lang, str) else lang) if c.strip()]
    if not codes:
        raise InputError(f"no language named: use one or more of {', '.join(LANGUAGES)}", option="lang")
    for code in codes:
        check_lang(code)
    return list(dict.fromkeys(codes))


def check_lang(lang: str | None) -> None:
    """Refuse a build language briefgen has no labels for."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")
