"""Building in fr, en and vi: labels, numbers and dates read back from the DOCX and the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from .helpers import REPO, run_cli

EXPECTED = {
    "fr": ["Note de synthèse — Japon", "DIFFUSION RESTREINTE", "plus de 2 500", "33,69 Md USD",
           "27 novembre 2023", "1er partenaire", "7,4 %", "Date des informations : 2025 – 19 janvier 2026",
           "Chiffres clés"],
    "en": ["Briefing note — Japan", "RESTRICTED", "more than 2,500", "USD 33.69 bn",
           "27 November 2023", "largest partner", "third-largest partner", "7.4%",
           "Information as at 2025 – 19 January 2026", "Department of Foreign Affairs",
           "Key figures"],
    "vi": ["Tài liệu tham khảo về Nhật Bản", "LƯU HÀNH NỘI BỘ", "hơn 2.500", "33,69 tỷ USD", "27 tháng 11 năm 2023",
           "đối tác lớn nhất", "đối tác lớn thứ ba", "7,4%",
           "Thông tin cập nhật: 2025 – 19 tháng 01 năm 2026",
           "Sở Ngoại vụ"],
}  # fmt: skip


def _normal(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def built(japan_built: tuple[Path, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    """The Japan briefing in each language (built once, conftest.japan_built): (DOCX text, PDF text, stderr)."""
    out, errors = japan_built
    texts = {}
    for lang in EXPECTED:
        err = errors[lang]
        suffix = "" if lang == "fr" else f".{lang}"  # the profile's own language keeps the plain names
        document = Document(str(out / f"japan/briefing{suffix}.docx"))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        parts += [p.text for s in document.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
        pdf = " ".join(page.extract_text() for page in PdfReader(out / f"japan/briefing{suffix}.pdf").pages)
        texts[lang] = (_normal("\n".join(parts)), _normal(pdf), err)
    return texts


@pytest.mark.parametrize("lang", EXPECTED)
def test_numbers_dates_and_labels_in_both_documents(built: dict[str, tuple[str, str, str]], lang: str) -> None:
    docx, pdf, _ = built[lang]
    for expected in EXPECTED[lang]:
        assert expected in docx, f"{lang} DOCX lacks {expected!r}"
        # The Vietnamese cover's title is in capitals (Decree 30/2020's form): the PDF's text is read case-blind.
        assert expected.casefold() in pdf.casefold(), f"{lang} PDF lacks {expected!r}"


def test_the_profile_language_builds_without_warning(built: dict[str, tuple[str, str, str]]) -> None:
    assert built["fr"][2] == ""


def test_the_shipped_translations_build_without_warning(built: dict[str, tuple[str, str, str]]) -> None:
    assert built["en"][2] == "" and built["vi"][2] == ""


def test_other_languages_warn_once_with_every_untranslated_field(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    text = (profiles / "ruritania.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Ruritanie\n", "  name: {fr: Ruritanie, en: Ruritania}\n")
    (profiles / "ruritania.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--lang", "en", "--out", tmp_path / "out")
    assert code == 0, err
    (line,) = err.splitlines()  # one summary line; the list with --verbose
    assert line.startswith("warning: ruritania: en: ") and "have no current English text" in line
    assert "see 'briefgen check ruritania --lang en'" in line
    code, _, err = run_cli(
        "--profiles", profiles, "ruritania", "--lang", "en", "--out", tmp_path / "out", "-v", "--force"
    )
    assert "ruritania.yaml:" in err and "summary[0].text: no 'en' text; a draft shows the 'fr' one" in err
    assert "marking: no 'en' text" in err and "issuer: no 'en' text" in err
    assert "partner.name" not in err  # it has an 'en' text


def _fixture_profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(REPO / "tests" / "fixtures", folder)
    return folder


def test_a_mapping_gives_each_language_its_text(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    text = (profiles / "ruritania.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Ruritanie\n", "  name: {fr: Ruritanie, en: Ruritania, vi: Ru-ri-ta-ni}\n")
    (profiles / "ruritania.yaml").write_text(text, encoding="utf-8")
    for lang, name in (("fr", "Ruritanie"), ("en", "Ruritania"), ("vi", "Ru-ri-ta-ni")):
        code, out, _ = run_cli("--profiles", profiles, "preview", "ruritania", "--lang", lang, env={"COLUMNS": "160"})
        assert code == 0 and name in out


def test_strict_turns_untranslated_fields_into_exit_2(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    code, out, err = run_cli("--profiles", profiles, "ruritania", "--lang", "en", "--strict", "--out", tmp_path / "out")
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "nothing was built (--strict)" in err
    assert "untranslated: " in err and "ruritania.yaml:" in err
    assert not (tmp_path / "out/ruritania").exists()


def test_decomposed_vietnamese_is_normalised(tmp_path: Path) -> None:
    profiles = _fixture_profiles(tmp_path)
    decomposed = "Qua\u0309ng Ninh"  # as some keyboards type it
    text = (profiles / "ruritania.yaml").read_text(encoding="utf-8").replace("Ruritanie\n", f"{decomposed}\n", 1)
    (profiles / "ruritania.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli("--profiles", profiles, "ruritania", "--format", "html", "--out", tmp_path / "out")
    assert code == 0, err
    html = (tmp_path / "out/ruritania/briefing.html").read_text(encoding="utf-8")
    assert "Quảng Ninh" in html and decomposed not in html
