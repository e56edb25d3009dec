"""The shipped profiles carry English and Vietnamese text for every field, faithful to the French."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .helpers import REPO, run_cli

SHIPPED = ["profiles/defaults.yaml", "profiles/japan.yaml", "profiles/visits/forum-quang-ninh.yaml"]
LANGS = ("fr", "en", "vi")

# Month names count as numbers: "novembre 2025" is "November 2025" and "tháng 11 năm 2025".
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip

# A number, with its thousands separators (2 500, 2,500, 2.500) and decimals (7,4, 7.4).
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d+)?(?!\d)")


def numbers(text: str, lang: str) -> list[str]:
    """The numbers of ``text`` as bare digit strings, sorted (word order differs between languages).

    A day padded as Vietnamese official dates write it (ngày 01 tháng 7) is the same number as 1.
    """
    for month, name in enumerate(MONTHS.get(lang, []), start=1):
        text = re.sub(rf"\b{name}\b", f" {month} ", text)
    return sorted(re.sub(r"\D", "", found).lstrip("0") or "0" for found in NUMBER.findall(text))


def translations(data: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every ``{fr: …, en: …, vi: …}`` mapping in ``data``, with where it is."""
    if isinstance(data, dict):
        if data and set(data) <= set(LANGS) and all(isinstance(v, str) for v in data.values()):
            yield path, data
            return
        for key, value in data.items():
            yield from translations(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from translations(value, f"{path}[{i}]")


def all_translations() -> list[tuple[str, dict[str, str]]]:
    found = []
    for name in SHIPPED:
        data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
        found += [(f"{name}: {path}", texts) for path, texts in translations(data)]
    return found


def test_the_number_extraction_allows_for_each_language_s_formatting() -> None:
    assert numbers("plus de 2 500 entreprises, hausse de 7,4 % en novembre 2025", "fr") == ["11", "2025", "2500", "74"]
    assert numbers("more than 2,500 companies, up 7.4% in November 2025", "en") == ["11", "2025", "2500", "74"]
    assert numbers("hơn 2.500 doanh nghiệp, tăng 7,4% vào tháng 11 năm 2025", "vi") == ["11", "2025", "2500", "74"]
    assert numbers("the 3rd partner", "en") != numbers("troisième partenaire", "fr")


# A locality's name may be written alike in every language (Osaka, Quảng Ninh): a proper name, not a copy.
LOCALITY_NAME = re.compile(r"partnerships\[\d+\]\.(ours|theirs\[\d+\])\.name$|office\.(province|place)$")


def test_every_text_of_the_shipped_profiles_has_all_three_languages() -> None:
    found = all_translations()
    assert len(found) > 100  # the profiles' every text field, not a handful
    for where, texts in found:
        assert set(texts) == set(LANGS), where
        assert all(text.strip() for text in texts.values()), where
        if LOCALITY_NAME.search(where):
            continue
        assert texts["en"] != texts["fr"] and texts["vi"] != texts["fr"], f"{where}: copied, not translated"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_translation_carries_exactly_the_numbers_of_the_french(lang: str) -> None:
    for where, texts in all_translations():
        assert numbers(texts[lang], lang) == numbers(texts["fr"], "fr"), f"{where} ({lang}): {texts[lang]!r}"


def test_names_and_places_take_each_language_s_official_form() -> None:
    found = all_translations()
    vi = " ".join(texts["vi"] for _, texts in found)
    for french in ("Vietnam ", "Vietnam-", "Hô Chi Minh", "province de", "Japon", "PLD", "APD"):
        assert french not in vi
    assert "tỉnh Quảng Ninh" in vi and "Bộ Ngoại giao" in vi and "Chủ tịch Hồ Chí Minh" in vi
    en = " ".join(texts["en"] for _, texts in found)
    for french in ("Vietnam ", "Vietnam-", "Vietnam'", "Hô Chi Minh", "PLD", "APD"):
        assert french not in en
    assert "Ministry of Foreign Affairs of Viet Nam" in en and "Comprehensive and Progressive Agreement" in en


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_check_finds_no_untranslated_field(tmp_path: Path, lang: str) -> None:
    code, out, err = run_cli("check", "forum-quang-ninh", "--lang", lang, "--max-age", "99y")
    assert code == 0 and "untranslated" not in out + err, out + err
    # The same check does see a field whose translation is taken away.
    profiles = tmp_path / "profiles"
    shutil.copytree(REPO / "profiles", profiles)
    visit = profiles / "visits/forum-quang-ninh.yaml"
    text = visit.read_text(encoding="utf-8")
    line = {"en": "      en: Explore new sectors", "vi": "      vi: Tìm kiếm các lĩnh vực hợp tác mới"}[lang]
    line = next(full for full in text.splitlines() if full.startswith(line))
    visit.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    _, out, _ = run_cli("--profiles", profiles, "check", "forum-quang-ninh", "--lang", lang, "--max-age", "99y")
    assert f"visit.objectives[1]: no '{lang}' text" in out
