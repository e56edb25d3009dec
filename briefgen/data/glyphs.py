"""Glyph coverage: every character of a profile's text must be drawable by the shipped fonts.

The PDF draws text with the fonts of ``templates/fonts/`` only (``briefing.css`` declares them with
no generic fallback). A character none of them has would otherwise reach WeasyPrint, which draws it
with whatever system font it finds, or as an empty box; ``validate`` refuses it first, with file:line.

A character counts as drawable when, for at least one font family of the folder, every face of that
family (regular, bold, italic…) maps it: a bold run must not fall back to another family's face.
The coverage of a folder is read from the fonts' ``cmap`` tables with fontTools (lazily, only that
table: about 0.2 s for the shipped fonts) once per process, keyed by each file's size and mtime.
fontTools is imported here only, never WeasyPrint.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

from briefgen.data.loading import PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.errors import Problem

FONT_SUFFIXES = (".ttf", ".otf")

_NOT_DRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Controls and invisible format characters: refused or ignored elsewhere, never drawn."""

_UNDRAWN_KEYS = frozenset({"source", "logo"})
"""Text fields that name something (a source key, an image file) and are never printed."""


def shipped_fonts() -> Path:
    """The folder of the fonts the shipped templates draw with."""
    from briefgen.data.catalog import shipped

    return shipped("templates") / "fonts"


def drawable(char: str, fonts: Path | None = None) -> bool:
    """Tell whether some font family of ``fonts`` (default: the shipped fonts) draws ``char`` in every face."""
    return _drawable_in(char, _coverage(_signature(fonts or shipped_fonts())))


def glyph_problems(merged: Merged, fonts: Path | None = None) -> list[Problem]:
    """One problem per text field of ``merged`` holding a character the fonts cannot draw (the first such)."""
    folder = fonts or shipped_fonts()
    problems = []
    coverage: tuple[frozenset[int], ...] | None = None
    for path, text in _texts(merged.data):
        for char in dict.fromkeys(text):
            if unicodedata.category(char) in _NOT_DRAWN:
                continue
            if 0xFE00 <= ord(char) <= 0xFE0F:  # variation selectors choose a glyph, draw none
                continue
            if coverage is None:
                coverage = _coverage(_signature(folder))
            if not _drawable_in(char, coverage):
                origin = merged.origin(path)
                name = unicodedata.name(char, "unnamed")
                message = (
                    f"character U+{ord(char):04X} ({name}) cannot be drawn by the shipped fonts; "
                    "remove it or write it in Latin, Vietnamese or Japanese script"
                )
                problems.append(Problem(origin.file, origin.line, origin.column, format_path(path), message))
                break
    return problems


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


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The font files of ``folder`` with their size and mtime: the cache key of their coverage."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@functools.lru_cache(maxsize=4)
def _coverage(signature: tuple[tuple[str, int, int], ...]) -> tuple[frozenset[int], ...]:
    """Per font family, the code points every face of the family maps."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    families: dict[str, frozenset[int]] = {}
    for file, _, _ in signature:
        font = TTFont(file, lazy=True, fontNumber=0)
        try:
            family = str(font["name"].getDebugName(1) or file)
            cmap = frozenset(font.getBestCmap() or {})
        finally:
            font.close()
        families[family] = families[family] & cmap if family in families else cmap
    return tuple(families.values())
