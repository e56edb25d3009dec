"""Each place is written one way per language, and the national context is an annex after the partner's sections.

The names are read from the shipped Japan profile itself, so that a locality added there is checked too.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

import briefgen
from briefgen.pipeline.api import Places
from briefgen.view.sections import IDS

from .helpers import REPO, run_cli

LANGS = ("fr", "en", "vi")
# The partner's own sections: everything between the visit's and the annex.
PARTNER_SECTIONS = ("summary", "key_figures", "partnerships", "agreements", "timeline", "people", "priorities")


def _plain(text: str) -> str:
    """``text`` without its diacritics: how a careless spelling of a Vietnamese name looks."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _flat(text: str) -> str:
    """The text with every run of white space (line ends included) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def _wrong_spellings(lang: str) -> set[str]:
    """Forms of the shipped localities' names that must not appear in a ``lang`` document.

    Another language's name of a place (unless it is this language's own, or the native name printed in
    brackets), and the name or native name stripped of its diacritics (``Quang Ninh`` for ``Quảng Ninh``).
    """
    profile = briefgen.load_profile("japan")
    wrong: set[str] = set()
    for pairing in profile.partnerships:
        for locality in (pairing.ours, *pairing.theirs):
            assert isinstance(locality.name, dict), f"{locality.name}: give the name in every language"
            own = locality.name[lang]
            right = {own, locality.native or own}
            # A name the own one carries with its level is not another spelling (tỉnh Hokkaido, Sakai City).
            wrong |= {name for name in locality.name.values() if not any(name in r for r in right)}
            wrong |= {_plain(name) for name in right if _plain(name) not in right}
    return wrong


def _pdf_text(path: Path) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The forum visit briefing (visit, every partner section, the annex) as PDF, one per language: page texts."""
    out = tmp_path_factory.mktemp("out")
    pages = {}
    for lang in LANGS:
        code, _, err = run_cli("forum-quang-ninh", "--lang", lang, "--format", "pdf", "--out", out / lang)
        assert (code, err) == (0, ""), err
        pages[lang] = _pdf_text(
            out / lang / "forum-quang-ninh" / ("briefing.pdf" if lang == "fr" else f"briefing.{lang}.pdf")
        )
    return pages


def test_the_wrong_spellings_are_the_ones_a_reader_would_trip_on() -> None:
    assert {"Quang Ninh", "Da Nang", "Ha Noi", "Hô Chi Minh-Ville", "Ho Chi Minh City", "Hanoi"} <= _wrong_spellings(
        "vi"
    )
    assert {"Quang Ninh", "Hanoi", "Ho Chi Minh City", "Ho Chi Minh-Ville", "Da Nang"} <= _wrong_spellings("fr")
    assert {"Quang Ninh", "Hanoï", "Hô Chi Minh-Ville"} <= _wrong_spellings("en")
    assert not {"Quảng Ninh", "Osaka", "北海道"} & _wrong_spellings("fr")


@pytest.mark.parametrize("lang", LANGS)
def test_each_place_is_written_one_way_in_the_pdf(built: dict[str, list[str]], lang: str) -> None:
    text = " ".join(built[lang])
    assert "Quảng Ninh" in text and "Đà Nẵng" in text and "Osaka (大阪)" in text
    assert "Quang Ninh" not in text and "Da Nang" not in text  # whatever the profile says
    for wrong in sorted(_wrong_spellings(lang)):
        assert wrong not in text, f"{lang}: {wrong!r} in the briefing"


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("fr", ["Hô Chi Minh-Ville (Thành phố Hồ Chí Minh)", "Hanoï (Hà Nội)", "Quảng Ninh", "Đà Nẵng"]),
        ("en", ["Ho Chi Minh City (Thành phố Hồ Chí Minh)", "Hanoi (Hà Nội)", "Quảng Ninh", "Đà Nẵng"]),
        ("vi", ["Thành phố Hồ Chí Minh", "Hà Nội", "Quảng Ninh", "Đà Nẵng"]),
    ],
)
def test_a_locality_shows_its_name_in_the_build_language_and_its_native_name_only_when_different(
    lang: str, shown: list[str]
) -> None:
    view = briefgen.briefing("forum-quang-ninh", lang=lang)
    assert [p.ours for p in view.partnerships] == shown
    assert [p.ours for p in view.partnerships if p.highlight] == ["Quảng Ninh"]
    assert view.visit is not None and view.visit.focus_ours == "Quảng Ninh"


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    """A copy of the shipped profiles, for visit files of the tests' own."""
    return Path(shutil.copytree(REPO / "profiles", tmp_path / "profiles"))


def _visit(profiles: Path, ours: str, theirs: str) -> None:
    shipped = (profiles / "visits/forum-quang-ninh.yaml").read_text(encoding="utf-8")
    focus = f"  focus:\n    ours: [{ours}]\n    theirs: [{theirs}]\n"
    (profiles / "visits/fictional.yaml").write_text(
        "# Fictional test visit.\n" + shipped.replace("  focus:\n    ours: [Quảng Ninh]\n", focus), encoding="utf-8"
    )


@pytest.mark.parametrize("ours", ["Ho Chi Minh City", "Hô Chi Minh-Ville", "thành phố hồ chí minh"])
def test_focus_names_a_locality_in_any_language_and_shows_it_in_the_build_language(profiles: Path, ours: str) -> None:
    _visit(profiles, ours, "大阪")
    places = Places.find(profiles)
    for lang, name in (("fr", "Hô Chi Minh-Ville"), ("en", "Ho Chi Minh City"), ("vi", "Thành phố Hồ Chí Minh")):
        view = briefgen.briefing("fictional", lang=lang, places=places)
        assert view.visit is not None
        assert (view.visit.focus_ours, view.visit.focus_theirs) == (name, "Osaka")
        assert [p.ours.split(" (")[0] for p in view.partnerships if p.highlight] == [name]


def test_focus_without_the_diacritics_is_refused_with_the_right_spelling(
    profiles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _visit(profiles, "Quang Ninh", "Osaka")
    monkeypatch.chdir(profiles.parent)
    code, _, err = run_cli("--profiles", "profiles", "validate", "fictional")
    assert code == 2
    assert err.startswith("error: profiles/visits/fictional.yaml:")
    assert err.endswith(
        ": visit.focus.ours[0]: 'Quang Ninh' is not a locality of the partner's partnerships; "
        "did you mean 'Quảng Ninh'?\n"
    )


def test_the_national_context_is_the_last_section_before_the_sources() -> None:
    assert IDS[-3:] == ("national_context", "sources", "drafting")  # the drafting block closes a visit
    assert all(IDS.index(s) < IDS.index("national_context") for s in PARTNER_SECTIONS)
    view = briefgen.briefing("japan", lang="en")
    assert [s.id for s in view.sections][-2:] == ["national_context", "sources"]
    assert view.labels["national_context"] == "Annex – National context"


@pytest.mark.parametrize("lang", LANGS)
def test_the_annex_follows_the_partner_s_sections(built: dict[str, list[str]], lang: str) -> None:
    """The annex comes after every partner section, once, then the sources; no forced page break (issue 21)."""
    labels = briefgen.briefing("japan", lang=lang).labels
    heading = {
        "fr": "Annexe – Contexte national",
        "en": "Annex – National context",
        "vi": "Phụ lục – Bối cảnh trong nước",
    }
    assert labels["national_context"] == heading[lang]
    pages = built[lang]
    contents = next(n for n, page in enumerate(pages) if page.startswith(labels["toc"]))
    text = " ".join(pages[contents + 1 :])
    assert text.count(heading[lang]) == 1, (lang, text[:200])
    before, after = text.split(heading[lang], 1)
    after = after.split(labels["recipients"], 1)[0]  # the closing block may name a People's Committee
    for section in ("visit", *PARTNER_SECTIONS):
        assert labels[section] in before and labels[section] not in after, (lang, section)
    assert labels["sources"] in after
