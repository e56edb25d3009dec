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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import render as formats_registry
from briefgen.data import assembly, project
from briefgen.data.catalog import Places
from briefgen.data.earlier import read_facts
from briefgen.errors import InputError, Problem, ProfileError
from briefgen.languages import DEFAULT as DEFAULT_LANGUAGE
from briefgen.languages import LANGUAGES, check_lang
from briefgen.pipeline.builds import Built, build_plan, check_pdf_variant, checked, editions_asked, run_build
from briefgen.pipeline.output import write_atomic
from briefgen.pipeline.pack import STEPS as PACK_STEPS
from briefgen.pipeline.plan import list_templates, template_dir
from briefgen.pipeline.stages import view_of, visit_editions
from briefgen.text import shown
from briefgen.view.dating import document_timestamp, parse_date_option
from briefgen.view.names import names as profile_names

if TYPE_CHECKING:  # the loader, the models and the view model only matter to commands that load or render
    from briefgen.data.assembly import Loaded
    from briefgen.data.font_install import AddedFont
    from briefgen.data.schema import Profile
    from briefgen.data.translate import Coverage
    from briefgen.pipeline.roundtrip import Imported
    from briefgen.render.layout_check import LayoutFault
    from briefgen.view.changes import Changes
    from briefgen.view.checks import Finding
    from briefgen.view.source_checks import SourceReport
    from briefgen.view.viewmodel import Briefing

# Re-exported: their homes are briefgen.pipeline.builds, .plan and .pack, briefgen.view.dating, briefgen.languages.
__all__ = [
    "PACK_STEPS",
    "Built",
    "build_plan",
    "check_lang",
    "check_pdf_variant",
    "document_timestamp",
    "editions_asked",
    "list_templates",
    "template_dir",
]

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
    return load(name, places or Places.find()).profile


def load(name: str, places: Places | None = None) -> Loaded:
    """Profile or visit ``name`` loaded: each file read once; its layers, merged data and profile made when asked."""
    return assembly.load(name, places or Places.find())


def input_files(name: str, places: Places | None = None) -> list[Path]:
    """The files profile or visit ``name`` is made of, in merge order (defaults, partner, visit)."""
    return assembly.input_files(name, places or Places.find())


def briefing(
    name: str,
    *,
    lang: str | None = None,
    places: Places | None = None,
    date: dt.date | None = None,
    edition: str = "internal",
    on_warning: Callable[[str], None] | None = None,
) -> Briefing:
    """The view model of profile ``name`` in ``lang``, dated ``date`` (see ``briefgen.view.dating``).

    ``edition``: ours (``internal``) or the partner's (``partner``, without what is ours alone);
    ``on_warning`` receives one line when ``date`` comes before the newest fact (as ``build`` warns).
    """
    if edition not in ("internal", "partner"):
        raise InputError(f"unknown edition '{edition}': use internal or partner", option="edition")
    return briefings(name, lang=lang, places=places, date=date, edition=edition, on_warning=on_warning)[0]


def briefings(
    name: str,
    *,
    lang: str | None = None,
    places: Places | None = None,
    date: dt.date | None = None,
    edition: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> list[Briefing]:
    """The view models ``build`` would make of ``name`` in ``lang``: one per edition, ours first (``preview``).

    ``edition``: as ``build --edition`` (``internal``, ``partner``, ``both``); none: the visit's, else ours.
    ``on_warning`` receives one line when ``date`` comes before the newest fact (as ``build`` warns).
    """
    from briefgen.view.checks import early_date

    check_lang(lang)
    editions = editions_asked(edition)
    loaded = load(name, places or Places.find())
    profile, root = loaded.profile, loaded.places.profiles
    if date is not None and on_warning is not None:
        early = early_date(name, profile, date)
        if early:
            on_warning(early)
    when = document_timestamp(date)
    lang = lang or profile.language
    return [view_of(profile, lang, root, when, edition=e) for e in editions or visit_editions(loaded)]


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
    edition: str | None = None,
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
    ``edition="partner"``: the partner's edition, without what is ours alone, in files of its own
    (``briefing.partner.pdf``); with ``final``, one that still shows an internal section is refused.
    """
    places = places or Places.find()
    plan = build_plan(
        formats,
        languages=languages_asked(lang),
        template=template,
        pdf_variant=pdf_variant,
        final=final,
        date=date,
        edition=edition,
        max_age=max_age,
    )
    templates = template_dir(places, template, plan.formats())
    return run_build(
        names, plan, out=Path(out), places=places, templates=templates, force=force, strict=strict, since=since,
        max_age=max_age, asked=lang is not None, timings=timings, on_view=on_view,
    )  # fmt: skip


def translation_coverage(names: Sequence[str], lang: str, places: Places | None = None) -> Coverage:
    """How many translatable fields of the profiles (every one when ``names`` is empty) have current ``lang`` text."""
    # Deferred (heavy): pydantic and the models.
    from briefgen.data.translate import coverage, fields

    places = places or Places.find()
    check_lang(lang)
    found = []
    for name in names or places.partner_names() + places.visit_names():
        found += fields(load(name, places).merged, lang, places.profiles)
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
    places = places or Places.find()
    check_lang(lang)
    loaded = [load(name, places) for name in names or places.partner_names() + places.visit_names()]
    return checked(loaded, lang=lang, max_age=max_age, today=today)


def check_sources(names: Sequence[str] = (), places: Places | None = None) -> SourceReport:
    """Every quote of each profile or visit checked against its archived source (``check --sources``)."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.source_checks import SourceReport, check_sources

    places = places or Places.find()
    report = SourceReport()
    for name in names or places.partner_names() + places.visit_names():
        loaded = load(name, places)
        check_sources(loaded.merged, loaded.profile, places.profiles, report)
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
    # Deferred (heavy): PyYAML, pydantic and the models.
    from briefgen.data.merging import merge
    from briefgen.data.validation import validate as validate_merged

    places = places or Places.find()
    reports = []
    for target in targets or places.partner_names() + places.visit_names():
        files: list[str] = []
        problems: list[Problem] = []
        try:
            layers = assembly.layers_for(target, places)
            files = [layer.file for layer in layers]
            validate_merged(merge(layers), places.profiles, places.added_fonts())
        except ProfileError as exc:
            problems = exc.problems
        except InputError as exc:
            problems = [Problem(shown(target), None, None, "", exc.message)]
        reports.append(Report(shown(target), files, problems))
    return reports


def list_profiles(places: Places | None = None) -> list[ProfileInfo]:
    """The partner profiles and visits found, each with its partner, its facts' as-of range and dates."""
    # Deferred (heavy): pydantic and the models; the view imports the models (pydantic).
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
    # Deferred (heavy): the view imports the models (pydantic).
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


def languages_asked(lang: str | Sequence[str] | None) -> list[str]:
    """The build languages asked for (``"fr,en,vi"`` or a list), as checked codes; none: the profile's own."""
    if lang is None:
        return []
    codes = [c.strip() for c in (lang.split(",") if isinstance(lang, str) else lang) if c.strip()]
    if not codes:
        raise InputError(f"no language named: use one or more of {', '.join(LANGUAGES)}", option="lang")
    for code in codes:
        check_lang(code)
    return list(dict.fromkeys(codes))


def parse_date(text: str | None) -> dt.date | None:
    """``--date 2026-01-24`` as a date (``None`` when not given); anything else is an InputError."""
    return parse_date_option(text)


def render_terminal(view: Briefing, console: Any) -> None:
    """Draw the view model of a briefing on a rich ``console`` (``briefgen preview``)."""
    # Deferred (heavy): rich's drawing.
    from briefgen.render.terminal import render_terminal as draw

    draw(view, console)


def changes_since(
    name: str, since: Path | str | None = None, *, out: Path | str = "out", places: Places | None = None
) -> Changes:
    """What changed in profile ``name`` since ``since`` (pack folder, zip or facts.json), else since ``out/NAME``.

    The earlier facts are read and checked whole first (briefgen.data.earlier): a file that is not a
    facts.json briefgen wrote is one InputError naming it, before the profile is loaded.
    """
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.changes import compare
    from briefgen.view.facts import facts_document
    from briefgen.view.sections import newest_as_of

    where = Path(since) if since is not None else Path(out) / name
    before = read_facts(where, name, given=since is not None)
    profile = load_profile(name, places)
    return compare(name, before, facts_document(name, profile, "", newest_as_of(profile)), str(where))


def describe_fact(fact: dict[str, Any], lang: str) -> str:
    """A ``facts.json`` fact's value on one line, its text in ``lang`` (``diff``, ``watch``)."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.changes import describe

    return describe(fact, lang)


def change_lines(changes: Changes, lang: str | None = None) -> list[tuple[str, str]]:
    """What ``diff`` and ``watch`` print of ``changes``, in ``lang`` (default: the profile's): (status, line) pairs."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.changes import report

    return report(changes, lang or changes.language or DEFAULT_LANGUAGE)


def fact_origin(fact: dict[str, Any]) -> str:
    """Where a ``facts.json`` fact comes from and when it holds: ``as of 2025-11, source KEY``."""
    # Deferred (heavy): the view imports the models (pydantic).
    from briefgen.view.changes import origin

    return origin(fact)


def add_font(file: Path | str, places: Places | None = None) -> AddedFont:
    """Copy font ``file`` into the project's ``fonts/`` and record its coverage (briefgen.data.fonts).

    Outside a project (no ``briefgen.toml`` here or above) it refuses: fonts belong to a project.
    """
    from briefgen.data.font_install import add_font as add

    places = places or Places.find()
    if places.project is None or places.fonts is None:
        raise InputError(
            "no project here (no briefgen.toml in this folder or above), and fonts are added to a project: "
            "make one with 'briefgen init DIR' and run 'briefgen fonts add' inside it"
        )
    return add(Path(file), places.fonts)


def project_search() -> list[Path]:
    """The folders searched for ``briefgen.toml`` from the current one, nearest first, up to where it stops."""
    return project.search_folders()


def new_partner(name: str, places: Places | None = None) -> Path:
    """Write a commented partner profile ``name`` to fill in (every field listed); never overwrites a file."""
    # Deferred (heavy): pydantic and the models (the skeletons are read from the schema).
    from briefgen.data.scaffold import new_partner as write_partner

    return write_partner(name, places)


def new_visit(name: str, partner: str | None, places: Places | None = None) -> Path:
    """Write a commented visit ``name`` of ``partner`` to fill in; never overwrites a file."""
    # Deferred (heavy): pydantic and the models (the skeletons are read from the schema).
    from briefgen.data.scaffold import new_visit as write_visit

    return write_visit(name, partner, places)


def new_visit_from(name: str, start: str, partner: str | None = None, places: Places | None = None) -> Path:
    """Write visit ``name`` as a copy of visit ``start`` (the shipped example too) to rework; never overwrites."""
    # Deferred (heavy): pydantic and the models (the skeletons are read from the schema).
    from briefgen.data.scaffold import new_visit_from as write_copy

    return write_copy(name, start, partner, places)


def init_project(folder: Path | str = ".", marking: str | None = None) -> list[Path]:
    """Make a project folder (briefgen.toml, profiles/defaults.yaml, templates/, out/); the paths made."""
    return project.init_project(folder, marking)


def export_translation(
    name: str, lang: str, *, output: Path | None = None, places: Places | None = None
) -> tuple[Path, int]:
    """Write the fields of ``name`` with no current ``lang`` text to XLIFF (``output``, else NAME.LANG.xlf).

    Returns the file written and how many fields it holds.
    """
    # Deferred (heavy): pydantic, the models and ruamel.
    from briefgen.pipeline.roundtrip import export

    data, count = export(name, lang, places or Places.find())
    target = output or Path(f"{name}.{lang}.xlf")
    write_atomic(target, data)
    return target, count


def import_translation(file: Path, places: Places | None = None) -> Imported:
    """Write the translations of XLIFF ``file`` into the profile's YAML (comments kept), then validate."""
    # Deferred (heavy): pydantic, the models and ruamel.
    from briefgen.pipeline.roundtrip import import_file

    return import_file(file, places or Places.find())


def check_layout(
    names: Sequence[str],
    *,
    lang: str | None = None,
    out: Path | str = "out",
    places: Places | None = None,
) -> list[LayoutFault]:
    """The page faults of each name's built PDFs in ``out`` (``check --layout``): its briefing and key-facts page.

    ``out/NAME/briefing.pdf`` in the profile's own language, ``briefing.L.pdf`` in another, and the pack's
    ``key-facts[.L].pdf`` beside it when there is one; the names it must not see broken are the profile's own
    (briefgen.render.layout_check). A name asked for without a built briefing is an InputError saying what to
    build; with no names, every profile and visit whose briefing was built is read.
    """
    from briefgen.render.layout_check import faults

    places = places or Places.find()
    check_lang(lang)
    found: list[LayoutFault] = []
    for name in names or places.partner_names() + places.visit_names():
        loaded = load(name, places)
        language = lang or loaded.profile.language
        suffix = "" if language == loaded.profile.language else f".{language}"
        folder = Path(out) / name
        briefing_pdf = folder / f"briefing{suffix}.pdf"
        if not briefing_pdf.is_file():
            if not names:
                continue  # every name: only those built
            raise InputError(f"{briefing_pdf}: not built; build the briefing's PDF in {language} first")
        proper = profile_names(loaded.merged.data)
        found += faults(briefing_pdf.read_bytes(), str(briefing_pdf), proper)
        sheet_pdf = folder / f"key-facts{suffix}.pdf"
        if sheet_pdf.is_file():
            found += faults(sheet_pdf.read_bytes(), str(sheet_pdf), proper, sheet=True)
    return found
