"""Context: numbers, dates and ranks formatted per language; sources numbered by first use."""

from __future__ import annotations

import pytest

import briefgen
from briefgen import languages
from briefgen.data.schema import Profile
from briefgen.view.context import build_briefing

NNBSP = "\u202f"


def figures(lang: str) -> dict[str, str]:
    view = briefgen.briefing("japan", lang=lang)
    found = {f.label: f.value for f in view.key_figures}
    found.update({f.label: f.value for g in view.national_context for f in g.figures})
    return found


def test_french_formats() -> None:
    found = figures("fr")
    assert found["Entreprises japonaises implantées au Vietnam"] == f"plus de 2{NNBSP}500"
    assert found["Aide publique au développement (APD)"] == "1er partenaire"
    assert found["Commerce"] == "4e partenaire"
    assert found["Investissements directs étrangers dans les collectivités locales (onze premiers mois)"] == (
        "33,69\xa0Md\xa0USD"  # a value column's short form, its spaces unbreakable
    )
    assert found["Hausse de ces investissements par rapport à la même période de l'année précédente"] == "7,4\xa0%"
    view = briefgen.briefing("japan")
    dates = [e.date for e in view.timeline]
    assert dates[0] == "27 novembre 2023"
    assert "1er juillet 2025" in dates
    # The captions give these days without a year: shown as the source gives them, no year added.
    assert "du 20 au 22 août (année non indiquée)" in dates
    assert dates[-1] == "5 novembre (année non indiquée)"  # the Forum is a commitment, not an event
    assert view.cover.info_as_of == "Date des informations : 2025 – 19 janvier 2026"
    assert view.cover.date == "Document établi le 31 décembre 2025"  # SOURCE_DATE_EPOCH of tests/conftest.py


def test_english_and_vietnamese_formats() -> None:
    en, vi = figures("en"), figures("vi")
    assert en["Japanese companies operating in Viet Nam"] == "more than 2,500"
    assert vi["Doanh nghiệp Nhật Bản đang hoạt động tại Việt Nam"] == "hơn 2.500"
    assert en["Official development assistance (ODA)"] == "largest partner"
    assert vi["Viện trợ phát triển chính thức (ODA)"] == "đối tác lớn nhất"
    # Ranks read as officials write them, in words: "third-largest partner", "đối tác lớn thứ ba".
    assert en["Investment"] == "third-largest partner" and vi["Đầu tư"] == "đối tác lớn thứ ba"
    assert en["Trade"] == "fourth-largest partner" and vi["Thương mại"] == "đối tác lớn thứ tư"
    assert "USD\xa033.69\xa0bn" in en.values() and "33,69\xa0tỷ\xa0USD" in vi.values()
    assert briefgen.briefing("japan", lang="en").timeline[0].date == "27 November 2023"
    assert briefgen.briefing("japan", lang="vi").timeline[0].date == "27 tháng 11 năm 2023"


def test_sources_numbered_in_order_of_first_use() -> None:
    view = briefgen.briefing("japan")
    assert [s.number for s in view.sources] == [1, 2, 3]
    assert view.summary[0].ref is not None and view.summary[0].ref.number == 1
    assert view.sources[0].citation.startswith("Báo Quốc Tế, « Renforcer la coopération locale Vietnam-Japon")
    assert view.sources[0].url.startswith("https://baoquocte.vn/")
    # The Japan figure from the technology-diplomacy article is the second source met.
    assert "Le Courrier du Vietnam" in view.sources[1].citation


def test_empty_sections_are_left_out() -> None:
    profile = Profile.model_validate({"issuer": "I", "marking": "M", "partner": {"name": "Fictif"}})
    view = build_briefing(profile)
    assert view.sections == [] and view.sources == [] and view.cover.info_as_of == ""


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_label_catalogues_have_the_same_keys(lang: str) -> None:
    assert set(languages.labels(lang)) == set(languages.labels("fr"))
