"""The library behind the CLI: every command is one call of a function here.

    >>> import briefgen
    >>> briefgen.build(["japan"], out="out")          # doctest: +SKIP
    [Built(name='japan', files=[PosixPath('out/japan/briefing.docx'), ...])]

Everything is read and checked before anything is written; renderers are imported only when a
format asks for them, so that validating or previewing never loads WeasyPrint or docxtpl.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import render as formats_registry
from briefgen.data.catalog import Places
from briefgen.errors import CheckError, InputError, Problem, ProfileError
from briefgen.languages import LANGUAGES
from briefgen.pipeline.builds import Built, build_plan, check_pdf_variant
from briefgen.pipeline.plan import list_templates, template_dir
from briefgen.text import shown
from briefgen.view.dating import document_date, document_timestamp

if TYPE_CHECKING:  # the loader, the models and the view model only matter to commands that load or render
    from briefgen.data.loading import Layer
    from briefgen.data.merging import Merged
    from briefgen.data.schema import Profile
    from briefgen.data.translate import Coverage
    from briefgen.view.checks import Finding
    from briefgen.view.source_checks import SourceReport
    from briefgen.view.viewmodel import Briefing

# Re-exported: their home moved (briefgen.pipeline.builds, briefgen.pipeline.plan, briefgen.view.dating).
__all__ = ["Built", "build_plan", "check_pdf_variant", "document_timestamp", "list_templates", "template_dir"]

DEFAULT_FORMATS = formats_registry.DEFAULT


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
    """The newest as-of date of the facts shown (ISO)."""
    problem: str = ""
    kind: str = "partner"
    """``partner`` or ``visit``."""
    visit: str = ""
    """For a visit: its title."""
    dates: str = ""
    """For a visit: its dates or period, as the briefing prints them."""
    facts_as_of: str = ""
    """The facts' as-of range as the cover gives it, oldest to newest: ``2025-01..2026-01-19`` (ISO), or one date."""


def load_profile(name: str, places: Places | None = None) -> Profile:
    """The validated profile or visit ``name``: its files loaded, merged in order and checked."""
    from briefgen.data.assembly import assemble

    places = places or Places.find()
    return _validated(assemble(name, places).layers, places.profiles)


def _merged(name: str, places: Places) -> tuple[Merged, Profile]:
    from briefgen.data.assembly import assemble
    from briefgen.data.merging import merge
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

    ``lang``: one language or several (``"fr,en,vi"``), each name read once and built in each, the
    profile's own writing ``briefing.pdf``, another ``briefing.en.pdf``, each with its own record.
    A name whose inputs (profile files, images, templates, fonts, options, version) and outputs are
    unchanged is skipped (``up to date``) unless ``force``; the record is ``out/NAME/.briefgen-build.json``
    (briefgen.pipeline.record), and keeps the warnings a skipped build repeats (briefgen.pipeline.notes).
    ``timings`` receives the seconds of each stage; ``on_view`` each view model before rendering (``watch``);
    each build also writes ``OUT/NAME/facts.json`` (briefgen.view.facts). ``date`` dates the documents
    (briefgen.view.dating); each ``Built`` lists figures older than ``max_age`` on it and a visit already past.
    ``strict``: anything ``check`` lists stops the build (CheckError); ``since`` (a pack, zip or facts.json)
    adds what changed since those facts. Without ``final`` a document is a draft ("DRAFT", gaps "to be
    completed"); with it, a gap, a ``TODO``, a field untranslated in ``lang``, a figure or title older
    than ``max_age`` on ``date`` (unless accepted), a past visit or a briefing without its minimum
    (briefgen.view.checks.final_findings) is a FinalError (exit 2). ``strict`` checks on ``date`` with ``max_age``.
    """
    from briefgen.pipeline.builds import all_skipped, note_all, run_all
    from briefgen.pipeline.plan import prepare_each

    places = places or Places.find()
    langs = languages_asked(lang)
    plan = build_plan(formats, lang=None, template=template, pdf_variant=pdf_variant, final=final, date=date)
    plan = replace(plan, languages=tuple(langs), record_per_language=True)
    templates = template_dir(places, template, plan.formats())
    root, asked = Path(out), lang is not None
    if not (force or strict or since):  # the cheap look first: no profile parsed, no model imported
        skipped = all_skipped(names, plan, out=root, places=places, templates=templates, max_age=max_age, asked=asked)
        if skipped is not None:
            return skipped
    from briefgen.view.checks import parse_age

    parse_age(max_age)
    if strict:  # on the documents' own date, with the build's age limit: what the page will say
        day = document_date(date).day
        found = [f for code in langs for f in check(names, lang=code, places=places, max_age=max_age, today=day)]
        if found:
            raise CheckError(found)
    # Each name is read and checked once, whatever the number of languages: one Prepared per language.
    ready = [
        p
        for n in names
        for p in prepare_each(n, plan, out=root, places=places, templates=templates, force=force, since=since)
    ]
    notes = note_all(ready, final=final, max_age=max_age, places=places)
    return run_all(ready, notes, out=root, templates=templates, asked=asked, timings=timings, on_view=on_view)


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


def check_sources(names: Sequence[str] = (), places: Places | None = None) -> SourceReport:
    """Every quote of each profile or visit checked against its archived source (``check --sources``)."""
    from briefgen.view.source_checks import SourceReport, check_sources

    places = places or Places.find()
    report = SourceReport()
    for name in names or places.partner_names() + places.visit_names():
        merged, profile = _merged(name, places)
        check_sources(merged, profile, places.profiles, report)
    # A visit repeats its partner's facts and sources: list each place in a file once.
    seen: set[tuple[str, int | None, int | None, str]] = set()
    unique = []
    for finding in report.findings:
        key = (finding.problem.file, finding.problem.line, finding.problem.column, str(finding))
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    report.findings = sorted(unique, key=lambda f: (f.problem.file, f.problem.line or 0, f.problem.column or 0))
    return report


def validate(targets: Sequence[str] = (), places: Places | None = None) -> list[Report]:
    """Check profiles without rendering: names, paths to YAML files, or every partner when empty."""
    from briefgen.data.assembly import layers_for

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
    """The partner profiles and visits found, each with its partner, its facts' as-of range and dates."""
    from briefgen.data.translation import resolve
    from briefgen.view.sections import as_of_range

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
            found = as_of_range(profile)
            partner = resolve(profile.partner.name, profile.language, profile.language)
            span = "..".join(dict.fromkeys(d.iso for d in found)) if found else ""
            info = ProfileInfo(name, partner, found[1].iso if found else "", kind=kind, facts_as_of=span)
            if profile.visit:
                v = profile.visit
                own = profile.language
                # ISO dates, or the period as written: a listing need not load Babel.
                dates = "..".join(d.isoformat() for d in (v.date, v.end) if d) or resolve(
                    v.period or v.commitment or "", own, own
                )
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
    from briefgen.data.merging import merge
    from briefgen.data.validation import validate as validate_merged

    return validate_merged(merge(layers), root)


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
