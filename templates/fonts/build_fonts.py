"""Rebuild the fonts shipped with the briefing template from the Debian Noto packages.

Run from anywhere: ``python templates/fonts/build_fonts.py``. Needs fontTools and the Debian
packages ``fonts-noto-core`` and ``fonts-noto-cjk`` (or pass ``--noto-dir``/``--cjk-file``).
The outputs overwrite the files next to this script; their names never change, because the
stylesheet and the PDF tests refer to them.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
CJK_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_JP_INDEX = 0
"""Index of ``NotoSansCJKjp-Regular`` inside the collection (checked at build time)."""
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")

LATIN_FACES = ("NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic")
JP_FACE = "NotoSansCJKjp-Regular"

MAX_JP_BYTES = 4_000_000
"""Above this the JIS level 2 kanji are left out (level 1 covers everyday text)."""

LATIN_RANGES: list[tuple[int, int]] = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (NBSP, « », currency, accents)
    (0x0100, 0x024F),  # Latin Extended-A and -B (Ơ ơ Ư ư …)
    (0x02B0, 0x02FF),  # Spacing modifier letters (ˆ ˜ ˇ)
    (0x0300, 0x036F),  # Combining diacritical marks (decomposed Vietnamese)
    (0x1E00, 0x1EFF),  # Latin Extended Additional (precomposed Vietnamese)
    (0x2000, 0x206F),  # General Punctuation (U+2009, U+202F, dashes, quotes, bullets)
    (0x20A0, 0x20CF),  # Currency symbols (₫ €)
    (0x2100, 0x214F),  # Letterlike symbols (№ ™)
    (0x2190, 0x21FF),  # Arrows (absent from Noto Sans 2.004; kept in case a later version has them)
    (0x2212, 0x2212),  # Minus sign
    (0x25CC, 0x25CC),  # Dotted circle, shown for stray combining marks
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
    (0xFFFD, 0xFFFD),  # Replacement character
]

JP_RANGES: list[tuple[int, int]] = [
    # Spaces, digits and Latin inside Japanese runs are shaped with this face: without them
    # WeasyPrint would draw .notdef boxes (and the PDF text layer would lose the run).
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2010, 0x203B),  # Dashes, quotes, ※ as used in Japanese text
    (0x2190, 0x21FF),  # Arrows (the Latin face has none)
    (0x2460, 0x24FF),  # Circled numbers
    (0x25A0, 0x25FF),  # Geometric shapes (■ □ ● ○ ◆)
    (0x3000, 0x303F),  # CJK symbols and punctuation (、 。 「 」 々)
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0xFF00, 0xFFEF),  # Half-width and full-width forms
]


def _codepoints(ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {cp for first, last in ranges for cp in range(first, last + 1)}


def _euc_jp(first_row: int, last_row: int, last_cell: int | None = None) -> set[int]:
    """Code points of the JIS X 0208 rows ``first_row..last_row`` (EUC-JP lead bytes)."""
    found: set[int] = set()
    for row in range(first_row, last_row + 1):
        for cell in range(0xA1, 0xFF):
            if row == last_row and last_cell is not None and cell > last_cell:
                break
            try:
                char = bytes((row, cell)).decode("euc_jp")
            except UnicodeDecodeError:
                continue  # unassigned cell
            found.add(ord(char))
    return found


JIS_NON_KANJI = _euc_jp(0xA1, 0xA8)
"""JIS X 0208 rows 1–8: symbols, digits, kana, Greek, Cyrillic, box drawing."""
JIS_LEVEL_1 = _euc_jp(0xB0, 0xCF, last_cell=0xD3)
JIS_LEVEL_2 = _euc_jp(0xD0, 0xF4, last_cell=0xA6)


def _options() -> subset.Options:
    options = subset.Options()
    options.layout_features = ["*"]  # mark/mkmk/ccmp stack Vietnamese diacritics, kern, locl
    options.name_IDs = ["*"]  # keep copyright, licence and version strings
    options.name_languages = ["*"]
    options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
    options.hinting = False  # WeasyPrint drops hinting when embedding anyway
    options.recalc_timestamp = False  # same inputs, same bytes
    return options


def _subset(font: TTFont, unicodes: set[int], out: Path) -> int:
    subsetter = subset.Subsetter(_options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(out)
    return out.stat().st_size


def _copyright(path: Path) -> str:
    return str(TTFont(path)["name"].getDebugName(0))


def _write_license(out: Path, copyrights: list[str]) -> None:
    """Write OFL.txt: the fonts' own copyright strings, then the OFL 1.1 text from Debian."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    match = re.search(r"^License: SIL-1\.1\n((?: .*\n?)+)", text, flags=re.MULTILINE)
    if match is None:
        raise SystemExit(f"no SIL-1.1 licence text found in {DEBIAN_COPYRIGHT}")
    body = "\n".join("" if line.strip() == "." else line[1:] for line in match.group(1).splitlines())
    header = "\n".join(dict.fromkeys(copyrights)) + (
        "\n\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n"
    )
    out.write_text(header + body.rstrip() + "\n", encoding="utf-8")


def build(noto_dir: Path, cjk_file: Path, out_dir: Path) -> None:
    """Subset the Latin faces and the Japanese face into ``out_dir`` and print their sizes."""
    latin = _codepoints(LATIN_RANGES)
    for face in LATIN_FACES:
        size = _subset(TTFont(noto_dir / f"{face}.ttf"), latin, out_dir / f"{face}.ttf")
        print(f"{face}.ttf: {size:,} bytes")

    def jp_font() -> TTFont:
        font = TTFont(cjk_file, fontNumber=CJK_JP_INDEX)
        name = font["name"].getDebugName(6)
        if name != JP_FACE:
            raise SystemExit(f"{cjk_file} font #{CJK_JP_INDEX} is {name!r}, expected {JP_FACE!r}")
        return font

    jp_out = out_dir / f"{JP_FACE}.otf"
    jp_base = _codepoints(JP_RANGES) | JIS_NON_KANJI | JIS_LEVEL_1
    size = _subset(jp_font(), jp_base | JIS_LEVEL_2, jp_out)
    levels = "JIS X 0208 levels 1 and 2"
    if size > MAX_JP_BYTES:
        size = _subset(jp_font(), jp_base, jp_out)
        levels = "JIS X 0208 level 1 only (level 2 would exceed the size limit)"
    print(f"{JP_FACE}.otf: {size:,} bytes, {levels}")

    outputs = [out_dir / f"{face}.ttf" for face in LATIN_FACES] + [jp_out]
    _write_license(out_dir / "OFL.txt", [_copyright(path) for path in outputs])


def main() -> None:
    """Parse the command line and build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--noto-dir", type=Path, default=NOTO_DIR)
    parser.add_argument("--cjk-file", type=Path, default=CJK_FILE)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args()
    build(args.noto_dir, args.cjk_file, args.out_dir)


if __name__ == "__main__":
    main()
