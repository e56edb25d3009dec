"""``briefgen doctor``: check that this machine can build briefings, and say how to fix what it can't.

Each check is a :class:`Check` that is ok or names a problem with its fix. The checks, in order:
Python; the renderers' versions; WeasyPrint, Pango and HarfBuzz subsetting; the template fonts'
glyphs for Latin, Vietnamese and Japanese sample text; the project settings (``briefgen.toml``) in
use; the templates; every profile and visit; the output folder. Nothing is written but a temporary
file in an existing output folder, removed at once. WeasyPrint is imported inside
:func:`run_checks`, never when this module is imported.
"""

# No ``from __future__ import annotations`` here: typer reads the annotations of every command on each
# run, and strings it would compile and evaluate one by one (briefgen.cli.app explains).

import contextlib
import ctypes.util
import io
import os
import sys
import tempfile
import warnings
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import briefgen
from briefgen import Places, __version__

PYTHON_MIN = (3, 11)
WEASYPRINT_MIN = 70
PANGO_MIN = (1, 44)
RENDERERS = ("weasyprint", "docxtpl", "pydantic", "typer")
"""The distributions ``briefgen --version`` reports, besides briefgen itself."""

SAMPLES = {
    "Latin": "Briefing",
    "Vietnamese": "Quảng Ninh Đà Nẵng",
    "Japanese": "北海道 日本",
}
"""Text each script's fonts must draw, by script."""

FONT_SUFFIXES = (".ttf", ".otf")
SUBSET_FIX = "apt-get install libharfbuzz-subset0 (makes PDF writing about 3x faster)"
PANGO_FIX = (
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 "
    "(see https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)"
)


@dataclass(frozen=True)
class Check:
    """The outcome of one check: ok, or a problem and how to fix it."""

    name: str
    """A short stable identifier (``python``, ``pango``, ``fonts-japanese``, ``profile:japan``)."""
    ok: bool
    detail: str
    """What was found, in a sentence."""
    fix: str = ""
    """For a problem: what to do about it."""

    def line(self) -> str:
        """The check as ``briefgen doctor`` prints it: ``ok: …`` or ``problem: …; fix: …``."""
        if self.ok:
            return f"ok: {self.detail}"
        return f"problem: {self.detail}" + (f"; fix: {self.fix}" if self.fix else "")

    def as_dict(self) -> dict[str, Any]:
        """The check as a JSON-ready mapping (``doctor --json``)."""
        return asdict(self)


def versions() -> dict[str, str]:
    """The versions of briefgen, Python and the renderers, read from package metadata (nothing imported)."""
    found = {"briefgen": __version__, "python": _python_version()}
    for name in RENDERERS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def run_checks(places: Places | None = None, out: Path | str = "out") -> list[Check]:
    """Every check of ``briefgen doctor``, in order, for the folders in ``places`` and output folder ``out``."""
    places = places or Places.find()
    checks = [_python(), _docxtpl()]
    weasyprint, problem = _import_weasyprint()
    checks += [_weasyprint(weasyprint, problem), _pango(weasyprint), _harfbuzz_subset(weasyprint)]
    checks += _fonts(places.templates / "fonts")
    checks.append(_project(places))
    checks += _added_fonts(places)
    checks.append(_templates(places))
    checks += _profiles(places)
    checks.append(_output(Path(out)))
    return checks


def _python_version() -> str:
    return ".".join(str(n) for n in sys.version_info[:3])


def _python() -> Check:
    need = ".".join(map(str, PYTHON_MIN))
    if sys.version_info >= PYTHON_MIN:
        return Check("python", True, f"Python {_python_version()} ({sys.executable})")
    return Check(
        "python",
        False,
        f"Python {_python_version()} is too old: briefgen needs {need} or newer",
        f"install Python {need} or newer and run 'python3 -m briefgen.bootstrap' with it",
    )


def _docxtpl() -> Check:
    try:
        return Check("docxtpl", True, f"docxtpl {metadata.version('docxtpl')} (writes the Word briefing)")
    except metadata.PackageNotFoundError:
        return Check("docxtpl", False, "docxtpl is not installed: no Word briefing", "pip install 'docxtpl>=0.18'")


def _import_weasyprint() -> tuple[Any, str]:
    """WeasyPrint's module, or None and why it could not be imported."""
    try:
        # WeasyPrint prints its own help to stdout when a library is missing, and warns when
        # HarfBuzz-Subset is: both would garble our report, which says the same thing.
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import weasyprint  # type: ignore[import-untyped]
            import weasyprint.text.ffi  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as exc:
        return None, f"is not installed ({exc})"
    except OSError as exc:
        return None, f"cannot load its system libraries ({exc})"
    return weasyprint, ""


def _weasyprint(weasyprint: Any, problem: str) -> Check:
    if weasyprint is None:
        fix = "pip install 'weasyprint>=70'" if "not installed" in problem else PANGO_FIX
        return Check("weasyprint", False, f"WeasyPrint {problem}: no PDF", fix)
    version = str(weasyprint.__version__)
    major = version.split(".")[0]
    if major.isdigit() and int(major) < WEASYPRINT_MIN:
        return Check(
            "weasyprint",
            False,
            f"WeasyPrint {version} is too old: briefgen needs {WEASYPRINT_MIN} or newer",
            f"pip install 'weasyprint>={WEASYPRINT_MIN}'",
        )
    return Check("weasyprint", True, f"WeasyPrint {version} (writes the PDF briefing)")


def _pango(weasyprint: Any) -> Check:
    if weasyprint is None:
        return Check("pango", False, "Pango: not checked, WeasyPrint could not be loaded", PANGO_FIX)
    number = int(weasyprint.text.ffi.pango.pango_version())  # 15012 for 1.50.12
    version = (number // 10000, number // 100 % 100, number % 100)
    shown = ".".join(map(str, version))
    need = ".".join(map(str, PANGO_MIN))
    if version[:2] < PANGO_MIN:
        return Check("pango", False, f"Pango {shown} is too old: WeasyPrint needs {need} or newer", PANGO_FIX)
    return Check("pango", True, f"Pango {shown}")


def _harfbuzz_subset(weasyprint: Any) -> Check:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (slow).

    WeasyPrint 70 uses HarfBuzz when it could open libharfbuzz-subset and HarfBuzz is 4.1.0 or
    newer (``weasyprint/pdf/fonts.py``); when WeasyPrint itself cannot be loaded, look for the
    library the way ctypes would.
    """
    if weasyprint is not None:
        ffi = weasyprint.text.ffi
        available = ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))
    else:
        available = ctypes.util.find_library("harfbuzz-subset") is not None
    if available:
        return Check("harfbuzz-subset", True, "HarfBuzz subsetting available (fast PDF font embedding)")
    return Check(
        "harfbuzz-subset",
        False,
        "HarfBuzz subsetting (libharfbuzz-subset 4.1 or newer) not found: fonts are subset with fontTools",
        SUBSET_FIX,
    )


def _fonts(folder: Path) -> list[Check]:
    """For each script, whether the template's fonts together have a glyph for every sample character."""
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    if not files:
        fix = "restore the template's fonts/ folder (see templates/fonts/README.md)"
        return [
            Check(f"fonts-{script.lower()}", False, f"{script} text: no .ttf or .otf font in {folder}", fix)
            for script in SAMPLES
        ]
    cmaps = _character_maps(files)
    if cmaps is None:
        names = ", ".join(p.name for p in files)
        return [
            Check(f"fonts-{script.lower()}", True, f"{script} text: fonts found ({names}); glyphs not checked")
            for script in SAMPLES
        ]
    checks = []
    for script, sample in SAMPLES.items():
        wanted = sorted({c for c in sample if not c.isspace()})
        missing = [c for c in wanted if not any(ord(c) in cmap for cmap in cmaps.values())]
        name = f"fonts-{script.lower()}"
        if missing:
            shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing)
            checks.append(
                Check(
                    name,
                    False,
                    f"{script} text ({sample}): no font in {folder} has {shown}",
                    "add a font that has them to the template's fonts/ folder and to its stylesheet "
                    "(see templates/fonts/README.md)",
                )
            )
            continue
        whole = [path.name for path, cmap in cmaps.items() if all(ord(c) in cmap for c in wanted)]
        by = ", ".join(whole) if whole else f"the {len(cmaps)} fonts together"
        checks.append(Check(name, True, f"{script} text ({sample}): {by}"))
    return checks


def _character_maps(files: list[Path]) -> dict[Path, set[int]] | None:
    """The code points each font has a glyph for; None when fontTools (a WeasyPrint dependency) is missing."""
    try:
        from fontTools.ttLib import TTFont, TTLibError  # type: ignore[import-untyped]
    except ImportError:
        return None
    cmaps: dict[Path, set[int]] = {}
    for path in files:
        try:
            with TTFont(path, lazy=True) as font:
                cmaps[path] = set(font.getBestCmap() or {})
        except (OSError, TTLibError, AssertionError):
            cmaps[path] = set()  # an unreadable font draws nothing
    return cmaps


def _project(places: Places) -> Check:
    """Which ``briefgen.toml`` is in use (found and trusted by briefgen.data.project), or where the search stopped."""
    if places.project is not None:
        return Check("project", True, f"project settings: {places.project.config}")
    searched = briefgen.project_search()
    span = f"{searched[0]} up to {searched[-1]}" if searched else "the current folder"
    return Check("project", True, f"no briefgen.toml in {span}: no project settings in use")


def _added_fonts(places: Places) -> list[Check]:
    """The fonts the project adds (``briefgen fonts add``): each readable, and the characters it draws."""
    if places.fonts is None:
        return []
    try:
        files = list(places.added_fonts())
    except briefgen.InputError as exc:
        return [Check("fonts-added", False, exc.message, "remove it, or add a font with: briefgen fonts add FILE")]
    if not files:
        return [Check("fonts-added", True, f"no font added in {places.fonts} (the shipped fonts draw everything)")]
    cmaps = _character_maps(files) or {}
    checks = []
    for path in files:
        drawn = len(cmaps.get(path, ()))
        if path in cmaps and not drawn:
            fix = f"replace it: briefgen fonts add FILE (a .ttf or .otf font), then delete {path.name}"
            checks.append(
                Check(f"fonts-added:{path.name}", False, f"added font {path}: unreadable, draws nothing", fix)
            )
        else:
            checks.append(Check(f"fonts-added:{path.name}", True, f"added font {path}: {drawn} characters"))
    return checks


def _templates(places: Places) -> Check:
    fix = "point --templates (or BRIEFGEN_TEMPLATES) at a template folder, or reinstall briefgen"
    if not places.templates.is_dir():
        return Check("templates", False, f"templates folder {places.templates} does not exist", fix)
    found = briefgen.list_templates(places)
    shown = "; ".join(f"{name} ({', '.join(formats) or 'nothing'})" for name, formats in found.items())
    missing = [f for f in briefgen.FORMATS if f.name not in found["default"]]
    if missing:
        files = ", ".join(dict.fromkeys(t for f in missing for t in f.templates))
        hint = " (python3 templates/make_briefing_docx.py rebuilds briefing.docx)" if "briefing.docx" in files else ""
        return Check(
            "templates",
            False,
            f"templates in {places.templates}: {shown}; the default template provides no "
            f"{', '.join(f.name for f in missing)}",
            f"restore {files}{hint}",
        )
    return Check("templates", True, f"templates in {places.templates}: {shown}")


def _profiles(places: Places) -> list[Check]:
    if not places.profiles.is_dir():
        fix = "point --profiles (or BRIEFGEN_PROFILES) at a profiles folder"
        return [Check("profiles", False, f"profiles folder {places.profiles} does not exist", fix)]
    reports = briefgen.validate([], places)
    if not reports:
        return [Check("profiles", False, f"no profile in {places.profiles}", "briefgen new NAME writes one to fill in")]
    visits = set(places.visit_names())
    checks = []
    for report in reports:
        kind = "visit" if report.target in visits else "profile"
        name = f"{kind}:{report.target}"
        if report.ok:
            checks.append(Check(name, True, f"{kind} {report.target} is valid"))
            continue
        first, more = report.problems[0], len(report.problems) - 1
        others = f" (and {more} more)" if more else ""
        checks.append(
            Check(name, False, f"{kind} {report.target}: {first}{others}", f"briefgen validate {report.target}")
        )
    return checks


def _output(out: Path) -> Check:
    """Whether ``out`` is a folder briefgen can write into, or one it can create; nothing is left behind."""
    fix = "choose another folder with --out DIR, or make this one writable"
    if out.exists() and not out.is_dir():
        return Check("output", False, f"output folder {out} is a file", "choose a folder with --out DIR")
    if out.is_dir():
        try:
            handle, name = tempfile.mkstemp(dir=out, prefix=".briefgen-doctor-")
            os.close(handle)
            os.unlink(name)
        except OSError as exc:
            return Check("output", False, f"output folder {out} is not writable ({exc.strerror or exc})", fix)
        return Check("output", True, f"output folder {out} is writable")
    parent = out.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return Check(
            "output",
            False,
            f"output folder {out} cannot be created: {parent} is a file",
            "choose a folder with --out DIR",
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        return Check("output", False, f"output folder {out} cannot be created: {parent} is not writable", fix)
    return Check("output", True, f"output folder {out} does not exist yet; it can be created in {parent}")
