"""The library behind the CLI: every command is one call of a function here.

    >>> import briefgen
    >>> briefgen.build(["japan"], out="out")          # doctest: +SKIP
    [Built(name='japan', files=[PosixPath('out/japan/briefing.docx'), ...])]

Everything is read and checked before anything is written; renderers are imported only when a
format asks for them, so that validating or previewing never loads WeasyPrint or docxtpl.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.catalog import DEFAULTS, Places, check_name
from briefgen.checks import Finding
from briefgen.errors import BriefgenError, InputError, Problem, ProfileError
from briefgen.languages import LANGUAGES
from briefgen.loading import Layer, load_layer
from briefgen.merging import Merged, merge
from briefgen.schema import Profile
from briefgen.text import quoted, shown
from briefgen.translation import resolve

if TYPE_CHECKING:  # the view model (and its charts) only matter to commands that render
    from briefgen.translate import Coverage
    from briefgen.viewmodel import Briefing

FORMATS = ("docx", "pdf", "html")
DEFAULT_FORMATS = ("docx", "pdf")


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
    """The ``facts.json`` written with the documents (see briefgen.facts); not one of ``files``."""


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
    return _validated(_layers(name, places), places.profiles)


def _merged(name: str, places: Places, clock: _Clock | None = None) -> tuple[Merged, Profile]:
    from briefgen.validation import validate as validate_merged

    clock = clock or _Clock(None)
    layers = _layers(name, places)
    clock.lap("load")
    merged = merge(layers)
    clock.lap("merge")
    profile = validate_merged(merged, places.profiles)
    clock.lap("validate")
    return merged, profile


def input_files(name: str, places: Places | None = None) -> list[Path]:
    """The files profile or visit ``name`` is made of, in merge order (defaults, partner, visit)."""
    places = places or Places.find()
    if not places.is_visit(name):
        return places.profile_files(name)
    visit = load_layer(places.visit_file(name))
    return [*places.profile_files(_partner_of(visit, places)), places.visit_file(name)]


def briefing(name: str, *, lang: str | None = None, places: Places | None = None) -> Briefing:
    """The view model of profile ``name`` in ``lang``, ready for any renderer."""
    check_lang(lang)
    places = places or Places.find()
    return _view(load_profile(name, places), lang, places.profiles)


def _view(profile: Profile, lang: str | None, root: Path) -> Briefing:
    from briefgen.context import build_briefing
    from briefgen.validation import image_path

    logo = None
    if profile.partner.logo:
        path = image_path(profile.partner.logo, root)
        if isinstance(path, Path):  # validation has refused anything else
            logo = path.read_bytes()
    return build_briefing(profile, lang, document_timestamp(profile), logo=logo)


def document_timestamp(profile: Profile) -> str:
    """The date-time documents carry: ``SOURCE_DATE_EPOCH`` when set, else the newest fact's date.

    Never the clock, so that the same inputs give the same bytes (reproducible builds).
    """
    from briefgen.sections import newest_as_of

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
            if seconds < 0:
                raise ValueError(seconds)
            moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(
                f"SOURCE_DATE_EPOCH={quoted(epoch)}: expected a number of seconds since 1970 (0 to 253402300799)"
            ) from None
    else:
        newest = newest_as_of(profile)
        if newest is None:
            return ""
        moment = dt.datetime(newest.year, newest.month or 1, newest.day or 1, tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(
    names: Sequence[str],
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    lang: str | None = None,
    out: Path | str = "out",
    template: str | None = None,
    strict: bool = False,
    final: bool = False,
    pdf_variant: str | None = None,
    places: Places | None = None,
    timings: dict[str, float] | None = None,
    on_view: Callable[[str, Briefing], None] | None = None,
) -> list[Built]:
    """Build the briefing of each name into ``out/NAME/``; all inputs are checked before writing.

    ``timings``, when given, receives the seconds spent in each stage (``build --timings``).
    ``on_view``, when given, receives each name's view model before rendering (``watch`` previews it).

    With ``strict``, anything ``check`` would list (stale figures, unsourced claims, uncited
    sources, untranslated fields) stops the build with a CheckError before anything is rendered.
    With ``final``, a field with no current text in ``lang`` stops it with IncompleteTranslation.
    """
    from briefgen.facts import FILENAME as FACTS
    from briefgen.facts import facts_bytes
    from briefgen.output import write_all

    places = places or Places.find()
    check_lang(lang)
    wanted = _check_formats(formats)
    folder_of_template = template_dir(places, template, wanted)
    check_pdf_variant(pdf_variant)
    if strict:
        found = check(names, lang=lang, places=places)
        if found:
            raise CheckError(found)
    clock = _Clock(timings)
    loaded = {name: _merged(name, places, clock) for name in names}
    gaps = {name: _translation_gaps(merged, lang, places) for name, (merged, _) in loaded.items()}
    if final and any(gaps.values()):
        raise IncompleteTranslation(lang or "", [p for found in gaps.values() for p in found])
    views = {name: _view(profile, lang, places.profiles) for name, (_, profile) in loaded.items()}
    clock.lap("context")
    if on_view is not None:
        for name, view in views.items():
            on_view(name, view)
    built: list[Built] = []
    for name, (_, profile) in loaded.items():
        try:
            documents = render(views[name], folder_of_template, wanted, pdf_variant, timings)
            clock = _Clock(timings)
            folder = Path(out) / name
            files = [folder / filename for filename in documents]
            facts = folder / FACTS
            written = {**dict(zip(files, documents.values(), strict=True)), facts: facts_bytes(name, profile)}
            write_all(written, Path(out))
        except BriefgenError as exc:
            if len(loaded) == 1:
                raise
            raise BuildFailed(name, built, exc) from exc
        clock.lap("write")
        built.append(Built(name, files, gaps[name], lang or "", facts))
    return built


class BuildFailed(BriefgenError):
    """One name of several could not be built; ``built`` holds what was written before it."""

    def __init__(self, name: str, built: list[Built], cause: BriefgenError) -> None:
        super().__init__(f"{name}: not built: {cause.message}")
        self.name, self.built, self.cause = name, list(built), cause
        self.exit_code = cause.exit_code

    def lines(self) -> list[str]:
        """The cause's lines, each naming the build that failed."""
        return [f"{self.name}: not built: {line}" for line in self.cause.lines()]


def _translation_gaps(merged: Merged, lang: str | None, places: Places) -> list[Problem]:
    """The fields with no current text in ``lang`` (none when building in the profile's language)."""
    from briefgen.translate import fields, problem
    from briefgen.translation import own_language

    own = own_language(merged)
    if not lang or lang == own:
        return []
    return [problem(f, lang, own) for f in fields(merged, lang, places.profiles) if f.state != "current"]


class IncompleteTranslation(BriefgenError):
    """``build --final`` in a language some fields lack (or have stale text in); nothing was built."""

    def __init__(self, lang: str, gaps: Sequence[Problem]) -> None:
        super().__init__(
            f"--final: {len(gaps)} field(s) have no current '{lang}' text; nothing was built. "
            f"Translate them (briefgen translate export NAME --lang {lang}) or build without --final"
        )
        self.gaps = list(gaps)

    def lines(self) -> list[str]:
        """The summary, then one line per field."""
        return [self.message, *(str(p) for p in self.gaps)]


def translation_coverage(names: Sequence[str], lang: str, places: Places | None = None) -> Coverage:
    """How many translatable fields of the profiles (every one when ``names`` is empty) have current ``lang`` text."""
    from briefgen.translate import coverage, fields

    places = places or Places.find()
    check_lang(lang)
    found = []
    for name in names or places.partner_names() + places.visit_names():
        merged, _ = _merged(name, places)
        found += fields(merged, lang, places.profiles)
    return coverage(found, lang)


class CheckError(BriefgenError):
    """``build --strict`` found something ``check`` lists; nothing was built."""

    def __init__(self, found: Sequence[Finding]) -> None:
        super().__init__(f"--strict: {len(found)} finding(s) (see 'briefgen check'); nothing was built")
        self.found = list(found)

    def lines(self) -> list[str]:
        """The summary, then one line per finding."""
        return [self.message, *(str(f) for f in self.found)]


def check(
    names: Sequence[str] = (),
    *,
    lang: str | None = None,
    max_age: str = "12m",
    today: dt.date | None = None,
    places: Places | None = None,
) -> list[Finding]:
    """What a careful reader would flag in each profile or visit (every one when ``names`` is empty)."""
    from briefgen.checks import cutoff, findings, parse_age

    places = places or Places.find()
    check_lang(lang)
    oldest = cutoff(today or dt.date.today(), parse_age(max_age))
    found: list[Finding] = []
    seen: set[tuple[str, int | None, int | None, str]] = set()
    for name in names or places.partner_names() + places.visit_names():
        merged, profile = _merged(name, places)
        for finding in findings(merged, profile, oldest=oldest, lang=lang, root=places.profiles):
            # A visit repeats its partner's findings; list each place in a file once.
            key = (finding.problem.file, finding.problem.line, finding.problem.column, finding.kind)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return found


def render(
    view: Briefing,
    template_dir: Path,
    formats: Sequence[str],
    pdf_variant: str | None = None,
    timings: dict[str, float] | None = None,
) -> dict[str, bytes]:
    """The bytes of each requested document, by file name; nothing is written.

    When both a DOCX and a PDF are wanted and a second core is there, the DOCX is rendered in a
    forked child while this process makes the PDF (see briefgen.forked).
    """
    from briefgen import forked

    clock = _Clock(timings)
    documents: dict[str, bytes] = {}
    docx_path = template_dir / "briefing.docx"
    child = None
    if "docx" in formats and "pdf" in formats and forked.available():
        child = forked.Forked(lambda: _render_docx(view, docx_path), "briefing.docx")
    elif "docx" in formats:
        documents["briefing.docx"] = _render_docx(view, docx_path)
        clock.lap("docx")
    try:
        if "pdf" in formats or "html" in formats:
            from briefgen.render.html import render_html

            html = render_html(view, template_dir)
            clock.lap("html")
            if "html" in formats:
                documents["briefing.html"] = _standalone(html, template_dir).encode("utf-8")
            if "pdf" in formats:
                from briefgen.render.pdf import render_pdf

                documents["briefing.pdf"] = render_pdf(html, template_dir, pdf_variant)
                clock.lap("pdf")
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    if child is not None:
        documents["briefing.docx"] = child.result()
        clock.lap("docx (waiting for the parallel process)")
        if timings is not None:
            timings["docx, in a parallel process"] = child.seconds
    order = ["briefing.docx", "briefing.html", "briefing.pdf"]
    return {name: documents[name] for name in order if name in documents}


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"/:]+\.css)">')
_CSS_URL = re.compile(r'url\("([^":]+)"\)')


def _standalone(html: str, template_dir: Path) -> str:
    """The HTML as written to ``briefing.html``, standing on its own.

    Its stylesheets are inlined and their fonts and images addressed by absolute ``file:`` URLs,
    so that ``weasyprint briefing.html x.pdf`` (or a browser) renders the same document from the
    output folder.
    """
    root = template_dir.resolve()

    def inline(match: re.Match[str]) -> str:
        css = (root / match[1]).read_text(encoding="utf-8")
        css = _CSS_URL.sub(lambda m: f'url("{(root / m[1]).as_uri()}")', css)
        return f"<style>\n{css}</style>"

    return _STYLESHEET.sub(inline, html)


def _render_docx(view: Briefing, template: Path) -> bytes:
    from briefgen.render.docx import render_docx

    return render_docx(view, template)


class _Clock:
    """Adds the time since the last lap to ``timings[stage]`` (``build --timings``); free when off."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        import time

        self._timings = timings
        self._now = time.perf_counter
        self._last = self._now()

    def lap(self, stage: str) -> None:
        if self._timings is not None:
            now = self._now()
            self._timings[stage] = self._timings.get(stage, 0.0) + now - self._last
            self._last = now


def validate(targets: Sequence[str] = (), places: Places | None = None) -> list[Report]:
    """Check profiles without rendering: names, paths to YAML files, or every partner when empty."""
    places = places or Places.find()
    reports = []
    for target in targets or places.partner_names() + places.visit_names():
        files: list[str] = []
        problems: list[Problem] = []
        try:
            layers = _layers_for(target, places)
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
    from briefgen.sections import newest_as_of

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
    from briefgen.template_check import render_errors, split_tags

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


def list_templates(places: Places | None = None) -> dict[str, list[str]]:
    """Template names and the formats each provides; ``default`` is the shipped one."""
    places = places or Places.find()
    found = {"default": _formats_in(places.templates)}
    for folder in sorted(p for p in places.templates.iterdir() if p.is_dir()):
        formats = _formats_in(folder)
        if formats:
            found[folder.name] = formats
    return found


def _formats_in(folder: Path) -> list[str]:
    formats = []
    if (folder / "briefing.docx").is_file():
        formats.append("docx")
    if (folder / "briefing.html").is_file():
        formats += ["pdf", "html"]
    return formats


def _validated(layers: Sequence[Layer], root: Path) -> Profile:
    from briefgen.validation import validate as validate_merged

    return validate_merged(merge(layers), root)


def _layers(name: str, places: Places) -> list[Layer]:
    """The layers of partner or visit ``name``, in merge order."""
    if not places.is_visit(name):
        return _load_all(places.profile_files(name))
    return _visit_layers(places.visit_file(name), places)


def _visit_layers(path: Path, places: Places) -> list[Layer]:
    """A visit file over its partner's layers; its ``partner:`` key names the partner, then goes."""
    visit = _profile_layer(path)
    partner = _partner_of(visit, places)
    data = {k: v for k, v in visit.data.items() if k != "partner"}
    marks = {k: v for k, v in visit.marks.items() if not k or k[0] != "partner"}
    return [*_load_all(places.profile_files(partner)), Layer(visit.file, data, marks)]


def _partner_of(visit: Layer, places: Places) -> str:
    partner = visit.data.get("partner")
    line, column = visit.marks.get(("partner",), (None, None))
    if not isinstance(partner, str):
        message = "a visit names its partner profile, such as 'partner: japan'"
        raise ProfileError([Problem(visit.file, line, column, "partner", message)])
    known = places.partner_names()
    if partner not in known:
        close = difflib.get_close_matches(partner, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"partners found: {', '.join(known) or 'none'}"
        message = f"no partner profile named '{partner}'; {hint}"
        raise ProfileError([Problem(visit.file, line, column, "partner", message)])
    return partner


def _load_all(files: Sequence[Path]) -> list[Layer]:
    """Every file loaded, or one ProfileError with the problems of all of them."""
    layers: list[Layer] = []
    problems: list[Problem] = []
    for path in files:
        try:
            layers.append(_profile_layer(path))
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)
    return layers


def _profile_layer(path: Path) -> Layer:
    """The layer of a profile, visit or defaults file, or one line if none of its keys is a profile's.

    A file that is not a profile at all (a password file, some other program's settings) gets
    that one line: each of its keys reported as "unknown key" would echo its content back.
    """
    layer = load_layer(path)
    if not any(key in Profile.model_fields for key in layer.data):
        message = (
            f"is not a briefgen profile: none of its {len(layer.data)} top-level key(s) is a profile key "
            "such as 'partner:' or 'sources:' (its content is not shown); see 'briefgen new'"
        )
        raise ProfileError([Problem(layer.file, None, None, "", message)])
    return layer


def _layers_for(target: str, places: Places) -> list[Layer]:
    """The layers ``validate`` checks for a name or a path (a visit file merges over its partner)."""
    if not ("/" in target or target.endswith((".yaml", ".yml"))):
        return _layers(target, places)
    path = Path(target)
    if not path.is_file():
        raise InputError(f"{target}: no such file")
    layer = _profile_layer(path)
    if "partner" in layer.data and not isinstance(layer.data["partner"], dict):
        return _visit_layers(path, places)
    defaults = path.parent / f"{DEFAULTS}.yaml"
    if path.name == defaults.name or not defaults.is_file():
        return [layer]
    return [*_load_all([defaults]), layer]


def check_pdf_variant(variant: str | None) -> None:
    """Refuse a PDF variant WeasyPrint is not asked to produce here."""
    from briefgen.render.pdf import VARIANTS

    if variant is not None and variant not in VARIANTS:
        raise InputError(f"unknown PDF variant '{variant}': use one of {', '.join(VARIANTS)}")


def check_lang(lang: str | None) -> None:
    """Refuse a build language briefgen has no labels for."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")


def _check_formats(formats: Iterable[str]) -> list[str]:
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise InputError(f"unknown format '{','.join(unknown)}': use docx, pdf or html, e.g. --format docx,pdf")
    return wanted


def template_dir(places: Places, template: str | None, formats: Sequence[str]) -> Path:
    """The folder of template ``template`` (``None`` or ``default``: the shipped one), checked for ``formats``."""
    if template is None or template == "default":
        folder = places.templates
    else:
        check_name(template)
        folder = places.templates / template
        if not folder.is_dir():
            names = ", ".join(list_templates(places))
            raise InputError(f"no template named '{template}' in {places.templates} (templates found: {names})")
    provided = _formats_in(folder)
    missing = [f for f in formats if f not in provided]
    if missing:
        raise InputError(
            f"{folder}: template '{template or 'default'}' provides no {', '.join(missing)} "
            f"(it has: {', '.join(provided) or 'nothing'}); a template folder holds briefing.docx "
            "and/or briefing.html"
        )
    return folder
