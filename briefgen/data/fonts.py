"""Fonts a project adds (``PROJECT/fonts/``), so that a partner's script the shipped fonts lack can be drawn.

The shipped fonts (``templates/fonts``: Latin, Vietnamese, Japanese) stay the default and come first;
a project made by ``briefgen init`` may add fonts for the scripts of its partners (Korean, Chinese,
Thai, Khmer…) with ``briefgen fonts add FILE.ttf``, which copies the file into ``PROJECT/fonts/``
and records its coverage there (``coverage.json``, as the shipped folder does: briefgen.data.glyphs).
Then:

- the glyph check (``validate``, every build) counts a character drawn when an added font maps it,
  and names the font to add when none does;
- the PDF draws such characters with the added font, declared in the document as the family
  ``Briefgen Added``, last in the shipped stylesheets' font stacks, cut down to the characters of
  the document and embedded (briefgen.render.added_fonts); no system font is ever used: the PDF
  renderer refuses a font the document does not declare;
- the DOCX embeds it as it embeds the Japanese face: a TrueType subset of the document's characters,
  and names it on the runs that hold such characters (East Asian and complex-script slots).

A font file is input from outside, treated as a profile's image is: a regular file (not a link,
a pipe or a device), at most :data:`MAX_FONT_BYTES`, a single TrueType or OpenType font that
fontTools reads whole (its ``cmap``, ``name``, ``head``, ``hmtx`` and outlines), whose licence
allows embedding (``OS/2.fsType`` not "restricted"), copied only inside the project's own folder,
never through a link. The folder is read only for a trusted project (briefgen.data.project).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefgen.data.files import read_regular
from briefgen.errors import InputError

FOLDER = "fonts"
"""The folder of a project that holds its added fonts."""

SUFFIXES = (".ttf", ".otf")

MAX_FONT_BYTES = 40 * 1024 * 1024
"""The largest font file accepted (Noto Sans CJK, the largest a briefing needs, is about 16 MB)."""

MAX_FONTS = 16
"""At most this many added fonts: each is read by every build that needs it."""

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


def added_fonts(folder: Path | None) -> tuple[Path, ...]:
    """The font files of a project's ``fonts/`` folder, sorted; InputError for one that is not a plain file in it.

    None or a missing folder: none. A link, a folder named like a font, a file over the size limit
    or more than :data:`MAX_FONTS` fonts are refused, with what to do.
    """
    if folder is None or not folder.is_dir():
        return ()
    if folder.is_symlink():
        raise InputError(f"{folder}: is a link; a project's fonts folder must be a folder of the project")
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES:
            continue
        if path.is_symlink() or not path.is_file():
            raise InputError(f"{path}: is not a plain file; add fonts with 'briefgen fonts add FILE.ttf'")
        if path.stat().st_size > MAX_FONT_BYTES:
            raise InputError(f"{path}: larger than {MAX_FONT_BYTES >> 20} MB; use a font cut to the scripts you need")
        found.append(path)
    if len(found) > MAX_FONTS:
        raise InputError(f"{folder}: more than {MAX_FONTS} fonts; keep the ones your partners' scripts need")
    return tuple(found)


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
    if file.suffix.lower() not in SUFFIXES:
        raise InputError(f"{file}: not a font file; give a TrueType (.ttf) or OpenType (.otf) font")
    try:
        return read_regular(file, MAX_FONT_BYTES)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise InputError(
                f"{file}: larger than {MAX_FONT_BYTES >> 20} MB; use a font cut to the scripts you need"
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

    fonts = coverage_record(folder)["fonts"]
    lines = [f"  {json.dumps(n)}: {json.dumps(e, sort_keys=True)}" for n, e in sorted(fonts.items())]
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
