"""Glyph coverage: every character of a profile's text must be drawable by the shipped fonts.

The PDF draws text with the fonts of ``templates/fonts/`` only (``briefing.css`` declares them with
no generic fallback). A character none of them has would otherwise reach WeasyPrint, which draws it
with whatever system font it finds, or as an empty box; ``validate`` refuses it first, with file:line.

A character counts as drawable when, for at least one font family of the folder, every face of that
family (regular, bold, italic…) maps it: a bold run must not fall back to another family's face.
The coverage of a folder is read from the fonts' ``cmap`` tables with fontTools (lazily, only that
table: about 0.1 s for the shipped fonts, its import included) once per process, keyed by each
file's size and mtime. A folder may carry ``coverage.json`` (the shipped one does; written by
``docs/tools/font_coverage.py``): each font's family and code points, used only for a font whose
bytes still have the SHA-256 recorded there, so that ``validate`` and ``preview`` need not import
fontTools at all; any other font is read. WeasyPrint is never imported here.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefgen.data.files import display_path
from briefgen.data.loading import PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.errors import InputError, Problem

FONT_SUFFIXES = (".ttf", ".otf")

COVERAGE_FILE = "coverage.json"
"""Beside the fonts: their families and code points, by file name, with each file's SHA-256."""

_MAX_COVERAGE_BYTES = 4 << 20

_NOT_DRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Controls and invisible format characters: refused or ignored elsewhere, never drawn."""

_UNDRAWN_KEYS = frozenset({"source", "logo"})
"""Text fields that name something (a source key, an image file) and are never printed."""


def shipped_fonts() -> Path:
    """The folder of the fonts the shipped templates draw with."""
    from briefgen.data.catalog import shipped

    return shipped("templates") / "fonts"


def drawable(char: str, fonts: Path | None = None, added: Sequence[Path] = ()) -> bool:
    """Tell whether some font family of ``fonts`` (default: the shipped fonts) draws ``char`` in every face.

    ``added``: the font files a project adds (briefgen.data.fonts.added_fonts), which count too.
    """
    return _drawable_in(char, _coverage(_signature(fonts or shipped_fonts())) + _added_coverage(added))


def glyph_problems(merged: Merged, fonts: Path | None = None, added: Sequence[Path] = ()) -> list[Problem]:
    """One problem per text field of ``merged`` holding a character the fonts cannot draw (the first such).

    ``added``: the font files a project adds, which draw too (briefgen.data.fonts). The message names a
    font that has the character's script, to add with ``briefgen fonts add``.
    """
    folder = fonts or shipped_fonts()
    problems = []
    coverage: tuple[frozenset[int], ...] | None = None
    for path, text in _texts(merged.data):
        if coverage is not None and _drawn(coverage).issuperset(map(ord, text)):
            continue  # every character drawn, as the loop below would find one by one (most fields)
        for char in dict.fromkeys(text):
            if unicodedata.category(char) in _NOT_DRAWN:
                continue
            if 0xFE00 <= ord(char) <= 0xFE0F:  # variation selectors choose a glyph, draw none
                continue
            if coverage is None:
                coverage = _coverage(_signature(folder)) + _added_coverage(added)
            if not _drawable_in(char, coverage):
                origin = merged.origin(path)
                name = unicodedata.name(char, "unnamed")
                message = (
                    f"no font draws {char!r} (U+{ord(char):04X}, {name}); "
                    f"add one: briefgen fonts add FILE.ttf, e.g. {font_for(char)}"
                )
                problems.append(Problem(origin.file, origin.line, origin.column, format_path(path), message))
                break
    return problems


_SCRIPT_FONTS = (
    ((0x1100, 0x11FF), "Noto Sans KR"),
    ((0x3130, 0x318F), "Noto Sans KR"),
    ((0xA960, 0xA97F), "Noto Sans KR"),
    ((0xAC00, 0xD7FF), "Noto Sans KR"),
    ((0x0E00, 0x0E7F), "Noto Sans Thai"),
    ((0x1780, 0x17FF), "Noto Sans Khmer"),
    ((0x19E0, 0x19FF), "Noto Sans Khmer"),
    ((0x0E80, 0x0EFF), "Noto Sans Lao"),
    ((0x1000, 0x109F), "Noto Sans Myanmar"),
    ((0x3100, 0x312F), "Noto Sans TC"),
    ((0x3400, 0x4DBF), "Noto Sans SC or Noto Sans TC"),
    ((0x4E00, 0x9FFF), "Noto Sans SC or Noto Sans TC"),
    ((0x20000, 0x3FFFF), "Noto Sans SC or Noto Sans TC"),
    ((0x0600, 0x06FF), "Noto Sans Arabic"),
    ((0x0590, 0x05FF), "Noto Sans Hebrew"),
    ((0x0900, 0x097F), "Noto Sans Devanagari"),
    ((0x0370, 0x03FF), "Noto Sans"),
    ((0x0400, 0x04FF), "Noto Sans"),
    ((0x1F000, 0x1FAFF), "Noto Emoji"),
)
"""A Noto font for each script a partner may write in, by code point range (the first that holds it)."""


def font_for(char: str) -> str:
    """A font to add for ``char``: a Noto font of its script (``Noto Sans KR`` for Hangul), else a general hint."""
    point = ord(char)
    for (first, last), font in _SCRIPT_FONTS:
        if first <= point <= last:
            return font
    return "a Noto font of its script"


def _added_coverage(added: Sequence[Path]) -> tuple[frozenset[int], ...]:
    """The coverage of a project's added fonts, by family (none when there are none)."""
    if not added:
        return ()
    return _coverage(tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in added))


def _texts(data: Any, path: PathKey = ()) -> list[tuple[PathKey, str]]:
    """Every printed string of ``data`` with its path."""
    found: list[tuple[PathKey, str]] = []
    if isinstance(data, str):
        found.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in _UNDRAWN_KEYS:
                found.extend(_texts(value, (*path, key)))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found.extend(_texts(item, (*path, i)))
    return found


def _drawable_in(char: str, coverage: tuple[frozenset[int], ...]) -> bool:
    return any(ord(char) in family for family in coverage)


@functools.lru_cache(maxsize=4)
def _drawn(coverage: tuple[frozenset[int], ...]) -> frozenset[int]:
    """The code points some family draws in every face: what :func:`_drawable_in` accepts, as one set."""
    return frozenset().union(*coverage)


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The font files of ``folder`` with their size and mtime: the cache key of their coverage."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@functools.lru_cache(maxsize=4)
def _coverage(signature: tuple[tuple[str, int, int], ...]) -> tuple[frozenset[int], ...]:
    """Per font family, the code points every face of the family maps."""
    recorded = _recorded(Path(signature[0][0]).parent) if signature else {}
    families: dict[str, frozenset[int]] = {}
    for file, _, _ in signature:
        family, cmap = recorded.get(file) or read_font(Path(file))
        families[family] = families[family] & cmap if family in families else cmap
    return tuple(families.values())


def read_font(file: Path) -> tuple[str, frozenset[int]]:
    """A font file's family name and the code points its ``cmap`` maps, read with fontTools."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        font = TTFont(str(file), lazy=True, fontNumber=0)
        try:
            return str(font["name"].getDebugName(1) or file), frozenset(font.getBestCmap() or {})
        finally:
            font.close()
    except Exception:  # noqa: BLE001 - a damaged font fails in fontTools' many ways: one line for all
        raise InputError(
            f"{display_path(file)}: not a font briefgen can read (no TrueType or OpenType font opens from it); "
            "remove it, or add a working one with: briefgen fonts add FILE.ttf"
        ) from None


def font_coverage(file: Path) -> tuple[str, frozenset[int]]:
    """A font file's family and code points: from ``coverage.json`` while its bytes are unchanged, else read."""
    return _recorded(file.parent).get(str(file)) or read_font(file)


def coverage_record(folder: Path) -> dict[str, Any]:
    """What ``coverage.json`` holds for the fonts of ``folder``: by file name, SHA-256, family, ranges."""
    from briefgen.data.files import file_digest

    fonts: dict[str, Any] = {}
    for file, _, _ in _signature(folder):
        path = Path(file)
        family, points = read_font(path)
        fonts[path.name] = {"sha256": file_digest(path), "family": family, "ranges": _ranges(sorted(points))}
    return {"fonts": fonts}


def _recorded(folder: Path) -> dict[str, tuple[str, frozenset[int]]]:
    """The coverage ``folder/coverage.json`` records, by font path, for the fonts whose bytes are unchanged."""
    from briefgen.data.files import file_digest, read_regular

    try:
        fonts = json.loads(read_regular(folder / COVERAGE_FILE, _MAX_COVERAGE_BYTES))["fonts"]
        found = {}
        for name, entry in fonts.items():
            path = folder / name
            if path.is_file() and file_digest(path) == entry["sha256"]:
                points = frozenset(p for first, last in entry["ranges"] for p in range(first, last + 1))
                found[str(path)] = (str(entry["family"]), points)
        return found
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no record, or not one we can trust: the fonts are read instead


def _ranges(points: list[int]) -> list[list[int]]:
    """Sorted code points as [first, last] runs."""
    runs: list[list[int]] = []
    for point in points:
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return runs
