"""``briefgen fonts add``: check a font file and copy it into a project's ``fonts/`` (see briefgen.data.fonts)."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefgen.data import fonts
from briefgen.data.files import read_regular
from briefgen.errors import InputError

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True)
class AddedFont:
    """A font ``briefgen fonts add`` put into a project."""

    path: Path
    family: str
    characters: int
    """How many characters it maps."""
    new: int
    """How many of them the shipped fonts do not draw."""


def add_font(file: Path, folder: Path) -> AddedFont:
    """Check ``file`` and copy it into ``folder`` (a project's ``fonts/``), then record the folder's coverage.

    Never overwrites another font of the same name (the same bytes again are accepted); InputError, with
    what to do, for a file that is not a usable font.
    """
    from briefgen.data.glyphs import drawable

    data = _read_font_file(file)
    family, points = _check_font(file, data)
    name = file.name if _NAME.fullmatch(file.name) else _safe_name(family, file.suffix)
    target = folder / name
    _make_folder(folder)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise InputError(f"{target}: is not a plain file; remove it, then add the font again")
    if target.exists():
        if target.read_bytes() != data:
            raise InputError(f"{target} already exists with other bytes; remove it first, or rename {file.name}")
    else:
        _write_new(target, data)
    _record_coverage(folder)
    new = sum(1 for p in points if not drawable(chr(p)))
    return AddedFont(target, family, len(points), new)


def _read_font_file(file: Path) -> bytes:
    if file.suffix.lower() not in fonts.SUFFIXES:
        raise InputError(f"{file}: not a font file; give a TrueType (.ttf) or OpenType (.otf) font")
    try:
        return read_regular(file, fonts.MAX_FONT_BYTES)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise InputError(
                f"{file}: larger than {fonts.MAX_FONT_BYTES >> 20} MB; use a font cut to the scripts you need"
            ) from None
        if exc.errno == errno.ELOOP:
            raise InputError(f"{file}: is a link; give the font file itself") from None
        raise InputError(f"{file}: cannot be read ({exc.strerror or exc})") from None


def _check_font(file: Path, data: bytes) -> tuple[str, frozenset[int]]:
    """The font's family and the code points it maps; InputError for anything fontTools cannot read whole."""
    import io

    from fontTools.ttLib import TTFont, TTLibError  # type: ignore[import-untyped]

    if data[:4] == b"ttcf":
        raise InputError(f"{file}: a font collection (.ttc); give one font of it, such as NotoSansKR-Regular.otf")
    try:
        font = TTFont(io.BytesIO(data), lazy=False)
        for tag in ("cmap", "name", "head", "hhea", "hmtx", "maxp"):
            font[tag]  # noqa: B018 -- decompiles the table: a broken one fails here, not at rendering
        outlines = "glyf" if "glyf" in font else "CFF " if "CFF " in font else None
        if outlines is None:
            raise InputError(
                f"{file}: has no TrueType or CFF outlines (a colour or bitmap font?); give an outline font"
            )
        font[outlines]  # noqa: B018
        points = frozenset(font.getBestCmap() or {})
        family = str(font["name"].getDebugName(1) or "").strip()
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    except InputError:
        raise
    except (TTLibError, Exception) as exc:  # fontTools raises many kinds on a damaged file
        raise InputError(
            f"{file}: not a font fontTools can read ({type(exc).__name__}); give a .ttf or .otf font"
        ) from None
    if not points:
        raise InputError(f"{file}: maps no character (no Unicode cmap); give a font for text")
    if not family or not family.isprintable():
        raise InputError(f"{file}: has no family name; give a font with one")
    if fs_type & 0x000F == 0x0002:
        raise InputError(f"{file}: its licence forbids embedding it in documents (OS/2 fsType 2); use an open font")
    return family, points


def _safe_name(family: str, suffix: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", family).strip("-") or "font"
    return f"{stem[:60]}{suffix.lower()}"


def _make_folder(folder: Path) -> None:
    if folder.is_symlink():
        raise InputError(f"{folder}: is a link; briefgen writes fonts only into the project's own fonts folder")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot be made ({exc.strerror or exc})") from None


def _write_new(target: Path, data: bytes) -> None:
    """Write ``target`` through a temporary file of its folder, renamed only if no file took its name."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".font-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.link(temporary, target)  # fails if the name was taken meanwhile: never replaces a file
    except FileExistsError:
        raise InputError(f"{target} already exists; remove it first") from None
    except OSError as exc:
        raise InputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _record_coverage(folder: Path) -> None:
    """Rewrite ``folder/coverage.json`` (families and code points of its fonts, by SHA-256: briefgen.data.glyphs)."""
    import json

    from briefgen.data.glyphs import COVERAGE_FILE, coverage_record

    recorded = coverage_record(folder)["fonts"]
    lines = [f"  {json.dumps(n)}: {json.dumps(e, sort_keys=True)}" for n, e in sorted(recorded.items())]
    text = '{"fonts": {\n' + ",\n".join(lines) + "\n}}\n"
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".coverage-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, folder / COVERAGE_FILE)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InputError(f"{folder / COVERAGE_FILE}: cannot be written ({exc.strerror or exc})") from None
