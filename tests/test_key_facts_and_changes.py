"""The pack's key-facts page (one A4 page, sources, issuer, date, marking) and the changes since an earlier pack.

The profiles are FICTIONAL (tests/fixtures) except the shipped visit, which is checked as shipped.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from pypdf import PdfReader

from briefgen import languages
from tests.helpers import FIXTURES, run_cli

FR = languages.labels("fr")


def _pack(profiles: Path | None, name: str, out: Path, *extra: str) -> Path:
    args = ["--profiles", profiles] if profiles else []
    code, _, stderr = run_cli(*args, "batch", name, "--out", out, *extra)
    assert code == 0, stderr
    return out / name


FORUM_PAST = "2026-12-08"
"""A day after the Forum (due by the end of 2025): the shipped Forum's pack is made on it, once, for every test
that reads it (its sheet's sections, gaps and visit heading read the same on any day; the aside needs it)."""


@pytest.fixture(scope="module")
def shared_pack(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path | None, str], Path]:
    """A pack made once per module for the tests that only read it: ``shared_pack(profiles, name)``, the shipped
    Forum's dated FORUM_PAST."""
    made: dict[tuple[Path | None, str], Path] = {}

    def pack(profiles: Path | None, name: str) -> Path:
        if (profiles, name) not in made:
            extra = ("--date", FORUM_PAST) if name == "forum-quang-ninh" else ()
            made[profiles, name] = _pack(profiles, name, tmp_path_factory.mktemp("pack") / "out", *extra)
        return made[profiles, name]

    return pack


def _bands(pdf: Path) -> tuple[int, str, str, str]:
    """Page count, the text of the top band, of the bottom band, and the whole text."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        words = page.extract_words()
        top = " ".join(w["text"] for w in words if w["top"] < 45)
        bottom = " ".join(w["text"] for w in words if w["bottom"] > page.height - 45)
        whole = " ".join(p.extract_text() or "" for p in document.pages)
        return len(document.pages), top, bottom, " ".join(whole.split())


@pytest.mark.parametrize(
    ("profiles", "name", "issuer", "marking"),
    [
        (None, "forum-quang-ninh", "Service des affaires extérieures", "DIFFUSION RESTREINTE"),
        (FIXTURES, "strelsau-2026", "Bureau fictif", "CONFIDENTIEL (fictif)"),
    ],
)
def test_the_key_facts_page_is_one_page_with_issuer_date_marking_and_its_sources(
    shared_pack: Callable[[Path | None, str], Path], profiles: Path | None, name: str, issuer: str, marking: str
) -> None:
    folder = shared_pack(profiles, name)
    pages, top, bottom, text = _bands(folder / "key-facts.pdf")
    # Its text never under 9 pt (check --layout): a sheet as full as the Forum's runs onto a second page.
    assert pages <= 2
    assert marking in top and marking in bottom
    assert issuer in text
    assert re.search(FR["document_date"].format(date=r"\d{1,2}(er)? \w+ \d{4}"), text)
    cited = set(re.findall(r"\[(\d+)\]", text[: text.index(FR["sources"])]))
    listed = text[text.rindex(FR["sources"]) :]
    assert cited and all(f"[{n}]" in listed for n in cited)
    for section in (FR["key_figures"], FR["people"]):
        assert section in text


def test_the_key_facts_page_of_a_complete_visit_fits_and_carries_its_reference(tmp_path: Path) -> None:
    """The complete FICTIONAL visit fills every key-facts section; the page still fits, with the note's reference."""
    folder = _pack(FIXTURES, "zenda-summit-2026", tmp_path / "out")
    pages, top, bottom, text = _bands(folder / "key-facts.pdf")
    assert pages == 1
    assert "FICTIONAL" in top and "FICTIONAL" in bottom
    assert f"{FR['reference']} FICT-2026-001" in text
    for section in (FR["purpose"], FR["interlocutors"], FR["talking_points"]):
        assert section in text


@pytest.fixture
def fictional(tmp_path: Path) -> Path:
    profiles = tmp_path / "profiles"
    shutil.copytree(FIXTURES, profiles)
    return profiles


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_a_pack_rebuilt_after_an_edit_lists_the_changes_and_a_first_or_unchanged_pack_does_not(
    fictional: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    heading = FR["changes"].split("{date}")[0].strip()
    first = _pack(fictional, "strelsau-2026", out)
    assert heading not in _pdf_text(first / "briefing.pdf")
    assert heading not in _docx_text(first / "briefing.docx")

    partner = fictional / "ruritania.yaml"
    text = partner.read_text(encoding="utf-8")
    assert "    value: 2500\n" in text
    text = text.replace("    value: 2500\n", "    value: 2700\n", 1)
    text = text.replace(
        "key_figures:\n",
        "key_figures:\n  - label: Ports fictifs\n    value: 4\n    as_of: 2025-02\n    source: fict-src\n",
        1,
    )
    partner.write_text(text, encoding="utf-8")
    second = _pack(fictional, "strelsau-2026", out)
    for body in (_pdf_text(second / "briefing.pdf"), _docx_text(second / "briefing.docx")):
        assert heading in body
        assert re.search(r"Entreprises fictives\W+plus de 2\W?500 .*→ Entreprises fictives\W+plus de 2\W?700", body)
        assert FR["change_added"] in body and "Ports fictifs" in body
        assert FR["change_changed"] in body

    third = _pack(fictional, "strelsau-2026", out, "--force")
    assert heading not in _pdf_text(third / "briefing.pdf")
    assert heading not in _docx_text(third / "briefing.docx")


def test_the_key_facts_page_leaves_out_the_visit_s_gaps(shared_pack: Callable[[Path | None, str], Path]) -> None:
    """The shipped visit has no talking points or interlocutors yet: the sheet shows no empty heading for them."""
    folder = shared_pack(None, "forum-quang-ninh")
    _, _, _, text = _bands(folder / "key-facts.pdf")
    for gap in (FR["talking_points"], FR["interlocutors"], FR["to_be_completed"]):
        assert gap not in text


def test_the_visit_heading_sets_its_aside_off_from_its_note_reference(
    shared_pack: Callable[[Path | None, str], Path],
) -> None:
    """The sheet's visit heading: the Forum's name, its note ``[1]``, then a space and the aside saying the visit
    is past (it ran on: ``Forum [1]Déjà passée``), in the sheet and in the briefing."""
    folder = shared_pack(None, "forum-quang-ninh")  # made on FORUM_PAST, 8 December 2026
    past = "Déjà passée au 8 décembre 2026"
    for name in ("key-facts.pdf", "briefing.pdf"):
        text = _pdf_text(folder / name)
        assert f"Forum de coopération locale Vietnam-Japon [1] {past}" in text, name
        assert f"[1]{past}" not in text, name
