"""Fonts a project adds (``PROJECT/fonts/``), so that a partner's script the shipped fonts lack can be drawn.

The shipped fonts (``templates/fonts``: Latin, Vietnamese, Japanese) stay the default and come first;
a project made by ``briefgen init`` may add fonts for the scripts of its partners (Korean, Chinese,
Thai, Khmer…) with ``briefgen fonts add FILE.ttf``, which copies the file into ``PROJECT/fonts/``
and records its coverage there (``coverage.json``, as the shipped folder does: briefgen.data.glyphs;
the command is briefgen.data.font_install, this module lists what the folder holds).
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

from pathlib import Path

from briefgen.errors import InputError

FOLDER = "fonts"
"""The folder of a project that holds its added fonts."""

SUFFIXES = (".ttf", ".otf")

MAX_FONT_BYTES = 40 * 1024 * 1024
"""The largest font file accepted (Noto Sans CJK, the largest a briefing needs, is about 16 MB)."""

MAX_FONTS = 16
"""At most this many added fonts: each is read by every build that needs it."""


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
