"""Glyphs: what the shipped fonts cannot draw is refused at validate (corpus cases glyph_*), and the PDF
renderer refuses to draw anything with a font the template does not ship (the backstop)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.data.glyphs import drawable
from briefgen.errors import RenderError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_shipped_fonts_cover_our_scripts_and_not_others() -> None:
    for char in "Aé€Đẵ̀ 北海道ルリタニア→":
        assert drawable(char), f"U+{ord(char):04X}"
    for char in "م😀서":
        assert not drawable(char), f"U+{ord(char):04X}"


@pytest.mark.parametrize("text", ["Bonjour مرحبا", "Bonjour 서울", "Bonjour 😀"])
def test_pdf_never_draws_with_a_system_font(text: str) -> None:
    from briefgen.render.pdf import render_pdf

    html = f'<html><head><link rel="stylesheet" href="briefing.css"></head><body><p>{text}</p></body></html>'
    with pytest.raises(RenderError) as caught:
        render_pdf(html, TEMPLATES)
    # Which of the two depends on the machine's fonts: a system font that has it, or none.
    message = str(caught.value)
    assert "would use the system font(s)" in message or "no shipped font can draw" in message


def test_the_shipped_coverage_file_matches_the_fonts() -> None:
    """templates/fonts/coverage.json is what the fonts say (refresh: docs/tools/font_coverage.py)."""
    import json

    from briefgen.data.glyphs import COVERAGE_FILE, coverage_record

    fonts = TEMPLATES / "fonts"
    assert json.loads((fonts / COVERAGE_FILE).read_text(encoding="utf-8")) == coverage_record(fonts)


def _fonts_with_coverage(tmp_path: Path, edit: object) -> Path:
    """A copy of the shipped fonts whose coverage.json was changed by ``edit`` (entry of NotoSans-Regular)."""
    import json
    import shutil

    folder = tmp_path / "fonts"
    shutil.copytree(TEMPLATES / "fonts", folder)
    record = json.loads((folder / "coverage.json").read_text(encoding="utf-8"))
    edit(record["fonts"]["NotoSans-Regular.ttf"])  # type: ignore[operator]
    (folder / "coverage.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


VIETNAMESE = "ẵ"  # U+1EB5: only Noto Sans draws it (the Japanese face has no Vietnamese)


def _ascii_only(entry: dict[str, object]) -> None:
    entry["ranges"] = [[32, 126]]


def test_the_coverage_file_is_used_for_fonts_whose_bytes_it_recorded(tmp_path: Path) -> None:
    assert drawable(VIETNAMESE)
    # A record claiming the regular face has ASCII only is believed while its SHA-256 is the font's...
    assert not drawable(VIETNAMESE, _fonts_with_coverage(tmp_path / "trusted", _ascii_only))

    # ...and ignored (the font itself is read) as soon as the bytes differ from what it recorded.
    def stale(entry: dict[str, object]) -> None:
        _ascii_only(entry)
        entry["sha256"] = "0" * 64

    assert drawable(VIETNAMESE, _fonts_with_coverage(tmp_path / "stale", stale))


def test_validate_reads_no_font_with_fonttools() -> None:
    import subprocess
    import sys

    probe = "import sys, briefgen; briefgen.validate(['japan']); print('fontTools' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
