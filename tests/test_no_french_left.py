"""Done when: the English and Vietnamese Japan briefings hold no French sentence outside the sources.

Source titles keep their original language, so the check reads the PDF text before the last
"Sources" heading (the sources list closes the briefing). It looks for French function words
and elisions that no English or Vietnamese sentence uses; ``du`` and ``la`` are Vietnamese words
too (du lịch, đô la), so they are looked for in English only. The last test shows the check
catches a field left in French.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen import languages

from .helpers import REPO, run_cli

FRENCH_WORDS = ["les", "des", "une", "pour", "dans", "avec", "est", "sont", "aux", "qui", "que", "et", "le",
                "entre", "leur", "cette", "ces", "été", "où"]  # fmt: skip
ONLY_IN = {"en": ["du", "la", "à", "au"]}
_ELISION = r"(?<![\w’'])(?:[dlDLjJnNsS]|qu|Qu)[’'](?=[aeiouyhéèêâîôAEIOUYHÉÈ])"


def french_in(text: str, lang: str) -> list[str]:
    """Every French word or elision of ``text`` (the briefing before its sources), with its context."""
    words = "|".join(re.escape(w) for w in FRENCH_WORDS + ONLY_IN.get(lang, []))
    found = []
    for match in re.finditer(rf"(?<![\w’'-])(?:{words})(?![\w’'-])|{_ELISION}", text):
        found.append(" ".join(text[max(0, match.start() - 40) : match.end() + 40].split()))
    return found


def _before_sources(pdf: Path, lang: str) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    heading = languages.labels(lang)["sources"]
    end = text.rfind(f"\n{heading}\n")
    assert end > len(text) // 2, "the sources section closes the briefing"
    return text[:end]


def _build(profiles: Path, out: Path, lang: str) -> Path:
    code, _, err = run_cli("--profiles", profiles, "japan", "--lang", lang, "--format", "pdf", "--out", out)
    assert code == 0, err
    return out / "japan" / f"briefing.{lang}.pdf"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_japan_briefing_has_no_french_outside_its_sources(
    japan_built: tuple[Path, dict[str, str]], lang: str
) -> None:
    text = _before_sources(japan_built[0] / "japan" / f"briefing.{lang}.pdf", lang)
    assert len(text) > 3000  # the briefing itself, not an empty extraction
    assert french_in(text, lang) == []


def test_the_check_catches_a_field_left_in_french(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(REPO / "profiles", profiles)
    path = profiles / "japan.yaml"
    text = path.read_text(encoding="utf-8")
    # The first summary paragraph loses its English and Vietnamese: the French shows instead.
    start = text.index("      en: >-\n        Japan is currently one of")
    end = text.index("thứ tư về thương mại.\n", start) + len("thứ tư về thương mại.\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    for lang in ("en", "vi"):
        found = french_in(_before_sources(_build(profiles, tmp_path / "out", lang), lang), lang)
        assert any("Le Japon est" in f or "principaux partenaires" in f for f in found), found
