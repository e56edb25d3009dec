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
