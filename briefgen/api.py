"""The library behind the CLI: every command is one call of a function here.

    >>> import briefgen
    >>> briefgen.build(["japan"], out="out")          # doctest: +SKIP
    [Built(name='japan', files=[PosixPath('out/japan/briefing.docx'), ...])]

Everything is read and checked before anything is written; renderers are imported only when a
format asks for them, so that validating or previewing never loads WeasyPrint or docxtpl.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.catalog import DEFAULTS, Places, check_name
from briefgen.errors import InputError, Problem, ProfileError
from briefgen.labels import LANGUAGES
from briefgen.loading import Layer, load_layer
from briefgen.merging import merge
from briefgen.schema import Profile
from briefgen.viewmodel import Briefing

FORMATS = ("docx", "pdf", "html")
DEFAULT_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Built:
    """The files one build wrote."""

    name: str
    files: list[Path]


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
    """One line of ``briefgen list``."""

    name: str
    partner: str
    as_of: str
    problem: str = ""


def load_profile(name: str, places: Places | None = None) -> Profile:
    """The validated profile ``name``: its files loaded, merged over the defaults and checked."""
    places = places or Places.find()
    return _validated(places.profile_files(name))


def briefing(name: str, *, lang: str | None = None, places: Places | None = None) -> Briefing:
    """The view model of profile ``name`` in ``lang``, ready for any renderer."""
    from briefgen.context import build_briefing

    _check_lang(lang)
    return build_briefing(load_profile(name, places), lang)


def build(
    names: Sequence[str],
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    lang: str | None = None,
    out: Path | str = "out",
    template: str | None = None,
    places: Places | None = None,
) -> list[Built]:
    """Build the briefing of each name into ``out/NAME/``; all inputs are checked before writing."""
    from briefgen.output import write_atomic

    places = places or Places.find()
    wanted = _check_formats(formats)
    template_dir = _template_dir(places, template, wanted)
    views = {name: briefing(name, lang=lang, places=places) for name in names}
    built = []
    for name, view in views.items():
        documents = render(view, template_dir, wanted)
        folder = Path(out) / name
        files = []
        for filename, data in documents.items():
            write_atomic(folder / filename, data)
            files.append(folder / filename)
        built.append(Built(name, files))
    return built


def render(view: Briefing, template_dir: Path, formats: Sequence[str]) -> dict[str, bytes]:
    """The bytes of each requested document, by file name; nothing is written."""
    documents: dict[str, bytes] = {}
    if "docx" in formats:
        from briefgen.render.docx import render_docx

        documents["briefing.docx"] = render_docx(view, template_dir / "briefing.docx")
    if "pdf" in formats or "html" in formats:
        from briefgen.render.html import render_html

        html = render_html(view, template_dir)
        if "html" in formats:
            documents["briefing.html"] = html.encode("utf-8")
        if "pdf" in formats:
            from briefgen.render.pdf import render_pdf

            documents["briefing.pdf"] = render_pdf(html, template_dir)
    return documents


def validate(targets: Sequence[str] = (), places: Places | None = None) -> list[Report]:
    """Check profiles without rendering: names, paths to YAML files, or every partner when empty."""
    places = places or Places.find()
    reports = []
    for target in targets or places.partner_names():
        files: list[Path] = []
        problems: list[Problem] = []
        try:
            files = _files_for(target, places)
            _validated(files)
        except ProfileError as exc:
            problems = exc.problems
        except InputError as exc:
            problems = [Problem(target, None, None, "", exc.message)]
        reports.append(Report(target, [str(f) for f in files], problems))
    return reports


def list_profiles(places: Places | None = None) -> list[ProfileInfo]:
    """The partner profiles found, each with its partner's name and its newest as-of date."""
    from briefgen.context import newest_as_of

    places = places or Places.find()
    infos = []
    for name in places.partner_names():
        try:
            profile = load_profile(name, places)
        except ProfileError as exc:
            infos.append(ProfileInfo(name, "", "", f"invalid: {exc.problems[0]}"))
            continue
        newest = newest_as_of(profile)
        infos.append(ProfileInfo(name, profile.partner.name, newest.iso if newest else ""))
    return infos


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


def _validated(files: Sequence[Path]) -> Profile:
    from briefgen.validation import validate as validate_merged

    layers: list[Layer] = []
    problems: list[Problem] = []
    for path in files:
        try:
            layers.append(load_layer(path))
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)
    return validate_merged(merge(layers))


def _files_for(target: str, places: Places) -> list[Path]:
    if "/" in target or target.endswith((".yaml", ".yml")):
        path = Path(target)
        defaults = path.parent / f"{DEFAULTS}.yaml"
        if path.name == defaults.name or not defaults.is_file():
            return [path]
        return [defaults, path]
    return places.profile_files(target)


def _check_lang(lang: str | None) -> None:
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")


def _check_formats(formats: Iterable[str]) -> list[str]:
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise InputError(f"unknown format '{','.join(unknown)}': use docx, pdf or html, e.g. --format docx,pdf")
    return wanted


def _template_dir(places: Places, template: str | None, formats: Sequence[str]) -> Path:
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
